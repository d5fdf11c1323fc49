"""JS807: no weight or score exceeds its maximum."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    cell_text,
    checked,
    ind_name,
    lower,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import budget_points, method, value


@rule(
    "JS807",
    applies_to=BOTH_KINDS,
    name="perf-over-max",
    title="权重或得分超过上限",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
一个指标的得分不能超过它的权重，一个指标的权重不能超过绩效指标的总分值（90 分），预算执行
得分不能超过其分值，合计得分不能超过 100 分。超过上限的数字（如某个满意度指标权重 100、
得分 100）必然是填错了。
""",
    tolerance="精确比较",
    suggestion="核对该行的权重和得分。",
)
def over_max(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in scored_evaluations(doc):
        for ind in p.indicators:
            w, s = value(ind.weight), value(ind.score)
            if w is not None and w > m.indicator_points:
                yield checked(
                    p,
                    Hit(
                        message=(
                            f"{project(p)}{ind_name(ind)}的权重印为 {pts(w)} 分，超过绩效指标的"
                            f"总分值 {pts(m.indicator_points)} 分（得分 {cell_text(ind.score)}）。"
                        ),
                        evidence=[ind.evidence],
                        expected=f"≤ {pts(m.indicator_points)}",
                        actual=pts(w),
                        severity=lower(Severity.ERROR, p.indicators_uncertain, Severity.WARNING),
                        where=p.label,
                    ),
                    whole=False,
                )
            elif w is not None and s is not None and s > w:
                yield checked(
                    p,
                    Hit(
                        message=(
                            f"{project(p)}{ind_name(ind)}的得分 {pts(s)} 分超过其权重 {pts(w)} 分。"
                        ),
                        evidence=[ind.evidence],
                        expected=f"≤ {pts(w)}",
                        actual=pts(s),
                        severity=lower(Severity.ERROR, p.indicators_uncertain),
                        where=p.label,
                    ),
                    whole=False,
                )
        total = p.total
        if total is not None:
            s, w = value(total.score), budget_points(p, m)
            if s is not None and s > w:
                yield checked(
                    p,
                    Hit(
                        message=f"{project(p)}预算执行得分 {pts(s)} 分超过其分值 {pts(w)} 分。",
                        evidence=[total.evidence],
                        expected=f"≤ {pts(w)}",
                        actual=pts(s),
                        severity=lower(Severity.ERROR, p.budget_uncertain),
                        where=p.label,
                    ),
                    whole=False,
                )
        ts = value(p.total_score)
        if ts is not None and ts > m.total_points:
            yield checked(
                p,
                Hit(
                    message=(
                        f"{project(p)}合计得分 {pts(ts)} 分超过总分 {pts(m.total_points)} 分。"
                    ),
                    evidence=[p.total_evidence or p.evidence],
                    expected=f"≤ {pts(m.total_points)}",
                    actual=pts(ts),
                    severity=Severity.ERROR,
                    where=p.label,
                ),
                whole=False,
            )
