"""Findings: what the rules say about a disclosure (schema ``juesuan.findings/1``).

A :class:`Finding` names its rule, severity and category, says in Chinese what was expected
and what was found (with the numbers), and points at every place involved through
:class:`~juesuan.model.Evidence` (page, line, exact text, box on the page for PDF input).
A :class:`CheckReport` is the result of checking one document.  Both live in ``model`` so
that reporting, storage and the web layer use them without importing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from juesuan.model import Disclosure, Evidence

FINDINGS_SCHEMA = "juesuan.findings/2"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Category(StrEnum):
    """Rule families; the value is the stable key, :attr:`label` the Chinese name."""

    COMPLETENESS = "completeness"
    ARITHMETIC = "arithmetic"
    CROSSTABLE = "crosstable"
    CODES = "codes"
    NARRATIVE = "narrative"
    NARRATIVE_ARITHMETIC = "narrative_arithmetic"
    RESIDUE = "residue"
    PERFORMANCE = "performance"
    CORPUS = "corpus"  # against other documents of the store (last year's, the budget)
    INTERNAL = "internal"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.COMPLETENESS: "完整性",
    Category.ARITHMETIC: "表内勾稽",
    Category.CROSSTABLE: "表间勾稽",
    Category.CODES: "科目编码",
    Category.NARRATIVE: "说明与报表一致性",
    Category.NARRATIVE_ARITHMETIC: "说明内部计算",
    Category.RESIDUE: "模板残留与格式",
    Category.PERFORMANCE: "预算绩效",  # self-evaluations (自评) and targets (绩效目标)
    Category.CORPUS: "跨年度与跨文档核对",  # corpus rules: the store's related documents
    Category.INTERNAL: "内部错误",
}


@dataclass(slots=True)
class Finding:
    """One defect (or remark) found in a document."""

    rule: str  # stable code, e.g. "JS201"
    severity: Severity
    category: Category
    title: str  # the rule's short Chinese title
    message: str  # what was expected and what was found, with the numbers
    evidence: list[Evidence] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    suggestion: str | None = None
    where: str | None = None  # grouping label: "01表 收入支出决算总表", "五（三）", "绩效自评"

    @property
    def page(self) -> int | None:
        """The first page of this document's evidence (evidence quoted from another
        document, ``Evidence.file``, is on that document's pages)."""
        pages = [e.page for e in self.evidence if e.page is not None and e.file is None]
        return min(pages) if pages else None

    @property
    def own_evidence(self) -> list[Evidence]:
        """The evidence in the checked document itself (not quoted from another one)."""
        return [e for e in self.evidence if e.file is None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "category": self.category.value,
            "title": self.title,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "suggestion": self.suggestion,
            "where": self.where,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            category=Category(data["category"]),
            title=data.get("title", ""),
            message=data["message"],
            evidence=[Evidence.from_dict(e) for e in data.get("evidence", [])],
            expected=data.get("expected"),
            actual=data.get("actual"),
            suggestion=data.get("suggestion"),
            where=data.get("where"),
        )


class RuleStatus(StrEnum):
    RAN = "ran"
    NOT_APPLICABLE = "not_applicable"
    FAILED = "failed"
    SKIPPED = "skipped"  # deselected by --select / --ignore


@dataclass(slots=True)
class CheckReport:
    """The findings for one document, with what was run and how long it took."""

    document: Disclosure
    findings: list[Finding]
    rule_status: dict[str, RuleStatus] = field(default_factory=dict)
    not_applicable: dict[str, str] = field(default_factory=dict)  # rule -> reason
    read_seconds: float = 0.0
    rules_seconds: float = 0.0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def summary(self) -> dict[str, Any]:
        by_category: dict[str, int] = {}
        for f in self.findings:
            by_category[f.category.value] = by_category.get(f.category.value, 0) + 1
        statuses = list(self.rule_status.values())
        return {
            "error": self.count(Severity.ERROR),
            "warning": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
            "by_category": by_category,
            "rules_run": statuses.count(RuleStatus.RAN),
            "rules_not_applicable": statuses.count(RuleStatus.NOT_APPLICABLE),
            "rules_failed": statuses.count(RuleStatus.FAILED),
        }

    def document_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "path": doc.source.path,
            "format": doc.source.format,
            "sha256": doc.source.sha256,
            "unit": doc.unit,
            "year": doc.year,
            "kind": doc.kind.value if doc.kind else None,
            "scope": doc.scope,
            "layout": doc.layout,
            "pages": doc.source.pages,
        }

    def to_json_dict(self, timing: bool = False) -> dict[str, Any]:
        """The report's JSON object; ``timing`` adds the seconds spent (off by default, so
        that the same document always gives the same bytes)."""
        out: dict[str, Any] = {
            "schema": FINDINGS_SCHEMA,
            "document": self.document_dict(),
            "summary": self.summary(),
            "findings": [f.to_dict() for f in self.findings],
            "rules": {
                code: {"status": status.value, "reason": self.not_applicable.get(code)}
                for code, status in sorted(self.rule_status.items())
            },
        }
        if timing:
            out["timing"] = {
                "read_seconds": round(self.read_seconds, 4),
                "rules_seconds": round(self.rules_seconds, 4),
            }
        return out


@dataclass(slots=True)
class InputFailure:
    """An input that could not be checked: its path, exit code and the Chinese message."""

    path: str
    exit_code: int
    message: str

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "schema": FINDINGS_SCHEMA,
            "document": {"path": self.path},
            "error": {"exit_code": self.exit_code, "message": self.message},
        }
