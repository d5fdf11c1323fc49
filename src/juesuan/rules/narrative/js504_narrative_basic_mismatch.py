"""JS504: 基本支出, 人员经费 and 公用经费 stated restate the 一般公共预算 tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Table, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, rule
from juesuan.rules.narrative._shared import (
    T06,
    T08,
    Lookup,
    TableValue,
    check_specs,
    known_table,
    require,
    table_title_of,
    total_lookup,
)
from juesuan.rules.tables import cell_or_zero


def t08_block_totals(table: Table) -> tuple[TableRow | None, TableRow | None]:
    """(人员经费合计 row, 公用经费合计 row) of the basic expenditure table."""
    personnel: TableRow | None = None
    public: TableRow | None = None
    for row in table.rows:
        if row.code is not None:
            continue
        name = row.name.replace(" ", "")
        total_like = name.endswith("合计")
        has_personnel = row.values.get("personnel") is not None
        if personnel is None and has_personnel and ("人员经费" in name or total_like):
            personnel = row
        has_public = row.values.get("public") is not None
        if public is None and has_public and ("公用经费" in name or total_like):
            public = row
    return personnel, public


def _t08_sum(doc: Disclosure) -> TableValue | None:
    table = known_table(doc, TableKind.T08)
    if table is None:
        return None
    personnel, public = t08_block_totals(table)
    if personnel is None or public is None:
        return None
    value = cell_or_zero(personnel, "personnel") + cell_or_zero(public, "public")
    label = f"{table_title_of(table)}人员经费合计与公用经费合计之和"
    evidence = [personnel.evidence] + ([public.evidence] if public is not personnel else [])
    return TableValue(label, value, evidence)


def _t08_part(column: str) -> Lookup:
    def look(doc: Disclosure) -> TableValue | None:
        table = known_table(doc, TableKind.T08)
        if table is None:
            return None
        personnel, public = t08_block_totals(table)
        row = personnel if column == "personnel" else public
        if row is None:
            return None
        name = "人员经费合计" if column == "personnel" else "公用经费合计"
        return TableValue(
            f"{table_title_of(table)}“{name}”", cell_or_zero(row, column), [row.evidence]
        )

    return look


_BASIC_SPECS: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]] = {
    "一般公共预算财政拨款基本支出": (None, (total_lookup(T06, "basic"), _t08_sum)),
    "人员经费": (frozenset({"basic"}), (_t08_part("personnel"),)),
    "公用经费": (frozenset({"basic"}), (_t08_part("public"),)),
}


@rule(
    "JS504",
    name="narrative-basic-mismatch",
    title="基本支出、人员经费、公用经费与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“一般公共预算财政拨款基本支出决算情况说明”中的基本支出总额应等于一般公共预算财政拨款支出决算表
合计行的基本支出，也等于一般公共预算财政拨款基本支出决算表的人员经费合计与公用经费合计之和；
人员经费、公用经费应分别等于后者的两个合计。常见错误是把支出决算表（含非财政拨款）的基本
支出抄进这一节。
""",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="按一般公共预算财政拨款基本支出决算表改正说明中的金额。",
)
def basic_mismatch(doc: Disclosure) -> Iterator[Hit]:
    require(doc, set(_BASIC_SPECS), (T06, T08))
    yield from check_specs(doc, _BASIC_SPECS)
