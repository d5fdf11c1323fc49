"""JS823: a form's 主管部门 and 实施单位 are budget units, not the company doing the work."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.catalog.performance import form_checks, key
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import Cell, PerformanceTarget, ProjectEvaluation
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.performance._shared import checked, project
from juesuan.rules.performance_targets._shared import checked as target_checked
from juesuan.rules.performance_targets._shared import form_name

#: Brackets closing a name (“（盖章）”, “（特殊普通合伙）”): removed before the suffix test.
_TRAILING_BRACKETS = re.compile(r"(?:（[^（）]*）)+$")

_FIELDS = (("department", "主管部门"), ("implementer", "实施单位"))


def company(name: str) -> bool:
    """The name (one name, no separators) ends like an enterprise's."""
    k = _TRAILING_BRACKETS.sub("", key(name))
    return len(k) > 2 and k.endswith(form_checks().company_suffixes)


def names(text: str) -> list[str]:
    """The names one cell prints, split at the catalog's separators."""
    k = key(text)
    for sep in form_checks().company_separators:
        k = k.replace(sep, "\n")
    return [n for n in k.split("\n") if n]


def _own_names(doc: Disclosure) -> list[str]:
    return [key(doc.unit)] if doc.unit else []


def _finding(
    doc: Disclosure, form: ProjectEvaluation | PerformanceTarget, label: str
) -> Iterator[Hit]:
    own = _own_names(doc)
    for attr, field in _FIELDS:
        cell: Cell | None = getattr(form, attr)
        if cell is None or not cell.text.strip():
            continue
        parts = names(cell.text)
        companies = [n for n in parts if company(n)]
        if not companies:
            continue
        if any(c in own or any(c in o or o in c for o in own) for c in companies):
            continue  # the disclosing unit is itself named so: an enterprise's own form
        shared = len(companies) < len(parts)
        unknown = not own  # whose disclosure this is was not read: it may be a company's
        tail = "（与其他单位并列填写）" if shared else ""
        if unknown:
            tail += "（未读出公开单位的名称，无法排除本单位即为该企业，仅作提示）"
        which = f"其中“{'、'.join(companies)}”" if shared else "这"
        yield Hit(
            message=(
                f"{label}的{field}填写为“{cell.text.strip()}”，{which}是企业名称{tail}。{field}应为预算单位（项目的主管部门、使用资金的单位），"
                "承接项目的企业是合同的乙方，不是自评或填报的主体。"
            ),
            evidence=[cell.evidence],
            expected="预算单位名称",
            actual=cell.text.strip(),
            severity=Severity.INFO if shared or unknown else Severity.WARNING,
            where=form.label,
        )


@rule(
    "JS823",
    applies_to=BOTH_KINDS,
    name="perf-company-unit",
    title="自评表或绩效目标表的主管部门、实施单位填写为企业",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
绩效自评表和绩效目标表的“主管部门”“实施单位”是使用财政资金、对绩效负责的预算单位。填成
承接项目的企业（……有限公司、……股份有限公司、……集团），混淆了预算单位与合同的乙方：自评
应由预算单位作出，不能由供应商代为评价。名称中间含“公司”的政府机构（如“……公司登记管理
中心”）不算；公开文件的单位本身就是企业时不报告；与预算单位并列填写企业、或未读出公开单位
名称时只作提示。
""",
    tolerance="名称以企业名称的结尾（有限公司、股份公司、集团等，见 catalog/performance.toml）结束",
    suggestion="主管部门填写主管的部门，实施单位填写使用资金的预算单位；企业作为合同乙方在实施内容中说明。",
)
def company_unit(doc: Disclosure) -> Iterator[Hit]:
    if not doc.evaluations and not doc.targets:
        raise NotApplicable("没有找到绩效自评表或绩效目标表")
    for p in doc.evaluations:
        for hit in _finding(doc, p, project(p)):
            yield checked(p, hit)
    for t in doc.targets:
        for hit in _finding(doc, t, form_name(t)):
            yield target_checked(t, hit)
