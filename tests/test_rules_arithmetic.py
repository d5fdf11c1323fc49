"""Table arithmetic rules (JS2xx) beyond their cases (tests/rule_cases/JS2*.toml): both
names the reader gives the 年初 fund lines, and the real findings of the samples (each
confirmed against the printed document)."""

from __future__ import annotations

import pytest
from rulekit import SAMPLE_NAMES, run, sample
from tablebuild import document, t04

from juesuan.model.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@pytest.mark.parametrize("prefix", ["end_balance", "begin_balance"])
def test_summary_t04_fund_flow_and_begin_parts(prefix: str) -> None:
    # the reader names the fund lines under 年初 “end_balance.*” today; either name works
    table = t04(
        {"general": "100.00"},
        {"201": ["100.00", "100.00", "", ""]},
        income_total="100.00",
        expense_total=["100.00", "100.00", "", ""],
        begin="12.00",
        begin_parts={"general": "10.00"},
        end=["12.00", "12.00", "", ""],
        grand_in="112.00",
        grand_out=["112.00", "112.00", "", ""],
        begin_prefix=prefix,
    )
    found = run(document(table), "JS205")
    text = " | ".join(f.message for f in found)
    # 年初 12.00 ≠ its part 10.00; general: 100 + 10 − 12 = 98 ≠ 100 spent
    assert "年初财政拨款结转和结余为 12.00 万元，其下各项之和为 10.00" in text
    assert "一般公共预算财政拨款本年收入 100.00 + 年初结转和结余 10.00" in text
    assert all(f.severity is E for f in found)


# ---------------------------------------------------------------------------------------
# the samples


def _codes(name: str) -> list[tuple[str, Severity, str]]:
    return [(f.rule, f.severity, f.where or "") for f in run(sample(name), "JS2")]


def test_template_and_tableless_samples_are_quiet() -> None:
    for name in (
        "shanghai-template-2024.pdf",
        "sichuan-bigdata-center-2022.txt",
        "sichuan-commerce-infocenter-2020.txt",
    ):
        assert run(sample(name), "JS2") == [], name


def test_leshan_real_errors() -> None:
    """乐山市大数据中心 2024 (text lines 871–875, 893): 收入决算表 208 类 16.14 ≠ 20805 14.76 +
    20899 1.30; 支出决算表合计行 1069.86 ≠ 基本 117.86 + 项目 951.98."""
    found = run(sample("leshan-bigdata-center-2024.txt"), "JS2")
    errors = [f for f in found if f.severity is E]
    assert [(f.rule, f.evidence[0].line) for f in errors] == [("JS202", 871), ("JS203", 893)]
    assert "16.06" in errors[0].message and "1069.84" in errors[1].message
    assert all(f.severity in (E, INFO) for f in found)


def test_guihua_real_rounding_infos() -> None:
    """上海市普陀区规划和自然资源局 2024: only rounding-size differences (info), each read on
    the printed pages — 财政拨款总表 各类之和 9746.49 (p.12–13); 一般公共预算支出表 212/21201/
    2120101 and 合计 基本+项目 off by 0.01 (p.14–15); 基本支出表 302 440.90 vs Σ款 440.88 and
    人员经费合计 4884.09 vs 4816.14 + 67.96 (p.16)."""
    found = run(sample("shanghai-guihua-2024.pdf"), "JS2")
    assert {f.severity for f in found} == {INFO}
    got = sorted((f.rule, f.evidence[0].page, f.evidence[0].line) for f in found)
    assert got == [
        ("JS202", 16, 6),
        ("JS203", 14, 35),
        ("JS203", 14, 36),
        ("JS203", 14, 39),
        ("JS203", 15, 4),
        ("JS205", 13, 12),
        ("JS206", 16, 48),
    ]


def test_shegong_real_rounding_info() -> None:
    """中共上海市普陀区委社会工作部 2024 p.13: 302 商品和服务支出 10.23, its 款 sum to 10.22."""
    found = run(sample("shanghai-shegong-2024.pdf"), "JS2")
    assert [(f.rule, f.severity) for f in found] == [("JS202", INFO)]
    assert "10.23" in found[0].message and "10.22" in found[0].message


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_rules_never_fail(name: str) -> None:
    from juesuan.rules import check

    report = check(sample(name), select=["JS2"])
    assert all(f.rule != "JS000" for f in report.findings)
