"""Bad input files, at the :func:`juesuan.sources.load` level.

Every refusal is a :class:`JuesuanError` with the documented exit code and a one-line Chinese
message, and the input file is never modified.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pymupdf
import pytest

import juesuan.sources
import juesuan.sources.docx
from juesuan.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileMissingError,
    FileTooLargeError,
    JuesuanError,
    ScannedPdfError,
    UnsupportedFormatError,
)
from juesuan.sources import load

pymupdf.no_recommend_layout()

CJK = re.compile(r"[\u4e00-\u9fff]")
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refuse(path: Path, error: type[JuesuanError], exit_code: int) -> JuesuanError:
    """Load ``path``, expecting ``error``; check the message and that the file is unchanged."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(error) as info:
        load(path)
    exc = info.value
    assert exc.exit_code == exit_code
    assert exc.message == str(exc)
    assert "\n" not in exc.message and "\r" not in exc.message
    assert CJK.search(exc.message), exc.message
    if before is not None:
        assert path.read_bytes() == before
    return exc


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def pdf_bytes(fill: Callable[[pymupdf.Page], None]) -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    fill(page)
    data: bytes = document.tobytes()
    document.close()
    return data


def text_page(page: pymupdf.Page) -> None:
    page.insert_text((72, 72), "Final accounts 2023")


def image_page(page: pymupdf.Page) -> None:
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pixmap.clear_with(180)
    page.insert_image(pymupdf.Rect(50, 50, 350, 450), stream=pixmap.tobytes("png"))


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("部门决算说明")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Not a file


def test_missing_file(tmp_path: Path) -> None:
    exc = refuse(tmp_path / "不存在.pdf", FileMissingError, 3)
    assert "找不到文件" in exc.message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    refuse(folder, FileMissingError, 3)


def test_empty_file(tmp_path: Path) -> None:
    exc = refuse(write(tmp_path / "empty.pdf", b""), CorruptFileError, 5)
    assert "为空" in exc.message


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(juesuan.sources, "MAX_INPUT_BYTES", 1024)
    path = write(tmp_path / "big.txt", "决算".encode() * 1000)
    refuse(path, FileTooLargeError, 8)


# --------------------------------------------------------------------------------------------
# Wrong or unknown content


def test_text_renamed_pdf(tmp_path: Path) -> None:
    path = write(tmp_path / "report.pdf", "这是一个文本文件，不是 PDF。\n".encode())
    refuse(path, CorruptFileError, 5)


def test_garbage_named_pdf(tmp_path: Path) -> None:
    path = write(tmp_path / "garbage.pdf", bytes(range(256)) * 8)
    refuse(path, CorruptFileError, 5)


def test_zip_named_pdf(tmp_path: Path) -> None:
    path = write(tmp_path / "word.pdf", docx_bytes())
    refuse(path, CorruptFileError, 5)


def test_png_unknown_extension(tmp_path: Path) -> None:
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 10, 10), False)
    path = write(tmp_path / "scan.png", pixmap.tobytes("png"))
    refuse(path, UnsupportedFormatError, 4)


def test_zip_unknown_extension(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = write(tmp_path / "bundle.zip", buffer.getvalue())
    refuse(path, UnsupportedFormatError, 4)


def test_binary_unknown_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "blob.bin", bytes(range(256)) * 4)
    refuse(path, UnsupportedFormatError, 4)


@pytest.mark.parametrize("name", ["old.doc", "old.xls"])
def test_legacy_office(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, OLE_HEADER + bytes(504) + b"\x00" * 1024)
    exc = refuse(path, UnsupportedFormatError, 4)
    assert ".docx" in exc.message


def test_undecodable_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", b"\x81\x30\xff\xff" * 10)
    refuse(path, CorruptFileError, 5)


# --------------------------------------------------------------------------------------------
# Broken Office files


@pytest.mark.parametrize("name", ["broken.docx", "broken.xlsx"])
def test_random_bytes_with_zip_header(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, b"PK\x03\x04" + bytes(range(256)) * 4)
    refuse(path, CorruptFileError, 5)


@pytest.mark.parametrize("name", ["truncated.docx", "truncated.xlsx"])
def test_truncated_office_file(tmp_path: Path, name: str) -> None:
    data = docx_bytes()
    path = write(tmp_path / name, data[: len(data) // 2])
    refuse(path, CorruptFileError, 5)


@pytest.mark.parametrize("name", ["other.docx", "other.xlsx"])
def test_zip_without_office_parts(tmp_path: Path, name: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = write(tmp_path / name, buffer.getvalue())
    refuse(path, CorruptFileError, 5)


def test_office_zip_bomb_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(juesuan.sources.docx, "MAX_UNZIPPED_BYTES", 1000)
    path = write(tmp_path / "bomb.docx", docx_bytes())
    refuse(path, FileTooLargeError, 8)


@pytest.mark.parametrize("name", ["broken.docx", "broken.xlsx"])
def test_office_header_without_zip(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "不是压缩文件".encode())
    refuse(path, CorruptFileError, 5)


# --------------------------------------------------------------------------------------------
# Broken PDFs (read by juesuan.sources.pdf)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = pdf_bytes(text_page)
    path = write(tmp_path / "truncated.pdf", data[:100])
    refuse(path, CorruptFileError, 5)


def test_pdf_header_then_garbage(tmp_path: Path) -> None:
    path = write(tmp_path / "header.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)
    refuse(path, CorruptFileError, 5)


def test_encrypted_pdf(tmp_path: Path) -> None:
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "Final accounts 2023")
    path = tmp_path / "locked.pdf"
    document.save(str(path), encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    document.close()
    refuse(path, EncryptedFileError, 6)


def test_image_only_pdf(tmp_path: Path) -> None:
    path = write(tmp_path / "scanned.pdf", pdf_bytes(image_page))
    refuse(path, ScannedPdfError, 7)


def test_valid_pdf_still_loads(tmp_path: Path) -> None:
    """The control case: the PDF the broken ones are made from is readable."""
    path = write(tmp_path / "ok.pdf", pdf_bytes(text_page))
    before = path.read_bytes()
    doc = load(path)
    assert doc.format == "pdf"
    assert "Final accounts 2023" in "\n".join(line.text for line in doc.lines())
    assert path.read_bytes() == before
