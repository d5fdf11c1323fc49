"""JS822: no single indicator holds all (or nearly all) of the indicator points."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Indicator
from juesuan.rules.common import ZERO
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    checked,
    ind_name,
    lower,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import method, value

#: One indicator weighing at least this share of the indicator points is mentioned (info).
DOMINANT_SHARE = Decimal("0.8")


def indicator_weights_of(rows: list[Indicator]) -> Decimal:
    return sum((value(i.weight) or ZERO for i in rows), ZERO)


@rule(
    "JS822",
    applies_to=BOTH_KINDS,
    name="perf-weight-concentrated",
    title="一个绩效指标占了全部（或绝大部分）指标分值",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
绩效指标应从产出、效益、满意度等方面分别设置并分配权重（财预〔2020〕10号：原则上产出 50%、
效益 30%、满意度 10%）。一个指标独占绩效指标的全部分值（如 90 分全在“运转保障率”一行），
自评结果只取决于这一个指标，其他方面没有评价；独占 80% 以上的只作提示。权重超过 90 分的
行（如满意度权重 100）由 JS807 报告，这里不重复。
""",
    tolerance="DOMINANT_SHARE = 0.8：一个指标占绩效指标分值 80% 以上时提示",
    suggestion="按产出、效益、满意度分别设置指标并分配权重。",
)
def weight_concentrated(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in scored_evaluations(doc):
        points = p.indicator_points or m.indicator_points
        weighted = [i for i in p.indicators if (value(i.weight) or 0) > 0]
        for ind in weighted:
            w = value(ind.weight)
            assert w is not None
            if w > points or w < points * DOMINANT_SHARE:
                continue  # over the maximum: JS807
            others = [i for i in weighted if i is not ind]
            if w == points:
                held = f"占了绩效指标的全部 {pts(points)} 分"
                severity = lower(Severity.WARNING, p.indicators_uncertain)
                depends = "只取决于"
            else:
                held = f"占了绩效指标 {pts(points)} 分的 {w / points:.0%}"
                severity = Severity.INFO
                depends = "几乎只取决于"
            rest = (
                f"，其余 {len(others)} 个指标合计 {pts(indicator_weights_of(others))} 分"
                if others
                else "，没有其他有权重的指标"
            )
            yield checked(
                p,
                Hit(
                    message=(
                        f"{project(p)}{ind_name(ind)}（{ind.level1 or '未分一级指标'}）的权重为 "
                        f"{pts(w)} 分，{held}{rest}：自评结果{depends}这一个指标。"
                    ),
                    evidence=[ind.evidence],
                    expected=f"< {pts(points * DOMINANT_SHARE)}",
                    actual=pts(w),
                    severity=severity,
                    where=p.label,
                ),
                whole=False,
            )
