"""JS818: every indicator of a target form states its 指标值."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance_targets._shared import checked, form_name, is_empty, targets_of


@rule(
    "JS818",
    applies_to=BOTH_KINDS,
    name="perf-target-empty-value",
    title="绩效指标没有填写指标值",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
绩效目标表中每个三级指标都要有指标值（年度/项目指标值），它是年底自评时对照的目标。指标值
空着（或只填“/”“无”），这个指标就无从评价，自评时只能由填表人事后认定，绩效目标形同虚设。
""",
    tolerance="目录 [targets] empty_values 中的写法视为空",
    suggestion="为每个三级指标填写可衡量的指标值。",
)
def empty_value(doc: Disclosure) -> Iterator[Hit]:
    for t in targets_of(doc):
        for ind in t.indicators:
            if ind.name is None or not is_empty(ind):
                continue
            printed = "空白" if ind.value is None or not ind.value.text.strip() else None
            shown = printed or f"只写了“{ind.value.text.strip() if ind.value else ''}”"
            yield checked(
                t,
                Hit(
                    message=f"{form_name(t)}指标“{ind.label}”的指标值{shown}。",
                    evidence=[ind.evidence],
                    expected="指标值",
                    actual=ind.value.text.strip() if ind.value else "",
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )
