"""Shared table access for rules: reading a cell, indexing coded rows and the lines of the
two-sided tables, judging a printed total against its printed parts, comparing two printings
of one amount.

Every family that reads tables uses these (arithmetic, cross-table, narrative, completeness,
budget); none keeps a copy.

Cells (docs/domain.md §6): a blank cell or a dash means 0 (:func:`cell`), except in a coded
row whose every cell is blank — its values were not read (:func:`coded_cell` gives None).
The narrative family reads with a plainer rule (:func:`cell_or_zero`: no value is 0).

Sums: all amounts are printed rounded independently, so a printed total may differ from the
sum of its printed parts by rounding (``common.sum_tolerance(n)``, scaled to the table's
printed precision by :func:`printed_step`); :func:`check_sum` gives the failed sum and its
severity.  Two printings of one quantity (:func:`compare`) must be identical: one cent apart
→ warning, more → error; a side that adds printed amounts is allowed their rounding (info).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Disclosure, Evidence, Side, Table, TableKind, TableRow
from juesuan.model.findings import Severity
from juesuan.rules.common import (
    CENT,
    ZERO,
    difference_severity,
    money,
    row_label,
    sum_tolerance,
    table_label,
)
from juesuan.rules.engine import Hit
from juesuan.rules.memo import memoised

# ---------------------------------------------------------------------------------------
# reading cells

#: Cell texts that mean "nothing" (a blank cell is 0 in these tables, docs/domain.md §6).
BLANK_TEXTS = frozenset({"", "-", "—", "－", "/", "——", "--", "－－"})

#: Names of the grand-total row of a coded table (after removing spaces).
TOTAL_ROW_NAMES = frozenset({"合计", "总计", "本年支出合计", "本年收入合计", "小计"})

#: Tables whose rows are functional (or economic) codes with a 合计 row.
CODED_KINDS = (
    TableKind.T02,
    TableKind.T03,
    TableKind.T05,
    TableKind.T06,
    TableKind.T07,
    TableKind.T09,
    TableKind.T10,
    TableKind.T11,
    TableKind.T12,
    # budget tables by functional or economic code (部门预算公开)
    TableKind.B02,
    TableKind.B03,
    TableKind.B05,
    TableKind.B06,
    TableKind.B07,
    TableKind.B08,
    TableKind.B09,
    TableKind.B11,
    TableKind.B12,
    TableKind.B13,
)

#: Fallback names of canonical columns for messages (the table's printed label wins).
COLUMN_NAMES = {
    "amount": "决算数",
    "total": "合计",
    "fiscal": "财政拨款收入",
    "superior": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入",
    "affiliated": "附属单位上缴收入",
    "other": "其他收入",
    "basic": "基本支出",
    "project": "项目支出",
    "remit": "上缴上级支出",
    "subsidy": "对附属单位补助支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "general": "一般公共预算财政拨款",
    "govfund": "政府性基金预算财政拨款",
    "soe": "国有资本经营预算财政拨款",
    "begin": "年初结转和结余",
    "income": "本年收入",
    "expense_total": "本年支出合计",
    "expense_basic": "本年支出基本支出",
    "expense_project": "本年支出项目支出",
    "end": "年末结转和结余",
    "budget": "预算数",
    "actual": "决算数",
}

_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACES.sub("", text)


def column_name(table: Table, column: str) -> str:
    """The printed header of a canonical column (``本年支出合计``), or its standard name."""
    label = table.column_labels.get(column)
    if label and label not in {"合计", "小计", "决算数"}:
        return label
    if table.kind is TableKind.T02 and column == "total":
        return "本年收入合计"
    if table.kind is TableKind.T03 and column == "total":
        return "本年支出合计"
    return label or COLUMN_NAMES.get(column, column)


def row_is_unread(row: TableRow) -> bool:
    """A coded row whose every cell is blank: the values were not read (a printed code
    always carries an amount), so nothing about it can be checked."""
    return all(v is None for v in row.values.values()) and all(
        t.strip() in BLANK_TEXTS for t in row.raw.values()
    )


def cell(row: TableRow, column: str) -> Decimal | None:
    """The amount in a cell: a blank cell is 0; None when the column is not in the row or
    the printed text could not be read as a number."""
    if column not in row.values:
        return None
    value = row.values[column]
    if value is not None:
        return value
    text = row.raw.get(column)
    if text is not None and text.strip() not in BLANK_TEXTS:
        return None
    return ZERO


def coded_cell(row: TableRow, column: str) -> Decimal | None:
    """Like :func:`cell`, for rows of coded tables: an all-blank row is unknown, not 0."""
    if row_is_unread(row):
        return None
    return cell(row, column)


def table_has_data(table: Table) -> bool:
    return any(v is not None for r in table.rows for v in r.values.values())


def evidence_of(rows: Iterable[TableRow]) -> list[Evidence]:
    """The evidence of rows, each printed line once, in order."""
    seen: set[tuple[int | None, int | None, str]] = set()
    out: list[Evidence] = []
    for r in rows:
        ev = r.evidence
        k = (ev.page, ev.line, ev.text)
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out


def is_total_row(row: TableRow) -> bool:
    return row.code is None and squash(row.name) in TOTAL_ROW_NAMES


# ---------------------------------------------------------------------------------------
# coded tables: rows by code, hierarchy by prefix


@dataclass
class CodedIndex:
    """The code rows of a table by code (codes printed once only), with the 合计 row."""

    table: Table
    by_code: dict[str, TableRow] = field(default_factory=dict)
    duplicated: set[str] = field(default_factory=set)
    total: TableRow | None = None
    order: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, table: Table) -> CodedIndex:
        index = cls(table)
        totals: list[TableRow] = []
        for r in table.rows:
            if r.code is None:
                if is_total_row(r):
                    totals.append(r)
                continue
            code = squash(r.code)
            if code in index.by_code or code in index.duplicated:
                index.duplicated.add(code)
                index.by_code.pop(code, None)
                continue
            index.by_code[code] = r
            index.order.append(code)
        index.order = [c for c in index.order if c in index.by_code]
        # one unambiguous 合计 row (a 小计 inside the table would be ambiguous)
        if len(totals) == 1:
            index.total = totals[0]
        return index

    def children(self, code: str) -> list[TableRow] | None:
        """The printed rows one level below ``code`` (款 of a 类, 项 of a 款); None when one
        of them is printed twice (ambiguous)."""
        width = len(code) + 2
        if any(d.startswith(code) and len(d) == width for d in self.duplicated):
            return None
        return [self.by_code[c] for c in self.order if len(c) == width and c.startswith(code)]

    def top_level(self) -> list[TableRow] | None:
        """Rows whose code has no printed ancestor (the 类 rows); None if ambiguous."""
        if self.duplicated:
            return None
        out: list[TableRow] = []
        for c in self.order:
            if not any(c[:k] in self.by_code for k in range(3, len(c), 2)):
                out.append(self.by_code[c])
        return out


# ---------------------------------------------------------------------------------------
# judging a sum


def nonzero_count(values: Iterable[Decimal]) -> int:
    return sum(1 for v in values if v != 0)


def printed_step(table: Table) -> Decimal:
    """The printed precision of a table's amounts in 万元: 0.01 for 万元 with two decimals,
    0.0001 for whole 元 (amounts kept in 分 and printed rounded to 元 still round)."""
    return memoised("printed_step", table, lambda: _printed_step(table))


def _printed_step(table: Table) -> Decimal:
    places = Counter(
        len(text.split(".", 1)[1]) if "." in text else 0
        for r in table.rows
        for text in r.raw.values()
        if text.strip() not in BLANK_TEXTS
    )
    decimals = places.most_common(1)[0][0] if places else 2
    return table.scale * Decimal(1).scaleb(-decimals)


def sum_severity(diff: Decimal, addends: int, step: Decimal = CENT) -> Severity | None:
    """Severity of ``printed total − Σ printed parts``.

    With two or more non-zero parts a difference within ``sum_tolerance(n)`` is explained by
    rounding (info); beyond it the table is wrong (error).  With at most one non-zero part
    the total restates that part, so the difference is a second printing that disagrees
    (one cent → warning, more → error)."""
    if diff == 0:
        return None
    if addends <= 1:
        return Severity.WARNING if abs(diff) <= step else Severity.ERROR
    tolerance = sum_tolerance(addends) * (step / CENT)
    return Severity.INFO if abs(diff) <= tolerance else Severity.ERROR


def difference(diff: Decimal) -> str:
    """A difference in 万元, with its value in 元 when it is below a cent (tables in 元)."""
    text = f"{money(abs(diff))} 万元"
    if abs(diff) < CENT:
        text += f"（{(abs(diff) * 10000).normalize():f} 元）"
    return text


def rounding_note(severity: Severity, printed_numbers: int) -> str:
    """For info findings: the difference is within the rounding of the numbers involved."""
    if severity is Severity.INFO:
        return f"（差额在 {printed_numbers} 个数各自四舍五入的误差范围内）"
    return ""


@dataclass
class SumResult:
    label: str  # what was checked, e.g. "本年支出合计"
    printed: Decimal
    computed: Decimal
    addends: int
    severity: Severity

    @property
    def diff(self) -> Decimal:
        return self.printed - self.computed

    def clause(self, computed_name: str) -> str:
        return (
            f"{self.label}为 {money(self.printed)} 万元，{computed_name}为 "
            f"{money(self.computed)} 万元，相差 {difference(self.diff)}"
            f"{rounding_note(self.severity, self.addends + 1)}"
        )


def check_sum(
    label: str, printed: Decimal | None, parts: Sequence[Decimal | None], step: Decimal = CENT
) -> SumResult | None:
    """A failed sum (printed vs Σ parts), or None when it holds or cannot be judged.
    ``step`` is the printed precision in 万元 (0.01, or 0.0001 for a table in whole 元)."""
    if printed is None or any(p is None for p in parts):
        return None
    known = [p for p in parts if p is not None]
    computed = sum(known, ZERO)
    n = nonzero_count(known)
    severity = sum_severity(printed - computed, n, step)
    if severity is None:
        return None
    return SumResult(label, printed, computed, n, severity)


def worst(results: Sequence[SumResult]) -> SumResult:
    return max(results, key=lambda r: (r.severity.rank, abs(r.diff)))


def merged_clauses(results: Sequence[SumResult], computed_name: str) -> str:
    """The clauses of failed sums; columns with the same numbers are named together."""
    groups: dict[tuple[Decimal, Decimal], list[SumResult]] = {}
    for r in results:
        groups.setdefault((r.printed, r.computed), []).append(r)
    clauses = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            clauses.append(first.clause(computed_name))
            continue
        labels = "、".join(r.label for r in same)
        clauses.append(
            f"{labels}均为 {money(first.printed)} 万元，{computed_name}均为 "
            f"{money(first.computed)} 万元，相差 {difference(first.diff)}"
            f"{rounding_note(first.severity, first.addends + 1)}"
        )
    return "；".join(clauses)


def code_list(rows: Sequence[TableRow], limit: int = 8) -> str:
    """The codes of rows for a message (``20805、20899``), or their count when many."""
    if len(rows) > limit:
        return f"共 {len(rows)} 个"
    return "、".join(squash(r.code or r.name) for r in rows)


def coded_tables(doc: Disclosure, kinds: Sequence[TableKind] = CODED_KINDS) -> list[Table]:
    return [t for t in doc.tables if t.kind in kinds and table_has_data(t)]


def table_value_columns(table: Table) -> list[str]:
    return [c for c in table.columns if any(c in r.values for r in table.rows)]


# ---------------------------------------------------------------------------------------
# two-sided tables (收入支出决算总表, 财政拨款收入支出决算总表)

FUND_LINES = ("general", "govfund", "soe")


@dataclass
class TwoSided:
    """The lines of a two-sided table by (side, ref_code); lines printed twice are dropped."""

    table: Table
    lines: dict[tuple[str, str], TableRow] = field(default_factory=dict)
    classes: list[TableRow] = field(default_factory=list)  # expense lines by 类
    unknown: dict[str, list[TableRow]] = field(default_factory=dict)  # side -> unnamed lines

    @classmethod
    def build(cls, table: Table) -> TwoSided:
        out = cls(table)
        seen: set[tuple[str, str]] = set()
        for r in table.rows:
            side = r.side or ""
            if r.ref_code is None:
                out.unknown.setdefault(side, []).append(r)
                continue
            ref = r.ref_code
            if side == Side.INCOME and "." in ref:
                # fund lines printed under the income-side balance (年初…结转和结余) are its
                # parts, whatever prefix the reader gave them
                ref = "begin_balance." + ref.rsplit(".", 1)[1]
            k = (side, ref)
            if k in seen:
                out.lines.pop(k, None)
                continue
            seen.add(k)
            out.lines[k] = r
        out.classes = [
            r for (side, ref), r in out.lines.items() if side == Side.EXPENSE and ref.isdigit()
        ]
        return out

    def row(self, side: str, ref: str) -> TableRow | None:
        return self.lines.get((side, ref))

    def value(self, side: str, ref: str, column: str) -> Decimal | None:
        """Amount of a line; a fixed line that is not printed counts as 0 only when
        ``column`` is optional — callers decide; here a missing line is None."""
        row = self.row(side, ref)
        return None if row is None else cell(row, column)

    def optional(self, side: str, ref: str, column: str) -> Decimal | None:
        """Amount of a line that some layouts omit (absent → 0)."""
        row = self.row(side, ref)
        return ZERO if row is None else cell(row, column)

    def unknown_amounts(self, side: str) -> bool:
        """Whether unnamed lines on ``side`` carry amounts (then sums are not judged)."""
        return any(
            (v := cell(r, c)) is None or v != 0
            for r in self.unknown.get(side, [])
            for c in r.values
        )


def line_name(row: TableRow | None, fallback: str = "") -> str:
    """A fixed line's printed name without its list number (“一、”)."""
    if row is None:
        return fallback
    return re.sub(r"^[一二三四五六七八九十]+、", "", squash(row.name)) or fallback


