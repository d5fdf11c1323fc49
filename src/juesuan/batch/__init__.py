"""Many documents at once: ``juesuan batch`` on a process pool or a Dask cluster.

One code path: :func:`~juesuan.batch.work.process_document` (hash → skip, or read → check →
store → the summary row) is mapped by :func:`~juesuan.batch.runner.run_jobs` over a local
``ProcessPoolExecutor`` (the default) or a Dask distributed ``Client`` (``scheduler`` = an
address, or ``local_cluster``).  :func:`run_batch` is the Python entry point; the outputs
(summary workbook, findings table, recall over injected mistakes) are in
:mod:`juesuan.batch.outputs`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.batch.work import DocumentResult, Job, process_document

__all__ = ["BatchReport", "DocumentResult", "run_batch"]

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
    seconds: float = 0.0  # first document submitted → last result in
    restarts: int = 0  # pools or workers restarted after a worker was killed or died

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
) -> BatchReport:
    """Check ``files`` (one document each) and keep them in the store at ``db``.

    The store is opened (created, migrated) here once, before any worker writes to it.
    ``on_start`` is called when the executor is ready, ``on_result`` with each result as it
    comes; an exception there (KeyboardInterrupt) stops the batch after closing the workers:
    what was stored stays stored, and the same batch run again skips it.  ``work`` replaces
    the per-document function (tests); ``chunk`` the documents per task."""
    from juesuan.batch.runner import Backend, DaskBackend, PoolBackend, run_jobs
    from juesuan.store import open_store

    with open_store(db) as store:
        url = _absolute(store.url)
    jobs = [Job(i, str(path.resolve()), str(path), url, timeout) for i, path in enumerate(files)]
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
    return report


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
