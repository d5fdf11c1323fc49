"""JS708: amounts are in 万元, not 元 or 万."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import decimals_of, round_to
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import AMOUNT_MEASURES


def _table_amounts(doc: Disclosure) -> set[Decimal]:
    amounts: set[Decimal] = set()
    for t in doc.tables:
        for r in t.rows:
            amounts.update(v for v in r.values.values() if v is not None and v != 0)
    return amounts


@rule(
    "JS708",
    applies_to=BOTH_KINDS,
    name="wrong-unit",
    title="金额单位错误",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "决算金额以“万元”公开。说明中把万元金额写成“元”会让金额相差一万倍；只写“万”"
        "而漏写“元”不规范。"
    ),
    suggestion="把单位改为“万元”。",
)
def wrong_unit(doc: Disclosure) -> Iterator[Hit]:
    amounts: set[Decimal] | None = None
    for s in doc.statements:
        if s.measure not in AMOUNT_MEASURES or not isinstance(s.value, Decimal):
            continue
        if s.unit == "万":
            yield Hit(
                message=f"“{s.subject}”金额 {s.value} 的单位写为“万”，应为“万元”。",
                evidence=[s.evidence],
                expected=f"{s.value}万元",
                actual=f"{s.value}万",
                severity=Severity.WARNING,
                where=s.section or None,
            )
            continue
        if s.unit != "元" or s.value == 0:
            continue
        if amounts is None:
            amounts = _table_amounts(doc)
        if s.value in amounts:
            reason = f"而决算表中同一数字以万元列示（{s.value}万元）"
            severity = None
        elif (rate := _rate_in_wan(doc, s)) is not None:
            reason = f"按万元计算，与同句的预算数和完成率 {rate}% 相符"
            severity = None
        elif _siblings_in_wan(doc, s):
            reason = "同一节其他同类金额均以万元表述"
            severity = Severity.WARNING
        else:
            continue
        yield Hit(
            message=f"“{s.subject}”金额写为“{s.value}元”，{reason}，单位应为“万元”。",
            evidence=[s.evidence],
            expected=f"{s.value}万元",
            actual=f"{s.value}元",
            severity=severity,
            where=s.section or None,
        )


def _rate_in_wan(doc: Disclosure, s: Statement) -> Decimal | None:
    """The completion rate stated beside ``s`` when it equals s (read as 万元) / budget."""
    same = [
        o
        for o in doc.statements
        if o.subject == s.subject and o.evidence.text == s.evidence.text and o is not s
    ]
    budgets = [o.value for o in same if o.measure == Measure.BUDGET and o.unit == "万元"]
    rates = [o.value for o in same if o.measure == Measure.COMPLETION_RATE]
    for budget in budgets:
        for rate in rates:
            if isinstance(budget, Decimal) and isinstance(rate, Decimal) and budget > 0:
                places = decimals_of(rate)
                if round_to(s.value / budget * 100, places) == rate:  # type: ignore[operator]
                    return rate
    return None


def _siblings_in_wan(doc: Disclosure, s: Statement) -> bool:
    siblings = [
        o
        for o in doc.statements
        if o.section == s.section and o.measure == s.measure and o is not s
    ]
    in_wan = sum(1 for o in siblings if o.unit == "万元")
    return in_wan >= 3 and in_wan * 4 >= len(siblings) * 3
