"""JS809: the 合计 score equals the 预算执行 score plus the indicator scores."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Cell
from juesuan.rules.common import ZERO, half_unit
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    SCORE_WARNING_GAP,
    checked,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import indicator_scores, sum_interval_halfwidth, value


@rule(
    "JS809",
    applies_to=BOTH_KINDS,
    name="perf-total-score",
    title="合计得分不等于各项得分之和",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
合计得分 = 预算执行得分 + 各绩效指标得分。合计与各项之和不符时，自评总分（常被评价结论
引用、与预算安排挂钩）没有依据。带小数的得分按印出的末位四舍五入，差额在舍入范围内不报告；
表格读取可能丢行时只作提示。
""",
    tolerance="各带小数的得分 ± 末位半个单位；0.1 分以内为警告",
    suggestion="按各项得分重新合计，并同步修改评价结论中的自评得分。",
)
def total_score(doc: Disclosure) -> Iterator[Hit]:
    for p in scored_evaluations(doc):
        ts = p.total_score
        total = p.total
        if ts is None or ts.value is None or total is None or not p.indicators:
            continue
        parts: list[Cell | None] = [total.score, *(i.score for i in p.indicators)]
        if any(
            c is not None and c.value is None and c.text.strip() not in ("/", "") for c in parts
        ):
            continue  # an unreadable score or a placeholder (JS812 reports it)
        budget = value(total.score) or ZERO
        indicators = indicator_scores(p)
        s = budget + indicators
        tolerance = sum_interval_halfwidth(parts) + half_unit(ts.value)
        gap = ts.value - s
        if abs(gap) <= tolerance:
            continue
        severity = Severity.WARNING if abs(gap) <= SCORE_WARNING_GAP else Severity.ERROR
        if p.indicators_uncertain or p.budget_uncertain:
            severity = Severity.INFO
        evidence = [total.evidence, *(i.evidence for i in p.indicators)]
        if p.total_evidence is not None:
            evidence.append(p.total_evidence)
        yield checked(
            p,
            Hit(
                message=(
                    f"{project(p)}合计得分印为 {ts.text.strip()}；预算执行得分 "
                    f"{pts(budget)} + {len(p.indicators)} 个指标得分 {pts(indicators)} = "
                    f"{pts(s)}，相差 {pts(gap)} 分。"
                ),
                evidence=evidence,
                expected=pts(s),
                actual=ts.text.strip(),
                severity=severity,
                where=p.label,
            ),
            whole=True,
        )
