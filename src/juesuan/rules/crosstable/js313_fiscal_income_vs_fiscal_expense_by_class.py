"""JS313: without 财政拨款 balances, each 类's 财政拨款收入 equals its 财政拨款 expense."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import summary_vs_coded, table_of, zero
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided


def no_fiscal_balances(t04: TwoSided) -> bool:
    """True when the 财政拨款 table shows no 年初 and no 年末 结转和结余."""
    begin = t04.value("income", "begin_balance", "amount")
    end = t04.value("expense", "end_balance", "total")
    return zero(begin) and zero(end)


@rule(
    "JS313",
    name="fiscal-income-vs-fiscal-expense-by-class",
    title="无财政拨款结转结余时收入决算表财政拨款收入与财政拨款支出不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
财政拨款收入支出决算总表没有年初和年末财政拨款结转和结余时，本年每一类取得的财政拨款全部
用于该类的财政拨款支出：收入决算表各类的“财政拨款收入”应等于财政拨款收入支出决算总表该类
支出的“合计”列。有财政拨款结转结余时两者本来就不同，本规则不检查。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类的金额，统一为正确数字。",
)
def fiscal_income_vs_fiscal_expense(doc: Disclosure) -> Iterator[Hit]:
    t02, t04 = table_of(doc, TableKind.T02), table_of(doc, TableKind.T04)
    if t02 is None or t04 is None:
        raise NotApplicable("收入决算表或财政拨款收入支出决算总表缺失或无数据")
    four = TwoSided.build(t04)
    if not no_fiscal_balances(four):
        raise NotApplicable("有财政拨款结转结余（或无法确认），财政拨款收入与支出按类不必相等")
    if "fiscal" not in t02.columns:
        return
    income = CodedIndex.build(t02)
    subject = "无财政拨款结转结余，收入决算表与财政拨款收入支出决算总表"
    yield from summary_vs_coded(
        subject, t04, four, "total", t02, income, "fiscal", coded_first=True, with_total=False
    )
