"""JS803: the 预算执行 weight is the method's 10 points."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    cell_text,
    checked,
    lower,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import method


@rule(
    "JS803",
    applies_to=BOTH_KINDS,
    name="perf-budget-weight",
    title="预算执行分值不是规定的 10 分",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目支出绩效自评表中预算执行情况的分值为 10 分，绩效指标合计 90 分，总分 100 分。分值印成
其他数字（1、0）或写成百分数（100%）时，得分和合计无从核对，多为填表错误或表格被截断。
""",
    tolerance="精确比较（分值为整数分）",
    suggestion="预算执行情况的权重填 10（分），不要填百分数。",
)
def budget_weight(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in scored_evaluations(doc):
        total = p.total
        if total is None or total.weight is None:
            continue
        w = total.weight
        if w.value is not None and w.value == m.budget_points and not w.percent:
            continue
        what = (
            f"写成了百分数 {w.text.strip()}"
            if w.percent
            else f"印为 {w.text.strip()}"
            if w.value is not None
            else f"印为“{w.text.strip()}”"
        )
        yield checked(
            p,
            Hit(
                message=(
                    f"{project(p)}预算执行情况的权重（分值）{what}，应为 {pts(m.budget_points)} 分"
                    f"（得分印为 {cell_text(total.score)}）。"
                ),
                evidence=[total.evidence],
                expected=pts(m.budget_points),
                actual=w.text.strip(),
                severity=lower(Severity.WARNING, p.budget_uncertain),
                where=p.label,
            ),
            whole=False,
        )
