"""JS403: codes have 3, 5 or 7 digits (economic: 3 or 5) and sit under their own 类 or 款."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import CLASSIFICATIONS, LEVELS, VALID_LENGTHS, Coded, coded_groups
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, rule


@rule(
    "JS403",
    applies_to=BOTH_KINDS,
    name="code-malformed",
    title="科目编码位数或层级不对",
    category=Category.CODES,
    severity=Severity.WARNING,
    rationale="""
支出功能分类科目的类、款、项编码分别为3、5、7位，款编码以所属类编码开头，项编码以所属款编码
开头；经济分类科目的类、款编码为3、5位。位数不对，或者一个款（项）印在别的类（款）下面，
通常是编码录入错误或表格行错位。
""",
    suggestion="核对编码位数及其所属的类、款。",
)
def code_malformed(doc: Disclosure) -> Iterator[Hit]:
    for rows in coded_groups(doc):
        present = {c.code for c in rows}
        current: dict[int, Coded] = {}  # the last printed code of each length
        label = table_label(rows[0].table)
        for c in rows:
            lengths = VALID_LENGTHS[c.kind]
            if len(c.code) not in lengths:
                yield Hit(
                    message=(
                        f"{label}中的编码{c.code}（{c.row.name}）为{len(c.code)}位，"
                        f"{CLASSIFICATIONS[c.kind]}的编码应为"
                        f"{'、'.join(str(n) for n in lengths)}位。"
                    ),
                    evidence=[c.row.evidence],
                    expected="/".join(f"{n}位" for n in lengths),
                    actual=f"{len(c.code)}位",
                    where=label,
                )
                continue
            index = lengths.index(len(c.code))
            if index > 0:
                parent_len = lengths[index - 1]
                parent = c.code[:parent_len]
                above = current.get(parent_len)
                if parent in present and above is not None and above.code != parent:
                    yield Hit(
                        message=(
                            f"{label}中的{LEVELS[len(c.code)]}{c.code}（{c.row.name}）"
                            f"印在{LEVELS[parent_len]}{above.code}（{above.row.name}）之下，"
                            f"应在{LEVELS[parent_len]}{parent}之下。"
                        ),
                        evidence=[c.row.evidence, above.row.evidence],
                        expected=f"属于{parent}",
                        actual=f"印在{above.code}下",
                        where=label,
                    )
            current[len(c.code)] = c
            for longer in lengths[index + 1 :]:
                current.pop(longer, None)
