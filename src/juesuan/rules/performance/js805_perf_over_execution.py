"""JS805: no line executes more than its adjusted budget."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import checked, evaluations_of, line_label, lower, project
from juesuan.rules.performance_scoring import value


@rule(
    "JS805",
    applies_to=BOTH_KINDS,
    name="perf-over-execution",
    title="执行数超过调整后预算数",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
全年执行数不应超过全年（调整后）预算数：超出部分没有预算依据，执行率也会超过 100%。多为
预算调整未在表中反映或金额填错行。
""",
    tolerance="精确比较（金额印到分）",
    suggestion="核对执行数与调整后预算数；年中追加的预算应计入调整后预算数。",
)
def over_execution(doc: Disclosure) -> Iterator[Hit]:
    for p in evaluations_of(doc):
        for line in p.budget:
            adjusted, executed = value(line.adjusted), value(line.executed)
            if adjusted is None or executed is None or executed <= adjusted:
                continue
            yield checked(
                p,
                Hit(
                    message=(
                        f"{project(p)}{line_label(line)}：执行数 {money(executed)} 万元超过调整后"
                        f"预算数 {money(adjusted)} 万元，超出 {money(executed - adjusted)} 万元。"
                    ),
                    evidence=[line.evidence],
                    expected=f"≤ {money(adjusted)}",
                    actual=money(executed),
                    severity=lower(Severity.WARNING, p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )
