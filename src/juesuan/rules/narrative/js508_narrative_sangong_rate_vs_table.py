"""JS508: a “三公” completion rate or 大于/小于预算数 stated without its budget agrees with the
table's 预算数.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Evidence, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._shared import (
    BUDGET_MEASURES,
    SANGONG_ITEMS,
    T13,
    TableValue,
    known_table,
    t13_value,
)
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    CLEAN_BUDGET_DIRECTIONS,
    COMPLETION_MEASURES,
    SANGONG_TOPICS,
    Facts,
    fmt,
    money_of,
    percent_of,
    where_of,
)
from juesuan.rules.narrative_figures import (
    Figure,
    figure,
    plain,
    settle,
    share_judge,
    table_evidence,
)


@rule(
    "JS508",
    name="narrative-sangong-rate-vs-table",
    title="“三公”经费完成预算比例或预决算比较与报表不符",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明只写“公务接待费支出 0.39 万元，完成预算的 13.68%”而不写预算数时，完成比例应等于决算数除以
“三公”经费支出决算表中的预算数；“决算数小于（大于、等于）预算数”应与表中预算数、决算数的
大小一致。比例按印刷精度区间判断：只有任何舍入前的金额都得不出所印比例时才报告。说明所写
决算数与表不符（JS505 报告）而按表中决算数比例或用语成立时不再报告。
""",
    tolerance=(
        "区间判断（ratio_interval / percent_consistent）：差一个末位单位为警告，更大为错误；"
        "落在区间内但与按印刷数计算的结果不同为提示。"
    ),
    suggestion="按“三公”经费支出决算表重新计算完成比例或改正比较用语。",
)
def sangong_rate_vs_table(doc: Disclosure) -> Iterator[Hit]:
    targets = [
        s
        for s in doc.statements
        if s.subject in SANGONG_ITEMS
        and s.topic in SANGONG_TOPICS
        and (s.measure in COMPLETION_MEASURES or s.measure == Measure.BUDGET_DIRECTION)
    ]
    if not targets:
        raise NotApplicable("情况说明中没有“三公”经费完成预算比例或预决算比较")
    if known_table(doc, T13) is None:
        raise NotApplicable("没有可核对的财政拨款“三公”经费支出决算表")
    facts = Facts(doc.statements)
    for s in targets:
        stop = COMPLETION_MEASURES | {Measure.BUDGET_DIRECTION}
        if facts.before(s, BUDGET_MEASURES, stop) is not None:
            continue  # the sentence states its budget: narrative arithmetic checks it
        budget = t13_value(doc, s.subject, "budget")
        if budget is None:
            continue
        stated_actual = facts.before(s, ACTUAL_MEASURES, stop)
        actual_value = money_of(stated_actual)
        actual_table = t13_value(doc, s.subject, "actual")
        if actual_value is None:
            if actual_table is None:
                continue
            actual_value = actual_table.value
        evidence = [s.evidence]
        if stated_actual is not None:
            evidence.append(stated_actual.evidence)
        evidence.extend(e for e in budget.evidence if e not in evidence)
        actual = figure(doc, stated_actual, actual_value) or plain(actual_value)
        if s.measure in COMPLETION_MEASURES:
            hit = _rate_hit(s, actual, budget, evidence)
        else:
            if facts.before(s, COMPLETION_MEASURES, {Measure.BUDGET_DIRECTION}) is not None:
                continue  # judged against the stated rate by narrative arithmetic
            hit = _direction_hit(s, actual, budget, evidence)
        if hit is not None:
            yield hit


def _rate_hit(
    s: Statement, actual_figure: Figure, budget: TableValue, evidence: list[Evidence]
) -> Hit | None:
    printed = percent_of(s)
    if printed is None:
        return None
    actual = actual_figure.stated
    if budget.value <= 0:
        if actual == 0:
            return None  # 0 of 0: any convention
        return Hit(
            message=(
                f"{where_of(s)}“{s.subject}”决算 {money(actual)} 万元，称完成预算 {fmt(printed)}%，"
                f"但{budget.label}为 0 万元，完成比例无从计算。"
            ),
            evidence=evidence,
            expected="无从计算（预算为 0）",
            actual=f"{fmt(printed)}%",
            where=where_of(s),
        )
    settled = settle([actual_figure, plain(budget.value)], share_judge(printed))
    if settled is None:
        return None
    verdict = settled.verdict
    assert verdict.severity is not None
    actual = settled.values[0]
    basis = f"；决算数{actual_figure.note()}" if settled.corrected else ""
    note = ""
    if verdict.severity is Severity.INFO:
        note = f"；按金额舍入前的可能取值（{verdict.interval_text}）所印比例仍可能成立"
    return Hit(
        message=(
            f"{where_of(s)}“{s.subject}”决算 {money(actual)} 万元、{budget.label} "
            f"{money(budget.value)} 万元，完成预算应为 {fmt(verdict.expected)}%，说明为 "
            f"{fmt(printed)}%{note}{basis}。"
        ),
        evidence=evidence + table_evidence([actual_figure]),
        expected=f"{fmt(verdict.expected)}%",
        actual=f"{fmt(printed)}%",
        severity=verdict.severity,
        where=where_of(s),
    )


def _direction_hit(
    s: Statement, actual_figure: Figure, budget: TableValue, evidence: list[Evidence]
) -> Hit | None:
    word = s.value if isinstance(s.value, str) else ""
    if word not in CLEAN_BUDGET_DIRECTIONS:
        return None  # template residue such as 大于（小于）: the residue family reports it
    said = CLEAN_BUDGET_DIRECTIONS[word]
    actual = actual_figure.stated
    diff = actual - budget.value
    truth = (diff > 0) - (diff < 0)
    if truth == said:
        return None
    basis = ""
    if actual_figure.replaced is not None:
        if any(
            ((v - budget.value) > 0) - ((v - budget.value) < 0) == said
            for v in actual_figure.candidates()
        ):
            return None  # the word follows the table's 决算数: JS505 reports the amount
        actual = actual_figure.corrected
        diff = actual - budget.value
        truth = (diff > 0) - (diff < 0)
        basis = f"（决算数{actual_figure.note()}）"
        evidence = evidence + table_evidence([actual_figure])
    expected = {1: "大于", -1: "小于", 0: "等于"}[truth]
    severity = Severity.WARNING if abs(diff) <= Decimal("0.01") else Severity.ERROR
    return Hit(
        message=(
            f"{where_of(s)}称“{s.subject}”决算数{word}预算数，但决算数 {money(actual)} 万元、"
            f"{budget.label} {money(budget.value)} 万元{basis}，应为“{expected}”。"
        ),
        evidence=evidence,
        expected=expected,
        actual=word,
        severity=severity,
        where=where_of(s),
    )
