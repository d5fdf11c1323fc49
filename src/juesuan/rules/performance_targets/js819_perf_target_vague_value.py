"""JS819: an indicator's 指标值 is a measurable target, not its own name or a bare measure word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.catalog.performance import key, target_layout
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import TargetIndicator
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance_targets._shared import checked, form_name, is_empty, targets_of

DIGIT = re.compile(r"\d")


def _vague(ind: TargetIndicator) -> str | None:
    """Why the 指标值 is no target, or None: it repeats the indicator's name, or it is a bare
    word naming a measure (“及时率”, “满意度”) without a number."""
    if ind.value is None or ind.name is None or is_empty(ind):
        return None
    value = key(ind.value.text)
    if DIGIT.search(value):
        return None
    name = key(ind.name).strip('“”"')
    if value == name:
        return "只重复了指标名称"
    if len(value) <= 4 and value.endswith(target_layout().measure_suffixes):
        return f"只写了“{value}”，没有数值"
    return None


@rule(
    "JS819",
    applies_to=BOTH_KINDS,
    name="perf-target-vague-value",
    title="指标值没有给出可衡量的目标",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
指标值应当细化、量化（如“≥95%”“=12次”）；难以量化的可以用定性表述，但要说明达到什么程度。
指标值只是重复指标名称（三级指标“居民满意度”，指标值“满意度”；“宣传工作覆盖面不断扩大”两栏
相同），或只写一个表示度量的词（“及时率”“完善率”）而没有数值，这个目标就无法衡量。只报告这两种
一望即知的情形，“提升”“增强”“有效”等定性表述不在此列。
""",
    tolerance="指标值不含数字，且与指标名称相同，或为不超过 4 个字、以“率/度/量/数”结尾的词",
    suggestion="把指标值写成可衡量的目标：比较符、数值和计量单位，或明确的定性标准。",
)
def vague_value(doc: Disclosure) -> Iterator[Hit]:
    for t in targets_of(doc):
        for ind in t.indicators:
            why = _vague(ind)
            if why is None:
                continue
            assert ind.value is not None
            yield checked(
                t,
                Hit(
                    message=f"{form_name(t)}指标“{ind.label}”的指标值{why}，不是可衡量的目标。",
                    evidence=[ind.evidence],
                    actual=ind.value.text.strip(),
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )
