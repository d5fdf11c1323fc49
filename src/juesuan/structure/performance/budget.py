"""Stage 4, budget lines: the 预算执行情况 block of a self-evaluation form.

Its header names the columns (年初预算数, 全年预算数/调整后预算数, 全年执行数, 执行率, 分值/权重,
得分, 原因) and the block's points (“（10分）”).  Each row is a fund source found by its label
(fuzzy: exact, clipped prefix or suffix, in the printed order 总额 → 财政资金 → 财政专户管理资金 →
单位资金 → 其他资金, catalog ``[[budget.sources]]``), read left to right: up to three amounts,
the rate (the cell with “%”), weight, score, reason.  Fewer than three amounts are put under
the header column they line up with.  The 2020 form prints label/value pairs instead
(预算数: 32.35 | 执行数: 31.68).  A row without numbers carries on the 原因 of 总额.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.catalog.performance import PerformanceLayout
from juesuan.model.performance import BudgetLine
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.rows import Row, RowCell, extend_cell, value_cell
from juesuan.structure.performance.words import (
    block_label,
    dash,
    numeric_like,
    placeholder,
    points,
)

AMOUNTS = ("initial", "adjusted", "executed")
BLOCK_EXACT = ("分）", "（10分）", "情况")


@dataclass(slots=True)
class BudgetHeader:
    cols: dict[str, int]  # field → column
    anchor: int | None  # column of 年度预算数 (the label column)


def is_budget_header(row: Row, lay: PerformanceLayout) -> bool:
    """The header of the 预算执行情况 block (年初预算数, 调整后预算数 … and no number)."""
    k = row.key
    if "预算执行情况（万元）" in k:
        return True
    return any(w in k for w in lay.budget_header) and not any(
        numeric_like(c.text) for c in row.cells if "%" not in c.text
    )


def header_columns(row: Row) -> tuple[dict[str, int], int | None, bool]:
    """(field → column, column of the 年度预算数 label, a column name was clipped)."""
    cols: dict[str, int] = {}
    anchor: int | None = None
    clipped = False
    for c in row.cells:
        k = c.key
        if "年度预算数" in k or "预算数（万" in k or "度预算数" in k:
            anchor = c.col
        elif "年初" in k:
            cols.setdefault("initial", c.col)
        elif "调整后" in k:
            cols.setdefault("adjusted", c.col)
        elif "执行数" in k:
            cols.setdefault("executed", c.col)
        elif "执行率" in k or k in ("行率", "预算执"):
            cols.setdefault("rate", c.col)
        elif "权重" in k or k == "重":
            cols.setdefault("weight", c.col)
            clipped = clipped or k == "重"
        elif "得分" in k or k == "分":
            cols.setdefault("score", c.col)
            clipped = clipped or k == "分"
        elif "原因" in k or k == "因":
            cols.setdefault("reason", c.col)
    return cols, anchor, clipped


def read_budget_header(form: Form, row: Row) -> None:
    cols, anchor, clipped = header_columns(row)
    if clipped:
        form.note("预算执行情况表头被截断（如“重”“分”），数字可能缺首位", "budget")
    form.budget_header = BudgetHeader(cols, anchor)
    found = points([c.key for c in row.cells], form.lay.budget_block_words)
    if found is not None:
        form.p.budget_points = found


def has_pairs(cells: list[RowCell]) -> bool:
    """Cells ending in a colon: the 2020 form's label/value pairs."""
    for c in cells:  # noqa: SIM110 - a plain loop: a generator per row costs more
        if c.text.rstrip().endswith((":", "：")):
            return True
    return False


def source_of(form: Form, label: RowCell) -> tuple[str | None, bool]:
    """(source key, is a continuation of an already read line)."""
    lay = form.lay
    k = label.key
    assigned = {b.source for b in form.p.budget}
    if k.startswith("其中"):
        rest = k[2:].lstrip("-－—")
        fiscal = lay.source("fiscal")
        if not rest or any(a.startswith(rest) or rest in a or a in rest for a in fiscal.aliases):
            return "fiscal", "fiscal" in assigned
        k = rest
    candidates: list[str] = []
    for s in lay.sources:
        for a in s.aliases:
            if k == a or (len(k) >= 2 and (a.endswith(k) or a.startswith(k))):
                candidates.append(s.key)
                break
    if not candidates:
        candidates = [s.key for s in lay.sources if any(a in k for a in s.aliases if len(a) >= 3)]
    if not candidates:
        return None, False
    free = [c for c in candidates if c not in assigned]
    if free:
        return free[0], False
    return candidates[-1], True


