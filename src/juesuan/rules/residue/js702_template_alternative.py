"""JS702: no pair of alternatives the template offers (增加（减少）) is left unresolved."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import residue_hits


@rule(
    "JS702",
    applies_to=BOTH_KINDS,
    name="template-alternative",
    title="模板备选用语未取舍",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "模板以“增加（减少）”“增长（下降）”“大于（小于）”等形式列出备选用语，填写时应根据"
        "数字的实际方向只保留一个。两者并存时读者不知道实际是增是减。"
    ),
    suggestion="按金额的实际变动方向只保留一个用语。",
)
def alternative(doc: Disclosure) -> Iterator[Hit]:
    yield from residue_hits(doc, "alternative", "留有模板备选用语", "按实际方向只保留一个用语")
