"""Shared by the corpus rules: the figures a document prints for a subject (from its tables,
then from its statements), citing a related document, and the verdicts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

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
from juesuan.model.corpus import cite, document_label
from juesuan.model.findings import Severity
from juesuan.rules.budget_narrative._shared import Cell, cells_of, code_cell, places_of
from juesuan.rules.common import (
    ZERO,
    decimals_of,
    half_unit,
    money,
    money_places,
    round_to,
    table_label,
)
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    SANGONG_TOPICS,
    Facts,
    fmt,
    money_of,
)
from juesuan.rules.tables import cell, first_total_row, fixed_line, row_by_code, table_known

T01, T02, T03, T04 = TableKind.T01, TableKind.T02, TableKind.T03, TableKind.T04
T06, T10, T13 = TableKind.T06, TableKind.T10, TableKind.T13
B05, B07 = TableKind.B05, TableKind.B07

#: Direction words of a year-on-year change and their sign (持平: no change).
DIRECTIONS = {"增加": 1, "减少": -1, "持平": 0}

SANGONG_SUBJECTS = {
    "“三公”经费": "total",
    "因公出国（境）费": "abroad",
    "公务用车购置及运行维护费": "vehicle",
    "公务用车购置费": "vehicle_purchase",
    "公务用车运行维护费": "vehicle_operation",
    "公务接待费": "reception",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """An amount a document prints for a subject: a table cell or a stated amount."""

    label: str  # "表01 收入支出决算总表“总计”", "情况说明一所述“收入支出总计”"
    value: Decimal  # 万元
    places: int  # decimals it is known to (printed; money in a final account: at least 2)
    evidence: tuple[Evidence, ...]
    from_table: bool
    doubts: tuple[str, ...] = ()
    note: str = ""  # why it may rightly differ (another concept), shown in the message

    @property
    def half(self) -> Decimal:
        return half_unit(self.value, self.places)

    @property
    def certain(self) -> bool:
        """A table cell read without doubts (a sentence may be misread or misattributed)."""
        return self.from_table and not self.doubts


FigureLookup = Callable[[Disclosure], "Figure | None"]


def _table_figure(table: Table, rows: list[TableRow], column: str, text: str) -> Figure | None:
    if not rows:
        if table.rows or not table.empty_statement:
            return None
        return Figure(
            f"{_label(table)}（本表无数据）", ZERO, 2, (table.evidence,), True, tuple(table.doubts)
        )
    value = cell(rows[0], column)
    if value is None:
        return None
    return Figure(
        f"{_label(table)}{text}",
        value,
        places_of(table),
        (rows[0].evidence,),
        True,
        tuple(table.doubts),
    )


def _label(table: Table) -> str:
    return table_label(table)


def known_table(doc: Disclosure, kind: TableKind) -> Table | None:
    """The one table of a kind whose contents can be relied on (rows, or 本表无数据)."""
    found = [t for t in doc.tables if t.kind is kind]
    if len(found) != 1 or not table_known(found[0]):
        return None
    return found[0]


def fixed(kind: TableKind, ref: str, column: str, side: str | None = None) -> FigureLookup:
    """A fixed line of a two-sided table (T01, T04) or an item of T13."""

    def look(doc: Disclosure) -> Figure | None:
        table = known_table(doc, kind)
        if table is None:
            return None
        row = fixed_line(table, ref, side)
        rows = [row] if row is not None else []
        if row is None and table.rows:
            return None
        name = f"“{row.name.strip()}”" if row is not None else ""
        header = table.column_labels.get(column, "") if column not in ("amount", "actual") else ""
        return _table_figure(table, rows, column, f"{name}{header and header + '栏'}")

    return look


def total(kind: TableKind, column: str) -> FigureLookup:
    """A column of the 合计 row of a one-sided table (T02, T03, T06, T10)."""

    def look(doc: Disclosure) -> Figure | None:
        table = known_table(doc, kind)
        if table is None:
            return None
        row = first_total_row(table)
        if row is None and table.rows:
            return None
        header = table.column_labels.get(column, column)
        return _table_figure(table, [row] if row else [], column, f"合计行“{header}”栏")

    return look


def by_code(kind: TableKind, code: str, column: str = "total") -> FigureLookup:
    def look(doc: Disclosure) -> Figure | None:
        table = known_table(doc, kind)
        if table is None or not table.rows:
            return None
        row = row_by_code(table, code)
        if row is None:
            return None
        return _table_figure(table, [row], column, f"“{code} {row.name.strip()}”")

    return look


#: Subjects of a final account's explanation → the table cells they restate.
FINAL_TABLES: dict[str, tuple[FigureLookup, ...]] = {
    "收入支出总计": (fixed(T01, "grand_total", "amount", "income"),),
    "财政拨款收入支出总计": (fixed(T04, "grand_total", "amount", "income"),),
    "本年收入合计": (fixed(T01, "income_total", "amount"), total(T02, "total")),
    "本年支出合计": (fixed(T01, "expense_total", "amount"), total(T03, "total")),
    "基本支出": (total(T03, "basic"),),
    "项目支出": (total(T03, "project"),),
    "一般公共预算财政拨款支出": (
        total(T06, "total"),
        fixed(T04, "expense_total", "general", "expense"),
    ),
    "政府性基金预算财政拨款支出": (total(T10, "expense_total"),),
    **{subject: (fixed(T13, ref, "actual"),) for subject, ref in SANGONG_SUBJECTS.items()},
}


def is_path(subject: str) -> bool:
    return "（类）" in subject or "（款）" in subject or "（项）" in subject


def final_table_figures(doc: Disclosure, subject: str, code: str | None) -> list[Figure]:
    """The table cells of a final account a stated subject restates."""
    lookups = FINAL_TABLES.get(subject)
    if lookups is None and code is not None:
        lookups = (by_code(T06, code),)
    return [f for look in lookups or () if (f := look(doc)) is not None]


def statement_figures(
    doc: Disclosure,
    subject: str,
    code: str | None,
    measures: Iterable[str] = ACTUAL_MEASURES,
    exclude: Sequence[Statement] = (),
) -> list[Figure]:
    """The amounts a document's explanation states for the subject (by code for a 类 or a
    类/款/项 path, else by name)."""
    wanted = set(measures)
    out: list[Figure] = []
    for s in doc.statements:
        if s.measure not in wanted or any(s is e for e in exclude):
            continue
        value = money_of(s)
        if value is None:
            continue
        same = s.code == code if code is not None and s.code is not None else s.subject == subject
        if not same:
            continue
        if (
            subject in SANGONG_SUBJECTS
            and s.topic not in SANGONG_TOPICS
            and s.topic != Topic.SANGONG
        ):
            continue
        places = decimals_of(value) if doc.kind is DocKind.BUDGET else money_places(value)
        where = f"情况说明{s.section}" if s.section else "情况说明"
        out.append(Figure(f"{where}所述“{s.subject}”", value, places, (s.evidence,), False))
    return out


def budget_figures(doc: Disclosure, like: Statement) -> list[Figure]:
    """The table cells of a budget that restate a statement like ``like`` (its subject, code
    and section), as the budget narrative rules find them."""
    return [_from_cell(c) for c in cells_of(doc, like)]


def budget_code_figures(doc: Disclosure, code: str) -> list[Figure]:
    """A 类/款/项 of a budget's 一般公共预算支出表 (else its 财政拨款支出表)."""
    for kind in (B07, B05):
        found = code_cell(doc, kind, code)
        if found is not None:
            return [_from_cell(found)]
    return []


def _from_cell(c: Cell) -> Figure:
    return Figure(
        c.label,
        c.value,
        c.places,
        c.evidence,
        True,
        tuple(c.doubts) + (("按惯例推算的数额",) if c.cap is not None else ()),
    )


def fake_statement(like: Statement, subject: str | None = None) -> Statement:
    """A statement of the same subject, code and section (to look its cells up)."""
    return Statement(
        section=like.section,
        subject=subject or like.subject,
        measure=Measure.AMOUNT,
        value=ZERO,
        unit="万元",
        evidence=like.evidence,
        code=like.code,
        topic=like.topic,
    )


# ---------------------------------------------------------------------------------------
# a year-on-year change stated in the explanation


@dataclass(slots=True)
class Change:
    """“<subject> … 与上年相比增加（减少）X 万元 / 持平”: the direction, the amount, and this
    year's amount stated before it in the same sentence group (if any)."""

    direction: Statement
    sign: int  # +1 增加, −1 减少, 0 持平
    amount: Statement | None  # the change_amount (None for 持平)
    this_year: Statement | None

    @property
    def change(self) -> Decimal:
        value = money_of(self.amount)
        return ZERO if value is None else value

    @property
    def statements(self) -> list[Statement]:
        out = [self.direction]
        for s in (self.amount, self.this_year):
            if s is not None and all(s is not o for o in out):
                out.append(s)
        return out


def stated_changes(doc: Disclosure, this_year_measures: Iterable[str]) -> list[Change]:
    """Every clean year-on-year change the explanation states (a direction word 增加/减少 with
    its amount, or 持平); residue (“增加/减少”) is left to the residue rules."""
    facts = Facts(doc.statements)
    measures = set(this_year_measures)
    out: list[Change] = []
    for s in doc.statements:
        if s.measure != Measure.DIRECTION or not isinstance(s.value, str):
            continue
        sign = DIRECTIONS.get(s.value)
        if sign is None:
            continue
        amount = None
        if sign != 0:
            amount = facts.after(s, {Measure.CHANGE_AMOUNT}, {Measure.DIRECTION})
            if money_of(amount) is None:
                continue
        this_year = facts.before(s, measures, {Measure.DIRECTION, Measure.CHANGE_AMOUNT})
        if money_of(this_year) is None:
            this_year = None
        out.append(Change(s, sign, amount, this_year))
    return out


