"""The rule engine: a catalog of small pure checks over a :class:`Disclosure`.

A rule is a function ``check(doc) -> Iterable[Hit]`` registered with :func:`rule`, which
records its metadata (stable code, Chinese title, category, default severity, rationale).
Each rule lives in its own module, ``rules/<family>/js201_<name>.py``, found by
:func:`discover`; its cases (documents where it fires and where it stays quiet, one of each
rendered as the documented example) are data in ``tests/rule_cases/JS201.toml``
(``rules/casebook.py``).  The engine runs every selected rule; a rule that raises
:class:`NotApplicable` is recorded as not applicable; any other exception becomes one
``JS000`` internal finding and the other rules still run.

Code ranges: JS0xx engine, JS1xx completeness, JS2xx table arithmetic, JS3xx cross-table,
JS4xx codes, JS5xx narrative vs tables, JS6xx narrative arithmetic, JS7xx residue and form,
JS8xx performance: self-evaluation (JS801–JS814) and budget targets (JS815–JS820),
JS9xx budget disclosures (部门预算公开), JS95x the corpus rules.

Corpus rules (:func:`corpus_rule`, ``rules/corpus/``) compare a disclosure with related
documents (last year's, the same year's budget, every document printing a code): their check
is ``check(doc, lookup)`` with a :class:`~juesuan.model.corpus.CorpusLookup`, which
:func:`run_rules` passes when it is given one (the store, or a :class:`MemoryCorpus` in
tests); without one they are not applicable.  They never open a database themselves.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from juesuan.model import Disclosure, DocKind, Evidence, Part
from juesuan.model.corpus import CorpusLookup
from juesuan.model.findings import Category, CheckReport, Finding, RuleStatus, Severity
from juesuan.rules.memo import check_memo

CheckFn = Callable[[Disclosure], Iterable["Hit"]]
CorpusCheckFn = Callable[[Disclosure, CorpusLookup], Iterable["Hit"]]

#: Why a corpus rule did not run when no corpus was given.
NO_CORPUS = "未使用文档库（没有数据库，或用了 --no-corpus），跨文档核对未进行"

_CODE_RE = re.compile(r"^JS\d{3}$")


class NotApplicable(Exception):  # a signal, not an error
    """Raised by a rule whose subject is absent from the document (reason in Chinese)."""


@dataclass(slots=True)
class Hit:
    """What a rule reports; the engine turns it into a :class:`Finding`."""

    message: str
    evidence: list[Evidence] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    severity: Severity | None = None  # None: the rule's default severity
    suggestion: str | None = None
    where: str | None = None


#: Which documents a rule reads: the final-account rules were written for 决算 tables and
#: sections; rules about wording, numbering, codes or the narrative's own arithmetic read both.
FINAL_ONLY = frozenset({DocKind.FINAL})
BUDGET_ONLY = frozenset({DocKind.BUDGET})
BOTH_KINDS = frozenset({DocKind.FINAL, DocKind.BUDGET})


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str  # kebab-case English identifier, e.g. "table-total-sum"
    title: str  # short Chinese title
    category: Category
    severity: Severity  # default severity of its hits
    rationale: str  # why it matters (Chinese, one paragraph)
    check: CheckFn
    tolerance: str | None = None  # the named tolerance used, documented
    suggestion: str | None = None  # default suggestion for its findings
    applies_to: frozenset[DocKind] = FINAL_ONLY  # the kinds of document it checks
    # a corpus rule's check (``check`` then only says it needs a corpus)
    corpus_check: CorpusCheckFn | None = None
    # a corpus rule that compares with every document of the year (not with the related
    # documents, :meth:`Store.dependents`): its input changes with every document stored
    whole_year: bool = False

    @property
    def needs_corpus(self) -> bool:
        """Whether the rule compares the document with related documents of a corpus."""
        return self.corpus_check is not None

    def applies(self, doc: Disclosure) -> bool:
        """Whether the rule checks this document (one of unknown kind counts as 决算)."""
        return (doc.kind or DocKind.FINAL) in self.applies_to

    @property
    def module(self) -> str:
        """The rule's module (``juesuan.rules.crosstable.js302_…``)."""
        return (self.corpus_check or self.check).__module__

    @property
    def source(self) -> str:
        """Where the rule is written, from the repository root."""
        return "src/" + self.module.replace(".", "/") + ".py"


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    *,
    name: str,
    title: str,
    category: Category,
    severity: Severity,
    rationale: str,
    tolerance: str | None = None,
    suggestion: str | None = None,
    applies_to: frozenset[DocKind] = FINAL_ONLY,
) -> Callable[[CheckFn], CheckFn]:
    """Register ``check`` under ``code`` with its metadata."""
    _valid(code)

    def register(check: CheckFn) -> CheckFn:
        _register(
            Rule(
                code=code,
                name=name,
                title=title,
                category=category,
                severity=severity,
                rationale=rationale.strip(),
                check=check,
                tolerance=tolerance,
                suggestion=suggestion,
                applies_to=applies_to,
            )
        )
        return check

    return register


def corpus_rule(
    code: str,
    *,
    name: str,
    title: str,
    severity: Severity,
    rationale: str,
    tolerance: str | None = None,
    suggestion: str | None = None,
    applies_to: frozenset[DocKind] = FINAL_ONLY,
    whole_year: bool = False,
) -> Callable[[CorpusCheckFn], CorpusCheckFn]:
    """Register a corpus rule: ``check(doc, lookup)`` compares ``doc`` with the related
    documents ``lookup`` finds (category ``corpus``); ``whole_year``: with every document
    of its year (``lookup.code_uses``), not with the same unit's related documents."""
    _valid(code)

    def register(check: CorpusCheckFn) -> CorpusCheckFn:
        _register(
            Rule(
                code=code,
                name=name,
                title=title,
                category=Category.CORPUS,
                severity=severity,
                rationale=rationale.strip(),
                check=_needs_corpus,
                tolerance=tolerance,
                suggestion=suggestion,
                applies_to=applies_to,
                corpus_check=check,
                whole_year=whole_year,
            )
        )
        return check

    return register


def _needs_corpus(doc: Disclosure) -> Iterable[Hit]:
    """The single-document check of a corpus rule: nothing to compare with."""
    raise NotApplicable(NO_CORPUS)


def _valid(code: str) -> None:
    if not _CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")


def _register(r: Rule) -> None:
    known = _REGISTRY.get(r.code)
    if known is not None and (known.check, known.corpus_check) != (r.check, r.corpus_check):
        raise ValueError(f"rule code {r.code} registered twice")
    _REGISTRY[r.code] = r


#: A rule module: ``rules/<family>/js201_table_total_row_sum.py`` (code + the rule's name).
RULE_MODULE = re.compile(r"^js\d{3}_[a-z0-9_]+$")

_loaded = False


def discover() -> None:
    """Import every rule module under ``juesuan.rules`` (each registers its rule)."""
    import importlib
    import pkgutil

    import juesuan.rules as package

    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if RULE_MODULE.match(info.name.rsplit(".", 1)[-1]):
            importlib.import_module(info.name)


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order (rule modules are imported on first use,
    so that `juesuan extract` never pays for them)."""
    global _loaded
    if not _loaded:
        discover()
        _loaded = True
    return dict(sorted(_REGISTRY.items()))


def select_rules(
    select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
) -> tuple[list[Rule], list[Rule]]:
    """(selected, skipped).  Entries are codes or prefixes (``JS2`` selects JS200–JS299)
    or category keys (``narrative``)."""

    def matches(r: Rule, patterns: Sequence[str]) -> bool:
        return any(r.code.startswith(p.upper()) or r.category.value == p for p in patterns)

    chosen: list[Rule] = []
    skipped: list[Rule] = []
    for r in all_rules().values():
        if (select and not matches(r, select)) or (ignore and matches(r, ignore)):
            skipped.append(r)
        else:
            chosen.append(r)
    return chosen, skipped


INTERNAL_TITLE = "规则执行异常"
#: The code of the finding that reports a rule's failure.
INTERNAL_RULE = "JS000"


def run_rules(
    doc: Disclosure,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    lookup: CorpusLookup | None = None,
) -> CheckReport:
    """Run the selected rules on ``doc``; never raises for a rule's failure.  ``lookup``
    gives the corpus rules the related documents (without it they are not applicable)."""
    chosen, skipped = select_rules(select, ignore)
    report = CheckReport(document=doc, findings=[])
    sections = section_titles(doc)
    start = time.perf_counter()
    with check_memo():
        _run(chosen, doc, lookup, sections, report)
    for r in skipped:
        report.rule_status[r.code] = RuleStatus.SKIPPED
    report.rules_seconds = time.perf_counter() - start
    report.findings.sort(key=finding_order)
    return report


def _run(
    chosen: Sequence[Rule],
    doc: Disclosure,
    lookup: CorpusLookup | None,
    sections: dict[str, str],
    report: CheckReport,
) -> None:
    """The rules ``chosen``, one after the other, their statuses and findings into
    ``report`` (values several rules derive from the document are computed once, memo)."""
    for r in chosen:
        if not r.applies(doc):
            report.rule_status[r.code] = RuleStatus.NOT_APPLICABLE
            kinds = "、".join(k.value for k in sorted(r.applies_to))
            report.not_applicable[r.code] = f"本规则只适用于{kinds}公开"
            continue
        try:
            if r.corpus_check is not None and lookup is not None:
                hits = list(r.corpus_check(doc, lookup))
            else:
                hits = list(r.check(doc))
        except NotApplicable as reason:
            report.rule_status[r.code] = RuleStatus.NOT_APPLICABLE
            report.not_applicable[r.code] = str(reason)
            continue
        except Exception as exc:
            report.rule_status[r.code] = RuleStatus.FAILED
            report.findings.append(
                Finding(
                    rule=INTERNAL_RULE,
                    severity=Severity.INFO,
                    category=Category.INTERNAL,
                    title=INTERNAL_TITLE,
                    message=(
                        f"规则 {r.code}（{r.title}）执行出错，已跳过：{type(exc).__name__}: {exc}"
                    ),
                    suggestion="请向 juesuan 开发者报告此问题并附上文件。",
                )
            )
            continue
        report.rule_status[r.code] = RuleStatus.RAN
        for hit in hits:
            where = _where_label(hit.where, sections)
            report.findings.append(
                Finding(
                    rule=r.code,
                    severity=hit.severity or r.severity,
                    category=r.category,
                    title=r.title,
                    message=hit.message,
                    evidence=hit.evidence,
                    expected=hit.expected,
                    actual=hit.actual,
                    suggestion=hit.suggestion or r.suggestion,
                    where=where,
                )
            )


def _where_label(where: str | None, sections: dict[str, str]) -> str | None:
    """A section number ("五（一）", "情况说明五（一）") becomes "五（一） <its title>"."""
    if not where:
        return None
    return sections.get(where) or sections.get(where.removeprefix("情况说明")) or where


def section_titles(doc: Disclosure) -> dict[str, str]:
    """Section path as printed ("五（一）") → grouping label "五（一） 一般公共预算…总体情况"."""
    labels: dict[str, str] = {}
    parent = ""
    part: str | None = None
    for h in doc.outline:
        if h.level == 0:
            part = h.key
            parent = ""
            continue
        if h.level == 1:
            parent = h.number
            path = h.number
        elif h.level == 2:
            path = f"{parent}{h.number}"
        else:
            continue
        # Findings are mostly about the explanation: its sections win over equal numbers of
        # the overview part (both have 一、二、…).
        if path and (path not in labels or part == Part.EXPLANATION):
            labels[path] = f"{path} {h.title.rstrip('。')}"
    return labels


def finding_order(f: Finding) -> tuple[int, int, int, str]:
    """The order of a report's findings: by page, line, severity (errors first), rule."""
    page = f.page if f.page is not None else 10**6
    line = min((e.line for e in f.own_evidence if e.line is not None), default=10**6)
    return (page, line, -f.severity.rank, f.rule)
