"""JS307: the 一般公共预算财政拨款支出决算表's 基本支出 equals the 基本支出决算表's 人员经费 +
公用经费.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money
from juesuan.rules.crosstable._shared import table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import (
    CodedIndex,
    Place,
    coded_place,
    compare,
    nonzero_count,
    squash,
    t08_totals,
    t08_value,
)


@rule(
    "JS307",
    name="basic-expense-vs-economic-table",
    title="一般公共预算基本支出与基本支出决算表合计不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
一般公共预算财政拨款基本支出决算表按经济分类列示同一笔基本支出：人员经费合计 + 公用经费合计
应等于一般公共预算财政拨款支出决算表“合计”行的基本支出。不相等说明某张表录错或漏列。
""",
    tolerance="人员经费与公用经费两数相加时，差额在舍入误差（sum_tolerance）内为提示；表中印有"
    "“合计”时按同一数比较，相差 0.01 万元为警告。",
    suggestion="核对基本支出决算表的人员经费、公用经费合计与一般公共预算财政拨款基本支出。",
)
def basic_expense_vs_economic_table(doc: Disclosure) -> Iterator[Hit]:
    t06, t08 = table_of(doc, TableKind.T06), table_of(doc, TableKind.T08)
    if t06 is None or t08 is None:
        raise NotApplicable("一般公共预算财政拨款支出决算表或基本支出决算表缺失或无数据")
    total06 = CodedIndex.build(t06).total
    if total06 is None or "basic" not in t06.columns:
        return
    a = coded_place(t06, total06, "basic")
    if a is None:
        return
    personnel, public, grand = t08_totals(t08)
    b: Place | None = None
    if grand is not None and (v := t08_value(grand)) is not None:
        b = Place(t08, [grand], f"“{squash(grand.name)}”", v)
    elif personnel is not None and public is not None:
        p, q = t08_value(personnel), t08_value(public)
        if p is not None and q is not None:
            b = Place(
                t08,
                [personnel, public],
                f"“{squash(personnel.name)}”{money(p)} + “{squash(public.name)}”{money(q)} 之和",
                p + q,
                max(nonzero_count([p, q]), 1),
            )
    if (
        b is not None
        and (hit := compare("一般公共预算财政拨款支出决算表与基本支出决算表", a, b)) is not None
    ):
        yield hit
