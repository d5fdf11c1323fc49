"""JS934: each 类/款/项 amount stated is the amount of that code in the expense tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    budget_only,
    compare_stated,
    is_path,
    money_value,
    path_cells,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


@rule(
    "JS934",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-item",
    title="说明中具体科目（款、项）的支出预算与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明逐项列示“类/款/项”科目的支出预算（“法院（款）行政运行（项）支出17279.29万元”，上海
“‘一般公共服务支出（类）统计信息事务（款）统计管理（项）’2.63万元……2023年预算安排2.63万元”），
每个金额都应等于一般公共预算（财政拨款）支出预算表中该科目的金额。科目编码按说明所写名称在
预算表中定位；定位不到的不作比较（名称问题见 JS935）。
""",
    tolerance="按所印精度比较（见 JS931）。",
    suggestion="按一般公共预算支出预算表中该科目的金额改正说明。",
)
def budget_narrative_item(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    stated = [
        s
        for s in doc.statements
        if is_path(s.subject) and s.measure == Measure.AMOUNT and money_value(s) is not None
    ]
    if not stated:
        raise NotApplicable("说明中没有逐项科目的支出预算")
    located = [s for s in stated if s.code is not None]
    if not located:
        raise NotApplicable("说明所列科目未能在预算表中定位")
    for s in located:
        hit = compare_stated(s, path_cells(doc, s), f"“{s.subject}”（{s.code}）")
        if hit is not None:
            yield hit
