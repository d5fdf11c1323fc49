"""Export of the corpus: documents, table amounts, stated facts and findings as CSV, XLSX or
Parquet.

Each dataset is a list of columns ``(key, 中文标题)``: CSV and XLSX carry the Chinese headers
(for people in a spreadsheet), Parquet the keys (for code).  Amounts stay exact: text in
CSV, numbers written from their decimal text in XLSX, ``decimal128`` in Parquet with the
largest scale the column holds.  openpyxl and pyarrow are imported only here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.errors import OutputError, os_error_text
from juesuan.store.core import STATES, DocumentInfo, FindingInfo, Store

Column = tuple[str, str]

DOCUMENT_COLUMNS: list[Column] = [
    ("document_id", "文档编号"),
    ("unit_id", "单位编号"),
    ("unit", "单位"),
    ("printed_unit", "文件所印单位名称"),
    ("year", "年度"),
    ("kind", "类型"),
    ("scope", "部门/单位"),
    ("version", "版本"),
    ("current", "现行版本"),
    ("layout", "版式"),
    ("format", "格式"),
    ("pages", "页数"),
    ("publication_date", "公开日期"),
    ("errors", "错误"),
    ("warnings", "警告"),
    ("infos", "提示"),
    ("sha256", "内容哈希"),
    ("files", "文件"),
]
TABLE_COLUMNS: list[Column] = [
    ("document_id", "文档编号"),
    ("unit", "单位"),
    ("year", "年度"),
    ("kind", "类型"),
    ("table", "表"),
    ("table_title", "表名"),
    ("row", "行序"),
    ("code", "科目编码"),
    ("name", "项目"),
    ("side", "收支"),
    ("line_key", "行键"),
    ("column", "栏目"),
    ("amount", "金额（万元）"),
    ("printed", "原文"),
    ("page", "页码"),
    ("line", "行"),
]
STATEMENT_COLUMNS: list[Column] = [
    ("document_id", "文档编号"),
    ("unit", "单位"),
    ("year", "年度"),
    ("kind", "类型"),
    ("section", "章节"),
    ("topic", "主题"),
    ("subject", "事项"),
    ("code", "科目编码"),
    ("measure", "量"),
    ("value", "数值"),
    ("value_unit", "单位名称"),
    ("page", "页码"),
    ("line", "行"),
    ("text", "原文"),
]
FINDING_COLUMNS: list[Column] = [
    ("finding_id", "意见编号"),
    ("document_id", "文档编号"),
    ("unit", "单位"),
    ("year", "年度"),
    ("kind", "类型"),
    ("rule", "规则"),
    ("title", "标题"),
    ("severity", "严重程度"),
    ("category", "类别"),
    ("location", "位置"),
    ("page", "页码"),
    ("message", "说明"),
    ("expected", "应为"),
    ("actual", "实为"),
    ("state", "审核状态"),
    ("state_reason", "理由"),
    ("state_by", "审核人"),
    ("state_at", "审核时间"),
    ("fingerprint", "指纹"),
]
DATASETS: dict[str, tuple[str, list[Column]]] = {
    "documents": ("文档", DOCUMENT_COLUMNS),
    "tables": ("公开表数据", TABLE_COLUMNS),
    "statements": ("说明所述数字", STATEMENT_COLUMNS),
    "findings": ("审核意见", FINDING_COLUMNS),
}
FORMATS = ("csv", "xlsx", "parquet")
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def dataset_rows(store: Store, name: str, docs: Sequence[DocumentInfo]) -> list[dict[str, Any]]:
    """The rows of one dataset for the given documents (keys as in the column lists)."""
    by_id = {d.id: d for d in docs}
    ids = list(by_id)

    def doc_fields(doc_id: int) -> dict[str, Any]:
        d = by_id[doc_id]
        return {"document_id": d.id, "unit": d.unit, "year": d.year, "kind": d.kind_label}

    if name == "documents":
        return [
            {
                "document_id": d.id,
                "unit_id": d.unit_id,
                "unit": d.unit,
                "printed_unit": d.printed_unit,
                "year": d.year,
                "kind": d.kind_label,
                "scope": d.scope,
                "version": d.version,
                "current": "是" if d.is_current else "否",
                "layout": d.layout,
                "format": d.format,
                "pages": d.pages,
                "publication_date": d.publication_date,
                "errors": d.errors,
                "warnings": d.warnings,
                "infos": d.infos,
                "sha256": d.sha256,
                "files": "；".join(d.files),
            }
            for d in docs
        ]
    if name == "tables":
        return [
            doc_fields(c["document_id"])
            | {
                "table": c["kind"],
                "table_title": c["title"],
                "row": c["position"] + 1,
                "code": c["code"],
                "name": c["name"],
                "side": c["side"],
                "line_key": c["ref_code"],
                "column": c["column"],
                "amount": c["value"],
                "printed": c["raw"],
                "page": c["ev_page"],
                "line": c["ev_line"],
            }
            for c in store.table_cells(ids)
        ]
    if name == "statements":
        return [
            doc_fields(st["document_id"])
            | {
                "section": st["section"],
                "topic": st["topic"],
                "subject": st["subject"],
                "code": st["code"],
                "measure": st["measure"],
                "value": st["value"],
                "value_unit": st["unit"],
                "page": st["page"],
                "line": st["line"],
                "text": st["text"],
            }
            for st in store.statements(ids)
        ]
    if name == "findings":
        rows = []
        for doc_id in ids:
            for f in store.findings(document_id=doc_id):
                rows.append(doc_fields(doc_id) | _finding_fields(f))
        return rows
    raise ValueError(name)


def _finding_fields(f: FindingInfo) -> dict[str, Any]:
    return {
        "finding_id": f.id,
        "rule": f.rule,
        "title": f.title,
        "severity": _SEVERITY.get(f.severity, f.severity),
        "category": f.category,
        "location": f.location,
        "page": f.page,
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
        "state": STATES.get(f.state, f.state),
        "state_reason": f.state_reason,
        "state_by": f.state_by,
        "state_at": f.state_at.isoformat(timespec="seconds") if f.state_at else None,
        "fingerprint": f.fingerprint,
    }


def export(
    store: Store, what: str, output: Path, fmt: str, docs: Sequence[DocumentInfo]
) -> dict[str, int]:
    """Write ``what`` (a dataset name or ``all``) to ``output``; rows written per dataset.

    ``all`` is one workbook with a sheet per dataset for XLSX, and a folder with one file
    per dataset for CSV and Parquet."""
    names = list(DATASETS) if what == "all" else [what]
    data = {name: dataset_rows(store, name, docs) for name in names}
    try:
        if fmt == "xlsx":
            _write_xlsx(output, data)
        elif what == "all":
            output.mkdir(parents=True, exist_ok=True)
            for name, rows in data.items():
                _write_one(output / f"{name}.{fmt}", fmt, name, rows)
        else:
            _write_one(output, fmt, what, data[what])
    except OSError as exc:
        raise OutputError(f"无法写入输出文件 {output}：{os_error_text(exc)}") from None
    return {name: len(rows) for name, rows in data.items()}


def _write_one(path: Path, fmt: str, name: str, rows: list[dict[str, Any]]) -> None:
    if fmt == "csv":
        path.write_text(_csv_text(name, rows), encoding="utf-8", newline="")
    else:
        _write_parquet(path, name, rows)


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _safe(value: Any) -> Any:
    """Document text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value and value[0] in "=+-@\t\r":
        try:
            Decimal(value.replace(",", ""))
            return value
        except ArithmeticError:
            return "'" + value
    return value


def _csv_text(name: str, rows: list[dict[str, Any]]) -> str:
    columns = DATASETS[name][1]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _, label in columns])
    for row in rows:
        writer.writerow([_safe(_cell(_plain(row.get(key)))) for key, _ in columns])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel reads the Chinese text correctly


def _plain(value: Any) -> Any:
    return f"{value:f}" if isinstance(value, Decimal) else value


def _write_xlsx(path: Path, data: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in data.items():
        title, columns = DATASETS[name]
        ws = wb.create_sheet(title)
        ws.append([label for _, label in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in rows:
            ws.append([_xlsx_value(row.get(key)) for key, _ in columns])
        if rows:
            ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value  # openpyxl writes the decimal's own digits
    return _safe(value)


def _write_parquet(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OutputError(
            "导出 Parquet 需要 pyarrow：pip install 'juesuan[parquet]'（或改用 CSV、XLSX）"
        ) from None
    columns = DATASETS[name][1]
    arrays = []
    for key, _ in columns:
        values = [row.get(key) for row in rows]
        arrays.append(_arrow_array(pa, values))
    table = pa.table(arrays, names=[key for key, _ in columns])
    pq.write_table(table, path)


def _arrow_array(pa: Any, values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, Decimal) for v in present):
        scale = max(_scale(v) for v in present)
        whole = max(_whole(v) for v in present)
        precision = min(whole + scale, 38)
        return pa.array(values, type=pa.decimal128(precision, scale))
    if present and all(isinstance(v, Decimal | str) for v in present):
        return pa.array([None if v is None else _plain(v) for v in values], type=pa.string())
    if present and all(isinstance(v, bool) for v in present):
        return pa.array(values, type=pa.bool_())
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.array(values, type=pa.int64())
    return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _whole(value: Decimal) -> int:
    """Digits before the decimal point (at least 1)."""
    _sign, digits, exponent = value.as_tuple()
    return max(len(digits) + exponent, 1) if isinstance(exponent, int) else 1
