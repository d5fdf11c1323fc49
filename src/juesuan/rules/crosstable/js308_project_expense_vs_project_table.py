"""JS308: the 一般公共预算财政拨款支出决算表's 项目支出 equals the 项目支出决算表, in total and
by code.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.crosstable._shared import table_of
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, coded_place, compare


@rule(
    "JS308",
    name="project-expense-vs-project-table",
    title="一般公共预算项目支出与项目支出决算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
一般公共预算财政拨款项目支出决算表列示的就是一般公共预算财政拨款支出决算表中的项目支出：
两表“合计”应相同，按功能分类科目列示时每一科目的金额也应相同。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表的项目支出金额，统一为正确数字。",
)
def project_expense_vs_project_table(doc: Disclosure) -> Iterator[Hit]:
    t06, t09 = table_of(doc, TableKind.T06), table_of(doc, TableKind.T09)
    if t06 is None or t09 is None:
        raise NotApplicable("一般公共预算财政拨款支出决算表或项目支出决算表缺失或无数据")
    if "project" not in t06.columns or "total" not in t09.columns:
        return
    gen, proj = CodedIndex.build(t06), CodedIndex.build(t09)
    subject = "一般公共预算财政拨款支出决算表与项目支出决算表"
    pairs: list[tuple[TableRow, TableRow]] = []
    if gen.total is not None and proj.total is not None:
        pairs.append((gen.total, proj.total))
    for code in proj.order:
        if code.startswith("2") and (row := gen.by_code.get(code)) is not None:
            pairs.append((row, proj.by_code[code]))
    for row06, row09 in pairs:
        a, b = coded_place(t06, row06, "project"), coded_place(t09, row09, "total")
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit
