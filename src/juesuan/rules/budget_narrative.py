"""Budget narrative (JS931–JS949): what a budget's explanation (预算情况说明, 预算编制说明,
其他相关情况说明) states, checked against the budget tables (docs/domain.md §3.2, §4) and
against itself.

A stated amount restates a table cell: 收支预算总计 and the sources and uses restate the
收支预算总表 (B01) and the 财政拨款收支总表 (B04); 一般公共预算 the 一般公共预算支出表 (B07);
a 类 its line of B01 or its row of B07/B05; a 类/款/项 path its row of B07/B05 by code;
人员经费 and 公用经费 the 基本支出表 (B08/B06); “三公” the “三公” table (B10); 机关运行经费
B13 or the 机关运行经费 line of B10; 政府采购 B14.

Severity (the policy of every rule here): an error only where a reviewer can confirm it from
the evidence shown — amounts that differ beyond the precision they are printed with.
Budgets print amounts with 0, 1 or 2 decimals ("17,192万元", "1400 万元", "5011.4 万元") and
tables in 万元 with two decimals or in whole 元; a stated amount is compared at the coarser
of the two precisions (``printed_verdict``): equal after rounding → right; the table's
amount truncated to the stated decimals → info; one unit → warning; more → error.
Percentages are judged by interval (``rules/common.py``) on amounts at their printed
precision; shares forced to add up to 100% are info.  A table read with doubts gives info
only; a reading that is not certain (a path whose code is not found, a total derived by
convention) gives a warning at most or nothing.

One root cause, one finding: a rate or share is also recomputed from the table's figure when
the stated amount it is built on disagrees with the table; it is reported only when neither
figure explains it.

The rules are self-contained; the look-ups shared by several of them (a stated subject → the
table cells it restates) come first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from juesuan.model import Disclosure, DocKind, Evidence, Statement, Table, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.arithmetic import (
    CodedIndex,
    cell,
    printed_step,
    row_is_unread,
    squash,
)
from juesuan.rules.budget import Ledger
from juesuan.rules.common import (
    HUNDRED,
    ZERO,
    decimals_of,
    half_unit,
    money,
    round_to,
    sum_tolerance,
    table_label,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import (
    Facts,
    fmt,
    interval_text,
    judge_percent,
    percent_of,
)

_B01, _B02, _B03, _B04 = TableKind.B01, TableKind.B02, TableKind.B03, TableKind.B04
_B05, _B06, _B07, _B08 = TableKind.B05, TableKind.B06, TableKind.B07, TableKind.B08
_B10, _B11, _B12, _B13 = TableKind.B10, TableKind.B11, TableKind.B12, TableKind.B13
_B14 = TableKind.B14

MONEY = frozenset({"万元", "万"})
_NO_STATEMENTS = "预算说明中没有可与预算表核对的数字"
_NO_TABLES = "没有可核对的预算表"

# =========================================================================================
# shared: stated amounts, table cells, comparing at the printed precision


def money_value(s: Statement | None) -> Decimal | None:
    """A statement's amount in 万元 (printed decimals kept), else None."""
    if s is None or not isinstance(s.value, Decimal) or s.unit not in MONEY:
        return None
    return s.value


def where(s: Statement) -> str:
    """The place of a statement as the engine groups findings (its section)."""
    if s.section:
        return f"情况说明{s.section}"
    return "预算编制说明" if s.topic == "compilation" else "情况说明"


def evidence_list(*items: Statement | Evidence | None) -> list[Evidence]:
    out: list[Evidence] = []
    for item in items:
        if item is None:
            continue
        ev = item.evidence if isinstance(item, Statement) else item
        if ev not in out:
            out.append(ev)
    return out


@dataclass(frozen=True, slots=True)
class Cell:
    """A table amount a statement restates."""

    label: str  # "公开01表 收支预算总表“一、基本支出”"
    value: Decimal  # 万元
    places: int  # decimals the table prints, counted in 万元 (2 for 万元, 4 for whole 元)
    evidence: tuple[Evidence, ...]
    tables: tuple[Table, ...]
    # the most a disagreement may be (a value derived by convention, an empty table that may
    # not have been read): None for a printed cell
    cap: Severity | None = None
    printed: str | None = None  # the cell as printed when the table is not in 万元 ("2,206,272 元")

    def describe(self) -> str:
        shown = f"（表中印为 {self.printed}）" if self.printed else ""
        return f"{self.label}为 {money(self.value)} 万元{shown}"

    @property
    def doubts(self) -> list[str]:
        return [d for t in self.tables for d in t.doubts]


Lookup = Callable[[Disclosure], "Cell | None"]


def _places(table: Table) -> int:
    step = printed_step(table).normalize()
    return decimals_of(step)


def _table(doc: Disclosure, kind: TableKind) -> Table | None:
    """The one table of that kind (None when absent or printed twice)."""
    found = [t for t in doc.tables if t.kind is kind]
    return found[0] if len(found) == 1 else None


def _cell(
    table: Table,
    rows: list[TableRow],
    text: str,
    value: Decimal,
    cap: Severity | None = None,
    column: str | None = None,
) -> Cell:
    evidence = tuple(r.evidence for r in rows) or (table.evidence,)
    printed = None
    if table.unit != "万元" and column is not None and len(rows) == 1:
        raw = rows[0].raw.get(column, "").strip()
        printed = f"{raw} {table.unit}" if raw else None
    label = f"{table_label(table)}{text}"
    return Cell(label, value, _places(table), evidence, (table,), cap, printed)


def quoted(name: str) -> str:
    """A printed name in quotes (a name holding quotes of its own, “三公”经费, as it is)."""
    name = name.strip()
    return name if "“" in name or "”" in name else f"“{name}”"


def _empty(table: Table) -> Cell | None:
    """0 for a table printed without rows: certain when it says so (本表无数据), else a
    warning at most (the rows may not have been read)."""
    if table.rows:
        return None
    cap = None if table.empty_statement else Severity.WARNING
    return Cell(f"{table_label(table)}（无数据）", ZERO, 2, (table.evidence,), (table,), cap)


def _column_text(table: Table, column: str) -> str:
    return f"{table.column_labels.get(column, column)}栏" if column != "amount" else ""


def line(kind: TableKind, side: str, refs: tuple[str, ...], column: str = "amount") -> Lookup:
    """A line of a two-sided table (收支总表) by its key; a blank cell is 0."""

    def look(doc: Disclosure) -> Cell | None:
        table = _table(doc, kind)
        if table is None or not table.rows or column not in table.columns:
            return None
        ledger = Ledger.build(table)
        for ref in refs:
            row = ledger.row(side, ref)
            if row is None:
                continue
            value = cell(row, column)
            if value is None:
                return None
            text = f"{quoted(row.name)}{_column_text(table, column)}"
            return _cell(table, [row], text, value, column=column)
        return None

    return look


def _total_row(table: Table) -> TableRow | None:
    index = CodedIndex.build(table)
    if index.total is not None:
        return index.total
    named = [
        r for r in table.rows if r.code is None and squash(r.name) in {"合计", "总计", "收入总计"}
    ]
    return named[0] if len(named) == 1 else None


def total(kind: TableKind, column: str = "total") -> Lookup:
    """A column of the 合计 row of a coded table (0 for a table printed without rows)."""

    def look(doc: Disclosure) -> Cell | None:
        table = _table(doc, kind)
        if table is None:
            return None
        empty = _empty(table)
        if empty is not None:
            return empty
        row = _total_row(table)
        if row is None or row_is_unread(row) or column not in table.columns:
            return None
        value = cell(row, column)
        if value is None:
            return None
        text = f"合计行{table.column_labels.get(column, column)}栏"
        return _cell(table, [row], text, value, column=column)

    return look


def code_cell(doc: Disclosure, kind: TableKind, code: str, column: str = "total") -> Cell | None:
    table = _table(doc, kind)
    if table is None or column not in table.columns:
        return None
    row = CodedIndex.build(table).by_code.get(code)
    if row is None or row_is_unread(row):
        return None
    value = cell(row, column)
    if value is None:
        return None
    return _cell(table, [row], f"“{code} {row.name.strip()}”", value, column=column)


def item(kind: TableKind, *refs: str) -> Lookup:
    """An item of the “三公” or 政府采购 table by its key (the first key printed)."""

    def look(doc: Disclosure) -> Cell | None:
        table = _table(doc, kind)
        if table is None:
            return None
        for ref in refs:
            rows = [r for r in table.rows if r.ref_code == ref]
            if rows:
                value = cell(rows[0], "amount")
                if value is None:
                    return None
                return _cell(table, rows[:1], quoted(rows[0].name), value, column="amount")
        return None

    return look


