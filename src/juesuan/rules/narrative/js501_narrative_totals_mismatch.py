"""JS501: the totals the explanation states (收支总计, 本年收入/支出合计 and their parts)
restate the summary, income and expense tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, rule
from juesuan.rules.narrative._restated import TOTAL_SPECS
from juesuan.rules.narrative._shared import T01, T02, T03, T04, check_specs, require


@rule(
    "JS501",
    name="narrative-totals-mismatch",
    title="说明中的收支总数与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第一至四部分复述收入支出决算总表、收入决算表、支出决算表和财政拨款收入支出决算总表中的
总计、本年收入合计、各项收入、本年支出合计、基本支出、项目支出等数字。同一个数在说明和表中
必须完全一致；不一致说明其中一处抄错或表格修改后说明没有同步更新。相差 0.01 万元为警告，
更大为错误。
""",
    tolerance="CENT：同一数字的两次印刷必须相同，相差 0.01 万元为警告，更大为错误。",
    suggestion="核对说明与决算表，改正抄错的一处。",
)
def totals_mismatch(doc: Disclosure) -> Iterator[Hit]:
    require(doc, set(TOTAL_SPECS), (T01, T02, T03, T04))
    yield from check_specs(doc, TOTAL_SPECS)
