"""JS603: the parts the explanation lists add up to the total they break down; parts of a whole
do not exceed it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, money, sum_tolerance
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
    count_of,
    fmt,
    money_of,
    where_of,
)


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

_BREAKDOWNS = (
    _Breakdown(
        "本年收入合计", "本年收入合计", INCOME_PARTS_FISCAL, frozenset({"income"}), partial=True
    ),
    _Breakdown(
        "本年收入合计", "本年收入合计", INCOME_PARTS_SPLIT, frozenset({"income"}), partial=True
    ),
    _Breakdown("本年支出合计", "本年支出合计", EXPENSE_PARTS, frozenset({"expense"}), partial=True),
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
        evidence=statement_evidence(total_stmt, *stated),
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
        evidence=statement_evidence(whole, *parts),
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