# ---------------------------------------------------------------------------------------
# the 基本支出决算表 (人员经费 / 公用经费 blocks)


def t08_totals(table: Table) -> tuple[TableRow | None, TableRow | None, TableRow | None]:
    """(人员经费合计, 公用经费合计, 合计) rows of a 基本支出决算表, None when absent or
    printed more than once."""
    personnel: list[TableRow] = []
    public: list[TableRow] = []
    grand: list[TableRow] = []
    for r in table.rows:
        if r.code is not None:
            continue
        k = squash(r.name)
        if "合计" not in k and "总计" not in k:
            continue
        if "人员经费" in k:
            personnel.append(r)
        elif "公用经费" in k:
            public.append(r)
        elif k in {"合计", "总计", "基本支出合计"}:
            grand.append(r)

    def one(rows: list[TableRow]) -> TableRow | None:
        return rows[0] if len(rows) == 1 else None

    return one(personnel), one(public), one(grand)


def t08_value(row: TableRow) -> Decimal | None:
    """The amount of a 基本支出决算表 row (each row has one value, in its block's column)."""
    if row.side and row.side in row.values:
        return cell(row, row.side)
    known = [v for v in row.values.values() if v is not None]
    if len(known) == 1:
        return known[0]
    return ZERO if not known and all(t.strip() in BLANK_TEXTS for t in row.raw.values()) else None


