"""JS101: the parts the layout requires and the 目录 lists are printed."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Part
from juesuan.model.findings import Category, Severity
from juesuan.rules.completeness._shared import (
    layout_of,
    norm,
    part_key_of,
    part_labels,
    placed_outline,
    tables_only,
    toc_keys,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

#: Longest paragraph (characters, spaces removed) taken for an unrecognised part title.
PART_TITLE_CHARS = 24


def _part_title_printed(doc: Disclosure, part: str) -> bool:
    """A short paragraph that is the part's title (printed without “第X部分”, or wrapped)."""
    for p in doc.paragraphs:
        text = norm(p.text)
        if len(text) <= PART_TITLE_CHARS and part_key_of(text) == part:
            return True
    return False


@rule(
    "JS101",
    applies_to=BOTH_KINDS,
    name="part-missing",
    title="缺少规定的组成部分",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
公开模板规定了决算公开的组成部分（四川：概况、决算情况说明、名词解释、附件、附表；上海：
概况、决算表、决算情况说明、名词解释），目录也列出了这些部分。缺少某一部分，公开内容就不完整，
审核时应退回补充。按部分的类别（关键词）匹配，不要求标题逐字一致；决算表部分只要表格在，
即使没有“第X部分”标题也视为存在。
""",
    suggestion="按公开模板补齐缺少的部分。",
)
def part_missing(doc: Disclosure) -> Iterator[Hit]:
    layout = layout_of(doc)
    toc_parts = [(p, e, t) for p, _, level, e, t in toc_keys(doc) if level == 0 and p]
    required: list[str] = list(layout.required_parts) if layout else []
    for part, _, _ in toc_parts:
        if part not in required:
            required.append(part)
    if not required:
        raise NotApplicable("未识别版式，目录也没有列出各部分")
    if tables_only(doc):
        raise NotApplicable("本文件只有公开报表，概况和情况说明另行公开")
    placed = placed_outline(doc)
    present = {
        p.heading.key or part_key_of(p.heading.title) for p in placed if p.heading.level == 0
    }
    if doc.tables:
        present.add("tables")
    if doc.targets:
        present.add(Part.TARGETS)  # 绩效目标表 printed without a part heading
    no_parts = not any(p.heading.level == 0 for p in placed)
    for part in required:
        if part in present:
            continue
        if no_parts and any(p.part is None and p.heading.level > 0 for p in placed):
            continue  # a document without part headings: its sections stand for the parts
        if _part_title_printed(doc, part):
            continue  # the title is printed, only not taken for a heading
        toc = next(((e, t) for key, e, t in toc_parts if key == part), None)
        label = part_labels(doc).get(part, part)
        if toc is not None:
            message = f"目录列有“{toc[1]}”，正文中没有这一部分。"
            evidence = [toc[0]]
        else:
            message = f"公开模板要求的“{label}”部分在正文中没有找到。"
            evidence = [doc.cover] if doc.cover else []
        yield Hit(
            message=message,
            evidence=evidence,
            expected=label,
            actual="缺失",
            where="结构",
        )
