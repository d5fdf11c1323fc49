"""JS106: a table whose fund has money in the summary tables has data."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Table
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, money, table_label
from juesuan.rules.completeness._shared import data_applicable, fund_amounts, money_for
from juesuan.rules.engine import Hit, NotApplicable, rule


def _has_data(table: Table) -> bool:
    return any(v is not None and v != 0 for row in table.rows for v in row.values.values())


@rule(
    "JS106",
    name="fund-table-without-data",
    title="有资金的决算表没有数据",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
财政拨款收入支出决算总表（或收入支出决算总表、一般公共预算财政拨款支出决算表）显示某类资金
有收支或结转结余时，对应的决算表（政府性基金预算财政拨款收入支出决算表、国有资本经营预算
财政拨款收入支出/支出决算表、一般公共预算财政拨款支出决算明细表、基本支出/项目支出决算表等）
必须列示这部分数据。表内空白或注明“本表无数据”，与总表矛盾。
""",
    suggestion="按总表补填该表数据。",
)
def fund_table_without_data(doc: Disclosure) -> Iterator[Hit]:
    data_applicable(doc)
    funds = fund_amounts(doc)
    if not funds:
        raise NotApplicable("没有财政拨款收入支出决算总表或收入支出决算总表")
    for table in doc.tables:
        fund = money_for(table.kind, funds)
        if fund is None or _has_data(table):
            continue
        name = table.title or TABLE_NAMES[table.kind]
        amount = money(fund.amount)
        if table.empty_statement:
            state = f"注明“{table.empty_statement}”"
        elif table.rows:
            state = "各行均为零或空白"
        else:
            state = "只有表头，没有数据行"
        yield Hit(
            message=f"“{name}”{state}，但{fund.where}为{amount}万元。",
            evidence=[table.evidence, *fund.evidence],
            expected=f"{amount}万元的数据",
            actual="无数据",
            where=table_label(table),
        )
