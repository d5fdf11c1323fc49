"""JS310: the 政府性基金预算 table restates its column of the 财政拨款收入支出决算总表 (or both
are empty).
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import fund_table_hits, table_of
from juesuan.rules.engine import Hit, NotApplicable, rule


@rule(
    "JS310",
    name="govfund-table-vs-fiscal-summary",
    title="政府性基金预算财政拨款收支表与财政拨款总表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
政府性基金预算财政拨款收入支出决算表的年初结转和结余、本年收入、本年支出和年末结转和结余，
就是财政拨款收入支出决算总表中政府性基金预算财政拨款的对应数字，按类的本年支出也应等于总表
“政府性基金预算财政拨款”列。该表注明“本表无数据”时，总表中政府性基金预算财政拨款也应为零。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对政府性基金预算财政拨款收支表与财政拨款收入支出决算总表。",
)
def govfund_table_vs_fiscal_summary(doc: Disclosure) -> Iterator[Hit]:
    if doc.table(TableKind.T10) is None or table_of(doc, TableKind.T04) is None:
        raise NotApplicable("政府性基金预算财政拨款收入支出决算表或财政拨款收入支出决算总表缺失")
    yield from fund_table_hits(doc, TableKind.T10, "govfund", "政府性基金预算财政拨款")
