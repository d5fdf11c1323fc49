"""Table arithmetic rules (JS2xx): hand-made tables, modified samples, and the real
findings of the samples (each confirmed against the printed document)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rulekit import SAMPLE_NAMES, run, sample
from tablebuild import (
    FLOW_COLUMNS,
    T02_COLUMNS,
    T03_COLUMNS,
    T06_COLUMNS,
    blocks,
    coded,
    document,
    sangong,
    t01,
    t04,
)

from juesuan.model import TableKind
from juesuan.model.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def severities(findings: list) -> list[Severity]:  # type: ignore[type-arg]
    return [f.severity for f in findings]


# ---------------------------------------------------------------------------------------
# JS201 合计行 = Σ 类


def expense_table(total: str = "30.00", basic: str = "20.00") -> object:
    return coded(
        TableKind.T03,
        T03_COLUMNS,
        [
            (None, "合计", [total, basic, "10.00", "", "", ""]),
            ("201", "一般公共服务支出", ["12.00", "12.00", "", "", "", ""]),
            ("20103", "政府办公厅（室）及相关机构事务", ["12.00", "12.00", "", "", "", ""]),
            ("208", "社会保障和就业支出", ["18.00", "8.00", "10.00", "", "", ""]),
            ("20805", "行政事业单位养老支出", ["18.00", "8.00", "10.00", "", "", ""]),
        ],
    )


def test_total_row_quiet_when_it_adds_up() -> None:
    assert run(document(expense_table()), "JS201") == []  # type: ignore[arg-type]


def test_total_row_error_and_rounding_info() -> None:
    found = run(document(expense_table(total="30.50", basic="20.50")), "JS201")  # type: ignore[arg-type]
    assert len(found) == 1 and found[0].severity is E
    f = found[0]
    assert "本年支出合计为 30.50 万元" in f.message and "各类（201、208）之和为 30.00" in f.message
    assert "基本支出为 20.50" in f.message
    assert len(f.evidence) == 3 and f.expected == "30.00" and f.actual == "30.50"
    # one cent over two non-zero classes: rounding
    found = run(document(expense_table(basic="20.01", total="30.01")), "JS201")  # type: ignore[arg-type]
    assert severities(found) == [INFO] and "四舍五入" in found[0].message


def test_total_row_quiet_on_unread_rows() -> None:
    table = coded(
        TableKind.T06,
        T06_COLUMNS,
        [
            (None, "合计", ["30.00", "20.00", "10.00"]),
            ("201", "一般公共服务支出", ["12.00", "12.00", ""]),
            ("208", "社会保障和就业支出", ["", "", ""]),  # values not read
        ],
    )
    assert run(document(table), "JS201") == []


# ---------------------------------------------------------------------------------------
# JS202 类 = Σ 款 = Σ 项


def income_table(class_total: str) -> object:
    return coded(
        TableKind.T02,
        T02_COLUMNS,
        [
            (None, "合计", [class_total, class_total, "0.00", "0.00", "0.00", "0.00", "0.00"]),
            ("208", "社会保障和就业支出", [class_total, class_total, "", "", "", "", ""]),
            ("20805", "行政事业单位养老支出", ["14.76", "14.76", "", "", "", "", ""]),
            ("2080505", "机关事业单位基本养老保险缴费支出", ["9.84", "9.84", "", "", "", "", ""]),
            ("2080506", "机关事业单位职业年金缴费支出", ["4.92", "4.92", "", "", "", "", ""]),
            ("20899", "其他社会保障和就业支出", ["1.30", "1.30", "", "", "", "", ""]),
        ],
    )


def test_subtotal_quiet_and_error() -> None:
    assert run(document(income_table("16.06")), "JS202") == []  # type: ignore[arg-type]
    found = run(document(income_table("16.14")), "JS202")  # type: ignore[arg-type]
    assert severities(found) == [E]
    msg = found[0].message
    assert "208 社会保障和就业支出" in msg and "20805、20899" in msg and "16.06" in msg
    assert "本年收入合计、财政拨款收入均为 16.14 万元" in msg  # same numbers named together


def test_subtotal_single_child_one_cent_is_warning() -> None:
    table = coded(
        TableKind.T06,
        T06_COLUMNS,
        [
            ("221", "住房保障支出", ["8.29", "8.29", ""]),
            ("22102", "住房改革支出", ["8.30", "8.30", ""]),
        ],
    )
    assert severities(run(document(table), "JS202")) == [W]


def test_subtotal_on_economic_codes() -> None:
    table = blocks(
        [
            ("301", "工资福利支出", "10.00"),
            ("30101", "基本工资", "6.00"),
            ("30102", "津贴补贴", "4.00"),
            ("302", "商品和服务支出", "10.23"),
            ("30201", "办公费", "3.78"),
            ("30211", "差旅费", "6.44"),
        ]
    )
    found = run(document(table), "JS202")
    assert severities(found) == [INFO] and "302 商品和服务支出" in found[0].message


# ---------------------------------------------------------------------------------------
# JS203 row identities


def test_row_identity_error_info_quiet() -> None:
    table = coded(
        TableKind.T03,
        T03_COLUMNS,
        [
            (None, "合计", ["1,069.86", "117.86", "951.98", "0.00", "0.00", "0.00"]),
            ("201", "一般公共服务支出", ["595.23", "90.18", "505.04", "0.00", "0.00", "0.00"]),
            ("208", "社会保障和就业支出", ["16.14", "16.14", "0.00", "0.00", "0.00", "0.00"]),
        ],
    )
    found = run(document(table), "JS203")
    assert severities(found) == [E, INFO]
    assert "“合计”行" in found[0].message and "1069.84" in found[0].message
    assert "201 一般公共服务支出" in found[1].message


def test_row_identity_t04_expense_side_only() -> None:
    table = t04(
        {"general": "10.00", "govfund": "5.00"},
        {"201": ["10.00", "10.00", "", ""], "212": ["5.00", "", "5.00", ""]},
        income_total="15.00",
        expense_total=["15.00", "10.00", "4.00", ""],
    )
    found = run(document(table), "JS203")
    assert severities(found) == [E, E]  # 本年支出合计 and 总计 rows
    assert "政府性基金预算财政拨款" in found[0].message


def test_row_identity_needs_all_part_columns() -> None:
    table = coded(
        TableKind.T03,
        ["total", "basic"],
        [("201", "一般公共服务支出", ["595.23", "90.18"])],
    )
    assert run(document(table), "JS203") == []


# ---------------------------------------------------------------------------------------
# JS204 年初 + 收入 − 支出 = 年末


def test_fund_balance_flow() -> None:
    rows = [
        (None, "合计", ["10.00", "50.00", "45.00", "5.00", "40.00", "15.00"]),
        ("212", "城乡社区支出", ["10.00", "50.00", "45.00", "5.00", "40.00", "5.00"]),
    ]
    found = run(document(coded(TableKind.T10, FLOW_COLUMNS, rows)), "JS204")
    assert severities(found) == [E] and "212 城乡社区支出" in found[0].message
    assert found[0].expected == "15.00" and found[0].actual == "5.00"


def test_fund_balance_flow_not_applicable_without_data() -> None:
    table = coded(TableKind.T10, FLOW_COLUMNS, [], empty="本表无数据")
    assert run(document(table), "JS204") == []


# ---------------------------------------------------------------------------------------
# JS205 the two-sided summary tables


def test_summary_table_balanced_is_quiet() -> None:
    table = t01(
        {"general": "622.92", "govfund": "446.94", "soe": "0.00"},
        {"201": "595.23", "212": "446.94", "221": "27.69"},
        income_total="1,069.86",
        expense_total="1,069.86",
        begin="0.00",
        end="0.00",
    )
    assert run(document(table), "JS205") == []


def test_summary_table_errors() -> None:
    table = t01(
        {"general": "622.92", "govfund": "446.94"},
        {"201": "595.23", "212": "446.94", "221": "27.69"},
        income_total="1,069.96",
        expense_total="1,069.86",
        begin="112.88",
        end="100.00",
        grand_in="1,182.84",
        grand_out="1,170.00",
    )
    found = run(document(table), "JS205")
    messages = " | ".join(f.message for f in found)
    assert severities(found) == [E, E, E]
    assert "本年收入合计为 1069.96 万元，各项收入之和为 1069.86" in messages
    assert "收入总计为" not in messages  # 1069.96 + 112.88 = 1182.84 holds
    assert "支出总计为 1170.00 万元，本年支出合计 + 结余分配 + 年末结转和结余为 1169.86" in messages
    assert "收入方“总计”为 1182.84 万元，支出方“总计”为 1170.00" in messages


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


def test_summary_t04_rounded_class_sum_is_info() -> None:
    table = t04(
        {"general": "9,746.50"},
        {
            "208": ["754.75", "754.75", "", ""],
            "210": ["236.63", "236.63", "", ""],
            "212": ["8,755.11", "8,755.11", "", ""],
        },
        income_total="9,746.50",
        expense_total=["9,746.50", "9,746.50", "", ""],
    )
    found = run(document(table), "JS205")
    assert severities(found) == [INFO]
    assert "“合计”列、本年支出合计“一般公共预算财政拨款”列均为 9746.50" in found[0].message


# ---------------------------------------------------------------------------------------
# JS206 基本支出决算表


def test_basic_expense_block_totals() -> None:
    rows = [
        ("301", "工资福利支出", "4,816.14"),
        ("302", "商品和服务支出", "440.90"),
        ("303", "对个人和家庭的补助", "67.96"),
        ("310", "资本性支出", "39.76"),
        (None, "人员经费合计", "4,884.09"),
        (None, "公用经费合计", "480.66"),
    ]
    found = run(document(blocks(rows)), "JS206")
    assert severities(found) == [INFO] and "人员经费合计为 4884.09 万元" in found[0].message
    rows[4] = (None, "人员经费合计", "4,884.10")
    assert run(document(blocks(rows)), "JS206") == []
    rows[5] = (None, "公用经费合计", "490.66")
    found = run(document(blocks(rows)), "JS206")
    assert severities(found) == [E] and "公用经费合计" in found[0].message


# ---------------------------------------------------------------------------------------
# JS207 “三公”


def test_sangong_sums() -> None:
    good = {
        "total": ("2.85", "0.39"),
        "abroad": ("0.00", "0.00"),
        "vehicle": ("0.00", "0.00"),
        "vehicle_purchase": ("0.00", "0.00"),
        "vehicle_operation": ("0.00", "0.00"),
        "reception": ("2.85", "0.39"),
    }
    assert run(document(sangong(good)), "JS207") == []
    bad = dict(good, total=("2.85", "0.49"), vehicle=("1.00", "0.00"))
    found = run(document(sangong(bad)), "JS207")
    assert severities(found) == [E, E]
    assert "合计决算数为 0.49 万元" in found[0].message
    assert "公务用车购置及运行维护费预算数为 1.00 万元" in found[1].message


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


def test_modified_sample_total_fires() -> None:
    doc = sample("shanghai-shegong-2024.pdf")
    t03 = doc.table(TableKind.T03)
    assert t03 is not None
    total = next(r for r in t03.rows if r.name == "合计")
    total.values["total"] = Decimal("317.82")
    found = [f for f in run(doc, "JS201") if f.severity is E]
    assert len(found) == 1 and "317.82" in found[0].message and "307.82" in found[0].message


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_rules_never_fail(name: str) -> None:
    from juesuan.rules import check

    report = check(sample(name), select=["JS2"])
    assert all(f.rule != "JS000" for f in report.findings)
