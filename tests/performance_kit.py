"""Small hand-made inputs for the stages of the performance reader: rows from tab-separated
lines (as the .txt samples print tables) or from cells with boxes (as a PDF gives them)."""

from __future__ import annotations

from pathlib import Path

from juesuan.sources.raw import RawCell, RawDocument, RawLine, RawPage, RawTable
from juesuan.sources.text import read_text
from juesuan.structure.performance.form import Form, new_form
from juesuan.structure.performance.rows import Row, physical_rows

T = "\t"


def raw_text(*lines: str) -> RawDocument:
    return read_text(Path("case.txt"), "\n".join(lines).encode("utf-8"))


def phys(*lines: str) -> list[Row | None]:
    """The physical rows of text lines (cells separated by tabs; "" a blank line)."""
    return physical_rows(raw_text(*lines))


def rows(*lines: str) -> list[Row]:
    """The non-blank rows of text lines."""
    return [r for r in phys(*lines) if r is not None]


def row(*cells: str) -> Row:
    """One table row of the given cells (empty strings keep their column)."""
    return rows(T.join([*cells, ""]) if len(cells) == 1 else T.join(cells))[0]


def boxed(cells: list[tuple[str, float, float]], page: int = 1, line: int = 1) -> RawLine:
    """A PDF table row: cells as (text, top, bottom) in columns 0, 1, 2 …"""
    raw_cells = [
        RawCell(text, bbox=(100.0 * i, top, 100.0 * i + 90, bottom), col=i)
        for i, (text, top, bottom) in enumerate(cells)
    ]
    top = min(t for _, t, _ in cells)
    bottom = max(b for _, _, b in cells)
    return RawLine(
        "\t".join(c.text for c in raw_cells),
        page,
        line,
        bbox=(0.0, top, 100.0 * len(cells), bottom),
        cells=raw_cells,
    )


def pdf_rows(lines: list[RawLine]) -> list[Row]:
    raw = RawDocument("case.pdf", "pdf", [RawPage(1, [RawTable(lines, 1, ruled=True)])])
    return [r for r in physical_rows(raw) if r is not None]


def form() -> Form:
    """An empty self-evaluation form to read rows into."""
    return new_form()
