"""JS812: no placeholder or instruction of the form is left in the table."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.catalog.performance import key, layout
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import BudgetLine, Cell, Indicator, ProjectEvaluation
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.performance._shared import checked, evaluations_of, ind_name, line_label, project

DIGIT = re.compile(r"\d")

_TEXT_CELLS = (
    ("项目年度目标", "targets"),
    ("年度目标完成情况", "results"),
    ("项目实施内容及过程概述", "implementation"),
    ("评价结论", "conclusion"),
    ("存在问题", "problems"),
    ("改进措施", "measures"),
)


def _cells(p: ProjectEvaluation) -> Iterator[tuple[object, Cell]]:
    """(the row or field it is printed in, cell) for every printed cell that holds no number."""
    for name, attr in _TEXT_CELLS:
        c = getattr(p, attr)
        if c is not None:
            yield name, c
    for line in p.budget:
        for c in (line.initial, line.adjusted, line.executed, line.rate, line.weight):
            if c is not None and c.value is None:
                yield line, c
        for c in (line.score, line.reason):
            if c is not None and c.value is None:
                yield line, c
    for ind in p.indicators:
        for c in (ind.target, ind.actual, ind.weight, ind.score, ind.reason):
            if c is not None and c.value is None:
                yield ind, c
    for c in (p.total_weight, p.total_score):
        if c is not None and c.value is None:
            yield "合计行", c


def _place(where: object) -> str:
    if isinstance(where, BudgetLine):
        return line_label(where)
    if isinstance(where, Indicator):
        return ind_name(where)
    return str(where)


@rule(
    "JS812",
    applies_to=BOTH_KINDS,
    name="perf-residue",
    title="自评表中留有占位符或填表说明",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
“##”“XX”等占位符出现在应填数字的位置，或评价结论、存在问题等栏仍是表样的填写说明（“结合
自评情况，说明项目自评总分……（200字以内）”），说明自评表没有填完就公开了。表样印在原因栏
的计算说明（“预算执行率=预算执行数/调整后预算数……”）只作提示。
""",
    tolerance="目录中的占位符和填表说明原文",
    suggestion="填写实际内容，删除表样中的填写说明。",
)
def residue(doc: Disclosure) -> Iterator[Hit]:
    lay = layout()
    for p in evaluations_of(doc):
        seen: set[tuple[int, str]] = set()
        for where, c in _cells(p):
            k = key(c.text)
            kind: str | None = None
            if len(k) <= 12 and lay.placeholder_re.search(k) and not DIGIT.search(k):
                kind = "placeholder"
            elif len(k) >= 6 and lay.instruction_re.search(k):
                kind = "instruction"
            if kind is None or (id(where), kind) in seen:
                continue
            seen.add((id(where), kind))
            place = _place(where)
            text = c.text.strip()
            shown = text if len(text) <= 40 else text[:40] + "……"
            if kind == "placeholder":
                message = f"{project(p)}{place}印为占位符“{shown}”，没有填写数字。"
                severity = Severity.WARNING
            else:
                message = f"{project(p)}{place}仍是表样的填写说明：“{shown}”。"
                severity = Severity.INFO if isinstance(where, BudgetLine) else Severity.WARNING
            yield checked(
                p,
                Hit(
                    message=message,
                    evidence=[c.evidence],
                    actual=shown,
                    severity=severity,
                    where=p.label,
                ),
                whole=False,
            )
