"""JS711: no punctuation mark is doubled (。。, ，。)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import section_label, squash

_DOUBLED = re.compile(r"([，。；、：！？])\1|[，、；：][。；]|。[，、；]")


@rule(
    "JS711",
    applies_to=BOTH_KINDS,
    name="doubled-punctuation",
    title="标点重复",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale="“。。”“，。”等重复或冲突的标点是校对疏漏。",
    suggestion="删去多余的标点。",
)
def doubled_punctuation(doc: Disclosure) -> Iterator[Hit]:
    pdf = doc.source.format == "pdf"
    for p in doc.paragraphs:
        for m in _DOUBLED.finditer(squash(p.text)):
            in_one_line = [e for e in p.lines if m.group() in squash(e.text)]
            # A PDF text layer may repeat a sentence end at a block edge: unless both marks
            # sit in one printed line, the reading is uncertain.
            severity = None if (in_one_line or not pdf) else Severity.INFO
            yield Hit(
                message=f"标点重复：“{m.group()}”。",
                evidence=in_one_line[:1] or p.lines[:1] or [p.evidence],
                expected=m.group()[-1],
                actual=m.group(),
                severity=severity,
                where=section_label(p),
            )
