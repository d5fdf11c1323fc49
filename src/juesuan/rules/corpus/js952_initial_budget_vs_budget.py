"""JS952: the 年初预算 a final account states is the same year's stored budget's."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure, Statement, Topic
from juesuan.model.corpus import CorpusLookup
from juesuan.model.findings import Severity
from juesuan.rules.budget_narrative._shared import quoted
from juesuan.rules.common import money, money_places, table_label
from juesuan.rules.corpus._shared import (
    SANGONG_SUBJECTS,
    T06,
    T13,
    Figure,
    Related,
    budget_code_figures,
    budget_figures,
    doubt_note,
    fake_statement,
    is_path,
    known_table,
    printed_verdict,
    same_scope,
    scope_note,
    section_of,
    statement_figures,
)
from juesuan.rules.engine import FINAL_ONLY, Hit, NotApplicable, corpus_rule
from juesuan.rules.narrative.js503_narrative_item_mismatch import resolve_path
from juesuan.rules.narrative_facts import SANGONG_TOPICS, money_of
from juesuan.rules.tables import cell, fixed_line

GENERAL = "一般公共预算财政拨款支出"

#: Why a final account's “预算数” may rightly differ from the published budget.
ADJUSTED = "（决算所列“预算数”可能是全年预算，含年中追加调整，与年初预算不同未必有误，仅作提示）"


@corpus_rule(
    "JS952",
    applies_to=FINAL_ONLY,
    name="initial-budget-vs-budget",
    title="所述年初预算与库中同年预算不一致",
    severity=Severity.ERROR,
    rationale="""
决算说明所述“年初预算”（一般公共预算财政拨款支出总额、逐项科目的年初预算、“三公”经费年初
预算）就是同一单位同一年度年初公开的部门（单位）预算：一般公共预算支出预算表的合计与各科目、
“三公”经费支出预算表的各项。文档库中有该单位同年度预算时，两者应一致；不一致说明决算说明抄错，
或所公开的预算与实际批复不同。按两者中较粗的印刷精度比较：相差一个末位单位为警告，更大时两边
读数都确定（预算为表中数且读取无疑问、口径相同）为错误，否则为警告。决算“三公”经费表的
“预算数”和“全年预算”可能是调整后的全年预算，与年初预算不一致只作提示。
""",
    tolerance="按两者中较粗的印刷精度比较：相差一个末位单位为警告，更大为错误。",
    suggestion="核对决算说明所述年初预算与当年公开的部门预算，改正抄错的一处。",
)
def initial_budget_vs_budget(doc: Disclosure, lookup: CorpusLookup) -> Iterator[Hit]:
    initial = [s for s in doc.statements if s.measure == Measure.BUDGET_INITIAL and money_of(s)]
    stated_initial = {s.subject for s in initial if s.subject in SANGONG_SUBJECTS}
    adjusted = [
        s
        for s in doc.statements
        if s.measure == Measure.BUDGET
        and s.subject in SANGONG_SUBJECTS
        and s.subject not in stated_initial
        and s.topic in SANGONG_TOPICS
        and money_of(s) is not None
    ]
    t13 = known_table(doc, T13)
    if not initial and not adjusted and (t13 is None or "budget" not in t13.columns):
        raise NotApplicable("决算中没有所述年初预算或“三公”经费预算数")
    budget = lookup.same_year_budget(doc)
    if budget is None:
        raise NotApplicable("库中没有该单位同年度的预算")
    related = Related(budget)
    scope = same_scope(doc, budget)
    for s in initial:
        hit = _compare(doc, s, _stated(s), _budget_side(doc, budget, s), related, scope, "")
        if hit is not None:
            yield hit
    for s in adjusted:
        hit = _compare(doc, s, _stated(s), _budget_side(doc, budget, s), related, scope, ADJUSTED)
        if hit is not None:
            yield hit
    if t13 is None:
        return
    told = stated_initial | {s.subject for s in adjusted}
    for subject, ref in SANGONG_SUBJECTS.items():
        row = fixed_line(t13, ref)
        value = cell(row, "budget") if row is not None else None
        if row is None or value is None or subject in told:
            continue
        mine = Figure(
            f"{table_label(t13)}“{row.name.strip()}”预算数",
            value,
            2,
            (row.evidence,),
            True,
            tuple(t13.doubts),
        )
        like = Statement(
            "", subject, Measure.AMOUNT, value, "万元", row.evidence, topic=Topic.SANGONG
        )
        others = _budget_side(doc, budget, like)
        hit = _compare(doc, like, mine, others, related, scope, ADJUSTED, where=table_label(t13))
        if hit is not None:
            yield hit


def _stated(s: Statement) -> Figure:
    value = money_of(s)
    assert value is not None
    what = "年初预算" if s.measure == Measure.BUDGET_INITIAL else "预算数"
    return Figure(
        f"{section_of(s)}所述{quoted(s.subject)}{what}",
        value,
        money_places(value),
        (s.evidence,),
        False,
    )


def _budget_side(doc: Disclosure, budget: Disclosure, s: Statement) -> list[Figure]:
    """The budget's figures for what a final-account statement restates."""
    if s.subject in SANGONG_SUBJECTS:
        like = fake_statement(s)
        like.topic = Topic.SANGONG
        return [
            *budget_figures(budget, like),
            *statement_figures(budget, s.subject, None, {Measure.AMOUNT}),
        ]
    if s.subject == GENERAL:
        return [
            *budget_figures(budget, fake_statement(s)),
            *statement_figures(budget, GENERAL, None, {"amount"}),
        ]
    code = s.code
    if code is None and is_path(s.subject):
        t06 = known_table(doc, T06)
        code = resolve_path(s.subject, t06) if t06 is not None and t06.rows else None
    if code is None:
        return []
    return [
        *budget_code_figures(budget, code),
        *statement_figures(budget, s.subject, code, {"amount"}),
    ]


def _compare(
    doc: Disclosure,
    s: Statement,
    mine: Figure,
    others: list[Figure],
    related: Related,
    scope: bool,
    note: str,
    where: str | None = None,
) -> Hit | None:
    if not others:
        return None
    verdicts = [(o, printed_verdict(mine, o)) for o in others]
    if any(v is None for _, v in verdicts):
        return None
    best, severity = min(
        verdicts,
        key=lambda ov: (not ov[0].certain, ov[1] is Severity.ERROR, abs(mine.value - ov[0].value)),
    )
    assert severity is not None
    if note:
        severity = Severity.INFO
    elif severity is Severity.ERROR and not (best.certain and scope):
        severity = Severity.WARNING
    extra = note or (scope_note(doc, related.doc) + doubt_note([best, mine]))
    message = (
        f"{mine.label}为 {money(mine.value)} 万元；库中同年预算 {related.label}中{best.label}为 "
        f"{money(best.value)} 万元，相差 {money(abs(mine.value - best.value))} 万元{extra}。"
    )
    return Hit(
        message=message,
        evidence=[*mine.evidence, *related.cite(best)],
        expected=money(best.value),
        actual=money(mine.value),
        severity=severity,
        where=where or section_of(s),
    )
