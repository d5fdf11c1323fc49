"""JS405: a code printed wrong on one row, where its name and amount say which code it is."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import coded_rows
from juesuan.rules.codes._typos import describe, find_typos
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule


@rule(
    "JS405",
    applies_to=BOTH_KINDS,
    name="code-typo",
    title="科目编码疑似录错",
    category=Category.CODES,
    severity=Severity.ERROR,
    rationale="""
科目编码录错一位或两位数字颠倒（如把2080505印成2080550），名称和金额却仍是原科目的：读者按
编码找不到该科目，按编码汇总、核对的人会把这笔钱记到别的科目。审核人据以下几条判断编码录错，
本规则报告其中能从文件和当年科目表得到证实的：另一张表中同一名称、同一金额印在另一编码下
（两个编码各只出现在一张表里）；印出的名称是当年科目表中相邻编码（同一款下、或只差一位数字、
或两位数字颠倒）的标准名称，而印出的编码不是当年的科目；该行印在某款（类）之下而编码不属于
它，本款（类）的金额恰好等于其下各行含本行之和。表格读取有疑问、依据的科目表条目未经确认时
只作提示；文件年度不在参考目录确立的年度之内时降低一级。
""",
    tolerance="金额须完全相同（同一金额）；“相邻编码”：只差一位数字、相邻两位颠倒，或同一款（类）下。",
    suggestion="按名称和金额核对该行的科目编码，改为正确的编码。",
)
def code_typo(doc: Disclosure) -> Iterator[Hit]:
    if not coded_rows(doc):
        raise NotApplicable("没有带科目编码的表格行")
    for t in find_typos(doc):
        yield Hit(
            message=describe(t),
            evidence=[t.place.row.evidence, *t.witnesses],
            expected=t.expected,
            actual=t.place.code,
            severity=t.severity,
            where=table_label(t.place.table),
        )
