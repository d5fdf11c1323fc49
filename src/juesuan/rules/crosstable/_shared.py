"""Helpers shared by the crosstable rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from juesuan.model import Disclosure, Table, TableKind, TableRow
from juesuan.model.findings import Severity
from juesuan.rules.common import TABLE_NAMES, money, table_label
from juesuan.rules.engine import Hit
from juesuan.rules.tables import (
    CodedIndex,
    Place,
    TwoSided,
    cell,
    coded_place,
    compare,
    line_place,
    table_has_data,
)


def table_of(doc: Disclosure, kind: TableKind) -> Table | None:
    """The table of that kind when it holds data (one printed value at least)."""
    table = doc.table(kind)
    return table if table is not None and table_has_data(table) else None


def zero(value: Decimal | None) -> bool:
    return value is not None and value == 0


def no_non_fiscal_money(t01: TwoSided, t04: TwoSided) -> bool:
    """True when the unit had no money other than 财政拨款 this year: every income line of
    the 收入支出决算总表 is fiscal (本年收入合计 equals that of the 财政拨款 table), it used no
    non-fiscal balance and its 年初结转和结余 is all fiscal.  Then 支出决算表 = fiscal
    expenditure."""
    in01 = t01.value("income", "income_total", "amount")
    in04 = t04.value("income", "income_total", "amount")
    begin01 = t01.value("income", "begin_balance", "amount")
    begin04 = t04.optional("income", "begin_balance", "amount")
    used = t01.optional("income", "non_fiscal_balance_used", "amount")
    if in01 is None or in04 is None or begin01 is None or begin04 is None:
        return False
    return in01 == in04 and zero(used) and begin01 == begin04


def class_rows(two: TwoSided) -> dict[str, TableRow]:
    return {r.ref_code: r for r in two.classes if r.ref_code}


def summary_vs_coded(
    subject: str,
    summary: Table,
    two: TwoSided,
    summary_column: str,
    coded: Table,
    index: CodedIndex,
    coded_column: str,
    *,
    coded_first: bool = False,
    with_total: bool = True,
) -> Iterator[Hit]:
    """Compare the expense lines of a two-sided summary table (本年支出合计 and each 类 line)
    with the same rows of a coded table; ``coded_first`` puts the coded table first in the
    message."""
    pairs: list[tuple[TableRow, TableRow]] = []
    row = two.row("expense", "expense_total")
    if with_total and row is not None and index.total is not None:
        pairs.append((row, index.total))
    for code, line in class_rows(two).items():
        target = index.by_code.get(code)
        if target is not None:
            pairs.append((line, target))
    for line, target in pairs:
        a, b = line_place(summary, line, summary_column), coded_place(coded, target, coded_column)
        if coded_first:
            a, b = b, a
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit


FLOW_COLUMNS = frozenset({"begin", "income", "expense_total", "end"})


def empty_table_with_money(
    subject: str,
    table: Table,
    t04: Table,
    four: TwoSided,
    lines: Sequence[tuple[str, str, str]],
) -> Iterator[Hit]:
    """A table printed as empty ("本表无数据") while the 财政拨款 table has money on the given
    (side, line, column) places of its fund."""
    if table.empty_statement is None or table.rows:
        return
    for side, ref, col in lines:
        row = four.row(side, ref)
        value = cell(row, col) if row is not None else None
        if row is None or value is None or value == 0:
            continue
        place = line_place(t04, row, col)
        if place is None:
            continue
        yield Hit(
            message=(
                f"{subject}：{table_label(table)}注明“{table.empty_statement}”，但"
                f"{place.describe()}。"
            ),
            evidence=[table.evidence, row.evidence],
            expected="0.00",
            actual=money(value),
            severity=Severity.ERROR,
            where=f"{table_label(table)} / {table_label(t04)}",
        )


def fund_table_hits(doc: Disclosure, kind: TableKind, fund: str, fund_name: str) -> Iterator[Hit]:
    """A 政府性基金 / 国资 收入支出决算表 against its column of the 财政拨款 table."""
    t04 = table_of(doc, TableKind.T04)
    table = doc.table(kind)
    if t04 is None or table is None or fund not in t04.columns:
        return
    four = TwoSided.build(t04)
    subject = f"{TABLE_NAMES[kind]}与财政拨款收入支出决算总表{fund_name}列"
    if not table_has_data(table):
        # the table says it has no data: the fund column must be empty too
        lines = (("income", fund, "amount"), ("expense", "expense_total", fund))
        yield from empty_table_with_money(subject, table, t04, four, lines)
        return
    index = CodedIndex.build(table)
    pairs: list[tuple[Place | None, Place | None]] = []
    # the flows are compared only when the reader mapped all four of them (a header read
    # with a column missing would shift the others)
    if index.total is not None and set(table.columns) >= FLOW_COLUMNS:
        for ref, side, col04, col in (
            ("expense_total", "expense", fund, "expense_total"),
            (fund, "income", "amount", "income"),
            (f"begin_balance.{fund}", "income", "amount", "begin"),
            ("end_balance", "expense", fund, "end"),
        ):
            row = four.row(side, ref)
            if row is not None and col in table.columns:
                pairs.append((coded_place(table, index.total, col), line_place(t04, row, col04)))
    if set(table.columns) >= FLOW_COLUMNS:
        for code, line in class_rows(four).items():
            if (target := index.by_code.get(code)) is not None:
                pairs.append(
                    (coded_place(table, target, "expense_total"), line_place(t04, line, fund))
                )
    for a, b in pairs:
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit
