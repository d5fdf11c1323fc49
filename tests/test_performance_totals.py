"""Stage 6 of the performance reader: 合计, closing texts, claims, cancelled, doubts."""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalog.performance import layout
from juesuan.model import Evidence
from juesuan.model.performance import BudgetLine, Cell, Indicator
from juesuan.structure.performance import totals
from tests.performance_kit import form, row


def test_total_row() -> None:
    f = form()
    totals.read_total(f, row("合计", "", "100", "95.5"))
    assert f.p.total_weight is not None and f.p.total_weight.value == Decimal(100)
    assert f.p.total_score is not None and f.p.total_score.value == Decimal("95.5")
    assert f.p.total_evidence is not None and f.p.total_evidence.text == "合计\t\t100\t95.5"
    assert totals.is_total_row("合计", layout()) and not totals.is_total_row("合", layout())


def test_a_lone_100_is_the_weight_of_a_scored_form_and_extra_numbers_are_noted() -> None:
    f = form()
    totals.read_total(f, row("合计", "100"))
    assert f.p.total_weight is not None and f.p.total_score is None
    f.p.scored = False
    totals.read_total(f, row("合计", "100"))
    assert f.p.total_score is not None
    totals.read_total(f, row("合计", "1", "100", "99"))
    assert f.p.notes == ["合计行多出数字"] and f.p.indicators_uncertain


def test_closing_texts() -> None:
    lay = layout()
    assert totals.text_label("评价结论", lay) == "conclusion"
    assert totals.text_label("价结论", lay) == "conclusion"  # clipped
    assert totals.text_label("进", lay) == "measures"
    assert totals.text_label("评价结论项目完成良好", lay) is None  # label glued to its text
    f = form()
    totals.read_text_row(f, row("结论", "项目完成", "良好").cells, "conclusion")
    assert f.p.conclusion is not None and f.p.conclusion.text == "项目完成良好"


def test_claims_in_printed_order() -> None:
    text = "项目自评总分 99.5 分，其中预算执行得分9.5分，预算执行率为95%，绩效指标得分90分。"
    found = totals.claims(Cell(text, line=7), layout())
    assert [(c.kind, c.value, c.unit) for c in found] == [
        ("total_score", Decimal("99.5"), "分"),
        ("budget_score", Decimal("9.5"), "分"),
        ("rate", Decimal(95), "%"),
        ("indicator_score", Decimal(90), "分"),
    ]
    assert found[0].evidence.text == "自评总分99.5分" and found[0].evidence.line == 7


def test_close_finds_claims_cancelled_and_doubts() -> None:
    f = form()
    p = f.p
    p.conclusion = Cell("自评得分120分。")
    p.budget.append(BudgetLine("total", "总额", Evidence(""), reason=Cell("项目已取消实施")))
    p.budget[0].score = Cell("10", value=Decimal(10))
    p.indicators.append(
        Indicator("产出指标", None, "x", Evidence(""), score=Cell("95", value=Decimal(95)))
    )
    p.total_score = Cell("## #")
    totals.close(f)
    assert [c.kind for c in p.claims] == ["total_score"]
    assert p.cancelled is not None and p.cancelled.text == "已取消"
    assert p.doubts == [
        "合计得分印为“## #”，无法读取",
        "各项得分之和 105 分超过满分 100 分（表格可能多读了行，或分值、得分填错）",
    ]
    assert p.scores_doubtful
