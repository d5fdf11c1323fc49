"""Per-document summary of the performance self-evaluation (``juesuan perf``).

For every project table: budget (全年预算数, 调整后), executed, execution rate, the score the
table states (合计, else the conclusion's 自评总分), the score recomputed under the configured
method (``rules.performance_scoring``) and the gap; projects sorted by the gap, largest
overstatement first.  “High score, low execution” lists the projects stating ≥ 90 points
with less than 60 % of their budget executed.

Renderers: :func:`render_text` (a rich table), :func:`render_json`, :func:`write_xlsx`
(openpyxl, imported inside); :func:`sheet_rows` gives the rows for a ``绩效自评`` sheet of
the check workbook.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from juesuan.model import Disclosure, Statement
from juesuan.model.performance import ProjectEvaluation
from juesuan.rules.common import round_to
from juesuan.rules.performance_scoring import (
    method,
    rate_of,
    recomputed_total,
    stated_total,
    value,
)

SUMMARY_SCHEMA = "juesuan.performance-summary/1"

#: “High score, low execution”: a stated score of at least this …
HIGH_SCORE = Decimal(90)
#: … with less than this share of the budget executed (%).
LOW_EXECUTION = Decimal(60)


@dataclass(slots=True)
class ProjectRow:
    name: str  # as printed (code-name)
    category: str | None
    funding: str | None
    implementer: str | None
    budget: Decimal | None  # 全年预算数（调整后）, 总额
    executed: Decimal | None
    rate: Decimal | None  # 执行数 / 预算数 in %, 2 decimals (printed rate when no amounts)
    rate_printed: str | None
    stated: Decimal | None  # 合计得分, else the conclusion's 自评总分
    stated_text: str | None
    recomputed: Decimal | None
    gap: Decimal | None  # stated − recomputed
    cancelled: bool
    uncertain: bool
    line: int | None
    page: int | None

    @property
    def high_score_low_execution(self) -> bool:
        return (
            self.stated is not None
            and self.rate is not None
            and self.stated >= HIGH_SCORE
            and self.rate < LOW_EXECUTION
        )

    def to_dict(self) -> dict[str, Any]:
        def d(x: Decimal | None) -> str | None:
            return None if x is None else f"{x:f}"

        return {
            "name": self.name,
            "category": self.category,
            "funding": self.funding,
            "implementer": self.implementer,
            "budget": d(self.budget),
            "executed": d(self.executed),
            "rate": d(self.rate),
            "rate_printed": self.rate_printed,
            "stated_score": d(self.stated),
            "stated_text": self.stated_text,
            "recomputed_score": d(self.recomputed),
            "gap": d(self.gap),
            "high_score_low_execution": self.high_score_low_execution,
            "cancelled": self.cancelled,
            "uncertain": self.uncertain,
            "line": self.line,
            "page": self.page,
        }


@dataclass(slots=True)
class PerformanceSummary:
    path: str
    unit: str | None
    year: int | None
    method: str
    projects: list[ProjectRow] = field(default_factory=list)  # sorted by gap
    statements: list[Statement] = field(default_factory=list)  # topic "performance"

    @property
    def high_low(self) -> list[ProjectRow]:
        return [p for p in self.projects if p.high_score_low_execution]

    @property
    def budget(self) -> Decimal:
        return sum((p.budget or Decimal(0) for p in self.projects), Decimal(0))

    @property
    def executed(self) -> Decimal:
        return sum((p.executed or Decimal(0) for p in self.projects), Decimal(0))

    def to_dict(self) -> dict[str, Any]:
        rate = self.executed / self.budget * 100 if self.budget else None
        return {
            "schema": SUMMARY_SCHEMA,
            "path": self.path,
            "unit": self.unit,
            "year": self.year,
            "method": self.method,
            "count": len(self.projects),
            "budget": f"{self.budget:f}",
            "executed": f"{self.executed:f}",
            "rate": None if rate is None else f"{round_to(rate, 2):f}",
            "projects": [p.to_dict() for p in self.projects],
            "high_score_low_execution": [p.name for p in self.high_low],
            "statements": [
                {"subject": s.subject, "measure": s.measure, "value": str(s.value), "unit": s.unit}
                for s in self.statements
            ],
        }


def _row(p: ProjectEvaluation) -> ProjectRow:
    total = p.total
    budget = value(total.adjusted) if total is not None else None
    executed = value(total.executed) if total is not None else None
    rate: Decimal | None = None
    if total is not None:
        exact = rate_of(total)
        rate = round_to(exact, 2) if exact is not None else value(total.rate)
    stated = stated_total(p)
    stated_text = p.total_score.text.strip() if p.total_score is not None else None
    recomputed = recomputed_total(p)
    gap = None if stated is None or recomputed is None else round_to(stated - recomputed, 2)
    return ProjectRow(
        name=p.printed_name,
        category=p.category,
        funding=p.funding,
        implementer=p.implementer.text.strip() if p.implementer is not None else None,
        budget=budget,
        executed=executed,
        rate=rate,
        rate_printed=total.rate.text.strip() if total is not None and total.rate else None,
        stated=stated,
        stated_text=stated_text,
        recomputed=recomputed,
        gap=gap,
        cancelled=p.cancelled is not None,
        uncertain=p.budget_uncertain or p.indicators_uncertain,
        line=p.evidence.line,
        page=p.evidence.page,
    )


def summarize(doc: Disclosure) -> PerformanceSummary:
    rows = [_row(p) for p in doc.evaluations]
    rows.sort(key=lambda r: (r.gap is None, -(r.gap or Decimal(0))))
    return PerformanceSummary(
        path=doc.source.path,
        unit=doc.unit,
        year=doc.year,
        method=method().name,
        projects=rows,
        statements=[s for s in doc.statements if s.topic == "performance"],
    )


# --- renderers ----------------------------------------------------------------------------


def _num(d: Decimal | None, places: int = 2) -> str:
    return "" if d is None else f"{round_to(d, places):f}"


def _pts(d: Decimal | None) -> str:
    if d is None:
        return ""
    text = f"{round_to(d, 3):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


COLUMNS = (
    "项目",
    "类别",
    "调整后预算（万元）",
    "执行数（万元）",
    "执行率",
    "自评得分",
    "重算得分",
    "差额",
    "备注",
)


def _remarks(r: ProjectRow) -> str:
    out = []
    if r.high_score_low_execution:
        out.append("高分低执行")
    if r.cancelled:
        out.append("已取消")
    if r.uncertain:
        out.append("表格读取不确定")
    if r.stated_text and not any(ch.isdigit() for ch in r.stated_text):
        taken = "，取评价结论中的总分" if r.stated is not None else ""
        out.append(f"合计印为“{r.stated_text}”{taken}")
    return "；".join(out)


def _cells(r: ProjectRow) -> list[str]:
    kind = "/".join(x for x in (r.funding, r.category) if x)
    return [
        r.name,
        kind,
        _num(r.budget),
        _num(r.executed),
        "" if r.rate is None else f"{_num(r.rate)}%",
        _pts(r.stated),
        _pts(r.recomputed),
        "" if r.gap is None else f"{r.gap:+f}",
        _remarks(r),
    ]


def render_text(summary: PerformanceSummary, width: int = 160) -> str:
    """A readable Chinese summary (rich tables rendered to plain text)."""
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, highlight=False)
    console.print(f"文件：{summary.path}")
    console.print(f"单位：{summary.unit or '未识别'}    年度：{summary.year or '未识别'}")
    console.print(f"评分方法：{summary.method}")
    if not summary.projects:
        console.print("没有找到项目支出绩效自评表。")
        return buf.getvalue()
    rate = summary.executed / summary.budget * 100 if summary.budget else None
    console.print(
        f"项目支出绩效自评表 {len(summary.projects)} 张；调整后预算合计 {_num(summary.budget)} "
        f"万元，执行 {_num(summary.executed)} 万元"
        + (f"，执行率 {_num(rate)}%。" if rate is not None else "。")
    )
    table = Table(title="各项目（按自评得分与重算得分之差排列）", show_lines=False)
    for col in COLUMNS:
        table.add_column(col, overflow="fold", min_width=30 if col == "项目" else None)
    for r in summary.projects:
        table.add_row(*_cells(r))
    console.print(table)
    high_low = summary.high_low
    if high_low:
        hl = Table(title=f"高分低执行（自评得分 ≥ {HIGH_SCORE}，执行率 < {LOW_EXECUTION}%）")
        for col in ("项目", "执行率", "自评得分"):
            hl.add_column(col, overflow="fold")
        for r in high_low:
            hl.add_row(r.name, f"{_num(r.rate)}%", _pts(r.stated))
        console.print(hl)
    else:
        console.print(f"高分低执行（自评得分 ≥ {HIGH_SCORE}，执行率 < {LOW_EXECUTION}%）：无")
    if summary.statements:
        console.print("情况说明中的绩效数字：")
        for s in summary.statements:
            console.print(f"  {s.subject} {s.measure}：{s.value}{s.unit}")
    return buf.getvalue()


def table_view(summary: PerformanceSummary) -> dict[str, Any]:
    """Plain strings for the HTML report: header, one row per project, high/low names."""
    return {
        "count": len(summary.projects),
        "method": summary.method,
        "columns": list(COLUMNS),
        "rows": [_cells(r) for r in summary.projects],
        "high_low": [
            f"{r.name}（执行率 {_num(r.rate)}%，自评 {_pts(r.stated)}）" for r in summary.high_low
        ],
        "criteria": f"自评得分 ≥ {HIGH_SCORE}，执行率 < {LOW_EXECUTION}%",
    }


def render_json(summary: PerformanceSummary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n"


def sheet_rows(summary: PerformanceSummary) -> list[list[Any]]:
    """Rows of a ``绩效自评`` sheet: header first, numbers as numbers."""
    header = ["文件", *COLUMNS, "行", "页"]
    rows: list[list[Any]] = [header]
    for r in summary.projects:
        cells = _cells(r)
        rows.append(
            [
                summary.path,
                cells[0],
                cells[1],
                float(r.budget) if r.budget is not None else None,
                float(r.executed) if r.executed is not None else None,
                float(r.rate) / 100 if r.rate is not None else None,
                float(r.stated) if r.stated is not None else None,
                float(r.recomputed) if r.recomputed is not None else None,
                float(r.gap) if r.gap is not None else None,
                cells[8],
                r.line,
                r.page,
            ]
        )
    return rows


def write_xlsx(summary: PerformanceSummary, out: str | Path | IO[bytes]) -> None:
    """The summary as a workbook: sheet ``绩效自评`` (all projects) and ``高分低执行``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效自评"
    rows = sheet_rows(summary)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    flag = PatternFill("solid", fgColor="FFEB9C")
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # document text is never a formula
            if r == 1:
                cell.font, cell.fill = bold, fill
    widths = {1: 28, 2: 40, 3: 16, 10: 24}
    for c in range(1, len(rows[0]) + 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, 12)
    rate_col = rows[0].index("执行率") + 1
    for r in range(2, len(rows) + 1):
        ws.cell(row=r, column=rate_col).number_format = "0.00%"
        for c in (4, 5):
            ws.cell(row=r, column=c).number_format = "0.00"
        if "高分低执行" in str(rows[r - 1][9] or ""):
            ws.cell(row=r, column=2).fill = flag
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
    hl = wb.create_sheet("高分低执行")
    hl.append(["项目", "执行率", "自评得分"])
    for cell in hl[1]:
        cell.font, cell.fill = bold, fill
    for p in summary.high_low:
        hl.append(
            [
                p.name,
                float(p.rate) / 100 if p.rate is not None else None,
                float(p.stated) if p.stated is not None else None,
            ]
        )
        hl.cell(row=hl.max_row, column=2).number_format = "0.00%"
    hl.column_dimensions["A"].width = 40
    wb.save(out)
