"""JS604: the shares of a complete breakdown make 100%, within the rounding of each share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure, Measure, Statement, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import CENT, HUNDRED, ZERO, half_unit, judge_ratio, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_arithmetic._shared import (
    EXPENSE_PARTS,
    INCOME_PARTS_FISCAL,
    INCOME_PARTS_SPLIT,
    statement_evidence,
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


@dataclass(frozen=True, slots=True)
class _ShareGroup:
    label: str
    total: str
    topics: frozenset[str]
    parts: tuple[str, ...] | None  # None: every subject with a 类 code in the section


_SHARE_GROUPS = (
    _ShareGroup(
        "本年收入合计",
        "本年收入合计",
        frozenset({Topic.INCOME}),
        INCOME_PARTS_FISCAL + INCOME_PARTS_SPLIT[:3],
    ),
    _ShareGroup("本年支出合计", "本年支出合计", frozenset({Topic.EXPENSE}), EXPENSE_PARTS),
    _ShareGroup(
        "一般公共预算财政拨款支出",
        "一般公共预算财政拨款支出",
        frozenset({Topic.GENERAL_BUDGET_STRUCTURE}),
        None,
    ),
    _ShareGroup(
        "“三公”经费",
        "“三公”经费",
        SANGONG_TOPICS,
        ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"),
    ),
)


def _share_group_hit(facts: Facts, g: _ShareGroup) -> Hit | None:
    total_stmt = next(
        (s for s in facts.of(g.total, None, g.topics) if money_of(s) is not None), None
    )
    if total_stmt is None:
        return None
    total = money_of(total_stmt)
    assert total is not None
    if total <= 0:
        return None
    shares: list[Statement] = []
    amounts: list[Decimal] = []
    for s in facts.statements:
        if s.measure != Measure.SHARE or s.topic not in g.topics or percent_of(s) is None:
            continue
        if g.parts is None and (s.code is None or len(s.code) != 3):
            continue
        if g.parts is not None and s.subject not in g.parts:
            continue
        part = money_of(facts.before(s, ACTUAL_MEASURES, {Measure.SHARE}))
        if part is None:
            return None
        if not _share_consistent(s, part, total):
            return None  # the share rule (JS510) reports the wrong share itself
        shares.append(s)
        amounts.append(part)
    if len(shares) < 2 or abs(sum(amounts, ZERO) - total) > sum_tolerance(len(amounts)):
        return None  # not a complete breakdown
    printed = [percent_of(s) or ZERO for s in shares]
    total_share = sum(printed, ZERO)
    # each share of a non-zero part is off by at most half a unit of its last decimal
    slack = sum((half_unit(p) for p, a in zip(printed, amounts, strict=True) if a != 0), ZERO)
    if abs(total_share - HUNDRED) <= slack:
        return None
    severity = Severity.WARNING if abs(total_share - HUNDRED) <= slack + CENT else Severity.ERROR
    listed = "、".join(f"{s.subject}{fmt(p)}%" for s, p in zip(shares, printed, strict=True))
    return Hit(
        message=(
            f"{where_of(total_stmt)}“{g.label}”各组成部分已全部列出，其占比（{listed}）合计 "
            f"{fmt(total_share)}%，与 100% 相差 {fmt(abs(total_share - HUNDRED))} 个百分点，"
            f"超出四舍五入可解释的 {fmt(slack)} 个百分点。"
        ),
        evidence=statement_evidence(total_stmt, *shares),
        expected="100%",
        actual=f"{fmt(total_share)}%",
        severity=severity,
        where=where_of(total_stmt),
    )


def _share_consistent(s: Statement, part: Decimal, total: Decimal) -> bool:
    printed = percent_of(s)
    if printed is None:
        return False
    verdict = judge_ratio(printed, part, total)
    return verdict is not None and verdict.severity in (None, Severity.INFO)


@rule(
    "JS604",
    applies_to=BOTH_KINDS,
    name="narrative-shares-not-100",
    title="各项占比之和不等于 100%",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
说明把合计拆成各组成部分并逐项写出“占XX%”时（收入、支出、一般公共预算财政拨款支出的各类、
“三公”经费三项），各项金额之和等于合计，各占比之和就应为 100%，只允许各项分别四舍五入造成
的差（每项半个末位）。单个占比算错由占比规则报告；这里发现的是各项占比都“差不多”但合起来
对不上的情形。
""",
    tolerance="每个非零分项的占比允许半个末位（两位小数为 0.005 个百分点）的舍入差。",
    suggestion="重新计算各项占比，使其合计为 100%。",
)
def shares_not_100(doc: Disclosure) -> Iterator[Hit]:
    if not any(s.measure == Measure.SHARE for s in doc.statements):
        raise NotApplicable("情况说明中没有占比")
    facts = Facts(doc.statements)
    for g in _SHARE_GROUPS:
        hit = _share_group_hit(facts, g)
        if hit is not None:
            yield hit
