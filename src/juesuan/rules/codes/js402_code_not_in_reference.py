"""JS402: each printed code is in the year's reference list (a 类 always; others as
information)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import (
    CLASSIFICATIONS,
    VALID_LENGTHS,
    Coded,
    code_list,
    coded_rows,
    other_years_names,
    years_text,
)
from juesuan.rules.codes._typos import typo_rows
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
juesuan 附带的科目参考目录按年度收录（2018–2024年），只收录了全部“类”和常见的“款”“项”，
目录之外的编码不一定有错，但值得核对：编码是否存在于当年的《政府收支分类科目》，是否写错了
位数字，是否是已停用的旧科目。“类”的目录是完整的，不在当年目录中的“类”编码一定有误，报告
为警告。编码录错而名称、金额仍是原科目的行由 JS405 报告，本规则不重复报告。
""",
    suggestion="对照当年《政府收支分类科目》核对该编码。",
)
def code_not_in_reference(doc: Disclosure) -> Iterator[Hit]:
    coded = coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    typos = typo_rows(doc)
    unknown: dict[tuple[str, str], list[Coded]] = {}
    for c in coded:
        if len(c.code) not in VALID_LENGTHS[c.kind] or (c.group, c.code) in typos:
            continue  # JS403, JS405
        if c.code not in code_list(c.kind, doc).names:
            unknown.setdefault((c.kind, c.code), []).append(c)
    for (kind, code), rows in unknown.items():
        codes = code_list(kind, doc)
        name = rows[0].row.name
        tables = "、".join(dict.fromkeys(table_label(c.table) for c in rows))
        is_class = len(code) == 3 and kind == "functional"
        classes = sorted(c for c in codes.names if len(c) == 3 and c.startswith("2"))
        other_years = sorted(y for ys in other_years_names(kind, code).values() for y in ys)
        if is_class:
            message = (
                f"{tables}中的{code}（{name}）不是{CLASSIFICATIONS[kind]}的“类”"
                f"（{codes.year}年科目的类编码为{classes[0]}–{classes[-1]}中的{len(classes)}个）。"
            )
        elif other_years:
            message = (
                f"{tables}中的{CLASSIFICATIONS[kind]}{code}（{name}）只见于"
                f"{years_text(other_years)}的科目，不在{codes.year}年的参考目录中，请核对编码。"
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
            severity=Severity.WARNING if is_class and codes.established else None,
            where=table_label(rows[0].table),
        )
