"""JS304: without non-fiscal money, the 支出决算表 restates the 财政拨款收入支出决算总表's
expense by 类.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import no_non_fiscal_money, summary_vs_coded, table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided


@rule(
    "JS304",
    name="expense-table-vs-fiscal-summary",
    title="无非财政资金时支出决算表与财政拨款支出不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
单位本年只有财政拨款收入、没有使用非财政拨款结余、年初结转和结余全部是财政拨款时，全部支出
都是财政拨款支出：支出决算表“合计”行和各类的本年支出合计，应等于财政拨款收入支出决算总表
的本年支出合计和各类支出“合计”列。有非财政资金时两者本来就不同，本规则不检查。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类支出的金额，统一为正确数字。",
)
def expense_table_vs_fiscal_summary(doc: Disclosure) -> Iterator[Hit]:
    t01, t03, t04 = (table_of(doc, k) for k in (TableKind.T01, TableKind.T03, TableKind.T04))
    if t01 is None or t03 is None or t04 is None:
        raise NotApplicable("收入支出决算总表、支出决算表或财政拨款收入支出决算总表缺失或无数据")
    one, four = TwoSided.build(t01), TwoSided.build(t04)
    if not no_non_fiscal_money(one, four):
        raise NotApplicable("单位有非财政拨款资金（或无法确认），支出决算表与财政拨款支出不必相等")
    index = CodedIndex.build(t03)
    subject = "单位无非财政拨款资金，支出决算表与财政拨款收入支出决算总表"
    yield from summary_vs_coded(subject, t04, four, "total", t03, index, "total", coded_first=True)
