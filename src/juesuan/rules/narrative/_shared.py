"""Helpers shared by the narrative rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Disclosure, Evidence, Measure, Statement, Table, TableKind, Topic
from juesuan.model.findings import Severity
from juesuan.rules.common import ZERO, difference_severity, money, table_label
from juesuan.rules.engine import Hit, NotApplicable
from juesuan.rules.narrative_facts import ACTUAL_MEASURES, money_of, where_of
from juesuan.rules.tables import cell_or_zero, first_total_row, fixed_line, table_known


@dataclass(slots=True)
class TableValue:
    """A table cell a statement restates: the value, how to name it, where it is."""

    label: str
    value: Decimal
    evidence: list[Evidence] = field(default_factory=list)


Lookup = Callable[[Disclosure], "TableValue | None"]
NO_STATEMENTS = "情况说明中没有可与报表核对的数字"

NO_TABLES = "没有可核对的决算表"


def known_table(doc: Disclosure, kind: TableKind) -> Table | None:
    table = doc.table(kind)
    return table if table_known(table) else None


def empty_value(table: Table) -> TableValue | None:
    """0 for a table printed without data (说明：……故本表无数据)."""
    if not table.rows and table.empty_statement:
        return TableValue(f"{table_title_of(table)}（本表无数据）", ZERO, [table.evidence])
    return None


def table_title_of(table: Table) -> str:
    return table_label(table).split(" ", 1)[-1]


def line_lookup(kind: TableKind, ref: str, column: str, side: str | None = None) -> Lookup:
    """A fixed line of the two-sided tables (T01, T04), by its ref_code."""

    def look(doc: Disclosure) -> TableValue | None:
        table = known_table(doc, kind)
        if table is None:
            return None
        row = fixed_line(table, ref, side)
        if row is None:
            return empty_value(table)
        label = f"{table_title_of(table)}“{row.name.strip()}”"
        if column not in ("amount", "actual"):
            label += f"{table.column_labels.get(column, '')}栏"
        return TableValue(label, cell_or_zero(row, column), [row.evidence])

    return look


def total_lookup(kind: TableKind, column: str) -> Lookup:
    """A column of the 合计 row of a one-sided table (T02, T03, T06, T10, T11, T12)."""

    def look(doc: Disclosure) -> TableValue | None:
        table = known_table(doc, kind)
        if table is None:
            return None
        row = first_total_row(table)
        if row is None:
            return empty_value(table)
        header = table.column_labels.get(column, column)
        label = f"{table_title_of(table)}合计行“{header}”栏"
        return TableValue(label, cell_or_zero(row, column), [row.evidence])

    return look


def unique_evidence(evidence: list[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    for e in evidence:
        if e not in out:
            out.append(e)
    return out


def compare_statement(
    s: Statement, values: list[TableValue], uncertain: bool = False, what: str = ""
) -> Hit | None:
    """A hit when the statement's amount equals none of the table values restating it."""
    stated = money_of(s)
    if stated is None or not values:
        return None
    primary = values[0]
    if primary.value == stated:
        return None
    agreeing = [v for v in values if v.value == stated]
    if agreeing:
        # The tables disagree with each other (the cross-table rules report that); the
        # statement follows one of them: worth a note, not a narrative defect.
        diff = stated - primary.value
        evidence = [s.evidence, *primary.evidence, *agreeing[0].evidence]
        return Hit(
            message=(
                f"{where_of(s)}所述{what or f'“{s.subject}”'}为 {money(stated)} 万元，与"
                f"{agreeing[0].label}一致，但{primary.label}为 {money(primary.value)} 万元，"
                f"相差 {money(abs(diff))} 万元（两表不一致）。"
            ),
            evidence=unique_evidence(evidence),
            expected=money(primary.value),
            actual=money(stated),
            severity=Severity.INFO,
            where=where_of(s),
        )
    nearest = min(values, key=lambda v: abs(v.value - stated))
    diff = stated - nearest.value
    severity = difference_severity(diff)
    if uncertain:
        severity = Severity.WARNING
    others = [v for v in values if v is not nearest]
    also = "".join(f"；{v.label}为 {money(v.value)} 万元" for v in others)
    subject = what or f"“{s.subject}”"
    message = (
        f"{where_of(s)}所述{subject}为 {money(stated)} 万元，{nearest.label}为 "
        f"{money(nearest.value)} 万元，相差 {money(abs(diff))} 万元{also}。"
    )
    evidence = [s.evidence]
    for v in [nearest, *others]:
        evidence.extend(e for e in v.evidence if e not in evidence)
    return Hit(
        message=message,
        evidence=evidence,
        expected=money(nearest.value),
        actual=money(stated),
        severity=severity,
        where=where_of(s),
    )


def check_specs(
    doc: Disclosure,
    specs: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]],
    measures: frozenset[str] = ACTUAL_MEASURES,
) -> Iterator[Hit]:
    for s in doc.statements:
        spec = specs.get(s.subject)
        if spec is None or s.measure not in measures:
            continue
        topics, lookups = spec
        if topics is not None and s.topic not in topics:
            continue
        values = [v for look in lookups if (v := look(doc)) is not None]
        hit = compare_statement(s, values)
        if hit is not None:
            yield hit


def require(doc: Disclosure, subjects: set[str], kinds: tuple[TableKind, ...]) -> None:
    if not any(s.subject in subjects for s in doc.statements):
        raise NotApplicable(NO_STATEMENTS)
    if not any(known_table(doc, k) is not None for k in kinds):
        raise NotApplicable(NO_TABLES)


INCOME = frozenset({Topic.INCOME})
EXPENSE = frozenset({Topic.EXPENSE})

T01, T02, T03, T04 = TableKind.T01, TableKind.T02, TableKind.T03, TableKind.T04
T06, T08, T10, T11 = TableKind.T06, TableKind.T08, TableKind.T10, TableKind.T11

T12, T13 = TableKind.T12, TableKind.T13
GENERAL = "一般公共预算财政拨款支出"


def is_path(subject: str) -> bool:
    return "（类）" in subject or "（款）" in subject or "（项）" in subject


SANGONG_ITEMS = {
    "“三公”经费": "total",
    "因公出国（境）费": "abroad",
    "公务用车购置及运行维护费": "vehicle",
    "公务用车购置费": "vehicle_purchase",
    "公务用车运行维护费": "vehicle_operation",
    "公务接待费": "reception",
}

BUDGET_MEASURES = frozenset({Measure.BUDGET, Measure.BUDGET_INITIAL})


def t13_value(doc: Disclosure, subject: str, column: str) -> TableValue | None:
    ref = SANGONG_ITEMS.get(subject)
    table = known_table(doc, T13)
    if ref is None or table is None:
        return None
    row = fixed_line(table, ref)
    if row is None:
        return empty_value(table)
    header = "预算数" if column == "budget" else "决算数"
    return TableValue(
        f"{table_title_of(table)}“{row.name.strip()}”{header}",
        cell_or_zero(row, column),
        [row.evidence],
    )


FUND_SPECS: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]] = {
    "政府性基金预算财政拨款支出": (
        None,
        (
            total_lookup(T10, "expense_total"),
            line_lookup(T04, "expense_total", "govfund", "expense"),
        ),
    ),
    "国有资本经营预算财政拨款支出": (
        None,
        (
            total_lookup(T11, "expense_total"),
            total_lookup(T12, "total"),
            line_lookup(T04, "expense_total", "soe", "expense"),
        ),
    ),
}
