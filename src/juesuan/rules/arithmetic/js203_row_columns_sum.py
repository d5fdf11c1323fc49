"""JS203: a row's 合计 column equals the sum of its part columns (the table catalog's row
identities).
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan import catalog
from juesuan.model import Disclosure, Side, Table
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money, row_label, table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.tables import (
    cell,
    check_sum,
    coded_cell,
    column_name,
    printed_step,
    table_has_data,
    worst,
)


def row_identities(table: Table) -> list[tuple[str, tuple[str, ...]]]:
    """(total, parts) identities of a table's rows that its printed columns allow
    (``row_identities`` in the table catalog)."""
    spec = catalog.table_specs()[table.kind]
    out = []
    for identity in spec.row_identities:
        parts = identity.parts_in(table.columns)
        if parts is not None:
            out.append((identity.total, parts))
    return out


@rule(
    "JS203",
    applies_to=BOTH_KINDS,
    name="row-columns-sum",
    title="合计列不等于各分列之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
决算表每一行的“合计”列应等于其组成列之和：收入决算表 本年收入合计 = 财政拨款收入 + 上级
补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入；支出决算表 本年支出合计 =
基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出；财政拨款收入支出决算
总表支出合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款；一般公共预算财政
拨款支出决算表 合计 = 基本支出 + 项目支出。不相等说明某一格录错。
""",
    tolerance="sum_tolerance(n)：n 个非零分列分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为"
    "舍入误差（提示）；只有一个非零分列时合计应与之完全相同（差 0.01 为警告）。",
    suggestion="核对该行各列金额，修正录错的一格。",
)
def row_columns_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [t for t in doc.tables if table_has_data(t)]
    found = False
    for table in tables:
        identities = row_identities(table)
        if not identities:
            continue
        found = True
        two_sided = catalog.table_specs()[table.kind].two_sided
        for row in table.rows:
            if two_sided and row.side != Side.EXPENSE:
                continue
            value = cell if two_sided else coded_cell
            results = []
            for total, parts in identities:
                if total not in row.values:
                    continue
                names = " + ".join(column_name(table, p) for p in parts)
                res = check_sum(
                    column_name(table, total),
                    value(row, total),
                    [value(row, p) for p in parts],
                    printed_step(table),
                )
                if res is not None:
                    results.append((res, names))
            if results:
                main = worst([r for r, _ in results])
                clauses = "；".join(r.clause(f"{names}之和") for r, names in results)
                yield Hit(
                    message=f"{table_label(table)}“{row_label(row)}”行：{clauses}。",
                    evidence=[row.evidence],
                    expected=money(main.computed),
                    actual=money(main.printed),
                    severity=main.severity,
                    where=table_label(table),
                )
    if not found:
        raise NotApplicable("没有含数据且列出合计列与分列的表")
