"""JS502: the 一般公共预算财政拨款支出 and its 类 amounts stated restate the
一般公共预算财政拨款支出决算表 (or its column of the 财政拨款 table).
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._shared import (
    GENERAL,
    NO_STATEMENTS,
    NO_TABLES,
    T04,
    T06,
    TableValue,
    compare_statement,
    empty_value,
    is_path,
    known_table,
    line_lookup,
    table_title_of,
    total_lookup,
)
from juesuan.rules.narrative_facts import ACTUAL_MEASURES
from juesuan.rules.tables import cell_or_zero, fixed_line, row_by_code


def _class_values(doc: Disclosure, code: str) -> list[TableValue]:
    values: list[TableValue] = []
    t06 = known_table(doc, T06)
    if t06 is not None:
        row = row_by_code(t06, code)
        if row is not None:
            values.append(
                TableValue(
                    f"{table_title_of(t06)}“{code} {row.name}”",
                    cell_or_zero(row, "total"),
                    [row.evidence],
                )
            )
        elif t06.rows:
            values.append(
                TableValue(f"{table_title_of(t06)}（未列 {code} 类）", ZERO, [t06.evidence])
            )
        elif (v := empty_value(t06)) is not None:
            values.append(v)
    t04 = known_table(doc, T04)
    if t04 is not None:
        row = fixed_line(t04, code, "expense")
        if row is not None:
            label = f"{table_title_of(t04)}“{row.name.strip()}”一般公共预算财政拨款栏"
            values.append(TableValue(label, cell_or_zero(row, "general"), [row.evidence]))
    return values


_GENERAL_LOOKUPS = (
    total_lookup(T06, "total"),
    line_lookup(T04, "expense_total", "general", "expense"),
)


@rule(
    "JS502",
    name="narrative-general-budget-mismatch",
    title="一般公共预算财政拨款支出与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第五部分的一般公共预算财政拨款支出总额应等于一般公共预算财政拨款支出决算表合计（也即
财政拨款收入支出决算总表一般公共预算财政拨款栏的本年支出合计），“结构情况”中各类（如社会
保障和就业支出）的金额应等于该表对应类级科目的金额。
""",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="以一般公共预算财政拨款支出决算表为准核对说明中的金额。",
)
def general_budget_mismatch(doc: Disclosure) -> Iterator[Hit]:
    classes = [
        s
        for s in doc.statements
        if s.code is not None
        and len(s.code) == 3
        and s.measure in ACTUAL_MEASURES
        and not is_path(s.subject)
    ]
    totals = [s for s in doc.statements if s.subject == GENERAL and s.measure in ACTUAL_MEASURES]
    if not classes and not totals:
        raise NotApplicable(NO_STATEMENTS)
    if known_table(doc, T06) is None and known_table(doc, T04) is None:
        raise NotApplicable(NO_TABLES)
    total_values = [v for look in _GENERAL_LOOKUPS if (v := look(doc)) is not None]
    for s in totals:
        if (hit := compare_statement(s, total_values)) is not None:
            yield hit
    for s in classes:
        assert s.code is not None
        if (hit := compare_statement(s, _class_values(doc, s.code))) is not None:
            yield hit
