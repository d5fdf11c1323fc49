"""Residue and form rules (JS7xx): each fires on a hand-made case and stays quiet on the
corrected one; the real defects of the samples are pinned."""

from __future__ import annotations

import pytest

from juesuan.model.findings import Severity
from tests.rulekit import doc_from_text, run, sample

HEAD = """四川省测试中心
2024年度单位决算
第二部分 2024年度单位决算情况说明
一、收入支出决算总体情况说明
"""


def _doc(body: str, name: str = "case.txt"):  # type: ignore[no-untyped-def]
    return doc_from_text(HEAD + body, name)


CASES = [
    # (rule, text that fires, corrected text)
    (
        "JS701",
        "2024年度收入、支出总计均为XXX万元。",
        "2024年度收入、支出总计均为1069.86万元。",
    ),
    (
        "JS701",
        "因公出国（境）经费支出**万元。",
        "因公出国（境）经费支出0.00万元。",
    ),
    (
        "JS702",
        "与2023年度相比，收入支出总计增加（减少）5.00万元，增长（下降）1.00%。",
        "与2023年度相比，收入支出总计增加5.00万元，增长1.00%。",
    ),
    (
        "JS703",
        "与上年持平（如持平作持平表述）。",
        "与上年持平。",
    ),
    ("JS704", "较上一度增加1133.95万元。", "较上年度增加1133.95万元。"),
    ("JS705", "项目支出##万元。", "项目支出12.00万元。"),
    ("JS705", "项目支出为\n## ###\n万元。", "## 说明\n项目支出为440.88万元。"),
    ("JS706", "项目支出155.099998万元。", "项目支出155.10万元。"),
    (
        "JS707",
        "收入支出总计1069.86万元，增长13.95。",
        "收入支出总计1069.86万元，增长13.95%。",
    ),
    (
        "JS709",
        "2023年度收入支出总计1069.86万元。",
        "2024年度收入支出总计1069.86万元，与2023年度相比增加5.00万元。",
    ),
    ("JS711", "收入支出总计1069.86万元。。", "收入支出总计1069.86万元。"),
    (
        "JS712",
        "主要用于：\n1.第一项。\n2.第二项。\n4.第四项。",
        "主要用于：\n1.第一项。\n2.第二项。\n3.第三项。",
    ),
]


@pytest.mark.parametrize(("code", "bad", "good"), CASES)
def test_rule_fires_and_stays_quiet(code: str, bad: str, good: str) -> None:
    fired = run(_doc(bad), code)
    assert fired, f"{code} did not fire on {bad!r}"
    assert all(f.evidence and f.message for f in fired)
    assert run(_doc(good), code) == []


def test_wrong_unit_wan_and_yuan() -> None:
    sangong = "七、“三公”经费财政拨款支出决算情况说明\n"
    doc = _doc(sangong + "国内公务接待支出0.39万，其中餐费0.10万元。")
    [hit] = run(doc, "JS708")
    assert hit.severity is Severity.WARNING and "万元" in hit.expected  # type: ignore[operator]
    assert run(_doc(sangong + "国内公务接待支出0.39万元。"), "JS708") == []
    # 元 confirmed by the budget and completion rate of the same sentence → error
    project = "十、预算绩效管理情况说明\n（1）信息化运维项目绩效目标完成情况综述。"
    doc = _doc(project + "项目全年预算数32.35万元，执行数为31.68元，完成预算的97.93%。")
    [hit] = run(doc, "JS708")
    assert hit.severity is Severity.ERROR and hit.actual == "31.68元"
    # the rate does not confirm 万元 (31.68 元 / 32.35 万元 is not 97.93%) → quiet
    quiet = _doc(project + "项目全年预算数32.35万元，执行数为31.68元，完成预算的0.01%。")
    assert run(quiet, "JS708") == []


