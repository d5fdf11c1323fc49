"""The work for one document, as a process pool or a Dask worker runs it.

:func:`process_document` takes a :class:`Job` (a file, the store's URL, the time allowed)
and returns a :class:`DocumentResult`: the document's row of the summary and its findings.
It never raises for the document's sake: a file that cannot be read is a result with its
Chinese message and exit code (errors.py), a document that takes too long is a result with
status ``timeout``.

Steps: hash the file; if the store already holds that content checked under the current
rule catalog, the result is read back from the store (``skipped``: nothing is read or
checked again — this is what makes a batch resumable); if it holds the content checked
under an older catalog, the stored disclosure is checked again (``rechecked``); otherwise
the file is read, checked and stored (``checked``).

Checks run every rule, the corpus rules (JS951–JS954) too, against the store as it is at
that moment (one :class:`~juesuan.store.lookup.StoreCorpus` per process; each question goes
to the database, so documents other workers stored meanwhile are seen).  The result records
which related documents the check read (``related``) and whether this result stored the
document (``created``): with these the parent finds the checks that missed a related
document stored later in the batch, and checks them again (:mod:`juesuan.batch`).

The store is written here, by the worker, through its own connection (one per process,
opened on first use): the parent only schedules and collects rows, so the writing never
queues behind one process, and a Dask cluster writes to PostgreSQL without sending the
documents back to the client.  SQLite has one writer at a time: each document is one short
transaction, concurrent ones wait for the lock (WAL, five seconds' busy timeout); a race on
a new unit's name is retried (:data:`STORE_ATTEMPTS`).

Time-outs: the read and check run under a :class:`Deadline` that raises
:class:`DocumentTimeout` in the working thread when the time is up (the thread of a pool
worker or of a Dask worker alike), so the worker is free again at once.  Code that does not
return to Python (a C call that hangs) cannot be interrupted that way: the parent then
kills the worker (see :mod:`juesuan.batch.runner`).  The store write itself is never
interrupted.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from juesuan.errors import JuesuanError, NotADisclosureError

if TYPE_CHECKING:
    from juesuan.model import Disclosure
    from juesuan.model.findings import CheckReport, Finding
    from juesuan.store.core import DocumentInfo, FindingInfo, Store, StoredDocument

__all__ = [
    "STATUS_LABELS",
    "Deadline",
    "DocumentResult",
    "DocumentTimeout",
    "FindingRow",
    "Job",
    "process_document",
    "process_documents",
    "warm_up",
]

#: Status of a document in a batch, and its Chinese label (the summary's 状态 column).
STATUS_LABELS = {
    "checked": "已审核",
    "rechecked": "重新审核",
    "skipped": "已在库中",
    "failed": "无法审核",
    "timeout": "超时",
}
#: Attempts at storing one document (a new unit created meanwhile by another worker, a
#: deadlock on PostgreSQL, a lock held too long on SQLite).
STORE_ATTEMPTS = 3


class DocumentTimeout(Exception):
    """Raised in the working thread when a document's time is up."""


@dataclass(frozen=True, slots=True)
class Job:
    """One document to do: ``path`` is absolute (workers may run elsewhere), ``label`` the
    name the user gave (shown in the summary)."""

    index: int
    path: str
    label: str
    db_url: str
    timeout: float | None = None
    batch: str = ""  # the batch's token: a worker's store connection is one batch's


@dataclass(slots=True)
class FindingRow:
    """One finding as the findings table holds it."""

    rule: str
    severity: str  # error / warning / info
    category: str  # Category value
    title: str
    message: str
    expected: str | None
    actual: str | None
    where: str | None
    page: int | None
    evidence: str
    suggestion: str | None


@dataclass(slots=True)
class DocumentResult:
    """A document's row of the summary, its findings and where it was done."""

    index: int
    label: str
    status: str  # a key of STATUS_LABELS
    message: str = ""
    exit_code: int = 0
    sha256: str = ""
    document_id: int | None = None
    unit: str | None = None
    year: int | None = None
    kind: str | None = None  # 决算 / 预算
    scope: str | None = None  # 部门 / 单位
    layout: str | None = None
    format: str | None = None
    pages: int | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    findings: list[FindingRow] = field(default_factory=list)
    read_seconds: float = 0.0
    check_seconds: float = 0.0
    store_seconds: float = 0.0  # ready to be written → written (with the wait for the lock)
    store_wait_seconds: float = 0.0  # … of which waiting for another worker's write
    seconds: float = 0.0  # the whole document, in the worker (not counting the wait)
    worker: str = ""  # process id (pool) or worker address (Dask)
    peak_memory_mb: float = 0.0  # the worker process's peak resident memory so far
    created: bool = False  # this result stored the document (with its check run)
    related: list[int] = field(default_factory=list)  # stored documents its check read
    corpus_rechecked: bool = False  # checked again after the batch, its findings changed

    @property
    def wrote_check(self) -> bool:
        """Whether this result stored a check run of its document."""
        return self.created or self.status == "rechecked"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def ok(self) -> bool:
        """Checked now or before: its findings are known."""
        return self.status in ("checked", "rechecked", "skipped")


