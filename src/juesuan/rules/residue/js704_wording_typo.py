"""JS704: the template's fixed wording has no typo (较上一度)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import evidence_for, scan


@rule(
    "JS704",
    applies_to=BOTH_KINDS,
    name="wording-typo",
    title="模板用语错字",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale="模板固定用语中的错字漏字（如“较上一度”漏“年”）影响文件的规范性。",
)
def typo(doc: Disclosure) -> Iterator[Hit]:
    for piece, hits in scan(doc, "typo"):
        for pattern, text in dict.fromkeys(hits):
            yield Hit(
                message=f"用语有误：“{text}”应为“{pattern.fix}”。",
                evidence=evidence_for(piece, text),
                expected=pattern.fix,
                actual=text,
                where=piece.where,
            )
