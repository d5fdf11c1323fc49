"""HTML reader: a disclosure published as a web page (standard library ``html.parser``).

Block elements (p, div, h1–h6, li, br, …) become lines; ``<table>`` becomes a
:class:`RawTable` whose cells carry their grid column, with ``colspan`` as the span and
``rowspan`` continued as empty cells in the rows below (as a reader sees a merged cell).
Scripts, styles and the document head are skipped.  There are no pages (``page = None``);
``line`` numbers the emitted lines and rows in order.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from juesuan.errors import CorruptFileError
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable
from juesuan.sources.text import decode

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "ul",
    ]
)
SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000]+")


def looks_like_html(head: bytes) -> bool:
    start = head[:2048].lstrip().lower()
    start = start.removeprefix(b"\xef\xbb\xbf")
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]


def _decode(data: bytes, path: Path) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[RawCell]] = []
        self.pending: dict[int, int] = {}  # column -> rows still covered by a rowspan
        self.row: list[RawCell] | None = None
        self.col = 0
        self.cell: list[str] | None = None
        self.cell_span = 1
        self.cell_rowspan = 1

    def start_row(self) -> None:
        self.end_row()
        self.row = []
        self.col = 0
        self._skip_covered()

    def _skip_covered(self) -> None:
        assert self.row is not None
        while self.pending.get(self.col, 0) > 0:
            self.row.append(RawCell("", col=self.col))
            self.pending[self.col] -= 1
            self.col += 1

    def start_cell(self, colspan: int, rowspan: int) -> None:
        if self.row is None:
            self.start_row()
        self.end_cell()
        self._skip_covered()
        self.cell = []
        self.cell_span = colspan
        self.cell_rowspan = rowspan

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = _SPACES.sub(" ", "".join(self.cell)).strip()
        self.row.append(RawCell(text, col=self.col, span=self.cell_span))
        if self.cell_rowspan > 1:
            for c in range(self.col, self.col + self.cell_span):
                self.pending[c] = self.cell_rowspan - 1
        self.col += self.cell_span
        self.cell = None
        self._skip_covered()

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            if any(c.text for c in self.row):
                self.rows.append(self.row)
            self.row = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[RawItem] = []
        self.text: list[str] = []
        self.skip = 0
        self.tables: list[_Table] = []
        self.line_no = 0

    # -- running text
    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.text)).strip()
        self.text = []
        if text:
            self.line_no += 1
            self.items.append(RawLine(text=text, page=None, line=self.line_no))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip += 1
            return
        if self.skip:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is None:
                self._flush()
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            table.start_row()
        elif table is not None and tag in ("td", "th"):
            values = dict(attrs)
            table.start_cell(_int(values.get("colspan")), _int(values.get("rowspan")))
        elif table is None and (tag in BLOCKS or tag == "br"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and table is not None:
            self.tables.pop()
            table.end_row()
            if self.tables:  # a table inside a cell: keep its text in the outer cell
                outer = self.tables[-1]
                if outer.cell is not None:
                    outer.cell.append(" ".join(c.text for r in table.rows for c in r))
                return
            self._emit_table(table)
        elif table is not None and tag in ("td", "th"):
            table.end_cell()
        elif table is not None and tag == "tr":
            table.end_row()
        elif table is None and tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables:
            cell = self.tables[-1].cell
            if cell is not None:
                cell.append(data)
            return
        self.text.append(data)

    def _emit_table(self, table: _Table) -> None:
        if not table.rows:
            return
        ncols = max(c.col + c.span for r in table.rows for c in r if c.col is not None)
        rows = []
        for cells in table.rows:
            self.line_no += 1
            rows.append(
                RawLine(
                    text="\t".join(c.text for c in cells),
                    page=None,
                    line=self.line_no,
                    cells=cells,
                )
            )
        self.items.append(RawTable(rows=rows, page=None, ncols=ncols, ruled=True))

    def close(self) -> None:
        super().close()
        while self.tables:
            table = self.tables.pop()
            table.end_row()
            self._emit_table(table)
        self._flush()


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1


def read_html(path: Path, data: bytes) -> RawDocument:
    parser = _Parser()
    parser.feed(_decode(data, path))
    parser.close()
    if not parser.items:
        raise CorruptFileError(f"网页中没有文字内容：{path}")
    return RawDocument(path=str(path), format="html", pages=[RawPage(None, parser.items)])
