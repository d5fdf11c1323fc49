"""Narrative arithmetic (JS600–JS699): the numbers of the explanation (决算情况说明) checked
against each other, without the tables.

* year-on-year: the change rate follows from the change amount and this year's amount
  (rate = change / (this year − change) for 增加, change / (this year + change) for 减少);
  the direction words agree (增加↔增长, 减少↔下降);
* parts add up to the totals they break down (收入, 支出, 基本支出 = 人员经费 + 公用经费,
  “三公”经费, 政府采购, vehicles, 绩效 counts), and shares of a complete breakdown make 100%;
* completion rates follow from the budget and the actual stated with them, and the words
  大于/小于/等于预算数 agree with them.

Tolerances: sums use ``common.sum_tolerance(n)`` (a total of n independently rounded parts
may differ from their sum by up to 0.005 × n: info at most); percentages are judged by
interval (``narrative_facts.judge_percent``); counts must add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure, DocKind, Evidence, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import CENT, HUNDRED, ZERO, half_unit, money, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    CLEAN_BUDGET_DIRECTIONS,
    CLEAN_DIRECTIONS,
    CLEAN_RATE_DIRECTIONS,
    COMPLETION_MEASURES,
    SANGONG_TOPICS,
    Facts,
    count_of,
    fmt,
    interval_text,
    judge_percent,
    money_half,
    money_of,
    percent_of,
    share_interval,
    share_singles,
    where_of,
)

_YOY_STOP = frozenset({"change_rate"})


def _evidence(*statements: Statement | None) -> list[Evidence]:
    out: list[Evidence] = []
    for s in statements:
        if s is not None and s.evidence not in out:
            out.append(s.evidence)
    return out


# --- JS601 change rate ----------------------------------------------------------------------


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
""",
    bad="“三公”经费 17.58 万元，较上年减少 5.48 万元，下降 32.76%（应为 23.76%）。",
    good="“三公”经费 17.58 万元，较上年减少 5.48 万元，下降 23.76%。",
    tolerance=(
        "区间判断：本年数与增减额各按 ±0.005 万元；差一个末位单位为警告，更大为错误，"
        "区间内而与按印刷数计算不同为提示。"
    ),
    suggestion="按“增减额 ÷ 上年数”重新计算增减幅度。",
)
def yoy_rate_wrong(doc: Disclosure) -> Iterator[Hit]:
    rates = [s for s in doc.statements if s.measure == "change_rate" and percent_of(s) is not None]
    if not rates:
        raise NotApplicable("情况说明中没有同比增减幅度")
    facts = Facts(doc.statements)
    for s in rates:
        printed = percent_of(s)
        assert printed is not None
        change_stmt = facts.before(s, {"change_amount"}, _YOY_STOP)
        amount_stmt = facts.before(s, ACTUAL_MEASURES, _YOY_STOP)
        direction = facts.before(s, {"direction"}, _YOY_STOP)
        rate_direction = facts.before(s, {"rate_direction"}, _YOY_STOP)
        change, this_year = money_of(change_stmt), money_of(amount_stmt)
        if change is None or this_year is None:
            continue
        sign = _sign(direction, rate_direction)
        if sign is None:
            continue  # no clean direction word (residue, or a contradiction JS602 reports)
        last_year = this_year - change if sign > 0 else this_year + change
        evidence = _evidence(s, change_stmt, amount_stmt)
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
        intervals = yoy_interval(this_year, change, sign, printed=doc.kind is DocKind.BUDGET)
        if intervals is None:
            continue
        interval, singles = intervals
        verdict = judge_percent(printed, change / last_year * HUNDRED, interval, singles)
        if verdict.severity is None:
            continue
        note = ""
        if verdict.severity is Severity.INFO:
            note = f"；考虑金额舍入（{interval_text(interval)}），所印比例仍可能成立"
        word = "增长" if sign > 0 else "下降"
        yield Hit(
            message=(
                f"{where_of(s)}“{s.subject}”本年 {money(this_year)} 万元，较上年"
                f"{'增加' if sign > 0 else '减少'} {money(change)} 万元，上年数为 "
                f"{money(last_year)} 万元，{word}幅度应为 {fmt(verdict.expected)}%，说明为 "
                f"{fmt(printed)}%{note}。"
            ),
            evidence=evidence,
            expected=f"{fmt(verdict.expected)}%",
            actual=f"{fmt(printed)}%",
            severity=verdict.severity,
            where=where_of(s),
        )


