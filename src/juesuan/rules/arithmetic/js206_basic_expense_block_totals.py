"""JS206: the 基本支出决算表's 人员经费合计 and 公用经费合计 equal their classes, and its 合计
equals both.
"""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Side, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.arithmetic._shared import identity_hit
from juesuan.rules.common import row_label
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, check_sum, t08_totals, t08_value, table_has_data


@rule(
    "JS206",
    name="basic-expense-block-totals",
    title="基本支出决算表人员经费/公用经费合计不等于各类之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
一般公共预算财政拨款基本支出决算表按经济分类列示人员经费（工资福利支出、对个人和家庭的
补助）和公用经费（商品和服务支出、资本性支出等）。“人员经费合计”应等于人员经费各类之和，
“公用经费合计”应等于公用经费各类之和，表中列有“合计”时应等于两者之和。不相等说明某一类
录错或漏列。
""",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为舍入"
    "误差（提示）；超出为错误。",
    suggestion="核对人员经费、公用经费合计与各类经济分类科目的金额。",
)
def basic_expense_totals(doc: Disclosure) -> Iterator[Hit]:
    table = doc.table(TableKind.T08)
    if table is None or not table_has_data(table):
        raise NotApplicable("没有含数据的一般公共预算财政拨款基本支出决算表")
    index = CodedIndex.build(table)
    if index.duplicated:
        return
    personnel, public, grand = t08_totals(table)
    classes = [index.by_code[c] for c in index.order if len(c) == 3]
    for total_row, side, label in (
        (personnel, Side.PERSONNEL, "人员经费合计"),
        (public, Side.PUBLIC, "公用经费合计"),
    ):
        parts = [r for r in classes if r.side == side]
        if total_row is None or not parts:
            continue
        res = check_sum(label, t08_value(total_row), [t08_value(r) for r in parts])
        if res is None:
            continue
        names = "、".join(row_label(r) for r in parts)
        yield identity_hit(table, "：", total_row, parts, res, f"各类（{names}）之和")
    if grand is not None and personnel is not None and public is not None:
        res = check_sum("合计", t08_value(grand), [t08_value(personnel), t08_value(public)])
        if res is not None:
            yield identity_hit(
                table, "：", grand, [personnel, public], res, "人员经费合计 + 公用经费合计"
            )
