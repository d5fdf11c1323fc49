"""Write a generated :class:`~juesuan.generate.document.Document` as a PDF, with PyMuPDF only.

Why this path works on a fresh machine from the two set-up commands (``python3 -m venv`` and
``pip install -e .``): everything comes from wheels that pip installs.  PyMuPDF (a declared
dependency, also our PDF reader) writes the PDF; the body font (Noto Serif SC, 宋体 look) is a
file inside this package (``fonts/``) and the heading font (黑体 look) is the CJK font compiled
into PyMuPDF itself (``pymupdf.Font("china-s")``, Droid Sans Fallback); charts are PNGs from
matplotlib (a wheel).  No LibreOffice, no browser, no system fonts, no download at run time.

The page is drawn directly rather than through an HTML engine, so that the result is exactly
what our own reader (:mod:`juesuan.sources.pdf`) and a reviewer expect of a published report:

- A4 portrait pages; a table too wide for portrait goes on A4 landscape pages, as Word
  exports do; the font of a very wide table shrinks until it fits.
- Every table cell is a stroked rectangle, so a table is a ruled grid and is read back cell by
  cell; merged header cells have no inner rulings.  A table split across pages continues
  without repeating its header (the reader follows it across the page break).
- Text lines are written whole (one text run per line) in reading order, CJK line breaking
  keeps numbers unbroken and punctuation off line starts.
- The cover is unnumbered, the 目录 (built from level-0/1 headings with their page numbers)
  follows it, body pages are numbered "— 1 —" from the first body page.
- Fonts are subset by MuPDF before saving (a report is a few hundred KB, not 15 MB).  This
  is why the package ships Noto Serif SC with TrueType outlines: MuPDF's subsetter keeps
  glyph ids of TrueType fonts right but renumbers the CID-keyed CFF of the original OTF.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pymupdf as _pymupdf

from juesuan.generate.charts import FIG_SIZE, SERIF_FONT, chart_png
from juesuan.generate.document import (
    Chart,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from juesuan.generate.layout import (
    break_lines,
    cell_align,
    is_number,
    numeric_columns,
    place_header,
)

#: PyMuPDF ships without type hints.
pymupdf: Any = _pymupdf

A4 = (595.28, 841.89)
#: Margins (pt): top, right, bottom, left — Word's "normal" A4 margins.
MARGINS = (72.0, 80.0, 72.0, 80.0)
LANDSCAPE_MARGINS = (60.0, 50.0, 60.0, 50.0)

SERIF = "serif"  # 宋体 look: the shipped Noto Serif SC
SANS = "sans"  # 黑体 look: PyMuPDF's built-in CJK font

BODY_SIZE = 12.0
BODY_LEADING = 22.0
INDENT_CHARS = 2
#: (font, size, leading, space before, space after, centred) by heading level.
HEADING_STYLE = {
    0: (SANS, 16.0, 26.0, 6.0, 16.0, True),
    1: (SANS, 13.0, 22.0, 8.0, 4.0, False),
    2: (SANS, 12.0, 22.0, 4.0, 2.0, False),
}
TABLE_SIZE = 9.0
MIN_TABLE_SIZE = 6.0
#: Horizontal cell padding in em.  Text in neighbouring cells must stay at least 1 em apart,
#: or MuPDF's text extraction (and so our reader) glues two CJK cells into one word.
CELL_PAD_EM = 0.6
CELL_PAD_Y = 3.0
MIN_ROW = 18.0
RULE_WIDTH = 0.6
CHART_WIDTH = 400.0


@lru_cache(maxsize=1)
def _fonts() -> dict[str, Any]:
    return {
        SERIF: pymupdf.Font(fontfile=str(SERIF_FONT)),
        SANS: pymupdf.Font("china-s"),
    }


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    """Characters the shipped font leaves unmapped (a Kangxi radical looking like 行, U+00A0,
    a compatibility ideograph: see fonts/README.md) replaced by their NFKC equivalent, which
    has the same glyph, so extracted text reads back as the unified character."""
    serif = _fonts()[SERIF]
    if all(ch.isascii() or serif.has_glyph(ord(ch)) for ch in text):
        return text
    return "".join(
        ch if ch.isascii() or serif.has_glyph(ord(ch)) else unicodedata.normalize("NFKC", ch)
        for ch in text
    )


class _Measure:
    """Glyph advances, cached per font and character."""

    def __init__(self) -> None:
        self.fonts = _fonts()
        self._adv: dict[tuple[str, str], float] = {}

    def width(self, font: str, text: str, size: float) -> float:
        text = _clean(text)
        total = 0.0
        adv = self._adv
        f = None
        for ch in text:
            k = (font, ch)
            a = adv.get(k)
            if a is None:
                f = f or self.fonts[font]
                a = adv[k] = float(f.glyph_advance(ord(ch)))
            total += a
        return total * size

    def measurer(self, font: str, size: float) -> Callable[[str], float]:
        return lambda text: self.width(font, text, size)


# --------------------------------------------------------------------------------------------
# page content, recorded first and written at the end (the 目录 needs the page numbers)


@dataclass(slots=True)
class _Text:
    x: float
    y: float  # baseline
    text: str
    font: str
    size: float


@dataclass(slots=True)
class _Page:
    width: float
    height: float
    landscape: bool
    texts: list[_Text] = field(default_factory=list)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    images: list[tuple[tuple[float, float, float, float], bytes]] = field(default_factory=list)


@dataclass(slots=True)
class _TableGeometry:
    size: float
    widths: list[float]
    header_heights: list[float]
    header_lines: dict[int, list[str]]  # index into placed header cells -> lines
    row_heights: list[float]
    row_lines: list[list[list[str]]]
    numeric: list[bool]
    landscape: bool


class _Layout:
    def __init__(self, measure: _Measure) -> None:
        self.m = measure
        self.pages: list[_Page] = []
        self.page: _Page | None = None
        self.y = 0.0
        self.toc: list[tuple[int, str, int]] = []  # level, text, body page index
        self.break_pending = False  # a PageBreak: the next content starts a new page

    # page geometry ---------------------------------------------------------------------

    def margins(self, landscape: bool) -> tuple[float, float, float, float]:
        return LANDSCAPE_MARGINS if landscape else MARGINS

    def text_width(self, landscape: bool) -> float:
        _top, right, _bottom, left = self.margins(landscape)
        w = A4[1] if landscape else A4[0]
        return w - left - right

    @property
    def left(self) -> float:
        assert self.page is not None
        return self.margins(self.page.landscape)[3]

    @property
    def width(self) -> float:
        assert self.page is not None
        return self.text_width(self.page.landscape)

    @property
    def bottom(self) -> float:
        assert self.page is not None
        return self.page.height - self.margins(self.page.landscape)[2]

    def new_page(self, landscape: bool) -> _Page:
        w, h = (A4[1], A4[0]) if landscape else A4
        self.page = _Page(w, h, landscape)
        self.pages.append(self.page)
        self.y = self.margins(landscape)[0]
        return self.page

    def at_top(self) -> bool:
        return self.page is None or (
            self.y <= self.margins(self.page.landscape)[0] + 0.01
            and not self.page.texts
            and not self.page.rects
            and not self.page.images
        )

    def ensure(self, height: float, landscape: bool | None = None) -> None:
        """Start a new page when ``height`` does not fit below, or the orientation differs."""
        page = self.page
        if page is None:
            self.new_page(bool(landscape))
            return
        if self.break_pending:
            self.break_pending = False
            if not self.at_top():
                self.new_page(page.landscape if landscape is None else landscape)
                return
        if landscape is not None and page.landscape != landscape:
            self.new_page(landscape)
        elif self.y + height > self.bottom + 0.01 and not self.at_top():
            self.new_page(page.landscape)

    def text(self, x: float, baseline: float, text: str, font: str, size: float) -> None:
        assert self.page is not None
        if text:
            self.page.texts.append(_Text(x, baseline, text, font, size))

    # blocks ----------------------------------------------------------------------------

    def heading(self, block: Heading, next_landscape: bool | None, keep: float) -> None:
        font, size, leading, before, after, centred = HEADING_STYLE.get(
            block.level, HEADING_STYLE[2]
        )
        indent = 0.0 if centred else INDENT_CHARS * size
        if next_landscape is None:
            next_landscape = self.page.landscape if self.page is not None else False
        width = self.text_width(next_landscape)
        lines = break_lines(block.text, width, self.m.measurer(font, size), indent)
        need = before + len(lines) * leading + after + keep  # keep with what follows
        self.ensure(need, next_landscape)
        assert self.page is not None
        if not self.at_top():
            self.y += before
        if block.level <= 1:
            self.toc.append((block.level, block.text, len(self.pages) - 1))
        for i, line in enumerate(lines):
            w = self.m.width(font, line, size)
            x = (
                self.left + (self.width - w) / 2
                if centred
                else self.left + (indent if i == 0 else 0)
            )
            self.text(x, self.y + _baseline(size, leading), line, font, size)
            self.y += leading
        self.y += after

    def paragraph(self, block: Paragraph) -> None:
        size, leading = BODY_SIZE, BODY_LEADING
        self.ensure(leading, False)
        indent = INDENT_CHARS * size
        lines = break_lines(block.text, self.width, self.m.measurer(SERIF, size), indent)
        for i, line in enumerate(lines):
            self.ensure(leading)
            x = self.left + (indent if i == 0 else 0)
            self.text(x, self.y + _baseline(size, leading), line, SERIF, size)
            self.y += leading

    def small_text(self, text: str, size: float, align: str = "left") -> None:
        leading = size * 1.6
        for line in break_lines(text, self.width, self.m.measurer(SERIF, size)):
            self.ensure(leading)
            w = self.m.width(SERIF, line, size)
            x = self.left
            if align == "center":
                x += (self.width - w) / 2
            elif align == "right":
                x += self.width - w
            self.text(x, self.y + _baseline(size, leading), line, SERIF, size)
            self.y += leading

    def chart(self, block: Chart) -> None:
        png = chart_png(block)
        width = min(CHART_WIDTH, self.text_width(False))
        height = width * FIG_SIZE[1] / FIG_SIZE[0]
        caption_h = 10.5 * 1.6 if block.caption else 0.0
        self.ensure(height + caption_h + 8, False)
        assert self.page is not None
        x0 = self.left + (self.width - width) / 2
        self.y += 4
        self.page.images.append(((x0, self.y, x0 + width, self.y + height), png))
        self.y += height + 4
        if block.caption:
            self.small_text(block.caption, 10.5, "center")

    def page_break(self) -> None:
        """Deferred: the next block opens the page, in the orientation it needs (no blank
        portrait page before a landscape table)."""
        if not self.at_top():
            self.break_pending = True

    # tables ----------------------------------------------------------------------------

    def geometry(
        self, table: TableBlock, landscape: bool, size: float, force: bool = False
    ) -> _TableGeometry | None:
        """Column widths and wrapped cell lines at ``size``; None when it cannot fit."""
        n = table.n_cols
        if n == 0:
            return None
        avail = self.text_width(landscape)
        measure = self.m.measurer(SERIF, size)
        numeric = numeric_columns(table, blank_is_numeric=True)
        char = size
        pad = 2 * CELL_PAD_EM * size
        body_max = [0.0] * n
        for row in table.rows:
            for c, text in enumerate(row[:n]):
                body_max[c] = max(body_max[c], measure(text.strip()))
        placed = place_header(table)
        head_need = [0.0] * n
        for pc in placed:
            if pc.colspan == 1:
                nat = measure(pc.cell.text.replace("\n", ""))
                head_need[pc.col] = max(
                    head_need[pc.col], min(nat, (5 if numeric[pc.col] else 6) * char)
                )
        desired: list[float] = []
        minimum: list[float] = []
        for c in range(n):
            if numeric[c]:
                d = max(body_max[c], head_need[c], 3 * char) + pad
                mn = max(body_max[c], 2 * char) + pad
            else:
                d = max(min(body_max[c], 16 * char), head_need[c], 2 * char) + pad
                longest = max(
                    (
                        measure(t)
                        for row in table.rows
                        for t in row[c : c + 1]
                        if t and is_number(t)
                    ),
                    default=0.0,
                )
                mn = max(min(d, 6 * char + pad), longest + pad, 2 * char + pad)
            desired.append(d)
            minimum.append(min(mn, d))
        if sum(minimum) > avail + 0.01:
            if not force:
                return None
            minimum = [m * avail / sum(minimum) for m in minimum]
            desired = [max(d, m) for d, m in zip(desired, minimum, strict=True)]
        total = sum(desired)
        if total <= avail:
            # Spare width: first let long names stand on one line, then half of the rest
            # to all columns, half to the name columns (行次 and codes stay narrow).
            spare = avail - total
            grow = [
                0.0 if numeric[c] else max(0.0, body_max[c] + pad - desired[c]) for c in range(n)
            ]
            wanted = sum(grow)
            if wanted > 0:
                take = min(spare, wanted)
                desired = [d + g * take / wanted for d, g in zip(desired, grow, strict=True)]
                spare -= take
            text_total = sum(d for c, d in enumerate(desired) if not numeric[c])
            all_total = sum(desired)
            widths = [
                d
                + spare * (0.5 if text_total else 1.0) * d / all_total
                + (0.5 * spare * d / text_total if text_total and not numeric[c] else 0.0)
                for c, d in enumerate(desired)
            ]
        else:
            # Shrink the wrappable columns towards their minimum, proportionally.
            excess = total - avail
            room = [d - m for d, m in zip(desired, minimum, strict=True)]
            free = sum(room)
            widths = [
                d - (r * excess / free if free else 0) for d, r in zip(desired, room, strict=True)
            ]
        line_h = size * 1.35
        # Header rows.
        header_lines: dict[int, list[str]] = {}
        n_head = len(table.header_rows)
        head_h = [0.0] * n_head
        spanning: list[tuple[int, int, float]] = []
        for i, pc in enumerate(placed):
            w = sum(widths[pc.col : pc.col + pc.colspan]) - pad
            lines = break_lines(pc.cell.text, w, measure)
            header_lines[i] = lines
            need = len(lines) * line_h + 2 * CELL_PAD_Y
            if pc.rowspan == 1:
                head_h[pc.row] = max(head_h[pc.row], need, MIN_ROW)
            else:
                spanning.append((pc.row, pc.rowspan, need))
        head_h = [max(h, MIN_ROW) for h in head_h]
        for r, rs, need in spanning:
            have = sum(head_h[r : r + rs])
            if need > have:
                head_h[r + rs - 1] += need - have
        # Body rows.
        row_lines: list[list[list[str]]] = []
        row_h: list[float] = []
        for row in table.rows:
            cells: list[list[str]] = []
            tallest = 1
            for c in range(n):
                text = row[c].strip() if c < len(row) else ""
                lines = (
                    [text]
                    if numeric[c] or not text
                    else break_lines(text, widths[c] - pad, measure)
                )
                cells.append(lines)
                tallest = max(tallest, len(lines))
            row_lines.append(cells)
            row_h.append(max(MIN_ROW, tallest * line_h + 2 * CELL_PAD_Y))
        return _TableGeometry(
            size, widths, head_h, header_lines, row_h, row_lines, numeric, landscape
        )

    def fit_table(self, table: TableBlock) -> _TableGeometry | None:
        """Portrait at the normal size when it fits comfortably, else landscape, shrinking the
        font until the columns fit (at the smallest size, columns are squeezed regardless)."""
        portrait = self.geometry(table, False, TABLE_SIZE)
        if portrait is not None and not _too_cramped(portrait):
            return portrait
        size = TABLE_SIZE
        while size >= MIN_TABLE_SIZE:
            geo = self.geometry(table, True, size)
            if geo is not None:
                return geo
            size -= 0.5
        return self.geometry(table, True, MIN_TABLE_SIZE, force=True)

    def table(self, block: TableBlock, geo: _TableGeometry | None) -> None:
        title_size = 14.0
        title_lead = 24.0
        meta_size = 9.0
        meta_lead = 16.0
        landscape = _table_orientation(geo)
        if landscape is None and self.page is not None and self.page.landscape and geo:
            # A narrow table on a landscape page: spread it over the landscape width.
            geo = self.geometry(block, True, geo.size) or geo
        head_total = sum(geo.header_heights) if geo else 0.0
        first_row = geo.row_heights[0] if geo and geo.row_heights else MIN_ROW
        self.ensure(title_lead + meta_lead + head_total + first_row + 4, landscape)
        assert self.page is not None
        # Title, then the table number (left) and unit (right) on one line.
        for line in break_lines(block.title, self.width, self.m.measurer(SANS, title_size)):
            w = self.m.width(SANS, line, title_size)
            self.text(
                self.left + (self.width - w) / 2,
                self.y + _baseline(title_size, title_lead),
                line,
                SANS,
                title_size,
            )
            self.y += title_lead
        base = self.y + _baseline(meta_size, meta_lead)
        if block.number_label:
            self.text(self.left, base, block.number_label, SERIF, meta_size)
        if block.unit_label:
            w = self.m.width(SERIF, block.unit_label, meta_size)
            self.text(self.left + self.width - w, base, block.unit_label, SERIF, meta_size)
        self.y += meta_lead
        if geo is None:  # no grid at all: the statement alone
            self.small_text(block.empty_statement or "", 10.5)
            return
        xs = [self.left]
        for w in geo.widths:
            xs.append(xs[-1] + w)
        size = geo.size
        line_h = size * 1.35
        # Header.
        placed = place_header(block)
        ys = [self.y]
        for h in geo.header_heights:
            ys.append(ys[-1] + h)
        for i, pc in enumerate(placed):
            x0, x1 = xs[pc.col], xs[pc.col + pc.colspan]
            y0, y1 = ys[pc.row], ys[pc.row + pc.rowspan]
            self.page.rects.append((x0, y0, x1, y1))
            self._cell_text(geo.header_lines[i], x0, y0, x1, y1, size, line_h, "center")
        self.y = ys[-1]
        if not geo.row_heights:
            self._empty_row(block, xs, size, line_h)
        note_h = 0.0
        if block.note:
            note_lines = break_lines(block.note, self.width, self.m.measurer(SERIF, 9.0))
            note_h = 4 + len(note_lines) * 9.0 * 1.6
        last = len(geo.row_heights) - 1
        for r, (height, cells) in enumerate(zip(geo.row_heights, geo.row_lines, strict=True)):
            need = height + (note_h if r == last else 0.0)  # the note stays with the last row
            if r == last - 1:
                # never leave one row alone on a continuation page: a lone row is a grid a
                # reader (ours included) does not take for the rest of a table
                need += geo.row_heights[last] + note_h
            if self.y + need > self.bottom + 0.01:
                self.new_page(self.page.landscape)
            assert self.page is not None
            for c, lines in enumerate(cells):
                x0, x1 = xs[c], xs[c + 1]
                self.page.rects.append((x0, self.y, x1, self.y + height))
                align = cell_align(lines[0]) if len(lines) == 1 else "left"
                self._cell_text(lines, x0, self.y, x1, self.y + height, size, line_h, align)
            self.y += height
        self.y += 4
        if block.note:
            self.small_text(block.note, 9.0)
        self.y += 8

    def _empty_row(self, block: TableBlock, xs: list[float], size: float, line_h: float) -> None:
        """An empty table: one row across the whole width holding the statement (本表无数据),
        so that the statement stays one cell however it wraps."""
        assert self.page is not None
        text = block.empty_statement or ""
        pad = CELL_PAD_EM * size
        lines = break_lines(text, xs[-1] - xs[0] - 2 * pad, self.m.measurer(SERIF, size))
        height = max(MIN_ROW, len(lines) * line_h + 2 * CELL_PAD_Y)
        self.page.rects.append((xs[0], self.y, xs[-1], self.y + height))
        self._cell_text(lines, xs[0], self.y, xs[-1], self.y + height, size, line_h, "left")
        self.y += height

    def _cell_text(
        self,
        lines: Sequence[str],
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        size: float,
        line_h: float,
        align: str,
    ) -> None:
        lines = [ln for ln in lines if ln] or []
        if not lines:
            return
        top = y0 + (y1 - y0 - len(lines) * line_h) / 2
        for i, line in enumerate(lines):
            w = self.m.width(SERIF, line, size)
            if align == "center":
                x = (x0 + x1 - w) / 2
            elif align == "right":
                x = x1 - CELL_PAD_EM * size - w
            else:
                x = x0 + CELL_PAD_EM * size
            self.text(x, top + i * line_h + _baseline(size, line_h), line, SERIF, size)


def _too_cramped(geo: _TableGeometry) -> bool:
    """Portrait works, but the header would wrap into very tall rows: use landscape."""
    return len(geo.widths) > 8 or sum(geo.header_heights) > 6 * geo.size * 1.35 + 4 * MIN_ROW


def _baseline(size: float, leading: float) -> float:
    """Offset of the baseline from the top of a line box of height ``leading``."""
    return (leading - size) / 2 + size * 0.86


# --------------------------------------------------------------------------------------------
# the document


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes: cover, 目录, numbered body pages."""
    measure = _Measure()
    layout = _Layout(measure)
    geos: dict[int, _TableGeometry | None] = {}
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            geos[i] = layout.fit_table(block) if (block.rows or block.header_rows) else None
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            layout.heading(block, _next_landscape(blocks, geos, i), _keep_need(blocks, geos, i))
        elif isinstance(block, Paragraph):
            layout.paragraph(block)
        elif isinstance(block, TableBlock):
            layout.table(block, geos[i])
        elif isinstance(block, Chart):
            layout.chart(block)
        elif isinstance(block, PageBreak):
            layout.page_break()
    if layout.pages and layout.at_top() and len(layout.pages) > 1:
        layout.pages.pop()  # a trailing page break leaves an empty page
    for n, page in enumerate(layout.pages, start=1):
        label = f"— {n} —"
        w = measure.width(SERIF, label, 10.5)
        page.texts.append(_Text((page.width - w) / 2, page.height - 40, label, SERIF, 10.5))
    front = [_cover(document, measure)]
    if document.toc and layout.toc:
        front.extend(_toc_pages(layout.toc, measure))
    return _write(document, [*front, *layout.pages])


def _next_landscape(
    blocks: Sequence[object], geos: dict[int, _TableGeometry | None], i: int
) -> bool | None:
    """The orientation the content after heading ``i`` needs (headings keep with it): True
    for a wide table, False for text and charts, None for a table that fits either."""
    for j in range(i + 1, len(blocks)):
        block = blocks[j]
        if isinstance(block, Heading):
            continue
        if isinstance(block, TableBlock):
            return _table_orientation(geos.get(j))
        return False
    return None


def _keep_need(blocks: Sequence[object], geos: dict[int, _TableGeometry | None], i: int) -> float:
    """The height that must fit below heading ``i`` with it: the headings right after it
    and the start of the first other block (two text lines, a chart, a table's title, header
    and first row)."""
    need = 0.0
    for j in range(i + 1, len(blocks)):
        block = blocks[j]
        if isinstance(block, Heading):
            _, _, leading, before, after, _ = HEADING_STYLE.get(block.level, HEADING_STYLE[2])
            need += before + leading + after
            continue
        if isinstance(block, Paragraph):
            return need + 2 * BODY_LEADING
        if isinstance(block, Chart):
            return need + CHART_WIDTH * FIG_SIZE[1] / FIG_SIZE[0] + 30
        if isinstance(block, TableBlock):
            geo = geos.get(j)
            if geo is None:
                return need + 60
            first = geo.row_heights[0] if geo.row_heights else 2 * MIN_ROW
            return need + 24 + 16 + sum(geo.header_heights) + first + 4
        return need
    return need


def _table_orientation(geo: _TableGeometry | None) -> bool | None:
    return True if geo is not None and geo.landscape else None


def _cover(document: Document, m: _Measure) -> _Page:
    page = _Page(A4[0], A4[1], False)
    width = A4[0] - MARGINS[1] - MARGINS[3]
    size = 26.0
    lines: list[str] = []
    if document.title:
        lines = break_lines(document.title, width, m.measurer(SANS, size))
    else:
        lines = break_lines(document.unit, width, m.measurer(SANS, size))
        lines.append(f"{document.year}年度{document.kind}决算")
    y = 260.0
    for line in lines:
        w = m.width(SANS, line, size)
        page.texts.append(_Text((A4[0] - w) / 2, y, line, SANS, size))
        y += size * 1.8
    if document.publication_date:
        text = f"公开时间：{document.publication_date}"
        w = m.width(SERIF, text, 16.0)
        page.texts.append(_Text((A4[0] - w) / 2, 620.0, text, SERIF, 16.0))
    return page


def _toc_pages(entries: list[tuple[int, str, int]], m: _Measure) -> list[_Page]:
    pages: list[_Page] = []
    top, right, bottom, left = MARGINS
    width = A4[0] - left - right
    lead = 26.0
    size = 12.0
    page: _Page | None = None
    y = 0.0
    for level, text, index in entries:
        if page is None or y + lead > A4[1] - bottom:
            page = _Page(A4[0], A4[1], False)
            pages.append(page)
            y = top
            if len(pages) == 1:
                title = "目  录"
                w = m.width(SANS, title, 18.0)
                page.texts.append(_Text((A4[0] - w) / 2, y + 24, title, SANS, 18.0))
                y += 56
        font = SANS if level == 0 else SERIF
        indent = 0.0 if level == 0 else 2 * size
        number = str(index + 1)
        nw = m.width(SERIF, number, size)
        lines = break_lines(text, width - indent - nw - 24, m.measurer(font, size))
        for k, line in enumerate(lines):
            base = y + _baseline(size, lead)
            page.texts.append(_Text(left + indent, base, line, font, size))
            if k == len(lines) - 1:
                # Dot leaders as text, as Word writes them (a reader strips "……" runs).
                start = left + indent + m.width(font, line, size) + size / 2
                stop = A4[0] - right - nw - size / 2
                dot = m.width(SERIF, ".", size)
                count = int((stop - start) // dot)
                if count >= 2:
                    page.texts.append(_Text(stop - count * dot, base, "." * count, SERIF, size))
                page.texts.append(_Text(A4[0] - right - nw, base, number, SERIF, size))
            y += lead
    return pages


def _write(document: Document, pages: list[_Page]) -> bytes:
    fonts = _fonts()
    doc = pymupdf.open()
    try:
        for spec in pages:
            page = doc.new_page(width=spec.width, height=spec.height)
            if spec.rects:
                shape = page.new_shape()
                for x0, y0, x1, y1 in spec.rects:
                    shape.draw_rect(pymupdf.Rect(x0, y0, x1, y1))
                shape.finish(width=RULE_WIDTH, color=(0, 0, 0), fill=None)
                shape.commit()
            for rect, png in spec.images:
                page.insert_image(pymupdf.Rect(*rect), stream=png)
            if spec.texts:
                writer = pymupdf.TextWriter(page.rect)
                for t in spec.texts:
                    writer.append((t.x, t.y), _clean(t.text), font=fonts[t.font], fontsize=t.size)
                writer.write_text(page)
        doc.set_metadata(
            {
                "title": document.cover_title(),
                "author": document.unit,
                "subject": f"{document.year}年度{document.kind}决算",
                "creator": "juesuan generate",
                "producer": "juesuan (PyMuPDF)",
            }
        )
        doc.subset_fonts()  # MuPDF cuts both TrueType fonts down to the glyphs used
        data: bytes = doc.tobytes(garbage=3, deflate=True)
        return data
    finally:
        doc.close()
