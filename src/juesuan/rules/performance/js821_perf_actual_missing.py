"""JS821: every indicator states its result (完成值): not empty, not the target restated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.catalog.performance import key, layout
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Cell, Indicator, Nature, ProjectEvaluation
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import (
    cell_text,
    checked,
    lower,
    project,
    pts,
    scored_evaluations,
)
from juesuan.rules.performance_scoring import method, value

#: A 完成值 cell holding one of these states no result.
EMPTY = frozenset({"", "/", "／", "-", "—", "--", "——", "－"})

#: Characters of a grade scale printed as a qualitative target (优良中低差, 高中低, 好坏).
SCALE_CHARS = frozenset("优良中低差好坏高较一般")

DIGIT = re.compile(r"\d")


def empty(c: Cell | None) -> bool:
    return c is None or key(c.text) in EMPTY


def restated_target(ind: Indicator) -> str | None:
    """Why the 完成值 is the target restated rather than a result, or None.

    A comparator before the number (“≤5”, “不低于95%”) states a target; a grade scale
    (“优良中低差”) copied from the 指标值 names no grade."""
    a = key(ind.actual.text) if ind.actual is not None else ""
    if not a:
        return None
    comparators = sorted(
        (k for k, v in layout().natures.items() if v in ("≥", "≤", ">", "<")),
        key=len,
        reverse=True,
    )
    for c in comparators:
        if a.startswith(c) and DIGIT.search(a[len(c) :]):
            return "带有比较符号，是指标值的写法而不是实际完成的数值"
    t = key(ind.target.text) if ind.target is not None else ""
    if (
        ind.nature is Nature.QUALITATIVE
        and a == t
        and len(a) >= 2
        and set(a) <= SCALE_CHARS
        and method().grade_of(a) is None
    ):
        return "照抄了指标值的评价等级（没有给出实际等级）"
    return None


def _row(ind: Indicator) -> str:
    return (
        f"“{ind.label}”（指标值 {cell_text(ind.target)}，完成值 {cell_text(ind.actual)}，"
        f"权重 {cell_text(ind.weight)}，得分 {cell_text(ind.score)}）"
    )


def _findings(p: ProjectEvaluation) -> Iterator[Hit]:
    rows = [i for i in p.indicators if value(i.weight) is not None or value(i.score) is not None]
    if not rows:
        return
    missing = [i for i in rows if empty(i.actual)]
    if missing and len(missing) == len(rows):
        yield Hit(
            message=f"{project(p)}{len(rows)} 个绩效指标的完成值都为空（或未读到完成值一栏）。",
            evidence=[i.evidence for i in rows],
            actual="空",
            severity=Severity.INFO,
            where=p.label,
        )
        return
    full = [i for i in missing if value(i.score) is not None and value(i.score) == value(i.weight)]
    if missing:
        tail = ""
        if full:
            tail = f"；其中 {len(full)} 个给了满分，得分无从核对"
        yield Hit(
            message=(
                f"{project(p)}{len(missing)} 个绩效指标没有填写完成值："
                f"{'、'.join(_row(i) for i in missing)}{tail}。"
            ),
            evidence=[i.evidence for i in missing],
            expected="实际完成值",
            actual="空",
            severity=lower(Severity.WARNING, p.indicators_uncertain),
            where=p.label,
        )
    for ind in rows:
        why = restated_target(ind)
        if why is None:
            continue
        s, w = value(ind.score), value(ind.weight)
        score = (
            "却给了满分"
            if s is not None and s == w
            else f"得分 {pts(s)} 分（权重 {pts(w)} 分）无从核对"
        )
        yield Hit(
            message=(
                f"{project(p)}指标“{ind.label}”的完成值印为“{cell_text(ind.actual)}”"
                f"（指标值 {cell_text(ind.target)}），{why}，{score}。"
            ),
            evidence=[ind.evidence],
            expected="实际完成值",
            actual=cell_text(ind.actual),
            severity=lower(Severity.WARNING, p.indicators_uncertain),
            where=p.label,
        )


@rule(
    "JS821",
    applies_to=BOTH_KINDS,
    name="perf-actual-missing",
    title="绩效指标没有填写完成值或只重复指标值",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
自评表的每个绩效指标都要填写实际完成值，得分按完成值与指标值的对比给出。完成值为空（尤其
是给了满分），或只是把指标值连同“≤”“≥”等比较符号、“优良中低差”等评价等级照抄一遍，读者
无从知道实际完成了多少，得分也无从核对。已写明取消的项目不检查；表格读取有疑问时只作提示。
""",
    tolerance="完成值为空：空单元格或“/”“-”；照抄指标值：以比较符号开头的数字，或与指标值相同的评价等级",
    suggestion="填写实际完成的数值或评价等级，并按完成情况给分。",
)
def actual_missing(doc: Disclosure) -> Iterator[Hit]:
    for p in scored_evaluations(doc):
        if p.cancelled is not None:
            continue
        for hit in _findings(p):
            yield checked(p, hit, whole=False)
