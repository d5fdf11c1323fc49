"""JS510: each printed share is the rounding of its amount over the total it is a share of (by
interval).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure, Evidence, Measure, Statement, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import judge_ratio, money
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._shared import (
    EXPENSE,
    GENERAL,
    INCOME,
    T01,
    T06,
    Lookup,
    line_lookup,
    t13_value,
    total_lookup,
)
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    SANGONG_TOPICS,
    Facts,
    fmt,
    money_of,
    percent_of,
    where_of,
)
from juesuan.rules.narrative_figures import (
    figure,
    plain,
    settle,
    share_judge,
    table_evidence,
)

_PROCUREMENT_SHARES = {"授予中小企业合同金额", "授予小微企业合同金额"}
_SANGONG_PARTS = {"因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"}


Denominator = tuple[str, Decimal, list[Evidence], Statement | None]


def _denominator(doc: Disclosure, facts: Facts, s: Statement) -> Denominator | None:
    """(name, amount, evidence, its statement) of the total a share is a share of, stated if
    possible (else the table's, without a statement)."""

    def stated(
        subject: str, topics: frozenset[str] | None, section: str | None = None
    ) -> Denominator | None:
        for t in facts.of(subject, None, topics):
            if t.measure in ACTUAL_MEASURES and (section is None or t.section == section):
                value = money_of(t)
                if value is not None:
                    return subject, value, [t.evidence], t
        return None

    def table(look: Lookup, name: str) -> Denominator | None:
        v = look(doc)
        return (name, v.value, v.evidence, None) if v is not None else None

    if s.topic == Topic.INCOME:
        return stated("本年收入合计", INCOME) or table(
            line_lookup(T01, "income_total", "amount"), "本年收入合计"
        )
    if s.topic == Topic.EXPENSE or (
        s.subject in {GENERAL, "政府性基金预算财政拨款支出", "国有资本经营预算财政拨款支出"}
        and s.topic in {Topic.GENERAL_BUDGET_OVERALL, Topic.GOVFUND, Topic.SOE}
    ):
        return stated("本年支出合计", EXPENSE) or table(
            line_lookup(T01, "expense_total", "amount"), "本年支出合计"
        )
    if s.code is not None and len(s.code) == 3 and s.topic == Topic.GENERAL_BUDGET_STRUCTURE:
        return stated(GENERAL, frozenset({Topic.GENERAL_BUDGET_STRUCTURE}), s.section) or table(
            total_lookup(T06, "total"), GENERAL
        )
    if s.subject in _SANGONG_PARTS and s.topic in SANGONG_TOPICS:
        return stated("“三公”经费", SANGONG_TOPICS) or table(
            lambda d: t13_value(d, "“三公”经费", "actual"), "“三公”经费"
        )
    if s.subject in _PROCUREMENT_SHARES:
        return stated("政府采购总额", None)
    return None


@rule(
    "JS510",
    name="narrative-share-wrong",
    title="占比与所述金额不符",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明中的“占XX%”是该项金额占本节合计（本年收入合计、本年支出合计、一般公共预算财政拨款支出、
“三公”经费合计、政府采购总额）的比例，应按四舍五入保留所印位数。金额本身是四舍五入到分的，
所以按区间判断：只有任何舍入前的金额都得不出所印比例时才报告；差一个末位（如 41.77% 应为
41.78%，多为截尾而非四舍五入）为警告，更大为错误。
说明所写金额本身与表不符（金额错误由 JS501–JS506 报告）时，按表中金额重新计算后再判断：按表中
金额成立即不再报告（一个错误只报告一次），两者都不成立时按表中金额报告并注明说明所写金额。
""",
    tolerance=(
        "区间判断（ratio_interval / percent_consistent），金额至少按两位小数的精度；"
        "差一个末位单位为警告，更大为错误；落在区间内但与按印刷数计算的结果不同为提示。"
    ),
    suggestion="按金额重新计算占比，四舍五入保留两位小数。",
)
def share_wrong(doc: Disclosure) -> Iterator[Hit]:
    shares = [s for s in doc.statements if s.measure == Measure.SHARE and percent_of(s) is not None]
    if not shares:
        raise NotApplicable("情况说明中没有占比")
    facts = Facts(doc.statements)
    for s in shares:
        printed = percent_of(s)
        assert printed is not None
        part_statement = facts.before(s, ACTUAL_MEASURES, {Measure.SHARE})
        part = money_of(part_statement)
        denominator = _denominator(doc, facts, s)
        if part is None or part_statement is None or denominator is None:
            continue
        name, whole, whole_evidence, whole_statement = denominator
        if whole <= 0:
            continue
        part_figure = figure(doc, part_statement) or plain(part)
        whole_figure = figure(doc, whole_statement) if whole_statement else None
        figures = [part_figure, whole_figure or plain(whole)]
        settled = settle(figures, share_judge(printed))
        if settled is None:
            continue
        verdict = settled.verdict
        assert verdict.severity is not None
        part, whole = settled.values
        if s.subject == "授予小微企业合同金额" and _share_of_sme_contracts(facts, s, part):
            continue  # “占授予中小企业合同金额的…”: a share of the other total
        note = ""
        if verdict.severity is Severity.INFO:
            note = f"；按金额舍入前的可能取值（{verdict.interval_text}）所印比例仍可能成立"
        basis = "".join(
            f"；{what}{f.note()}"
            for what, f in ((f"“{s.subject}”", figures[0]), (name, figures[1]))
            if settled.corrected and f.replaced is not None
        )
        evidence = [s.evidence]
        for e in [part_statement.evidence, *whole_evidence, *table_evidence(figures)]:
            if e not in evidence:
                evidence.append(e)
        yield Hit(
            message=(
                f"{where_of(s)}“{s.subject}”{money(part)} 万元占{name} {money(whole)} 万元的比例"
                f"应为 {fmt(verdict.expected)}%，说明为 {fmt(printed)}%{note}{basis}。"
            ),
            evidence=evidence,
            expected=f"{fmt(verdict.expected)}%",
            actual=f"{fmt(printed)}%",
            severity=verdict.severity,
            where=where_of(s),
        )


def _share_of_sme_contracts(facts: Facts, s: Statement, part: Decimal) -> bool:
    """Does the printed share fit 小微 / 中小企业 contracts (the other reading of 占…)?"""
    sme = next(
        (money_of(t) for t in facts.of("授予中小企业合同金额", None) if money_of(t) is not None),
        None,
    )
    printed = percent_of(s)
    if sme is None or sme <= 0 or printed is None:
        return False
    verdict = judge_ratio(printed, part, sme)
    return verdict is not None and verdict.severity in (None, Severity.INFO)
