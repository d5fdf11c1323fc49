"""JS940: a stated share is its amount divided by the whole it is a share of (by interval)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure, Evidence, Measure, Statement, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    SANGONG_LOOKUPS,
    TOTAL_LOOKUPS,
    Cell,
    Lookup,
    budget_only,
    evidence_list,
    line,
    money_value,
    table_figure,
    this_year_income,
    where,
)
from juesuan.rules.common import (
    HUNDRED,
    ZERO,
    decimals_of,
    half_unit,
    interval_text,
    judge_percent,
    money,
    sum_tolerance,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import Facts, fmt, percent_of

#: The whole a share is of: the one the text names after 占 ("占本年支出合计的59.07%",
#: "占“三公”经费的31.14%"), else the section's total ("占59.07%" under 支出预算情况).
WHOLE_WORDS = (
    ("三公", "“三公”经费"),
    ("本年支出", "本年支出合计"),
    ("支出合计", "本年支出合计"),
    ("支出预算合计", "本年支出合计"),
    ("本年收入", "本年收入合计"),
    ("收入合计", "本年收入合计"),
    ("收入预算合计", "本年收入合计"),
)
DEFAULT_WHOLES = {"income": "本年收入合计", "expense": "本年支出合计", "sangong": "“三公”经费"}
WHOLE_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    "本年收入合计": (this_year_income,),
    "本年支出合计": TOTAL_LOOKUPS["本年支出合计"],
    "“三公”经费": SANGONG_LOOKUPS["“三公”经费"],
}
#: A 本年合计 and the 总计 beside it (the same unless money is carried over): the one the
#: section states is the whole of its shares.
WHOLE_SIBLINGS = {
    "本年收入合计": ("本年收入合计", "收入总计"),
    "本年支出合计": ("本年支出合计", "支出总计"),
}


def _carried(doc: Disclosure) -> bool:
    """Whether the 收支总表 shows money carried over (上年结转, 结转下年)."""
    for side, ref in (
        ("income", "carryover"),
        ("income", "fund_used"),
        ("expense", "carry_forward"),
    ):
        found = line(TableKind.B01, side, (ref,))(doc)
        if found is not None and found.value != 0:
            return True
    return False


_SHARE_OF = re.compile(r"占([^，。；：%\d]{1,24}?)的?(?:比重|比例|比)?为?$")
_SHARE_OF_ANY = re.compile(r"占([^，。；：%\d]{1,24}?)的?(?:比重|比例|比)?为?(?=\d)")


def whole_name(s: Statement) -> str | None:
    """The subject a share is of; None when the text names a whole this rule does not know."""
    text = "".join(s.evidence.text.split()).replace("“", "").replace("”", "")
    value = fmt(s.value) if isinstance(s.value, Decimal) else ""
    end = text.rfind(value + "%") if value else -1
    if end >= 0:
        named = _SHARE_OF.search(text[:end])
        printed = named.group(1) if named else None
    else:  # the clause as printed: the one whole it names, if any
        names = {m.group(1) for m in _SHARE_OF_ANY.finditer(text)}
        if len(names) > 1:
            return None
        printed = names.pop() if names else None
    if printed is None:
        return DEFAULT_WHOLES.get(s.topic or "")
    for word, subject in WHOLE_WORDS:
        if word in printed:
            return subject
    return None


@dataclass(slots=True)
class _Share:
    statement: Statement
    part: Decimal
    part_places: int
    alt_part: Cell | None  # the table's figure when the stated part disagrees with it
    severity: Severity | None = None
    expected: Decimal = ZERO
    interval: tuple[Decimal, Decimal] = (ZERO, ZERO)


def _ratio(
    part: Decimal, pp: int, whole: Decimal, wp: int
) -> tuple[Decimal, tuple[Decimal, Decimal], list[tuple[Decimal, Decimal]]] | None:
    """part/whole in %, its interval and the one-amount-at-a-time intervals."""
    hp, hw = half_unit(part, pp), half_unit(whole, wp)
    if whole - hw <= 0:
        return None
    lo_p, hi_p = max(part - hp, ZERO), part + hp
    point = part / whole * HUNDRED
    interval = (lo_p / (whole + hw) * HUNDRED, hi_p / (whole - hw) * HUNDRED)
    singles = [
        (lo_p / whole * HUNDRED, hi_p / whole * HUNDRED),
        (part / (whole + hw) * HUNDRED, part / (whole - hw) * HUNDRED),
    ]
    return point, interval, singles


def _whole_of(
    doc: Disclosure, facts: Facts, name: str, section: str, shares: list[Statement]
) -> tuple[Decimal, int, list[Evidence], str, Cell | None] | None:
    """(whole, its printed decimals, evidence, how to name it) for the shares of ``name``:
    its amount stated in the section (or anywhere for 本年支出合计), else the table's cell,
    else (“三公”) the three items stated with their shares."""
    names = WHOLE_SIBLINGS.get(name, (name,))
    stated = [
        t
        for t in facts.statements
        if t.subject in names
        and t.measure == Measure.AMOUNT
        and money_value(t) is not None
        and (t.section == section or name != "“三公”经费")
    ]
    # the section's own total first, the named one before its sibling
    stated.sort(key=lambda t: (t.section != section, t.subject != name))
    if stated:
        chosen = stated[0]
        value = money_value(chosen)
        assert value is not None
        return (
            value,
            decimals_of(value),
            [chosen.evidence],
            f"“{chosen.subject}”",
            table_figure(doc, chosen, value),
        )
    if name in WHOLE_SIBLINGS and _carried(doc):
        return None  # 总计 and 本年合计 differ by what is carried: which one is meant is unclear
    for look in WHOLE_LOOKUPS.get(name, ()):
        found = look(doc)
        if found is not None and found.cap is None and found.value > 0:
            return found.value, found.places, list(found.evidence), found.label, None
    if name == "“三公”经费":  # the three items stated with their shares make the whole
        parts = [facts.before(t, {Measure.AMOUNT}, {Measure.SHARE}) for t in shares]
        values = [money_value(p) for p in parts]
        if len(values) == 3 and all(v is not None for v in values):
            known = [v for v in values if v is not None]
            places = max(decimals_of(v) for v in known)
            return sum(known, ZERO), places, [], "所列三项之和", None
    return None


@rule(
    "JS940",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-share",
    title="说明中的占比与金额不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
说明写“基本支出21968万元，占59.07%”“因公出国（境）费支出160万元，占‘三公’经费的31.14%”，
占比应等于该项金额除以合计（本年收入、支出合计，“三公”经费；说明未写合计时取预算表的合计）。
金额按所印精度各有舍入，按区间判断：所印占比落在舍入区间内不报告错误。各项占比已全部列出且
为凑足 100% 调整了尾数（如 16.92% 写成 16.93%）时只作提示。说明所写金额本身与表不符时，
占比也按表中金额核对，两者都不能解释时才报告。
""",
    tolerance=(
        "区间判断：金额按所印精度 ±半个末位单位；差一个末位为警告，更大为错误；各项占比合计"
        "恰为 100% 而单项只差一个末位（尾差调整）为提示。"
    ),
    suggestion="按“该项金额 ÷ 合计”重新计算占比。",
)
def budget_narrative_share(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    shares = [s for s in doc.statements if s.measure == Measure.SHARE and percent_of(s) is not None]
    if not shares:
        raise NotApplicable("说明中没有占比")
    facts = Facts(doc.statements)
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in shares:
        name = whole_name(s)
        if name is not None:  # a whole not known here: the share is not judged
            groups[(s.section, name)].append(s)
    for (section, name), members in groups.items():
        yield from _share_group(doc, facts, name, section, members)


def _share_group(
    doc: Disclosure, facts: Facts, name: str, section: str, members: list[Statement]
) -> Iterator[Hit]:
    whole_of = _whole_of(doc, facts, name, section, members)
    if whole_of is None:
        return
    whole, whole_places, whole_evidence, whole_name, alt_whole = whole_of
    judged: list[_Share] = []
    for s in members:
        part_stmt = facts.before(s, {Measure.AMOUNT}, {Measure.SHARE})
        part = money_value(part_stmt)
        if part is None or part_stmt is None:
            continue
        share = _Share(s, part, decimals_of(part), table_figure(doc, part_stmt, part))
        _judge_share(share, whole, whole_places, alt_whole)
        judged.append(share)
    complete = _forced_to_100(judged, whole, whole_places)
    for share in judged:
        if share.severity is None:
            continue
        yield _share_hit(share, whole, whole_name, whole_evidence, complete, facts)


def _judge_share(
    share: _Share, whole: Decimal, whole_places: int, alt_whole: Cell | None = None
) -> None:
    printed = percent_of(share.statement)
    assert printed is not None
    ratio = _ratio(share.part, share.part_places, whole, whole_places)
    if ratio is None:
        return
    point, interval, singles = ratio
    verdict = judge_percent(printed, point, interval, singles)
    share.severity, share.expected, share.interval = verdict.severity, verdict.expected, interval
    if verdict.severity is None:
        return
    # a stated part or whole that disagrees with its table: the share may follow the table
    parts = [(share.part, share.part_places)]
    if share.alt_part is not None:
        parts.append((share.alt_part.value, share.alt_part.places))
    wholes = [(whole, whole_places)]
    if alt_whole is not None:
        wholes.append((alt_whole.value, alt_whole.places))
    for part, pp in parts:
        for base, bp in wholes:
            if (part, base) == (share.part, whole):
                continue
            alt = _ratio(part, pp, base, bp)
            if alt is None:
                continue
            other = judge_percent(printed, alt[0], alt[1], alt[2])
            if other.severity is None or other.severity is Severity.INFO:
                share.severity = None  # follows the table: the amount rules report the cause
                return


def _forced_to_100(judged: list[_Share], whole: Decimal, whole_places: int) -> bool:
    """Whether the shares make a complete breakdown printed to add up to exactly 100%."""
    if len(judged) < 2:
        return False
    parts = sum((j.part for j in judged), ZERO)
    places = max(j.part_places for j in judged) if judged else 2
    tolerance = half_unit(ZERO, min(places, whole_places)) * 2 * len(judged)
    if abs(parts - whole) > max(tolerance, sum_tolerance(len(judged))):
        return False
    printed = [percent_of(j.statement) or ZERO for j in judged]
    return sum(printed, ZERO) == HUNDRED


def _share_hit(
    share: _Share,
    whole: Decimal,
    whole_name: str,
    whole_evidence: list[Evidence],
    complete: bool,
    facts: Facts,
) -> Hit:
    s = share.statement
    printed = percent_of(s)
    assert printed is not None and share.severity is not None
    severity = share.severity
    unit = Decimal(1).scaleb(-decimals_of(printed))
    note = ""
    if complete and abs(printed - share.expected) <= unit:
        severity = Severity.INFO
        note = "；各项占比已全部列出且合计恰为 100%，应是为凑足 100% 调整了尾数，仅作提示"
    elif severity is Severity.INFO:
        note = f"；考虑金额舍入（{interval_text(share.interval)}），所印占比仍可能成立"
    part_stmt = facts.before(s, {Measure.AMOUNT}, {Measure.SHARE})
    return Hit(
        message=(
            f"{where(s)}“{s.subject}”{fmt(share.part)} 万元占{whole_name}（{money(whole)} 万元）"
            f"的比例应为 {fmt(share.expected)}%，说明为 {fmt(printed)}%{note}。"
        ),
        evidence=evidence_list(s, part_stmt, *whole_evidence),
        expected=f"{fmt(share.expected)}%",
        actual=f"{fmt(printed)}%",
        severity=severity,
        where=where(s),
    )
