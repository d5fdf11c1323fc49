"""Findings as an Excel workbook (openpyxl).

- Sheet ``审核结果``: one row per finding, the columns of
  :data:`~juesuan.reporting.findings.FINDING_COLUMNS`; bold frozen header, autofilter, set
  column widths, wrapped long text, the severity cell coloured.
- Sheet ``汇总``: per document, the counts by severity and by category and the rules run.
- Extra sheets (e.g. a later ``绩效自评`` sheet) are passed in as rows, the first row being
  the header.

Document text is untrusted: text that Excel would run as a formula is stored as text, and
characters that XML cannot carry are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from juesuan.model.findings import Category, CheckReport, Severity
from juesuan.reporting.findings import FINDING_COLUMNS, finding_rows

FINDINGS_SHEET = "审核结果"
SUMMARY_SHEET = "汇总"

#: Column widths of the findings sheet (Excel character units; a CJK character is about 2).
COLUMN_WIDTHS: dict[str, float] = {
    "文件": 28,
    "单位": 24,
    "年度": 7,
    "规则": 8,
    "标题": 22,
    "严重程度": 9,
    "类别": 14,
    "位置": 26,
    "页码": 7,
    "行": 7,
    "说明": 60,
    "应为": 14,
    "实为": 14,
    "原文": 60,
    "建议": 36,
}
#: Columns whose long text wraps inside the cell.
WRAPPED = frozenset({"位置", "说明", "原文", "建议", "标题"})

#: Severity cell fill and font colours (Excel's own "Bad", "Neutral" and a grey).
SEVERITY_FILLS: dict[str, tuple[str, str]] = {
    Severity.ERROR.label: ("FFC7CE", "9C0006"),
    Severity.WARNING.label: ("FFEB9C", "9C5700"),
    Severity.INFO.label: ("EDEDED", "595959"),
}

#: Characters not allowed in XML 1.0 (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

Row = Sequence[Any]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell; a string is always stored as text (never run as a formula)."""
    cell = ws.cell(row=row, column=column, value=_clean(value))
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _header(ws: Any, names: Sequence[Any], widths: Mapping[str, float] | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, name in enumerate(names, start=1):
        cell = _put(ws, 1, col, name)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        width = (widths or {}).get(str(name))
        if width is None:
            width = max(8.0, min(40.0, 2.2 * len(str(name)) + 2))
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _findings_sheet(ws: Any, reports: Sequence[CheckReport]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    _header(ws, FINDING_COLUMNS, COLUMN_WIDTHS)
    severity_col = FINDING_COLUMNS.index("严重程度") + 1
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    styles = {
        label: (PatternFill("solid", fgColor=bg), Font(color=fg, bold=True))
        for label, (bg, fg) in SEVERITY_FILLS.items()
    }
    rows = finding_rows(reports)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = _put(ws, r, c, value)
            cell.alignment = wrap if FINDING_COLUMNS[c - 1] in WRAPPED else top
        fill, font = styles[str(values[severity_col - 1])]
        sev = ws.cell(row=r, column=severity_col)
        sev.fill = fill
        sev.font = font
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_COLUMNS))}{len(rows) + 1}"


SUMMARY_COLUMNS: tuple[str, ...] = (
    "文件",
    "单位",
    "年度",
    "页数",
    "错误",
    "警告",
    "提示",
    "合计",
    *(c.label for c in Category),
    "运行规则",
    "不适用规则",
    "出错规则",
)


def summary_rows(reports: Sequence[CheckReport]) -> list[list[Any]]:
    """One row per document (columns :data:`SUMMARY_COLUMNS`), then a 合计 row when several."""
    rows: list[list[Any]] = []
    for report in reports:
        doc = report.document
        summary = report.summary()
        by_category = summary["by_category"]
        rows.append(
            [
                doc.source.path,
                doc.unit,
                doc.year,
                doc.source.pages,
                summary["error"],
                summary["warning"],
                summary["info"],
                len(report.findings),
                *(by_category.get(c.value, 0) for c in Category),
                summary["rules_run"],
                summary["rules_not_applicable"],
                summary["rules_failed"],
            ]
        )
    if len(rows) > 1:
        first_count = SUMMARY_COLUMNS.index("错误")
        total: list[Any] = ["合计", None, None, None]
        total += [sum(row[i] for row in rows) for i in range(first_count, len(SUMMARY_COLUMNS))]
        rows.append(total)
    return rows


def _summary_sheet(ws: Any, reports: Sequence[CheckReport]) -> None:
    from openpyxl.styles import Font

    widths = {"文件": 28.0, "单位": 24.0, "年度": 7.0, "页数": 7.0}
    _header(ws, SUMMARY_COLUMNS, widths)
    rows = summary_rows(reports)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)
    if len(reports) > 1:
        for c in range(1, len(SUMMARY_COLUMNS) + 1):
            ws.cell(row=len(rows) + 1, column=c).font = Font(bold=True)


def _check_sheet_name(name: str, taken: set[str]) -> None:
    if not name or len(name) > 31 or _SHEET_NAME_BAD.search(name):
        raise ValueError(f"工作表名称无效（最多 31 个字符，不含 []:*?/\\）：{name!r}")
    if name in taken:
        raise ValueError(f"工作表名称重复：{name}")
    taken.add(name)


def write_xlsx(
    reports: Sequence[CheckReport],
    out: str | Path | IO[bytes],
    *,
    extra_sheets: Mapping[str, Sequence[Row]] | None = None,
) -> None:
    """Write the findings workbook to ``out`` (a path or a binary file object).

    ``extra_sheets`` maps a sheet name to its rows, the first row being the header (bold,
    frozen, autofiltered); they follow ``审核结果`` and ``汇总`` in the given order.  An
    unwritable path raises :class:`OSError`.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    taken = {FINDINGS_SHEET, SUMMARY_SHEET}
    for name in extra_sheets or {}:
        _check_sheet_name(name, taken)

    wb = Workbook()
    findings_ws = wb.active
    findings_ws.title = FINDINGS_SHEET
    _findings_sheet(findings_ws, reports)
    _summary_sheet(wb.create_sheet(SUMMARY_SHEET), reports)
    for name, rows in (extra_sheets or {}).items():
        ws = wb.create_sheet(name)
        if not rows:
            continue
        _header(ws, rows[0])
        for r, values in enumerate(rows[1:], start=2):
            for c, value in enumerate(values, start=1):
                _put(ws, r, c, value)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
    wb.save(out if not isinstance(out, Path) else str(out))
