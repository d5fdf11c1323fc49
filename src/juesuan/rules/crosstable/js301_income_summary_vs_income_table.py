"""JS301: the 收入支出决算总表's income lines restate the 合计 row of the 收入决算表."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import (
    FUND_LINES,
    CodedIndex,
    Place,
    TwoSided,
    coded_place,
    compare,
    line_name,
    line_place,
    row_is_unread,
    sum_place,
)

T01_TO_T02 = (
    ("superior", "superior"),
    ("business", "business"),
    ("operating", "operating"),
    ("affiliated", "affiliated"),
    ("other", "other"),
)


@rule(
    "JS301",
    name="income-summary-vs-income-table",
    title="收入支出决算总表与收入决算表的收入不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收入支出决算总表的“本年收入合计”和各项收入，就是收入决算表“合计”行的本年收入合计和各列
（财政拨款收入 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款收入，上级补助收入、
事业收入……）。同一数字在两张表中应完全相同，否则至少有一张表是错的。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误；财政拨款收入由总表"
    "三行相加时，差额在舍入误差内为提示。",
    suggestion="核对两张表的本年收入合计与各项收入，统一为正确数字。",
)
def income_summary_vs_income_table(doc: Disclosure) -> Iterator[Hit]:
    t01, t02 = table_of(doc, TableKind.T01), table_of(doc, TableKind.T02)
    if t01 is None or t02 is None:
        raise NotApplicable("收入支出决算总表或收入决算表缺失或无数据")
    two = TwoSided.build(t01)
    total = CodedIndex.build(t02).total
    if total is None or row_is_unread(total):
        return
    subject = "收入支出决算总表与收入决算表"
    pairs: list[tuple[Place | None, Place | None]] = []
    row = two.row("income", "income_total")
    if row is not None:
        pairs.append((line_place(t01, row, "amount"), coded_place(t02, total, "total")))
    fiscal_rows = [r for f in FUND_LINES if (r := two.row("income", f)) is not None]
    if len(fiscal_rows) == len(FUND_LINES) and "fiscal" in t02.columns:
        names = " + ".join(f"“{line_name(r)}”" for r in fiscal_rows)
        pairs.append(
            (
                sum_place(t01, fiscal_rows, "amount", f"{names}之和"),
                coded_place(t02, total, "fiscal"),
            )
        )
    for ref, col in T01_TO_T02:
        row = two.row("income", ref)
        if row is not None and col in t02.columns:
            pairs.append((line_place(t01, row, "amount"), coded_place(t02, total, col)))
    for a, b in pairs:
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit
