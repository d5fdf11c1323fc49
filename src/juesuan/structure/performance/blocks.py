"""Which block of a self-evaluation form each row belongs to: the router between the spans and
the reading stages.

A form prints, in this order but each part optional: its header (项目名称, 主管部门/实施单位,
项目基本情况), the 预算执行情况 block (a header row, then fund rows), the 绩效指标 block (a
header row, then indicator rows), the 合计 row, and the closing texts (评价结论 …), ended by
the signature line (项目负责人).  :func:`blocks` walks the rows once, like a reader's eye: a
row is a header or label by what it says; any other row belongs to the block of the last
header seen.  It reads no values, so each :class:`Block` can go to its stage
(:mod:`.project` maps them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.catalog.performance import PerformanceLayout
from juesuan.structure.performance.budget import is_budget_header
from juesuan.structure.performance.columns import header_continues, is_indicator_header
from juesuan.structure.performance.fields import is_basic_header, is_units_row, parse_name
from juesuan.structure.performance.indicators import looks_like_indicator
from juesuan.structure.performance.rows import Row
from juesuan.structure.performance.totals import is_total_row, text_label
from juesuan.structure.performance.words import label_is

#: Block kinds, each read by one stage function (see :data:`.project.STAGES`).
NAME = "name"  # 项目名称
UNITS = "units"  # 主管部门 / 实施单位
BASIC = "basic"  # 项目基本情况: targets, results, implementation
BUDGET_HEADER = "budget_header"
BUDGET = "budget"  # a fund row
INDICATOR_HEADER = "indicator_header"  # ``follow``: its second line when split
INDICATORS_UNHEADED = "indicators_unheaded"  # the 绩效指标（90分） label: default columns
INDICATOR_GUESSED = "indicator_guessed"  # an indicator row where a header was expected
INDICATOR = "indicator"
TOTAL = "total"  # 合计
TEXT_LABEL = "text_label"  # 评价结论 / 存在问题 / 改进措施 and the text beside it
TEXT = "text"  # more of that text


# not frozen: a frozen dataclass stores each field through object.__setattr__, which costs
# several times a plain store, and a Block is made for every row of every form (none is
# ever changed)
@dataclass(slots=True)
class Block:
    kind: str
    row: Row
    field: str | None = None  # the closing text (TEXT_LABEL, TEXT)
    follow: Row | None = None  # the second line of a split indicator header


def blocks(rows: list[Row], lay: PerformanceLayout, titled: bool) -> Iterator[Block]:
    """The rows of a form with the block each belongs to (the title row skipped)."""
    state = "head"
    named = False
    text_field: str | None = None
    i = 1 if titled else 0  # the title row is the span's first
    while i < len(rows):
        row = rows[i]
        i += 1
        first = row.first
        k = row.key
        if label_is(first, lay.fields["name"]) and not named:
            named = bool(parse_name(row, lay)[1])  # an empty name lets a later one count
            yield Block(NAME, row)
        elif is_units_row(row, lay, at_head=state == "head"):
            yield Block(UNITS, row)
        elif first.startswith(lay.fields["signature"]):
            return  # the signature line ends the form
        elif (found := text_label(first, lay)) is not None:
            text_field = found
            state = "text"
            yield Block(TEXT_LABEL, row, found)
        elif is_total_row(first, lay):
            state = "total"
            yield Block(TOTAL, row)
        elif ("预算" in k or "年初" in k) and is_budget_header(row, lay):
            state = "budget"
            yield Block(BUDGET_HEADER, row)
        elif ("级" in k or "指标" in k) and is_indicator_header(row, lay):
            state = "indicators"
            nxt = rows[i] if i < len(rows) else None
            if header_continues(nxt, lay):
                i += 1
                yield Block(INDICATOR_HEADER, row, follow=nxt)
            else:
                yield Block(INDICATOR_HEADER, row)
        elif "目标" in k and is_basic_header(row, lay):
            state = "basic"
            yield Block(BASIC, row)
        elif state in ("head", "basic"):
            yield Block(BASIC, row)
        elif state == "budget":
            # a cell holding “（90” or “90分” puts “90” in the row's key: most rows have none
            if "90" in k and any("（90" in c.key or "90分" in c.key for c in row.cells):
                state = "indicators"
                yield Block(INDICATORS_UNHEADED, row)
            elif looks_like_indicator(row, lay):
                state = "indicators"
                yield Block(INDICATOR_GUESSED, row)
            else:
                yield Block(BUDGET, row)
        elif state == "indicators":
            yield Block(INDICATOR, row)
        elif state == "text" and text_field is not None:
            yield Block(TEXT, row, text_field)
