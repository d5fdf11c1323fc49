"""JS801: each printed 执行率 is the rounding of 执行数 / 调整后预算数 (by interval)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money, percent_consistent, ratio_interval
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    checked,
    line_label,
    lower,
    pct,
    project,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import rate_interval, rate_of, value


@rule(
    "JS801",
    applies_to=BOTH_KINDS,
    name="perf-rate",
    title="预算执行率与执行数、预算数不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
预算执行率 = 全年执行数 / 全年预算数（调整后），是绩效自评表中预算执行得分（10 分）的依据。
自评表印出的执行率若不是本行两个金额之比，得分和评价结论都失去依据。按区间判断：金额按印出
的末位四舍五入，只有任何可能的比值都舍入不到印出的执行率时才报告。
""",
    tolerance="区间判断：金额 ± 末位半个单位，执行率 ± 末位半个单位",
    suggestion="按 执行数 ÷ 调整后预算数 重新计算执行率，并据此重算预算执行得分。",
)
def execution_rate(doc: Disclosure) -> Iterator[Hit]:
    for p in scored_evaluations(doc) + [p for p in doc.evaluations if not p.scored]:
        for line in p.budget:
            printed = value(line.rate)
            interval = rate_interval(line)
            if printed is None or interval is None or line.rate is None:
                continue
            if percent_consistent(printed, interval):
                continue
            exact = rate_of(line)
            assert exact is not None and line.adjusted is not None and line.executed is not None
            severity = Severity.ERROR
            note = ""
            initial = value(line.initial)
            executed = value(line.executed)
            if initial is not None and initial > 0 and executed is not None:
                alt = ratio_interval(executed, initial)
                if alt is not None and percent_consistent(printed, alt):
                    severity = Severity.WARNING
                    note = "（与 执行数 ÷ 年初预算数 相符，可能用错了分母）"
            yield checked(
                p,
                Hit(
                    message=(
                        f"{project(p)}{line_label(line)}：预算执行率印为 {line.rate.text.strip()}，"
                        f"按执行数 {money(line.executed.value)} 万元 ÷ 调整后预算数 "
                        f"{money(line.adjusted.value)} 万元 计算应为 {pct(exact)}{note}。"
                    ),
                    evidence=[line.evidence],
                    expected=pct(exact),
                    actual=line.rate.text.strip(),
                    severity=lower(severity, p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )
