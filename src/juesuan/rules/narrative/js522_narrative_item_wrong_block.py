"""JS522: an item listed for 人员经费 that is 公用经费 (or the other way round)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative._descriptions import (
    GROUP_NAMES,
    NO_LISTS,
    ListedItem,
    convention_group,
    item_lists,
    other_block,
    read_all,
    where,
    words_list,
)


@rule(
    "JS522",
    applies_to=BOTH_KINDS,
    name="narrative-item-wrong-block",
    title="说明把公用经费的项目列为人员经费（或反之）",
    category=Category.NARRATIVE,
    severity=Severity.WARNING,
    rationale="""
人员经费是工资福利支出（301）和对个人和家庭的补助（303），公用经费是商品和服务支出（302）、
资本性支出（310）等其余经济分类科目。基本支出情况说明在人员经费下列出办公费、差旅费等商品和
服务支出，或在公用经费下列出基本工资、退休费等，是把两类经费的内容写混了。基本支出表把某科目
列在哪一栏（人员经费/公用经费）时以表为准：表与惯例不一致的科目不报告。
""",
    tolerance="只报告按惯例和按基本支出表都属于另一类经费的项目；对应不上科目编码的词不核对。",
    suggestion="把该项目移到它所属的人员经费或公用经费下。",
)
def item_wrong_block(doc: Disclosure) -> Iterator[Hit]:
    lists = item_lists(doc, read_all(doc))
    if not any(lst.mapped for lst in lists):
        raise NotApplicable(NO_LISTS)
    for lst in lists:
        table = lst.table
        wrong: list[ListedItem] = [i for i in lst.mapped if other_block(i, lst.group, table)]
        if not wrong:
            continue
        other = GROUP_NAMES[convention_group(wrong[0].codes[0])]
        codes = "、".join(f"{i.word}（{'/'.join(i.codes)}）" for i in wrong)
        s = lst.statement
        words = words_list(i.word for i in wrong)
        in_table = ""
        if table is not None and any(c in table.groups for i in wrong for c in i.codes):
            in_table = f"，{table.label}也将其列在{other}栏"
        yield Hit(
            message=(
                f"{where(doc, s)}在{lst.group_name}的主要内容中列出{words}，"
                f"但{codes}属于{other}{in_table}。"
            ),
            evidence=[
                s.evidence,
                *(table.evidence(c for i in wrong for c in i.codes) if table else []),
            ],
            expected=other,
            actual=lst.group_name,
            severity=Severity.WARNING if lst.established else Severity.INFO,
            where=where(doc, s),
        )
