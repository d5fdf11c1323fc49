"""Per-document summary of the performance forms (``juesuan perf``).

For every self-evaluation (项目支出绩效自评表): budget (全年预算数, 调整后), executed, execution
rate, the score the table states (合计, else the conclusion's 自评总分), the score recomputed
under the configured method (``rules.performance_scoring``) and the gap; projects sorted by the
gap, largest overstatement first.  A recomputed score above the form's maximum is no result:
it is shown as “—” with the reason.  “High score, low execution” lists the projects stating
≥ 90 points with less than 60 % of their budget executed.  What makes a form's reading
doubtful (``ProjectEvaluation.doubts``) is said in its remarks.

For a budget's performance targets (绩效目标表): per form the fund lines in 万元 and the number
of indicators by first level.

Renderers: :func:`render_text` (plain lines by default, rich tables with ``rich=True``),
:func:`print_text` (rich tables fitted to a terminal, plain lines otherwise),
:func:`render_json`, :func:`write_xlsx` (openpyxl, imported inside); :func:`sheet_rows`
gives the rows for a ``绩效自评`` sheet of the check workbook.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from juesuan.model import Disclosure, DocKind, Statement, Topic
from juesuan.model.performance import PerformanceTarget, ProjectEvaluation
from juesuan.rules.common import round_to
from juesuan.rules.performance_scoring import (
    form_maximum,
    method,
    rate_of,
    recomputed_total,
    stated_total,
    value,
)

if TYPE_CHECKING:
    from rich.console import Console

SUMMARY_SCHEMA = "juesuan.performance-summary/1"

#: A terminal narrower than this gets the plain layout: the tables' numeric columns would
#: not fit beside readable project names.
MIN_TABLE_WIDTH = 100
#: Headers of the numeric columns in the terminal table, broken into short lines.
RICH_HEADERS = {
    "调整后预算（万元）": "调整后\n预算\n（万元）",
    "执行数（万元）": "执行数\n（万元）",
    "自评得分": "自评\n得分",
    "重算得分": "重算\n得分",
}

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
    recomputed: Decimal | None  # None also when above the form's maximum (see note)
    gap: Decimal | None  # stated − recomputed
    cancelled: bool
    uncertain: bool
    line: int | None
    page: int | None
    recomputed_note: str | None = None  # why no recomputed score is given
    doubts: list[str] = field(default_factory=list)  # the form's doubtful readings

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
            "recomputed_note": self.recomputed_note,
            "gap": d(self.gap),
            "high_score_low_execution": self.high_score_low_execution,
            "cancelled": self.cancelled,
            "uncertain": self.uncertain,
            "doubts": list(self.doubts),
            "line": self.line,
            "page": self.page,
        }


@dataclass(slots=True)
class TargetRow:
    """One performance-target form: funds in 万元 and its indicators by first level."""

    name: str
    scope: str
    category: str | None  # 项目类别 as printed
    implementer: str | None
    project_total: Decimal | None  # 项目资金总额
    annual_total: Decimal | None  # 年度资金申请总额
    appropriation: Decimal | None  # 其中：当年财政拨款
    fund_unit: str | None  # as printed (元 / 万元)
    indicators: int
    levels: dict[str, int]  # first level → number of indicators
    quantified: int  # indicators whose 指标值 is a number
    empty: int  # indicators without a 指标值
    doubts: list[str]
    line: int | None
    page: int | None

    def to_dict(self) -> dict[str, Any]:
        def d(x: Decimal | None) -> str | None:
            return None if x is None else f"{x:f}"

        return {
            "name": self.name,
            "scope": self.scope,
            "category": self.category,
            "implementer": self.implementer,
            "project_total": d(self.project_total),
            "annual_total": d(self.annual_total),
            "appropriation": d(self.appropriation),
            "fund_unit": self.fund_unit,
            "indicators": self.indicators,
            "levels": dict(self.levels),
            "quantified": self.quantified,
            "empty": self.empty,
            "doubts": list(self.doubts),
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
    kind: str | None = None  # 决算 / 预算
    targets: list[TargetRow] = field(default_factory=list)  # in printed order

    @property
    def is_budget(self) -> bool:
        return self.kind == DocKind.BUDGET.value

    @property
    def target_funds(self) -> Decimal:
        """Σ 年度资金申请总额 (项目资金总额 where no annual line is printed), 万元."""
        return sum(
            (t.annual_total or t.project_total or Decimal(0) for t in self.targets), Decimal(0)
        )

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
            "kind": self.kind,
            "projects": [p.to_dict() for p in self.projects],
            "target_count": len(self.targets),
            "target_funds": f"{self.target_funds:f}",
            "targets": [t.to_dict() for t in self.targets],
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
    note: str | None = None
    maximum = form_maximum(p)
    if recomputed is not None and recomputed > maximum:
        note = f"重算得分 {_pts(recomputed)} 超过满分 {_pts(maximum)}，不作为结果"
        recomputed = None
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
        recomputed_note=note,
        doubts=list(p.doubts),
    )


def _target_row(t: PerformanceTarget) -> TargetRow:
    def amount(block: str, key: str) -> Decimal | None:
        line = t.fund(block, key)
        return None if line is None else line.amount

    levels: dict[str, int] = {}
    for i in t.indicators:
        name = i.level1 or "未识别"
        levels[name] = levels.get(name, 0) + 1
    return TargetRow(
        name=t.name,
        scope=t.scope,
        category=t.category.text.strip() if t.category is not None else None,
        implementer=t.implementer.text.strip() if t.implementer is not None else None,
        project_total=amount("project", "total"),
        annual_total=amount("annual", "total"),
        appropriation=amount("annual", "appropriation"),
        fund_unit=t.fund_unit,
        indicators=len(t.indicators),
        levels=levels,
        quantified=sum(1 for i in t.indicators if i.quantified),
        empty=sum(1 for i in t.indicators if i.value is None or not i.value.text.strip()),
        doubts=list(t.doubts),
        line=t.evidence.line,
        page=t.evidence.page,
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
        statements=[s for s in doc.statements if s.topic == Topic.PERFORMANCE],
        kind=doc.kind.value if doc.kind is not None else None,
        targets=[_target_row(t) for t in doc.targets],
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


def _remarks(r: ProjectRow, short: bool = False) -> str:
    """The remarks of a row; ``short``: the reasons of doubt are printed under the table."""
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
    doubts = [d for d in r.doubts if not d.startswith("合计得分印为")]
    if short and (r.recomputed_note or doubts):
        out.append("读取存疑，见表下")
        return "；".join(out)
    if r.recomputed_note:
        out.append(r.recomputed_note)
    out.extend(f"读取存疑：{d}" for d in doubts)
    return "；".join(out)


def _cells(r: ProjectRow, short: bool = False) -> list[str]:
    kind = "/".join(x for x in (r.funding, r.category) if x)
    return [
        r.name,
        kind,
        _num(r.budget),
        _num(r.executed),
        "" if r.rate is None else f"{_num(r.rate)}%",
        _pts(r.stated),
        "—" if r.recomputed_note else _pts(r.recomputed),
        "" if r.gap is None else f"{r.gap:+f}",
        _remarks(r, short),
    ]


def _rate_text(summary: PerformanceSummary) -> str:
    rate = summary.executed / summary.budget * 100 if summary.budget else None
    return (
        f"项目支出绩效自评表 {len(summary.projects)} 张；调整后预算合计 {_num(summary.budget)} "
        f"万元，执行 {_num(summary.executed)} 万元"
        + (f"，执行率 {_num(rate)}%。" if rate is not None else "。")
    )


def _target_count_text(summary: PerformanceSummary) -> str:
    n = sum(t.indicators for t in summary.targets)
    return (
        f"绩效目标表 {len(summary.targets)} 张；年度资金合计 {_num(summary.target_funds)} 万元，"
        f"绩效指标 {n} 个。"
    )


def _levels_text(t: TargetRow) -> str:
    levels = "、".join(f"{k} {v}" for k, v in t.levels.items())
    text = f"{t.indicators} 个" + (f"（{levels}）" if levels else "")
    text += f"，有数值目标的 {t.quantified} 个"
    if t.empty:
        text += f"，指标值空白 {t.empty} 个"
    return text


def _where(line: int | None, page: int | None) -> str:
    return f"第{page}页" if page is not None else f"第{line}行" if line is not None else ""


def _target_funds_text(t: TargetRow) -> str:
    parts = []
    if t.project_total is not None:
        parts.append(f"项目资金 {_num(t.project_total)}")
    if t.annual_total is not None:
        parts.append(f"年度资金 {_num(t.annual_total)}")
    if t.appropriation is not None:
        parts.append(f"其中当年财政拨款 {_num(t.appropriation)}")
    unit = f"（表中以{t.fund_unit}印出）" if t.fund_unit and t.fund_unit != "万元" else ""
    return "，".join(parts) + " 万元" + unit if parts else "未读到资金"


def _shows_evaluations(summary: PerformanceSummary) -> bool:
    """Self-evaluations are reported for final accounts, and for a budget only if it has some."""
    return bool(summary.projects) or not summary.is_budget


def _head(summary: PerformanceSummary) -> list[str]:
    return [
        f"文件：{summary.path}",
        f"单位：{summary.unit or '未识别'}    年度：{summary.year or '未识别'}"
        + (f"    类型：{summary.kind}" if summary.kind else ""),
    ]


def _plain(summary: PerformanceSummary) -> str:
    """Lines with no fixed width: one block per project, for files and pipes."""
    out = _head(summary)
    if _shows_evaluations(summary):
        out.append(f"评分方法：{summary.method}")
        if not summary.projects:
            out.append("没有找到项目支出绩效自评表。")
        else:
            out.append(_rate_text(summary))
            out.append("")
            out.append("各项目（按自评得分与重算得分之差排列）：")
            for n, r in enumerate(summary.projects, start=1):
                kind = "/".join(x for x in (r.funding, r.category) if x)
                out.append(f"{n:>3}. {r.name}" + (f"（{kind}）" if kind else ""))
                rate = "" if r.rate is None else f"，执行率 {_num(r.rate)}%"
                out.append(
                    f"     调整后预算 {_num(r.budget) or '—'} 万元，执行 "
                    f"{_num(r.executed) or '—'} 万元{rate}"
                )
                recomputed = "—" if r.recomputed is None else _pts(r.recomputed)
                gap = "" if r.gap is None else f"，差额 {r.gap:+f}"
                out.append(f"     自评得分 {_pts(r.stated) or '—'}，重算得分 {recomputed}{gap}")
                remarks = _remarks(r)
                if remarks:
                    out.append(f"     备注：{remarks}")
            high_low = summary.high_low
            criteria = f"高分低执行（自评得分 ≥ {HIGH_SCORE}，执行率 < {LOW_EXECUTION}%）"
            if high_low:
                out.append(f"{criteria}：")
                for r in high_low:
                    out.append(f"  {r.name}：执行率 {_num(r.rate)}%，自评得分 {_pts(r.stated)}")
            else:
                out.append(f"{criteria}：无")
    if summary.targets or summary.is_budget:
        out.extend(_plain_targets(summary))
    if summary.statements:
        out.append("情况说明中的绩效数字：")
        for s in summary.statements:
            out.append(f"  {s.subject} {s.measure}：{s.value}{s.unit}")
    return "\n".join(out) + "\n"


def _plain_targets(summary: PerformanceSummary) -> list[str]:
    if not summary.targets:
        return ["没有找到绩效目标表。"]
    out = [_target_count_text(summary), ""]
    for n, t in enumerate(summary.targets, start=1):
        where = "，".join(x for x in (_where(t.line, t.page), t.category) if x)
        out.append(f"{n:>3}. {t.name}" + (f"（{where}）" if where else ""))
        out.append(f"     资金：{_target_funds_text(t)}")
        out.append(f"     绩效指标 {_levels_text(t)}")
        for d in t.doubts:
            out.append(f"     读取存疑：{d}")
    return out


def _emit_rich(summary: PerformanceSummary, console: Console) -> None:
    """Rich tables sized by the console (a terminal's width)."""
    from rich.table import Table

    for line in _head(summary):
        console.print(line)
    if _shows_evaluations(summary):
        console.print(f"评分方法：{summary.method}")
        if not summary.projects:
            console.print("没有找到项目支出绩效自评表。")
        else:
            console.print(_rate_text(summary))
            table = Table(title="各项目（按自评得分与重算得分之差排列）", show_lines=False)
            for col in COLUMNS:
                if col in ("项目", "类别", "备注"):
                    table.add_column(col, overflow="fold", ratio=1, min_width=6)
                else:  # numbers never wrap; their headers break into short lines
                    table.add_column(RICH_HEADERS.get(col, col), no_wrap=True)
            for r in summary.projects:
                table.add_row(*_cells(r, short=True))
            console.print(table)
            for r in summary.projects:
                for note in ([r.recomputed_note] if r.recomputed_note else []) + [
                    d for d in r.doubts if not d.startswith("合计得分印为")
                ]:
                    console.print(f"  {r.name}：{note}")
            criteria = f"高分低执行（自评得分 ≥ {HIGH_SCORE}，执行率 < {LOW_EXECUTION}%）"
            if summary.high_low:
                hl = Table(title=criteria)
                for col in ("项目", "执行率", "自评得分"):
                    hl.add_column(col, overflow="fold")
                for r in summary.high_low:
                    hl.add_row(r.name, f"{_num(r.rate)}%", _pts(r.stated))
                console.print(hl)
            else:
                console.print(f"{criteria}：无")
    if summary.targets:
        console.print(_target_count_text(summary))
        table = Table(title="绩效目标表（资金单位：万元）")
        for col in TARGET_COLUMNS:
            if col in ("项目", "类别", "绩效指标", "备注"):
                table.add_column(col, overflow="fold", ratio=1, min_width=6)
            else:
                table.add_column(col.replace("当年", "当年\n"), no_wrap=True)
        for t in summary.targets:
            table.add_row(*_target_cells(t))
        console.print(table)
    elif summary.is_budget:
        console.print("没有找到绩效目标表。")
    if summary.statements:
        console.print("情况说明中的绩效数字：")
        for s in summary.statements:
            console.print(f"  {s.subject} {s.measure}：{s.value}{s.unit}")


TARGET_COLUMNS = ("项目", "类别", "项目资金", "年度资金", "当年财政拨款", "绩效指标", "备注")


def _target_cells(t: TargetRow) -> list[str]:
    return [
        t.name,
        t.category or "",
        _num(t.project_total),
        _num(t.annual_total),
        _num(t.appropriation),
        _levels_text(t),
        "；".join(t.doubts),
    ]


def render_text(
    summary: PerformanceSummary, *, rich: bool = False, width: int | None = None
) -> str:
    """The summary as text: plain lines (no fixed width) by default; rich tables rendered at
    ``width`` columns with ``rich=True`` (``width=None``: the terminal's)."""
    if not rich:
        return _plain(summary)
    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf, width=width, color_system=None, highlight=False, markup=False, emoji=False
    )
    _emit_rich(summary, console)
    return buf.getvalue()


def print_text(summary: PerformanceSummary, file: TextIO | None = None) -> None:
    """Print the summary: rich tables fitted to a terminal, plain lines to a file or pipe."""
    from rich.console import Console

    console = Console(file=file, highlight=False, markup=False, emoji=False)
    if console.is_terminal and console.width >= MIN_TABLE_WIDTH:
        _emit_rich(summary, console)
    else:
        console.file.write(_plain(summary))


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


def targets_view(summary: PerformanceSummary) -> dict[str, Any]:
    """Plain strings for the HTML report: one row per target form (amounts in 万元)."""
    return {
        "summary": _target_count_text(summary),
        "columns": [
            "项目",
            "类别",
            "项目资金（万元）",
            "年度资金（万元）",
            "当年财政拨款（万元）",
            "绩效指标",
            "读取存疑",
        ],
        "rows": [_target_cells(t) for t in summary.targets],
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
    """The summary as a workbook: sheets ``绩效自评`` (all projects) and ``高分低执行``, and
    ``绩效目标`` when the document has target forms (the only sheet for a budget without
    self-evaluations)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    flag = PatternFill("solid", fgColor="FFEB9C")
    if not _shows_evaluations(summary):
        ws.title = "绩效目标"
        _fill_targets(ws, summary, bold, fill)
        wb.save(out)
        return
    ws.title = "绩效自评"
    rows = sheet_rows(summary)
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
    if summary.targets:
        _fill_targets(wb.create_sheet("绩效目标"), summary, bold, fill)
    wb.save(out)


def _fill_targets(ws: Any, summary: PerformanceSummary, bold: Any, fill: Any) -> None:
    for values in target_sheet_rows(summary):
        ws.append(values)
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    for r in range(2, ws.max_row + 1):
        for c in (4, 5, 6):
            ws.cell(row=r, column=c).number_format = "0.00"
    ws.column_dimensions["A"].width = 40
    ws.freeze_panes = "A2"


def target_sheet_rows(summary: PerformanceSummary) -> list[list[Any]]:
    """Rows of a ``绩效目标`` sheet: header first; amounts in 万元 as numbers (Decimal)."""
    header = [
        *("项目", "类别", "实施单位", "项目资金（万元）", "年度资金（万元）"),
        *("当年财政拨款（万元）", "绩效指标个数", "有数值目标的", "指标值空白的"),
        *("一级指标", "读取存疑", "行", "页"),
    ]
    rows: list[list[Any]] = [header]
    for t in summary.targets:
        rows.append(
            [
                *(t.name, t.category, t.implementer, t.project_total, t.annual_total),
                *(t.appropriation, t.indicators, t.quantified, t.empty),
                "、".join(f"{k} {v}" for k, v in t.levels.items()),
                "；".join(t.doubts),
                t.line,
                t.page,
            ]
        )
    return rows
