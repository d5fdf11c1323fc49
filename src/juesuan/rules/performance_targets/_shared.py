"""Helpers shared by the performance-target rules."""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalog.performance import key, target_layout
from juesuan.model import Disclosure
from juesuan.model.findings import Severity
from juesuan.model.performance import FundLine, PerformanceTarget, TargetIndicator
from juesuan.rules.common import money
from juesuan.rules.engine import Hit, NotApplicable

NO_TARGETS = "没有找到绩效目标表"

BLOCK_NAMES = {"project": "项目资金", "annual": "年度资金"}


def targets_of(doc: Disclosure) -> list[PerformanceTarget]:
    if not doc.targets:
        raise NotApplicable(NO_TARGETS)
    return doc.targets


def form_name(t: PerformanceTarget) -> str:
    return f"绩效目标表“{t.name}”"


def checked(t: PerformanceTarget, hit: Hit) -> Hit:
    """Info, with the doubt said, for a form recognised by header words only."""
    if t.recognised_by == "header":
        hit.severity = Severity.INFO
        doubt = t.doubts[0] if t.doubts else "只凭表头词语识别"
        hit.message = f"{hit.message}读取存疑，仅作提示：{doubt}。"
    return hit


def divisor(t: PerformanceTarget) -> Decimal:
    """Printed unit → 万元 (10000 for a form printed in 元)."""
    return target_layout().fund_units.get(t.fund_unit or "万元", Decimal(1))


def amount_shown(f: FundLine) -> str:
    """The amount as printed with its unit, and in 万元 when printed in another unit."""
    text = f"{f.text} {f.unit}".strip()
    if f.amount is not None and f.unit != "万元":
        text += f"（{money(f.amount)} 万元）"
    return text


def fund_label(f: FundLine) -> str:
    return f.label.strip()


def fund_parts(t: PerformanceTarget, block: str) -> list[FundLine]:
    return [f for f in t.funds if f.block == block and f.key != "total"]


def larger_parts(t: PerformanceTarget, block: str) -> list[FundLine]:
    whole = t.fund(block, "total")
    if whole is None or whole.amount is None:
        return []
    return [f for f in fund_parts(t, block) if f.amount is not None and f.amount > whole.amount]


def is_empty(ind: TargetIndicator) -> bool:
    """The 指标值 is blank or written as the catalog's empty values (“/”, “无”)."""
    return ind.value is None or key(ind.value.text) in target_layout().empty_values
