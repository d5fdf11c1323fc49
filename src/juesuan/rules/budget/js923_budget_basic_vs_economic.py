"""JS923: 基本支出 by function equals the 基本支出 table by economic code."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import (
    TABLE_COLUMN_NAMES,
    Ledger,
    all_money_general,
    budget_table,
    compare_printings,
    ledger_place,
    total_place,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


@rule(
    "JS923",
    applies_to=BUDGET_ONLY,
    name="budget-basic-vs-economic",
    title="基本支出与基本支出预算表（经济分类）不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
一般公共预算支出预算表的基本支出合计等于一般公共预算基本支出预算表（按经济分类）的合计；
财政拨款支出预算表的基本支出等于财政拨款基本支出预算表的合计；收支预算总表列出人员经费、
公用经费时，也应与基本支出预算表的人员经费、公用经费合计一致。
""",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对两张表的基本支出。",
)
def budget_basic_vs_economic(doc: Disclosure) -> Iterator[Hit]:
    pairs = ((TableKind.B07, TableKind.B08), (TableKind.B05, TableKind.B06))
    found = False
    for functional_kind, economic_kind in pairs:
        functional = budget_table(doc, functional_kind)
        economic = budget_table(doc, economic_kind)
        if functional is None or economic is None or "basic" not in functional.columns:
            continue
        found = True
        hit = compare_printings(
            "基本支出", total_place(functional, "basic"), total_place(economic, "total")
        )
        if hit is not None:
            yield hit
    economic = budget_table(doc, TableKind.B08) or budget_table(doc, TableKind.B06)
    summary = budget_table(doc, TableKind.B01)
    if economic is not None and summary is not None:
        ledger = Ledger.build(summary)
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        only_general = all_money_general(doc)
        for column in ("personnel", "public"):
            if column in summary.columns and column in economic.columns and only_general:
                found = True
                hit = compare_printings(
                    TABLE_COLUMN_NAMES[column],
                    ledger_place(ledger, "expense", target, column),
                    total_place(economic, column),
                )
                if hit is not None:
                    yield hit
    if not found:
        raise NotApplicable("没有可对照的基本支出和基本支出预算表")
