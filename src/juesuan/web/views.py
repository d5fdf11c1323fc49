"""What the pages show, built from the store with the report code of :mod:`juesuan.reporting`.

The grouping of findings and the way a finding and its evidence are written are those of the
HTML and text reports (``group_indices``, ``finding_view``); this module only adds what the
browser needs beside them: the finding's id and review state, and its page images with the
evidence boxes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.model import Disclosure
from juesuan.model.findings import Category, CheckReport, Finding, Severity
from juesuan.reporting.findings import clean, clean_finding, group_indices, unique_evidence
from juesuan.reporting.html import document_fields, finding_view
from juesuan.store.core import STATES, DocumentInfo, FindingInfo, Store
from juesuan.web.pageimg import PageImages, box_style, place_of

SEVERITY_LABELS = {s.value: s.label for s in Severity}
CATEGORY_LABELS = {c.value: c.label for c in Category}


@dataclass(slots=True)
class ReportFilters:
    """The report page's filters (query parameters)."""

    severity: list[str] = field(default_factory=list)
    category: str = ""
    rule: str = ""
    state: str = ""

    def admits(self, f: Finding, info: FindingInfo) -> bool:
        if self.severity and f.severity.value not in self.severity:
            return False
        if self.category and f.category.value != self.category:
            return False
        if self.rule and not f.rule.upper().startswith(self.rule.strip().upper()):
            return False
        return not (self.state and info.state != self.state)

    @property
    def active(self) -> bool:
        return bool(self.severity or self.category or self.rule or self.state)


def display_names(store: Store, docs: list[DocumentInfo]) -> dict[int, str]:
    """A document's file name as the user knows it: the uploaded name, else the file name
    recorded by ``juesuan ingest``."""
    from juesuan.store.jobs import JobQueue

    jobs = JobQueue(store).of_documents([d.id for d in docs])
    out: dict[int, str] = {}
    for d in docs:
        job = jobs.get(d.id)
        if job is not None:
            out[d.id] = job.names
        elif d.files:
            out[d.id] = "；".join(dict.fromkeys(Path(f).name for f in d.files))
        else:
            out[d.id] = f"文档 #{d.id}"
    return out


def shown_report(store: Store, report: CheckReport, info: DocumentInfo) -> tuple[CheckReport, str]:
    """The report with the user's file names as its source paths (the uploaded files are
    kept under their hashes), and the document's display name; the stored disclosure is
    untouched."""
    from dataclasses import replace

    from juesuan.store.jobs import JobQueue

    name = display_names(store, [info])[info.id]
    job = JobQueue(store).of_documents([info.id]).get(info.id)
    by_hash = {f.sha256: f.name for f in job.files} if job is not None else {}
    source = report.document.source
    parts = [replace(p, path=by_hash.get(p.sha256, p.path)) for p in source.parts]
    doc = replace(report.document, source=replace(source, path=name, parts=parts))
    return replace(report, document=doc), name


def _page_views(
    f: Finding, doc: Disclosure, document_id: int, pages: PageImages, paths: list[str]
) -> list[dict[str, Any]]:
    """The pages of a finding's evidence with the boxes to draw (PDF input only)."""
    by_page: dict[int, list[dict[str, float]]] = {}
    for ev in unique_evidence(f):
        if ev.page is None or ev.file is not None:  # another document's page: not shown
            continue
        place = place_of(doc.source, ev.page)
        if place is None:
            continue
        boxes = by_page.setdefault(ev.page, [])
        if ev.bbox is None:
            continue
        path = pages.pdf_for(place.sha256, paths)
        if path is None:
            by_page.pop(ev.page, None)
            continue
        sizes = pages.sizes(place.sha256, path)
        if 1 <= place.page <= len(sizes):
            boxes.append(box_style(ev.bbox, sizes[place.page - 1]))
    out = []
    for number, boxes in by_page.items():
        place = place_of(doc.source, number)
        if place is None or pages.pdf_for(place.sha256, paths) is None:
            continue
        out.append(
            {
                "page": number,
                "url": f"/documents/{document_id}/pages/{number}.png",
                "link": f"/documents/{document_id}/pages/{number}",
                "boxes": boxes,
            }
        )
    return out


def finding_item(
    f: Finding,
    info: FindingInfo,
    doc: Disclosure,
    pages: PageImages | None,
    paths: list[str],
) -> dict[str, Any]:
    view = finding_view(clean_finding(f), doc.source)
    view.update(
        id=info.id,
        category_key=f.category.value,
        state=info.state,
        state_label=STATES.get(info.state, info.state),
        state_reason=None if info.state_reason is None else clean(info.state_reason),
        state_by=info.state_by,
        state_at=info.state_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.state_at else "",
        inherited_from=info.inherited_from,
        pages=_page_views(f, doc, info.document_id, pages, paths) if pages else [],
    )
    return view


