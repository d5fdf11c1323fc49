"""JS933: each 类 amount stated is the tables' amount of that class."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    NO_TABLES,
    budget_only,
    class_cells,
    compare_stated,
    is_path,
    money_value,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


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
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按预算表中该类的金额改正说明。",
)
def budget_narrative_class(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    stated = [
        s
        for s in doc.statements
        if s.code is not None
        and len(s.code) == 3
        and not is_path(s.subject)
        and s.measure == Measure.AMOUNT
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
        raise NotApplicable(NO_TABLES)
