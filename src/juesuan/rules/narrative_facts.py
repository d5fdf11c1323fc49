"""Helpers shared by the two narrative rule families (JS5xx narrative vs tables, JS6xx
narrative arithmetic): statements indexed by subject, table look-ups that treat a blank cell
as 0, and the verdict on a printed percentage.

Named tolerances used here:

``MONEY_PLACES``
    Amounts in the explanation are 万元 with two decimals.  Sichuan reports drop trailing
    zeros ("减少4万元", "0万元"), so an amount printed without decimals still stands for a
    value known to the cent: interval reasoning uses at least two decimals for money.
Percentages keep the decimals they were printed with ("完成预算100%" is known to ±0.5).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Evidence, Statement, Table, TableRow
from juesuan.model.findings import Severity
from juesuan.rules.common import (
    HUNDRED,
    ZERO,
    decimals_of,
    half_unit,
    percent_consistent,
    round_to,
)

MONEY_UNITS = frozenset({"万元", "万"})
MONEY_PLACES = 2  # see module docstring

SANGONG_TOPICS = frozenset({"sangong", "sangong_overall", "sangong_detail"})
CLEAN_DIRECTIONS = {"增加": 1, "减少": -1}
CLEAN_RATE_DIRECTIONS = {"增长": 1, "增幅": 1, "下降": -1, "降幅": -1}
CLEAN_BUDGET_DIRECTIONS = {"大于": 1, "小于": -1, "等于": 0, "持平": 0}
COMPLETION_MEASURES = frozenset({"completion_rate", "completion_rate_initial"})
ACTUAL_MEASURES = frozenset({"actual", "amount"})


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


def money_places(value: Decimal) -> int:
    return max(decimals_of(value), MONEY_PLACES)


def money_half(value: Decimal) -> Decimal:
    return half_unit(value, money_places(value))


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


# --- tables -------------------------------------------------------------------------------


def table_known(table: Table | None) -> bool:
    """A table whose contents can be relied on: it has rows, or says it has no data."""
    return table is not None and (bool(table.rows) or bool(table.empty_statement))


def cell(row: TableRow, column: str) -> Decimal:
    """A cell's amount, blank = 0."""
    value = row.values.get(column)
    return ZERO if value is None else value


def total_row(table: Table) -> TableRow | None:
    """The 合计 row of a one-sided table (T02, T03, T06, T10 …)."""
    for row in table.rows:
        if row.code is None and row.name.replace(" ", "").endswith("合计"):
            return row
    for row in table.rows:
        if row.code is None and "合计" in row.name:
            return row
    return None


def line(table: Table, ref_code: str, side: str | None = None) -> TableRow | None:
    """A fixed line of a two-sided table (T01/T04) or an item of T13, by its ref_code."""
    for row in table.rows:
        if row.ref_code == ref_code and (side is None or row.side == side):
            return row
    return None


def code_row(table: Table, code: str) -> TableRow | None:
    for row in table.rows:
        if row.code == code:
            return row
    return None


def t08_totals(table: Table) -> tuple[TableRow | None, TableRow | None]:
    """(人员经费合计 row, 公用经费合计 row) of the basic expenditure table."""
    personnel: TableRow | None = None
    public: TableRow | None = None
    for row in table.rows:
        if row.code is not None:
            continue
        name = row.name.replace(" ", "")
        total_like = name.endswith("合计")
        has_personnel = row.values.get("personnel") is not None
        if personnel is None and has_personnel and ("人员经费" in name or total_like):
            personnel = row
        has_public = row.values.get("public") is not None
        if public is None and has_public and ("公用经费" in name or total_like):
            public = row
    return personnel, public


@dataclass(slots=True)
class TableValue:
    """A table cell a statement restates: the value, how to name it, where it is."""

    label: str
    value: Decimal
    evidence: list[Evidence] = field(default_factory=list)


# --- percentages ----------------------------------------------------------------------------


@dataclass(slots=True)
class PercentVerdict:
    severity: Severity | None  # None: the printed value is right
    expected: Decimal  # the ratio from the printed amounts, at the printed decimals (≥ 2)
    interval: tuple[Decimal, Decimal]


def judge_percent(
    printed: Decimal,
    point: Decimal,
    interval: tuple[Decimal, Decimal],
    singles: Iterable[tuple[Decimal, Decimal]] = (),
) -> PercentVerdict:
    """Judge a printed percentage against the ratio of printed amounts.

    ``interval`` holds every ratio the rounded amounts allow (all of them at their rounding
    limits at once); ``singles`` the ratios allowed when only one amount at a time moves
    within its rounding.  Verdicts:

    * right (None): the printed value is the rounding of the point ratio;
    * info: it is not, but some single amount's rounding explains it (the unrounded
      amounts the author divided may give it);
    * warning: it misses the point ratio by one unit of its last decimal and only the joint
      extreme of all roundings — or nothing — could explain it (a truncation or rounding
      slip: 41.77% for 41.776%);
    * error: it misses every possible ratio by more than one unit.
    """
    places = decimals_of(printed)
    expected = round_to(point, max(places, 2))
    if round_to(point, places) == printed:
        return PercentVerdict(None, expected, interval)
    single_list = list(singles)
    if percent_consistent(printed, interval):
        if not single_list or any(percent_consistent(printed, i) for i in single_list):
            return PercentVerdict(Severity.INFO, expected, interval)
        return PercentVerdict(Severity.WARNING, expected, interval)
    h = half_unit(printed)
    distance = max(interval[0] - (printed + h), (printed - h) - interval[1])
    severity = Severity.WARNING if distance <= 2 * h else Severity.ERROR
    return PercentVerdict(severity, expected, interval)


def interval_text(interval: tuple[Decimal, Decimal]) -> str:
    return f"{round_to(interval[0], 3):f}%～{round_to(interval[1], 3):f}%"


def share_interval(part: Decimal, whole: Decimal) -> tuple[Decimal, Decimal] | None:
    """part/whole in % for two printed amounts (money: at least two decimals)."""
    hp, hw = money_half(part), money_half(whole)
    if whole - hw <= 0:
        return None
    return (max(part - hp, ZERO) / (whole + hw) * HUNDRED, (part + hp) / (whole - hw) * HUNDRED)


def share_singles(part: Decimal, whole: Decimal) -> list[tuple[Decimal, Decimal]]:
    """part/whole in % with one amount at a time moving within its rounding."""
    hp, hw = money_half(part), money_half(whole)
    if whole - hw <= 0:
        return []
    return [
        (max(part - hp, ZERO) / whole * HUNDRED, (part + hp) / whole * HUNDRED),
        (part / (whole + hw) * HUNDRED, part / (whole - hw) * HUNDRED),
    ]