def read_budget_row(form: Form, row: Row) -> None:
    lay = form.lay
    p = form.p
    cells = [
        c for c in row.cells if not block_label(c.key, c.text, lay.budget_block_words, BLOCK_EXACT)
    ]
    if not cells:
        return
    if has_pairs(cells):
        read_pairs(form, row)
        return
    label: RowCell | None = None
    if not numeric_like(cells[0].text) and not placeholder(cells[0].text):
        label = cells[0]
        values = cells[1:]
    else:
        values = cells
    numbers = [c for c in values if numeric_like(c.text)]
    source: str | None = None
    continuation = False
    if label is not None:
        source, continuation = source_of(form, label)
    total = p.total
    if source is None:
        if numbers:
            form.note(f"无法归属的预算行：{row.evidence.text[:40]}", "budget")
        elif total is not None and values:
            # the 原因 cell of 总额 carried over to the next line
            total.reason = extend_cell(total.reason, [c for c in values if not dash(c.text)])
        return
    line = p.line(source)
    if continuation and line is not None:
        if numbers and line.adjusted is None and line.executed is None:
            fill_budget(form, line, values, row)
        elif values and total is not None and not numbers:
            total.reason = extend_cell(total.reason, [c for c in values if not dash(c.text)])
        return
    if line is None:
        line = BudgetLine(source=source, label=label.text if label else "", evidence=row.evidence)
        p.budget.append(line)
    if not numbers and total is not None and line is not total:
        # a fund line left blank: its 原因 cell is the rest of the 总额 reason
        dashes = [c for c in values if dash(c.text)]
        words = [c for c in values if not dash(c.text)]
        total.reason = extend_cell(total.reason, words)
        if dashes:
            fill_budget(form, line, dashes, row)
        return
    fill_budget(form, line, values, row)


def split_values(
    values: list[RowCell],
) -> tuple[list[RowCell], RowCell | None, RowCell | None, RowCell | None, list[RowCell]]:
    """(amounts, rate, weight, score, reason) of a budget row's value cells, left to right."""
    amounts: list[RowCell] = []
    rate: RowCell | None = None
    weight: RowCell | None = None
    score: RowCell | None = None
    reason: list[RowCell] = []
    for c in values:
        numeric = numeric_like(c.text)
        is_dash = dash(c.text)
        percent = "%" in c.text or "％" in c.text
        if rate is None and weight is None and numeric and not percent and len(amounts) < 3:
            amounts.append(c)
            continue
        if rate is None and weight is None and numeric and percent:
            rate = c
            continue
        started = rate is not None or len(amounts) == 3 or (is_dash and not amounts)
        if (numeric or is_dash) and started and not reason:
            if weight is None:
                weight = c
                continue
            if score is None:
                score = c
                continue
        reason.append(c)
    return amounts, rate, weight, score, reason


def fill_budget(form: Form, line: BudgetLine, values: list[RowCell], row: Row) -> None:
    amounts, rate, weight, score, reason = split_values(values)
    placed: dict[str, RowCell] = {}
    if len(amounts) == 3 or form.budget_header is None:
        placed = dict(zip(AMOUNTS, amounts, strict=False))
    else:
        placed = place_amounts(form.budget_header, amounts, row) or dict(
            zip(AMOUNTS, amounts, strict=False)
        )
    for slot, c in placed.items():
        cell = value_cell(c)
        if cell.value is None:
            form.note(f"预算数字无法识别：{c.text}", "budget")
        setattr(line, slot, cell)
    if rate is not None:
        line.rate = value_cell(rate)
    if weight is not None:
        line.weight = value_cell(weight)
    if score is not None:
        line.score = value_cell(score)
    if reason:
        line.reason = extend_cell(line.reason, reason)


def place_amounts(
    header: BudgetHeader, amounts: list[RowCell], row: Row
) -> dict[str, RowCell] | None:
    """Fewer than three amounts: put each under the header column it lines up with."""
    if header.anchor is None or not amounts:
        return None
    label_col = row.cells[0].col
    offset = label_col - header.anchor
    out: dict[str, RowCell] = {}
    for c in amounts:
        col = c.col - offset
        slot = next((s for s in AMOUNTS if header.cols.get(s) == col), None)
        if slot is None or slot in out:
            return None
        out[slot] = c
    return out


def read_pairs(form: Form, row: Row) -> None:
    """The 2020 form: 预算数: 32.35 | 执行数: 31.68 (and 其中-财政拨款: …)."""
    lay = form.lay
    cells = row.cells
    pairs: list[tuple[RowCell, RowCell]] = []
    for i, c in enumerate(cells):
        if c.text.rstrip().endswith((":", "：")) and i + 1 < len(cells):
            nxt = cells[i + 1]
            if numeric_like(nxt.text):
                pairs.append((c, nxt))
    if not pairs:
        return
    label = pairs[0][0]
    k = label.key
    source: str | None
    if any(k == a for a in lay.pair_budget):
        source = "total"
    else:
        source, _ = source_of(form, label)
    if source is None or form.p.line(source) is not None:
        form.note(f"无法归属的预算行：{row.evidence.text[:40]}", "budget")
        return
    line = BudgetLine(source=source, label=label.text.rstrip(":："), evidence=row.evidence)
    for lab, val in pairs:
        cell = value_cell(val)
        lk = lab.key
        if any(lk == a for a in lay.pair_executed):
            line.executed = cell
        elif line.adjusted is None:
            line.adjusted = cell
        else:
            line.executed = cell
    form.p.budget.append(line)
