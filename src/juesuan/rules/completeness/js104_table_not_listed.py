"""JS104: every printed standard table is listed in the 目录."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, table_label
from juesuan.rules.engine import Hit, NotApplicable, rule


@rule(
    "JS104",
    name="table-not-listed",
    title="决算表未列入目录",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
目录（或附表清单）应列出正文中的每一张决算表，读者才能按目录查找。正文有而目录没有的表，
说明目录与正文不一致（目录漏列，或者表格放错了文件）。
""",
    suggestion="在目录中补列该表，或核对该表是否属于本单位。",
)
def table_not_listed(doc: Disclosure) -> Iterator[Hit]:
    if not doc.listed_tables:
        raise NotApplicable("目录没有列出决算表")
    if not doc.tables:
        raise NotApplicable("正文没有决算表")
    listed = set(doc.listed_tables)
    for table in doc.tables:
        if table.kind not in listed:
            yield Hit(
                message=(
                    f"正文有“{table.title or TABLE_NAMES[table.kind]}”，"
                    "目录（附表清单）中没有列出。"
                ),
                evidence=[table.evidence],
                expected="列入目录",
                actual="未列入",
                where=table_label(table),
            )
