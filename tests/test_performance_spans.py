"""Stage 2 of the performance reader: where forms start and end, and what each span holds."""

from __future__ import annotations

from juesuan.catalog.performance import layout
from juesuan.model import Disclosure, Evidence, SourceInfo, Table, TableKind, TableRow
from juesuan.structure.performance.form import new_form
from juesuan.structure.performance.recognise import (
    COLUMNS,
    HEADER,
    TARGET_BY_HEADER,
    TITLE,
    has_target_structure,
    recognise,
    scoring_columns,
    target_columns,
    titled_target,
)
from juesuan.structure.performance.spans import (
    Span,
    find_spans,
    group_heading,
    standard_lines,
    stops,
    title_kind,
)
from tests.performance_kit import T, phys, row, rows

NAME = T.join(["项目名称", "测试项目"])


def spans_of(*lines: str) -> list[tuple[str, int, int]]:
    return [(s.kind, s.start, s.end) for s in find_spans(phys(*lines), layout(), set())]


def test_titles() -> None:
    lay = layout()
    assert title_kind(row("部门预算项目支出绩效自评表"), lay) == "project"
    assert title_kind(row("项目绩效自评表（2023年度）"), lay) == "project"  # other words
    assert title_kind(row("部门整体支出绩效自评表"), lay) == "department"
    assert title_kind(row("财政项目支出绩效目标填报表"), lay) == "target"
    assert title_kind(row("部门整体支出绩效目标表"), lay) == "target_department"
    assert title_kind(row("项目支出绩效自评表......12"), lay) is None  # a 目录 line
    assert title_kind(row("本单位开展绩效自评工作的情况"), lay) is None  # no 表


def test_group_headings_and_stops() -> None:
    lay = layout()
    (heading,) = rows("1.财政拨款人员类项目")
    assert group_heading(heading, lay) == ("人员类", "财政拨款")
    (other,) = rows("2.非财政拨款运转类项目")
    assert group_heading(other, lay) == ("运转类", "非财政拨款")
    assert group_heading(row("人员类项目"), lay) is None  # a table cell
    assert all(stops(r) for r in rows("第三部分 附件", "三、其他说明", "附表：项目情况"))
    assert not stops(row("三、其他说明"))  # in a table


def test_a_form_runs_from_its_title_to_the_next_one() -> None:
    found = spans_of("项目支出绩效自评表", NAME, "x", "项目支出绩效自评表", NAME, "第三部分")
    assert found == [("project", 0, 3), ("project", 3, 5)]


def test_an_untitled_form_starts_at_its_name_row_and_ends_at_a_heading() -> None:
    found = spans_of(NAME, "x", NAME, "y", "三、名词解释", "z")
    assert found == [("untitled", 0, 2), ("untitled", 2, 4)]


def test_a_title_printed_once_heads_the_untitled_forms_after_it() -> None:
    lines = ("附表：项目支出绩效自评表", "项目支出绩效自评表", NAME, "x", NAME, "y")
    spans = find_spans(phys(*lines), layout(), set())
    assert [(s.kind, s.start) for s in spans] == [("project", 1), ("untitled", 4)]
    assert spans[1].shared is not None and spans[1].shared_kind == "project"
    assert spans[1].shared.first == "项目支出绩效自评表"


def test_group_headings_name_the_forms_under_them() -> None:
    spans = find_spans(phys("1.财政拨款人员类项目", NAME, "x"), layout(), set())
    assert [(s.category, s.funding) for s in spans] == [("人员类", "财政拨款")]
    assert spans[0].group is not None and spans[0].group.line == 1


def test_a_standard_table_ends_a_form_and_its_rows_never_start_one() -> None:
    found = spans_of(NAME, "x", "政府采购预算表", NAME)
    assert found == [("untitled", 0, 2), ("untitled", 3, 4)]  # a title ends, never starts
    doc = Disclosure(source=SourceInfo("case.txt", "txt", None, ""))
    # a table read before: its title on line 3, its row (a 项目名称 row) on line 4
    claimed = TableRow(name="项目名称", values={}, raw={}, evidence=Evidence(NAME, None, 4))
    doc.tables.append(Table(TableKind.T03, "支出决算表", [], [], [claimed], Evidence("", None, 3)))
    assert standard_lines(doc) == {(None, 3), (None, 4)}
    spans = find_spans(phys(NAME, "x", "支出决算表", NAME), layout(), standard_lines(doc))
    assert [(s.start, s.end) for s in spans] == [(0, 2)]


# ---------------------------------------------------------------------------------------
# recognising what a span holds

SCORED_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"]


def test_scoring_columns_make_a_self_evaluation() -> None:
    f = new_form()
    from juesuan.structure.performance.columns import read_indicator_header

    read_indicator_header(f, row(*SCORED_HEADER), None)
    assert scoring_columns(f)
    assert recognise(Span("untitled", 0), f, []) == COLUMNS
    assert recognise(Span("project", 0), f, []) == TITLE
    assert recognise(Span("target", 0), f, []) == COLUMNS  # a target title over scoring


def test_header_words_alone_make_a_doubtful_self_evaluation() -> None:
    from juesuan.structure.performance.budget import read_budget_header

    f = new_form()
    read_budget_header(f, row("年度预算数（万元）", "年初预算数", "预算执行数"))
    assert not scoring_columns(f)
    assert recognise(Span("untitled", 0), f, []) == HEADER
    assert recognise(Span("untitled", 0), new_form(), []) is None  # no form at all


def test_fund_lines_and_target_columns_make_a_target() -> None:
    target = rows(
        NAME,
        T.join(["项目资金总额", "100"]),
        T.join(["一级指标", "二级指标", "三级指标", "指标值"]),
    )
    assert has_target_structure(target) and target_columns(target)
    assert recognise(Span("untitled", 0), new_form(), target) == TARGET_BY_HEADER
    assert not target_columns(rows(T.join(SCORED_HEADER)))
    assert titled_target(Span("target_department", 0))
    assert titled_target(Span("untitled", 0, shared_kind="target"))
    assert not titled_target(Span("untitled", 0, shared_kind="project"))
