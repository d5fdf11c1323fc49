"""A self-evaluation form (项目支出绩效自评表) read from its rows: each :class:`.blocks.Block`
goes to its stage, then the totals stage closes the form.  The department table (部门整体支出
绩效自评表) is its indicators block and 合计 only.
"""

from __future__ import annotations

from collections.abc import Callable

from juesuan.model import Evidence
from juesuan.model.performance import DepartmentEvaluation, ProjectEvaluation
from juesuan.structure.performance import blocks as b
from juesuan.structure.performance import budget, columns, fields, indicators, totals
from juesuan.structure.performance.form import Form, new_form
from juesuan.structure.performance.rows import Row
from juesuan.structure.performance.spans import Span
from juesuan.structure.performance.words import clean_text


def _title(row: Row | None) -> str | None:
    return clean_text(row.cells[0].text) if row and row.cells else None


def _name(form: Form, block: b.Block) -> None:
    fields.read_name(form, block.row)


def _budget_header(form: Form, block: b.Block) -> None:
    budget.read_budget_header(form, block.row)
    if budget.has_pairs(block.row.cells):
        budget.read_pairs(form, block.row)


def _indicator_header(form: Form, block: b.Block) -> None:
    columns.read_indicator_header(form, block.row, block.follow)


def _unheaded(form: Form, block: b.Block) -> None:
    form.note("绩效指标表头无法识别，按默认列读取", "indicators")
    form.ind_header = columns.default_header()


def _guessed(form: Form, block: b.Block) -> None:
    form.note("未找到绩效指标表头，按指标行读取", "indicators")
    indicators.read_indicator(form, block.row)


def _text(form: Form, block: b.Block) -> None:
    assert block.field is not None
    cells = block.row.cells[1:] if block.kind == b.TEXT_LABEL else block.row.cells
    totals.read_text_row(form, cells, block.field)


#: The stage reading each kind of block.
STAGES: dict[str, Callable[[Form, b.Block], None]] = {
    b.NAME: _name,
    b.UNITS: lambda form, block: fields.read_units(form, block.row),
    b.BASIC: lambda form, block: fields.read_basic(form, block.row),
    b.BUDGET_HEADER: _budget_header,
    b.BUDGET: lambda form, block: budget.read_budget_row(form, block.row),
    b.INDICATOR_HEADER: _indicator_header,
    b.INDICATORS_UNHEADED: _unheaded,
    b.INDICATOR_GUESSED: _guessed,
    b.INDICATOR: lambda form, block: indicators.read_indicator(form, block.row),
    b.TOTAL: lambda form, block: totals.read_total(form, block.row),
    b.TEXT_LABEL: _text,
    b.TEXT: _text,
}


def read_project(rows: list[Row], span: Span, shared: Row | None) -> Form:
    """Read one self-evaluation form; ``shared`` is the 附表 title printed above untitled
    forms.  The form keeps the headers read (they tell how the form was recognised)."""
    title_row = span.title or shared
    first = rows[0] if rows else None
    evidence = span.title.evidence if span.title is not None else first.evidence if first else None
    form = Form(
        ProjectEvaluation(
            name="",
            evidence=evidence or Evidence(text=""),
            title=_title(title_row),
            category=span.category,
            funding=span.funding,
            group=span.group,
        ),
        titled=span.title is not None,
    )
    for block in b.blocks(rows, form.lay, form.titled):
        STAGES[block.kind](form, block)
    p = form.p
    if rows:
        p.end_line = max(ln.line for r in rows for ln in r.lines)
    if p.scored and not p.budget:
        form.note("未读到预算执行情况", "budget")
    if p.scored and not p.indicators:
        form.note("未读到绩效指标", "indicators")
    totals.close(form)
    return form


def read_department(rows: list[Row], span: Span) -> DepartmentEvaluation:
    """The department table: indicator rows under their header, and 合计."""
    title_row = span.title
    dept = DepartmentEvaluation(
        title=_title(title_row) or "",
        evidence=title_row.evidence if title_row else rows[0].evidence,
    )
    form = new_form()
    lay = form.lay
    for i, row in enumerate(rows):
        if title_row is not None and i == 0:
            continue
        if columns.is_indicator_header(row, lay):
            columns.read_indicator_header(form, row, None)
            continue
        if form.ind_header is None:
            continue
        if totals.is_total_row(row.first, lay):
            totals.read_total(form, row)
            continue
        indicators.read_indicator(form, row)
    dept.indicators = form.p.indicators
    dept.total_weight = form.p.total_weight
    dept.total_score = form.p.total_score
    dept.notes = form.p.notes
    return dept
