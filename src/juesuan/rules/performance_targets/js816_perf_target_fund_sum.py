"""JS816: the parts of a target form's funds add up to their total."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import ZERO, money, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance_targets._shared import (
    BLOCK_NAMES,
    amount_shown,
    checked,
    divisor,
    form_name,
    fund_label,
    fund_parts,
    larger_parts,
    targets_of,
)


@rule(
    "JS816",
    applies_to=BOTH_KINDS,
    name="perf-target-fund-sum",
    title="绩效目标表中各项资金之和不等于总额",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目资金总额 = 财政资金 + 其他资金；年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金。
各项都印出时，其和应等于总额。只检查印出两项以上的一组；已有“其中”项大于总额（JS815）的一组
不再重复报告。各地表样的“其中”项未必列全，故为警告。
""",
    tolerance="sum_tolerance(n)：n 项各自按印出末位舍入，容差 0.005 × n 个印出单位",
    suggestion="核对总额与各项资金，使各项之和等于总额。",
)
def fund_sum(doc: Disclosure) -> Iterator[Hit]:
    for t in targets_of(doc):
        for block in ("project", "annual"):
            whole = t.fund(block, "total")
            parts = fund_parts(t, block)
            if whole is None or whole.amount is None or len(parts) < 2:
                continue
            if any(p.amount is None for p in parts) or larger_parts(t, block):
                continue
            total = sum((p.amount for p in parts if p.amount is not None), ZERO)
            diff = whole.amount - total
            if abs(diff) <= sum_tolerance(len(parts)) / divisor(t):
                continue
            names = " + ".join(f"{fund_label(p).removeprefix('其中：')} {p.text}" for p in parts)
            yield checked(
                t,
                Hit(
                    message=(
                        f"{form_name(t)}{BLOCK_NAMES[block]}：“{fund_label(whole)}”{amount_shown(whole)}，"
                        f"各项 {names} 合计 {money(total)} 万元，相差 {money(diff)} 万元。"
                    ),
                    evidence=[whole.evidence, *(p.evidence for p in parts)],
                    expected=money(total),
                    actual=money(whole.amount),
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )
