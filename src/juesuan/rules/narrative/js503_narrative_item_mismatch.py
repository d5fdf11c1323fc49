"""JS503: each 类/款/项 item of the 具体情况 restates its row of the
一般公共预算财政拨款支出决算表, found by code or by its path of names.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._restated import path_value, resolve_path
from juesuan.rules.narrative._shared import T06, compare_statement, is_path, known_table

__all__ = ["item_mismatch", "resolve_path"]


@rule(
    "JS503",
    name="narrative-item-mismatch",
    title="具体科目支出决算数与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“一般公共预算财政拨款支出决算具体情况”逐项说明类/款/项科目的支出决算数，它应等于一般公共
预算财政拨款支出决算表中该科目的金额。说明不印科目编码时按表中的科目名称定位；名称对不上
（科目名称印错、改名）时不作比较。
""",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="以一般公共预算财政拨款支出决算表为准改正说明中的支出决算数。",
)
def item_mismatch(doc: Disclosure) -> Iterator[Hit]:
    items = [s for s in doc.statements if is_path(s.subject) and s.measure == Measure.ACTUAL]
    if not items:
        raise NotApplicable("情况说明中没有逐项科目的支出决算数")
    t06 = known_table(doc, T06)
    if t06 is None or not t06.rows:
        raise NotApplicable("没有可核对的一般公共预算财政拨款支出决算表")
    for s in items:
        value = path_value(doc, s)
        if value is None:
            continue
        if (hit := compare_statement(s, [value], what=f"“{s.subject}”支出决算数")) is not None:
            yield hit
