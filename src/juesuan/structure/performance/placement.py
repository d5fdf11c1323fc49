"""Which value cell of an indicator row is which column: target, unit, actual, weight, score,
reason.

When the header gives the columns and the row lines up with it (its 指标性质 or name cell in
the header's column, shifted alike), positions decide (:func:`place_positional`); otherwise
the cell types do (:func:`place_typed`): the last two numbers are weight and score, the words
after them the reason, the cells before them target, unit and actual.
"""

from __future__ import annotations

import re

from juesuan.model.performance import Nature
from juesuan.structure.performance.columns import IndicatorHeader, default_header
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.rows import RowCell
from juesuan.structure.performance.words import dash, nature, number, numeric_like

DIGIT_RE = re.compile(r"\d")
BASE_FIELDS = ("target", "unit", "actual", "weight", "score", "reason")

Placed = dict[str, list[RowCell]]


def place_values(
    form: Form, values: list[RowCell], nature_cell: RowCell | None, name_col: int | None
) -> Placed:
    header = form.ind_header or default_header()
    # the header's fields are asked for by name (weight, score, unit are BASE_FIELDS): no
    # schema in column order needs sorting for every row
    cols = header.cols
    if not header.scored or "weight" not in cols or "score" not in cols:
        return place_positional(values, nature_cell, name_col, header) or {}
    if header.known and (nature_cell is not None or name_col is not None):
        placed = place_positional(values, nature_cell, name_col, header)
        if placed is not None:
            return placed
    if nature_cell is None and len(values) < 4:
        # too few cells for target, actual, weight and score: the row lost columns
        form.note(
            f"指标行缺列，只读取指标值和完成值：{values[0].line.text.strip()[:40]}",
            "indicators",
        )
        out: Placed = {"target": [values[0]]}
        if len(values) >= 2:
            out["actual"] = [values[-1]]
        if len(values) == 3 and not numeric_like(values[1].text):
            out["unit"] = [values[1]]
        return out
    return place_typed(form, values, nature_cell, "unit" in cols)


def place_positional(
    values: list[RowCell],
    nature_cell: RowCell | None,
    name_col: int | None,
    header: IndicatorHeader,
) -> Placed | None:
    """Each value under the header column it lines up with; None when the row does not line
    up (a cell between columns, a word where a number belongs, a number past the score)."""
    cols = header.cols
    if nature_cell is not None and "nature" in cols:
        offset = nature_cell.col - cols["nature"]
    elif name_col is not None and "level3" in cols:
        offset = name_col - cols["level3"]
    elif values and "target" in cols:
        offset = values[0].col - cols["target"]
    else:
        return None
    by_col = {col + offset: f for f, col in cols.items() if f in BASE_FIELDS}
    last = max(by_col) if by_col else -1
    out: Placed = {}
    for c in values:
        f = by_col.get(c.col)
        if f is None:
            if c.col > last and "reason" in out:
                out["reason"].append(c)
                continue
            if c.col > last and not numeric_like(c.text):
                out.setdefault("reason", []).append(c)
                continue
            return None
        out.setdefault(f, []).append(c)
    for f in ("weight", "score"):
        if f in out and not numeric_like(out[f][0].text) and not dash(out[f][0].text):
            return None
    if any(numeric_like(c.text) for c in out.get("reason", [])):
        return None  # a number beyond the score column: the row is shifted
    if "unit" in out and number(out["unit"][0].text)[0] is not None:
        return None
    return out


def place_typed(
    form: Form, values: list[RowCell], nature_cell: RowCell | None, has_unit: bool
) -> Placed:
    """By cell types: trailing words the reason, the last two numbers weight and score, the
    cells before them target (unit) actual."""
    vals = list(values)
    j = len(vals)
    while j > 0 and not numeric_like(vals[j - 1].text):
        j -= 1
    out: Placed = {}
    if j < len(vals):
        out["reason"] = vals[j:]
    vals = vals[:j]
    if len(vals) >= 2 and numeric_like(vals[-1].text) and numeric_like(vals[-2].text):
        out["weight"], out["score"] = [vals[-2]], [vals[-1]]
        middle = vals[:-2]
    elif vals:
        out["weight"] = [vals[-1]]
        middle = vals[:-1]
        form.note(f"指标行只有一个分值：{vals[-1].line.text.strip()[:40]}", "indicators")
    else:
        middle = []
    qualitative = nature_cell is not None and nature(nature_cell.text) is Nature.QUALITATIVE
    if len(middle) >= 3:
        out["target"], out["unit"], out["actual"] = [middle[0]], [middle[1]], [middle[2]]
        if len(middle) > 3:
            form.note(f"指标行多出单元格：{middle[3].line.text.strip()[:40]}", "indicators")
    elif len(middle) == 2:
        a, b = middle
        unit_like = not DIGIT_RE.search(b.text) and b.col - a.col == 1
        if has_unit and not qualitative and unit_like:
            out["target"], out["unit"] = [a], [b]
        else:
            out["target"], out["actual"] = [a], [b]
    elif len(middle) == 1:
        out["target"] = [middle[0]]
    return out
