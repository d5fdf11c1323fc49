"""Cross-table rules (JS3xx): hand-made tables, modified samples, and the real findings of
the samples (each confirmed against the printed document)."""

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
    t01,
    t04,
)

from juesuan import catalog
from juesuan.model import Disclosure, Table, TableKind
from juesuan.model.findings import Finding, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def severities(findings: list[Finding]) -> list[Severity]:
    return [f.severity for f in findings]


# A small consistent unit with only 财政拨款 money and no balances:
#   201 一般公共服务 100.00 (基本 60.00, 项目 40.00), 212 城乡社区 50.00 (政府性基金, 项目)


def summary(**changes: str) -> Table:
    classes = {"201": changes.get("t01_201", "100.00"), "212": "50.00", "208": ""}
    return t01(
        {"general": changes.get("t01_general", "100.00"), "govfund": "50.00"},
        classes,
        income_total="150.00",
        expense_total=changes.get("t01_expense", "150.00"),
        begin=changes.get("begin", "0.00"),
        end=changes.get("end", "0.00"),
        grand_in=changes.get("grand_in"),
        grand_out=changes.get("grand_out"),
    )


def income(**changes: str) -> Table:
    blank = ["", "", "", "", ""]
    return coded(
        TableKind.T02,
        T02_COLUMNS,
        [
            (None, "合计", [changes.get("total", "150.00"), "150.00", *blank]),
            ("201", "一般公共服务支出", ["100.00", "100.00", *blank]),
            ("20103", "政府办公厅（室）及相关机构事务", ["100.00", "100.00", *blank]),
            (
                "2010301",
                changes.get("i_name", "行政运行"),
                [changes.get("i2010301", "100.00"), "100.00", *blank],
            ),
            ("212", "城乡社区支出", ["50.00", "50.00", *blank]),
        ],
    )


def expense(**changes: str) -> Table:
    blank = ["", "", ""]
    return coded(
        TableKind.T03,
        T03_COLUMNS,
        [
            (None, "合计", ["150.00", changes.get("e_basic", "60.00"), "90.00", *blank]),
            ("201", "一般公共服务支出", [changes.get("e201", "100.00"), "60.00", "40.00", *blank]),
            ("20103", "政府办公厅（室）及相关机构事务", ["100.00", "60.00", "40.00", *blank]),
            ("2010301", "行政运行", ["100.00", "60.00", "40.00", *blank]),
            ("212", "城乡社区支出", ["50.00", "0.00", "50.00", *blank]),
        ],
    )


def fiscal(**changes: str) -> Table:
    return t04(
        {"general": changes.get("t04_general", "100.00"), "govfund": "50.00"},
        {
            "201": ["100.00", changes.get("t04_201", "100.00"), "", ""],
            "212": ["50.00", "", "50.00", ""],
            "208": ["", "", "", ""],
        },
        income_total="150.00",
        expense_total=["150.00", "100.00", changes.get("t04_govfund", "50.00"), ""],
        begin="",
    )


def general(**changes: str) -> Table:
    return coded(
        TableKind.T06,
        T06_COLUMNS,
        [
            (None, "合计", ["100.00", changes.get("g_basic", "60.00"), "40.00"]),
            ("201", "一般公共服务支出", [changes.get("g201", "100.00"), "60.00", "40.00"]),
            ("20103", "政府办公厅（室）及相关机构事务", ["100.00", "60.00", "40.00"]),
            ("2010301", changes.get("g_name", "行政运行"), ["100.00", "60.00", "40.00"]),
        ],
    )


def economic(personnel: str = "50.00", public: str = "10.00") -> Table:
    return blocks(
        [
            ("301", "工资福利支出", personnel),
            ("302", "商品和服务支出", public),
            (None, "人员经费合计", personnel),
            (None, "公用经费合计", public),
        ]
    )


def unit(**changes: str) -> Disclosure:
    return document(
        summary(**changes),
        income(**changes),
        expense(**changes),
        fiscal(**changes),
        general(**changes),
        economic(),
    )


def test_consistent_unit_is_quiet() -> None:
    assert run(unit(), "JS3") == []


def test_income_summary_vs_income_table() -> None:
    found = run(unit(total="150.01"), "JS301")
    assert severities(found) == [W]
    f = found[0]
    assert "表01 收入支出决算总表" in f.message and "表02 收入决算表" in f.message
    assert len(f.evidence) == 2 and f.where == "表01 收入支出决算总表 / 表02 收入决算表"
    # the fiscal column against the sum of the three fiscal lines: rounding is info
    doc = unit()
    t02 = doc.table(TableKind.T02)
    assert t02 is not None
    t02.rows[0].values["fiscal"] = Decimal("150.01")
    assert severities(run(doc, "JS301")) == [INFO]


def test_expense_summary_vs_expense_table() -> None:
    found = run(unit(e201="100.02"), "JS302")
    assert severities(found) == [E]
    assert "“201类支出”为 100.00 万元" in found[0].message
    assert "“201 一般公共服务支出”行本年支出合计为 100.02 万元" in found[0].message


def test_fiscal_income_two_summaries() -> None:
    found = run(unit(t01_general="100.01"), "JS303")
    assert severities(found) == [W]


def test_expense_table_vs_fiscal_summary_only_without_non_fiscal_money() -> None:
    found = run(unit(e201="100.05"), "JS304")
    assert severities(found) == [E]
    # with a non-fiscal opening balance the two tables legitimately differ
    doc = unit(e201="100.05", begin="5.00", end="4.95")
    assert run(doc, "JS304") == []


def test_general_budget_column_vs_table() -> None:
    found = run(unit(g201="100.01"), "JS305")
    assert severities(found) == [W] and "一般公共预算财政拨款列为 100.00" in found[0].message


def test_expense_table_vs_general_budget_basic_total() -> None:
    # 合计 basic differs: the 212 class (政府性基金) is taken out on both sides
    found = run(unit(e_basic="60.02"), "JS306")
    assert severities(found) == [E]
    assert "扣除含其他财政拨款的 212 类后为 60.02" in found[0].message
    assert len(found[0].evidence) == 3  # T03 合计, T03 212, T06 合计


def test_basic_expense_vs_economic_table() -> None:
    doc = unit()
    doc.tables[-1] = economic(personnel="50.01")
    found = run(doc, "JS307")
    assert severities(found) == [INFO]  # a sum of two printed totals: rounding
    doc.tables[-1] = economic(personnel="55.00")
    found = run(doc, "JS307")
    assert severities(found) == [E] and "“人员经费合计”55.00" in found[0].message


def test_project_expense_vs_project_table() -> None:
    t09 = coded(
        TableKind.T09,
        ["total"],
        [(None, "合计", ["41.00"]), ("2010301", "行政运行", ["40.00"])],
    )
    found = run(document(general(), t09), "JS308")
    assert severities(found) == [E] and "项目支出为 40.00" in found[0].message


def test_detail_tables() -> None:
    t07 = coded(
        TableKind.T07,
        T06_COLUMNS,
        [
            (None, "合计", ["100.00", "60.00", "40.00"]),
            ("201", "一般公共服务支出", ["100.00", "61.00", "40.00"]),
        ],
    )
    found = run(document(general(), t07), "JS309")
    assert severities(found) == [E] and "基本支出为 61.00" in found[0].message
    t05 = coded(
        TableKind.T05, ["total"], [(None, "合计", ["150.00"]), ("212", "城乡社区支出", ["50.01"])]
    )
    found = run(document(fiscal(), t05), "JS309")
    assert severities(found) == [W]


def test_govfund_table() -> None:
    t10 = coded(
        TableKind.T10,
        FLOW_COLUMNS,
        [
            (None, "合计", ["", "50.00", "51.00", "", "51.00", ""]),
            ("212", "城乡社区支出", ["", "50.00", "50.00", "", "50.00", ""]),
        ],
    )
    found = run(document(fiscal(), t10), "JS310")
    assert severities(found) == [E] and "51.00" in found[0].message
    empty = coded(TableKind.T10, FLOW_COLUMNS, [], empty="本表无数据")
    found = run(document(fiscal(), empty), "JS310")
    assert severities(found) == [E, E] and "本表无数据" in found[0].message
    doc = document(fiscal(t04_govfund=""), empty)
    doc.tables[0] = t04(
        {"general": "100.00"},
        {"201": ["100.00", "100.00", "", ""]},
        income_total="100.00",
        expense_total=["100.00", "100.00", "", ""],
    )
    assert run(doc, "JS310") == []


def test_soe_tables() -> None:
    t12 = coded(TableKind.T12, T06_COLUMNS, [(None, "合计", ["30.00", "", "30.00"])])
    found = run(document(fiscal(), t12), "JS311")
    assert severities(found) == [E] and "国有资本经营预算财政拨款列为 0.00" in found[0].message
    t11 = coded(
        TableKind.T11,
        FLOW_COLUMNS,
        [(None, "合计", ["", "30.00", "30.00", "", "20.00", ""])],
    )
    found = run(document(fiscal(), t12, t11), "JS311")
    assert any("项目支出为 30.00" in f.message and "20.00" in f.message for f in found)


def test_income_vs_expense_by_code_only_without_balances() -> None:
    found = run(unit(i2010301="99.92"), "JS312")
    assert severities(found) == [E] and "2010301 行政运行" in found[0].message
    assert run(unit(i2010301="99.92", begin="1.00", end="1.00"), "JS312") == []


def test_fiscal_income_vs_fiscal_expense_by_class() -> None:
    doc = unit()
    t02 = doc.table(TableKind.T02)
    assert t02 is not None
    t02.rows[1].values["fiscal"] = Decimal("100.01")
    found = run(doc, "JS313")
    assert severities(found) == [W] and "201 一般公共服务支出" in found[0].message


def test_code_name_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    # A code the reference list knows, printed once with its standard name: JS401 reports the
    # other name against the standard, JS320 stays quiet (one finding per defect).
    assert run(unit(i_name="住房租金支出"), "JS320") == []
    assert [f.actual for f in run(unit(i_name="住房租金支出"), "JS401")] == ["住房租金支出"]
    # A code outside the reference list: only the tables can be compared with each other.
    monkeypatch.setattr(catalog, "functional_codes", lambda: catalog.CodeList(2024, {}))
    found = run(unit(i_name="住房租金支出"), "JS320")
    assert severities(found) == [W]
    f = found[0]
    assert "2010301" in f.message and "住房租金支出" in f.message and "行政运行" in f.message
    assert f.expected == "行政运行" and len(f.evidence) == 3
    # spacing, brackets and a wrapped (cut) name are not differences
    assert run(unit(i_name="行政 运行"), "JS320") == []
    doc = unit()
    t06 = doc.table(TableKind.T06)
    assert t06 is not None
    t06.rows[2].name = "政府办公厅(室)及相关机构"  # second line of the cell lost
    assert run(doc, "JS320") == []


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


def test_modified_sample_fires() -> None:
    doc = sample("shanghai-shegong-2024.pdf")
    t06 = doc.table(TableKind.T06)
    assert t06 is not None
    row208 = next(r for r in t06.rows if r.code == "208")
    row208.values["total"] = Decimal("11.82")
    found = run(doc, "JS305")
    assert severities(found) == [E] and "11.82" in found[0].message and "10.82" in found[0].message


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_rules_never_fail(name: str) -> None:
    from juesuan.rules import check

    report = check(sample(name), select=["JS3"])
    assert all(f.rule != "JS000" for f in report.findings)
