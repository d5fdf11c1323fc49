"""JS951: the 上年 figures a final account states (this year's amount and its change) are
last year's stored final account's."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.corpus import CorpusLookup
from juesuan.model.findings import Severity
from juesuan.rules.budget_narrative._shared import quoted
from juesuan.rules.common import money, money_places
from juesuan.rules.corpus._shared import (
    Figure,
    Related,
    change_clause,
    doubt_note,
    final_table_figures,
    judge_implied,
    own_evidence,
    rounding_note,
    same_scope,
    scope_note,
    section_of,
    stated_changes,
    statement_figures,
    this_year_candidates,
)
from juesuan.rules.engine import FINAL_ONLY, Hit, NotApplicable, corpus_rule
from juesuan.rules.narrative_facts import ACTUAL_MEASURES, money_of


@corpus_rule(
    "JS951",
    applies_to=FINAL_ONLY,
    name="prior-year-final-figures",
    title="所述上年数与库中上年决算不一致",
    severity=Severity.ERROR,
    rationale="""
决算情况说明写“与上年相比增加（减少）X 万元”“与上年持平”，由本年数和增减额可推得上年数（本年数
减去增加额或加上减少额）。上年数就是同一单位上一年度已公开的决算数：收入支出总计、财政拨款收入
支出总计、一般公共预算财政拨款支出、“三公”经费及各项、机关运行经费等。文档库中有该单位上年度
决算时，推得的上年数应等于上年决算表中的数（表中没有的，等于上年说明所述的数）。不一致说明本年
增减额算错，或上年决算有误、公开后未更正。按所印精度判断：差额在金额舍入范围内为提示；超出时，
两边读数都确定（上年为表中数且表格读取无疑问、本年数与本表一致、两份文件口径相同）为错误，
否则为警告。上年口径调整（机构改革、单位合并）时上年数可能重述，应在说明中写明。
""",
    tolerance=(
        "本年数、增减额、上年数各按所印精度 ±半个末位单位（决算金额至少到分）；"
        "差额在此范围内为提示。"
    ),
    suggestion="核对增减额与上年已公开的决算；上年数据如按新口径重述，应在说明中写明口径变化。",
)
def prior_year_final_figures(doc: Disclosure, lookup: CorpusLookup) -> Iterator[Hit]:
    changes = stated_changes(doc, ACTUAL_MEASURES)
    if not changes:
        raise NotApplicable("情况说明中没有与上年相比的增减")
    other = lookup.previous_year(doc)
    if other is None:
        raise NotApplicable("库中没有该单位上年度的决算")
    related = Related(other)
    scope = same_scope(doc, other)
    for ch in changes:
        s = ch.direction
        stated = None
        value = money_of(ch.this_year)
        if ch.this_year is not None and value is not None:
            stated = Figure(
                f"{section_of(ch.this_year)}所述",
                value,
                money_places(value),
                (ch.this_year.evidence,),
                False,
            )
        candidates = this_year_candidates(stated, final_table_figures(doc, s.subject, s.code))
        others = [
            *final_table_figures(other, s.subject, s.code),
            *statement_figures(other, s.subject, s.code),
        ]
        if not candidates or not others:
            continue
        verdict = judge_implied(
            candidates, ch.change, money_places(ch.change), ch.sign, others, scope
        )
        if verdict is None:
            continue
        last = f"{doc.year - 1}年" if doc.year else "上年"
        notes = rounding_note(verdict.severity) or (
            scope_note(doc, other) + doubt_note([verdict.other, verdict.candidate.figure])
        )
        message = (
            f"{section_of(s)}称{quoted(s.subject)}{change_clause(ch, verdict.candidate)}，推得上年"
            f"（{last}）为 {money(verdict.implied)} 万元；库中上年决算 {related.label}中"
            f"{verdict.other.label}为 {money(verdict.other.value)} 万元，相差 "
            f"{money(verdict.diff)} 万元{notes}。"
        )
        yield Hit(
            message=message,
            evidence=own_evidence(ch, verdict.candidate) + related.cite(verdict.other),
            expected=money(verdict.other.value),
            actual=money(verdict.implied),
            severity=verdict.severity,
            where=section_of(s),
        )
