"""JS602: the direction words of a change agree (增加 with 增长, 减少 with 下降, 持平 with no
change).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_arithmetic._shared import statement_evidence
from juesuan.rules.narrative_facts import (
    CLEAN_DIRECTIONS,
    CLEAN_RATE_DIRECTIONS,
    Facts,
    fmt,
    where_of,
)


@rule(
    "JS602",
    applies_to=BOTH_KINDS,
    name="yoy-direction-contradiction",
    title="增减用语前后矛盾",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
同一句中“增加”必须配“增长”，“减少”必须配“下降”；写“持平”却又给出非零的增减额或增减幅度
也是矛盾。模板备选用语未取舍（“增加（减少）”“下降（增长）”）由模板残留规则报告，这里只报告
用语之间的真实矛盾。
""",
    suggestion="按本年数与上年数的实际大小统一增减用语。",
)
def yoy_direction_contradiction(doc: Disclosure) -> Iterator[Hit]:
    words = [s for s in doc.statements if s.measure in (Measure.DIRECTION, Measure.RATE_DIRECTION)]
    if not words:
        raise NotApplicable("情况说明中没有同比增减用语")
    facts = Facts(doc.statements)
    for s in doc.statements:
        if s.measure == Measure.RATE_DIRECTION and isinstance(s.value, str):
            rate_sign = CLEAN_RATE_DIRECTIONS.get(s.value)
            direction = facts.before(
                s, {Measure.DIRECTION}, {Measure.RATE_DIRECTION, Measure.CHANGE_RATE}
            )
            if rate_sign is None or direction is None or not isinstance(direction.value, str):
                continue
            sign = CLEAN_DIRECTIONS.get(direction.value)
            if sign is not None and sign != rate_sign:
                expected = "增长" if sign > 0 else "下降"
                yield Hit(
                    message=(
                        f"{where_of(s)}“{s.subject}”先称“{direction.value}”，后称“{s.value}”，"
                        f"增减用语相互矛盾。"
                    ),
                    evidence=statement_evidence(direction, s),
                    expected=expected,
                    actual=s.value,
                    where=where_of(s),
                )
            elif direction.value == "持平":
                yield from _flat_with_change(facts, direction)
        elif (
            s.measure == Measure.DIRECTION
            and s.value == "持平"
            and facts.after(s, {Measure.RATE_DIRECTION}, {Measure.DIRECTION}) is None
        ):
            yield from _flat_with_change(facts, s)


def _flat_with_change(facts: Facts, flat: Statement) -> Iterator[Hit]:
    stop = {Measure.DIRECTION}
    for measure in (Measure.CHANGE_AMOUNT, Measure.CHANGE_RATE):
        other = facts.after(flat, {measure}, stop)
        if other is not None and isinstance(other.value, Decimal) and other.value != 0:
            unit = "%" if measure == Measure.CHANGE_RATE else " 万元"
            what = "增减幅度" if measure == Measure.CHANGE_RATE else "增减额"
            yield Hit(
                message=(
                    f"{where_of(flat)}称“{flat.subject}”与上年持平，"
                    f"同时又给出{what} {fmt(other.value)}{unit}。"
                ),
                evidence=statement_evidence(flat, other),
                expected="持平时增减为 0",
                actual=f"{fmt(other.value)}{unit.strip()}",
                where=where_of(flat),
            )
            return
