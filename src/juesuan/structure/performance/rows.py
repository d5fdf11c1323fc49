"""Stage 1, rows: the lines of a document as rows of non-empty cells, with their geometry.

:func:`physical_rows` turns every line of a :class:`RawDocument` (running text or table row)
into a :class:`Row` of its non-empty cells; a blank line is ``None`` (it separates the rows of
the one-cell-per-line form).  :func:`logical_rows` makes the rows of one form: in the 2020 form
(:func:`one_cell_form`), where every cell is printed on a line of its own, each blank-separated
group of lines becomes one row.

Every later stage reads these rows: the span finder, the self-evaluation reader and the target
reader.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.catalog.performance import key, layout
from juesuan.model import Evidence
from juesuan.model.performance import Cell
from juesuan.sources.raw import BBox, RawCell, RawDocument, RawLine, RawTable
from juesuan.structure.performance.words import label_is, number

Place = tuple[int | None, int]  # (page, line)


@dataclass(slots=True, init=False)
class RowCell:
    """A non-empty cell of a row: its grid column, text, line and box; ``key`` for matching."""

    col: int
    text: str
    line: RawLine
    bbox: BBox | None
    key: str

    def __init__(self, col: int, text: str, line: RawLine, bbox: BBox | None = None) -> None:
        # written out rather than generated plus __post_init__ for the key: one call instead
        # of two for every non-empty cell of the document (physical_rows makes them all)
        self.col = col
        self.text = text
        self.line = line
        self.bbox = bbox
        self.key = key(text)

    def cell(self, value: Decimal | None = None, percent: bool = False) -> Cell:
        """The model's :class:`Cell` for this cell (``value`` read by the caller)."""
        # positional (text, line, page, bbox, value, percent): a dataclass __init__ called
        # with keywords costs about twice as much, and every value cell read is made here
        line = self.line
        return Cell(self.text, line.line, line.page, self.bbox, value, percent)


@dataclass(slots=True)
class Row:
    cells: list[RowCell]
    line: RawLine  # the (first) line it was read from
    table: bool  # read from a table row (tab-separated line, grid)
    lines: list[RawLine] = field(default_factory=list)  # every line it was read from
    _key: str | None = None
    #: a row of a standard table read for its key alone, ``cells`` left empty
    #: (:func:`physical_rows`); no stage after the span finder ever sees one
    bare: bool = False

    @property
    def key(self) -> str:
        """The keys of all its cells, joined."""
        if self._key is None:
            self._key = "".join([c.key for c in self.cells])
        return self._key

    @property
    def first(self) -> str:
        """The key of its first cell."""
        return self.cells[0].key if self.cells else ""

    @property
    def evidence(self) -> Evidence:
        if len(self.lines) > 1:
            text = "\t".join([c.text for c in self.cells])
        else:
            text = self.line.text.strip()
        ln = self.line
        return Evidence(text, ln.page, ln.line, ln.bbox)  # (text, page, line, bbox)


def value_cell(c: RowCell) -> Cell:
    """The model cell of a numeric cell, its number read."""
    value, pct = number(c.text)
    return c.cell(value, pct)


def join_cells(cells: list[RowCell]) -> Cell | None:
    """One model cell of several printed pieces (a text split over cells or lines)."""
    if not cells:
        return None
    first = cells[0]
    text = "".join([c.text for c in cells])
    return Cell(text, first.line.line, first.line.page, first.bbox)  # (text, line, page, bbox)


def extend_cell(cell: Cell | None, more: list[RowCell]) -> Cell | None:
    """``cell`` with the text of ``more`` appended (a new cell when there was none)."""
    if not more:
        return cell
    if cell is None:
        return join_cells(more)
    cell.text += "".join([c.text for c in more])
    return cell


