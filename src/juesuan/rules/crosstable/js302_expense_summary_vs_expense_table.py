"""JS302: the 收入支出决算总表's expense lines by 类 restate the 支出决算表."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import summary_vs_coded, table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided


@rule(
    "JS302",
    name="expense-summary-vs-expense-table",
    title="收入支出决算总表与支出决算表的支出不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收入支出决算总表右栏的“本年支出合计”和按类列示的各项支出，就是支出决算表“合计”行和各类级
科目的本年支出合计。同一类支出在两张表中金额不同，说明至少有一张表录错或汇总有误。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类支出的金额，统一为正确数字。",
)
def expense_summary_vs_expense_table(doc: Disclosure) -> Iterator[Hit]:
    t01, t03 = table_of(doc, TableKind.T01), table_of(doc, TableKind.T03)
    if t01 is None or t03 is None:
        raise NotApplicable("收入支出决算总表或支出决算表缺失或无数据")
    two = TwoSided.build(t01)
    index = CodedIndex.build(t03)
    subject = "收入支出决算总表与支出决算表"
    yield from summary_vs_coded(subject, t01, two, "amount", t03, index, "total")
