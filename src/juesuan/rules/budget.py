"""Rule family: budget disclosures (部门预算公开), JS900–JS999.

A budget discloses this year's money with the same family of tables as a final account
(docs/domain.md §3.2): a 收支总表 whose income and expense sides balance, a 收入表 and a 支出表 by
code, a 财政拨款收支总表 splitting the fiscal money by fund, the 一般公共预算 支出表 and its
基本支出表, the “三公” table, the 政府性基金 and 国有资本经营 tables, 政府采购.  The table-
internal sums by code and by column are the arithmetic family's (JS201–JS203, which read
budget tables too); this family checks what is particular to budgets:

- JS901 the tables the document's own 目录 promises (or, with less weight, its layout);
- JS911–JS914 the sums inside the 收支总表, the “三公” table, 政府采购 and a 收入总表 listing
  sources;
- JS921–JS924 the same amount printed in two tables.

A table read with doubts (a column named by position, a header word not understood —
``Table.doubts``) never gives an error: its findings are info and say why.  Two printings of
one amount must be identical (one cent apart → warning, more → error); a sum of printed
amounts may differ from its total within their rounding (info).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan import catalog
from juesuan.model import Disclosure, Table, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, ZERO, money, table_label
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import (
    CodedIndex,
    Place,
    SumResult,
    cell,
    check_sum,
    coded_place,
    compare,
    evidence_of,
    printed_step,
    row_is_unread,
    table_has_data,
)

# ---------------------------------------------------------------------------------------
# reading budget tables


def budget_table(doc: Disclosure, kind: TableKind) -> Table | None:
    """The table of that kind when it holds data (a printed amount at least)."""
    found = [t for t in doc.tables if t.kind is kind]
    if len(found) != 1:
        return None  # absent, or printed twice: which one is meant is not clear
    return found[0] if table_has_data(found[0]) else None


def doubtful(*tables: Table) -> list[str]:
    return [d for t in tables for d in t.doubts]


def soften(hit: Hit | None, *tables: Table) -> Hit | None:
    """A finding built on a table read with doubts is info, with the reason."""
    doubts = doubtful(*tables)
    if hit is None or not doubts:
        return hit
    hit.severity = Severity.INFO
    hit.message += f"（表格读取存疑：{doubts[0]}，仅作提示）"
    return hit


#: Lines of a 收支总表 that are not parts of the year's income or expense.
INCOME_NON_PARTS = frozenset({"income_subtotal", "income_total", "carryover", "fund_used"})
EXPENSE_NON_PARTS = frozenset({"expense_subtotal", "expense_total", "carry_forward"})
USAGE_LINES = ("basic", "project", "reserve", "operating", "subsidy", "remit")


@dataclass
class Ledger:
    """The lines of a two-sided budget table by (side, key); lines printed twice dropped."""

    table: Table
    lines: dict[tuple[str, str], TableRow] = field(default_factory=dict)
    classes: list[TableRow] = field(default_factory=list)  # expense lines by 类
    usage: list[TableRow] = field(default_factory=list)  # 基本支出, 项目支出 … lines
    income_parts: list[TableRow] = field(default_factory=list)  # top-level income lines
    unnamed: dict[str, list[TableRow]] = field(default_factory=dict)  # side -> unknown lines

    @classmethod
    def build(cls, table: Table) -> Ledger:
        out = cls(table)
        seen: dict[tuple[str, str], int] = {}
        for row in table.rows:
            side = row.side or "income"
            if row.ref_code is None:
                out.unnamed.setdefault(side, []).append(row)
                continue
            k = (side, row.ref_code)
            seen[k] = seen.get(k, 0) + 1
            out.lines[k] = row
        for k, n in seen.items():
            if n > 1:
                del out.lines[k]
        for (side, ref), row in out.lines.items():
            if side == "expense" and ref.isdigit():
                out.classes.append(row)
            elif side == "expense" and ref in USAGE_LINES:
                out.usage.append(row)
            elif side == "income" and "." not in ref and ref not in INCOME_NON_PARTS:
                out.income_parts.append(row)
        return out

    def row(self, side: str, ref: str) -> TableRow | None:
        return self.lines.get((side, ref))

    def value(self, side: str, ref: str, column: str = "amount") -> Decimal | None:
        row = self.row(side, ref)
        return None if row is None else cell(row, column)

    def children(self, side: str, parent: str) -> list[TableRow]:
        return [
            r for (s, ref), r in self.lines.items() if s == side and ref.startswith(parent + ".")
        ]


def _has_money(rows: Iterable[TableRow], column: str = "amount") -> bool:
    return any((cell(r, column) or ZERO) != 0 for r in rows)


def _named(row: TableRow) -> str:
    return row.name.strip()


def _sum_hit(
    table: Table, res: SumResult, head: str, computed_name: str, rows: list[TableRow]
) -> Hit | None:
    hit = Hit(
        message=f"{table_label(table)}：{head}{res.clause(computed_name)}。",
        evidence=evidence_of(rows),
        expected=money(res.computed),
        actual=money(res.printed),
        severity=res.severity,
        where=table_label(table),
    )
    return soften(hit, table)


# ---------------------------------------------------------------------------------------
# JS901 tables promised by the 目录 or the layout


def _budget_layout(doc: Disclosure) -> catalog.Layout | None:
    layout = catalog.layouts().get(doc.layout or "")
    return layout if layout is not None and all(k.is_budget for k in layout.tables) else None


@rule(
    "JS901",
    applies_to=BUDGET_ONLY,
    name="budget-table-missing",
    title="缺少规定的预算公开表",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
部门预算公开要公开规定的预算表（收支总表、收入总表、支出总表、财政拨款收支总表、一般公共
预算支出表、一般公共预算基本支出表、“三公”经费支出表、政府性基金和国有资本经营预算支出表
等，各地模板张数不同），没有数据的表也要公开并注明。目录列出某张表而正文没有，公开就不
完整。未列入目录、只是本地模板通常有的表缺失时，只作警告；文件中一张表都没有（预算表
另行公开）时只给一条提示。
""",
    bad="目录列有“十、政府性基金预算支出预算表”，正文中没有这张表。",
    good="目录所列12张预算表正文均有；没有数据的表注明“本表无数据”。",
    suggestion="补齐缺少的预算表；无数据的表保留表样并注明。",
)
def budget_table_missing(doc: Disclosure) -> Iterator[Hit]:
    listed = [k for k in doc.listed_tables if k.is_budget]
    layout = _budget_layout(doc)
    expected = list(listed)
    if layout is not None:
        expected += [k for k in layout.tables if k not in expected]
    if not expected:
        raise NotApplicable("目录没有列出预算表，版式也未识别")
    present = {t.kind for t in doc.tables}
    missing = [k for k in expected if k not in present]
    if not missing:
        return
    toc = {e.table_kind: e.evidence for e in doc.toc if e.table_kind is not None}
    if not any(k.is_budget for k in present):
        evidence = [toc[k] for k in missing if k in toc][:3]
        yield Hit(
            message=(
                f"目录列出{len(listed)}张预算表，本文件中一张也没有（可能另行公开），"
                "无法核对表内数据；如有单独公开的报表，可与本文件合并审核（--as-one）。"
            ),
            evidence=evidence or ([doc.cover] if doc.cover else []),
            expected=f"{len(expected)}张预算表",
            actual="0张",
            severity=Severity.INFO,
            where="预算表",
        )
        return
    for kind in missing:
        name = TABLE_NAMES[kind]
        if kind in toc:
            yield Hit(
                message=f"目录列有“{name}”，正文中没有这张表。",
                evidence=[toc[kind]],
                expected=name,
                actual="缺失",
                where=name,
            )
        else:
            yield Hit(
                message=f"本地预算公开模板通常有“{name}”，本文件中没有找到，请核对是否漏公开。",
                evidence=[doc.cover] if doc.cover else [],
                expected=name,
                actual="缺失",
                severity=Severity.WARNING,
                where=name,
            )


