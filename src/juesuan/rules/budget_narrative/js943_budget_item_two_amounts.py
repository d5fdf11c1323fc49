"""JS943: one item is not given two different budgets in one paragraph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    budget_only,
    cells_of,
    evidence_list,
    money_value,
    where,
)
from juesuan.rules.common import decimals_of, round_to
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import fmt


def _paragraph_index(doc: Disclosure) -> dict[tuple[int | None, int | None], int]:
    """(page, line) of every source line → the paragraph it belongs to."""
    out: dict[tuple[int | None, int | None], int] = {}
    for i, p in enumerate(doc.paragraphs):
        for ev in p.lines or [p.evidence]:
            out.setdefault((ev.page, ev.line), i)
    return out


@rule(
    "JS943",
    applies_to=BUDGET_ONLY,
    name="budget-item-two-amounts",
    title="同一段中同一项目写了两个不同的预算数",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
同一段说明两次写出同一项目的本年预算（上海：“‘……（项）’220.63万元……2023年预算安排441.25
万元”），两个数必须相同；不同说明其中一个是从别处照抄的。能与预算表核对时由表间一致性规则
（JS931–JS939）指出错的是哪一个，这里只报告无表可核对的情形。
""",
    tolerance="按两数中较粗的所印精度比较。",
    suggestion="核对该项目的预算数，统一两处的金额。",
)
def budget_item_two_amounts(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    amounts = [
        s for s in doc.statements if s.measure == Measure.AMOUNT and money_value(s) is not None
    ]
    if not amounts:
        raise NotApplicable("说明中没有预算数")
    paragraphs = _paragraph_index(doc)
    groups: dict[tuple[int, str], list[Statement]] = defaultdict(list)
    for s in amounts:
        index = paragraphs.get((s.evidence.page, s.evidence.line))
        if index is not None:
            groups[(index, s.subject)].append(s)
    for (_, _subject), members in groups.items():
        first = members[0]
        for other in members[1:]:
            a, b = money_value(first), money_value(other)
            assert a is not None and b is not None
            places = min(decimals_of(a), decimals_of(b))
            if round_to(a, places) == round_to(b, places):
                continue
            if cells_of(doc, first):
                break  # a table tells which one is wrong (JS931–JS939)
            yield Hit(
                message=(
                    f"{where(first)}同一段中“{first.subject}”先写 {fmt(a)} 万元，"
                    f"后写 {fmt(b)} 万元，两处不一致。"
                ),
                evidence=evidence_list(first, other),
                expected=fmt(a),
                actual=fmt(b),
                where=where(first),
            )
            break
