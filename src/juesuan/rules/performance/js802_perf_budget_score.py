"""JS802: the 预算执行 score is its points × 执行率 (capped at 100%) under the configured
method.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import CENT, HUNDRED, ZERO, half_unit, percent_consistent, round_to
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    SCORE_WARNING_GAP,
    checked,
    lower,
    pct,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import (
    budget_points,
    budget_score_interval,
    expected_budget_score,
    method,
    rate_of,
    value,
)

#: A printed score within one unit of its last decimal of the method's value (0.05 for
#: 0.0576): a rounding convention (truncation), not an error.  Reported as info.
SCORE_ROUNDING_GAP = Decimal("0.01")


@rule(
    "JS802",
    applies_to=BOTH_KINDS,
    name="perf-budget-score",
    title="预算执行得分与执行率不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
预算执行情况的得分 = 分值（10 分）× 预算执行率，执行率超过 100% 时按 100% 计（全国默认
方法，可在目录中配置为地方办法）。印出的得分若不是这个乘积，合计得分随之失真。只比较金额和
印出执行率所容许的区间；与应得分相差不超过末位一个单位（如截尾 0.05 与 0.06）只作提示。
""",
    tolerance=(
        "区间判断；SCORE_ROUNDING_GAP = 0.01 分以内为提示，SCORE_WARNING_GAP = 0.1 分以内为"
        "警告，超过为错误"
    ),
    suggestion="按 分值 × 执行率（封顶 100%）重算预算执行得分，并同步修改合计得分。",
)
def budget_score(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in scored_evaluations(doc):
        total = p.total
        if total is None or total.score is None or total.score.value is None:
            continue
        weight = value(total.weight)
        if weight is not None and weight == 0:
            continue  # nothing to score against (JS803 reports the weight)
        interval = budget_score_interval(p, m)
        expected = expected_budget_score(p, m)
        printed = total.score.value
        if interval is None:
            continue
        if percent_consistent(printed, interval):
            continue
        if expected is None:
            rate = value(total.rate)
            if rate is None:
                continue
            expected = budget_points(p, m) * min(rate, HUNDRED) / HUNDRED
        gap = abs(printed - expected)
        unit = half_unit(printed) * 2
        if gap <= max(unit, SCORE_ROUNDING_GAP) + CENT / 2:
            severity = Severity.INFO
        elif gap <= SCORE_WARNING_GAP:
            severity = Severity.WARNING
        else:
            severity = Severity.ERROR
        rate_text = (
            total.rate.text.strip() if total.rate is not None else pct(rate_of(total) or ZERO)
        )
        yield checked(
            p,
            Hit(
                message=(
                    f"{project(p)}预算执行得分印为 {total.score.text.strip()} 分；按分值 "
                    f"{pts(budget_points(p, m))} 分 × 执行率 {rate_text}（封顶 100%）应为 "
                    f"{pts(round_to(expected, 2))} 分，相差 {pts(round_to(gap, 3))} 分。"
                ),
                evidence=[total.evidence],
                expected=pts(round_to(expected, 2)),
                actual=total.score.text.strip(),
                severity=lower(severity, p.budget_uncertain),
                where=p.label,
            ),
            whole=False,
        )
