"""JS707: each amount and percentage of the explanation carries its unit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.residue._shared import AMOUNT_MEASURES, squash

_PERCENT_MEASURES = {
    Measure.SHARE,
    Measure.CHANGE_RATE,
    Measure.COMPLETION_RATE,
    Measure.COMPLETION_RATE_INITIAL,
}

_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def _number_followers(text: str, value: Decimal) -> list[str] | None:
    """What follows each printing of ``value`` in ``text`` (spaces removed), None if absent."""
    flat = squash(text)
    followers: list[str] = []
    for m in _NUMBER.finditer(flat):
        digits = m.group().replace(",", "").replace("，", "")
        try:
            if Decimal(digits) != value or digits != f"{value:f}":
                continue
        except ArithmeticError:
            continue
        followers.append(flat[m.end() : m.end() + 2])
    return followers or None


@rule(
    "JS707",
    applies_to=BOTH_KINDS,
    name="missing-unit",
    title="数字缺少单位",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "说明中的金额应带“万元”，比例应带“%”。缺少单位时读者只能猜测（“增长13.95。”是"
        "13.95%还是13.95万元？）。"
    ),
    suggestion="在数字后补上单位（金额“万元”，比例“%”）。",
)
def missing_unit(doc: Disclosure) -> Iterator[Hit]:
    if not doc.statements:
        raise NotApplicable("没有读取到决算情况说明中的数字")
    seen: set[tuple[str, int | None, int | None]] = set()
    for s in doc.statements:
        if not isinstance(s.value, Decimal):
            continue
        units: tuple[str, ...]
        if s.measure in AMOUNT_MEASURES:
            expected, units = "万元", ("万", "元", "亿", "%")
        elif s.measure in _PERCENT_MEASURES:
            expected, units = "%", ("%", "％", "个百分点", "万", "元")
        else:
            continue
        followers = _number_followers(s.evidence.text, s.value)
        if followers is None or any(f.startswith(units) for f in followers):
            continue
        key = (f"{s.value}", s.evidence.page, s.evidence.line)
        if key in seen:
            continue
        seen.add(key)
        yield Hit(
            message=f"“{s.subject}”的数字 {s.value} 后没有单位，应为“{s.value}{expected}”。",
            evidence=[s.evidence],
            expected=f"{s.value}{expected}",
            actual=f"{s.value}",
            where=s.section or None,
        )
