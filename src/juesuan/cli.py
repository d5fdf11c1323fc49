"""The ``juesuan`` command line.  Thin: every command calls the packages below it.

Exit codes are listed in :mod:`juesuan.errors` and README.md.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from juesuan import cli_i18n
from juesuan.errors import JuesuanError, os_error_text

cli_i18n.install()

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="juesuan（决算）：读取、审核、生成部门决算和部门预算公开文件，保存历年公开文件。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from juesuan import __version__

        typer.echo(f"juesuan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="显示版本号并退出。", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """juesuan（决算）：读取、审核、生成部门决算和部门预算公开文件，保存历年公开文件。"""


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"


def _fail(err: JuesuanError) -> typer.Exit:
    typer.echo(f"错误：{err.message}", err=True)
    return typer.Exit(err.exit_code)


@app.command("extract")
def extract(
    file: Annotated[Path, typer.Argument(help="决算公开文件：PDF、DOCX、XLSX 或 TXT")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="输出格式")] = (
        ExtractFormat.json
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件（默认标准输出）")
    ] = None,
) -> None:
    """读取一份决算或预算公开文件，输出结构化数据（含每个数字的出处）。

    退出码：0 成功；2 用法错误；3–8 文件无法读取，4 也表示文件不像公开文件（见 README）。
    """
    from juesuan import read
    from juesuan.model import to_json_dict
    from juesuan.rules import require_disclosure

    if output is not None:
        _check_output(output, [file])
    try:
        doc = read(file)
        require_disclosure(doc, str(file), "未输出")
    except JuesuanError as err:
        raise _fail(err) from None
    if format is ExtractFormat.json:
        text = json.dumps(to_json_dict(doc), ensure_ascii=False, indent=1) + "\n"
    else:
        from juesuan.reporting.summary import render_summary

        text = render_summary(doc)
    _write(text, output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"错误：无法写入输出文件 {output}：{os_error_text(exc)}", err=True)
        raise typer.Exit(3) from None


@app.command("bench")
def bench(
    files: Annotated[list[Path] | None, typer.Argument(help="要计时的文件")] = None,
    repeat: Annotated[int, typer.Option("--repeat", "-n", help="每个文件读取次数")] = 5,
    multiply: Annotated[
        int, typer.Option("--multiply", help="把 PDF 重复 N 次拼成大文件再计时（大文件检查）")
    ] = 1,
    generate: Annotated[
        bool, typer.Option("--generate", help="另计时：用示例数据生成 PDF/DOCX/HTML（两种版式）")
    ] = False,
    corpus: Annotated[
        int,
        typer.Option(
            "--corpus",
            help="另计时文档库：样例入库速度，再审核并保存 N 份生成数据，查询单位历年情况",
        ),
    ] = 0,
    db: Annotated[
        str | None, typer.Option("--db", help="--corpus 用的空数据库（默认临时 SQLite 文件）")
    ] = None,
    web: Annotated[
        bool,
        typer.Option(
            "--web",
            help="另计时网页服务：上传 30 页样例到出审核结果页的时间，审核结果页每秒页数",
        ),
    ] = False,
    batch: Annotated[
        int,
        typer.Option(
            "--batch", help="另计时 juesuan batch：N 份生成语料，1/2 个工作进程，进程池与 Dask"
        ),
    ] = 0,
    batch_format: Annotated[
        str, typer.Option("--batch-format", help="--batch 语料格式：txt 或 pdf")
    ] = "txt",
    batch_dir: Annotated[
        Path | None,
        typer.Option("--batch-dir", help="--batch 语料目录（已有 mistakes.json 则直接使用）"),
    ] = None,
    batch_repeat: Annotated[
        int, typer.Option("--batch-repeat", help="--batch 每种配置运行几轮（取最好一轮）")
    ] = 1,
) -> None:
    """计时：每份文件的读取与审核时间（按文件、按页），PDF 另给 PyMuPDF 纯文本提取时间作对照。"""
    if web:
        from juesuan.bench import run_web_bench

        sample = Path(__file__).resolve().parents[2] / "samples" / "shanghai-guihua-2024.pdf"
        target = files[0] if files else sample
        try:
            sys.stdout.write(run_web_bench(target, repeat))
        except (RuntimeError, OSError) as exc:
            typer.echo(f"错误：网页服务计时失败：{exc}", err=True)
            raise typer.Exit(1) from None
        return
    from juesuan.bench import run_bench, run_corpus_bench, run_generate_bench

    if batch:
        from juesuan.batch.bench import run_batch_bench

        try:
            sys.stdout.write(run_batch_bench(batch, batch_format, batch_dir, repeat=batch_repeat))
        except JuesuanError as err:
            raise _fail(err) from None
        return

    if corpus:
        try:
            sys.stdout.write(run_corpus_bench(corpus, db))
        except JuesuanError as err:
            raise _fail(err) from None
        if not files and not generate:
            return
    if generate:
        sys.stdout.write(run_generate_bench(repeat))
        if not files:
            return
    try:
        sys.stdout.write(run_bench(files or [], repeat, multiply))
    except JuesuanError as err:
        raise _fail(err) from None


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


class MinSeverity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def _codes(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [c.strip() for c in value.replace("，", ",").split(",") if c.strip()]


def _usage(message: str) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    return typer.Exit(2)


@app.command("check")
def check(
    files: Annotated[list[Path], typer.Argument(help="要审核的决算公开文件（可多个）")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="报告格式")] = (
        CheckFormat.text
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="报告文件（默认标准输出；xlsx 必须指定）")
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="另存一份在每个问题处加批注的 PDF（仅限单个 PDF 输入）"),
    ] = None,
    min_severity: Annotated[
        MinSeverity, typer.Option("--min-severity", help="只报告不低于此严重程度的问题")
    ] = MinSeverity.info,
    select: Annotated[
        str | None,
        typer.Option("--select", help="只运行这些规则：编号、前缀或类别，逗号分隔（如 JS2,JS501）"),
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="不运行这些规则：编号、前缀或类别，逗号分隔")
    ] = None,
    as_one: Annotated[
        bool,
        typer.Option(
            "--as-one", help="把给出的几个文件当作一份公开文件合并审核（如说明与单独公开的报表）"
        ),
    ] = False,
    timing: Annotated[
        bool, typer.Option("--timing", help="JSON 报告中附上读取和审核用时（秒）")
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="文档库：SQLite 文件路径或 URL，用于跨年度、跨文档核对；"
            "默认 $JUESUAN_DB 或用户数据目录中已有的数据库",
        ),
    ] = None,
    no_corpus: Annotated[
        bool, typer.Option("--no-corpus", help="不与文档库中的文件比对（不做跨年度、跨文档核对）")
    ] = False,
) -> None:
    """审核决算或预算公开文件：表内表间勾稽、说明与报表一致性、模板残留等，逐条给出页码和数字。
    有文档库时，还与库中同一单位上年的决算或预算、同年的预算和同年其他单位的文件比对。

    退出码：0 没有“错误”级问题；1 有“错误”级问题；2 用法错误；3–8 文件无法读取；
    10 指定的数据库无法打开（见 README）。
    """
    from juesuan.model.findings import InputFailure, Severity
    from juesuan.rules import check_file

    if format is CheckFormat.xlsx and output is None:
        raise _usage("xlsx 格式需要用 -o 指定输出文件")
    if db is not None and no_corpus:
        raise _usage("--db 与 --no-corpus 不能同时使用")
    if annotate is not None and (len(files) != 1 or files[0].suffix.lower() != ".pdf"):
        raise _usage("--annotate 只能用于单个 PDF 文件")
    selected, ignored = _rule_patterns(select, "--select"), _rule_patterns(ignore, "--ignore")
    for out in (output, annotate):
        if out is not None:
            _check_output(out, files)
    floor = Severity(min_severity.value).rank
    results: list[Any] = []  # a CheckReport or an InputFailure per input, in input order
    read_failure = 0
    inputs: list[Any] = [list(files)] if as_one and len(files) > 1 else list(files)
    from juesuan.progress import tracker

    store = None if no_corpus else _corpus_store(db)
    lookup = store.lookup() if store is not None else None
    with tracker("审核", len(inputs)) as advance, _closing(store):
        for file in inputs:
            try:
                report = check_file(file, select=selected, ignore=ignored, lookup=lookup)
            except JuesuanError as err:
                typer.echo(f"错误：{err.message}", err=True)
                read_failure = read_failure or err.exit_code
                name = "、".join(str(p) for p in file) if isinstance(file, list) else str(file)
                results.append(InputFailure(name, err.exit_code, err.message))
                advance()
                continue
            report.findings = [f for f in report.findings if f.severity.rank >= floor]
            results.append(report)
            advance()
    reports = [r for r in results if not isinstance(r, InputFailure)]
    if format is CheckFormat.json:
        from juesuan.reporting import findings as render

        _write(render.render_json(results, timing=timing) + "\n", output)
    elif reports:
        _emit_check(reports, format, output)
    if reports and annotate is not None:
        from juesuan.reporting.annotate import annotate_pdf

        try:
            annotate_pdf(reports[0], files[0], annotate)
        except JuesuanError as err:
            raise _fail(err) from None
    if read_failure:
        raise typer.Exit(read_failure)
    if any(r.has_errors for r in reports):
        raise typer.Exit(1)


@contextmanager
def _closing(store: Any) -> Iterator[None]:
    try:
        yield
    finally:
        if store is not None:
            store.close()


def _corpus_store(db: str | None) -> Any:
    """The store ``check`` compares with: ``--db``, ``$JUESUAN_DB``, or the default SQLite
    file when it exists; None (and no SQLAlchemy imported) when there is none.  A database
    named by the user that cannot be opened stops the command (exit 10); the default file
    that cannot be opened is skipped with a notice."""
    import os

    from juesuan.store import configured_store, open_store

    url = configured_store(db)
    if url is None:
        return None
    try:
        return open_store(url)
    except JuesuanError as err:
        if db or os.environ.get("JUESUAN_DB"):
            raise _fail(err) from None
        typer.echo(f"提示：{err.message}；本次不与文档库比对（可用 --no-corpus 关闭）", err=True)
        return None


def _rule_patterns(value: str | None, option: str) -> list[str] | None:
    """Codes, code prefixes or categories of ``--select``/``--ignore``; an unknown one is a
    usage error naming the nearest codes."""
    import difflib

    from juesuan.rules import all_rules

    patterns = _codes(value)
    if not patterns:
        return None
    rules = all_rules().values()
    codes = [r.code for r in rules]
    categories = sorted({r.category.value for r in rules})
    for p in patterns:
        if any(c.startswith(p.upper()) for c in codes) or p in categories:
            continue
        near = difflib.get_close_matches(p.upper(), codes, n=3, cutoff=0.5)
        near += difflib.get_close_matches(p, categories, n=2, cutoff=0.6)
        hint = f"，最接近的有：{'、'.join(near)}" if near else ""
        raise _usage(
            f"{option} 中的“{p}”不是规则编号、编号前缀或类别{hint}（juesuan rules 列出全部规则）"
        )
    return patterns


def _check_output(out: Path, inputs: list[Path]) -> None:
    """Refuse an output path that would overwrite an input or cannot be written, before
    any work is done."""
    if any(_same_file(out, f) for f in inputs):
        raise _usage(f"输出文件 {out} 与输入文件相同，不会覆盖输入文件")
    if out.is_dir():
        raise _usage(f"输出路径 {out} 是一个文件夹，请给出文件名")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        typer.echo(f"错误：无法写入输出文件 {out}：文件夹 {parent} 不存在", err=True)
        raise typer.Exit(3)
    import os

    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        typer.echo(f"错误：无法写入输出文件 {out}：没有写入权限", err=True)
        raise typer.Exit(3)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _emit_check(reports: list[Any], format: CheckFormat, output: Path | None) -> None:
    from juesuan.reporting import findings as render

    if format is CheckFormat.text:
        if output is None:
            render.print_text(reports)
            _print_performance(reports)
            return
        _write(render.render_text(reports) + _performance_text(reports), output)
    elif format is CheckFormat.csv:
        _write(render.render_csv(reports), output)
    elif format is CheckFormat.html:
        from juesuan.reporting.html import render_html

        _write(render_html(reports), output)
    else:
        from juesuan.reporting.xlsx import write_xlsx

        assert output is not None
        try:
            write_xlsx(reports, output, extra_sheets=_performance_sheets(reports))
        except OSError as exc:
            typer.echo(f"错误：无法写入输出文件 {output}：{os_error_text(exc)}", err=True)
            raise typer.Exit(3) from None


def _performance_heading(doc: Any) -> str | None:
    """The heading of a document's performance summary, None when it has no forms."""
    if doc.evaluations:
        return "\n【绩效自评汇总】\n"
    if doc.targets:
        return "\n【绩效目标汇总】\n"
    return None


def _performance_text(reports: list[Any]) -> str:
    """The performance summary after the findings (plain lines), for documents with forms."""
    from juesuan.reporting.performance import render_text, summarize

    parts = []
    for r in reports:
        heading = _performance_heading(r.document)
        if heading is not None:
            parts.append(heading + render_text(summarize(r.document)))
    return "".join(parts)


def _print_performance(reports: list[Any]) -> None:
    """The performance summary on standard output: tables on a terminal, plain otherwise."""
    from juesuan.reporting.performance import print_text, summarize

    for r in reports:
        heading = _performance_heading(r.document)
        if heading is not None:
            sys.stdout.write(heading)
            sys.stdout.flush()
            print_text(summarize(r.document))


def _performance_sheets(reports: list[Any]) -> dict[str, list[list[Any]]] | None:
    """A 绩效自评 sheet when any document has project tables and a 绩效目标 sheet when any has
    target forms (all documents, a 文件 column)."""
    from juesuan.reporting.performance import sheet_rows, summarize, target_sheet_rows

    rows: list[list[Any]] = []
    targets: list[list[Any]] = []
    for r in reports:
        if r.document.evaluations:
            sheet = sheet_rows(summarize(r.document))
            rows.extend(sheet if not rows else sheet[1:])
        if r.document.targets:
            path = r.document.source.path
            sheet = target_sheet_rows(summarize(r.document))
            if not targets:
                targets.append(["文件", *sheet[0]])
            targets.extend([path, *row] for row in sheet[1:])
    sheets = {"绩效自评": rows} if rows else {}
    if targets:
        sheets["绩效目标"] = targets
    return sheets or None


rules_app = typer.Typer(
    help="规则目录：列出全部审核规则，或查看一条规则的说明。",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(rules_app, name="rules")


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="输出 Markdown 形式的完整目录（即 docs/rules.md）")
    ] = False,
) -> None:
    """列出全部审核规则（编号、默认严重程度、类别、标题）。"""
    if ctx.invoked_subcommand is not None:
        return
    from juesuan.reporting.rulebook import rules_markdown, rules_table
    from juesuan.rules import all_rules

    rules = all_rules().values()
    sys.stdout.write(rules_markdown(rules) if markdown else rules_table(rules))


@rules_app.command("explain")
def rules_explain(
    code: Annotated[str, typer.Argument(help="规则编号，如 JS201")],
    markdown: Annotated[bool, typer.Option("--markdown", help="输出 Markdown 原文")] = False,
) -> None:
    """查看一条规则的说明：为什么、错误示例、正确示例、修改建议。"""
    import difflib

    from juesuan.reporting.rulebook import rule_page
    from juesuan.rules import all_rules

    rules = all_rules()
    found = rules.get(code.strip().upper())
    if found is None:
        near = difflib.get_close_matches(code.strip().upper(), list(rules), n=3, cutoff=0.5)
        hint = f"，最接近的有：{'、'.join(near)}" if near else ""
        raise _usage(f"没有编号为 {code} 的规则{hint}；用 juesuan rules 查看全部规则")
    page = rule_page(found)
    if markdown:
        sys.stdout.write(page)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(page))


@app.command("perf")
def perf(
    file: Annotated[Path, typer.Argument(help="决算公开文件：PDF、DOCX、XLSX 或 TXT")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="输出格式：text、json 或 xlsx")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件（默认标准输出；xlsx 必须指定）")
    ] = None,
) -> None:
    """绩效汇总：决算列出各项目预算、执行数、执行率、自评得分与按评分方法重算的得分及差额，
    以及“高分低执行”（自评 ≥ 90 分、执行率 < 60%）的项目；预算列出各绩效目标表的资金和指标。"""
    from juesuan import read
    from juesuan.reporting import performance as report

    fmt = format.strip().lower()
    if fmt not in ("text", "json", "xlsx"):
        raise _usage(f"不支持的格式 {format}；可选 text、json、xlsx")
    if fmt == "xlsx" and output is None:
        raise _usage("xlsx 格式需要用 -o 指定输出文件")
    if output is not None:
        _check_output(output, [file])
    try:
        summary = report.summarize(read(file))
    except JuesuanError as err:
        raise _fail(err) from None
    if fmt == "xlsx":
        assert output is not None
        try:
            report.write_xlsx(summary, output)
        except OSError as exc:
            typer.echo(f"错误：无法写入输出文件 {output}：{os_error_text(exc)}", err=True)
            raise typer.Exit(3) from None
        return
    if fmt == "text" and output is None:
        report.print_text(summary)  # tables fitted to a terminal, plain lines to a pipe
        return
    _write(report.render_json(summary) if fmt == "json" else report.render_text(summary), output)


