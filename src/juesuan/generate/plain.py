"""A composed :class:`~juesuan.generate.document.Document` as the reader's raw form.

:func:`raw_document` lays the document out the way every renderer prints it and a reader
sees it — the cover lines, the 目录, headings and paragraphs as lines, each table's title,
number and unit lines, its grid (merged header cells spanning their columns, a cell covered
by a rowspan continued as an empty cell, the "本表无数据" statement as one row across the
table) and its note, and each chart's caption — without drawing anything.  The structure
builder (:func:`juesuan.structure.build`) turns it into the :class:`~juesuan.model.Disclosure`
the rules check, so a generated document is modelled by the same reader as any published
one.
"""

from __future__ import annotations

from juesuan.generate.document import Chart, Document, Heading, Paragraph, TableBlock
from juesuan.generate.layout import place_header
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable

#: The source path and format of a generated document's model.
SOURCE_PATH = "<generated>"
SOURCE_FORMAT = "generated"


class _Lines:
    """Numbers the lines and table rows in reading order (1-based, as readers do)."""

    def __init__(self) -> None:
        self.items: list[RawItem] = []
        self.number = 0

    def text(self, text: str) -> None:
        for line in text.split("\n"):
            if line.strip():
                self.number += 1
                cells = [RawCell(line.strip())]
                self.items.append(RawLine(text=line, page=None, line=self.number, cells=cells))

    def table(self, grid: list[list[RawCell]], n_cols: int) -> None:
        rows = []
        for cells in grid:
            self.number += 1
            text = "\t".join(c.text for c in cells)
            rows.append(RawLine(text=text, page=None, line=self.number, cells=cells))
        if rows:
            self.items.append(RawTable(rows=rows, page=None, ncols=n_cols, ruled=True))


def _grid(block: TableBlock) -> list[list[RawCell]]:
    """The table's rows as a reader of a ruled table sees them."""
    n = max(block.n_cols, 1)
    header: list[list[RawCell]] = [[] for _ in block.header_rows]
    covered: set[tuple[int, int]] = set()
    for pc in place_header(block):
        header[pc.row].append(RawCell(pc.cell.text, col=pc.col, span=pc.colspan))
        for below in range(pc.row + 1, pc.row + pc.rowspan):
            for col in range(pc.col, pc.col + pc.colspan):
                covered.add((below, col))
    for r, row in enumerate(header):
        row.extend(RawCell("", col=c) for c in range(n) if (r, c) in covered)
        row.sort(key=lambda cell: cell.col or 0)
    body = [
        [RawCell(values[c] if c < len(values) else "", col=c) for c in range(n)]
        for values in block.rows
    ]
    if not block.rows:
        body = [[RawCell(block.empty_statement or "", col=0, span=n)]]
    return [row for row in header + body if any(c.text for c in row)]


def raw_document(document: Document) -> RawDocument:
    """The document's text and tables in reading order, as one page without geometry."""
    out = _Lines()
    if document.title:
        out.text(document.title)
    else:
        out.text(document.unit)
        out.text(f"{document.year}年度{document.kind}决算")
    if document.publication_date:
        out.text(f"公开时间：{document.publication_date}")
    headings = [b for b in document.blocks if isinstance(b, Heading) and b.level <= 1]
    if document.toc and headings:
        out.text("目录")
        for heading in headings:
            out.text(heading.text)
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            out.text(block.text)
        elif isinstance(block, TableBlock):
            out.text(block.title)
            out.text("\t".join(t for t in (block.number_label, block.unit_label) if t))
            out.table(_grid(block), max(block.n_cols, 1))
            if block.note:
                out.text(block.note)
        elif isinstance(block, Chart):
            out.text(block.caption)
    return RawDocument(
        path=SOURCE_PATH, format=SOURCE_FORMAT, pages=[RawPage(None, out.items)], sha256=""
    )
