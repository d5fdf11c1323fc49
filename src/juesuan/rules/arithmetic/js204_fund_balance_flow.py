"""JS204: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, row by row, in the 政府性基金
and 国有资本经营预算 tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money, row_label, table_label
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import check_sum, coded_cell, coded_tables, column_name, is_total_row


@rule(
    "JS204",
    name="fund-balance-flow",
    title="年初结转结余 + 本年收入 − 本年支出 ≠ 年末结转结余",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
政府性基金预算、国有资本经营预算财政拨款收入支出决算表中，每一科目的年末结转和结余应等于
年初结转和结余加本年收入减本年支出。不相等说明某一列录错，或结转结余计算有误。
""",
    tolerance="sum_tolerance(n)：各数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为"
    "舍入误差（提示）。",
    suggestion="核对该科目的年初、收入、支出与年末结转结余。",
)
def fund_balance_flow(doc: Disclosure) -> Iterator[Hit]:
    needed = {"begin", "income", "expense_total", "end"}
    tables = [
        t for t in coded_tables(doc, (TableKind.T10, TableKind.T11)) if needed <= set(t.columns)
    ]
    if not tables:
        raise NotApplicable("没有含数据的政府性基金或国有资本经营预算财政拨款收入支出决算表")
    for table in tables:
        for row in table.rows:
            if row.code is None and not is_total_row(row):
                continue
            begin, income, spent, end = (
                coded_cell(row, c) for c in ("begin", "income", "expense_total", "end")
            )
            if begin is None or income is None or spent is None:
                continue
            res = check_sum(column_name(table, "end"), end, [begin, income, -spent])
            if res is None:
                continue
            yield Hit(
                message=(
                    f"{table_label(table)}“{row_label(row)}”行："
                    + res.clause(
                        f"年初结转和结余 {money(begin)} + 本年收入 {money(income)} − "
                        f"本年支出 {money(spent)}"
                    )
                    + "。"
                ),
                evidence=[row.evidence],
                expected=money(res.computed),
                actual=money(res.printed),
                severity=res.severity,
                where=table_label(table),
            )
