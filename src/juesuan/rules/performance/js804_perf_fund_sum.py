"""JS804: the 总额 line equals the sum of its sources, in each amount column."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, difference_severity, money, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    SOURCE_NAMES,
    checked,
    lower,
    project,
    scored_evaluations,
)

FIELD_NAMES = {
    "initial": "年初预算数",
    "adjusted": "调整后预算数",
    "executed": "执行数",
}


@rule(
    "JS804",
    applies_to=BOTH_KINDS,
    name="perf-fund-sum",
    title="各资金来源之和不等于总额",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
预算执行情况中“总额”是财政资金、财政专户管理资金、单位资金、其他资金之和，年初预算数、
调整后预算数和执行数三列都应如此。只检查填了资金来源的表；差额在各来源四舍五入的容差以内
不报告。
""",
    tolerance="sum_tolerance(n)：n 个来源各自舍入，容差 0.005 × n",
    suggestion="核对各资金来源的金额，使其合计等于总额。",
)
def fund_sum(doc: Disclosure) -> Iterator[Hit]:
    for p in scored_evaluations(doc) + [p for p in doc.evaluations if not p.scored]:
        total = p.total
        if total is None:
            continue
        funds = [b for b in p.budget if b.source != "total"]
        for field, label in FIELD_NAMES.items():
            whole = getattr(total, field)
            if whole is None or whole.value is None:
                continue
            parts = [(b, getattr(b, field)) for b in funds]
            printed = [(b, c) for b, c in parts if c is not None and c.value is not None]
            if not printed:
                continue
            if any(c is not None and c.value is None for _, c in parts):
                continue  # an unreadable amount
            s = sum((c.value for _, c in printed if c.value is not None), ZERO)
            diff = whole.value - s
            if abs(diff) <= sum_tolerance(len(printed)):
                continue
            names = " + ".join(
                f"{SOURCE_NAMES.get(b.source, b.label)} {money(c.value)}" for b, c in printed
            )
            yield checked(
                p,
                Hit(
                    message=(
                        f"{project(p)}预算执行情况{label}：总额 {money(whole.value)} 万元，"
                        f"各资金来源 {names} = {money(s)} 万元，相差 {money(diff)} 万元。"
                    ),
                    evidence=[total.evidence, *(b.evidence for b, _ in printed)],
                    expected=money(s),
                    actual=money(whole.value),
                    severity=lower(difference_severity(diff), p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )
