"""Stage 2, spans: where each form starts and ends among the document's rows.

A form starts at its title (catalog ``titles`` and ``[targets]`` titles) or, untitled, at a
项目名称 row; it ends at the next form, a group heading (“1.财政拨款人员类项目”), a part
heading (第一部分), a numbered heading or 附件/附表 line, or a standard table (收支总表,
政府采购 … by its title, or any row of a standard table read before).  A title printed once
above untitled forms (附表：项目支出绩效自评表) heads every form after it (``shared``) until a
part heading or a standard table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.catalog.performance import PerformanceLayout, target_layout
from juesuan.model import Disclosure, Evidence
from juesuan.structure.performance.rows import Place, Row, line_row
from juesuan.structure.performance.words import label_is
from juesuan.structure.textutil import contains_any

PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}\s*[、.．](?!\d)\s*\S)")
#: A table of contents' dot leader and page number.  The first dot is written out on its own:
#: a pattern opening with a character class (not a repeat) lets ``search`` skip ahead to it.
TOC_LEADER = re.compile(r"[.…·．][.…·．]{2,}\s*\d*$")
APPENDIX_RE = re.compile(r"^附[件表]")


@dataclass(slots=True)
class Span:
    #: "project" / "department" (self-evaluation titles), "target" / "target_department"
    #: (performance-target titles), "untitled" (started at a 项目名称 row: what it is depends
    #: on the 附表 title it is printed under and on its own columns)
    kind: str
    start: int  # index into the physical rows
    end: int = -1
    title: Row | None = None
    named: bool = False  # its 项目名称 row has been seen
    category: str | None = None
    funding: str | None = None
    group: Evidence | None = None
    shared: Row | None = None  # the title printed once above untitled forms (附表：…)
    shared_kind: str | None = None


def title_kind(row: Row, lay: PerformanceLayout) -> str | None:
    """The kind of form a title row starts (see :attr:`Span.kind`), else None."""
    k = row.key
    if len(k) > 60:
        return None
    if contains_any(k, lay.department_titles):
        kind = "department"
    elif contains_any(k, lay.project_titles):
        kind = "project"
    elif len(k) > 40 or "表" not in k:
        return None
    elif (table_kind := _table_title_kind(k, lay)) is not None:
        kind = table_kind
    else:
        return None
    if TOC_LEADER.search(row.cells[0].text if row.cells else ""):
        return None  # a line of the table of contents (tested last: few rows get this far)
    return kind


def _table_title_kind(k: str, lay: PerformanceLayout) -> str | None:
    """The kind of form a short title with “表” names by its other words."""
    if contains_any(k, lay.evaluation_words):
        return "project"
    targets = target_layout()
    if contains_any(k, targets.department_titles):
        return "target_department"
    if contains_any(k, targets.project_titles):
        return "target"
    return None


def standard_title(row: Row, lay: PerformanceLayout) -> bool:
    """A short one-cell line naming a standard table (收支总表, 机关运行经费预算表 …)."""
    if len(row.cells) != 1:
        return False
    k = row.key
    return len(k) <= 40 and "表" in k and any(w in k for w in lay.standard_titles)


def group_heading(row: Row, lay: PerformanceLayout) -> tuple[str, str | None] | None:
    """(category, funding) of a heading grouping the forms (“1.财政拨款人员类项目”)."""
    if row.table or len(row.cells) != 1:
        return None
    k = row.key
    if len(k) > lay.group_max_chars or not k.endswith("项目"):
        return None
    category = next((c for c in lay.categories if c in k), None)
    if category is None:
        return None
    funding = next((f for f in lay.fundings if f in k), None)
    return category, funding


def stops(row: Row) -> bool:
    """A plain line that cannot belong to a table: a part or numbered heading, 附件/附表."""
    if row.table:
        return False
    t = row.cells[0].text.strip() if row.cells else ""
    k = row.key
    return bool(PART_RE.match(k) or NUMBERED_RE.match(t) or APPENDIX_RE.match(k))


def find_spans(rows: list[Row | None], lay: PerformanceLayout, standard: set[Place]) -> list[Span]:
    """The forms' row ranges.  ``standard`` holds the (page, line) of every row of a
    recognised standard table: such a row ends a form and never starts one.

    A bare row (:attr:`Row.bare`, a standard table's row read for its key alone) whose key
    names a form is read in full here, in place in ``rows``: it may head a form after all.
    """
    spans: list[Span] = []
    current: Span | None = None
    category: str | None = None
    funding: str | None = None
    group: Evidence | None = None
    shared: Row | None = None  # a title printed once for untitled tables (附表：…)
    shared_kind: str | None = None

    def close(i: int) -> None:
        nonlocal current, shared, shared_kind
        if current is None:
            return
        current.end = i
        if current.kind in ("project", "target") and current.title is not None:
            # the title also heads the untitled forms printed after this one
            shared, shared_kind = current.title, current.kind
        if current.kind in ("project", "target") and not current.named:
            pass  # a title alone (附表：…): only heads the forms that follow
        else:
            spans.append(current)
        current = None

    name_labels = lay.fields["name"]
    for i, row in enumerate(rows):
        if row is None:
            continue
        kind = title_kind(row, lay)
        if kind is not None and row.bare:
            # Its key names a form (by its key alone: the test of a table of contents' line
            # needs the first cell).  A title has text, so the full row is not None.
            full = line_row(row.line, row.table)
            assert full is not None
            rows[i] = row = full
            kind = title_kind(row, lay)
        if kind is None and (
            (row.line.page, row.line.line) in standard or standard_title(row, lay)
        ):
            close(i)
            shared, shared_kind = None, None  # forms after a standard table need their own
            continue
        if not row.table and row.cells:  # a plain line may be a part or a group heading
            if PART_RE.match(row.key):
                close(i)
                shared, shared_kind = None, None
                continue
            heading = group_heading(row, lay)
            if heading is not None:
                close(i)
                category, funding = heading
                group = row.evidence
                continue
        if kind is not None:
            close(i)
            current = Span(kind, i, title=row, category=category, funding=funding, group=group)
            continue
        if row.cells and label_is(row.cells[0].key, name_labels):
            if current is not None and current.kind in ("project", "target") and not current.named:
                current.named = True
                continue
            close(i)
            current = Span("untitled", i, named=True, category=category, funding=funding)
            current.group = group
            current.shared, current.shared_kind = shared, shared_kind
            continue
        if current is not None and stops(row):
            close(i)
    close(len(rows))
    return spans


def standard_lines(doc: Disclosure) -> set[Place]:
    """(page, line) of every title and row of the standard tables read before."""
    out: set[Place] = set()
    for t in doc.tables:
        for ev in (t.evidence, *(r.evidence for r in t.rows)):
            if ev.line is not None:
                out.add((ev.page, ev.line))
    return out
