"""JS922: the 财政拨款收支总表's fund lines restate the tables of each fund."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import (
    Ledger,
    budget_table,
    class_pairs,
    compare_printings,
    ledger_place,
    total_place,
)
from juesuan.rules.common import money, table_label
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import Place, evidence_of

#: Fund lines of a 财政拨款收支总表 and the table that details each fund.
FUND_TABLES = (
    ("general", TableKind.B07, "一般公共预算"),
    ("govfund", TableKind.B11, "政府性基金预算"),
    ("soe", TableKind.B12, "国有资本经营预算"),
)


def _fund_income(ledger: Ledger, fund: str) -> Place | None:
    return ledger_place(ledger, "income", fund) or ledger_place(ledger, "income", f"fiscal.{fund}")


@rule(
    "JS922",
    applies_to=BUDGET_ONLY,
    name="budget-fiscal-summary-vs-tables",
    title="财政拨款收支预算总表与分资金预算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
财政拨款收支预算总表按资金列示：一般公共预算拨款等于一般公共预算支出预算表合计，政府性
基金、国有资本经营预算拨款等于各自支出预算表的合计；各类支出的一般公共预算列等于一般公共
预算支出预算表同一类；基本支出等于财政拨款基本支出预算表合计；支出合计等于财政拨款支出
预算表合计。总表有政府性基金等拨款而对应的表没有数据（或相反），也在此报告。
""",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对总表与分表的对应金额。",
)
def budget_fiscal_summary_vs_tables(doc: Disclosure) -> Iterator[Hit]:
    fiscal = budget_table(doc, TableKind.B04)
    if fiscal is None:
        raise NotApplicable("没有含数据的财政拨款收支预算总表")
    ledger = Ledger.build(fiscal)
    for fund, kind, fund_name in FUND_TABLES:
        a = _fund_income(ledger, fund)
        detail = budget_table(doc, kind)
        printed = [t for t in doc.tables if t.kind is kind]
        if a is None:
            continue
        if detail is None:
            if a.value != 0 and len(printed) == 1:
                yield Hit(
                    message=(
                        f"{a.describe()}，而{table_label(printed[0])}没有数据，"
                        "该表应列示这部分支出。"
                    ),
                    evidence=[*evidence_of(a.rows), printed[0].evidence],
                    expected=money(a.value),
                    actual="无数据",
                    where=table_label(printed[0]),
                )
            continue
        hit = compare_printings(f"{fund_name}拨款", a, total_place(detail, "total"))
        if hit is not None:
            yield hit
        if fund == "general" and "general" in fiscal.columns and any(r.code for r in detail.rows):
            yield from class_pairs(ledger, "general", detail, "total", "一般公共预算各类支出")
    b05 = budget_table(doc, TableKind.B05)
    if b05 is not None:
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        hit = compare_printings(
            "财政拨款支出", ledger_place(ledger, "expense", target), total_place(b05, "total")
        )
        if hit is not None:
            yield hit
        if any(r.code for r in b05.rows) and ledger.classes:
            yield from class_pairs(ledger, "amount", b05, "total", "财政拨款各类支出")
    b06 = budget_table(doc, TableKind.B06)
    if b06 is not None:
        hit = compare_printings(
            "财政拨款基本支出", ledger_place(ledger, "expense", "basic"), total_place(b06, "total")
        )
        if hit is not None:
            yield hit
