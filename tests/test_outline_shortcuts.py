"""The outline reader's shortcuts must read exactly what their plain forms read.

A table row's text in the line stream is its cells joined, not tidied (see
:class:`juesuan.structure.outline.Line`): every test the outline makes on it must agree with
the tidied form the stream used to hold, compared on every row of every sample."""

from __future__ import annotations

from pathlib import Path

from juesuan.sources import load
from juesuan.structure.outline import Line, line_stream, tidied
from juesuan.structure.textutil import squash, tidy

SAMPLES = Path(__file__).parent.parent / "samples"
NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".txt"})


def plain_row_text(cells: list[str]) -> str:
    """What the stream held for a table row before: its non-blank cells joined, tidied."""
    stripped = [c.strip() for c in cells]
    return tidy(" ".join([c for c in stripped if c]))


def test_a_rows_untidied_text_agrees_with_its_tidied_form() -> None:
    rows = [ln for name in NAMES for ln in line_stream(load(SAMPLES / name)) if ln.in_table]
    assert len(rows) > 1000
    for ln in rows:
        plain = plain_row_text([c.text for c in ln.raw.cells])
        assert tidied(ln) == plain
        assert bool(ln.text) == bool(plain)  # emptiness tests
        assert squash(ln.text) == squash(plain)  # cover, unit and scope votes


def test_rows_with_odd_white_space() -> None:
    from juesuan.sources.raw import RawCell, RawLine

    for cells in (
        ["  ", "\u3000"],
        ["公开 时间", "2024 年 2 月"],
        ["一、 部门 概况", " 3 "],
        ["\xa0目\u3000录\xa0"],
        ["2024\t年度", "", "1 069.86"],
    ):
        row = RawLine("\t".join(cells), 1, 1, None, [RawCell(c) for c in cells])
        ln = Line(" ".join([c.strip() for c in cells if c.strip()]), row, True)
        plain = plain_row_text(cells)
        assert tidied(ln) == plain
        assert bool(ln.text) == bool(plain)
        assert squash(ln.text) == squash(plain)