# ---------------------------------------------------------------------------------------
# comparing two places


@dataclass
class Place:
    """One side of a comparison: an amount (printed, or a sum of printed amounts) in a table."""

    table: Table
    rows: list[TableRow]  # the rows printing it (evidence)
    text: str  # how the place is named: "“212 城乡社区支出”行本年支出合计"
    value: Decimal
    addends: int = 1  # non-zero printed amounts combined into ``value``

    def describe(self) -> str:
        return f"{table_label(self.table)}{self.text}为 {money(self.value)} 万元"


def compare(subject: str, a: Place, b: Place, suggestion: str | None = None) -> Hit | None:
    """A hit when the two places differ.

    Two single printings: one cent → warning, more → error.  When a side combines printed
    amounts, a difference within their rounding is info (``sum_tolerance``)."""
    diff = a.value - b.value
    if diff == 0:
        return None
    if a.addends <= 1 and b.addends <= 1:
        severity = difference_severity(diff)
        note = ""
    else:
        count = a.addends + b.addends - 1
        found = sum_severity(diff, count)
        if found is None:  # pragma: no cover - diff is non-zero
            return None
        severity = found
        note = rounding_note(severity, a.addends + b.addends)
    return Hit(
        message=(
            f"{subject}：{a.describe()}，{b.describe()}，相差 {money(abs(diff))} 万元{note}。"
        ),
        evidence=evidence_of([*a.rows, *b.rows]),
        expected=money(a.value),
        actual=money(b.value),
        severity=severity,
        where=f"{table_label(a.table)} / {table_label(b.table)}",
        suggestion=suggestion,
    )


