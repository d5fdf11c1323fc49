"""Word (.docx) reader.

The document body is walked in order, so paragraphs and tables keep their relative position.
Each paragraph becomes a :class:`RawLine`; each Word table becomes a ruled :class:`RawTable`
with one :class:`RawLine` per row.  ``line`` is a running 1-based index over paragraphs and
table rows (a table of three rows after paragraph 2 has rows 3, 4 and 5).

Headers, footers, footnotes, comments and text boxes are not read: disclosures keep their
content in the body.

This module also holds the small helpers shared with the XLSX reader (:func:`join_wrapped`,
:func:`check_office_zip`).
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from juesuan.errors import CorruptFileError, FileTooLargeError
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable

#: Largest total uncompressed size accepted for an Office (zip) file.  Guards against zip bombs;
#: real disclosures stay far below it.
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P = _w("p")
W_TBL = _w("tbl")
W_TR = _w("tr")
W_TC = _w("tc")
W_SDT = _w("sdt")
W_SDT_CONTENT = _w("sdtContent")
W_CUSTOM_XML = _w("customXml")
W_T = _w("t")
W_TAB = _w("tab")
W_BR = _w("br")
W_CR = _w("cr")
W_NO_BREAK_HYPHEN = _w("noBreakHyphen")
W_R = _w("r")
W_VAL = _w("val")
W_TYPE = _w("type")

#: Subtrees whose text is not part of the visible paragraph text: properties (which hold tab
#: stop definitions), deleted revisions, and drawing fallbacks / text boxes (which would repeat
#: or misplace text).
SKIPPED_TAGS = frozenset(
    {
        _w("pPr"),
        _w("rPr"),
        _w("del"),
        _w("moveFrom"),
        _w("txbxContent"),
        _w("drawing"),
        _w("pict"),
        f"{{{MC_NS}}}AlternateContent",
    }
)

FALSE_VALUES = frozenset({"0", "false", "off", "none"})

# --------------------------------------------------------------------------------------------
# Helpers shared with the XLSX reader


def is_cjk(ch: str) -> bool:
    """True for Chinese/Japanese/Korean characters and CJK or full-width punctuation."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK symbols & punctuation, kana, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # extension ideographs
        or 0x2018 <= code <= 0x201F  # curly quotes, as used in Chinese text
    )


def join_wrapped(parts: Iterable[str]) -> str:
    """Join the lines of a wrapped cell or paragraph into one line.

    Empty parts are dropped.  Two parts are joined with nothing between them when the first
    ends and the second starts with CJK text (Chinese wraps without spaces), else with a space.
    """
    out = ""
    for raw in parts:
        part = raw.strip()
        if not part:
            continue
        if out and not (is_cjk(out[-1]) and is_cjk(part[0])):
            out += " "
        out += part
    return out


def check_office_zip(path: Path, data: bytes, kind: str) -> list[str]:
    """Open ``data`` as a zip archive and return its member names.

    ``kind`` is ``"docx"`` or ``"xlsx"``.  Raises :class:`CorruptFileError` when the data is not
    a readable zip or holds the other Office format, and :class:`FileTooLargeError` when it
    would unpack to more than :data:`MAX_UNZIPPED_BYTES`.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise CorruptFileError(
            f"文件已损坏，无法作为 .{kind} 打开（ZIP 结构错误）：{path}"
        ) from exc
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise FileTooLargeError(
            f"文件解压后过大（{total / 1024 / 1024:.0f} MB，"
            f"上限 {MAX_UNZIPPED_BYTES // 1024 // 1024} MB）：{path}"
        )
    names = [info.filename for info in infos]
    has_word = "word/document.xml" in names
    has_excel = "xl/workbook.xml" in names
    if kind == "docx" and has_excel and not has_word:
        raise CorruptFileError(f"文件扩展名是 .docx，但内容是 Excel 工作簿，请改为 .xlsx：{path}")
    if kind == "xlsx" and has_word and not has_excel:
        raise CorruptFileError(f"文件扩展名是 .xlsx，但内容是 Word 文档，请改为 .docx：{path}")
    return names


# --------------------------------------------------------------------------------------------
# Reader


def read_docx(path: Path, data: bytes) -> RawDocument:
    """Read a .docx file into the common raw form.  Raises :class:`JuesuanError`."""
    import docx  # python-docx; imported here so the XLSX reader can share the helpers above

    check_office_zip(path, data, "docx")
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _BodyReader(_style_info(document))
        items = list(reader.read(document.element.body))
        metadata = _metadata(document)
    except Exception as exc:  # corrupt parts surface as many exception types (zip, XML, KeyError)
        raise CorruptFileError(f"Word 文件已损坏或不是有效的 .docx 文件：{path}") from exc
    if not any(not line.is_blank for line in _lines(items)):
        raise CorruptFileError(f"文件没有文字内容：{path}")
    return RawDocument(
        path=str(path),
        format="docx",
        pages=[RawPage(number=None, items=items)],
        metadata=metadata,
    )


def _lines(items: list[RawItem]) -> Iterator[RawLine]:
    for item in items:
        if isinstance(item, RawTable):
            yield from item.rows
        else:
            yield item


class _StyleInfo:
    """What the reader needs to know about a paragraph style."""

    __slots__ = ("bold", "heading", "size")

    def __init__(self, heading: bool, bold: bool, size: float | None) -> None:
        self.heading = heading
        self.bold = bold
        self.size = size


def _style_info(document: Any) -> dict[str, _StyleInfo]:
    """Paragraph style id -> heading/bold/size, from the document's style definitions."""
    info: dict[str, _StyleInfo] = {}
    for style in document.styles:
        style_id = getattr(style, "style_id", None)
        if not style_id:
            continue
        name = (getattr(style, "name", "") or "").lower()
        heading = name.startswith(("heading", "title", "标题"))
        font = getattr(style, "font", None)
        bold = bool(font is not None and font.bold)
        size = font.size.pt if font is not None and font.size is not None else None
        info[style_id] = _StyleInfo(heading, bold, size)
    return info


def _metadata(document: Any) -> dict[str, str]:
    props = document.core_properties
    out: dict[str, str] = {}
    for key in ("title", "author", "subject"):
        value = getattr(props, key, None)
        if value:
            out[key] = str(value)
    for key in ("created", "modified"):
        value = getattr(props, key, None)
        if value is not None:
            out[key] = value.isoformat()
    return out


class _BodyReader:
    """Walks the body XML in document order, numbering paragraphs and table rows."""

    def __init__(self, styles: dict[str, _StyleInfo]) -> None:
        self.styles = styles
        self.counter = 0

    def _next_line(self) -> int:
        self.counter += 1
        return self.counter

    def read(self, container: Any) -> Iterator[RawItem]:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W_P:
                yield self._paragraph(child)
            elif tag == W_TBL:
                table = self._table(child)
                if table.rows:
                    yield table
            elif tag in (W_SDT, W_CUSTOM_XML):
                # Content controls and custom XML wrap ordinary body content.
                content = child.find(W_SDT_CONTENT) if tag == W_SDT else child
                if content is not None:
                    yield from self.read(content)

    def _paragraph(self, p: Any) -> RawLine:
        text = paragraph_text(p)
        bold, size = self._font(p)
        return RawLine(
            text=text,
            page=None,
            line=self._next_line(),
            cells=[RawCell(text.strip())],
            size=size,
            bold=bold,
        )

    def _font(self, p: Any) -> tuple[bool, float | None]:
        """Bold when the paragraph is a heading or all its text runs are bold; the dominant size."""
        style = self.styles.get(_paragraph_style_id(p) or "")
        run_bold: list[bool] = []
        sizes: Counter[float] = Counter()
        for run in p.iter(W_R):
            length = sum(len(t.text or "") for t in run.iter(W_T))
            if not length or _inside_skipped(run, p):
                continue
            rpr = run.find(_w("rPr"))
            bold_el = rpr.find(_w("b")) if rpr is not None else None
            if bold_el is not None:
                run_bold.append((bold_el.get(W_VAL) or "true").lower() not in FALSE_VALUES)
            else:
                run_bold.append(bool(style and style.bold))
            size_el = rpr.find(_w("sz")) if rpr is not None else None
            half_points = _int(size_el.get(W_VAL)) if size_el is not None else None
            if half_points:
                sizes[half_points / 2] += length
            elif style and style.size:
                sizes[style.size] += length
        bold = bool(style and style.heading) or (bool(run_bold) and all(run_bold))
        size = sizes.most_common(1)[0][0] if sizes else None
        return bold, size

    def _table(self, tbl: Any) -> RawTable:
        grid = tbl.find(_w("tblGrid"))
        grid_cols = len(grid.findall(_w("gridCol"))) if grid is not None else 0
        rows: list[RawLine] = []
        width = grid_cols
        for tr in _row_elements(tbl):
            cells = _row_cells(tr)
            if not cells:
                continue
            width = max(width, max((c.col or 0) + c.span for c in cells))
            rows.append(
                RawLine(
                    text="\t".join(c.text for c in cells),
                    page=None,
                    line=self._next_line(),
                    cells=cells,
                )
            )
        return RawTable(rows=rows, page=None, ncols=width or None, ruled=True)