def report_view(
    store: Store,
    document_id: int,
    filters: ReportFilters,
    pages: PageImages | None,
) -> dict[str, Any]:
    """Everything the report page shows of a stored document."""
    report, infos = store.check_report(document_id)
    info = store.documents(ids=[document_id])[0]
    shown, name = shown_report(store, report, info)
    doc = shown.document
    groups = []
    shown_count = 0
    for g_index, (group_name, indices) in enumerate(group_indices(report.findings), start=1):
        items = [
            finding_item(report.findings[i], infos[i], doc, pages, info.files)
            for i in indices
            if filters.admits(report.findings[i], infos[i])
        ]
        if not items:
            continue
        shown_count += len(items)
        severities = Counter(item["severity"] for item in items)
        pages_of = [p for p in (report.findings[i].page for i in indices) if p is not None]
        groups.append(
            {
                "id": f"g{g_index}",
                "name": group_name,
                "first_page": min(pages_of) if pages_of else None,
                "counts": {s.value: severities.get(s.value, 0) for s in Severity},
                "findings": items,
            }
        )
    from juesuan.reporting.findings import rules_line

    states = Counter(i.state for i in infos)
    return {
        "document": info,
        "name": name,
        "heading": clean(doc.unit or "单位未识别") + (f" {doc.year}年度" if doc.year else ""),
        "fields": document_fields(shown),
        "kind_label": doc.kind_label,
        "counts": {s.value: report.count(s) for s in Severity},
        "states": {k: states.get(k, 0) for k in STATES},
        "total": len(report.findings),
        "shown": shown_count,
        "rules": rules_line(report),
        "groups": groups,
        "rule_codes": sorted({f.rule for f in report.findings}),
        "categories": sorted(
            {(f.category.value, f.category.label) for f in report.findings},
            key=lambda c: list(CATEGORY_LABELS).index(c[0]),
        ),
        "has_pages": doc.source.format == "pdf" or any(p.format == "pdf" for p in doc.source.parts),
    }


def page_view(
    store: Store, document_id: int, page: int, pages: PageImages, highlight: int | None
) -> dict[str, Any] | None:
    """One page of a document with the boxes of every finding on it."""
    report, infos = store.check_report(document_id)
    info = store.documents(ids=[document_id])[0]
    doc = report.document
    place = place_of(doc.source, page)
    if place is None or pages.pdf_for(place.sha256, info.files) is None:
        return None
    items = []
    for f, fi in zip(report.findings, infos, strict=True):
        if any(ev.page == page for ev in f.own_evidence):
            item = finding_item(f, fi, doc, pages, info.files)
            item["pages"] = [p for p in item["pages"] if p["page"] == page]
            items.append(item)
    items.sort(key=lambda item: -Severity(item["severity"]).rank)
    total = doc.source.pages or 0
    return {
        "document": info,
        "name": display_names(store, [info])[document_id],
        "page": page,
        "pages": total,
        "url": f"/documents/{document_id}/pages/{page}.png",
        "findings": items,
        "highlight": highlight,
    }


# --- the corpus ----------------------------------------------------------------------------


def corpus_grid(docs: list[DocumentInfo], unit_filter: str = "") -> dict[str, Any]:
    """Units × years: each cell the unit's documents of that year with their error counts."""
    years = sorted({d.year for d in docs if d.year}, reverse=True)
    units: dict[tuple[int | None, str], dict[int | None, list[DocumentInfo]]] = {}
    needle = "".join(unit_filter.split())
    for d in docs:
        label = d.unit or "（单位未识别）"
        if needle and needle not in label:
            continue
        units.setdefault((d.unit_id, label), {}).setdefault(d.year, []).append(d)
    rows = [
        {"unit_id": unit_id, "unit": label, "cells": cells}
        for (unit_id, label), cells in sorted(units.items(), key=lambda item: item[0][1])
    ]
    return {"years": years, "rows": rows}


def history_chart(entries: list[Any], figures: dict[str, str]) -> dict[str, Any] | None:
    """An inline SVG line chart of a unit's key figures (万元) by year: its final accounts
    (决算), or its budgets (预算) when it has no final account."""
    kinds = {e.document.kind for e in entries if e.figures and e.document.year}
    kind = "决算" if "决算" in kinds or not kinds else "预算"
    points: dict[str, list[tuple[int, Decimal]]] = {}
    for e in entries:
        if e.document.kind != kind or not e.document.year:
            continue
        for key in ("expense_grand_total", "income_grand_total", "general_expense"):
            value = e.figures.get(key)
            if value is not None:
                points.setdefault(key, []).append((e.document.year, value))
    series = {k: sorted(v) for k, v in points.items() if v}
    if not series:
        return None
    years = sorted({y for values in series.values() for y, _ in values})
    top = max(v for values in series.values() for _, v in values)
    top = top if top > 0 else Decimal(1)
    width, height, left, right, top_pad, bottom = 640, 260, 70, 20, 20, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def x(year: int) -> float:
        if len(years) == 1:
            return left + plot_w / 2
        return left + (year - years[0]) / (years[-1] - years[0]) * plot_w

    def y(value: Decimal) -> float:
        return top_pad + plot_h - float(value / top) * plot_h

    colors = {
        "expense_grand_total": "#b71c1c",
        "income_grand_total": "#0b57d0",
        "general_expense": "#2e7d32",
    }
    lines = []
    for key, values in series.items():
        coords = [(round(x(yr), 1), round(y(v), 1)) for yr, v in values]
        lines.append(
            {
                "label": figures.get(key, key),
                "color": colors.get(key, "#555"),
                "path": " ".join(f"{cx},{cy}" for cx, cy in coords),
                "dots": [
                    {"x": cx, "y": cy, "title": f"{yr}年 {figures.get(key, key)} {v:,.2f} 万元"}
                    for (cx, cy), (yr, v) in zip(coords, values, strict=True)
                ],
            }
        )
    ticks = [{"x": round(x(yr), 1), "label": str(yr)} for yr in years]
    grid = [
        {"y": round(y(top * Decimal(i) / 4), 1), "label": f"{top * Decimal(i) / 4:,.0f}"}
        for i in range(5)
    ]
    return {
        "kind": kind,
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "bottom": height - bottom,
        "lines": lines,
        "ticks": ticks,
        "grid": grid,
    }
