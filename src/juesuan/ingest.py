"""``juesuan ingest``: files → read → checked → stored, once per content.

:func:`analyse` is the work for one document (read, refuse what is not a disclosure, run
the rules); given no corpus lookup it touches no database, so a process pool can map it.
:func:`ingest` walks the inputs, skips content the store already holds (by SHA-256, before
reading), checks the rest against the store (the corpus rules: last year's documents, the
same year's budget, the year's code names) and stores it, and records every failure with its
Chinese message, never stopping on one.  A document stored after the ones that relate to it
would have been checked without it: at the end, the stored documents whose corpus rules read
a newly stored one (:meth:`Store.dependents`) are checked again (:func:`check_stored`).
"""

from __future__ import annotations

import glob
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.errors import FileMissingError, JuesuanError, NotADisclosureError, os_error_text
from juesuan.model import Disclosure
from juesuan.model.corpus import CorpusLookup
from juesuan.model.findings import CheckReport

if TYPE_CHECKING:
    from juesuan.store.core import FileRef, Store

#: Extensions taken from a folder (a file named on the command line is always taken).
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".xlsx", ".xlsm", ".html", ".htm", ".txt", ".doc", ".xls"}
_GLOB_CHARS = set("*?[")


@cache
def catalog_version() -> str:
    """A hash of the rule catalog (codes and metadata; the documented examples are rule
    cases, not metadata): check runs made under another catalog are told apart, and
    re-checked when asked."""
    from juesuan.rules import all_rules

    entries = [
        [
            r.code,
            r.name,
            r.title,
            r.category.value,
            r.severity.value,
            r.rationale,
            r.tolerance,
            r.suggestion,
        ]
        for r in all_rules().values()
    ]
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def collect(arguments: Sequence[str | Path]) -> tuple[list[Path], list[str]]:
    """Files named, found in folders (recursively, document extensions only, hidden files
    skipped) or matched by globs; and the arguments that match nothing."""
    found: list[Path] = []
    missing: list[str] = []
    for arg in arguments:
        text = str(arg)
        path = Path(text).expanduser()
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(_folder_files(path))
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(str(path), recursive=True))
            files: list[Path] = []
            for m in matches:
                p = Path(m)
                if p.is_dir():
                    files.extend(_folder_files(p))
                elif p.is_file():
                    files.append(p)
            if files:
                found.extend(files)
            else:
                missing.append(text)
        else:
            missing.append(text)
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values()), missing


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in DOCUMENT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes; raises :class:`FileMissingError` when unreadable."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except FileNotFoundError:
        raise FileMissingError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise FileMissingError(f"无法读取文件 {path}：{os_error_text(exc)}") from None


@dataclass(slots=True)
class Analysis:
    """One document read and checked (not yet stored)."""

    doc: Disclosure
    report: CheckReport
    seconds: float


def analyse(paths: Sequence[Path], lookup: CorpusLookup | None = None) -> Analysis:
    """Read one document (several files when it was published as several) and check it
    (against the corpus ``lookup`` finds, when given).  Raises :class:`JuesuanError` for a
    file that cannot be read or is not a disclosure."""
    from juesuan import read, read_many
    from juesuan.rules import check, looks_like_disclosure

    start = time.perf_counter()
    doc = read(paths[0]) if len(paths) == 1 else read_many(list(paths))
    if not looks_like_disclosure(doc):
        names = "、".join(str(p) for p in paths)
        raise NotADisclosureError(
            f"文件中没有年度、公开表或情况说明，不像决算/预算公开文件，未入库：{names}"
        )
    read_seconds = time.perf_counter() - start
    report = check(doc, lookup=lookup)
    report.read_seconds = read_seconds
    return Analysis(doc, report, time.perf_counter() - start)


@dataclass(slots=True)
class Outcome:
    """What happened to one input: stored, skipped (content already stored) or failed."""

    paths: list[Path]
    status: str  # stored / skipped / failed
    document_id: int | None = None
    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    version: int = 1
    inherited: int = 0
    exit_code: int = 0
    message: str = ""

    @property
    def label(self) -> str:
        return " + ".join(str(p) for p in self.paths)


@dataclass(slots=True)
class IngestSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    # stored documents checked again because a related document was stored after them
    rechecked: list[Rechecked] = field(default_factory=list)

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def exit_code(self) -> int:
        """0, or the exit code of the first file that failed (errors.py)."""
        return next((o.exit_code for o in self.outcomes if o.status == "failed"), 0)


