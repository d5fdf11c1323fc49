"""JS103: the standard tables the layout requires and the 目录 lists are printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from juesuan import catalog
from juesuan.model import Disclosure, Evidence, Part, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, money, table_label
from juesuan.rules.completeness._shared import fund_amounts, layout_of, money_for, norm
from juesuan.rules.engine import Hit, NotApplicable, rule

_LEADING_NUMBER = re.compile(
    r"^[-•·]?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．])\s*"
)


@cache
def _table_titles() -> tuple[tuple[TableKind, str], ...]:
    """Every standard title and alias, normalised, longest first."""
    titles = [
        (spec.kind, norm(title))
        for spec in catalog.table_specs().values()
        for title in (spec.title, *spec.aliases)
    ]
    return tuple(sorted(titles, key=lambda item: -len(item[1])))


@lru_cache(maxsize=4096)
def _table_named(text: str) -> TableKind | None:
    """The standard table a short title line names (the longest standard title it ends with)."""
    k = norm(_LEADING_NUMBER.sub("", text.strip()))
    if not k or len(k) > 60:
        return None
    for kind, title in _table_titles():
        if k.endswith(title) and len(k) - len(title) <= 30:
            return kind
    return None


def _expected_tables(doc: Disclosure) -> list[TableKind]:
    layout = layout_of(doc)
    expected = list(layout.tables) if layout else []
    for kind in doc.listed_tables:
        if kind not in expected:
            expected.append(kind)
    return expected


def _toc_entry_of(doc: Disclosure, kind: TableKind) -> Evidence | None:
    return next((e.evidence for e in doc.toc if e.table_kind == kind), None)


def _printed_titles(doc: Disclosure) -> dict[TableKind, Evidence]:
    """Body lines (headings, short paragraphs) naming a standard table, outside the 目录."""
    found: dict[TableKind, Evidence] = {}
    lines = [(h.title, h.evidence) for h in doc.outline]
    lines += [(p.text, p.evidence) for p in doc.paragraphs if len(p.text) <= 60]
    for text, evidence in lines:
        kind = _table_named(text)
        if kind is not None:
            found.setdefault(kind, evidence)
    return found


@rule(
    "JS103",
    name="table-missing",
    title="缺少规定的决算公开表",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
公开模板规定了必须公开的决算表（四川13张或14张，上海9张），没有数据的表也要公开并注明
“本表无数据”。目录或附表清单列出了某张表而正文没有，或者模板要求的表缺失，公开就不完整。
若文件中一张表格都没有（附表另行公开，目录只列清单），只给一条提示。
""",
    suggestion="补齐缺少的决算表；无数据的表保留表样并注明“本表无数据”。",
)
def table_missing(doc: Disclosure) -> Iterator[Hit]:
    expected = _expected_tables(doc)
    if not expected:
        raise NotApplicable("未识别版式，目录也没有列出决算表")
    present = {t.kind for t in doc.tables}
    missing = [k for k in expected if k not in present]
    if not missing:
        return
    if not present:
        listed = [e for e in (_toc_entry_of(doc, k) for k in missing) if e is not None]
        if not listed:
            listed = [h.evidence for h in doc.outline if h.level == 0 and h.key == Part.TABLES]
        yield Hit(
            message=(
                f"目录（或附表清单）列出{len(missing)}张决算表，本文件中一张表格也没有"
                "（可能以附件形式另行公开），无法核对表内数据。"
            ),
            evidence=listed[:3] or ([doc.cover] if doc.cover else []),
            expected=f"{len(missing)}张决算表",
            actual="0张",
            severity=Severity.INFO,
            where="决算表",
        )
        return
    funds = fund_amounts(doc)
    printed_titles = _printed_titles(doc)
    for kind in missing:
        evidence: list[Evidence] = []
        toc = _toc_entry_of(doc, kind)
        if toc is not None:
            evidence.append(toc)
        name = TABLE_NAMES[kind]
        printed = printed_titles.get(kind)
        if printed is not None:
            yield Hit(
                message=f"正文印有“{name}”的标题，但没有识别出表格内容，请核对该表是否完整。",
                evidence=[printed, *evidence],
                expected=name,
                actual="只有标题",
                severity=Severity.WARNING,
                where=table_label(kind),
            )
            continue
        promised = "目录列有" if toc is not None else "公开模板要求"
        message = f"{promised}“{name}”，正文中没有这张表。"
        fund = money_for(kind, funds)
        if fund is not None:
            message += f"{fund.where}为{money(fund.amount)}万元，该表应列示这部分数据。"
            evidence.extend(fund.evidence)
        yield Hit(
            message=message,
            evidence=evidence or ([doc.cover] if doc.cover else []),
            expected=name,
            actual="缺失",
            where=table_label(kind),
        )
