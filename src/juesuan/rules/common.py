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
interval (``ratio_interval`` / ``percent_consistent``).
"""

from __future__ import annotations

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
    """Can ``printed`` (a percentage) be the rounding of some value inside ``interval``?"""
    h = half_unit(printed)
    return printed + h >= interval[0] and printed - h <= interval[1]


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