@dataclass(slots=True)
class Candidate:
    """This year's amount a change is taken from: the stated one, or a table's."""

    figure: Figure
    certain: bool


def this_year_candidates(stated: Figure | None, tables: list[Figure]) -> list[Candidate]:
    """The stated amount (certain when no table contradicts it) and each table's figure."""
    out: list[Candidate] = []
    if stated is not None:
        agrees = not tables or any(_same_printing(stated, t) for t in tables)
        out.append(Candidate(stated, agrees))
    for t in tables:
        if stated is None or not _same_printing(stated, t):
            out.append(Candidate(t, t.certain))
    return out


def _same_printing(a: Figure, b: Figure) -> bool:
    places = min(a.places, b.places)
    return round_to(a.value, places) == round_to(b.value, places)


@dataclass(slots=True)
class Verdict:
    severity: Severity
    implied: Decimal  # last year's amount the statement implies
    tolerance: Decimal
    candidate: Candidate
    other: Figure

    @property
    def diff(self) -> Decimal:
        return abs(self.implied - self.other.value)


def judge_implied(
    candidates: list[Candidate],
    change: Decimal,
    change_places: int,
    sign: int,
    others: list[Figure],
    same_scope: bool,
) -> Verdict | None:
    """Last year's amount as this year's amount ∓ the change, against the other document's
    figures.  None when one of them agrees exactly; info when one agrees within the rounding
    of the printed amounts; else the comparison with the most certain figures (a table before
    a sentence), an error when every reading is certain, else a warning."""
    pairs: list[Verdict] = []
    for cand in candidates:
        implied = cand.figure.value - sign * change
        tol = cand.figure.half + (half_unit(change, change_places) if sign else ZERO)
        for other in others:
            if implied == other.value:
                return None
            pairs.append(Verdict(Severity.WARNING, implied, tol + other.half, cand, other))
    if not pairs:
        return None
    within = [p for p in pairs if p.diff <= p.tolerance]
    if within:
        best = min(within, key=lambda p: p.diff)
        best.severity = Severity.INFO
        return best
    best = min(pairs, key=lambda p: (not p.other.certain, not p.candidate.certain, p.diff))
    if best.candidate.certain and best.other.certain and same_scope:
        best.severity = Severity.ERROR
    return best


def printed_verdict(stated: Figure, other: Figure) -> Severity | None:
    """Two printings of one amount, compared at the coarser precision: equal → None; one
    unit apart → warning; more → error."""
    places = min(stated.places, other.places)
    a, b = round_to(stated.value, places), round_to(other.value, places)
    if a == b:
        return None
    return Severity.WARNING if abs(a - b) <= Decimal(1).scaleb(-places) else Severity.ERROR


# ---------------------------------------------------------------------------------------
# the other document


@dataclass(slots=True)
class Related:
    """A related document as a finding names and quotes it."""

    doc: Disclosure
    label: str = field(init=False)

    def __post_init__(self) -> None:
        self.label = document_label(self.doc)

    def cite(self, figure: Figure) -> list[Evidence]:
        return [cite(e, self.doc.source) for e in figure.evidence]


def same_scope(a: Disclosure, b: Disclosure) -> bool:
    """The same scope (部门/单位): a department's accounts include its units'."""
    return a.scope == b.scope


def scope_note(a: Disclosure, b: Disclosure) -> str:
    if same_scope(a, b):
        return ""
    return (
        f"（两份文件口径不同：本文件为{a.scope or '未注明'}，另一文件为{b.scope or '未注明'}，"
        "仅作警告）"
    )


def rounding_note(severity: Severity) -> str:
    if severity is Severity.INFO:
        return "（差额在所印金额的舍入误差范围内，仅作提示）"
    return ""


def doubt_note(figures: Iterable[Figure]) -> str:
    doubts = [d for f in figures for d in f.doubts]
    return f"（表格读取存疑：{doubts[0]}）" if doubts else ""


def change_clause(ch: Change, cand: Candidate) -> str:
    """“本年为 X 万元，较上年增加 Y 万元” (this year's amount naming its table when it was
    taken from one)."""
    if cand.figure.from_table:
        this = f"{money(cand.figure.value)} 万元（{cand.figure.label}）"
    else:
        this = f"{fmt(cand.figure.value)} 万元"
    if ch.sign == 0:
        return f"本年为 {this}，与上年持平"
    word = "增加" if ch.sign > 0 else "减少"
    return f"本年为 {this}，较上年{word} {fmt(ch.change)} 万元"


def own_evidence(change: Change, candidate: Candidate | None) -> list[Evidence]:
    out: list[Evidence] = []
    extra = candidate.figure.evidence if candidate and candidate.figure.from_table else ()
    for e in [*(s.evidence for s in change.statements), *extra]:
        if e not in out:
            out.append(e)
    return out


def section_of(s: Statement) -> str:
    return f"情况说明{s.section}" if s.section else "情况说明"
