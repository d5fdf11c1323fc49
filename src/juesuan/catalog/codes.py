"""Classification code lists by year: the 支出功能分类 and 部门预算支出经济分类 names in force
in each year the catalog establishes (``codes_functional.toml``, ``codes_economic.toml``).

Each file holds the names of its base year (``[codes]``, confirmed; ``[unsure]``, written
without being checked against the published list), the names a code carried in other years
(``[[names]]``) and the year a code was introduced with its children (``[since]``).
:func:`year_list` gives the list of one year; a year outside the established range gets the
nearest established year's names, marked as not established (rules then report one level
lower).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

#: The two classifications and their catalog files.
FILES = {"functional": "codes_functional.toml", "economic": "codes_economic.toml"}


@dataclass(frozen=True, slots=True)
class YearList:
    """The codes of one classification in force in one year."""

    kind: str  # functional / economic
    year: int  # the year whose names these are
    established: bool  # the requested year is one the catalog establishes
    names: Mapping[str, str]  # code -> standard name that year (confirmed or not)
    unsure: frozenset[str]  # codes whose name that year is not confirmed

    def sure(self, code: str) -> bool:
        """Whether ``code``'s name of this year is confirmed (and the year established)."""
        return self.established and code in self.names and code not in self.unsure


@dataclass(frozen=True, slots=True)
class _Variant:
    code: str
    name: str
    first: int
    last: int
    unsure: bool


@dataclass(frozen=True, slots=True)
class CodeCatalog:
    """One classification's catalog file: base names, other years' names, introductions."""

    kind: str
    base_year: int
    first: int  # established years
    last: int
    base: Mapping[str, str]
    base_unsure: frozenset[str]
    variants: tuple[_Variant, ...]
    since: Mapping[str, int]

    def for_year(self, year: int | None) -> YearList:
        """The list of ``year`` (the base year when unknown)."""
        if year is None:
            return _year_list(self.kind, self.base_year, True)
        clamped = min(max(year, self.first), self.last)
        return _year_list(self.kind, clamped, self.first <= year <= self.last)

    def names_by_year(self, code: str) -> dict[str, list[int]]:
        """Every name ``code`` carries in the established years -> those years."""
        return _history(self.kind).get(code, {})


def _build(kind: str, year: int, established: bool) -> YearList:
    cat = code_catalog(kind)
    names: dict[str, str] = {}
    unsure: set[str] = set()
    for code, name in cat.base.items():
        # a code is introduced with its ancestors (20138 in 2019: 2013801 too)
        if all(cat.since.get(code[:n], 0) <= year for n in range(3, len(code) + 1, 2)):
            names[code] = name
            if code in cat.base_unsure:
                unsure.add(code)
    for v in cat.variants:
        if v.first <= year <= v.last:
            names[v.code] = v.name
            if v.unsure:
                unsure.add(v.code)
            else:
                unsure.discard(v.code)
    return YearList(kind, year, established, names, frozenset(unsure))


@cache
def _year_list(kind: str, year: int, established: bool) -> YearList:
    return _build(kind, year, established)


@cache
def _history(kind: str) -> dict[str, dict[str, list[int]]]:
    cat = code_catalog(kind)
    out: dict[str, dict[str, list[int]]] = {}
    for year in range(cat.first, cat.last + 1):
        for code, name in _year_list(kind, year, True).names.items():
            out.setdefault(code, {}).setdefault(name, []).append(year)
    return out


def _load(name: str) -> dict[str, Any]:
    from juesuan.catalog import load_toml  # read by path (see catalog._load)

    return load_toml(name)


@cache
def code_catalog(kind: str) -> CodeCatalog:
    """The catalog file of ``kind`` (``functional`` or ``economic``)."""
    data = _load(FILES[kind])
    first, last = (int(y) for y in data["established"])
    base = {str(k): str(v) for k, v in data["codes"].items()}
    unsure = {str(k): str(v) for k, v in data.get("unsure", {}).items()}
    variants = tuple(
        _Variant(
            str(e["code"]),
            str(e["name"]),
            int(e["years"][0]),
            int(e["years"][1]),
            bool(e.get("unsure")),
        )
        for e in data.get("names", [])
    )
    return CodeCatalog(
        kind=kind,
        base_year=int(data["year"]),
        first=first,
        last=last,
        base={**base, **unsure},
        base_unsure=frozenset(unsure),
        variants=variants,
        since={str(k): int(v) for k, v in data.get("since", {}).items()},
    )


def year_list(kind: str, year: int | None) -> YearList:
    """The codes of ``kind`` in force in ``year`` (see :class:`YearList`)."""
    return code_catalog(kind).for_year(year)
