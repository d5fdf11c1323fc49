"""Write a generated :class:`~juesuan.generate.document.Document` as a Word file (python-docx).

The result is what a finance office would have typed by hand, only correct:

- A4 pages; the cover and the 目录 form the first section (no page number); the body is a
  new section numbered "— 1 —" in the footer; a table wider than eight columns sits in an
  A4 landscape section of its own.
- Body text 宋体 小四 (12 pt), first line indented two characters, 1.5 line spacing; part
  headings 黑体 三号 centred, section headings 黑体.  Chinese font names are set through
  ``w:eastAsia`` (Word uses it for CJK text) with Times New Roman for digits and Latin.
- Headings use Word's built-in Heading 1–3 styles, so the 目录 is a real TOC field: it holds
  the heading texts (what our reader and a reader without Word see) and Word fills in the
  page numbers when the file is opened (``w:updateFields``).
- Tables are real Word tables with single black borders, header rows marked to repeat on
  every page, merged header cells (``gridSpan`` / ``vMerge``), amounts right-aligned; an
  empty table gets one row spanning all columns with its statement (本表无数据).
- Charts are PNG pictures with their caption below.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as _new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from juesuan.generate.charts import chart_png
from juesuan.generate.document import (
    Chart,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from juesuan.generate.layout import cell_align, column_weights, place_header

SERIF_CN = "宋体"
SANS_CN = "黑体"
LATIN = "Times New Roman"
#: Tables wider than this many columns go on a landscape page.
LANDSCAPE_COLS = 8
TABLE_STYLE = "表格文字"
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}
CAPTION_STYLE = "图表标题"


def render_docx(document: Document) -> bytes:
    """The document as DOCX bytes."""
    doc: Any = _new_document()
    _setup_styles(doc)
    section = doc.sections[0]
    _page_setup(section, landscape=False)
    _cover(doc, document)
    if document.toc:
        _toc(doc, document)
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(body, landscape=False)
    _page_numbers(body)
    landscape = False
    first_in_section = True
    for block, wants in zip(document.blocks, _orientations(document), strict=True):
        if wants is not None and wants != landscape:
            new = doc.add_section(WD_SECTION.NEW_PAGE)
            _page_setup(new, landscape=wants)
            landscape = wants
            first_in_section = True
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                doc.add_paragraph(line)
        elif isinstance(block, TableBlock):
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
        elif isinstance(block, PageBreak):
            if not first_in_section:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            first_in_section = True
            continue
        first_in_section = False
    props = doc.core_properties
    props.title = document.cover_title()
    props.author = document.unit
    props.subject = f"{document.year}年度{document.kind}决算"
    props.comments = "juesuan generate"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _orientations(document: Document) -> list[bool | None]:
    """Per block: True = needs a landscape page, False = portrait, None = either.  A heading
    goes with the block after it (a wide table's heading sits on its landscape page)."""
    own: list[bool | None] = []
    for block in document.blocks:
        if isinstance(block, TableBlock):
            own.append(True if block.n_cols > LANDSCAPE_COLS else None)
        elif isinstance(block, Paragraph | Chart):
            own.append(False)
        else:
            own.append(None)
    out = list(own)
    following: bool | None = None
    for i in range(len(own) - 1, -1, -1):
        block = document.blocks[i]
        if isinstance(block, Heading):
            out[i] = following
        elif not isinstance(block, PageBreak):
            following = own[i]
    return out


# --------------------------------------------------------------------------------------------
# styles and pages


def _fonts(rpr_owner: Any, east_asia: str, latin: str = LATIN) -> None:
    """Set the Latin and East Asian font names of a style or run (``w:rFonts``)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def _style(
    doc: Any, name: str, east_asia: str, size: float, base: str | None = None, bold: bool = False
) -> Any:
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        from docx.enum.style import WD_STYLE_TYPE

        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element, east_asia)
    return style


def _setup_styles(doc: Any) -> None:
    normal = _style(doc, "Normal", SERIF_CN, 12)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(24)
    fmt.line_spacing = 1.5
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for level, (size, centred) in enumerate(((16, True), (14, False), (12, False))):
        style = _style(doc, f"Heading {level + 1}", SANS_CN, size)
        f = style.paragraph_format
        f.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        f.first_line_indent = Pt(0) if centred else Pt(24)
        f.space_before = Pt(12 if level == 0 else 6)
        f.space_after = Pt(12 if level == 0 else 3)
        f.line_spacing = 1.5
        f.keep_with_next = True
    table = _style(doc, TABLE_STYLE, SERIF_CN, 9, base="Normal")
    t = table.paragraph_format
    t.first_line_indent = Pt(0)
    t.line_spacing = 1.0
    t.alignment = WD_ALIGN_PARAGRAPH.LEFT
    caption = _style(doc, CAPTION_STYLE, SERIF_CN, 10.5, base="Normal")
    c = caption.paragraph_format
    c.first_line_indent = Pt(0)
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    c.keep_with_next = False


def _page_setup(section: Any, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(2.1)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.8)
        section.top_margin = section.bottom_margin = Cm(2.54)


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (``PAGE``, ``TOC …``) inside one paragraph."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    if placeholder:
        paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _page_numbers(section: Any) -> None:
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.add_run("— ")
    _field(footer, "PAGE", "1")
    footer.add_run(" —")
    number = OxmlElement("w:pgNumType")
    number.set(qn("w:start"), "1")
    section._sectPr.append(number)


# --------------------------------------------------------------------------------------------
# blocks


def _centred(doc: Any, text: str, size: float, east_asia: str, before: float = 0) -> Any:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_before = Pt(before)
    run = p.add_run(text)
    run.font.size = Pt(size)
    _fonts(run._r, east_asia)
    return p


def _cover(doc: Any, document: Document) -> None:
    first = True
    lines = (
        [document.title]
        if document.title
        else [document.unit, f"{document.year}年度{document.kind}决算"]
    )
    for line in lines:
        _centred(doc, line, 26, SANS_CN, before=200 if first else 12)
        first = False
    if document.publication_date:
        _centred(doc, f"公开时间：{document.publication_date}", 16, SERIF_CN, before=220)


def _toc(doc: Any, document: Document) -> None:
    entries = [b for b in document.blocks if isinstance(b, Heading) and b.level <= 1]
    if not entries:
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centred(doc, "目录", 18, SANS_CN)
    # One TOC field whose cached result lists the headings; Word adds the page numbers.
    paragraphs = []
    for entry in entries:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.left_indent = Pt(0 if entry.level == 0 else 24)
        paragraphs.append((p, entry))
    for k, (p, entry) in enumerate(paragraphs):
        if k == 0:
            _field_begin(p, 'TOC \\o "1-2" \\h \\z \\u')
        run = p.add_run(entry.text)
        if entry.level == 0:
            _fonts(run._r, SANS_CN)
    last, _ = paragraphs[-1]
    run = last.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _field_begin(paragraph: Any, instruction: str) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _heading(doc: Any, block: Heading) -> None:
    doc.add_paragraph(block.text, style=f"Heading {min(block.level, 2) + 1}")


def _chart(doc: Any, block: Chart) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(chart_png(block)), width=Cm(14.5))
    if block.caption:
        doc.add_paragraph(block.caption, style=CAPTION_STYLE)


def _set_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _table(doc: Any, block: TableBlock) -> None:
    n = max(block.n_cols, 1)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.keep_with_next = True
    run = title.add_run(block.title)
    run.font.size = Pt(14)
    _fonts(run._r, SANS_CN)
    meta = doc.add_paragraph(style=TABLE_STYLE)
    meta.paragraph_format.keep_with_next = True
    meta.paragraph_format.space_after = Pt(2)
    meta.add_run(block.number_label)
    meta.add_run("\t")
    meta.add_run(block.unit_label)
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    meta.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right tab

    n_head = len(block.header_rows)
    n_body = len(block.rows) if block.rows else 1
    table = doc.add_table(rows=n_head + n_body, cols=n)
    table.style = doc.styles["Normal Table"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_borders(table)
    style_id = doc.styles[TABLE_STYLE].style_id
    rows = table.rows
    grid = [row.cells for row in rows]
    for r in range(n_head + n_body):
        for cell in grid[r]:
            # The style id straight into w:pStyle: python-docx's style setter looks the
            # style up by name on every call, which dominated the run time.
            cell._tc.p_lst[0].style = style_id
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # Column widths from the content (Word would otherwise split the width evenly).
    table.autofit = False
    weights = column_weights(block)
    total = sum(weights)
    widths = [int(width * w / total) for w in weights]
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w
    for r in range(n_head + n_body):
        for c, cell in enumerate(grid[r]):
            cell.width = widths[c]
        rows[r].height = Pt(16)
        rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for r in range(n_head):
        tr_pr = rows[r]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)
    for pc in place_header(block):
        cell = grid[pc.row][pc.col]
        if pc.rowspan > 1 or pc.colspan > 1:
            cell = cell.merge(grid[pc.row + pc.rowspan - 1][pc.col + pc.colspan - 1])
        _set_text(cell, pc.cell.text, WD_ALIGN_PARAGRAPH.CENTER)
    if block.rows:
        for r, values in enumerate(block.rows):
            cells = grid[n_head + r]
            for c in range(n):
                text = values[c] if c < len(values) else ""
                if text:
                    align = _ALIGN[cell_align(text)]
                    _set_text(cells[c], text, align)
    else:
        cells = grid[n_head]
        cell = cells[0].merge(cells[n - 1]) if n > 1 else cells[0]
        _set_text(cell, block.empty_statement or "", WD_ALIGN_PARAGRAPH.LEFT)
    if block.note:
        note = doc.add_paragraph(block.note, style=TABLE_STYLE)
        note.paragraph_format.space_before = Pt(3)
    spacer = doc.add_paragraph(style=TABLE_STYLE)
    spacer.paragraph_format.space_after = Pt(6)


def _set_text(cell: Any, text: str, align: Any) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    first.add_run(lines[0])
    first.alignment = align
    for extra in lines[1:]:
        p = cell.add_paragraph(extra)
        p._p.style = first._p.style
        p.alignment = align