# --- JS602 direction words ----------------------------------------------------------------


@rule(
    "JS602",
    applies_to=BOTH_KINDS,
    name="yoy-direction-contradiction",
    title="增减用语前后矛盾",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
同一句中“增加”必须配“增长”，“减少”必须配“下降”；写“持平”却又给出非零的增减额或增减幅度
也是矛盾。模板备选用语未取舍（“增加（减少）”“下降（增长）”）由模板残留规则报告，这里只报告
用语之间的真实矛盾。
""",
    bad="较上年减少 5.48 万元，增长 23.76%。",
    good="较上年减少 5.48 万元，下降 23.76%。",
    suggestion="按本年数与上年数的实际大小统一增减用语。",
)
def yoy_direction_contradiction(doc: Disclosure) -> Iterator[Hit]:
    words = [s for s in doc.statements if s.measure in ("direction", "rate_direction")]
    if not words:
        raise NotApplicable("情况说明中没有同比增减用语")
    facts = Facts(doc.statements)
    for s in doc.statements:
        if s.measure == "rate_direction" and isinstance(s.value, str):
            rate_sign = CLEAN_RATE_DIRECTIONS.get(s.value)
            direction = facts.before(s, {"direction"}, {"rate_direction", "change_rate"})
            if rate_sign is None or direction is None or not isinstance(direction.value, str):
                continue
            sign = CLEAN_DIRECTIONS.get(direction.value)
            if sign is not None and sign != rate_sign:
                expected = "增长" if sign > 0 else "下降"
                yield Hit(
                    message=(
                        f"{where_of(s)}“{s.subject}”先称“{direction.value}”，后称“{s.value}”，"
                        f"增减用语相互矛盾。"
                    ),
                    evidence=_evidence(direction, s),
                    expected=expected,
                    actual=s.value,
                    where=where_of(s),
                )
            elif direction.value == "持平":
                yield from _flat_with_change(facts, direction)
        elif (
            s.measure == "direction"
            and s.value == "持平"
            and facts.after(s, {"rate_direction"}, {"direction"}) is None
        ):
            yield from _flat_with_change(facts, s)


def _flat_with_change(facts: Facts, flat: Statement) -> Iterator[Hit]:
    stop = {"direction"}
    for measure in ("change_amount", "change_rate"):
        other = facts.after(flat, {measure}, stop)
        if other is not None and isinstance(other.value, Decimal) and other.value != 0:
            unit = "%" if measure == "change_rate" else " 万元"
            what = "增减幅度" if measure == "change_rate" else "增减额"
            yield Hit(
                message=(
                    f"{where_of(flat)}称“{flat.subject}”与上年持平，"
                    f"同时又给出{what} {fmt(other.value)}{unit}。"
                ),
                evidence=_evidence(flat, other),
                expected="持平时增减为 0",
                actual=f"{fmt(other.value)}{unit.strip()}",
                where=where_of(flat),
            )
            return


# --- JS603 parts add up ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Breakdown:
    """A total and the parts the explanation breaks it into."""

    label: str
    total: str
    parts: tuple[str, ...]
    topics: frozenset[str] | None
    counts: bool = False  # counted items (辆, 个) add up exactly
    # True where reports usually list only the non-zero parts (收入, 支出, “三公”经费, 政府采购,
    # 车辆): a partial list is checked, and a shortfall is reported as a warning.  Otherwise
    # the breakdown is checked only when every part is stated.
    partial: bool = False


_INCOME_PARTS_FISCAL = (
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
_INCOME_PARTS_SPLIT = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    *_INCOME_PARTS_FISCAL[1:],
)
_VEHICLE_USES = (
    "一般公务用车",
    "部级领导干部用车",
    "主要领导干部用车",
    "主要负责人用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部用车",
    "其他用车",
)
_CAR_TYPES = ("（轿车）", "（越野车）", "（载客汽车）")

#: Uses of the year's expense; 单位预留机动经费 is a budget's (预算) reserve, beside 基本/项目.
_EXPENSE_PARTS = (
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
    "单位预留机动经费",
)

_BREAKDOWNS = (
    _Breakdown(
        "本年收入合计", "本年收入合计", _INCOME_PARTS_FISCAL, frozenset({"income"}), partial=True
    ),
    _Breakdown(
        "本年收入合计", "本年收入合计", _INCOME_PARTS_SPLIT, frozenset({"income"}), partial=True
    ),
    _Breakdown(
        "本年支出合计", "本年支出合计", _EXPENSE_PARTS, frozenset({"expense"}), partial=True
    ),
    _Breakdown(
        "一般公共预算财政拨款基本支出",
        "一般公共预算财政拨款基本支出",
        ("人员经费", "公用经费"),
        frozenset({"basic"}),
    ),
    _Breakdown(
        "“三公”经费",
        "“三公”经费",
        ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"),
        SANGONG_TOPICS,
        partial=True,
    ),
    _Breakdown(
        "公务用车购置及运行维护费",
        "公务用车购置及运行维护费",
        ("公务用车购置费", "公务用车运行维护费"),
        SANGONG_TOPICS,
    ),
    _Breakdown("公务接待费", "公务接待费", ("国内公务接待", "外事接待"), SANGONG_TOPICS),
    _Breakdown(
        "政府采购总额",
        "政府采购总额",
        ("政府采购货物", "政府采购工程", "政府采购服务"),
        None,
        partial=True,
    ),
    _Breakdown(
        "更新购置公务用车数",
        "更新购置公务用车",
        tuple("更新购置公务用车" + t for t in _CAR_TYPES),
        SANGONG_TOPICS,
        counts=True,
    ),
    _Breakdown(
        "公务用车购置费",
        "公务用车购置费",
        tuple("更新购置公务用车" + t for t in _CAR_TYPES),
        SANGONG_TOPICS,
    ),
    _Breakdown(
        "公务用车保有量",
        "公务用车保有量",
        tuple("公务用车保有量" + t for t in _CAR_TYPES),
        SANGONG_TOPICS,
        counts=True,
    ),
    _Breakdown("车辆", "车辆", _VEHICLE_USES, None, counts=True, partial=True),
    _Breakdown(
        "绩效自评项目",
        "绩效自评项目",
        ("绩效评级优项目", "绩效评级良项目", "绩效评级合格项目", "绩效评级不合格项目"),
        None,
        counts=True,
    ),
    _Breakdown(
        "非财政拨款项目",
        "非财政拨款项目",
        ("实际实施的非财政拨款项目", "取消实施项目"),
        None,
        counts=True,
    ),
    _Breakdown(
        "绩效自评发现问题",
        "绩效自评发现问题",
        ("已完成整改问题", "正在整改问题"),
        None,
        counts=True,
    ),
)

# A whole and disjoint parts of it stated separately; the parts may not exceed the whole.
_BOUNDS = (
    ("政府采购总额", ("授予中小企业合同金额",)),
    ("授予中小企业合同金额", ("授予小微企业合同金额",)),
    ("面向中小企业预留项目预算金额", ("面向小微企业预留项目预算金额",)),
    ("政府采购总额", ("面向中小企业预留项目中小企业中标金额", "其他项目中小企业中标金额")),
)


def _value_of(
    facts: Facts, subject: str, topics: frozenset[str] | None, counts: bool
) -> Statement | None:
    for s in facts.of(subject, None, topics):
        if counts and s.measure == "count" and count_of(s) is not None:
            return s
        if not counts and s.measure in ACTUAL_MEASURES and money_of(s) is not None:
            return s
    return None


def _breakdown_hits(facts: Facts, b: _Breakdown) -> Iterator[Hit]:
    total_stmt = _value_of(facts, b.total, b.topics, b.counts)
    if total_stmt is None:
        return
    stated = [
        p for part in b.parts if (p := _value_of(facts, part, b.topics, b.counts)) is not None
    ]
    if not stated or (len(stated) < len(b.parts) and not b.partial):
        return
    if b.label == "公务接待费" and facts.of("外宾接待", None, b.topics):
        return  # Shanghai: 国内公务接待 includes 外宾接待 (“含外宾接待”)
    total = total_stmt.value
    assert isinstance(total, Decimal)
    values = [p.value for p in stated if isinstance(p.value, Decimal)]
    parts_sum = sum(values, ZERO)
    diff = parts_sum - total
    if diff == 0:
        return
    complete = len(stated) == len(b.parts)
    tolerance = ZERO if b.counts else sum_tolerance(len(stated))

    def show(value: Decimal) -> str:
        return f"{fmt(value)} {total_stmt.unit}" if b.counts else f"{money(value)} 万元"

    names = "、".join(f"{p.subject} {show(v)}" for p, v in zip(stated, values, strict=True))
    severity: Severity | None = None
    note = ""
    if abs(diff) <= tolerance:
        severity = Severity.INFO
        note = f"，在各项分别四舍五入的误差范围（±{money(tolerance)} 万元）内"
    elif diff < 0 and not complete:
        severity = Severity.WARNING
        note = "，部分项目未在说明中列示，差额去向不明"
    yield Hit(
        message=(
            f"{where_of(total_stmt)}“{b.label}”为 {show(total)}，所列各项（{names}）"
            f"合计 {show(parts_sum)}，相差 {show(abs(diff))}{note}。"
        ),
        evidence=_evidence(total_stmt, *stated),
        expected=show(parts_sum),
        actual=show(total),
        severity=severity,
        where=where_of(total_stmt),
    )


def _bound_hits(facts: Facts, whole_subject: str, part_subjects: tuple[str, ...]) -> Iterator[Hit]:
    whole = _value_of(facts, whole_subject, None, False)
    parts = [
        p for subject in part_subjects if (p := _value_of(facts, subject, None, False)) is not None
    ]
    if whole is None or len(parts) != len(part_subjects):
        return
    whole_value = money_of(whole)
    assert whole_value is not None
    parts_sum = sum((money_of(p) or ZERO for p in parts), ZERO)
    excess = parts_sum - whole_value
    if excess <= sum_tolerance(len(parts) + 1):
        return
    names = "与".join(f"“{p.subject}”{money(money_of(p))} 万元" for p in parts)
    yield Hit(
        message=(
            f"{where_of(whole)}{names}{'之和' if len(parts) > 1 else ''}超过“{whole_subject}”"
            f"{money(whole_value)} 万元，多出 {money(excess)} 万元。"
        ),
        evidence=_evidence(whole, *parts),
        expected=f"不超过 {money(whole_value)} 万元",
        actual=f"{money(parts_sum)} 万元",
        severity=Severity.WARNING,
        where=where_of(whole),
    )


@rule(
    "JS603",
    applies_to=BOTH_KINDS,
    name="narrative-parts-sum",
    title="说明中各分项之和与合计不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
说明中“合计 X，其中：A…、B…、C…”的各项之和应等于合计：本年收入合计与各项收入，本年支出
合计与基本支出、项目支出等，基本支出与人员经费、公用经费，“三公”经费与三项费用，公务用车
购置及运行维护费与购置费、运行维护费，政府采购总额与货物、工程、服务，车辆总数与按用途
分列的车辆数，绩效评级各档项目数与自评项目数等。金额各自四舍五入，差额在 sum_tolerance(n)
以内只作提示；数量必须严格相等。中小企业合同金额等“其中”项不得超过其总额。
""",
    bad="一般公共预算财政拨款基本支出 105.58 万元，其中人员经费 95.36 万元、公用经费 12.23 万元。",
    good="一般公共预算财政拨款基本支出 105.58 万元，其中人员经费 95.36 万元、公用经费 10.22 万元。",
    tolerance=(
        "sum_tolerance(n)：n 个分别四舍五入的金额之和与合计相差不超过 0.005×n"
        "（向上取整到分）为提示；数量不允许差异。"
    ),
    suggestion="核对各分项与合计，改正抄错或漏列的数字。",
)
def parts_sum(doc: Disclosure) -> Iterator[Hit]:
    if not doc.statements:
        raise NotApplicable("情况说明中没有数字")
    facts = Facts(doc.statements)
    income_split = bool(facts.of("财政拨款收入", None, frozenset({"income"})))
    for b in _BREAKDOWNS:
        if b.label == "本年收入合计" and (b.parts[0] == "财政拨款收入") != income_split:
            continue
        yield from _breakdown_hits(facts, b)
    for whole, parts in _BOUNDS:
        yield from _bound_hits(facts, whole, parts)


