"""JS309: the detail tables restate their tables (T05 ↔ T04, T07 ↔ T06) code by code."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import summary_vs_coded, table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided, coded_place, compare


@rule(
    "JS309",
    name="detail-table-vs-table",
    title="支出决算明细表与对应支出表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
财政拨款支出决算明细表按经济分类展开财政拨款收入支出决算总表的支出，一般公共预算财政拨款
支出决算明细表展开一般公共预算财政拨款支出决算表：明细表每一科目的合计（及基本支出、项目
支出）应等于对应表中同一科目的金额。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对明细表与对应支出表同一科目的金额。",
)
def detail_table_vs_table(doc: Disclosure) -> Iterator[Hit]:
    t04, t05, t06, t07 = (
        table_of(doc, k) for k in (TableKind.T04, TableKind.T05, TableKind.T06, TableKind.T07)
    )
    if (t05 is None or t04 is None) and (t07 is None or t06 is None):
        raise NotApplicable("没有含数据的支出决算明细表及其对应表")
    if t05 is not None and t04 is not None and "total" in t05.columns:
        four = TwoSided.build(t04)
        detail = CodedIndex.build(t05)
        subject = "财政拨款支出决算明细表与财政拨款收入支出决算总表"
        yield from summary_vs_coded(
            subject, t04, four, "total", t05, detail, "total", coded_first=True
        )
    if t07 is not None and t06 is not None:
        detail, gen = CodedIndex.build(t07), CodedIndex.build(t06)
        subject = "一般公共预算财政拨款支出决算明细表与一般公共预算财政拨款支出决算表"
        pairs = []
        if detail.total is not None and gen.total is not None:
            pairs.append((detail.total, gen.total))
        for code in detail.order:
            if (target := gen.by_code.get(code)) is not None:
                pairs.append((detail.by_code[code], target))
        columns = [
            c for c in ("total", "basic", "project") if c in t07.columns and c in t06.columns
        ]
        for row07, row06 in pairs:
            for col in columns:
                a, b = coded_place(t07, row07, col), coded_place(t06, row06, col)
                if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
                    yield hit
