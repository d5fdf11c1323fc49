"""JS944: a total the explanation breaks into parts is their sum (and so are the changes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure, Measure, Statement, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    budget_only,
    evidence_list,
    impossible_increase,
    is_path,
    money_value,
    where,
)
from juesuan.rules.common import ZERO, decimals_of, half_unit, money
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.narrative_breakdown import change_sum, change_sum_message
from juesuan.rules.narrative_facts import Facts, fmt
from juesuan.rules.narrative_figures import figure, holds, plain


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total the explanation breaks into parts, within one section."""

    total: str
    parts: tuple[str, ...] | None  # None: the 类 amounts (subjects with a 3-digit code)
    topics: frozenset[str]


_SOURCES = ("财政拨款收入", "财政专户管理资金收入", "事业收入", "经营收入", "其他收入", "上年结转")
_FUNDS_IN = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
)
_FUNDS_OUT = (
    "一般公共预算财政拨款支出",
    "政府性基金预算财政拨款支出",
    "国有资本经营预算财政拨款支出",
)
_TOTAL_TOPICS = frozenset({Topic.TOTAL, Topic.COMPILATION})

#: The breakdowns particular to budgets (JS603 checks those shared with final accounts:
#: 本年收入/支出合计 in 二/三, 基本支出 = 人员 + 公用 in 八, “三公”, 政府采购, vehicles).
BREAKDOWNS = (
    Breakdown("收入总计", _SOURCES, _TOTAL_TOPICS),
    Breakdown("本年收入合计", _SOURCES[:-1], _TOTAL_TOPICS),
    Breakdown("财政拨款收入", _FUNDS_IN, _TOTAL_TOPICS | {Topic.FISCAL_TOTAL}),
    Breakdown("支出总计", ("基本支出", "项目支出", "单位预留机动经费"), _TOTAL_TOPICS),
    Breakdown("支出总计", None, _TOTAL_TOPICS),
    Breakdown(
        "财政拨款支出", _FUNDS_OUT, _TOTAL_TOPICS | {Topic.FISCAL_EXPENSE, Topic.FISCAL_TOTAL}
    ),
    Breakdown("财政拨款基本支出", ("人员经费", "公用经费"), frozenset({Topic.FISCAL_BASIC})),
)


def _first_amount(statements: Iterable[Statement]) -> Statement | None:
    return next(
        (s for s in statements if s.measure == Measure.AMOUNT and money_value(s) is not None), None
    )


