"""Stage 6, totals and claims: the 合计 row, the closing texts (评价结论, 存在问题, 改进措施),
the numbers the conclusion states (:class:`Claim`: 自评总分, 预算执行率 …), whether the project
was cancelled, and what makes the form's numbers doubtful as a whole (``doubts``).

Labels, claim patterns and cancel markers come from catalog ``[texts]``, ``[[claims]]`` and
``[cancelled]``; the maximum score from the scoring method (``[scoring]``).
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalog.performance import PerformanceLayout, scoring_method
from juesuan.model import Evidence
from juesuan.model.performance import Cell, Claim, ProjectEvaluation
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.rows import Row, RowCell, extend_cell, value_cell
from juesuan.structure.performance.words import dash, label_is, numeric_like
from juesuan.structure.textutil import halfwidth, squash

TEXT_FIELDS = ("conclusion", "problems", "measures")


def is_total_row(first: str, lay: PerformanceLayout) -> bool:
    """A row labelled 合计 (or 总分)."""
    total = lay.texts["total"]
    # label_is(first, (a,)) holds only when first starts with a: most rows fail that test
    # without the slice and the call
    if total and first.startswith(total[0]) and label_is(first, total[:1]):
        return True
    return first == "合计"


def read_total(form: Form, row: Row) -> None:
    """The 合计 row: weight and score are its last two numbers; a lone 100 in a scored form
    is the weight."""
    p = form.p
    nums = [c for c in row.cells[1:] if numeric_like(c.text)]
    p.total_evidence = row.evidence
    if len(nums) >= 2:
        p.total_weight = value_cell(nums[-2])
        p.total_score = value_cell(nums[-1])
    elif len(nums) == 1:
        cell = value_cell(nums[0])
        if cell.value == 100 and p.scored:
            p.total_weight = cell
        else:
            p.total_score = cell
    if len(nums) > 2:
        form.note("合计行多出数字", "indicators")


def text_label(first: str, lay: PerformanceLayout) -> str | None:
    """The closing text a row's first cell labels (conclusion, problems, measures)."""
    texts = lay.texts
    # label_is(first, aliases) needs first to start with one of them: one test for the
    # labels of all three texts rules out most rows (blocks() asks this of every row)
    if not first.startswith(_text_labels(lay)):
        return None
    for f in TEXT_FIELDS:
        if label_is(first, texts[f]):
            if len(first) > 6 and not any(first == a for a in texts[f]):
                return None  # the label glued to text: not a label cell
            return f
    return None


_labels: tuple[PerformanceLayout, tuple[str, ...]] | None = None


def _text_labels(lay: PerformanceLayout) -> tuple[str, ...]:
    """The labels of all :data:`TEXT_FIELDS` of ``lay`` (made again only for another
    layout)."""
    global _labels
    if _labels is None or _labels[0] is not lay:
        _labels = (lay, tuple(a for f in TEXT_FIELDS for a in lay.texts[f]))
    return _labels[1]


def read_text_row(form: Form, cells: list[RowCell], f: str) -> None:
    """Cells of a closing text (the pieces of a split label skipped)."""
    texts = [c for c in cells if c.key not in form.lay.texts["fragments"]]
    if not texts:
        return
    setattr(form.p, f, extend_cell(getattr(form.p, f), texts))


def claims(cell: Cell, lay: PerformanceLayout) -> list[Claim]:
    """The numbers a conclusion text states, in printed order; a span is matched once."""
    text = halfwidth(squash(cell.text))
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, Claim]] = []
    for c in lay.claims:
        for m in c.pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            unit = "%" if c.kind == "rate" else "分"
            ev = Evidence(text=m.group(0), page=cell.page, line=cell.line)
            out.append((s, Claim(c.kind, Decimal(m.group(1)), unit, ev)))
    return [c for _, c in sorted(out, key=lambda x: x[0])]


def cancelled(p: ProjectEvaluation, lay: PerformanceLayout) -> Evidence | None:
    """The words saying the project was cancelled, in its texts or the 总额 reason."""
    for cell in (
        p.conclusion,
        p.problems,
        p.total.reason if p.total else None,
        p.results,
        p.implementation,
        p.targets,
    ):
        if cell is None:
            continue
        t = squash(cell.text)
        marker = next((m for m in lay.cancel_markers if m in t), None)
        if marker is not None:
            return Evidence(text=marker, page=cell.page, line=cell.line)
    return None


def add_doubts(p: ProjectEvaluation) -> None:
    """What makes the form's numbers as a whole doubtful (``doubts``): an unreadable total,
    printed scores adding up to more than the form's maximum."""
    ts = p.total_score
    if ts is not None and ts.value is None and not dash(ts.text):
        p.doubts.append(f"合计得分印为“{ts.text.strip()}”，无法读取")
    if not p.scored:
        return
    m = scoring_method()
    maximum = (p.budget_points or m.budget_points) + (p.indicator_points or m.indicator_points)
    total = p.total
    budget_score = total.score.value if total is not None and total.score else None
    scores = [i.score.value for i in p.indicators if i.score is not None and i.score.value]
    printed = sum(scores, budget_score or Decimal(0))
    if printed > maximum:
        p.doubts.append(
            f"各项得分之和 {printed:f} 分超过满分 {maximum:f} 分"
            "（表格可能多读了行，或分值、得分填错）"
        )
        p.scores_doubtful = True


def close(form: Form) -> None:
    """After the last row: claims, doubts, cancelled."""
    p = form.p
    if p.conclusion is not None:
        p.claims = claims(p.conclusion, form.lay)
    add_doubts(p)
    found = cancelled(p, form.lay)
    if found is not None:
        p.cancelled = found
