"""Helpers shared by the codes rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan import catalog
from juesuan.model import Disclosure, Table, TableRow
from juesuan.rules.engine import NotApplicable

LEVELS = {3: "类", 5: "款", 7: "项"}

CLASSIFICATIONS = {"functional": "支出功能分类科目", "economic": "部门预算支出经济分类科目"}

VALID_LENGTHS = {"functional": (3, 5, 7), "economic": (3, 5)}

SPACES = re.compile(r"\s+")

DIGITS = re.compile(r"^\d+$")


def classification(code: str) -> str | None:
    if code.startswith("2"):
        return "functional"
    if code.startswith("3"):
        return "economic"
    return None


def code_list(kind: str) -> catalog.CodeList:
    return catalog.functional_codes() if kind == "functional" else catalog.economic_codes()


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
