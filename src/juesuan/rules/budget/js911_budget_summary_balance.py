"""JS911: the 收支总表 and the 财政拨款收支总表 balance, and their totals equal their lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget._shared import Ledger, budget_table, named, soften, sum_hit
from juesuan.rules.common import ZERO
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import Place, cell, check_sum, compare, printed_step


def _has_money(rows: Iterable[TableRow], column: str = "amount") -> bool:
    return any((cell(r, column) or ZERO) != 0 for r in rows)


def _ledger_checks(ledger: Ledger) -> Iterator[Hit]:
    table = ledger.table
    step = printed_step(table)

    def total_vs(side: str, ref: str, parts: list[TableRow], what: str) -> Iterator[Hit]:
        row = ledger.row(side, ref)
        if row is None or not parts:
            return
        res = check_sum(named(row), cell(row, "amount"), [cell(p, "amount") for p in parts], step)
        if res is not None:
            shown = [p for p in parts if (cell(p, "amount") or ZERO) != 0]
            names = "、".join(named(p) for p in shown[:6]) + ("等" if len(shown) > 6 else "")
            hit = sum_hit(table, res, "", f"{what}（{names}）之和", [row, *shown])
            if hit is not None:
                yield hit

    # 收入总计 = 支出总计, 本年收入 = 本年支出
    for inc, exp in (("income_total", "expense_total"), ("income_subtotal", "expense_subtotal")):
        a, b = ledger.row("income", inc), ledger.row("expense", exp)
        if a is None or b is None:
            continue
        pa = Place(table, [a], f"“{named(a)}”", cell(a, "amount") or ZERO)
        pb = Place(table, [b], f"“{named(b)}”", cell(b, "amount") or ZERO)
        if cell(a, "amount") is None or cell(b, "amount") is None:
            continue
        hit = soften(compare("收入与支出应相等", pa, pb), table)
        if hit is not None:
            yield hit
    unnamed_income = _has_money(ledger.unnamed.get("income", []))
    unnamed_expense = _has_money(ledger.unnamed.get("expense", []))
    # 本年收入 = Σ 收入各项 ; 收入总计 = Σ 收入各项 (+ 上年结转) when no subtotal is printed
    if not unnamed_income:
        carry = [
            r for r in (ledger.row("income", "carryover"), ledger.row("income", "fund_used")) if r
        ]
        if ledger.row("income", "income_subtotal") is not None:
            yield from total_vs("income", "income_subtotal", ledger.income_parts, "各项收入")
        else:
            yield from total_vs(
                "income", "income_total", [*ledger.income_parts, *carry], "各项收入"
            )
    # a line with its parts printed below it (一、财政拨款 › 1.一般公共预算 …)
    for side, ref in list(ledger.lines):
        kids = ledger.children(side, ref)
        if kids and "." not in ref:
            yield from total_vs(side, ref, kids, "其下各项")
    if not unnamed_expense:
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        carry_out = ledger.row("expense", "carry_forward")
        extra = [carry_out] if target == "expense_total" and carry_out is not None else []
        if _has_money(ledger.classes):
            yield from total_vs("expense", target, [*ledger.classes, *extra], "各类支出")
        if _has_money(ledger.usage):
            yield from total_vs("expense", target, [*ledger.usage, *extra], "基本支出、项目支出等")


@rule(
    "JS911",
    applies_to=BUDGET_ONLY,
    name="budget-summary-balance",
    title="预算收支总表收支不平衡或合计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
收支预算总表（财务收支预算总表）和财政拨款收支预算总表两边平衡：收入总计等于支出总计，
本年收入等于本年支出；本年收入等于各项收入（财政拨款、事业收入、其他收入等）之和，本年
支出等于各类支出之和，也等于基本支出、项目支出（及单位预留机动经费等）之和；列有下级
明细的收入（财政拨款下的一般公共预算、政府性基金）等于明细之和。不平衡说明某一格录错。
""",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告）；合计与各项之和按各数的印刷"
    "精度判断舍入（万元两位小数：0.01 × ⌈n/2⌉；整元：1 元 × ⌈n/2⌉），舍入范围内仅作提示。",
    suggestion="核对总表两边的合计与各项金额。",
)
def budget_summary_balance(doc: Disclosure) -> Iterator[Hit]:
    tables = [t for k in (TableKind.B01, TableKind.B04) if (t := budget_table(doc, k))]
    if not tables:
        raise NotApplicable("没有含数据的收支预算总表或财政拨款收支预算总表")
    for table in tables:
        yield from _ledger_checks(Ledger.build(table))