# ---------------------------------------------------------------------------------------
# JS911 the 收支总表 and 财政拨款收支总表 balance


def _ledger_checks(ledger: Ledger) -> Iterator[Hit]:
    table = ledger.table
    step = printed_step(table)

    def total_vs(side: str, ref: str, parts: list[TableRow], what: str) -> Iterator[Hit]:
        row = ledger.row(side, ref)
        if row is None or not parts:
            return
        res = check_sum(_named(row), cell(row, "amount"), [cell(p, "amount") for p in parts], step)
        if res is not None:
            shown = [p for p in parts if (cell(p, "amount") or ZERO) != 0]
            names = "、".join(_named(p) for p in shown[:6]) + ("等" if len(shown) > 6 else "")
            hit = _sum_hit(table, res, "", f"{what}（{names}）之和", [row, *shown])
            if hit is not None:
                yield hit

    # 收入总计 = 支出总计, 本年收入 = 本年支出
    for inc, exp in (("income_total", "expense_total"), ("income_subtotal", "expense_subtotal")):
        a, b = ledger.row("income", inc), ledger.row("expense", exp)
        if a is None or b is None:
            continue
        pa = Place(table, [a], f"“{_named(a)}”", cell(a, "amount") or ZERO)
        pb = Place(table, [b], f"“{_named(b)}”", cell(b, "amount") or ZERO)
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
    bad="收支预算总表“收入合计”37188.34万元，“支出合计”37118.34万元。",
    good="收入合计 = 支出合计 = 37188.34万元；基本支出 + 项目支出 + 单位预留机动经费 = "
    "37188.34万元。",
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


# ---------------------------------------------------------------------------------------
# JS912 the “三公” table

#: (total item, part items) of the “三公” table, in the order they are checked.
SANGONG_SUMS = (
    ("vehicle", ("vehicle_purchase", "vehicle_operation")),
    ("sangong", ("abroad", "vehicle", "reception")),
)


def _items(table: Table) -> dict[str, TableRow]:
    out: dict[str, TableRow] = {}
    for row in table.rows:
        if row.ref_code and row.ref_code not in out:
            out[row.ref_code] = row
    return out


@rule(
    "JS912",
    applies_to=BUDGET_ONLY,
    name="budget-sangong-sum",
    title="“三公”经费预算表合计或小计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“三公”经费预算数 = 因公出国（境）费 + 公务用车购置及运行（维护）费 + 公务接待费，公务用车
购置及运行费 = 购置费 + 运行（维护）费；表中另列会议费、培训费时，合计 = “三公”经费 + 会议费
+ 培训费。不等说明某项录错或漏列。
""",
    bad="“三公”经费小计 513.75 万元，因公出国（境）费 160.00 + 公务用车 266.80 + 公务接待费 76.95 "
    "= 503.75 万元。",
    good="513.75 = 160.00 + 266.80 + 86.95 万元。",
    tolerance="sum_tolerance(n)，按表的印刷精度（舍入范围内仅作提示）。",
    suggestion="核对“三公”经费各项与小计、合计。",
)
def budget_sangong_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [t for k in (TableKind.B10, TableKind.B15) if (t := budget_table(doc, k))]
    if not tables:
        raise NotApplicable("没有含数据的“三公”经费预算表")
    for table in tables:
        items = _items(table)
        step = printed_step(table)
        sums = list(SANGONG_SUMS)
        extras = [k for k in ("meeting", "training") if k in items]
        if "sangong" in items and extras:
            sums.append(("total", ("sangong", *extras)))
        elif "sangong" not in items:
            sums.append(("total", ("abroad", "vehicle", "reception")))
        for total, parts in sums:
            if total not in items or not all(p in items for p in parts):
                continue
            rows = [items[p] for p in parts]
            res = check_sum(
                _named(items[total]),
                cell(items[total], "amount"),
                [cell(r, "amount") for r in rows],
                step,
            )
            if res is not None:
                names = " + ".join(_named(r) for r in rows)
                hit = _sum_hit(table, res, "", names, [items[total], *rows])
                if hit is not None:
                    yield hit


# ---------------------------------------------------------------------------------------
# JS913 政府采购预算: 合计 = 货物 + 工程 + 服务


@rule(
    "JS913",
    applies_to=BUDGET_ONLY,
    name="budget-procurement-sum",
    title="政府采购预算合计不等于货物、工程、服务之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
政府采购预算表的合计等于货物、工程、服务三类采购预算之和（没有的类别为零）。不等说明某类
金额录错或漏列。
""",
    bad="合计 5227.59 万元，货物 1637.72 + 工程 530.00 + 服务 3049.87 = 5217.59 万元。",
    good="5227.59 = 1637.72 + 530.00 + 3059.87 万元。",
    tolerance="sum_tolerance(n)，按表的印刷精度（舍入范围内仅作提示）。",
    suggestion="核对各类采购预算与合计。",
)
def budget_procurement_sum(doc: Disclosure) -> Iterator[Hit]:
    table = budget_table(doc, TableKind.B14)
    if table is None:
        raise NotApplicable("没有含数据的政府采购预算表")
    items = _items(table)
    categories = [items[c] for c in ("goods", "works", "services") if c in items]
    if "total" not in items or not categories:
        return
    res = check_sum(
        _named(items["total"]),
        cell(items["total"], "amount"),
        [cell(r, "amount") for r in categories],
        printed_step(table),
    )
    if res is not None:
        names = " + ".join(_named(r) for r in categories)
        hit = _sum_hit(table, res, "", names, [items["total"], *categories])
        if hit is not None:
            yield hit


