"""JS523: a large component of 人员经费 / 公用经费 left out of a list that names every item."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, money
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative._descriptions import (
    NO_BASIC_TABLE,
    NO_LISTS,
    item_lists,
    read_all,
    where,
)
from juesuan.rules.tables import squash

#: A component is large when it is at least this share of its block (人员经费 or 公用经费).
LARGE_SHARE = Decimal("0.2")


@rule(
    "JS523",
    applies_to=BOTH_KINDS,
    name="narrative-item-omitted",
    title="说明列举的人员经费、公用经费内容漏了金额大的项目",
    category=Category.NARRATIVE,
    severity=Severity.INFO,
    rationale="""
基本支出情况说明列举人员经费、公用经费“主要包括”的项目时，金额最大的项目应在其中。列举未以
“等”结尾（即看似完整）却漏掉了基本支出表中占该类经费五分之一以上的科目，说明没有反映经费的
主要构成。列举以“等”或省略号结尾时不核对；说明中对应不上科目编码的词若是该科目名称的一部分
（如“工资”之于“基本工资”），视为已列。
""",
    tolerance="占人员经费或公用经费合计 20% 以上的款级科目；只作提示。",
    suggestion="在说明中补列该项目，或在列举末尾加“等”。",
)
def item_omitted(doc: Disclosure) -> Iterator[Hit]:
    lists = [lst for lst in item_lists(doc, read_all(doc)) if lst.mapped]
    if not lists:
        raise NotApplicable(NO_LISTS)
    if not any(lst.exhaustive for lst in lists):
        raise NotApplicable("说明列举的人员经费、公用经费内容均以“等”或省略号结尾，不核对漏列")
    checked = False
    for lst in lists:
        if not lst.exhaustive:
            continue
        table = lst.table
        if table is None:
            continue
        checked = True
        listed = {c for i in lst.mapped for c in i.codes}
        loose = [squash(i.word) for i in lst.items if not i.codes]
        block = [
            c
            for c, v in table.amounts.items()
            if len(c) == 5 and v > 0 and table.group_of(c) == lst.group
        ]
        total = sum((table.amounts[c] for c in block), ZERO)
        if total <= 0:
            continue
        omitted = []
        for code in sorted(block, key=lambda c: -table.amounts[c]):
            if table.amounts[code] < total * LARGE_SHARE:
                break
            if code in listed or code[:3] in listed:
                continue
            name = squash(table.rows[code].name)
            if any(w in name or name in w for w in loose):
                continue
            omitted.append(code)
        if not omitted:
            continue
        shown = "、".join(
            f"{table.describe(c)} 万元（占 {money(table.amounts[c] * 100 / total)}%）"
            for c in omitted
        )
        s = lst.statement
        yield Hit(
            message=(
                f"{where(doc, s)}列举的{lst.group_name}主要内容未以“等”结尾，但没有列出"
                f"{table.label}中金额较大的{shown}。"
            ),
            evidence=[s.evidence, *table.evidence(omitted)],
            where=where(doc, s),
        )
    if not checked:
        raise NotApplicable(NO_BASIC_TABLE)
