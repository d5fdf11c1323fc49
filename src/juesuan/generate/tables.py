"""The standard tables of a generated disclosure, laid out as the layout publishes them.

Titles, printed columns and their headers, the fixed lines of the two summary tables, the
“三公” items and what each table shows come from the catalog (``catalog/tables.toml``
``[Txx.printed]``, ``classes.toml``, ``layouts.toml``); the layout (``layout.toml``) decides
the conventions: 行次/栏次 numbers, the table number label, the class lines of the summary
tables, how an amount and a zero print, header words of its own.  The note under a table and
the statement of an empty table are the layout's wording (``tables.j2``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from juesuan import catalog
from juesuan.generate.data import PERSONNEL_CLASSES, ZERO, TableLine, printed_columns
from juesuan.generate.document import HeaderCell, TableBlock
from juesuan.generate.facts import Facts
from juesuan.generate.numbers import cn, q2
from juesuan.generate.variant import Variant
from juesuan.model import TableKind

#: (key, printed name) of a line; None for a blank line of the grid.
Line = tuple[str, str] | None


def two_sided_lines(
    kind: TableKind, classes: tuple[str, ...], year: int | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[Line], list[Line]]:
    """(income lines, class lines, lines under the income, lines under the classes) of a
    summary table, names as printed without their list numbers (a class's name of ``year``
    when given: 215 was 资源勘探信息等支出 in 2019); the two bottom lists are padded so that
    总计 prints on the same row on both sides."""
    printed = catalog.table_specs()[kind].printed
    assert printed is not None
    income = list((printed.income or catalog.income_lines()).items())
    names = dict(catalog.functional_classes())
    if year is not None:
        from juesuan.catalog.codes import year_list

        of_year = year_list("functional", year)
        if of_year.established:
            names.update({c: of_year.names[c] for c in classes if c in of_year.names})
    class_lines = [(code, names[code]) for code in classes]
    bottom_in: list[Line] = list(printed.income_bottom.items())
    bottom_ex: list[Line] = list(printed.expense_bottom.items())
    while len(bottom_ex) < len(bottom_in):
        bottom_ex.insert(len(bottom_ex) - 1, None)
    while len(bottom_in) < len(bottom_ex):
        bottom_in.insert(len(bottom_in) - 1, None)
    return income, class_lines, bottom_in, bottom_ex


def t08_side(line: TableLine) -> str:
    """The side of the 基本支出决算表 a line prints on: the column it has, else by its class."""
    if "personnel" in line.values and "public" not in line.values:
        return "personnel"
    if "public" in line.values and "personnel" not in line.values:
        return "public"
    return "personnel" if (line.code or "").startswith(PERSONNEL_CLASSES) else "public"


class TableMaker:
    """Lays out the standard tables of one document in one layout."""

    def __init__(
        self,
        variant: Variant,
        facts: Facts,
        note: Callable[[TableKind], str],
        empty: Callable[[TableKind], str],
    ) -> None:
        self.variant = variant
        self.facts = facts
        self.note = note
        self.empty = empty
        settings = variant.settings["tables"]
        self.labels: dict[str, str] = dict(settings["labels"])
        self.line_numbers = bool(settings["line_numbers"])
        self.number_label = str(settings["number_label"])
        self.unit_label = str(settings["unit_label"])

    def cell(self, kind: TableKind, value: Decimal | None) -> str:
        """An amount as the layout prints it in a table cell."""
        if value is None:
            return ""
        style = self.variant.cell_style(kind)
        if value == 0:
            return style.zero
        return f"{q2(value):,.2f}" if style.thousands else f"{q2(value):.2f}"

    def block(self, kind: TableKind) -> TableBlock:
        index = self.variant.tables.index(kind) + 1
        block = TableBlock(
            kind=kind,
            title=catalog.table_specs()[kind].title,
            unit_label=self.unit_label,
            number_label=self.number_label.format(n=index),
            note=self.note(kind),
        )
        if kind in (TableKind.T01, TableKind.T04):
            self.two_sided(kind, block)
        elif kind is TableKind.T08:
            self.blocks(block)
        elif kind is TableKind.T13:
            self.sangong(block)
        else:
            self.coded(kind, block)
        if not block.rows:
            block.empty_statement = self.facts.table(kind).empty_statement or self.empty(kind)
        return block

    def header(self, kind: TableKind, column: str) -> HeaderCell:
        return HeaderCell(self.variant.header(kind, column))

    def column_numbers(self, first: int, count: int) -> list[HeaderCell]:
        return [HeaderCell(str(i)) for i in range(first, first + count)]

    # --- coded tables (科目编码 × amounts) ---------------------------------------------------

    def coded(self, kind: TableKind, block: TableBlock) -> None:
        columns = list(printed_columns(kind))
        lab = self.labels
        block.header_rows = [
            [
                HeaderCell(lab["code"]),
                HeaderCell(lab["name"]),
                *(self.header(kind, c) for c in columns),
            ]
        ]
        if self.line_numbers:
            block.header_rows.append(
                [
                    HeaderCell(lab["column_numbers"]),
                    HeaderCell(""),
                    *self.column_numbers(1, len(columns)),
                ]
            )
        table = self.facts.table(kind)
        if not table.has_data():
            return
        rows = list(table.rows)
        total = table.total_row()
        if total is None:
            classes = [r for r in rows if r.code and len(r.code) == 3]
            total = TableLine(
                lab["total"], {c: sum((r.value(c) for r in classes), ZERO) for c in columns}
            )
        for r in [total, *(r for r in rows if r.code)]:
            cells = [self.cell(kind, r.value(c)) for c in columns]
            block.rows.append([r.code or "", lab["total"] if r.code is None else r.name, *cells])

    # --- the two summary tables (income lines beside class lines) --------------------------

    def two_sided(self, kind: TableKind, block: TableBlock) -> None:
        lab = self.labels
        table = self.facts.table(kind)
        exp_cols = [c for c in printed_columns(kind) if c != "amount"] or ["amount"]
        with_no = self.line_numbers
        left = 3 if with_no else 2
        right = (2 if with_no else 1) + len(exp_cols)
        block.header_rows = [
            [HeaderCell(lab["income"], colspan=left), HeaderCell(lab["expense"], colspan=right)]
        ]
        number = [HeaderCell(lab["line_number"])] if with_no else []
        block.header_rows.append(
            [
                HeaderCell(lab["item"]),
                *number,
                self.header(kind, "amount"),
                HeaderCell(lab["item"]),
                *number,
                *(self.header(kind, c) for c in exp_cols),
            ]
        )
        if with_no:
            block.header_rows.append(
                [
                    HeaderCell(lab["column_numbers"]),
                    HeaderCell(""),
                    HeaderCell("1"),
                    HeaderCell(lab["column_numbers"]),
                    HeaderCell(""),
                    *self.column_numbers(2, len(exp_cols)),
                ]
            )

        def value(key: str, side: str, column: str) -> Decimal:
            line = table.line(key, side)
            return line.value(column) if line is not None else ZERO

        income, classes, bottom_in, bottom_ex = two_sided_lines(
            kind, self.variant.expense_classes, self.facts.year
        )
        top = max(len(income), len(classes))
        numbered_in: list[Line] = [(k, f"{cn(i)}、{n}") for i, (k, n) in enumerate(income, 1)]
        numbered_ex: list[Line] = [(k, f"{cn(i)}、{n}") for i, (k, n) in enumerate(classes, 1)]
        left_lines = numbered_in + [None] * (top - len(income)) + bottom_in
        right_lines = numbered_ex + [None] * (top - len(classes)) + bottom_ex
        n_rows = len(left_lines)
        for i, (li, ri) in enumerate(zip(left_lines, right_lines, strict=True)):
            left_no = [str(i + 1)] if with_no else []
            right_no = [str(n_rows + i + 1)] if with_no else []
            row: list[str] = []
            if li is not None:
                key, name = li
                row += [name, *left_no, self.cell(kind, value(key, "income", "amount"))]
            else:
                row += ["", *left_no, ""]
            if ri is not None:
                key, name = ri
                row += [name, *right_no]
                row += [self.cell(kind, value(key, "expense", c)) for c in exp_cols]
            else:
                row += ["", *right_no] + [""] * len(exp_cols)
            block.rows.append(row)

    # --- 基本支出决算表: 人员经费 and 公用经费 blocks side by side -----------------------------

    def blocks(self, block: TableBlock) -> None:
        kind = TableKind.T08
        lab = self.labels
        printed = catalog.table_specs()[kind].printed
        assert printed is not None
        sides = list(printed.columns)  # personnel, public
        block.header_rows = [
            [HeaderCell(self.variant.header(kind, s), colspan=3) for s in sides],
            [HeaderCell(lab["code"]), HeaderCell(lab["name"]), HeaderCell(printed.labels["amount"])]
            * len(sides),
        ]
        table = self.facts.table(kind)
        if not table.has_data():
            return
        coded = [r for r in table.rows if r.code]
        by_side = [[r for r in coded if t08_side(r) == side] for side in sides]
        for i in range(max(len(rows) for rows in by_side)):
            row: list[str] = []
            for rows, side in zip(by_side, sides, strict=True):
                if i < len(rows):
                    r = rows[i]
                    row += [r.code or "", r.name, self.cell(kind, r.value(side))]
                else:
                    row += ["", "", ""]
            block.rows.append(row)
        totals = {"personnel": self.facts.personnel, "public": self.facts.public}
        row = []
        for side in sides:
            name = self.variant.header(kind, side) + printed.labels["total"]
            row += [name, "", self.cell(kind, totals[side])]
        block.rows.append(row)

    # --- “三公”经费支出决算表: one row of (预算数, 决算数) pairs -----------------------------

    def sangong(self, block: TableBlock) -> None:
        kind = TableKind.T13
        printed = catalog.table_specs()[kind].printed
        assert printed is not None
        names = dict(catalog.sangong_items())
        pair = [self.header(kind, "budget"), self.header(kind, "actual")]
        block.header_rows = [
            [
                HeaderCell(names["total"], colspan=2, rowspan=2),
                HeaderCell(names["abroad"], colspan=2, rowspan=2),
                HeaderCell(names["vehicle"], colspan=6),
                HeaderCell(names["reception"], colspan=2, rowspan=2),
            ],
            [
                HeaderCell(printed.labels["subtotal"], colspan=2),
                HeaderCell(names["vehicle_purchase"], colspan=2),
                HeaderCell(names["vehicle_operation"], colspan=2),
            ],
            pair * 6,
        ]
        if self.facts.sangong_empty:
            return
        row: list[str] = []
        for item in self.facts.sangong.values():
            row += [self.cell(kind, item.budget), self.cell(kind, item.actual)]
        block.rows.append(row)
