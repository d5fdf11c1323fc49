"""``juesuan ingest`` and ``juesuan corpus …``: the corpus commands of the command line.

Registered on the main app by :func:`register`; SQLAlchemy, openpyxl and pyarrow are
imported inside the commands, so other commands never pay for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from juesuan.errors import JuesuanError

if TYPE_CHECKING:
    from rich.console import Console

    from juesuan.ingest import Outcome
    from juesuan.store.core import FindingInfo, Store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="数据库：SQLite 文件路径或 URL（postgresql://用户@主机/库）；"
        "默认 $JUESUAN_DB 或 ~/.local/share/juesuan/juesuan.db",
    ),
]
UnitFilter = Annotated[
    str | None, typer.Option("--unit", "-u", help="单位：编号、名称或名称的一部分")
]
YearFilter = Annotated[int | None, typer.Option("--year", "-y", help="年度")]
KindFilter = Annotated[str | None, typer.Option("--kind", "-k", help="类型：决算 或 预算")]
ByOption = Annotated[str | None, typer.Option("--by", help="操作人（默认 $JUESUAN_USER 或登录名）")]

corpus_app = typer.Typer(
    help="文档库：已入库的单位、年度、文档，单位历年数据，审核意见及其处理，导出。",
    no_args_is_help=True,
)
unit_app = typer.Typer(
    help="单位：查看、合并、拆分、改名、增加别名（同一单位历年名称不同时）。",
    no_args_is_help=True,
)
corpus_app.add_typer(unit_app, name="unit")

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
STATE_CHOICES = {
    "open": "open",
    "待处理": "open",
    "confirmed": "confirmed",
    "确认": "confirmed",
    "已确认": "confirmed",
    "dismissed": "dismissed",
    "排除": "dismissed",
    "已排除": "dismissed",
    "fixed": "fixed",
    "已改正": "fixed",
    "改正": "fixed",
}


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.add_typer(corpus_app, name="corpus")


# --- helpers -------------------------------------------------------------------------------


def _fail(err: JuesuanError) -> typer.Exit:
    typer.echo(f"错误：{err.message}", err=True)
    return typer.Exit(err.exit_code)


def _usage(message: str) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    return typer.Exit(2)


def _open(db: str | None) -> Store:
    from juesuan.store import open_store

    try:
        return open_store(db)
    except JuesuanError as err:
        raise _fail(err) from None


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        console = Console(stderr=stderr, highlight=False, width=200, no_color=True)
    return console


def _kind(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip().lower()
    mapping = {"决算": "决算", "final": "决算", "预算": "预算", "budget": "预算"}
    if text not in mapping:
        raise _usage(f"类型只能是“决算”或“预算”，不是“{value}”")
    return mapping[text]


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


# --- ingest --------------------------------------------------------------------------------


def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="文件、文件夹（含子文件夹）或通配符（如 'data/**/*.pdf'）")
    ],
    db: DbOption = None,
    as_one: Annotated[
        bool,
        typer.Option(
            "--as-one",
            help="把给出的全部文件作为同一份公开文件入库（如情况说明与另行公布的公开表）",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条")] = False,
) -> None:
    """读取、审核并保存公开文件到文档库。同一内容（SHA-256 相同）只入库一次，再次入库只记下文件名；
    无法读取的文件记下原因，不影响其他文件。

    退出码：0 全部入库或已在库中；3–8 有文件无法读取（取第一个失败文件的退出码，见 README）；
    10 数据库无法打开。
    """
    from juesuan.ingest import collect
    from juesuan.ingest import ingest as run_ingest

    files, missing = collect(paths)
    for text in missing:
        typer.echo(f"错误：找不到文件或没有匹配的文件：{text}", err=True)
    if not files:
        raise typer.Exit(3)
    if as_one:
        if len(files) < 2:
            raise _usage("--as-one 需要两个或以上的文件")
        groups: list[list[Path]] = [files]
    else:
        groups = [[f] for f in files]
    store = _open(db)
    console = _console()
    err_console = _console(stderr=True)
    try:
        summary = _run_with_progress(store, groups, err_console, quiet, run_ingest)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    _print_ingest_summary(console, summary.outcomes, store.url, summary.rechecked)
    code = summary.exit_code or (3 if missing else 0)
    if code:
        raise typer.Exit(code)


def _run_with_progress(
    store: Store, groups: list[list[Path]], console: Console, quiet: bool, run: Any
) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if quiet:
        return run(store, groups)
    progress = Progress(
        TextColumn("入库"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=len(groups))

        def start(paths: Sequence[Path]) -> None:
            progress.update(task, description=" + ".join(p.name for p in paths))

        def done(_: Outcome) -> None:
            progress.advance(task)

        return run(store, groups, on_start=start, on_done=done)


def _print_ingest_summary(
    console: Console, outcomes: Sequence[Outcome], url: str, rechecked: Sequence[Any] = ()
) -> None:
    from rich.table import Table

    from juesuan.store.db import display_url

    stored = [o for o in outcomes if o.status == "stored"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    failed = [o for o in outcomes if o.status == "failed"]
    if stored:
        table = Table(title="新入库的文档", title_justify="left")
        for col in ("编号", "单位", "年度", "类型", "版本", "错误", "警告", "提示", "文件"):
            table.add_column(col, no_wrap=col in ("编号", "年度"))
        for o in stored[:50]:
            version = str(o.version) + (f"（沿用审核意见 {o.inherited} 条）" if o.inherited else "")
            table.add_row(
                f"#{o.document_id}",
                o.unit or "（未识别）",
                str(o.year or "-"),
                o.kind or "-",
                version,
                str(o.errors),
                str(o.warnings),
                str(o.infos),
                o.label,
            )
        console.print(table)
        if len(stored) > 50:
            console.print(f"……另有 {len(stored) - 50} 份，用 juesuan corpus list 查看")
    if failed:
        console.print("无法入库的文件：")
        for o in failed:
            console.print(f"  {o.label}：{o.message}（退出码 {o.exit_code}）", soft_wrap=True)
    console.print(
        f"入库 {len(stored)} 份，已在库中（跳过）{len(skipped)} 份，失败 {len(failed)} 份。"
        f"数据库：{display_url(url)}",
        soft_wrap=True,
    )
    changed = [r for r in rechecked if r.changed]
    if rechecked:
        console.print(
            f"库中 {len(rechecked)} 份已有文档与新入库的文件相关（上年、同年预算），已重新核对，"
            f"其中 {len(changed)} 份结果有变化（juesuan corpus findings --rule JS95 查看）。",
            soft_wrap=True,
        )


# --- corpus list / history -----------------------------------------------------------------


@corpus_app.command("list")
def corpus_list(
    db: DbOption = None,
    unit: UnitFilter = None,
    year: YearFilter = None,
    kind: KindFilter = None,
    all_versions: Annotated[
        bool, typer.Option("--all-versions", help="也列出被新版本取代的文档")
    ] = False,
    failed: Annotated[bool, typer.Option("--failed", help="列出无法入库的文件及原因")] = False,
) -> None:
    """列出库中的文档：单位、年度、类型、版本、错误/警告/提示数；--failed 列出失败的文件。"""
    from rich.table import Table

    store = _open(db)
    console = _console()
    try:
        if failed:
            rows = store.failures()
            table = Table(title=f"无法入库的文件（{len(rows)} 个）", title_justify="left")
            for col in ("文件", "退出码", "原因", "次数", "最近一次"):
                table.add_column(col)
            for r in rows:
                table.add_row(
                    r.path, str(r.exit_code), r.error, str(r.attempts), _local(r.last_seen)
                )
            console.print(table)
            return
        docs = store.documents(unit=unit, year=year, kind=_kind(kind), all_versions=all_versions)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    units = {d.unit_id for d in docs}
    years = sorted({d.year for d in docs if d.year})
    span = f"{years[0]}–{years[-1]} 年度" if years else "无年度"
    table = Table(title=f"文档 {len(docs)} 份，单位 {len(units)} 个，{span}", title_justify="left")
    for col in ("编号", "单位", "年度", "类型", "版本", "页数", "错误", "警告", "提示", "文件"):
        table.add_column(col, no_wrap=col in ("编号", "年度", "类型"))
    for d in docs:
        version = f"{d.version}" + ("" if d.is_current else "（已被取代）")
        table.add_row(
            f"#{d.id}",
            d.unit or "（未识别）",
            str(d.year or "-"),
            d.kind_label,
            version,
            _count(d.pages),
            _count(d.errors),
            _count(d.warnings),
            _count(d.infos),
            "；".join(Path(f).name for f in d.files),
        )
    console.print(table)


@corpus_app.command("history")
def corpus_history(
    unit: Annotated[str, typer.Argument(help="单位：编号、名称或名称的一部分")],
    db: DbOption = None,
    kind: KindFilter = None,
) -> None:
    """一个单位的历年情况：各年度决算/预算的主要数字（万元）与审核意见数。"""
    from rich.table import Table

    from juesuan.store.core import STATES
    from juesuan.store.figures import FIGURES

    store = _open(db)
    try:
        info, entries = store.history(unit, kind=_kind(kind))
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    console = _console()
    names = "、".join(a for a in info.aliases if a != info.name)
    console.print(
        f"单位：#{info.id} {info.name}" + (f"（又名 {names}）" if names else ""), soft_wrap=True
    )
    if not entries:
        console.print("库中没有该单位的文档。")
        return
    shown = [k for k in FIGURES if any(k in e.figures for e in entries)]
    table = Table(title="主要数字（万元）", title_justify="left")
    table.add_column("年度", no_wrap=True)
    table.add_column("类型", no_wrap=True)
    for key in shown:
        table.add_column(FIGURES[key], justify="right")
    for e in entries:
        table.add_row(
            str(e.document.year or "-"),
            e.document.kind_label,
            *(_amount(e.figures.get(k)) for k in shown),
        )
    console.print(table)
    findings = Table(title="审核意见", title_justify="left")
    for col in ("年度", "类型", "文档", "错误", "警告", "提示", *STATES.values(), "最多的规则"):
        findings.add_column(col, no_wrap=col != "最多的规则")
    for e in entries:
        d = e.document
        top = "、".join(f"{rule}×{n}" for rule, n in e.by_rule.most_common(5))
        findings.add_row(
            str(d.year or "-"),
            d.kind_label,
            f"#{d.id}",
            _count(d.errors),
            _count(d.warnings),
            _count(d.infos),
            *(str(e.by_state.get(state, 0)) for state in STATES),
            top,
        )
    console.print(findings)
    repeated = _repeated_rules(entries)
    if repeated:
        console.print("连续多年出现的问题（规则：年度）：" + "；".join(repeated), soft_wrap=True)


def _repeated_rules(entries: Sequence[Any]) -> list[str]:
    years: dict[str, set[int]] = {}
    for e in entries:
        if e.document.year:
            for rule in e.by_rule:
                years.setdefault(rule, set()).add(e.document.year)
    return [
        f"{rule}：{'、'.join(str(y) for y in sorted(ys))}"
        for rule, ys in sorted(years.items())
        if len(ys) > 1
    ]


def _local(when: Any) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else ""


# --- findings and reviews ------------------------------------------------------------------


@corpus_app.command("findings")
def corpus_findings(
    db: DbOption = None,
    unit: UnitFilter = None,
    year: YearFilter = None,
    kind: KindFilter = None,
    doc: Annotated[int | None, typer.Option("--doc", help="文档编号（含被取代的版本）")] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="审核状态：open/confirmed/dismissed/fixed")
    ] = None,
    rule: Annotated[str | None, typer.Option("--rule", help="规则编号或前缀，逗号分隔")] = None,
    min_severity: Annotated[
        str | None,
        typer.Option("--min-severity", help="只列出不低于此严重程度：error/warning/info"),
    ] = None,
) -> None:
    """列出库中现行文档的审核意见（编号、状态、规则、说明、页码），供审核处理。"""
    from juesuan.store.core import STATES

    if min_severity is not None and min_severity not in SEVERITY_LABELS:
        raise _usage("--min-severity 只能是 error、warning 或 info")
    store = _open(db)
    try:
        found = store.findings(
            unit=unit,
            year=year,
            kind=_kind(kind),
            document_id=doc,
            state=_state(state) if state else None,
            rules=[r.strip() for r in rule.replace("，", ",").split(",") if r.strip()]
            if rule
            else None,
            min_severity=min_severity,
        )
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    console = _console()
    current: tuple[int, str | None] | None = None
    for f in found:
        if current != (f.document_id, f.unit):
            current = (f.document_id, f.unit)
            console.print(
                f"【#{f.document_id} {f.unit or '（未识别）'} {f.year or ''} {f.kind or ''}】"
            )
        console.print(_finding_line(f, STATES), soft_wrap=True)
    console.print(f"共 {len(found)} 条。")


def _finding_line(f: FindingInfo, states: dict[str, str]) -> str:
    page = f"第{f.page}页 " if f.page else ""
    state = states.get(f.state, f.state)
    if f.state_reason and f.state != "open":
        state += f"：{f.state_reason}"
    return (
        f"  #{f.id} [{state}] {SEVERITY_LABELS.get(f.severity, f.severity)} {f.rule} "
        f"{page}{f.message}"
    )


def _state(value: str) -> str:
    key = value.strip().lower()
    if key not in STATE_CHOICES:
        raise _usage(
            "审核状态只能是 open（待处理）、confirmed（已确认）、"
            "dismissed（已排除）或 fixed（已改正）"
        )
    return STATE_CHOICES[key]


@corpus_app.command("review")
def corpus_review(
    ids: Annotated[list[int], typer.Argument(help="审核意见编号（见 juesuan corpus findings）")],
    state: Annotated[
        str,
        typer.Option(
            "--state",
            "-s",
            help="confirmed 确认、dismissed 排除（须写理由）、fixed 已改正、open 重新打开",
        ),
    ],
    reason: Annotated[str | None, typer.Option("--reason", "-r", help="理由（排除时必填）")] = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """处理审核意见：确认、排除（写明理由）、标记已改正或重新打开。同一单位同年同类文件的新版本中
    同一问题（按指纹识别）沿用这里的处理结果。"""
    from juesuan.store.core import STATES

    target = _state(state)
    if target == "dismissed" and not (reason and reason.strip()):
        raise _usage("排除（dismissed）一条审核意见必须写明理由（--reason）")
    store = _open(db)
    try:
        done = store.review(ids, target, reason, by)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    console = _console()
    for f in done:
        console.print(_finding_line(f, STATES), soft_wrap=True)
    console.print(f"已将 {len(done)} 条审核意见标记为“{STATES[target]}”。")


# --- export -------------------------------------------------------------------------------


@corpus_app.command("export")
def corpus_export(
    what: Annotated[
        str,
        typer.Argument(
            help="导出内容：documents 文档、tables 公开表数据、statements 说明所述数字、"
            "findings 审核意见、all 全部"
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出文件（all 时 CSV/Parquet 为文件夹）")
    ],
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="csv、xlsx 或 parquet（默认按输出文件扩展名）"),
    ] = None,
    db: DbOption = None,
    unit: UnitFilter = None,
    year: YearFilter = None,
    kind: KindFilter = None,
    all_versions: Annotated[
        bool, typer.Option("--all-versions", help="包括被新版本取代的文档")
    ] = False,
) -> None:
    """导出文档库：文档清单、公开表每个金额（长表）、情况说明所述数字、审核意见，
    格式 CSV、XLSX（每类一个工作表）或 Parquet（需 pip install 'juesuan[parquet]'）。"""
    from juesuan.store.export import DATASETS, FORMATS, export

    name = what.strip().lower()
    if name != "all" and name not in DATASETS:
        raise _usage(f"不能导出“{what}”；可选：{'、'.join([*DATASETS, 'all'])}")
    fmt = (format or output.suffix.lstrip(".")).strip().lower()
    if fmt not in FORMATS:
        raise _usage("导出格式只能是 csv、xlsx 或 parquet（用 --format 指定或用相应扩展名）")
    store = _open(db)
    try:
        docs = store.documents(unit=unit, year=year, kind=_kind(kind), all_versions=all_versions)
        counts = export(store, name, output, fmt, docs)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    parts = "，".join(f"{DATASETS[k][0]} {n} 行" for k, n in counts.items())
    typer.echo(f"已导出 {len(docs)} 份文档的{parts}：{output}")


# --- recheck ------------------------------------------------------------------------------


@corpus_app.command("recheck")
def corpus_recheck(
    db: DbOption = None,
    all_documents: Annotated[
        bool, typer.Option("--all", help="全部重新审核（默认只审核规则目录已变的文档）")
    ] = False,
) -> None:
    """用当前规则重新审核库中的文档（从保存的结构化数据，不重读文件，并与库中相关文件比对）；
    审核意见按指纹沿用此前的处理结果。"""
    from juesuan.ingest import catalog_version, check_stored

    store = _open(db)
    version = catalog_version()
    try:
        docs = store.documents(all_versions=True)
        latest = store.latest_catalog_versions()
        todo = [d for d in docs if all_documents or latest.get(d.id) != version]
        done = check_stored(store, [d.id for d in todo], version=version, force=True)
        inherited = sum(r.inherited for r in done)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    typer.echo(
        f"重新审核 {len(todo)} 份文档（规则目录版本 {version}），沿用审核处理结果 {inherited} 条；"
        f"其余 {len(docs) - len(todo)} 份已是当前规则的结果。"
    )


# --- corpus check --------------------------------------------------------------------------


@corpus_app.command("check")
def corpus_check(
    db: DbOption = None,
    unit: UnitFilter = None,
    year: YearFilter = None,
    kind: KindFilter = None,
    min_severity: Annotated[
        str, typer.Option("--min-severity", help="只列出不低于此严重程度：error/warning/info")
    ] = "info",
) -> None:
    """跨年度、跨文档核对库中全部现行文档（JS951–JS954）：决算所述上年数与上年决算、年初预算与
    同年预算、预算所述比上年增减与上年预算、科目名称与同年其他单位。结果有变化的文档保存为新的
    审核结果（审核意见按指纹沿用），并列出跨文档问题。"""
    from juesuan.ingest import Rechecked, catalog_version, check_stored
    from juesuan.model.findings import Category, Severity
    from juesuan.progress import tracker
    from juesuan.reporting.findings import evidence_line

    if min_severity not in SEVERITY_LABELS:
        raise _usage("--min-severity 只能是 error、warning 或 info")
    floor = Severity(min_severity).rank
    store = _open(db)
    console = _console()
    counts = {s: 0 for s in SEVERITY_LABELS}
    try:
        docs = store.documents(unit=unit, year=year, kind=_kind(kind))
        names = {d.id: d for d in docs}
        with tracker("核对", len(docs)) as advance:

            def show(r: Rechecked) -> None:
                advance()
                found = [
                    f
                    for f in r.report.findings
                    if f.category is Category.CORPUS and f.severity.rank >= floor
                ]
                if not found:
                    return
                d = names[r.document_id]
                console.print(
                    f"【#{d.id} {d.unit or '（未识别）'} {d.year or ''} {d.kind_label}】",
                    soft_wrap=True,
                )
                source = r.report.document.source
                for f in found:
                    counts[f.severity.value] += 1
                    console.print(
                        f"  {f.severity.label} {f.rule} {f.message}", soft_wrap=True, markup=False
                    )
                    for ev in f.evidence:
                        console.print(
                            f"    {evidence_line(ev, source)}", soft_wrap=True, markup=False
                        )

            done = check_stored(
                store, [d.id for d in docs], version=catalog_version(), on_done=show
            )
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    changed = [r for r in done if r.changed]
    console.print(
        f"核对 {len(done)} 份现行文档：跨文档问题 错误 {counts['error']} 项，"
        f"警告 {counts['warning']} 项，提示 {counts['info']} 项；"
        f"{len(changed)} 份文档的审核结果有变化，已保存"
        f"（沿用审核意见 {sum(r.inherited for r in changed)} 条）。",
        soft_wrap=True,
    )


# --- units --------------------------------------------------------------------------------


@unit_app.command("list")
def unit_list(db: DbOption = None) -> None:
    """列出全部单位：编号、名称、别名、有文档的年度、文档数。"""
    from rich.table import Table

    store = _open(db)
    try:
        units = store.units()
    finally:
        store.close()
    table = Table(title=f"单位 {len(units)} 个", title_justify="left")
    for col in ("编号", "名称", "别名", "年度", "文档数"):
        table.add_column(col, no_wrap=col in ("编号", "文档数"))
    for u in units:
        table.add_row(
            f"#{u.id}",
            u.name,
            "、".join(a for a in u.aliases if a != u.name),
            "、".join(str(y) for y in u.years),
            str(u.documents),
        )
    _console().print(table)


@unit_app.command("show")
def unit_show(
    unit: Annotated[str, typer.Argument(help="单位：编号、名称或名称的一部分")],
    db: DbOption = None,
) -> None:
    """一个单位的名称、别名、文档和合并/拆分/改名记录。"""
    store = _open(db)
    try:
        info = store.resolve_unit(unit)
        docs = store.documents(unit=str(info.id), all_versions=True)
        events = store.unit_events(str(info.id))
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    console = _console()
    console.print(f"单位 #{info.id} {info.name}")
    console.print(f"  名称与别名：{'、'.join(info.aliases)}", soft_wrap=True)
    for d in docs:
        current = "" if d.is_current else "（已被取代）"
        console.print(
            f"  文档 #{d.id} {d.year or '-'} {d.kind_label} 第{d.version}版{current}"
            f"  文件所印名称：{d.printed_unit or '-'}",
            soft_wrap=True,
        )
    for at, _action, detail, who in events:
        console.print(f"  {_local(at)} {who}：{detail}", soft_wrap=True)


def _unit_done(message: str, info: Any) -> None:
    typer.echo(
        f"{message}：#{info.id} {info.name}（名称：{'、'.join(info.aliases)}；"
        f"年度：{'、'.join(str(y) for y in info.years) or '无'}；文档 {info.documents} 份）"
    )


@unit_app.command("merge")
def unit_merge(
    target: Annotated[str, typer.Argument(help="保留的单位（编号或名称）")],
    source: Annotated[str, typer.Argument(help="并入的单位（编号或名称），其名称成为别名")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """合并两个单位（如单位改名后被识别为两个单位）：后者的文档和名称归入前者。"""
    store = _open(db)
    try:
        info = store.merge_units(target, source, by)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    _unit_done("已合并", info)


@unit_app.command("split")
def unit_split(
    unit: Annotated[str, typer.Argument(help="要拆分的单位（编号或名称）")],
    name: Annotated[
        list[str] | None,
        typer.Option("--name", help="移出的名称（可多次），连同以此名称印制的文档"),
    ] = None,
    doc: Annotated[list[int] | None, typer.Option("--doc", help="移出的文档编号（可多次）")] = None,
    new_name: Annotated[str | None, typer.Option("--new-name", help="新单位的名称")] = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """拆分单位（误合并或名称相近的不同单位）：指定的名称和文档成为一个新单位。"""
    store = _open(db)
    try:
        info = store.split_unit(
            unit, names=name or [], document_ids=doc or [], new_name=new_name, actor=by
        )
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    _unit_done("已拆出新单位", info)


@unit_app.command("rename")
def unit_rename(
    unit: Annotated[str, typer.Argument(help="单位（编号或名称）")],
    new_name: Annotated[str, typer.Argument(help="新名称（同时成为别名）")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """给单位改名：显示用新名称，旧名称仍是别名，以新名称印制的文档也归入该单位。"""
    store = _open(db)
    try:
        info = store.rename_unit(unit, new_name, by)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    _unit_done("已改名", info)


@unit_app.command("alias")
def unit_alias(
    unit: Annotated[str, typer.Argument(help="单位（编号或名称）")],
    name: Annotated[str, typer.Argument(help="别名：以此名称印制的文档归入该单位")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """给单位增加别名（可在入库前设好）；库中已有以此名称识别的单位时两者合并。"""
    store = _open(db)
    try:
        info = store.add_alias(unit, name, by)
    except JuesuanError as err:
        raise _fail(err) from None
    finally:
        store.close()
    _unit_done("已增加别名", info)
