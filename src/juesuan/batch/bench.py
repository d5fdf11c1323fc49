"""``juesuan bench --batch N``: documents per second of ``juesuan batch`` with 1 and 2
workers, on the process pool and on a Dask LocalCluster, over a generated corpus; the peak
memory of each worker; recall over the corpus's injected mistakes.

Each run starts from an empty SQLite store (so every document is read, checked and
stored), and its rate counts from the first document submitted to the last result in and
the re-check of the documents that missed a related one done (reported apart too):
starting the pool or the cluster is reported apart.  The machine's load average is printed
beside each run: on a shared machine another process's work shows there.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.batch import BatchReport

__all__ = ["BenchRun", "run_batch_bench"]


@dataclass(slots=True)
class BenchRun:
    backend: str  # pool / dask
    workers: int
    documents: int
    seconds: float
    startup: float
    peak_memory_mb: list[float]
    load: float
    statuses: dict[str, int]
    read_ms: float = 0.0  # per document, in the worker
    check_ms: float = 0.0
    store_ms: float = 0.0  # with the wait for SQLite's one writer
    rechecked: int = 0  # documents checked again after the batch (corpus rules)
    recheck_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _corpus(folder: Path, count: int, fmt: str, seed: int) -> list[Path]:
    from juesuan.generate.corpus import MISTAKES_FILE, write_corpus
    from juesuan.ingest import collect

    if not (folder / MISTAKES_FILE).is_file():
        write_corpus(folder, count, seed, fmt, workers=os.cpu_count() or 1)
    files, _ = collect([folder])
    return files[:count]


def _run(
    files: Sequence[Path], backend: str, workers: int, tmp: Path, tag: str
) -> tuple[BenchRun, BatchReport]:
    from juesuan.batch import run_batch

    db = f"sqlite:///{tmp / f'{tag}.db'}"
    load = os.getloadavg()[0]
    report = run_batch(files, db=db, workers=workers, local_cluster=backend == "dask")
    run = BenchRun(
        backend,
        workers,
        len(report.results),
        report.seconds,
        report.startup_seconds,
        sorted(report.peak_memory_by_worker().values()),
        load,
        dict(report.statuses),
        rechecked=len(report.rechecked),
        recheck_seconds=report.recheck_seconds,
    )
    done = [r for r in report.results if r.status == "checked"]
    if done:
        run.read_ms = 1000 * sum(r.read_seconds for r in done) / len(done)
        run.check_ms = 1000 * sum(r.check_seconds for r in done) / len(done)
        run.store_ms = 1000 * sum(r.store_seconds for r in done) / len(done)
    return run, report


def run_batch_bench(
    count: int = 1000,
    fmt: str = "txt",
    folder: Path | None = None,
    seed: int = 0,
    repeat: int = 1,
    workers: Sequence[int] = (1, 2),
) -> str:
    """Generate (or reuse, in ``folder``) a corpus of ``count`` documents and time the batch
    on both executors; the best of ``repeat`` runs of each is reported."""
    from juesuan.batch.outputs import recall, recall_text
    from juesuan.generate.corpus import MISTAKES_FILE, load_mistakes

    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        where = folder or tmp / "corpus"
        files = _corpus(where, count, fmt, seed)
        lines.append(f"语料：{len(files)} 份（{where}），CPU 核数 {os.cpu_count()}")
        best: dict[tuple[str, int], BenchRun] = {}
        last_report = None
        for round_ in range(repeat):
            for backend in ("pool", "dask"):
                for n in workers:
                    run, report = _run(files, backend, n, tmp, f"{backend}{n}-{round_}")
                    key = (backend, n)
                    if key not in best or run.rate > best[key].rate:
                        best[key] = run
                    if backend == "pool":
                        last_report = report
                    lines.append(_line(run, round_))
        lines.append("")
        lines.append("最好成绩：")
        for run in best.values():
            lines.append(_line(run, None))
        for backend, label in (("pool", "进程池"), ("dask", "Dask")):
            one, two = best.get((backend, 1)), best.get((backend, 2))
            if one and two and one.rate:
                lines.append(f"{label} 2 个工作进程 / 1 个：{two.rate / one.rate:.2f} 倍")
        for n in workers:
            pool, dask = best.get(("pool", n)), best.get(("dask", n))
            if pool and dask and pool.rate:
                cost = 1 - dask.rate / pool.rate
                lines.append(f"Dask 相对进程池（{n} 个工作进程）：慢 {cost:.1%}")
        mistakes = where / MISTAKES_FILE
        if last_report is not None and mistakes.is_file():
            lines.append("")
            lines.append("注入错误的查出率（进程池的最后一次运行）：")
            lines.append(recall_text(recall(last_report.results, load_mistakes(mistakes))))
    return "\n".join(lines).rstrip("\n") + "\n"


def _line(run: BenchRun, round_: int | None) -> str:
    label = "进程池" if run.backend == "pool" else "Dask"
    memory = "、".join(f"{m:.0f}" for m in run.peak_memory_mb)
    head = f"第 {round_ + 1} 轮 " if round_ is not None else ""
    other = {k: v for k, v in run.statuses.items() if k != "checked"}
    note = f"，另有 {other}" if other else ""
    return (
        f"{head}{label} {run.workers} 个工作进程：{run.documents} 份 {run.seconds:.1f} 秒，"
        f"{run.rate:.1f} 份/秒（启动 {run.startup:.1f} 秒；每份读取 {run.read_ms:.0f}、"
        f"审核 {run.check_ms:.0f}、保存 {run.store_ms:.0f} 毫秒；"
        f"文档库规则复核 {run.rechecked} 份 {run.recheck_seconds:.1f} 秒；"
        f"工作进程峰值内存 {memory} MB；开始时负载 {run.load:.2f}{note}）"
    )
