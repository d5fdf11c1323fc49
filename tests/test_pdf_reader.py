"""The PDF reader: geometric reading order, ruled tables as grids, refusals of bad files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from juesuan.errors import CorruptFileError, EncryptedFileError, JuesuanError, ScannedPdfError
from juesuan.sources import load
from juesuan.sources.pdf import read_pdf
from juesuan.sources.raw import RawCell, RawDocument, RawLine, RawPage, RawTable

pymupdf.no_recommend_layout()

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
GUIHUA = SAMPLES / "shanghai-guihua-2024.pdf"
SHEGONG = SAMPLES / "shanghai-shegong-2024.pdf"
TEMPLATE = SAMPLES / "shanghai-template-2024.pdf"
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
AMOUNT = re.compile(r"^-?[\d,]+\.\d\d$")


_cache: dict[Path, RawDocument] = {}


def sample(path: Path) -> RawDocument:
    if path not in _cache:
        _cache[path] = read_pdf(path, path.read_bytes())
    return _cache[path]


def tables(page: RawPage) -> list[RawTable]:
    return [item for item in page.items if isinstance(item, RawTable)]


def plain_lines(page: RawPage) -> list[RawLine]:
    return [item for item in page.items if isinstance(item, RawLine)]


def by_col(row: RawLine) -> dict[int, str]:
    out: dict[int, str] = {}
    for cell in row.cells:
        assert cell.col is not None
        out[cell.col] = cell.text
    return out


def row_starting(table: RawTable, first: str) -> RawLine:
    matches = [row for row in table.rows if row.cells and row.cells[0].text == first]
    assert len(matches) == 1, [row.text for row in table.rows]
    return matches[0]


def header_cell(table: RawTable, col: int, text: str) -> RawCell:
    for row in table.rows:
        for cell in row.cells:
            if cell.col == col and cell.text == text:
                return cell
    raise AssertionError(f"no header {text!r} in column {col}")


# --------------------------------------------------------------------------------------------
# the samples


def test_pages_are_numbered_from_one() -> None:
    doc = sample(GUIHUA)
    assert doc.format == "pdf"
    assert doc.page_count == len(doc.pages) == 30
    assert [page.number for page in doc.pages] == list(range(1, 31))
    for page in doc.pages:
        for item in page.items:
            assert item.page == page.number
            rows = item.rows if isinstance(item, RawTable) else [item]
            assert all(row.page == page.number for row in rows)
    assert doc.pages[7].width is not None and doc.pages[7].height is not None
    assert doc.pages[7].width > doc.pages[7].height  # 收入决算表 is a landscape page
    assert doc.pages[0].width is not None and doc.pages[0].height is not None
    assert doc.pages[0].width < doc.pages[0].height
    assert doc.metadata.get("creator", "").startswith("Microsoft")


def test_income_table_row_with_wrapped_name() -> None:
    """guihua p.8 收入决算表: the name wraps onto a second visual line inside its cell."""
    page = sample(GUIHUA).pages[7]
    [table] = tables(page)
    assert table.ruled and table.ncols == 9
    row = row_starting(table, "2080505")
    cols = by_col(row)
    assert cols[0] == "2080505"
    assert cols[1] == "机关事业单位基本养老保险缴费支出"
    assert cols[2] == "446.11"
    assert cols[3] == "446.11"
    assert all(cols[c] == "" for c in range(4, 9))
    assert row.text.split("\t") == [
        "2080505",
        "机关事业单位基本养老保险缴费支出",
        "446.11",
        "446.11",
        "",
        "",
        "",
        "",
        "",
    ]
    # The numbers sit under their headers.
    assert header_cell(table, 2, "本年收入合计").bbox is not None
    assert header_cell(table, 3, "财政拨款收入").bbox is not None
    # The merged 合计 cell covers the code and name columns.
    total = row_starting(table, "合计")
    assert (total.cells[0].col, total.cells[0].span) == (0, 2)
    assert total.text.split("\t")[:4] == ["合计", "", "9746.50", "9746.50"]
    # Words inside the grid are not repeated as plain lines.
    assert not any("446.11" in line.text for line in plain_lines(page))
    assert [line.text for line in plain_lines(page)] == ["收入决算表", "单位：万元"]


def test_general_budget_table_names_wrap_over_lines() -> None:
    """guihua p.14: names wrap over 2–3 lines and the text layer lists them before codes."""
    [table] = tables(sample(GUIHUA).pages[13])
    assert table.ncols == 5
    assert row_starting(table, "2101101").text.split("\t") == [
        "2101101",
        "行政单位医疗",
        "40.35",
        "40.35",
        "0.00",
    ]
    assert by_col(row_starting(table, "2080505"))[1] == "机关事业单位基本养老保险缴费支出"
    assert by_col(row_starting(table, "2200199"))[1] == "其他自然资源事务支出"
    header = {cell.text: cell.col for row in table.rows for cell in row.cells if cell.text}
    assert header["合计"] == 2 and header["基本支出"] == 3 and header["项目支出"] == 4


@pytest.mark.parametrize(
    ("path", "page", "number_cols"),
    [
        (GUIHUA, 8, {2, 3}),  # 收入决算表: only 本年收入合计 and 财政拨款收入 are filled
        (GUIHUA, 10, {2, 3, 4}),  # 支出决算表
        (GUIHUA, 14, {2, 3, 4}),  # 一般公共预算财政拨款支出决算表
        (GUIHUA, 16, {2, 5}),  # 基本支出决算表: two blocks, 决算数 in columns 2 and 5
        (SHEGONG, 13, {2, 5}),
        (GUIHUA, 7, {1, 3}),  # 收入支出决算总表: 决算数 on both sides
    ],
)
def test_numbers_stay_in_their_columns(path: Path, page: int, number_cols: set[int]) -> None:
    [table] = tables(sample(path).pages[page - 1])
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if AMOUNT.match(cell.text):
                seen.add(cell.col)
    assert seen == number_cols


def test_side_by_side_blocks() -> None:
    """guihua p.16 基本支出决算表: two blocks of 科目编码/科目名称/决算数 on one row."""
    [table] = tables(sample(GUIHUA).pages[15])
    assert table.ncols == 6
    assert row_starting(table, "30108").text.split("\t") == [
        "30108",
        "机关事业单位基本养老保险缴费",
        "446.11",
        "30206",
        "电费",
        "18.86",
    ]
    # Rows where only the right block is filled keep the left fields empty.
    row = next(row for row in table.rows if "31007" in row.text)
    assert row.text.split("\t") == ["", "", "", "31007", "信息网络及软件购置更新", "0.00"]
    last = table.rows[-1]
    assert [(c.text, c.col, c.span) for c in last.cells] == [
        ("人员经费合计", 0, 2),
        ("4884.09", 2, 1),
        ("公用经费合计", 3, 2),
        ("480.66", 5, 1),
    ]


def test_three_public_table_has_twelve_number_columns() -> None:
    """guihua p.17 三公 table: a three-level merged header over one row of 12 numbers."""
    [table] = tables(sample(GUIHUA).pages[16])
    assert table.ncols == 12
    data = table.rows[-1]
    numbers = [cell for cell in data.cells if NUMBER.match(cell.text)]
    assert len(numbers) == 12
    assert sorted(cell.col for cell in numbers if cell.col is not None) == list(range(12))
    assert [cell.text for cell in numbers] == [
        "2.85",
        "0.39",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "2.85",
        "0.39",
    ]
    labels = table.rows[-2]
    assert [cell.text for cell in labels.cells] == ["预算数", "决算数"] * 6
    assert [cell.col for cell in labels.cells] == [cell.col for cell in numbers]
    headers = {cell.text: (cell.col, cell.span) for row in table.rows for cell in row.cells}
    assert headers["财政拨款“三公”经费"] == (0, 12)
    assert headers["公务用车购置及运行维护费"] == (4, 6)
    assert headers["合计"] == (0, 2)
    assert headers["因公出国（境）费"] == (2, 2)
    assert headers["公务接待费"] == (10, 2)


def test_two_sided_summary_table() -> None:
    """guihua p.7 收入支出决算总表: income on the left, spending on the right."""
    [table] = tables(sample(GUIHUA).pages[6])
    assert table.ncols == 4
    assert table.rows[0].text == "收入\t\t支出\t"
    row = next(row for row in table.rows if row.cells[0].text == "八、其他收入")
    assert row.text.split("\t") == ["八、其他收入", "", "八、社会保障和就业支出", "754.75"]
    assert table.rows[-1].text.split("\t") == ["总计", "9859.38", "总计", "9859.38"]


@pytest.mark.parametrize("page", [14, 15])
def test_empty_table_then_explanation(page: int) -> None:
    """shegong p.14/15: tables without data, followed by 注 and 说明 lines."""
    items = sample(SHEGONG).pages[page - 1].items
    kinds = [type(item).__name__ for item in items]
    position = kinds.index("RawTable")
    table = items[position]
    assert isinstance(table, RawTable)
    assert all(not cell.text for cell in table.rows[-1].cells)
    after = [item.text for item in items[position + 1 :] if isinstance(item, RawLine)]
    assert after[0].startswith("注：")
    assert after[-1].startswith("说明：") and after[-1].endswith("故本表无数据。")


def test_narrative_page_reading_order() -> None:
    page = sample(GUIHUA).pages[19]
    assert not tables(page)
    lines = plain_lines(page)
    assert lines[0].text.startswith("第三部分")
    assert lines[1].text == "情况说明"
    assert lines[2].text == "一、收入支出决算总体情况说明"
    assert [line.line for line in lines] == list(range(1, len(lines) + 1))
    assert lines[0].size is not None and 14 <= lines[0].size <= 16


@pytest.mark.parametrize("path", [GUIHUA, SHEGONG, TEMPLATE])
def test_items_in_vertical_order(path: Path) -> None:
    for page in sample(path).pages:
        tops = [item.bbox[1] for item in page.items if item.bbox is not None]
        assert tops == sorted(tops), page.number
        numbers = [row.line for item in page.items for row in _rows(item)]
        assert numbers == sorted(numbers), page.number


def _rows(item: RawLine | RawTable) -> list[RawLine]:
    return item.rows if isinstance(item, RawTable) else [item]


def test_table_rows_have_one_field_per_column() -> None:
    for path in (GUIHUA, SHEGONG, TEMPLATE):
        for page in sample(path).pages:
            for table in tables(page):
                assert table.ncols is not None
                for row in table.rows:
                    fields = row.text.split("\t")
                    assert len(fields) == table.ncols
                    covered = sorted(
                        c
                        for cell in row.cells
                        if cell.col is not None
                        for c in range(cell.col, cell.col + cell.span)
                    )
                    assert covered == list(range(table.ncols))
                    for cell in row.cells:
                        assert cell.col is not None
                        assert fields[cell.col] == cell.text


def test_load_dispatches_to_the_pdf_reader() -> None:
    doc = load(TEMPLATE)
    assert doc.format == "pdf" and len(doc.sha256) == 64
    assert doc.pages[0].number == 1


# --------------------------------------------------------------------------------------------
# synthetic documents


def _pdf(draw: Callable[[pymupdf.Page], None]) -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    draw(page)
    data: bytes = document.tobytes()
    return data


def test_text_layer_order_is_ignored() -> None:
    """Text written bottom-up and right-to-left still reads top-down, left-to-right."""

    def draw(page: pymupdf.Page) -> None:
        page.insert_text((72, 200), "第三行", fontname="china-s", fontsize=12)
        page.insert_text((200, 100), "右边", fontname="china-s", fontsize=12)
        page.insert_text((72, 100), "第一行", fontname="china-s", fontsize=12)
        page.insert_text((72, 150), "第二行", fontname="china-s", fontsize=12)
        page.insert_text((108, 100), "接着", fontname="china-s", fontsize=12)

    page = read_pdf(Path("order.pdf"), _pdf(draw)).pages[0]
    lines = plain_lines(page)
    assert [line.text for line in lines] == ["第一行接着 右边", "第二行", "第三行"]
    assert [cell.text for cell in lines[0].cells] == ["第一行接着", "右边"]
    assert all(cell.col is None for cell in lines[0].cells)
    assert [line.line for line in lines] == [1, 2, 3]


def test_overprinted_fake_bold_is_read_once() -> None:
    def draw(page: pymupdf.Page) -> None:
        for dx in (0.0, 0.3, 0.6):  # some exports fake bold by printing a word repeatedly
            page.insert_text((72 + dx, 100), "合计", fontname="china-s", fontsize=12)
        page.insert_text((120, 100), "合计", fontname="china-s", fontsize=12)

    [line] = plain_lines(read_pdf(Path("bold.pdf"), _pdf(draw)).pages[0])
    assert line.text == "合计 合计"


def test_ruled_grid_with_merged_cell_and_wrapped_text() -> None:
    """A grid drawn with lines; a merged header; a name wrapped over two lines; the text
    layer written in a scrambled order."""
    xs = [72, 152, 312, 392, 472]
    ys = [100, 130, 160, 200]

    def draw(page: pymupdf.Page) -> None:
        for y in ys:
            page.draw_line((xs[0], y), (xs[-1], y))
        for i, x in enumerate(xs):
            # No ruling between columns 2 and 3 in the header band: one merged cell.
            top = ys[1] if i == 3 else ys[0]
            page.draw_line((x, top), (x, ys[-1]))
        put = {"fontname": "china-s", "fontsize": 10}
        page.insert_text((320, 190), "12.50", **put)
        page.insert_text((160, 180), "机关事业单位基本", **put)
        page.insert_text((160, 193), "养老保险缴费", **put)
        page.insert_text((80, 186), "2080505", **put)
        page.insert_text((400, 186), "0.00", **put)
        page.insert_text((340, 120), "决算数", **put)
        page.insert_text((80, 120), "科目编码", **put)
        page.insert_text((160, 120), "科目名称", **put)
        page.insert_text((80, 150), "合计", **put)
        page.insert_text((72, 230), "注：说明", **put)

    page = read_pdf(Path("grid.pdf"), _pdf(draw)).pages[0]
    assert [type(item).__name__ for item in page.items] == ["RawTable", "RawLine"]
    [table] = tables(page)
    assert table.ruled and table.ncols == 4
    assert table.bbox == pytest.approx((72, 100, 472, 200), abs=1)
    header, total, data = table.rows
    assert [(c.text, c.col, c.span) for c in header.cells] == [
        ("科目编码", 0, 1),
        ("科目名称", 1, 1),
        ("决算数", 2, 2),
    ]
    assert header.text == "科目编码\t科目名称\t决算数\t"
    assert total.text == "合计\t\t\t"
    assert data.text == "2080505\t机关事业单位基本养老保险缴费\t12.50\t0.00"
    assert data.cells[1].bbox == pytest.approx((152, 160, 312, 200), abs=1)
    assert [row.line for row in table.rows] == [1, 2, 3]
    assert plain_lines(page)[0].text == "注：说明"


def test_text_beside_a_grid_on_the_same_line() -> None:
    """A label printed level with a table's first row but outside its rulings: the visual
    line is split between the page text and the table (the lines are clustered per part)."""
    xs = [200, 300, 400]
    ys = [100, 130, 160]

    def draw(page: pymupdf.Page) -> None:
        for y in ys:
            page.draw_line((xs[0], y), (xs[-1], y))
        for x in xs:
            page.draw_line((x, ys[0]), (x, ys[-1]))
        put = {"fontname": "china-s", "fontsize": 10}
        page.insert_text((80, 120), "单位：万元", **put)
        page.insert_text((210, 120), "项目", **put)
        page.insert_text((310, 120), "金额", **put)
        page.insert_text((210, 150), "合计", **put)
        page.insert_text((310, 150), "12.00", **put)

    page = read_pdf(Path("beside.pdf"), _pdf(draw)).pages[0]
    [table] = tables(page)
    assert [row.text for row in table.rows] == ["项目\t金额", "合计\t12.00"]
    assert [line.text for line in plain_lines(page)] == ["单位：万元"]
    # numbered with the table's lines: the label and the first row share line 1 or 2
    assert sorted([plain_lines(page)[0].line, table.rows[0].line]) == [1, 2]
    assert table.rows[1].line == 3


def test_rotated_page_reads_like_the_upright_one() -> None:
    """Content drawn sideways on a page with /Rotate reads in the displayed frame."""

    def draw(page: pymupdf.Page) -> None:
        for y in (100, 130, 160):
            page.draw_line((72, y), (472, y))
        for x in (72, 272, 472):
            page.draw_line((x, 100), (x, 160))
        page.insert_text((80, 120), "项目", fontname="china-s", fontsize=10)
        page.insert_text((280, 120), "金额", fontname="china-s", fontsize=10)
        page.insert_text((80, 150), "合计", fontname="china-s", fontsize=10)
        page.insert_text((280, 150), "1.00", fontname="china-s", fontsize=10)

    upright = pymupdf.open("pdf", _pdf(draw))
    for rotation in (90, 180, 270):
        document = pymupdf.open()
        size = upright[0].rect
        if rotation in (90, 270):
            page = document.new_page(width=size.height, height=size.width)
        else:
            page = document.new_page(width=size.width, height=size.height)
        page.show_pdf_page(page.rect, upright, 0, rotate=rotation)
        page.set_rotation(rotation)
        raw = read_pdf(Path("rotated.pdf"), document.tobytes()).pages[0]
        assert raw.rotation == rotation
        assert (raw.width, raw.height) == pytest.approx((595, 842), abs=1)
        [table] = tables(raw)
        assert [row.text for row in table.rows] == ["项目\t金额", "合计\t1.00"]


# --------------------------------------------------------------------------------------------
# bad input


def _text_pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "一般公共预算财政拨款支出决算表", fontname="china-s")
    data: bytes = document.tobytes()
    return data


def _refuse(data: bytes, error: type[JuesuanError]) -> JuesuanError:
    with pytest.raises(error) as info:
        read_pdf(Path("坏.pdf"), data)
    message = info.value.message
    assert "\n" not in message and "坏.pdf" in message
    assert re.search(r"[\u4e00-\u9fff]", message)
    return info.value


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-",
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    ],
)
def test_corrupt_pdf(data: bytes) -> None:
    exc = _refuse(data, CorruptFileError)
    assert exc.exit_code == 5


def test_truncated_pdf(capfd: pytest.CaptureFixture[str]) -> None:
    data = _text_pdf()
    exc = _refuse(data[: len(data) * 2 // 3], CorruptFileError)
    assert exc.message.startswith("PDF 文件")
    assert capfd.readouterr().err == ""  # MuPDF's repair chatter is kept off stderr


def test_truncated_sample(capfd: pytest.CaptureFixture[str]) -> None:
    data = GUIHUA.read_bytes()
    _refuse(data[: len(data) - 5000], CorruptFileError)
    assert capfd.readouterr().err == ""


def test_zero_page_pdf() -> None:
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"], 1
    ):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    assert pymupdf.open("pdf", body).page_count == 0
    exc = _refuse(body, CorruptFileError)
    assert "没有页面" in exc.message


def test_encrypted_pdf(tmp_path: Path) -> None:
    document = pymupdf.open("pdf", _text_pdf())
    path = tmp_path / "locked.pdf"
    document.save(str(path), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    exc = _refuse(path.read_bytes(), EncryptedFileError)
    assert exc.exit_code == 6
    assert exc.message.startswith("PDF 文件已加密")


def test_owner_password_only_is_readable(tmp_path: Path) -> None:
    """Permissions without a user password do not stop reading."""
    document = pymupdf.open("pdf", _text_pdf())
    path = tmp_path / "restricted.pdf"
    document.save(str(path), encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="y")
    [line] = plain_lines(read_pdf(path, path.read_bytes()).pages[0])
    assert line.text == "一般公共预算财政拨款支出决算表"


def _image_page(page: pymupdf.Page, rect: pymupdf.Rect | None = None) -> None:
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 60), False)
    pixmap.clear_with(200)
    page.insert_image(rect or page.rect, stream=pixmap.tobytes("png"))


def test_image_only_pdf() -> None:
    exc = _refuse(_pdf(_image_page), ScannedPdfError)
    assert exc.exit_code == 7
    assert "扫描件" in exc.message


def test_scan_with_a_watermark_line_is_still_a_scan() -> None:
    def draw(page: pymupdf.Page) -> None:
        _image_page(page)
        page.insert_text((20, 830), "扫描全能王 创建", fontname="china-s", fontsize=8)

    _refuse(_pdf(draw), ScannedPdfError)


def test_one_scanned_page_among_text_pages_is_reported() -> None:
    document = pymupdf.open("pdf", _text_pdf())
    document[0].insert_text(
        (72, 100), "单位：万元，本表反映部门本年度支出情况。", fontname="china-s"
    )
    _image_page(document.new_page())
    doc = read_pdf(Path("mixed.pdf"), document.tobytes())
    assert doc.metadata["image_only_pages"] == "2"
    assert len(doc.pages) == 2 and doc.pages[1].items == []


def test_blank_pdf_has_no_text() -> None:
    document = pymupdf.open()
    document.new_page()
    exc = _refuse(document.tobytes(), CorruptFileError)
    assert "没有任何文字" in exc.message
