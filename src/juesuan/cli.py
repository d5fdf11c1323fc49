"""The ``juesuan`` command line.  Thin: every command calls the packages below it.

Exit codes are listed in :mod:`juesuan.errors` and README.md.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from juesuan.errors import JuesuanError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="juesuan（决算）：读取、审核部门决算/单位决算公开文件。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


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
    """读取一份决算公开文件，输出结构化数据（含每个数字的出处）。"""
    from juesuan import read
    from juesuan.model import to_json_dict

    try:
        doc = read(file)
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
        typer.echo(f"错误：无法写入输出文件 {output}：{exc.strerror}", err=True)
        raise typer.Exit(3) from None


@app.command("bench")
def bench(
    files: Annotated[list[Path], typer.Argument(help="要计时的文件")],
    repeat: Annotated[int, typer.Option("--repeat", "-n", help="每个文件读取次数")] = 5,
    multiply: Annotated[
        int, typer.Option("--multiply", help="把 PDF 重复 N 次拼成大文件再计时（大文件检查）")
    ] = 1,
) -> None:
    """计时：每份文件的读取时间（按文件、按页），PDF 另给 PyMuPDF 纯文本提取时间作对照。"""
    from juesuan.bench import run_bench

    try:
        sys.stdout.write(run_bench(files, repeat, multiply))
    except JuesuanError as err:
        raise _fail(err) from None


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
