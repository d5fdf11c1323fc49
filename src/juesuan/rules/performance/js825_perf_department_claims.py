"""JS825: what the explanation says about the self-evaluations as a whole (the budget they
cover, their average score, how many got each rating, the overall score and rating) and the
rating each conclusion states agree with the forms printed in the document."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import Rating, form_checks, key
from juesuan.model import Disclosure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import ProjectEvaluation
from juesuan.rules.common import half_unit, money, round_to
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance._shared import checked, project, pts
from juesuan.rules.performance_scoring import value

#: A mean of printed scores is known to half a unit of the stated average, plus this much
#: for the scores' own rounding.
MEAN_MARGIN = Decimal("0.005")

WHERE = "绩效自评"


def _statements(doc: Disclosure, subjects: tuple[str, ...], measure: str) -> list[Statement]:
    return [
        s
        for s in doc.statements
        if s.topic == "performance" and s.subject in subjects and s.measure == measure
    ]


def _doubtful(projects: list[ProjectEvaluation]) -> bool:
    return any(p.form_doubtful or p.scores_doubtful for p in projects)


def _amount(doc: Disclosure, projects: list[ProjectEvaluation]) -> Iterator[Hit]:
    fc = form_checks()
    for s in _statements(doc, fc.project_subjects, "amount"):
        if not isinstance(s.value, Decimal) or s.unit != "万元":
            continue
        totals = [p.total for p in projects]
        if any(t is None for t in totals):
            continue
        adjusted = [t.adjusted.value for t in totals if t and t.adjusted and t.adjusted.value]
        initial = [t.initial.value for t in totals if t and t.initial and t.initial.value]
        sums = [sum(x, Decimal(0)) for x in (adjusted, initial) if len(x) == len(projects)]
        if not sums:
            continue
        half = half_unit(s.value)
        if any(abs(s.value - x) <= half for x in sums):
            continue
        uncertain = _doubtful(projects) or any(p.budget_uncertain for p in projects)
        shown = "；".join(
            f"{name}合计 {money(x)} 万元"
            for name, x in zip(("调整后预算数", "年初预算数"), sums, strict=False)
        )
        yield Hit(
            message=(
                f"情况说明称绩效自评项目涉及资金 {s.value:f} 万元，文件所附 {len(projects)} 张"
                f"自评表的预算：{shown}。" + ("部分自评表读取存疑，仅作提示。" if uncertain else "")
            ),
            evidence=[s.evidence, projects[0].evidence],
            expected=money(sums[0]),
            actual=f"{s.value:f}",
            severity=Severity.INFO if uncertain else Severity.WARNING,
            where=WHERE,
        )


def _scores(projects: list[ProjectEvaluation]) -> list[Decimal] | None:
    out = [value(p.total_score) for p in projects if p.scored]
    if not out or len(out) != len(projects) or any(x is None for x in out):
        return None
    return [x for x in out if x is not None]


def _average(doc: Disclosure, projects: list[ProjectEvaluation]) -> Iterator[Hit]:
    fc = form_checks()
    scores = _scores(projects)
    if scores is None:
        return
    mean = sum(scores, Decimal(0)) / len(scores)
    for s in _statements(doc, fc.project_subjects, "average_score"):
        if not isinstance(s.value, Decimal):
            continue
        if abs(s.value - mean) <= half_unit(s.value) + MEAN_MARGIN:
            continue
        doubtful = _doubtful(projects)
        yield Hit(
            message=(
                f"情况说明称绩效自评项目平均得分 {s.value:f} 分，文件所附 {len(scores)} 张自评表"
                f"合计得分的平均为 {round_to(mean, 2):f} 分。"
                + ("部分自评表读取存疑，仅作提示。" if doubtful else "")
            ),
            evidence=[s.evidence, projects[0].evidence],
            expected=f"{round_to(mean, 2):f}",
            actual=f"{s.value:f}",
            severity=Severity.INFO if doubtful else Severity.WARNING,
            where=WHERE,
        )


def _rating_counts(doc: Disclosure, projects: list[ProjectEvaluation]) -> Iterator[Hit]:
    fc = form_checks()
    scores = _scores(projects)
    if scores is None:
        return
    found: dict[str, int] = {}
    for x in scores:
        r = fc.rating_of(x)
        found[r.name] = found.get(r.name, 0) + 1
    for s in doc.statements:
        if s.topic != "performance" or s.measure != "count" or not isinstance(s.value, Decimal):
            continue
        if not (s.subject.startswith(fc.rating_prefix) and s.subject.endswith(fc.rating_suffix)):
            continue
        word = s.subject[len(fc.rating_prefix) : len(s.subject) - len(fc.rating_suffix)]
        rating = fc.rating_named(word)
        if rating is None:
            continue
        n = found.get(rating.name, 0)
        if s.value == n:
            continue
        doubtful = _doubtful(projects)
        yield Hit(
            message=(
                f"情况说明称绩效评级为“{word}”的项目 {s.value:f} 个，文件所附自评表中合计得分"
                f"{_band(rating)}的有 {n} 张。"
                + ("部分自评表读取存疑，仅作提示。" if doubtful else "")
            ),
            evidence=[s.evidence, projects[0].evidence],
            expected=str(n),
            actual=f"{s.value:f}",
            severity=Severity.INFO if doubtful else Severity.WARNING,
            where=WHERE,
        )


def _band(rating: Rating) -> str:
    ratings = form_checks().ratings
    i = ratings.index(rating)
    if i == 0:
        return f"在 {pts(rating.low)} 分及以上"
    above = ratings[i - 1].low
    if rating.low == 0:
        return f"低于 {pts(above)} 分"
    return f"在 {pts(rating.low)}（含）至 {pts(above)} 分之间"


def _overall(doc: Disclosure) -> Iterator[Hit]:
    """The overall rating stated against the overall score stated in the same paragraph, or
    the department table's total."""
    fc = form_checks()
    ratings = _statements(doc, fc.overall_subjects, "rating")
    scores = _statements(doc, fc.overall_subjects, "score")
    table = doc.department_evaluation
    for r in ratings:
        rating = fc.rating_named(str(r.value))
        if rating is None:
            continue
        for s in scores:
            if s.evidence.line != r.evidence.line or not isinstance(s.value, Decimal):
                continue
            if fc.rating_of(s.value) == rating:
                continue
            yield Hit(
                message=(
                    f"情况说明称自评得分 {s.value:f} 分、自评结果为“{r.value}”；"
                    f"“{r.value}”的得分应{_band(rating)}，{s.value:f} 分应为"
                    f"“{fc.rating_of(s.value).name}”。"
                ),
                evidence=[s.evidence],
                expected=fc.rating_of(s.value).name,
                actual=str(r.value),
                severity=Severity.WARNING,
                where=WHERE,
            )
    if table is None or value(table.total_score) is None:
        return
    total = value(table.total_score)
    assert total is not None
    for s in scores:
        if not isinstance(s.value, Decimal) or abs(s.value - total) <= half_unit(s.value):
            continue
        yield Hit(
            message=(
                f"情况说明称部门整体绩效自评得分 {s.value:f} 分，{table.title}合计得分为 "
                f"{pts(total)} 分。"
            ),
            evidence=[s.evidence, table.evidence],
            expected=pts(total),
            actual=f"{s.value:f}",
            severity=Severity.WARNING,
            where=WHERE,
        )


def _form_ratings(projects: list[ProjectEvaluation]) -> Iterator[Hit]:
    fc = form_checks()
    for p in projects:
        score = value(p.total_score)
        if p.conclusion is None or score is None or not p.scored:
            continue
        text = key(p.conclusion.text)
        for pattern in fc.rating_claims:
            m = pattern.search(text)
            if m is None:
                continue
            rating = fc.rating_named(m.group(1))
            if rating is None or fc.rating_of(score) == rating:
                break
            hit = Hit(
                message=(
                    f"{project(p)}评价结论写“{m.group(0)}”，表中合计得分 {pts(score)} 分，"
                    f"应为“{fc.rating_of(score).name}”（“{rating.name}”的得分应{_band(rating)}）。"
                ),
                evidence=[p.conclusion.evidence]
                + ([p.total_evidence] if p.total_evidence is not None else []),
                expected=fc.rating_of(score).name,
                actual=m.group(1),
                severity=Severity.WARNING,
                where=p.label,
            )
            yield checked(p, hit, whole=True)
            break


@rule(
    "JS825",
    applies_to=BOTH_KINDS,
    name="perf-department-claims",
    title="说明中的绩效自评资金、平均得分、评级与所附自评表不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
“预算绩效管理情况”概括全部自评：涉及资金多少、平均得分多少、评为“优”“良”的项目各几个，
部门整体自评得分和结果；自评表的评价结论也常写“自评结果为优”。这些数字与文件所附自评表
（各表预算数之和、合计得分的平均、按得分定的等级）或同一句中的得分不符时，说明或表格有一处
写错。等级按得分划分（catalog/performance.toml [[ratings]]：90 分及以上为优，80（含）至
90 分为良，60（含）至 80 分为中（合格），60 分以下为差（不合格））。自评表个数与说明不符时
由 JS813 报告，这里的金额只在所附表齐全时比较；自评表读取存疑时只作提示。
""",
    tolerance="金额、平均分按说明印出的末位 ± 半个单位（平均分另加 0.005 分）；等级按分段精确判断",
    suggestion="核对说明中的自评资金、平均分和评级，与所附自评表一致；评价结论的等级按合计得分填写。",
)
def department_claims(doc: Disclosure) -> Iterator[Hit]:
    fc = form_checks()
    projects = doc.evaluations
    stated_any = any(s.topic == "performance" for s in doc.statements)
    if not projects and not stated_any:
        raise NotApplicable("没有找到绩效自评表，情况说明也没有绩效自评的概括")
    yield from _overall(doc)
    if not projects:
        return
    counts = _statements(doc, fc.project_subjects, "count")
    complete = all(isinstance(s.value, Decimal) and s.value == len(projects) for s in counts)
    if complete:  # else JS813 reports the count; the sums then differ for the same reason
        yield from _amount(doc, projects)
        yield from _average(doc, projects)
        yield from _rating_counts(doc, projects)
    yield from _form_ratings(projects)
