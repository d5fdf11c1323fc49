"""JS703: no instruction to the filler of the template is left in the text."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import residue_hits


@rule(
    "JS703",
    applies_to=BOTH_KINDS,
    name="template-instruction",
    title="模板填写说明未删除",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "模板中写给填报人的说明（如“（如持平作持平表述）”“无…的，仍保留该表格式，并在本表"
        "下方作下述说明”）不属于公开内容，留在正式文件中说明文件未经认真校对。"
    ),
    suggestion="删除模板填写说明，只保留按说明写出的正式内容。",
)
def instruction(doc: Disclosure) -> Iterator[Hit]:
    yield from residue_hits(doc, "instruction", "留有模板填写说明", "删除填写说明")