def ingest(
    store: Store,
    groups: Iterable[Sequence[Path]],
    *,
    on_start: Callable[[Sequence[Path]], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> IngestSummary:
    """Store each group of files (one file, or the files of one disclosure) once."""
    from juesuan.sources import joined_sha256

    summary = IngestSummary()
    version = catalog_version()
    lookup = store.lookup()
    stored_order: dict[int, int] = {}  # document id -> position among those stored now
    for group in groups:
        paths = list(group)
        if on_start is not None:
            on_start(paths)
        hashes: list[str] = []
        try:
            hashes = [file_hash(p) for p in paths]
            sha = hashes[0] if len(paths) == 1 else joined_sha256(hashes)
            known = store.document_for_hash(sha)
            if known is not None:
                for p, h in zip(paths, hashes, strict=True):
                    store.record_file(known, str(p), h)
                outcome = Outcome(paths, "skipped", document_id=known)
            else:
                analysis = analyse(paths, lookup)
                files = _file_refs(paths, hashes, analysis.doc)
                stored = store.add(
                    analysis.doc,
                    analysis.report,
                    files=files,
                    catalog_version=version,
                    seconds=analysis.seconds,
                )
                counts = analysis.report.summary()
                outcome = Outcome(
                    paths,
                    "stored" if stored.created else "skipped",
                    document_id=stored.document_id,
                    unit=stored.unit or analysis.doc.unit,
                    year=analysis.doc.year,
                    kind=analysis.doc.kind_label,
                    errors=counts["error"],
                    warnings=counts["warning"],
                    infos=counts["info"],
                    version=stored.version,
                    inherited=stored.inherited,
                )
        except JuesuanError as err:
            # A store error is recorded as this input's failure; if the store cannot even
            # record it, the error stops the run (the database is gone).
            outcome = _failure(store, paths, hashes, err.exit_code, err.message)
        except Exception as exc:  # a reader's bug must not stop the run
            message = f"读取时出现内部错误（{type(exc).__name__}: {exc}），请向 juesuan 开发者报告"
            outcome = _failure(store, paths, hashes, 5, f"{message}：{paths[0]}")
        summary.outcomes.append(outcome)
        if outcome.status == "stored" and outcome.document_id is not None:
            stored_order.setdefault(outcome.document_id, len(stored_order))
        if on_done is not None:
            on_done(outcome)
    summary.rechecked = check_stored(store, _stale(store, stored_order), version=version)
    return summary


def _stale(store: Store, stored_order: dict[int, int]) -> list[int]:
    """Stored documents that were checked before a document they relate to was stored."""

    def fresh(dependent: int, stored: int) -> bool:
        later = stored_order.get(dependent)
        return later is not None and later > stored_order[stored]

    return stale_documents(store, stored_order, fresh)


def stale_documents(
    store: Store, stored: Iterable[int], fresh: Callable[[int, int], bool]
) -> list[int]:
    """The documents whose corpus rules read one of the documents ``stored`` in this run
    (:meth:`Store.dependents`: the next year's, a budget's same-year final account) and
    whose latest check may have missed it: all but those for which ``fresh(dependent,
    stored_id)`` says their check certainly read it."""
    stale: set[int] = set()
    for doc_id in stored:
        for dependent in store.dependents(doc_id):
            if not fresh(dependent, doc_id):
                stale.add(dependent)
    return sorted(stale)


@dataclass(slots=True)
class Rechecked:
    """A stored document checked again: whether the result changed (then stored as a new
    check run, review states inherited), and the report."""

    document_id: int
    changed: bool
    inherited: int
    report: CheckReport


def check_stored(
    store: Store,
    document_ids: Iterable[int],
    *,
    version: str | None = None,
    select: Sequence[str] | None = None,
    force: bool = False,
    rerun: Collection[str] | None = None,
    on_done: Callable[[Rechecked], None] | None = None,
) -> list[Rechecked]:
    """Check stored documents again with the current rules and the store as their corpus
    (from their stored reading; no file is read).  A result that differs from the latest
    stored check (findings by fingerprint and severity, rule statuses, catalog version), or
    any result when ``force``, is stored as a new check run whose findings inherit the review
    states; an identical one is not stored again.  ``select`` limits the rules run (then
    nothing is stored).

    ``rerun``: only these rules can have changed (their input did: the corpus rules, when a
    related document was stored since): only they are run again, the other rules' findings
    and statuses are taken from the latest stored check — the result is the one a full
    check would give, at the cost of these rules.  A document whose latest check is under
    another catalog, or has a rule that failed, is checked in full."""
    from juesuan.rules import check
    from juesuan.store.fingerprint import fingerprints

    version = version or catalog_version()
    lookup = store.lookup()
    latest = store.latest_catalog_versions()
    out: list[Rechecked] = []
    for doc_id in document_ids:
        start = time.perf_counter()
        current = not force and select is None and latest.get(doc_id) == version
        stored = store.check_report(doc_id) if current else None
        report = None
        if stored is not None and rerun is not None:
            report = _rerun(stored[0], rerun, lookup)
        if report is None:
            report = check(store.load(doc_id), select=select, lookup=lookup)
        seconds = time.perf_counter() - start
        changed, inherited = False, 0
        if select is None:
            same = False
            if stored is not None:
                before, infos = stored
                now = zip(fingerprints(report.findings), report.findings, strict=True)
                same = before.rule_status == report.rule_status and Counter(
                    (i.fingerprint, i.severity) for i in infos
                ) == Counter((fp, f.severity.value) for fp, f in now)
            if not same:
                _, inherited = store.add_check(doc_id, report, version, seconds)
                changed = True
        done = Rechecked(doc_id, changed, inherited, report)
        out.append(done)
        if on_done is not None:
            on_done(done)
    return out


def _rerun(before: CheckReport, rules: Collection[str], lookup: CorpusLookup) -> CheckReport | None:
    """The latest stored check ``before`` with ``rules`` run again (None: a rule failed
    there, its internal finding cannot be told apart: check in full)."""
    from juesuan.model.findings import RuleStatus
    from juesuan.rules import check
    from juesuan.rules.engine import INTERNAL_RULE

    if RuleStatus.FAILED in before.rule_status.values() or any(
        f.rule == INTERNAL_RULE for f in before.findings
    ):
        return None
    rules = set(rules)
    part = check(before.document, select=sorted(rules), lookup=lookup)
    if RuleStatus.FAILED in part.rule_status.values():
        return None
    return merge_reports(before, part, rules)


def merge_reports(base: CheckReport, part: CheckReport, rules: Collection[str]) -> CheckReport:
    """``base`` with the findings and statuses of ``rules`` taken from ``part`` (a check of
    the same document with those rules only): the report one check of every rule gives
    (its findings in the same order, :func:`~juesuan.rules.engine.finding_order`)."""
    from juesuan.rules.engine import finding_order

    rules = set(rules)
    findings = [f for f in base.findings if f.rule not in rules] + part.findings
    findings.sort(key=finding_order)
    statuses = dict(base.rule_status)
    statuses.update({code: s for code, s in part.rule_status.items() if code in rules})
    reasons = {c: r for c, r in base.not_applicable.items() if c not in rules}
    reasons.update({c: r for c, r in part.not_applicable.items() if c in rules})
    return CheckReport(
        base.document,
        findings,
        rule_status=statuses,
        not_applicable=reasons,
        read_seconds=base.read_seconds,
        rules_seconds=base.rules_seconds + part.rules_seconds,
    )


def _file_refs(paths: list[Path], hashes: list[str], doc: Disclosure) -> list[FileRef]:
    from juesuan.store.core import FileRef

    if len(paths) == 1:
        return [FileRef(str(paths[0]), hashes[0])]
    parts = doc.source.parts
    out = []
    for i, (p, h) in enumerate(zip(paths, hashes, strict=True)):
        part = parts[i] if i < len(parts) else None
        out.append(
            FileRef(
                str(p),
                h,
                part=i + 1,
                first_page=part.first_page if part else None,
                first_line=part.first_line if part else None,
            )
        )
    return out


def _failure(
    store: Store, paths: list[Path], hashes: list[str], code: int, message: str
) -> Outcome:
    for i, p in enumerate(paths):
        store.record_failure(str(p), hashes[i] if i < len(hashes) else "", code, message)
    return Outcome(paths, "failed", exit_code=code, message=message)
