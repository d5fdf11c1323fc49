"""Excel (.xlsx) reader.

Each visible worksheet becomes one :class:`RawPage` (``number=None``, ``name`` = sheet title).
Runs of consecutive non-empty rows become ruled :class:`RawTable` items; blank rows split
tables.  ``line`` is the Excel row number and ``col`` the 0-based column index (column A = 0).
A row's cells run from column A to its last non-empty cell, empty cells included.

Cell text is the value as Excel would show it, within reason: numbers with a fixed-decimal
format (``0.00``, ``#,##0.00``, ``0.0%``, ``0000000``) get that many decimals / digits, other
numbers are written without float artifacts (``1069.86``, not ``1069.8599999999999``);
thousands separators are not added.  Text is kept as is (codes keep their leading zeros).
Merged cells keep their value in the top-left cell; the others are empty.

The workbook is opened read-only (streamed), so hidden rows/columns and merge ranges are not
seen; values are the cached results of formulas (``data_only``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from juesuan.errors import CorruptFileError
from juesuan.sources.docx import check_office_zip, join_wrapped
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable

# --------------------------------------------------------------------------------------------
# Number formatting


class FixedFormat:
    """The parts of an Excel number format that change how a plain number reads."""

    __slots__ = ("max_decimals", "min_decimals", "min_integer_digits", "percent")

    def __init__(
        self, min_integer_digits: int, min_decimals: int, max_decimals: int, percent: int
    ) -> None:
        self.min_integer_digits = min_integer_digits
        self.min_decimals = min_decimals
        self.max_decimals = max_decimals
        self.percent = percent


# Pieces of a format section that do not affect digits: quoted literals, [colour]/[condition]
# brackets, "_x" padding, "\x" escapes and "*x" fills.
_DECORATION = re.compile(r'"[^"]*"|\[[^\]]*\]|_.|\\.|\*.')
_FIXED_CHARS = frozenset("0#?,.% ()-+")
_FORMAT_CACHE: dict[str, FixedFormat | None] = {}


def parse_fixed_format(number_format: str | None) -> FixedFormat | None:
    """A :class:`FixedFormat` for digit formats like ``0.00`` or ``#,##0.0%``, else ``None``.

    ``General``, text (``@``), dates, scientific and fraction formats give ``None``.  Only the
    first (positive) section of a multi-section format is used.
    """
    if not number_format:
        return None
    if number_format in _FORMAT_CACHE:
        return _FORMAT_CACHE[number_format]
    section = _first_section(number_format)
    cleaned = _DECORATION.sub("", section).strip()
    result: FixedFormat | None = None
    if (
        cleaned
        and set(cleaned) <= _FIXED_CHARS
        and any(ch in "0#?" for ch in cleaned)
        and cleaned.count(".") <= 1
    ):
        integer, _, decimals = cleaned.partition(".")
        result = FixedFormat(
            min_integer_digits=max(1, integer.count("0")),
            min_decimals=decimals.count("0"),
            max_decimals=sum(decimals.count(ch) for ch in "0#?"),
            percent=cleaned.count("%"),
        )
    _FORMAT_CACHE[number_format] = result
    return result


def _first_section(number_format: str) -> str:
    """The text before the first ``;`` that is not inside quotes or brackets."""
    quoted = bracketed = escaped = False
    for i, ch in enumerate(number_format):
        if escaped:
            escaped = False
        elif ch == "\\" and not quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "[":
            bracketed = True
        elif ch == "]":
            bracketed = False
        elif ch == ";" and not bracketed:
            return number_format[:i]
    return number_format


def _plain(value: Decimal) -> str:
    """A decimal in positional notation without trailing zeros ("100", "53.88", "0.001")."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def _significant(value: float) -> Decimal:
    """The float rounded to Excel's 15 significant digits, which removes binary artifacts."""
    return Decimal(f"{value:.15g}")


def format_number(value: float | int, number_format: str | None) -> str:
    """A number as Excel shows it under ``number_format`` (without thousands separators)."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    number = Decimal(value) if isinstance(value, int) else _significant(value)
    fixed = parse_fixed_format(number_format)
    if fixed is None:
        return _plain(number)
    if fixed.percent:
        number = number.scaleb(2 * fixed.percent)
    try:
        rounded = number.quantize(Decimal(1).scaleb(-fixed.max_decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too many digits for the context: show it plainly
        return _plain(number) + "%" * fixed.percent
    if rounded == 0:
        rounded = rounded.copy_abs()  # no "-0.00"
    sign = "-" if rounded < 0 else ""
    text = format(rounded.copy_abs(), "f")
    integer, _, decimals = text.partition(".")
    while len(decimals) > fixed.min_decimals and decimals.endswith("0"):
        decimals = decimals[:-1]
    integer = integer.zfill(fixed.min_integer_digits)
    out = f"{integer}.{decimals}" if decimals else integer
    return sign + out + "%" * fixed.percent


def cell_display(value: Any, number_format: str | None) -> str:
    """The text of a cell value, as displayed; ``""`` for empty cells."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format_number(value, number_format)
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    if "\n" in text or "\r" in text:
        return join_wrapped(text.splitlines())
    return text.strip()


# --------------------------------------------------------------------------------------------
# Reader


def read_xlsx(path: Path, data: bytes) -> RawDocument:
    """Read a .xlsx file into the common raw form.  Raises :class:`JuesuanError`."""
    import openpyxl

    check_office_zip(path, data, "xlsx")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions, missing default styles and the like.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                pages = [
                    RawPage(number=None, items=_sheet_items(sheet), name=str(sheet.title))
                    for sheet in workbook.worksheets
                    if sheet.sheet_state == "visible"
                ]
                metadata = _metadata(workbook)
            finally:
                workbook.close()
    except Exception as exc:  # corrupt parts surface as many exception types (zip, XML, KeyError)
        raise CorruptFileError(f"Excel 文件已损坏或不是有效的 .xlsx 文件：{path}") from exc
    if not pages:
        raise CorruptFileError(f"Excel 文件没有可见的工作表：{path}")
    if not any(page.items for page in pages):
        raise CorruptFileError(f"文件没有文字内容：{path}")
    return RawDocument(path=str(path), format="xlsx", pages=pages, metadata=metadata)


def _sheet_items(sheet: Any) -> list[RawItem]:
    """The sheet's non-empty rows, grouped into tables at blank rows."""
    sheet.reset_dimensions()  # the stored dimension is often wrong; read every row present
    items: list[RawItem] = []
    run: list[RawLine] = []

    def flush() -> None:
        if run:
            ncols = max((c.col or 0) + 1 for row in run for c in row.cells)
            items.append(RawTable(rows=list(run), page=None, ncols=ncols, ruled=True))
            run.clear()

    for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        texts = [
            "" if cell.value is None else cell_display(cell.value, cell.number_format)
            for cell in row
        ]
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            flush()
            continue
        cells = [RawCell(text, col=col) for col, text in enumerate(texts)]
        run.append(RawLine(text="\t".join(texts), page=None, line=number, cells=cells))
    flush()
    return items


def _metadata(workbook: Any) -> dict[str, str]:
    props = workbook.properties
    out: dict[str, str] = {}
    for key, attr in (("title", "title"), ("author", "creator"), ("subject", "subject")):
        value = getattr(props, attr, None)
        if value:
            out[key] = str(value)
    for key in ("created", "modified"):
        value = getattr(props, key, None)
        if isinstance(value, dt.datetime):
            out[key] = value.isoformat()
    return out
