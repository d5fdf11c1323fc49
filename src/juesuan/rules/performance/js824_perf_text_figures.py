"""JS824: the figures a form's texts state are the form's own: a count, a rate or an amount
the text gives for what an indicator measures is that indicator's value, and the budget,
execution and rate the text gives are the budget block's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from juesuan.catalog.performance import FormChecks, form_checks, key
from juesuan.model import Disclosure, Evidence
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Cell, Nature, PerformanceTarget, ProjectEvaluation
from juesuan.rules.common import half_unit, money, percent_consistent
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance._shared import SOURCE_NAMES, cell_text, checked, lower, project
from juesuan.rules.performance_scoring import rate_interval
from juesuan.rules.performance_targets._shared import checked as target_checked
from juesuan.rules.performance_targets._shared import form_name

_TAG = re.compile(r"<[^>]{0,80}>")
_SPACE = re.compile(r"\s+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: Where a clause begins: the figure's words are the clause before it.
_CLAUSE_END = "，。；,;：:！？!?、（）()"

#: Shared two-character words needed to tie a figure to an indicator's name.
STRONG = 2

_TEN_THOUSAND = Decimal(10000)


@dataclass(slots=True)
class Figure:
    value: Decimal
    unit: str
    words: str  # the clause before the number (whitespace removed)
    shown: str  # the clause with the figure, as quoted in messages


def clean(text: str) -> str:
    return _SPACE.sub("", _TAG.sub("", text))


def grams(text: str, generic: frozenset[str]) -> set[str]:
    """Two-character words of the text's Chinese runs, the catalog's common ones left out."""
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            g = run[i : i + 2]
            if g not in generic:
                out.add(g)
    return out


def figures(text: str, fc: FormChecks) -> list[Figure]:
    """Results stated as “<words> <number><unit>”, bounds (“不低于”, “以上”) and plans left out."""
    t = clean(text)
    units = "|".join(re.escape(u) for u in fc.units)
    out: list[Figure] = []
    for m in re.finditer(rf"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)({units})", t):
        start = max(t.rfind(ch, 0, m.start()) for ch in _CLAUSE_END) + 1
        words = t[start : m.start()]
        after = t[m.end() : m.end() + 3]
        if not words or words.rstrip("了为是").endswith(fc.bound_before):
            continue
        if after.startswith(fc.bound_after) or any(c in words for c in fc.plan_cues):
            continue
        try:
            number = Decimal(m.group(1))
        except InvalidOperation:
            continue
        stop = min((i for i in (t.find(ch, m.end()) for ch in _CLAUSE_END) if i >= 0), default=-1)
        shown = t[start : stop if stop >= 0 else len(t)]
        out.append(Figure(number, m.group(2), words, shown[:60]))
    return out


@dataclass(slots=True)
class Measure:
    """A value of the form a figure may restate: an indicator's 完成值 or 指标值."""

    name: str
    unit: str
    value: Decimal
    cell_text: str
    evidence: Evidence
    nature: Nature | None = None  # for a 指标值: a figure meeting the bound agrees with it

    def agrees(self, figure: Decimal) -> bool:
        if abs(figure - self.value) <= half_unit(figure):
            return True
        n = self.nature
        return (
            (n is Nature.GE and figure >= self.value)
            or (n is Nature.GT and figure > self.value)
            or (n is Nature.LE and figure <= self.value)
            or (n is Nature.LT and figure < self.value)
        )


def _unit_of(unit: Cell | None, values: list[Cell | None], fc: FormChecks) -> str:
    u = key(unit.text) if unit is not None else ""
    u = u.strip("（）()")
    if u:
        return "%" if u in ("%", "％", "百分比") else u
    for c in values:
        if c is None:
            continue
        if c.percent:
            return "%"
        k = key(c.text)
        for x in fc.units:
            if k.endswith(x):
                return x
    return ""


def _evaluation_measures(p: ProjectEvaluation, field: str, fc: FormChecks) -> list[Measure]:
    out = []
    for ind in p.indicators:
        cell: Cell | None = getattr(ind, field)
        if cell is None or cell.value is None or not ind.name:
            continue
        unit = _unit_of(ind.unit, [ind.actual, ind.target], fc)
        nature = ind.nature if field == "target" else None
        out.append(Measure(ind.name, unit, cell.value, cell.text.strip(), ind.evidence, nature))
    return out


def _target_measures(t: PerformanceTarget) -> list[Measure]:
    out = []
    for ind in t.indicators:
        if ind.number is None or not ind.name or ind.value is None:
            continue
        unit = "%" if ind.unit in ("%", "％") else (ind.unit or "")
        out.append(
            Measure(ind.name, unit, ind.number, ind.value.text.strip(), ind.evidence, ind.operator)
        )
    return out


def _with_unit(m: Measure) -> str:
    shown = m.cell_text
    return shown if not m.unit or m.unit in key(shown) else f"{shown}{m.unit}"


def _same(a: Decimal, b: Decimal, printed: Decimal) -> bool:
    return abs(a - b) <= half_unit(printed)


def _indicator_hits(
    label: str,
    where: str,
    text_name: str,
    text: Cell,
    measures: list[Measure],
    what: str,
    uncertain: bool,
    seen: set[tuple[str, Decimal, str]],
) -> Iterator[Hit]:
    fc = form_checks()
    for fig in figures(text.text, fc):
        same_unit = [m for m in measures if m.unit == fig.unit]
        if not same_unit or any(m.agrees(fig.value) for m in same_unit):
            continue
        words = grams(fig.words, fc.generic)
        scored = [(len(words & grams(m.name, fc.generic)), m) for m in same_unit]
        strong = [m for n, m in scored if n >= STRONG]
        if not strong:
            continue
        m = strong[0]
        if (m.name, fig.value, fig.unit) in seen:
            continue
        seen.add((m.name, fig.value, fig.unit))
        if len(strong) == 1:
            severity = lower(Severity.WARNING, uncertain)
            tail = ""
        else:
            severity = Severity.INFO
            others = "、".join(f"“{x.name}”（{_with_unit(x)}）" for x in strong[1:4])
            tail = f"（同一单位的指标还有 {others}，所指不能确定，仅作提示）"
        yield Hit(
            message=(
                f"{label}{text_name}写“{fig.shown}”，"
                f"指标“{m.name}”的{what}为 {_with_unit(m)}{tail}。"
            ),
            evidence=[text.evidence, m.evidence],
            expected=m.cell_text,
            actual=f"{fig.value:f}{fig.unit}",
            severity=severity,
            where=where,
        )


def _budget_hits(p: ProjectEvaluation, name: str, text: Cell, conclusion: bool) -> Iterator[Hit]:
    fc = form_checks()
    t = clean(text.text)
    lines = [b for b in p.budget if b.adjusted is not None or b.executed is not None]
    if not lines:
        return
    taken: list[tuple[int, int]] = []
    for measure, pattern in fc.budget_patterns:
        if measure == "rate" and conclusion:
            continue  # the conclusion's 预算执行率 is JS810's
        for m in pattern.finditer(t):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            stated = Decimal(m.group(1))
            unit = m.group(2) if m.lastindex and m.lastindex >= 2 else "%"
            if measure == "rate":
                intervals = [i for i in (rate_interval(b) for b in lines) if i is not None]
                rates = [b.rate.value for b in lines if b.rate is not None and b.rate.value]
                if not intervals and not rates:
                    continue
                if any(percent_consistent(stated, i) for i in intervals) or any(
                    _same(stated, r, stated) for r in rates
                ):
                    continue
                total = p.total or lines[0]
                table = f"预算执行率 {cell_text(total.rate)}"
                ref = total
            else:
                wan = stated / _TEN_THOUSAND if unit == "元" else stated
                half = half_unit(stated) / (_TEN_THOUSAND if unit == "元" else 1)
                cells = [
                    c
                    for b in lines
                    for c in ((b.initial, b.adjusted) if measure == "budget" else (b.executed,))
                    if c is not None and c.value is not None
                ]
                if not cells or any(abs(wan - c.value) <= half for c in cells if c.value):
                    continue
                if any(c.value == 0 for c in cells) and wan == 0:
                    continue
                total = p.total or lines[0]
                shown = (
                    f"年初预算数 {cell_text(total.initial)}、"
                    f"调整后预算数 {cell_text(total.adjusted)}"
                    if measure == "budget"
                    else f"预算执行数 {cell_text(total.executed)}"
                )
                table = f"“{SOURCE_NAMES.get(total.source, total.label)}”行{shown} 万元"
                ref = total
            value_shown = f"{stated:f}{unit}"
            extra = f"（{money(stated / _TEN_THOUSAND)} 万元）" if unit == "元" else ""
            yield Hit(
                message=f"{project(p)}{name}写“{m.group(0)}”{extra}，表中{table}。",
                evidence=[text.evidence, ref.evidence],
                expected=table,
                actual=value_shown,
                severity=lower(Severity.WARNING, p.budget_uncertain),
                where=p.label,
            )


