"""Budget tables read by geometry, not by text-layer order: hand-made PDFs whose text layer
stores the numbers before the title, two tables on one page, a title at the foot of a page
with its table on the next, codes split into 类/款/项 columns, a one-row table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pymupdf
import pytest

import juesuan
from juesuan.model import DocKind, TableKind

FONT = "china-s"


def _grid(page: Any, x0: float, y0: float, widths: list[float], rows: int, h: float) -> None:
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for r in range(rows + 1):
        page.draw_line((xs[0], y0 + r * h), (xs[-1], y0 + r * h), width=0.6)
    for x in xs:
        page.draw_line((x, y0), (x, y0 + rows * h), width=0.6)


def _cells(
    page: Any, x0: float, y0: float, widths: list[float], h: float, rows: list[list[str]]
) -> list[tuple[float, float, str]]:
    """Positions of every non-empty cell text (written later, in any order)."""
    out = []
    for r, row in enumerate(rows):
        x = x0
        for w, text in zip(widths, row, strict=True):
            if text:
                out.append((x + 3, y0 + r * h + h * 0.7, text))
            x += w
    return out


def _font(text: str) -> str:
    """Latin digits in a Latin font (a CJK font sets them full-width, wider than the cells)."""
    return "helv" if text.isascii() else FONT


def _write(page: Any, items: list[tuple[float, float, str]], size: float = 9) -> None:
    for x, y, text in items:
        page.insert_text((x, y), text, fontname=_font(text), fontsize=size)


EXPENSE_ROWS = [
    ["类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["208", "", "", "社会保障和就业支出", "1,200.00", "1,000.00", "200.00"],
    ["208", "05", "", "行政事业单位养老支出", "1,200.00", "1,000.00", "200.00"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,200.00", "1,000.00", "200.00"],
    ["合计", "", "", "", "1,200.00", "1,000.00", "200.00"],
]
WIDTHS = [30, 25, 25, 170, 70, 70, 70]


def _budget_pdf(path: Path, *, reversed_layer: bool, title_at_foot: bool) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "2025年某某局部门预算", fontname=FONT, fontsize=18)
    # first table on page 1: a one-row 支出总表 (合计, 基本支出, 项目支出)
    t1_title = (200, 120, "支出预算总表")
    one_row = [["合计", "基本支出", "项目支出"], ["1,200.00", "1,000.00", "200.00"]]
    _grid(page, 60, 140, [100, 100, 100], 2, 20)
    t1 = _cells(page, 60, 140, [100, 100, 100], 20, one_row)
    # second table on the same page: split codes
    t2_title = (200, 230, "一般公共预算支出功能分类预算表")
    t2_unit = (480, 245, "单位：万元")
    _grid(page, 40, 250, WIDTHS, len(EXPENSE_ROWS), 20)
    t2 = _cells(page, 40, 250, WIDTHS, 20, EXPENSE_ROWS)
    items = [t1_title, *t1, t2_title, t2_unit, *t2]
    if reversed_layer:
        items = list(reversed(items))  # numbers stored before the titles
    for x, y, text in items:
        size = 14 if text.endswith("表") else 9
        page.insert_text((x, y), text, fontname=_font(text), fontsize=size)
    if title_at_foot:
        page.insert_text((200, 800), "“三公”经费支出预算表", fontname=FONT, fontsize=14)
        page2 = doc.new_page(width=595, height=842)
        header = [["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]]
        data = [["30.00", "10.00", "15.00", "5.00"]]
        _grid(page2, 60, 60, [80, 120, 140, 80], 2, 22)
        # the data row printed under the header, stored before it in the text layer
        _write(page2, _cells(page2, 60, 60, [80, 120, 140, 80], 22, header + data)[::-1])
    doc.save(path)
    doc.close()


@pytest.mark.parametrize("reversed_layer", [False, True])
def test_tables_read_by_position(tmp_path: Path, reversed_layer: bool) -> None:
    path = tmp_path / "budget.pdf"
    _budget_pdf(path, reversed_layer=reversed_layer, title_at_foot=True)
    doc = juesuan.read(path)
    assert doc.kind is DocKind.BUDGET
    kinds = [t.kind for t in doc.tables]
    assert kinds == [TableKind.B03, TableKind.B07, TableKind.B10]

    amounts = {"total": Decimal("1200.00"), "basic": Decimal("1000.00"), "project": Decimal("200")}
    one_row = doc.tables[0]
    assert [(r.name, r.values) for r in one_row.rows] == [("合计", amounts)]

    split = doc.tables[1]
    assert split.columns == ["total", "basic", "project"]
    assert [r.code for r in split.rows] == ["208", "20805", "2080505", None]
    for r in split.rows:
        assert r.values == amounts

    sangong = doc.tables[2]
    assert sangong.pages == [1, 2]
    got = {r.ref_code: r.values["amount"] for r in sangong.rows}
    assert got == {
        "total": Decimal("30.00"),
        "abroad": Decimal("10.00"),
        "vehicle": Decimal("15.00"),
        "reception": Decimal("5.00"),
    }
    assert all(t.certain for t in doc.tables)


def test_unnamed_value_column_is_a_doubt_not_a_guess(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "2025年某某局部门预算", fontname=FONT, fontsize=18)
    page.insert_text((150, 110), "一般公共预算支出预算表", fontname=FONT, fontsize=14)
    rows = [
        ["科目编码", "科目名称", "合计", "某某列"],
        ["201", "一般公共服务支出", "100.00", "60.00"],
        ["合计", "", "100.00", "60.00"],
    ]
    widths = [80, 150, 80, 80]
    _grid(page, 60, 130, widths, len(rows), 20)
    _write(page, _cells(page, 60, 130, widths, 20, rows))
    path = tmp_path / "doubt.pdf"
    doc.save(path)
    read = juesuan.read(path)
    table = read.tables[0]
    assert table.columns == ["total"]
    assert table.doubts and "表头未能识别" in table.doubts[0]
