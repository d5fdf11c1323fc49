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
