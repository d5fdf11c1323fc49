"""JS110: no section repeats another section's paragraph word for word."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, DocKind, Paragraph, Part, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.completeness._shared import (
    PLACEHOLDER_UNIT_MARKS,
    is_unfilled_template,
    norm,
    placed_outline,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

#: Shortest paragraph (characters, spaces removed) compared: shorter ones (captions, "无。")
#: legitimately repeat.
MIN_REPEATED_CHARS = 30

#: Budget sections that state the same figures when all 财政拨款 is 一般公共预算 (no 政府性基金
#: or 国有资本经营预算 money), as most units' budgets: the same sentence is right in both.
BUDGET_COUNTERPARTS = (
    frozenset({Topic.FISCAL_BASIC, Topic.BASIC}),
    frozenset({Topic.TOTAL, Topic.FISCAL_TOTAL, Topic.FISCAL_EXPENSE, Topic.GENERAL_BUDGET}),
)


def _counterparts(doc: Disclosure, a: str | None, b: str | None) -> bool:
    if doc.kind is not DocKind.BUDGET or a is None or b is None:
        return False
    return any(a in group and b in group for group in BUDGET_COUNTERPARTS)


@rule(
    "JS110",
    applies_to=BOTH_KINDS,
    name="section-copied",
    title="章节内容照搬其他章节",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
每一节说明的是不同的事项（如“四、财政拨款收入支出决算总体情况”与“五（一）一般公共预算
财政拨款支出决算总体情况”），逐字相同的段落说明其中一节是复制粘贴的，本节应有的内容
（金额、增减变化及原因）实际缺失。
""",
    suggestion="按本节主题重写说明。",
)
def section_copied(doc: Disclosure) -> Iterator[Hit]:
    if is_unfilled_template(doc):
        raise NotApplicable("单位名称仍是占位符（未填写的模板），说明是模板的示范文字")
    paragraphs = [p for p in doc.paragraphs if p.part in (Part.EXPLANATION, None) and p.section]
    if not paragraphs:
        raise NotApplicable("没有决算情况说明的段落")
    titles: dict[str, str] = {}
    for item in placed_outline(doc):
        h = item.heading
        if item.part not in (Part.EXPLANATION, None):
            continue
        if h.level == 1:
            titles[h.number] = h.title
        elif h.level == 2 and item.parent is not None:
            titles[f"{item.parent.number}{h.number}"] = h.title
    first: dict[str, Paragraph] = {}
    for p in paragraphs:
        text = norm(p.text)
        if len(text) < MIN_REPEATED_CHARS or any(m in text for m in PLACEHOLDER_UNIT_MARKS):
            continue  # short lines repeat legitimately; placeholders are residue (JS7xx)
        earlier = first.get(text)
        if earlier is None:
            first[text] = p
            continue
        if earlier.section == p.section or (earlier.topic and earlier.topic == p.topic):
            continue
        if _counterparts(doc, earlier.topic, p.topic):
            continue
        here = f"{p.section}“{titles.get(p.section or '', '')}”"
        there = f"{earlier.section}“{titles.get(earlier.section or '', '')}”"
        excerpt = p.text[:40] + ("…" if len(p.text) > 40 else "")
        yield Hit(
            message=f"{here}的段落与{there}逐字相同（“{excerpt}”），本节应说明的内容缺失。",
            evidence=[p.evidence, earlier.evidence],
            expected="本节主题的说明",
            actual=f"照搬{earlier.section}",
            where=p.section,
        )