# ---------------------------------------------------------------------------------------
# JS914 a 收入总表 listing sources by group: 小计 = Σ its lines, 总计 = Σ 小计


def _is_subtotal(row: TableRow) -> bool:
    return row.name.replace(" ", "") in {"小计", "合计"}


def _of_which(row: TableRow) -> bool:
    return row.name.replace(" ", "").startswith("其中")


@rule(
    "JS914",
    applies_to=BUDGET_ONLY,
    name="budget-income-groups",
    title="收入预算表分组小计或总计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
有的模板把收入预算总表印成按资金来源分组的清单（一般公共预算资金、政府性基金、财政专户
管理资金、其他资金、上年结转……），每组有“小计”，表首有“收入总计”。每组小计等于组内各项
之和（“其中”项不计），收入总计等于各组小计之和。
""",
    bad="“一般公共预算资金”小计 37188.34 万元，组内公共财政拨款（补助）资金 37088.34 + "
    "专项收入 0。",
    good="小计 37188.34 = 37188.34 + 0；收入总计 = 各组小计之和。",
    tolerance="sum_tolerance(n)，按表的印刷精度（舍入范围内仅作提示）。",
    suggestion="核对各组小计与组内各项。",
)
def budget_income_groups(doc: Disclosure) -> Iterator[Hit]:
    table = budget_table(doc, TableKind.B02)
    if table is None or any(r.code for r in table.rows):
        raise NotApplicable("没有按资金来源分组列示的收入预算表")
    step = printed_step(table)
    groups: dict[str, list[TableRow]] = {}
    for row in table.rows:
        if row.group:
            groups.setdefault(row.group, []).append(row)
    subtotals: list[TableRow] = []
    for label, rows in groups.items():
        subs = [r for r in rows if _is_subtotal(r)]
        items = [r for r in rows if not _is_subtotal(r) and not _of_which(r)]
        if len(subs) != 1:
            continue
        subtotals.append(subs[0])
        if not items:
            continue
        res = check_sum(
            f"“{label}”小计", cell(subs[0], "total"), [cell(r, "total") for r in items], step
        )
        if res is not None:
            hit = _sum_hit(table, res, "", "组内各项之和", [subs[0], *items])
            if hit is not None:
                yield hit
    grand = [r for r in table.rows if r.group is None and "总计" in r.name]
    if len(grand) == 1 and subtotals and len(subtotals) == len(groups):
        res = check_sum(
            _named(grand[0]), cell(grand[0], "total"), [cell(r, "total") for r in subtotals], step
        )
        if res is not None:
            hit = _sum_hit(table, res, "", "各组小计之和", [grand[0], *subtotals])
            if hit is not None:
                yield hit


# ---------------------------------------------------------------------------------------
# cross-table


def _compare(subject: str, a: Place | None, b: Place | None) -> Hit | None:
    """Two printings of one amount; tables in whole 元 are held to their own precision
    (one 元 apart → warning, more → error) rather than to the cent of a 万元 table."""
    if a is None or b is None:
        return None
    hit = compare(subject, a, b)
    if hit is not None and a.addends <= 1 and b.addends <= 1:
        step = max(printed_step(a.table), printed_step(b.table))
        hit.severity = Severity.WARNING if abs(a.value - b.value) <= step else Severity.ERROR
    return soften(hit, a.table, b.table)


def ledger_place(ledger: Ledger, side: str, ref: str, column: str = "amount") -> Place | None:
    row = ledger.row(side, ref)
    if row is None:
        return None
    value = cell(row, column)
    if value is None:
        return None
    label = ledger.table.column_labels.get(column, "") if column != "amount" else ""
    return Place(ledger.table, [row], f"“{_named(row)}”{label}", value)


def total_place(table: Table, column: str) -> Place | None:
    """The 合计 row of a coded table (or its only row for a one-row table)."""
    index = CodedIndex.build(table)
    row = index.total
    if row is None:
        named = [r for r in table.rows if r.code is None and r.name in {"合计", "总计", "收入总计"}]
        row = named[0] if len(named) == 1 else None
    if row is None or row_is_unread(row) or column not in row.values:
        return None
    return coded_place(table, row, column)


def code_place(table: Table, code: str, column: str) -> Place | None:
    index = CodedIndex.build(table)
    row = index.by_code.get(code)
    if row is None or column not in row.values:
        return None
    return coded_place(table, row, column)


def _class_pairs(
    ledger: Ledger, ledger_column: str, table: Table, column: str, subject: str
) -> Iterator[Hit]:
    """Each 类 line of a 收支总表 against the same 类 row of a coded table."""
    index = CodedIndex.build(table)
    for row in ledger.classes:
        code = row.ref_code or ""
        a = ledger_place(ledger, "expense", code, ledger_column)
        if a is None:
            continue
        other = index.by_code.get(code)
        if other is None:
            if a.value != 0 and index.top_level():
                b = Place(table, [], f"没有“{code}”类", ZERO)
                hit = _compare(f"{subject}（{_named(row)}）", a, b)
                if hit is not None:
                    yield hit
            continue
        hit = _compare(f"{subject}（{_named(row)}）", a, coded_place(table, other, column))
        if hit is not None:
            yield hit


@rule(
    "JS921",
    applies_to=BUDGET_ONLY,
    name="budget-summary-vs-tables",
    title="收支预算总表与收入、支出预算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收支预算总表汇总了收入预算表和支出预算表：本年收入等于收入预算表合计；每一类支出等于支出
预算表同一类的合计；基本支出、项目支出等于支出预算表合计行的基本支出、项目支出。两表不一致，
说明其中一张表录错或未同步更新。
""",
    bad="收支预算总表“住房保障支出”7344.46万元，支出预算表221类合计7334.46万元。",
    good="两表住房保障支出均为7344.46万元。",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对两张表的对应金额，修正录错的一方。",
)
def budget_summary_vs_tables(doc: Disclosure) -> Iterator[Hit]:
    summary = budget_table(doc, TableKind.B01)
    income = budget_table(doc, TableKind.B02)
    expense = budget_table(doc, TableKind.B03)
    if summary is None or not any(budget_table(doc, k) for k in BY_CODE_TABLES):
        raise NotApplicable("没有收支预算总表，或没有收入、支出预算表")
    ledger = Ledger.build(summary)
    if income is not None:
        carry = ledger.value("income", "carryover")
        ref = "income_subtotal" if (carry or ZERO) != 0 else "income_total"
        a = ledger_place(ledger, "income", ref) or ledger_place(ledger, "income", "income_subtotal")
        hit = _compare("本年收入", a, total_place(income, "total"))
        if hit is not None:
            yield hit
    coded_expense = expense if expense is not None and any(r.code for r in expense.rows) else None
    if coded_expense is None and _only_general(doc):
        # all the money is 一般公共预算: its table by code restates the 类 lines
        coded_expense = budget_table(doc, TableKind.B07) or budget_table(doc, TableKind.B05)
    if coded_expense is not None:
        yield from _class_pairs(ledger, "amount", coded_expense, "total", "各类支出")
    if expense is not None:
        for use in USAGE_LINES:
            if use in expense.columns:
                hit = _compare(
                    TABLE_COLUMN_NAMES.get(use, use),
                    ledger_place(ledger, "expense", use),
                    total_place(expense, use),
                )
                if hit is not None:
                    yield hit
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        carry_out = ledger.value("expense", "carry_forward")
        if target == "expense_subtotal" or (carry_out or ZERO) == 0:
            hit = _compare(
                "本年支出", ledger_place(ledger, "expense", target), total_place(expense, "total")
            )
            if hit is not None:
                yield hit


