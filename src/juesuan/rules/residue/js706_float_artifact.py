"""JS706: no amount carries a binary floating-point artefact (155.099998)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import TextPiece, evidence_for, squash, texts


def _evaluation_rows(doc: Disclosure) -> Iterator[TextPiece]:
    """Budget and indicator rows of the performance tables (their placeholders and
    instructions are reported by the performance family; numbers are checked here)."""
    for ev in doc.evaluations:
        where = f"绩效自评：{ev.name}"
        rows = [b.evidence for b in ev.budget] + [i.evidence for i in ev.indicators]
        for evidence in rows:
            yield TextPiece(evidence.text, [evidence], where, True)


# A float artifact: at least 6 decimals ending in a run of four 9s or 0s then a digit,
# e.g. 155.099998 or 12.3000001 (binary floating point written with too many digits).
_FLOAT_ARTIFACT = re.compile(r"(?<![\d.])\d+\.\d*?(?:9{4,}\d*|0{4,}[1-9]\d*)(?![\d.])")


@rule(
    "JS706",
    applies_to=BOTH_KINDS,
    name="float-artifact",
    title="金额带有计算机浮点误差",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "从电子表格复制数字时，未设置小数位的单元格会带出 155.099998 这样的浮点误差。"
        "金额应按两位小数公开。"
    ),
    suggestion="把金额四舍五入到两位小数。",
)
def float_artifact(doc: Disclosure) -> Iterator[Hit]:
    for piece in [*texts(doc), *_evaluation_rows(doc)]:
        found = [
            m.group()
            for m in _FLOAT_ARTIFACT.finditer(squash(piece.text))
            if len(m.group().split(".")[1]) >= 6
        ]
        for printed in dict.fromkeys(found):
            value = Decimal(printed).quantize(Decimal("0.01"))
            yield Hit(
                message=f"数字“{printed}”带有浮点误差，应为“{value}”。",
                evidence=evidence_for(piece, printed)[:1] or piece.lines[:1],
                expected=f"{value}",
                actual=printed,
                where=piece.where,
            )
