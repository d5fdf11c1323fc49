"""Findings as one self-contained HTML file a reviewer can mail or print.

Inline CSS only: no scripts, fonts, images or links to anything outside the file.  All
document text goes through Jinja2's autoescaping.  The severity check boxes at the top hide
findings with CSS alone (``:has``); a browser without ``:has`` simply shows everything.
The template is ``templates/findings.html.j2`` (shipped inside the package).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from juesuan.model import SourceInfo
from juesuan.model.findings import CheckReport, Finding, Severity
from juesuan.reporting.findings import (
    clean,
    display_text,
    evidence_location,
    expected_actual,
    group_findings,
    rules_line,
    unique_evidence,
)

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE_NAME = "findings.html.j2"


def _finding_view(f: Finding, source: SourceInfo | None = None) -> dict[str, Any]:
    return {
        "severity": f.severity.value,
        "label": f.severity.label,
        "rule": f.rule,
        "title": f.title,
        "category": f.category.label,
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
        "expected_actual": expected_actual(f),
        "suggestion": f.suggestion,
        "evidence": [
            {"where": evidence_location(ev, source), "text": display_text(ev.text)}
            for ev in unique_evidence(f)
        ],
    }


def _document_fields(report: CheckReport) -> list[tuple[str, str]]:
    doc = report.document
    src = doc.source
    fields = [
        ("文件", clean(src.path)),
        ("格式", src.format.upper() + (f"，{src.pages}页" if src.pages else "")),
        ("单位", clean(doc.unit or "未识别")),
        ("年度", str(doc.year) if doc.year else "未识别"),
    ]
    if doc.kind_label:
        fields.append(("类型", doc.kind_label))
    return fields


def _report_view(index: int, report: CheckReport) -> dict[str, Any]:
    doc = report.document
    groups = []
    for g_index, group in enumerate(group_findings(report.findings), start=1):
        severities = sorted({f.severity for f in group.findings}, key=lambda s: -s.rank)
        groups.append(
            {
                "id": f"d{index}-g{g_index}",
                "name": group.name,
                "first_page": group.first_page,
                "classes": " ".join(f"has-{s.value}" for s in severities),
                "counts": {s.value: group.count(s) for s in Severity},
                "findings": [_finding_view(f, report.document.source) for f in group.findings],
            }
        )
    return {
        "id": f"d{index}",
        "heading": clean(doc.unit or "单位未识别") + (f" {doc.year}年度" if doc.year else ""),
        "fields": _document_fields(report),
        "path": clean(doc.source.path),
        "unit": None if doc.unit is None else clean(doc.unit),
        "year": doc.year,
        "pages": doc.source.pages,
        "counts": {s.value: report.count(s) for s in Severity},
        "total": len(report.findings),
        "rules": rules_line(report),
        "groups": groups,
        "performance": _performance_view(report),
        "targets": _targets_view(report),
    }


def _performance_view(report: CheckReport) -> dict[str, Any] | None:
    if not report.document.evaluations:
        return None
    from juesuan.reporting.performance import summarize, table_view

    return table_view(summarize(report.document))


def _targets_view(report: CheckReport) -> dict[str, Any] | None:
    if not report.document.targets:
        return None
    from juesuan.reporting.performance import summarize, targets_view

    return targets_view(summarize(report.document))


def render_html(
    reports: Sequence[CheckReport],
    *,
    title: str | None = None,
    generated_at: datetime | None = None,
) -> str:
    """The findings of one or more documents as a standalone HTML page (Chinese UI)."""
    import jinja2

    from juesuan import __version__

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    views = [_report_view(i, r) for i, r in enumerate(reports, start=1)]
    if title is None:
        if len(views) == 1:
            title = f"决算公开审核报告：{views[0]['heading']}"
        else:
            title = f"决算公开审核报告（{len(views)} 份文件）"
    totals = {s.value: sum(r.count(s) for r in reports) for s in Severity}
    stamp = (generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    labels = {s.value: s.label for s in Severity}
    return env.get_template(TEMPLATE_NAME).render(
        title=title,
        reports=views,
        totals=totals,
        labels=labels,
        severities=[s.value for s in Severity],
        generated_at=stamp,
        version=__version__,
    )
