"""JS502: the 一般公共预算财政拨款支出 and its 类 amounts stated restate the
一般公共预算财政拨款支出决算表 (or its column of the 财政拨款 table).
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._restated import GENERAL_LOOKUPS, class_values
from juesuan.rules.narrative._shared import (
    GENERAL,
    NO_STATEMENTS,
    NO_TABLES,
    T04,
    T06,
    compare_statement,
    is_path,
    known_table,
)
from juesuan.rules.narrative_facts import ACTUAL_MEASURES


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
    total_values = [v for look in GENERAL_LOOKUPS if (v := look(doc)) is not None]
    for s in totals:
        if (hit := compare_statement(s, total_values)) is not None:
            yield hit
    for s in classes:
        assert s.code is not None
        if (hit := compare_statement(s, class_values(doc, s.code))) is not None:
            yield hit
