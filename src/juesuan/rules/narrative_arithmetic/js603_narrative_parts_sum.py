"""JS603: the parts the explanation lists add up to the total they break down; parts of a whole
do not exceed it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from juesuan import catalog
from juesuan.model import Disclosure, DocKind, Measure, Statement, Topic
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, decimals_of, half_unit, money, money_half, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative_arithmetic._shared import (
    EXPENSE_PARTS,
    INCOME_PARTS_FISCAL,
    INCOME_PARTS_SPLIT,
    statement_evidence,
)
from juesuan.rules.narrative_breakdown import (
    change_sum,
    change_sum_message,
    in_scope,
    pick,
    quoted,
    top_section,
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
from juesuan.rules.narrative_figures import figure, holds, plain
from juesuan.structure.paths import split_path

#: Parts that are not fixed subjects: the 类 amounts of 五（二）, the 类/款/项 items of 五（三）.
Listed = Literal["classes", "items"]


@dataclass(frozen=True, slots=True)
class _Breakdown:
    """A total and the parts the explanation breaks it into."""

    label: str
    total: str
    parts: tuple[str, ...] | Listed
    topics: frozenset[str] | None
    counts: bool = False  # counted items (辆, 个) add up exactly
    # True where reports usually list only the non-zero parts (收入, 支出, “三公”经费, 政府采购,
    # 车辆): a partial list is checked, and a shortfall is reported as a warning.  Otherwise
    # the breakdown is checked only when every part is stated.
    partial: bool = False
    measures: frozenset[str] = ACTUAL_MEASURES  # what is summed: amounts, or budgets
    part_topics: frozenset[str] | None = None  # where listed parts are read (None: ``topics``)

    @property
    def fixed(self) -> tuple[str, ...]:
        return self.parts if isinstance(self.parts, tuple) else ()


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

_GENERAL = "一般公共预算财政拨款支出"
_GENERAL_TOPICS = frozenset(
    {
        "general_budget",
        "general_budget_overall",
        "general_budget_structure",
        "general_budget_detail",
    }
)
_STRUCTURE = frozenset({Topic.GENERAL_BUDGET_STRUCTURE})
_DETAIL = frozenset({Topic.GENERAL_BUDGET_DETAIL})
_SANGONG_PARTS = ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")

_BREAKDOWNS = (
    _Breakdown(
        "本年收入合计", "本年收入合计", INCOME_PARTS_FISCAL, frozenset({Topic.INCOME}), partial=True
    ),
    _Breakdown(
        "本年收入合计", "本年收入合计", INCOME_PARTS_SPLIT, frozenset({Topic.INCOME}), partial=True
    ),
    _Breakdown(
        "本年支出合计", "本年支出合计", EXPENSE_PARTS, frozenset({Topic.EXPENSE}), partial=True
    ),
    _Breakdown(
        "一般公共预算财政拨款基本支出",
        "一般公共预算财政拨款基本支出",
        ("人员经费", "公用经费"),
        frozenset({Topic.BASIC}),
    ),
    _Breakdown("“三公”经费", "“三公”经费", _SANGONG_PARTS, SANGONG_TOPICS, partial=True),
    # budgets of the “三公” items: checked when every item states the same kind of budget
    _Breakdown(
        "“三公”经费",
        "“三公”经费",
        _SANGONG_PARTS,
        SANGONG_TOPICS,
        measures=frozenset({Measure.BUDGET}),
    ),
    _Breakdown(
        "“三公”经费",
        "“三公”经费",
        _SANGONG_PARTS,
        SANGONG_TOPICS,
        measures=frozenset({Measure.BUDGET_INITIAL}),
    ),
    # 五（二）: the 类 of the 一般公共预算 expenditure; 五（三）: its 类/款/项 items
    _Breakdown(_GENERAL, _GENERAL, "classes", _STRUCTURE, partial=True),
    _Breakdown(_GENERAL, _GENERAL, "items", _GENERAL_TOPICS, partial=True, part_topics=_DETAIL),
    _Breakdown(
        _GENERAL,
        _GENERAL,
        "items",
        _GENERAL_TOPICS,
        partial=True,
        measures=frozenset({Measure.BUDGET}),
        part_topics=_DETAIL,
    ),
    _Breakdown(
        _GENERAL,
        _GENERAL,
        "items",
        _GENERAL_TOPICS,
        partial=True,
        measures=frozenset({Measure.BUDGET_INITIAL}),
        part_topics=_DETAIL,
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

#: The 类/款/项 items of 五（三） with their 支出决算数.
_ITEMS = next(b for b in _BREAKDOWNS if b.parts == "items" and b.measures == ACTUAL_MEASURES)

# A whole and disjoint parts of it stated separately; the parts may not exceed the whole.
_BOUNDS = (
    ("政府采购总额", ("授予中小企业合同金额",)),
    ("授予中小企业合同金额", ("授予小微企业合同金额",)),
    ("面向中小企业预留项目预算金额", ("面向小微企业预留项目预算金额",)),
    ("政府采购总额", ("面向中小企业预留项目中小企业中标金额", "其他项目中小企业中标金额")),
)


def _valued(s: Statement, counts: bool, measures: frozenset[str]) -> bool:
    if counts:
        return s.measure == Measure.COUNT and count_of(s) is not None
    return s.measure in measures and money_of(s) is not None


def _value_of(
    facts: Facts, subject: str, topics: frozenset[str] | None, counts: bool
) -> Statement | None:
    for s in facts.of(subject, None, topics):
        if _valued(s, counts, ACTUAL_MEASURES):
            return s
    return None


def _is_leaf_path(s: Statement, others: Sequence[Statement]) -> bool:
    """A 类/款/项 item printed as a path that no other item of the list extends (a 款 printed
    above its 项 is not counted twice)."""
    if "（" not in s.subject or not s.subject.endswith(("（类）", "（款）", "（项）")):
        return False
    return not any(o.subject != s.subject and o.subject.startswith(s.subject) for o in others)


def _classes(facts: Facts, b: _Breakdown, total: Statement) -> list[Statement]:
    """The 类 amounts listed in ``total``'s section (五（二）), one per 类."""
    candidates = [
        s
        for s in facts.statements
        if s.code is not None
        and len(s.code) == 3
        and "（类）" not in s.subject
        and (b.topics is None or s.topic in b.topics)
        and _valued(s, False, b.measures)
    ]
    return _distinct(in_scope(candidates, total))


