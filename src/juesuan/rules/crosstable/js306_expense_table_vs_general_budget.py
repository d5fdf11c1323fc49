"""JS306: without non-fiscal money, the 支出决算表's 基本/项目 split restates the
一般公共预算财政拨款支出决算表 (classes holding other funds taken out).
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO
from juesuan.rules.crosstable._shared import class_rows, no_non_fiscal_money, table_of, zero
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, TwoSided, cell, coded_cell, coded_place, compare


def _mixed_classes(four: TwoSided) -> set[str] | None:
    """类 with 政府性基金 or 国有资本经营预算 money in the 财政拨款 table (None if unreadable)."""
    out: set[str] = set()
    for code, row in class_rows(four).items():
        for fund in ("govfund", "soe"):
            if fund not in row.values:
                continue
            value = cell(row, fund)
            if value is None:
                return None
            if value != 0:
                out.add(code)
    return out


@rule(
    "JS306",
    name="expense-table-vs-general-budget",
    title="无非财政资金时支出决算表与一般公共预算支出决算表的基本/项目支出不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
单位本年只有财政拨款资金时，支出决算表中只含一般公共预算财政拨款的科目，其本年支出合计、
基本支出、项目支出应与一般公共预算财政拨款支出决算表相同；“合计”行扣除含政府性基金或国有
资本经营预算财政拨款的类后也应相同。两表不一致说明基本支出或项目支出的划分在某张表中录错。
""",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误；需扣除其他类时"
    "差额在舍入误差内为提示。",
    suggestion="核对两张表的基本支出与项目支出，统一为正确数字。",
)
def expense_table_vs_general_budget(doc: Disclosure) -> Iterator[Hit]:
    t01, t03, t04, t06 = (
        table_of(doc, k) for k in (TableKind.T01, TableKind.T03, TableKind.T04, TableKind.T06)
    )
    if t01 is None or t03 is None or t04 is None or t06 is None:
        raise NotApplicable(
            "需要收入支出决算总表、支出决算表、财政拨款收入支出决算总表和一般"
            "公共预算财政拨款支出决算表"
        )
    one, four = TwoSided.build(t01), TwoSided.build(t04)
    if not no_non_fiscal_money(one, four):
        raise NotApplicable("单位有非财政拨款资金（或无法确认），两表的基本/项目支出不必相等")
    mixed = _mixed_classes(four)
    if mixed is None:
        return
    exp03, gen06 = CodedIndex.build(t03), CodedIndex.build(t06)
    subject = "单位无非财政拨款资金，支出决算表与一般公共预算财政拨款支出决算表"
    four_classes = class_rows(four)
    for code in exp03.order:
        if code[:3] in mixed or code[:3] not in four_classes:
            continue
        target = gen06.by_code.get(code)
        if target is None:
            continue
        # the 类 totals are already compared through the 财政拨款 table
        columns = ("basic", "project") if len(code) == 3 else ("total", "basic", "project")
        for col in columns:
            if col not in t03.columns or col not in t06.columns:
                continue
            a = coded_place(t03, exp03.by_code[code], col)
            b = coded_place(t06, target, col)
            if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
                yield hit
    # the 合计 row, less the classes that hold other funds
    if exp03.total is None or gen06.total is None:
        return
    for col in ("basic", "project"):
        if col not in t03.columns or col not in t06.columns:
            continue
        a = coded_place(t03, exp03.total, col)
        b = coded_place(t06, gen06.total, col)
        if a is None or b is None:
            continue
        rows_a, rows_b = [*a.rows], [*b.rows]
        for code in sorted(mixed):
            row03 = exp03.by_code.get(code)
            value03 = coded_cell(row03, col) if row03 is not None else None
            row06 = gen06.by_code.get(code)
            if row06 is not None:
                value06 = coded_cell(row06, col)
            elif zero(cell(four_classes[code], "general")):
                value06 = ZERO
            else:
                value06 = None
            if value03 is None or value06 is None or row03 is None:
                a = None
                break
            a.value -= value03
            a.addends += 1 if value03 != 0 else 0
            rows_a.append(row03)
            b.value -= value06
            b.addends += 1 if value06 != 0 else 0
            if row06 is not None:
                rows_b.append(row06)
        if a is None:
            continue
        if mixed:
            codes = "、".join(sorted(mixed))
            a.text += f"扣除含其他财政拨款的 {codes} 类后"
            b.text += f"扣除 {codes} 类后"
            a.rows, b.rows = rows_a, rows_b
        if (hit := compare(subject, a, b)) is not None:
            yield hit