# --- JS604 shares of a complete breakdown make 100% -------------------------------------------


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
        frozenset({"income"}),
        _INCOME_PARTS_FISCAL + _INCOME_PARTS_SPLIT[:3],
    ),
    _ShareGroup("本年支出合计", "本年支出合计", frozenset({"expense"}), _EXPENSE_PARTS),
    _ShareGroup(
        "一般公共预算财政拨款支出",
        "一般公共预算财政拨款支出",
        frozenset({"general_budget_structure"}),
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
        if s.measure != "share" or s.topic not in g.topics or percent_of(s) is None:
            continue
        if g.parts is None and (s.code is None or len(s.code) != 3):
            continue
        if g.parts is not None and s.subject not in g.parts:
            continue
        part = money_of(facts.before(s, ACTUAL_MEASURES, {"share"}))
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
        evidence=_evidence(total_stmt, *shares),
        expected="100%",
        actual=f"{fmt(total_share)}%",
        severity=severity,
        where=where_of(total_stmt),
    )


def _share_consistent(s: Statement, part: Decimal, total: Decimal) -> bool:
    printed = percent_of(s)
    interval = share_interval(part, total)
    if printed is None or interval is None:
        return False
    verdict = judge_percent(printed, part / total * HUNDRED, interval, share_singles(part, total))
    return verdict.severity in (None, Severity.INFO)


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
    bad="基本支出占 34.30%，项目支出占 66.70%（合计 101.00%）。",
    good="基本支出占 34.30%，项目支出占 65.70%。",
    tolerance="每个非零分项的占比允许半个末位（两位小数为 0.005 个百分点）的舍入差。",
    suggestion="重新计算各项占比，使其合计为 100%。",
)
def shares_not_100(doc: Disclosure) -> Iterator[Hit]:
    if not any(s.measure == "share" for s in doc.statements):
        raise NotApplicable("情况说明中没有占比")
    facts = Facts(doc.statements)
    for g in _SHARE_GROUPS:
        hit = _share_group_hit(facts, g)
        if hit is not None:
            yield hit


