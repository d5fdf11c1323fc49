"""JS705: no number is shown as “##” (an Excel cell too narrow)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import evidence_for, texts

_OVERFLOW = re.compile(r"#{2,}(?:[ \t]*#)*")

_HEADING_MARK_TAIL = re.compile(r"[ \t]+[^#\s]")


def _has_overflow(text: str) -> bool:
    """A run of "#" standing for a number; not a Markdown-style heading mark ("## 标题"),
    which opens a line and is followed by a space and words."""
    for m in _OVERFLOW.finditer(text):
        if not text[: m.start()].strip() and _HEADING_MARK_TAIL.match(text, m.end()):
            continue
        return True
    return False


@rule(
    "JS705",
    applies_to=BOTH_KINDS,
    name="excel-overflow",
    title="数字显示为“##”",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "Excel 单元格宽度不够时数字显示为“###”。这样的表格转成 PDF 或 Word 后，读者看不到实际金额。"
    ),
    suggestion="加宽单元格或缩小字号后重新导出，确认每个数字完整显示。",
)
def excel_overflow(doc: Disclosure) -> Iterator[Hit]:
    for piece in texts(doc):
        # judged line by line as printed: a heading mark opens a printed line, not a paragraph
        lines = piece.lines if piece.line_level else []
        evidence = [e for e in lines if _has_overflow(e.text)]
        if not evidence and not lines and _has_overflow(piece.text):
            evidence = evidence_for(piece, "##")
        if evidence:
            yield Hit(
                message="数字显示为“##”（单元格宽度不足，实际数字未显示）。",
                evidence=evidence[:3],
                expected="完整显示的数字",
                actual="##",
                where=piece.where,
            )
