"""Helpers shared by the narrative_arithmetic rules."""

from __future__ import annotations

from juesuan.model import Evidence, Statement


def statement_evidence(*statements: Statement | None) -> list[Evidence]:
    out: list[Evidence] = []
    for s in statements:
        if s is not None and s.evidence not in out:
            out.append(s.evidence)
    return out


INCOME_PARTS_FISCAL = (
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)

INCOME_PARTS_SPLIT = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    *INCOME_PARTS_FISCAL[1:],
)

#: Uses of the year's expense; 单位预留机动经费 is a budget's (预算) reserve, beside 基本/项目.
EXPENSE_PARTS = (
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
    "单位预留机动经费",
)
