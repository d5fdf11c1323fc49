"""JS312: without balances, the income and the expense of each code are the same in the
收入决算表 and the 支出决算表.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import table_of, zero
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided, coded_place, compare


def no_balances(t01: TwoSided) -> bool:
    """True when the unit had no balances at all: 年初/年末结转和结余, 使用非财政拨款结余 and
    结余分配 are all zero, so income by code equals expenditure by code."""
    begin = t01.value("income", "begin_balance", "amount")
    end = t01.value("expense", "end_balance", "amount")
    used = t01.optional("income", "non_fiscal_balance_used", "amount")
    dist = t01.optional("expense", "distribution", "amount")
    return all(zero(v) for v in (begin, end, used, dist))


@rule(
    "JS312",
    name="income-vs-expense-by-code",
    title="无结转结余时收入决算表与支出决算表同一科目金额不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
单位没有年初、年末结转和结余，也没有使用非财政拨款结余和结余分配时，本年每一科目取得的收入
全部用于该科目的支出：收入决算表与支出决算表同一科目的本年收入合计与本年支出合计应相同。
不相同说明至少一张表的该科目金额录错。有结转结余时两者本来就不同，本规则不检查。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该科目的金额，统一为正确数字。",
)
def income_vs_expense_by_code(doc: Disclosure) -> Iterator[Hit]:
    t01, t02, t03 = (table_of(doc, k) for k in (TableKind.T01, TableKind.T02, TableKind.T03))
    if t01 is None or t02 is None or t03 is None:
        raise NotApplicable("收入支出决算总表、收入决算表或支出决算表缺失或无数据")
    if not no_balances(TwoSided.build(t01)):
        raise NotApplicable("单位有结转结余（或无法确认），收入与支出按科目不必相等")
    income, expense = CodedIndex.build(t02), CodedIndex.build(t03)
    subject = "单位无结转结余，收入决算表与支出决算表"
    for code in income.order:
        target = expense.by_code.get(code)
        if target is None:
            continue
        a, b = coded_place(t02, income.by_code[code], "total"), coded_place(t03, target, "total")
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit
