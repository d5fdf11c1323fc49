"""JS207: the “三公” table's 合计 and 公务用车 subtotal equal the items under them."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.arithmetic._shared import hit_from
from juesuan.rules.common import table_label
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import cell, check_sum, column_name, evidence_of, table_has_data

SANGONG_IDENTITIES = (
    ("total", ("abroad", "vehicle", "reception")),
    ("total", ("abroad", "vehicle_purchase", "vehicle_operation", "reception")),
    ("vehicle", ("vehicle_purchase", "vehicle_operation")),
)


@rule(
    "JS207",
    name="sangong-table-sum",
    title="“三公”经费表合计或小计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
财政拨款“三公”经费支出决算表中，预算数和决算数的“合计”都应等于因公出国（境）费、公务用车
购置及运行维护费、公务接待费之和，公务用车购置及运行维护费（小计）应等于公务用车购置费与
公务用车运行维护费之和。不相等说明某一格录错。
""",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为舍入"
    "误差（提示）；超出为错误。",
    suggestion="核对“三公”经费表的合计、小计与各项金额。",
)
def sangong_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [
        t for t in doc.tables if t.kind in (TableKind.T13, TableKind.T13G) and table_has_data(t)
    ]
    if not tables:
        raise NotApplicable("没有含数据的“三公”经费支出决算表")
    for table in tables:
        items: dict[str, TableRow] = {}
        twice: set[str] = set()
        for r in table.rows:
            if r.ref_code is None:
                continue
            if r.ref_code in items:
                twice.add(r.ref_code)
            items[r.ref_code] = r
        checked: set[str] = set()
        for total, parts in SANGONG_IDENTITIES:
            if total in checked or total in twice or any(p in twice for p in parts):
                continue
            total_row = items.get(total)
            part_rows = [items[p] for p in parts if p in items]
            if total_row is None or len(part_rows) != len(parts):
                continue
            checked.add(total)  # the 合计 by 小计 when printed, else by its two parts
            results = []
            for col in ("budget", "actual"):
                res = check_sum(
                    f"{total_row.name}{column_name(table, col)}",
                    cell(total_row, col),
                    [cell(r, col) for r in part_rows],
                )
                if res is not None:
                    results.append(res)
            if results:
                names = " + ".join(r.name for r in part_rows)
                yield hit_from(
                    results,
                    f"{table_label(table)}：",
                    names,
                    evidence_of([total_row, *part_rows]),
                    table_label(table),
                )
