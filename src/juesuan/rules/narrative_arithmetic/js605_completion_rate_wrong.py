"""JS605: a completion rate follows from the budget and the actual stated with it (by interval)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import judge_ratio, money
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_arithmetic._shared import statement_evidence
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    COMPLETION_MEASURES,
    Facts,
    fmt,
    money_of,
    percent_of,
    where_of,
)
from juesuan.rules.narrative_figures import figure, plain, settle, share_judge, table_evidence


def _completion_parts(
    facts: Facts, s: Statement
) -> tuple[Statement | None, Statement | None, Statement | None]:
    """(actual, budget it is a rate of, the other budget) stated with a completion rate."""
    stop = COMPLETION_MEASURES
    actual = facts.before(s, ACTUAL_MEASURES, stop)
    initial = facts.before(s, {Measure.BUDGET_INITIAL}, stop)
    full = facts.before(s, {Measure.BUDGET}, stop)
    if s.measure == Measure.COMPLETION_RATE_INITIAL:
        return actual, initial or full, full if initial else None
    return actual, full or initial, initial if full else None


@rule(
    "JS605",
    applies_to=BOTH_KINDS,
    name="completion-rate-wrong",
    title="完成预算比例与预算数、决算数不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“年初（全年）预算为 X 万元，支出决算为 Y 万元，完成预算 Z%”中 Z 应等于 Y ÷ X。按区间判断
（金额各按 ±0.005 万元）；差一个末位为警告，更大为错误。预算为 0 时“完成年初预算的 95.89%”
没有意义（常见于把全年预算的完成率写成年初预算的完成率；比例与同句的全年预算相符时为警告）；
支出为 0 时完成率只能是 0%（预算为 0 时无从计算），写成 100% 为警告。
说明所写金额本身与表不符（金额错误由 JS501–JS506 报告）时，按表中金额重新计算后再判断：按表中
金额成立即不再报告（一个错误只报告一次），两者都不成立时按表中金额报告并注明说明所写金额。
""",
    tolerance="区间判断：差一个末位单位为警告，更大为错误；区间内而与按印刷数计算不同为提示。",
    suggestion="按“决算数 ÷ 预算数”重新计算，并写明是年初预算还是全年预算。",
)
def completion_rate_wrong(doc: Disclosure) -> Iterator[Hit]:
    rates = [
        s for s in doc.statements if s.measure in COMPLETION_MEASURES and percent_of(s) is not None
    ]
    if not rates:
        raise NotApplicable("情况说明中没有完成预算比例")
    facts = Facts(doc.statements)
    for s in rates:
        printed = percent_of(s)
        assert printed is not None
        actual_stmt, budget_stmt, other_stmt = _completion_parts(facts, s)
        actual, budget = money_of(actual_stmt), money_of(budget_stmt)
        which = "年初预算" if s.measure == Measure.COMPLETION_RATE_INITIAL else "预算"
        if actual is None:
            continue
        if budget is None:
            if actual == 0 and printed != 0:
                yield Hit(
                    message=(
                        f"{where_of(s)}“{s.subject}”支出为 0 万元，却称完成{which} "
                        f"{fmt(printed)}%：支出为 0 时完成比例只能是 0%（预算为 0 时无从计算）。"
                    ),
                    evidence=statement_evidence(s, actual_stmt),
                    expected="0%",
                    actual=f"{fmt(printed)}%",
                    severity=Severity.WARNING,
                    where=where_of(s),
                )
            continue
        assert budget_stmt is not None
        if budget == 0:
            if actual == 0:
                continue  # 0 of 0: any convention
            yield _zero_budget_hit(s, printed, actual, actual_stmt, budget_stmt, other_stmt)
            continue
        figures = [
            figure(doc, actual_stmt) or plain(actual),
            figure(doc, budget_stmt) or plain(budget),
        ]
        settled = settle(figures, share_judge(printed))
        if settled is None:
            continue
        verdict = settled.verdict
        actual, budget = settled.values
        note = ""
        if verdict.severity is Severity.INFO:
            note = f"；考虑金额舍入（{verdict.interval_text}），所印比例仍可能成立"
        budget_name = (
            "年初预算"
            if budget_stmt.measure == Measure.BUDGET_INITIAL
            else "全年预算"
            if budget_stmt.measure == Measure.BUDGET
            else "预算"
        )
        basis = "".join(
            f"；{what}{f.note()}"
            for what, f in zip(("支出决算", budget_name), figures, strict=True)
            if settled.corrected and f.replaced is not None
        )
        yield Hit(
            message=(
                f"{where_of(s)}“{s.subject}”{budget_name} {money(budget)} 万元、支出决算 "
                f"{money(actual)} 万元，完成比例应为 {fmt(verdict.expected)}%，说明为 "
                f"{fmt(printed)}%{note}{basis}。"
            ),
            evidence=statement_evidence(s, budget_stmt, actual_stmt) + table_evidence(figures),
            expected=f"{fmt(verdict.expected)}%",
            actual=f"{fmt(printed)}%",
            severity=verdict.severity,
            where=where_of(s),
        )


def _zero_budget_hit(
    s: Statement,
    printed: Decimal,
    actual: Decimal,
    actual_stmt: Statement | None,
    budget_stmt: Statement,
    other_stmt: Statement | None,
) -> Hit:
    budget_name = "年初预算" if budget_stmt.measure == Measure.BUDGET_INITIAL else "预算"
    other = money_of(other_stmt)
    explained = ""
    severity = Severity.ERROR
    if other is not None and other > 0:
        verdict = judge_ratio(printed, actual, other)
        if verdict is not None and verdict.severity in (None, Severity.INFO):
            other_name = (
                "全年预算" if other_stmt and other_stmt.measure == Measure.BUDGET else "年初预算"
            )
            explained = (
                f"；该比例与{other_name} {money(other)} 万元相符，"
                f"应写作“完成{other_name}的 {fmt(printed)}%”"
            )
            severity = Severity.WARNING
    return Hit(
        message=(
            f"{where_of(s)}“{s.subject}”{budget_name}为 {money_of(budget_stmt)} 万元，"
            f"支出决算 {money(actual)} 万元，却称完成{budget_name}的 {fmt(printed)}%："
            f"对 0 预算无从计算完成比例{explained}。"
        ),
        evidence=statement_evidence(s, budget_stmt, other_stmt, actual_stmt),
        expected="无从计算（预算为 0）",
        actual=f"{fmt(printed)}%",
        severity=severity,
        where=where_of(s),
    )
