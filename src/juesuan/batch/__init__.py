"""Many documents at once: ``juesuan batch`` on a process pool or a Dask cluster.

One code path: :func:`~juesuan.batch.work.process_document` (hash → skip, or read → check →
store → the summary row) is mapped by :func:`~juesuan.batch.runner.run_jobs` over a local
``ProcessPoolExecutor`` (the default) or a Dask distributed ``Client`` (``scheduler`` = an
address, or ``local_cluster``).  :func:`run_batch` is the Python entry point; the outputs
(summary workbook, findings table, recall over injected mistakes) are in
:mod:`juesuan.batch.outputs`.

The workers check every document against the store as it stands (the corpus rules
JS951–JS954 compare a document with the same unit's last year and same-year budget, and
with the year's other documents).  A document checked before a related one was stored
missed it: after the last document, the parent checks those again (:func:`corpus_recheck`,
as ``juesuan ingest`` does), so the order of the files does not matter.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.batch.work import DocumentResult, Job, process_document

if TYPE_CHECKING:
    from juesuan.ingest import Rechecked

__all__ = ["BatchReport", "DocumentResult", "RecheckedDocument", "corpus_recheck", "run_batch"]

#: Stale documents checked again per call of ``check_stored``: a re-checked report holds its
#: disclosure, so the parent keeps only a few at a time.
RECHECK_CHUNK = 32


@dataclass(frozen=True, slots=True)
class RecheckedDocument:
    """A stored document checked again after the batch; ``changed``: its findings or rule
    statuses changed, a new check run was stored."""

    document_id: int
    changed: bool


#: Documents per task, on the pool and on Dask: what a task costs the parent (about 1 ms on
#: the pool, several on Dask: scheduler, client, fetching the result) is shared by its
#: documents, and within a task a worker reads the next document while another worker
#: writes the store (SQLite's one writer).
CHUNK = 4


@dataclass(slots=True)
class BatchReport:
    """The results of a batch (in the order of the inputs) and how it ran."""

    results: list[DocumentResult] = field(default_factory=list)
    backend: str = ""
    workers: int = 0
    db_url: str = ""
    startup_seconds: float = 0.0  # pool or cluster started, workers warmed up
    seconds: float = 0.0  # first document submitted → last result in, re-checks done
    restarts: int = 0  # pools or workers restarted after a worker was killed or died
    #: stored documents checked again after the batch (a related document stored later)
    rechecked: list[RecheckedDocument] = field(default_factory=list)
    recheck_seconds: float = 0.0
    recheck_error: str = ""  # the re-check could not be done (the store failed)

    @property
    def recheck_changed(self) -> int:
        """Documents the re-check stored a new check run of (findings or rule statuses
        changed: a rule that had nothing to compare with ran)."""
        return sum(1 for r in self.rechecked if r.changed)

    @property
    def recheck_findings_changed(self) -> int:
        """Documents of the batch whose findings the re-check changed."""
        return len({r.document_id for r in self.results if r.corpus_rechecked})

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def statuses(self) -> Counter[str]:
        return Counter(r.status for r in self.results)

    @property
    def documents_per_second(self) -> float:
        return len(self.results) / self.seconds if self.seconds else 0.0

    def peak_memory_by_worker(self) -> dict[str, float]:
        """Each worker's peak resident memory (MB) as its last result reported it."""
        peaks: dict[str, float] = {}
        for r in self.results:
            if r.worker:
                peaks[r.worker] = max(peaks.get(r.worker, 0.0), r.peak_memory_mb)
        return peaks


def run_batch(
    files: Sequence[Path],
    *,
    db: str | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    local_cluster: bool = False,
    timeout: float | None = None,
    on_start: Callable[[BatchReport], None] | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
    work: Callable[[Job], DocumentResult] = process_document,
    chunk: int | None = None,
    on_recheck: Callable[[int], None] | None = None,
    on_rechecked: Callable[[Rechecked], None] | None = None,
) -> BatchReport:
    """Check ``files`` (one document each) and keep them in the store at ``db``.

    The store is opened (created, migrated) here once, before any worker writes to it.
    ``on_start`` is called when the executor is ready, ``on_result`` with each result as it
    comes; an exception there (KeyboardInterrupt) stops the batch after closing the workers:
    what was stored stays stored, and the same batch run again skips it.  ``work`` replaces
    the per-document function (tests); ``chunk`` the documents per task.  When every
    document is done and the workers are closed, the documents that missed a related one
    are checked again (:func:`corpus_recheck`): ``on_recheck`` is told how many,
    ``on_rechecked`` is called with each."""
    from juesuan.batch.runner import Backend, DaskBackend, PoolBackend, run_jobs
    from juesuan.store import open_store

    with open_store(db) as store:
        url = _absolute(store.url)
    token = uuid.uuid4().hex
    jobs = [
        Job(i, str(path.resolve()), str(path), url, timeout, token) for i, path in enumerate(files)
    ]
    report = BatchReport(db_url=url)
    started = time.perf_counter()
    backend: Backend
    if scheduler is not None or local_cluster:
        backend = DaskBackend(scheduler, workers, chunk=chunk or CHUNK)
    else:
        backend = PoolBackend(workers, chunk=chunk or CHUNK)
    by_index: dict[int, DocumentResult] = {}

    def collect(result: DocumentResult) -> None:
        by_index[result.index] = result
        if on_result is not None:
            on_result(result)

    try:
        report.backend, report.workers = backend.name, backend.workers
        if isinstance(backend, PoolBackend):
            backend.warm()
        report.startup_seconds = time.perf_counter() - started
        if on_start is not None:
            on_start(report)
        started = time.perf_counter()
        run_jobs(backend, jobs, collect, work=work, timeout=timeout)
        report.seconds = time.perf_counter() - started
    except BaseException:  # interrupted: stop the workers at once
        backend.close(force=True)
        raise
    else:
        backend.close()
    finally:
        report.restarts = getattr(backend, "restarts", 0)
        report.results = [by_index[i] for i in sorted(by_index)]
    begun = time.perf_counter()
    corpus_recheck(report, on_start=on_recheck, on_done=on_rechecked)
    report.recheck_seconds = time.perf_counter() - begun
    report.seconds += report.recheck_seconds
    return report


def corpus_recheck(
    report: BatchReport,
    *,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Rechecked], None] | None = None,
) -> None:
    """Check again the stored documents that relate to a document this batch stored
    (:meth:`~juesuan.store.core.Store.dependents`: the next year's document of the unit,
    a budget's same-year final account) and whose check may not have read it, as
    ``juesuan ingest`` does; a changed result is stored as a new check run
    (:func:`~juesuan.ingest.check_stored`) and replaces the findings of its rows.

    Which checks read what: each result lists the related documents its check read
    (``related``).  The parent's order of results is no proof: a task's results come back
    together once all its documents are written, a worker checks the next document while
    its last write waits for the lock, and two workers check side by side — a document
    whose result came later may have been checked before a related one was written.  So a
    document is fresh only when every check of it stored in this batch read the related
    document; any other (checked before it was stored, already in the store, or stored by
    a result that did not read it) is checked again.

    Only the corpus rules that read the related documents run again (JS951–JS953; the
    other findings are the stored check's, ``check_stored(rerun=…)``).  JS954 compares a
    document with every document of its year, an input that every document stored
    changes: it is not run again, its findings are those of the first check (as for the
    documents that were not stale), so it depends on the order as it does in ``ingest``.
    A store that fails here leaves the first results and ``recheck_error``."""
    from juesuan.ingest import catalog_version, check_stored, stale_documents
    from juesuan.rules import corpus_rules
    from juesuan.store import open_store

    created = sorted({r.document_id for r in report.results if r.created and r.document_id})
    if not created:
        return
    read: dict[int, set[int]] = {}
    for r in report.results:
        if r.wrote_check and r.document_id is not None:
            related = set(r.related)
            known = read.get(r.document_id)
            read[r.document_id] = related if known is None else known & related

    def fresh(dependent: int, stored: int) -> bool:
        return stored in read.get(dependent, ())

    try:
        with open_store(report.db_url) as store:
            stale = stale_documents(store, created, fresh)
            if on_start is not None:
                on_start(len(stale))
            rows: dict[int, list[DocumentResult]] = {}
            for result in report.results:
                if result.document_id is not None and result.ok:
                    rows.setdefault(result.document_id, []).append(result)
            rules = corpus_rules(related=True)
            for start in range(0, len(stale), RECHECK_CHUNK):
                done = check_stored(
                    store,
                    stale[start : start + RECHECK_CHUNK],
                    version=catalog_version(),
                    rerun=rules,
                    on_done=on_done,
                )
                for one in done:
                    if one.changed:
                        _update_rows(rows.get(one.document_id, []), one)
                    report.rechecked.append(RecheckedDocument(one.document_id, one.changed))
    except Exception as exc:  # the results stand; `juesuan corpus check` can finish it
        from juesuan.errors import JuesuanError

        detail = exc.message if isinstance(exc, JuesuanError) else f"{type(exc).__name__}: {exc}"
        report.recheck_error = detail


def _update_rows(results: list[DocumentResult], done: Rechecked) -> None:
    """The rows of a document the re-check stored again show the new findings;
    ``corpus_rechecked`` marks them when the findings changed."""
    from juesuan.batch.work import _count, _finding_row

    for result in results:
        rows = [_finding_row(f) for f in done.report.findings]
        before = [(f.rule, f.severity, f.message) for f in result.findings]
        result.corpus_rechecked = before != [(f.rule, f.severity, f.message) for f in rows]
        result.findings = rows
        _count(result)


def _absolute(url: str) -> str:
    """A SQLite URL with an absolute path: workers (Dask's) may run in another folder."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return url
    path = Path(database).expanduser()
    if path.is_absolute():
        return url
    return parsed.set(database=str(path.resolve())).render_as_string(hide_password=False)
