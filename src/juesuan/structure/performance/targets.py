"""Budget performance-target forms (绩效目标表) → :class:`PerformanceTarget`.

A target form states what a project plans, not what it achieved: its header (项目名称,
主管部门, 实施单位, 项目性质, 项目类别, planned dates), its fund lines (项目资金总额 with its
parts, 年度资金申请总额 with 当年财政拨款 / 上年结转资金 / 其他资金), its goals (项目总目标,
年度总体目标) and its indicators (一级/二级/三级指标 and the planned 指标值).  There are no
完成值, no 权重 and no 得分: a form with those columns is a self-evaluation.  The forms are
found by the stages before (:mod:`.rows`, :mod:`.spans`, :mod:`.recognise`), which hand
each target form's rows to :func:`read_target`.

The reader places cells by what they are, as the self-evaluation reader does, and shares its
stages: cells (:mod:`.words`), header tokens (:mod:`.fields`), level names (:mod:`.levels`),
the indicator header's words and columns (:mod:`.columns`).  Rows up to the indicator header
are the header part:

- header labels (catalog ``[targets.fields]``) take the next cell of their row as value; a
  value glued before the next label (“阶段性项目项目类别”) is split off;
- fund labels (``[targets.funds]``) take the next value cell (:mod:`.target_funds`);
- goal texts go under the goal label of their column;

then the indicator rows (:mod:`.target_indicators`), up to the signature lines (填报人 …).
"""

from __future__ import annotations

from juesuan.model.performance import Cell, PerformanceTarget
from juesuan.structure.performance.columns import has_header_words
from juesuan.structure.performance.fields import tokens
from juesuan.structure.performance.form import TargetForm
from juesuan.structure.performance.rows import Row, RowCell
from juesuan.structure.performance.target_funds import make_funds, remember_fund
from juesuan.structure.performance.target_indicators import (
    parse_measure,
    place_levels,
    read_indicator,
    read_indicator_header,
)
from juesuan.structure.performance.words import clean_text

__all__ = ["parse_measure", "read_target"]

#: First cells of the lines under the form (who filled it in): the form ends there.
END_LABELS = ("填报人", "填表人", "审核人", "联系人", "联系电话", "填报说明")


def read_target(rows: list[Row], title: Row | None, scope: str) -> PerformanceTarget:
    """Read one target form from its rows (``title`` is its own title row, if printed)."""
    title_text = clean_text(title.cells[0].text) if title and title.cells else None
    evidence = title.evidence if title is not None else rows[0].evidence
    form = TargetForm(
        PerformanceTarget(name="", evidence=evidence, scope=scope, title=title_text), title=title
    )
    start = 1 if title is not None and rows and rows[0] is title else 0
    in_indicators = False
    for row in rows[start:]:
        header = has_header_words(row.key, form.lay)
        if not in_indicators and header:
            read_indicator_header(form, row)
            in_indicators = True
        elif in_indicators:
            if row.first.startswith(END_LABELS):
                break
            if not header:  # a header repeated after a page break is skipped
                read_indicator(form, row)
        else:
            read_head_row(form, row)
    finish(form, rows)
    return form.t


def read_head_row(form: TargetForm, row: Row) -> None:
    """A row of the header part: fields, funds, the fund unit, goal labels and texts."""
    found = tokens(row, form.tlay)
    if any(token.kind == "goal" for token in found):
        form.goals = True  # the rows from here on hold goal texts
    used: set[int] = set()
    for i, (kind, f, c) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        value = nxt.cell if nxt is not None and nxt.kind == "value" else None
        if kind == "unit":
            form.t.fund_unit = f
            form.divisor = form.tlay.fund_units.get(f or "")
        elif kind == "fund":
            fund = form.tlay.fund(c.key)
            assert fund is not None
            remember_fund(form, fund, c, value)
            used.add(i + 1)
        elif kind == "goal":
            assert f is not None
            form.goal_cols[f] = c.col
            if value is not None:
                set_text(form, f, value)  # the text beside its label
                used.add(i + 1)
        elif kind == "label" and value is not None:
            assert f is not None
            set_field(form, f, value, row)
            used.add(i + 1)
    if form.goals:
        for i, (kind, _, c) in enumerate(found):
            if kind == "value" and i not in used:
                goal_text(form, c)


def set_field(form: TargetForm, f: str, c: RowCell, row: Row) -> None:
    t = form.t
    if f in ("name", "department_name"):
        if not t.name or f == "name":
            t.name = clean_text(c.text)  # as findings name it (cf. printed_name)
            form.name_row = row
        return
    cell = Cell(text=c.text.strip(), line=c.line.line, page=c.line.page, bbox=c.bbox)
    if getattr(t, f) is None:
        setattr(t, f, cell)


def goal_text(form: TargetForm, c: RowCell) -> None:
    """A text under the goal labels: it belongs to the label at or left of its column."""
    if not form.goal_cols:
        return
    left = [(col, f) for f, col in form.goal_cols.items() if col <= c.col]
    nearest = min((abs(col - c.col), f) for f, col in form.goal_cols.items())
    set_text(form, max(left)[1] if left else nearest[1], c)


def set_text(form: TargetForm, f: str, c: RowCell) -> None:
    current = getattr(form.t, f)
    if current is None:
        setattr(form.t, f, c.cell())
    else:
        current.text += c.text


def finish(form: TargetForm, rows: list[Row]) -> None:
    t = form.t
    make_funds(form)
    place_levels(form)
    if rows:
        t.end_line = max(ln.line for r in rows for ln in r.lines)
    if not t.name:
        t.name = t.title or ""
    if form.name_row is not None and form.title is None:
        t.evidence = form.name_row.evidence
    if not t.indicators:
        form.note("未读到绩效指标")
