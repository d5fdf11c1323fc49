"""JS953: a budget's changes against last year (“比上年增加 X 万元”, 上年预算数) agree with
last year's stored budget."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure, Statement
from juesuan.model.corpus import CorpusLookup
from juesuan.model.findings import Severity
from juesuan.rules.budget_narrative._shared import quoted
from juesuan.rules.common import decimals_of, money
from juesuan.rules.corpus._shared import (
    Figure,
    Related,
    budget_figures,
    change_clause,
    doubt_note,
    fake_statement,
    judge_implied,
    own_evidence,
    printed_verdict,
    rounding_note,
    same_scope,
    scope_note,
    section_of,
    stated_changes,
    statement_figures,
    this_year_candidates,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, corpus_rule
from juesuan.rules.narrative_facts import fmt, money_of


@corpus_rule(
    "JS953",
    applies_to=BUDGET_ONLY,
    name="budget-changes-vs-prior-budget",
    title="所述比上年增减与库中上年预算不一致",
    severity=Severity.ERROR,
    rationale="""
部门预算说明逐项写“与上年相比增加（减少）X 万元”“与上年一致”“上年预算数为 X 万元”：收支预算
总计、各类支出、财政拨款支出的类/款/项、基本支出、项目支出、“三公”经费、会议费、培训费、机关
运行经费等。上年数指上年公开的预算（年初预算），本年预算减去增加额（或加上减少额）应等于上年
预算中的同一数字。文档库中有该单位上年度预算时逐项核对：先比上年的预算表，表中没有的比上年
说明所述。按所印精度判断（预算常印整数或一位小数）：差额在金额舍入范围内为提示；超出时两边
读数都确定（上年为表中数且读取无疑问、本年数与本表一致、口径相同）为错误，否则为警告。与上年
预算执行数的比较（上海“比上年执行数”）不在此列：执行数不是上年公开的预算。
""",
    tolerance="本年数、增减额、上年数各按所印精度 ±半个末位单位；差额在此范围内为提示。",
    suggestion="核对增减额与上年公开的部门预算；上年数如按新口径调整，应在说明中写明。",
)
def budget_changes_vs_prior_budget(doc: Disclosure, lookup: CorpusLookup) -> Iterator[Hit]:
    changes = stated_changes(doc, {Measure.AMOUNT})
    priors = [
        s for s in doc.statements if s.measure == Measure.PRIOR_BUDGET and money_of(s) is not None
    ]
    if not changes and not priors:
        raise NotApplicable("预算说明中没有与上年预算相比的增减")
    other = lookup.previous_year(doc)
    if other is None:
        raise NotApplicable("库中没有该单位上年度的预算")
    related = Related(other)
    scope = same_scope(doc, other)
    for ch in changes:
        s = ch.direction
        like = fake_statement(ch.this_year or s)
        stated = None
        value = money_of(ch.this_year)
        if ch.this_year is not None and value is not None:
            stated = Figure(
                f"{section_of(ch.this_year)}所述",
                value,
                decimals_of(value),
                (ch.this_year.evidence,),
                False,
            )
        candidates = this_year_candidates(stated, budget_figures(doc, like))
        others = [
            *budget_figures(other, like),
            *statement_figures(other, s.subject, s.code, {"amount"}),
        ]
        if not candidates or not others:
            continue
        verdict = judge_implied(
            candidates, ch.change, decimals_of(ch.change), ch.sign, others, scope
        )
        if verdict is None:
            continue
        last = f"{doc.year - 1}年" if doc.year else "上年"
        notes = rounding_note(verdict.severity) or (
            scope_note(doc, other) + doubt_note([verdict.other, verdict.candidate.figure])
        )
        yield Hit(
            message=(
                f"{section_of(s)}称{quoted(s.subject)}{change_clause(ch, verdict.candidate)}，"
                f"推得上年（{last}）预算为 {money(verdict.implied)} 万元；"
                f"库中上年预算 {related.label}中{verdict.other.label}为 "
                f"{money(verdict.other.value)} 万元，相差 {money(verdict.diff)} 万元{notes}。"
            ),
            evidence=own_evidence(ch, verdict.candidate) + related.cite(verdict.other),
            expected=money(verdict.other.value),
            actual=money(verdict.implied),
            severity=verdict.severity,
            where=section_of(s),
        )
    for s in priors:
        hit = _prior_budget(doc, s, related, scope)
        if hit is not None:
            yield hit


def _prior_budget(doc: Disclosure, s: Statement, related: Related, scope: bool) -> Hit | None:
    """“上年预算数为 X 万元” against last year's budget."""
    value = money_of(s)
    assert value is not None
    mine = Figure(
        f"{section_of(s)}所述{quoted(s.subject)}上年预算数",
        value,
        decimals_of(value),
        (s.evidence,),
        False,
    )
    like = fake_statement(s)
    others = [
        *budget_figures(related.doc, like),
        *statement_figures(related.doc, s.subject, s.code, {"amount"}),
    ]
    if not others:
        return None
    verdicts = [(o, printed_verdict(mine, o)) for o in others]
    if any(v is None for _, v in verdicts):
        return None
    best, severity = min(
        verdicts, key=lambda ov: (not ov[0].certain, abs(mine.value - ov[0].value))
    )
    assert severity is not None
    if severity is Severity.ERROR and not (best.certain and scope):
        severity = Severity.WARNING
    notes = scope_note(doc, related.doc) + doubt_note([best])
    return Hit(
        message=(
            f"{mine.label}为 {fmt(value)} 万元；库中上年预算 {related.label}中{best.label}为 "
            f"{money(best.value)} 万元，相差 {money(abs(value - best.value))} 万元{notes}。"
        ),
        evidence=[s.evidence, *related.cite(best)],
        expected=money(best.value),
        actual=money(value),
        severity=severity,
        where=section_of(s),
    )
