"""Residue and form rules (JS7xx) beyond their cases (tests/rule_cases/JS7*.toml): doubled
punctuation across the lines of a PDF, and the real defects of the samples pinned."""

from __future__ import annotations

from juesuan.model.findings import Severity
from tests.rulekit import run, sample


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
        ("JS703", "仅罗列、可以不写原因"),  # 五（三）: "（注：仅罗列本部门涉及的…可以不写原因）"
        ("JS703", "仅罗列"),  # 六: "（注：仅罗列本部门实际支出涉及的经济分类科目）"
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
