"""Stage 3 of the performance reader: the blocks of a self-evaluation form and its header
fields; the target forms' header tokens."""

from __future__ import annotations

from juesuan.catalog.performance import layout, target_layout
from juesuan.structure.performance import blocks as b
from juesuan.structure.performance import fields
from juesuan.structure.performance.form import new_form
from juesuan.structure.performance.project import read_project
from juesuan.structure.performance.spans import Span
from tests.performance_kit import T, row, rows

FORM = (
    "项目支出绩效自评表",
    T.join(["项目名称", "51000021R000000019951-工资性支出"]),
    T.join(["主管部门", "测试局", "实施单位（盖章）", "测试中心"]),
    T.join(["项目基本情况", "项目年度目标", "", "年度目标完成情况"]),
    T.join(["", "保障工资发放", "", "按时足额发放"]),
    T.join(["预算执行情况（10分）", "年度预算数（万元）", "年初预算数", "全年执行数"]),
    T.join(["", "总额", "100.00", "90.00"]),
    T.join(["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质"]),
    T.join(["", "", "", "", "", "指标值", "完成值", "权重", "得分"]),
    T.join(["", "产出指标", "数量指标", "人数", "=", "10", "10", "90", "90"]),
    T.join(["合计", "", "", "", "", "", "", "100", "99"]),
    T.join(["评价结论", "项目自评总分99分。"]),
    "较好",
    T.join(["项目负责人", "张三"]),
    "不属于表格的一行",
)


def test_blocks_route_each_row_to_its_stage() -> None:
    found = list(b.blocks(rows(*FORM), layout(), titled=True))
    assert [blk.kind for blk in found] == [
        b.NAME,
        b.UNITS,
        b.BASIC,
        b.BASIC,
        b.BUDGET_HEADER,
        b.BUDGET,
        b.INDICATOR_HEADER,  # with its second line
        b.INDICATOR,
        b.TOTAL,
        b.TEXT_LABEL,
        b.TEXT,  # the signature line ends the form
    ]
    header = found[6]
    assert header.follow is not None and header.follow.cells[0].text == "指标值"
    assert found[9].field == found[10].field == "conclusion"


def test_an_indicator_row_where_a_header_was_expected() -> None:
    form = [*FORM[5:7], FORM[9]]
    assert [blk.kind for blk in b.blocks(rows(*form), layout(), titled=False)] == [
        b.BUDGET_HEADER,
        b.BUDGET,
        b.INDICATOR_GUESSED,
    ]
    unheaded = [*FORM[5:7], T.join(["绩效指标（90分）"]), FORM[9]]
    kinds = [blk.kind for blk in b.blocks(rows(*unheaded), layout(), titled=False)]
    assert kinds[2:] == [b.INDICATORS_UNHEADED, b.INDICATOR]


def test_an_empty_name_lets_a_later_name_row_count() -> None:
    found = b.blocks(rows(T.join(["项目名称", ""]), T.join(["项目名称", "真名"])), layout(), False)
    assert [blk.kind for blk in found] == [b.NAME, b.NAME]


def test_header_fields_of_a_form() -> None:
    p = read_project(rows(*FORM), Span("project", 0, title=rows(FORM[0])[0]), None).p
    assert (p.code, p.name, p.title) == (
        "51000021R000000019951",
        "工资性支出",
        "项目支出绩效自评表",
    )
    assert p.department is not None and p.department.text == "测试局"
    assert p.implementer is not None and p.implementer.text == "测试中心"
    assert p.targets is not None and p.targets.text == "保障工资发放"
    assert p.results is not None and p.results.text == "按时足额发放"
    assert p.evidence.text == "项目支出绩效自评表"  # quoted by its title


def test_name_in_one_cell_and_the_2020_unit_label() -> None:
    lay = layout()
    assert fields.parse_name(row("项目名称：信息系统运维"), lay) == (None, "信息系统运维")
    assert fields.parse_name(row("项目名称", "数 据 平台", "建设"), lay) == (None, "数据平台建设")
    f = new_form()
    units = row("预算单位", "商务信息中心")
    assert fields.is_units_row(units, lay, at_head=True)
    assert not fields.is_units_row(units, lay, at_head=False)
    fields.read_units(f, units)
    assert f.p.implementer is not None and f.p.implementer.text == "商务信息中心"
    fields.read_name(f, row("项目名称", "运维"))
    assert f.p.evidence.text == "项目名称\t运维"  # an untitled form is quoted by its name


def test_basic_block_texts() -> None:
    f = new_form()
    fields.read_basic(f, row("年度目标完成情况：全部完成年度目标任务"))
    fields.read_basic(f, row("项目年度目标", "保障运行"))
    fields.read_basic(f, row("2.项目实施内容及过程概述", "按计划实施"))
    fields.read_basic(f, row("（2023年度）"))  # the year line under a title
    assert f.p.results is not None and f.p.results.text == "：全部完成年度目标任务"
    assert f.p.implementation is not None and f.p.implementation.text == "按计划实施"
    assert f.p.targets is not None and f.p.targets.text == "保障运行"
    assert fields.basic_label("1.项目基本情况", layout())


def test_target_header_tokens_split_a_value_glued_to_the_next_label() -> None:
    tlay = target_layout()
    found = fields.tokens(row("项目性质", "阶段性项目项目类别", "特定目标类"), tlay)
    assert [(t.kind, t.field, t.cell.text) for t in found] == [
        ("label", "nature", "项目性质"),
        ("value", None, "阶段性项目"),
        ("label", "category", "阶段性项目项目类别"),
        ("value", None, "特定目标类"),
    ]
    found = fields.tokens(row("项目资金（元）", "其中：财政拨款", "年度目标", "绩效指标"), tlay)
    assert [(t.kind, t.field) for t in found] == [
        ("unit", "元"),
        ("fund", None),
        ("goal", "annual_goal"),
        ("block", None),
    ]
    assert fields.fund_unit("金额单位：万元") == "万元" and fields.fund_unit("单位名称") is None
