"""DOCX and XLSX readers, on files built in the test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from juesuan.errors import CorruptFileError
from juesuan.sources import load
from juesuan.sources.docx import join_wrapped
from juesuan.sources.raw import RawLine, RawTable
from juesuan.sources.xlsx import format_number

# --------------------------------------------------------------------------------------------
# DOCX


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("一、收入决算情况", level=1)
    document.add_paragraph("2023年度收入决算总计1123.74万元。")
    table = document.add_table(rows=3, cols=4)
    header = table.cell(0, 0).merge(table.cell(0, 1))  # merged header cell (gridSpan=2)
    header.text = "项目"
    header.add_paragraph("（按功能分类）")  # a wrapped CJK header: joined without a space
    table.cell(0, 2).text = "本年收入"
    total = table.cell(0, 3)
    total.text = "Total"
    total.add_paragraph("amount")  # a non-CJK cell with two paragraphs: joined with a space
    code = table.cell(1, 0).merge(table.cell(2, 0))  # vertically merged cell
    code.text = "2010350"
    table.cell(1, 1).text = "事业运行"
    table.cell(1, 2).text = "53.88"
    table.cell(1, 3).text = "1,069.86"
    table.cell(2, 1).text = "行政运行"
    table.cell(2, 2).text = "1.00"
    table.cell(2, 3).text = "2.00"
    after = document.add_paragraph("注：本表金额单位为万元")
    after.add_run().add_break()
    after.add_run("。")
    document.save(str(path))
    return path


def test_docx_items_in_body_order(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "决算.docx")
    before = path.read_bytes()
    doc = load(path)
    assert doc.format == "docx"
    assert doc.sha256 == hashlib.sha256(before).hexdigest()
    assert path.read_bytes() == before
    assert len(doc.pages) == 1
    page = doc.pages[0]
    assert page.number is None
    kinds = [type(item).__name__ for item in page.items]
    assert kinds == ["RawLine", "RawLine", "RawTable", "RawLine"]

    heading, body, table, tail = page.items
    assert isinstance(heading, RawLine) and isinstance(body, RawLine)
    assert isinstance(table, RawTable) and isinstance(tail, RawLine)
    assert heading.text == "一、收入决算情况"
    assert heading.bold
    assert heading.line == 1
    assert [c.text for c in heading.cells] == ["一、收入决算情况"]
    assert body.text == "2023年度收入决算总计1123.74万元。"
    assert body.line == 2
    assert not body.bold
    assert tail.text == "注：本表金额单位为万元。"  # a manual line break in CJK text
    assert tail.line == 6


def test_docx_table_grid(tmp_path: Path) -> None:
    doc = load(make_docx(tmp_path / "t.docx"))
    table = doc.pages[0].items[2]
    assert isinstance(table, RawTable)
    assert table.ruled
    assert table.ncols == 4
    assert table.page is None
    assert [row.line for row in table.rows] == [3, 4, 5]

    header, first, second = table.rows
    assert [(c.col, c.span, c.text) for c in header.cells] == [
        (0, 2, "项目（按功能分类）"),
        (2, 1, "本年收入"),
        (3, 1, "Total amount"),
    ]
    assert header.text == "项目（按功能分类）\t本年收入\tTotal amount"
    assert [(c.col, c.span, c.text) for c in first.cells] == [
        (0, 1, "2010350"),
        (1, 1, "事业运行"),
        (2, 1, "53.88"),
        (3, 1, "1,069.86"),
    ]
    # The continuation of the vertically merged code cell is empty.
    assert [(c.col, c.text) for c in second.cells] == [
        (0, ""),
        (1, "行政运行"),
        (2, "1.00"),
        (3, "2.00"),
    ]
    assert [line.line for line in doc.lines()] == [1, 2, 3, 4, 5, 6]


def test_docx_empty_paragraphs_keep_their_index(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一段")
    document.add_paragraph("")
    document.add_paragraph("第三段")
    path = tmp_path / "blank.docx"
    document.save(str(path))
    lines = list(load(path).lines())
    assert [(line.line, line.text) for line in lines] == [(1, "第一段"), (2, ""), (3, "第三段")]
    assert lines[1].is_blank


def test_docx_content_control_is_read_in_place(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("前")
    last = document.add_paragraph("后")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent>"
        "<w:p><w:r><w:t>控件内文字</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    last._p.addprevious(sdt)
    path = tmp_path / "sdt.docx"
    document.save(str(path))
    assert [line.text for line in load(path).lines()] == ["前", "控件内文字", "后"]


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(CorruptFileError) as info:
        load(path)
    assert "没有文字内容" in info.value.message


def test_xlsx_content_named_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wrong.docx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "收入决算表"
    workbook.save(str(path))
    with pytest.raises(CorruptFileError) as info:
        load(path)
    assert "Excel" in info.value.message
    assert "\n" not in info.value.message


def test_join_wrapped() -> None:
    assert join_wrapped(["项目", "（按功能分类）"]) == "项目（按功能分类）"
    assert join_wrapped(["Total", "amount"]) == "Total amount"
    assert join_wrapped(["金额", "(万元)"]) == "金额 (万元)"
    assert join_wrapped(["", " 一般公共 ", "", "服务支出"]) == "一般公共服务支出"
    assert join_wrapped([]) == ""


# --------------------------------------------------------------------------------------------
# XLSX


def make_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    income = workbook.active
    assert income is not None
    income.title = "收入决算表"
    income["A1"] = "收入决算表"
    income.merge_cells("A1:D1")
    income["D2"] = "单位：万元"
    income.append(["科目编码", "科目名称", "本年收入", "增长率"])
    rows = [
        ("2010350", "事业运行", 53.88, 0.125),
        ("2080505", "机关事业单位基本养老保险缴费支出", 1069.8599999999999, -0.0004),
        ("0201", "前导零编码", 100, 1),
    ]
    for code, name, amount, rate in rows:
        income.append([code, name, amount, rate])
        row = income.max_row
        income.cell(row, 3).number_format = "0.00"
        income.cell(row, 4).number_format = "0.0%"
    income["A7"] = "合计"
    income["C7"] = 1123.74
    income["C7"].number_format = "#,##0.00_);[Red](#,##0.00)"

    notes = workbook.create_sheet("说明")
    notes["A1"] = "部门决算说明"
    # row 2 left blank: splits the title from the first block
    notes["A3"] = "项目"
    notes["B3"] = "金额\n（万元）"
    notes["A4"] = "人员经费"
    notes["B4"] = 0.1 + 0.2  # General format: no float artifacts
    notes["C4"] = True
    notes["A7"] = "第二块"
    notes["C7"] = 42

    hidden = workbook.create_sheet("隐藏")
    hidden["A1"] = "不应读取"
    hidden.sheet_state = "hidden"
    workbook.save(str(path))
    return path


def test_xlsx_sheets_and_texts(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "决算.xlsx")
    before = path.read_bytes()
    doc = load(path)
    assert path.read_bytes() == before
    assert doc.format == "xlsx"
    assert [page.name for page in doc.pages] == ["收入决算表", "说明"]  # hidden sheet skipped
    assert all(page.number is None for page in doc.pages)

    income = doc.pages[0]
    assert len(income.items) == 1
    table = income.items[0]
    assert isinstance(table, RawTable)
    assert table.ruled
    assert table.ncols == 4
    assert [row.line for row in table.rows] == [1, 2, 3, 4, 5, 6, 7]
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts == [
        ["收入决算表"],  # merged title: value in the top-left cell only
        ["", "", "", "单位：万元"],
        ["科目编码", "科目名称", "本年收入", "增长率"],
        ["2010350", "事业运行", "53.88", "12.5%"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "1069.86", "0.0%"],  # no "-0.0%"
        ["0201", "前导零编码", "100.00", "100.0%"],
        ["合计", "", "1123.74"],
    ]
    assert [c.col for c in table.rows[3].cells] == [0, 1, 2, 3]
    assert table.rows[3].text == "2010350\t事业运行\t53.88\t12.5%"


def test_xlsx_blank_rows_split_tables(tmp_path: Path) -> None:
    doc = load(make_xlsx(tmp_path / "决算.xlsx"))
    notes = doc.pages[1]
    assert all(isinstance(item, RawTable) for item in notes.items)
    tables = [item for item in notes.items if isinstance(item, RawTable)]
    assert [[row.line for row in t.rows] for t in tables] == [[1], [3, 4], [7]]
    assert [[c.text for c in row.cells] for row in tables[1].rows] == [
        ["项目", "金额（万元）"],
        ["人员经费", "0.3", "TRUE"],
    ]
    assert [(c.col, c.text) for c in tables[2].rows[0].cells] == [(0, "第二块"), (1, ""), (2, "42")]


def test_xlsx_corrupt_part_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    path = tmp_path / "word.xlsx"
    document.save(str(path))
    with pytest.raises(CorruptFileError) as info:
        load(path)
    assert "Word" in info.value.message


def test_xlsx_without_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(str(path))
    with pytest.raises(CorruptFileError):
        load(path)


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (53.88, "0.00", "53.88"),
        (1069.8599999999999, "General", "1069.86"),
        (0.1 + 0.2, "General", "0.3"),
        (100, "General", "100"),
        (100.0, "General", "100"),
        (1e20, "General", "100000000000000000000"),
        (0.000123, "General", "0.000123"),
        (5, "0.00", "5.00"),
        (2.675, "0.00", "2.68"),  # Excel rounds the 15-digit value, half away from zero
        (-2.675, "0.00", "-2.68"),
        (-0.001, "0.00", "0.00"),  # no "-0.00"
        (1234.5, "#,##0.00", "1234.50"),  # no thousands separators
        (-3.5, "#,##0.00_);[Red](#,##0.00)", "-3.50"),
        (1.5, "0.0#", "1.5"),
        (1.456, "0.0#", "1.46"),
        (1.0, "0.0#", "1.0"),
        (0.125, "0.0%", "12.5%"),
        (0.5, "0%", "50%"),
        (2010350, "0000000", "2010350"),
        (201, "000000", "000201"),
        (53.88, "@", "53.88"),
        (53.88, '"¥"0.00', "53.88"),
        (12345.678, "0.00E+00", "12345.678"),  # scientific: shown plainly
    ],
)
def test_format_number(value: float, number_format: str, expected: str) -> None:
    assert format_number(value, number_format) == expected
