"""JS914: a 收入总表 listing sources by group: each 小计 equals its lines, the 总计 its 小计."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import budget_table, named, sum_hit
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import cell, check_sum, printed_step


def _is_subtotal(row: TableRow) -> bool:
    return row.name.replace(" ", "") in {"小计", "合计"}


def _of_which(row: TableRow) -> bool:
    return row.name.replace(" ", "").startswith("其中")


@rule(
    "JS914",
    applies_to=BUDGET_ONLY,
    name="budget-income-groups",
    title="收入预算表分组小计或总计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
有的模板把收入预算总表印成按资金来源分组的清单（一般公共预算资金、政府性基金、财政专户
管理资金、其他资金、上年结转……），每组有“小计”，表首有“收入总计”。每组小计等于组内各项
之和（“其中”项不计），收入总计等于各组小计之和。
""",
    tolerance="sum_tolerance(n)，按表的印刷精度（舍入范围内仅作提示）。",
    suggestion="核对各组小计与组内各项。",
)
def budget_income_groups(doc: Disclosure) -> Iterator[Hit]:
    table = budget_table(doc, TableKind.B02)
    if table is None or any(r.code for r in table.rows):
        raise NotApplicable("没有按资金来源分组列示的收入预算表")
    step = printed_step(table)
    groups: dict[str, list[TableRow]] = {}
    for row in table.rows:
        if row.group:
            groups.setdefault(row.group, []).append(row)
    subtotals: list[TableRow] = []
    for label, rows in groups.items():
        subs = [r for r in rows if _is_subtotal(r)]
        items = [r for r in rows if not _is_subtotal(r) and not _of_which(r)]
        if len(subs) != 1:
            continue
        subtotals.append(subs[0])
        if not items:
            continue
        res = check_sum(
            f"“{label}”小计", cell(subs[0], "total"), [cell(r, "total") for r in items], step
        )
        if res is not None:
            hit = sum_hit(table, res, "", "组内各项之和", [subs[0], *items])
            if hit is not None:
                yield hit
    grand = [r for r in table.rows if r.group is None and "总计" in r.name]
    if len(grand) == 1 and subtotals and len(subtotals) == len(groups):
        res = check_sum(
            named(grand[0]), cell(grand[0], "total"), [cell(r, "total") for r in subtotals], step
        )
        if res is not None:
            hit = sum_hit(table, res, "", "各组小计之和", [grand[0], *subtotals])
            if hit is not None:
                yield hit