def _this_year_income(doc: Disclosure) -> Cell | None:
    """本年收入: the 本年收入 line, or 收入总计 when nothing is carried over."""
    found = line(_B01, "income", ("income_subtotal",))(doc)
    if found is not None:
        return found
    carry = line(_B01, "income", ("carryover", "fund_used"))(doc)
    if carry is not None and carry.value != 0:
        return None
    return line(_B01, "income", ("income_total",))(doc)


def _expense_column_total(kind: TableKind, column: str) -> Lookup:
    """A use (基本/项目 …) as a column of the 收支总表's 支出合计 line (Shanghai)."""
    return line(kind, "expense", ("expense_subtotal", "expense_total"), column)


#: Subjects of totals, sources and uses and the cells they restate (JS931).
TOTAL_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    # a 收入(支出)预算总计 may be meant with or without what is carried over: either line
    "收入支出总计": (
        line(_B01, "income", ("income_total",)),
        line(_B01, "expense", ("expense_total",)),
        line(_B01, "income", ("income_subtotal",)),
    ),
    "收入总计": (
        line(_B01, "income", ("income_total",)),
        total(_B02),
        line(_B01, "income", ("income_subtotal",)),
    ),
    "支出总计": (
        line(_B01, "expense", ("expense_total",)),
        line(_B01, "expense", ("expense_subtotal",)),
    ),
    "本年收入合计": (_this_year_income, total(_B02)),
    "本年支出合计": (line(_B01, "expense", ("expense_subtotal", "expense_total")), total(_B03)),
    "财政拨款收入": (
        line(_B01, "income", ("fiscal",)),
        total(_B02, "fiscal"),
        line(_B04, "income", ("income_subtotal", "income_total")),
    ),
    "一般公共预算财政拨款收入": (
        line(_B01, "income", ("fiscal.general", "general")),
        line(_B04, "income", ("general", "fiscal.general")),
        total(_B02, "general"),
    ),
    "政府性基金预算财政拨款收入": (
        line(_B01, "income", ("fiscal.govfund", "govfund")),
        line(_B04, "income", ("govfund", "fiscal.govfund")),
        total(_B02, "govfund"),
    ),
    "国有资本经营预算财政拨款收入": (
        line(_B01, "income", ("fiscal.soe", "soe")),
        line(_B04, "income", ("soe", "fiscal.soe")),
        total(_B02, "soe"),
    ),
    "财政专户管理资金收入": (
        line(_B01, "income", ("special_account",)),
        total(_B02, "special_account"),
    ),
    "事业收入": (line(_B01, "income", ("business",)), total(_B02, "business")),
    "经营收入": (line(_B01, "income", ("operating",)), total(_B02, "operating")),
    "其他收入": (line(_B01, "income", ("other",)), total(_B02, "other")),
    "上年结转": (line(_B01, "income", ("carryover",)), total(_B02, "carryover")),
    "基本支出": (line(_B01, "expense", ("basic",)), total(_B03, "basic")),
    "项目支出": (
        line(_B01, "expense", ("project",)),
        _expense_column_total(_B01, "project"),
        total(_B03, "project"),
    ),
    "单位预留机动经费": (line(_B01, "expense", ("reserve",)), total(_B03, "reserve")),
    "财政拨款收入支出总计": (
        line(_B04, "income", ("income_total",)),
        line(_B04, "expense", ("expense_total",)),
    ),
}

#: 财政拨款 and the three funds (JS932).
FUND_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    "财政拨款支出": (
        line(_B04, "expense", ("expense_subtotal", "expense_total")),
        total(_B05),
    ),
    "一般公共预算财政拨款支出": (
        total(_B07),
        line(_B04, "expense", ("expense_subtotal", "expense_total"), "general"),
        line(_B04, "income", ("general", "fiscal.general")),
    ),
    "政府性基金预算财政拨款支出": (
        total(_B11),
        line(_B04, "expense", ("expense_subtotal", "expense_total"), "govfund"),
        line(_B04, "income", ("govfund", "fiscal.govfund")),
    ),
    "国有资本经营预算财政拨款支出": (
        total(_B12),
        line(_B04, "expense", ("expense_subtotal", "expense_total"), "soe"),
        line(_B04, "income", ("soe", "fiscal.soe")),
    ),
}

#: The “三公” items, 会议费 and 培训费 (JS937).
SANGONG_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    "“三公”经费": (item(_B10, "sangong", "total"),),
    "因公出国（境）费": (item(_B10, "abroad"),),
    "公务用车购置及运行维护费": (item(_B10, "vehicle"),),
    "公务用车购置费": (item(_B10, "vehicle_purchase"),),
    "公务用车运行维护费": (item(_B10, "vehicle_operation"),),
    "公务接待费": (item(_B10, "reception"),),
    "会议费": (item(_B10, "meeting"),),
    "培训费": (item(_B10, "training"),),
}

ADMIN_COST_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    "机关运行经费": (total(_B13), item(_B10, "admin_cost")),
}

PROCUREMENT_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    "政府采购总额": (item(_B14, "total"),),
    "政府采购货物": (item(_B14, "goods"),),
    "政府采购工程": (item(_B14, "works"),),
    "政府采购服务": (item(_B14, "services"),),
}

#: Sections whose 类 amounts are all the year's money (收支总表); the others are 财政拨款.
ALL_MONEY_TOPICS = frozenset({"total", "expense"})


def is_path(subject: str) -> bool:
    return "（类）" in subject or "（款）" in subject or "（项）" in subject


def class_cells(doc: Disclosure, s: Statement) -> list[Cell]:
    """The cells a 类 amount restates (JS933)."""
    code = s.code or ""
    cells: list[Cell] = []
    if s.topic in ALL_MONEY_TOPICS:
        found = [line(_B01, "expense", (code,))(doc), code_cell(doc, _B03, code)]
    else:
        found = [
            code_cell(doc, _B05, code),
            line(_B04, "expense", (code,))(doc),
            code_cell(doc, _B07, code),
        ]
    cells.extend(c for c in found if c is not None)
    return cells


def path_cells(doc: Disclosure, s: Statement) -> list[Cell]:
    """The cells a 类/款/项 amount restates, by code (JS934)."""
    code = s.code or ""
    kinds = (_B03, _B05, _B07) if s.topic in ALL_MONEY_TOPICS else (_B05, _B07, _B03)
    return [c for k in kinds if (c := code_cell(doc, k, code)) is not None]


def basic_cells(doc: Disclosure, s: Statement) -> list[Cell]:
    """基本支出, 人员经费, 公用经费 of 六 (财政拨款) and 八 (一般公共预算) (JS936)."""
    fiscal = s.topic == "fiscal_basic"
    economic = (_B06, _B08) if fiscal else (_B08, _B06)
    functional = (_B05, _B07) if fiscal else (_B07, _B05)
    cells: list[Cell] = []
    if s.subject in {"财政拨款基本支出", "一般公共预算财政拨款基本支出"}:
        for kind in economic:
            cells.extend(c for c in [total(kind)(doc)] if c is not None and c.cap is None)
        for kind in functional:
            cells.extend(c for c in [total(kind, "basic")(doc)] if c is not None)
        if fiscal:
            cells.extend(c for c in [line(_B04, "expense", ("basic",))(doc)] if c is not None)
        return cells
    column = "personnel" if s.subject == "人员经费" else "public"
    for kind in economic:
        found = total(kind, column)(doc)
        if found is not None and found.cap is None:
            cells.append(found)
        elif (derived := _economic_part(doc, kind, column)) is not None:
            cells.append(derived)
    return cells


#: Economic classes (部门预算支出经济分类) of 人员经费; the other classes of a 基本支出 table
#: are 公用经费 (docs/domain.md §3: 301 工资福利支出, 303 对个人和家庭的补助 …).
PERSONNEL_CLASSES = frozenset({"301", "303"})


def _economic_part(doc: Disclosure, kind: TableKind, column: str) -> Cell | None:
    """人员经费 (301 + 303) or 公用经费 (the other classes) summed from a 基本支出 table
    printed by economic class only: a convention, so a disagreement is a warning at most."""
    table = _table(doc, kind)
    if table is None or not table.rows:
        return None
    index = CodedIndex.build(table)
    classes = [index.by_code[c] for c in index.order if len(c) == 3]
    if not classes:
        return None
    wanted = [
        r for r in classes if ((r.code or "") in PERSONNEL_CLASSES) == (column == "personnel")
    ]
    values = [cell(r, "total") for r in wanted]
    if any(v is None for v in values):
        return None
    names = "、".join(f"{r.code} {r.name.strip()}" for r in wanted) or "（无）"
    what = "人员经费" if column == "personnel" else "公用经费"
    text = f"按经济分类合计的{what}（{names}）"
    value = sum((v for v in values if v is not None), ZERO)
    return _cell(table, wanted, text, value, cap=Severity.WARNING)


def cells_of(doc: Disclosure, s: Statement) -> list[Cell]:
    """Every table cell a stated amount restates (the look-up of the rule that owns it)."""
    for lookups in (
        TOTAL_LOOKUPS,
        FUND_LOOKUPS,
        SANGONG_LOOKUPS,
        ADMIN_COST_LOOKUPS,
        PROCUREMENT_LOOKUPS,
    ):
        if s.subject in lookups:
            return [c for look in lookups[s.subject] if (c := look(doc)) is not None]
    if s.subject in {"财政拨款基本支出", "一般公共预算财政拨款基本支出", "人员经费", "公用经费"}:
        return basic_cells(doc, s)
    if s.code is not None and len(s.code) == 3 and not is_path(s.subject):
        return class_cells(doc, s)
    if s.code is not None and is_path(s.subject):
        return path_cells(doc, s)
    return []


def printed_verdict(stated: Decimal, value: Decimal, table_places: int) -> Severity | None:
    """A stated amount against a table amount, at the coarser of their precisions.

    Equal after rounding the finer one: right (None).  A statement printed with fewer
    decimals than the table that is the table's amount truncated: info.  One unit of the
    coarser precision: warning.  More: error."""
    places = decimals_of(stated)
    if places < table_places:
        unit = Decimal(1).scaleb(-places)
        if round_to(value, places) == stated:
            return None
        if value.quantize(unit, rounding=ROUND_DOWN) == stated:
            return Severity.INFO  # truncated rather than rounded
        return Severity.WARNING if abs(stated - round_to(value, places)) <= unit else Severity.ERROR
    unit = Decimal(1).scaleb(-table_places)
    diff = abs(round_to(stated, table_places) - value)
    if diff == 0:
        return None
    return Severity.WARNING if diff <= unit else Severity.ERROR


def agrees(stated: Decimal, c: Cell) -> bool:
    """Whether a stated amount is the cell's amount at the printed precision (or within it)."""
    return printed_verdict(stated, c.value, c.places) in (None, Severity.INFO)


def compare_stated(s: Statement, cells: list[Cell], what: str = "") -> Hit | None:
    """A hit when a stated amount is none of the table amounts it restates."""
    stated = money_value(s)
    if stated is None or not cells:
        return None
    verdicts = [(c, printed_verdict(stated, c.value, c.places)) for c in cells]
    if any(v is None for _, v in verdicts):
        return None  # right for one printing (tables that disagree: the table rules' business)
    order = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
    best, severity = min(
        verdicts, key=lambda cv: (order[cv[1] or Severity.INFO], abs(stated - cv[0].value))
    )
    assert severity is not None
    if best.cap is not None and order[severity] > order[best.cap]:
        severity = best.cap
    subject = what or f"“{s.subject}”"
    note = ""
    if severity is Severity.INFO:
        note = f"；说明只印到 {decimals_of(stated)} 位小数，是表中金额截尾而非四舍五入，仅作提示"
    elif best.cap is Severity.WARNING and severity is Severity.WARNING:
        note = "（表中数额按惯例推算或该表未读到数据，仅作警告）"
    others = "".join(f"；{c.describe()}" for c in cells if c is not best and c.value != best.value)
    shown = round_to(best.value, min(decimals_of(stated), best.places))
    message = (
        f"{where(s)}所述{subject}为 {fmt(stated)} 万元，{best.describe()}，"
        f"相差 {money(abs(stated - shown))} 万元{others}{note}。"
    )
    doubts = [d for c in cells for d in c.doubts]
    if doubts and severity is not Severity.INFO:
        severity = Severity.INFO
        message += f"（表格读取存疑：{doubts[0]}，仅作提示）"
    return Hit(
        message=message,
        evidence=evidence_list(s, *[e for c in [best, *cells] for e in c.evidence]),
        expected=money(best.value),
        actual=fmt(stated),
        severity=severity,
        where=where(s),
    )


def _budget_only(doc: Disclosure) -> None:
    if doc.kind is not DocKind.BUDGET:  # pragma: no cover - the engine filters by kind
        raise NotApplicable("不是预算公开")


def _check_lookups(
    doc: Disclosure, lookups: dict[str, tuple[Lookup, ...]], topics: frozenset[str] | None = None
) -> Iterator[Hit]:
    """Each amount stated for one of the subjects against its cells."""
    statements = [
        s
        for s in doc.statements
        if s.subject in lookups and s.measure == "amount" and money_value(s) is not None
    ]
    if topics is not None:
        statements = [s for s in statements if s.topic in topics]
    if not statements:
        raise NotApplicable(_NO_STATEMENTS)
    checked = False
    for s in statements:
        cells = [c for look in lookups[s.subject] if (c := look(doc)) is not None]
        if cells:
            checked = True
        hit = compare_stated(s, cells)
        if hit is not None:
            yield hit
    if not checked:
        raise NotApplicable(_NO_TABLES)


# =========================================================================================
# JS931 totals, sources and uses


@rule(
    "JS931",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-totals",
    title="说明中的收支预算总数、收入来源和支出用途与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
预算情况说明（预算编制说明）复述收支预算总表和财政拨款收支预算总表的数字：收入、支出预算
总计，本年收入、支出合计，按来源分列的财政拨款（一般公共预算、政府性基金、国有资本经营）、
财政专户管理资金、事业收入、其他收入、上年结转，按用途分列的基本支出、项目支出、单位预留
机动经费。同一个数在说明和表中应一致。预算说明常把金额印成整数或一位小数（“17,192万元”
“5011.4万元”），按说明所印精度比较：舍入后相等即为一致；是表中金额截尾（未四舍五入）的仅作
提示；差一个末位单位为警告，更大为错误。
""",
    bad="说明：基本支出预算数为21986万元；收支预算总表“基本支出”21,968.00万元。",
    good="说明：基本支出预算数为21968万元（与表中21,968.00万元一致）。",
    tolerance=(
        "按所印精度：说明与表中金额在二者较粗的精度上舍入后相等为一致；说明是表中金额截尾的"
        "为提示；差一个末位单位为警告，更大为错误。"
    ),
    suggestion="核对说明与收支预算总表、财政拨款收支预算总表，改正抄错的一处。",
)
def budget_narrative_totals(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    yield from _check_lookups(doc, TOTAL_LOOKUPS)


# =========================================================================================
# JS932 财政拨款 and the funds


@rule(
    "JS932",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-funds",
    title="说明中的财政拨款、一般公共预算、政府性基金支出与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
财政拨款支出预算等于财政拨款收支预算总表的支出合计（财政拨款支出预算表合计）；一般公共预算
财政拨款支出等于一般公共预算支出预算表合计，也是财政拨款收支预算总表一般公共预算一栏；
政府性基金、国有资本经营预算拨款支出等于各自支出预算表的合计（表中无数据即为 0）。说明写
的数与这些表不一致，说明其中一处抄错或没有同步修改。
""",
    bad="说明：政府性基金拨款支出预算1421.25万元；政府性基金预算支出功能分类预算表为空表。",
    good="说明：政府性基金拨款支出预算0万元。",
    tolerance=("按所印精度比较（见 JS931）；表中未读到数据又无“本表无数据”字样时至多为警告。"),
    suggestion="按一般公共预算、政府性基金、国有资本经营预算支出预算表改正说明中的金额。",
)
def budget_narrative_funds(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    yield from _check_lookups(doc, FUND_LOOKUPS)


# =========================================================================================
# JS933 per 类


@rule(
    "JS933",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-class",
    title="说明中各类支出预算与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明按功能分类的“类”列示支出预算（“公共安全（类）支出27488.23万元”“‘一般公共服务支出’
科目12,789万元”）。收支预算总体情况中的各类等于收支预算总表的该类支出（支出预算表该类合计），
财政拨款支出情况中的各类等于财政拨款（一般公共预算）支出预算表该类合计。
""",
    bad="说明：住房保障（类）支出7344.64万元；收支预算总表“住房保障支出”7,344.46万元。",
    good="说明：住房保障（类）支出7344.46万元。",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按预算表中该类的金额改正说明。",
)
def budget_narrative_class(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    stated = [
        s
        for s in doc.statements
        if s.code is not None
        and len(s.code) == 3
        and not is_path(s.subject)
        and s.measure == "amount"
        and money_value(s) is not None
    ]
    if not stated:
        raise NotApplicable("说明中没有按类列示的支出预算")
    checked = False
    for s in stated:
        cells = class_cells(doc, s)
        checked = checked or bool(cells)
        hit = compare_stated(s, cells, f"“{s.subject}”（{s.code}）")
        if hit is not None:
            yield hit
    if not checked:
        raise NotApplicable(_NO_TABLES)


# =========================================================================================
# JS934 per 款/项 by code


@rule(
    "JS934",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-item",
    title="说明中具体科目（款、项）的支出预算与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明逐项列示“类/款/项”科目的支出预算（“法院（款）行政运行（项）支出17279.29万元”，上海
“‘一般公共服务支出（类）统计信息事务（款）统计管理（项）’2.63万元……2023年预算安排2.63万元”），
每个金额都应等于一般公共预算（财政拨款）支出预算表中该科目的金额。科目编码按说明所写名称在
预算表中定位；定位不到的不作比较（名称问题见 JS935）。
""",
    bad="说明：“……机关事业单位职业年金缴费支出（项）”220.63万元……2023年预算安排441.25万元；"
    "表中 2080506 为 2,206,272 元。",
    good="“……机关事业单位职业年金缴费支出（项）”220.63万元……2023年预算安排220.63万元。",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按一般公共预算支出预算表中该科目的金额改正说明。",
)
def budget_narrative_item(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    stated = [
        s
        for s in doc.statements
        if is_path(s.subject) and s.measure == "amount" and money_value(s) is not None
    ]
    if not stated:
        raise NotApplicable("说明中没有逐项科目的支出预算")
    located = [s for s in stated if s.code is not None]
    if not located:
        raise NotApplicable("说明所列科目未能在预算表中定位")
    for s in located:
        hit = compare_stated(s, path_cells(doc, s), f"“{s.subject}”（{s.code}）")
        if hit is not None:
            yield hit


# =========================================================================================
# JS935 the names of a 类/款/项 path


def _key(name: str) -> str:
    """A name compared loosely: no spaces or brackets' variants, no trailing 支出."""
    k = squash(name).replace("(", "（").replace(")", "）")
    return k.removesuffix("支出") if len(k) > 4 else k


def _segments(subject: str) -> dict[str, str]:
    from juesuan.structure.paths import split_path

    return split_path(subject)


def _coded_rows(doc: Disclosure) -> dict[str, TableRow]:
    """Functional code → row, from the budget tables by code (一般公共预算 first)."""
    rows: dict[str, TableRow] = {}
    for kind in (_B07, _B05, _B03, _B02):
        table = _table(doc, kind)
        if table is None:
            continue
        for code, row in CodedIndex.build(table).by_code.items():
            if code.isdigit() and code not in rows:
                rows[code] = row
    return rows


def _near(a: str, b: str) -> bool:
    """Two names that differ by a slip: the same characters in another order, or one
    character left out, added or changed (names of at least four characters)."""
    if a == b or min(len(a), len(b)) < 4:
        return False
    if sorted(a) == sorted(b):
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@rule(
    "JS935",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-item-name",
    title="说明中的科目名称与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.WARNING,
    rationale="""
说明列示的“类/款/项”科目名称应与预算表（政府收支分类科目）的名称一致。名称写错（字序颠倒、
漏字、错字）时，读者无法确定说的是哪一个科目，说明中的金额也无法与表核对。本规则在同一款下
找到唯一一个名称相近的科目时报告；末尾的“支出”二字不计。
""",
    bad="说明：法院（款）一般行政事务管理（项）；表中 2040502 一般行政管理事务。",
    good="说明：法院（款）一般行政管理事务（项）。",
    tolerance="名称去掉空格、末尾“支出”后比较；相近 = 字序颠倒或只差一个字。",
    suggestion="按政府收支分类科目（预算表）改正科目名称。",
)
def budget_narrative_item_name(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    paths = [s for s in doc.statements if is_path(s.subject) and s.measure == "amount"]
    if not paths:
        raise NotApplicable("说明中没有逐项科目")
    rows = _coded_rows(doc)
    if not rows:
        raise NotApplicable(_NO_TABLES)
    seen: set[str] = set()
    for s in paths:
        if s.subject in seen:
            continue
        seen.add(s.subject)
        hit = _name_hit(s, rows)
        if hit is not None:
            yield hit


def _name_hit(s: Statement, rows: dict[str, TableRow]) -> Hit | None:
    parts = _segments(s.subject)
    if s.code is not None:
        return _level_names_hit(s, parts, rows)
    # not located: the 项 named under its 款 with a slip
    if "项" not in parts or "款" not in parts:
        return None
    kuan = [c for c, r in rows.items() if len(c) == 5 and _key(r.name) == _key(parts["款"])]
    if len(kuan) != 1:
        return None
    printed = _key(parts["项"])
    near = [
        c
        for c, r in rows.items()
        if len(c) == 7 and c.startswith(kuan[0]) and _near(_key(r.name), printed)
    ]
    if len(near) != 1:
        return None
    row = rows[near[0]]
    return Hit(
        message=(
            f"{where(s)}所列“{s.subject}”中的项级科目“{parts['项']}”，预算表同一款"
            f"（{kuan[0]} {rows[kuan[0]].name.strip()}）下只有名称相近的“{near[0]} "
            f"{row.name.strip()}”，科目名称不一致。"
        ),
        evidence=evidence_list(s, row.evidence),
        expected=row.name.strip(),
        actual=parts["项"],
        where=where(s),
    )


def _level_names_hit(s: Statement, parts: dict[str, str], rows: dict[str, TableRow]) -> Hit | None:
    """A located path whose 款 or 类 name differs from the table's row of that code."""
    code = s.code or ""
    for level, width in (("款", 5), ("类", 3)):
        printed = parts.get(level)
        row = rows.get(code[:width]) if len(code) >= width else None
        if printed is None or row is None or _key(printed) == _key(row.name):
            continue
        if not _near(_key(printed), _key(row.name)):
            continue  # another wording altogether: the path may not be meant as printed
        return Hit(
            message=(
                f"{where(s)}所列“{s.subject}”中的{level}级科目“{printed}”，预算表中"
                f"“{code[:width]} {row.name.strip()}”，科目名称不一致。"
            ),
            evidence=evidence_list(s, row.evidence),
            expected=row.name.strip(),
            actual=printed,
            where=where(s),
        )
    return None


# =========================================================================================
# JS936 基本支出, 人员经费, 公用经费


@rule(
    "JS936",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-basic",
    title="说明中的基本支出、人员经费、公用经费与基本支出预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
财政拨款（一般公共预算）基本支出预算情况说明写明基本支出总额及其中的人员经费、公用经费。
基本支出等于财政拨款（一般公共预算）基本支出预算表的合计，也等于支出预算表的基本支出；
人员经费、公用经费等于基本支出预算表的两列合计。表只按经济分类列示时，人员经费按“工资福利
支出”与“对个人和家庭的补助”之和、公用经费按其余各类之和推算，这种推算不一致只作警告。
""",
    bad="说明：人员经费18378.95万元；一般公共预算基本支出预算表 301 + 303 = 18387.95万元。",
    good="说明：人员经费18387.95万元，公用经费3580.05万元，合计21968万元。",
    tolerance="按所印精度比较（见 JS931）；按经济分类推算的数额不一致至多为警告。",
    suggestion="按基本支出预算表改正说明中的金额。",
)
def budget_narrative_basic(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    subjects = {"财政拨款基本支出", "一般公共预算财政拨款基本支出", "人员经费", "公用经费"}
    stated = [
        s
        for s in doc.statements
        if s.subject in subjects and s.measure == "amount" and money_value(s) is not None
    ]
    if not stated:
        raise NotApplicable("说明中没有基本支出预算")
    checked = False
    for s in stated:
        cells = basic_cells(doc, s)
        checked = checked or bool(cells)
        hit = compare_stated(s, cells)
        if hit is not None:
            yield hit
    if not checked:
        raise NotApplicable(_NO_TABLES)


# =========================================================================================
# JS937 “三公”, 会议费, 培训费


@rule(
    "JS937",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-sangong",
    title="说明中的“三公”经费、会议费、培训费与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“三公”经费预算情况说明列示“三公”经费及因公出国（境）费、公务用车购置及运行（维护）费（购置费、
运行费）、公务接待费，江苏还列示会议费、培训费。每个金额应等于“三公”经费预算表的对应项。
""",
    bad="说明：公务接待费预算支出96.95万元；“三公”经费预算表公务接待费86.95万元。",
    good="说明：公务接待费预算支出86.95万元。",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按“三公”经费预算表改正说明中的金额。",
)
def budget_narrative_sangong(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    yield from _check_lookups(doc, SANGONG_LOOKUPS)


# =========================================================================================
# JS938 机关运行经费


@rule(
    "JS938",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-admin-cost",
    title="说明中的机关运行经费与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
机关运行经费预算等于机关运行经费支出预算表的合计（上海：“三公”经费和机关运行经费预算表的
机关运行经费预算数）。
""",
    bad="说明：机关运行经费预算为786.90万元；预算表机关运行经费预算数786.09万元。",
    good="说明：机关运行经费预算为786.09万元。",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按机关运行经费预算表改正说明中的金额。",
)
def budget_narrative_admin_cost(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    yield from _check_lookups(doc, ADMIN_COST_LOOKUPS)


# =========================================================================================
# JS939 政府采购


@rule(
    "JS939",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-procurement",
    title="说明中的政府采购预算与政府采购预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
政府采购预算情况说明写明政府采购预算总额及货物、工程、服务三类，应与政府采购预算表的合计和
三类金额一致。
""",
    bad="说明：拟采购服务支出3049.87万元；政府采购预算表“服务”3,059.87万元。",
    good="说明：拟采购服务支出3059.87万元。",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按政府采购预算表改正说明中的金额。",
)
def budget_narrative_procurement(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    yield from _check_lookups(doc, PROCUREMENT_LOOKUPS)


# =========================================================================================
# JS940 shares


#: The whole a share is of: the one the text names after 占 ("占本年支出合计的59.07%",
#: "占“三公”经费的31.14%"), else the section's total ("占59.07%" under 支出预算情况).
WHOLE_WORDS = (
    ("三公", "“三公”经费"),
    ("本年支出", "本年支出合计"),
    ("支出合计", "本年支出合计"),
    ("支出预算合计", "本年支出合计"),
    ("本年收入", "本年收入合计"),
    ("收入合计", "本年收入合计"),
    ("收入预算合计", "本年收入合计"),
)
DEFAULT_WHOLES = {"income": "本年收入合计", "expense": "本年支出合计", "sangong": "“三公”经费"}
WHOLE_LOOKUPS: dict[str, tuple[Lookup, ...]] = {
    "本年收入合计": (_this_year_income,),
    "本年支出合计": TOTAL_LOOKUPS["本年支出合计"],
    "“三公”经费": SANGONG_LOOKUPS["“三公”经费"],
}
#: A 本年合计 and the 总计 beside it (the same unless money is carried over): the one the
#: section states is the whole of its shares.
WHOLE_SIBLINGS = {
    "本年收入合计": ("本年收入合计", "收入总计"),
    "本年支出合计": ("本年支出合计", "支出总计"),
}


def _carried(doc: Disclosure) -> bool:
    """Whether the 收支总表 shows money carried over (上年结转, 结转下年)."""
    for side, ref in (
        ("income", "carryover"),
        ("income", "fund_used"),
        ("expense", "carry_forward"),
    ):
        found = line(_B01, side, (ref,))(doc)
        if found is not None and found.value != 0:
            return True
    return False


_SHARE_OF = re.compile(r"占([^，。；：%\d]{1,24}?)的?(?:比重|比例|比)?为?$")
_SHARE_OF_ANY = re.compile(r"占([^，。；：%\d]{1,24}?)的?(?:比重|比例|比)?为?(?=\d)")


def whole_name(s: Statement) -> str | None:
    """The subject a share is of; None when the text names a whole this rule does not know."""
    text = "".join(s.evidence.text.split()).replace("“", "").replace("”", "")
    value = fmt(s.value) if isinstance(s.value, Decimal) else ""
    end = text.rfind(value + "%") if value else -1
    if end >= 0:
        named = _SHARE_OF.search(text[:end])
        printed = named.group(1) if named else None
    else:  # the clause as printed: the one whole it names, if any
        names = {m.group(1) for m in _SHARE_OF_ANY.finditer(text)}
        if len(names) > 1:
            return None
        printed = names.pop() if names else None
    if printed is None:
        return DEFAULT_WHOLES.get(s.topic or "")
    for word, subject in WHOLE_WORDS:
        if word in printed:
            return subject
    return None


@dataclass(slots=True)
class _Share:
    statement: Statement
    part: Decimal
    part_places: int
    alt_part: Cell | None  # the table's figure when the stated part disagrees with it
    severity: Severity | None = None
    expected: Decimal = ZERO
    interval: tuple[Decimal, Decimal] = (ZERO, ZERO)


def _ratio(
    part: Decimal, pp: int, whole: Decimal, wp: int
) -> tuple[Decimal, tuple[Decimal, Decimal], list[tuple[Decimal, Decimal]]] | None:
    """part/whole in %, its interval and the one-amount-at-a-time intervals."""
    hp, hw = half_unit(part, pp), half_unit(whole, wp)
    if whole - hw <= 0:
        return None
    lo_p, hi_p = max(part - hp, ZERO), part + hp
    point = part / whole * HUNDRED
    interval = (lo_p / (whole + hw) * HUNDRED, hi_p / (whole - hw) * HUNDRED)
    singles = [
        (lo_p / whole * HUNDRED, hi_p / whole * HUNDRED),
        (part / (whole + hw) * HUNDRED, part / (whole - hw) * HUNDRED),
    ]
    return point, interval, singles


def _whole_of(
    doc: Disclosure, facts: Facts, name: str, section: str, shares: list[Statement]
) -> tuple[Decimal, int, list[Evidence], str, Cell | None] | None:
    """(whole, its printed decimals, evidence, how to name it) for the shares of ``name``:
    its amount stated in the section (or anywhere for 本年支出合计), else the table's cell,
    else (“三公”) the three items stated with their shares."""
    names = WHOLE_SIBLINGS.get(name, (name,))
    stated = [
        t
        for t in facts.statements
        if t.subject in names
        and t.measure == "amount"
        and money_value(t) is not None
        and (t.section == section or name != "“三公”经费")
    ]
    # the section's own total first, the named one before its sibling
    stated.sort(key=lambda t: (t.section != section, t.subject != name))
    if stated:
        chosen = stated[0]
        value = money_value(chosen)
        assert value is not None
        return (
            value,
            decimals_of(value),
            [chosen.evidence],
            f"“{chosen.subject}”",
            _alt(doc, chosen, value),
        )
    if name in WHOLE_SIBLINGS and _carried(doc):
        return None  # 总计 and 本年合计 differ by what is carried: which one is meant is unclear
    for look in WHOLE_LOOKUPS.get(name, ()):
        found = look(doc)
        if found is not None and found.cap is None and found.value > 0:
            return found.value, found.places, list(found.evidence), found.label, None
    if name == "“三公”经费":  # the three items stated with their shares make the whole
        parts = [facts.before(t, {"amount"}, {"share"}) for t in shares]
        values = [money_value(p) for p in parts]
        if len(values) == 3 and all(v is not None for v in values):
            known = [v for v in values if v is not None]
            places = max(decimals_of(v) for v in known)
            return sum(known, ZERO), places, [], "所列三项之和", None
    return None


def _alt(doc: Disclosure, s: Statement, value: Decimal) -> Cell | None:
    """The table's figure for a stated amount that none of its table cells agrees with."""
    cells = cells_of(doc, s)
    if not cells or any(agrees(value, c) for c in cells):
        return None
    return cells[0]


@rule(
    "JS940",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-share",
    title="说明中的占比与金额不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
说明写“基本支出21968万元，占59.07%”“因公出国（境）费支出160万元，占‘三公’经费的31.14%”，
占比应等于该项金额除以合计（本年收入、支出合计，“三公”经费；说明未写合计时取预算表的合计）。
金额按所印精度各有舍入，按区间判断：所印占比落在舍入区间内不报告错误。各项占比已全部列出且
为凑足 100% 调整了尾数（如 16.92% 写成 16.93%）时只作提示。说明所写金额本身与表不符时，
占比也按表中金额核对，两者都不能解释时才报告。
""",
    bad="基本支出21968万元，占本年支出合计37188.34万元的57.09%（应为59.07%）。",
    good="基本支出21968万元，占59.07%。",
    tolerance=(
        "区间判断：金额按所印精度 ±半个末位单位；差一个末位为警告，更大为错误；各项占比合计"
        "恰为 100% 而单项只差一个末位（尾差调整）为提示。"
    ),
    suggestion="按“该项金额 ÷ 合计”重新计算占比。",
)
def budget_narrative_share(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    shares = [s for s in doc.statements if s.measure == "share" and percent_of(s) is not None]
    if not shares:
        raise NotApplicable("说明中没有占比")
    facts = Facts(doc.statements)
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in shares:
        name = whole_name(s)
        if name is not None:  # a whole not known here: the share is not judged
            groups[(s.section, name)].append(s)
    for (section, name), members in groups.items():
        yield from _share_group(doc, facts, name, section, members)


def _share_group(
    doc: Disclosure, facts: Facts, name: str, section: str, members: list[Statement]
) -> Iterator[Hit]:
    whole_of = _whole_of(doc, facts, name, section, members)
    if whole_of is None:
        return
    whole, whole_places, whole_evidence, whole_name, alt_whole = whole_of
    judged: list[_Share] = []
    for s in members:
        part_stmt = facts.before(s, {"amount"}, {"share"})
        part = money_value(part_stmt)
        if part is None or part_stmt is None:
            continue
        share = _Share(s, part, decimals_of(part), _alt(doc, part_stmt, part))
        _judge_share(share, whole, whole_places, alt_whole)
        judged.append(share)
    complete = _forced_to_100(judged, whole, whole_places)
    for share in judged:
        if share.severity is None:
            continue
        yield _share_hit(share, whole, whole_name, whole_evidence, complete, facts)


def _judge_share(
    share: _Share, whole: Decimal, whole_places: int, alt_whole: Cell | None = None
) -> None:
    printed = percent_of(share.statement)
    assert printed is not None
    ratio = _ratio(share.part, share.part_places, whole, whole_places)
    if ratio is None:
        return
    point, interval, singles = ratio
    verdict = judge_percent(printed, point, interval, singles)
    share.severity, share.expected, share.interval = verdict.severity, verdict.expected, interval
    if verdict.severity is None:
        return
    # a stated part or whole that disagrees with its table: the share may follow the table
    parts = [(share.part, share.part_places)]
    if share.alt_part is not None:
        parts.append((share.alt_part.value, share.alt_part.places))
    wholes = [(whole, whole_places)]
    if alt_whole is not None:
        wholes.append((alt_whole.value, alt_whole.places))
    for part, pp in parts:
        for base, bp in wholes:
            if (part, base) == (share.part, whole):
                continue
            alt = _ratio(part, pp, base, bp)
            if alt is None:
                continue
            other = judge_percent(printed, alt[0], alt[1], alt[2])
            if other.severity is None or other.severity is Severity.INFO:
                share.severity = None  # follows the table: the amount rules report the cause
                return


def _forced_to_100(judged: list[_Share], whole: Decimal, whole_places: int) -> bool:
    """Whether the shares make a complete breakdown printed to add up to exactly 100%."""
    if len(judged) < 2:
        return False
    parts = sum((j.part for j in judged), ZERO)
    places = max(j.part_places for j in judged) if judged else 2
    tolerance = half_unit(ZERO, min(places, whole_places)) * 2 * len(judged)
    if abs(parts - whole) > max(tolerance, sum_tolerance(len(judged))):
        return False
    printed = [percent_of(j.statement) or ZERO for j in judged]
    return sum(printed, ZERO) == HUNDRED


def _share_hit(
    share: _Share,
    whole: Decimal,
    whole_name: str,
    whole_evidence: list[Evidence],
    complete: bool,
    facts: Facts,
) -> Hit:
    s = share.statement
    printed = percent_of(s)
    assert printed is not None and share.severity is not None
    severity = share.severity
    unit = Decimal(1).scaleb(-decimals_of(printed))
    note = ""
    if complete and abs(printed - share.expected) <= unit:
        severity = Severity.INFO
        note = "；各项占比已全部列出且合计恰为 100%，应是为凑足 100% 调整了尾数，仅作提示"
    elif severity is Severity.INFO:
        note = f"；考虑金额舍入（{interval_text(share.interval)}），所印占比仍可能成立"
    part_stmt = facts.before(s, {"amount"}, {"share"})
    return Hit(
        message=(
            f"{where(s)}“{s.subject}”{fmt(share.part)} 万元占{whole_name}（{money(whole)} 万元）"
            f"的比例应为 {fmt(share.expected)}%，说明为 {fmt(printed)}%{note}。"
        ),
        evidence=evidence_list(s, part_stmt, *whole_evidence),
        expected=f"{fmt(share.expected)}%",
        actual=f"{fmt(printed)}%",
        severity=severity,
        where=where(s),
    )


# =========================================================================================
# JS941 this year's budget against last year's execution (上海: 比上年预算执行数增加 Z%)

_INCREASE = {"增加": 1, "增长": 1, "减少": -1, "下降": -1}


def _this_year(
    doc: Disclosure, facts: Facts, s: Statement, stop: set[str]
) -> tuple[Decimal, int, Statement | None, Cell | None] | None:
    """This year's amount for a comparison: the stated amount nearest before ``s``, or the
    table's figure when the stated amounts of the item disagree with it."""
    stated = facts.before(s, {"amount"}, stop)
    value = money_value(stated)
    if value is None or stated is None:
        return None
    cells = cells_of(doc, stated)
    if cells and not any(agrees(value, c) for c in cells):
        best = cells[0]
        return best.value, best.places, stated, best
    return value, decimals_of(value), stated, None


@rule(
    "JS941",
    applies_to=BUDGET_ONLY,
    name="budget-vs-prior-actual",
    title="与上年预算执行数相比的增减幅度或增减用语不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
上海的预算编制说明逐项写“2022年当年预算执行数为 X 万元，2023年预算安排 Y 万元，比2022年
预算执行数增加（减少）Z%”。Z 应等于 |Y − X| ÷ X，“增加”“减少”“持平”应与 Y、X 的大小一致。
金额按所印精度有舍入，按区间判断。说明所写的 Y 与预算表不符时，按表中金额计算（只报告一次
根本原因：金额错误由 JS934 报告，这里报告按表中金额也不成立的比例）。上年执行数为 0 时比例
无从计算，不作检查。
""",
    bad="2022年当年预算执行数为132.59万元，2023年预算安排220.63万元，比2022年预算执行数增加60.54%"
    "（应为66.40%）。",
    good="……比2022年预算执行数增加66.40%。",
    tolerance=(
        "区间判断：两个金额各按所印精度 ±半个末位单位；差一个末位为警告，更大为错误；"
        "区间内而与按所印金额计算不同为提示。"
    ),
    suggestion="按“（本年预算 − 上年执行数）÷ 上年执行数”重新计算，并写明增加或减少。",
)
def budget_vs_prior_actual(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    words = [s for s in doc.statements if s.measure == "direction_vs_actual"]
    if not words:
        raise NotApplicable("说明中没有与上年预算执行数的比较")
    facts = Facts(doc.statements)
    stop = {"direction_vs_actual"}
    for word_stmt in words:
        prior_stmt = facts.before(word_stmt, {"prior_actual"}, stop)
        prior = money_value(prior_stmt)
        found = _this_year(doc, facts, word_stmt, stop)
        if prior is None or found is None or prior_stmt is None:
            continue
        this_year, this_places, this_stmt, table_cell = found
        rate_stmt = facts.after(word_stmt, {"change_rate_vs_actual"}, stop)
        hit = _prior_actual_hit(
            word_stmt, rate_stmt, prior_stmt, prior, this_year, this_places, this_stmt, table_cell
        )
        if hit is not None:
            yield hit


def _prior_actual_hit(
    word_stmt: Statement,
    rate_stmt: Statement | None,
    prior_stmt: Statement,
    prior: Decimal,
    this_year: Decimal,
    this_places: int,
    this_stmt: Statement | None,
    table_cell: Cell | None,
) -> Hit | None:
    word = word_stmt.value if isinstance(word_stmt.value, str) else ""
    h_t, h_p = half_unit(this_year, this_places), half_unit(prior, decimals_of(prior))
    low_diff, high_diff = this_year - h_t - (prior + h_p), this_year + h_t - (prior - h_p)
    basis = (
        f"本年预算按表中金额计算（{table_cell.describe()}；说明所写 "
        f"{fmt(money_value(this_stmt) or ZERO)} 万元与表不符）"
        if table_cell is not None
        else f"本年预算 {fmt(this_year)} 万元"
    )
    evidence = evidence_list(word_stmt, rate_stmt, prior_stmt, this_stmt)
    if table_cell is not None:
        evidence += [e for e in table_cell.evidence if e not in evidence]
    head = f"{where(word_stmt)}“{word_stmt.subject}”上年预算执行数 {fmt(prior)} 万元，{basis}"
    if word == "持平":
        if low_diff <= 0 <= high_diff:
            return None
        return Hit(
            message=f"{head}，两者不同，却称与上年执行数持平。",
            evidence=evidence,
            expected="增加" if this_year > prior else "减少",
            actual="持平",
            where=where(word_stmt),
        )
    sign = _INCREASE.get(word)
    if sign is None:
        return None
    if (sign > 0 and high_diff < 0) or (sign < 0 and low_diff > 0):
        return Hit(
            message=f"{head}，称比上年执行数“{word}”，方向相反。",
            evidence=evidence,
            expected="减少" if sign > 0 else "增加",
            actual=word,
            where=where(word_stmt),
        )
    printed = percent_of(rate_stmt)
    if printed is None or rate_stmt is None or prior <= 0 or prior - h_p <= 0:
        return None
    if low_diff < 0 < high_diff:
        return None  # the direction itself is within rounding: no rate to judge
    point = abs(this_year - prior) / prior * HUNDRED
    lo = min(abs(low_diff), abs(high_diff)) / (prior + h_p) * HUNDRED
    hi = max(abs(low_diff), abs(high_diff)) / (prior - h_p) * HUNDRED
    singles = [
        (
            abs(this_year - h_t - prior) / prior * HUNDRED,
            abs(this_year + h_t - prior) / prior * HUNDRED,
        ),
        (
            abs(this_year - prior) / (prior + h_p) * HUNDRED,
            abs(this_year - prior) / (prior - h_p) * HUNDRED,
        ),
    ]
    singles = [(min(a, b), max(a, b)) for a, b in singles]
    verdict = judge_percent(printed, point, (lo, hi), singles)
    if verdict.severity is None:
        return None
    note = ""
    if verdict.severity is Severity.INFO:
        note = f"；考虑金额舍入（{interval_text((lo, hi))}），所印比例仍可能成立"
    return Hit(
        message=(
            f"{head}，{word}幅度应为 {fmt(verdict.expected)}%，说明为 {fmt(printed)}%{note}。"
        ),
        evidence=evidence,
        expected=f"{fmt(verdict.expected)}%",
        actual=f"{fmt(printed)}%",
        severity=verdict.severity,
        where=where(word_stmt),
    )


# =========================================================================================
# JS942 an increase larger than this year's budget


def impossible_increase(facts: Facts, change: Statement) -> tuple[Decimal, Statement] | None:
    """(this year's amount, its statement) when ``change`` is an increase larger than this
    year's amount beyond rounding: last year's budget would be negative."""
    if change.measure != "change_amount":
        return None
    direction = facts.before(change, {"direction"}, {"change_amount"})
    amount_stmt = facts.before(change, {"amount"}, {"change_amount"})
    if direction is None or direction.value != "增加" or amount_stmt is None:
        return None
    this_year, increase = money_value(amount_stmt), money_value(change)
    if this_year is None or increase is None:
        return None
    h_t = half_unit(this_year, decimals_of(this_year))
    h_c = half_unit(increase, decimals_of(increase))
    if this_year + h_t < increase - h_c:
        return this_year, amount_stmt
    return None


@rule(
    "JS942",
    applies_to=BUDGET_ONLY,
    name="budget-increase-exceeds-amount",
    title="比上年增加额大于本年预算数",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
“X 预算 A 万元，比上年预算增加 B 万元”意味着上年预算为 A − B。B 大于 A 时上年预算为负，不可能：
常见于把上一行的增加额照抄到本行（如政府性基金拨款支出预算 0 万元，却“比上年增加”与一般
公共预算相同的数）。有增减幅度时由 JS601 报告，这里报告只写增减额的句子。
""",
    bad="政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。",
    good="政府性基金拨款支出预算0万元，与2022年预算持平。",
    tolerance="两个金额各按所印精度 ±半个末位单位，仍推得上年为负才报告。",
    suggestion="核对上年预算数，改正增减额或增减方向。",
)
def budget_increase_exceeds_amount(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    changes = [s for s in doc.statements if s.measure == "change_amount"]
    if not changes:
        raise NotApplicable("说明中没有比上年的增减额")
    facts = Facts(doc.statements)
    ordered = facts.statements
    for change in changes:
        found = impossible_increase(facts, change)
        if found is None:
            continue
        if facts.after(change, {"change_rate"}, {"change_amount", "amount"}) is not None:
            continue  # JS601 reports it with the rate
        this_year, amount_stmt = found
        increase = money_value(change)
        assert increase is not None
        copied = _same_change_before(ordered, change)
        note = f"，与前一项“{copied.subject}”的增加额相同，疑为照抄" if copied else ""
        yield Hit(
            message=(
                f"{where(change)}“{change.subject}”本年预算 {fmt(this_year)} 万元，却称比上年预算"
                f"增加 {fmt(increase)} 万元，推得上年预算为负（{money(this_year - increase)} "
                f"万元）{note}。"
            ),
            evidence=evidence_list(change, amount_stmt, copied),
            expected=f"增加额不超过 {fmt(this_year)} 万元",
            actual=f"增加 {fmt(increase)} 万元",
            where=where(change),
        )


def _same_change_before(ordered: list[Statement], change: Statement) -> Statement | None:
    """The change amount of the subject stated just before, when it is the same number."""
    index = next(i for i, s in enumerate(ordered) if s is change)
    for other in reversed(ordered[:index]):
        if other.subject == change.subject:
            continue
        if other.measure == "change_amount":
            return other if other.value == change.value else None
    return None


# =========================================================================================
# JS943 one item, two amounts in one paragraph


def _paragraph_index(doc: Disclosure) -> dict[tuple[int | None, int | None], int]:
    """(page, line) of every source line → the paragraph it belongs to."""
    out: dict[tuple[int | None, int | None], int] = {}
    for i, p in enumerate(doc.paragraphs):
        for ev in p.lines or [p.evidence]:
            out.setdefault((ev.page, ev.line), i)
    return out


@rule(
    "JS943",
    applies_to=BUDGET_ONLY,
    name="budget-item-two-amounts",
    title="同一段中同一项目写了两个不同的预算数",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
同一段说明两次写出同一项目的本年预算（上海：“‘……（项）’220.63万元……2023年预算安排441.25
万元”），两个数必须相同；不同说明其中一个是从别处照抄的。能与预算表核对时由表间一致性规则
（JS931–JS939）指出错的是哪一个，这里只报告无表可核对的情形。
""",
    bad="“……职业年金缴费支出（项）”220.63万元……2023年预算安排441.25万元。",
    good="“……职业年金缴费支出（项）”220.63万元……2023年预算安排220.63万元。",
    tolerance="按两数中较粗的所印精度比较。",
    suggestion="核对该项目的预算数，统一两处的金额。",
)
def budget_item_two_amounts(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    amounts = [s for s in doc.statements if s.measure == "amount" and money_value(s) is not None]
    if not amounts:
        raise NotApplicable("说明中没有预算数")
    paragraphs = _paragraph_index(doc)
    groups: dict[tuple[int, str], list[Statement]] = defaultdict(list)
    for s in amounts:
        index = paragraphs.get((s.evidence.page, s.evidence.line))
        if index is not None:
            groups[(index, s.subject)].append(s)
    for (_, _subject), members in groups.items():
        first = members[0]
        for other in members[1:]:
            a, b = money_value(first), money_value(other)
            assert a is not None and b is not None
            places = min(decimals_of(a), decimals_of(b))
            if round_to(a, places) == round_to(b, places):
                continue
            if cells_of(doc, first):
                break  # a table tells which one is wrong (JS931–JS939)
            yield Hit(
                message=(
                    f"{where(first)}同一段中“{first.subject}”先写 {fmt(a)} 万元，"
                    f"后写 {fmt(b)} 万元，两处不一致。"
                ),
                evidence=evidence_list(first, other),
                expected=fmt(a),
                actual=fmt(b),
                where=where(first),
            )
            break


# =========================================================================================
# JS944 a total and its parts in the explanation


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total the explanation breaks into parts, within one section."""

    total: str
    parts: tuple[str, ...] | None  # None: the 类 amounts (subjects with a 3-digit code)
    topics: frozenset[str]


_SOURCES = ("财政拨款收入", "财政专户管理资金收入", "事业收入", "经营收入", "其他收入", "上年结转")
_FUNDS_IN = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
)
_FUNDS_OUT = (
    "一般公共预算财政拨款支出",
    "政府性基金预算财政拨款支出",
    "国有资本经营预算财政拨款支出",
)
_TOTAL_TOPICS = frozenset({"total", "compilation"})

#: The breakdowns particular to budgets (JS603 checks those shared with final accounts:
#: 本年收入/支出合计 in 二/三, 基本支出 = 人员 + 公用 in 八, “三公”, 政府采购, vehicles).
BREAKDOWNS = (
    Breakdown("收入总计", _SOURCES, _TOTAL_TOPICS),
    Breakdown("本年收入合计", _SOURCES[:-1], _TOTAL_TOPICS),
    Breakdown("财政拨款收入", _FUNDS_IN, _TOTAL_TOPICS | {"fiscal_total"}),
    Breakdown("支出总计", ("基本支出", "项目支出", "单位预留机动经费"), _TOTAL_TOPICS),
    Breakdown("支出总计", None, _TOTAL_TOPICS),
    Breakdown("财政拨款支出", _FUNDS_OUT, _TOTAL_TOPICS | {"fiscal_expense", "fiscal_total"}),
    Breakdown("财政拨款基本支出", ("人员经费", "公用经费"), frozenset({"fiscal_basic"})),
)


def _first_amount(statements: Iterable[Statement]) -> Statement | None:
    return next(
        (s for s in statements if s.measure == "amount" and money_value(s) is not None), None
    )


@rule(
    "JS944",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-parts-sum",
    title="说明中的预算合计与所列各项之和不符",
    category=Category.NARRATIVE_ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
预算说明在同一部分里写出合计和它的组成：收入预算总计 = 财政拨款收入 + 财政专户管理资金 +
事业收入 + 其他收入 + 上年结转；财政拨款收入（支出）= 一般公共预算 + 政府性基金 + 国有资本
经营预算；支出预算总计 = 各类支出之和 = 基本支出 + 项目支出 + 单位预留机动经费；财政拨款基本
支出 = 人员经费 + 公用经费。各项分别舍入，差额在舍入范围内只作提示；只列出部分组成而合计更大
时为警告（未列出的部分去向不明）。合计与各项都写了比上年的增减额时，增减额也应相加一致。
""",
    bad="支出预算总计37188.34万元：公共安全（类）27488.23 + 社会保障和就业（类）2355.65 + 住房保障"
    "（类）7344.64 = 37188.52万元。",
    good="27488.23 + 2355.65 + 7344.46 = 37188.34万元。",
    tolerance=(
        "各项按所印精度舍入：n 个分项之和与合计相差不超过各项半个末位单位之和为提示；"
        "组成未列全而合计更大为警告。"
    ),
    suggestion="核对合计与各项，改正抄错或漏列的数字。",
)
def budget_narrative_parts_sum(doc: Disclosure) -> Iterator[Hit]:
    _budget_only(doc)
    if not any(s.measure == "amount" for s in doc.statements):
        raise NotApplicable("说明中没有预算数")
    facts = Facts(doc.statements)
    by_section: dict[str, list[Statement]] = defaultdict(list)
    for s in doc.statements:
        by_section[s.section].append(s)
    for section_statements in by_section.values():
        for b in BREAKDOWNS:
            yield from _breakdown_hits(doc, facts, section_statements, b)


def _parts_of(section: list[Statement], b: Breakdown) -> list[Statement]:
    if b.parts is None:
        seen: set[str] = set()
        out: list[Statement] = []
        for s in section:
            if (
                s.code is not None
                and len(s.code) == 3
                and not is_path(s.subject)
                and s.topic in b.topics
                and s.subject not in seen
                and s.measure == "amount"
                and money_value(s) is not None
            ):
                seen.add(s.subject)
                out.append(s)
        return out
    found = [
        _first_amount(s for s in section if s.subject == part and s.topic in b.topics)
        for part in b.parts
    ]
    return [s for s in found if s is not None]


def _breakdown_hits(
    doc: Disclosure, facts: Facts, section: list[Statement], b: Breakdown
) -> Iterator[Hit]:
    total_stmt = _first_amount(s for s in section if s.subject == b.total and s.topic in b.topics)
    if total_stmt is None:
        return
    parts = _parts_of(section, b)
    if len(parts) < (2 if b.parts is None else 1):
        return
    total_value = money_value(total_stmt)
    values = [money_value(p) for p in parts]
    assert total_value is not None and all(v is not None for v in values)
    known = [v for v in values if v is not None]
    parts_sum = sum(known, ZERO)
    slack = sum((half_unit(v, decimals_of(v)) for v in [*known, total_value]), ZERO)
    diff = parts_sum - total_value
    complete = b.parts is not None and len(parts) == len(b.parts)
    names = "、".join(f"{p.subject} {fmt(v)}" for p, v in zip(parts, known, strict=True))
    if diff != 0 and abs(diff) > slack and _holds_with_tables(doc, total_stmt, parts, slack):
        return  # a stated amount disagrees with its table (JS931–JS939 report it) and the
        # table's figure makes the sum hold: one root cause, one finding
    if diff != 0:
        severity: Severity | None = None
        note = ""
        if abs(diff) <= slack:
            severity = Severity.INFO
            note = f"，在各项分别舍入的范围（±{money(slack)} 万元）内"
        elif diff < 0 and not complete:
            severity = Severity.WARNING
            note = "，部分组成未在说明中列示，差额去向不明"
        if severity is not Severity.INFO or len([v for v in known if v != 0]) > 1:
            yield Hit(
                message=(
                    f"{where(total_stmt)}“{b.total}”为 {fmt(total_value)} 万元，所列各项（{names}）"
                    f"合计 {money(parts_sum)} 万元，相差 {money(abs(diff))} 万元{note}。"
                ),
                evidence=evidence_list(total_stmt, *parts),
                expected=money(parts_sum),
                actual=fmt(total_value),
                severity=severity,
                where=where(total_stmt),
            )
    yield from _change_sum_hits(facts, total_stmt, parts, b)


def _holds_with_tables(
    doc: Disclosure, total_stmt: Statement, parts: list[Statement], slack: Decimal
) -> bool:
    """Whether the sum holds once the stated amounts that disagree with their tables are
    replaced by the tables' figures (at least one is)."""
    replaced = False
    values: list[Decimal] = []
    for s in [total_stmt, *parts]:
        value = money_value(s)
        assert value is not None
        alt = _alt(doc, s, value)
        replaced = replaced or alt is not None
        values.append(alt.value if alt is not None else value)
    return replaced and abs(sum(values[1:], ZERO) - values[0]) <= slack


def _signed_change(facts: Facts, s: Statement) -> tuple[Decimal | None, bool]:
    """A subject's stated change against last year (+ increase, − decrease, 0 持平), and
    whether that change is itself impossible (JS942 reports it: not judged again here)."""
    direction = facts.after(s, {"direction"}, {"amount"})
    if direction is None:
        return None, False
    if direction.value == "持平":
        return ZERO, False
    change = facts.after(direction, {"change_amount"}, {"direction", "amount"})
    value = money_value(change)
    if value is None or change is None:
        return None, False
    sign = {"增加": 1, "减少": -1}.get(str(direction.value))
    impossible = impossible_increase(facts, change) is not None
    return (None if sign is None else value * sign), impossible


def _change_sum_hits(
    facts: Facts, total_stmt: Statement, parts: list[Statement], b: Breakdown
) -> Iterator[Hit]:
    total_change, total_impossible = _signed_change(facts, total_stmt)
    if total_change is None or not parts:
        return
    found = [_signed_change(facts, p) for p in parts]
    if total_impossible or any(impossible for _, impossible in found):
        return  # one root cause: the impossible change (JS942)
    changes = [c for c, _ in found]
    if any(c is None for c in changes):
        return
    if b.parts is not None and len(parts) < len(b.parts):
        return  # parts not stated may have changed too
    known = [c for c in changes if c is not None]
    diff = sum(known, ZERO) - total_change
    slack = sum((half_unit(c, decimals_of(c)) for c in [*known, total_change]), ZERO)
    if abs(diff) <= slack:
        return
    names = "、".join(f"{p.subject} {fmt(c)}" for p, c in zip(parts, known, strict=True))
    yield Hit(
        message=(
            f"{where(total_stmt)}“{b.total}”比上年增减 {fmt(total_change)} 万元，所列各项的增减额"
            f"（{names}）合计 {money(sum(known, ZERO))} 万元，相差 {money(abs(diff))} 万元。"
        ),
        evidence=evidence_list(total_stmt, *parts),
        expected=money(sum(known, ZERO)),
        actual=fmt(total_change),
        where=where(total_stmt),
    )
