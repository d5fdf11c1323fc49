"""JS938: 机关运行经费 as stated is its table's."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import ADMIN_COST_LOOKUPS, budget_only, check_lookups
from juesuan.rules.engine import BUDGET_ONLY, Hit, rule


@rule(
    "JS938",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-admin-cost",
    title="说明中的机关运行经费与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
机关运行经费预算等于机关运行经费支出预算表的合计（上海：“三公”经费和机关运行经费预算表的
机关运行经费预算数）。
""",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按机关运行经费预算表改正说明中的金额。",
)
def budget_narrative_admin_cost(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    yield from check_lookups(doc, ADMIN_COST_LOOKUPS)
