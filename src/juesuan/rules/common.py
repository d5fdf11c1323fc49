"""Shared helpers for rules: named tolerances, exact rounding, interval reasoning, labels.

Tolerances (all documented in docs/rules.md through the rules that use them):

``CENT``
    0.01 万元, the printed precision of amounts.  Two printings of the *same* quantity (one
    code in two tables, a sentence and the table it restates) must be identical; a difference
    of exactly one cent is reported one level below a larger one (docs/domain.md §6).
``sum_tolerance(n)``
    A printed total of ``n`` independently rounded parts may differ from the sum of the
    printed parts by up to 0.005 × n, i.e. 0.01 × ceil(n / 2).  Within that, the difference
    is explained by rounding and reported as info at most.
Percentages (shares, rates) are checked by interval: the printed amounts stand for any value
within ± half a unit of their last printed decimal, so the true ratio lies in an interval;
a printed percentage is wrong only when it cannot be the rounding of any ratio in that
interval (``ratio_interval`` / ``percent_consistent``).  ``judge_percent`` grades a printed
percentage against such an interval and ``judge_ratio`` does the whole for a share of two
printed amounts of money; every rule that checks a printed percentage goes through them.
``MONEY_PLACES``
    Amounts in the explanation are 万元 with two decimals.  Sichuan reports drop trailing
    zeros ("减少4万元", "0万元"), so an amount printed without decimals still stands for a
    value known to the cent: interval reasoning uses at least two decimals for money
    (``money_places``).  Percentages keep the decimals they were printed with ("完成预算100%"
    is known to ±0.5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from juesuan import catalog
from juesuan.model import Table, TableKind, TableRow
from juesuan.model.findings import Severity

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)


def sum_tolerance(addends: int) -> Decimal:
    """Largest rounding difference between a printed total and the sum of ``addends`` printed
    parts (each rounded to 0.01): 0.005 × n, rounded up to the cent."""
    return CENT * ((max(addends, 1) + 1) // 2)


def decimals_of(value: Decimal) -> int:
    """Printed decimals of a Decimal parsed from text (``Decimal("1.50")`` → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def round_to(value: Decimal, places: int) -> Decimal:
    """Half-up rounding to ``places`` decimals (the way the documents round)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def half_unit(value: Decimal, places: int | None = None) -> Decimal:
    """Half a unit of the last printed decimal of ``value``."""
    p = decimals_of(value) if places is None else places
    return Decimal(5).scaleb(-(p + 1))


def ratio_interval(
    part: Decimal, whole: Decimal, part_places: int | None = None, whole_places: int | None = None
) -> tuple[Decimal, Decimal] | None:
    """The interval (in %) of part/whole when both are printed rounded; None if whole ≤ 0."""
    dp, dw = half_unit(part, part_places), half_unit(whole, whole_places)
    low_whole, high_whole = whole - dw, whole + dw
    if low_whole <= 0:
        return None
    low_part, high_part = max(part - dp, ZERO), part + dp
    return (low_part / high_whole * HUNDRED, high_part / low_whole * HUNDRED)


def percent_consistent(printed: Decimal, interval: tuple[Decimal, Decimal]) -> bool:
    """Can ``printed`` (a percentage, or a score computed from one) be the rounding, at its
    printed decimals, of some value inside ``interval``?"""
    h = half_unit(printed)
    return printed + h >= interval[0] and printed - h <= interval[1]


MONEY_PLACES = 2  # see the module docstring


def money_places(value: Decimal) -> int:
    """Decimals an amount of money is known to: as printed, at least two."""
    return max(decimals_of(value), MONEY_PLACES)


def money_half(value: Decimal) -> Decimal:
    return half_unit(value, money_places(value))


def ratio_singles(
    part: Decimal, whole: Decimal, part_places: int | None = None, whole_places: int | None = None
) -> list[tuple[Decimal, Decimal]]:
    """part/whole in % with one amount at a time moving within its rounding (empty if whole
    may be ≤ 0)."""
    hp, hw = half_unit(part, part_places), half_unit(whole, whole_places)
    if whole - hw <= 0:
        return []
    return [
        (max(part - hp, ZERO) / whole * HUNDRED, (part + hp) / whole * HUNDRED),
        (part / (whole + hw) * HUNDRED, part / (whole - hw) * HUNDRED),
    ]


@dataclass(slots=True)
class PercentVerdict:
    severity: Severity | None  # None: the printed value is right
    expected: Decimal  # the ratio from the printed amounts, at the printed decimals (≥ 2)
    interval: tuple[Decimal, Decimal]

    @property
    def interval_text(self) -> str:
        return interval_text(self.interval)


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


def judge_ratio(printed: Decimal, part: Decimal, whole: Decimal) -> PercentVerdict | None:
    """A printed percentage (share, completion rate) against part / whole of two printed
    amounts of money (known to at least the cent); None when whole may be ≤ 0."""
    part_places, whole_places = money_places(part), money_places(whole)
    interval = ratio_interval(part, whole, part_places, whole_places)
    if interval is None:
        return None
    singles = ratio_singles(part, whole, part_places, whole_places)
    return judge_percent(printed, part / whole * HUNDRED, interval, singles)


def interval_text(interval: tuple[Decimal, Decimal]) -> str:
    return f"{round_to(interval[0], 3):f}%～{round_to(interval[1], 3):f}%"


def percent(part: Decimal, whole: Decimal, places: int = 2) -> Decimal:
    """part / whole in %, rounded half-up to ``places`` decimals (whole must be non-zero)."""
    return round_to(part / whole * HUNDRED, places)


def difference_severity(diff: Decimal) -> Severity:
    """For two printings of the same quantity: one cent apart → warning, more → error."""
    return Severity.WARNING if abs(diff) <= CENT else Severity.ERROR


def money(value: Decimal | None) -> str:
    """An amount as the documents print it (two decimals, thousands not separated); an amount
    read from a table printed in 元 keeps its exact 万元 value (up to four decimals)."""
    if value is None:
        return "空"
    cents = round_to(value, 2)
    if cents == value:
        return f"{cents:f}"
    return f"{round_to(value, 4):f}"


def pct(value: Decimal) -> str:
    return f"{value:f}%"


#: Standard names of the tables by kind (the catalog's titles).
TABLE_NAMES: dict[TableKind, str] = {k: s.title for k, s in catalog.table_specs().items()}


def table_label(table: Table | TableKind) -> str:
    """Grouping label for findings about a table: the printed title (or the standard name).

    Final-account tables are numbered as the national 13-table set (表03 …); budget tables
    carry their printed number when they have one (公开03表 …), since budget templates
    number their tables differently."""
    kind = table if isinstance(table, TableKind) else table.kind
    title = table.title if isinstance(table, Table) and table.title else TABLE_NAMES[kind]
    if kind.is_budget:
        number = table.number if isinstance(table, Table) else None
        return f"{number} {title}" if number else title
    return f"表{kind.value[1:]} {title}"


def row_label(row: TableRow) -> str:
    """How a row is named in a message: ``2010101 行政运行`` or the name alone."""
    return f"{row.code} {row.name}" if row.code else row.name
