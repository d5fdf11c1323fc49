"""JS311: the 国有资本经营预算 tables restate their column of the 财政拨款收入支出决算总表 and
each other.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import (
    class_rows,
    empty_table_with_money,
    fund_table_hits,
    table_of,
)
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import (
    CodedIndex,
    Place,
    TwoSided,
    coded_place,
    compare,
    line_place,
    table_has_data,
)


@rule(
    "JS311",
    name="soe-tables-vs-fiscal-summary",
    title="国有资本经营预算财政拨款表与财政拨款总表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
国有资本经营预算财政拨款收入支出决算表和国有资本经营预算财政拨款支出决算表的数字，就是财政
拨款收入支出决算总表“国有资本经营预算财政拨款”列的数字；支出决算表每一科目的合计、基本
支出、项目支出也应等于收入支出决算表的本年支出。表中注明“本表无数据”时，总表中该项也应为零。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对国有资本经营预算财政拨款表与财政拨款收入支出决算总表。",
)
def soe_tables_vs_fiscal_summary(doc: Disclosure) -> Iterator[Hit]:
    t04 = table_of(doc, TableKind.T04)
    t11, t12 = doc.table(TableKind.T11), doc.table(TableKind.T12)
    if t04 is None or (t11 is None and t12 is None):
        raise NotApplicable("国有资本经营预算财政拨款表或财政拨款收入支出决算总表缺失")
    yield from fund_table_hits(doc, TableKind.T11, "soe", "国有资本经营预算财政拨款")
    if t12 is None or "soe" not in t04.columns:
        return
    four = TwoSided.build(t04)
    subject = (
        "国有资本经营预算财政拨款支出决算表与财政拨款收入支出决算总表国有资本经营预算财政拨款列"
    )
    if not table_has_data(t12):
        lines = (("expense", "expense_total", "soe"),)
        yield from empty_table_with_money(subject, t12, t04, four, lines)
        return
    index = CodedIndex.build(t12)
    pairs: list[tuple[Place | None, Place | None]] = []
    if "total" in t12.columns:
        row = four.row("expense", "expense_total")
        if row is not None and index.total is not None:
            pairs.append((coded_place(t12, index.total, "total"), line_place(t04, row, "soe")))
        for code, line in class_rows(four).items():
            if (target := index.by_code.get(code)) is not None:
                pairs.append((coded_place(t12, target, "total"), line_place(t04, line, "soe")))
    for a, b in pairs:
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit
    # 国有资本经营预算财政拨款支出决算表 ↔ 收入支出决算表 本年支出
    if t11 is None or not table_has_data(t11):
        return
    flows = CodedIndex.build(t11)
    subject = "国有资本经营预算财政拨款支出决算表与收入支出决算表"
    rows: list[tuple[TableRow, TableRow]] = []
    if index.total is not None and flows.total is not None:
        rows.append((index.total, flows.total))
    for code in index.order:
        if (target := flows.by_code.get(code)) is not None:
            rows.append((index.by_code[code], target))
    for col12, col11 in (
        ("total", "expense_total"),
        ("basic", "expense_basic"),
        ("project", "expense_project"),
    ):
        if col12 not in t12.columns or col11 not in t11.columns:
            continue
        for row12, row11 in rows:
            a, b = coded_place(t12, row12, col12), coded_place(t11, row11, col11)
            if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
                yield hit