def _item_lists(facts: Facts, b: _Breakdown) -> list[list[Statement]]:
    """The 类/款/项 items of 五（三） (one list per top-level section), one per subject."""
    topics = b.part_topics
    paths = [
        s
        for s in facts.statements
        if (topics is None or s.topic in topics) and s.subject.endswith(("（款）", "（项）"))
    ]
    leaves = [s for s in paths if s.measure in b.measures and _is_leaf_path(s, paths)]
    lists: dict[str, list[Statement]] = {}
    for s in leaves:
        lists.setdefault(top_section(s.section), []).append(s)
    # an item printed in another unit (“11.80元”): the unit rule reports it, the sum is moot
    return [
        _distinct(items) for items in lists.values() if all(money_of(s) is not None for s in items)
    ]


def _distinct(statements: list[Statement]) -> list[Statement]:
    seen: set[str] = set()
    out: list[Statement] = []
    for s in statements:
        if s.subject not in seen:
            seen.add(s.subject)
            out.append(s)
    return out


def _groups(facts: Facts, b: _Breakdown) -> Iterator[tuple[Statement, list[Statement]]]:
    """Each stated total with the parts listed for it in its section (a total stated twice
    with the same parts is checked once)."""
    totals = [s for s in facts.of(b.total, None, b.topics) if _valued(s, b.counts, b.measures)]
    if b.parts == "items":
        for items in _item_lists(facts, b):
            total = pick(totals, items[0])
            if total is not None and len(items) >= 2:
                yield total, items
        return
    seen: set[tuple[object, ...]] = set()
    for total in totals:
        if b.parts == "classes":
            parts = _classes(facts, b, total)
            if len(parts) < 2:
                continue
        else:
            parts = []
            for part in b.fixed:
                candidates = [
                    s for s in facts.of(part, None, b.topics) if _valued(s, b.counts, b.measures)
                ]
                if (p := pick(candidates, total)) is not None:
                    parts.append(p)
        key = (total.value, *(id(p) for p in parts))
        if key in seen:
            continue
        seen.add(key)
        yield total, parts


def _breakdown_hits(
    doc: Disclosure, facts: Facts, b: _Breakdown, by_class: dict[str, Decimal]
) -> Iterator[Hit]:
    for total_stmt, stated in _groups(facts, b):
        # the 类 whose items do not add up (reported each) may explain the whole difference
        explained = by_class.get(top_section(total_stmt.section))
        if explained is not None and b.parts == "classes":
            explained = -explained
        elif b is not _ITEMS:
            explained = None
        yield from _group_hits(doc, facts, b, total_stmt, stated, explained)


def _group_hits(
    doc: Disclosure,
    facts: Facts,
    b: _Breakdown,
    total_stmt: Statement,
    stated: list[Statement],
    explained: Decimal | None = None,
) -> Iterator[Hit]:
    fixed = isinstance(b.parts, tuple)
    if not stated or (fixed and len(stated) < len(b.fixed) and not b.partial):
        return
    if b.label == "公务接待费" and facts.of("外宾接待", None, b.topics):
        return  # Shanghai: 国内公务接待 includes 外宾接待 (“含外宾接待”)
    total = total_stmt.value
    assert isinstance(total, Decimal)
    values = [p.value for p in stated if isinstance(p.value, Decimal)]
    parts_sum = sum(values, ZERO)
    diff = parts_sum - total
    complete = fixed and len(stated) == len(b.fixed)
    tolerance = ZERO if b.counts else sum_tolerance(len(stated))
    if diff != 0:
        if abs(diff) > tolerance and not b.counts and _holds_with_tables(doc, total_stmt, stated):
            return  # a stated amount disagrees with its table (JS501–JS506 report it) and the
            # table's figure makes the sum hold: one root cause, one finding
        if explained is not None and abs(diff - explained) <= tolerance:
            return  # the 类 that do not add up, reported each, make the whole difference
        yield _sum_hit(b, total_stmt, stated, values, diff, tolerance, complete)
    if complete and not b.counts and b.measures == ACTUAL_MEASURES:
        yield from _change_hits(doc, facts, b, total_stmt, stated)


_MEASURE_NAMES: dict[frozenset[str], str] = {
    frozenset({Measure.BUDGET}): "全年预算",
    frozenset({Measure.BUDGET_INITIAL}): "年初预算",
}


def _sum_hit(
    b: _Breakdown,
    total_stmt: Statement,
    stated: list[Statement],
    values: list[Decimal],
    diff: Decimal,
    tolerance: Decimal,
    complete: bool,
    of_class: bool = False,
) -> Hit:
    total = total_stmt.value
    assert isinstance(total, Decimal)

    def show(value: Decimal) -> str:
        return f"{fmt(value)} {total_stmt.unit}" if b.counts else f"{money(value)} 万元"

    if isinstance(b.parts, tuple):
        names = "、".join(f"{p.subject} {show(v)}" for p, v in zip(stated, values, strict=True))
        listed = f"所列各项（{names}）"
    else:
        what = "类" if b.parts == "classes" else "科目"
        place = "" if stated[0].section == total_stmt.section else where_of(stated[0])
        listed = f"{place}所列{'该类的' if of_class else ''} {len(stated)} 个{what}"
    parts_sum = sum(values, ZERO)
    severity: Severity | None = None
    note = ""
    if abs(diff) <= tolerance:
        severity = Severity.INFO
        note = f"，在各项分别四舍五入的误差范围（±{money(tolerance)} 万元）内"
    elif diff < 0 and not complete:
        severity = Severity.WARNING
        note = "，部分项目未在说明中列示，差额去向不明"
    return Hit(
        message=(
            f"{where_of(total_stmt)}{quoted(b.label)}{_MEASURE_NAMES.get(b.measures, '')}为 "
            f"{show(total)}，{listed}"
            f"合计 {show(parts_sum)}，相差 {show(abs(diff))}{note}。"
        ),
        evidence=statement_evidence(total_stmt, *stated),
        expected=show(parts_sum),
        actual=show(total),
        severity=severity,
        where=where_of(total_stmt),
    )


def _class_of(s: Statement) -> str | None:
    """The 类 code of a 类/款/项 item: from its code, else from its 类 name."""
    if s.code is not None and len(s.code) >= 3:
        return s.code[:3]
    name = split_path(s.subject).get("类", "").replace(" ", "")
    names = catalog.functional_class_names()
    for candidate in (name, f"{name}支出", name.removesuffix("支出")):
        if candidate in names:
            return names[candidate]
    return None


def _class_item_hits(doc: Disclosure, facts: Facts) -> Iterator[tuple[Hit, str, Decimal]]:
    """Each 类 amount of 五（二） against the 项 of that 类 listed in 五（三）: (the finding,
    its top-level section, the difference items − 类)."""
    lists = _item_lists(facts, _ITEMS)
    classes = [
        s
        for s in facts.statements
        if s.code is not None
        and len(s.code) == 3
        and "（类）" not in s.subject
        and s.topic in _STRUCTURE
        and _valued(s, False, ACTUAL_MEASURES)
    ]
    seen: set[str] = set()
    for c in classes:
        if c.subject in seen:
            continue
        seen.add(c.subject)
        items = next((i for i in lists if top_section(i[0].section) == top_section(c.section)), [])
        codes = [_class_of(i) for i in items]
        if not items or any(code is None for code in codes):
            continue  # an item whose 类 is not known: the 类 sums are not certain
        parts = [i for i, code in zip(items, codes, strict=True) if code == c.code]
        if not parts:
            continue
        values = [money_of(p) or ZERO for p in parts]
        total = money_of(c)
        assert total is not None
        diff = sum(values, ZERO) - total
        tolerance = sum_tolerance(len(parts))
        if diff == 0 or (abs(diff) <= tolerance and len(parts) == 1):
            continue
        if abs(diff) > tolerance and _holds_with_tables(doc, c, parts):
            continue
        b = _Breakdown(c.subject, c.subject, "items", _STRUCTURE, partial=True)
        hit = _sum_hit(b, c, parts, values, diff, tolerance, False, of_class=True)
        yield hit, top_section(c.section), diff


