"""Uploads and background checks of ``juesuan serve``.

An upload is saved under the data directory as ``uploads/<sha256><suffix>`` (never under the
user's file name, which is kept in the job row for display only), after its size, extension
and first bytes were checked.  Each uploaded disclosure becomes a row of the ``jobs`` table
(:mod:`juesuan.store.jobs`); :class:`JobRunner` hands the job ids to a worker pool owned by
the app, whose worker :func:`run_job` calls the same ingest pipeline as ``juesuan ingest``
(:func:`juesuan.ingest.ingest`: read → check → store) and records the end of the job.  A
check never runs inside a request.  On start-up every job still queued or running (the
server stopped meanwhile) is queued again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING

from juesuan.errors import JuesuanError
from juesuan.store.jobs import JobFile, JobQueue

if TYPE_CHECKING:
    from juesuan.store.core import Store
    from juesuan.web.config import WebSettings

log = logging.getLogger("juesuan.web")

#: Extensions accepted in an upload, with the format their first bytes must show.
UPLOAD_SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "zip",
    ".xlsx": "zip",
    ".xlsm": "zip",
    ".html": "text",
    ".htm": "text",
    ".txt": "text",
}
ACCEPTED_LABEL = "PDF、Word（.docx）、Excel（.xlsx）、网页（.html）、文本（.txt）"
_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\]")


class UploadRefused(JuesuanError):
    """An uploaded file that is not accepted (type, size, content); ``status`` is HTTP's."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def display_name(filename: str | None) -> str:
    """The user's file name for display: its last path component, without control
    characters, at most 120 characters.  Never used as a path."""
    name = unicodedata.normalize("NFC", filename or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name).strip()
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 110 - len(suffix)] + "…" + dot + suffix) if dot else name[:120]
    return name or "未命名文件"


def _check_head(head: bytes, suffix: str, name: str) -> None:
    kind = UPLOAD_SUFFIXES[suffix]
    if kind == "pdf" and b"%PDF-" not in head[:1024]:
        raise UploadRefused(f"“{name}”不是有效的 PDF 文件（文件头不是 %PDF）")
    if kind == "zip" and not head.startswith(b"PK\x03\x04"):
        raise UploadRefused(f"“{name}”不是有效的 Office 文件（{suffix}）")
    if kind == "text" and b"\x00" in head[:4096]:
        raise UploadRefused(f"“{name}”不是文本或网页文件（含二进制内容）")


def save_upload(stream: IO[bytes], filename: str | None, folder: Path, max_bytes: int) -> JobFile:
    """Copy an uploaded file into ``folder`` named by its SHA-256 (kept once per content).
    Raises :class:`UploadRefused` with a Chinese message."""
    name = display_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        shown = suffix or "无扩展名"
        raise UploadRefused(f"“{name}”的类型（{shown}）不受支持；可上传：{ACCEPTED_LABEL}", 415)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    limit = max_bytes / 1024 / 1024
                    raise UploadRefused(f"“{name}”过大（上限 {limit:.0f} MB）", 413)
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise UploadRefused(f"“{name}”是空文件")
        _check_head(head, suffix, name)
        sha = digest.hexdigest()
        target = folder / f"{sha}{suffix}"
        if target.exists():
            tmp.unlink()
        else:
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        return JobFile(sha256=sha, name=name, suffix=suffix, size=size)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- the worker ----------------------------------------------------------------------------

_STORES: dict[str, Store] = {}


def _store(db_url: str) -> Store:
    """One store per worker process (or per server, for a thread pool), by URL."""
    store = _STORES.get(db_url)
    if store is None:
        from juesuan.store import open_store

        store = _STORES[db_url] = open_store(db_url)
    return store


def close_worker_stores() -> None:
    while _STORES:
        _, store = _STORES.popitem()
        store.close()


def warm_up(db_url: str) -> None:
    """Load what a check needs (readers, rules, catalogs, the store) before the first job;
    the worker ends with the server's process, however that ends."""
    from juesuan.procs import exit_with_parent

    exit_with_parent()
    import juesuan.sources.pdf
    import juesuan.structure  # noqa: F401
    from juesuan.ingest import catalog_version

    catalog_version()
    _store(db_url)


