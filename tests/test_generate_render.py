"""Renderers of generated documents (issue 6): DOCX, HTML, PDF and charts.

A small document is built by hand — cover, headings, paragraphs with numbers, the 支出决算表
with a two-row header (项目 over 编码/名称, the amount columns merged down), an empty 政府性
基金 table with its statement, a bar and a pie chart — and each format is read back: DOCX with
python-docx, HTML as text, PDF with our own reader (``juesuan.read``), which must recover the
table kind, every value and the empty-table statement exactly.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.generate.charts import SERIF_FONT, chart_font_path, chart_png, shares
from juesuan.generate.document import (
    Block,
    Chart,
    Document,
    HeaderCell,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from juesuan.generate.render_docx import render_docx
from juesuan.generate.render_html import render_html
from juesuan.generate.render_pdf import render_pdf
from juesuan.model import Disclosure, TableKind

D = Decimal

T03_ROWS = [
    ["合计", "", "1069.86", "117.86", "952.00", "", "", ""],
    ["201", "一般公共服务支出", "595.23", "90.18", "505.05", "", "", ""],
    ["20103", "政府办公厅（室）及相关机构事务", "53.88", "53.88", "0.00", "", "", ""],
    ["2010350", "事业运行", "53.88", "53.88", "0.00", "", "", ""],
    ["20104", "发展与改革事务", "505.05", "0.00", "505.05", "", "", ""],
    ["2010499", "其他发展与改革事务支出", "505.05", "0.00", "505.05", "", "", ""],
    ["20137", "网信事务", "36.30", "36.30", "0.00", "", "", ""],
    ["2013750", "事业运行", "36.30", "36.30", "0.00", "", "", ""],
    ["208", "社会保障和就业支出", "16.14", "16.14", "0.00", "", "", ""],
    ["20805", "行政事业单位养老支出", "14.84", "14.84", "0.00", "", "", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "9.89", "9.89", "0.00", "", "", ""],
    ["2080506", "机关事业单位职业年金缴费支出", "4.95", "4.95", "0.00", "", "", ""],
    ["20899", "其他社会保障和就业支出", "1.30", "1.30", "0.00", "", "", ""],
    ["2089999", "其他社会保障和就业支出", "1.30", "1.30", "0.00", "", "", ""],
    ["210", "卫生健康支出", "3.26", "3.26", "0.00", "", "", ""],
    ["21011", "行政事业单位医疗", "3.26", "3.26", "0.00", "", "", ""],
    ["2101102", "事业单位医疗", "3.26", "3.26", "0.00", "", "", ""],
    ["212", "城乡社区支出", "446.95", "0.00", "446.95", "", "", ""],
    ["221", "住房保障支出", "8.28", "8.28", "0.00", "", "", ""],
]
T03_COLUMNS = ["total", "basic", "project", "remit", "operating", "subsidy"]
EMPTY_STATEMENT = (
    "注：本单位2024年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款"
    "安排的支出，故本表无数据。"
)
PARAGRAPHS = [
    "乐山市大数据中心主要为全市政务信息化工作、数字乐山建设和大数据发展等提供智力支持和技术"
    "服务、保障、支撑。",
    "2024年度收入、支出总计均为1069.86万元。与2023年相比，收入、支出总计各增加89.74万元，"
    "增长9.16%。主要变动原因是项目支出增加。",
    "2024年度支出合计1069.86万元，其中：基本支出117.86万元，占11.02%；项目支出952.00万元，"
    "占88.98%。",
]


def t03() -> TableBlock:
    amount = [
        HeaderCell(text, rowspan=2)
        for text in ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出")
    ]
    header = [
        [
            HeaderCell("项目", colspan=2),
            *amount,
            HeaderCell("对附属单位补助支出", rowspan=2),
        ],
        [HeaderCell("功能分类科目编码"), HeaderCell("科目名称")],
    ]
    return TableBlock(
        kind=TableKind.T03,
        title="支出决算表",
        unit_label="单位：万元",
        number_label="财决公开03表",
        header_rows=header,
        rows=[list(r) for r in T03_ROWS],
        note="注：本表反映部门本年度各项支出情况。",
    )


def t10() -> TableBlock:
    header = [
        [
            HeaderCell("项目", colspan=2),
            HeaderCell("年初结转和结余", rowspan=2),
            HeaderCell("本年收入", rowspan=2),
            HeaderCell("本年支出", colspan=3),
            HeaderCell("年末结转和结余", rowspan=2),
        ],
        [
            HeaderCell("功能分类科目编码"),
            HeaderCell("科目名称"),
            HeaderCell("小计"),
            HeaderCell("基本支出"),
            HeaderCell("项目支出"),
        ],
    ]
    return TableBlock(
        kind=TableKind.T10,
        title="政府性基金预算财政拨款收入支出决算表",
        number_label="财决公开10表",
        header_rows=header,
        empty_statement=EMPTY_STATEMENT,
    )


BAR = Chart(
    "bar",
    "",
    ["2023年收入总计", "2024年收入总计", "2023年支出总计", "2024年支出总计"],
    [D("980.12"), D("1069.86"), D("980.12"), D("1069.86")],
    "万元",
    "图1：收入、支出决算总计变动情况图",
)
PIE = Chart(
    "pie",
    "",
    ["基本支出", "项目支出"],
    [D("117.86"), D("952.00")],
    "万元",
    "图3：支出决算结构图",
)


def build(sections: int = 1) -> Document:
    blocks: list[Block] = [
        Heading(0, "第一部分 单位概况"),
        Heading(1, "一、主要职责"),
        Paragraph(PARAGRAPHS[0]),
        PageBreak(),
        Heading(0, "第二部分 2024年度单位决算情况说明"),
    ]
    for _ in range(sections):
        blocks += [
            Heading(1, "一、收入支出决算总体情况说明"),
            Paragraph(PARAGRAPHS[1]),
            BAR,
            Heading(1, "三、支出决算情况说明"),
            Paragraph(PARAGRAPHS[2]),
            PIE,
            Heading(2, "（一）一般公共预算财政拨款支出决算总体情况"),
            Paragraph(PARAGRAPHS[1] * 3),
        ]
    blocks += [
        PageBreak(),
        Heading(0, "第五部分 附表"),
        Heading(1, "三、支出决算表"),
        t03(),
        Heading(1, "十、政府性基金预算财政拨款收入支出决算表"),
        t10(),
    ]
    return Document("乐山市大数据中心", 2024, "单位", "2025年9月26日", blocks=blocks)


@pytest.fixture(scope="module")
def document() -> Document:
    return build()


@pytest.fixture(scope="module")
def pdf_bytes(document: Document) -> bytes:
    return render_pdf(document)


@pytest.fixture(scope="module")
def pdf_read(pdf_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Disclosure:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(pdf_bytes)
    return juesuan.read(path)


# --------------------------------------------------------------------------------------------
# charts


def test_chart_png_uses_the_shipped_font_without_missing_glyphs() -> None:
    assert chart_font_path() == SERIF_FONT
    assert SERIF_FONT.is_file() and SERIF_FONT.stat().st_size > 5_000_000
    chart = Chart(
        "pie",
        "支出功能分类",
        ["一般公共服务支出", "社会保障和就业支出", "浉河区卫生健康支出", "住房保障支出"],
        [D("595.23"), D("16.14"), D("3.26"), D("8.29")],
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = chart_png(chart)
    assert not [w for w in caught if "missing" in str(w.message).lower()]
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    import pymupdf

    pix = pymupdf.Pixmap(png)
    assert (pix.width, pix.height) == (1280, 720)


def test_pie_shares_are_rounded_half_up_and_printed() -> None:
    assert shares([D("117.86"), D("952.00")]) == [D("11.02"), D("88.98")]
    assert shares([D("1"), D("1"), D("2")]) == [D("25.00"), D("25.00"), D("50.00")]
    assert shares([D("0"), D("0")]) == [D("0.00"), D("0.00")]


# --------------------------------------------------------------------------------------------
# DOCX


def test_docx_has_real_tables_with_merged_headers(document: Document) -> None:
    import docx
    from docx.oxml.ns import qn

    data = render_docx(document)
    word = docx.Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    for paragraph in PARAGRAPHS:
        assert paragraph in texts
    assert "第一部分 单位概况" in texts
    heading = [p for p in word.paragraphs if p.text == "一、主要职责"][-1]  # after the 目录
    assert heading.style.name == "Heading 2"

    assert len(word.tables) == 2
    table = word.tables[0]
    # Row 0: 项目 spans two grid columns; the amount headers are merged down two rows.
    first = table.rows[0]._tr.tc_lst[0]
    assert first.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert table.cell(0, 0).text == "项目"
    assert table.cell(0, 2).text == table.cell(1, 2).text == "本年支出合计"
    assert table.cell(1, 0).text == "功能分类科目编码"
    body = [[c.text for c in row.cells] for row in table.rows[2:]]
    assert body == T03_ROWS
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None

    empty = word.tables[1]
    last = empty.rows[-1].cells
    assert {c.text for c in last} == {EMPTY_STATEMENT}

    normal = word.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "宋体"
    assert sum(1 for _ in word.inline_shapes) == 2  # the two charts


def test_docx_reads_back_with_our_reader(document: Document, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(document))
    doc = juesuan.read(path)
    assert (doc.unit, doc.year, doc.scope) == ("乐山市大数据中心", 2024, "单位")
    _assert_tables(doc)


# --------------------------------------------------------------------------------------------
# HTML


def test_html_is_self_contained_with_tables_and_pictures(document: Document) -> None:
    html = render_html(document)
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<table>") == 2
    assert '<th colspan="2">项目</th>' in html
    assert '<th rowspan="2">本年支出合计</th>' in html
    assert '<th colspan="3">本年支出</th>' in html
    assert f'<td class="empty" colspan="8">{EMPTY_STATEMENT}</td>' in html
    assert '<td class="num">1069.86</td>' in html
    assert html.count('src="data:image/png;base64,') == 2
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "<figcaption>图1：收入、支出决算总计变动情况图</figcaption>" in html
    for paragraph in PARAGRAPHS:
        assert f"<p>{paragraph}</p>" in html


def test_html_reads_back_with_our_reader(document: Document, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(render_html(document), encoding="utf-8")
    _assert_tables(juesuan.read(path))


# --------------------------------------------------------------------------------------------
# PDF


def test_pdf_pages_text_and_fonts(pdf_bytes: bytes) -> None:
    import pymupdf

    pdf = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    # cover, 目录, 第一部分, 第二部分 (2 pages: text, charts), 附表 (2 pages).
    assert pdf.page_count == 7
    assert pdf[0].rect.width == pytest.approx(595.28, abs=0.5)
    text = "".join(page.get_text() for page in pdf).replace("\n", "")
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "— 1 —" in pdf[2].get_text()
    assert "目  录" in pdf[1].get_text()
    fonts = {f[3].split("+")[-1] for page in pdf for f in page.get_fonts()}
    assert fonts == {"Noto Serif SC Regular", "Droid Sans Fallback Regular"}
    assert all(f[3].count("+") for page in pdf for f in page.get_fonts())  # subset
    assert len(pdf_bytes) < 1_000_000
    pdf.close()


def test_pdf_reads_back_exactly(pdf_read: Disclosure) -> None:
    assert (pdf_read.unit, pdf_read.year, pdf_read.scope) == ("乐山市大数据中心", 2024, "单位")
    _assert_tables(pdf_read)
    titles = [e.title for e in pdf_read.toc]
    assert "主要职责" in titles and "支出决算表" in titles
    pages = {e.title: e.page_ref for e in pdf_read.toc}
    assert pages["单位概况"] == 1


def test_pdf_text_reads_back_as_unified_ideographs() -> None:
    """A Kangxi radical or compatibility ideograph shares its glyph with the unified
    character; the PDF must still read back as the unified one (and spaces as spaces)."""
    import pymupdf

    text = "事业运\u2f8f支出\u00a0合计\uf9b1元"  # ⾏ (U+2F8F) → 行, NBSP → space, 鈴 compat
    data = render_pdf(Document("某单位", 2024, toc=False, blocks=[Paragraph(text)]))
    page = pymupdf.open(stream=data, filetype="pdf")[1].get_text()
    assert "事业运行支出 合计鈴元" in page


def _assert_tables(doc: Disclosure) -> None:
    t03_read = doc.table(TableKind.T03)
    assert t03_read is not None
    assert t03_read.columns == T03_COLUMNS
    assert t03_read.unit == "万元"
    got = [(r.code, r.name, [r.raw.get(c, "") for c in T03_COLUMNS]) for r in t03_read.rows]
    want = [
        (None if r[0] == "合计" else r[0], "合计" if r[0] == "合计" else r[1], r[2:])
        for r in T03_ROWS
    ]
    assert got == want
    assert t03_read.rows[1].values["total"] == D("595.23")
    t10_read = doc.table(TableKind.T10)
    assert t10_read is not None
    assert t10_read.rows == []
    assert t10_read.empty_statement == EMPTY_STATEMENT


# --------------------------------------------------------------------------------------------
# wide tables and speed


def test_wide_table_goes_landscape_and_still_reads_back(tmp_path: Path) -> None:
    import pymupdf

    columns = ["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]
    names = [f"经济分类{i}" for i in range(10)]
    header = [
        [HeaderCell("项目", colspan=2), HeaderCell("合计", rowspan=2)]
        + [HeaderCell(c, rowspan=2) for c in columns * 3],
        [HeaderCell("功能分类科目编码"), HeaderCell("科目名称")],
    ]
    rows = [
        ["2010350", name, "1234567.89", *(f"{i}.{k:02d}" for k in range(12))]
        for i, name in enumerate(names)
    ]
    wide = TableBlock(TableKind.T05, "财政拨款支出决算明细表", header_rows=header, rows=rows)
    doc = Document("某单位", 2024, blocks=[Heading(1, "五、财政拨款支出决算明细表"), wide])
    data = render_pdf(doc)
    pdf = pymupdf.open(stream=data, filetype="pdf")
    body = pdf[pdf.page_count - 1]
    assert body.rect.width > body.rect.height  # landscape
    assert "五、财政拨款支出决算明细表" in body.get_text()
    words = body.get_text("words")
    assert "1234567.89" in {w[4] for w in words}
    path = tmp_path / "wide.pdf"
    path.write_bytes(data)
    table = juesuan.read(path).table(TableKind.T05)
    assert table is not None
    assert [r.raw.get("total") for r in table.rows] == ["1234567.89"] * 10


def test_thirty_pages_in_all_formats() -> None:
    """A 30-page document in the three formats (timing: `juesuan bench --generate`)."""
    big = build(sections=15)
    for _ in range(2):  # a longer 附表: the 支出决算表 three more times
        big.blocks.append(t03())
    pdf = render_pdf(big)
    docx_bytes = render_docx(big)
    html = render_html(big)
    import pymupdf

    pages = pymupdf.open(stream=pdf, filetype="pdf").page_count
    assert pages >= 30
    assert zipfile.is_zipfile(io.BytesIO(docx_bytes)) and html.endswith("</html>\n")