def test_unit_name_near_miss_and_title_place() -> None:
    text = """上海市普陀区规划和自然资源局
2024年度部门决算
目录
第二部分 2024年度部门决算表
上海市规划和自然资源局2024年度部门决算表
第三部分 2024年度部门决算情况说明
一、收入支出决算总体情况说明
普陀区规划与自然资源局2024年度收入支出总计9859.38万元。
普陀区规划和自然资源局2024年度收入支出总计9859.38万元。
"""
    doc = doc_from_text(text)
    assert doc.unit == "上海市普陀区规划和自然资源局"
    found = {(f.actual, f.expected) for f in run(doc, "JS710")}
    assert found == {
        ("规划与自然资源局", "规划和自然资源局"),
        ("上海市规划和自然资源局", "上海市普陀区规划和自然资源局"),
    }


def test_pdf_doubled_punctuation_across_lines_is_only_info() -> None:
    doc = sample("shanghai-shegong-2024.pdf")
    para = next(p for p in doc.paragraphs if p.part == "explanation" and len(p.lines) > 1)
    para.text = para.text.rstrip("。") + "。。"
    para.lines[-1].text = para.lines[-1].text.rstrip("。")  # the marks straddle lines
    hits = [f for f in run(doc, "JS711") if f.evidence[0].page == para.evidence.page]
    assert hits and all(f.severity is Severity.INFO for f in hits)


def _pairs(name: str) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.severity.value, f.evidence[0].page) for f in run(sample(name), "JS7")]


def test_samples_real_residue() -> None:
    """Each of these was confirmed by reading the document (page/line in the comment)."""
    leshan = [(f.rule, f.actual) for f in run(sample("leshan-bigdata-center-2024.txt"), "JS7")]
    assert leshan == [
        ("JS707", "622.92"),  # 五（三）: "支出决算数为622.92，" no 万元
        ("JS702", "增加/减少"),  # 七（一）: "较上年度增加/减少0万元"
        ("JS701", "**"),  # 七（二）: "因公出国（境）经费支出**万元"
        ("JS706", "155.099998"),  # 绩效自评表 "一网通办": 年初预算 "155.0 99998" (line 278)
        ("JS706", "155.099998"),  # and its 财政资金 row (line 279)
    ]
    guihua = run(sample("shanghai-guihua-2024.pdf"), "JS7")
    got = sorted((f.rule, f.evidence[0].page, f.actual) for f in guihua)
    assert got == sorted(
        [
            ("JS704", 20, "上一度"),  # 一: "较上一度增加1133.95万元"
            ("JS704", 20, "上一度"),  # 四
            ("JS704", 21, "上一度"),  # 五（一）
            ("JS707", 21, "13.95"),  # 五（一）: "增长13.95。"
            ("JS702", 25, "下降（增长）"),  # 七（一）
            ("JS710", 7, "上海市规划和自然资源局"),  # 决算表 cover page title
            ("JS710", 26, "规划与自然资源局"),  # 七（二）
            ("JS710", 26, "规划与自然资源局"),  # 八
            ("JS710", 26, "规划与自然资源局"),  # 九
            ("JS708", 26, "0.39万"),  # "国内公务接待支出0.39万"
            ("JS702", 28, "部门（单位）"),  # 十一（三）: "部门（单位）共有车辆0辆"
        ]
    )
    shegong = _pairs("shanghai-shegong-2024.pdf")
    assert shegong == [("JS703", "error", 15), ("JS703", "error", 16)]  # 仍保留该表格式…
    infocenter = [
        (f.rule, f.severity.value, f.actual)
        for f in run(sample("sichuan-commerce-infocenter-2020.txt"), "JS7")
    ]
    assert infocenter == [
        ("JS708", "warning", "11.80元"),  # 五（三）8.
        ("JS708", "warning", "19.49元"),  # 五（三）9.
        ("JS708", "error", "31.68元"),  # 32.35万元 × 97.93% = 31.68万元
    ]


def test_template_is_mostly_residue() -> None:
    findings = run(sample("shanghai-template-2024.pdf"), "JS7")
    rules = {f.rule for f in findings}
    assert {"JS701", "JS702", "JS703"} <= rules
    assert len([f for f in findings if f.rule == "JS701"]) >= 20
