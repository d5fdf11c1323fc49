"""JS921: the 收支总表 restates the 收入 and 支出 tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import (
    TABLE_COLUMN_NAMES,
    USAGE_LINES,
    Ledger,
    all_money_general,
    budget_table,
    class_pairs,
    compare_printings,
    ledger_place,
    total_place,
)
from juesuan.rules.common import ZERO
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


@rule(
    "JS921",
    applies_to=BUDGET_ONLY,
    name="budget-summary-vs-tables",
    title="收支预算总表与收入、支出预算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收支预算总表汇总了收入预算表和支出预算表：本年收入等于收入预算表合计；每一类支出等于支出
预算表同一类的合计；基本支出、项目支出等于支出预算表合计行的基本支出、项目支出。两表不一致，
说明其中一张表录错或未同步更新。
""",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对两张表的对应金额，修正录错的一方。",
)
def budget_summary_vs_tables(doc: Disclosure) -> Iterator[Hit]:
    summary = budget_table(doc, TableKind.B01)
    income = budget_table(doc, TableKind.B02)
    expense = budget_table(doc, TableKind.B03)
    if summary is None or not any(budget_table(doc, k) for k in BY_CODE_TABLES):
        raise NotApplicable("没有收支预算总表，或没有收入、支出预算表")
    ledger = Ledger.build(summary)
    if income is not None:
        carry = ledger.value("income", "carryover")
        ref = "income_subtotal" if (carry or ZERO) != 0 else "income_total"
        a = ledger_place(ledger, "income", ref) or ledger_place(ledger, "income", "income_subtotal")
        hit = compare_printings("本年收入", a, total_place(income, "total"))
        if hit is not None:
            yield hit
    coded_expense = expense if expense is not None and any(r.code for r in expense.rows) else None
    if coded_expense is None and all_money_general(doc):
        # all the money is 一般公共预算: its table by code restates the 类 lines
        coded_expense = budget_table(doc, TableKind.B07) or budget_table(doc, TableKind.B05)
    if coded_expense is not None:
        yield from class_pairs(ledger, "amount", coded_expense, "total", "各类支出")
    if expense is not None:
        for use in USAGE_LINES:
            if use in expense.columns:
                hit = compare_printings(
                    TABLE_COLUMN_NAMES.get(use, use),
                    ledger_place(ledger, "expense", use),
                    total_place(expense, use),
                )
                if hit is not None:
                    yield hit
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        carry_out = ledger.value("expense", "carry_forward")
        if target == "expense_subtotal" or (carry_out or ZERO) == 0:
            hit = compare_printings(
                "本年支出", ledger_place(ledger, "expense", target), total_place(expense, "total")
            )
            if hit is not None:
                yield hit


#: Tables the 收支总表 is compared with.
BY_CODE_TABLES = (TableKind.B02, TableKind.B03, TableKind.B05, TableKind.B07)
