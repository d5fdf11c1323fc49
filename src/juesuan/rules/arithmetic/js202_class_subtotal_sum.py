"""JS202: a 类 (款) row equals the sum of the 款 (项) rows printed under it, by functional or
economic code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.arithmetic._shared import hit_from
from juesuan.rules.common import row_label, table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.tables import (
    CodedIndex,
    cell,
    check_sum,
    code_list,
    coded_cell,
    coded_tables,
    column_name,
    evidence_of,
    printed_step,
    row_is_unread,
    table_value_columns,
)


def _t08_value(row: TableRow, column: str) -> Decimal | None:
    return cell(row, row.side or column)


@rule(
    "JS202",
    applies_to=BOTH_KINDS,
    name="class-subtotal-sum",
    title="类/款级科目不等于下级科目之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
科目编码分为类（3 位）、款（5 位）、项（7 位），经济分类分为类（3 位）、款（5 位）。表中
列出下级科目时，上级科目的金额应等于其下级科目金额之和（类 = Σ款，款 = Σ项）。不相等
说明某一行金额录错或漏列了下级科目。各数分别四舍五入，差额在舍入误差范围内的仅作提示。
""",
    tolerance="sum_tolerance(n)：n 个非零下级科目分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ "
    "万元为舍入误差（提示）；只有一个非零下级科目时两数应完全相同（差 0.01 为警告）。",
    suggestion="核对该科目及其下级科目的金额，修正录错的一方。",
)
def subtotal_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [*coded_tables(doc), *coded_tables(doc, (TableKind.T08,))]
    if not tables:
        raise NotApplicable("没有含数据的按科目列示的表")
    for table in tables:
        index = CodedIndex.build(table)
        is_t08 = table.kind is TableKind.T08
        for code in index.order:
            if len(code) >= 7:
                continue
            parent = index.by_code[code]
            kids = index.children(code)
            if not kids:
                continue
            if is_t08:
                columns: list[str] = [parent.side] if parent.side else []
                value: Callable[[TableRow, str], Decimal | None] = _t08_value
            else:
                if row_is_unread(parent):
                    continue
                columns = table_value_columns(table)
                value = coded_cell
            results = []
            for col in columns:
                label = column_name(table, col) if not is_t08 else "决算数"
                res = check_sum(
                    label, value(parent, col), [value(k, col) for k in kids], printed_step(table)
                )
                if res is not None:
                    results.append(res)
            if results:
                level = "类" if len(code) == 3 else "款"
                sub = "款" if len(code) == 3 else "项"
                yield hit_from(
                    results,
                    f"{table_label(table)}中{level}级科目“{row_label(parent)}”：",
                    f"其下各{sub}（{code_list(kids)}）之和",
                    evidence_of([parent, *kids]),
                    table_label(table),
                )
