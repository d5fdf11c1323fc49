"""JS406: the 类/款/项 names the explanation of a final account prints are the names of
those codes in the tables and the year's list, no level left out."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._explanation import explanation_name_hits, printed_paths
from juesuan.rules.engine import FINAL_ONLY, Hit, NotApplicable, rule

RATIONALE = """
说明（及名词解释）逐项列示的“类/款/项”科目名称应与报表和当年《政府收支分类科目》的名称
一致：名称写错（错字、漏字、字序颠倒、用了旧年度的名称、把类名当作款名），或者漏列了中间
一级（项直接列在类之下），读者就无法确定说的是哪一个科目，说明中的金额也无法与表核对。
本规则逐级识别：表中印有的名称优先，其次是当年科目表；某一级的名称对不上时，由能识别的
下级（如项）确定它应有的名称，或在同一上级下找到唯一一个只差一个字（或字序颠倒）的科目；
说明所列的项在表中该款下找不到、而该款下只有一项未被说明列出且金额与说明相同时，也予报告。
名称比较忽略空格、引号和末尾的“支出”。只由科目表（而非本文件的表）确定、且该条目未经确认
或文件年度不在目录确立的年度之内时，只作提示。
"""


@rule(
    "JS406",
    applies_to=FINAL_ONLY,
    name="narrative-code-names",
    title="说明中的科目名称与报表或科目表不一致",
    category=Category.CODES,
    severity=Severity.WARNING,
    rationale=RATIONALE,
    tolerance=(
        "名称去掉空格、引号和末尾“支出”后比较；相近 = 字序颠倒或只差一个字（类名：相似度≥0.8）。"
    ),
    suggestion="按报表和当年政府收支分类科目改正说明中的科目名称，逐级列出类、款、项。",
)
def narrative_code_names(doc: Disclosure) -> Iterator[Hit]:
    if next(printed_paths(doc), None) is None:
        raise NotApplicable("说明中没有列示类/款/项科目")
    yield from explanation_name_hits(doc)
