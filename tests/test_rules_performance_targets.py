"""Budget performance-target rules (JS815–JS820): each fires on a hand-made form and stays
quiet on the corrected one; the Wanli sample's real defects are pinned (read on its pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

import juesuan
from juesuan.model import Disclosure
from juesuan.model.findings import Finding, Severity
from tests.rulekit import doc_from_text, run

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
T = "\t"
HEAD = "上海市测试局\n2024年度部门预算\n"

FUNDS = {
    "project_total": "120.00",
    "fiscal": "120.00",
    "project_other": "0.00",
    "annual_total": "100.00",
    "appropriation": "90.00",
    "carryover": "10.00",
    "annual_other": "0.00",
}
INDICATORS = [
    ["", "产出指标", "数量指标", "上线系统数", "≥3(个)"],
    ["", "", "质量指标", "验收合格率", "=100%"],
    ["", "效益指标", "社会效益指标", "办事时间缩短", "平均缩短30%"],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
]


def form(
    indicators: list[list[str]] | None = None,
    title: str = "项目支出绩效目标表",
    unit: str = "项目资金（万元）",
    **funds: str,
) -> str:
    f = {**FUNDS, **funds}
    rows = indicators if indicators is not None else INDICATORS
    lines = [
        title,
        T.join(["项目名称", "测试项目", "", "项目性质", "经常性项目"]),
        T.join(["主管部门", "测试局", "", "实施单位", "测试中心"]),
        T.join(["", "项目资金总额", f["project_total"], "年度资金申请总额", f["annual_total"]]),
        T.join([unit, "其中：财政资金", f["fiscal"], "其中：当年财政拨款", f["appropriation"]]),
        T.join(["", "其他资金", f["project_other"], "上年结转资金", f["carryover"]]),
        T.join(["", "", "", "其他资金", f["annual_other"]]),
        T.join(["", "项目总目标", "", "年度总体目标"]),
        T.join(["项目绩效目标", "三年内完成平台建设", "", "完成一期建设"]),
        T.join(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]),
        *(T.join(r) for r in rows),
    ]
    return HEAD + "\n".join(lines) + "\n"


def doc_of(text: str) -> Disclosure:
    doc = doc_from_text(text)
    assert len(doc.targets) == 1, [t.name for t in doc.targets]
    return doc


def one(doc: Disclosure, code: str) -> Finding:
    found = run(doc, code)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def test_the_default_form_is_clean() -> None:
    doc = doc_of(form())
    assert run(doc, "JS815") == run(doc, "JS816") == run(doc, "JS817") == []
    assert run(doc, "JS818") == run(doc, "JS819") == []


# --- JS815 ---------------------------------------------------------------------------------


def test_part_larger_than_whole() -> None:
    doc = doc_of(form(appropriation="110.00"))
    f = one(doc, "JS815")
    assert f.severity is Severity.ERROR
    assert "“其中：当年财政拨款”110.00 万元大于“年度资金申请总额”100.00 万元" in f.message
    assert (f.expected, f.actual) == ("≤ 100.00", "110.00")
    assert [e.text for e in f.evidence] == [
        "年度资金申请总额\t100.00",
        "其中：当年财政拨款\t110.00",
    ]
    # JS816 does not report the same block again
    assert run(doc, "JS816") == []


def test_part_larger_than_whole_in_yuan_names_both_units() -> None:
    doc = doc_of(
        form(unit="项目资金（元）", annual_total="1,000,000.00", appropriation="1,100,000.00")
        .replace("120.00", "1,200,000.00")
        .replace("\t10.00", "\t0.00")
    )
    f = one(doc, "JS815")
    assert "1,100,000.00 元（110.00 万元）" in f.message and "多 10.00 万元" in f.message


def test_annual_request_above_the_project_total() -> None:
    doc = doc_of(form(annual_total="130.00", appropriation="120.00"))
    f = one(doc, "JS815")
    assert f.severity is Severity.WARNING and "一年申请的资金超过了项目资金总额" in f.message


def test_equal_part_and_whole_is_quiet() -> None:
    assert run(doc_of(form(appropriation="100.00", carryover="0.00")), "JS815") == []


# --- JS816 ---------------------------------------------------------------------------------


def test_parts_do_not_add_up() -> None:
    doc = doc_of(form(appropriation="80.00"))
    f = one(doc, "JS816")
    assert f.severity is Severity.WARNING
    assert "合计 90.00 万元，相差 10.00 万元" in f.message
    assert (f.expected, f.actual) == ("90.00", "100.00")


def test_parts_within_rounding_are_quiet() -> None:
    # 项目资金: 120.00 against 119.995 is impossible in print; 0.01 over three parts is rounding
    doc = doc_of(form(appropriation="89.99", annual_other="0.00"))
    assert run(doc, "JS816") == []


def test_a_block_with_one_part_is_not_summed() -> None:
    text = form().replace(T.join(["", "", "", "其他资金", "0.00"]) + "\n", "")
    text = text.replace(T.join(["", "其他资金", "0.00", "上年结转资金", "10.00"]), "")
    doc = doc_of(text.replace("\t90.00", "\t95.00"))
    assert run(doc, "JS816") == []


# --- JS817 ---------------------------------------------------------------------------------


def test_missing_benefit_indicators() -> None:
    rows = [INDICATORS[0], INDICATORS[1]]
    f = one(doc_of(form(indicators=rows)), "JS817")
    assert f.severity is Severity.WARNING
    assert "只有产出指标，缺少效益指标" in f.message


def test_missing_level_with_inferred_levels_is_info() -> None:
    rows = [
        ["", "", "", "上线系统数", "≥3(个)"],
        ["", "产出指标", "数量指标", "验收合格率", "=100%"],
    ]
    f = one(doc_of(form(indicators=rows)), "JS817")
    assert f.severity is Severity.INFO and "推定" in f.message


def test_a_form_without_indicators_is_mentioned() -> None:
    text = form(indicators=[]).replace(
        T.join(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]) + "\n", ""
    )
    f = one(doc_of(text), "JS817")
    assert f.severity is Severity.INFO and "没有读到任何绩效指标" in f.message


# --- JS818 ---------------------------------------------------------------------------------


def test_empty_target_value() -> None:
    rows = [*INDICATORS[:2], ["", "", "时效指标", "按期完成率", ""], *INDICATORS[2:]]
    f = one(doc_of(form(indicators=rows)), "JS818")
    assert f.severity is Severity.WARNING and "“按期完成率”的指标值空白" in f.message
    rows[2][4] = "/"
    f = one(doc_of(form(indicators=rows)), "JS818")
    assert "只写了“/”" in f.message
    rows[2][4] = "≥95%"
    assert run(doc_of(form(indicators=rows)), "JS818") == []


# --- JS819 ---------------------------------------------------------------------------------


def test_value_that_only_names_a_measure() -> None:
    rows = [*INDICATORS[:3], ["", "满意度指标", "服务对象满意度指标", "群众满意度", "满意度"]]
    f = one(doc_of(form(indicators=rows)), "JS819")
    assert f.severity is Severity.WARNING and "只写了“满意度”，没有数值" in f.message


def test_value_that_repeats_the_name() -> None:
    rows = [*INDICATORS[:2], ["", "效益指标", "社会效益指标", "服务更便捷", "服务更便捷"]]
    f = one(doc_of(form(indicators=rows)), "JS819")
    assert "只重复了指标名称" in f.message


def test_qualitative_values_are_quiet() -> None:
    rows = [*INDICATORS[:2], ["", "效益指标", "社会效益指标", "群众办事更便捷", "明显提升"]]
    assert run(doc_of(form(indicators=rows)), "JS819") == []


# --- JS820 ---------------------------------------------------------------------------------


EXPLANATION = (
    "第三部分 2024年度部门预算情况说明\n"
    "九、绩效目标设置情况\n"
    "本部门编报绩效目标的项目{n}个，涉及预算金额{amount}万元。\n"
)


def test_count_of_target_projects() -> None:
    # two forms attached, the explanation says one: more forms than projects
    two = form() + "\n" + form().split("\n", 2)[2].replace("测试项目", "第二项目")
    text = EXPLANATION.format(n=1, amount="200.00") + two
    doc = doc_from_text(text)
    assert len(doc.targets) == 2
    f = one(doc, "JS820")
    assert f.severity is Severity.WARNING and (f.expected, f.actual) == ("1", "2")
    # fewer forms than projects: only part of them published, mentioned
    doc = doc_from_text(EXPLANATION.format(n=3, amount="200.00") + two)
    assert one(doc, "JS820").severity is Severity.INFO
    # the same count: the amount is compared with the years' requests (100 + 100)
    doc = doc_from_text(EXPLANATION.format(n=2, amount="200.00") + two)
    assert run(doc, "JS820") == []
    doc = doc_from_text(EXPLANATION.format(n=2, amount="250.00") + two)
    f = one(doc, "JS820")
    assert f.severity is Severity.INFO and "合计 200.00 万元，相差 50.00 万元" in f.message


def test_count_not_applicable_without_forms_or_statement() -> None:
    leshan = juesuan.read(SAMPLES / "leshan-bigdata-center-2024.txt")  # 20 projects, no forms
    assert run(leshan, "JS82") == []
    assert run(doc_of(form()), "JS820") == []


# --- doubt ---------------------------------------------------------------------------------


def test_a_form_recognised_by_header_words_only_reports_info() -> None:
    text = form(appropriation="110.00").replace("项目支出绩效目标表\n", "")
    doc = doc_of(text)
    assert doc.targets[0].recognised_by == "header"
    f = one(doc, "JS815")
    assert f.severity is Severity.INFO and "读取存疑" in f.message


# --- the Wanli sample ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def wanli() -> Disclosure:
    return juesuan.read(SAMPLES / "shanghai-putuo-wanli-street-2023-dept-budget.pdf")


def test_wanli_real_findings(wanli: Disclosure) -> None:
    found = sorted(
        (f.rule, f.severity.value, f.evidence[-1].page, f.evidence[-1].line, f.actual)
        for f in run(wanli, "JS8")
    )
    assert found == [
        # page 35: 年度资金申请总额 10,903,043.00, 其中：当年财政拨款 11,419,043.00
        ("JS815", "error", 35, 7, "11,419,043.00"),
        # page 31: 完工及时率 “及时率”, 完善社区基础设施建设 “完善率”, 居民满意度 “满意度”
        ("JS819", "warning", 31, 24, "及时率"),
        ("JS819", "warning", 31, 26, "完善率"),
        ("JS819", "warning", 31, 27, "满意度"),
        # page 34: two indicators whose 指标值 repeats the 三级指标 word for word
        ("JS819", "warning", 34, 53, "做好禁毒示范城区标准化建设"),
        ("JS819", "warning", 34, 68, "宣传工作覆盖面不断扩大"),
    ]