def line_place(table: Table, row: TableRow, column: str) -> Place | None:
    """A line of a two-sided table (收入支出决算总表, 财政拨款收入支出决算总表)."""
    value = cell(row, column)
    if value is None:
        return None
    col = f"{column_name(table, column)}列" if column != "amount" else ""
    return Place(table, [row], f"“{line_name(row)}”{col}", value)


def coded_place(table: Table, row: TableRow, column: str) -> Place | None:
    """A cell of a coded table."""
    value = coded_cell(row, column)
    if value is None:
        return None
    return Place(table, [row], f"“{row_label(row)}”行{column_name(table, column)}", value)


def sum_place(table: Table, rows: Sequence[TableRow], column: str, text: str) -> Place | None:
    """The sum of a column over lines of a two-sided table."""
    values = [cell(r, column) for r in rows]
    if not rows or any(v is None for v in values):
        return None
    known = [v for v in values if v is not None]
    return Place(table, list(rows), text, sum(known, ZERO), max(nonzero_count(known), 1))


# ---------------------------------------------------------------------------------------
# plain look-ups (the narrative family: a blank cell is 0, the first matching row wins)


def table_known(table: Table | None) -> bool:
    """A table whose contents can be relied on: it has rows, or says it has no data."""
    return table is not None and (bool(table.rows) or bool(table.empty_statement))


def cell_or_zero(row: TableRow, column: str) -> Decimal:
    """A cell's amount, blank (or absent) = 0."""
    value = row.values.get(column)
    return ZERO if value is None else value


def first_total_row(table: Table) -> TableRow | None:
    """The 合计 row of a one-sided table (T02, T03, T06, T10 …): the first row named
    “…合计”, else the first whose name contains 合计."""
    for row in table.rows:
        if row.code is None and row.name.replace(" ", "").endswith("合计"):
            return row
    for row in table.rows:
        if row.code is None and "合计" in row.name:
            return row
    return None


def fixed_line(table: Table, ref_code: str, side: str | None = None) -> TableRow | None:
    """A fixed line of a two-sided table (T01/T04) or an item of T13, by its ref_code."""
    for row in table.rows:
        if row.ref_code == ref_code and (side is None or row.side == side):
            return row
    return None


def row_by_code(table: Table, code: str) -> TableRow | None:
    """The first row printing ``code``."""
    for row in table.rows:
        if row.code == code:
            return row
    return None
