"""Shared by the budget narrative rules (JS931–JS944): stated amounts, the table cells
they restate and comparing them at the printed precision."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from juesuan.model import (
    Disclosure,
    DocKind,
    Evidence,
    Measure,
    Statement,
    Table,
    TableKind,
    TableRow,
    Topic,
)
from juesuan.model.findings import Severity
from juesuan.rules.budget._shared import Ledger
from juesuan.rules.common import ZERO, decimals_of, half_unit, money, round_to, table_label
from juesuan.rules.engine import Hit, NotApplicable
from juesuan.rules.narrative_facts import Facts, fmt
from juesuan.rules.tables import CodedIndex, cell, printed_step, row_is_unread, squash

_B01, _B02, _B03, _B04 = TableKind.B01, TableKind.B02, TableKind.B03, TableKind.B04
_B05, _B06, _B07, _B08 = TableKind.B05, TableKind.B06, TableKind.B07, TableKind.B08
_B10, _B11, _B12, _B13 = TableKind.B10, TableKind.B11, TableKind.B12, TableKind.B13
_B14 = TableKind.B14

MONEY = frozenset({"万元", "万"})
NO_STATEMENTS = "预算说明中没有可与预算表核对的数字"
NO_TABLES = "没有可核对的预算表"


def money_value(s: Statement | None) -> Decimal | None:
    """A statement's amount in 万元 (printed decimals kept), else None."""
    if s is None or not isinstance(s.value, Decimal) or s.unit not in MONEY:
        return None
    return s.value


def where(s: Statement) -> str:
    """The place of a statement as the engine groups findings (its section)."""
    if s.section:
        return f"情况说明{s.section}"
    return "预算编制说明" if s.topic == Topic.COMPILATION else "情况说明"


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


def places_of(table: Table) -> int:
    step = printed_step(table).normalize()
    return decimals_of(step)


def the_table(doc: Disclosure, kind: TableKind) -> Table | None:
    """The one table of that kind (None when absent or printed twice)."""
    found = [t for t in doc.tables if t.kind is kind]
    return found[0] if len(found) == 1 else None


