"""JS107: a fund table has no data when the summary tables show no money of that fund."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, table_label
from juesuan.rules.completeness._shared import FUNDS_OF_TABLE, data_applicable, fund_amounts
from juesuan.rules.engine import Hit, NotApplicable, rule


@rule(
    "JS107",
    name="fund-table-data-without-fund",
    title="资金为零的决算表却有数据",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
总表显示某类资金（政府性基金、国有资本经营预算）为零或空白，对应的决算表却列有非零数据，
两处必有一处错误：要么总表漏填了这类资金，要么该表误填了别的资金或别的单位的数据。
""",
    suggestion="核对总表与该表，更正错误的一方。",
)
def fund_table_data_without_fund(doc: Disclosure) -> Iterator[Hit]:
    data_applicable(doc)
    funds = fund_amounts(doc)
    if not funds:
        raise NotApplicable("没有财政拨款收入支出决算总表或收入支出决算总表")
    for table in doc.tables:
        names = FUNDS_OF_TABLE.get(table.kind, ())
        if table.kind not in (TableKind.T10, TableKind.T11, TableKind.T12):
            continue
        known = [funds[n] for n in names if n in funds]
        if not known or any(f.amount != 0 for f in known) or names[0] not in funds:
            continue
        rows = [r for r in table.rows if any(v for v in r.values.values() if v is not None)]
        if not rows:
            continue
        name = table.title or TABLE_NAMES[table.kind]
        zero = funds[names[0]]
        yield Hit(
            message=(f"{zero.where}为0，“{name}”却列有数据（{rows[0].name}等{len(rows)}行）。"),
            evidence=[rows[0].evidence, *zero.evidence],
            expected="无数据",
            actual=f"{len(rows)}行有数据",
            where=table_label(table),
        )
