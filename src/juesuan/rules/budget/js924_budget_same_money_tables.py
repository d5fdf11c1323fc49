"""JS924: when all the money is 一般公共预算, the tables of all money, of 财政拨款 and of
一般公共预算 print the same amount per code.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import all_money_general, budget_table, compare_printings
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, coded_place


@rule(
    "JS924",
    applies_to=BUDGET_ONLY,
    name="budget-same-money-tables",
    title="只有一般公共预算拨款时各支出预算表同一科目金额不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收支预算总表显示全部收入都是一般公共预算拨款（没有政府性基金、财政专户、事业收入等，也没有
上年结转）时，支出预算表、财政拨款支出预算表和一般公共预算支出预算表是同一笔钱，同一科目
的金额应相同；财政拨款基本支出预算表与一般公共预算基本支出预算表也一样。
""",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对各表同一科目的金额。",
)
def budget_same_money_tables(doc: Disclosure) -> Iterator[Hit]:
    if not all_money_general(doc):
        raise NotApplicable("收支预算总表未显示全部收入为一般公共预算拨款")
    pairs = (
        (TableKind.B03, TableKind.B07),
        (TableKind.B05, TableKind.B07),
        (TableKind.B06, TableKind.B08),
    )
    for a_kind, b_kind in pairs:
        a, b = budget_table(doc, a_kind), budget_table(doc, b_kind)
        if a is None or b is None:
            continue
        a_index, b_index = CodedIndex.build(a), CodedIndex.build(b)
        columns = [c for c in a.columns if c in b.columns]
        for code in a_index.order:
            other = b_index.by_code.get(code)
            if other is None:
                continue
            for column in columns:
                hit = compare_printings(
                    "同一科目",
                    coded_place(a, a_index.by_code[code], column),
                    coded_place(b, other, column),
                )
                if hit is not None:
                    yield hit
