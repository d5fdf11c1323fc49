"""JS810: the scores and rate the conclusion restates are the table's."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Evidence
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, half_unit, round_to
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    cell_text,
    checked,
    pct,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import indicator_scores, rate_of, value

_CLAIM_NAMES = {
    "total_score": "自评总分",
    "indicator_score": "绩效指标得分",
    "budget_score": "预算执行得分",
    "rate": "预算执行率",
}


@rule(
    "JS810",
    applies_to=BOTH_KINDS,
    name="perf-claims",
    title="评价结论中的得分、执行率与自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
评价结论常复述“项目自评总分 X 分”“预算执行率为 Y%”“绩效指标得分 Z 分”。复述的数字与同一
张表中的数字不符，说明结论是照搬模板或其他项目的文字，读者无从判断哪个是真的。
""",
    tolerance="较粗的一方 ± 末位半个单位",
    suggestion="按表中数字改写评价结论。",
)
def claims(doc: Disclosure) -> Iterator[Hit]:
    for p in scored_evaluations(doc):
        total = p.total
        for c in p.claims:
            table: Decimal | None = None
            shown = ""
            uncertain = False
            evidence: list[Evidence] = [c.evidence]
            if c.kind == "total_score":
                if p.total_score is not None and p.total_score.value is not None:
                    table = p.total_score.value
                    shown = f"合计得分 {p.total_score.text.strip()}"
                elif total is not None and value(total.score) is not None:
                    table = (value(total.score) or ZERO) + indicator_scores(p)
                    shown = f"各项得分之和 {pts(table)}（合计行印为“{cell_text(p.total_score)}”）"
                uncertain = p.indicators_uncertain or p.budget_uncertain
                if p.total_evidence is not None:
                    evidence.append(p.total_evidence)
            elif c.kind == "indicator_score" and p.indicators:
                table = indicator_scores(p)
                shown = f"{len(p.indicators)} 个绩效指标得分之和 {pts(table)}"
                uncertain = p.indicators_uncertain
                evidence.extend(i.evidence for i in p.indicators)
            elif c.kind == "budget_score" and total is not None and value(total.score) is not None:
                table = value(total.score)
                shown = f"预算执行得分 {cell_text(total.score)}"
                uncertain = p.budget_uncertain
                evidence.append(total.evidence)
            elif c.kind == "rate" and total is not None:
                if value(total.rate) is not None:
                    table = value(total.rate)
                    shown = f"预算执行率 {cell_text(total.rate)}"
                elif rate_of(total) is not None:
                    table = round_to(rate_of(total) or ZERO, 2)
                    shown = f"执行数 ÷ 调整后预算数 = {pct(table)}"
                uncertain = p.budget_uncertain
                evidence.append(total.evidence)
            if table is None:
                continue
            tolerance = max(half_unit(c.value), half_unit(table))
            if abs(c.value - table) <= tolerance:
                continue
            unit = c.unit
            severity = Severity.ERROR
            if uncertain:
                severity = (
                    Severity.INFO
                    if c.kind in ("indicator_score", "total_score")
                    else (Severity.WARNING)
                )
            hit = Hit(
                message=(
                    f"{project(p)}评价结论写“{c.evidence.text}”（{_CLAIM_NAMES[c.kind]} "
                    f"{pts(c.value)}{unit}），表中{shown}。"
                ),
                evidence=evidence,
                expected=pts(table),
                actual=pts(c.value),
                severity=severity,
                where=p.label,
            )
            yield checked(p, hit, whole=c.kind in ("total_score", "indicator_score"))