#: Tables the 收支总表 is compared with.
BY_CODE_TABLES = (TableKind.B02, TableKind.B03, TableKind.B05, TableKind.B07)

TABLE_COLUMN_NAMES = {
    "basic": "基本支出",
    "project": "项目支出",
    "reserve": "单位预留机动经费",
    "operating": "事业单位经营支出",
    "subsidy": "对附属单位补助支出",
    "remit": "上缴上级支出",
    "personnel": "人员经费",
    "public": "公用经费",
}

#: Fund lines of a 财政拨款收支总表 and the table that details each fund.
FUND_TABLES = (
    ("general", TableKind.B07, "一般公共预算"),
    ("govfund", TableKind.B11, "政府性基金预算"),
    ("soe", TableKind.B12, "国有资本经营预算"),
)


def _fund_income(ledger: Ledger, fund: str) -> Place | None:
    return ledger_place(ledger, "income", fund) or ledger_place(ledger, "income", f"fiscal.{fund}")


@rule(
    "JS922",
    applies_to=BUDGET_ONLY,
    name="budget-fiscal-summary-vs-tables",
    title="财政拨款收支预算总表与分资金预算表不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
财政拨款收支预算总表按资金列示：一般公共预算拨款等于一般公共预算支出预算表合计，政府性
基金、国有资本经营预算拨款等于各自支出预算表的合计；各类支出的一般公共预算列等于一般公共
预算支出预算表同一类；基本支出等于财政拨款基本支出预算表合计；支出合计等于财政拨款支出
预算表合计。总表有政府性基金等拨款而对应的表没有数据（或相反），也在此报告。
""",
    bad="财政拨款收支预算总表“一般公共预算”37188.34万元，一般公共预算支出预算表合计37088.34万元。",
    good="两处均为37188.34万元。",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对总表与分表的对应金额。",
)
def budget_fiscal_summary_vs_tables(doc: Disclosure) -> Iterator[Hit]:
    fiscal = budget_table(doc, TableKind.B04)
    if fiscal is None:
        raise NotApplicable("没有含数据的财政拨款收支预算总表")
    ledger = Ledger.build(fiscal)
    for fund, kind, fund_name in FUND_TABLES:
        a = _fund_income(ledger, fund)
        detail = budget_table(doc, kind)
        printed = [t for t in doc.tables if t.kind is kind]
        if a is None:
            continue
        if detail is None:
            if a.value != 0 and len(printed) == 1:
                yield Hit(
                    message=(
                        f"{a.describe()}，而{table_label(printed[0])}没有数据，"
                        "该表应列示这部分支出。"
                    ),
                    evidence=[*evidence_of(a.rows), printed[0].evidence],
                    expected=money(a.value),
                    actual="无数据",
                    where=table_label(printed[0]),
                )
            continue
        hit = _compare(f"{fund_name}拨款", a, total_place(detail, "total"))
        if hit is not None:
            yield hit
        if fund == "general" and "general" in fiscal.columns and any(r.code for r in detail.rows):
            yield from _class_pairs(ledger, "general", detail, "total", "一般公共预算各类支出")
    b05 = budget_table(doc, TableKind.B05)
    if b05 is not None:
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        hit = _compare(
            "财政拨款支出", ledger_place(ledger, "expense", target), total_place(b05, "total")
        )
        if hit is not None:
            yield hit
        if any(r.code for r in b05.rows) and ledger.classes:
            yield from _class_pairs(ledger, "amount", b05, "total", "财政拨款各类支出")
    b06 = budget_table(doc, TableKind.B06)
    if b06 is not None:
        hit = _compare(
            "财政拨款基本支出", ledger_place(ledger, "expense", "basic"), total_place(b06, "total")
        )
        if hit is not None:
            yield hit


@rule(
    "JS923",
    applies_to=BUDGET_ONLY,
    name="budget-basic-vs-economic",
    title="基本支出与基本支出预算表（经济分类）不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
一般公共预算支出预算表的基本支出合计等于一般公共预算基本支出预算表（按经济分类）的合计；
财政拨款支出预算表的基本支出等于财政拨款基本支出预算表的合计；收支预算总表列出人员经费、
公用经费时，也应与基本支出预算表的人员经费、公用经费合计一致。
""",
    bad="一般公共预算支出预算表基本支出合计 12764.20 万元，基本支出预算表合计 12746.20 万元。",
    good="两表基本支出均为 12764.20 万元。",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对两张表的基本支出。",
)
def budget_basic_vs_economic(doc: Disclosure) -> Iterator[Hit]:
    pairs = ((TableKind.B07, TableKind.B08), (TableKind.B05, TableKind.B06))
    found = False
    for functional_kind, economic_kind in pairs:
        functional = budget_table(doc, functional_kind)
        economic = budget_table(doc, economic_kind)
        if functional is None or economic is None or "basic" not in functional.columns:
            continue
        found = True
        hit = _compare("基本支出", total_place(functional, "basic"), total_place(economic, "total"))
        if hit is not None:
            yield hit
    economic = budget_table(doc, TableKind.B08) or budget_table(doc, TableKind.B06)
    summary = budget_table(doc, TableKind.B01)
    if economic is not None and summary is not None:
        ledger = Ledger.build(summary)
        target = (
            "expense_subtotal" if ledger.row("expense", "expense_subtotal") else "expense_total"
        )
        only_general = _only_general(doc)
        for column in ("personnel", "public"):
            if column in summary.columns and column in economic.columns and only_general:
                found = True
                hit = _compare(
                    TABLE_COLUMN_NAMES[column],
                    ledger_place(ledger, "expense", target, column),
                    total_place(economic, column),
                )
                if hit is not None:
                    yield hit
    if not found:
        raise NotApplicable("没有可对照的基本支出和基本支出预算表")


