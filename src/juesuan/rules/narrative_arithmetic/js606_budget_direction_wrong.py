"""JS606: 决算数大于/小于/等于预算数 agrees with the budget and actual (or the rate) stated with
it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Evidence, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import CENT, HUNDRED, money
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_arithmetic._shared import statement_evidence
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    CLEAN_BUDGET_DIRECTIONS,
    COMPLETION_MEASURES,
    Facts,
    fmt,
    money_of,
    percent_of,
    where_of,
)
from juesuan.rules.narrative_figures import figure, holds, plain, table_evidence


@rule(
    "JS606",
    applies_to=BOTH_KINDS,
    name="budget-direction-wrong",
    title="“决算数大于/小于/等于预算数”与所述数字不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“决算数小于预算数的主要原因”之类的表述必须与同一段给出的预算数和决算数（或完成预算比例）
一致：完成比例低于 100% 就是小于，高于 100% 就是大于，预算数与决算数相同就是等于（持平）。
模板备选用语未取舍（“大于（小于）”）由模板残留规则报告。说明所写决算数（预算数）与表不符
（JS501–JS506 报告）而按表中金额用语正确时不再报告。
""",
    suggestion="按预算数与决算数的实际大小改正表述。",
)
def budget_direction_wrong(doc: Disclosure) -> Iterator[Hit]:
    words = [s for s in doc.statements if s.measure == Measure.BUDGET_DIRECTION]
    if not words:
        raise NotApplicable("情况说明中没有预决算比较用语")
    facts = Facts(doc.statements)
    stop = {Measure.BUDGET_DIRECTION}
    for s in words:
        word = s.value if isinstance(s.value, str) else ""
        if word not in CLEAN_BUDGET_DIRECTIONS:
            continue
        said = CLEAN_BUDGET_DIRECTIONS[word]
        actual_stmt = facts.before(s, ACTUAL_MEASURES, stop)
        full = facts.before(s, {Measure.BUDGET}, stop)
        initial = facts.before(s, {Measure.BUDGET_INITIAL}, stop)
        rate_stmt = facts.before(s, COMPLETION_MEASURES, stop)
        actual = money_of(actual_stmt)
        truth: int | None = None
        certain = True
        table_ev: list[Evidence] = []
        basis: list[Statement | None] = []
        budget_stmt = full if money_of(full) is not None else initial
        budget = money_of(budget_stmt)
        if actual is not None and budget is not None:
            if full is not None and initial is not None and money_of(initial) is not None:
                other = money_of(initial) if budget_stmt is full else money_of(full)
                assert other is not None
                if (actual > budget) != (actual > other) or (actual < budget) != (actual < other):
                    continue  # the two budgets disagree: which one is meant is unclear
            diff = actual - budget
            truth = (diff > 0) - (diff < 0)
            figures = [
                figure(doc, actual_stmt) or plain(actual),
                figure(doc, budget_stmt) or plain(budget),
            ]
            if truth != said and any(f.tables for f in figures):
                if holds(figures, _agrees_with(said)):
                    continue  # the word follows the tables' figures: the amount is the fault
                actual, budget = (f.corrected for f in figures)
                diff = actual - budget
                truth = _sign(diff)
            certain = abs(diff) > CENT  # within a cent the unrounded amounts may say otherwise
            basis = [budget_stmt, actual_stmt]
            detail = f"预算 {money(budget)} 万元、决算 {money(actual)} 万元"
            notes = [
                f"{w}{f.note()}"
                for w, f in zip(("决算", "预算"), figures, strict=True)
                if truth != said and f.replaced
            ]
            if notes:
                detail += "，" + "；".join(notes)
            table_ev = table_evidence(figures)
        else:
            rate = percent_of(rate_stmt)
            if rate is None or rate == HUNDRED:
                continue
            truth = 1 if rate > HUNDRED else -1
            basis = [rate_stmt]
            detail = f"完成预算 {fmt(rate)}%"
            table_ev = []
        if truth == said:
            continue
        expected = {1: "大于", -1: "小于", 0: "等于"}[truth]
        yield Hit(
            message=f"{where_of(s)}称“{s.subject}”决算数{word}预算数，但{detail}，应为“{expected}”。",
            evidence=statement_evidence(s, *basis) + table_ev,
            expected=expected,
            actual=word,
            severity=None if certain else Severity.WARNING,
            where=where_of(s),
        )


def _sign(diff: Decimal) -> int:
    return (diff > 0) - (diff < 0)


def _agrees_with(said: int) -> Callable[[tuple[Decimal, ...]], bool]:
    def check(values: tuple[Decimal, ...]) -> bool:
        return _sign(values[0] - values[1]) == said

    return check