_EVALUATION_TEXTS = (
    ("targets", "项目年度目标", "target", "指标值"),
    ("results", "年度目标完成情况", "actual", "完成值"),
    ("conclusion", "评价结论", "actual", "完成值"),
)


def _evaluation(p: ProjectEvaluation) -> Iterator[Hit]:
    fc = form_checks()
    seen: set[tuple[str, Decimal, str]] = set()
    for attr, name, field, what in _EVALUATION_TEXTS:
        text: Cell | None = getattr(p, attr)
        if text is None or not text.text.strip():
            continue
        measures = _evaluation_measures(p, field, fc)
        yield from _indicator_hits(
            project(p), p.label, name, text, measures, what, p.indicators_uncertain, seen
        )
    for attr, name in (("targets", "项目年度目标"), ("results", "年度目标完成情况")):
        text = getattr(p, attr)
        if text is not None and text.text.strip():
            yield from _budget_hits(p, name, text, conclusion=False)
    if p.conclusion is not None and p.conclusion.text.strip():
        yield from _budget_hits(p, "评价结论", p.conclusion, conclusion=True)


@rule(
    "JS824",
    applies_to=BOTH_KINDS,
    name="perf-text-figures",
    title="自评表、绩效目标表文字中的数字与本表指标、预算不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
自评表的“项目年度目标”“年度目标完成情况”“评价结论”和绩效目标表的“年度目标”常写出具体数字
（“完成培训 3 期”“覆盖 120 人”“满意度 95%”“全年预算 50 万元，执行 45 万元”）。这些数字与
同一张表中衡量同一事项的指标（度量单位相同、名称有共同的词）的完成值或指标值、与预算执行
情况中的预算数、执行数、执行率不符时，文字与表格必有一处写错。只比较度量单位相同、名称
至少有两个共同词的指标；同一单位有几个这样的指标时只作提示；“不低于”“以上”“计划”等
表示界限或计划的数字不比较；评价结论中的“预算执行率”由 JS810 检查。
""",
    tolerance="文字中的数字按其末位 ± 半个单位；执行率按区间判断",
    suggestion="核对文字与表中的完成值、指标值和预算执行数，改正写错的一处。",
)
def text_figures(doc: Disclosure) -> Iterator[Hit]:
    if not doc.evaluations and not doc.targets:
        raise NotApplicable("没有找到绩效自评表或绩效目标表")
    for p in doc.evaluations:
        if p.cancelled is not None:
            continue
        for hit in _evaluation(p):
            yield checked(p, hit)
    for t in doc.targets:
        if t.annual_goal is None or not t.annual_goal.text.strip():
            continue
        seen: set[tuple[str, Decimal, str]] = set()
        for hit in _indicator_hits(
            form_name(t),
            t.label,
            "年度目标",
            t.annual_goal,
            _target_measures(t),
            "指标值",
            False,
            seen,
        ):
            yield target_checked(t, hit)
