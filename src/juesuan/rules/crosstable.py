"""Rule family: cross-table consistency (表间勾稽), JS300–JS399.

The same code and the same concept print the same amount in every table (docs/domain.md §3):
the 收入支出决算总表 restates the totals of the 收入决算表 and 支出决算表; the 财政拨款收入支出
决算总表 splits the fiscal money by fund, whose 一般公共预算 column is the 一般公共预算财政拨款
支出决算表, whose 基本支出 is the 基本支出决算表 and whose 项目支出 is the 项目支出决算表; the
政府性基金 and 国有资本经营预算 tables restate their columns.  Some pairs coincide only under a
condition the document itself shows (no non-fiscal money, no balances); those rules check the
condition first and stay quiet otherwise.

Two printings of one quantity must be identical: one cent apart → warning (one table summed
rounded parts), more → error (``difference_severity``).  When one side is a sum of printed
amounts, a difference within the rounding of those amounts is info.
Every finding shows both rows and names both tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan import catalog
from juesuan.model import Disclosure, Table, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import (
    TABLE_NAMES,
    ZERO,
    money,
    table_label,
)
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import (
    CODED_KINDS,
    FUND_LINES,
    CodedIndex,
    Place,
    TwoSided,
    cell,
    coded_cell,
    coded_place,
    compare,
    evidence_of,
    line_name,
    line_place,
    nonzero_count,
    row_is_unread,
    squash,
    sum_place,
    t08_totals,
    t08_value,
    table_has_data,
)

# ---------------------------------------------------------------------------------------
# reading tables


def table_of(doc: Disclosure, kind: TableKind) -> Table | None:
    """The table of that kind when it holds data (one printed value at least)."""
    table = doc.table(kind)
    return table if table is not None and table_has_data(table) else None


# ---------------------------------------------------------------------------------------
# conditions that make more concepts coincide


def _zero(value: Decimal | None) -> bool:
    return value is not None and value == 0


def no_non_fiscal_money(t01: TwoSided, t04: TwoSided) -> bool:
    """True when the unit had no money other than 财政拨款 this year: every income line of
    the 收入支出决算总表 is fiscal (本年收入合计 equals that of the 财政拨款 table), it used no
    non-fiscal balance and its 年初结转和结余 is all fiscal.  Then 支出决算表 = fiscal
    expenditure."""
    in01 = t01.value("income", "income_total", "amount")
    in04 = t04.value("income", "income_total", "amount")
    begin01 = t01.value("income", "begin_balance", "amount")
    begin04 = t04.optional("income", "begin_balance", "amount")
    used = t01.optional("income", "non_fiscal_balance_used", "amount")
    if in01 is None or in04 is None or begin01 is None or begin04 is None:
        return False
    return in01 == in04 and _zero(used) and begin01 == begin04


def no_balances(t01: TwoSided) -> bool:
    """True when the unit had no balances at all: 年初/年末结转和结余, 使用非财政拨款结余 and
    结余分配 are all zero, so income by code equals expenditure by code."""
    begin = t01.value("income", "begin_balance", "amount")
    end = t01.value("expense", "end_balance", "amount")
    used = t01.optional("income", "non_fiscal_balance_used", "amount")
    dist = t01.optional("expense", "distribution", "amount")
    return all(_zero(v) for v in (begin, end, used, dist))


def no_fiscal_balances(t04: TwoSided) -> bool:
    """True when the 财政拨款 table shows no 年初 and no 年末 结转和结余."""
    begin = t04.value("income", "begin_balance", "amount")
    end = t04.value("expense", "end_balance", "total")
    return _zero(begin) and _zero(end)


def class_rows(two: TwoSided) -> dict[str, TableRow]:
    return {r.ref_code: r for r in two.classes if r.ref_code}


def summary_vs_coded(
    subject: str,
    summary: Table,
    two: TwoSided,
    summary_column: str,
    coded: Table,
    index: CodedIndex,
    coded_column: str,
    *,
    coded_first: bool = False,
    with_total: bool = True,
) -> Iterator[Hit]:
    """Compare the expense lines of a two-sided summary table (本年支出合计 and each 类 line)
    with the same rows of a coded table; ``coded_first`` puts the coded table first in the
    message."""
    pairs: list[tuple[TableRow, TableRow]] = []
    row = two.row("expense", "expense_total")
    if with_total and row is not None and index.total is not None:
        pairs.append((row, index.total))
    for code, line in class_rows(two).items():
        target = index.by_code.get(code)
        if target is not None:
            pairs.append((line, target))
    for line, target in pairs:
        a, b = line_place(summary, line, summary_column), coded_place(coded, target, coded_column)
        if coded_first:
            a, b = b, a
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit


# ---------------------------------------------------------------------------------------
# JS301 收入支出决算总表 ↔ 收入决算表

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
    bad="收入支出决算总表本年收入合计 1069.86 万元，收入决算表“合计”行本年收入合计 1068.86 万元。",
    good="两表本年收入合计均为 1069.86 万元。",
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


# ---------------------------------------------------------------------------------------
# JS302 收入支出决算总表 ↔ 支出决算表


@rule(
    "JS302",
    name="expense-summary-vs-expense-table",
    title="收入支出决算总表与支出决算表的支出不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收入支出决算总表右栏的“本年支出合计”和按类列示的各项支出，就是支出决算表“合计”行和各类级
科目的本年支出合计。同一类支出在两张表中金额不同，说明至少有一张表录错或汇总有误。
""",
    bad="收入支出决算总表“城乡社区支出”3845.25 万元，支出决算表 212 城乡社区支出 3845.24 万元。",
    good="两表城乡社区支出均为 3845.24 万元。",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类支出的金额，统一为正确数字。",
)
def expense_summary_vs_expense_table(doc: Disclosure) -> Iterator[Hit]:
    t01, t03 = table_of(doc, TableKind.T01), table_of(doc, TableKind.T03)
    if t01 is None or t03 is None:
        raise NotApplicable("收入支出决算总表或支出决算表缺失或无数据")
    two = TwoSided.build(t01)
    index = CodedIndex.build(t03)
    subject = "收入支出决算总表与支出决算表"
    yield from summary_vs_coded(subject, t01, two, "amount", t03, index, "total")


# ---------------------------------------------------------------------------------------
# JS303 收入支出决算总表 ↔ 财政拨款收入支出决算总表 (财政拨款收入)


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
    bad="收入支出决算总表一般公共预算财政拨款收入 622.92 万元，财政拨款收入支出决算总表 "
    "622.29 万元。",
    good="两表一般公共预算财政拨款收入均为 622.92 万元。",
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


# ---------------------------------------------------------------------------------------
# JS304 支出决算表 ↔ 财政拨款收入支出决算总表 (no non-fiscal money)


@rule(
    "JS304",
    name="expense-table-vs-fiscal-summary",
    title="无非财政资金时支出决算表与财政拨款支出不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
单位本年只有财政拨款收入、没有使用非财政拨款结余、年初结转和结余全部是财政拨款时，全部支出
都是财政拨款支出：支出决算表“合计”行和各类的本年支出合计，应等于财政拨款收入支出决算总表
的本年支出合计和各类支出“合计”列。有非财政资金时两者本来就不同，本规则不检查。
""",
    bad="单位收入全部为财政拨款，支出决算表 212 类 446.94 万元，财政拨款收入支出决算总表"
    "城乡社区支出 436.94 万元。",
    good="两表城乡社区支出均为 446.94 万元。",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类支出的金额，统一为正确数字。",
)
def expense_table_vs_fiscal_summary(doc: Disclosure) -> Iterator[Hit]:
    t01, t03, t04 = (table_of(doc, k) for k in (TableKind.T01, TableKind.T03, TableKind.T04))
    if t01 is None or t03 is None or t04 is None:
        raise NotApplicable("收入支出决算总表、支出决算表或财政拨款收入支出决算总表缺失或无数据")
    one, four = TwoSided.build(t01), TwoSided.build(t04)
    if not no_non_fiscal_money(one, four):
        raise NotApplicable("单位有非财政拨款资金（或无法确认），支出决算表与财政拨款支出不必相等")
    index = CodedIndex.build(t03)
    subject = "单位无非财政拨款资金，支出决算表与财政拨款收入支出决算总表"
    yield from summary_vs_coded(subject, t04, four, "total", t03, index, "total", coded_first=True)


# ---------------------------------------------------------------------------------------
# JS305 财政拨款收入支出决算总表 一般公共预算 ↔ 一般公共预算财政拨款支出决算表


@rule(
    "JS305",
    name="general-budget-column-vs-table",
    title="财政拨款总表一般公共预算列与一般公共预算支出决算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
财政拨款收入支出决算总表支出栏“一般公共预算财政拨款”列，按类列示的就是一般公共预算财政
拨款支出决算表各类级科目和“合计”行的金额。同一类在两张表中金额不同，说明至少一张表录错。
""",
    bad="财政拨款收入支出决算总表卫生健康支出（一般公共预算）236.63 万元，一般公共预算财政拨款支出"
    "决算表 210 卫生健康支出 236.64 万元。",
    good="两表卫生健康支出均为 236.64 万元。",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对两张表该类支出的金额，统一为正确数字。",
)
def general_budget_column_vs_table(doc: Disclosure) -> Iterator[Hit]:
    t04, t06 = table_of(doc, TableKind.T04), table_of(doc, TableKind.T06)
    if t04 is None or t06 is None:
        raise NotApplicable("财政拨款收入支出决算总表或一般公共预算财政拨款支出决算表缺失或无数据")
    if "general" not in t04.columns:
        raise NotApplicable("财政拨款收入支出决算总表未读出一般公共预算财政拨款列")
    four = TwoSided.build(t04)
    index = CodedIndex.build(t06)
    subject = "财政拨款收入支出决算总表与一般公共预算财政拨款支出决算表"
    yield from summary_vs_coded(subject, t04, four, "general", t06, index, "total")


# ---------------------------------------------------------------------------------------
# JS306 支出决算表 ↔ 一般公共预算财政拨款支出决算表 (基本/项目, no non-fiscal money)


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
    bad="单位无非财政资金，支出决算表“合计”行基本支出 117.86 万元，一般公共预算财政拨款支出"
    "决算表“合计”行基本支出 117.88 万元（政府性基金支出全部为项目支出）。",
    good="两表基本支出均为 117.88 万元。",
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
            elif _zero(cell(four_classes[code], "general")):
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


# ---------------------------------------------------------------------------------------
# JS307 一般公共预算财政拨款支出决算表 基本支出 ↔ 基本支出决算表


@rule(
    "JS307",
    name="basic-expense-vs-economic-table",
    title="一般公共预算基本支出与基本支出决算表合计不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
一般公共预算财政拨款基本支出决算表按经济分类列示同一笔基本支出：人员经费合计 + 公用经费合计
应等于一般公共预算财政拨款支出决算表“合计”行的基本支出。不相等说明某张表录错或漏列。
""",
    bad="一般公共预算财政拨款支出决算表基本支出 5364.75 万元，基本支出决算表人员经费合计 4884.09 "
    "+ 公用经费合计 470.66 = 5354.75 万元。",
    good="人员经费合计 4884.09 + 公用经费合计 480.66 = 基本支出 5364.75 万元。",
    tolerance="人员经费与公用经费两数相加时，差额在舍入误差（sum_tolerance）内为提示；表中印有"
    "“合计”时按同一数比较，相差 0.01 万元为警告。",
    suggestion="核对基本支出决算表的人员经费、公用经费合计与一般公共预算财政拨款基本支出。",
)
def basic_expense_vs_economic_table(doc: Disclosure) -> Iterator[Hit]:
    t06, t08 = table_of(doc, TableKind.T06), table_of(doc, TableKind.T08)
    if t06 is None or t08 is None:
        raise NotApplicable("一般公共预算财政拨款支出决算表或基本支出决算表缺失或无数据")
    total06 = CodedIndex.build(t06).total
    if total06 is None or "basic" not in t06.columns:
        return
    a = coded_place(t06, total06, "basic")
    if a is None:
        return
    personnel, public, grand = t08_totals(t08)
    b: Place | None = None
    if grand is not None and (v := t08_value(grand)) is not None:
        b = Place(t08, [grand], f"“{squash(grand.name)}”", v)
    elif personnel is not None and public is not None:
        p, q = t08_value(personnel), t08_value(public)
        if p is not None and q is not None:
            b = Place(
                t08,
                [personnel, public],
                f"“{squash(personnel.name)}”{money(p)} + “{squash(public.name)}”{money(q)} 之和",
                p + q,
                max(nonzero_count([p, q]), 1),
            )
    if (
        b is not None
        and (hit := compare("一般公共预算财政拨款支出决算表与基本支出决算表", a, b)) is not None
    ):
        yield hit


# ---------------------------------------------------------------------------------------
# JS308 一般公共预算财政拨款支出决算表 项目支出 ↔ 项目支出决算表


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
    bad="一般公共预算财政拨款支出决算表项目支出 505.04 万元，项目支出决算表合计 500.04 万元。",
    good="两表项目支出均为 505.04 万元。",
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


# ---------------------------------------------------------------------------------------
# JS309 明细表 ↔ 总表 (T05 ↔ T04, T07 ↔ T06)


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
    bad="一般公共预算财政拨款支出决算明细表 201 类合计 595.23 万元，一般公共预算财政拨款支出决算表 "
    "201 类 595.32 万元。",
    good="两表 201 类均为 595.23 万元。",
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


# ---------------------------------------------------------------------------------------
# JS310/JS311 政府性基金 / 国有资本经营预算 tables ↔ 财政拨款收入支出决算总表


FLOW_COLUMNS = frozenset({"begin", "income", "expense_total", "end"})


def empty_table_with_money(
    subject: str,
    table: Table,
    t04: Table,
    four: TwoSided,
    lines: Sequence[tuple[str, str, str]],
) -> Iterator[Hit]:
    """A table printed as empty ("本表无数据") while the 财政拨款 table has money on the given
    (side, line, column) places of its fund."""
    if table.empty_statement is None or table.rows:
        return
    for side, ref, col in lines:
        row = four.row(side, ref)
        value = cell(row, col) if row is not None else None
        if row is None or value is None or value == 0:
            continue
        place = line_place(t04, row, col)
        if place is None:
            continue
        yield Hit(
            message=(
                f"{subject}：{table_label(table)}注明“{table.empty_statement}”，但"
                f"{place.describe()}。"
            ),
            evidence=[table.evidence, row.evidence],
            expected="0.00",
            actual=money(value),
            severity=Severity.ERROR,
            where=f"{table_label(table)} / {table_label(t04)}",
        )


def _fund_table_hits(doc: Disclosure, kind: TableKind, fund: str, fund_name: str) -> Iterator[Hit]:
    """A 政府性基金 / 国资 收入支出决算表 against its column of the 财政拨款 table."""
    t04 = table_of(doc, TableKind.T04)
    table = doc.table(kind)
    if t04 is None or table is None or fund not in t04.columns:
        return
    four = TwoSided.build(t04)
    subject = f"{TABLE_NAMES[kind]}与财政拨款收入支出决算总表{fund_name}列"
    if not table_has_data(table):
        # the table says it has no data: the fund column must be empty too
        lines = (("income", fund, "amount"), ("expense", "expense_total", fund))
        yield from empty_table_with_money(subject, table, t04, four, lines)
        return
    index = CodedIndex.build(table)
    pairs: list[tuple[Place | None, Place | None]] = []
    # the flows are compared only when the reader mapped all four of them (a header read
    # with a column missing would shift the others)
    if index.total is not None and set(table.columns) >= FLOW_COLUMNS:
        for ref, side, col04, col in (
            ("expense_total", "expense", fund, "expense_total"),
            (fund, "income", "amount", "income"),
            (f"begin_balance.{fund}", "income", "amount", "begin"),
            ("end_balance", "expense", fund, "end"),
        ):
            row = four.row(side, ref)
            if row is not None and col in table.columns:
                pairs.append((coded_place(table, index.total, col), line_place(t04, row, col04)))
    if set(table.columns) >= FLOW_COLUMNS:
        for code, line in class_rows(four).items():
            if (target := index.by_code.get(code)) is not None:
                pairs.append(
                    (coded_place(table, target, "expense_total"), line_place(t04, line, fund))
                )
    for a, b in pairs:
        if a is not None and b is not None and (hit := compare(subject, a, b)) is not None:
            yield hit


@rule(
    "JS310",
    name="govfund-table-vs-fiscal-summary",
    title="政府性基金预算财政拨款收支表与财政拨款总表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
政府性基金预算财政拨款收入支出决算表的年初结转和结余、本年收入、本年支出和年末结转和结余，
就是财政拨款收入支出决算总表中政府性基金预算财政拨款的对应数字，按类的本年支出也应等于总表
“政府性基金预算财政拨款”列。该表注明“本表无数据”时，总表中政府性基金预算财政拨款也应为零。
""",
    bad="财政拨款收入支出决算总表政府性基金预算财政拨款支出 446.94 万元，政府性基金预算财政拨款"
    "收入支出决算表却注明“本表无数据”。",
    good="政府性基金预算财政拨款收入支出决算表列出 212 类本年支出 446.94 万元。",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对政府性基金预算财政拨款收支表与财政拨款收入支出决算总表。",
)
def govfund_table_vs_fiscal_summary(doc: Disclosure) -> Iterator[Hit]:
    if doc.table(TableKind.T10) is None or table_of(doc, TableKind.T04) is None:
        raise NotApplicable("政府性基金预算财政拨款收入支出决算表或财政拨款收入支出决算总表缺失")
    yield from _fund_table_hits(doc, TableKind.T10, "govfund", "政府性基金预算财政拨款")


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
    bad="财政拨款收入支出决算总表国有资本经营预算财政拨款支出 30.00 万元，国有资本经营预算财政拨款"
    "支出决算表合计 0.00 万元。",
    good="两表国有资本经营预算财政拨款支出均为 30.00 万元。",
    tolerance="CENT：同一数两处印刷应相同，相差 0.01 万元为警告，更多为错误。",
    suggestion="核对国有资本经营预算财政拨款表与财政拨款收入支出决算总表。",
)
def soe_tables_vs_fiscal_summary(doc: Disclosure) -> Iterator[Hit]:
    t04 = table_of(doc, TableKind.T04)
    t11, t12 = doc.table(TableKind.T11), doc.table(TableKind.T12)
    if t04 is None or (t11 is None and t12 is None):
        raise NotApplicable("国有资本经营预算财政拨款表或财政拨款收入支出决算总表缺失")
    yield from _fund_table_hits(doc, TableKind.T11, "soe", "国有资本经营预算财政拨款")
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


# ---------------------------------------------------------------------------------------
# JS312 收入决算表 ↔ 支出决算表 by code (no balances)


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
    bad="单位无结转结余，收入决算表 20899 其他社会保障和就业支出 1.30 万元，支出决算表 1.38 万元。",
    good="两表 20899 均为 1.38 万元。",
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


# ---------------------------------------------------------------------------------------
# JS313 收入决算表 财政拨款收入 ↔ 财政拨款收入支出决算总表 by 类 (no fiscal balances)


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
    bad="收入决算表 210 卫生健康支出 财政拨款收入 236.64 万元，财政拨款收入支出决算总表卫生健康支出"
    "合计 236.63 万元，且无财政拨款结转结余。",
    good="两表卫生健康支出均为 236.64 万元。",
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


# ---------------------------------------------------------------------------------------
# JS320 the same code carries the same name in every table

_NAME_NOISE = re.compile(r"[\s（）()\[\]【】〔〕<>《》“”\"'‘’、，,．.·:：;；]")


def normalised_name(name: str) -> str:
    """A name for comparison: spaces, brackets and punctuation removed."""
    return _NAME_NOISE.sub("", name)


def same_name(a: str, b: str) -> bool:
    """Names equal after normalisation, a trailing 支出 aside; a name that is the beginning of
    the other is taken as the same (a wrapped cell whose second line was not read)."""
    if a == b or a.removesuffix("支出") == b.removesuffix("支出"):
        return True
    return a.startswith(b) or b.startswith(a)


@dataclass
class _Printing:
    name: str
    norm: str
    places: list[tuple[Table, TableRow]] = field(default_factory=list)


@rule(
    "JS320",
    name="code-name-differs",
    title="同一科目编码在不同表中名称不同",
    category=Category.CROSSTABLE,
    severity=Severity.WARNING,
    rationale="""
同一年度的科目编码对应唯一的科目名称，各张决算表中同一编码应使用同一名称。名称不同说明某张
表选错了科目、手工改过名称或使用了旧年度的科目名称，读者无法确定该行究竟是哪一科目。
空格、括号和标点的差异不计。编码在参考目录中、且其中一种名称是标准名称时，由 JS401
（科目名称与标准名称不一致）报告，本规则不重复报告。
""",
    bad="收入决算表 2210201 住房租金支出，支出决算表 2210201 住房公积金。",
    good="各表 2210201 均为 住房公积金。",
    suggestion="按当年政府收支分类科目统一该编码的名称。",
)
def code_name_differs(doc: Disclosure) -> Iterator[Hit]:
    tables = [t for t in doc.tables if t.kind in CODED_KINDS and t.rows]
    if len(tables) < 2:
        raise NotApplicable("按科目列示的决算表少于两张")
    by_code: dict[str, list[_Printing]] = {}
    for table in tables:
        for row in table.rows:
            if row.code is None or not row.name:
                continue
            code = squash(row.code)
            norm = normalised_name(row.name)
            if not norm:
                continue
            printings = by_code.setdefault(code, [])
            for p in printings:
                if same_name(p.norm, norm):
                    p.places.append((table, row))
                    break
            else:
                printings.append(_Printing(squash(row.name), norm, [(table, row)]))
    standard = catalog.functional_codes().names
    for code, printings in by_code.items():
        if len(printings) < 2:
            continue
        if code in standard and any(
            same_name(p.norm, normalised_name(standard[code])) for p in printings
        ):
            continue  # one printing is the standard name: JS401 reports the others
        kinds = {t.kind for p in printings for t, _ in p.places}
        if len(kinds) < 2:
            continue  # differing names inside one table: a reading problem, not this rule
        printings.sort(key=lambda p: -len({t.kind for t, _ in p.places}))
        spread = [len({t.kind for t, _ in p.places}) for p in printings]
        majority = printings[0].name if spread[0] > spread[1] else None
        parts = []
        for p in printings:
            where = "、".join(dict.fromkeys(table_label(t) for t, _ in p.places))
            parts.append(f"{where}为“{p.name}”")
        yield Hit(
            message=f"科目编码 {code} 在不同表中名称不同：" + "；".join(parts) + "。",
            evidence=evidence_of([r for p in printings for _, r in p.places]),
            expected=majority,
            actual="、".join(p.name for p in (printings[1:] if majority else printings)),
            where="、".join(dict.fromkeys(table_label(t) for p in printings for t, _ in p.places)),
        )
