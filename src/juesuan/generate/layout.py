"""Shared layout helpers for the renderers: CJK line breaking and table grids.

Nothing here draws; it measures.  ``render_pdf`` uses the line breaker and the column-width
fitting with real glyph advances; ``render_html`` and ``render_docx`` use the header grid
placement (the same colspan/rowspan rules as HTML).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from juesuan.generate.document import HeaderCell, TableBlock

#: Characters that must not begin a line (they hang onto the previous line's last word).
NO_LINE_START = frozenset("，。、；：！？）》」』”’%％…—·,.;:!?)]}")
#: Characters that must not end a line.
NO_LINE_END = frozenset("（《「『“‘([{")

_TOKEN = re.compile(r"[0-9A-Za-z.,%+\-/:_@#&]+|\s+|.", re.S)
_NUMBER = re.compile(r"^[-+]?[0-9][0-9,]*(\.[0-9]+)?%?$|^[-+]?\.[0-9]+%?$")


def is_number(text: str) -> bool:
    """An amount, count or percentage as printed in a table cell ("1,069.86", "-3.5%")."""
    return bool(_NUMBER.match(text.strip()))


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: a run of Latin letters/digits, a run of spaces, or one character."""
    return _TOKEN.findall(text)


def break_lines(
    text: str, width: float, measure: Callable[[str], float], first_indent: float = 0.0
) -> list[str]:
    """Greedy CJK line breaking.

    Lines break between any two CJK characters, never inside a number or Latin word (unless
    the word alone is wider than the line), never before closing punctuation or after opening
    punctuation (the word before moves down with it).  Explicit newlines are kept.
    """
    out: list[str] = []
    for para_no, para in enumerate(text.split("\n")):
        indent = first_indent if para_no == 0 else 0.0
        out.extend(_break_para(para, width, measure, indent))
    return out


def _break_para(
    text: str, width: float, measure: Callable[[str], float], indent: float
) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    avail = max(width - indent, 1.0)
    for tok in tokens(text):
        w = measure(tok)
        if line and used + w > avail + 0.01 and not tok.isspace():
            carry: list[str] = []
            if tok[0] in NO_LINE_START and len(line) > 1:
                carry = [line.pop()]  # the word before the punctuation goes down with it
            while len(line) > 1 and line[-1] and line[-1][-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = carry
            used = sum(measure(t) for t in line)
            avail = max(width, 1.0)
        if not line and tok.isspace():
            continue
        if not line and w > avail:  # a word wider than the line: split it by characters
            for ch in tok:
                cw = measure(ch)
                if line and used + cw > avail + 0.01:
                    lines.append("".join(line))
                    line, used, avail = [], 0.0, max(width, 1.0)
                line.append(ch)
                used += cw
            continue
        line.append(tok)
        used += w
    if line or not lines:
        lines.append("".join(line).rstrip())
    return lines


@dataclass(slots=True)
class PlacedCell:
    """A header cell placed on the grid: first row/column and spans."""

    cell: HeaderCell
    row: int
    col: int
    rowspan: int
    colspan: int


def place_header(table: TableBlock) -> list[PlacedCell]:
    """Place header cells on the grid as HTML does (a rowspan occupies the rows below);
    spans are clipped to the grid."""
    n_cols = table.n_cols
    n_rows = len(table.header_rows)
    taken: set[tuple[int, int]] = set()
    placed: list[PlacedCell] = []
    for r, row in enumerate(table.header_rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            if c >= n_cols:
                break
            cs = max(1, min(cell.colspan, n_cols - c))
            rs = max(1, min(cell.rowspan, n_rows - r))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            placed.append(PlacedCell(cell, r, c, rs, cs))
            c += cs
    return placed


_LINE_NO = re.compile(r"^\d{1,2}$")


def cell_align(text: str) -> str:
    """How a body cell is aligned, as in published tables: amounts, shares and counts with
    decimals to the right, 行次/栏次 numbers (one or two digits) centred, everything else —
    names and 科目编码 — to the left."""
    t = text.strip()
    if _LINE_NO.match(t):
        return "center"
    if is_number(t) and not t.isdigit():
        return "right"
    return "left"


def numeric_columns(table: TableBlock, blank_is_numeric: bool = False) -> list[bool]:
    """Columns whose body cells are all numbers or blank (at least one number, unless
    ``blank_is_numeric``: then an all-blank column counts too — an amount column with
    nothing to report)."""
    n = table.n_cols
    seen = [False] * n
    other = [False] * n
    for row in table.rows:
        for c, text in enumerate(row[:n]):
            t = text.strip()
            if not t:
                continue
            if is_number(t):
                seen[c] = True
            else:
                other[c] = True
    if blank_is_numeric and table.rows:
        return [not other[c] for c in range(n)]
    return [seen[c] and not other[c] for c in range(n)]


def text_ems(text: str) -> float:
    """Rough printed width in em: CJK and full-width characters 1, others about half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)


def column_weights(table: TableBlock) -> list[float]:
    """Relative column widths for renderers that let the viewer lay out the table (Word,
    HTML): amount columns as wide as their longest number, name columns up to 16 characters
    (then they wrap), header words up to 5–6 characters (then they wrap)."""
    n = table.n_cols
    numeric = numeric_columns(table, blank_is_numeric=True)
    body = [0.0] * n
    for row in table.rows:
        for c, text in enumerate(row[:n]):
            body[c] = max(body[c], text_ems(text.strip()))
    head = [0.0] * n
    for pc in place_header(table):
        if pc.colspan == 1:
            head[pc.col] = max(head[pc.col], text_ems(pc.cell.text.replace("\n", "")))
    weights: list[float] = []
    for c in range(n):
        if numeric[c]:
            weights.append(max(body[c], min(head[c], 5.0), 3.0) + 1.2)
        else:
            weights.append(max(min(body[c], 16.0), min(head[c], 6.0), 2.0) + 1.2)
    return weights