def _inside_skipped(el: Any, stop: Any) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in SKIPPED_TAGS:
            return True
        parent = parent.getparent()
    return False


def _paragraph_style_id(p: Any) -> str | None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return None
    pstyle = ppr.find(_w("pStyle"))
    return pstyle.get(W_VAL) if pstyle is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def paragraph_text(p: Any) -> str:
    """The visible text of a ``w:p``; manual line breaks are joined as wrapped text."""
    parts: list[str] = [""]

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED_TAGS:
                continue
            if tag == W_T:
                parts[-1] += child.text or ""
            elif tag == W_TAB:
                parts[-1] += "\t"
            elif tag == W_NO_BREAK_HYPHEN:
                parts[-1] += "-"
            elif tag == W_BR:
                if child.get(W_TYPE) in (None, "textWrapping"):
                    parts.append("")
            elif tag == W_CR:
                parts.append("")
            else:
                walk(child)

    walk(p)
    if len(parts) == 1:
        return parts[0]
    return join_wrapped(parts)


def _row_elements(tbl: Any) -> Iterator[Any]:
    """The ``w:tr`` rows of a table, looking through content controls."""
    for child in tbl.iterchildren():
        if child.tag == W_TR:
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML):
            content = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if content is not None:
                yield from _row_elements(content)


def _cell_elements(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == W_TC:
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML):
            content = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if content is not None:
                yield from _cell_elements(content)


def _row_cells(tr: Any) -> list[RawCell]:
    col = 0
    trpr = tr.find(_w("trPr"))
    if trpr is not None:
        before = trpr.find(_w("gridBefore"))
        if before is not None:
            col = _int(before.get(W_VAL)) or 0
    cells: list[RawCell] = []
    for tc in _cell_elements(tr):
        tcpr = tc.find(_w("tcPr"))
        span = 1
        continuation = False
        if tcpr is not None:
            grid_span = tcpr.find(_w("gridSpan"))
            if grid_span is not None:
                span = max(1, _int(grid_span.get(W_VAL)) or 1)
            v_merge = tcpr.find(_w("vMerge"))
            if v_merge is not None and v_merge.get(W_VAL) in (None, "continue"):
                continuation = True
            h_merge = tcpr.find(_w("hMerge"))
            if h_merge is not None and h_merge.get(W_VAL) in (None, "continue"):
                continuation = True
        text = "" if continuation else cell_text(tc)
        cells.append(RawCell(text=text, col=col, span=span))
        col += span
    return cells


def cell_text(tc: Any) -> str:
    """The text of a ``w:tc``: its paragraphs (and any nested table) joined as wrapped text."""
    return join_wrapped(_cell_parts(tc))


def _cell_parts(container: Any) -> Iterator[str]:
    for child in container.iterchildren():
        tag = child.tag
        if tag == W_P:
            yield paragraph_text(child).replace("\t", " ")
        elif tag == W_TBL:
            for tr in _row_elements(child):
                yield " ".join(c.text for c in _row_cells(tr) if c.text)
        elif tag in (W_SDT, W_CUSTOM_XML):
            content = child.find(W_SDT_CONTENT) if tag == W_SDT else child
            if content is not None:
                yield from _cell_parts(content)
