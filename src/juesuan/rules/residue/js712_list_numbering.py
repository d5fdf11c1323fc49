"""JS712: list items of a section are numbered 1, 2, 3… without gaps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure, Paragraph
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import section_label

_LIST_ITEM = re.compile(r"^(?:[（(](\d{1,2})[）)]|(\d{1,2})[.．、](?!\d))")


@rule(
    "JS712",
    applies_to=BOTH_KINDS,
    name="list-numbering",
    title="序号不连续",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "同一节中的编号（1. 2. 3. 或（1）（2）（3））应从1开始连续排列，"
        "跳号或重号是遗漏或复制的痕迹。"
    ),
    suggestion="检查是否漏写或重复了条目，并重新编号。",
)
def list_numbering(doc: Disclosure) -> Iterator[Hit]:
    # Items of one style in one section, in reading order.
    runs: dict[tuple[str | None, str | None, str], list[tuple[int, Paragraph]]] = {}
    for p in doc.paragraphs:
        m = _LIST_ITEM.match(p.text.lstrip())
        if not m:
            continue
        style = "paren" if m.group(1) else "dot"
        number = int(m.group(1) or m.group(2))
        runs.setdefault((p.part, p.section, style), []).append((number, p))
    for items in runs.values():
        previous: int | None = None
        for number, p in items:
            if previous is not None and number != previous + 1 and number != 1:
                yield Hit(
                    message=f"编号由“{previous}”跳到“{number}”，应为“{previous + 1}”。",
                    evidence=[p.evidence],
                    expected=str(previous + 1),
                    actual=str(number),
                    severity=Severity.INFO if doc.source.format == "pdf" else None,
                    where=section_label(p),
                )
            previous = number