@app.command("generate")
def generate(
    data: Annotated[Path | None, typer.Argument(help="数据文件：数据工作簿 .xlsx 或 .json")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件：.docx、.html 或 .pdf")
    ] = None,
    layout: Annotated[str, typer.Option("--layout", help="版式：sichuan 或 shanghai")] = "sichuan",
    force: Annotated[bool, typer.Option("--force", help="数据审核有错误时仍然生成")] = False,
    template: Annotated[
        Path | None, typer.Option("--template", help="写出空白数据工作簿（.xlsx）")
    ] = None,
    example: Annotated[
        Path | None, typer.Option("--example", help="写出示例数据（.json 或 .xlsx）")
    ] = None,
    corpus: Annotated[
        int, typer.Option("--corpus", help="生成 N 份测试语料（含已知错误）到目录 DATA")
    ] = 0,
    seed: Annotated[int, typer.Option("--seed", help="语料的随机种子")] = 0,
    corpus_format: Annotated[
        str, typer.Option("--format", help="语料格式：txt（最快）、pdf、html 或 docx")
    ] = "txt",
    mistake_rate: Annotated[
        float, typer.Option("--mistake-rate", help="语料中注入错误的文件比例")
    ] = 0.5,
    workers: Annotated[
        int | None, typer.Option("--workers", help="生成语料的进程数（默认 CPU 核数）")
    ] = None,
) -> None:
    """由数据工作簿生成决算公开文件（全部公开表、情况说明、图表），生成前按审核规则检查数据。

    退出码：0 成功；2 用法错误；3 文件无法读写；9 数据有误或未通过审核（见 README）。
    """
    from juesuan.generate.run import GenerateUsageError, run_command

    if corpus:
        from juesuan.cli_batch import generate_corpus

        generate_corpus(data, corpus, seed, corpus_format, workers, mistake_rate)
        return
    try:
        for line in run_command(data, output, layout.strip().lower(), force, template, example):
            typer.echo(line, err=True)
    except GenerateUsageError as err:
        raise _usage(str(err)) from None
    except JuesuanError as err:
        raise _fail(err) from None


@app.command("serve")
def serve(
    host: Annotated[
        str, typer.Option("--host", help="绑定地址；非本机地址须配置账号或 API 密钥")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    db: Annotated[
        str | None,
        typer.Option("--db", help="数据库：SQLite 文件路径或 URL；默认 $JUESUAN_DB 或用户数据目录"),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="账号与 API 密钥配置文件（TOML，默认 $JUESUAN_WEB_CONFIG）"),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="上传文件与页面图像的存放目录（默认用户数据目录）"),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="后台审核进程数")] = 1,
    hash_password: Annotated[
        bool, typer.Option("--hash-password", help="读入一个密码，输出配置文件用的散列值后退出")
    ] = False,
    new_api_key: Annotated[
        bool, typer.Option("--new-api-key", help="生成一个 API 密钥及配置文件用的散列值后退出")
    ] = False,
) -> None:
    """网页服务：上传文件审核、查看审核结果与原文页面、处理审核意见、浏览文档库，以及 JSON API。

    需要 pip install 'juesuan[web]'。默认只在本机地址（127.0.0.1）提供服务且无需登录；
    绑定其他地址时必须用 --config 配置账号或 API 密钥（见 README）。
    """
    try:
        from juesuan.web.config import hash_password as make_hash
        from juesuan.web.config import load_settings
        from juesuan.web.config import new_api_key as make_key
    except ImportError:
        raise _usage("网页服务需要 FastAPI：pip install 'juesuan[web]'") from None
    if hash_password:
        import getpass

        password = getpass.getpass("密码：") if sys.stdin.isatty() else sys.stdin.readline()
        password = password.rstrip("\n")
        if len(password) < 8:
            raise _usage("密码至少 8 个字符")
        typer.echo(make_hash(password))
        return
    if new_api_key:
        key, digest = make_key()
        typer.echo(f"API 密钥（只显示这一次）：{key}")
        typer.echo(f'配置文件：\n[[api_key]]\nname = "…"\nrole = "reviewer"\nsha256 = "{digest}"')
        return
    try:
        import uvicorn

        from juesuan.web import create_app
    except ImportError:
        raise _usage("网页服务需要 FastAPI 与 uvicorn：pip install 'juesuan[web]'") from None
    try:
        settings = load_settings(
            host=host, db_url=db, data_dir=data_dir, config=config, workers=workers
        )
        from juesuan.store import open_store

        open_store(settings.db_url).close()  # a database that cannot be opened stops here
    except JuesuanError as err:
        raise _fail(err) from None
    access = "无需登录（仅本机）" if settings.open_access else "须登录或 API 密钥"
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"juesuan 网页服务：http://{shown}:{port}/ （{access}；数据目录 {settings.data_dir}）"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


# The corpus commands (ingest, corpus …) live in their own module.
from juesuan.cli_corpus import register as _register_corpus  # noqa: E402

_register_corpus(app)

# juesuan batch (a process pool or a Dask cluster) lives in its own module too.
from juesuan.cli_batch import register as _register_batch  # noqa: E402

_register_batch(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
