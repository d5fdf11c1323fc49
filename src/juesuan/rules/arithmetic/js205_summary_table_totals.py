"""JS205: the two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算总表) add up and
balance.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Table, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.arithmetic._shared import hit_from, identity_hit
from juesuan.rules.common import ZERO, difference_severity, money, table_label
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import (
    FUND_LINES,
    TwoSided,
    cell,
    check_sum,
    column_name,
    evidence_of,
    line_name,
    rounding_note,
    table_has_data,
)

INCOME_LINES_T01 = ("general", "govfund", "soe", "superior", "business", "operating")

INCOME_LINES_T01_ALL = (*INCOME_LINES_T01, "affiliated", "other")


def _summary_hits(doc: Disclosure, table: Table) -> Iterator[Hit]:
    two = TwoSided.build(table)
    is_t04 = table.kind is TableKind.T04
    exp_cols = ["total", "general", "govfund", "soe"] if is_t04 else ["amount"]
    exp_cols = [c for c in exp_cols if c in table.columns]

    # 本年收入合计 = Σ income lines
    income_total = two.row("income", "income_total")
    income_refs = FUND_LINES if is_t04 else INCOME_LINES_T01_ALL
    income_rows = [r for ref in income_refs if (r := two.row("income", ref)) is not None]
    if income_total is not None and income_rows and not two.unknown_amounts("income"):
        res = check_sum(
            line_name(income_total, "本年收入合计"),
            cell(income_total, "amount"),
            [cell(r, "amount") for r in income_rows],
        )
        if res is not None:
            yield identity_hit(table, "：", income_total, income_rows, res, "各项收入之和")

    # 本年支出合计 = Σ expense lines by 类 (per column)
    expense_total = two.row("expense", "expense_total")
    if expense_total is not None and two.classes and not two.unknown_amounts("expense"):
        results = []
        for col in exp_cols:
            res = check_sum(
                f"{line_name(expense_total, '本年支出合计')}“{column_name(table, col)}”列"
                if is_t04
                else line_name(expense_total, "本年支出合计"),
                cell(expense_total, col),
                [cell(r, col) for r in two.classes],
            )
            if res is not None:
                results.append(res)
        if results:
            yield hit_from(
                results,
                f"{table_label(table)}：",
                "各类支出之和",
                evidence_of([expense_total, *two.classes]),
                table_label(table),
            )

    # 年初财政拨款结转和结余 = Σ its fund lines (T04)
    begin = two.row("income", "begin_balance")
    begin_parts = [
        r for f in FUND_LINES if (r := two.row("income", f"begin_balance.{f}")) is not None
    ]
    if is_t04 and begin is not None and begin_parts:
        res = check_sum(
            line_name(begin, "年初财政拨款结转和结余"),
            cell(begin, "amount"),
            [cell(r, "amount") for r in begin_parts],
        )
        if res is not None:
            yield identity_hit(table, "：", begin, begin_parts, res, "其下各项之和")

    # 收入总计 = 本年收入合计 (+ 使用非财政拨款结余) + 年初结转和结余
    grand_in = two.row("income", "grand_total")
    if (
        grand_in is not None
        and income_total is not None
        and begin is not None
        and not two.unknown_amounts("income")
    ):
        parts_rows = [income_total, begin]
        used = two.row("income", "non_fiscal_balance_used")
        if used is not None and not is_t04:
            parts_rows.insert(1, used)
        res = check_sum(
            "收入总计",
            cell(grand_in, "amount"),
            [cell(r, "amount") for r in parts_rows],
        )
        if res is not None:
            names = " + ".join(line_name(r, "") for r in parts_rows)
            yield identity_hit(table, "：", grand_in, parts_rows, res, names)

    # 支出总计 = 本年支出合计 (+ 结余分配) + 年末结转和结余 (per column)
    grand_out = two.row("expense", "grand_total")
    end = two.row("expense", "end_balance")
    if (
        grand_out is not None
        and expense_total is not None
        and end is not None
        and not two.unknown_amounts("expense")
    ):
        parts_rows = [expense_total, end]
        dist = two.row("expense", "distribution")
        if dist is not None and not is_t04:
            parts_rows.insert(1, dist)
        names = " + ".join(line_name(r, "") for r in parts_rows)
        results = []
        for col in exp_cols:
            res = check_sum(
                f"支出总计“{column_name(table, col)}”列" if is_t04 else "支出总计",
                cell(grand_out, col),
                [cell(r, col) for r in parts_rows],
            )
            if res is not None:
                results.append(res)
        if results:
            yield hit_from(
                results,
                f"{table_label(table)}：",
                names,
                evidence_of([grand_out, *parts_rows]),
                table_label(table),
            )

    # 收入总计 = 支出总计 (two printings of the same quantity)
    if grand_in is not None and grand_out is not None:
        col = "total" if is_t04 else "amount"
        a, b = cell(grand_in, "amount"), cell(grand_out, col)
        if a is not None and b is not None and a != b:
            yield Hit(
                message=(
                    f"{table_label(table)}：收入方“总计”为 {money(a)} 万元，支出方“总计”为 "
                    f"{money(b)} 万元，相差 {money(abs(a - b))} 万元；收支总计应相等。"
                ),
                evidence=evidence_of([grand_in, grand_out]),
                expected=money(a),
                actual=money(b),
                severity=difference_severity(a - b),
                where=table_label(table),
            )

    # T04 per fund: 本年收入 + 年初结转结余 = 本年支出 + 年末结转结余
    if is_t04 and expense_total is not None and end is not None:
        begin_value = cell(begin, "amount") if begin is not None else ZERO
        for fund in FUND_LINES:
            if fund not in table.columns:
                continue
            income_row = two.row("income", fund)
            if income_row is None:
                continue
            part = two.row("income", f"begin_balance.{fund}")
            if part is not None:
                fund_begin = cell(part, "amount")
            elif begin_value == 0:
                fund_begin = ZERO
            else:
                continue
            inc, spent, left = (
                cell(income_row, "amount"),
                cell(expense_total, fund),
                cell(end, fund),
            )
            if inc is None or fund_begin is None or spent is None or left is None:
                continue
            res = check_sum(
                f"{column_name(table, fund)}本年支出合计", spent, [inc, fund_begin, -left]
            )
            if res is None:
                continue
            rows = [r for r in (income_row, part, expense_total, end) if r is not None]
            yield Hit(
                message=(
                    f"{table_label(table)}：{column_name(table, fund)}本年收入 {money(inc)} + "
                    f"年初结转和结余 {money(fund_begin)} − 年末结转和结余 {money(left)} = "
                    f"{money(res.computed)} 万元，而本年支出合计（{column_name(table, fund)}）为 "
                    f"{money(spent)} 万元，相差 {money(abs(res.diff))} 万元"
                    f"{rounding_note(res.severity, res.addends + 1)}。"
                ),
                evidence=evidence_of(rows),
                expected=money(res.computed),
                actual=money(res.printed),
                severity=res.severity,
                where=table_label(table),
            )


@rule(
    "JS205",
    name="summary-table-totals",
    title="总表收支合计、总计不平衡",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
收入支出决算总表和财政拨款收入支出决算总表是两栏式的平衡表：本年收入合计等于各项收入之和，
本年支出合计等于各类支出之和；收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和
结余，支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余，且收入总计等于支出总计。财政
拨款收入支出决算总表中每一类资金的本年收入加年初结转结余也应等于本年支出加年末结转结余。
不平衡说明某一行录错或漏列。
""",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为舍入"
    "误差（提示）；收入总计与支出总计是同一数，差 0.01 为警告。",
    suggestion="逐行核对总表的收入、支出、结转结余与总计。",
)
def summary_table_totals(doc: Disclosure) -> Iterator[Hit]:
    tables = [
        t for t in doc.tables if t.kind in (TableKind.T01, TableKind.T04) and table_has_data(t)
    ]
    if not tables:
        raise NotApplicable("没有含数据的收入支出决算总表或财政拨款收入支出决算总表")
    for table in tables:
        yield from _summary_hits(doc, table)
