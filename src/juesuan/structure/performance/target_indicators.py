"""The indicators of a target form: 一级/二级/三级指标 and the planned 指标值, no results and no
scores.

Rows are placed by the header's columns (:mod:`.columns`; a cell between columns belongs to
the nearest column to its left).  The first- and second-level cells are merged over many rows
and printed in the middle of their block, so in a PDF a row takes the level cell whose box
covers it; without geometry the level printed above is carried down (and the first rows take
the first level printed, marked ``levels_inferred``).  A 指标值 that is a measure gives its
operator, number and unit (:func:`parse_measure`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.performance import Cell, Nature, TargetIndicator
from juesuan.structure.performance.columns import column_name
from juesuan.structure.performance.form import TargetForm
from juesuan.structure.performance.levels import carried_level1, glued_levels, level_names
from juesuan.structure.performance.rows import Row, RowCell
from juesuan.structure.performance.words import (
    clean_text,
    nature,
    number,
    numeric_like,
    split_comparator,
)
from juesuan.structure.textutil import halfwidth, parse_amount, squash

#: A measure: number, then an optional unit, bare or in brackets (“13459.00(平方米)”, “90%”).
MEASURE = re.compile(
    r"^([-−]?\d[\d,]*(?:\.\d+)?)(?:[(（]([^()（）\d]{1,8})[)）]|([^()（）\d]{0,4}))$"
)
#: Cells of the indicator block that name nothing.
BLOCK_WORDS = ("绩效", "指标")


def parse_measure(text: str) -> tuple[Nature | None, str | None, Decimal, str | None] | None:
    """(operator, operator as printed, number, unit) of a 指标值 that is a measure, else None.

    “≥13459.00(平方米)” → (≥, “≥”, 13459.00, 平方米); “不低于50%” → (≥, “不低于”, 50, %);
    “90.00(度)” → (None, None, 90.00, 度); “满意率100%” and “居民区全覆盖” → None (text).
    """
    operator, printed, t = split_comparator(halfwidth(squash(text)))
    m = MEASURE.match(t)
    if m is None:
        return None
    amount = parse_amount(m.group(1))
    if amount is None:
        return None
    unit = m.group(2) or m.group(3) or None
    return operator, printed, amount, unit


@dataclass(slots=True)
class LevelCell:
    """A level name printed with its box: it covers the rows beside it (a merged cell)."""

    level: int  # 1 or 2
    name: str
    page: int | None
    top: float
    bottom: float


def read_indicator_header(form: TargetForm, row: Row) -> None:
    cols: dict[str, int] = {}
    for c in row.cells:
        name = column_name(c.key, form.lay)
        if name is not None and name not in cols:
            cols[name] = c.col
    form.ind_cols = cols
    if "target" not in cols:
        form.doubt("绩效指标表头没有“指标值”列，按位置读取")


def levels_in(form: TargetForm, c: RowCell) -> tuple[str | None, str | None]:
    """(level 1, level 2) a cell names: one of them, both glued, or neither."""
    l1, l2 = level_names(c.key, form.lay, clipped_min=3)
    if l1 and l2:
        # 满意度指标 / 成本指标 name both levels: the column decides
        if c.col == form.ind_cols.get("level2"):
            return None, l2
        return l1, None
    if l1 or l2:
        return l1, l2
    return glued_levels(c.key, form.lay)


def field_at(cols: dict[str, int], col: int) -> str | None:
    """The header field of a column: exact, else the nearest header column to its left."""
    if not cols:
        return None
    for f, c in cols.items():
        if c == col:
            return f
    left = [(c, f) for f, c in cols.items() if c <= col]
    return max(left)[1] if left else None


def read_indicator(form: TargetForm, row: Row) -> None:
    level1: str | None = None
    level2: str | None = None
    by_field: dict[str, list[RowCell]] = {}
    block_labels = form.tlay.fields["block_labels"]
    for c in row.cells:
        if c.key in block_labels or c.key in BLOCK_WORDS:
            continue
        f = field_at(form.ind_cols, c.col)
        if f in ("level1", "level2") or f is None:
            l1, l2 = levels_in(form, c)
            if not (l1 or l2) and f is not None:
                # a level name the catalog does not know: kept as printed
                text = clean_text(c.text)
                l1, l2 = (text, None) if f == "level1" else (None, text)
                form.note(f"未识别的指标层级名称：{text}")
            if l1 or l2:
                level1 = level1 or l1
                level2 = level2 or l2
                remember_level(form, c, l1, l2)
            continue
        if f in ("actual", "score", "reason"):
            form.note(f"目标表中出现{f}列的单元格：{c.text[:20]}")
            continue
        by_field.setdefault(f, []).append(c)
    name_cells = by_field.get("level3", [])
    value_cells = by_field.get("target", [])
    t = form.t
    if not name_cells and not value_cells:
        if level1 or level2:  # a merged level cell printed on a line of its own
            form.pending_levels = (level1, level2)
        return
    if not name_cells and t.indicators and value_cells:
        # the rest of the row above (a value split over two lines)
        prev = t.indicators[-1]
        if prev.value is not None:
            prev.value.text += "".join(c.text for c in value_cells)
            parse_value(prev)
            form.note("指标值跨行，已合并续行")
            return
    name = clean_text("".join(c.text for c in name_cells)) if name_cells else None
    ind = TargetIndicator(level1=None, level2=None, name=name, evidence=row.evidence)
    if value_cells:
        first = value_cells[0]
        ind.value = Cell(
            text="".join(c.text for c in value_cells).strip(),
            line=first.line.line,
            page=first.line.page,
            bbox=first.bbox,
        )
    printed_nature = by_field.get("nature")
    if printed_nature:
        operator = nature(printed_nature[0].text)
        if operator is not None and operator is not Nature.QUALITATIVE:
            ind.operator, ind.operator_text = operator, printed_nature[0].text.strip()
    unit = by_field.get("unit")
    if unit:
        ind.unit = unit[0].text.strip()
    weight = by_field.get("weight")
    if weight and numeric_like(weight[0].text):
        ind.weight = weight[0].cell(*number(weight[0].text))
    parse_value(ind)
    if form.pending_levels is not None:
        level1 = level1 or form.pending_levels[0]
        level2 = level2 or form.pending_levels[1]
        form.pending_levels = None
    form.printed_levels[id(ind)] = (level1, level2)
    box = row.line.bbox
    form.row_boxes[id(ind)] = (row.line.page, (box[1] + box[3]) / 2) if box is not None else None
    t.indicators.append(ind)


def parse_value(ind: TargetIndicator) -> None:
    """Operator, number and unit of the indicator's 指标值, when it is a measure."""
    if ind.value is None or not ind.value.text.strip():
        return
    parsed = parse_measure(ind.value.text)
    if parsed is None:
        return
    operator, printed, amount, unit = parsed
    if operator is not None:
        ind.operator, ind.operator_text = operator, printed
    ind.number = amount
    ind.value.value = amount
    ind.value.percent = unit in ("%", "％")
    if unit and not ind.unit:
        ind.unit = unit


