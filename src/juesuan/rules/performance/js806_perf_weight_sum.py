"""JS806: the indicator weights add up to the indicator points (90) and the 合计 weight is the
form's total (100).

What the weights must add up to comes from the form itself where it prints it — the block
label “绩效指标（90分）”, or a 合计 weight and a 预算执行 weight whose difference is the
indicator points — and from the configured scoring method otherwise (then a warning: a local
method may split the points differently).

A form whose indicator part was read with a remark (``indicators_uncertain``) is still checked
when the reading is corroborated: every row has a weight and no score exceeds its weight, and
either the weights add up to *more* than they should (lost rows and clipped digits can only
make the sum smaller) or the printed scores add up to the printed 合计 (no scored row was
lost).  Such a finding is a warning; an uncorroborated one is info.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import ScoringMethod
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Cell, ProjectEvaluation
from juesuan.rules.common import ZERO, half_unit
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import cell_text, checked, project, pts, scored_evaluations
from juesuan.rules.performance_scoring import (
    indicator_scores,
    indicator_weights,
    method,
    sum_interval_halfwidth,
    value,
)


def expected_points(p: ProjectEvaluation, m: ScoringMethod) -> tuple[Decimal, bool]:
    """(what the indicator weights must add up to, whether the form itself says so).

    The form says so by its block label “绩效指标（90分）”, or by a printed 合计 weight less
    the 预算执行 points (its label “（10分）” or its printed weight) giving the method's
    indicator points."""
    if p.indicator_points is not None:
        return p.indicator_points, True
    total_w = value(p.total_weight)
    budget = p.budget_points
    if budget is None and p.total is not None and p.total.weight is not None:
        w = p.total.weight
        budget = None if w.percent else w.value
    if total_w is not None and budget is not None and total_w - budget == m.indicator_points:
        return m.indicator_points, True
    return m.indicator_points, False


def scores_add_up(p: ProjectEvaluation) -> bool:
    """The printed 合计 score is the 预算执行 score plus the indicator scores read (within
    rounding): no row carrying points was lost in reading."""
    ts = value(p.total_score)
    if ts is None or p.total is None:
        return False
    parts: list[Cell | None] = [p.total.score, *(i.score for i in p.indicators)]
    s = (value(p.total.score) or ZERO) + indicator_scores(p)
    assert p.total_score is not None
    return abs(ts - s) <= sum_interval_halfwidth(parts) + half_unit(ts)


def corroborated(p: ProjectEvaluation, excess: bool) -> bool:
    """An uncertain reading of the indicators still shows the weight sum is wrong."""
    for i in p.indicators:
        w, s = value(i.weight), value(i.score)
        if w is None or (s is not None and s > w):
            return False
    return excess or scores_add_up(p)


@rule(
    "JS806",
    applies_to=BOTH_KINDS,
    name="perf-weight-sum",
    title="绩效指标权重合计不是 90 分（总分不是 100 分）",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
项目支出绩效自评的分值结构是预算执行 10 分、绩效指标 90 分，合计 100 分。各指标权重之和
不是 90 分，或合计行的权重不是 100 分时，自评得分与其他项目不可比。应有的分值以表中印出的
“绩效指标（90分）”或合计、预算执行的分值为准；表中都未印出时按目录配置的评分方法判断，只作
警告。表格读取有疑问时，只有在每行都读到权重、得分不超过权重，且权重之和多于应有分值（丢行
只会使和变小）或各项得分之和等于合计得分（没有丢掉有分的行）时才报警告，否则只作提示。
""",
    tolerance="精确比较（权重为印出的分值）",
    suggestion="调整各指标权重，使其合计为 90 分，加上预算执行 10 分共 100 分。",
)
def weight_sum(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in scored_evaluations(doc):
        if not p.indicators or (
            p.cancelled is not None and not any(value(i.weight) for i in p.indicators)
        ):
            continue
        weights = [value(i.weight) for i in p.indicators]
        if any(w is None for w in weights) and p.indicators_uncertain:
            continue
        total_w = indicator_weights(p)
        points, printed = expected_points(p, m)
        form_total = (p.budget_points or m.budget_points) + points
        printed_total = value(p.total_weight)
        problems: list[str] = []
        if total_w != points:
            problems.append(
                f"{len(p.indicators)} 个绩效指标的权重合计 {pts(total_w)} 分，应为 {pts(points)} 分"
            )
        if printed_total is not None and printed_total != form_total:
            problems.append(
                f"合计行权重印为 {cell_text(p.total_weight)}，应为 {pts(form_total)} 分"
            )
        if not problems:
            continue
        severity = Severity.ERROR if printed else Severity.WARNING
        tail = "" if printed else f"（按{m.name}；表中未印出绩效指标的分值）"
        if p.indicators_uncertain:
            excess = total_w > points
            sure = total_w != points and corroborated(p, excess)
            severity = Severity.WARNING if sure else Severity.INFO
            if sure:
                why = (
                    "权重之和多于应有分值（漏读的行只会使和变小）"
                    if excess
                    else "各项得分之和等于合计得分（没有漏读有分的行）"
                )
                tail += f"。指标部分的读取有疑问，但每行都读到了权重、得分未超过权重，且{why}"
        evidence = [i.evidence for i in p.indicators]
        if p.total_evidence is not None:
            evidence.append(p.total_evidence)
        yield checked(
            p,
            Hit(
                message=f"{project(p)}：{'；'.join(problems)}{tail}。",
                evidence=evidence,
                expected=pts(points),
                actual=pts(total_w),
                severity=severity,
                where=p.label,
            ),
            whole=True,
        )