def make_cell(
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
    return Cell(label, value, places_of(table), evidence, (table,), cap, printed)


def quoted(name: str) -> str:
    """A printed name in quotes (a name holding quotes of its own, “三公”经费, as it is)."""
    name = name.strip()
    return name if "“" in name or "”" in name else f"“{name}”"


def empty_table_cell(table: Table) -> Cell | None:
    """0 for a table printed without rows: certain when it says so (本表无数据), else a
    warning at most (the rows may not have been read)."""
    if table.rows:
        return None
    cap = None if table.empty_statement else Severity.WARNING
    return Cell(f"{table_label(table)}（无数据）", ZERO, 2, (table.evidence,), (table,), cap)


def column_text(table: Table, column: str) -> str:
    return f"{table.column_labels.get(column, column)}栏" if column != "amount" else ""


def line(kind: TableKind, side: str, refs: tuple[str, ...], column: str = "amount") -> Lookup:
    """A line of a two-sided table (收支总表) by its key; a blank cell is 0."""

    def look(doc: Disclosure) -> Cell | None:
        table = the_table(doc, kind)
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
            text = f"{quoted(row.name)}{column_text(table, column)}"
            return make_cell(table, [row], text, value, column=column)
        return None

    return look


def total_row(table: Table) -> TableRow | None:
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
        table = the_table(doc, kind)
        if table is None:
            return None
        empty = empty_table_cell(table)
        if empty is not None:
            return empty
        row = total_row(table)
        if row is None or row_is_unread(row) or column not in table.columns:
            return None
        value = cell(row, column)
        if value is None:
            return None
        text = f"合计行{table.column_labels.get(column, column)}栏"
        return make_cell(table, [row], text, value, column=column)

    return look


def code_cell(doc: Disclosure, kind: TableKind, code: str, column: str = "total") -> Cell | None:
    table = the_table(doc, kind)
    if table is None or column not in table.columns:
        return None
    row = CodedIndex.build(table).by_code.get(code)
    if row is None or row_is_unread(row):
        return None
    value = cell(row, column)
    if value is None:
        return None
    return make_cell(table, [row], f"“{code} {row.name.strip()}”", value, column=column)


def item(kind: TableKind, *refs: str) -> Lookup:
    """An item of the “三公” or 政府采购 table by its key (the first key printed)."""

    def look(doc: Disclosure) -> Cell | None:
        table = the_table(doc, kind)
        if table is None:
            return None
        for ref in refs:
            rows = [r for r in table.rows if r.ref_code == ref]
            if rows:
                value = cell(rows[0], "amount")
                if value is None:
                    return None
                return make_cell(table, rows[:1], quoted(rows[0].name), value, column="amount")
        return None

    return look


def this_year_income(doc: Disclosure) -> Cell | None:
    """本年收入: the 本年收入 line, or 收入总计 when nothing is carried over."""
    found = line(_B01, "income", ("income_subtotal",))(doc)
    if found is not None:
        return found
    carry = line(_B01, "income", ("carryover", "fund_used"))(doc)
    if carry is not None and carry.value != 0:
        return None
    return line(_B01, "income", ("income_total",))(doc)


def expense_column_total(kind: TableKind, column: str) -> Lookup:
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
    "本年收入合计": (this_year_income, total(_B02)),
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
        expense_column_total(_B01, "project"),
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
ALL_MONEY_TOPICS = frozenset({Topic.TOTAL, Topic.EXPENSE})


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
    fiscal = s.topic == Topic.FISCAL_BASIC
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
        elif (derived := economic_part(doc, kind, column)) is not None:
            cells.append(derived)
    return cells


#: Economic classes (部门预算支出经济分类) of 人员经费; the other classes of a 基本支出 table
#: are 公用经费 (docs/domain.md §3: 301 工资福利支出, 303 对个人和家庭的补助 …).
PERSONNEL_CLASSES = frozenset({"301", "303"})


def economic_part(doc: Disclosure, kind: TableKind, column: str) -> Cell | None:
    """人员经费 (301 + 303) or 公用经费 (the other classes) summed from a 基本支出 table
    printed by economic class only: a convention, so a disagreement is a warning at most."""
    table = the_table(doc, kind)
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
    return make_cell(table, wanted, text, value, cap=Severity.WARNING)


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


def budget_only(doc: Disclosure) -> None:
    if doc.kind is not DocKind.BUDGET:  # pragma: no cover - the engine filters by kind
        raise NotApplicable("不是预算公开")


def check_lookups(
    doc: Disclosure, lookups: dict[str, tuple[Lookup, ...]], topics: frozenset[str] | None = None
) -> Iterator[Hit]:
    """Each amount stated for one of the subjects against its cells."""
    statements = [
        s
        for s in doc.statements
        if s.subject in lookups and s.measure == Measure.AMOUNT and money_value(s) is not None
    ]
    if topics is not None:
        statements = [s for s in statements if s.topic in topics]
    if not statements:
        raise NotApplicable(NO_STATEMENTS)
    checked = False
    for s in statements:
        cells = [c for look in lookups[s.subject] if (c := look(doc)) is not None]
        if cells:
            checked = True
        hit = compare_stated(s, cells)
        if hit is not None:
            yield hit
    if not checked:
        raise NotApplicable(NO_TABLES)


def table_figure(doc: Disclosure, s: Statement, value: Decimal) -> Cell | None:
    """The table's figure for a stated amount that none of its table cells agrees with."""
    cells = cells_of(doc, s)
    if not cells or any(agrees(value, c) for c in cells):
        return None
    return cells[0]


def impossible_increase(facts: Facts, change: Statement) -> tuple[Decimal, Statement] | None:
    """(this year's amount, its statement) when ``change`` is an increase larger than this
    year's amount beyond rounding: last year's budget would be negative."""
    if change.measure != Measure.CHANGE_AMOUNT:
        return None
    direction = facts.before(change, {Measure.DIRECTION}, {Measure.CHANGE_AMOUNT})
    amount_stmt = facts.before(change, {Measure.AMOUNT}, {Measure.CHANGE_AMOUNT})
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