@rule(
    "JS944",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-parts-sum",
    title="说明中的预算合计与所列各项之和不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
预算说明在同一部分里写出合计和它的组成：收入预算总计 = 财政拨款收入 + 财政专户管理资金 +
事业收入 + 其他收入 + 上年结转；财政拨款收入（支出）= 一般公共预算 + 政府性基金 + 国有资本
经营预算；支出预算总计 = 各类支出之和 = 基本支出 + 项目支出 + 单位预留机动经费；财政拨款基本
支出 = 人员经费 + 公用经费。各项分别舍入，差额在舍入范围内只作提示；只列出部分组成而合计更大
时为警告（未列出的部分去向不明）。合计与各项都写了比上年的增减额时，增减额也应相加一致。
""",
    tolerance=(
        "各项按所印精度舍入：n 个分项之和与合计相差不超过各项半个末位单位之和为提示；"
        "组成未列全而合计更大为警告。"
    ),
    suggestion="核对合计与各项，改正抄错或漏列的数字。",
)
def budget_narrative_parts_sum(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    if not any(s.measure == Measure.AMOUNT for s in doc.statements):
        raise NotApplicable("说明中没有预算数")
    facts = Facts(doc.statements)
    by_section: dict[str, list[Statement]] = defaultdict(list)
    for s in doc.statements:
        by_section[s.section].append(s)
    for section_statements in by_section.values():
        for b in BREAKDOWNS:
            yield from _breakdown_hits(doc, facts, section_statements, b)


def _parts_of(section: list[Statement], b: Breakdown) -> list[Statement]:
    if b.parts is None:
        seen: set[str] = set()
        out: list[Statement] = []
        for s in section:
            if (
                s.code is not None
                and len(s.code) == 3
                and not is_path(s.subject)
                and s.topic in b.topics
                and s.subject not in seen
                and s.measure == Measure.AMOUNT
                and money_value(s) is not None
            ):
                seen.add(s.subject)
                out.append(s)
        return out
    found = [
        _first_amount(s for s in section if s.subject == part and s.topic in b.topics)
        for part in b.parts
    ]
    return [s for s in found if s is not None]


def _breakdown_hits(
    doc: Disclosure, facts: Facts, section: list[Statement], b: Breakdown
) -> Iterator[Hit]:
    total_stmt = _first_amount(s for s in section if s.subject == b.total and s.topic in b.topics)
    if total_stmt is None:
        return
    parts = _parts_of(section, b)
    if len(parts) < (2 if b.parts is None else 1):
        return
    total_value = money_value(total_stmt)
    values = [money_value(p) for p in parts]
    assert total_value is not None and all(v is not None for v in values)
    known = [v for v in values if v is not None]
    parts_sum = sum(known, ZERO)
    slack = sum((half_unit(v, decimals_of(v)) for v in [*known, total_value]), ZERO)
    diff = parts_sum - total_value
    complete = b.parts is not None and len(parts) == len(b.parts)
    names = "、".join(f"{p.subject} {fmt(v)}" for p, v in zip(parts, known, strict=True))
    if diff != 0 and abs(diff) > slack and _holds_with_tables(doc, total_stmt, parts, slack):
        return  # a stated amount disagrees with its table (JS931–JS939 report it) and the
        # table's figure makes the sum hold: one root cause, one finding
    if diff != 0:
        severity: Severity | None = None
        note = ""
        if abs(diff) <= slack:
            severity = Severity.INFO
            note = f"，在各项分别舍入的范围（±{money(slack)} 万元）内"
        elif diff < 0 and not complete:
            severity = Severity.WARNING
            note = "，部分组成未在说明中列示，差额去向不明"
        if severity is not Severity.INFO or len([v for v in known if v != 0]) > 1:
            yield Hit(
                message=(
                    f"{where(total_stmt)}“{b.total}”为 {fmt(total_value)} 万元，所列各项（{names}）"
                    f"合计 {money(parts_sum)} 万元，相差 {money(abs(diff))} 万元{note}。"
                ),
                evidence=evidence_list(total_stmt, *parts),
                expected=money(parts_sum),
                actual=fmt(total_value),
                severity=severity,
                where=where(total_stmt),
            )
    yield from _change_sum_hits(facts, total_stmt, parts, b)


def _holds_with_tables(
    doc: Disclosure, total_stmt: Statement, parts: list[Statement], slack: Decimal
) -> bool:
    """Whether the sum holds once stated amounts that disagree with their tables are replaced
    by the tables' figures (at least one is: ``narrative_figures.holds``)."""
    figures = [figure(doc, s) or plain(ZERO) for s in [total_stmt, *parts]]

    def adds_up(values: tuple[Decimal, ...]) -> bool:
        return abs(sum(values[1:], ZERO) - values[0]) <= slack

    return holds(figures, adds_up)


def _impossible(facts: Facts) -> Callable[[Statement], bool]:
    def check(change: Statement) -> bool:
        return impossible_increase(facts, change) is not None  # JS942 reports it

    return check


def _change_sum_hits(
    facts: Facts, total_stmt: Statement, parts: list[Statement], b: Breakdown
) -> Iterator[Hit]:
    if b.parts is not None and len(parts) < len(b.parts):
        return  # parts not stated may have changed too
    found = change_sum(
        facts,
        total_stmt,
        parts,
        {"amount"},
        lambda c: half_unit(c, decimals_of(c)),
        _impossible(facts),
    )
    if found is None:
        return
    total_change, changes, parts_sum = found
    yield Hit(
        message=change_sum_message(where(total_stmt), b.total, total_change, parts, changes),
        evidence=evidence_list(total_stmt, *parts),
        expected=money(parts_sum),
        actual=fmt(total_change),
        where=where(total_stmt),
    )
