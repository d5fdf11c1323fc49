"""JS701: no placeholder of the template (XXX, **) is left in the text."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import residue_hits


@rule(
    "JS701",
    applies_to=BOTH_KINDS,
    name="template-placeholder",
    title="模板占位符未替换",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "公开模板用 XXX、XX、** 等占位符表示需要填写的金额、比例或名称。正式公开的文件中"
        "留有占位符，说明该处数字或名称没有填写，读者无法得知真实情况。"
    ),
    suggestion="用实际金额、比例或单位名称替换占位符；不涉及的内容按模板要求删除或说明。",
)
def placeholder(doc: Disclosure) -> Iterator[Hit]:
    yield from residue_hits(doc, "placeholder", "留有模板占位符", "实际数字或名称")
