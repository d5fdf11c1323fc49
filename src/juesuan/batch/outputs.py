"""What a batch writes: the summary workbook, the findings table, recall over known mistakes.

- Summary workbook (``-o summary.xlsx``): sheet ``汇总``, one row per document (file, unit,
  year, kind 决算/预算, pages, status, errors/warnings/infos, errors and warnings by rule
  family, seconds, message); then a sheet per rule family (documents × that family's rules,
  the number of findings of each); ``查出率`` when a list of injected mistakes is given.
- Findings table (``--findings findings.parquet|.xlsx``): one row per finding with its
  document; Parquet carries the English keys (pyarrow, imported only here and only for
  Parquet), XLSX the Chinese headers.

Document text is untrusted: a cell that Excel would run as a formula is written as text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from juesuan.batch.work import DocumentResult
from juesuan.errors import OutputError
from juesuan.model.findings import Category, Severity

if TYPE_CHECKING:
    from juesuan.generate.corpus import MistakeList

__all__ = [
    "FINDING_COLUMNS",
    "SUMMARY_SHEET",
    "Recall",
    "family_sheets",
    "finding_rows",
    "recall",
    "summary_rows",
    "write_findings",
    "write_summary",
]

SUMMARY_SHEET = "汇总"
#: 说明 of a document whose findings the re-check after the batch changed.
RECHECK_NOTE = "审核意见经文档库规则复核更新（与本批中后入库的上年或同年预算文件比对）"
RECALL_SHEET = "查出率"
#: Rule families shown in the summary (the internal family only when a rule failed).
FAMILIES = [c for c in Category if c is not Category.INTERNAL]
_SEVERITY_LABEL = {s.value: s.label for s in Severity}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def summary_columns() -> list[str]:
    columns = ["文件", "单位", "年度", "类型", "部门/单位", "版式", "页数", "状态"]
    columns += ["错误", "警告", "提示"]
    for family in FAMILIES:
        columns += [f"{family.label}·错误", f"{family.label}·警告"]
    columns += ["用时（秒）", "文档编号", "说明"]
    return columns


def summary_rows(results: Sequence[DocumentResult]) -> list[list[Any]]:
    """One row per document (columns :func:`summary_columns`)."""
    rows = []
    for r in results:
        by_family: Counter[tuple[str, str]] = Counter((f.category, f.severity) for f in r.findings)
        row: list[Any] = [r.label, r.unit, r.year, r.kind, r.scope, r.layout, r.pages]
        row += [r.status_label]
        known = r.ok
        row += [r.errors, r.warnings, r.infos] if known else [None, None, None]
        for family in FAMILIES:
            if known:
                row += [by_family[(family.value, "error")], by_family[(family.value, "warning")]]
            else:
                row += [None, None]
        note = r.message or (RECHECK_NOTE if r.corpus_rechecked else None)
        row += [round(r.seconds, 3), r.document_id, note]
        rows.append(row)
    return rows


def family_sheets(results: Sequence[DocumentResult]) -> dict[str, list[list[Any]]]:
    """A sheet per rule family: the documents with findings of that family × its rules
    (every rule of the catalog in the family, by code), and a 合计 row."""
    from juesuan.rules import all_rules

    codes: dict[str, list[str]] = defaultdict(list)
    for rule in all_rules().values():
        codes[rule.category.value].append(rule.code)
    sheets: dict[str, list[list[Any]]] = {}
    for family in FAMILIES:
        family_codes = sorted(codes.get(family.value, []))
        header: list[Any] = ["文件", "单位", "年度", "类型", *family_codes, "合计"]
        rows: list[list[Any]] = [header]
        totals: Counter[str] = Counter()
        for r in results:
            counts = Counter(f.rule for f in r.findings if f.category == family.value)
            if not counts:
                continue
            totals.update(counts)
            rows.append(
                [r.label, r.unit, r.year, r.kind]
                + [counts.get(code) or None for code in family_codes]
                + [sum(counts.values())]
            )
        rows.append(
            ["合计", None, None, None]
            + [totals.get(code, 0) for code in family_codes]
            + [sum(totals.values())]
        )
        sheets[family.label] = rows
    return sheets


# --- recall over injected mistakes ---------------------------------------------------------


@dataclass(slots=True)
class RecallRow:
    kind: str
    label: str
    rule: str
    injected: int = 0  # mistakes of this kind in documents of the batch that were checked
    found: int = 0
    missed: list[str] = field(default_factory=list)  # files

    @property
    def recall(self) -> float | None:
        return self.found / self.injected if self.injected else None


@dataclass(slots=True)
class Recall:
    """Recall per kind of mistake, and what the rules said on the documents left clean."""

    rows: list[RecallRow]
    not_checked: int  # mistakes in documents of the list that were not checked (failed …)
    clean_documents: int  # documents of the list without a mistake, checked
    clean_with_findings: int  # … of which with an error or warning (false alarms)
    false_alarms: Counter[str]  # rule → findings (error/warning) on clean documents
    #: 决算 / 预算 → [clean documents checked, … of which with an error or warning]
    clean_by_kind: dict[str, list[int]] = field(default_factory=dict)

    @property
    def injected(self) -> int:
        return sum(r.injected for r in self.rows)

    @property
    def found(self) -> int:
        return sum(r.found for r in self.rows)


def recall(results: Sequence[DocumentResult], mistakes: MistakeList) -> Recall:
    """Match the batch's results against a corpus's list of injected mistakes: a mistake is
    found when its document has a finding of the expected rule (any severity).  Mistakes
    of final accounts (``MISTAKES``) and of budgets (``BUDGET_MISTAKES``) alike, those a
    corpus rule reports (a budget's change against last year's budget, JS953) too: the
    batch runs the corpus rules and checks again what missed a related document."""
    from juesuan.generate.corpus import BUDGET_MISTAKES, MISTAKES

    by_path = {_key(Path(r.label)): r for r in results}
    rows = {k: RecallRow(k, v.label, v.rule) for k, v in {**MISTAKES, **BUDGET_MISTAKES}.items()}
    spoiled: set[str] = set()
    not_checked = 0
    for path, mistake in mistakes.mistakes:
        key = _key(path)
        spoiled.add(key)
        result = by_path.get(key)
        if result is None or not result.ok:
            if result is not None:
                not_checked += 1
            continue
        row = rows.setdefault(mistake.kind, RecallRow(mistake.kind, mistake.label, mistake.rule))
        row.injected += 1
        if any(f.rule == mistake.rule for f in result.findings):
            row.found += 1
        else:
            row.missed.append(result.label)
    clean = [
        by_path[k]
        for k in (_key(p) for p in mistakes.documents)
        if k not in spoiled and k in by_path and by_path[k].ok
    ]
    alarms: Counter[str] = Counter(
        f.rule for r in clean for f in r.findings if f.severity in ("error", "warning")
    )
    by_kind: dict[str, list[int]] = {}
    for r in clean:
        counts = by_kind.setdefault(r.kind or "未识别", [0, 0])
        counts[0] += 1
        counts[1] += any(f.severity in ("error", "warning") for f in r.findings)
    return Recall(
        [r for r in rows.values() if r.injected],
        not_checked,
        len(clean),
        sum(n for _, n in by_kind.values()),
        alarms,
        by_kind,
    )


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


def recall_rows(result: Recall) -> list[list[Any]]:
    rows: list[list[Any]] = [["错误类型", "说明", "应报规则", "注入", "查出", "查出率", "漏报文件"]]
    for r in result.rows:
        rate = None if r.recall is None else round(r.recall, 4)
        missed = "；".join(r.missed[:20]) + ("……" if len(r.missed) > 20 else "")
        rows.append([r.kind, r.label, r.rule, r.injected, r.found, rate, missed or None])
    total = result.found / result.injected if result.injected else None
    rows.append(
        [
            "合计",
            None,
            None,
            result.injected,
            result.found,
            None if total is None else round(total, 4),
            None,
        ]
    )
    return rows


def _cells(values: Sequence[str], widths: Sequence[int], first_number: int = 3) -> str:
    """One line of a plain table: text left-aligned, the columns from ``first_number`` on
    right-aligned, by display width (a CJK character takes two columns)."""
    from rich.cells import cell_len

    out = []
    for i, (value, width) in enumerate(zip(values, widths, strict=True)):
        pad = " " * max(width - cell_len(value), 0)
        out.append(pad + value if i >= first_number else value + pad)
    return "  ".join(out).rstrip()


def recall_text(result: Recall) -> str:
    """The recall table as plain lines (for the terminal and ``bench``)."""
    widths = (28, 22, 6, 6, 6, 7)
    lines = [_cells(("错误类型", "说明", "规则", "注入", "查出", "查出率"), widths)]
    for r in result.rows:
        rate = "-" if r.recall is None else f"{r.recall:.1%}"
        lines.append(
            _cells((r.kind, r.label[:11], r.rule, str(r.injected), str(r.found), rate), widths)
        )
    if result.injected:
        total = f"{result.found / result.injected:.1%}"
        lines.append(
            _cells(("合计", "", "", str(result.injected), str(result.found), total), widths)
        )
    lines.append(
        f"无注入错误的文件 {result.clean_documents} 份，其中报出错误或警告的 "
        f"{result.clean_with_findings} 份"
        + (
            "（" + "、".join(f"{k} {v}" for k, v in result.false_alarms.most_common(5)) + "）"
            if result.false_alarms
            else ""
        )
    )
    if len(result.clean_by_kind) > 1:
        lines.append(
            "  其中 "
            + "，".join(
                f"{kind} {n} 份（报出 {alarms} 份）"
                for kind, (n, alarms) in sorted(result.clean_by_kind.items())
            )
        )
    if result.not_checked:
        lines.append(f"含注入错误但未能审核的文件 {result.not_checked} 份")
    return "\n".join(lines) + "\n"


# --- writing -------------------------------------------------------------------------------


def _safe(value: Any) -> Any:
    """Text that Excel would run as a formula gets a leading apostrophe (a signed number
    stays as it is)."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if value[:1] in ("=", "+", "-", "@") and not _SIGNED_NUMBER.fullmatch(value):
            return "'" + value
    return value


_SIGNED_NUMBER = re.compile(r"[+-]?[\d,]+(?:\.\d+)?%?")


def _sheet(wb: Any, title: str, rows: Sequence[Sequence[Any]], widths: dict[int, float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for row in rows:
        ws.append([_safe(v) for v in row])
    if not rows:
        return
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
    for col in range(1, len(rows[0]) + 1):
        name = str(rows[0][col - 1])
        width = widths.get(col, max(7.0, min(24.0, 2.0 * len(name) + 2)))
        ws.column_dimensions[get_column_letter(col)].width = width


def write_summary(
    results: Sequence[DocumentResult], output: Path, recall_result: Recall | None = None
) -> None:
    """The summary workbook: 汇总, a sheet per rule family, 查出率 (with a mistake list)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    summary = [summary_columns(), *summary_rows(results)]
    _sheet(wb, SUMMARY_SHEET, summary, {1: 40, 2: 26, 8: 10, len(summary[0]): 60})
    for title, rows in family_sheets(results).items():
        _sheet(wb, title, rows, {1: 40, 2: 26})
    if recall_result is not None:
        _sheet(wb, RECALL_SHEET, recall_rows(recall_result), {2: 28, 7: 60})
    _save(wb, output)


def _save(wb: Any, output: Path) -> None:
    try:
        wb.save(str(output))
    except OSError as exc:
        raise OutputError(f"无法写入输出文件 {output}：{exc.strerror or exc}") from None


#: The findings table: (key for Parquet, header for XLSX, pyarrow type name).
FINDING_COLUMNS: list[tuple[str, str, str]] = [
    ("file", "文件", "string"),
    ("document_id", "文档编号", "int64"),
    ("sha256", "内容哈希", "string"),
    ("unit", "单位", "string"),
    ("year", "年度", "int64"),
    ("kind", "类型", "string"),
    ("scope", "部门/单位", "string"),
    ("rule", "规则", "string"),
    ("title", "标题", "string"),
    ("severity", "严重程度", "string"),
    ("category", "类别", "string"),
    ("location", "位置", "string"),
    ("page", "页码", "int64"),
    ("message", "说明", "string"),
    ("expected", "应为", "string"),
    ("actual", "实为", "string"),
    ("evidence", "原文", "string"),
    ("suggestion", "建议", "string"),
]


def finding_rows(results: Sequence[DocumentResult]) -> list[dict[str, Any]]:
    """Every finding of the checked documents, keyed as :data:`FINDING_COLUMNS`."""
    out = []
    for r in results:
        for f in r.findings:
            out.append(
                {
                    "file": r.label,
                    "document_id": r.document_id,
                    "sha256": r.sha256,
                    "unit": r.unit,
                    "year": r.year,
                    "kind": r.kind,
                    "scope": r.scope,
                    "rule": f.rule,
                    "title": f.title,
                    "severity": f.severity,
                    "category": f.category,
                    "location": f.where,
                    "page": f.page,
                    "message": f.message,
                    "expected": f.expected,
                    "actual": f.actual,
                    "evidence": f.evidence or None,
                    "suggestion": f.suggestion,
                }
            )
    return out


def write_findings(results: Sequence[DocumentResult], output: Path) -> int:
    """The findings table as Parquet or XLSX (by the extension); returns the rows written."""
    rows = finding_rows(results)
    suffix = output.suffix.lower()
    if suffix == ".parquet":
        _write_parquet(rows, output)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        labels = {c.value: c.label for c in Category}
        table: list[list[Any]] = [[header for _, header, _ in FINDING_COLUMNS]]
        for row in rows:
            values = dict(row)
            values["severity"] = _SEVERITY_LABEL.get(row["severity"], row["severity"])
            values["category"] = labels.get(row["category"], row["category"])
            table.append([values[key] for key, _, _ in FINDING_COLUMNS])
        _sheet(wb, "审核意见", table, {1: 40, 4: 26, 14: 60, 17: 50})
        _save(wb, output)
    else:
        raise OutputError(f"审核意见表应为 .parquet 或 .xlsx 文件：{output}")
    return len(rows)


def _write_parquet(rows: list[dict[str, Any]], output: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OutputError(
            "写 Parquet 需要 pyarrow：pip install 'juesuan[parquet]'（或改用 .xlsx）"
        ) from None
    types = {"string": pa.string(), "int64": pa.int64()}
    schema = pa.schema([(key, types[kind]) for key, _, kind in FINDING_COLUMNS])
    columns = {key: [row[key] for row in rows] for key, _, _ in FINDING_COLUMNS}
    table = pa.table(columns, schema=schema)
    try:
        pq.write_table(table, str(output))
    except OSError as exc:
        raise OutputError(f"无法写入输出文件 {output}：{exc}") from None
