"""JS817: a project's target form sets the first-level kinds of indicator required (产出, 效益)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.catalog.performance import target_layout
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance_targets._shared import checked, form_name, targets_of


@rule(
    "JS817",
    applies_to=BOTH_KINDS,
    name="perf-target-missing-level",
    title="项目绩效目标缺少必备的一级指标",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目支出绩效目标应当从产出和效益两方面设定指标（一级指标“产出指标”“效益指标”，满意度、成本
指标视项目而定；必备的种类可在目录 [targets] required_level1 中按地方要求配置）。缺少产出或效益
指标的目标无法据以评价项目做了什么、带来了什么。一级指标是从合并单元格推定的，或表中没有读到
任何指标时，只作提示。
""",
    tolerance="目录 [targets] required_level1（默认：产出指标、效益指标）",
    suggestion="补充缺少的一级指标及其二级、三级指标和指标值。",
)
def missing_level(doc: Disclosure) -> Iterator[Hit]:
    required = target_layout().required_level1
    for t in targets_of(doc):
        if t.scope != "project":
            continue
        if not t.indicators:
            yield checked(
                t,
                Hit(
                    message=f"{form_name(t)}没有读到任何绩效指标。",
                    evidence=[t.evidence],
                    expected="、".join(required),
                    actual="无",
                    severity=Severity.INFO,
                    where=t.label,
                ),
            )
            continue
        present = {i.level1 for i in t.indicators}
        missing = [r for r in required if r not in present]
        if not missing:
            continue
        inferred = any(i.levels_inferred or i.level1 is None for i in t.indicators)
        shown = "、".join(sorted({i.level1 or "未识别" for i in t.indicators}))
        yield checked(
            t,
            Hit(
                message=(
                    f"{form_name(t)}的 {len(t.indicators)} 个绩效指标只有{shown}，缺少"
                    f"{'、'.join(missing)}"
                    + ("（一级指标系从合并单元格推定）。" if inferred else "。")
                ),
                evidence=[t.evidence, *(i.evidence for i in t.indicators)],
                expected="、".join(required),
                actual=shown,
                severity=Severity.INFO if inferred else Severity.WARNING,
                where=t.label,
            ),
        )
