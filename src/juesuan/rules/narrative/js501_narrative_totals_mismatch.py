"""JS501: the totals the explanation states (收支总计, 本年收入/支出合计 and their parts)
restate the summary, income and expense tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO
from juesuan.rules.engine import Hit, rule
from juesuan.rules.narrative._shared import (
    EXPENSE,
    INCOME,
    T01,
    T02,
    T03,
    T04,
    Lookup,
    TableValue,
    check_specs,
    known_table,
    line_lookup,
    require,
    table_title_of,
    total_lookup,
)
from juesuan.rules.tables import cell_or_zero, fixed_line


def _fiscal_sum(doc: Disclosure) -> TableValue | None:
    """财政拨款收入 as the sum of the three 财政拨款 income lines of T01."""
    table = known_table(doc, TableKind.T01)
    if table is None:
        return None
    rows = [fixed_line(table, ref, "income") for ref in ("general", "govfund", "soe")]
    present = [r for r in rows if r is not None]
    if not present:
        return None
    value = sum((cell_or_zero(r, "amount") for r in present), ZERO)
    label = f"{table_title_of(table)}三项财政拨款收入之和"
    return TableValue(label, value, [r.evidence for r in present])


def _income_line(ref: str, column: str) -> tuple[Lookup, ...]:
    return (line_lookup(T01, ref, "amount", "income"), total_lookup(T02, column))


_TOTAL_SPECS: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]] = {
    "收入支出总计": (None, (line_lookup(T01, "grand_total", "amount", "income"),)),
    "本年收入合计": (
        INCOME,
        (line_lookup(T01, "income_total", "amount"), total_lookup(T02, "total")),
    ),
    "财政拨款收入": (INCOME, (total_lookup(T02, "fiscal"), _fiscal_sum)),
    "上级补助收入": (INCOME, _income_line("superior", "superior")),
    "事业收入": (INCOME, _income_line("business", "business")),
    "经营收入": (INCOME, _income_line("operating", "operating")),
    "附属单位上缴收入": (INCOME, _income_line("affiliated", "affiliated")),
    "其他收入": (INCOME, _income_line("other", "other")),
    "使用非财政拨款结余": (INCOME, (line_lookup(T01, "non_fiscal_balance_used", "amount"),)),
    "年初结转和结余": (INCOME, (line_lookup(T01, "begin_balance", "amount"),)),
    "本年支出合计": (
        EXPENSE,
        (line_lookup(T01, "expense_total", "amount"), total_lookup(T03, "total")),
    ),
    "基本支出": (EXPENSE, (total_lookup(T03, "basic"),)),
    "项目支出": (EXPENSE, (total_lookup(T03, "project"),)),
    "上缴上级支出": (EXPENSE, (total_lookup(T03, "remit"),)),
    "经营支出": (EXPENSE, (total_lookup(T03, "operating"),)),
    "对附属单位补助支出": (EXPENSE, (total_lookup(T03, "subsidy"),)),
    "结余分配": (EXPENSE, (line_lookup(T01, "distribution", "amount"),)),
    "年末结转和结余": (EXPENSE, (line_lookup(T01, "end_balance", "amount"),)),
    "财政拨款收入支出总计": (
        None,
        (
            line_lookup(T04, "grand_total", "amount", "income"),
            line_lookup(T04, "grand_total", "total", "expense"),
        ),
    ),
}

# The three 财政拨款 income lines: in 二 they restate 01表 (and 04表); in 四 they restate 04表.
for _subject, _ref in (
    ("一般公共预算财政拨款收入", "general"),
    ("政府性基金预算财政拨款收入", "govfund"),
    ("国有资本经营预算财政拨款收入", "soe"),
):
    _TOTAL_SPECS[_subject] = (
        frozenset({"income", "fiscal_total"}),
        (line_lookup(T01, _ref, "amount", "income"), line_lookup(T04, _ref, "amount", "income")),
    )


@rule(
    "JS501",
    name="narrative-totals-mismatch",
    title="说明中的收支总数与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第一至四部分复述收入支出决算总表、收入决算表、支出决算表和财政拨款收入支出决算总表中的
总计、本年收入合计、各项收入、本年支出合计、基本支出、项目支出等数字。同一个数在说明和表中
必须完全一致；不一致说明其中一处抄错或表格修改后说明没有同步更新。相差 0.01 万元为警告，
更大为错误。
""",
    tolerance="CENT：同一数字的两次印刷必须相同，相差 0.01 万元为警告，更大为错误。",
    suggestion="核对说明与决算表，改正抄错的一处。",
)
def totals_mismatch(doc: Disclosure) -> Iterator[Hit]:
    require(doc, set(_TOTAL_SPECS), (T01, T02, T03, T04))
    yield from check_specs(doc, _TOTAL_SPECS)
