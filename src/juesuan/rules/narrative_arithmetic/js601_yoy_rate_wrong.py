"""JS601: a year-on-year change rate follows from the change and this year's amount (by
interval).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, DocKind, Measure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import (
    HUNDRED,
    ZERO,
    PercentVerdict,
    half_unit,
    interval_text,
    judge_percent,
    money,
    money_half,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_arithmetic._shared import statement_evidence
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    CLEAN_DIRECTIONS,
    CLEAN_RATE_DIRECTIONS,
    Facts,
    fmt,
    money_of,
    percent_of,
    where_of,
)
from juesuan.rules.narrative_figures import Judge, figure, plain, settle, table_evidence

_YOY_STOP = frozenset({Measure.CHANGE_RATE})


def _sign(direction: Statement | None, rate_direction: Statement | None) -> int | None:
    """+1 for 增加/增长, −1 for 减少/下降, None when unknown or contradictory."""
    d = (
        CLEAN_DIRECTIONS.get(direction.value)
        if direction and isinstance(direction.value, str)
        else None
    )
    r = (
        CLEAN_RATE_DIRECTIONS.get(rate_direction.value)
        if rate_direction and isinstance(rate_direction.value, str)
        else None
    )
    if d is not None and r is not None and d != r:
        return None
    return d if d is not None else r


def yoy_interval(
    this_year: Decimal, change: Decimal, sign: int, printed: bool = False
) -> tuple[tuple[Decimal, Decimal], list[tuple[Decimal, Decimal]]] | None:
    """(all-rounding interval, one-amount-at-a-time intervals) of the change rate in %.

    ``printed``: the amounts stand for their printed precision (a budget prints "17,192万元"
    for 17191.52), not for a value known to the cent."""
    half = half_unit if printed else money_half
    ht, hc = half(this_year), half(change)
    c_lo, c_hi = max(change - hc, ZERO), change + hc
    t_lo, t_hi = this_year - ht, this_year + ht

    def rate(c: Decimal, t: Decimal) -> Decimal | None:
        base = t - c if sign > 0 else t + c
        return c / base * HUNDRED if base > 0 else None

    # both c/(t − c) and c/(t + c) grow with c and shrink as t grows
    low, high = rate(c_lo, t_hi), rate(c_hi, t_lo)
    if low is None or high is None:
        return None
    singles: list[tuple[Decimal, Decimal]] = []
    by_change = (rate(c_lo, this_year), rate(c_hi, this_year))
    by_year = (rate(change, t_hi), rate(change, t_lo))
    for a, b in (by_change, by_year):
        if a is not None and b is not None:
            singles.append((min(a, b), max(a, b)))
    return (low, high), singles


@rule(
    "JS601",
    applies_to=BOTH_KINDS,
    name="yoy-rate-wrong",
    title="同比增减幅度与增减额不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“与上年相比增加（减少）X 万元，增长（下降）Y%”中，上年数 = 本年数 − X（增加）或本年数 + X
（减少），Y 应等于 X ÷ 上年数。金额都是四舍五入到分的，按区间判断：所印比例只要是某个舍入前
金额组合的结果就不报告为错误；差一个末位为警告，更大为错误；按所印金额计算结果不同但在舍入
范围内为提示。上年数为 0（新设单位）时增长率无从计算，不作检查。
本年数与报表不符（金额错误由 JS501–JS506、预算为 JS931–JS939 报告）时，按表中金额重新计算后再
判断：按表中金额成立即不再报告（一个错误只报告一次），两者都不成立时按表中金额报告并注明说明
所写金额。
""",
    tolerance=(
        "区间判断：本年数与增减额各按 ±0.005 万元；差一个末位单位为警告，更大为错误，"
        "区间内而与按印刷数计算不同为提示。"
    ),
    suggestion="按“增减额 ÷ 上年数”重新计算增减幅度。",
)
def yoy_rate_wrong(doc: Disclosure) -> Iterator[Hit]:
    rates = [
        s for s in doc.statements if s.measure == Measure.CHANGE_RATE and percent_of(s) is not None
    ]
    if not rates:
        raise NotApplicable("情况说明中没有同比增减幅度")
    facts = Facts(doc.statements)
    for s in rates:
        printed = percent_of(s)
        assert printed is not None
        change_stmt = facts.before(s, {Measure.CHANGE_AMOUNT}, _YOY_STOP)
        amount_stmt = facts.before(s, ACTUAL_MEASURES, _YOY_STOP)
        direction = facts.before(s, {Measure.DIRECTION}, _YOY_STOP)
        rate_direction = facts.before(s, {Measure.RATE_DIRECTION}, _YOY_STOP)
        change, this_year = money_of(change_stmt), money_of(amount_stmt)
        if change is None or this_year is None:
            continue
        sign = _sign(direction, rate_direction)
        if sign is None:
            continue  # no clean direction word (residue, or a contradiction JS602 reports)
        last_year = this_year - change if sign > 0 else this_year + change
        evidence = statement_evidence(s, change_stmt, amount_stmt)
        if last_year < 0:
            yield Hit(
                message=(
                    f"{where_of(s)}“{s.subject}”本年 {money(this_year)} 万元，却称较上年增加 "
                    f"{money(change)} 万元，推得上年数为负（{money(last_year)} 万元）。"
                ),
                evidence=evidence,
                expected=f"增加额不超过 {money(this_year)} 万元",
                actual=f"{money(change)} 万元",
                where=where_of(s),
            )
            continue
        if last_year == 0:
            continue  # a new unit: the rate has no base
        budget = doc.kind is DocKind.BUDGET
        figures = [figure(doc, amount_stmt) or plain(this_year), plain(change)]
        settled = settle(figures, _rate_judge(printed, sign, budget))
        if settled is None:
            continue
        verdict = settled.verdict
        this_year, change = settled.values
        last_year = this_year - change if sign > 0 else this_year + change
        note = ""
        if verdict.severity is Severity.INFO:
            note = f"；考虑金额舍入（{interval_text(verdict.interval)}），所印比例仍可能成立"
        basis = f"；{figures[0].note()}" if settled.corrected else ""
        word = "增长" if sign > 0 else "下降"
        yield Hit(
            message=(
                f"{where_of(s)}“{s.subject}”本年 {money(this_year)} 万元，较上年"
                f"{'增加' if sign > 0 else '减少'} {money(change)} 万元，上年数为 "
                f"{money(last_year)} 万元，{word}幅度应为 {fmt(verdict.expected)}%，说明为 "
                f"{fmt(printed)}%{note}{basis}。"
            ),
            evidence=evidence + table_evidence(figures),
            expected=f"{fmt(verdict.expected)}%",
            actual=f"{fmt(printed)}%",
            severity=verdict.severity,
            where=where_of(s),
        )


def _rate_judge(printed: Decimal, sign: int, budget: bool) -> Judge:
    """A judge of ``printed`` as the change rate of (this year, change)."""

    def judge(values: tuple[Decimal, ...]) -> PercentVerdict | None:
        this_year, change = values
        last_year = this_year - change if sign > 0 else this_year + change
        if last_year <= 0:
            return None
        intervals = yoy_interval(this_year, change, sign, printed=budget)
        if intervals is None:
            return None
        interval, singles = intervals
        return judge_percent(printed, change / last_year * HUNDRED, interval, singles)

    return judge
