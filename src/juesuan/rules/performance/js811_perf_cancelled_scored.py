"""JS811: a cancelled project has no score."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import checked, project, pts, scored_evaluations
from juesuan.rules.performance_scoring import indicator_scores, value


@rule(
    "JS811",
    applies_to=BOTH_KINDS,
    name="perf-cancelled-scored",
    title="已取消的项目仍有得分",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
自评表写明项目已取消（已取消、项目取消、取消实施）时，项目没有执行，不应得分；仍给出预算
执行得分、指标得分或合计得分，自评结果就虚增了。
""",
    tolerance="精确比较",
    suggestion="已取消的项目各项得分填 0，并在评价结论中说明。",
)
def cancelled_scored(doc: Disclosure) -> Iterator[Hit]:
    for p in scored_evaluations(doc):
        if p.cancelled is None:
            continue
        budget = value(p.total.score) if p.total is not None else None
        indicators = indicator_scores(p)
        total = value(p.total_score)
        scored = [
            f"{label} {pts(v)} 分"
            for label, v in (
                ("预算执行得分", budget),
                ("指标得分合计", indicators),
                ("合计得分", total),
            )
            if v is not None and v > 0
        ]
        if not scored:
            continue
        yield checked(
            p,
            Hit(
                message=f"{project(p)}写明“{p.cancelled.text}”，却有{'、'.join(scored)}。",
                evidence=[p.cancelled, *([p.total_evidence] if p.total_evidence else [])],
                expected="0",
                actual=pts(total if total is not None else indicators),
                severity=Severity.WARNING,
                where=p.label,
            ),
            whole=True,
        )
