"""Cross-table rules (JS3xx) beyond their cases (tests/rule_cases/JS3*.toml): the real
findings of the samples (each confirmed against the printed document)."""

from __future__ import annotations

import pytest
from rulekit import SAMPLE_NAMES, run, sample

from juesuan.model.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


# ---------------------------------------------------------------------------------------
# the samples


def test_template_and_tableless_samples_are_quiet() -> None:
    for name in (
        "shanghai-template-2024.pdf",
        "sichuan-bigdata-center-2022.txt",
        "sichuan-commerce-infocenter-2020.txt",
    ):
        assert run(sample(name), "JS3") == [], name


def test_guihua_real_findings() -> None:
    """上海市普陀区规划和自然资源局 2024: 收入支出决算总表 (p.7) prints 城乡社区支出 3845.25 and
    卫生健康支出 236.63; 支出决算表 (p.10–11) 3845.24 and 236.64; 财政拨款总表 (p.12) 卫生健康
    236.63 against 收入决算表 (p.8) and 一般公共预算支出表 (p.14) 236.64.  All one cent apart."""
    found = run(sample("shanghai-guihua-2024.pdf"), "JS3")
    got = sorted((f.rule, f.severity, f.expected, f.actual) for f in found)
    assert got == [
        ("JS302", W, "236.63", "236.64"),
        ("JS302", W, "3845.25", "3845.24"),
        ("JS305", W, "236.63", "236.64"),
        ("JS313", W, "236.64", "236.63"),
    ]
    for f in found:
        assert len(f.evidence) == 2 and len({e.page for e in f.evidence}) == 2


def test_shegong_real_findings() -> None:
    """中共上海市普陀区委社会工作部 2024: 一般公共预算支出表 基本支出 105.58 (p.12); 基本支出表
    人员经费合计 95.36 + 公用经费合计 10.23 = 105.59 (p.13) — within rounding (info)."""
    found = run(sample("shanghai-shegong-2024.pdf"), "JS3")
    assert [(f.rule, f.severity) for f in found] == [("JS307", INFO)]


def test_leshan_real_findings() -> None:
    """乐山市大数据中心 2024 (no non-fiscal money, no balances): 收入决算表 20899/2089999 1.30
    (lines 875–876) vs 支出决算表 1.38 (905–906); 21208/2120899 “国有土地使用者…” (881–882)
    vs “国有土地使用权…” (911–912); 2210201 “住房租金支出” (885) vs “住房公积金” (915, 980);
    支出决算表合计行基本支出 117.86 (893) vs 一般公共预算支出表 117.88 (961), the 212 类
    (政府性基金, 基本支出 0.00) taken out."""
    found = run(sample("leshan-bigdata-center-2024.txt"), "JS3")
    got = sorted((f.rule, f.severity, f.evidence[0].line) for f in found)
    assert got == [
        ("JS306", E, 893),
        ("JS312", E, 875),
        ("JS312", E, 876),
        # 21208/2120899 and 2210201 name differences are reported by JS401 against the
        # standard names (tests/test_rules_codes.py), not twice.
    ]
    names = next(
        f for f in run(sample("leshan-bigdata-center-2024.txt"), "JS401") if "2210201" in f.message
    )
    assert names.expected == "住房公积金" and names.actual == "住房租金支出"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_rules_never_fail(name: str) -> None:
    from juesuan.rules import check

    report = check(sample(name), select=["JS3"])
    assert all(f.rule != "JS000" for f in report.findings)
