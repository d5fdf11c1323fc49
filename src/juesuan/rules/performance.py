"""Performance self-evaluation (JS801–JS814): the 项目支出绩效自评表 checked against itself,
its conclusion, the configured scoring method and the department's own statements.

Every finding names the project (``where`` = “绩效自评：<项目名称>”), the row and the numbers.
The tables are often damaged by the conversion to text; a project whose budget or indicator
part the reader marked uncertain (``budget_uncertain`` / ``indicators_uncertain``) gets its
findings one level lower (sums over rows that may be lost: info).  Scoring an indicator is
uncertain by nature (text targets, partial achievement, provincial variants), so only clear
contradictions reach warning.

Rates are judged by interval: the printed amounts stand for any value within half a unit of
their last decimal, and a printed rate or score is wrong only when no value they allow rounds
to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import key, layout
from juesuan.model import Disclosure, Evidence, Statement
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import BudgetLine, Cell, Indicator, ProjectEvaluation
from juesuan.rules.common import (
    CENT,
    HUNDRED,
    ZERO,
    difference_severity,
    half_unit,
    money,
    percent_consistent,
    ratio_interval,
    round_to,
    sum_tolerance,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance_scoring import (
    budget_points,
    budget_score_interval,
    expected_budget_score,
    has_reason,
    indicator_scores,
    indicator_weights,
    judge,
    method,
    printed_can_be,
    rate_interval,
    rate_of,
    sum_interval_halfwidth,
    value,
)

#: A printed score within one unit of its last decimal of the method's value (0.05 for
#: 0.0576): a rounding convention (truncation), not an error.  Reported as info.
SCORE_ROUNDING_GAP = Decimal("0.01")
#: Up to this many points a wrong score is reported as a warning (it does not change the
#: grade); beyond, as an error.
SCORE_WARNING_GAP = Decimal("0.1")
#: An indicator score off the method's proportional value by more than this many points is
#: mentioned (info): provinces use other formulas, so it is never more than a remark.
METHOD_GAP = Decimal("0.05")

DIGIT = re.compile(r"\d")

_NO_TABLES = "没有找到绩效自评表"
_NO_SCORES = "绩效自评表没有权重和得分（只有指标值和完成值）"

SOURCE_NAMES = {
    "total": "总额",
    "fiscal": "财政资金",
    "special": "财政专户管理资金",
    "unit": "单位资金",
    "other": "其他资金",
}
FIELD_NAMES = {
    "initial": "年初预算数",
    "adjusted": "调整后预算数",
    "executed": "执行数",
}


# --- helpers ------------------------------------------------------------------------------


def _projects(doc: Disclosure) -> list[ProjectEvaluation]:
    if not doc.evaluations:
        raise NotApplicable(_NO_TABLES)
    return doc.evaluations


def _scored(doc: Disclosure) -> list[ProjectEvaluation]:
    projects = [p for p in _projects(doc) if p.scored]
    if not projects:
        raise NotApplicable(_NO_SCORES)
    return projects


def _lower(severity: Severity, uncertain: bool, floor: Severity = Severity.INFO) -> Severity:
    """One level lower when the reading is uncertain (never below ``floor``)."""
    if not uncertain:
        return severity
    lowered = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}.get(
        severity, Severity.INFO
    )
    return lowered if lowered.rank >= floor.rank else floor


def _doubt(p: ProjectEvaluation, whole: bool) -> str | None:
    """Why a finding about ``p`` is built on a doubtful reading, or None.

    A form recognised by header words only may not be a self-evaluation at all: every finding
    about it is doubtful.  A form whose scores as a whole are doubtful (they add up to more
    than its maximum) makes the findings built on sums over the form doubtful (``whole``);
    a finding on one printed row or cell stays as it is: a reviewer confirms it from the row.
    """
    if p.form_doubtful or (whole and p.scores_doubtful):
        return p.doubts[0] if p.doubts else "表格读取存疑"
    return None


def _checked(p: ProjectEvaluation, hit: Hit, whole: bool = False) -> Hit:
    """``hit`` as info, with the doubt said, when it is built on a doubtful reading of ``p``
    (DOMAIN: never an error built on a doubtful reading)."""
    doubt = _doubt(p, whole)
    if doubt is not None:
        hit.severity = Severity.INFO
        hit.message = f"{hit.message}读取存疑，仅作提示：{doubt}。"
    return hit


def _pts(d: Decimal | None) -> str:
    """Points or a plain number as the documents print them (no trailing zeros)."""
    if d is None:
        return "空"
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _pct(d: Decimal) -> str:
    return f"{round_to(d, 2):f}%"


def _cell_text(c: Cell | None) -> str:
    return "空" if c is None else c.text.strip()


def _line_name(line: BudgetLine) -> str:
    return f"预算执行情况“{SOURCE_NAMES.get(line.source, line.label)}”行"


def _ind_name(ind: Indicator) -> str:
    return f"指标“{ind.label}”"


def _measure(ind: Indicator, c: Cell | None, with_nature: bool = False) -> str:
    """A target or result for a message: the number read (inserted spaces gone), its unit."""
    if c is None:
        return "空"
    nature = ""
    if with_nature and ind.nature is not None and ind.nature.value != "定性":
        nature = ind.nature.value
    if c.value is None:
        return f"{nature}{c.text.strip()}"
    if c.percent:
        unit = "%"
    elif ind.unit is not None and key(ind.unit.text) not in key(c.text):
        unit = key(ind.unit.text)
    else:
        unit = ""
    return f"{nature}{_pts(c.value)}{unit}"


def _project(p: ProjectEvaluation) -> str:
    return f"绩效自评表“{p.printed_name}”"


# --- JS801 执行率 -------------------------------------------------------------------------


@rule(
    "JS801",
    applies_to=BOTH_KINDS,
    name="perf-rate",
    title="预算执行率与执行数、预算数不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
预算执行率 = 全年执行数 / 全年预算数（调整后），是绩效自评表中预算执行得分（10 分）的依据。
自评表印出的执行率若不是本行两个金额之比，得分和评价结论都失去依据。按区间判断：金额按印出
的末位四舍五入，只有任何可能的比值都舍入不到印出的执行率时才报告。
""",
    bad="总额：调整后预算数 155.10 万元，执行数 10.00 万元，执行率印为 32.24%（应为 6.45%）。",
    good="总额：调整后预算数 155.10 万元，执行数 10.00 万元，执行率 6.45%。",
    tolerance="区间判断：金额 ± 末位半个单位，执行率 ± 末位半个单位",
    suggestion="按 执行数 ÷ 调整后预算数 重新计算执行率，并据此重算预算执行得分。",
)
def execution_rate(doc: Disclosure) -> Iterator[Hit]:
    for p in _scored(doc) + [p for p in doc.evaluations if not p.scored]:
        for line in p.budget:
            printed = value(line.rate)
            interval = rate_interval(line)
            if printed is None or interval is None or line.rate is None:
                continue
            if percent_consistent(printed, interval):
                continue
            exact = rate_of(line)
            assert exact is not None and line.adjusted is not None and line.executed is not None
            severity = Severity.ERROR
            note = ""
            initial = value(line.initial)
            executed = value(line.executed)
            if initial is not None and initial > 0 and executed is not None:
                alt = ratio_interval(executed, initial)
                if alt is not None and percent_consistent(printed, alt):
                    severity = Severity.WARNING
                    note = "（与 执行数 ÷ 年初预算数 相符，可能用错了分母）"
            yield _checked(
                p,
                Hit(
                    message=(
                        f"{_project(p)}{_line_name(line)}：预算执行率印为 "
                        f"{line.rate.text.strip()}，"
                        f"按执行数 {money(line.executed.value)} 万元 ÷ 调整后预算数 "
                        f"{money(line.adjusted.value)} 万元 计算应为 {_pct(exact)}{note}。"
                    ),
                    evidence=[line.evidence],
                    expected=_pct(exact),
                    actual=line.rate.text.strip(),
                    severity=_lower(severity, p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )


# --- JS802 预算执行得分 ---------------------------------------------------------------------


@rule(
    "JS802",
    applies_to=BOTH_KINDS,
    name="perf-budget-score",
    title="预算执行得分与执行率不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
预算执行情况的得分 = 分值（10 分）× 预算执行率，执行率超过 100% 时按 100% 计（全国默认
方法，可在目录中配置为地方办法）。印出的得分若不是这个乘积，合计得分随之失真。只比较金额和
印出执行率所容许的区间；与应得分相差不超过末位一个单位（如截尾 0.05 与 0.06）只作提示。
""",
    bad="执行率 70.52%，分值 10，得分印为 7.52（应为 7.05）。",
    good="执行率 70.52%，分值 10，得分 7.05。",
    tolerance=(
        "区间判断；SCORE_ROUNDING_GAP = 0.01 分以内为提示，SCORE_WARNING_GAP = 0.1 分以内为"
        "警告，超过为错误"
    ),
    suggestion="按 分值 × 执行率（封顶 100%）重算预算执行得分，并同步修改合计得分。",
)
def budget_score(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in _scored(doc):
        total = p.total
        if total is None or total.score is None or total.score.value is None:
            continue
        weight = value(total.weight)
        if weight is not None and weight == 0:
            continue  # nothing to score against (JS803 reports the weight)
        interval = budget_score_interval(p, m)
        expected = expected_budget_score(p, m)
        printed = total.score.value
        if interval is None:
            continue
        if printed_can_be(printed, interval):
            continue
        if expected is None:
            rate = value(total.rate)
            if rate is None:
                continue
            expected = budget_points(p, m) * min(rate, HUNDRED) / HUNDRED
        gap = abs(printed - expected)
        unit = half_unit(printed) * 2
        if gap <= max(unit, SCORE_ROUNDING_GAP) + CENT / 2:
            severity = Severity.INFO
        elif gap <= SCORE_WARNING_GAP:
            severity = Severity.WARNING
        else:
            severity = Severity.ERROR
        rate_text = (
            total.rate.text.strip() if total.rate is not None else _pct(rate_of(total) or ZERO)
        )
        yield _checked(
            p,
            Hit(
                message=(
                    f"{_project(p)}预算执行得分印为 {total.score.text.strip()} 分；按分值 "
                    f"{_pts(budget_points(p, m))} 分 × 执行率 {rate_text}（封顶 100%）应为 "
                    f"{_pts(round_to(expected, 2))} 分，相差 {_pts(round_to(gap, 3))} 分。"
                ),
                evidence=[total.evidence],
                expected=_pts(round_to(expected, 2)),
                actual=total.score.text.strip(),
                severity=_lower(severity, p.budget_uncertain),
                where=p.label,
            ),
            whole=False,
        )


# --- JS803 预算执行分值 ---------------------------------------------------------------------


@rule(
    "JS803",
    applies_to=BOTH_KINDS,
    name="perf-budget-weight",
    title="预算执行分值不是规定的 10 分",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目支出绩效自评表中预算执行情况的分值为 10 分，绩效指标合计 90 分，总分 100 分。分值印成
其他数字（1、0）或写成百分数（100%）时，得分和合计无从核对，多为填表错误或表格被截断。
""",
    bad="总额：权重 100%，得分 3。",
    good="总额：权重 10，得分 3。",
    tolerance="精确比较（分值为整数分）",
    suggestion="预算执行情况的权重填 10（分），不要填百分数。",
)
def budget_weight(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in _scored(doc):
        total = p.total
        if total is None or total.weight is None:
            continue
        w = total.weight
        if w.value is not None and w.value == m.budget_points and not w.percent:
            continue
        what = (
            f"写成了百分数 {w.text.strip()}"
            if w.percent
            else f"印为 {w.text.strip()}"
            if w.value is not None
            else f"印为“{w.text.strip()}”"
        )
        yield _checked(
            p,
            Hit(
                message=(
                    f"{_project(p)}预算执行情况的权重（分值）{what}，应为 "
                    f"{_pts(m.budget_points)} 分"
                    f"（得分印为 {_cell_text(total.score)}）。"
                ),
                evidence=[total.evidence],
                expected=_pts(m.budget_points),
                actual=w.text.strip(),
                severity=_lower(Severity.WARNING, p.budget_uncertain),
                where=p.label,
            ),
            whole=False,
        )


# --- JS804 资金来源之和 ---------------------------------------------------------------------


@rule(
    "JS804",
    applies_to=BOTH_KINDS,
    name="perf-fund-sum",
    title="各资金来源之和不等于总额",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
预算执行情况中“总额”是财政资金、财政专户管理资金、单位资金、其他资金之和，年初预算数、
调整后预算数和执行数三列都应如此。只检查填了资金来源的表；差额在各来源四舍五入的容差以内
不报告。
""",
    bad="总额调整后预算数 183.62 万元，财政资金 79.02 + 单位资金 100.00 = 179.02 万元。",
    good="总额调整后预算数 183.62 万元，财政资金 79.02 + 单位资金 104.60 = 183.62 万元。",
    tolerance="sum_tolerance(n)：n 个来源各自舍入，容差 0.005 × n",
    suggestion="核对各资金来源的金额，使其合计等于总额。",
)
def fund_sum(doc: Disclosure) -> Iterator[Hit]:
    for p in _scored(doc) + [p for p in doc.evaluations if not p.scored]:
        total = p.total
        if total is None:
            continue
        funds = [b for b in p.budget if b.source != "total"]
        for field, label in FIELD_NAMES.items():
            whole = getattr(total, field)
            if whole is None or whole.value is None:
                continue
            parts = [(b, getattr(b, field)) for b in funds]
            printed = [(b, c) for b, c in parts if c is not None and c.value is not None]
            if not printed:
                continue
            if any(c is not None and c.value is None for _, c in parts):
                continue  # an unreadable amount
            s = sum((c.value for _, c in printed if c.value is not None), ZERO)
            diff = whole.value - s
            if abs(diff) <= sum_tolerance(len(printed)):
                continue
            names = " + ".join(
                f"{SOURCE_NAMES.get(b.source, b.label)} {money(c.value)}" for b, c in printed
            )
            yield _checked(
                p,
                Hit(
                    message=(
                        f"{_project(p)}预算执行情况{label}：总额 {money(whole.value)} 万元，"
                        f"各资金来源 {names} = {money(s)} 万元，相差 {money(diff)} 万元。"
                    ),
                    evidence=[total.evidence, *(b.evidence for b, _ in printed)],
                    expected=money(s),
                    actual=money(whole.value),
                    severity=_lower(difference_severity(diff), p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )


# --- JS805 超预算执行 -----------------------------------------------------------------------


@rule(
    "JS805",
    applies_to=BOTH_KINDS,
    name="perf-over-execution",
    title="执行数超过调整后预算数",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
全年执行数不应超过全年（调整后）预算数：超出部分没有预算依据，执行率也会超过 100%。多为
预算调整未在表中反映或金额填错行。
""",
    bad="调整后预算数 20.00 万元，执行数 22.00 万元，执行率 110.00%。",
    good="调整后预算数 22.00 万元，执行数 22.00 万元，执行率 100.00%。",
    tolerance="精确比较（金额印到分）",
    suggestion="核对执行数与调整后预算数；年中追加的预算应计入调整后预算数。",
)
def over_execution(doc: Disclosure) -> Iterator[Hit]:
    for p in _projects(doc):
        for line in p.budget:
            adjusted, executed = value(line.adjusted), value(line.executed)
            if adjusted is None or executed is None or executed <= adjusted:
                continue
            yield _checked(
                p,
                Hit(
                    message=(
                        f"{_project(p)}{_line_name(line)}：执行数 {money(executed)} 万元超过调整后"
                        f"预算数 {money(adjusted)} 万元，超出 {money(executed - adjusted)} 万元。"
                    ),
                    evidence=[line.evidence],
                    expected=f"≤ {money(adjusted)}",
                    actual=money(executed),
                    severity=_lower(Severity.WARNING, p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )


# --- JS806 权重合计 -------------------------------------------------------------------------


@rule(
    "JS806",
    applies_to=BOTH_KINDS,
    name="perf-weight-sum",
    title="绩效指标权重合计不是 90 分（总分不是 100 分）",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
项目支出绩效自评的分值结构是预算执行 10 分、绩效指标 90 分，合计 100 分。各指标权重之和
不是 90 分，或合计行的权重不是 100 分时，自评得分与其他项目不可比。表格读取可能丢行时只作
提示。
""",
    bad="8 个指标权重合计 95 分，合计行权重 95。",
    good="8 个指标权重合计 90 分，合计行权重 100。",
    tolerance="精确比较（权重为印出的分值）",
    suggestion="调整各指标权重，使其合计为 90 分，加上预算执行 10 分共 100 分。",
)
def weight_sum(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in _scored(doc):
        if not p.indicators or (
            p.cancelled is not None and not any(value(i.weight) for i in p.indicators)
        ):
            continue
        weights = [value(i.weight) for i in p.indicators]
        if sum(1 for w in weights if w is None) > 0 and p.indicators_uncertain:
            continue
        total_w = indicator_weights(p)
        printed_total = value(p.total_weight)
        problems: list[str] = []
        if total_w != m.indicator_points:
            problems.append(
                f"{len(p.indicators)} 个绩效指标的权重合计 {_pts(total_w)} 分，应为 "
                f"{_pts(m.indicator_points)} 分"
            )
        if printed_total is not None and printed_total != m.total_points:
            problems.append(
                f"合计行权重印为 {_cell_text(p.total_weight)}，应为 {_pts(m.total_points)} 分"
            )
        if not problems:
            continue
        severity = Severity.ERROR
        if p.indicators_uncertain:
            severity = Severity.INFO
        evidence = [i.evidence for i in p.indicators]
        if p.total_evidence is not None:
            evidence.append(p.total_evidence)
        yield _checked(
            p,
            Hit(
                message=f"{_project(p)}：{'；'.join(problems)}。",
                evidence=evidence,
                expected=_pts(m.indicator_points),
                actual=_pts(total_w),
                severity=severity,
                where=p.label,
            ),
            whole=True,
        )


# --- JS807 超过满分 -------------------------------------------------------------------------


@rule(
    "JS807",
    applies_to=BOTH_KINDS,
    name="perf-over-max",
    title="权重或得分超过上限",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
一个指标的得分不能超过它的权重，一个指标的权重不能超过绩效指标的总分值（90 分），预算执行
得分不能超过其分值，合计得分不能超过 100 分。超过上限的数字（如某个满意度指标权重 100、
得分 100）必然是填错了。
""",
    bad="服务对象满意度：权重 100，得分 100。",
    good="服务对象满意度：权重 10，得分 10。",
    tolerance="精确比较",
    suggestion="核对该行的权重和得分。",
)
def over_max(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in _scored(doc):
        for ind in p.indicators:
            w, s = value(ind.weight), value(ind.score)
            if w is not None and w > m.indicator_points:
                yield _checked(
                    p,
                    Hit(
                        message=(
                            f"{_project(p)}{_ind_name(ind)}的权重印为 {_pts(w)} 分，超过绩效指标的"
                            f"总分值 {_pts(m.indicator_points)} 分"
                            f"（得分 {_cell_text(ind.score)}）。"
                        ),
                        evidence=[ind.evidence],
                        expected=f"≤ {_pts(m.indicator_points)}",
                        actual=_pts(w),
                        severity=_lower(Severity.ERROR, p.indicators_uncertain, Severity.WARNING),
                        where=p.label,
                    ),
                    whole=False,
                )
            elif w is not None and s is not None and s > w:
                yield _checked(
                    p,
                    Hit(
                        message=(
                            f"{_project(p)}{_ind_name(ind)}的得分 {_pts(s)} 分"
                            f"超过其权重 {_pts(w)} 分。"
                        ),
                        evidence=[ind.evidence],
                        expected=f"≤ {_pts(w)}",
                        actual=_pts(s),
                        severity=_lower(Severity.ERROR, p.indicators_uncertain),
                        where=p.label,
                    ),
                    whole=False,
                )
        total = p.total
        if total is not None:
            s, w = value(total.score), budget_points(p, m)
            if s is not None and s > w:
                yield _checked(
                    p,
                    Hit(
                        message=f"{_project(p)}预算执行得分 {_pts(s)} 分超过其分值 {_pts(w)} 分。",
                        evidence=[total.evidence],
                        expected=f"≤ {_pts(w)}",
                        actual=_pts(s),
                        severity=_lower(Severity.ERROR, p.budget_uncertain),
                        where=p.label,
                    ),
                    whole=False,
                )
        ts = value(p.total_score)
        if ts is not None and ts > m.total_points:
            yield _checked(
                p,
                Hit(
                    message=(
                        f"{_project(p)}合计得分 {_pts(ts)} 分超过总分 {_pts(m.total_points)} 分。"
                    ),
                    evidence=[p.total_evidence or p.evidence],
                    expected=f"≤ {_pts(m.total_points)}",
                    actual=_pts(ts),
                    severity=Severity.ERROR,
                    where=p.label,
                ),
                whole=False,
            )


# --- JS808 指标得分与完成情况 ---------------------------------------------------------------


@rule(
    "JS808",
    applies_to=BOTH_KINDS,
    name="perf-indicator-score",
    title="指标得分与完成情况不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
按全国默认评分方法（财预〔2020〕10号，目录中可配置为地方办法）：达到指标值的定量指标得满分；
未达到的按 完成值/指标值（越大越好）或 指标值/完成值（越小越好）折算；定性指标按“好/较好/
一般”等级给分。未完成指标却给满分且不说明原因，是自评中常见的虚高；其余与评分方法不一致的
情形只作提示，因为各地办法和定性判断不尽相同。
""",
    bad="汇聚数据量：指标值 ≥30000000 条，完成值 10000000 条，权重 30，得分 30，未完成原因空白。",
    good="汇聚数据量：指标值 ≥30000000 条，完成值 10000000 条，权重 30，得分 10，说明未完成原因。",
    tolerance="METHOD_GAP = 0.05 分：与按比例折算的分值相差在此以内不提示",
    suggestion="未完成的指标按完成比例扣分并填写未完成原因；定性指标按等级给分。",
)
def indicator_score(doc: Disclosure) -> Iterator[Hit]:
    m = method()
    for p in _scored(doc):
        if p.cancelled is not None:
            continue
        for ind in p.indicators:
            w, s = value(ind.weight), value(ind.score)
            if w is None or s is None or s > w:
                continue
            j = judge(ind, m)
            if j is None:
                continue
            reason = has_reason(ind)
            verdict: tuple[str, str, Severity] | None = None  # (says, expected, severity)
            if j.quantitative and j.met is False and s == w:
                expected = _pts(round_to(j.expected, 2)) if j.expected is not None else "低于满分"
                if reason and ind.reason is not None:
                    tail = f"（未完成原因：{ind.reason.text.strip()}）"
                    severity = Severity.INFO
                else:
                    tail = "，未填写未完成原因"
                    severity = Severity.WARNING
                says = f"未达到指标值却给了满分{tail}；按比例应得 {expected} 分"
                verdict = (says, expected, _lower(severity, p.indicators_uncertain))
            elif j.quantitative and j.met is False and j.expected is not None:
                if abs(s - j.expected) > METHOD_GAP:
                    expected = _pts(round_to(j.expected, 2))
                    says = f"按完成比例折算应得 {expected} 分（{m.name}）"
                    verdict = (says, expected, Severity.INFO)
            elif j.quantitative and j.met and s < w and not reason:
                says = f"已达到指标值却扣了 {_pts(w - s)} 分，且未说明原因"
                verdict = (says, _pts(w), Severity.INFO)
            elif j.low is not None and j.high is not None and not j.low <= s <= j.high:
                band = f"{_pts(round_to(j.low, 2))}–{_pts(round_to(j.high, 2))}"
                says = f"完成情况为“{j.grade}”，按评分等级应得 {band} 分"
                verdict = (says, band, Severity.INFO)
            if verdict is not None:
                facts = (
                    f"{_project(p)}{_ind_name(ind)}：指标值 {_measure(ind, ind.target, True)}，"
                    f"完成值 {_measure(ind, ind.actual)}，权重 {_pts(w)}，得分 {_pts(s)}"
                )
                yield _checked(
                    p,
                    Hit(
                        message=f"{facts}：{verdict[0]}。",
                        evidence=[ind.evidence],
                        expected=verdict[1],
                        actual=_pts(s),
                        severity=verdict[2],
                        where=p.label,
                    ),
                    whole=False,
                )


# --- JS809 合计得分 -------------------------------------------------------------------------


@rule(
    "JS809",
    applies_to=BOTH_KINDS,
    name="perf-total-score",
    title="合计得分不等于各项得分之和",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
合计得分 = 预算执行得分 + 各绩效指标得分。合计与各项之和不符时，自评总分（常被评价结论
引用、与预算安排挂钩）没有依据。带小数的得分按印出的末位四舍五入，差额在舍入范围内不报告；
表格读取可能丢行时只作提示。
""",
    bad="预算执行得分 0.63 + 指标得分 80 = 80.63，合计印为 80.7。",
    good="预算执行得分 0.63 + 指标得分 80 = 80.63，合计 80.6。",
    tolerance="各带小数的得分 ± 末位半个单位；0.1 分以内为警告",
    suggestion="按各项得分重新合计，并同步修改评价结论中的自评得分。",
)
def total_score(doc: Disclosure) -> Iterator[Hit]:
    for p in _scored(doc):
        ts = p.total_score
        total = p.total
        if ts is None or ts.value is None or total is None or not p.indicators:
            continue
        parts: list[Cell | None] = [total.score, *(i.score for i in p.indicators)]
        if any(
            c is not None and c.value is None and c.text.strip() not in ("/", "") for c in parts
        ):
            continue  # an unreadable score or a placeholder (JS812 reports it)
        budget = value(total.score) or ZERO
        indicators = indicator_scores(p)
        s = budget + indicators
        tolerance = sum_interval_halfwidth(parts) + half_unit(ts.value)
        gap = ts.value - s
        if abs(gap) <= tolerance:
            continue
        severity = Severity.WARNING if abs(gap) <= SCORE_WARNING_GAP else Severity.ERROR
        if p.indicators_uncertain or p.budget_uncertain:
            severity = Severity.INFO
        evidence = [total.evidence, *(i.evidence for i in p.indicators)]
        if p.total_evidence is not None:
            evidence.append(p.total_evidence)
        yield _checked(
            p,
            Hit(
                message=(
                    f"{_project(p)}合计得分印为 {ts.text.strip()}；预算执行得分 "
                    f"{_pts(budget)} + {len(p.indicators)} 个指标得分 {_pts(indicators)} = "
                    f"{_pts(s)}，相差 {_pts(gap)} 分。"
                ),
                evidence=evidence,
                expected=_pts(s),
                actual=ts.text.strip(),
                severity=severity,
                where=p.label,
            ),
            whole=True,
        )


# --- JS810 评价结论中的数字 -----------------------------------------------------------------


_CLAIM_NAMES = {
    "total_score": "自评总分",
    "indicator_score": "绩效指标得分",
    "budget_score": "预算执行得分",
    "rate": "预算执行率",
}


@rule(
    "JS810",
    applies_to=BOTH_KINDS,
    name="perf-claims",
    title="评价结论中的得分、执行率与自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
评价结论常复述“项目自评总分 X 分”“预算执行率为 Y%”“绩效指标得分 Z 分”。复述的数字与同一
张表中的数字不符，说明结论是照搬模板或其他项目的文字，读者无从判断哪个是真的。
""",
    bad="表中执行率 6.45%，评价结论写“预算执行率为32.24%”。",
    good="表中执行率 6.45%，评价结论写“预算执行率为6.45%”。",
    tolerance="较粗的一方 ± 末位半个单位",
    suggestion="按表中数字改写评价结论。",
)
def claims(doc: Disclosure) -> Iterator[Hit]:
    for p in _scored(doc):
        total = p.total
        for c in p.claims:
            table: Decimal | None = None
            shown = ""
            uncertain = False
            evidence: list[Evidence] = [c.evidence]
            if c.kind == "total_score":
                if p.total_score is not None and p.total_score.value is not None:
                    table = p.total_score.value
                    shown = f"合计得分 {p.total_score.text.strip()}"
                elif total is not None and value(total.score) is not None:
                    table = (value(total.score) or ZERO) + indicator_scores(p)
                    shown = f"各项得分之和 {_pts(table)}（合计行印为“{_cell_text(p.total_score)}”）"
                uncertain = p.indicators_uncertain or p.budget_uncertain
                if p.total_evidence is not None:
                    evidence.append(p.total_evidence)
            elif c.kind == "indicator_score" and p.indicators:
                table = indicator_scores(p)
                shown = f"{len(p.indicators)} 个绩效指标得分之和 {_pts(table)}"
                uncertain = p.indicators_uncertain
                evidence.extend(i.evidence for i in p.indicators)
            elif c.kind == "budget_score" and total is not None and value(total.score) is not None:
                table = value(total.score)
                shown = f"预算执行得分 {_cell_text(total.score)}"
                uncertain = p.budget_uncertain
                evidence.append(total.evidence)
            elif c.kind == "rate" and total is not None:
                if value(total.rate) is not None:
                    table = value(total.rate)
                    shown = f"预算执行率 {_cell_text(total.rate)}"
                elif rate_of(total) is not None:
                    table = round_to(rate_of(total) or ZERO, 2)
                    shown = f"执行数 ÷ 调整后预算数 = {_pct(table)}"
                uncertain = p.budget_uncertain
                evidence.append(total.evidence)
            if table is None:
                continue
            tolerance = max(half_unit(c.value), half_unit(table))
            if abs(c.value - table) <= tolerance:
                continue
            unit = c.unit
            severity = Severity.ERROR
            if uncertain:
                severity = (
                    Severity.INFO
                    if c.kind in ("indicator_score", "total_score")
                    else (Severity.WARNING)
                )
            hit = Hit(
                message=(
                    f"{_project(p)}评价结论写“{c.evidence.text}”（{_CLAIM_NAMES[c.kind]} "
                    f"{_pts(c.value)}{unit}），表中{shown}。"
                ),
                evidence=evidence,
                expected=_pts(table),
                actual=_pts(c.value),
                severity=severity,
                where=p.label,
            )
            yield _checked(p, hit, whole=c.kind in ("total_score", "indicator_score"))


# --- JS811 已取消项目有得分 -----------------------------------------------------------------


@rule(
    "JS811",
    applies_to=BOTH_KINDS,
    name="perf-cancelled-scored",
    title="已取消的项目仍有得分",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
自评表写明项目已取消（已取消、项目取消、取消实施）时，项目没有执行，不应得分；仍给出预算
执行得分、指标得分或合计得分，自评结果就虚增了。
""",
    bad="评价结论“根据工作安排，已取消”，合计得分 60。",
    good="评价结论“根据工作安排，已取消”，合计得分 0。",
    tolerance="精确比较",
    suggestion="已取消的项目各项得分填 0，并在评价结论中说明。",
)
def cancelled_scored(doc: Disclosure) -> Iterator[Hit]:
    for p in _scored(doc):
        if p.cancelled is None:
            continue
        budget = value(p.total.score) if p.total is not None else None
        indicators = indicator_scores(p)
        total = value(p.total_score)
        scored = [
            f"{label} {_pts(v)} 分"
            for label, v in (
                ("预算执行得分", budget),
                ("指标得分合计", indicators),
                ("合计得分", total),
            )
            if v is not None and v > 0
        ]
        if not scored:
            continue
        yield _checked(
            p,
            Hit(
                message=f"{_project(p)}写明“{p.cancelled.text}”，却有{'、'.join(scored)}。",
                evidence=[p.cancelled, *([p.total_evidence] if p.total_evidence else [])],
                expected="0",
                actual=_pts(total if total is not None else indicators),
                severity=Severity.WARNING,
                where=p.label,
            ),
            whole=True,
        )


# --- JS812 占位符与填表说明 -----------------------------------------------------------------


_TEXT_CELLS = (
    ("项目年度目标", "targets"),
    ("年度目标完成情况", "results"),
    ("项目实施内容及过程概述", "implementation"),
    ("评价结论", "conclusion"),
    ("存在问题", "problems"),
    ("改进措施", "measures"),
)


def _cells(p: ProjectEvaluation) -> Iterator[tuple[object, Cell]]:
    """(the row or field it is printed in, cell) for every printed cell that holds no number."""
    for name, attr in _TEXT_CELLS:
        c = getattr(p, attr)
        if c is not None:
            yield name, c
    for line in p.budget:
        for c in (line.initial, line.adjusted, line.executed, line.rate, line.weight):
            if c is not None and c.value is None:
                yield line, c
        for c in (line.score, line.reason):
            if c is not None and c.value is None:
                yield line, c
    for ind in p.indicators:
        for c in (ind.target, ind.actual, ind.weight, ind.score, ind.reason):
            if c is not None and c.value is None:
                yield ind, c
    for c in (p.total_weight, p.total_score):
        if c is not None and c.value is None:
            yield "合计行", c


def _place(where: object) -> str:
    if isinstance(where, BudgetLine):
        return _line_name(where)
    if isinstance(where, Indicator):
        return _ind_name(where)
    return str(where)


@rule(
    "JS812",
    applies_to=BOTH_KINDS,
    name="perf-residue",
    title="自评表中留有占位符或填表说明",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
“##”“XX”等占位符出现在应填数字的位置，或评价结论、存在问题等栏仍是表样的填写说明（“结合
自评情况，说明项目自评总分……（200字以内）”），说明自评表没有填完就公开了。表样印在原因栏
的计算说明（“预算执行率=预算执行数/调整后预算数……”）只作提示。
""",
    bad="合计得分“## ###”；评价结论“结合自评情况，说明项目自评总分……（200字以内）”。",
    good="合计得分 90.65；评价结论写明自评总分和实施成效。",
    tolerance="目录中的占位符和填表说明原文",
    suggestion="填写实际内容，删除表样中的填写说明。",
)
def residue(doc: Disclosure) -> Iterator[Hit]:
    lay = layout()
    for p in _projects(doc):
        seen: set[tuple[int, str]] = set()
        for where, c in _cells(p):
            k = key(c.text)
            kind: str | None = None
            if len(k) <= 12 and lay.placeholder_re.search(k) and not DIGIT.search(k):
                kind = "placeholder"
            elif len(k) >= 6 and lay.instruction_re.search(k):
                kind = "instruction"
            if kind is None or (id(where), kind) in seen:
                continue
            seen.add((id(where), kind))
            place = _place(where)
            text = c.text.strip()
            shown = text if len(text) <= 40 else text[:40] + "……"
            if kind == "placeholder":
                message = f"{_project(p)}{place}印为占位符“{shown}”，没有填写数字。"
                severity = Severity.WARNING
            else:
                message = f"{_project(p)}{place}仍是表样的填写说明：“{shown}”。"
                severity = Severity.INFO if isinstance(where, BudgetLine) else Severity.WARNING
            yield _checked(
                p,
                Hit(
                    message=message,
                    evidence=[c.evidence],
                    actual=shown,
                    severity=severity,
                    where=p.label,
                ),
                whole=False,
            )


# --- JS813 项目个数 -------------------------------------------------------------------------


def _count_statements(doc: Disclosure) -> dict[str, list[Statement]]:
    groups = layout().counts
    out: dict[str, list[Statement]] = {}
    for s in doc.statements:
        if s.topic != "performance" or s.measure != "count" or not isinstance(s.value, Decimal):
            continue
        for what, subjects in groups.items():
            if s.subject in subjects:
                out.setdefault(what, []).append(s)
    return out


@rule(
    "JS813",
    applies_to=BOTH_KINDS,
    name="perf-project-count",
    title="说明中的绩效自评项目个数与所附自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
“预算绩效管理情况”一节说明开展绩效自评的项目个数（财政拨款、非财政拨款、取消实施的项目），
并写明自评表“详见附件”。所附项目支出绩效自评表的张数与说明不符时，要么漏附了自评表，要么
说明的个数有误。取消实施项目的个数按表中“已取消”等字样判断，只作提示。
""",
    bad="说明“形成20个绩效自评报告，详见附件”，附件中只有 14 张项目支出绩效自评表。",
    good="说明“形成14个绩效自评报告”，附件中 14 张项目支出绩效自评表。",
    tolerance="精确比较（个数）",
    suggestion="补附全部项目的绩效自评表，或更正说明中的项目个数。",
)
def project_count(doc: Disclosure) -> Iterator[Hit]:
    projects = _projects(doc)  # no table at all: published separately, nothing to count
    stated = _count_statements(doc)
    if not stated:
        raise NotApplicable("情况说明没有写开展绩效自评的项目个数")
    cancelled = [p for p in projects if p.cancelled is not None]
    found: dict[str, int] = {
        "total": len(projects),
        "fiscal": sum(1 for p in projects if p.funding == "财政拨款"),
        "nonfiscal": sum(1 for p in projects if p.funding == "非财政拨款"),
        "cancelled": len(cancelled),
        "implemented_nonfiscal": sum(
            1 for p in projects if p.funding == "非财政拨款" and p.cancelled is None
        ),
    }
    described = {
        "total": "项目支出绩效自评表",
        "fiscal": "列在“财政拨款”项目下的自评表",
        "nonfiscal": "列在“非财政拨款”项目下的自评表",
        "cancelled": "写明已取消的项目",
        "implemented_nonfiscal": "未写明取消的非财政拨款项目",
    }
    grouped = any(p.funding for p in projects)
    doubtful = any(p.form_doubtful for p in projects)
    for what, statements in stated.items():
        if what in ("fiscal", "nonfiscal", "implemented_nonfiscal") and not grouped:
            continue
        for s in statements:
            assert isinstance(s.value, Decimal)
            n = found[what]
            if s.value == n:
                continue
            if what in ("cancelled", "implemented_nonfiscal") or doubtful:
                severity = Severity.INFO  # cancellation words, or a form that may not be one
            else:
                severity = Severity.WARNING
            evidence = [s.evidence, projects[0].evidence]
            yield Hit(
                message=(
                    f"情况说明称{s.subject} {s.value:f} {s.unit or '个'}，文件中找到"
                    f"{described[what]} {n} 张（个），相差 {abs(s.value - n):f} 个。"
                ),
                evidence=evidence,
                expected=f"{s.value:f}",
                actual=str(n),
                severity=severity,
                where="绩效自评",
            )


# --- JS814 说明中的项目执行数据 -------------------------------------------------------------


def _core(name: str) -> str:
    k = key(name)
    return k[:-2] if k.endswith("项目") and len(k) > 4 else k


@rule(
    "JS814",
    applies_to=BOTH_KINDS,
    name="perf-statement-project",
    title="说明中的项目预算、执行数与自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
“预算绩效管理情况”常逐个项目复述全年预算数、执行数和完成预算的比例。复述的数字与该项目
自评表中的预算执行情况是同一组数，必须一致。
""",
    bad="说明“项目全年预算数32.35万元，执行数为31.68万元”，自评表预算数 32.35、执行数 31.86。",
    good="说明与自评表都为预算数 32.35 万元、执行数 31.68 万元。",
    tolerance="金额：相差一分为警告，更多为错误；比例：区间判断",
    suggestion="核对说明与自评表中的预算数和执行数。",
)
def statement_project(doc: Disclosure) -> Iterator[Hit]:
    projects = {_core(p.name): p for p in _projects(doc)}
    statements = [
        s
        for s in doc.statements
        if s.topic == "performance"
        and s.measure in ("budget", "actual", "completion_rate")
        and isinstance(s.value, Decimal)
        and _core(s.subject) in projects
    ]
    if not statements:
        raise NotApplicable("情况说明没有逐个项目复述预算执行数据")
    for s in statements:
        assert isinstance(s.value, Decimal)
        p = projects[_core(s.subject)]
        total = p.total
        if total is None:
            continue
        if s.measure == "completion_rate":
            interval = rate_interval(total)
            if interval is None or percent_consistent(s.value, interval):
                continue
            exact = rate_of(total) or ZERO
            yield _checked(
                p,
                Hit(
                    message=(
                        f"情况说明称{s.subject}完成预算的 {s.value:f}%，{_project(p)}执行数 "
                        f"{_cell_text(total.executed)} ÷ 预算数 {_cell_text(total.adjusted)} = "
                        f"{_pct(exact)}。"
                    ),
                    evidence=[s.evidence, total.evidence],
                    expected=_pct(exact),
                    actual=f"{s.value:f}%",
                    severity=_lower(Severity.ERROR, p.budget_uncertain),
                    where=p.label,
                ),
                whole=False,
            )
            continue
        if s.unit != "万元":
            continue  # an amount in another unit: the narrative rules judge the unit
        cell = total.adjusted if s.measure == "budget" else total.executed
        if cell is None or cell.value is None:
            continue
        diff = s.value - cell.value
        if diff == 0:
            continue
        label = "预算数" if s.measure == "budget" else "执行数"
        yield _checked(
            p,
            Hit(
                message=(
                    f"情况说明称{s.subject}{label} {s.value:f} 万元，{_project(p)}{label}为 "
                    f"{cell.text.strip()} 万元，相差 {money(diff)} 万元。"
                ),
                evidence=[s.evidence, total.evidence],
                expected=cell.text.strip(),
                actual=f"{s.value:f}",
                severity=_lower(difference_severity(diff), p.budget_uncertain),
                where=p.label,
            ),
            whole=False,
        )