def physical_rows(raw: RawDocument, standard: Container[Place] = ()) -> list[Row | None]:
    """Every line as a row of its non-empty cells; None for a blank line.

    A line of a recognised standard table (its (page, line) in ``standard``) becomes a
    *bare* row: its key and no cells (see :attr:`Row.bare`).  The span finder only asks such
    a row whether it is a form's title (by its key) and otherwise ends the form there, so its
    cells would never be read; it reads them with :func:`line_row` when the key does name a
    form.  (So the span finder must be given the same ``standard``.)  Standard tables hold
    most of the cells of a budget.
    """
    out: list[Row | None] = []
    for page in raw.pages:
        for item in page.items:
            if isinstance(item, RawTable):
                table, lines = True, item.rows
            else:
                table, lines = False, [item]
            for ln in lines:
                if (ln.page, ln.line) in standard:
                    out.append(_bare_row(ln, table))
                else:
                    out.append(line_row(ln, table))
    return out


def line_row(ln: RawLine, table: bool) -> Row | None:
    """The row of one line (``table``: a row of a table); None for a blank line.

    Every cell and row of the document is made here, so they are made without their
    ``__init__`` (calling a class costs several times the attribute stores it does): the
    fields are set as :class:`RowCell` and :class:`Row` set them, the row's key joined
    from its cells' keys at once (every row's key is read when the forms are looked for).
    """
    new = object.__new__
    cells: list[RowCell] = []
    keys: list[str] = []
    # a line of running text is one cell: its text and box, column 0
    for i, c in enumerate(ln.cells or (RawCell(ln.text, ln.bbox, 0),)):
        text = c.text.strip()
        if text:
            cell = new(RowCell)  # RowCell(col, text, ln, c.bbox)
            cell.col = i if c.col is None else c.col
            cell.text = text
            cell.line = ln
            cell.bbox = c.bbox
            cell.key = k = key(text)
            cells.append(cell)
            keys.append(k)
    if not cells and not (table and "\t" in ln.text):
        return None
    row = new(Row)  # Row(cells, ln, table or "\t" in ln.text, [ln])
    row.cells = cells
    row.line = ln
    row.table = table or "\t" in ln.text
    row.lines = [ln]
    row._key = "".join(keys)
    row.bare = False
    return row


def _bare_row(ln: RawLine, table: bool) -> Row | None:
    """The row :func:`line_row` makes, without its cells (None where it gives None).

    Its key is the key of the line's cell texts joined: :func:`key` changes each character
    on its own, and the white space ``strip`` takes off a cell is white space ``key``
    removes, so this is the join of the cells' keys.  A text is blank when all its cells are.
    """
    text = "".join([c.text for c in ln.cells]) if ln.cells else ln.text
    if not text.strip() and not (table and "\t" in ln.text):
        return None
    row = object.__new__(Row)
    row.cells = []
    row.line = ln
    row.table = table or "\t" in ln.text
    row.lines = [ln]
    row._key = key(text)
    row.bare = True
    return row


def logical_rows(rows: list[Row | None], one_cell_form: bool) -> list[Row]:
    """Rows of a form; in the one-cell-per-line form each blank-separated group is a row."""
    if not one_cell_form:
        return [r for r in rows if r is not None and r.cells]
    out: list[Row] = []
    group: list[Row] = []

    def flush() -> None:
        if not group:
            return
        if len(group) >= 2 and group[0].table and all(len(r.cells) <= 1 for r in group):
            cells = [
                RowCell(i, r.cells[0].text, r.cells[0].line, r.cells[0].bbox)
                for i, r in enumerate(group)
                if r.cells
            ]
            out.append(Row(cells, group[0].line, True, [r.line for r in group]))
        else:
            out.extend(r for r in group if r.cells)
        group.clear()

    for r in rows:
        if r is None:
            flush()
        else:
            group.append(r)
    flush()
    return out


def one_cell_form(rows: list[Row | None]) -> bool:
    """The 2020 form: the 项目名称 row alone on its line, its value on a following line."""
    lay = layout()
    it: Iterator[Row | None] = iter(rows)
    for r in it:
        if r is not None and r.cells and label_is(r.first, lay.fields["name"]):
            if len(r.cells) != 1:
                return False
            for nxt in it:
                if nxt is None:
                    continue
                return len(nxt.cells) <= 1
    return False


def form_rows(rows: list[Row | None]) -> list[Row]:
    """The rows of one form's stretch of physical rows."""
    return logical_rows(rows, one_cell_form(rows))
