"""The outline reader's shortcuts must read exactly what their plain forms read.

A table row's text in the line stream is its cells joined, not tidied (see
:class:`juesuan.structure.outline.Line`): every test the outline makes on it must agree with
the tidied form the stream used to hold, compared on every row of every sample."""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Disclosure, SourceInfo, TocEntry
from juesuan.sources import load
from juesuan.structure import outline
from juesuan.structure.outline import UNIT_LABELS, Line, line_stream, tidied
from juesuan.structure.textutil import contains_any, squash, tidy

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


def test_rows_skipped_by_the_unit_vote_hold_no_label() -> None:
    """``infer_unit_and_kind`` skips a table row holding neither 单 nor 部: every label it
    looks for (and 部分) holds one of them, so no such row can carry a label."""
    for word in (*UNIT_LABELS, "部分"):
        assert "单" in word or "部" in word, word
    rows = [ln for name in NAMES for ln in line_stream(load(SAMPLES / name)) if ln.in_table]
    for ln in rows:
        if "单" not in ln.text and "部" not in ln.text:
            t = squash(ln.text)
            assert not contains_any(t, UNIT_LABELS) and "部分" not in t


def test_unnumbered_part_titles_found_only_where_they_can_be() -> None:
    """``_unnumbered_part`` returns at once where neither kind of title can be printed; the
    full test gives the same answers on every text line of the samples, every way called."""
    found = 0
    for name in NAMES:
        raw = load(SAMPLES / name)
        lines = [ln for ln in line_stream(raw) if not ln.in_table and ln.text]
        doc = Disclosure(source=SourceInfo(path=name, format="pdf", pages=0, sha256=""))
        doc.toc = []
        parts = {
            "主要职能": TocEntry(0, "一", "主要职能", None, lines[0].evidence),
            "名词解释": TocEntry(0, "二", "名词解释", None, lines[0].evidence),
        }
        for ln in lines:
            for toc_parts in ({}, parts):
                for at_top in (False, True):
                    for no_toc in (False, True):
                        args = (ln, at_top, toc_parts, None, no_toc)
                        title = outline._unnumbered_part(*args)
                        assert title == plain_unnumbered_part(*args)
                        found += title is not None
    assert found > 10


def plain_unnumbered_part(
    ln: Line, at_top: bool, toc_parts: dict[str, TocEntry], unit: str | None, no_toc: bool
) -> str | None:
    """``_unnumbered_part`` as written before its early return."""
    t = squash(ln.text)
    if (
        not t
        or len(t) > outline.MAX_PART_TITLE_CHARS
        or outline.HEADING_PUNCT.search(t)
        or outline._LIST_MARK_RE.search(t)
    ):
        return None
    core = outline.part_core(t, unit)
    if not core or outline.part_key(core) is None:
        return None
    if core in toc_parts and (at_top or ln.raw.page is None):
        return ln.text.strip()
    if no_toc and at_top and core in outline._standalone_part_titles():
        return ln.text.strip()
    return None