def remember_level(form: TargetForm, c: RowCell, l1: str | None, l2: str | None) -> None:
    if c.bbox is None:
        return
    for level, name in ((1, l1), (2, l2)):
        if name:
            form.level_cells.append(LevelCell(level, name, c.line.page, c.bbox[1], c.bbox[3]))


def covering(cells: list[LevelCell], level: int, where: tuple[int | None, float]) -> str | None:
    """The name of the level cell whose box covers the middle of a row."""
    page, y = where
    for lc in cells:
        if lc.level == level and lc.page == page and lc.top <= y <= lc.bottom:
            return lc.name
    return None


def place_levels(form: TargetForm) -> None:
    """Each indicator's levels: printed on its row, else the merged cell whose box covers
    the row (PDF), else carried down from the row above."""
    lay = form.lay
    last1: str | None = None
    last2: str | None = None
    pending: list[TargetIndicator] = []  # rows above the first printed level
    for ind in form.t.indicators:
        p1, p2 = form.printed_levels.get(id(ind), (None, None))
        where = form.row_boxes.get(id(ind))
        if where is not None:
            p1 = p1 or covering(form.level_cells, 1, where)
            p2 = p2 or covering(form.level_cells, 2, where)
        l1 = carried_level1(p1, p2, last1, lay)
        l2 = p2
        if l2 is None and last2 is not None and lay.level1_of.get(last2) in (None, l1):
            l2 = last2
        ind.level1, ind.level2 = l1, l2
        if l1 is None and l2 is None:
            pending.append(ind)
        last1, last2 = l1, l2
    if pending:
        first = next((i for i in form.t.indicators if i.level1 or i.level2), None)
        for ind in pending:
            if first is not None:
                ind.level1, ind.level2 = first.level1, first.level2
            ind.levels_inferred = True
        form.note("部分指标没有印出一级、二级指标，按下方的合并单元格推定")
