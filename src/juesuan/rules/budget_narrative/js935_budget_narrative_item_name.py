"""JS935: the 类/款/项 names a budget's explanation prints are the names of those codes in
the budget tables and the year's list (the check of JS406, for budgets)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import budget_only
from juesuan.rules.codes._explanation import explanation_name_hits, printed_paths
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


@rule(
    "JS935",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-item-name",
    title="说明中的科目名称与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.WARNING,
    rationale="""
预算说明列示的“类/款/项”科目名称应与预算表和当年《政府收支分类科目》的名称一致。名称写错
（字序颠倒、漏字、错字、用了旧年度的名称）或漏列中间一级时，读者无法确定说的是哪一个科目，
说明中的金额也无法与表核对。核对方法与决算的 JS406 相同（同一实现）：表中印有的名称优先，
其次是当年科目表；名称对不上时，由能识别的下级确定它应有的名称，或在同一上级下找到唯一一个
只差一个字（或字序颠倒）的科目。末尾的“支出”二字不计。
""",
    tolerance="名称去掉空格、末尾“支出”后比较；相近 = 字序颠倒或只差一个字。",
    suggestion="按政府收支分类科目（预算表）改正科目名称。",
)
def budget_narrative_item_name(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    if next(printed_paths(doc), None) is None:
        raise NotApplicable("说明中没有逐项科目")
    yield from explanation_name_hits(doc)
