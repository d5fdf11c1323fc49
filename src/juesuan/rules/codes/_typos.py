"""A code printed wrong on one row while its name (and amount) say which code it is.

The signals a reviewer uses, each confirmable from the document or the year's code list:

* **another table**: the same name with the same amount is printed under another code C' in
  another table, C' is not printed in this one and this row's code C not in that one;
* **the code list**: the printed name is the standard name of C' (a sibling, or a code one
  mistyped digit or two swapped digits away) while C is no code of the year;
* **the hierarchy**: the row sits under a 款 (类) its code does not belong to, its own 款 (类)
  is not printed, and that 款's amount is the sum of its rows only with this row counted.

:func:`find_typos` returns one :class:`Typo` per mistyped row; JS405 reports them, and JS401,
JS402 and JS404 leave those rows to it (one root cause, one finding).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Disclosure, Evidence
from juesuan.model.findings import Severity
from juesuan.rules.codes._shared import (
    LEVELS,
    Coded,
    code_list,
    coded_rows,
    codes_by_name,
    normalise_name,
    other_years_names,
    parent_length,
    row_amount,
    slip,
)
from juesuan.rules.common import money, table_label


@dataclass(slots=True)
class Typo:
    place: Coded  # the row whose code is taken as mistyped
    expected: str | None  # the code the row should carry (None: only its 款/类 is known)
    severity: Severity
    reasons: list[str] = field(default_factory=list)
    witnesses: list[Evidence] = field(default_factory=list)  # the other places
    either: bool = False  # one table against another: either code may be the mistyped one


def _lower(severity: Severity) -> Severity:
    return Severity.WARNING if severity is Severity.ERROR else Severity.INFO


def _known_any_year(kind: str, code: str) -> bool:
    return bool(other_years_names(kind, code))


def _nonzero(value: Decimal | None) -> bool:
    return value is not None and value != 0


def find_typos(doc: Disclosure) -> list[Typo]:
    """Rows whose printed code is taken as a typo, with the evidence for it."""
    rows = [c for c in coded_rows(doc) if normalise_name(c.row.name)]
    if not rows:
        return []
    codes_in: dict[str, set[str]] = {}
    by_name: dict[tuple[str, str], list[Coded]] = {}
    printed = Counter((c.group, c.code) for c in rows)
    for c in rows:
        codes_in.setdefault(c.group, set()).add(c.code)
        by_name.setdefault((c.kind, normalise_name(c.row.name)), []).append(c)
    found: list[Typo] = []
    reported: set[frozenset[tuple[str, str]]] = set()
    for c in rows:
        twice = printed[(c.group, c.code)] > 1
        typo = _typo(doc, c, codes_in, by_name, reported, twice)
        if typo is None:
            typo = _hierarchy_typo(doc, c, [r for r in rows if r.group == c.group], codes_in)
        if typo is not None:
            if c.table.doubts:
                typo.severity = Severity.INFO
            found.append(typo)
    return found


def _typo(
    doc: Disclosure,
    c: Coded,
    codes_in: dict[str, set[str]],
    by_name: dict[tuple[str, str], list[Coded]],
    reported: set[frozenset[tuple[str, str]]],
    twice: bool,
) -> Typo | None:
    """``twice``: the table prints this row's code on two rows (one of them is mistyped, so
    the code may also be printed in the other table)."""
    codes = code_list(c.kind, doc)
    name = normalise_name(c.row.name)
    standard = codes.names.get(c.code)
    if standard is not None and normalise_name(standard) == name:
        return None  # code and name agree with the list
    same_name = by_name[(c.kind, name)]
    if any(o.code == c.code and o.group != c.group for o in same_name):
        return None  # another table prints this code with this name: the document agrees
    amount = _amount(c)
    others = [
        o
        for o in same_name
        if o.code != c.code
        and len(o.code) == len(c.code)
        and o.group != c.group
        and o.code not in codes_in[c.group]
        and (twice or c.code not in codes_in[o.group])
        and _nonzero(amount)
        and _amount(o) == amount
    ]
    if len({o.code for o in others}) == 1:
        return _cross_table_typo(doc, c, others, reported)
    if standard is not None or _known_any_year(c.kind, c.code):
        return None  # a real code with another name: JS401 reports the name
    return _list_typo(doc, c, codes_in)


def _amount(c: Coded) -> Decimal | None:
    return row_amount(c.row)


def _cross_table_typo(
    doc: Disclosure,
    c: Coded,
    others: list[Coded],
    reported: set[frozenset[tuple[str, str]]],
) -> Typo | None:
    codes = code_list(c.kind, doc)
    right = others[0].code
    name = normalise_name(c.row.name)
    key = frozenset({(c.group, c.code), *((o.group, o.code) for o in others)})
    if key in reported:
        return None
    right_standard = codes.names.get(right)
    list_says_right = right_standard is not None and normalise_name(right_standard) == name
    wrong_standard = codes.names.get(c.code)
    tables = "、".join(dict.fromkeys(table_label(o.table) for o in others))
    where = {o.group for o in others}
    reasons = [f"{tables}中{right}印为同一名称、同一金额（{money(_amount(c))} 万元）"]
    if list_says_right:
        reasons.append(f"“{c.row.name.strip()}”是{right}的标准名称（{codes.year}年科目）")
        severity = Severity.ERROR if codes.sure(right) else Severity.INFO
    elif wrong_standard is not None:
        reasons.append(f"{c.code}在{codes.year}年科目中为“{wrong_standard}”")
        severity = Severity.ERROR if codes.sure(c.code) else Severity.INFO
    elif len(where) >= 2:
        reasons.append(f"{len(where)}张表都用{right}")
        severity = Severity.ERROR
    else:
        # one table against one, neither code in the list: one of the two is mistyped
        right_is_known = right_standard is not None or _known_any_year(c.kind, right)
        if not right_is_known and not slip(c.code, right):
            return None
        severity = Severity.WARNING
        reasons.append("两张表的编码必有一处录错")
    if not codes.established and severity is not Severity.INFO:
        severity = _lower(severity)
    reported.add(key)
    either = severity is Severity.WARNING and not list_says_right and wrong_standard is None
    witnesses = [o.row.evidence for o in others[:3]]
    return Typo(c, right, severity, reasons, witnesses, either=either and len(where) < 2)


def _list_typo(doc: Disclosure, c: Coded, codes_in: dict[str, set[str]]) -> Typo | None:
    """C is no code of the year's list and the name is the standard name of a near code."""
    codes = code_list(c.kind, doc)
    name = normalise_name(c.row.name)
    named = codes_by_name(c.kind, doc.year).get(f"{len(c.code)}:{name}", ())
    owners = [o for o in named if o not in codes_in[c.group]]
    plen = parent_length(c.kind, c.code)
    siblings = [o for o in owners if plen is not None and o[:plen] == c.code[:plen]]
    # a near code under another parent only when the row's own parent is not printed (its
    # parent digits are the mistyped ones); under a printed parent the list may just lack C
    orphan = plen is None or c.code[:plen] not in codes_in[c.group]
    near = [o for o in owners if slip(o, c.code) and (o in siblings or orphan)]
    candidates = near or siblings
    if len(candidates) != 1:
        return None
    right = candidates[0]
    reasons = [
        f"{c.code}不在{codes.year}年科目的参考目录中",
        f"“{c.row.name.strip()}”是{right}的标准名称",
    ]
    if right in near:
        reasons.append(f"{c.code}与{right}{_slip_words(c.code, right)}")
        severity = Severity.ERROR
    else:
        severity = Severity.WARNING
    if not codes.sure(right):
        severity = Severity.INFO
    return Typo(c, right, severity, reasons)


