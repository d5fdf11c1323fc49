"""``juesuan batch`` and ``juesuan generate --corpus``: the command line of many documents.

Registered on the main app by :func:`register`; the pool, Dask, openpyxl and pyarrow are
imported inside the commands, so other commands never pay for them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from juesuan.errors import JuesuanError

if TYPE_CHECKING:
    from rich.console import Console

    from juesuan.batch import BatchReport
    from juesuan.batch.outputs import Recall

#: Seconds a document may take unless told otherwise.
DEFAULT_TIMEOUT = 120.0


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def _fail(err: JuesuanError) -> typer.Exit:
    typer.echo(f"错误：{err.message}", err=True)
    return typer.Exit(err.exit_code)


def _usage(message: str) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    return typer.Exit(2)


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        console = Console(stderr=stderr, highlight=False, width=200, no_color=True)
    return console


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def batch(
    paths: Annotated[
        list[str],
        typer.Argument(help="文件、文件夹（含子文件夹）或通配符（如 '2024决算/**/*.pdf'）"),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="汇总工作簿（.xlsx）：每份文件一行")
    ] = None,
    findings: Annotated[
        Path | None,
        typer.Option("--findings", help="审核意见表：.parquet 或 .xlsx，每条意见一行"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", help="工作进程数（默认本机 CPU 核数；--scheduler 时由集群决定）"
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="在已有的 Dask 集群上运行：调度器地址 tcp://主机:8786"),
    ] = None,
    local_cluster: Annotated[
        bool, typer.Option("--local-cluster", help="在本机启动 Dask LocalCluster 运行")
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="数据库：SQLite 文件路径或 URL（postgresql://用户@主机/库）；"
            "默认 $JUESUAN_DB 或 ~/.local/share/juesuan/juesuan.db",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="每份文件最多用时（秒），超时的文件记为“超时”"),
    ] = DEFAULT_TIMEOUT,
    mistakes: Annotated[
        Path | None,
        typer.Option("--mistakes", help="生成语料的错误清单 mistakes.json：报告各类错误的查出率"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条")] = False,
) -> None:
    """成批审核公开文件并存入文档库：默认本机多进程，也可在 Dask 集群上运行。

    每份文件一行汇总（单位、年度、类型、页数、各类问题数、用时、状态）；读不了的文件和超时的
    文件也是一行，不会中断整批。每份文件也与库中相关文件比对（文档库规则 JS951–JS954）；审核时
    其上年或同年预算文件尚未入库的，整批完成后再复核一次，与上年、同年预算的比对不受文件
    顺序影响。库中已有同一内容且按当前规则审核过的文件直接跳过，中断后再次
    运行同一命令只做其余部分。

    退出码：0 整批完成（含无法审核或超时的文件，见汇总）；2 用法错误；3 没有找到文件或输出
    无法写入；10 数据库无法打开；11 Dask 集群无法连接。
    """
    from juesuan.ingest import collect

    if scheduler is not None and local_cluster:
        raise _usage("--scheduler 与 --local-cluster 只能选一个")
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise _usage("--workers 至少为 1")
    if timeout <= 0:
        raise _usage("--timeout 应为正数（秒）")
    if output is not None and output.suffix.lower() != ".xlsx":
        raise _usage(f"汇总工作簿应为 .xlsx 文件：{output}")
    if findings is not None:
        suffix = findings.suffix.lower()
        if suffix not in (".parquet", ".xlsx"):
            raise _usage(f"审核意见表应为 .parquet 或 .xlsx 文件：{findings}")
        if suffix == ".parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise _fail(
                    JuesuanError("写 Parquet 需要 pyarrow：pip install 'juesuan[parquet]'")
                ) from None
    mistake_list = None
    if mistakes is not None:
        from juesuan.generate.corpus import load_mistakes

        try:
            mistake_list = load_mistakes(mistakes)
        except JuesuanError as err:
            raise _fail(err) from None
    files, missing = collect(paths)
    for text in missing:
        typer.echo(f"错误：找不到文件或没有匹配的文件：{text}", err=True)
    outputs = [p for p in (output, findings) if p is not None]
    files = [f for f in files if not any(_same(f, out) for out in outputs)]
    if not files:
        raise typer.Exit(3)
    console = _console()
    report = _run(files, db, count, scheduler, local_cluster, timeout, quiet)
    recall_result = None
    if mistake_list is not None:
        from juesuan.batch.outputs import recall

        recall_result = recall(report.results, mistake_list)
    _print_report(console, report, recall_result)
    try:
        _write_outputs(console, report, output, findings, recall_result)
    except JuesuanError as err:
        raise _fail(err) from None
    if missing:
        raise typer.Exit(3)


def _run(
    files: list[Path],
    db: str | None,
    workers: int,
    scheduler: str | None,
    local_cluster: bool,
    timeout: float,
    quiet: bool,
) -> BatchReport:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from juesuan.batch import run_batch
    from juesuan.batch.work import STATUS_LABELS, DocumentResult
    from juesuan.ingest import Rechecked

    err_console = _console(stderr=True)
    url = db or os.environ.get("JUESUAN_DB", "")
    if scheduler is not None and not url.startswith("postgres"):
        err_console.print(
            "注意：Dask 集群的各工作节点直接写数据库；SQLite 文件须位于所有节点共享的路径，"
            "多台机器时请用 --db postgresql://…",
            soft_wrap=True,
        )
    progress = Progress(
        TextColumn("{task.fields[step]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
        disable=quiet,
    )
    counts: dict[str, int] = {}
    state: dict[str, Any] = {"task": None, "done": 0, "start": 0.0, "recheck": None}

    def started(report: BatchReport) -> None:
        import time

        where = f"{report.backend}，{report.workers} 个工作进程"
        state["task"] = progress.add_task(where, total=len(files), rate="", step="审核")
        state["start"] = time.perf_counter()

    def done(result: DocumentResult) -> None:
        import time

        counts[result.status] = counts.get(result.status, 0) + 1
        state["done"] += 1
        elapsed = time.perf_counter() - state["start"]
        rate = f"{state['done'] / elapsed:.1f} 份/秒" if elapsed > 0 else ""
        text = "，".join(f"{STATUS_LABELS[k]} {v}" for k, v in counts.items())
        progress.update(state["task"], advance=1, description=text, rate=rate)

    def recheck(total: int) -> None:
        if total:
            state["recheck"] = progress.add_task(
                "与本批后入库的上年、同年预算文件比对", total=total, rate="", step="文档库规则复核"
            )

    def rechecked(_: Rechecked) -> None:
        progress.advance(state["recheck"])

    try:
        with progress:
            return run_batch(
                files,
                db=db,
                workers=workers,
                scheduler=scheduler,
                local_cluster=local_cluster,
                timeout=timeout,
                on_start=started,
                on_result=done,
                on_recheck=recheck,
                on_rechecked=rechecked,
            )
    except JuesuanError as err:
        raise _fail(err) from None
    except KeyboardInterrupt:
        finished = state["done"]
        typer.echo(
            f"已中断：完成 {finished} 份（已入库的保留在库中）；再次运行同一命令只审核其余文件"
            "（已入库文件之间的文档库规则复核未做，可用 juesuan corpus check 补做）。",
            err=True,
        )
        raise typer.Exit(130) from None


def _print_report(console: Console, report: BatchReport, recall_result: Recall | None) -> None:
    from juesuan.batch.outputs import recall_text
    from juesuan.batch.work import STATUS_LABELS
    from juesuan.store.db import display_url

    statuses = report.statuses
    parts = "，".join(f"{label} {statuses[key]}" for key, label in STATUS_LABELS.items())
    rate = f"{report.documents_per_second:.1f} 份/秒" if report.seconds else "-"
    console.print(
        f"审核 {len(report.results)} 份（{report.backend}，{report.workers} 个工作进程）：{parts}；"
        f"用时 {report.seconds:.1f} 秒，{rate}",
        soft_wrap=True,
    )
    ok = [r for r in report.results if r.ok]
    errors = sum(r.errors for r in ok)
    warnings = sum(r.warnings for r in ok)
    infos = sum(r.infos for r in ok)
    with_errors = sum(1 for r in ok if r.errors)
    console.print(
        f"问题：错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项；"
        f"有错误的文件 {with_errors} 份",
        soft_wrap=True,
    )
    bad = [r for r in report.results if not r.ok]
    if bad:
        console.print("无法审核或超时的文件：")
        for r in bad[:20]:
            console.print(f"  {r.label}：{r.message}", soft_wrap=True)
        if len(bad) > 20:
            console.print(f"  ……另有 {len(bad) - 20} 份，见汇总工作簿")
    if report.rechecked:
        console.print(
            f"文档库规则复核 {len(report.rechecked)} 份（审核时其上年或同年预算文件尚未入库），"
            f"审核意见有变化 {report.recheck_findings_changed} 份，用时 "
            f"{report.recheck_seconds:.1f} 秒；汇总与审核意见表为复核后的结果",
            soft_wrap=True,
        )
    if report.recheck_error:
        console.print(
            f"文档库规则复核未完成（{report.recheck_error}）：汇总为各文件首次审核的结果，"
            "可运行 juesuan corpus check 补做",
            soft_wrap=True,
        )
    if report.restarts:
        console.print(f"工作进程重启 {report.restarts} 次（卡住或异常退出）")
    if recall_result is not None:
        console.print("注入错误的查出率：")
        console.print(recall_text(recall_result), end="", soft_wrap=True)
    console.print(f"数据库：{display_url(report.db_url)}", soft_wrap=True)


def _write_outputs(
    console: Console,
    report: BatchReport,
    output: Path | None,
    findings: Path | None,
    recall_result: Recall | None,
) -> None:
    from juesuan.batch.outputs import write_findings, write_summary

    if output is not None:
        write_summary(report.results, output, recall_result)
        console.print(f"汇总工作簿：{output}", soft_wrap=True)
    if findings is not None:
        rows = write_findings(report.results, findings)
        console.print(f"审核意见表：{findings}（{rows} 条）", soft_wrap=True)


# --- generate --corpus ---------------------------------------------------------------------


def generate_corpus(
    folder: Path | None, count: int, seed: int, fmt: str, workers: int | None, rate: float
) -> None:
    """``juesuan generate --corpus N --seed S DIR``: N disclosures and mistakes.json."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from juesuan.generate.corpus import FORMATS, MISTAKES_FILE, write_corpus

    if folder is None:
        raise _usage("请给出语料的输出目录：juesuan generate --corpus N --seed S 目录")
    if count < 1:
        raise _usage("--corpus 至少为 1")
    fmt = fmt.strip().lower().lstrip(".")
    if fmt not in FORMATS:
        raise _usage(f"不支持的格式“{fmt}”：可选 {'、'.join(FORMATS)}")
    if not 0 <= rate <= 1:
        raise _usage("--mistake-rate 应在 0 与 1 之间")
    if folder.exists() and not folder.is_dir():
        raise _usage(f"{folder} 不是目录")
    processes = workers if workers is not None else (os.cpu_count() or 1)
    progress = Progress(
        TextColumn("生成"),
        BarColumn(),
        MofNCompleteColumn(),
        console=_console(stderr=True),
        transient=True,
    )
    try:
        with progress:
            task = progress.add_task("", total=count)
            result = write_corpus(
                folder,
                count,
                seed,
                fmt,
                mistake_rate=rate,
                workers=processes,
                on_done=lambda _: progress.advance(task),
            )
    except JuesuanError as err:
        raise _fail(err) from None
    units = len({d.unit for d in result.documents})
    years = sorted({d.year for d in result.documents})
    typer.echo(
        f"已生成 {len(result.documents)} 份（{units} 个单位，{years[0]}–{years[-1]} 年，{fmt}），"
        f"其中注入错误 {len(result.mistakes)} 处；错误清单：{folder / MISTAKES_FILE}",
        err=True,
    )
