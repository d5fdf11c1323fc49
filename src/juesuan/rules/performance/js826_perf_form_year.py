"""JS826: the year a self-evaluation or target form prints in its own title is the year it is
about: the report's year (a budget's self-evaluations: the year before)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure, DocKind, Evidence
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

_YEAR = re.compile(r"(20\d{2})\s*(?:年度?)?\s*[-－—~～至]\s*(20\d{2})\s*年度?|(20\d{2})\s*年度?")

#: Forms named in one finding (the rest are counted).
SHOWN = 3


def years(title: str) -> list[tuple[int, int]]:
    """The years (as ranges) a title prints: “2023年度” → (2023, 2023), “2024-2026年” →
    (2024, 2026)."""
    out = []
    for m in _YEAR.finditer(title):
        if m.group(3):
            y = int(m.group(3))
            out.append((y, y))
        else:
            out.append((int(m.group(1)), int(m.group(2))))
    return out


def _checked_elsewhere(doc: Disclosure) -> set[tuple[int | None, int | None]]:
    """Lines JS709 already reads as titles (目录, headings, table titles)."""
    places = [e.evidence for e in doc.toc] + [h.evidence for h in doc.outline]
    places += [t.evidence for t in doc.tables if t.title]
    return {(e.page, e.line) for e in places}


def _forms(doc: Disclosure) -> Iterator[tuple[str, str, str, Evidence, int, Severity, str]]:
    """(what, title, name, evidence, expected year, severity, label) of every form with a
    title."""
    year = doc.year
    assert year is not None
    budget = doc.kind is DocKind.BUDGET
    for p in doc.evaluations:
        if p.title:
            expected = year - 1 if budget else year
            severity = Severity.INFO if budget else Severity.WARNING
            yield "绩效自评表", p.title, p.printed_name, p.evidence, expected, severity, p.label
    for t in doc.targets:
        if t.title:  # target forms belong to budgets: unknown kind read as a budget here
            severity = Severity.INFO if doc.kind is DocKind.FINAL else Severity.WARNING
            yield "绩效目标表", t.title, t.name, t.evidence, year, severity, t.label


@rule(
    "JS826",
    applies_to=BOTH_KINDS,
    name="perf-form-year",
    title="自评表、绩效目标表标题中的年度错误",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目支出绩效自评表、绩效目标表的标题常印出年度（“部门预算项目支出绩效自评表（2023年度）”）。
决算所附自评表评价的是本年度的项目，标题年度应为决算年度；预算所附绩效目标表是本年度的
目标，应为预算年度。写成上年的，多是沿用上年的表格，表中数字也可能未更新。预算附上年自评表、
决算附绩效目标表的情形少见，年度只作提示。目录、章节和表格标题中的年度由 JS709 检查，这里
不重复报告。同一年度写错的表合并为一条。
""",
    tolerance="精确比较年度；“2024-2026年”等跨年度写法只要包含应有年度即不报告",
    suggestion="把自评表、绩效目标表标题中的年度改为所评价（或编报）的年度，并核对表中数字是否为该年度的。",
)
def form_year(doc: Disclosure) -> Iterator[Hit]:
    if doc.year is None:
        raise NotApplicable("没有读出文件年度")
    if not doc.evaluations and not doc.targets:
        raise NotApplicable("没有找到绩效自评表或绩效目标表")
    elsewhere = _checked_elsewhere(doc)
    groups: dict[tuple[str, str, int], list[tuple[str, Evidence, str]]] = {}
    severities: dict[tuple[str, str, int], Severity] = {}
    labels: dict[tuple[str, str, int], str] = {}
    for what, title, name, evidence, expected, severity, label in _forms(doc):
        if (evidence.page, evidence.line) in elsewhere:
            continue
        spans = years(title)
        if not spans or any(lo <= expected <= hi for lo, hi in spans):
            continue
        k = (what, str(spans[0][0]), expected)
        groups.setdefault(k, []).append((name, evidence, title.strip()))
        severities[k] = severity
        labels.setdefault(k, label)
    for (what, printed, expected), forms in groups.items():
        names = "、".join(f"“{n}”" for n, _, _ in forms[:SHOWN])
        more = f"等 {len(forms)} 张" if len(forms) > SHOWN else ""
        kind = {DocKind.BUDGET: "预算", DocKind.FINAL: "决算"}.get(doc.kind, "") if doc.kind else ""
        yield Hit(
            message=(
                f"本文件为{doc.year}年度{kind}，{what}{names}{more}的标题“{forms[0][2]}”"
                f"写为{printed}年，应为{expected}年度。"
            ),
            evidence=[e for _, e, _ in forms],
            expected=f"{expected}",
            actual=printed,
            severity=severities[(what, printed, expected)],
            where=labels[(what, printed, expected)] if len(forms) == 1 else what,
        )
