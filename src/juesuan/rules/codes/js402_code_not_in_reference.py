"""JS402: each printed code is in the reference lists (a 类 always; others as information)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import CLASSIFICATIONS, VALID_LENGTHS, Coded, code_list, coded_rows
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule


@rule(
    "JS402",
    applies_to=BOTH_KINDS,
    name="code-not-in-reference",
    title="科目编码未在参考目录中",
    category=Category.CODES,
    severity=Severity.INFO,
    rationale="""
juesuan 附带的科目参考目录只收录了能够确认的科目（全部“类”和常见的“款”“项”），目录之外的
编码不一定有错，但值得核对：编码是否存在于当年的《政府收支分类科目》，是否写错了位数字。
“类”的目录是完整的，不在其中的“类”编码一定有误，报告为警告。
""",
    suggestion="对照当年《政府收支分类科目》核对该编码。",
)
def code_not_in_reference(doc: Disclosure) -> Iterator[Hit]:
    coded = coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    unknown: dict[tuple[str, str], list[Coded]] = {}
    for c in coded:
        if len(c.code) not in VALID_LENGTHS[c.kind]:
            continue  # JS403
        if c.code not in code_list(c.kind).names:
            unknown.setdefault((c.kind, c.code), []).append(c)
    for (kind, code), rows in unknown.items():
        codes = code_list(kind)
        name = rows[0].row.name
        tables = "、".join(dict.fromkeys(table_label(c.table) for c in rows))
        is_class = len(code) == 3 and kind == "functional"
        if is_class:
            message = (
                f"{tables}中的{code}（{name}）不是{CLASSIFICATIONS[kind]}的“类”"
                f"（{codes.year}年科目的类编码为201–234中的29个）。"
            )
        else:
            message = (
                f"{tables}中的{CLASSIFICATIONS[kind]}{code}（{name}）未在参考目录中"
                f"（参考目录为{codes.year}年版的部分科目），请核对编码。"
            )
        yield Hit(
            message=message,
            evidence=[c.row.evidence for c in rows],
            expected="参考目录中的编码",
            actual=code,
            severity=Severity.WARNING if is_class else None,
            where=table_label(rows[0].table),
        )
