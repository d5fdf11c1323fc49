"""Chinese help pages and usage errors for the Typer command line.

Typer (and the Click it vendors) print "Usage:", "Options:", "Error: No such option" in
English.  :func:`install` makes every juesuan command speak Chinese: help pages are
translated as a whole (their fixed English words only; the descriptions are Chinese
already), and a usage error is shown as one Chinese line with the command's usage and a
hint, exit code 2.  It patches the classes once per process, so the commands other modules
add (``ingest``, ``corpus``, ``serve`` …) are covered too.
"""

from __future__ import annotations

import re
from typing import IO, Any

import typer.core
from typer._click import exceptions as click_exceptions

#: Fixed words of Click/Typer help pages and their Chinese.
HELP_WORDS = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("[default: ", "[默认："),
    ("[required]", "[必填]"),
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("Show the version and exit.", "显示版本号并退出。"),
)

#: Argument names as Typer shows them in usage lines ({files}...) and their Chinese.
ARGUMENT_NAMES = {
    "files": "文件",
    "file": "文件",
    "paths": "路径",
    "data": "数据文件",
    "code": "规则编号",
    "unit": "单位",
    "ids": "编号",
    "target": "保留的单位",
    "source": "并入的单位",
    "new_name": "新名称",
    "name": "名称",
    "what": "导出内容",
}
_ARGUMENT = re.compile(r"\{(\w+)\}")
_ARGUMENT_ROW = re.compile(r"(?m)^(  )([a-z_]+)(?=(?:\.\.\.)?\s)")

_NO_SUCH_OPTION = re.compile(r"^No such option: (?P<name>\S+)")
_NO_SUCH_COMMAND = re.compile(r"^No such command '?(?P<name>[^'.]+)'?")
_EXTRA = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)")
_CHOICE = re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.?$")
_NOT_INT = re.compile(r"'(?P<value>.*)' is not a valid integer")
_REQUIRES = re.compile(r"^Option '(?P<name>[^']+)' requires an argument")


def translate_help(text: str) -> str:
    for english, chinese in HELP_WORDS:
        text = text.replace(english, chinese)
    text = _ARGUMENT.sub(lambda m: ARGUMENT_NAMES.get(m.group(1), m.group(1)), text)
    return _ARGUMENT_ROW.sub(
        lambda m: m.group(1) + ARGUMENT_NAMES.get(m.group(2), m.group(2)), text
    )


def _param_name(param: Any) -> str:
    if param is None:
        return "参数"
    opts: list[str] = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return opts[0]
    name = str(getattr(param, "name", "") or "")
    return ARGUMENT_NAMES.get(name, name or "参数")


def translate_error(err: click_exceptions.ClickException) -> str:
    """A usage error in one Chinese sentence."""
    message = err.message
    if isinstance(err, click_exceptions.NoSuchOption):
        text = f"没有选项 {err.option_name}"
        if err.possibilities:
            text += "，是不是要用 " + "、".join(sorted(err.possibilities)) + "？"
        return text
    if isinstance(err, click_exceptions.MissingParameter):
        kind = {"argument": "参数", "option": "选项"}.get(err.param_type or "", "参数")
        return f"缺少{kind} {_param_name(err.param)}"
    if isinstance(err, click_exceptions.BadParameter):
        name = _param_name(err.param)
        m = _CHOICE.search(message)
        if m:
            choices = m.group("choices").replace("'", "").rstrip(".")
            return f"{name} 不能取“{m.group('value')}”，可选：{choices}"
        m = _NOT_INT.search(message)
        if m:
            return f"{name} 应为整数，不能是“{m.group('value')}”"
        return f"{name} 的值无效：{message}"
    for pattern, template in (
        (_NO_SUCH_OPTION, "没有选项 {name}"),
        (_NO_SUCH_COMMAND, "没有命令 {name}"),
        (_EXTRA, "多余的参数：{args}"),
        (_REQUIRES, "选项 {name} 需要一个值"),
    ):
        m = pattern.search(message)
        if m:
            return template.format(**m.groupdict())
    return message


def _show_usage_error(self: click_exceptions.UsageError, file: IO[Any] | None = None) -> None:
    from typer._click.utils import echo

    lines = [f"错误：{translate_error(self)}"]
    if self.ctx is not None:
        lines.append(translate_help(self.ctx.get_usage()))
        if self.ctx.command.get_help_option(self.ctx) is not None:
            lines.append(f"用 {self.ctx.command_path} --help 查看帮助。")
    echo("\n".join(lines), file=file, err=file is None)


def _show_click_error(self: click_exceptions.ClickException, file: IO[Any] | None = None) -> None:
    from typer._click.utils import echo

    echo(f"错误：{translate_error(self)}", file=file, err=file is None)


_installed = False


def install() -> None:
    """Patch Typer's help and error output into Chinese (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    for cls in (typer.core.TyperCommand, typer.core.TyperGroup):
        original = cls.get_help

        def get_help(self: Any, ctx: Any, _original: Any = original) -> str:
            return translate_help(_original(self, ctx))

        def get_usage(self: Any, ctx: Any, _original: Any = cls.get_usage) -> str:
            return translate_help(_original(self, ctx))

        cls.get_help = get_help  # type: ignore[method-assign]
        cls.get_usage = get_usage  # type: ignore[method-assign]
    click_exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    click_exceptions.ClickException.show = _show_click_error  # type: ignore[method-assign]
