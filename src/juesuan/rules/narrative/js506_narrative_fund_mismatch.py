"""JS506: the 政府性基金 and 国有资本经营预算 expenditure stated restates their tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, rule
from juesuan.rules.narrative._shared import FUND_SPECS, T04, T10, T11, T12, check_specs, require


@rule(
    "JS506",
    name="narrative-fund-mismatch",
    title="政府性基金、国有资本经营预算支出与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第八、九部分所述政府性基金预算、国有资本经营预算财政拨款支出应等于对应收入支出决算表
的本年支出合计（也即财政拨款收入支出决算总表相应栏）。表注明“本表无数据”时说明中的支出
应为 0。
""",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="核对政府性基金、国有资本经营预算财政拨款收入支出决算表与说明。",
)
def fund_mismatch(doc: Disclosure) -> Iterator[Hit]:
    require(doc, set(FUND_SPECS), (T04, T10, T11, T12))
    yield from check_specs(doc, FUND_SPECS)
