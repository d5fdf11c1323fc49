"""From a :class:`RawDocument` to a :class:`Disclosure`: cover, outline, tables, statements."""

from __future__ import annotations

from juesuan import catalog
from juesuan.model import Disclosure, DocKind, SourceInfo, TableKind
from juesuan.sources.raw import RawDocument
from juesuan.structure.outline import listed_table_kind, read_outline


def build(raw: RawDocument) -> Disclosure:
    doc = Disclosure(
        source=SourceInfo(path=raw.path, format=raw.format, pages=raw.page_count, sha256=raw.sha256)
    )
    front_matter = read_outline(raw, doc)
    from juesuan.structure.kind import detect_kind

    detect_kind(doc)  # from the cover, headings and 目录: tells budget titles from final ones
    from juesuan.structure.tables import read_tables

    read_tables(raw, doc, skip=front_matter)
    _listed_from_body(doc)
    from juesuan.structure.performance import read_performance

    read_performance(raw, doc)
    detect_kind(doc)  # again, with the tables' titles
    from juesuan.structure.statements import extract_statements

    doc.statements = extract_statements(doc.paragraphs, doc.kind)  # wording depends on the kind
    from juesuan.structure.paths import resolve_path_codes

    resolve_path_codes(doc)
    doc.layout = detect_layout(doc)
    return doc


def _listed_from_body(doc: Disclosure) -> None:
    """Tables named by headings of the 附表 part also count as promised."""
    listed = list(doc.listed_tables)
    for h in doc.outline:
        if h.level >= 1:
            kind = listed_table_kind(h.title)
            if kind is not None and kind not in listed:
                listed.append(kind)
    doc.listed_tables = listed


#: Least share of a budget layout's tables a document must print (or list) to be judged
#: against that layout: budget table sets differ by province, so a near match is needed.
BUDGET_LAYOUT_MIN_SHARE = 0.75


def detect_layout(doc: Disclosure) -> str | None:
    """The catalog layout whose table set and signature fit the document best."""
    if doc.kind is DocKind.BUDGET:
        return _budget_layout(doc)
    kinds = set(doc.listed_tables) | {t.kind for t in doc.tables}
    text = "".join(h.title for h in doc.outline) + "".join(e.title for e in doc.toc)
    text += "".join(t.title for t in doc.tables)
    parts = [h for h in doc.outline if h.level == 0]
    best: str | None = None
    best_score = 0.0
    for layout in catalog.layouts().values():
        if layout.kind is DocKind.BUDGET:
            continue
        expected = set(layout.tables)
        score = 0.0
        if kinds:
            score += 10 * len(kinds & expected) / len(expected | kinds)
        score += sum(1 for s in layout.signature if s in text)
        if TableKind.T13G in kinds and TableKind.T13G in expected:
            score += 5
        if parts and len(parts) == len(layout.parts):
            score += 2
        if score > best_score:
            best, best_score = layout.id, score
    return best


def _budget_layout(doc: Disclosure) -> str | None:
    kinds = {k for k in doc.listed_tables if k.is_budget} | {t.kind for t in doc.tables}
    text = "".join(h.title for h in doc.outline) + "".join(e.title for e in doc.toc)
    text += "".join(t.title + "".join(r.name for r in t.rows[:40]) for t in doc.tables)
    best: str | None = None
    best_score = 0.0
    for layout in catalog.layouts().values():
        if layout.kind is not DocKind.BUDGET or not kinds:
            continue
        expected = set(layout.tables)
        share = len(kinds & expected) / len(expected)
        if share < BUDGET_LAYOUT_MIN_SHARE or kinds - expected - {TableKind.B09}:
            continue  # tables the layout does not have: another template
        score = share * 10 + sum(1 for s in layout.signature if s in text)
        if score > best_score:
            best, best_score = layout.id, score
    return best
