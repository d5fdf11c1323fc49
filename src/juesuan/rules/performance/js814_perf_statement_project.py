"""JS814: a project's budget, execution and rate the explanation states are its table's."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import key
from juesuan.model import Disclosure, Measure, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, difference_severity, money, percent_consistent
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance._shared import (
    cell_text,
    checked,
    evaluations_of,
    lower,
    pct,
    project,
)
from juesuan.rules.performance_scoring import rate_interval, rate_of


def _core(name: str) -> str:
    k = key(name)
    return k[:-2] if k.endswith("项目") and len(k) > 4 else k


@rule(
    "JS814",
    applies_to=BOTH_KINDS,
    name="perf-statement-project",
    title="说明中的项目预算、执行数与自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
“预算绩效管理情况”常逐个项目复述全年预算数、执行数和完成预算的比例。复述的数字与该项目
自评表中的预算执行情况是同一组数，必须一致。
""",
    tolerance="金额：相差一分为警告，更多为错误；比例：区间判断",
    suggestion="核对说明与自评表中的预算数和执行数。",
)
def statement_project(doc: Disclosure) -> Iterator[Hit]:
    projects = {_core(p.name): p for p in evaluations_of(doc)}
    statements = [
        s
        for s in doc.statements
        if s.topic == Topic.PERFORMANCE
        and s.measure in (Measure.BUDGET, Measure.ACTUAL, Measure.COMPLETION_RATE)
        and isinstance(s.value, Decimal)
        and _core(s.subject) in projects
    ]
    if not statements:
        raise NotApplicable("情况说明没有逐个项目复述预算执行数据")
    for s in statements:
        assert isinstance(s.value, Decimal)
        p = projects[_core(s.subject)]
        total = p.total
        if total is None:
            continue
        if s.measure == Measure.COMPLETION_RATE:
            interval = rate_interval(total)
            if interval is None or percent_consistent(s.value, interval):
                continue
            exact = rate_of(total) or ZERO
            yield checked(
                p,
                Hit(
                    message=(
                        f"情况说明称{s.subject}完成预算的 {s.value:f}%，{project(p)}执行数 "
                        f"{cell_text(total.executed)} ÷ 预算数 {cell_text(total.adjusted)} = "
                        f"{pct(exact)}。"
                    ),
                    evidence=[s.evidence, total.evidence],
                    expected=pct(exact),
                    actual=f"{s.value:f}%",
                    severity=lower(Severity.ERROR, p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )
            continue
        if s.unit != "万元":
            continue  # an amount in another unit: the narrative rules judge the unit
        cell = total.adjusted if s.measure == Measure.BUDGET else total.executed
        if cell is None or cell.value is None:
            continue
        diff = s.value - cell.value
        if diff == 0:
            continue
        label = "预算数" if s.measure == Measure.BUDGET else "执行数"
        yield checked(
            p,
            Hit(
                message=(
                    f"情况说明称{s.subject}{label} {s.value:f} 万元，{project(p)}{label}为 "
                    f"{cell.text.strip()} 万元，相差 {money(diff)} 万元。"
                ),
                evidence=[s.evidence, total.evidence],
                expected=cell.text.strip(),
                actual=f"{s.value:f}",
                severity=lower(difference_severity(diff), p.budget_uncertain),
                where=p.label,
            ),
            whole=False,
        )
