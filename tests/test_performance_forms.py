"""Which forms are self-evaluations, which are budget performance targets, and how targets
are read.

The Wanli values below were read from the rendered pages 31–35 of
samples/shanghai-putuo-wanli-street-2023-dept-budget.pdf, not from the reader's output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.model import Disclosure, from_json_dict, to_json_dict
from juesuan.model.performance import Nature, PerformanceTarget
from juesuan.structure.performance.target_indicators import parse_measure
from tests.rulekit import doc_from_text, run
from tests.test_rules_performance import table

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WANLI = "shanghai-putuo-wanli-street-2023-dept-budget.pdf"
BUDGETS = (
    "jiangsu-high-court-2018-dept-budget.pdf",
    "jiangsu-high-court-2019-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget-tables.pdf",
    "shanghai-municipal-finance-bureau-2025-unit-budget.pdf",
    WANLI,
)
T = "\t"
HEAD = "四川省测试中心\n2024年度单位决算\n"


@pytest.fixture(scope="module")
def wanli() -> Disclosure:
    return juesuan.read(SAMPLES / WANLI)


# ---------------------------------------------------------------------------------------
# only real self-evaluation forms


@pytest.mark.parametrize("name", BUDGETS)
def test_no_budget_sample_has_a_self_evaluation(name: str) -> None:
    # the Jiangsu 项目支出 tables have a 项目名称 column and a 合计 row (3,580.05 in the 2019
    # court budget, page 15): they are not forms; Wanli's forms are targets (below)
    doc = juesuan.read(SAMPLES / name)
    assert doc.evaluations == [] and doc.department_evaluation is None


def test_standard_tables_with_project_names_are_not_forms() -> None:
    text = HEAD + "\n".join(
        [
            "机关运行经费预算表",
            T.join(["项目名称", "金额", "功能科目名称", "金额"]),
            T.join(["办公费", "12.00", "行政运行", "12.00"]),
            T.join(["合计", "", "", "3580.05"]),
            "",
            T.join(["项目名称", "", "金额"]),  # an untitled table: no form structure either
            T.join(["信息化运维", "", "32.35"]),
            T.join(["合计", "", "32.35"]),
        ]
    )
    doc = doc_from_text(text)
    assert doc.evaluations == [] and doc.targets == []
    assert run(doc, "JS8") == []


def test_a_form_without_title_counts_by_its_scoring_columns() -> None:
    form = table().split("\n", 1)[1]  # the rows without “部门预算项目支出绩效自评表”
    doc = doc_from_text(HEAD + form)
    assert len(doc.evaluations) == 1
    p = doc.evaluations[0]
    assert p.recognised_by == "columns" and p.doubts == []


def test_a_form_titled_as_a_self_evaluation_counts_by_its_title() -> None:
    doc = doc_from_text(HEAD + table())
    assert [p.recognised_by for p in doc.evaluations] == ["title"]


def test_a_standard_table_after_a_form_ends_the_form() -> None:
    text = (
        HEAD
        + table(total="99")
        + "\n\n"
        + "\n".join(["政府采购预算表", T.join(["项目名称", "金额"]), T.join(["合计", "3580.05"])])
    )
    doc = doc_from_text(text)
    assert len(doc.evaluations) == 1
    total = doc.evaluations[0].total_score
    assert total is not None and total.value == Decimal("99")


def test_a_form_recognised_by_header_words_only_is_doubtful() -> None:
    # no title; 年初预算数 / 执行数 and 完成值 but neither 权重 nor 得分
    form = "\n".join(
        [
            T.join(["项目名称", "", "测试项目"]),
            T.join(
                ["预算执行情况", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数"]
            ),
            T.join(["", "总额", "100.00", "120.00", "150.00"]),
            T.join(
                ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值"]
            ),
            T.join(["产出指标", "数量指标", "完成数量", "≥", "10", "个", "12"]),
            T.join(["合计", "", "", "", "", "", "", "250"]),
        ]
    )
    doc = doc_from_text(HEAD + form)
    assert len(doc.evaluations) == 1
    p = doc.evaluations[0]
    assert p.recognised_by == "header" and p.form_doubtful
    assert "只凭表头词语识别" in p.doubts[0]
    found = run(doc, "JS8")
    assert found  # 执行数 above 调整后预算数 (JS805) …
    assert all(f.severity.value == "info" and "读取存疑" in f.message for f in found)


def test_an_unreadable_total_is_a_doubt() -> None:
    doc = doc_from_text(HEAD + table(total="## ###"))
    p = doc.evaluations[0]
    assert p.doubts == ["合计得分印为“## ###”，无法读取"] and not p.scores_doubtful


def test_final_samples_keep_their_forms() -> None:
    counts = {
        "leshan-bigdata-center-2024.txt": 14,
        "sichuan-bigdata-center-2022.txt": 64,
        "sichuan-commerce-infocenter-2020.txt": 3,
    }
    for name, n in counts.items():
        doc = juesuan.read(SAMPLES / name)
        assert len(doc.evaluations) == n and doc.targets == []
        assert {p.recognised_by for p in doc.evaluations} == {"title"}


def test_leshan_forms_keep_counting_without_their_titles() -> None:
    text = (SAMPLES / "leshan-bigdata-center-2024.txt").read_text(encoding="utf-8")
    untitled = "\n".join(
        ln for ln in text.splitlines() if ln.strip() != "部门预算项目支出绩效自评表"
    )
    doc = doc_from_text(untitled, "leshan.txt")
    assert len(doc.evaluations) == 14
    assert {p.recognised_by for p in doc.evaluations} == {"columns"}


# ---------------------------------------------------------------------------------------
# budget performance targets: the Wanli sample


def _funds(t: PerformanceTarget) -> dict[tuple[str, str], tuple[str, Decimal | None]]:
    return {(f.block, f.key): (f.text, f.amount) for f in t.funds}


def test_wanli_has_five_target_forms(wanli: Disclosure) -> None:
    assert [t.name for t in wanli.targets] == [
        "新建万里街道社区公共服务中心",
        "就业援助基地补贴",
        "社区环境整治和建设经费",
        "各类工作经费",
        "公共服务设施运行经费",
    ]
    assert [t.evidence.page for t in wanli.targets] == [31, 32, 33, 34, 35]
    assert all(t.title == "财政项目支出绩效目标填报表" for t in wanli.targets)
    assert all(t.scope == "project" and t.recognised_by == "title" for t in wanli.targets)
    assert [len(t.indicators) for t in wanli.targets] == [5, 4, 4, 43, 9]


def test_wanli_first_form_header_and_funds(wanli: Disclosure) -> None:
    t = wanli.targets[0]
    texts = {
        f: (getattr(t, f).text if getattr(t, f) else None)
        for f in ("department", "implementer", "nature", "category", "start", "end")
    }
    assert texts == {
        "department": "上海市普陀区人民政府万里街道办事处",
        "implementer": "上海市普陀区人民政府万里街道办事处",
        "nature": "阶段性项目",  # printed glued to the next label: “阶段性项目项目类别”
        "category": "特定目标类",
        "start": "2023-01-01",
        "end": "2023-12-31",
    }
    assert t.fund_unit == "元"  # “项目资金（元）”
    assert _funds(t) == {
        ("project", "total"): ("4,100,000.00", Decimal("410")),
        ("project", "fiscal"): ("4,100,000.00", Decimal("410")),
        ("project", "other"): ("0.00", Decimal("0")),
        ("annual", "total"): ("4,100,000.00", Decimal("410")),
        ("annual", "appropriation"): ("4,100,000.00", Decimal("410")),
        ("annual", "carryover"): ("0.00", Decimal("0")),
        ("annual", "other"): ("0.00", Decimal("0")),
    }
    line = t.fund("annual", "appropriation")
    assert line is not None and line.evidence.text == "其中：当年财政拨款\t4,100,000.00"
    assert line.evidence.page == 31 and line.evidence.bbox is not None
    assert t.overall_goal is not None and t.overall_goal.text.startswith("建成后作为万里街道")
    assert t.annual_goal is not None and t.annual_goal.text.endswith("生活配套设施。")
    rows = [(i.level1, i.level2, i.name, i.value.text if i.value else None) for i in t.indicators]
    assert rows == [
        ("产出指标", "数量指标", "规划建筑面积", "≥13459.00(平方米)"),
        ("产出指标", "质量指标", "完工及时率", "及时率"),
        ("产出指标", "成本指标", "预算内经费", "合规"),
        ("效益指标", "社会效益指标", "完善社区基础设施建设", "完善率"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "满意度"),
    ]
    area = t.indicators[0]
    assert (area.operator, area.number, area.unit) == (Nature.GE, Decimal("13459.00"), "平方米")
    assert t.indicators[1].number is None and t.indicators[1].operator is None


def test_wanli_fifth_form_part_larger_than_whole(wanli: Disclosure) -> None:
    # page 35: 项目资金总额 10,903,043.00 but 其中：当年财政拨款 11,419,043.00
    t = wanli.targets[4]
    assert _funds(t)[("annual", "total")] == ("10,903,043.00", Decimal("1090.3043"))
    assert _funds(t)[("annual", "appropriation")] == ("11,419,043.00", Decimal("1141.9043"))
    assert t.category is not None and t.category.text == "其他运转类"


def test_wanli_long_indicator_list_takes_levels_from_merged_cells(wanli: Disclosure) -> None:
    # page 34: the merged 一级/二级 cells are printed in the middle of their blocks
    t = wanli.targets[3]
    levels = [(i.level1, i.level2) for i in t.indicators]
    assert levels.count(("产出指标", "数量指标")) == 15
    assert levels.count(("产出指标", "质量指标")) == 8
    assert levels.count(("效益指标", "社会效益指标")) == 14
    assert levels.count(("满意度指标", "服务对象满意度指标")) == 6
    first = t.indicators[0]
    assert (first.name, first.operator, first.number, first.unit) == (
        "成立社戒社康人员习得规范小组",
        Nature.GT,
        Decimal("6.00"),
        "次",
    )
    assert t.indicators[-1].name == "党员群众满意度"
    assert not any(i.levels_inferred for i in t.indicators)
    assert _funds(t)[("project", "total")] == ("7595500.00", Decimal("759.55"))


def test_targets_in_json_round_trip(wanli: Disclosure) -> None:
    data = json.loads(json.dumps(to_json_dict(wanli), ensure_ascii=False))
    assert len(data["targets"]) == 5
    funds = {(f["block"], f["key"]): f["amount"] for f in data["targets"][4]["funds"]}
    assert funds[("annual", "appropriation")] == "1141.9043"
    assert [f["key"] for f in data["targets"][4]["funds"]] == [
        *("total", "fiscal", "other"),  # 项目资金 first: its whole, then its parts
        *("total", "appropriation", "carryover", "other"),
    ]
    back = from_json_dict(data)
    assert [t.to_dict() for t in back.targets] == [t.to_dict() for t in wanli.targets]


# ---------------------------------------------------------------------------------------
# target forms by hand


def target_form(title: str = "项目支出绩效目标表", unit: str = "项目资金（万元）") -> str:
    return "\n".join(
        [
            title,
            T.join(["项目名称", "测试项目", "", "项目性质", "经常性项目"]),
            T.join(["主管部门", "测试局", "", "实施单位", "测试中心"]),
            T.join(["", "项目资金总额", "120.00", "年度资金申请总额", "100.00"]),
            T.join([unit, "其中：财政资金", "120.00", "其中：当年财政拨款", "90.00"]),
            T.join(["", "其他资金", "0.00", "上年结转资金", "10.00"]),
            T.join(["", "项目总目标", "", "年度总体目标"]),
            T.join(["项目绩效目标", "三年内完成平台建设", "", "完成一期建设"]),
            T.join(["", "一级指标", "二级指标", "三级指标", "指标值"]),
            T.join(["绩效指标", "", "", "上线系统数", "≥3(个)"]),
            T.join(["", "产出指标", "数量指标", "验收合格率", "=100%"]),
            T.join(["", "", "时效指标", "按期完成率", ""]),
            T.join(["", "效益指标", "社会效益指标", "办事时间缩短", "明显缩短"]),
        ]
    )


def test_hand_made_target_form_in_text() -> None:
    doc = doc_from_text(target_form())
    assert doc.evaluations == [] and len(doc.targets) == 1
    t = doc.targets[0]
    assert (t.name, t.title, t.fund_unit) == ("测试项目", "项目支出绩效目标表", "万元")
    assert t.implementer is not None and t.implementer.text == "测试中心"
    assert _funds(t)[("annual", "carryover")] == ("10.00", Decimal("10.00"))
    assert _funds(t)[("project", "other")] == ("0.00", Decimal("0.00"))
    assert [(i.level1, i.level2, i.name) for i in t.indicators] == [
        ("产出指标", "数量指标", "上线系统数"),
        ("产出指标", "数量指标", "验收合格率"),
        ("产出指标", "时效指标", "按期完成率"),
        ("效益指标", "社会效益指标", "办事时间缩短"),
    ]
    # without geometry the first row takes the level printed below it, marked as inferred
    assert [i.levels_inferred for i in t.indicators] == [True, False, False, False]
    assert t.indicators[2].value is None or t.indicators[2].value.text == ""
    assert t.doubts == []


def test_target_form_without_a_unit_is_read_in_wan_yuan_with_a_doubt() -> None:
    doc = doc_from_text(target_form(unit="项目资金"))
    t = doc.targets[0]
    assert t.fund_unit is None and t.doubts == ["资金单位未印出，按万元读取"]
    assert _funds(t)[("project", "total")] == ("120.00", Decimal("120.00"))


def test_untitled_target_form_is_recognised_by_header_words_only() -> None:
    form = target_form().split("\n", 1)[1]
    doc = doc_from_text(HEAD + form)
    assert doc.evaluations == [] and len(doc.targets) == 1
    t = doc.targets[0]
    assert t.recognised_by == "header" and "只凭表头词语识别" in t.doubts[0]


def test_a_target_title_over_scoring_columns_is_a_self_evaluation() -> None:
    form = table().split("\n", 1)[1]
    doc = doc_from_text(HEAD + "项目绩效目标表\n" + form)
    assert doc.targets == [] and len(doc.evaluations) == 1
    assert doc.evaluations[0].recognised_by == "columns"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥13459.00(平方米)", (Nature.GE, "≥", Decimal("13459.00"), "平方米")),
        ("=100.00(%)", (Nature.EQ, "=", Decimal("100.00"), "%")),
        (">150.00(家)", (Nature.GT, ">", Decimal("150.00"), "家")),
        ("90.00(度)", (None, None, Decimal("90.00"), "度")),
        ("90%", (None, None, Decimal("90"), "%")),
        ("不低于50%", (Nature.GE, "不低于", Decimal("50"), "%")),
        ("≤ 2 小时", (Nature.LE, "≤", Decimal("2"), "小时")),
        ("1,000", (None, None, Decimal("1000"), None)),
        ("满意率100%", None),
        ("居民区全覆盖", None),
        ("不低于50人次的个体心理咨询辅导", None),
        ("", None),
    ],
)
def test_parse_measure(text: str, expected: object) -> None:
    assert parse_measure(text) == expected


def test_extract_text_summarises_targets(wanli: Disclosure) -> None:
    from juesuan.reporting.summary import render_summary

    text = render_summary(wanli)
    assert "【绩效目标表】共 5 张" in text and "【绩效自评表】" not in text
    assert "  公共服务设施运行经费（第35页，其他运转类）" in text
    assert (
        "年度资金申请总额 1090.30（当年财政拨款 1141.90，上年结转资金 0.00，其他资金 0.00）" in text
    )
    assert "绩效指标 43 个（产出指标 23、效益指标 14、满意度指标 6；有数值目标的 13 个）" in text


# ---------------------------------------------------------------------------------------
# juesuan perf: doubts, targets, layouts


def test_recomputed_score_above_the_maximum_is_no_result() -> None:
    from juesuan.reporting.performance import render_text, summarize

    # leshan 乐山市数据共享交换平台运行维护服务项目: weights 180 (服务对象满意度 100, line 342)
    s = summarize(juesuan.read(SAMPLES / "leshan-bigdata-center-2024.txt"))
    row = next(p for p in s.projects if p.name == "乐山市数据共享交换平台运行维护服务项目")
    assert row.recomputed is None and row.gap is None
    assert row.recomputed_note == "重算得分 179.1 超过满分 100，不作为结果"
    assert row.doubts and "超过满分 100 分" in row.doubts[0]
    data = row.to_dict()
    assert data["recomputed_score"] is None and "超过满分" in data["recomputed_note"]
    text = render_text(s)
    block = text[text.index("乐山市数据共享交换平台运行维护服务项目") :]
    assert "自评得分 89.1，重算得分 —\n" in block
    assert "重算得分 179.1 超过满分 100，不作为结果" in block.split("\n 14.")[0]
    assert "179.1" not in render_text(s, rich=True, width=120).split("┃ 项目")[1].split("└")[0]


def test_plain_layout_has_no_fixed_width() -> None:
    from juesuan.reporting.performance import print_text, render_text, summarize

    s = summarize(juesuan.read(SAMPLES / "sichuan-bigdata-center-2022.txt"))
    text = render_text(s)
    assert "┃" not in text and "│" not in text
    assert not any(line.endswith(" ") for line in text.splitlines())
    # print_text to something that is not a terminal writes the same plain lines
    import io

    buffer = io.StringIO()
    print_text(s, buffer)
    assert buffer.getvalue() == text


def test_rich_tables_fit_the_width_they_are_given() -> None:
    from rich.cells import cell_len

    from juesuan.reporting.performance import MIN_TABLE_WIDTH, render_text, summarize

    for name in ("leshan-bigdata-center-2024.txt", "sichuan-bigdata-center-2022.txt", WANLI):
        s = summarize(juesuan.read(SAMPLES / name))
        for width in (MIN_TABLE_WIDTH, 120, 200):
            lines = render_text(s, rich=True, width=width).splitlines()
            assert max(cell_len(line) for line in lines) <= width
            # every table is closed on the right: nothing was cropped
            assert all(
                line.endswith(("┓", "┃", "┩", "│", "┘")) for line in lines if line[:1] in "┏┃┡│└"
            )


def test_perf_on_a_budget_reports_targets(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    wanli = str(SAMPLES / WANLI)
    result = runner.invoke(app, ["perf", wanli])
    assert result.exit_code == 0, result.output
    assert "绩效目标表 5 张；年度资金合计 3351.33 万元，绩效指标 65 个。" in result.output
    assert "项目支出绩效自评表" not in result.output and "评分方法" not in result.output
    assert "其中当年财政拨款 1141.90 万元（表中以元印出）" in result.output
    data = json.loads(runner.invoke(app, ["perf", wanli, "-f", "json"]).output)
    assert (data["kind"], data["count"], data["target_count"]) == ("预算", 0, 5)
    assert data["target_funds"] == "3351.3343"
    assert data["targets"][3]["levels"] == {"产出指标": 23, "效益指标": 14, "满意度指标": 6}
    out = tmp_path / "wanli.xlsx"
    assert runner.invoke(app, ["perf", wanli, "-f", "xlsx", "-o", str(out)]).exit_code == 0
    assert load_workbook(out).sheetnames == ["绩效目标"]
    court = runner.invoke(app, ["perf", str(SAMPLES / BUDGETS[1])])
    assert "没有找到绩效目标表。" in court.output and "自评" not in court.output
    check = runner.invoke(app, ["check", wanli, "--select", "JS8"])
    assert "【绩效目标汇总】" in check.output and "【绩效自评汇总】" not in check.output


# ---------------------------------------------------------------------------------------
# other layouts of the family


def test_national_form_with_nature_and_unit_columns_under_one_title() -> None:
    # one title over two forms (the second untitled); 指标性质 and 度量单位 in their own
    # columns; the header repeated after a page break
    def one(name: str, total: str) -> list[str]:
        return [
            T.join(["项目名称", name]),
            T.join(["主管部门及代码", "测试局 101001", "实施单位", "测试中心"]),
            T.join(["项目资金（万元）", "年度资金总额", total]),
            T.join(["", "其中：财政拨款", total]),
            T.join(["", "其他资金", "0.00"]),
            T.join(["年度总体目标", "完成全年运维，系统可用率不低于99%"]),
            T.join(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]),
            T.join(["产出指标", "数量指标", "运维系统数", "≥", "12", "个"]),
            T.join(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]),
            T.join(["", "质量指标", "系统可用率", "≥", "99", "%"]),
            T.join(["效益指标", "社会效益指标", "服务中断次数", "≤", "2", "次"]),
        ]

    text = HEAD + "\n".join(
        ["项目支出绩效目标表", *one("运维项目", "80.00"), "", *one("培训项目", "20.00")]
    )
    doc = doc_from_text(text)
    assert doc.evaluations == []
    assert [(t.name, t.recognised_by) for t in doc.targets] == [
        ("运维项目", "title"),
        ("培训项目", "title"),  # headed by the same title: no doubt
    ]
    t = doc.targets[0]
    assert t.department is not None and t.department.text == "测试局 101001"
    assert t.annual_goal is not None and t.annual_goal.text.startswith("完成全年运维")
    assert _funds(t) == {
        ("annual", "total"): ("80.00", Decimal("80.00")),
        ("annual", "appropriation"): ("80.00", Decimal("80.00")),
        ("annual", "other"): ("0.00", Decimal("0.00")),
    }
    rows = [(i.level1, i.level2, i.name, i.operator, i.number, i.unit) for i in t.indicators]
    assert rows == [
        ("产出指标", "数量指标", "运维系统数", Nature.GE, Decimal("12"), "个"),
        ("产出指标", "质量指标", "系统可用率", Nature.GE, Decimal("99"), "%"),
        ("效益指标", "社会效益指标", "服务中断次数", Nature.LE, Decimal("2"), "次"),
    ]


def test_department_target_form() -> None:
    text = HEAD + "\n".join(
        [
            "部门整体支出绩效目标表",
            T.join(["部门（单位）名称", "测试局"]),
            T.join(["年度主要任务", "任务名称", "主要内容", "预算金额（万元）"]),
            T.join(["", "信息化建设", "建设政务平台", "300.00"]),
            T.join(["金额合计（万元）", "年度资金总额", "500.00"]),
            T.join(["", "其中：财政拨款", "450.00"]),
            T.join(["", "其他资金", "50.00"]),
            T.join(["年度总体目标", "保障机关运转，完成政务平台一期建设"]),
            T.join(["一级指标", "二级指标", "三级指标", "指标值"]),
            T.join(["产出指标", "数量指标", "平台上线数", "≥1个"]),
        ]
    )
    doc = doc_from_text(text)
    assert doc.evaluations == [] and doc.department_evaluation is None
    assert len(doc.targets) == 1
    t = doc.targets[0]
    assert (t.scope, t.name, t.title) == ("department", "测试局", "部门整体支出绩效目标表")
    assert _funds(t)[("annual", "total")] == ("500.00", Decimal("500.00"))
    assert _funds(t)[("annual", "other")] == ("50.00", Decimal("50.00"))
    assert [(i.name, i.number, i.unit) for i in t.indicators] == [
        ("平台上线数", Decimal("1"), "个")
    ]
    # JS817 (required first levels) is about project targets only
    assert run(doc, "JS817") == []


def test_check_reports_carry_the_targets(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    wanli = str(SAMPLES / WANLI)
    html = tmp_path / "wanli.html"
    runner.invoke(app, ["check", wanli, "--select", "JS8", "-f", "html", "-o", str(html)])
    page = html.read_text(encoding="utf-8")
    assert "绩效目标汇总" in page and "公共服务设施运行经费" in page and "1141.90" in page
    xlsx = tmp_path / "wanli.xlsx"
    runner.invoke(app, ["check", wanli, "--select", "JS8", "-f", "xlsx", "-o", str(xlsx)])
    sheet = load_workbook(xlsx)["绩效目标"]
    assert (
        sheet.max_row == 6
        and sheet["A1"].value == "文件"
        and sheet["B6"].value == "公共服务设施运行经费"
    )


def test_level_names_on_lines_of_their_own_and_unknown_level_names() -> None:
    text = HEAD + "\n".join(
        [
            "项目绩效目标表",
            T.join(["项目名称", "测试项目"]),
            T.join(["年度资金总额", "10.00"]),
            T.join(["一级指标", "二级指标", "三级指标", "指标值"]),
            T.join(["产出指标", "", "", ""]),  # a merged cell's text on a line of its own
            T.join(["", "数量指标", "培训人次", "≥100人次"]),
            T.join(["", "服务质量", "培训合格率", "≥95%"]),  # a second level not in the catalog
        ]
    )
    t = doc_from_text(text).targets[0]
    assert [(i.level1, i.level2, i.name) for i in t.indicators] == [
        ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "服务质量", "培训合格率"),
    ]
    assert "未识别的指标层级名称：服务质量" in t.notes


def test_rows_of_a_recognised_standard_table_are_never_a_form() -> None:
    from juesuan.model import Evidence, SourceInfo, Table, TableKind, TableRow
    from juesuan.sources.text import read_text
    from juesuan.structure.performance import read_performance

    form = table().split("\n", 1)[1]  # a form without its title: it counts by its columns
    raw = read_text(Path("case.txt"), (HEAD + form).encode("utf-8"))
    doc = Disclosure(source=SourceInfo("case.txt", "txt", None, ""))
    read_performance(raw, doc)
    assert len(doc.evaluations) == 1
    # the same rows claimed by a standard table that read_tables recognised
    lines = [ln for ln in raw.lines() if ln.text.strip()]
    rows = [
        TableRow(name=ln.text, values={}, raw={}, evidence=Evidence(ln.text, None, ln.line))
        for ln in lines[2:]
    ]
    doc = Disclosure(source=SourceInfo("case.txt", "txt", None, ""))
    doc.tables.append(
        Table(
            TableKind.T03,
            "支出决算表",
            [],
            ["total"],
            rows,
            Evidence(lines[2].text, None, lines[2].line),
        )
    )
    read_performance(raw, doc)
    assert doc.evaluations == []
