"""JS109: parts and sections are numbered 一、二、三… without gaps, repeats or missing numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from juesuan.model import Disclosure, Heading, Paragraph, Part
from juesuan.model.findings import Category, Severity
from juesuan.rules.completeness._shared import (
    PART_LABELS,
    Placed,
    geometry_confirms,
    norm,
    part_key_of,
    part_labels,
    placed_outline,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

CN_DIGITS = "一二三四五六七八九"


def _cn(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 21 → 二十一."""
    if n < 10:
        return CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens - 1]
    return head + "十" + (CN_DIGITS[ones - 1] if ones else "")


def _cn_value(text: str) -> int | None:
    """一 → 1, 十 → 10, 十三 → 13, 二十六 → 26, 第三部分 → 3, （二） → 2."""
    t = text.strip().removeprefix("第").removesuffix("部分").strip("（）() ")
    if t.isdigit():
        return int(t)
    digits = {c: i + 1 for i, c in enumerate(CN_DIGITS)}
    if "十" in t:
        head, _, tail = t.partition("十")
        if (head and head not in digits) or (tail and tail not in digits):
            return None
        return (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)
    return digits.get(t) if len(t) == 1 else None


def _marker(level: int, n: int) -> str:
    return (f"第{_cn(n)}部分", f"{_cn(n)}、", f"（{_cn(n)}）")[level]


def _opens_with_number(paragraphs: Sequence[Paragraph], level: int, n: int) -> bool:
    """A paragraph opens with the number (the heading is printed but was not recognised)."""
    if level == 0:
        marks: tuple[str, ...] = (f"第{_cn(n)}部分",)
    elif level == 1:
        marks = (f"{_cn(n)}、", f"{_cn(n)}．", f"{_cn(n)}.")
    else:
        marks = (f"（{_cn(n)}）",)
    return any(norm(p.text).startswith(marks) for p in paragraphs)


def _numbering_hits(
    headings: Sequence[Heading],
    level: int,
    scope: str,
    paragraphs: Sequence[Paragraph],
    number_present: dict[int, bool] | None = None,
) -> Iterator[Hit]:
    """Numbers of sibling headings must run 1, 2, 3… without gaps, repeats or a missing number."""
    numbers = [_cn_value(h.number) if h.number else None for h in headings]
    printed = {n for n in numbers if n is not None}
    if not printed:
        return  # an unnumbered list: nothing to check
    expected = 1
    previous: Heading | None = None
    for heading, n in zip(headings, numbers, strict=True):
        title = f"{heading.number}{'、' if level == 1 and heading.number else ''}{heading.title}"
        if n is None:
            if expected in printed:
                continue  # an unnumbered heading beside a complete numbering (a sub-title)
            yield Hit(
                message=(
                    f"{scope}的“{heading.title}”没有编号，按顺序应为“{_marker(level, expected)}”。"
                ),
                evidence=[heading.evidence],
                expected=_marker(level, expected),
                actual="无编号",
                severity=Severity.WARNING,
                where=scope,
            )
            expected += 1
        elif n > expected:
            gap = [m for m in range(expected, n) if m not in printed]
            gap = [
                m
                for m in gap
                if not _opens_with_number(paragraphs, level, m)
                and not (number_present or {}).get(m, False)
            ]
            if gap:
                missing = "、".join(f"“{_marker(level, m)}”" for m in gap)
                yield Hit(
                    message=f"{scope}编号不连续：“{title}”之前缺少{missing}。",
                    evidence=[heading.evidence] + ([previous.evidence] if previous else []),
                    expected=_marker(level, expected),
                    actual=_marker(level, n),
                    severity=Severity.WARNING,
                    where=scope,
                )
            expected = n + 1
        elif n < expected:
            what = "重复" if n == expected - 1 else "顺序颠倒"
            confirmed = previous is not None and geometry_confirms(
                previous.evidence, heading.evidence
            )
            yield Hit(
                message=(
                    f"{scope}编号{what}：“{title}”出现在"
                    f"“{_marker(level, expected - 1)}”之后，应为“{_marker(level, expected)}”。"
                ),
                evidence=[heading.evidence] + ([previous.evidence] if previous else []),
                expected=_marker(level, expected),
                actual=_marker(level, n),
                severity=Severity.ERROR if confirmed else Severity.WARNING,
                where=scope,
            )
            expected = max(expected, n + 1)
        else:
            expected = n + 1
        previous = heading


@rule(
    "JS109",
    applies_to=BOTH_KINDS,
    name="numbering-sequence",
    title="部分或章节编号不连续",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
部分（第一部分、第二部分…）、章节（一、二、三…）和小节（（一）（二）…）的编号应从一开始
连续排列，不跳号、不重号、不漏号。跳号往往意味着漏了一节，重号和颠倒意味着拼接错误。
附表和附件中的编号跟随表格或各自的报告，不在此检查。PDF只有在页面几何位置证实时，重号和
颠倒才报告为错误。
""",
    suggestion="按顺序补正编号。",
)
def numbering_sequence(doc: Disclosure) -> Iterator[Hit]:
    placed = placed_outline(doc)
    if not placed:
        raise NotApplicable("没有识别出部分和章节标题")
    # parts: the first heading of each known part (a report in the annex may have its own
    # “第一部分…”); a number missing from the body is fine when that part's content is present
    parts: list[Heading] = []
    seen_parts: set[str] = set()
    for p in placed:
        key = p.heading.key or part_key_of(p.heading.title)
        if p.heading.level == 0 and key is not None and key not in seen_parts:
            seen_parts.add(key)
            parts.append(p.heading)
    toc_numbers: dict[int, bool] = {}
    present_parts = {p.part for p in placed if p.heading.level == 0}
    if doc.tables:
        present_parts.add(Part.TABLES)
    for entry in doc.toc:
        n = _cn_value(entry.number) if entry.level == 0 and entry.number else None
        if n is not None:
            toc_numbers[n] = part_key_of(entry.title) in present_parts
    yield from _numbering_hits(parts, 0, "正文各部分", doc.paragraphs, toc_numbers)
    # sections are numbered from 一 within each printed part: a layout may print two parts
    # of one kind (部门预算编制说明 and 其他相关情况说明), each with its own 一、二、…;
    # without part headings the whole body is read as the explanation
    if parts:
        groups = [g for g in _part_groups(placed) if g.part in (Part.OVERVIEW, Part.EXPLANATION)]
    else:
        groups = [_PartGroup(None, None, [p for p in placed if p.part is None])]
    labels = part_labels(doc)
    repeated = Counter(g.part for g in groups)
    for group in groups:
        part = group.part
        sections = [p.heading for p in group.members if p.heading.level == 1]
        paragraphs = [p for p in doc.paragraphs if p.part == part]
        label = labels.get(part, PART_LABELS.get(part, part)) if part else "正文"
        if part and group.heading is not None and repeated[part] > 1:
            label += f"“{group.heading.title}”"
        yield from _numbering_hits(sections, 1, label, paragraphs)
        if part == Part.OVERVIEW:
            continue  # list items of the overview are not headings
        for parent in sections:
            children = [
                p.heading for p in group.members if p.parent is parent and p.heading.level == 2
            ]
            if not children:
                continue
            path = parent.number
            inside = [
                q
                for q in paragraphs
                if q.section == path or (q.section or "").startswith(f"{path}（")
            ]
            yield from _numbering_hits(
                children, 2, f"{label}“{parent.number}、{parent.title}”", inside
            )


@dataclass(slots=True)
class _PartGroup:
    """The headings printed under one part heading (or before the first one)."""

    heading: Heading | None
    part: str | None
    members: list[Placed]


def _part_groups(placed: Sequence[Placed]) -> list[_PartGroup]:
    """The headings of each part heading (those before the first part heading are left out)."""
    groups: list[_PartGroup] = []
    for p in placed:
        if p.heading.level == 0:
            groups.append(_PartGroup(p.heading, p.part, []))
        elif groups:
            groups[-1].members.append(p)
    return groups
