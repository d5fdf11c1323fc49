"""What the explanation states, computed from the data once and for every layout.

:class:`Facts` reads :class:`~juesuan.generate.data.GenerationData` and derives the figures
the sentences print — totals, breakdowns with their shares, year-on-year changes, the 项 with
their budgets, the “三公” items, the two fund sections — without any wording: the layouts'
templates (``generate/layouts/*/``) choose the words.  The only layout fact it needs is
which budget 口径 (全年预算 or 年初预算) the layout states first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from juesuan import catalog
from juesuan.generate.data import (
    TEXT_KEYS,
    ZERO,
    GenerationData,
    TableData,
    TableLine,
    printed_columns,
)
from juesuan.generate.numbers import Change, change, ratio, shares
from juesuan.model import TableKind

#: The 财政拨款 income lines of the 收入支出决算总表 (grouped as 财政拨款收入 by some layouts).
FUND_LINES = ("general", "govfund", "soe")
#: Levels of a functional code's path ("一般公共服务支出（类）…（款）…（项）").
PATH_LEVELS = ((3, "类"), (5, "款"), (7, "项"))
#: Tables whose rows name the functional codes, in the order their names are preferred.
NAME_TABLES = (TableKind.T06, TableKind.T05, TableKind.T03, TableKind.T10, TableKind.T11)


@dataclass(frozen=True, slots=True)
class Share:
    """One line of a breakdown: name, amount and its printed share of the whole (%)."""

    name: str
    amount: Decimal
    share: Decimal


def breakdown(lines: Sequence[tuple[str, Decimal]], whole: Decimal) -> list[Share]:
    return [
        Share(name, amount, share)
        for (name, amount), share in zip(lines, shares([a for _, a in lines], whole), strict=True)
    ]


@dataclass(frozen=True, slots=True)
class BudgetItem:
    """One 项 of a 具体情况 list: its path, actual and budget."""

    code: str
    path: str  # "一般公共服务支出（类）…（款）…（项）"
    actual: Decimal
    budget: Decimal | None  # in the list's 口径 (None: no budget given)
    initial: bool  # the budget is the 年初预算
    purpose: str  # 主要用于…
    reason: str  # 决算数与预算数差异的主要原因


@dataclass(frozen=True, slots=True)
class BudgetList:
    """The 项 of a 具体情况 list and their budget in one 口径 (``budget`` is None when not
    every item has one)."""

    total: Decimal
    budget: Decimal | None
    initial: bool  # every item's budget is its 年初预算
    items: list[BudgetItem]


@dataclass(frozen=True, slots=True)
class Fund:
    """政府性基金 / 国有资本经营 预算财政拨款: the fund table's totals and its 项."""

    has_data: bool
    income: Decimal
    amount: Decimal  # 本年支出合计
    share: Decimal | None  # of 本年支出合计 (None when there is no expense)
    items: list[BudgetItem]


@dataclass(frozen=True, slots=True)
class SangongItem:
    """A “三公” item: 预算数, 决算数 and last year's 决算数 with the change."""

    key: str
    name: str
    budget: Decimal
    actual: Decimal
    prior: Decimal | None
    change: Change | None  # None when last year's amount is not given
    share: Decimal  # of the “三公” total (决算数)


class Texts:
    """The data's reasons and descriptions by key (``texts.total_change``); "" when not
    given.  An unknown key is an error (a typo in a template must not print nothing)."""

    def __init__(self, data: GenerationData) -> None:
        self._data = data

    def __getattr__(self, key: str) -> str:
        if key.startswith("_") or key not in TEXT_KEYS:
            raise AttributeError(key)
        return self._data.text(key)


