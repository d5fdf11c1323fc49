"""Stage 5 of the performance reader: the indicator header, levels, value placement and the
indicator rows of a self-evaluation; the department table."""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalog.performance import layout
from juesuan.model.performance import Indicator, Nature
from juesuan.structure.performance import columns, indicators, levels, placement
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.project import read_department
from juesuan.structure.performance.spans import Span
from tests.performance_kit import T, form, row, rows

HEADER = (
    *("绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值"),
    *("度量单位", "完成值", "权重", "得分", "未完成原因分析"),
)


def headed(*header: str) -> Form:
    f = form()
    columns.read_indicator_header(f, row(*(header or HEADER)), None)
    return f


def read(f: Form, *cells: str) -> Indicator:
    indicators.read_indicator(f, row(*cells))
    return f.p.indicators[-1]


def texts(i: Indicator) -> tuple[object, ...]:
    return (
        i.level1,
        i.level2,
        i.name,
        i.nature.value if i.nature else None,
        *(
            None if c is None else c.text
            for c in (i.target, i.unit, i.actual, i.weight, i.score, i.reason)
        ),
    )


# ---------------------------------------------------------------------------------------
# header and columns


def test_header_columns_and_points() -> None:
    f = headed()
    assert f.ind_header is not None and f.ind_header.known and f.ind_header.scored
    assert f.ind_header.cols == columns.DEFAULT_COLUMNS  # the common Sichuan form
    assert f.p.indicator_points == Decimal(90) and f.p.notes == []
    assert columns.is_indicator_header(row("绩效指标完成情况"), layout())  # the 2020 form


def test_a_header_split_over_two_lines() -> None:
    first = row("一级指标", "二级指标", "三级指标", "指标值", "完成", "权", "得")
    second = row("", "", "", "", "值", "重", "分")
    assert columns.header_continues(second, layout())
    f = form()
    assert columns.read_indicator_header(f, first, second) == 1
    assert f.ind_header is not None
    schema = ["level1", "level2", "level3", "target", "actual", "weight", "score"]
    assert f.ind_header.schema == schema
    assert not columns.header_continues(row("", "产出指标", "≥", "10"), layout())


def test_an_incomplete_header_falls_back_to_the_default_columns() -> None:
    f = headed("一级指标", "二级指标", "权重")
    assert f.ind_header is not None and not f.ind_header.known
    assert f.p.indicators_uncertain and f.p.notes == ["绩效指标表头不完整，按默认列读取"]


def test_column_names() -> None:
    lay = layout()
    assert columns.column_of("二级指标", lay) == "level2"  # not (clipped) 一级指标
    assert columns.column_of("完成值", lay) == "actual"  # not 指标值
    assert columns.column_of("重", lay) == "weight"  # clipped
    assert columns.column_of("绩效指标（90分）", lay) is None  # the block label
    assert columns.column_name("重", lay) is None  # the target reader takes no clipped cell


# ---------------------------------------------------------------------------------------
# levels


def test_level_names() -> None:
    lay = layout()
    assert levels.level_names("出指标", lay) == ("产出指标", None)
    assert levels.level_names("满意度指标", lay) == ("满意度指标", "满意度指标")  # both
    assert levels.level_names("数量", lay) == (None, "数量指标")
    assert levels.level_names("数量", lay, clipped_min=3) == (None, None)
    assert levels.glued_levels("产出指标数量指标", lay) == ("产出指标", "数量指标")
    assert levels.glued_levels("产出指标", lay) == (None, None)
    assert levels.carried_level1(None, "社会效益指标", "产出指标", lay) == "效益指标"
    assert levels.carried_level1(None, None, "产出指标", lay) == "产出指标"


def test_levels_carry_over_merged_cells() -> None:
    f = headed()
    read(f, "", "产出指标", "数量指标", "培训人次", "≥", "100", "人次", "120", "20", "20")
    second = read(f, "", "", "", "培训合格率", "≥", "95", "%", "98", "20", "20")
    third = read(f, "", "", "质量指标", "验收合格率", "=", "100", "%", "100", "20", "20")
    fourth = read(f, "", "效益指标", "", "群众受益", "定性", "好", "", "好", "20", "18")
    assert texts(second)[:3] == ("产出指标", "数量指标", "培训合格率")
    assert texts(third)[:3] == ("产出指标", "质量指标", "验收合格率")
    assert texts(fourth)[:3] == ("效益指标", None, "群众受益")  # a new first level


def test_a_name_of_both_levels_is_a_first_level_before_a_second_level() -> None:
    f = headed()
    ind = read(
        f, "", "满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%", "95", "10", "10"
    )
    assert (ind.level1, ind.level2) == ("满意度指标", "服务对象满意度指标")
    ind = read(f, "", "", "满意度指标", "群众满意度", "≥", "90", "%", "95", "10", "10")
    assert (ind.level1, ind.level2) == ("满意度指标", "满意度指标")  # the level2 column


# ---------------------------------------------------------------------------------------
# values


def test_a_row_lined_up_with_its_header_is_read_by_position() -> None:
    f = headed()
    ind = read(f, "", "产出指标", "数量指标", "培训人次", "≥", "100", "人次", "120", "20", "20")
    assert texts(ind) == (
        *("产出指标", "数量指标", "培训人次", "≥", "100", "人次", "120", "20", "20"),
        None,
    )
    assert ind.target is not None and ind.target.value == Decimal(100)
    assert ind.weight is not None and ind.weight.value == Decimal(20)


def test_a_shifted_row_is_read_by_cell_types() -> None:
    f = headed()
    # one empty cell too many before the values: positions fail, types decide
    cells = ["", "产出指标", "数量指标", "培训人次", "≥", "", "100", "人次", "120", "20", "20"]
    ind = read(f, *cells, "未完成")
    assert texts(ind)[4:] == ("100", "人次", "120", "20", "20", "未完成")
    placed = placement.place_typed(f, row("100", "120", "20").cells, None, has_unit=True)
    assert {k: [c.text for c in v] for k, v in placed.items()} == {
        "weight": ["120"],
        "score": ["20"],
        "target": ["100"],
    }


def test_a_row_without_nature_that_lost_columns() -> None:
    f = headed()
    ind = read(f, "", "产出指标", "数量指标", "培训人次", "100", "人次", "120")
    assert texts(ind)[2:] == ("培训人次", None, "100", "人次", "120", None, None, None)
    assert f.p.indicators_uncertain and f.p.notes[0].startswith("指标行缺列")


def test_a_comparator_in_the_target_gives_the_nature() -> None:
    f = headed("一级指标", "二级指标", "三级指标", "指标值", "完成值")  # the 2020 form
    assert f.ind_header is not None and not f.p.scored
    ind = read(f, "产出指标", "数量指标", "采购设备", "不少于3台", "3台")
    assert (ind.nature, ind.nature_text) == (Nature.GE, "不少于")
    assert ind.target is not None and ind.target.value == Decimal(3)
    assert ind.unit is not None and ind.unit.text == "台"  # printed inside the target
    cell, nature, printed = indicators.measure(row("》=90%").cells[0])
    assert (cell.value, cell.percent, nature, printed) == (Decimal(90), True, Nature.GE, "》=")


def test_a_row_without_values_continues_the_row_above() -> None:
    f = headed()
    read(f, "", "产出指标", "数量指标", "数据平台", "≥", "3", "个", "3", "20", "20")
    indicators.read_indicator(f, row("", "", "", "建设个数"))
    assert [i.name for i in f.p.indicators] == ["数据平台建设个数"]
    assert f.p.notes == ["指标行跨行，已合并续行"] and not f.p.indicators_uncertain


def test_a_first_level_printed_before_the_first_row() -> None:
    f = headed()
    indicators.read_indicator(f, row("", "产出指标"))
    ind = read(f, "", "", "数量指标", "培训人次", "≥", "100", "人次", "120", "20", "20")
    assert (ind.level1, ind.level2) == ("产出指标", "数量指标")


def test_looks_like_indicator() -> None:
    assert indicators.looks_like_indicator(row("", "质量指标", "x"), layout())
    assert indicators.looks_like_indicator(row("a", "b", "≥"), layout())
    assert not indicators.looks_like_indicator(row("总额", "100"), layout())


# ---------------------------------------------------------------------------------------
# the department table


def test_department_table() -> None:
    found = rows(
        "部门整体支出绩效自评表",
        T.join(["部门名称", "测试局"]),  # before the header: not read
        T.join(HEADER),
        T.join(["", "产出指标", "数量指标", "培训人次", "≥", "100", "人次", "120", "90", "90"]),
        T.join(["合计", "", "", "", "", "", "", "", "100", "98"]),
    )
    dept = read_department(found, Span("department", 0, title=found[0]))
    assert dept.title == "部门整体支出绩效自评表" and dept.evidence.line == 1
    assert [i.name for i in dept.indicators] == ["培训人次"]
    assert dept.total_weight is not None and dept.total_weight.value == Decimal(100)
    assert dept.total_score is not None and dept.total_score.value == Decimal(98)
