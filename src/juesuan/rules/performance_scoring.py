"""Scoring a self-evaluation table under a configured method (catalog ``[scoring]``).

Pure functions over :mod:`juesuan.model.performance`, shared by the performance rules and the
per-document summary (``juesuan perf``).  Money and points are Decimal throughout.

The default method is the national one of docs/domain.md §5: 预算执行 scores ``budget_points ×
执行率`` (capped at ``budget_points``); a quantitative indicator that reaches its target gets
its full weight, one that misses gets ``weight × 完成值/指标值`` (higher is better: ≥, >, =)
or ``weight × 指标值/完成值`` (lower is better: ≤, <); a qualitative one gets the share of its
weight its grade word allows (好/优 80–100 %, 较好/良 60–80 %, 一般/差 0–60 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.catalog.performance import ScoringMethod, key, scoring_method
from juesuan.model.performance import BudgetLine, Cell, Indicator, Nature, ProjectEvaluation
from juesuan.rules.common import HUNDRED, ZERO, decimals_of, half_unit, ratio_interval, round_to

#: Words in 未完成原因分析 that give no reason (the cell filled only to be non-empty).
NO_REASON = frozenset({"", "/", "／", "-", "—", "无", "不涉及", "0"})


def method() -> ScoringMethod:
    return scoring_method()


def value(cell: Cell | None) -> Decimal | None:
    return None if cell is None else cell.value


def has_reason(ind: Indicator) -> bool:
    """True when 未完成原因分析 says something."""
    return ind.reason is not None and key(ind.reason.text) not in NO_REASON


def rate_of(line: BudgetLine) -> Decimal | None:
    """执行数 / 调整后预算数 in % (exact), None when not computable."""
    adjusted, executed = value(line.adjusted), value(line.executed)
    if adjusted is None or executed is None or adjusted <= 0:
        return None
    return executed / adjusted * HUNDRED


def rate_interval(line: BudgetLine) -> tuple[Decimal, Decimal] | None:
    """The interval (in %) the printed amounts allow for 执行数 / 调整后预算数."""
    adjusted, executed = value(line.adjusted), value(line.executed)
    if adjusted is None or executed is None or adjusted <= 0:
        return None
    return ratio_interval(executed, adjusted)


def budget_points(p: ProjectEvaluation, m: ScoringMethod | None = None) -> Decimal:
    """The weight 预算执行 is scored against: the printed weight when it is a plain number
    other than 0, else the method's."""
    m = m or method()
    total = p.total
    w = total.weight if total is not None else None
    if w is not None and w.value is not None and w.value > 0 and not w.percent:
        return w.value
    return m.budget_points


def expected_budget_score(p: ProjectEvaluation, m: ScoringMethod | None = None) -> Decimal | None:
    """points × min(执行率, 100 %), from the amounts; None when they are not printed."""
    total = p.total
    if total is None:
        return None
    rate = rate_of(total)
    if rate is None:
        return None
    return budget_points(p, m) * min(rate, HUNDRED) / HUNDRED


def budget_score_interval(
    p: ProjectEvaluation, m: ScoringMethod | None = None
) -> tuple[Decimal, Decimal] | None:
    """Every score points × rate may take: rate from the amounts' interval or the printed rate."""
    total = p.total
    if total is None:
        return None
    points = budget_points(p, m)
    lows: list[Decimal] = []
    highs: list[Decimal] = []
    interval = rate_interval(total)
    if interval is not None:
        lows.append(interval[0])
        highs.append(interval[1])
    printed = value(total.rate)
    if printed is not None:
        h = half_unit(printed)
        lows.append(printed - h)
        highs.append(printed + h)
    if not lows:
        return None
    low = min(min(lows), HUNDRED)
    high = min(max(highs), HUNDRED)
    return points * max(low, ZERO) / HUNDRED, points * high / HUNDRED


@dataclass(frozen=True, slots=True)
class Judgement:
    """How an indicator's printed score compares with the method."""

    quantitative: bool
    met: bool | None  # the target reached (None when it cannot be told)
    expected: Decimal | None  # the method's score (exact), None when it cannot be told
    low: Decimal | None = None  # qualitative: the band the grade allows
    high: Decimal | None = None
    grade: str | None = None


def comparable(ind: Indicator) -> bool:
    """Target and result are numbers in the same unit."""
    t, a = ind.target, ind.actual
    if t is None or a is None or t.value is None or a.value is None:
        return False
    unit = key(ind.unit.text) if ind.unit is not None else ""
    if a.percent and not (t.percent or unit in ("%", "％", "")):
        return False  # 完成值 “100%” against a count of 台/个
    return not (t.percent and not a.percent and unit not in ("%", ""))


def judge(ind: Indicator, m: ScoringMethod | None = None) -> Judgement | None:
    """The method's verdict on one indicator; None when it cannot judge."""
    m = m or method()
    weight = value(ind.weight)
    if weight is None or ind.nature is None:
        return None
    if ind.nature is Nature.QUALITATIVE:
        if ind.actual is None:
            return None
        grade = m.grade_of(ind.actual.text)
        if grade is None:
            return None
        return Judgement(
            False, None, None, weight * grade.low, weight * grade.high, key(ind.actual.text)
        )
    if not comparable(ind):
        return None
    target, actual = value(ind.target), value(ind.actual)
    assert target is not None and actual is not None
    lower = ind.nature.lower_is_better
    if ind.nature is Nature.EQ and target == 0:
        lower = True
    met = actual <= target if lower else actual >= target
    if met:
        return Judgement(True, True, weight)
    expected: Decimal | None
    if lower:
        expected = weight * target / actual if actual > 0 else weight
    else:
        expected = weight * actual / target if target > 0 else None
    if expected is not None:
        expected = max(min(expected, weight), ZERO)
    return Judgement(True, False, expected)


def indicator_scores(p: ProjectEvaluation) -> Decimal:
    """Σ of the printed indicator scores (blank and unreadable cells count 0)."""
    return sum((value(i.score) or ZERO for i in p.indicators), ZERO)


def indicator_weights(p: ProjectEvaluation) -> Decimal:
    return sum((value(i.weight) or ZERO for i in p.indicators), ZERO)


def recomputed_indicator_score(ind: Indicator, m: ScoringMethod | None = None) -> Decimal:
    """The method's score for one row: quantitative rows rescored, qualitative rows capped at
    their grade's band, rows the method cannot judge kept as printed (capped at the weight)."""
    printed = value(ind.score) or ZERO
    weight = value(ind.weight)
    j = judge(ind, m)
    if j is not None and j.expected is not None:
        return j.expected
    if j is not None and j.high is not None:
        return min(printed, j.high)
    return min(printed, weight) if weight is not None else printed


def form_maximum(p: ProjectEvaluation, m: ScoringMethod | None = None) -> Decimal:
    """The most the form can score: its printed block points (“预算执行情况（10分）”,
    “绩效指标（90分）”) or the method's."""
    m = m or method()
    return (p.budget_points or m.budget_points) + (p.indicator_points or m.indicator_points)


def recomputed_total(p: ProjectEvaluation, m: ScoringMethod | None = None) -> Decimal | None:
    """budget score (from the amounts) + Σ rescored indicators, rounded to 2 decimals."""
    if not p.scored:
        return None
    budget: Decimal | None = expected_budget_score(p, m)
    if budget is None and p.total is not None:
        budget = value(p.total.score)
    parts = sum((recomputed_indicator_score(i, m) for i in p.indicators), ZERO)
    return round_to((budget or ZERO) + parts, 2)


def stated_total(p: ProjectEvaluation) -> Decimal | None:
    """The 合计 score as printed, else the total the conclusion claims."""
    if p.total_score is not None and p.total_score.value is not None:
        return p.total_score.value
    for c in p.claims:
        if c.kind == "total_score":
            return c.value
    return None


def sum_interval_halfwidth(cells: list[Cell | None], exact_integers: bool = True) -> Decimal:
    """Half a printed unit for each computed part (integers are exact points)."""
    total = ZERO
    for c in cells:
        if c is None or c.value is None:
            continue
        if exact_integers and decimals_of(c.value) == 0:
            continue
        total += half_unit(c.value)
    return total
