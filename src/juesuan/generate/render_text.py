"""A composed disclosure as plain text, in the form ``juesuan``'s text reader reads.

Text as extracted from a published PDF or Word file: the cover lines, the 目录, headings and
paragraphs one per line, and each table as its title, number and unit lines followed by
tab-separated rows (header rows laid on the grid, a cell spanning several columns followed
by empty cells).  Charts are left out (a text extraction has none).  This is the fast form
of the synthetic corpus (``juesuan generate --corpus N --format txt``): no fonts, no layout.
"""

from __future__ import annotations

from juesuan.generate.document import (
    Chart,
    Document,
    HeaderCell,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)

__all__ = ["render_text"]


def render_text(document: Document) -> str:
    """The document as UTF-8 text (lines end with ``\\n``)."""
    out: list[str] = []
    if document.title:
        out.append(document.title)
    else:
        out.append(f"{document.year}年度")
        out.append(document.unit)
        out.append(f"{document.kind}决算")
    if document.publication_date:
        out.append(f"公开时间：{document.publication_date}")
    out.append("")
    headings = [b for b in document.blocks if isinstance(b, Heading) and b.level <= 1]
    if document.toc and headings:
        out.append("目录")
        out.extend(h.text for h in headings)
        out.append("")
    for block in document.blocks:
        if isinstance(block, Heading):
            out.extend(["", block.text, ""])
        elif isinstance(block, Paragraph):
            out.extend(block.text.split("\n"))
        elif isinstance(block, TableBlock):
            out.extend(_table(block))
        elif isinstance(block, (Chart, PageBreak)):
            continue
    return "\n".join(out).rstrip("\n") + "\n"


def _table(block: TableBlock) -> list[str]:
    lines = ["", block.title]
    if block.number_label:
        lines.append(block.number_label)
    if block.unit_label:
        lines.append(block.unit_label)
    width = block.n_cols
    for row in _header_grid(block.header_rows, width):
        lines.append("\t".join(row))
    for values in block.rows:
        cells = [_one_line(v) for v in values] + [""] * (width - len(values))
        lines.append("\t".join(cells))
    if not block.rows and block.empty_statement:
        lines.append(block.empty_statement)
    if block.note:
        lines.append(block.note)
    lines.append("")
    return lines


def _header_grid(header_rows: list[list[HeaderCell]], width: int) -> list[list[str]]:
    """The header rows on the table's grid: a spanned cell's text in its first grid cell, the
    cells it covers (to the right and below) empty."""
    grid: list[list[str | None]] = [[None] * width for _ in header_rows]
    for r, header in enumerate(header_rows):
        col = 0
        for cell in header:
            while col < width and grid[r][col] is not None:
                col += 1
            if col >= width:
                break
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(grid) and col + dc < width:
                        grid[r + dr][col + dc] = ""
            grid[r][col] = _one_line(cell.text)
            col += cell.colspan
    return [[c or "" for c in row] for row in grid]


def _one_line(text: str) -> str:
    return text.replace("\n", "").replace("\t", " ")
