"""JS936: 基本支出, 人员经费 and 公用经费 as stated are the 基本支出 tables'."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    NO_TABLES,
    basic_cells,
    budget_only,
    compare_stated,
    money_value,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


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
    tolerance="按所印精度比较（见 JS931）；按经济分类推算的数额不一致至多为警告。",
    suggestion="按基本支出预算表改正说明中的金额。",
)
def budget_narrative_basic(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    subjects = {"财政拨款基本支出", "一般公共预算财政拨款基本支出", "人员经费", "公用经费"}
    stated = [
        s
        for s in doc.statements
        if s.subject in subjects and s.measure == Measure.AMOUNT and money_value(s) is not None
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
        raise NotApplicable(NO_TABLES)