class Facts:
    """The figures of one disclosure, for the templates."""

    def __init__(self, data: GenerationData, budget_basis: Sequence[str]) -> None:
        self.data = data
        self.unit = data.unit
        self.year = data.unit.year
        self.last = data.unit.year - 1
        self.kind = data.unit.kind
        self.texts = Texts(data)
        self.prior = data.prior
        self.basis_order = tuple(budget_basis)

    # --- table access -------------------------------------------------------------------

    def table(self, kind: TableKind) -> TableData:
        return self.data.table(kind)

    def fixed(self, kind: TableKind, key: str, side: str, column: str = "amount") -> Decimal:
        line = self.table(kind).line(key, side)
        return line.value(column) if line is not None else ZERO

    def total_of(self, kind: TableKind, column: str) -> Decimal:
        row = self.table(kind).total_row()
        return row.value(column) if row is not None else ZERO

    # --- 一 … 四: totals and breakdowns --------------------------------------------------

    @cached_property
    def grand_total(self) -> Decimal:
        """收入支出总计 (收入支出决算总表)."""
        return self.fixed(TableKind.T01, "grand_total", "income")

    @cached_property
    def income_total(self) -> Decimal:
        return self.fixed(TableKind.T01, "income_total", "income")

    @cached_property
    def income_by_fund(self) -> list[Share]:
        """The non-zero income lines, the 财政拨款 lines one by one."""
        lines = [
            (name, v)
            for key, name in catalog.income_lines().items()
            if (v := self.fixed(TableKind.T01, key, "income")) != 0
        ]
        return breakdown(lines, self.income_total)

    @cached_property
    def income_grouped(self) -> list[Share]:
        """The non-zero income lines, the three 财政拨款 lines as one 财政拨款收入."""
        fiscal = sum((self.fixed(TableKind.T01, k, "income") for k in FUND_LINES), ZERO)
        lines = [(printed_columns(TableKind.T02)["fiscal"], fiscal)] if fiscal != 0 else []
        lines += [
            (name, v)
            for key, name in catalog.income_lines().items()
            if key not in FUND_LINES and (v := self.fixed(TableKind.T01, key, "income")) != 0
        ]
        return breakdown(lines, self.income_total)

    @cached_property
    def expense_total(self) -> Decimal:
        return self.total_of(TableKind.T03, "total")

    @cached_property
    def expense_parts(self) -> list[Share]:
        """The non-zero columns of the 支出决算表's 合计 row (基本支出, 项目支出 …)."""
        printed = printed_columns(TableKind.T03)
        lines = [
            (header, v)
            for column, header in printed.items()
            if column != "total" and (v := self.total_of(TableKind.T03, column)) != 0
        ]
        return breakdown(lines, self.expense_total)

    @cached_property
    def fiscal_grand_total(self) -> Decimal:
        """财政拨款收入支出总计 (财政拨款收入支出决算总表)."""
        return self.fixed(TableKind.T04, "grand_total", "income")

    # --- 五 一般公共预算财政拨款支出 --------------------------------------------------------

    @cached_property
    def general(self) -> Decimal:
        return self.total_of(TableKind.T06, "total")

    @cached_property
    def general_share(self) -> Decimal | None:
        """一般公共预算财政拨款支出 as a share of 本年支出合计."""
        return ratio(self.general, self.expense_total) if self.expense_total > 0 else None

    @cached_property
    def general_classes(self) -> list[Share]:
        lines = [
            (r.name, r.value("total"))
            for r in self.table(TableKind.T06).rows
            if r.code and len(r.code) == 3 and r.value("total") != 0
        ]
        return breakdown(lines, self.general)

    @cached_property
    def general_detail(self) -> BudgetList:
        rows = [
            r
            for r in self.table(TableKind.T06).rows
            if r.code
            and len(r.code) == 7
            and (r.value("total") or self.data.budget(r.code) is not None)
        ]
        return self.budget_list(self.general, rows, "total")

    def budget_basis(self, codes: Sequence[str]) -> str | None:
        """The budget 口径 of a list of 项: "adjusted" (全年预算) or "initial" (年初预算),
        whichever every item has, the layout's own first; None when neither is complete
        (each item then states what it has)."""
        for basis in self.basis_order:
            if codes and all(
                (b := self.data.budget(c)) is not None and getattr(b, basis) is not None
                for c in codes
            ):
                return basis
        return None

    def budget_of(self, code: str, basis: str | None) -> tuple[Decimal | None, bool]:
        """(budget, is_initial) of a 项 in ``basis`` (or what the item has when None)."""
        b = self.data.budget(code)
        if b is None:
            return None, False
        if basis is None:
            basis = self.basis_order[0]
            if getattr(b, basis) is None:
                basis = next(x for x in self.basis_order if x != basis)
        value = b.initial if basis == "initial" else b.adjusted
        return value, basis == "initial" and value is not None

    def budget_list(self, total: Decimal, rows: list[TableLine], column: str) -> BudgetList:
        codes = [r.code or "" for r in rows]
        basis = self.budget_basis(codes)
        items = []
        for row, code in zip(rows, codes, strict=True):
            budget, initial = self.budget_of(code, basis)
            info = self.data.budget(code)
            items.append(
                BudgetItem(
                    code=code,
                    path=self.path_of(code),
                    actual=row.value(column),
                    budget=budget,
                    initial=initial,
                    purpose=info.purpose.strip() if info is not None else "",
                    reason=info.reason if info is not None else "",
                )
            )
        if basis is None:
            return BudgetList(total, None, False, items)
        budget_total = sum((i.budget for i in items if i.budget is not None), ZERO)
        return BudgetList(total, budget_total, all(i.initial for i in items), items)

    @cached_property
    def code_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for kind in NAME_TABLES:
            for r in self.table(kind).rows:
                if r.code and r.code not in names:
                    names[r.code] = r.name
        return names

    def path_of(self, code: str) -> str:
        """ "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）"."""
        parts = []
        for length, level in PATH_LEVELS:
            name = self.code_names.get(code[:length])
            if name:
                parts.append(f"{name}（{level}）")
        return "".join(parts)

    # --- 六 基本支出 ----------------------------------------------------------------------

    @cached_property
    def basic(self) -> Decimal:
        return self.total_of(TableKind.T06, "basic")

    def _t08_classes(self, side: str) -> Decimal:
        rows = self.table(TableKind.T08).rows
        return sum((r.value(side) for r in rows if r.code and len(r.code) == 3), ZERO)

    @cached_property
    def personnel(self) -> Decimal:
        """人员经费: the 类 lines of the 基本支出决算表's 人员经费 side."""
        return self._t08_classes("personnel")

    @cached_property
    def public(self) -> Decimal:
        return self._t08_classes("public")

    def _economic_items(self, side: str) -> str:
        rows = self.table(TableKind.T08).rows
        return "、".join(r.name for r in rows if r.code and len(r.code) == 5 and r.value(side))

    @cached_property
    def personnel_items(self) -> str:
        """What 人员经费 mainly consists of: the data's words, else its 款 names."""
        return self.texts.personnel_items or self._economic_items("personnel")

    @cached_property
    def public_items(self) -> str:
        return self.texts.public_items or self._economic_items("public")

    # --- 七 “三公”经费 ---------------------------------------------------------------------

    def _sangong_value(self, key: str, column: str) -> Decimal:
        line = self.table(TableKind.T13).line(key)
        return line.value(column) if line is not None else ZERO

    @cached_property
    def sangong_empty(self) -> bool:
        return all(
            self._sangong_value(k, c) == 0
            for k, _ in catalog.sangong_items()
            for c in ("budget", "actual")
        )

    @cached_property
    def sangong(self) -> dict[str, SangongItem]:
        """The “三公” items by key (total, abroad, vehicle, vehicle_purchase, …)."""
        total = self._sangong_value("total", "actual")
        out: dict[str, SangongItem] = {}
        for key, name in catalog.sangong_items():
            actual = self._sangong_value(key, "actual")
            prior = self.prior.sangong.get(key)
            out[key] = SangongItem(
                key=key,
                name=name,
                budget=self._sangong_value(key, "budget"),
                actual=actual,
                prior=prior,
                change=change(actual, prior) if prior is not None else None,
                share=shares([actual], total)[0],
            )
        return out

    @cached_property
    def sangong_parts(self) -> list[SangongItem]:
        """The three items that make up the total: 因公出国（境）费, 公务用车购置及运行维护费,
        公务接待费."""
        return [self.sangong[k] for k in ("abroad", "vehicle", "reception")]

    # --- 八 九 the fund sections -----------------------------------------------------------

    def _fund(self, kind: TableKind) -> Fund:
        table = self.table(kind)
        total = table.total_row()
        amount = total.value("expense_total") if total is not None else ZERO
        rows = [r for r in table.rows if r.code and len(r.code) == 7 and r.value("expense_total")]
        return Fund(
            has_data=table.has_data(),
            income=total.value("income") if total is not None else ZERO,
            amount=amount,
            share=ratio(amount, self.expense_total) if self.expense_total > 0 else None,
            items=self.budget_list(amount, rows, "expense_total").items,
        )

    @cached_property
    def govfund(self) -> Fund:
        return self._fund(TableKind.T10)

    @cached_property
    def soe(self) -> Fund:
        return self._fund(TableKind.T11)

    # --- 十 其他重要事项 -------------------------------------------------------------------

    @cached_property
    def has_admin_cost(self) -> bool:
        """Whether the 机关运行经费 sentence states an amount (else "无机关运行经费支出")."""
        cost = self.data.admin_cost
        return not (cost is None or (cost == 0 and not self.unit.administrative))

    @cached_property
    def admin_cost_change(self) -> Change | None:
        cost, prior = self.data.admin_cost, self.prior.admin_cost
        return change(cost, prior) if cost is not None and prior is not None else None
