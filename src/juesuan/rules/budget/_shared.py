"""Helpers shared by the budget rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Disclosure, Side, Table, TableKind, TableRow
from juesuan.model.findings import Severity
from juesuan.rules.common import ZERO, money, table_label
from juesuan.rules.engine import Hit
from juesuan.rules.tables import (
    CodedIndex,
    Place,
    SumResult,
    cell,
    coded_place,
    compare,
    evidence_of,
    printed_step,
    row_is_unread,
    table_has_data,
)


def budget_table(doc: Disclosure, kind: TableKind) -> Table | None:
    """The table of that kind when it holds data (a printed amount at least)."""
    found = [t for t in doc.tables if t.kind is kind]
    if len(found) != 1:
        return None  # absent, or printed twice: which one is meant is not clear
    return found[0] if table_has_data(found[0]) else None


def doubtful(*tables: Table) -> list[str]:
    return [d for t in tables for d in t.doubts]


def soften(hit: Hit | None, *tables: Table) -> Hit | None:
    """A finding built on a table read with doubts is info, with the reason."""
    doubts = doubtful(*tables)
    if hit is None or not doubts:
        return hit
    hit.severity = Severity.INFO
    hit.message += f"（表格读取存疑：{doubts[0]}，仅作提示）"
    return hit


#: Lines of a 收支总表 that are not parts of the year's income or expense.
INCOME_NON_PARTS = frozenset({"income_subtotal", "income_total", "carryover", "fund_used"})

EXPENSE_NON_PARTS = frozenset({"expense_subtotal", "expense_total", "carry_forward"})

USAGE_LINES = ("basic", "project", "reserve", "operating", "subsidy", "remit")


@dataclass
class Ledger:
    """The lines of a two-sided budget table by (side, key); lines printed twice dropped."""

    table: Table
    lines: dict[tuple[str, str], TableRow] = field(default_factory=dict)
    classes: list[TableRow] = field(default_factory=list)  # expense lines by 类
    usage: list[TableRow] = field(default_factory=list)  # 基本支出, 项目支出 … lines
    income_parts: list[TableRow] = field(default_factory=list)  # top-level income lines
    unnamed: dict[str, list[TableRow]] = field(default_factory=dict)  # side -> unknown lines

    @classmethod
    def build(cls, table: Table) -> Ledger:
        out = cls(table)
        seen: dict[tuple[str, str], int] = {}
        for row in table.rows:
            side: str = row.side or Side.INCOME
            if row.ref_code is None:
                out.unnamed.setdefault(side, []).append(row)
                continue
            k = (side, row.ref_code)
            seen[k] = seen.get(k, 0) + 1
            out.lines[k] = row
        for k, n in seen.items():
            if n > 1:
                del out.lines[k]
        for (side, ref), row in out.lines.items():
            if side == Side.EXPENSE and ref.isdigit():
                out.classes.append(row)
            elif side == Side.EXPENSE and ref in USAGE_LINES:
                out.usage.append(row)
            elif side == Side.INCOME and "." not in ref and ref not in INCOME_NON_PARTS:
                out.income_parts.append(row)
        return out

    def row(self, side: str, ref: str) -> TableRow | None:
        return self.lines.get((side, ref))

    def value(self, side: str, ref: str, column: str = "amount") -> Decimal | None:
        row = self.row(side, ref)
        return None if row is None else cell(row, column)

    def children(self, side: str, parent: str) -> list[TableRow]:
        return [
            r for (s, ref), r in self.lines.items() if s == side and ref.startswith(parent + ".")
        ]


def named(row: TableRow) -> str:
    return row.name.strip()


def sum_hit(
    table: Table, res: SumResult, head: str, computed_name: str, rows: list[TableRow]
) -> Hit | None:
    hit = Hit(
        message=f"{table_label(table)}：{head}{res.clause(computed_name)}。",
        evidence=evidence_of(rows),
        expected=money(res.computed),
        actual=money(res.printed),
        severity=res.severity,
        where=table_label(table),
    )
    return soften(hit, table)


def items_by_ref(table: Table) -> dict[str, TableRow]:
    out: dict[str, TableRow] = {}
    for row in table.rows:
        if row.ref_code and row.ref_code not in out:
            out[row.ref_code] = row
    return out


def compare_printings(subject: str, a: Place | None, b: Place | None) -> Hit | None:
    """Two printings of one amount; tables in whole 元 are held to their own precision
    (one 元 apart → warning, more → error) rather than to the cent of a 万元 table."""
    if a is None or b is None:
        return None
    hit = compare(subject, a, b)
    if hit is not None and a.addends <= 1 and b.addends <= 1:
        step = max(printed_step(a.table), printed_step(b.table))
        hit.severity = Severity.WARNING if abs(a.value - b.value) <= step else Severity.ERROR
    return soften(hit, a.table, b.table)


def ledger_place(ledger: Ledger, side: str, ref: str, column: str = "amount") -> Place | None:
    row = ledger.row(side, ref)
    if row is None:
        return None
    value = cell(row, column)
    if value is None:
        return None
    label = ledger.table.column_labels.get(column, "") if column != "amount" else ""
    return Place(ledger.table, [row], f"“{named(row)}”{label}", value)


def total_place(table: Table, column: str) -> Place | None:
    """The 合计 row of a coded table (or its only row for a one-row table)."""
    index = CodedIndex.build(table)
    row = index.total
    if row is None:
        named = [r for r in table.rows if r.code is None and r.name in {"合计", "总计", "收入总计"}]
        row = named[0] if len(named) == 1 else None
    if row is None or row_is_unread(row) or column not in row.values:
        return None
    return coded_place(table, row, column)


def code_place(table: Table, code: str, column: str) -> Place | None:
    index = CodedIndex.build(table)
    row = index.by_code.get(code)
    if row is None or column not in row.values:
        return None
    return coded_place(table, row, column)


def class_pairs(
    ledger: Ledger, ledger_column: str, table: Table, column: str, subject: str
) -> Iterator[Hit]:
    """Each 类 line of a 收支总表 against the same 类 row of a coded table."""
    index = CodedIndex.build(table)
    for row in ledger.classes:
        code = row.ref_code or ""
        a = ledger_place(ledger, "expense", code, ledger_column)
        if a is None:
            continue
        other = index.by_code.get(code)
        if other is None:
            if a.value != 0 and index.top_level():
                b = Place(table, [], f"没有“{code}”类", ZERO)
                hit = compare_printings(f"{subject}（{named(row)}）", a, b)
                if hit is not None:
                    yield hit
            continue
        hit = compare_printings(f"{subject}（{named(row)}）", a, coded_place(table, other, column))
        if hit is not None:
            yield hit


TABLE_COLUMN_NAMES = {
    "basic": "基本支出",
    "project": "项目支出",
    "reserve": "单位预留机动经费",
    "operating": "事业单位经营支出",
    "subsidy": "对附属单位补助支出",
    "remit": "上缴上级支出",
    "personnel": "人员经费",
    "public": "公用经费",
}


def all_money_general(doc: Disclosure) -> bool:
    """Whether all the year's money is 一般公共预算 (the 收支总表 says so): then the tables of
    all money, of 财政拨款 and of 一般公共预算 print the same amounts."""
    summary = budget_table(doc, TableKind.B01)
    if summary is None:
        return False
    ledger = Ledger.build(summary)
    general = ledger.value("income", "fiscal.general")
    if general is None:
        general = ledger.value("income", "general")
    if general is None or general == 0 or ledger.unnamed.get("income"):
        return False
    others = [
        (ledger.value("income", ref) or ZERO)
        for (side, ref) in ledger.lines
        if side == Side.INCOME
        and ref not in INCOME_NON_PARTS
        and ref not in ("fiscal", "fiscal.general", "general")
    ]
    carry = ledger.value("income", "carryover") or ZERO
    return all(v == 0 for v in others) and carry == 0
