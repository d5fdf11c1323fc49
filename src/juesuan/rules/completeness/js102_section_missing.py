"""JS102: the sections of the 概况 and the explanation that the layout requires and the 目录
lists are printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from juesuan import catalog
from juesuan.model import Disclosure, Evidence, Paragraph, Part
from juesuan.model.findings import Category, Severity
from juesuan.rules.completeness._shared import (
    layout_of,
    norm,
    part_labels,
    placed_outline,
    section_key,
    tables_only,
    toc_keys,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

#: Longest text (characters, spaces removed) taken for a heading-like title at a paragraph's start.
TITLE_PREFIX_CHARS = 40


def _paragraph_opening(doc: Disclosure, keys: Iterable[str], part: str) -> Paragraph | None:
    """A paragraph (of ``part`` or of no part) opening with the title of one of ``keys``: the
    section is printed although the outline did not take the line as a heading."""
    wanted = set(keys)
    for p in doc.paragraphs:
        if p.part not in (part, None):
            continue
        head = norm(p.text)[:TITLE_PREFIX_CHARS].split("。")[0]
        if section_key(head) in wanted:
            return p
    return None


@rule(
    "JS102",
    applies_to=BOTH_KINDS,
    name="section-missing",
    title="缺少规定的说明章节",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
决算情况说明的章节由公开模板固定（收入支出决算总体情况、收入、支出、财政拨款收支总体情况、
一般公共预算财政拨款支出及其总体/结构/具体情况、基本支出、“三公”经费、政府性基金、
国有资本经营、其他重要事项中的机关运行经费、政府采购、国有资产占有使用、预算绩效管理），
概况部分也要写明职责和机构设置（或决算单位构成）。缺少章节就缺少相应的公开事项。章节按类别
匹配，不要求标题逐字一致；没有相应数据的章节也应保留并说明“无”。
""",
    suggestion="按公开模板补写缺少的章节；没有相应事项时写明“无”。",
)
def section_missing(doc: Disclosure) -> Iterator[Hit]:
    if tables_only(doc):
        raise NotApplicable("本文件只有公开报表，概况和情况说明另行公开")
    layout = layout_of(doc)
    required: dict[str, list[str]] = {}
    if layout is not None:
        for part_key, part_sections in layout.required_sections:
            required[part_key] = list(part_sections)
    toc_titles: dict[str, tuple[Evidence, str]] = {}
    for toc_part, key, level, toc_evidence, toc_title in toc_keys(doc):
        if toc_part in (Part.OVERVIEW, Part.EXPLANATION) and key is not None and level >= 1:
            listed = required.setdefault(toc_part, [])
            if not any(key in alt.split("|") for alt in listed):
                listed.append(key)
            toc_titles.setdefault(key, (toc_evidence, toc_title))
    if not required:
        raise NotApplicable("未识别版式，目录也没有列出说明章节")
    placed = placed_outline(doc)
    parts_present = {p.part for p in placed if p.heading.level == 0}
    names = catalog.section_names(doc.kind)
    labels = part_labels(doc)
    for part, keys in required.items():
        if parts_present and part not in parts_present:
            continue  # the whole part is missing: JS101 reports it
        found = {p.heading.key for p in placed if p.part in (part, None) and p.heading.key}
        for alternatives in keys:
            options = alternatives.split("|")
            if any(k in found for k in options):
                continue
            if _paragraph_opening(doc, options, part) is not None:
                continue  # printed as a paragraph's first line, not recognised as a heading
            title = " 或 ".join(f"“{names.get(k, k)}”" for k in options)
            toc = next((toc_titles[k] for k in options if k in toc_titles), None)
            part_label = labels.get(part, part)
            evidence: list[Evidence]
            if toc is not None:
                message = f"目录列有“{toc[1]}”，{part_label}部分中没有这一章节。"
                evidence = [toc[0]]
            else:
                message = f"{part_label}部分缺少公开模板规定的章节{title}。"
                heading = next((p.heading for p in placed if p.part == part), None)
                evidence = [heading.evidence] if heading else []
            yield Hit(
                message=message,
                evidence=evidence,
                expected=title,
                actual="缺失",
                where=labels.get(part, part),
            )