def run_job(db_url: str, upload_dir: str, job_id: int) -> str:
    """Run one job: the files through :func:`juesuan.ingest.ingest` (read → check → store),
    then the job's end in its row.  Returns the job's new state."""
    from juesuan.ingest import ingest

    store = _store(db_url)
    queue = JobQueue(store)
    job = queue.start(job_id)
    if job is None:
        return "skipped"
    folder = Path(upload_dir)
    paths = [folder / f.stored_name for f in job.files]
    start = time.perf_counter()
    try:
        missing = [f.name for f, p in zip(job.files, paths, strict=True) if not p.is_file()]
        if missing:
            raise UploadRefused(f"上传的文件已不在数据目录中：{'、'.join(missing)}")
        outcome = ingest(store, [paths]).outcomes[0]
    except JuesuanError as err:
        queue.finish(
            job_id,
            outcome="failed",
            document_id=None,
            seconds=time.perf_counter() - start,
            exit_code=err.exit_code,
            error=err.message,
        )
        return "failed"
    message = outcome.message
    for f, p in zip(job.files, paths, strict=True):
        message = message.replace(str(p), f.name)
    queue.finish(
        job_id,
        outcome=outcome.status,
        document_id=outcome.document_id,
        seconds=time.perf_counter() - start,
        exit_code=outcome.exit_code or None,
        error=message or None,
    )
    return "failed" if outcome.status == "failed" else "done"


class JobRunner:
    """The app's worker pool: processes (``juesuan serve``) or threads (tests)."""

    def __init__(self, settings: WebSettings, db_url: str, store: Store) -> None:
        self.settings = settings
        self.db_url = db_url
        self.queue = JobQueue(store)
        self._executor: Executor | None = None
        self.on_done: Callable[[int, str], None] | None = None

    def _make_executor(self) -> Executor:
        if self.settings.executor == "thread":
            return ThreadPoolExecutor(self.settings.workers, thread_name_prefix="juesuan-job")
        import multiprocessing

        return ProcessPoolExecutor(
            self.settings.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up,
            initargs=(self.db_url,),
        )

    def start(self) -> list[int]:
        """Start the pool and queue again the jobs a stop interrupted; returns their ids."""
        self._executor = self._make_executor()
        if self.settings.executor != "thread":
            self._executor.submit(int)  # start the workers now: the first upload is quick
        resumed = self.queue.unfinished()
        for job_id in resumed:
            self.submit(job_id)
        if resumed:
            log.info("resumed %d unfinished job(s): %s", len(resumed), resumed)
        return resumed

    def submit(self, job_id: int) -> None:
        if self._executor is None:
            raise RuntimeError("JobRunner.start() first")
        future = self._executor.submit(run_job, self.db_url, str(self.settings.upload_dir), job_id)
        future.add_done_callback(partial(self._done, job_id))

    def _done(self, job_id: int, future: Future[str]) -> None:
        if future.cancelled():
            return  # the server is stopping: the job stays queued and is resumed
        error = future.exception()
        if error is None:
            if self.on_done is not None:
                self.on_done(job_id, future.result())
            return
        log.error("job %d failed in its worker", job_id, exc_info=error)
        from concurrent.futures.process import BrokenProcessPool

        try:
            self.queue.finish(
                job_id,
                outcome="failed",
                document_id=None,
                seconds=0.0,
                exit_code=5,
                error="后台处理出现内部错误，请向 juesuan 开发者报告",
            )
        except Exception:  # the store itself is gone: nothing more to record
            log.exception("cannot record the failure of job %d", job_id)
        if isinstance(error, BrokenProcessPool):
            old, self._executor = self._executor, self._make_executor()
            if old is not None:
                old.shutdown(wait=False, cancel_futures=True)
        if self.on_done is not None:
            self.on_done(job_id, "failed")

    def shutdown(self, wait: bool = False) -> None:
        """Stop the workers.  Without ``wait`` a running job is stopped too: it stays in its
        row as running and is run again at the next start."""
        if self._executor is not None:
            processes = list(getattr(self._executor, "_processes", {}).values())
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None
            for process in processes:
                if process.is_alive():
                    process.terminate()
        if self.settings.executor == "thread":
            close_worker_stores()
