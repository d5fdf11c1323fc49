"""``juesuan generate``: data file → checked → composed → DOCX / HTML / PDF.

The command line calls :func:`run_command`; the steps are public for the tests and the
web layer: :func:`load_data`, :func:`check_data` (the same rules as ``juesuan check``, run
on the disclosure the data would produce), :func:`render` (by the output's extension).
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.errors import DataError, OutputError, os_error_text
from juesuan.generate.compose import DEFAULT_LAYOUT, LAYOUTS, compose_with_model
from juesuan.generate.data import GenerationData, dump_json, load_example
from juesuan.generate.document import Document
from juesuan.generate.workbook import load_data, write_template, write_workbook
from juesuan.model.findings import CheckReport, Finding, Severity

__all__ = [
    "DataCheckError",
    "GenerateUsageError",
    "GenerationResult",
    "check_data",
    "generate",
    "load_data",
    "render",
    "run_command",
]

#: Output formats by file extension, and the renderer module/function that writes each.
RENDERERS = {
    ".docx": ("juesuan.generate.render_docx", "render_docx"),
    ".html": ("juesuan.generate.render_html", "render_html"),
    ".htm": ("juesuan.generate.render_html", "render_html"),
    ".pdf": ("juesuan.generate.render_pdf", "render_pdf"),
}


class GenerateUsageError(ValueError):
    """Wrong combination of arguments (exit code 2)."""


class DataCheckError(DataError):
    """The data fails the checks: error-level findings (listed in the message)."""

    def __init__(self, report: CheckReport) -> None:
        self.report = report
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        lines = [
            f"数据未通过审核：错误 {len(errors)} 项。请改正数据后再生成，或加 --force 强制生成。"
        ]
        lines += [_finding_line(f) for f in errors]
        super().__init__("\n".join(lines))


def _finding_line(f: Finding) -> str:
    label = {"error": "错误", "warning": "警告", "info": "提示"}.get(f.severity.value, "")
    return f"  {label} {f.rule} {f.title}：{f.message}"


@dataclass(slots=True)
class GenerationResult:
    output: Path
    findings: list[Finding] = field(default_factory=list)  # errors and warnings of the check
    seconds: dict[str, float] = field(default_factory=dict)


def check_data(data: GenerationData, layout: str = DEFAULT_LAYOUT) -> CheckReport:
    """Run every rule on the disclosure ``data`` would produce in ``layout``."""
    from juesuan.rules import check

    _, disclosure = compose_with_model(data, layout)
    return check(disclosure)


def _renderer(suffix: str) -> Any:
    entry = RENDERERS.get(suffix.lower())
    if entry is None:
        raise GenerateUsageError(f"不支持的输出格式“{suffix}”：输出文件应为 .docx、.html 或 .pdf")
    import importlib

    module_name, function = entry
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise OutputError(f"{suffix} 输出尚未实现（缺少 {module_name}）") from None
    return getattr(module, function)


def render(document: Document, output: str | Path) -> None:
    """Write ``document`` to ``output`` in the format its extension names."""
    path = Path(output)
    fn = _renderer(path.suffix)
    params = [
        p
        for p in inspect.signature(fn).parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    try:
        if len(params) >= 2:  # render_x(document, path) writes the file itself
            fn(document, path)
            return
        result = fn(document)
        if isinstance(result, str):
            path.write_text(result, encoding="utf-8")
        elif isinstance(result, (bytes, bytearray)):
            path.write_bytes(bytes(result))
        else:
            raise OutputError(f"渲染器 {fn.__name__} 没有返回内容")
    except OSError as err:
        raise OutputError(f"无法写入输出文件 {path}：{os_error_text(err)}") from None


def generate(
    data: GenerationData, output: str | Path, layout: str = DEFAULT_LAYOUT, force: bool = False
) -> GenerationResult:
    """Check ``data``, compose it in ``layout`` and write ``output``.

    :class:`DataCheckError` when the check finds errors (unless ``force``)."""
    if layout not in LAYOUTS:
        raise GenerateUsageError(f"不支持的版式“{layout}”：可选 {'、'.join(LAYOUTS)}")
    path = Path(output)
    _renderer(path.suffix)  # fail early on an unknown format
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    document, disclosure = compose_with_model(data, layout)
    seconds["compose"] = time.perf_counter() - start
    from juesuan.rules import check

    start = time.perf_counter()
    report = check(disclosure)
    seconds["check"] = time.perf_counter() - start
    if report.has_errors and not force:
        raise DataCheckError(report)
    start = time.perf_counter()
    render(document, path)
    seconds["render"] = time.perf_counter() - start
    findings = [f for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    return GenerationResult(path, findings, seconds)


def write_example(output: str | Path) -> None:
    """The shipped example as .json or as a filled .xlsx workbook."""
    path = Path(output)
    data = load_example()
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            path.write_text(dump_json(data), encoding="utf-8")
        except OSError as err:
            raise OutputError(f"无法写入 {path}：{os_error_text(err)}") from None
    elif suffix == ".xlsx":
        write_workbook(path, data)
    else:
        raise GenerateUsageError("--example 的输出文件应为 .json 或 .xlsx")


def run_command(
    data_file: Path | None,
    output: Path | None,
    layout: str = DEFAULT_LAYOUT,
    force: bool = False,
    template: Path | None = None,
    example: Path | None = None,
) -> Iterator[str]:
    """The ``generate`` command; yields the lines to print (on stderr)."""
    chosen = [x for x in (data_file, template, example) if x is not None]
    if len(chosen) != 1:
        raise GenerateUsageError(
            "请给出一个数据文件（DATA.xlsx 或 DATA.json），或使用 --template / --example 之一"
        )
    if template is not None:
        if template.suffix.lower() != ".xlsx":
            raise GenerateUsageError("--template 的输出文件应为 .xlsx")
        write_template(template)
        yield f"已写出空白数据工作簿：{template}（填写说明见工作表“说明”）"
        return
    if example is not None:
        write_example(example)
        yield f"已写出示例数据：{example}"
        return
    assert data_file is not None
    if output is None:
        raise GenerateUsageError("请用 -o 指定输出文件（.docx、.html 或 .pdf）")
    if output.exists() and output.resolve() == data_file.resolve():
        raise GenerateUsageError(f"输出文件 {output} 与数据文件相同，不会覆盖数据文件")
    _renderer(output.suffix)
    start = time.perf_counter()
    data = load_data(data_file)
    result = generate(data, output, layout, force)
    total = time.perf_counter() - start
    for f in result.findings:
        yield _finding_line(f)
    yield f"已生成：{result.output}（{layout} 版式，用时 {total:.1f} 秒）"