def _only_general(doc: Disclosure) -> bool:
    """Whether all the year's money is 一般公共预算 (the 收支总表 says so): then the tables of
    all money, of 财政拨款 and of 一般公共预算 print the same amounts."""
    summary = budget_table(doc, TableKind.B01)
    if summary is None:
        return False
    ledger = Ledger.build(summary)
    general = ledger.value("income", "fiscal.general")
    if general is None:
        general = ledger.value("income", "general")
    if general is None or general == 0 or ledger.unnamed.get("income"):
        return False
    others = [
        (ledger.value("income", ref) or ZERO)
        for (side, ref) in ledger.lines
        if side == "income"
        and ref not in INCOME_NON_PARTS
        and ref not in ("fiscal", "fiscal.general", "general")
    ]
    carry = ledger.value("income", "carryover") or ZERO
    return all(v == 0 for v in others) and carry == 0


@rule(
    "JS924",
    applies_to=BUDGET_ONLY,
    name="budget-same-money-tables",
    title="只有一般公共预算拨款时各支出预算表同一科目金额不一致",
    category=Category.CROSSTABLE,
    severity=Severity.ERROR,
    rationale="""
收支预算总表显示全部收入都是一般公共预算拨款（没有政府性基金、财政专户、事业收入等，也没有
上年结转）时，支出预算表、财政拨款支出预算表和一般公共预算支出预算表是同一笔钱，同一科目
的金额应相同；财政拨款基本支出预算表与一般公共预算基本支出预算表也一样。
""",
    bad="全部收入为一般公共预算拨款，支出预算表“2040501 行政运行”17279.29万元，一般公共预算"
    "支出预算表同一科目17297.29万元。",
    good="各表“2040501 行政运行”均为17279.29万元。",
    tolerance="两处印刷的同一金额应完全相同（差 0.01 万元为警告，更多为错误）。",
    suggestion="核对各表同一科目的金额。",
)
def budget_same_money_tables(doc: Disclosure) -> Iterator[Hit]:
    if not _only_general(doc):
        raise NotApplicable("收支预算总表未显示全部收入为一般公共预算拨款")
    pairs = (
        (TableKind.B03, TableKind.B07),
        (TableKind.B05, TableKind.B07),
        (TableKind.B06, TableKind.B08),
    )
    for a_kind, b_kind in pairs:
        a, b = budget_table(doc, a_kind), budget_table(doc, b_kind)
        if a is None or b is None:
            continue
        a_index, b_index = CodedIndex.build(a), CodedIndex.build(b)
        columns = [c for c in a.columns if c in b.columns]
        for code in a_index.order:
            other = b_index.by_code.get(code)
            if other is None:
                continue
            for column in columns:
                hit = _compare(
                    "同一科目",
                    coded_place(a, a_index.by_code[code], column),
                    coded_place(b, other, column),
                )
                if hit is not None:
                    yield hit
