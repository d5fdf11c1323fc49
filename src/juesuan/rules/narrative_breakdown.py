"""Totals and their parts inside the explanation, shared by JS603 (both kinds of document) and
JS944 (the breakdowns particular to budgets): which statements make a breakdown, and whether
the year-on-year changes of the parts add up to the change of the total.

A breakdown is read within a section of the explanation: a total's parts are looked for in
its own section first ("七（二）"), then anywhere in the same top-level section ("七",
"七（一）" …), so that a total stated in one paragraph is checked against parts listed in the
following sentences and paragraphs ("“三公”经费支出 X 万元……具体情况如下：1. 因公出国（境）费
…；2. 公务用车购置及运行维护费…"), and never against the same subject of another section.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from decimal import Decimal

from juesuan.model import Measure, Statement
from juesuan.rules.common import ZERO, money
from juesuan.rules.narrative_facts import Facts, fmt, money_of


def top_section(section: str) -> str:
    """The top-level number of a section path: "七（二）" → "七"."""
    return section.split("（", 1)[0]


def pick(
    candidates: Iterable[Statement], near: Statement, whole_section: bool = True
) -> Statement | None:
    """The candidate in ``near``'s section (the first one), else — with ``whole_section`` —
    the first in the same top-level section."""
    found = list(candidates)
    same = [c for c in found if c.section == near.section]
    if same:
        return same[0]
    if not whole_section:
        return None
    top = top_section(near.section)
    return next((c for c in found if top_section(c.section) == top), None)


def in_scope(statements: Iterable[Statement], near: Statement) -> list[Statement]:
    """The statements of ``near``'s section, else of its top-level section."""
    found = list(statements)
    same = [s for s in found if s.section == near.section]
    if same:
        return same
    top = top_section(near.section)
    return [s for s in found if top_section(s.section) == top]


def signed_change(
    facts: Facts,
    s: Statement,
    amounts: Collection[str],
    impossible: Callable[[Statement], bool] = lambda _: False,
) -> tuple[Decimal | None, bool]:
    """The change against last year stated after an amount (+ increase, − decrease, 0 持平),
    and whether that change is itself impossible (an increase larger than the amount: the
    rule about it reports it, it is not judged again)."""
    direction = facts.after(s, {Measure.DIRECTION}, amounts)
    if direction is None:
        return None, False
    if direction.value == "持平":
        return ZERO, False
    change = facts.after(direction, {Measure.CHANGE_AMOUNT}, {Measure.DIRECTION, *amounts})
    value = money_of(change)
    if value is None or change is None:
        return None, False
    sign = {"增加": 1, "减少": -1}.get(str(direction.value))
    return (None if sign is None else value * sign), impossible(change)


def change_sum(
    facts: Facts,
    total: Statement,
    parts: Sequence[Statement],
    amounts: Collection[str],
    half: Callable[[Decimal], Decimal],
    impossible: Callable[[Statement], bool] = lambda _: False,
) -> tuple[Decimal, list[Decimal], Decimal] | None:
    """(the total's change, the parts' changes, the sum of the parts' changes) when every part
    states its change and they do not add up to the total's beyond the rounding of each
    printed change (``half``: half a unit of its last printed decimal); None otherwise."""
    total_change, total_impossible = signed_change(facts, total, amounts, impossible)
    if total_change is None or not parts:
        return None
    found = [signed_change(facts, p, amounts, impossible) for p in parts]
    if total_impossible or any(bad for _, bad in found):
        return None  # one root cause: the impossible change
    changes = [c for c, _ in found]
    if any(c is None for c in changes):
        return None
    known = [c for c in changes if c is not None]
    diff = sum(known, ZERO) - total_change
    slack = sum((half(c) for c in [*known, total_change]), ZERO)
    if abs(diff) <= slack:
        return None
    return total_change, known, sum(known, ZERO)


def change_sum_message(
    place: str,
    label: str,
    total_change: Decimal,
    parts: Sequence[Statement],
    changes: Sequence[Decimal],
) -> str:
    names = "、".join(f"{p.subject} {fmt(c)}" for p, c in zip(parts, changes, strict=True))
    parts_sum = sum(changes, ZERO)
    diff = abs(parts_sum - total_change)
    return (
        f"{place}{quoted(label)}比上年增减 {fmt(total_change)} 万元，所列各项的增减额"
        f"（{names}）合计 {money(parts_sum)} 万元，相差 {money(diff)} 万元。"
    )


def quoted(name: str) -> str:
    """A subject in quotes, unless it holds quotes of its own (“三公”经费)."""
    return name if "“" in name or "”" in name else f"“{name}”"
