"""JS305: the 一般公共预算 column of the 财政拨款收入支出决算总表 restates the
一般公共预算财政拨款支出决算表.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import summary_vs_coded, table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided


@rule(
    "JS305",
    name="general-budget-column-vs-table",
    title="财政拨款总表一般公共预算列与一般公共预算支出决算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
财政拨款收入支出决算总表支出栏“一般公共预算财政拨款”列，按类列示的就是一般公共预算财政
拨款支出决算表各类级科目和“合计”行的金额。同一类在两张表中金额不同，说明至少一张表录错。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类支出的金额，统一为正确数字。",
)
def general_budget_column_vs_table(doc: Disclosure) -> Iterator[Hit]:
    t04, t06 = table_of(doc, TableKind.T04), table_of(doc, TableKind.T06)
    if t04 is None or t06 is None:
        raise NotApplicable("财政拨款收入支出决算总表或一般公共预算财政拨款支出决算表缺失或无数据")
    if "general" not in t04.columns:
        raise NotApplicable("财政拨款收入支出决算总表未读出一般公共预算财政拨款列")
    four = TwoSided.build(t04)
    index = CodedIndex.build(t06)
    subject = "财政拨款收入支出决算总表与一般公共预算财政拨款支出决算表"
    yield from summary_vs_coded(subject, t04, four, "general", t06, index, "total")
