"""JS808: an indicator's score agrees with its result under the configured scoring method."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import key
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Cell, Indicator
from juesuan.rules.common import round_to
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    checked,
    ind_name,
    lower,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import has_reason, judge, method, value

#: An indicator score off the method's proportional value by more than this many points is
#: mentioned (info): provinces use other formulas, so it is never more than a remark.
METHOD_GAP = Decimal("0.05")


def _measure(ind: Indicator, c: Cell | None, with_nature: bool = False) -> str:
    """A target or result for a message: the number read (inserted spaces gone), its unit."""
    if c is None:
        return "空"
    nature = ""
    if with_nature and ind.nature is not None and ind.nature.value != "定性":
        nature = ind.nature.value
    if c.value is None:
        return f"{nature}{c.text.strip()}"
    if c.percent:
        unit = "%"
    elif ind.unit is not None and key(ind.unit.text) not in key(c.text):
        unit = key(ind.unit.text)
    else:
        unit = ""
    return f"{nature}{pts(c.value)}{unit}"


@rule(
    "JS808",
    applies_to=BOTH_KINDS,
    name="perf-indicator-score",
    title="指标得分与完成情况不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
按全国默认评分方法（财预〔2020〕10号，目录中可配置为地方办法）：达到指标值的定量指标得满分；
未达到的按 完成值/指标值（越大越好）或 指标值/完成值（越小越好）折算；定性指标按“好/较好/
一般”等级给分。未完成指标却给满分且不说明原因，是自评中常见的虚高；其余与评分方法不一致的
情形只作提示，因为各地办法和定性判断不尽相同。
""",
    tolerance="METHOD_GAP = 0.05 分：与按比例折算的分值相差在此以内不提示",
    suggestion="未完成的指标按完成比例扣分并填写未完成原因；定性指标按等级给分。",
)
def indicator_score(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in scored_evaluations(doc):
        if p.cancelled is not None:
            continue
        for ind in p.indicators:
            w, s = value(ind.weight), value(ind.score)
            if w is None or s is None or s > w:
                continue
            j = judge(ind, m)
            if j is None:
                continue
            reason = has_reason(ind)
            verdict: tuple[str, str, Severity] | None = None  # (says, expected, severity)
            if j.quantitative and j.met is False and s == w:
                expected = pts(round_to(j.expected, 2)) if j.expected is not None else "低于满分"
                if reason and ind.reason is not None:
                    tail = f"（未完成原因：{ind.reason.text.strip()}）"
                    severity = Severity.INFO
                else:
                    tail = "，未填写未完成原因"
                    severity = Severity.WARNING
                says = f"未达到指标值却给了满分{tail}；按比例应得 {expected} 分"
                verdict = (says, expected, lower(severity, p.indicators_uncertain))
            elif j.quantitative and j.met is False and j.expected is not None:
                if abs(s - j.expected) > METHOD_GAP:
                    expected = pts(round_to(j.expected, 2))
                    says = f"按完成比例折算应得 {expected} 分（{m.name}）"
                    verdict = (says, expected, Severity.INFO)
            elif j.quantitative and j.met and s < w and not reason:
                says = f"已达到指标值却扣了 {pts(w - s)} 分，且未说明原因"
                verdict = (says, pts(w), Severity.INFO)
            elif j.low is not None and j.high is not None and not j.low <= s <= j.high:
                band = f"{pts(round_to(j.low, 2))}–{pts(round_to(j.high, 2))}"
                says = f"完成情况为“{j.grade}”，按评分等级应得 {band} 分"
                verdict = (says, band, Severity.INFO)
            if verdict is not None:
                facts = (
                    f"{project(p)}{ind_name(ind)}：指标值 {_measure(ind, ind.target, True)}，"
                    f"完成值 {_measure(ind, ind.actual)}，权重 {pts(w)}，得分 {pts(s)}"
                )
                yield checked(
                    p,
                    Hit(
                        message=f"{facts}：{verdict[0]}。",
                        evidence=[ind.evidence],
                        expected=verdict[1],
                        actual=pts(s),
                        severity=verdict[2],
                        where=p.label,
                    ),
                    whole=False,
                )
