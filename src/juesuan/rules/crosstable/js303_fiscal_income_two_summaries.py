"""JS303: the two summary tables print the same three 财政拨款 income lines."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import FUND_LINES, TwoSided, compare, line_place


@rule(
    "JS303",
    name="fiscal-income-two-summaries",
    title="两张总表的财政拨款收入不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收入支出决算总表的一般公共预算、政府性基金预算、国有资本经营预算财政拨款收入，与财政拨款
收入支出决算总表收入栏的三项财政拨款是同一笔钱，金额应完全相同。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张总表的财政拨款收入，统一为正确数字。",
)
def fiscal_income_two_summaries(doc: Disclosure) -> Iterator[Hit]:
    t01, t04 = table_of(doc, TableKind.T01), table_of(doc, TableKind.T04)
    if t01 is None or t04 is None:
        raise NotApplicable("收入支出决算总表或财政拨款收入支出决算总表缺失或无数据")
    one, four = TwoSided.build(t01), TwoSided.build(t04)
    subject = "收入支出决算总表与财政拨款收入支出决算总表的财政拨款收入"
    for fund in FUND_LINES:
        r1, r4 = one.row("income", fund), four.row("income", fund)
        if r1 is None or r4 is None:
            continue
        a, b = line_place(t01, r1, "amount"), line_place(t04, r4, "amount")
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit
