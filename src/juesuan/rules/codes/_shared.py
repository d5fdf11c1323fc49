"""Helpers shared by the codes rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from juesuan import catalog
from juesuan.catalog.codes import YearList, code_catalog, year_list
from juesuan.model import Disclosure, Side, Table, TableKind, TableRow
from juesuan.rules.engine import NotApplicable
from juesuan.rules.tables import BLANK_TEXTS, row_is_unread

LEVELS = {3: "类", 5: "款", 7: "项"}

CLASSIFICATIONS = {"functional": "支出功能分类科目", "economic": "部门预算支出经济分类科目"}

VALID_LENGTHS = {"functional": (3, 5, 7), "economic": (3, 5)}

SPACES = re.compile(r"\s+")

DIGITS = re.compile(r"^\d+$")

#: Two-sided tables whose expense lines are the 类 of the functional classification.
TWO_SIDED = (TableKind.T01, TableKind.T04, TableKind.B01, TableKind.B04)

_LIST_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]|^\d+[、.．]")


def classification(code: str) -> str | None:
    if code.startswith("2"):
        return "functional"
    if code.startswith("3"):
        return "economic"
    return None


def code_list(kind: str, doc: Disclosure | None = None) -> YearList:
    """The reference list of ``kind`` for the document's year (its 政府收支分类科目)."""
    return year_list(kind, None if doc is None else doc.year)


def year_text(codes: YearList) -> str:
    return f"{codes.year}年"


def other_years_names(kind: str, code: str) -> dict[str, list[int]]:
    """Every name ``code`` carries in the years the catalog establishes -> those years."""
    return code_catalog(kind).names_by_year(code)


def years_text(years: list[int]) -> str:
    """2018–2019年 / 2018年."""
    if not years:
        return ""
    if years[0] == years[-1]:
        return f"{years[0]}年"
    return f"{years[0]}–{years[-1]}年"


@lru_cache(maxsize=8192)
def normalise_name(name: str) -> str:
    """Spaces and quotes removed, brackets full-width: how names are compared."""
    t = SPACES.sub("", name)
    for q in "“”\"'‘’「」":
        t = t.replace(q, "")
    return t.replace("(", "（").replace(")", "）")


@cache
def codes_by_name(kind: str, year: int | None) -> dict[str, tuple[str, ...]]:
    """ "length:normalised standard name" -> the codes with that name in the year's list."""
    names: dict[str, list[str]] = {}
    for code, name in year_list(kind, year).names.items():
        names.setdefault(f"{len(code)}:{normalise_name(name)}", []).append(code)
    return {k: tuple(v) for k, v in names.items()}


def slip(a: str, b: str) -> bool:
    """Two codes of one length that differ by one mistyped digit or two adjacent digits
    swapped (2080505 / 2080550, 2080505 / 2088505)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def parent_length(kind: str, code: str) -> int | None:
    lengths = VALID_LENGTHS[kind]
    if len(code) not in lengths or len(code) == lengths[0]:
        return None
    return lengths[lengths.index(len(code)) - 1]


@dataclass(slots=True)
class Coded:
    table: Table
    row: TableRow
    code: str
    kind: str  # functional / economic
    group: str  # table kind + block (side), the unit within which hierarchy is read


def coded_groups(doc: Disclosure) -> list[list[Coded]]:
    """The coded rows per group (one table's functional or economic codes), in order."""
    coded = coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    groups: dict[str, list[Coded]] = {}
    for c in coded:
        groups.setdefault(c.group, []).append(c)
    return list(groups.values())


def coded_rows(doc: Disclosure) -> list[Coded]:
    out: list[Coded] = []
    for table in doc.tables:
        prefix = f"{table.kind.value}/"
        for row in table.rows:
            code = row.code
            if not code:
                continue
            if not code.isdigit():
                code = SPACES.sub("", code)
                if not DIGITS.match(code):
                    continue
            kind = classification(code)
            if kind is not None:
                out.append(Coded(table, row, code, kind, prefix + (row.side or "")))
    return out


@cache
def class_codes_by_name() -> dict[str, str]:
    """Normalised name of a 类 in any year (and the older names of classes.toml) -> code."""
    out = {normalise_name(n): c for n, c in catalog.functional_class_names().items()}
    history = code_catalog("functional")
    for code, name in year_list("functional", None).names.items():
        if len(code) == 3:
            for old in history.names_by_year(code):
                out.setdefault(normalise_name(old), code)
            out.setdefault(normalise_name(name), code)
    return out


def class_lines(doc: Disclosure) -> list[Coded]:
    """The 类 expense lines of the two-sided tables (收入支出决算总表, 收支预算总表 …): the code
    is the one the line's name was read as (or the 类 whose name it is in some year), the name
    as printed without its list number."""
    out: list[Coded] = []
    for table in doc.tables:
        if table.kind not in TWO_SIDED:
            continue
        for row in table.rows:
            if row.side != Side.EXPENSE:
                continue
            ref = row.ref_code
            if ref is None:
                name = normalise_name(_LIST_NUMBER.sub("", SPACES.sub("", row.name)))
                ref = class_codes_by_name().get(name)
            if ref and ref.isdigit() and len(ref) == 3:
                out.append(Coded(table, row, ref, "functional", f"{table.kind.value}/expense"))
    return out


def printed_name(c: Coded) -> str:
    """A row's name as printed, without the list number of a two-sided table's line."""
    name = SPACES.sub("", c.row.name)
    if c.table.kind in TWO_SIDED:
        name = _LIST_NUMBER.sub("", name)
    return name


def row_amount(row: TableRow) -> Decimal | None:
    """The row's main amount (合计 column, or its only column); None when not read."""
    if row_is_unread(row):
        return None
    if "total" in row.values:
        column = "total"
    elif len(row.values) == 1:
        column = next(iter(row.values))
    else:
        return None
    value = row.values[column]
    if value is None:
        text = row.raw.get(column, "")
        return Decimal(0) if text.strip() in BLANK_TEXTS else None
    return value
