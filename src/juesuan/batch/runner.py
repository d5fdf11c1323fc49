"""One loop over two executors: a local process pool or a Dask distributed cluster.

:func:`run_jobs` keeps a few jobs in flight on a :class:`Backend`, hands each result on as
it completes, and enforces the hard time limit.  Both backends have the shape of
``concurrent.futures``: ``submit`` returns a future whose done-callback puts it on one
queue, which the loop reads; so the loop is the same for both:

- :class:`PoolBackend`: ``concurrent.futures.ProcessPoolExecutor`` (spawned processes,
  warmed up by an initializer).  As many jobs in flight as processes, so that a job's time
  counts from when it starts.  A job past the hard limit (its worker stuck in C code that
  the in-task :class:`~juesuan.batch.work.Deadline` cannot interrupt): the pool's processes
  are killed and a new pool started; the other jobs that were running are submitted again.
- :class:`DaskBackend`: ``distributed.Client`` on a scheduler address or on a
  ``LocalCluster`` started here.  Two jobs per worker thread in flight (one running, one
  ready), so no worker waits for the client.  A job past the hard limit: its future is
  cancelled and the worker running it restarted by its nanny; Dask itself moves the
  worker's other jobs elsewhere.

Dask is imported only by :class:`DaskBackend`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from juesuan.batch.work import (
    DocumentResult,
    Job,
    process_document,
    process_documents,
    warm_up,
)
from juesuan.errors import JuesuanError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["Backend", "BackendError", "DaskBackend", "PoolBackend", "hard_limit", "run_jobs"]

Work = Callable[[Job], DocumentResult]


class BackendError(JuesuanError):
    """The executor cannot be started or reached (a scheduler address that answers nothing,
    Dask not installed, workers of another juesuan version)."""

    exit_code = 11


def hard_limit(timeout: float | None, documents: int = 1) -> float | None:
    """How long past its start a task of ``documents`` may run before its worker is killed:
    the in-task time-out of each plus a grace for code that returns to Python late."""
    if not timeout:
        return None
    return documents * timeout + max(2.0, timeout / 2)


class Backend(Protocol):
    """Where the jobs run.  ``chunk``: documents per task; ``capacity``: tasks kept in
    flight; ``queued_ahead``: how many tasks may wait before a task starts on its worker
    (its hard limit is scaled by it)."""

    name: str
    workers: int
    capacity: int
    queued_ahead: int
    chunk: int

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def result(self, handle: Any) -> list[DocumentResult]: ...

    def recover(self, handle: Any, exc: BaseException) -> bool:
        """After ``handle`` failed with ``exc``: True when its worker died and the backend
        is ready again (the job may be tried once more)."""
        ...

    def abandon(self, stuck: list[Any], running: list[Any]) -> list[Any]:
        """Stop the ``stuck`` jobs' workers; returns those of ``running`` that were lost
        with them (to be submitted again)."""
        ...

    def close(self, force: bool = False) -> None:
        """Stop the workers; ``force``: at once (interrupted), not waiting for any job."""
        ...


# --- the local process pool ----------------------------------------------------------------


class PoolBackend:
    """A ``ProcessPoolExecutor`` of ``workers`` spawned processes."""

    name = "进程池"

    def __init__(self, workers: int, chunk: int = 4) -> None:
        self.workers = workers
        self.chunk = chunk
        self.capacity = 2 * workers
        self.queued_ahead = 1
        self.restarts = 0
        self._generation = 0
        self._submitted: dict[Any, int] = {}
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent runs threads (the progress bar) that a fork would copy
        # mid-lock; the initializer pays the imports once per process.
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up,
            initargs=(True,),
        )

    def warm(self, timeout: float = 120) -> None:
        """Start every process and wait until each has warmed up, so that the first jobs'
        time (and hard limit) does not include starting Python."""
        from concurrent.futures import wait as wait_futures

        pings = [self._pool.submit(_ping) for _ in range(self.workers)]
        wait_futures(pings, timeout=timeout)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self._pool.submit(fn, *args)
        except BrokenProcessPool:  # a worker died since the last wait: a new pool
            self._restart()
            future = self._pool.submit(fn, *args)
        self._submitted[future] = self._generation
        return future

    def result(self, handle: Any) -> list[DocumentResult]:
        value = handle.result()  # a dead worker raises here: then recover()
        self._submitted.pop(handle, None)
        assert isinstance(value, list)
        return value

    def recover(self, handle: Any, exc: BaseException) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        generation = self._submitted.pop(handle, None)
        if not isinstance(exc, BrokenProcessPool):
            return False
        if generation == self._generation:  # the current pool broke: a new one
            self._restart()
        return True

    def _restart(self) -> None:
        self._kill()
        self._pool = self._start()
        self._generation += 1
        self.restarts += 1
        self.warm()

    def abandon(self, stuck: list[Any], running: list[Any]) -> list[Any]:
        """A process cannot be stopped alone without breaking the pool: stop them all and
        start a new pool; every job that was running except the stuck ones is lost."""
        self._restart()
        for handle in running:
            self._submitted.pop(handle, None)
        return [h for h in running if h not in stuck]

    def _kill(self) -> None:
        processes = list(getattr(self._pool, "_processes", {}).values())
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                if process.pid:
                    os.kill(process.pid, signal.SIGKILL)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def close(self, force: bool = False) -> None:
        if force:
            self._kill()
        else:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _ping() -> int:
    """A pool's first task: keeps its process busy a moment so that the next goes to
    another process."""
    time.sleep(0.2)
    return os.getpid()


# --- Dask distributed ----------------------------------------------------------------------


class DaskBackend:
    """A ``distributed.Client`` on ``scheduler`` (an address such as tcp://host:8786), or on
    a ``LocalCluster`` of ``workers`` single-threaded worker processes started here."""

    name = "Dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 2,
        connect_timeout: float = 10,
        chunk: int = 4,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BackendError(
                "使用 Dask 需要安装 dask[distributed]：pip install 'juesuan[batch]'"
            ) from None
        self.cluster: Any = None
        self.chunk = chunk
        self.queued_ahead = 1
        self.restarts = 0
        try:
            if scheduler is None:
                # The workers' statistical profiler samples every task's stack every 10 ms,
                # taking the GIL from the work; the event loop's tick (20 ms), the system
                # monitor (0.5 s) and the memory monitor (0.1 s) wake up as often.  Their
                # sampling is of no use to a batch of file-sized tasks; the nanny hands this
                # config to the workers.
                import dask

                dask.config.set(
                    {
                        "distributed.worker.profile.enabled": False,
                        "distributed.admin.tick.interval": "1s",
                        "distributed.admin.tick.limit": "30s",
                        "distributed.admin.system-monitor.interval": "5s",
                        "distributed.worker.memory.monitor-interval": "1s",
                    }
                )
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: never 8787 taken by another
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
            else:
                self.client = Client(scheduler, timeout=connect_timeout)
                self.client.wait_for_workers(1, timeout=max(30, connect_timeout))
        except (OSError, TimeoutError) as exc:
            self._close_quietly()
            where = scheduler or "本机 LocalCluster"
            raise BackendError(f"无法连接 Dask 调度器 {where}：{exc}") from None
        self._check_workers()
        from juesuan.batch.plugin import WarmUp

        self.client.register_plugin(WarmUp(), name="juesuan-warm-up")
        threads = self.client.nthreads()
        self.workers = sum(threads.values())
        self.capacity = 2 * self.workers

    def _check_workers(self) -> None:
        """Every worker must run this juesuan with the same rule catalog."""
        from juesuan.batch.plugin import versions

        mine = versions()
        theirs = self.client.run(versions)
        other = {addr: v for addr, v in theirs.items() if tuple(v) != mine}
        if other:
            addr, (version, catalog) = next(iter(other.items()))
            self._close_quietly()
            raise BackendError(
                f"Dask 工作节点 {addr} 上的 juesuan 版本或规则目录与本机不同"
                f"（{version}/{catalog}，本机 {mine[0]}/{mine[1]}）；请在各节点安装相同版本"
            )

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def result(self, handle: Any) -> list[DocumentResult]:
        value = handle.result()
        assert isinstance(value, list)
        return value

    def recover(self, handle: Any, exc: BaseException) -> bool:
        return False  # the scheduler already retried it on other workers (KilledWorker)

    def abandon(self, stuck: list[Any], running: list[Any]) -> list[Any]:
        """Cancel the stuck futures and restart the workers running them (their nannies
        start new processes); the cluster reschedules the other jobs those workers held."""
        keys = {f.key for f in stuck}
        processing = self.client.processing()
        addresses = [addr for addr, held in processing.items() if keys & set(held)]
        for future in stuck:
            future.cancel()
        if addresses:
            with contextlib.suppress(Exception):
                self.client.restart_workers(addresses, timeout=60, raise_for_error=False)
            self.restarts += 1
        return []

    def _close_quietly(self) -> None:
        for thing in (getattr(self, "client", None), self.cluster):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()

    def close(self, force: bool = False) -> None:
        self._close_quietly()


# --- the loop ------------------------------------------------------------------------------


def run_chunk(work: Work, jobs: list[Job]) -> list[DocumentResult]:
    """The task a worker runs: the per-document function over a few documents in turn
    (:func:`~juesuan.batch.work.process_documents` for the real one, which puts a write off
    while another worker is writing)."""
    if work is process_document:
        return process_documents(jobs)
    return [work(job) for job in jobs]


@dataclass(slots=True)
class _Task:
    jobs: list[Job]
    started: float
    attempt: int  # 0, or 1 for a job tried again (alone) after its worker died or hung


def run_jobs(
    backend: Backend,
    jobs: Iterable[Job],
    on_result: Callable[[DocumentResult], None],
    *,
    work: Work = process_document,
    timeout: float | None = None,
    poll: float = 0.5,
) -> None:
    """Run every job on ``backend`` and call ``on_result`` with each result as it comes.

    Jobs go to the workers ``backend.chunk`` at a time (one task; what a task costs the
    scheduler is shared by its documents).  A task past its hard limit (:func:`hard_limit`,
    counted from submission and doubled for the task that may be queued ahead of it) is
    given up and its worker stopped; a document alone in its
    task becomes a ``timeout`` result, the documents of a larger task are tried again, each
    alone.  A worker that dies (a crash in a reader's C code) breaks a process pool: the
    pool is started again and its jobs too are tried again, each alone, so that only the
    one that kills its worker again becomes a ``failed`` result.  Exceptions of
    ``on_result`` (a KeyboardInterrupt) propagate; the caller closes the backend."""
    pending: deque[tuple[Job, int]] = deque((job, 0) for job in jobs)
    inflight: dict[Any, _Task] = {}
    completed: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def limit(task: _Task) -> float:
        # counted from submission: as long again for the task that may be queued ahead
        return (hard_limit(timeout, len(task.jobs)) or 0.0) * (1 + backend.queued_ahead)

    while pending or inflight:
        _fill(backend, work, pending, inflight, completed)
        wait_for = poll
        if timeout:
            deadline = min(t.started + limit(t) for t in inflight.values())
            wait_for = max(0.01, min(poll, deadline - time.monotonic()))
        for handle in _completed(completed, wait_for):
            task = inflight.pop(handle, None)
            if task is None:  # given up already (killed, resubmitted)
                continue
            try:
                results = backend.result(handle)
            except Exception as exc:  # the worker died (BrokenProcessPool, KilledWorker …)
                if backend.recover(handle, exc) and task.attempt == 0:
                    pending.extendleft((job, 1) for job in reversed(task.jobs))
                    continue
                results = [_died(job, exc) for job in task.jobs]
            for result in results:
                on_result(result)
        if not timeout or not inflight:
            continue
        now = time.monotonic()
        stuck = [h for h, t in inflight.items() if now - t.started > limit(t)]
        if not stuck:
            continue
        lost = backend.abandon(stuck, list(inflight))
        for handle in stuck:
            task = inflight.pop(handle)
            if len(task.jobs) == 1:
                on_result(_killed(task.jobs[0], timeout))
            else:  # which one hung is not known: each again, alone
                pending.extendleft((job, 1) for job in reversed(task.jobs))
        for handle in lost:
            task = inflight.pop(handle)
            pending.extendleft((job, task.attempt) for job in reversed(task.jobs))
        for task in inflight.values():
            task.started = time.monotonic()


def _fill(
    backend: Backend,
    work: Work,
    pending: deque[tuple[Job, int]],
    inflight: dict[Any, _Task],
    completed: queue.SimpleQueue[Any],
) -> None:
    """Submit tasks up to the backend's capacity; a job tried again runs alone.  Each
    future reports its completion on ``completed`` (concurrent.futures and distributed
    futures both call their done-callbacks with themselves)."""
    while pending and len(inflight) < backend.capacity:
        retrying = any(t.attempt for t in inflight.values())
        if inflight and (pending[0][1] or retrying):
            return
        chunk: list[Job] = []
        attempt = pending[0][1]
        while pending and len(chunk) < (1 if attempt else backend.chunk):
            if pending[0][1] != attempt:
                break
            chunk.append(pending.popleft()[0])
        future = backend.submit(run_chunk, work, chunk)
        inflight[future] = _Task(chunk, time.monotonic(), attempt)
        future.add_done_callback(completed.put)


def _completed(completed: queue.SimpleQueue[Any], timeout: float) -> list[Any]:
    """The futures completed within ``timeout`` seconds (waiting for the first only)."""
    try:
        done = [completed.get(timeout=timeout)]
    except queue.Empty:
        return []
    while True:
        try:
            done.append(completed.get_nowait())
        except queue.Empty:
            return done


def _died(job: Job, exc: BaseException) -> DocumentResult:
    message = f"工作进程异常退出（{type(exc).__name__}），文件未审核完：{job.label}"
    return DocumentResult(job.index, job.label, "failed", message=message, exit_code=5)


def _killed(job: Job, timeout: float | None) -> DocumentResult:
    seconds = f"{timeout:g}" if timeout else "?"
    return DocumentResult(
        job.index,
        job.label,
        "timeout",
        message=f"审核超过 {seconds} 秒未完成，已终止其工作进程（可用 --timeout 放宽）",
    )
