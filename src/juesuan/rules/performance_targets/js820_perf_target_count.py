"""JS820: the number of target forms (and their money) is what the explanation states."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import target_layout
from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, money, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance_targets._shared import targets_of


def _target_statements(doc: Disclosure) -> list[Statement]:
    subjects = target_layout().count_subjects
    return [
        s
        for s in doc.statements
        if s.subject in subjects
        and s.measure in (Measure.COUNT, Measure.AMOUNT)
        and isinstance(s.value, Decimal)
    ]


@rule(
    "JS820",
    applies_to=BOTH_KINDS,
    name="perf-target-count",
    title="说明中的绩效目标项目个数、金额与所附绩效目标表不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
情况说明写明编报绩效目标的项目个数和涉及的预算金额（“编报绩效目标的项目5个，涉及预算金额……
万元”）。所附绩效目标表比说明的项目还多，说明的个数必有错；比说明的少，多是只公开了部分（重点）
项目的目标表，只作提示。金额按所附各表的年度资金申请总额（没有时用项目资金总额）合计比较，
只在所附表数与说明的个数相同时比较，且只作提示：说明的口径未必是同一栏。
""",
    tolerance="个数精确比较；金额按 0.01 万元 × 表数 的舍入容差",
    suggestion="更正说明中的项目个数、金额，或补附、删去相应的绩效目标表。",
)
def target_count(doc: Disclosure) -> Iterator[Hit]:
    targets = [t for t in targets_of(doc) if t.scope == "project"]
    statements = _target_statements(doc)
    if not statements or not targets:
        raise NotApplicable("情况说明没有写编报绩效目标的项目个数")
    n = len(targets)
    for s in statements:
        assert isinstance(s.value, Decimal)
        if s.measure == Measure.COUNT:
            if s.value == n:
                continue
            more = n > s.value
            yield Hit(
                message=(
                    f"情况说明称{s.subject} {s.value:f} {s.unit or '个'}，文件中有绩效目标表 {n} 张"
                    + ("，比说明的还多。" if more else "（可能只公开了部分项目的目标表）。")
                ),
                evidence=[s.evidence, targets[0].evidence],
                expected=f"{s.value:f}",
                actual=str(n),
                severity=Severity.WARNING if more else Severity.INFO,
                where="绩效目标",
            )
        elif s.unit == "万元" and all(
            c.value == n
            for c in statements
            if c.measure == Measure.COUNT and isinstance(c.value, Decimal)
        ):
            lines = [t.fund("annual", "total") or t.fund("project", "total") for t in targets]
            amounts = [f.amount for f in lines if f is not None and f.amount is not None]
            if len(amounts) != n:
                continue
            total = sum(amounts, ZERO)
            if abs(total - s.value) <= sum_tolerance(n):
                continue
            yield Hit(
                message=(
                    f"情况说明称{s.subject}涉及预算金额 {s.value:f} 万元，所附 {n} 张绩效目标表的"
                    f"年度资金（项目资金）合计 {money(total)} 万元，"
                    f"相差 {money(s.value - total)} 万元。"
                ),
                evidence=[s.evidence, *(f.evidence for f in lines if f is not None)],
                expected=money(total),
                actual=f"{s.value:f}",
                severity=Severity.INFO,
                where="绩效目标",
            )
