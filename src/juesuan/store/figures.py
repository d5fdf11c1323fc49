"""The key figures of a disclosure, read from its tables: what a unit's history shows year by
year.  Pure functions of the model (no database); the store keeps their result per document.

A final account (决算) takes them from 表01 收入支出决算总表 (总计, 本年收入/支出合计), 表03
支出决算表 (基本/项目支出), 表06 一般公共预算财政拨款支出决算表 (or 表04) and 表13 “三公”
经费支出决算表; a budget (预算) from the 收支预算总表, 支出预算表, 一般公共预算支出预算表 (or
the 财政拨款收支预算总表) and the “三公”经费预算表.  A figure whose table is missing or
blank is absent, never zero.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.model import Disclosure, DocKind, Table, TableKind, TableRow

#: Figure keys in display order, with their Chinese labels.
FIGURES: dict[str, str] = {
    "income_grand_total": "收入总计",
    "expense_grand_total": "支出总计",
    "income_total": "本年收入合计",
    "expense_total": "本年支出合计",
    "general_expense": "一般公共预算财政拨款支出",
    "basic": "基本支出",
    "project": "项目支出",
    "sangong": "“三公”经费",
    "sangong_budget": "“三公”经费预算数",
}

_TOTAL_NAMES = {"合计", "总计"}


def _total_row(table: Table | None) -> TableRow | None:
    if table is None:
        return None
    for row in table.rows:
        if row.code is None and "".join(row.name.split()) in _TOTAL_NAMES:
            return row
    return None


def _keyed(table: Table | None, key: str, side: str | None = None) -> TableRow | None:
    if table is None:
        return None
    for row in table.rows:
        if row.ref_code == key and (side is None or row.side == side):
            return row
    return None


def _value(row: TableRow | None, *columns: str) -> Decimal | None:
    if row is None:
        return None
    for column in columns:
        value = row.values.get(column)
        if value is not None:
            return value
    return None


def key_figures(doc: Disclosure) -> dict[str, Decimal]:
    """The figures of :data:`FIGURES` that the document's tables state."""
    budget = doc.kind is DocKind.BUDGET or (
        doc.kind is None and any(t.kind.is_budget for t in doc.tables)
    )
    found = _budget_figures(doc) if budget else _final_figures(doc)
    return {k: v for k in FIGURES if (v := found.get(k)) is not None}


def _final_figures(doc: Disclosure) -> dict[str, Decimal | None]:
    t01 = doc.table(TableKind.T01)
    t03_total = _total_row(doc.table(TableKind.T03))
    t13_total = _keyed(doc.table(TableKind.T13), "total")
    general = _value(_total_row(doc.table(TableKind.T06)), "total")
    if general is None:
        general = _value(_keyed(doc.table(TableKind.T04), "expense_total", "expense"), "general")
    return {
        "income_grand_total": _value(_keyed(t01, "grand_total", "income"), "amount"),
        "expense_grand_total": _value(_keyed(t01, "grand_total", "expense"), "amount"),
        "income_total": _value(_keyed(t01, "income_total", "income"), "amount"),
        "expense_total": _value(_keyed(t01, "expense_total", "expense"), "amount"),
        "general_expense": general,
        "basic": _value(t03_total, "basic"),
        "project": _value(t03_total, "project"),
        "sangong": _value(t13_total, "actual"),
        "sangong_budget": _value(t13_total, "budget"),
    }


def _budget_figures(doc: Disclosure) -> dict[str, Decimal | None]:
    b01 = doc.table(TableKind.B01)
    b03_total = _total_row(doc.table(TableKind.B03))
    general = _value(_total_row(doc.table(TableKind.B07)), "total")
    if general is None:
        general = _value(_keyed(doc.table(TableKind.B04), "expense_total", "expense"), "general")
    basic = _value(b03_total, "basic")
    project = _value(b03_total, "project")
    if basic is None and project is None:
        basic = _value(_keyed(b01, "basic", "expense"), "amount")
        project = _value(_keyed(b01, "project", "expense"), "amount")
    income_grand = _keyed(b01, "grand_total", "income") or _keyed(b01, "income_total", "income")
    expense_grand = _keyed(b01, "grand_total", "expense") or _keyed(b01, "expense_total", "expense")
    return {
        "income_grand_total": _value(income_grand, "amount"),
        "expense_grand_total": _value(expense_grand, "amount"),
        "income_total": _value(_keyed(b01, "income_subtotal", "income"), "amount"),
        "expense_total": _value(_keyed(b01, "expense_subtotal", "expense"), "amount"),
        "general_expense": general,
        "basic": basic,
        "project": project,
        "sangong": _budget_sangong(doc.table(TableKind.B10)),
        "sangong_budget": None,
    }


def _budget_sangong(table: Table | None) -> Decimal | None:
    """The “三公” total of a budget: its own line, else its three parts, else the 合计 line
    when the table holds nothing but the three."""
    if table is None:
        return None
    own = _value(_keyed(table, "sangong"), "amount", "total")
    if own is not None:
        return own
    parts = [_value(_keyed(table, key), "amount", "total") for key in ("abroad", "reception")]
    vehicle = _value(_keyed(table, "vehicle"), "amount", "total")
    if vehicle is None:
        pieces = [
            _value(_keyed(table, key), "amount", "total")
            for key in ("vehicle_purchase", "vehicle_operation")
        ]
        if any(p is not None for p in pieces):
            vehicle = sum((p or Decimal(0) for p in pieces), Decimal(0))
    parts.append(vehicle)
    if any(p is not None for p in parts):
        return sum((p or Decimal(0) for p in parts), Decimal(0))
    others = {"meeting", "training", "admin_cost"}
    if not any(r.ref_code in others for r in table.rows):
        return _value(_keyed(table, "total"), "amount", "total")
    return None