def _slip_words(a: str, b: str) -> str:
    differing = sum(x != y for x, y in zip(a, b, strict=True))
    return "只差一位数字" if differing == 1 else "相邻两位数字颠倒"


def _hierarchy_typo(
    doc: Disclosure, c: Coded, group: Sequence[Coded], codes_in: dict[str, set[str]]
) -> Typo | None:
    """The row sits under a 款 (类) that is not its own, and its own is not printed."""
    plen = parent_length(c.kind, c.code)
    if plen is None or c.code[:plen] in codes_in[c.group]:
        return None
    index = next(i for i, r in enumerate(group) if r is c)
    above = next((r for r in reversed(group[:index]) if len(r.code) <= plen), None)
    if above is None or len(above.code) != plen or c.code.startswith(above.code):
        return None
    # the 款's block: its rows up to the next row of its level or above
    block: list[Coded] = []
    start = group.index(above) + 1
    for r in group[start:]:
        if len(r.code) <= plen:
            break
        if len(r.code) == len(c.code):
            block.append(r)
    total = _amount(above)
    parts = [_amount(r) for r in block]
    amount = _amount(c)
    if total is None or amount is None or amount == 0 or any(p is None for p in parts):
        return None
    known = [p for p in parts if p is not None]
    with_row = sum(known, Decimal(0))
    if with_row != total or with_row - amount == total:
        return None
    codes = code_list(c.kind, doc)
    parent_level = LEVELS.get(plen, "")
    expected = above.code + c.code[plen:]
    standard = codes.names.get(expected)
    name = normalise_name(c.row.name)
    if standard is not None and normalise_name(standard) != name:
        expected_code: str | None = None
    else:
        expected_code = expected
    reasons = [
        f"该行印在{parent_level}“{above.code} {above.row.name.strip()}”之下，"
        f"编码却属于{parent_level}{c.code[:plen]}（表中没有该{parent_level}）",
        f"{above.code}的金额 {money(total)} 万元正好等于其下各行（含本行）之和",
    ]
    severity = Severity.ERROR if codes.established else Severity.WARNING
    return Typo(c, expected_code, severity, reasons, [above.row.evidence])


def typo_rows(doc: Disclosure) -> set[tuple[str, str]]:
    """(group, code) of the rows taken as code typos: the other code rules leave them."""
    return {(t.place.group, t.place.code) for t in find_typos(doc)}


def describe(t: Typo) -> str:
    """The finding's message."""
    c = t.place
    amount = _amount(c)
    shown = f"（{money(amount)} 万元）" if amount is not None else ""
    what = f"{table_label(c.table)}中“{c.code} {c.row.name.strip()}”{shown}的编码"
    if t.either:
        return f"{what}与另一张表不一致（{t.expected}）：" + "；".join(t.reasons) + "。"
    target = f"应为{t.expected}" if t.expected else "与所在位置不符"
    return f"{what}疑似录错，{target}：" + "；".join(t.reasons) + "。"
