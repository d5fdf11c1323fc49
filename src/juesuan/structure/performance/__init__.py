"""Performance forms: self-evaluations (绩效自评表) → :class:`ProjectEvaluation` and
:class:`DepartmentEvaluation`; a budget's target forms (绩效目标表) → :class:`PerformanceTarget`.

The forms arrive as rows of cells (tab-separated text, PDF/Word tables) and are badly damaged
by the conversion to text: cells split over two lines, merged first-level cells, labels
clipped at the left edge ("额" for 总额), whole rows shifted by empty cells, the 2020 form
printed one cell per line.  The reader therefore places cells by *what they are* more than
by where they are, in a pipeline of small stages:

1. :mod:`.rows` — every line as a row of its non-empty cells, with their geometry;
2. :mod:`.spans` — where each form starts (a title, a 项目名称 row) and ends;
   :mod:`.blocks` then routes each row of a self-evaluation to the stage of its block;
3. :mod:`.fields` — header fields: 项目名称, 主管部门, 实施单位, 项目基本情况;
4. :mod:`.budget` — budget lines of 预算执行情况: sources × 年初/全年/执行/执行率/分值/得分;
5. :mod:`.indicators` with :mod:`.columns`, :mod:`.levels` and :mod:`.placement` — levels
   carried over merged cells, names rejoined, nature/target/actual/weight/score;
6. :mod:`.totals` — 合计, closing texts, the conclusion's claims, cancelled, doubts.

:mod:`.project` drives 3–6 over a :class:`.form.Form`; :mod:`.recognise` then says whether
the span was a self-evaluation (``recognised_by``), a target form or no form.  Target forms
are read by :mod:`.targets` (with :mod:`.target_funds`, :mod:`.target_indicators`) from the
same rows, sharing stages 1, 3 and 5.  :mod:`.words` holds the recognisers of single cells.

What could not be placed is written to ``notes`` and sets the ``*_uncertain`` flags.  Layout
words (labels, fund names, level names, natures, claims) come from
``catalog/performance.toml``.
"""

from __future__ import annotations

from juesuan.catalog.performance import layout
from juesuan.model import Disclosure
from juesuan.sources.raw import RawDocument
from juesuan.structure.performance.project import read_department, read_project
from juesuan.structure.performance.recognise import (
    HEADER,
    HEADER_ONLY,
    TARGET_BY_HEADER,
    recognise,
    scoring_columns,
    target_columns,
    titled_target,
)
from juesuan.structure.performance.rows import form_rows, physical_rows
from juesuan.structure.performance.spans import find_spans, standard_lines
from juesuan.structure.performance.targets import read_target

__all__ = ["read_performance"]


def read_performance(raw: RawDocument, doc: Disclosure) -> None:
    """Find every self-evaluation and performance-target form in ``raw`` and put it into
    ``doc``: ``doc.evaluations``, ``doc.department_evaluation``, ``doc.targets``.

    A form counts as a self-evaluation by its own structure: a title naming one (its own or
    the 附表 title it is printed under), or the columns of scoring.  Rows of the standard
    tables (收支总表, 机关运行经费, 政府采购, “三公”…) are never read as forms.
    """
    standard = standard_lines(doc)
    phys = physical_rows(raw, standard)
    for span in find_spans(phys, layout(), standard):
        rows = form_rows(phys[span.start : span.end])
        if not rows:
            continue
        if span.kind == "department":
            if doc.department_evaluation is None:
                doc.department_evaluation = read_department(rows, span)
            continue
        if titled_target(span) and (
            target_columns(rows) or not scoring_columns(read_project(rows, span, None))
        ):
            scope = "department" if span.kind == "target_department" else "project"
            target = read_target(rows, span.title, scope)
            if target.name and (target.funds or target.indicators):
                doc.targets.append(target)
            continue
        shared = span.shared if span.shared_kind == "project" else None
        form = read_project(rows, span, shared)
        project = form.p
        if not project.name:
            continue
        how = recognise(span, form, rows)
        if how is None:
            continue  # not a form: a 项目名称 column of some other table
        if how == TARGET_BY_HEADER:
            target = read_target(rows, None, "project")
            target.recognised_by = "header"
            target.doubts.insert(0, f"绩效目标表{HEADER_ONLY}")
            if target.name and (target.funds or target.indicators):
                doc.targets.append(target)
            continue
        project.recognised_by = how
        if how == HEADER:
            project.doubts.insert(0, f"绩效自评表{HEADER_ONLY}")
        doc.evaluations.append(project)
