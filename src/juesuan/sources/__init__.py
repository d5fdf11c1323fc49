"""Readers: one module per input form, each returning a :class:`RawDocument`.

:func:`load` picks the reader from the file's content (magic bytes) first and its extension
second, so a non-PDF named ``.pdf`` is refused clearly rather than half-read.  Input files
are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from juesuan.errors import (
    CorruptFileError,
    FileMissingError,
    FileTooLargeError,
    UnsupportedFormatError,
)
from juesuan.sources.raw import RawDocument

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
