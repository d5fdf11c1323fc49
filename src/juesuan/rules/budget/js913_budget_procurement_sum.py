"""JS913: the 政府采购 budget's 合计 equals 货物 + 工程 + 服务."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import budget_table, items_by_ref, named, sum_hit
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import cell, check_sum, printed_step


@rule(
    "JS913",
    applies_to=BUDGET_ONLY,
    name="budget-procurement-sum",
    title="政府采购预算合计不等于货物、工程、服务之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
政府采购预算表的合计等于货物、工程、服务三类采购预算之和（没有的类别为零）。不等说明某类
金额录错或漏列。
""",
    tolerance="sum_tolerance(n)，按表的印刷精度（舍入范围内仅作提示）。",
    suggestion="核对各类采购预算与合计。",
)
def budget_procurement_sum(doc: Disclosure) -> Iterator[Hit]:
    table = budget_table(doc, TableKind.B14)
    if table is None:
        raise NotApplicable("没有含数据的政府采购预算表")
    items = items_by_ref(table)
    categories = [items[c] for c in ("goods", "works", "services") if c in items]
    if "total" not in items or not categories:
        return
    res = check_sum(
        named(items["total"]),
        cell(items["total"], "amount"),
        [cell(r, "amount") for r in categories],
        printed_step(table),
    )
    if res is not None:
        names = " + ".join(named(r) for r in categories)
        hit = sum_hit(table, res, "", names, [items["total"], *categories])
        if hit is not None:
            yield hit
