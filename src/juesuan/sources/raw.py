"""The common raw form every reader returns.

A :class:`RawDocument` is a list of pages; each page holds, in reading order, *items*: either
a :class:`RawLine` (a line of running text) or a :class:`RawTable` (rows of cells).  Nothing
here knows what a disclosure is: readers only report what is on the page and where.

Conventions
- ``page`` is 1-based for paged input (PDF) and ``None`` for text, DOCX and XLSX (an XLSX
  sheet becomes one :class:`RawPage` with ``number=None`` and ``name`` set to the sheet name).
- ``line`` is the 1-based line number in the source file for text input, the 1-based line
  index on the page for PDF, the paragraph/row index for DOCX and the row number for XLSX.
- ``bbox`` is ``(x0, y0, x1, y1)`` in PDF points, top-left origin, or ``None``.
- A table row is a :class:`RawLine` whose ``cells`` are the row's cells.  When the reader knows
  the grid (ruled PDF table, Word table, spreadsheet, tab-separated text) each cell has ``col``
  set to its 0-based grid column; otherwise ``col`` is ``None`` and cells are in x order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class RawCell:
    text: str
    bbox: BBox | None = None
    col: int | None = None  # 0-based grid column when known
    span: int = 1  # number of grid columns the cell covers (merged cells)


@dataclass(slots=True)
class RawLine:
    text: str  # the whole line; table rows join their cells with "\t"
    page: int | None
    line: int
    bbox: BBox | None = None
    cells: list[RawCell] = field(default_factory=list)
    size: float | None = None  # a text line's dominant font size (PDF); None for table rows
    bold: bool = False

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True)
class RawTable:
    rows: list[RawLine]
    page: int | None
    bbox: BBox | None = None
    ncols: int | None = None  # grid width when known
    ruled: bool = False  # True when the grid came from ruling lines / a real table object

    @property
    def line(self) -> int:
        return self.rows[0].line if self.rows else 0


RawItem = RawLine | RawTable


@dataclass(slots=True)
class RawPage:
    number: int | None
    items: list[RawItem] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    name: str | None = None  # sheet name for XLSX
    rotation: int = 0


@dataclass(slots=True)
class RawPart:
    """One file of a document read from several (:func:`juesuan.sources.load_many`)."""

    path: str
    format: str
    sha256: str
    page_count: int | None = None
    first_page: int | None = None  # number its page 1 carries in the joined document
    first_line: int | None = None  # the same for the lines of a file without pages


@dataclass(slots=True)
class RawDocument:
    path: str
    format: str  # "pdf", "txt", "docx", "xlsx"
    pages: list[RawPage]
    sha256: str = ""
    page_count: int | None = None  # number of physical pages (PDF); None otherwise
    metadata: dict[str, str] = field(default_factory=dict)
    parts: list[RawPart] = field(default_factory=list)  # several files read as one

    def items(self) -> Iterator[RawItem]:
        for page in self.pages:
            yield from page.items

    def lines(self) -> Iterator[RawLine]:
        """Every line in reading order, table rows included."""
        for item in self.items():
            if isinstance(item, RawTable):
                yield from item.rows
            else:
                yield item
