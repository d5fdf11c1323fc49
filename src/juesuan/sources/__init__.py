"""Readers: one module per input form, each returning a :class:`RawDocument`.

:func:`load` picks the reader from the file's content (magic bytes) first and its extension
second, so a non-PDF named ``.pdf`` is refused clearly rather than half-read.  Input files
are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from juesuan.errors import (
    CorruptFileError,
    FileMissingError,
    FileTooLargeError,
    UnsupportedFormatError,
)
from juesuan.sources.raw import RawDocument, RawLine, RawPart, RawTable

#: Largest input accepted, in bytes.  Real disclosures are well under 50 MB; a larger file is
#: almost certainly not one, and reading it would cost memory for nothing.
MAX_INPUT_BYTES = 200 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text", ".csv", ".tsv", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = "PDF、Word（.docx）、Excel（.xlsx）、网页（.html）、文本（.txt）"


def sniff(path: Path, head: bytes) -> str:
    """The input format from the first bytes and the extension."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx":
            return "docx"
        if suffix in {".xlsx", ".xlsm"}:
            return "xlsx"
        if suffix == ".pdf":
            raise CorruptFileError(f"文件内容不是 PDF（是 ZIP/Office 文件）：{path}")
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(
            f"不支持旧版 Office 格式（.doc/.xls），请另存为 .docx/.xlsx 后再试：{path}"
        )
    if suffix == ".pdf":
        raise CorruptFileError(f"文件不是有效的 PDF（文件头不是 %PDF）：{path}")
    if suffix in {".docx", ".xlsx", ".xlsm"}:
        raise CorruptFileError(f"文件已损坏或不是有效的 Office 文件：{path}")
    from juesuan.sources.html import looks_like_html

    if suffix in HTML_SUFFIXES or (b"\x00" not in head[:4096] and looks_like_html(head)):
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if b"\x00" not in head[:4096]:
        # No extension we know, but it reads as text: treat it as text only when it decodes.
        return "txt"
    raise UnsupportedFormatError(
        f"不支持的文件类型“{suffix or '无扩展名'}”，支持：{SUPPORTED}：{path}"
    )


def load(path: str | Path) -> RawDocument:
    """Read any supported file into the common raw form.  Raises :class:`JuesuanError`."""
    p = Path(path)
    if not p.exists():
        raise FileMissingError(f"找不到文件：{p}")
    if not p.is_file():
        raise FileMissingError(f"不是文件：{p}")
    size = p.stat().st_size
    if size == 0:
        raise CorruptFileError(f"文件为空：{p}")
    if size > MAX_INPUT_BYTES:
        raise FileTooLargeError(
            f"文件过大（{size / 1024 / 1024:.0f} MB，"
            f"上限 {MAX_INPUT_BYTES // 1024 // 1024} MB）：{p}"
        )
    data = p.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff(p, data[:4096])
    if fmt == "pdf":
        from juesuan.sources.pdf import read_pdf

        doc = read_pdf(p, data)
    elif fmt == "docx":
        from juesuan.sources.docx import read_docx

        doc = read_docx(p, data)
    elif fmt == "xlsx":
        from juesuan.sources.xlsx import read_xlsx

        doc = read_xlsx(p, data)
    elif fmt == "html":
        from juesuan.sources.html import read_html

        doc = read_html(p, data)
    elif fmt == "txt":
        from juesuan.sources.text import read_text

        doc = read_text(p, data)
    else:
        raise UnsupportedFormatError(f"不支持的文件类型，支持：{SUPPORTED}：{p}")
    doc.sha256 = digest
    return doc


def joined_sha256(hashes: Sequence[str]) -> str:
    """The content hash of a document made of several files: the hash of their sorted
    hashes, so the same files in another order are the same document."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode("ascii")).hexdigest()


def load_many(paths: Sequence[str | Path]) -> RawDocument:
    """Read several files published as one disclosure (a narrative and its separately
    published tables) into one raw document, in the given order.

    Nothing is renumbered within a file; the pages of a later file are numbered on after the
    earlier files' pages (its page 1 becomes page ``first_page``), and the lines of a file
    without pages on after the earlier files' lines, so every page and line number in the
    evidence points at one place.  ``parts`` says which file each range came from.
    """
    if not paths:
        raise FileMissingError("没有指定文件")
    if len(paths) == 1:
        return load(paths[0])
    docs = [load(p) for p in paths]
    joined = RawDocument(
        path=docs[0].path,
        format=docs[0].format,
        pages=[],
        sha256=joined_sha256([d.sha256 for d in docs]),
        page_count=0,
        metadata=dict(docs[0].metadata),
    )
    page_offset = 0
    line_offset = 0
    any_pages = False
    for doc in docs:
        paged = any(page.number is not None for page in doc.pages)
        part = RawPart(doc.path, doc.format, doc.sha256, doc.page_count)
        if paged:
            any_pages = True
            part.first_page = page_offset + 1
            _shift(doc, page_offset, 0)
            page_offset += doc.page_count or max((p.number or 0 for p in doc.pages), default=0)
        else:
            part.first_line = line_offset + 1
            _shift(doc, 0, line_offset)
            line_offset = max((ln.line for ln in doc.lines()), default=line_offset)
        joined.pages.extend(doc.pages)
        joined.parts.append(part)
    joined.page_count = page_offset if any_pages else None
    return joined


def _shift(doc: RawDocument, pages: int, lines: int) -> None:
    """Number a part's pages (or, without pages, its lines) on after the earlier parts."""
    if not pages and not lines:
        return
    for page in doc.pages:
        if pages and page.number is not None:
            page.number += pages
        for item in page.items:
            rows: list[RawLine] = item.rows if isinstance(item, RawTable) else [item]
            if isinstance(item, RawTable) and pages and item.page is not None:
                item.page += pages
            for row in rows:
                if pages and row.page is not None:
                    row.page += pages
                if lines:
                    row.line += lines
