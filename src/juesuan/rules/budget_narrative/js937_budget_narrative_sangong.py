"""JS937: the “三公” items, 会议费 and 培训费 as stated are the “三公” table's."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import SANGONG_LOOKUPS, budget_only, check_lookups
from juesuan.rules.engine import BUDGET_ONLY, Hit, rule


@rule(
    "JS937",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-sangong",
    title="说明中的“三公”经费、会议费、培训费与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“三公”经费预算情况说明列示“三公”经费及因公出国（境）费、公务用车购置及运行（维护）费（购置费、
运行费）、公务接待费，江苏还列示会议费、培训费。每个金额应等于“三公”经费预算表的对应项。
""",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按“三公”经费预算表改正说明中的金额。",
)
def budget_narrative_sangong(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    yield from check_lookups(doc, SANGONG_LOOKUPS)
