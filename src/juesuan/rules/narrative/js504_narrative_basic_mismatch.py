"""JS504: 基本支出, 人员经费 and 公用经费 stated restate the 一般公共预算 tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, rule
from juesuan.rules.narrative._restated import BASIC_SPECS
from juesuan.rules.narrative._shared import T06, T08, check_specs, require


@rule(
    "JS504",
    name="narrative-basic-mismatch",
    title="基本支出、人员经费、公用经费与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“一般公共预算财政拨款基本支出决算情况说明”中的基本支出总额应等于一般公共预算财政拨款支出决算表
合计行的基本支出，也等于一般公共预算财政拨款基本支出决算表的人员经费合计与公用经费合计之和；
人员经费、公用经费应分别等于后者的两个合计。常见错误是把支出决算表（含非财政拨款）的基本
支出抄进这一节。
""",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="按一般公共预算财政拨款基本支出决算表改正说明中的金额。",
)
def basic_mismatch(doc: Disclosure) -> Iterator[Hit]:
    require(doc, set(BASIC_SPECS), (T06, T08))
    yield from check_specs(doc, BASIC_SPECS)