def _holds_with_tables(doc: Disclosure, total_stmt: Statement, parts: list[Statement]) -> bool:
    """Whether the sum holds (within rounding) once stated amounts that disagree with their
    tables are replaced by the tables' figures."""
    figures = [figure(doc, s) or plain(ZERO) for s in [total_stmt, *parts]]
    tolerance = sum_tolerance(len(parts))

    def adds_up(values: tuple[Decimal, ...]) -> bool:
        return abs(sum(values[1:], ZERO) - values[0]) <= tolerance

    return holds(figures, adds_up)


def _half(doc: Disclosure) -> Callable[[Decimal], Decimal]:
    """Half a unit of a printed change: to the cent at least (决算), as printed (预算)."""
    if doc.kind is DocKind.BUDGET:
        return lambda c: half_unit(c, decimals_of(c))
    return money_half


def _impossible(facts: Facts, doc: Disclosure) -> Callable[[Statement], bool]:
    """An increase larger than this year's amount (JS601/JS942 report it)."""

    def check(change: Statement) -> bool:
        direction = facts.before(change, {Measure.DIRECTION}, {Measure.CHANGE_AMOUNT})
        amount = facts.before(change, ACTUAL_MEASURES, {Measure.CHANGE_AMOUNT})
        increase, this_year = money_of(change), money_of(amount)
        if direction is None or direction.value != "增加" or increase is None:
            return False
        if this_year is None:
            return False
        half = _half(doc)
        return this_year + half(this_year) < increase - half(increase)

    return check


def _change_hits(
    doc: Disclosure, facts: Facts, b: _Breakdown, total_stmt: Statement, stated: list[Statement]
) -> Iterator[Hit]:
    found = change_sum(
        facts, total_stmt, stated, ACTUAL_MEASURES, _half(doc), _impossible(facts, doc)
    )
    if found is None:
        return
    total_change, changes, parts_sum = found
    yield Hit(
        message=change_sum_message(where_of(total_stmt), b.label, total_change, stated, changes),
        evidence=statement_evidence(total_stmt, *stated),
        expected=money(parts_sum),
        actual=fmt(total_change),
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
合计与基本支出、项目支出等，基本支出与人员经费、公用经费，“三公”经费与三项费用（决算数，
以及三项都写明时的年初预算、全年预算），公务用车购置及运行维护费与购置费、运行维护费，政府
采购总额与货物、工程、服务，车辆总数与按用途分列的车辆数，绩效评级各档项目数与自评项目数等；
一般公共预算财政拨款支出与“结构情况”所列各类、与“具体情况”所列各科目（决算数、预算数），
“结构情况”中每一类与“具体情况”中该类的各科目。合计和各项在同一部分里找：先在本节，再在同
一部分的其他小节（如“三公”经费总体情况与具体情况），跨句、跨段都算。合计与各项都写了比上年
的增减额时，增减额也应相加一致。金额各自四舍五入，差额在 sum_tolerance(n) 以内只作提示；
所列各项少于合计而可能有未列的项目时为警告；数量必须严格相等。中小企业合同金额等“其中”项
不得超过其总额。说明所写金额本身与表不符（JS501–JS506 报告）而按表中金额相加成立时不再报告；
某一类的科目不符已逐类报告时，总数的同一差额不再报告（一个错误只报告一次）。
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
    income_split = bool(facts.of("财政拨款收入", None, frozenset({Topic.INCOME})))
    class_hits = list(_class_item_hits(doc, facts))
    by_class: dict[str, Decimal] = {}
    for _, top, diff in class_hits:
        by_class[top] = by_class.get(top, ZERO) + diff
    for b in _BREAKDOWNS:
        if b.label == "本年收入合计" and (b.fixed[:1] == ("财政拨款收入",)) != income_split:
            continue
        yield from _breakdown_hits(doc, facts, b, by_class)
    yield from (hit for hit, _, _ in class_hits)
    for whole, parts in _BOUNDS:
        yield from _bound_hits(facts, whole, parts)
