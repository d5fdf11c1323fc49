"""Helpers shared by the two narrative rule families (JS5xx narrative vs tables, JS6xx
narrative arithmetic): statements indexed by subject and read as money, percentages or
counts.  Table look-ups are in ``rules.tables``; the verdict on a printed percentage is
``common.judge_percent`` / ``common.judge_ratio`` (money known to at least the cent,
``common.MONEY_PLACES``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from decimal import Decimal

from juesuan.model import Measure, Statement, Topic

MONEY_UNITS = frozenset({"万元", "万"})

SANGONG_TOPICS = frozenset({Topic.SANGONG, Topic.SANGONG_OVERALL, Topic.SANGONG_DETAIL})
CLEAN_DIRECTIONS = {"增加": 1, "减少": -1}
CLEAN_RATE_DIRECTIONS = {"增长": 1, "增幅": 1, "下降": -1, "降幅": -1}
CLEAN_BUDGET_DIRECTIONS = {"大于": 1, "小于": -1, "等于": 0, "持平": 0}
COMPLETION_MEASURES = frozenset({Measure.COMPLETION_RATE, Measure.COMPLETION_RATE_INITIAL})
ACTUAL_MEASURES = frozenset({Measure.ACTUAL, Measure.AMOUNT})


def money_of(s: Statement | None) -> Decimal | None:
    """The statement's value when it is an amount in 万元 (``万`` included), else None."""
    if s is None or not isinstance(s.value, Decimal) or s.unit not in MONEY_UNITS:
        return None
    return s.value


def percent_of(s: Statement | None) -> Decimal | None:
    if s is None or not isinstance(s.value, Decimal) or s.unit != "%":
        return None
    return s.value


def count_of(s: Statement | None) -> Decimal | None:
    if s is None or not isinstance(s.value, Decimal) or s.unit in MONEY_UNITS or s.unit == "%":
        return None
    return s.value


def fmt(value: Decimal) -> str:
    """A number as printed (no exponent, trailing zeros kept)."""
    return f"{value:f}"


def where_of(s: Statement) -> str:
    return f"情况说明{s.section}" if s.section else "情况说明"


class Facts:
    """The statements of a disclosure, indexed by (section, subject) in document order."""

    def __init__(self, statements: Iterable[Statement]) -> None:
        self.statements = list(statements)
        self._position: dict[int, int] = {}
        self._groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
        self._by_subject: dict[str, list[Statement]] = defaultdict(list)
        for i, s in enumerate(self.statements):
            self._position[id(s)] = i
            self._groups[(s.section, s.subject)].append(s)
            self._by_subject[s.subject].append(s)

    def group(self, s: Statement) -> list[Statement]:
        return self._groups[(s.section, s.subject)]

    def before(
        self, s: Statement, measures: Collection[str], stop: Collection[str] = ()
    ) -> Statement | None:
        """Nearest statement before ``s`` with the same section and subject whose measure is
        in ``measures``; None when a statement with a measure in ``stop`` comes first."""
        group = self.group(s)
        index = next(i for i, other in enumerate(group) if other is s)
        for other in reversed(group[:index]):
            if other.measure in measures:
                return other
            if other.measure in stop:
                return None
        return None

    def after(
        self, s: Statement, measures: Collection[str], stop: Collection[str] = ()
    ) -> Statement | None:
        group = self.group(s)
        index = next(i for i, other in enumerate(group) if other is s)
        for other in group[index + 1 :]:
            if other.measure in measures:
                return other
            if other.measure in stop:
                return None
        return None

    def of(
        self, subject: str, measure: str | None = None, topics: Collection[str] | None = None
    ) -> list[Statement]:
        return [
            s
            for s in self._by_subject.get(subject, [])
            if (measure is None or s.measure == measure) and (topics is None or s.topic in topics)
        ]

    def first(
        self, subject: str, measure: str | None = None, topics: Collection[str] | None = None
    ) -> Statement | None:
        found = self.of(subject, measure, topics)
        return found[0] if found else None

    def subjects(self) -> list[str]:
        return list(self._by_subject)
