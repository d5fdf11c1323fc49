"""Stage 1 of the performance reader: rows, and the recognisers of single cells (words)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.catalog import performance
from juesuan.catalog.performance import PerformanceLayout, layout
from juesuan.model import Evidence
from juesuan.model.performance import Cell, Nature
from juesuan.sources import load
from juesuan.sources.raw import RawCell, RawDocument, RawLine, RawPage, RawTable
from juesuan.structure import build
from juesuan.structure.performance import totals, words
from juesuan.structure.performance.rows import (
    Row,
    RowCell,
    extend_cell,
    form_rows,
    join_cells,
    line_row,
    logical_rows,
    one_cell_form,
    physical_rows,
    value_cell,
)
from juesuan.structure.performance.spans import find_spans, standard_lines
from juesuan.structure.textutil import squash
from tests.performance_kit import T, boxed, pdf_rows, phys, raw_text, row

SAMPLES = Path(__file__).parent.parent / "samples"


def test_rows_keep_non_empty_cells_with_their_columns() -> None:
    found = phys(T.join(["项目名称", "", "测试项目"]), "", "评价结论 良好")
    assert found[1] is None  # a blank line
    first, last = found[0], found[2]
    assert first is not None and last is not None
    assert [(c.col, c.text) for c in first.cells] == [(0, "项目名称"), (2, "测试项目")]
    assert first.table and first.first == "项目名称" and first.key == "项目名称测试项目"
    assert not last.table and [c.text for c in last.cells] == ["评价结论 良好"]
    assert first.evidence.line == 1 and last.evidence.text == "评价结论 良好"


def test_rows_made_without_their_classes_equal_rows_made_with_them() -> None:
    """physical_rows sets the fields of its cells and rows itself (for speed): a field
    added to RowCell or Row and not set there would be missing, or differ, here."""
    found = phys(T.join(["项目名称", "", " 测试项目 "]), "评价结论 良好", T.join(["", ""]))
    first, plain, empty = found
    assert first is not None and plain is not None and empty is not None
    line = first.line
    cells = [RowCell(0, "项目名称", line, None), RowCell(2, "测试项目", line, None)]
    made = Row(cells, line, True, [line])
    assert made.key == "项目名称测试项目"  # a made row works its key out when asked
    for got, want in (
        (first, made),
        (
            plain,
            Row([RowCell(0, "评价结论 良好", plain.line, None)], plain.line, False, [plain.line]),
        ),
        (empty, Row([], empty.line, True, [empty.line])),
    ):
        want.key  # noqa: B018 (work the key out, as physical_rows does)
        for name in Row.__slots__:
            assert getattr(got, name) == getattr(want, name), name
        for c, w in zip(got.cells, want.cells, strict=True):
            for name in RowCell.__slots__:
                assert getattr(c, name) == getattr(w, name), name


def test_a_table_row_with_only_empty_cells_is_a_row_without_cells() -> None:
    found = phys("合计", T.join(["", "", ""]))
    assert found[1] is not None and found[1].cells == [] and found[1].table


def test_rows_from_a_pdf_keep_the_cell_boxes() -> None:
    (r,) = pdf_rows([boxed([("产出指标", 100, 300), ("数量指标", 100, 150)])])
    assert r.cells[1].bbox == (100.0, 100, 190.0, 150)
    assert r.cells[0].cell().bbox == (0.0, 100, 90.0, 300) and r.cells[0].cell().page == 1


def test_the_one_cell_per_line_form_is_read_as_rows_of_its_groups() -> None:
    lines = ["项目名称\t", "信息系统运维\t", "", "主管部门\t", "商务厅\t", "", "合计\t", "100\t"]
    physical = phys(*lines)
    assert one_cell_form(physical)
    found = logical_rows(physical, True)
    assert [[c.text for c in r.cells] for r in found] == [
        ["项目名称", "信息系统运维"],
        ["主管部门", "商务厅"],
        ["合计", "100"],
    ]
    assert [c.col for c in found[0].cells] == [0, 1]
    assert found[0].evidence.text == "项目名称\t信息系统运维"  # quoted from its two lines
    assert len(found[0].lines) == 2 and found[0].line.line == 1


def test_a_name_row_with_its_value_beside_it_is_not_the_one_cell_form() -> None:
    physical = phys(T.join(["项目名称", "信息系统运维"]), T.join(["主管部门", "商务厅"]))
    assert not one_cell_form(physical)
    assert len(form_rows(physical)) == 2


def test_cells_become_model_cells() -> None:
    r = row("总额", "1,069.86", "58.22%", "超支")
    assert value_cell(r.cells[1]).value == Decimal("1069.86")
    rate = value_cell(r.cells[2])
    assert rate.value == Decimal("58.22") and rate.percent
    joined = join_cells(r.cells[2:])
    assert joined is not None and joined.text == "58.22%超支" and joined.line == 1
    assert extend_cell(None, []) is None
    extended = extend_cell(value_cell(r.cells[0]), r.cells[3:])
    assert extended is not None and extended.text == "总额超支"


def test_model_cells_made_positionally_equal_cells_made_by_field_names() -> None:
    # RowCell.cell, join_cells and Row.evidence pass the fields by position (cheaper): a
    # change of the fields' order in the model must not go unnoticed
    # page and line differ, so that a swap of the two shows
    r = line_row(
        boxed([("总额", 10.0, 20.0), ("1,069.86", 10.0, 20.0), ("超支", 10.0, 22.0)], 3, 7), True
    )
    assert r is not None
    c = r.cells[1]
    made = c.cell(Decimal("1069.86"), True)
    assert made == Cell(
        text=c.text,
        line=7,
        page=3,
        bbox=c.bbox,
        value=Decimal("1069.86"),
        percent=True,
    )
    assert join_cells(r.cells[1:]) == Cell(text="1,069.86超支", line=7, page=3, bbox=c.bbox)
    assert r.evidence == Evidence(text=r.line.text.strip(), page=3, line=7, bbox=r.line.bbox)


def test_nature_is_the_catalog_nature_of_the_squashed_text() -> None:
    natures = layout().natures
    texts = [*natures, *(" ".join(t) for t in natures), "个", "", "定性优", "≥90", "＞＝"]
    for text in texts:
        v = natures.get(squash(text))
        assert words.nature(text) is (Nature(v) if v else None), text


@pytest.mark.parametrize(
    ("text", "numeric"),
    [("1,069.86", True), ("58.22%", True), ("1 00", True), ("##", True), ("2,20", True)],
)
def test_numeric_like(text: str, numeric: bool) -> None:
    assert words.numeric_like(text) is numeric


@pytest.mark.parametrize("text", ["", "总额", "/", "≥", "6个"])
def test_not_numeric_like(text: str) -> None:
    assert not words.numeric_like(text)


def test_numbers_placeholders_and_dashes() -> None:
    assert words.number("30 .00%") == (Decimal("30.00"), True)
    assert words.number("%") == (None, True)
    assert words.placeholder("## ###") and not words.placeholder("#1")
    assert words.dash(" / ") and words.dash("——") and not words.dash("0")


def test_natures_and_comparators() -> None:
    assert words.nature(" > = ") is Nature.GE and words.nature("\\leq") is Nature.LE
    assert words.nature("定性") is Nature.QUALITATIVE and words.nature("个") is None
    assert words.split_comparator("不少于3个") == (Nature.GE, "不少于", "3个")
    assert words.split_comparator("》=90%") == (Nature.GE, "》=", "90%")
    assert words.split_comparator("≥") == (None, None, "≥")  # a comparator alone
    assert words.split_comparator("定性优") == (None, None, "定性优")


def test_fuzzy_names_accept_clipped_labels() -> None:
    lay = layout()
    assert words.fuzzy("出指标", lay.level1) == "产出指标"  # clipped at the left
    assert words.fuzzy("产出", lay.level1) == "产出指标"  # clipped at the right
    assert words.fuzzy("满意", lay.level1) == "满意度指标"  # a name and its abbreviation
    assert words.fuzzy("指标", lay.level1) is None  # ends several names
    assert words.fuzzy("", lay.level1) is None


def test_label_is_and_total_rows_give_what_their_plain_forms_give() -> None:
    # label_is rules keys out by one startswith test before its loop, is_total_row before
    # calling label_is: both held to the plain forms on the catalog's labels and random keys
    lay = layout()
    alias_sets = [lay.fields["name"], lay.texts["total"], lay.texts["total"][:1], ()]
    alias_sets += [lay.texts[f] for f in totals.TEXT_FIELDS]
    alias_sets += [("评价",), ("合", "合计", "合计数"), ("", "abc")]
    labels = sorted(
        {a for aliases in alias_sets for a in aliases} | {"合计", "总分", "评价结论良好"}
    )
    rng = random.Random(7)
    keys = ["", *labels]
    for _ in range(3000):
        a = rng.choice(labels)
        cut = rng.randrange(len(a) + 1)
        keys.append(rng.choice([a[:cut], a + rng.choice("计分值良好"), "总" + a, a[cut:]]))
    for k in keys:
        for aliases in alias_sets:
            plain = any(k == a or (len(a) >= 3 and k.startswith(a)) for a in aliases)
            assert words.label_is(k, aliases) is plain, (k, aliases)
        total = lay.texts["total"][:1]
        plain_total = any(k == a or (len(a) >= 3 and k.startswith(a)) for a in total)
        assert totals.is_total_row(k, lay) is (plain_total or k == "合计"), k
        assert totals.text_label(k, lay) == plain_text_label(k, lay), k


def plain_text_label(first: str, lay: PerformanceLayout) -> str | None:
    """totals.text_label without its shortcut."""
    for f in totals.TEXT_FIELDS:
        aliases = lay.texts[f]
        if any(first == a or (len(a) >= 3 and first.startswith(a)) for a in aliases):
            if len(first) > 6 and first not in aliases:
                return None
            return f
    return None


def test_labels_and_block_labels() -> None:
    assert words.label_is("项目名称", ("项目名称",))
    assert words.label_is("评价结论良好", ("评价结论",)) and not words.label_is("评价好", ("评价",))
    block = layout().budget_block_words
    assert words.block_label("预算执行情况（10分）", "预算执行情况（10分）", block, ())
    assert words.block_label("（10分）", "（10分）", (), ())
    assert not words.block_label("总额", "总额", block, ())
    assert words.points(["总额", "绩效指标（90分）"], ("指标",)) == Decimal(90)
    assert words.points(["绩效指标"], ("指标",)) is None
    assert words.clean_text("数 据<br>平台") == "数据平台"


# ---------------------------------------------------------------------------------------
# bare rows: a standard table's rows read for their keys alone


def _same_row(got: Row | None, want: Row | None) -> None:
    assert (got is None) == (want is None)
    if got is None or want is None:
        return
    for name in Row.__slots__:
        if name != "cells":
            assert getattr(got, name) == getattr(want, name), name
    assert len(got.cells) == len(want.cells)
    for c, w in zip(got.cells, want.cells, strict=True):
        for name in RowCell.__slots__:
            assert getattr(c, name) == getattr(w, name), name


def test_white_space_strip_removes_is_white_space_the_key_removes() -> None:
    """A bare row's key is the key of its cells' texts joined, unstripped: right only if
    every character ``strip`` takes off is one the key removes."""
    for code in range(0x110000):
        ch = chr(code)
        if not ch.strip():
            assert performance.key.__wrapped__(ch) == "", hex(code)


PIECES = ["预算", "项目", " ", "\u3000", "\xa0", "\t", "：", ":", "“", "”", "(", "）", "1", "a"]


def test_a_bare_row_has_the_key_and_blankness_of_the_full_row() -> None:
    rng = random.Random(11)
    lines: list[RawLine] = []
    for n in range(3000):
        texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))]
        texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3))) for _ in range(3)]
        texts = texts[: rng.randint(0, 4)]
        cells = [RawCell(t, col=rng.choice([None, i])) for i, t in enumerate(texts)]
        text = T.join(texts) if cells or rng.random() < 0.5 else rng.choice(PIECES)
        lines.append(RawLine(text, 1, n + 1, cells=cells))
    for table in (True, False):
        items: list[RawLine | RawTable] = [RawTable(lines, 1)] if table else list(lines)
        raw = RawDocument("case.pdf", "pdf", [RawPage(1, items)])
        every = {(1, n + 1) for n in range(len(lines))}
        for full, bare in zip(physical_rows(raw), physical_rows(raw, every), strict=True):
            assert (full is None) == (bare is None)
            if full is not None and bare is not None:
                assert bare.bare and not full.bare and bare.cells == []
                assert (bare.key, bare.table, bare.line, bare.lines) == (
                    full.key,
                    full.table,
                    full.line,
                    full.lines,
                )


def test_a_standard_row_worded_as_a_form_title_is_read_in_full_when_it_heads_one() -> None:
    lines = [
        "项目支出绩效目标表",  # a standard row (line 1) worded as a title: heads the form
        T.join(["项目名称", "测试项目"]),
        "项目支出绩效自评表……………12",  # a table of contents' line: no title, ends it
        T.join(["项目名称", "测试项目"]),
        "部门整体支出绩效自评表",  # a plain title (line 5), heads the last form
        T.join(["项目名称", "测试项目"]),
    ]
    standard = {(None, 1), (None, 3), (None, 4)}
    plain = physical_rows(raw_text(*lines))
    bare = physical_rows(raw_text(*lines), standard)
    assert bare[0] is not None and bare[0].bare
    want = find_spans(plain, layout(), standard)
    got = find_spans(bare, layout(), standard)
    assert [(s.kind, s.start, s.end) for s in got] == [(s.kind, s.start, s.end) for s in want]
    assert [s.kind for s in got][:2] == ["target", "department"]
    # both read in full in place: the first heads a form, the second only looked like a title
    assert bare[0] is not None and not bare[0].bare and bare[0].cells
    assert bare[2] is not None and not bare[2].bare
    assert bare[3] is not None and bare[3].bare  # a 项目名称 row of a standard table
    for s in got:
        for g, w in zip(bare[s.start : s.end], plain[s.start : s.end], strict=True):
            _same_row(g, w)
        _same_row(s.title, want[got.index(s)].title)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".txt"))
)
def test_bare_standard_rows_give_the_spans_and_rows_of_full_ones(name: str) -> None:
    """On every sample: the spans found, and every row inside them, as without bare rows."""
    raw = load(SAMPLES / name)
    standard = standard_lines(build(raw))
    plain = physical_rows(raw)
    bare = physical_rows(raw, standard)
    for p, b in zip(plain, bare, strict=True):
        assert (p is None) == (b is None)
        assert p is None or b is None or (p.key, p.table) == (b.key, b.table)
    want = find_spans(plain, layout(), standard)
    got = find_spans(bare, layout(), standard)
    assert [(s.kind, s.start, s.end) for s in got] == [(s.kind, s.start, s.end) for s in want]
    for g_span, w_span in zip(got, want, strict=True):
        g_rows, w_rows = bare[g_span.start : g_span.end], plain[w_span.start : w_span.end]
        for g, w in zip(g_rows, w_rows, strict=True):
            _same_row(g, w)
        _same_row(g_span.title, w_span.title)
        _same_row(g_span.shared, w_span.shared)


def test_line_row_of_a_table_line() -> None:
    ln = RawLine(
        T.join(["项目名称", "", "x"]), 1, 1, cells=[RawCell("项目名称"), RawCell(""), RawCell("x")]
    )
    got = line_row(ln, True)
    assert got is not None and [c.col for c in got.cells] == [0, 2] and not got.bare
