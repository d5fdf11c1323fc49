"""JS942: an increase over last year is not larger than this year's budget."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    budget_only,
    evidence_list,
    impossible_increase,
    money_value,
    where,
)
from juesuan.rules.common import money
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import Facts, fmt


@rule(
    "JS942",
    applies_to=BUDGET_ONLY,
    name="budget-increase-exceeds-amount",
    title="比上年增加额大于本年预算数",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“X 预算 A 万元，比上年预算增加 B 万元”意味着上年预算为 A − B。B 大于 A 时上年预算为负，不可能：
常见于把上一行的增加额照抄到本行（如政府性基金拨款支出预算 0 万元，却“比上年增加”与一般
公共预算相同的数）。有增减幅度时由 JS601 报告，这里报告只写增减额的句子。
""",
    tolerance="两个金额各按所印精度 ±半个末位单位，仍推得上年为负才报告。",
    suggestion="核对上年预算数，改正增减额或增减方向。",
)
def budget_increase_exceeds_amount(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    changes = [s for s in doc.statements if s.measure == Measure.CHANGE_AMOUNT]
    if not changes:
        raise NotApplicable("说明中没有比上年的增减额")
    facts = Facts(doc.statements)
    ordered = facts.statements
    for change in changes:
        found = impossible_increase(facts, change)
        if found is None:
            continue
        if (
            facts.after(change, {Measure.CHANGE_RATE}, {Measure.CHANGE_AMOUNT, Measure.AMOUNT})
            is not None
        ):
            continue  # JS601 reports it with the rate
        this_year, amount_stmt = found
        increase = money_value(change)
        assert increase is not None
        copied = _same_change_before(ordered, change)
        note = f"，与前一项“{copied.subject}”的增加额相同，疑为照抄" if copied else ""
        yield Hit(
            message=(
                f"{where(change)}“{change.subject}”本年预算 {fmt(this_year)} 万元，却称比上年预算"
                f"增加 {fmt(increase)} 万元，推得上年预算为负（{money(this_year - increase)} "
                f"万元）{note}。"
            ),
            evidence=evidence_list(change, amount_stmt, copied),
            expected=f"增加额不超过 {fmt(this_year)} 万元",
            actual=f"增加 {fmt(increase)} 万元",
            where=where(change),
        )


def _same_change_before(ordered: list[Statement], change: Statement) -> Statement | None:
    """The change amount of the subject stated just before, when it is the same number."""
    index = next(i for i, s in enumerate(ordered) if s is change)
    for other in reversed(ordered[:index]):
        if other.subject == change.subject:
            continue
        if other.measure == Measure.CHANGE_AMOUNT:
            return other if other.value == change.value else None
    return None
