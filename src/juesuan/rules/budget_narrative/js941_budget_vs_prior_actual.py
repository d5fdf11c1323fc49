"""JS941: this year's budget against last year's execution: the rate and the direction words."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    Cell,
    agrees,
    budget_only,
    cells_of,
    evidence_list,
    money_value,
    where,
)
from juesuan.rules.common import HUNDRED, ZERO, decimals_of, half_unit, interval_text, judge_percent
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import Facts, fmt, percent_of

_INCREASE = {"增加": 1, "增长": 1, "减少": -1, "下降": -1}


def _this_year(
    doc: Disclosure, facts: Facts, s: Statement, stop: Collection[str]
) -> tuple[Decimal, int, Statement | None, Cell | None] | None:
    """This year's amount for a comparison: the stated amount nearest before ``s``, or the
    table's figure when the stated amounts of the item disagree with it."""
    stated = facts.before(s, {Measure.AMOUNT}, stop)
    value = money_value(stated)
    if value is None or stated is None:
        return None
    cells = cells_of(doc, stated)
    if cells and not any(agrees(value, c) for c in cells):
        best = cells[0]
        return best.value, best.places, stated, best
    return value, decimals_of(value), stated, None


@rule(
    "JS941",
    applies_to=BUDGET_ONLY,
    name="budget-vs-prior-actual",
    title="与上年预算执行数相比的增减幅度或增减用语不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
上海的预算编制说明逐项写“2022年当年预算执行数为 X 万元，2023年预算安排 Y 万元，比2022年
预算执行数增加（减少）Z%”。Z 应等于 |Y − X| ÷ X，“增加”“减少”“持平”应与 Y、X 的大小一致。
金额按所印精度有舍入，按区间判断。说明所写的 Y 与预算表不符时，按表中金额计算（只报告一次
根本原因：金额错误由 JS934 报告，这里报告按表中金额也不成立的比例）。上年执行数为 0 时比例
无从计算，不作检查。
""",
    tolerance=(
        "区间判断：两个金额各按所印精度 ±半个末位单位；差一个末位为警告，更大为错误；"
        "区间内而与按所印金额计算不同为提示。"
    ),
    suggestion="按“（本年预算 − 上年执行数）÷ 上年执行数”重新计算，并写明增加或减少。",
)
def budget_vs_prior_actual(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    words = [s for s in doc.statements if s.measure == Measure.DIRECTION_VS_ACTUAL]
    if not words:
        raise NotApplicable("说明中没有与上年预算执行数的比较")
    facts = Facts(doc.statements)
    stop = {Measure.DIRECTION_VS_ACTUAL}
    for word_stmt in words:
        prior_stmt = facts.before(word_stmt, {Measure.PRIOR_ACTUAL}, stop)
        prior = money_value(prior_stmt)
        found = _this_year(doc, facts, word_stmt, stop)
        if prior is None or found is None or prior_stmt is None:
            continue
        this_year, this_places, this_stmt, table_cell = found
        rate_stmt = facts.after(word_stmt, {Measure.CHANGE_RATE_VS_ACTUAL}, stop)
        hit = _prior_actual_hit(
            word_stmt, rate_stmt, prior_stmt, prior, this_year, this_places, this_stmt, table_cell
        )
        if hit is not None:
            yield hit


def _prior_actual_hit(
    word_stmt: Statement,
    rate_stmt: Statement | None,
    prior_stmt: Statement,
    prior: Decimal,
    this_year: Decimal,
    this_places: int,
    this_stmt: Statement | None,
    table_cell: Cell | None,
) -> Hit | None:
    word = word_stmt.value if isinstance(word_stmt.value, str) else ""
    h_t, h_p = half_unit(this_year, this_places), half_unit(prior, decimals_of(prior))
    low_diff, high_diff = this_year - h_t - (prior + h_p), this_year + h_t - (prior - h_p)
    basis = (
        f"本年预算按表中金额计算（{table_cell.describe()}；说明所写 "
        f"{fmt(money_value(this_stmt) or ZERO)} 万元与表不符）"
        if table_cell is not None
        else f"本年预算 {fmt(this_year)} 万元"
    )
    evidence = evidence_list(word_stmt, rate_stmt, prior_stmt, this_stmt)
    if table_cell is not None:
        evidence += [e for e in table_cell.evidence if e not in evidence]
    head = f"{where(word_stmt)}“{word_stmt.subject}”上年预算执行数 {fmt(prior)} 万元，{basis}"
    if word == "持平":
        if low_diff <= 0 <= high_diff:
            return None
        return Hit(
            message=f"{head}，两者不同，却称与上年执行数持平。",
            evidence=evidence,
            expected="增加" if this_year > prior else "减少",
            actual="持平",
            where=where(word_stmt),
        )
    sign = _INCREASE.get(word)
    if sign is None:
        return None
    if (sign > 0 and high_diff < 0) or (sign < 0 and low_diff > 0):
        return Hit(
            message=f"{head}，称比上年执行数“{word}”，方向相反。",
            evidence=evidence,
            expected="减少" if sign > 0 else "增加",
            actual=word,
            where=where(word_stmt),
        )
    printed = percent_of(rate_stmt)
    if printed is None or rate_stmt is None or prior <= 0 or prior - h_p <= 0:
        return None
    if low_diff < 0 < high_diff:
        return None  # the direction itself is within rounding: no rate to judge
    point = abs(this_year - prior) / prior * HUNDRED
    lo = min(abs(low_diff), abs(high_diff)) / (prior + h_p) * HUNDRED
    hi = max(abs(low_diff), abs(high_diff)) / (prior - h_p) * HUNDRED
    singles = [
        (
            abs(this_year - h_t - prior) / prior * HUNDRED,
            abs(this_year + h_t - prior) / prior * HUNDRED,
        ),
        (
            abs(this_year - prior) / (prior + h_p) * HUNDRED,
            abs(this_year - prior) / (prior - h_p) * HUNDRED,
        ),
    ]
    singles = [(min(a, b), max(a, b)) for a, b in singles]
    verdict = judge_percent(printed, point, (lo, hi), singles)
    if verdict.severity is None:
        return None
    note = ""
    if verdict.severity is Severity.INFO:
        note = f"；考虑金额舍入（{interval_text((lo, hi))}），所印比例仍可能成立"
    return Hit(
        message=(
            f"{head}，{word}幅度应为 {fmt(verdict.expected)}%，说明为 {fmt(printed)}%{note}。"
        ),
        evidence=evidence,
        expected=f"{fmt(verdict.expected)}%",
        actual=f"{fmt(printed)}%",
        severity=verdict.severity,
        where=where(word_stmt),
    )
