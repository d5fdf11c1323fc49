"""Budget rules (JS9xx) and the arithmetic rules on budget tables: each fires on a real budget
with one printed figure changed, and stays quiet on the real document."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from rulekit import run, sample

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Severity

BUDGETS = (
    "jiangsu-high-court-2018-dept-budget.pdf",
    "jiangsu-high-court-2019-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget-tables.pdf",
    "shanghai-municipal-finance-bureau-2025-unit-budget.pdf",
    "shanghai-putuo-wanli-street-2023-dept-budget.pdf",
)
COURT = "jiangsu-high-court-2019-dept-budget.pdf"
WANLI = "shanghai-putuo-wanli-street-2023-dept-budget.pdf"
FINANCE = "shanghai-municipal-finance-bureau-2025-unit-budget.pdf"


def changed(
    name: str, kind: TableKind, which: Callable[[TableRow], bool], column: str, printed: str
) -> Disclosure:
    """A budget sample with one printed cell of one table changed."""
    doc = sample(name)
    table = next(t for t in doc.tables if t.kind is kind)
    row = next(r for r in table.rows if which(r))
    row.raw[column] = printed
    row.values[column] = Decimal(printed.replace(",", "")) * table.scale
    return doc


@pytest.mark.parametrize("name", BUDGETS)
def test_budget_samples_have_no_table_errors(name: str) -> None:
    doc = sample(name)
    for code in ("JS90", "JS91", "JS92", "JS201", "JS202", "JS203"):  # the tables' own rules
        errors = [f for f in run(doc, code) if f.severity is not Severity.INFO]
        assert errors == [], [f.message for f in errors]


def test_js911_summary_income_parts() -> None:
    doc = changed(COURT, TableKind.B04, lambda r: r.ref_code == "general", "amount", "37100.00")
    found = run(doc, "JS911")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "收入合计为 37188.34 万元" in found[0].message
    assert "37100.00" in found[0].message


def test_js911_rounding_in_class_lines_is_info() -> None:
    doc = changed(COURT, TableKind.B01, lambda r: r.ref_code == "208", "amount", "2355.66")
    found = run(doc, "JS911")
    assert [f.severity for f in found] == [Severity.INFO]
    # the same cent is a real disagreement with the 一般公共预算 table (only 一般公共预算 money)
    cross = run(doc, "JS921")
    assert [f.severity for f in cross] == [Severity.WARNING]
    assert "208 社会保障和就业支出" in cross[0].message


def test_js911_shanghai_expense_columns() -> None:
    doc = changed(FINANCE, TableKind.B01, lambda r: r.ref_code == "201", "project", "43,025,100")
    found = run(doc, "JS203")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "人员经费 + 公用经费 + 项目支出" in found[0].message


def test_js912_sangong_fires_and_names_items() -> None:
    doc = changed(COURT, TableKind.B10, lambda r: r.ref_code == "reception", "amount", "76.95")
    found = run(doc, "JS912")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费为 503.75" in found[0].message


def test_js912_shanghai_vehicle_subtotal() -> None:
    doc = changed(WANLI, TableKind.B10, lambda r: r.ref_code == "vehicle", "amount", "21.65")
    messages = [f.message for f in run(doc, "JS912")]
    assert any("购置费 + 运行费" in m for m in messages)


def test_js913_procurement() -> None:
    doc = changed(COURT, TableKind.B14, lambda r: r.ref_code == "goods", "amount", "1637.00")
    found = run(doc, "JS913")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "相差 0.72 万元" in found[0].message


def test_js914_income_groups() -> None:
    doc = changed(COURT, TableKind.B02, lambda r: r.name == "小计", "total", "37100.00")
    found = run(doc, "JS914")
    assert {f.severity for f in found} == {Severity.ERROR}
    assert any("“一般公共预算资金”小计" in f.message for f in found)


def test_js921_summary_vs_expense_table() -> None:
    doc = changed(COURT, TableKind.B03, lambda r: True, "basic", "21900.00")
    found = run(doc, "JS921")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "“一、基本支出”为 21968.00" in found[0].message


def test_js921_class_lines_vs_coded_table() -> None:
    doc = changed(WANLI, TableKind.B03, lambda r: r.code == "212", "total", "121,319,000")
    found = run(doc, "JS921")
    assert found and found[0].severity is Severity.ERROR
    assert "城乡社区支出" in found[0].message


def test_js922_fund_total() -> None:
    doc = changed(COURT, TableKind.B04, lambda r: r.ref_code == "general", "amount", "37100.00")
    found = run(doc, "JS922")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "一般公共预算拨款" in found[0].message


def test_js922_fund_table_empty_while_summary_has_money() -> None:
    doc = changed(WANLI, TableKind.B04, lambda r: r.ref_code == "govfund", "amount", "1,000")
    found = run(doc, "JS922")
    assert any("没有数据" in f.message for f in found)


def test_js923_basic_vs_economic() -> None:
    doc = changed(FINANCE, TableKind.B08, lambda r: r.code is None, "total", "127,642,000")
    found = run(doc, "JS923")
    assert [f.severity for f in found] == [Severity.ERROR]


def test_js924_same_code_across_tables() -> None:
    doc = changed(COURT, TableKind.B07, lambda r: r.code == "2040501", "total", "17279.20")
    found = run(doc, "JS924")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "2040501 行政运行" in found[0].message


def test_doubtful_table_gives_info_only() -> None:
    doc = changed(COURT, TableKind.B03, lambda r: True, "basic", "21900.00")
    table = next(t for t in doc.tables if t.kind is TableKind.B03)
    table.doubts.append("表格无框线，列按位置读取")
    found = run(doc, "JS921")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "表格读取存疑" in found[0].message


def test_js901_narrative_without_tables_is_one_info() -> None:
    found = run(sample("jiangsu-party-office-2018-dept-budget.pdf"), "JS901")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "12张预算表" in found[0].message


def test_js901_missing_table_listed_in_toc() -> None:
    doc = sample(COURT)
    doc.tables = [t for t in doc.tables if t.kind is not TableKind.B13]
    found = run(doc, "JS901")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "机关运行经费" in found[0].message


def test_final_account_rules_do_not_judge_a_budget() -> None:
    doc = sample(COURT)
    for code in ("JS101", "JS102", "JS103", "JS301", "JS501"):
        assert run(doc, code) == []


def test_js710_year_before_the_unit_is_not_a_place() -> None:
    """Titles like "2018 年度江苏省高级人民法院收支预算总表": 年度 is not part of a place name."""
    assert run(sample("jiangsu-high-court-2018-dept-budget.pdf"), "JS710") == []


def test_js603_vehicles_by_use_include_general_cars() -> None:
    """“共有车辆66辆，其中，一般公务用车13辆、执法执勤用车38辆、特种专业技术用车15辆”."""
    doc = sample(COURT)
    assert run(doc, "JS603") == []
    stated = [s for s in doc.statements if s.subject == "一般公务用车"]
    assert [str(s.value) for s in stated] == ["13"]
    stated[0].value = Decimal(12)
    found = run(doc, "JS603")
    assert len(found) == 1 and "66" in found[0].message
