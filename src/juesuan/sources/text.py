"""Plain text as extracted from published PDFs/Word files.

Tables arrive as tab-separated lines; a run of consecutive lines containing a tab becomes one
:class:`RawTable` whose cells carry their tab column.  Page breaks are lost, so ``page`` is
``None`` and ``line`` is the 1-based line number in the file.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.errors import CorruptFileError
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable

ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ENCODINGS[:2]:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CorruptFileError(f"无法识别文本编码（不是 UTF-8 或 GB18030 文本）：{path}")


def read_text(path: Path, data: bytes) -> RawDocument:
    text = decode(data, path)
    if "\x00" in text:
        raise CorruptFileError(f"文件不是文本文件：{path}")
    if not text.strip():
        raise CorruptFileError(f"文件没有文字内容：{path}")
    return RawDocument(path=str(path), format="txt", pages=[RawPage(None, parse_lines(text))])


def parse_lines(text: str) -> list[RawItem]:
    """Split text into items: plain lines, and runs of tab-separated lines as tables."""
    items: list[RawItem] = []
    run: list[RawLine] = []

    def flush() -> None:
        if run:
            items.append(RawTable(rows=list(run), page=None, ncols=max(len(r.cells) for r in run)))
            run.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if "\t" in line:
            cells = [RawCell(cell.strip(), col=i) for i, cell in enumerate(line.split("\t"))]
            run.append(RawLine(text=line, page=None, line=number, cells=cells))
            continue
        flush()
        items.append(RawLine(text=line, page=None, line=number, cells=[RawCell(line.strip())]))
    flush()
    return items