# --- JS605 completion rate -------------------------------------------------------------------


def _completion_parts(
    facts: Facts, s: Statement
) -> tuple[Statement | None, Statement | None, Statement | None]:
    """(actual, budget it is a rate of, the other budget) stated with a completion rate."""
    stop = COMPLETION_MEASURES
    actual = facts.before(s, ACTUAL_MEASURES, stop)
    initial = facts.before(s, {"budget_initial"}, stop)
    full = facts.before(s, {"budget"}, stop)
    if s.measure == "completion_rate_initial":
        return actual, initial or full, full if initial else None
    return actual, full or initial, initial if full else None


@rule(
    "JS605",
    applies_to=BOTH_KINDS,
    name="completion-rate-wrong",
    title="完成预算比例与预算数、决算数不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“年初（全年）预算为 X 万元，支出决算为 Y 万元，完成预算 Z%”中 Z 应等于 Y ÷ X。按区间判断
（金额各按 ±0.005 万元）；差一个末位为警告，更大为错误。预算为 0 时“完成年初预算的 95.89%”
没有意义（常见于把全年预算的完成率写成年初预算的完成率；比例与同句的全年预算相符时为警告）；
支出为 0 时完成率只能是 0%（预算为 0 时无从计算），写成 100% 为警告。
""",
    bad="年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%。",
    good="年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.46%。",
    tolerance="区间判断：差一个末位单位为警告，更大为错误；区间内而与按印刷数计算不同为提示。",
    suggestion="按“决算数 ÷ 预算数”重新计算，并写明是年初预算还是全年预算。",
)
def completion_rate_wrong(doc: Disclosure) -> Iterator[Hit]:
    rates = [
        s for s in doc.statements if s.measure in COMPLETION_MEASURES and percent_of(s) is not None
    ]
    if not rates:
        raise NotApplicable("情况说明中没有完成预算比例")
    facts = Facts(doc.statements)
    for s in rates:
        printed = percent_of(s)
        assert printed is not None
        actual_stmt, budget_stmt, other_stmt = _completion_parts(facts, s)
        actual, budget = money_of(actual_stmt), money_of(budget_stmt)
        which = "年初预算" if s.measure == "completion_rate_initial" else "预算"
        if actual is None:
            continue
        if budget is None:
            if actual == 0 and printed != 0:
                yield Hit(
                    message=(
                        f"{where_of(s)}“{s.subject}”支出为 0 万元，却称完成{which} "
                        f"{fmt(printed)}%：支出为 0 时完成比例只能是 0%（预算为 0 时无从计算）。"
                    ),
                    evidence=_evidence(s, actual_stmt),
                    expected="0%",
                    actual=f"{fmt(printed)}%",
                    severity=Severity.WARNING,
                    where=where_of(s),
                )
            continue
        assert budget_stmt is not None
        if budget == 0:
            if actual == 0:
                continue  # 0 of 0: any convention
            yield _zero_budget_hit(s, printed, actual, actual_stmt, budget_stmt, other_stmt)
            continue
        interval = share_interval(actual, budget)
        if interval is None:
            continue
        verdict = judge_percent(
            printed, actual / budget * HUNDRED, interval, share_singles(actual, budget)
        )
        if verdict.severity is None:
            continue
        note = ""
        if verdict.severity is Severity.INFO:
            note = f"；考虑金额舍入（{interval_text(interval)}），所印比例仍可能成立"
        budget_name = (
            "年初预算"
            if budget_stmt.measure == "budget_initial"
            else "全年预算"
            if budget_stmt.measure == "budget"
            else "预算"
        )
        yield Hit(
            message=(
                f"{where_of(s)}“{s.subject}”{budget_name} {money(budget)} 万元、支出决算 "
                f"{money(actual)} 万元，完成比例应为 {fmt(verdict.expected)}%，说明为 "
                f"{fmt(printed)}%{note}。"
            ),
            evidence=_evidence(s, budget_stmt, actual_stmt),
            expected=f"{fmt(verdict.expected)}%",
            actual=f"{fmt(printed)}%",
            severity=verdict.severity,
            where=where_of(s),
        )


def _zero_budget_hit(
    s: Statement,
    printed: Decimal,
    actual: Decimal,
    actual_stmt: Statement | None,
    budget_stmt: Statement,
    other_stmt: Statement | None,
) -> Hit:
    budget_name = "年初预算" if budget_stmt.measure == "budget_initial" else "预算"
    other = money_of(other_stmt)
    explained = ""
    severity = Severity.ERROR
    if other is not None and other > 0:
        interval = share_interval(actual, other)
        if interval is not None:
            verdict = judge_percent(
                printed, actual / other * HUNDRED, interval, share_singles(actual, other)
            )
            if verdict.severity in (None, Severity.INFO):
                other_name = (
                    "全年预算" if other_stmt and other_stmt.measure == "budget" else "年初预算"
                )
                explained = (
                    f"；该比例与{other_name} {money(other)} 万元相符，"
                    f"应写作“完成{other_name}的 {fmt(printed)}%”"
                )
                severity = Severity.WARNING
    return Hit(
        message=(
            f"{where_of(s)}“{s.subject}”{budget_name}为 {money_of(budget_stmt)} 万元，"
            f"支出决算 {money(actual)} 万元，却称完成{budget_name}的 {fmt(printed)}%："
            f"对 0 预算无从计算完成比例{explained}。"
        ),
        evidence=_evidence(s, budget_stmt, other_stmt, actual_stmt),
        expected="无从计算（预算为 0）",
        actual=f"{fmt(printed)}%",
        severity=severity,
        where=where_of(s),
    )


# --- JS606 大于/小于/等于预算数 -------------------------------------------------------------------


@rule(
    "JS606",
    applies_to=BOTH_KINDS,
    name="budget-direction-wrong",
    title="“决算数大于/小于/等于预算数”与所述数字不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“决算数小于预算数的主要原因”之类的表述必须与同一段给出的预算数和决算数（或完成预算比例）
一致：完成比例低于 100% 就是小于，高于 100% 就是大于，预算数与决算数相同就是等于（持平）。
模板备选用语未取舍（“大于（小于）”）由模板残留规则报告。
""",
    bad="全年预算为 52.00 万元，支出决算为 51.32 万元。决算数大于全年预算数的主要原因……",
    good="全年预算为 52.00 万元，支出决算为 51.32 万元。决算数小于全年预算数的主要原因……",
    suggestion="按预算数与决算数的实际大小改正表述。",
)
def budget_direction_wrong(doc: Disclosure) -> Iterator[Hit]:
    words = [s for s in doc.statements if s.measure == "budget_direction"]
    if not words:
        raise NotApplicable("情况说明中没有预决算比较用语")
    facts = Facts(doc.statements)
    stop = {"budget_direction"}
    for s in words:
        word = s.value if isinstance(s.value, str) else ""
        if word not in CLEAN_BUDGET_DIRECTIONS:
            continue
        said = CLEAN_BUDGET_DIRECTIONS[word]
        actual_stmt = facts.before(s, ACTUAL_MEASURES, stop)
        full = facts.before(s, {"budget"}, stop)
        initial = facts.before(s, {"budget_initial"}, stop)
        rate_stmt = facts.before(s, COMPLETION_MEASURES, stop)
        actual = money_of(actual_stmt)
        truth: int | None = None
        certain = True
        basis: list[Statement | None] = []
        budget_stmt = full if money_of(full) is not None else initial
        budget = money_of(budget_stmt)
        if actual is not None and budget is not None:
            if full is not None and initial is not None and money_of(initial) is not None:
                other = money_of(initial) if budget_stmt is full else money_of(full)
                assert other is not None
                if (actual > budget) != (actual > other) or (actual < budget) != (actual < other):
                    continue  # the two budgets disagree: which one is meant is unclear
            diff = actual - budget
            truth = (diff > 0) - (diff < 0)
            certain = abs(diff) > CENT  # within a cent the unrounded amounts may say otherwise
            basis = [budget_stmt, actual_stmt]
            detail = f"预算 {money(budget)} 万元、决算 {money(actual)} 万元"
        else:
            rate = percent_of(rate_stmt)
            if rate is None or rate == HUNDRED:
                continue
            truth = 1 if rate > HUNDRED else -1
            basis = [rate_stmt]
            detail = f"完成预算 {fmt(rate)}%"
        if truth == said:
            continue
        expected = {1: "大于", -1: "小于", 0: "等于"}[truth]
        yield Hit(
            message=f"{where_of(s)}称“{s.subject}”决算数{word}预算数，但{detail}，应为“{expected}”。",
            evidence=_evidence(s, *basis),
            expected=expected,
            actual=word,
            severity=None if certain else Severity.WARNING,
            where=where_of(s),
        )
