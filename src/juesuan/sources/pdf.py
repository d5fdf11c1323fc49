"""PDF reader: words in geometric reading order, ruled tables as grids.

The text layer of published disclosures is often out of visual order (Word puts a wrapped
name before its code, a number before its row), so nothing here trusts it: every word is
placed by its box.

- Plain text: words are clustered into visual lines by vertical overlap, lines are sorted top
  to bottom and words left to right.  Words that touch are joined without a space, a small
  gap becomes one space and a large gap (more than ``CELL_GAP`` character heights) starts a
  new cell, so an unruled row still arrives as separate :class:`RawCell` pieces (``col=None``).
- Ruled tables: Word/WPS exports draw borders as thin filled rectangles or stroked lines.
  Horizontal and vertical rulings are merged, grouped into connected grids, and every grid of
  at least 2×2 cells becomes a :class:`RawTable` with ``ruled=True``: one row per band between
  two horizontal rulings, one cell per region bounded by rulings (``col`` is the index of the
  cell's left ruling among the grid's distinct vertical rulings, ``span`` the number of grid
  columns it covers).  A cell merged across bands (no ruling between them) is reported once,
  in the band holding its text; the other bands get an empty cell in its place.  A row's
  ``text`` has exactly ``ncols`` tab-separated fields, a cell's text sitting in the field of
  its ``col`` (the fields a span covers stay empty), so ``text.split("\\t")[col]`` is the cell.

Coordinates are PDF points with a top-left origin, in the page's displayed (rotated) frame.
``line`` counts visual lines on the page, table text lines included.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf

from juesuan.errors import CorruptFileError, EncryptedFileError, ScannedPdfError
from juesuan.progress import page_done
from juesuan.sources.raw import BBox, RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable

#: PyMuPDF ships without type hints; one ``Any`` alias keeps ``mypy --strict`` quiet.
pymupdf: Any = _pymupdf
pymupdf.no_recommend_layout()

#: A gap wider than this many line heights (≈ CJK character widths) separates two cells.
CELL_GAP = 1.5
#: A gap narrower than this many line heights means the words touch (no space between them).
TOUCH_GAP = 0.1
#: Two words are on one line when their boxes overlap by this share of the smaller height.
LINE_OVERLAP = 0.5
#: Rulings: thickest filled rectangle still read as a line, and position/gap tolerances (pt).
RULE_MAX_THICKNESS = 3.0
RULE_POS_TOL = 1.5
RULE_GAP_TOL = 2.5
#: Rulings closer than this (pt) are one grid line (double borders, thick borders).
GRID_MERGE = 3.0
#: Pages with more vector paths than this are drawings (maps, charts), not Word tables:
#: their rulings are not searched for grids (a 40-row Word table is under 1,000 paths).
MAX_PATHS = 20_000
#: A page with fewer characters than this is near-empty: a cover, a blank or a scanned image.
#: A document whose pages are all near-empty, with at least one picture page, is a scan.
SPARSE_PAGE_CHARS = 20

_METADATA_KEYS = ("title", "author", "subject", "creator", "producer", "creationDate", "modDate")
_DIGITS = frozenset("0123456789.,%")


def _is_wide(ch: str) -> bool:
    """CJK ideographs, kana, hangul and full-width punctuation: no space next to them."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F  # general punctuation: “ ” ‘ ’ — …
    )


# --------------------------------------------------------------------------------------------
# words and lines


class _Word:
    """A word's box and text; ``mid`` (top + bottom) orders words for line clustering and
    ``line`` is the visual line it is on, once the page's lines are numbered (0: none);
    ``grid`` the ruled grid holding it (-1: none), set on a page with grids."""

    __slots__ = ("grid", "line", "mid", "text", "x0", "x1", "y0", "y1")
    grid: int  # not set in __init__: only the words of a page with grids get one

    def __init__(self, x0: float, y0: float, x1: float, y1: float, text: str) -> None:
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.text = text
        self.mid = y0 + y1
        self.line = 0

    def __repr__(self) -> str:
        return f"_Word({self.x0}, {self.y0}, {self.x1}, {self.y1}, {self.text!r})"

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    x0: float
    y0: float
    x1: float
    y1: float
    number: int = 0  # 1-based visual line index on the page, set once all lines are known
    pieces: list[list[_Word]] | None = None  # its words split at large gaps, once asked for

    @property
    def height(self) -> float:
        return self.y1 - self.y0


#: Sort keys (attrgetter is C code: lines and words are sorted thousands of times a document).
_X0 = attrgetter("x0")
_MID_X0 = attrgetter("mid", "x0")
_Y0_X0 = attrgetter("y0", "x0")


def _cluster_lines(words: Iterable[_Word]) -> list[_Line]:
    """Group words into visual lines (top to bottom), each line's words left to right."""
    lines: list[_Line] = []
    recent: list[_Line] = []  # the last three lines, oldest first (lines[-3:], kept up to date)
    for word in sorted(words, key=_MID_X0):
        best: _Line | None = None
        best_overlap = 0.0
        wy0, wy1 = word.y0, word.y1
        wh = wy1 - wy0
        # Words arrive by centre height, so only the last few lines can still take this one.
        for line in recent:
            ly0, ly1 = line.y0, line.y1
            overlap = (ly1 if ly1 < wy1 else wy1) - (ly0 if ly0 > wy0 else wy0)
            if overlap <= best_overlap:  # cannot beat the best (nor any overlap, if none yet)
                continue
            lh = ly1 - ly0
            if overlap >= LINE_OVERLAP * (lh if lh < wh else wh):
                best, best_overlap = line, overlap
        if best is None:
            best = _Line([word], word.x0, wy0, word.x1, wy1)
            lines.append(best)
            recent.append(best)
            if len(recent) > 3:
                del recent[0]
        else:
            best.words.append(word)
            if word.x0 < best.x0:
                best.x0 = word.x0
            if wy0 < best.y0:
                best.y0 = wy0
            if word.x1 > best.x1:
                best.x1 = word.x1
            if wy1 > best.y1:
                best.y1 = wy1
    for line in lines:
        ws = line.words
        if len(ws) > 1:
            ws.sort(key=_X0)
            line.words = _drop_overprints(ws)
    lines.sort(key=_Y0_X0)
    return lines


def _drop_overprints(words: list[_Word]) -> list[_Word]:
    """Remove a word printed twice at almost the same place (fake bold in some exports)."""
    kept = [words[0]]
    for word in words[1:]:
        prev = kept[-1]
        if word.text == prev.text and abs(word.x0 - prev.x0) < 0.25 * prev.height:
            continue
        kept.append(word)
    return kept


def _line_height(words: Sequence[_Word]) -> float:
    """The median word height (statistics.median, without its overhead on short lists)."""
    n = len(words)
    if n == 0:
        return 0.0
    if n == 1:
        return words[0].height
    heights = sorted(w.y1 - w.y0 for w in words)
    mid = n // 2
    return heights[mid] if n % 2 else (heights[mid - 1] + heights[mid]) / 2


def _join_words(words: Sequence[_Word], height: float) -> str:
    """Words of one line piece: touching words glued, any other gap one space."""
    parts: list[str] = []
    prev: _Word | None = None
    for word in words:
        if prev is not None and word.x0 - prev.x1 > TOUCH_GAP * height:
            parts.append(" ")
        parts.append(word.text)
        prev = word
    return "".join(parts)


def _split_cells(line: _Line) -> list[list[_Word]]:
    """Split a line's words at large gaps (worked out once per line)."""
    if line.pieces is not None:
        return line.pieces
    height = _line_height(line.words)
    pieces: list[list[_Word]] = []
    for word in line.words:
        if pieces and word.x0 - pieces[-1][-1].x1 <= CELL_GAP * height:
            pieces[-1].append(word)
        else:
            pieces.append([word])
    line.pieces = pieces
    return pieces


def _join_lines(texts: Sequence[str]) -> str:
    """Wrapped lines of one cell: CJK text and numbers continue without a space, other text
    (Latin words) with one."""
    out = ""
    for text in texts:
        if not text:
            continue
        if (
            out
            and not (_is_wide(out[-1]) or _is_wide(text[0]))
            and not (out[-1] in _DIGITS and text[0] in _DIGITS)
        ):
            out += " "
        out += text
    return out


def _bbox_of(words: Sequence[_Word]) -> BBox:
    first = words[0]
    x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
    for w in words:
        if w.x0 < x0:
            x0 = w.x0
        if w.y0 < y0:
            y0 = w.y0
        if w.x1 > x1:
            x1 = w.x1
        if w.y1 > y1:
            y1 = w.y1
    return (x0, y0, x1, y1)


def _plain_line(line: _Line, page: int) -> RawLine:
    height = _line_height(line.words)
    cells = [RawCell(_join_words(piece, height), _bbox_of(piece)) for piece in _split_cells(line)]
    # Positional: making a class instance with keyword arguments costs twice as much.
    return RawLine(
        " ".join(cell.text for cell in cells),  # text
        page,
        line.number,
        (line.x0, line.y0, line.x1, line.y1),  # bbox
        cells,
        round(height, 1),  # size: the font size, roughly (the median word box height)
    )


# --------------------------------------------------------------------------------------------
# rulings and grids

_Seg = tuple[float, float, float]  # (position, start, end): y,x0,x1 for H; x,y0,y1 for V


@lru_cache(maxsize=64)
def _is_light(color: tuple[float, ...] | None) -> bool:
    """No paint, or white/near-white paint: invisible on paper, so not a ruling."""
    return color is None or all(c > 0.9 for c in color)


def _paint(value: Any) -> tuple[float, ...] | None:
    if not value:
        return None
    if type(value) is tuple:
        return value  # what get_cdrawings gives: a tuple of floats
    try:
        return tuple(float(c) for c in value)
    except (TypeError, ValueError):
        return None


def _inked(value: Any) -> bool:
    """Paint that shows on paper: ``not _is_light(_paint(value))``, at once for the RGB
    triple of floats that get_cdrawings gives (no call, no hashing for a cache)."""
    if type(value) is tuple and len(value) == 3:
        r, g, b = value
        return not (r > 0.9 and g > 0.9 and b > 0.9)
    return not _is_light(_paint(value))


_Point = tuple[float, float]


class _Rulings:
    """Horizontal and vertical segments gathered from a page's vector paths."""

    def __init__(self, matrix: Any) -> None:
        self.matrix = matrix  # page rotation, or None
        self.hs: list[_Seg] = []
        self.vs: list[_Seg] = []

    def point(self, p: Sequence[float]) -> _Point:
        if self.matrix is None:
            return (p[0], p[1])
        q = pymupdf.Point(p[0], p[1]) * self.matrix
        return (q.x, q.y)

    def line(self, a: _Point, b: _Point) -> None:
        (x0, y0), (x1, y1) = a, b
        if abs(y1 - y0) <= RULE_POS_TOL and abs(x1 - x0) > RULE_POS_TOL:
            self.hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= RULE_POS_TOL and abs(y1 - y0) > RULE_POS_TOL:
            self.vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def rect(self, a: _Point, b: _Point, stroked: bool) -> None:
        self.box(a[0], a[1], b[0], b[1], stroked)

    def box(self, ax: float, ay: float, bx: float, by: float, stroked: bool) -> None:
        """A rectangle by two opposite corners: a ruling when thin, four when a stroked box."""
        x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
        y0, y1 = (ay, by) if ay <= by else (by, ay)
        w, h = x1 - x0, y1 - y0
        if h <= RULE_MAX_THICKNESS and w > 2 * h:
            self.hs.append(((y0 + y1) / 2, x0, x1))
        elif w <= RULE_MAX_THICKNESS and h > 2 * w:
            self.vs.append(((x0 + x1) / 2, y0, y1))
        elif stroked and w > RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            self.hs.extend(((y0, x0, x1), (y1, x0, x1)))
            self.vs.extend(((x0, y0, y1), (x1, y0, y1)))

    def polygon(self, points: list[_Point]) -> None:
        """A filled outline (a transformed rectangle): a rect when its edges are axis-parallel."""
        if len(points) > 6:
            return
        for (ax, ay), (bx, by) in pairwise(points):
            if abs(ax - bx) > 0.01 and abs(ay - by) > 0.01:
                return
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        self.rect((min(xs), min(ys)), (max(xs), max(ys)), False)

    def add_path(self, path: dict[str, Any]) -> None:
        kind = path.get("type", "")
        stroked = "s" in kind and _inked(path.get("color"))
        filled = "f" in kind and _inked(path.get("fill"))
        if not (stroked or filled):
            return
        items = path.get("items", ())
        if len(items) == 1 and self.matrix is None and items[0][0] == "re":
            r = items[0][1]  # one rectangle: a table's ruling or cell (the common path)
            self.box(r[0], r[1], r[2], r[3], stroked)
            return
        outline: list[_Point] = []  # a filled shape drawn as a run of lines
        for item in items:
            op = item[0]
            if op == "l":
                a, b = self.point(item[1]), self.point(item[2])
                if stroked:
                    self.line(a, b)
                elif outline and outline[-1] == a:
                    outline.append(b)
                else:
                    if outline:
                        self.polygon(outline)
                    outline = [a, b]
            elif op == "re":
                r = item[1]
                if self.matrix is None:
                    self.box(r[0], r[1], r[2], r[3], stroked)
                else:
                    self.rect(self.point(r[:2]), self.point(r[2:4]), stroked)
            elif op == "qu":
                corners = [self.point(p) for p in item[1]]
                if stroked:
                    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
                        self.line(a, b)
                else:
                    self.polygon([*corners, corners[0]])
        if outline:
            self.polygon(outline)


def _merge_segments(segs: list[_Seg]) -> list[_Seg]:
    """Join collinear segments that touch or nearly touch (Word draws one per cell edge)."""
    out: list[_Seg] = []
    segs.sort()
    n = len(segs)
    i = 0
    while i < n:
        first = segs[i]
        j = i
        while j + 1 < n and segs[j + 1][0] - first[0] <= RULE_POS_TOL:
            j += 1
        if j == i:  # alone on its line (the common case)
            out.append(first)
            i += 1
            continue
        group = sorted(segs[i : j + 1], key=lambda s: s[1])
        pos = sum(s[0] for s in group) / len(group)
        start, end = group[0][1], group[0][2]
        for _, a, b in group[1:]:
            if a <= end + RULE_GAP_TOL:
                end = max(end, b)
            else:
                out.append((pos, start, end))
                start, end = a, b
        out.append((pos, start, end))
        i = j + 1
    return out


def _cluster_positions(values: Iterable[float]) -> list[float]:
    """Distinct grid lines: positions closer than GRID_MERGE collapse to their mean."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= GRID_MERGE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


@dataclass(slots=True)
class _Grid:
    hs: list[_Seg]
    vs: list[_Seg]
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _find_grids(hs: list[_Seg], vs: list[_Seg]) -> list[_Grid]:
    """Connected groups of crossing rulings that form at least a 2×2 grid."""
    hs = _merge_segments(hs)
    vs = _merge_segments(vs)
    n = len(hs) + len(vs)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = RULE_GAP_TOL
    v_pos = [seg[0] for seg in vs]  # sorted by position (merge sorts them)
    nh = len(hs)
    for i, (y, x0, x1) in enumerate(hs):
        # A horizontal ruling is still alone here (only rulings already seen were linked).
        # It joins the set of the first vertical it crosses, whose root then stays the root:
        # the other verticals of a table already hang right under it, so most crossings
        # cost one comparison (which root a set has does not matter: sets are read out in
        # index order below).
        root = i
        for j in range(bisect_left(v_pos, x0 - t), bisect_right(v_pos, x1 + t)):
            _, y0, y1 = vs[j]
            if y0 - t <= y <= y1 + t:
                other = nh + j
                if parent[other] == root:
                    continue
                while parent[other] != other:  # find(), written out: the hot loop
                    parent[other] = parent[parent[other]]
                    other = parent[other]
                if other != root:
                    if root == i:
                        parent[i] = other
                        root = other
                    else:
                        parent[other] = root
    groups: dict[int, _Grid] = {}
    for k in range(n):
        root = find(k)
        grid = groups.get(root)
        if grid is None:
            grid = groups[root] = _Grid([], [])
        if k < nh:
            grid.hs.append(hs[k])
        else:
            grid.vs.append(vs[k - nh])
    grids: list[_Grid] = []
    for grid in groups.values():
        if not grid.hs or not grid.vs:
            continue
        # The outer box counts as a ruling even where a border is not drawn (open sides).
        h_ys, h_x0s, h_x1s = zip(*grid.hs, strict=True)  # the segments' columns, in C
        v_xs, v_y0s, v_y1s = zip(*grid.vs, strict=True)
        left = min(min(h_x0s), min(v_xs))
        right = max(max(h_x1s), max(v_xs))
        top = min(min(h_ys), min(v_y0s))
        bottom = max(max(h_ys), max(v_y1s))
        grid.xs = _cluster_positions([left, right, *v_xs])
        grid.ys = _cluster_positions([top, bottom, *h_ys])
        if len(grid.xs) >= 3 and len(grid.ys) >= 3:
            grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _spans_by_line(segs: list[_Seg], lines: list[float]) -> list[list[tuple[float, float]]]:
    """The extents of the segments lying on each grid line."""
    out: list[list[tuple[float, float]]] = [[] for _ in lines]
    for pos, a, b in segs:
        k = bisect_right(lines, pos)  # lines[k - 1] <= pos < lines[k]
        if k and (k == len(lines) or pos - lines[k - 1] <= lines[k] - pos):
            k -= 1
        if abs(lines[k] - pos) <= GRID_MERGE:
            out[k].append((a, b))
    return [_merge_spans(spans) for spans in out]


def _merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A grid line's segments joined where their tolerances touch (a border drawn cell by
    cell is one segment): what :func:`_covered` and :func:`_crossed_bands` answer is the
    same, and a line drawn in pieces across the whole grid is seen as one."""
    if len(spans) < 2:
        return spans
    spans.sort()
    gap = 2 * RULE_GAP_TOL
    merged = [spans[0]]
    for a, b in spans[1:]:
        a0, b0 = merged[-1]
        if a - b0 <= gap:
            if b > b0:
                merged[-1] = (a0, b)
        else:
            merged.append((a, b))
    return merged


def _covered(spans: list[tuple[float, float]], at: float) -> bool:
    """Whether one of a grid line's segments crosses coordinate ``at``."""
    t = RULE_GAP_TOL
    for a, b in spans:  # noqa: SIM110 (a loop makes no generator on each of many calls)
        if a - t <= at <= b + t:
            return True
    return False


def _crossed_bands(spans: list[tuple[float, float]], mids: list[float]) -> set[int]:
    """The bands (by their middle) that one of a vertical grid line's segments crosses."""
    t = RULE_GAP_TOL
    out: set[int] = set()
    for a, b in spans:
        out.update(range(bisect_left(mids, a - t), bisect_right(mids, b + t)))
    return out


class _Cell:
    """A region of a grid: columns ``col``…``col + span - 1``, bands ``top``…``bottom``."""

    __slots__ = ("bottom", "col", "home", "span", "top", "words")

    def __init__(self, col: int, span: int, band: int) -> None:
        self.col = col
        self.span = span
        self.top = band  # first band
        self.bottom = band  # last band (inclusive); grows when the cell below merges in
        self.home = band  # the band its text belongs to (moved for merged cells)
        self.words: list[_Word] = []


def _build_table(grid: _Grid, words: list[_Word], tops: list[float], page: int) -> RawTable:
    """One ruled grid as a table; ``tops`` are the sorted tops of every visual line on the
    page (an empty row takes the number of the last line above it).  A row's line number is
    the first visual line holding its text (the words' ``line``, set when the page's lines
    are numbered)."""
    xs, ys = grid.xs, grid.ys
    ncols, nbands = len(xs) - 1, len(ys) - 1
    # Cell regions per band: a band's column edges are the vertical rulings crossing it.
    band_cells: list[list[_Cell]] = []
    col_owner: list[list[_Cell]] = []  # band -> grid column -> cell covering it
    merged: list[_Cell] = []  # cells over more than one band
    v_spans = _spans_by_line(grid.vs, xs)
    h_spans = _spans_by_line(grid.hs, ys)
    mids = [(ys[r] + ys[r + 1]) / 2 for r in range(nbands)]
    crossing = [_crossed_bands(v_spans[i], mids) for i in range(ncols)]
    inner = range(1, ncols)
    # a ruling across it all covers every cell's middle (as _covered would say)
    x_left, x_right = xs[0] + RULE_GAP_TOL, xs[-1] - RULE_GAP_TOL
    for r in range(nbands):
        inner_edges = [i for i in inner if r in crossing[i]]
        h_line = h_spans[r]
        # Merged with the cell above when no horizontal ruling separates them.
        may_merge = r > 0 and not (
            len(h_line) == 1 and h_line[0][0] <= x_left and h_line[0][1] >= x_right
        )
        if not may_merge and len(inner_edges) == ncols - 1:  # one cell per column (common)
            row = [_Cell(c, 1, r) for c in range(ncols)]
            band_cells.append(row)
            col_owner.append(row)
            continue
        row = []
        owner: list[_Cell] = []
        for a, b in pairwise([0, *inner_edges, ncols]):
            cell = None
            if may_merge and not _covered(h_line, (xs[a] + xs[b]) / 2):
                above = col_owner[r - 1][a]
                if above.col == a and above.span == b - a:
                    if above.bottom == above.top:
                        merged.append(above)
                    above.bottom = r
                    cell = above
            if cell is None:
                cell = _Cell(a, b - a, r)
            row.append(cell)
            if b - a == 1:
                owner.append(cell)
            else:
                owner.extend([cell] * (b - a))
        band_cells.append(row)
        col_owner.append(owner)

    last_band, last_col = nbands - 1, ncols - 1
    ys2 = [2 * y for y in ys]  # a word's band by its ``mid`` (top + bottom): no halving per word
    for whole in words:
        r = bisect_right(ys2, whole.mid) - 1
        r = 0 if r < 0 else last_band if r > last_band else r
        c = bisect_right(xs, whole.x0)
        if c == bisect_right(xs, whole.x1):  # within one column (its centre's): the common case
            c -= 1
            c = 0 if c < 0 else last_col if c > last_col else c
            col_owner[r][c].words.append(whole)
            continue
        for word in _split_at_rulings(whole, xs, crossing, r):
            c = min(max(bisect_right(xs, word.cx) - 1, 0), ncols - 1)
            col_owner[r][c].words.append(word)

    # A merged cell's text belongs to the band holding the centre of that text.
    for cell in merged:
        if cell.words:
            _, y0, _, y1 = _bbox_of(cell.words)
            band = bisect_right(ys, (y0 + y1) / 2) - 1
            cell.home = min(max(band, cell.top), cell.bottom)

    rows: list[RawLine] = []
    for r, row in enumerate(band_cells):
        cells: list[RawCell] = []
        fields = [""] * ncols
        top, bottom = ys[r], ys[r + 1]
        number = max(bisect_right(tops, top), 1)  # else the last line above the row
        first = 0  # the first visual line holding the row's text (0: none yet)
        for cell in row:
            col = cell.col
            if cell.home != r:  # the band of a merged cell its text is not in
                text = ""
                bbox = (xs[col], top, xs[col + cell.span], bottom)
            else:
                ws = cell.words
                if not ws:
                    text = ""
                else:
                    text = ws[0].text if len(ws) == 1 else _cell_text(ws)
                    for w in ws:
                        n = w.line or number  # a piece split off a word, or an overprint
                        if not first or n < first:
                            first = n
                bbox = (xs[col], ys[cell.top], xs[col + cell.span], ys[cell.bottom + 1])
            fields[col] = text
            cells.append(RawCell(text, bbox, col, cell.span))
        rows.append(
            RawLine(  # text, page, line, bbox, cells (positional: see _plain_line)
                "\t".join(fields),
                page,
                first or number,
                (xs[0], top, xs[-1], bottom),
                cells,
            )
        )
    return RawTable(rows=rows, page=page, bbox=grid.bbox, ncols=ncols, ruled=True)


def _split_at_rulings(
    word: _Word, xs: list[float], crossing: list[set[int]], band: int
) -> list[_Word]:
    """A word that runs across a vertical ruling of its band (two cells' texts the PDF
    stores as one word: "便携式计算机（20万以下）分散自行组织") split at the ruling; the
    characters are taken as equally wide, which holds for the CJK text of these tables."""
    n = len(word.text)
    width = word.x1 - word.x0
    if n < 2 or width <= 0:
        return [word]
    char = width / n
    cuts: list[int] = []
    for i in range(bisect_right(xs, word.x0 + char / 2), len(xs)):
        x = xs[i]
        if x >= word.x1 - char / 2:
            break
        if band in crossing[i]:
            k = round((x - word.x0) / char)
            if 0 < k < n and (not cuts or k > cuts[-1]):
                cuts.append(k)
    if not cuts:
        return [word]
    pieces: list[_Word] = []
    for a, b in pairwise([0, *cuts, n]):
        pieces.append(
            _Word(word.x0 + a * char, word.y0, word.x0 + b * char, word.y1, word.text[a:b])
        )
    return pieces


def _cell_text(words: list[_Word]) -> str:
    if len(words) <= 1:
        return words[0].text if words else ""
    lines = _cluster_lines(words)
    return _join_lines([_join_words(ln.words, _line_height(ln.words)) for ln in lines])


# --------------------------------------------------------------------------------------------
# pages and documents


#: PyMuPDF's own flags for ``page.get_text("words")`` (ligatures and white space kept, text
#: clipped to the media box, CIDs for characters without Unicode).
_WORD_FLAGS = pymupdf.TEXTFLAGS_WORDS
_IDENTITY = pymupdf.Matrix(1, 1)
_ROTATE = pymupdf.mupdf.PDF_ENUM_NAME_Rotate


def _rotation(fz_page: Any) -> int:
    """The page's /Rotate as ``page.rotation`` gives it: 0, 90, 180 or 270 (0 for a value
    that is not a multiple of 90)."""
    mupdf = pymupdf.mupdf
    pdf_page = mupdf.pdf_page_from_fz_page(fz_page)
    if not pdf_page.m_internal:
        return 0
    value = mupdf.pdf_to_int(mupdf.pdf_dict_get_inheritable(pdf_page.obj(), _ROTATE)) % 360
    return 0 if value % 90 else value


def _raw_words(page: Any | None, fz_page: Any) -> list[Any]:
    """What ``page.get_text("words", sort=False)`` gives.  An unrotated page (``page`` None)
    is read by the calls that method makes, without its Python layers (which look up the
    page's rotation and bounds again on every call); a rotated page through the method
    itself, which turns the page upright while it reads."""
    if page is not None:
        words: list[Any] = page.get_text("words", sort=False)
        return words
    textpage = pymupdf.mupdf.FzStextPage(
        pymupdf.extra.page_get_textpage(fz_page, None, _WORD_FLAGS, _IDENTITY)
    )
    words = pymupdf.extra.extractWORDS(textpage, None)
    return words


def _drawings(page: Any | None, fz_page: Any) -> list[dict[str, Any]]:
    """What ``page.get_cdrawings()`` gives, by the same token as :func:`_raw_words`."""
    if page is not None:
        paths: list[dict[str, Any]] = page.get_cdrawings()
        return paths
    paths = pymupdf.extra.get_cdrawings(fz_page, None, None, None)
    return paths


def _page_size(doc: Any, index: int, fz_page: Any) -> tuple[float, float]:
    """Width and height of the page as displayed (``page.rect``)."""
    box = pymupdf.mupdf.fz_bound_page(fz_page)
    if pymupdf.mupdf.fz_is_infinite_rect(box):  # PyMuPDF falls back on the crop box
        rect = doc.load_page(index).rect
        return float(rect.width), float(rect.height)
    return float(box.x1 - box.x0), float(box.y1 - box.y0)


def _page_words(page: Any | None, matrix: Any, fz_page: Any) -> list[_Word]:
    words: list[_Word] = []
    # (x0, y0, x1, y1, word, block, line, word number): unpacked whole, no slice made
    for x0, y0, x1, y1, text, _, _, _ in _raw_words(page, fz_page):
        text = text.strip()
        if not text:
            continue
        if matrix is not None:
            r = pymupdf.Rect(x0, y0, x1, y1) * matrix
            x0, y0, x1, y1 = r.x0, r.y0, r.x1, r.y1
        if y1 - y0 < 1.0:  # degenerate glyph boxes (some Type 3 fonts): keep the text
            half = max((x1 - x0) / len(text), 1.0) / 2
            y0, y1 = (y0 + y1) / 2 - half, (y0 + y1) / 2 + half
        words.append(_Word(x0, y0, x1, y1, text))
    return words


def _lines_by_group(
    lines: list[_Line], ngrids: int
) -> tuple[list[_Line], list[list[_Line]] | None]:
    """The page's visual lines shared out to the text outside the grids and to each grid,
    which spares clustering each part's words again (that gives the same lines unless a
    part's lines are so crowded that the clustering window reaches different ones); None
    for the grids when a line has words both inside and outside a grid, or in two grids."""
    free: list[_Line] = []
    tables: list[list[_Line]] = [[] for _ in range(ngrids)]
    for line in lines:
        k = line.words[0].grid
        for word in line.words:
            if word.grid != k:
                return free, None
        (tables[k] if k >= 0 else free).append(line)
    return free, tables


def _read_page(doc: Any, index: int, number: int) -> tuple[RawPage, int]:
    """One page in the raw form, and the number of non-space characters on it.

    An unrotated page is read from the MuPDF page itself (see :func:`_raw_words`); PyMuPDF's
    page object, whose making costs as much as a small page's words, only for a rotated one.
    """
    fz_page = pymupdf.mupdf.fz_load_page(doc.this, index)
    rotation = _rotation(fz_page)
    page = doc.load_page(index) if rotation else None
    matrix = page.rotation_matrix if page is not None else None
    words = _page_words(page, matrix, fz_page)
    chars = sum([len(w.text) for w in words])
    width, height = _page_size(doc, index, fz_page)
    raw = RawPage(number, width=width, height=height, rotation=rotation)
    if not words:
        return raw, 0

    # A page whose every visual line is one piece of text (prose, a cover) holds no table:
    # its vector paths are not read, which is as costly as reading the text.
    all_lines = _cluster_lines(words)
    grids: list[_Grid] = []
    if any(len(_split_cells(line)) > 1 for line in all_lines):
        try:
            paths = _drawings(page, fz_page)
        except Exception:  # a broken content stream: read the text, leave the tables unruled
            paths = []
        if paths and len(paths) <= MAX_PATHS:
            rulings = _Rulings(matrix)
            for path in paths:
                rulings.add_path(path)
            grids = _find_grids(rulings.hs, rulings.vs)

    table_words: list[list[_Word]] = [[] for _ in grids]
    free_lines: list[_Line] = all_lines
    table_lines: list[list[_Line]] = []
    if grids:
        boxes = [grid.bbox for grid in grids]
        free: list[_Word] = []
        for word in words:
            cx, cy = (word.x0 + word.x1) / 2, word.mid / 2
            for k, (x0, y0, x1, y1) in enumerate(boxes):
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    table_words[k].append(word)
                    word.grid = k
                    break
            else:
                free.append(word)
                word.grid = -1
        free_lines, shared = _lines_by_group(all_lines, len(grids))
        if shared is not None:
            table_lines = shared
        else:  # a line runs across a grid's edge: cluster each part's words anew
            free_lines = _cluster_lines(free)
            table_lines = [_cluster_lines(ws) for ws in table_words]

    # Number every visual line on the page, table text included, in vertical order.
    everything = sorted(
        [*free_lines, *(ln for lines in table_lines for ln in lines)],
        key=_Y0_X0,
    )
    for i, line in enumerate(everything, start=1):
        line.number = i
        for word in line.words:
            word.line = i
    tops = [line.y0 for line in everything]

    placed: list[tuple[float, int, RawItem]] = [
        (line.y0, line.number, _plain_line(line, number)) for line in free_lines
    ]
    for grid, ws in zip(grids, table_words, strict=True):
        table = _build_table(grid, ws, tops, number)
        placed.append((grid.ys[0], table.line, table))
    placed.sort(key=lambda p: (p[0], p[1]))
    raw.items = [item for _, _, item in placed]
    return raw, chars


def _open(path: Path, data: bytes) -> Any:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        raise CorruptFileError(f"PDF 文件已损坏，无法打开：{path}") from exc
    try:
        if doc.needs_pass:
            raise EncryptedFileError(f"PDF 文件已加密，请提供未加密的文件：{path}")
        if doc.page_count == 0:
            raise CorruptFileError(f"PDF 文件已损坏，无法打开（没有页面）：{path}")
        if doc.is_repaired and b"%%EOF" not in data[-2048:]:
            # MuPDF rebuilt the cross-reference table of a file that stops short: whatever
            # follows the cut (fonts, page contents) is gone, so the text would be incomplete.
            raise CorruptFileError(f"PDF 文件不完整（可能下载或复制中断），无法可靠读取：{path}")
    except (EncryptedFileError, CorruptFileError):
        doc.close()
        raise
    except Exception as exc:
        doc.close()
        raise CorruptFileError(f"PDF 文件已损坏，无法打开：{path}") from exc
    return doc


def _metadata(doc: Any) -> dict[str, str]:
    try:
        meta = doc.metadata or {}
    except Exception:
        return {}
    return {key: str(meta[key]) for key in _METADATA_KEYS if meta.get(key)}


def _is_image_page(doc: Any, number: int, chars: int) -> bool:
    """A page that is a picture: no text and an image, or hardly any text and a large image."""
    try:
        page = doc[number - 1]
        if chars == 0:
            return bool(page.get_images())
        if not page.get_images():
            return False
        area = abs(page.rect)
        return any(
            abs(pymupdf.Rect(info["bbox"]) & page.rect) >= 0.5 * area
            for info in page.get_image_info()
        )
    except Exception:
        return False


def _quiet_mupdf() -> tuple[Any, Any]:
    """Silence MuPDF's own stderr messages (repairs, broken fonts); returns the old state."""
    tools = pymupdf.TOOLS
    old = (tools.mupdf_display_errors(), tools.mupdf_display_warnings())
    tools.mupdf_display_errors(False)
    tools.mupdf_display_warnings(False)
    return old


def read_pdf(path: Path, data: bytes) -> RawDocument:
    """Read a PDF into the common raw form.  Raises :class:`JuesuanError` subclasses only."""
    old = _quiet_mupdf()
    try:
        return _read(path, data)
    finally:
        pymupdf.TOOLS.mupdf_display_errors(old[0])
        pymupdf.TOOLS.mupdf_display_warnings(old[1])


def _read(path: Path, data: bytes) -> RawDocument:
    doc = _open(path, data)
    try:
        pages: list[RawPage] = []
        total = 0
        sparse: list[tuple[int, int]] = []  # (page number, characters) of near-empty pages
        count = doc.page_count
        for index in range(count):
            number = index + 1
            try:
                raw, chars = _read_page(doc, index, number)
            except Exception as exc:
                raise CorruptFileError(f"PDF 第 {number} 页已损坏，无法读取：{path}") from exc
            pages.append(raw)
            page_done(number, count)
            total += chars
            if chars < SPARSE_PAGE_CHARS:
                sparse.append((number, chars))
        image_pages = [n for n, chars in sparse if _is_image_page(doc, n, chars)]
        if image_pages and len(sparse) == len(pages):
            raise ScannedPdfError(f"PDF 没有文字层（扫描件），暂不支持识别图片：{path}")
        if total == 0:
            raise CorruptFileError(f"PDF 没有任何文字内容：{path}")
        metadata = _metadata(doc)
        if image_pages:
            # Pages that are only a picture (a scanned table, say): their text is not read.
            metadata["image_only_pages"] = ",".join(str(n) for n in image_pages)
        return RawDocument(
            path=str(path),
            format="pdf",
            pages=pages,
            page_count=len(pages),
            metadata=metadata,
        )
    finally:
        doc.close()
