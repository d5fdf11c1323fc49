"""JS806: the indicator weights add up to 90 points and the 合计 weight is 100."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import cell_text, checked, project, pts, scored_evaluations
from juesuan.rules.performance_scoring import indicator_weights, method, value


@rule(
    "JS806",
    applies_to=BOTH_KINDS,
    name="perf-weight-sum",
    title="绩效指标权重合计不是 90 分（总分不是 100 分）",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
项目支出绩效自评的分值结构是预算执行 10 分、绩效指标 90 分，合计 100 分。各指标权重之和
不是 90 分，或合计行的权重不是 100 分时，自评得分与其他项目不可比。表格读取可能丢行时只作
提示。
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
        if sum(1 for w in weights if w is None) > 0 and p.indicators_uncertain:
            continue
        total_w = indicator_weights(p)
        printed_total = value(p.total_weight)
        problems: list[str] = []
        if total_w != m.indicator_points:
            problems.append(
                f"{len(p.indicators)} 个绩效指标的权重合计 {pts(total_w)} 分，应为 "
                f"{pts(m.indicator_points)} 分"
            )
        if printed_total is not None and printed_total != m.total_points:
            problems.append(
                f"合计行权重印为 {cell_text(p.total_weight)}，应为 {pts(m.total_points)} 分"
            )
        if not problems:
            continue
        severity = Severity.ERROR
        if p.indicators_uncertain:
            severity = Severity.INFO
        evidence = [i.evidence for i in p.indicators]
        if p.total_evidence is not None:
            evidence.append(p.total_evidence)
        yield checked(
            p,
            Hit(
                message=f"{project(p)}：{'；'.join(problems)}。",
                evidence=evidence,
                expected=pts(m.indicator_points),
                actual=pts(total_w),
                severity=severity,
                where=p.label,
            ),
            whole=True,
        )
