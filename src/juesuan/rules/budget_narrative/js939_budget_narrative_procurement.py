"""JS939: 政府采购 as stated is the 政府采购 table's."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import PROCUREMENT_LOOKUPS, budget_only, check_lookups
from juesuan.rules.engine import BUDGET_ONLY, Hit, rule


@rule(
    "JS939",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-procurement",
    title="说明中的政府采购预算与政府采购预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
政府采购预算情况说明写明政府采购预算总额及货物、工程、服务三类，应与政府采购预算表的合计和
三类金额一致。
""",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按政府采购预算表改正说明中的金额。",
)
def budget_narrative_procurement(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    yield from check_lookups(doc, PROCUREMENT_LOOKUPS)
