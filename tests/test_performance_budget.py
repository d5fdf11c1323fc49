"""Stage 4 of the performance reader: the budget lines of 预算执行情况."""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalog.performance import layout
from juesuan.model.performance import BudgetLine
from juesuan.structure.performance import budget
from juesuan.structure.performance.form import Form
from tests.performance_kit import form, row

HEADER = (
    *("预算执行情况（10分）", "年度预算数（万元）", "年初预算数", "调整后预算数", "全年执行数"),
    *("执行率", "权重", "得分", "原因"),
)


def headed() -> Form:
    f = form()
    budget.read_budget_header(f, row(*HEADER))
    return f


def line(b: BudgetLine) -> tuple[str | None, ...]:
    return tuple(
        None if c is None else c.text
        for c in (b.initial, b.adjusted, b.executed, b.rate, b.weight, b.score, b.reason)
    )


def test_header_columns_and_points() -> None:
    f = headed()
    assert f.budget_header is not None
    assert f.budget_header.anchor == 1
    assert f.budget_header.cols == {
        **{"initial": 2, "adjusted": 3, "executed": 4},
        **{"rate": 5, "weight": 6, "score": 7, "reason": 8},
    }
    assert f.p.budget_points == Decimal(10) and f.p.notes == []
    assert budget.is_budget_header(row(*HEADER), layout())
    assert not budget.is_budget_header(row("年初预算数", "100.00"), layout())
    # 全年预算数 and 分值 name no column (only 调整后 and 权重 do)
    cols, _, _ = budget.header_columns(row("年初预算数", "全年预算数", "全年执行数", "分值"))
    assert cols == {"initial": 0, "executed": 2}


def test_a_clipped_header_is_noted() -> None:
    f = form()
    budget.read_budget_header(f, row("年初预算", "调整后预算数", "执行数", "执行率", "重", "分"))
    assert f.budget_header is not None and f.budget_header.cols["weight"] == 4
    assert f.p.budget_uncertain and "截断" in f.p.notes[0]


def test_a_full_row_left_to_right() -> None:
    f = headed()
    budget.read_budget_row(
        f, row("", "总额", "100.00", "120.00", "90.00", "75.00%", "10", "7.5", "延期")
    )
    (total,) = f.p.budget
    assert (total.source, total.label) == ("total", "总额")
    assert line(total) == ("100.00", "120.00", "90.00", "75.00%", "10", "7.5", "延期")
    assert total.executed is not None and total.executed.value == Decimal("90.00")


def test_sources_by_clipped_labels_in_printed_order() -> None:
    f = headed()
    for label in ("额", "其中：财政", "财政专户", "位资金", "其它资金"):
        budget.read_budget_row(f, row("", label, "1", "1", "1", "100%", "/", "/"))
    assert [b.source for b in f.p.budget] == ["total", "fiscal", "special", "unit", "other"]
    assert f.p.notes == []


def test_fewer_amounts_go_under_their_header_columns() -> None:
    f = headed()
    budget.read_budget_row(f, row("", "总额", "", "120.00", "90.00", "75.00%"))
    assert line(f.p.budget[0])[:4] == (None, "120.00", "90.00", "75.00%")
    # without a rate, the cells after three amounts are weight and score
    amounts, rate, weight, score, reason = budget.split_values(row("1", "2", "3", "4", "5").cells)
    assert [c.text for c in amounts] == ["1", "2", "3"] and rate is None and reason == []
    assert weight is not None and weight.text == "4" and score is not None and score.text == "5"


def test_an_unknown_label_with_numbers_is_noted() -> None:
    f = headed()
    budget.read_budget_row(f, row("", "专项经费", "10.00", "10.00"))
    assert f.p.budget == [] and f.p.budget_uncertain
    assert f.p.notes == ["无法归属的预算行：专项经费\t10.00\t10.00"]


def test_a_line_without_numbers_carries_on_the_total_reason() -> None:
    f = headed()
    budget.read_budget_row(f, row("", "总额", "100", "100", "80", "80%", "10", "8", "部分项目"))
    budget.read_budget_row(f, row("", "财政资金", "", "", "", "", "/", "/", "未实施"))
    budget.read_budget_row(f, row("", "", "", "", "", "", "", "/", "已取消"))
    total, fiscal = f.p.budget
    assert total.reason is not None and total.reason.text == "部分项目未实施已取消"
    assert line(fiscal) == (None, None, None, None, "/", "/", None)


def test_the_2020_label_value_pairs() -> None:
    f = form()
    budget.read_budget_row(f, row("预算数:", "32.35", "执行数:", "31.68"))
    budget.read_budget_row(f, row("其中-财政拨款:", "32.35", "执行数:", "31.68"))
    total, fiscal = f.p.budget
    assert (total.source, total.label) == ("total", "预算数")
    assert line(total)[:3] == (None, "32.35", "31.68")
    assert fiscal.source == "fiscal" and line(fiscal)[:3] == (None, "32.35", "31.68")
