"""JS521: the items listed for 人员经费 / 公用经费 (主要包括…) have money in the
basic-expenditure table."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative._descriptions import (
    NO_BASIC_TABLE,
    NO_LISTS,
    ListedItem,
    Zero,
    item_lists,
    other_block,
    read_all,
    where,
    words_list,
)

#: A list most of whose items are 0 in the table describes what 人员经费 / 公用经费 cover
#: (template wording), not the unit's spending: reported as a note only.
DEFINITION_SHARE = Decimal("0.5")


@rule(
    "JS521",
    applies_to=BOTH_KINDS,
    name="narrative-listed-item-zero",
    title="说明列为人员经费、公用经费主要内容的项目在基本支出表中为 0",
    category=Category.NARRATIVE,
    severity=Severity.WARNING,
    rationale="""
基本支出情况说明写明人员经费、公用经费“主要包括”哪些项目（基本工资、津贴补贴……；办公费、
印刷费……）。所列项目应是基本支出表（决算：一般公共预算财政拨款基本支出决算表；预算：财政拨款
或一般公共预算基本支出预算表）中有金额的经济分类科目。表中为 0 或未列示的项目写进说明，
多是照抄模板或上年文字未按本年数据删改（上海模板要求“不涉及的不列”）。项目名称按当年经济分类
科目名称及常见简称（catalog/descriptions.toml）对应到科目编码，对应不上的词不核对。
""",
    tolerance=(
        "表中印为 0（或未列示），且所属类的各款之和恰等于类合计（或各类之和恰等于合计）、"
        "或表以元为单位时为警告；各项之和与合计有尾差时，印为 0.00 万元的科目可能是"
        "不足 50 元的小额，只作提示；所列项目过半为 0（照录经费范围的模板文字）、文件年度的"
        "科目名称未经核实或表有读取疑问时也只作提示。"
    ),
    suggestion="删去说明中基本支出表为 0 的项目，或核对基本支出表是否漏填。",
)
def listed_item_zero(doc: Disclosure) -> Iterator[Hit]:
    lists = item_lists(doc, read_all(doc))
    if not any(lst.mapped for lst in lists):
        raise NotApplicable(NO_LISTS)
    checked = False
    for lst in lists:
        table = lst.table
        if table is None:
            continue
        checked = True
        zero: list[ListedItem] = []
        certain = False
        for item in lst.mapped:
            if other_block(item, lst.group, table):
                continue  # listed under the wrong block: JS522
            verdicts = [table.zero(code) for code in item.codes]
            if all(v in (Zero.CERTAIN, Zero.LIKELY) for v in verdicts):
                zero.append(item)
                certain = certain or all(v is Zero.CERTAIN for v in verdicts)
        if not zero:
            continue
        codes = [c for item in zero for c in item.codes]
        shown = "、".join(table.describe(c) for c in codes)
        s = lst.statement
        notes: list[str] = []
        if not certain:
            notes.append("表中各项之和与合计有尾差，印为 0.00 的科目可能有不足 50 元的小额")
        if len(zero) > len(lst.mapped) * DEFINITION_SHARE:
            notes.append(f"所列项目多数为 0，像是照录了{lst.group_name}的范围而非本单位的构成")
        if not lst.established:
            notes.append("文件年度的经济分类科目名称未经核实")
        if table.table.doubts:
            notes.append("表的读取有疑问")
        note = f"；{'，'.join(notes)}，仅作提示" if notes else ""
        yield Hit(
            message=(
                f"{where(doc, s)}称{lst.group_name}主要包括{words_list(i.word for i in zero)}，"
                f"但{table.label}中{'这些项目' if len(zero) > 1 else '该项目'}为 0"
                f"（{shown}）{note}。"
            ),
            evidence=[s.evidence, *table.evidence(codes)],
            expected="0",
            actual="、".join(i.word for i in zero),
            severity=Severity.INFO if notes else Severity.WARNING,
            where=where(doc, s),
        )
    if not checked:
        raise NotApplicable(NO_BASIC_TABLE)