# --- time-outs -----------------------------------------------------------------------------


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule ``exc`` in a thread (None: cancel a scheduled one).  CPython delivers it
    when that thread next runs Python code."""
    target = ctypes.py_object(exc) if exc is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)


class Deadline:
    """``with Deadline(seconds):`` raises :class:`DocumentTimeout` in this thread when the
    block runs longer than ``seconds`` (None or 0: no limit).  On leaving the block a
    time-out not yet delivered is cancelled, so it never escapes into the caller's code."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._active = False
        self._fired = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        self._thread_id = threading.get_ident()
        if self.seconds:
            self._active = True
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if self._active:
                self._fired = True
                _raise_in_thread(self._thread_id, DocumentTimeout)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._active = False
            if self._fired and exc_type is not DocumentTimeout:
                _raise_in_thread(self._thread_id, None)


# --- the worker's state ----------------------------------------------------------------------

_STORES: dict[str, tuple[str, Store]] = {}


def _store(url: str, batch: str = "") -> Store:
    """This process's connection to the store at ``url`` (opened once per batch).

    A pool's processes end with their batch; a Dask worker outlives it, and by the next
    batch the database at the same URL may be another (a SQLite file deleted and created
    again): a new batch opens the store again, so that no connection to the old file and
    no document cached from it (:meth:`Store.load`, by id) is used."""
    known = _STORES.get(url)
    if known is not None and known[0] == batch:
        return known[1]
    from juesuan.store import open_store

    if known is not None:
        with contextlib.suppress(Exception):
            known[1].close()
    store = open_store(url)
    _STORES[url] = (batch, store)
    return store


def warm_up(ignore_interrupt: bool = False) -> None:
    """Import the readers, the rules and the store, and build the rule catalog, so that a
    worker's first document is timed like the others (a pool initializer; on Dask a worker
    plugin).  ``ignore_interrupt``: Ctrl-C is the parent's to handle (it stops the pool's
    processes); a worker interrupted in the middle of a document would only report it as
    failed."""
    import juesuan.sources
    import juesuan.store.core
    import juesuan.structure  # noqa: F401
    from juesuan.ingest import catalog_version
    from juesuan.procs import exit_with_parent

    exit_with_parent()  # a pool's worker ends with the batch, however that ends
    catalog_version()
    if ignore_interrupt and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_name() -> str:
    """The Dask worker's address inside a Dask task, else ``pid N``."""
    try:
        from distributed import get_worker
    except ImportError:
        return f"pid {os.getpid()}"
    try:
        return str(get_worker().address)
    except ValueError:
        return f"pid {os.getpid()}"


def _peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_LOCKS: dict[str, int | None] = {}


def _lock_fd(url: str) -> int | None:
    """This process's descriptor of the batch's write lock of a SQLite store (None: the
    database needs none)."""
    if url not in _LOCKS:
        path = _lock_path(url)
        _LOCKS[url] = None if path is None else os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    return _LOCKS[url]


@contextlib.contextmanager
def writing(url: str) -> Iterator[None]:
    """Hold the batch's write lock of a SQLite store while writing to it.

    SQLite lets one writer in at a time; a writer that finds the database locked sleeps in
    steps of up to 100 ms before it tries again (the driver's busy handler), which on a
    document written in 20 ms wastes more time than the write takes.  Workers of one batch
    therefore queue on an exclusive ``flock`` of ``<database>.batch.lock``, which the kernel
    hands on at once; SQLite's own locking stays in force for anyone else.  Other databases
    (PostgreSQL) need no lock."""
    import fcntl

    fd = _lock_fd(url)
    if fd is None:
        yield
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _try_lock(url: str) -> bool:
    """Take the write lock if no other worker holds it (True also when none is needed)."""
    import fcntl

    fd = _lock_fd(url)
    if fd is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(url: str) -> None:
    import fcntl

    fd = _lock_fd(url)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_path(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return f"{database}.batch.lock"


# --- the work ------------------------------------------------------------------------------


Write = Callable[[], None]


def process_document(job: Job) -> DocumentResult:
    """Hash, skip or read and check, store: one document of a batch (never raises for the
    document's sake)."""
    result, write = _prepare(job)
    waiting = time.perf_counter()
    with writing(job.db_url):
        _finish(job, result, write, waiting)
    return result


def process_documents(jobs: Sequence[Job]) -> list[DocumentResult]:
    """:func:`process_document` over several documents, the writes put off while another
    worker holds the write lock: the next document is read and checked meanwhile, and the
    waiting writes go in as soon as the lock is free (at the latest, after the last
    document, waiting for it).  Every document is stored when this returns."""
    results: list[DocumentResult] = []
    unwritten: deque[tuple[Job, DocumentResult, Write | None, float]] = deque()
    for job in jobs:
        result, write = _prepare(job)
        results.append(result)
        unwritten.append((job, result, write, time.perf_counter()))
        while unwritten and _try_lock(unwritten[0][0].db_url):
            url = unwritten[0][0].db_url
            try:
                _finish(*unwritten.popleft())
            finally:
                _unlock(url)
    while unwritten:
        job, result, write, waiting = unwritten.popleft()
        with writing(job.db_url):
            _finish(job, result, write, waiting)
    return results


def _prepare(job: Job) -> tuple[DocumentResult, Write | None]:
    """Everything but writing the store: the result so far and the write still to do."""
    start = time.perf_counter()
    result = DocumentResult(job.index, job.label, "checked")
    write: Write | None = None
    try:
        write = _process(job, result)
    except JuesuanError as err:
        result.status, result.message, result.exit_code = "failed", err.message, err.exit_code
    except DocumentTimeout:
        result.status = "timeout"
        result.message = f"审核超过 {job.timeout:g} 秒未完成，已放弃（可用 --timeout 放宽）"
    except Exception as exc:  # a reader's bug must not stop the batch
        result.status, result.exit_code = "failed", 5
        result.message = (
            f"读取时出现内部错误（{type(exc).__name__}: {exc}），"
            f"请向 juesuan 开发者报告：{job.label}"
        )
    if result.status == "failed":
        write = functools.partial(_record_failure, job, result)
    result.seconds = time.perf_counter() - start
    return result, write


def _finish(job: Job, result: DocumentResult, write: Write | None, waiting: float) -> None:
    """The store write of a prepared document (the caller holds the write lock);
    ``waiting``: when the document was ready to be written."""
    start = time.perf_counter()
    if write is not None:
        try:
            write()
        except JuesuanError as err:
            result.status, result.message, result.exit_code = "failed", err.message, 10
        except Exception as exc:
            result.status, result.exit_code = "failed", 10
            result.message = f"保存到数据库失败（{type(exc).__name__}: {exc}）：{job.label}"
    end = time.perf_counter()
    result.store_wait_seconds = start - waiting
    result.store_seconds = end - waiting
    result.seconds += end - start
    result.worker = worker_name()
    result.peak_memory_mb = _peak_memory_mb()


def _process(job: Job, result: DocumentResult) -> Write:
    """Hash; then the row from the store, or check the stored disclosure again, or read
    and check: fills ``result`` and returns its store write."""
    from juesuan.ingest import catalog_version, file_hash

    path = Path(job.path)
    result.sha256 = file_hash(path)
    store = _store(job.db_url, job.batch)
    version = catalog_version()
    known = store.document_for_hash(result.sha256)
    if known is not None:
        info = store.documents(ids=[known])[0]
        if info.catalog_version == version:
            _from_store(store, info, result)
            result.status = "skipped"

            def seen() -> None:
                store.record_file(known, job.path, result.sha256)

            return seen
        doc = store.load(known)
        t0 = time.perf_counter()
        with Deadline(job.timeout):
            report = _check(doc)
        report = _check_corpus(report, store, result)
        result.check_seconds = time.perf_counter() - t0
        _from_report(report, result)
        result.document_id = known
        result.status = "rechecked"

        def recheck() -> None:
            store.add_check(known, report, version, result.check_seconds)
            store.record_file(known, job.path, result.sha256)

        return recheck
    t0 = time.perf_counter()
    with Deadline(job.timeout):
        doc = _read(path, job.label)
        t1 = time.perf_counter()
        report = _check(doc)
    report = _check_corpus(report, store, result)
    result.read_seconds, result.check_seconds = t1 - t0, time.perf_counter() - t1
    report.read_seconds = result.read_seconds
    _from_report(report, result)

    def add() -> None:
        stored = _store_document(store, doc, report, job, result, version)
        result.document_id, result.created = stored.document_id, stored.created

    return add


def _read(path: Path, label: str) -> Disclosure:
    from juesuan import read
    from juesuan.rules import looks_like_disclosure

    doc = read(path)
    if not looks_like_disclosure(doc):
        raise NotADisclosureError(
            f"文件中没有年度、公开表或情况说明，不像决算/预算公开文件，未审核：{label}"
        )
    return doc


def _check(doc: Disclosure) -> CheckReport:
    """The rules that read the document alone (under the document's deadline: a time-out
    raised in the middle of a database call could leave the store's connection pool
    half-done, so the corpus rules run after it, :func:`_check_corpus`)."""
    from juesuan.rules import check, corpus_rules

    return check(doc, ignore=corpus_rules())


def _check_corpus(report: CheckReport, store: Store, result: DocumentResult) -> CheckReport:
    """``report`` completed with the corpus rules, run against the store (a few
    milliseconds of comparisons and queries); the related documents they read are
    recorded in ``result.related``."""
    from juesuan.ingest import merge_reports
    from juesuan.rules import check, corpus_rules

    lookup = store.lookup().tracking()
    codes = corpus_rules()
    try:
        part = check(report.document, select=codes, lookup=lookup)
    finally:
        result.related = sorted(lookup.seen or ())
    return merge_reports(report, part, codes)


def _store_document(
    store: Store,
    doc: Disclosure,
    report: CheckReport,
    job: Job,
    result: DocumentResult,
    version: str,
) -> StoredDocument:
    from sqlalchemy.exc import SQLAlchemyError

    from juesuan.errors import StoreError
    from juesuan.store.core import FileRef

    files = [FileRef(job.path, result.sha256)]
    seconds = result.read_seconds + result.check_seconds
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            return store.add(doc, report, files=files, catalog_version=version, seconds=seconds)
        except (SQLAlchemyError, StoreError) as exc:
            if attempt == STORE_ATTEMPTS:
                message = exc.message if isinstance(exc, StoreError) else str(exc).splitlines()[0]
                raise StoreError(f"保存到数据库失败：{message}") from None
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _record_failure(job: Job, result: DocumentResult) -> None:
    """A file that cannot be read is remembered in the store (``corpus list --failed``),
    as ``ingest`` does; a store that cannot be reached leaves the row as it is."""
    with contextlib.suppress(Exception):
        _store(job.db_url, job.batch).record_failure(
            job.path, result.sha256, result.exit_code, result.message
        )


def _from_report(report: CheckReport, result: DocumentResult) -> None:
    doc = report.document
    _document_fields(doc, result)
    result.findings = [_finding_row(f) for f in report.findings]
    _count(result)


def _document_fields(doc: Disclosure, result: DocumentResult) -> None:
    result.unit = doc.unit
    result.year = doc.year
    result.kind = doc.kind.value if doc.kind else None
    result.scope = doc.scope
    result.layout = doc.layout
    result.format = doc.source.format
    result.pages = doc.source.pages


def _count(result: DocumentResult) -> None:
    severities = [f.severity for f in result.findings]
    result.errors = severities.count("error")
    result.warnings = severities.count("warning")
    result.infos = severities.count("info")


def _evidence_text(evidence: Any) -> str:
    from juesuan.reporting.findings import EVIDENCE_JOIN

    texts: list[str] = []
    for e in evidence:
        text = " ".join(e.text.split("\t")).strip()
        if text and text not in texts:
            texts.append(text)
    return EVIDENCE_JOIN.join(texts)


def _finding_row(f: Finding) -> FindingRow:
    return FindingRow(
        rule=f.rule,
        severity=f.severity.value,
        category=f.category.value,
        title=f.title,
        message=f.message,
        expected=f.expected,
        actual=f.actual,
        where=f.where,
        page=f.page,
        evidence=_evidence_text(f.evidence),
        suggestion=f.suggestion,
    )


def _stored_finding_row(f: FindingInfo) -> FindingRow:
    return FindingRow(
        rule=f.rule,
        severity=f.severity,
        category=f.category,
        title=f.title,
        message=f.message,
        expected=f.expected,
        actual=f.actual,
        where=f.location,
        page=f.page,
        evidence=_evidence_text(f.evidence),
        suggestion=f.suggestion,
    )


def _from_store(store: Store, info: DocumentInfo, result: DocumentResult) -> None:
    """The row of a document checked before (under the current catalog): from the store."""
    result.document_id = info.id
    result.unit = info.printed_unit or info.unit
    result.year = info.year
    result.kind = info.kind
    result.scope = info.scope
    result.layout = info.layout
    result.format = info.format
    result.pages = info.pages
    result.findings = [_stored_finding_row(f) for f in store.findings(document_id=info.id)]
    _count(result)
