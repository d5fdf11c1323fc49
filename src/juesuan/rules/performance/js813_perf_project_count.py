"""JS813: the number of projects the explanation states is the number of tables attached."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import layout
from juesuan.model import Disclosure, Measure, Statement, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance._shared import evaluations_of


def _count_statements(doc: Disclosure) -> dict[str, list[Statement]]:
    groups = layout().counts
    out: dict[str, list[Statement]] = {}
    for s in doc.statements:
        if (
            s.topic != Topic.PERFORMANCE
            or s.measure != Measure.COUNT
            or not isinstance(s.value, Decimal)
        ):
            continue
        for what, subjects in groups.items():
            if s.subject in subjects:
                out.setdefault(what, []).append(s)
    return out


@rule(
    "JS813",
    applies_to=BOTH_KINDS,
    name="perf-project-count",
    title="说明中的绩效自评项目个数与所附自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
“预算绩效管理情况”一节说明开展绩效自评的项目个数（财政拨款、非财政拨款、取消实施的项目），
并写明自评表“详见附件”。所附项目支出绩效自评表的张数与说明不符时，要么漏附了自评表，要么
说明的个数有误。取消实施项目的个数按表中“已取消”等字样判断，只作提示。
""",
    tolerance="精确比较（个数）",
    suggestion="补附全部项目的绩效自评表，或更正说明中的项目个数。",
)
def project_count(doc: Disclosure) -> Iterator[Hit]:
    projects = evaluations_of(doc)  # no table at all: published separately, nothing to count
    stated = _count_statements(doc)
    if not stated:
        raise NotApplicable("情况说明没有写开展绩效自评的项目个数")
    cancelled = [p for p in projects if p.cancelled is not None]
    found: dict[str, int] = {
        "total": len(projects),
        "fiscal": sum(1 for p in projects if p.funding == "财政拨款"),
        "nonfiscal": sum(1 for p in projects if p.funding == "非财政拨款"),
        "cancelled": len(cancelled),
        "implemented_nonfiscal": sum(
            1 for p in projects if p.funding == "非财政拨款" and p.cancelled is None
        ),
    }
    described = {
        "total": "项目支出绩效自评表",
        "fiscal": "列在“财政拨款”项目下的自评表",
        "nonfiscal": "列在“非财政拨款”项目下的自评表",
        "cancelled": "写明已取消的项目",
        "implemented_nonfiscal": "未写明取消的非财政拨款项目",
    }
    grouped = any(p.funding for p in projects)
    doubtful = any(p.form_doubtful for p in projects)
    for what, statements in stated.items():
        if what in ("fiscal", "nonfiscal", "implemented_nonfiscal") and not grouped:
            continue
        for s in statements:
            assert isinstance(s.value, Decimal)
            n = found[what]
            if s.value == n:
                continue
            if what in ("cancelled", "implemented_nonfiscal") or doubtful:
                severity = Severity.INFO  # cancellation words, or a form that may not be one
            else:
                severity = Severity.WARNING
            evidence = [s.evidence, projects[0].evidence]
            yield Hit(
                message=(
                    f"情况说明称{s.subject} {s.value:f} {s.unit or '个'}，文件中找到"
                    f"{described[what]} {n} 张（个），相差 {abs(s.value - n):f} 个。"
                ),
                evidence=evidence,
                expected=f"{s.value:f}",
                actual=str(n),
                severity=severity,
                where="绩效自评",
            )
