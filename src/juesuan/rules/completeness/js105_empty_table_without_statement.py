"""JS105: a table without rows says so (本表无数据)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, table_label
from juesuan.rules.completeness._shared import data_applicable, fund_amounts, money_for
from juesuan.rules.engine import Hit, rule


@rule(
    "JS105",
    name="empty-table-without-statement",
    title="空表未注明“本表无数据”",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
没有数据的决算表也必须公开，并在表内或表下注明“本表无数据”（或“本单位本年度没有……，
故本表无数据”）。只有表头、既无数据行又无说明的表，读者无法判断是确无数据还是漏填了数据。
（按总表应有数据而表内没有的，由JS106报告为错误。）
""",
    suggestion="填列数据，或注明“本表无数据”及原因。",
)
def empty_table_without_statement(doc: Disclosure) -> Iterator[Hit]:
    data_applicable(doc)
    funds = fund_amounts(doc)
    for table in doc.tables:
        if table.rows or table.empty_statement:
            continue
        if money_for(table.kind, funds) is not None:
            continue  # JS106: the table should have data
        name = table.title or TABLE_NAMES[table.kind]
        yield Hit(
            message=f"“{name}”只有表头，没有数据行，也没有“本表无数据”的说明。",
            evidence=[table.evidence],
            expected="数据行或“本表无数据”说明",
            actual="空表",
            where=table_label(table),
        )
