"""JS404: an item (款) is printed with the 款 (类) above it when its siblings are."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import LEVELS, VALID_LENGTHS, coded_groups
from juesuan.rules.codes._typos import typo_rows
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, rule


@rule(
    "JS404",
    applies_to=BOTH_KINDS,
    name="code-parent-missing",
    title="科目缺少上级类/款行",
    category=Category.CODES,
    severity=Severity.INFO,
    rationale="""
按科目列示的决算表应逐级列出类、款、项，各级金额才能逐级核对。同一张表里别的项都列出了所属
的款（别的款都列出了所属的类），个别项（款）却缺少上级行，多半是漏了一行。
""",
    suggestion="补列缺少的类、款行及其金额。",
)
def code_parent_missing(doc: Disclosure) -> Iterator[Hit]:
    groups = coded_groups(doc)
    typos = typo_rows(doc)
    for rows in groups:
        present = {c.code for c in rows}
        for length in (5, 7):
            children = [c for c in rows if len(c.code) == length]
            if not children:
                continue
            lengths = VALID_LENGTHS[children[0].kind]
            if length not in lengths:
                continue
            parent_len = lengths[lengths.index(length) - 1]
            orphans = [c for c in children if c.code[:parent_len] not in present]
            if not orphans or len(orphans) == len(children):
                continue  # all have their parent, or the table lists this level alone
            for c in orphans:
                if (c.group, c.code) in typos:
                    continue  # JS405: the code is mistyped
                parent = c.code[:parent_len]
                label = table_label(c.table)
                yield Hit(
                    message=(
                        f"{label}列有{LEVELS[length]}{c.code}（{c.row.name}），没有所属的"
                        f"{LEVELS[parent_len]}{parent}行，而同表其他{LEVELS[length]}"
                        "都列出了上级行。"
                    ),
                    evidence=[c.row.evidence],
                    expected=f"{LEVELS[parent_len]}{parent}行",
                    actual="缺失",
                    where=label,
                )
