"""JS932: 财政拨款 and the three funds' expense as stated are their tables' totals."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import FUND_LOOKUPS, budget_only, check_lookups
from juesuan.rules.engine import BUDGET_ONLY, Hit, rule


@rule(
    "JS932",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-funds",
    title="说明中的财政拨款、一般公共预算、政府性基金支出与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
财政拨款支出预算等于财政拨款收支预算总表的支出合计（财政拨款支出预算表合计）；一般公共预算
财政拨款支出等于一般公共预算支出预算表合计，也是财政拨款收支预算总表一般公共预算一栏；
政府性基金、国有资本经营预算拨款支出等于各自支出预算表的合计（表中无数据即为 0）。说明写
的数与这些表不一致，说明其中一处抄错或没有同步修改。
""",
    tolerance=("按所印精度比较（见 JS931）；表中未读到数据又无“本表无数据”字样时至多为警告。"),
    suggestion="按一般公共预算、政府性基金、国有资本经营预算支出预算表改正说明中的金额。",
)
def budget_narrative_funds(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    yield from check_lookups(doc, FUND_LOOKUPS)
