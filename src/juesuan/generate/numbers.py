"""The figures the generator derives, as the documents print them.

Everything is :class:`~decimal.Decimal` rounded half up to two decimals: shares of a
breakdown, year-on-year changes with their direction words (增加/减少/持平, 增长/下降),
completion rates and the 大于/小于/等于 of an actual against its budget.  The layouts'
templates call these (as Jinja globals) and only choose the words around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from juesuan.structure.textutil import int_to_cn

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def q2(value: Decimal) -> Decimal:
    """Half-up rounding to two decimals (how the documents print money and percentages)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def amt(value: Decimal) -> str:
    """An amount as printed in the text: two decimals, no thousands separator."""
    return f"{q2(value):f}"


def pct(value: Decimal) -> str:
    """A percentage as printed in the text: two decimals and "%"."""
    return f"{q2(value):f}%"


def ratio(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in %, half-up to two decimals (whole must be positive)."""
    return q2(part / whole * HUNDRED)


def shares(parts: Sequence[Decimal], whole: Decimal) -> list[Decimal]:
    """The printed shares (in %) of a breakdown of ``whole``: each the half-up rounding of its
    part's ratio, as the checker recomputes it and as the charts label it.  The shares may
    then add up to 99.99 or 100.01; that is rounding, and moving one to force 100.00 would
    make the text disagree with its own chart."""
    if whole <= 0:
        return [ZERO for _ in parts]
    return [q2(p / whole * HUNDRED) for p in parts]


@dataclass(frozen=True, slots=True)
class Change:
    """A year-on-year change: direction words, amount and rate (None when not computable)."""

    direction: str  # 增加 / 减少 / 持平
    rate_word: str  # 增长 / 下降 / ""
    amount: Decimal
    rate: Decimal | None

    @property
    def flat(self) -> bool:
        return self.direction == "持平"

    def clause(self, subject: str = "") -> str:
        """ "{subject}增加12.00万元，增长10.00%" / "{subject}持平" (subject may be empty)."""
        if self.flat:
            return f"{subject}持平"
        out = f"{subject}{self.direction}{amt(self.amount)}万元"
        if self.rate is not None:
            out += f"，{self.rate_word}{pct(self.rate)}"
        return out


def change(current: Decimal, previous: Decimal) -> Change:
    """The change from ``previous`` to ``current`` (both as printed, rounded to 0.01)."""
    cur, prev = q2(current), q2(previous)
    diff = cur - prev
    if diff == 0:
        return Change("持平", "", ZERO, None)
    rate = q2(abs(diff) / prev * HUNDRED) if prev > 0 else None
    if diff > 0:
        return Change("增加", "增长", diff, rate)
    return Change("减少", "下降", -diff, rate)


def compare_word(actual: Decimal, budget: Decimal) -> str:
    """大于 / 小于 / 等于: the actual against its budget, as printed."""
    a, b = q2(actual), q2(budget)
    return "大于" if a > b else "小于" if a < b else "等于"


def cn(n: int) -> str:
    """A Chinese numeral (1 → 一, 11 → 十一), as list and section numbers print."""
    return int_to_cn(n)


def date_cn(iso: str) -> str:
    """ "2025-09-26" → "2025年9月26日" (text that is not an ISO date is kept as is)."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.year}年{d.month}月{d.day}日"


def reason(text: str, lead: str) -> str:
    """ "{lead}…。" for a given reason text ("" when none; a text that already starts with
    主要原因/原因 keeps its own words)."""
    t = text.strip().rstrip("。；;，,")
    if not t:
        return ""
    if t.startswith(("主要原因", "原因")):
        return t + "。"
    return f"{lead}{t}。"
