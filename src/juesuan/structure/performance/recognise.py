"""What a span holds, decided after its rows are read: a self-evaluation (and how it was
recognised, ``recognised_by``), a target form, or no form at all.

- a self-evaluation title (its own, or the 附表 title it is printed under) → ``title``;
- a form titled as a target counts as a target unless its columns are those of scoring
  (完成值, 得分), when it is a self-evaluation recognised by ``columns``;
- untitled: the columns of scoring (权重/分值 and 得分 with 完成值, or with 执行数/执行率) →
  ``columns``; fund lines or goal labels with an indicator header without 完成值/得分 → a
  target recognised by ``header``; 执行数/执行率 or 完成值 alone → ``header`` (doubtful);
  anything else is a 项目名称 column of some other table.
"""

from __future__ import annotations

from juesuan.catalog.performance import layout, target_layout
from juesuan.structure.performance.columns import has_header_words
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.rows import Row
from juesuan.structure.performance.spans import Span

HEADER_ONLY = "没有标题，也没有权重（分值）、得分列，只凭表头词语识别"
#: What :func:`recognise` finds an untitled or target-titled span to be.
TITLE, COLUMNS, HEADER, TARGET_BY_HEADER = "title", "columns", "header", "target_by_header"


def scoring_columns(form: Form) -> bool:
    """The columns of scoring: 权重/分值 and 得分 with 完成值 (indicators) or with 执行数 /
    执行率 (budget execution)."""
    ind = form.ind_header
    if ind is not None and ind.known and {"weight", "score", "actual"} <= set(ind.cols):
        return True
    budget = form.budget_header
    return (
        budget is not None
        and {"weight", "score"} <= set(budget.cols)
        and bool({"executed", "rate"} & set(budget.cols))
    )


def evaluation_header(form: Form) -> bool:
    """Header words of a self-evaluation without its scoring columns: 执行数 / 执行率 of the
    budget block, or 完成值 of the indicators."""
    ind = form.ind_header
    budget = form.budget_header
    return (ind is not None and ind.known and "actual" in ind.cols) or (
        budget is not None and bool({"executed", "rate"} & set(budget.cols))
    )


def target_columns(rows: list[Row]) -> bool:
    """An indicator header with 指标值 but no 完成值 and no 得分 (the planned values only)."""
    lay = layout()
    for row in rows:
        k = row.key
        if has_header_words(k, lay):
            return "完成" not in k and "得分" not in k
    return False


def has_target_structure(rows: list[Row]) -> bool:
    """Fund lines or goal labels of a target form among ``rows`` (for untitled spans)."""
    tlay = target_layout()
    for row in rows:
        for c in row.cells:
            k = c.key
            fund = tlay.fund(k)
            if fund is not None and fund.key == "total":
                return True
            if k in tlay.fields["overall_goal"] or k in tlay.fields["annual_goal"]:
                return True
    return False


def titled_target(span: Span) -> bool:
    """Titled as a target form, or printed under a target form's 附表 title."""
    return span.kind in ("target", "target_department") or (
        span.kind == "untitled" and span.shared_kind == "target"
    )


def recognise(span: Span, form: Form, rows: list[Row]) -> str | None:
    """How the self-evaluation ``form`` read from ``span`` was recognised (TITLE, COLUMNS,
    HEADER), TARGET_BY_HEADER for a target form, None for no form."""
    if span.kind == "project" or span.kind.startswith("target"):
        return TITLE if span.kind == "project" else COLUMNS
    shared = span.shared is not None and span.shared_kind == "project"
    if shared and (form.budget_header or form.ind_header):
        return TITLE
    if scoring_columns(form):
        return COLUMNS
    if has_target_structure(rows) and target_columns(rows):
        return TARGET_BY_HEADER
    if evaluation_header(form):
        return HEADER
    return None
