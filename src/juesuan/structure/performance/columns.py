"""The indicator header (一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 |
权重 | 得分 | 原因): recognising it and naming its columns.  Shared by the self-evaluation
reader (:mod:`.indicators`) and the target reader (:mod:`.targets`).

A row is the header when its key holds all words of one of the catalog's ``header_sets``
(the 2020 form: ``header_alone``).  Each header cell names a column by the first catalog
``columns`` word it contains; a self-evaluation header may be split over two lines (“完成” /
“值”) or clipped to one character (“重”, “分”).  When the header lacks the name or value
columns, the default columns of the common Sichuan form are used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.catalog.performance import PerformanceLayout
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.rows import Row
from juesuan.structure.performance.words import nature, numeric_like, points
from juesuan.structure.textutil import contains_all, contains_any

#: Default header columns when a table prints none (the common Sichuan form): block label,
#: 一级, 二级, 三级指标, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析.
DEFAULT_COLUMNS = {
    "level1": 1,
    "level2": 2,
    "level3": 3,
    "nature": 4,
    "target": 5,
    "unit": 6,
    "actual": 7,
    "weight": 8,
    "score": 9,
    "reason": 10,
}
#: The block label 绩效指标（90分）, never a column.
INDICATOR_BLOCK_RE = re.compile(r"（9|90分")
#: Words of the second line of a header split over two lines.
CONTINUATION_WORDS = ("性质", "值", "单位", "原因", "分析", "析", "分）", "重", "分")


@dataclass(slots=True)
class IndicatorHeader:
    cols: dict[str, int]
    known: bool  # read from the table (not the default)

    @property
    def schema(self) -> list[str]:
        """The fields in column order."""
        return [f for f, _ in sorted(self.cols.items(), key=lambda kv: kv[1])]

    @property
    def scored(self) -> bool:
        return "weight" in self.cols or "score" in self.cols


def default_header() -> IndicatorHeader:
    return IndicatorHeader(dict(DEFAULT_COLUMNS), known=False)


def has_header_words(k: str, lay: PerformanceLayout) -> bool:
    """A row key holding all words of one of the header sets (一级 + 二级 …)."""
    for words in lay.indicator_header_sets:  # noqa: SIM110 - see contains_any
        if contains_all(k, words):
            return True
    return False


def is_indicator_header(row: Row, lay: PerformanceLayout) -> bool:
    """The header of a self-evaluation's indicators (the 2020 form's included)."""
    k = row.key
    if contains_any(k, lay.indicator_header_alone):
        return True
    return has_header_words(k, lay)


def column_name(k: str, lay: PerformanceLayout) -> str | None:
    """The column a header cell names: the first catalog ``columns`` word it contains."""
    for name, words in lay.columns:
        if contains_any(k, words):
            return name
    return None


def column_of(k: str, lay: PerformanceLayout) -> str | None:
    """The column a self-evaluation header cell names; clipped cells (“重”) too, never the
    block label 绩效指标（90分）."""
    if INDICATOR_BLOCK_RE.search(k):
        return None
    return column_name(k, lay) or lay.clipped_columns.get(k)


def header_continues(row: Row | None, lay: PerformanceLayout) -> bool:
    """``row`` is the second line of a header split over two lines."""
    if row is None or not row.cells:
        return False
    if any(nature(c.text) for c in row.cells):
        return False
    if any(numeric_like(c.text) for c in row.cells):
        return False
    return all(len(c.key) <= 8 for c in row.cells) and any(
        any(w in c.key for w in CONTINUATION_WORDS) for c in row.cells
    )


def header_cells(row: Row, nxt: Row | None, lay: PerformanceLayout) -> tuple[dict[int, str], int]:
    """(column → header key, rows consumed after ``row``): a header split over two lines
    has its second line complete the cells the first leaves unnamed (“完成” + “值”)."""
    by_col: dict[int, str] = {c.col: c.key for c in row.cells}
    if nxt is None or not header_continues(nxt, lay):
        return by_col, 0
    for c in nxt.cells:
        first = by_col.get(c.col, "")
        if column_of(first, lay) is None:
            by_col[c.col] = first + c.key
    return by_col, 1


def read_indicator_header(form: Form, row: Row, nxt: Row | None) -> int:
    """Read the header into ``form.ind_header``; the number of following rows it took."""
    lay = form.lay
    by_col, consumed = header_cells(row, nxt, lay)
    cols: dict[str, int] = {}
    for col, k in sorted(by_col.items()):
        name = column_of(k, lay)
        if name is not None and name not in cols:
            cols[name] = col
        if k in lay.clipped_columns:
            form.note("绩效指标表头被截断（如“重”“分”），分值可能缺首位", "indicators")
    form.ind_header = IndicatorHeader(cols, known=True)
    if "level3" not in cols or not ({"target", "actual"} & set(cols)):
        form.note("绩效指标表头不完整，按默认列读取", "indicators")
        form.ind_header = default_header()
    form.p.scored = form.ind_header.scored
    found = points([c.key for c in row.cells], ("指标",))
    if found is not None and found != 10:
        form.p.indicator_points = found
    return consumed
