"""Stage 5, indicators: the rows of 绩效指标 in a self-evaluation form.

A row is anchored on its 指标性质 cell (=, ≥, ≤, 定性 … in any printed form): the cells before
it are the levels and the name (三级指标), the cells after it the values (placed by
:mod:`.placement`: target, unit, actual, weight, score, reason).  Without a 指标性质 cell the
first number starts the values (or, in forms without weights, the first cell right of the
name column).  Levels not printed on a row are carried over from the row above (merged
cells); a row without values continues the row above (a name or level split over lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.catalog.performance import PerformanceLayout, key
from juesuan.model.performance import Cell, Indicator, Nature
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.levels import carried_level1, level_names
from juesuan.structure.performance.placement import place_values
from juesuan.structure.performance.rows import Row, RowCell, join_cells, value_cell
from juesuan.structure.performance.words import (
    block_label,
    clean_text,
    fuzzy,
    nature,
    numeric_like,
    split_comparator,
)
from juesuan.structure.textutil import halfwidth, parse_amount, squash

MEASURE_RE = re.compile(r"^([-−]?\d[\d,，]*(?:\.\d+)?)(%|％)?(.{0,10})$")


@dataclass(slots=True)
class Printed:
    """What an indicator row printed itself (not carried over from the row above)."""

    level1: bool
    level2: bool
    cols: dict[str, int]  # field → column of the cell it came from


def measure(c: RowCell) -> tuple[Cell, Nature | None, str | None]:
    """A target or result: optional comparator, number, optional unit ("不少于3个", "》=90%")."""
    nature_, comparator, t = split_comparator(halfwidth(squash(c.text)))
    m = MEASURE_RE.match(t)
    if m is None:
        return c.cell(), nature_, comparator
    value = parse_amount(m.group(1))
    return c.cell(value, bool(m.group(2))), nature_, comparator


def measure_unit(c: RowCell) -> str | None:
    """The unit printed inside a target such as “6个” or “32.35万元”."""
    m = MEASURE_RE.match(halfwidth(squash(c.text)).lstrip("≥≤=<>》《不少低高超过于"))
    if m is None:
        return None
    return (m.group(2) or "") + m.group(3) or None


def looks_like_indicator(row: Row, lay: PerformanceLayout) -> bool:
    """An indicator row where a header was expected: a 指标性质 or second-level cell."""
    for c in row.cells:  # a plain loop: a generator per row costs more
        if nature(c.text):
            return True
    return any(c.key in lay.level2 for c in row.cells[:2])


def split_row(
    form: Form, cells: list[RowCell]
) -> tuple[list[RowCell], list[RowCell], RowCell | None] | None:
    """(cells before the values, the values, the 指标性质 cell); None for a row without
    values (it continues the row above)."""
    for ni, c in enumerate(cells):  # a plain loop: a generator per row costs more
        if nature(c.text):
            return cells[:ni], cells[ni + 1 :], c
    header = form.ind_header
    if header is not None and header.known and not header.scored:
        # forms without weights (2020): the header's columns place the cells
        name_col = header.cols.get("level3", 0)
        vi = next((i for i, c in enumerate(cells) if c.col > name_col), len(cells))
        if vi == len(cells):
            return None
        return cells[:vi], cells[vi:], None
    found = next((i for i, c in enumerate(cells) if numeric_like(c.text)), None)
    if found is None:
        return None
    return cells[:found], cells[found:], None


def read_indicator(form: Form, row: Row) -> None:
    lay = form.lay
    cells = [
        c
        for c in row.cells
        if not block_label(c.key, c.text, lay.indicator_block_words, lay.indicator_block_exact)
    ]
    if not cells:
        return
    split = split_row(form, cells)
    if split is None:
        continuation(form, cells)
        return
    pre, values, nature_cell = split
    level1, level2, name, level_cols = row_levels(form, pre)
    if (name is not None and key(name) in ("指标",)) or (
        name is None and nature_cell is None and len(values) < 3
    ):
        form.note(f"跳过无法识别的指标行：{row.evidence.text[:40]}", "indicators")
        return
    ind = Indicator(level1=None, level2=None, name=name, evidence=row.evidence)
    if nature_cell is not None:
        ind.nature = nature(nature_cell.text)
        ind.nature_text = nature_cell.text
    placed = place_values(form, values, nature_cell, name_col=level_cols.get("level3"))
    cols: dict[str, int] = dict(level_cols)
    qualitative = ind.nature is Nature.QUALITATIVE
    if qualitative and "target" not in placed and "unit" in placed and "actual" in placed:
        placed["target"] = placed.pop("unit")  # 定性: the grade scale sits left of the result
    for f, c in placed.items():
        cols[f] = c[0].col
        if f in ("target", "actual"):
            cell, comparator_nature, comparator = measure(c[0])
            if len(c) > 1:
                cell.text += "".join(x.text for x in c[1:])
            setattr(ind, f, cell)
            if f == "target" and ind.nature is None and comparator_nature is not None:
                ind.nature, ind.nature_text = comparator_nature, comparator
            if f == "target" and "unit" not in placed:
                unit = measure_unit(c[0])
                if unit:
                    ind.unit = Cell(text=unit, line=cell.line, page=cell.page)
        elif f in ("weight", "score"):
            setattr(ind, f, value_cell(c[0]))
        else:
            setattr(ind, f, join_cells(c))
    # levels: printed, implied by the second level, or carried from the row above
    prev = form.p.indicators[-1] if form.p.indicators else None
    above = prev.level1 if prev else form.pending_level1
    ind.level1 = carried_level1(level1, level2, above, lay)
    if level2 is not None:
        ind.level2 = level2
    elif prev is not None and (level1 is None or level1 == prev.level1):
        ind.level2 = prev.level2
    form.printed[id(ind)] = Printed(level1 is not None, level2 is not None, cols)
    form.p.indicators.append(ind)


def row_levels(
    form: Form, pre: list[RowCell]
) -> tuple[str | None, str | None, str | None, dict[str, int]]:
    """(first level, second level, name, field → column) of the cells before the values:
    the last is the name (三级指标) unless it is a second-level name itself."""
    lay = form.lay
    cols: dict[str, int] = {}
    if not pre:
        return None, None, None, cols
    name_cell: RowCell | None = pre[-1]
    scan = pre[:-1]
    assert name_cell is not None
    if name_cell.key in lay.level2 and (len(pre) == 1 or fuzzy(pre[-2].key, lay.level1)):
        scan = pre
        name_cell = None
    level1: str | None = None
    level2: str | None = None
    matches = [(c, *level_names(c.key, lay)) for c in scan]
    prev = form.p.indicators[-1] if form.p.indicators else None
    for i, (c, l1, l2) in enumerate(matches):
        if l1 and l2:
            # 满意度指标, 成本指标 name both levels: a first level when a second level
            # follows it, else the header column it sits in decides, else the row above
            header = form.ind_header
            header_cols = header.cols if header is not None and header.known else {}
            if any(m[2] for m in matches[i + 1 :]):  # a second level follows
                as_level1 = level1 is None
            elif c.col == header_cols.get("level1"):
                as_level1 = True
            elif c.col == header_cols.get("level2"):
                as_level1 = False
            else:
                as_level1 = level1 is None and (prev is None or prev.level1 != l1)
            if as_level1:
                l2 = None
            else:
                l1 = None
        if l1 and level1 is None and level2 is None:
            level1 = l1
            cols["level1"] = c.col
        elif l2 and level2 is None:
            level2 = l2
            cols["level2"] = c.col
        else:
            form.note(f"未识别的指标单元格：{c.text}", None)
    name = None
    if name_cell is not None:
        name = clean_text(name_cell.text)
        cols["level3"] = name_cell.col
    return level1, level2, name, cols


def continuation(form: Form, cells: list[RowCell]) -> None:
    """A row without values: the rest of split cells of the row above."""
    lay = form.lay
    prev = form.p.indicators[-1] if form.p.indicators else None
    if prev is None:
        for c in cells:
            l1 = fuzzy(c.key, lay.level1)
            if l1 and len(c.key) >= 2:
                form.pending_level1 = l1
        return
    printed = form.printed.get(id(prev))
    merged = False
    for c in cells:
        k = c.key
        l1, l2 = level_names(k, lay, clipped_min=2)
        if k in lay.texts["fragments"]:
            continue
        if any(lv and lv.endswith(k) and len(k) <= 3 for lv in (prev.level1, prev.level2)):
            continue
        if prev.unit is not None and k == key(prev.unit.text):
            continue
        if l1 and printed is not None and not printed.level1 and l1 != prev.level1:
            prev.level1 = l1
            merged = True
            continue
        replaces = prev.level2 is None or (l2 is not None and l2.startswith(prev.level2))
        if l2 and l2 != prev.level2 and (replaces or not (printed and printed.level2)):
            prev.level2 = l2
            if prev.level1 is None or (printed and not printed.level1):
                prev.level1 = lay.level1_of.get(l2, prev.level1)
            merged = True
            continue
        target = nearest_field(prev, c.col, printed)
        if target is None:
            continue
        merged = True
        if target == "name":
            text = clean_text(c.text)
            if prev.name and key(text).startswith(key(prev.name)):
                prev.name = text
            else:
                prev.name = (prev.name or "") + text
        else:
            cell = getattr(prev, target)
            if cell is None:
                setattr(prev, target, c.cell())
            else:
                cell.text += c.text
    if merged:
        form.note("指标行跨行，已合并续行", None)


def nearest_field(ind: Indicator, col: int, printed: Printed | None) -> str | None:
    """The field of the row above a continuation cell in column ``col`` belongs to."""
    if printed is None:
        return "name"
    candidates = {
        "name": printed.cols.get("level3"),
        "target": printed.cols.get("target"),
        "actual": printed.cols.get("actual"),
        "reason": printed.cols.get("reason"),
    }
    best: str | None = None
    best_d = 99
    for f, c in candidates.items():
        if c is None:
            continue
        d = abs(c - col)
        if d < best_d:
            best, best_d = f, d
    if best is None:
        return "name" if ind.name is not None else None
    last = max(v for v in printed.cols.values())
    if col > last:
        return "reason"
    return best
