"""JS201: the 合计 row of a table by code equals the sum of its 类 rows, column by column."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.arithmetic._shared import hit_from
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.tables import (
    CodedIndex,
    check_sum,
    code_list,
    coded_cell,
    coded_tables,
    column_name,
    evidence_of,
    printed_step,
    row_is_unread,
    table_value_columns,
)


@rule(
    "JS201",
    applies_to=BOTH_KINDS,
    name="table-total-row-sum",
    title="合计行不等于各类之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
按功能分类科目列示的决算表（收入决算表、支出决算表、一般公共预算财政拨款支出决算表等），
“合计”行每一列都应等于各“类”级科目之和。合计与分类数不符，说明表内数字有录入、汇总或
四舍五入处理错误，读者无法确定哪一个数是对的。各数分别四舍五入到 0.01 万元，差额在
舍入误差范围内的仅作提示。
""",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，合计与各数之和相差不超过 "
    "0.01 × ⌈n/2⌉ 万元时视为舍入误差（提示）；超出为错误。",
    suggestion="逐列核对“合计”行与各类级科目的金额，修正录入或汇总错误。",
)
def total_row_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = coded_tables(doc)
    if not tables:
        raise NotApplicable("没有含数据的按科目列示的表")
    for table in tables:
        index = CodedIndex.build(table)
        top = index.top_level()
        if index.total is None or not top or row_is_unread(index.total):
            continue
        results = []
        for col in table_value_columns(table):
            res = check_sum(
                column_name(table, col),
                coded_cell(index.total, col),
                [coded_cell(r, col) for r in top],
                printed_step(table),
            )
            if res is not None:
                results.append(res)
        if results:
            yield hit_from(
                results,
                f"{table_label(table)}“合计”行：",
                f"各类（{code_list(top)}）之和",
                evidence_of([index.total, *top]),
                table_label(table),
            )
