"""Renderers of findings: terminal text (rich), JSON, CSV, and the helpers the other
renderers (HTML, XLSX, annotated PDF) share.

Every renderer takes a sequence of :class:`~juesuan.model.findings.CheckReport` (one per
checked file) and shows, for each finding, its severity, rule, message, expected vs actual,
every piece of evidence with its place (``第N页 第M行``) and the suggestion.  Findings are
grouped by :attr:`Finding.where` (the table or section they concern; ``其他`` for the rest)
and ordered by page.

Heavy libraries (rich, jinja2, openpyxl, pymupdf) are imported inside the functions that use
them so that importing this module costs nothing at start-up.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from juesuan.model import Evidence, SourceInfo
from juesuan.model.findings import CheckReport, Finding, InputFailure, Severity

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.text import Text

    _Out = Callable[[Text | str], None]

#: Group label for findings that name no table or section.
OTHER_GROUP = "其他"

#: Columns of the CSV and of the XLSX sheet "审核结果", one row per finding.
FINDING_COLUMNS: tuple[str, ...] = (
    "文件",
    "单位",
    "年度",
    "规则",
    "标题",
    "严重程度",
    "类别",
    "位置",
    "页码",
    "行",
    "说明",
    "应为",
    "实为",
    "原文",
    "建议",
)

#: Separator of several evidence texts in one CSV/XLSX cell.
EVIDENCE_JOIN = " | "
#: Table cells of an evidence line are separated by tabs in the model; shown with this mark.
CELL_MARK = " ┊ "

#: rich styles of the severity labels in the terminal.
SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "dim",
}

Cell = str | int | None


# --------------------------------------------------------------------------------------------
# shared helpers


def evidence_location(ev: Evidence, source: SourceInfo | None = None) -> str:
    """``第7页 第6行`` for PDF evidence, ``第57行`` for text input, ``""`` when unknown; for a
    disclosure read from several files, the file and its own page (``报表.pdf 第7页``); for
    evidence quoted from another document (``Evidence.file``, the corpus rules), that
    document's file first (``2023年决算.pdf 第7页 第6行``)."""
    parts: list[str] = []
    part = None
    if ev.file is None and source is not None and len(source.parts) > 1:
        part = source.part_of_page(ev.page)
    if ev.file is not None:
        parts.append(Path(ev.file).name)
        if ev.page is not None:
            parts.append(f"第{ev.page}页")
    elif part is not None:
        parts.append(f"{Path(part[0].path).name} 第{part[1]}页")
    elif ev.page is not None:
        parts.append(f"第{ev.page}页")
    if ev.line is not None:
        span = f"{ev.line}–{ev.line_end}" if ev.line_end and ev.line_end != ev.line else ev.line
        parts.append(f"第{span}行")
    return " ".join(parts)


#: Control characters (C0 but tab and newline, DEL, C1): document text must not move a
#: terminal's cursor or recolour it (ESC), nor break XML/HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return _CONTROL.sub("", text)


def clean_finding(f: Finding) -> Finding:
    """A copy of ``f`` whose texts carry no control characters (evidence is cleaned when shown,
    by :func:`display_text`)."""
    return replace(
        f,
        title=clean(f.title),
        message=clean(f.message),
        expected=None if f.expected is None else clean(f.expected),
        actual=None if f.actual is None else clean(f.actual),
        suggestion=None if f.suggestion is None else clean(f.suggestion),
        where=None if f.where is None else clean(f.where),
    )


def display_text(text: str) -> str:
    """Evidence text on one line: table cells marked, line breaks and runs of spaces folded."""
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = CELL_MARK.join(part.strip() for part in text.split("\t"))
    return " ".join(piece.strip() for piece in text.split("\n") if piece.strip())


def evidence_line(ev: Evidence, source: SourceInfo | None = None) -> str:
    """``第7页 第6行：「…」`` (the form used by the text and HTML reports)."""
    where = evidence_location(ev, source)
    quoted = f"「{display_text(ev.text)}」"
    return f"{where}：{quoted}" if where else quoted


def unique_evidence(finding: Finding) -> list[Evidence]:
    """The finding's evidence, each quote once: two values read from one printed row, or a
    sentence quoted from two of the lines it spans (one quote, its lines as a range)."""
    out: list[Evidence] = []
    by_text: dict[tuple[str | None, int | None, str], int] = {}
    for ev in finding.evidence:
        k = (ev.file, ev.page, ev.text)
        at = by_text.get(k)
        if at is None:
            by_text[k] = len(out)
            out.append(ev)
            continue
        kept = out[at]
        if ev.line is None or kept.line is None or ev.line == kept.line:
            continue
        first = min(kept.line, ev.line)
        last = max(kept.line_end or kept.line, ev.line)
        out[at] = replace(kept, line=first, line_end=last)
    return out


def expected_actual(finding: Finding) -> str | None:
    """``应为：X　实为：Y`` (either half alone when only one is known), or None."""
    parts: list[str] = []
    if finding.expected is not None:
        parts.append(f"应为：{finding.expected}")
    if finding.actual is not None:
        parts.append(f"实为：{finding.actual}")
    return "　".join(parts) or None


def _order_key(f: Finding) -> tuple[int, int, int, str]:
    page = f.page if f.page is not None else 10**6
    line = min((e.line for e in f.own_evidence if e.line is not None), default=10**6)
    return (page, line, -f.severity.rank, f.rule)


@dataclass(slots=True)
class FindingGroup:
    """The findings about one table or section (``where``), in page order."""

    name: str
    findings: list[Finding]

    @property
    def first_page(self) -> int | None:
        pages = [f.page for f in self.findings if f.page is not None]
        return min(pages) if pages else None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def group_findings(findings: Sequence[Finding]) -> list[FindingGroup]:
    """Findings grouped by ``where``; groups ordered by their first page, ``其他`` last.
    The findings are cleaned copies (:func:`clean_finding`), ready to show."""
    return [
        FindingGroup(name, [clean_finding(findings[i]) for i in indices])
        for name, indices in group_indices(findings)
    ]


def group_indices(findings: Sequence[Finding]) -> list[tuple[str, list[int]]]:
    """The grouping of :func:`group_findings` as group names and the positions of their
    findings in ``findings``: for a caller that keeps something beside each finding (the web
    pages keep its id and review state)."""
    groups: dict[str, list[int]] = {}
    for i in sorted(range(len(findings)), key=lambda i: _order_key(findings[i])):
        where = findings[i].where
        groups.setdefault((clean(where) if where else "") or OTHER_GROUP, []).append(i)

    def key(item: tuple[str, list[int]]) -> tuple[int, int]:
        pages = [p for p in (findings[i].page for i in item[1]) if p is not None]
        first = min(pages) if pages else 10**6
        return (1 if item[0] == OTHER_GROUP else 0, first)

    return sorted(groups.items(), key=key)  # stable: equal keys keep their first-seen order


def counts_line(errors: int, warnings: int, infos: int) -> str:
    return f"错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项"


def report_counts_line(report: CheckReport) -> str:
    return counts_line(
        report.count(Severity.ERROR), report.count(Severity.WARNING), report.count(Severity.INFO)
    )


def rules_line(report: CheckReport) -> str | None:
    """``运行规则 40 条，不适用 3 条，出错 1 条`` or None when no rule status is known."""
    if not report.rule_status:
        return None
    summary = report.summary()
    text = f"运行规则 {summary['rules_run']} 条"
    if summary["rules_not_applicable"]:
        text += f"，不适用 {summary['rules_not_applicable']} 条"
    if summary["rules_failed"]:
        text += f"，出错 {summary['rules_failed']} 条"
    return text


def document_header(report: CheckReport) -> list[str]:
    """The lines naming the checked document: file (format, pages), unit, year, kind."""
    doc = report.document
    src = doc.source
    pages = f"，{src.pages}页" if src.pages else ""
    path = src.path if len(src.parts) <= 1 else " + ".join(p.path for p in src.parts)
    first = clean(f"文件：{path}（{src.format.upper()}{pages}）")
    second = clean(f"单位：{doc.unit or '未识别'}    年度：{doc.year or '未识别'}")
    if doc.kind_label:
        second += f"    类型：{doc.kind_label}"
    return [first, second]


def _pages_cell(f: Finding) -> Cell:
    pages = sorted({e.page for e in f.own_evidence if e.page is not None})
    if len(pages) == 1:
        return pages[0]
    return "、".join(str(p) for p in pages) or None


def _quote_cell(e: Evidence) -> str:
    """A quote for the 原文 cell; one from another document names its file and place."""
    if e.file is None:
        return display_text(e.text)
    return f"〔{evidence_location(e)}〕{display_text(e.text)}"


def _lines_cell(f: Finding) -> Cell:
    lines: list[int] = []
    for e in unique_evidence(f):
        if e.line is not None and e.line not in lines and e.file is None:
            lines.append(e.line)
    if len(lines) == 1:
        return lines[0]
    return "、".join(str(n) for n in lines) or None


def finding_row(report: CheckReport, f: Finding) -> list[Cell]:
    """One finding as a row of :data:`FINDING_COLUMNS` (pages and lines as ints when single)."""
    doc = report.document
    f = clean_finding(f)
    return [
        clean(doc.source.path),
        None if doc.unit is None else clean(doc.unit),
        doc.year,
        f.rule,
        f.title,
        f.severity.label,
        f.category.label,
        f.where or OTHER_GROUP,
        _pages_cell(f),
        _lines_cell(f),
        f.message,
        f.expected,
        f.actual,
        EVIDENCE_JOIN.join(_quote_cell(e) for e in unique_evidence(f)) or None,
        f.suggestion,
    ]


def finding_rows(reports: Sequence[CheckReport]) -> list[list[Cell]]:
    """Every finding of every report as a row of :data:`FINDING_COLUMNS`, in page order."""
    return [finding_row(r, f) for r in reports for f in sorted(r.findings, key=_order_key)]


# --------------------------------------------------------------------------------------------
# JSON


def render_json(
    reports: Sequence[CheckReport | InputFailure],
    *,
    indent: int | None = 1,
    timing: bool = False,
) -> str:
    """A JSON array with one ``juesuan.findings/2`` object per input, in input order; an
    input that could not be read is an object with its ``error``.  No trailing newline."""
    data = [
        r.to_json_dict(timing=timing) if isinstance(r, CheckReport) else r.to_json_dict()
        for r in reports
    ]
    return json.dumps(data, ensure_ascii=False, indent=indent)


# --------------------------------------------------------------------------------------------
# CSV

_FORMULA_START = ("=", "@", "\t", "\r")


def _spreadsheet_safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    Document text is untrusted: a cell such as ``=HYPERLINK(...)`` must stay text.  Plain
    signed numbers (``-12.50``) are left alone.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START):
        return "'" + value
    if value[0] in "+-":
        try:
            float(value.replace(",", ""))
        except ValueError:
            return "'" + value
    return value


def render_csv(reports: Sequence[CheckReport], *, bom: bool = True) -> str:
    """One row per finding (columns :data:`FINDING_COLUMNS`), starting with a UTF-8 BOM so that
    Excel opens the Chinese text correctly.  Lines end with CRLF (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    for row in finding_rows(reports):
        writer.writerow(["" if v is None else _spreadsheet_safe(v) for v in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()


# --------------------------------------------------------------------------------------------
# terminal text (rich)


class _PlainText:
    """The part of rich's ``Text`` the report uses, without styles: plain output (a file, a
    pipe) does not import rich (~60 ms of every command's start-up)."""

    __slots__ = ("plain",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text

    def append(self, text: str, style: str = "") -> None:
        self.plain += text

    def append_text(self, text: _PlainText) -> None:
        self.plain += text.plain

    def __str__(self) -> str:
        return self.plain


class _PlainConsole:
    """Writes report lines as they are (what rich prints without a terminal or colour)."""

    def __init__(self, file: TextIO | None) -> None:
        self.file = file

    def print(self, text: object = "", soft_wrap: bool = True) -> None:
        file = self.file if self.file is not None else sys.stdout
        file.write(f"{text}\n")


def _emit_text(console: Console | _PlainConsole, reports: Sequence[CheckReport]) -> None:
    """Print the text report on ``console``: the one code path for terminal and file."""
    Text: Any = _PlainText
    if not isinstance(console, _PlainConsole):
        from rich.text import Text

    def out(text: Any = "") -> None:
        console.print(text, soft_wrap=True)

    for index, report in enumerate(reports):
        if index:
            out()
            out("=" * 60)
            out()
        for line in document_header(report):
            out(Text(line, style="bold"))
        summary = Text("审核结果：")
        summary.append_text(_counts_text(report, Text))
        rules = rules_line(report)
        if rules:
            summary.append(f"（{rules}）")
        out(summary)
        if not report.findings:
            out()
            out("未发现问题。")
            continue
        for group in group_findings(report.findings):
            out()
            header = Text(f"【{group.name}】", style="bold cyan")
            header.append(f" {len(group.findings)} 项", style="cyan")
            out(header)
            for f in group.findings:
                _emit_finding(out, f, report.document.source, Text)
    if len(reports) > 1:
        out()
        out("=" * 60)
        total = Text(f"合计 {len(reports)} 份文件：")
        total.append_text(
            _counts_text_of(
                sum(r.count(Severity.ERROR) for r in reports),
                sum(r.count(Severity.WARNING) for r in reports),
                sum(r.count(Severity.INFO) for r in reports),
                Text,
            )
        )
        out(total)


def _counts_text(report: CheckReport, Text: Any) -> Any:
    return _counts_text_of(
        report.count(Severity.ERROR),
        report.count(Severity.WARNING),
        report.count(Severity.INFO),
        Text,
    )


def _counts_text_of(errors: int, warnings: int, infos: int, Text: Any) -> Any:
    text = Text()
    parts = ((Severity.ERROR, errors), (Severity.WARNING, warnings), (Severity.INFO, infos))
    for i, (severity, n) in enumerate(parts):
        if i:
            text.append("，")
        style = SEVERITY_STYLES[severity] if n else ""
        text.append(f"{severity.label} {n} 项", style=style)
    return text


def _emit_finding(out: _Out, f: Finding, source: SourceInfo | None, Text: Any) -> None:
    head = Text("  ")
    head.append(f.severity.label, style=SEVERITY_STYLES[f.severity])
    head.append(f" {f.rule}", style="bold")
    if f.title:
        head.append(f" {f.title}")
    out(head)
    out(Text("    " + f.message))
    ea = expected_actual(f)
    if ea:
        out(Text("    " + ea))
    for ev in unique_evidence(f):
        line = evidence_line(ev, source)
        out(Text("    " + line, style="dim" if f.severity is Severity.INFO else ""))
    if f.suggestion:
        out(Text("    建议：" + f.suggestion, style="italic"))


def make_console(
    file: TextIO | None = None, *, color: bool | None = None
) -> Console | _PlainConsole:
    """A console for the text report.  ``color=None``: colour only on a terminal (and not
    when ``NO_COLOR`` is set); ``False``: plain text; ``True``: ANSI colours always.  Plain
    text (no colour, or not a terminal and no ``FORCE_COLOR``) is written without rich."""
    if color is False or (color is None and not _wants_rich(file)):
        return _PlainConsole(file)
    from rich.console import Console

    if color is None:
        return Console(file=file, highlight=False, markup=False, emoji=False, soft_wrap=True)
    return Console(
        file=file,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )


def _wants_rich(file: TextIO | None) -> bool:
    """Whether rich would style output to ``file`` (stdout when None): a terminal, or colour
    forced through the environment (FORCE_COLOR, TTY_COMPATIBLE, TTY_INTERACTIVE)."""
    if any(os.environ.get(v) for v in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return True
    target = file if file is not None else sys.stdout
    try:
        return bool(target.isatty())
    except (AttributeError, ValueError):
        return False


def print_text(
    reports: Sequence[CheckReport], file: TextIO | None = None, *, color: bool | None = None
) -> None:
    """Print the text report to ``file`` (default standard output), coloured on a terminal."""
    _emit_text(make_console(file, color=color), reports)


def render_text(reports: Sequence[CheckReport], *, color: bool = False) -> str:
    """The text report as a string: plain by default (for ``-o FILE``), ANSI colours with
    ``color=True``."""
    buffer = io.StringIO()
    _emit_text(make_console(buffer, color=color), reports)
    return buffer.getvalue()
