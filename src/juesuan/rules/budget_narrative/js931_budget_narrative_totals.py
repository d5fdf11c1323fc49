"""JS931: the totals, sources and uses the explanation states are those of the 收支总表 and
the 财政拨款收支总表."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import TOTAL_LOOKUPS, budget_only, check_lookups
from juesuan.rules.engine import BUDGET_ONLY, Hit, rule


@rule(
    "JS931",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-totals",
    title="说明中的收支预算总数、收入来源和支出用途与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
预算情况说明（预算编制说明）复述收支预算总表和财政拨款收支预算总表的数字：收入、支出预算
总计，本年收入、支出合计，按来源分列的财政拨款（一般公共预算、政府性基金、国有资本经营）、
财政专户管理资金、事业收入、其他收入、上年结转，按用途分列的基本支出、项目支出、单位预留
机动经费。同一个数在说明和表中应一致。预算说明常把金额印成整数或一位小数（“17,192万元”
“5011.4万元”），按说明所印精度比较：舍入后相等即为一致；是表中金额截尾（未四舍五入）的仅作
提示；差一个末位单位为警告，更大为错误。
""",
    tolerance=(
        "按所印精度：说明与表中金额在二者较粗的精度上舍入后相等为一致；说明是表中金额截尾的"
        "为提示；差一个末位单位为警告，更大为错误。"
    ),
    suggestion="核对说明与收支预算总表、财政拨款收支预算总表，改正抄错的一处。",
)
def budget_narrative_totals(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    yield from check_lookups(doc, TOTAL_LOOKUPS)
