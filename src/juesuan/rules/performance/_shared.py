"""Helpers shared by the performance rules."""

from __future__ import annotations

from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Severity
from juesuan.model.performance import BudgetLine, Cell, Indicator, ProjectEvaluation
from juesuan.rules.common import round_to
from juesuan.rules.engine import Hit, NotApplicable

#: Up to this many points a wrong score is reported as a warning (it does not change the
#: grade); beyond, as an error.
SCORE_WARNING_GAP = Decimal("0.1")

NO_TABLES = "没有找到绩效自评表"

NO_SCORES = "绩效自评表没有权重和得分（只有指标值和完成值）"

SOURCE_NAMES = {
    "total": "总额",
    "fiscal": "财政资金",
    "special": "财政专户管理资金",
    "unit": "单位资金",
    "other": "其他资金",
}


def evaluations_of(doc: Disclosure) -> list[ProjectEvaluation]:
    if not doc.evaluations:
        raise NotApplicable(NO_TABLES)
    return doc.evaluations


def scored_evaluations(doc: Disclosure) -> list[ProjectEvaluation]:
    projects = [p for p in evaluations_of(doc) if p.scored]
    if not projects:
        raise NotApplicable(NO_SCORES)
    return projects


def lower(severity: Severity, uncertain: bool, floor: Severity = Severity.INFO) -> Severity:
    """One level lower when the reading is uncertain (never below ``floor``)."""
    if not uncertain:
        return severity
    lowered = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}.get(
        severity, Severity.INFO
    )
    return lowered if lowered.rank >= floor.rank else floor


def doubt(p: ProjectEvaluation, whole: bool) -> str | None:
    """Why a finding about ``p`` is built on a doubtful reading, or None.

    A form recognised by header words only may not be a self-evaluation at all: every finding
    about it is doubtful.  A form whose scores as a whole are doubtful (they add up to more
    than its maximum) makes the findings built on sums over the form doubtful (``whole``);
    a finding on one printed row or cell stays as it is: a reviewer confirms it from the row.
    """
    if p.form_doubtful or (whole and p.scores_doubtful):
        return p.doubts[0] if p.doubts else "表格读取存疑"
    return None


def checked(p: ProjectEvaluation, hit: Hit, whole: bool = False) -> Hit:
    """``hit`` as info, with the doubt said, when it is built on a doubtful reading of ``p``
    (DOMAIN: never an error built on a doubtful reading)."""
    why = doubt(p, whole)
    if why is not None:
        hit.severity = Severity.INFO
        hit.message = f"{hit.message}读取存疑，仅作提示：{why}。"
    return hit


def pts(d: Decimal | None) -> str:
    """Points or a plain number as the documents print them (no trailing zeros)."""
    if d is None:
        return "空"
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def pct(d: Decimal) -> str:
    return f"{round_to(d, 2):f}%"


def cell_text(c: Cell | None) -> str:
    return "空" if c is None else c.text.strip()


def line_label(line: BudgetLine) -> str:
    return f"预算执行情况“{SOURCE_NAMES.get(line.source, line.label)}”行"


def ind_name(ind: Indicator) -> str:
    return f"指标“{ind.label}”"


def project(p: ProjectEvaluation) -> str:
    return f"绩效自评表“{p.printed_name}”"
