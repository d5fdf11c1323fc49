"""JS815: no “其中” part of a target form's funds is larger than its total, and the year's
request is not larger than the project's money."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance_targets._shared import (
    BLOCK_NAMES,
    amount_shown,
    checked,
    form_name,
    fund_label,
    larger_parts,
    targets_of,
)


@rule(
    "JS815",
    applies_to=BOTH_KINDS,
    name="perf-target-fund-part",
    title="绩效目标表中资金的“其中”项大于总额",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
绩效目标表的资金栏分两组：项目资金总额及其中的财政资金、其他资金；年度资金申请总额及其中的
当年财政拨款、上年结转资金、其他资金。“其中”项是总额的一部分，不能大于总额；一年申请的资金
也不应超过项目资金总额。这样的数字不可能同时为真，要么总额填错，要么“其中”项填错，预算安排
和绩效目标都失去了依据。两个数字都印在同一张表中，审核人可直接核对。
""",
    tolerance="精确比较（同一张表、同一单位的印出数）",
    suggestion="核对总额与“其中”项，使各项不超过总额。",
)
def fund_part(doc: Disclosure) -> Iterator[Hit]:
    for t in targets_of(doc):
        for block in ("project", "annual"):
            whole = t.fund(block, "total")
            if whole is None or whole.amount is None:
                continue
            for part in larger_parts(t, block):
                assert part.amount is not None
                yield checked(
                    t,
                    Hit(
                        message=(
                            f"{form_name(t)}{BLOCK_NAMES[block]}：“{fund_label(part)}”{amount_shown(part)}大于"
                            f"“{fund_label(whole)}”{amount_shown(whole)}，多 "
                            f"{money(part.amount - whole.amount)} 万元。"
                        ),
                        evidence=[whole.evidence, part.evidence],
                        expected=f"≤ {whole.text}",
                        actual=part.text,
                        severity=Severity.ERROR,
                        where=t.label,
                    ),
                )
        project, annual = t.fund("project", "total"), t.fund("annual", "total")
        if (
            project is not None
            and annual is not None
            and project.amount is not None
            and annual.amount is not None
            and annual.amount > project.amount
        ):
            yield checked(
                t,
                Hit(
                    message=(
                        f"{form_name(t)}“{fund_label(annual)}”{amount_shown(annual)}大于“{fund_label(project)}”"
                        f"{amount_shown(project)}：一年申请的资金超过了项目资金总额。"
                    ),
                    evidence=[project.evidence, annual.evidence],
                    expected=f"≤ {project.text}",
                    actual=annual.text,
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )
