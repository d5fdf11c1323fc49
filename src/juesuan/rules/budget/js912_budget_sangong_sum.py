"""JS912: the “三公” budget table's 小计 and 合计 equal their items."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import budget_table, items_by_ref, named, sum_hit
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import cell, check_sum, printed_step

#: (total item, part items) of the “三公” table, in the order they are checked.
SANGONG_SUMS = (
    ("vehicle", ("vehicle_purchase", "vehicle_operation")),
    ("sangong", ("abroad", "vehicle", "reception")),
)


@rule(
    "JS912",
    applies_to=BUDGET_ONLY,
    name="budget-sangong-sum",
    title="“三公”经费预算表合计或小计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“三公”经费预算数 = 因公出国（境）费 + 公务用车购置及运行（维护）费 + 公务接待费，公务用车
购置及运行费 = 购置费 + 运行（维护）费；表中另列会议费、培训费时，合计 = “三公”经费 + 会议费
+ 培训费。不等说明某项录错或漏列。
""",
    tolerance="sum_tolerance(n)，按表的印刷精度（舍入范围内仅作提示）。",
    suggestion="核对“三公”经费各项与小计、合计。",
)
def budget_sangong_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [t for k in (TableKind.B10, TableKind.B15) if (t := budget_table(doc, k))]
    if not tables:
        raise NotApplicable("没有含数据的“三公”经费预算表")
    for table in tables:
        items = items_by_ref(table)
        step = printed_step(table)
        sums = list(SANGONG_SUMS)
        extras = [k for k in ("meeting", "training") if k in items]
        if "sangong" in items and extras:
            sums.append(("total", ("sangong", *extras)))
        elif "sangong" not in items:
            sums.append(("total", ("abroad", "vehicle", "reception")))
        for total, parts in sums:
            if total not in items or not all(p in items for p in parts):
                continue
            rows = [items[p] for p in parts]
            res = check_sum(
                named(items[total]),
                cell(items[total], "amount"),
                [cell(r, "amount") for r in rows],
                step,
            )
            if res is not None:
                names = " + ".join(named(r) for r in rows)
                hit = sum_hit(table, res, "", names, [items[total], *rows])
                if hit is not None:
                    yield hit
