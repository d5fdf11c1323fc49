"""The rule catalog as text: ``juesuan rules``, ``juesuan rules explain``, docs/rules.md.

Everything here is generated from the metadata registered with each rule and from its
cases (``tests/rule_cases/<code>.toml``: the example that fires and the quiet one are shown
with their document and findings, and the tests run them), so the documentation cannot drift
from the code (a test compares docs/rules.md with :func:`rules_markdown`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from juesuan.model import TableKind
from juesuan.model.findings import Category
from juesuan.rules.casebook import Case, examples
from juesuan.rules.common import TABLE_NAMES
from juesuan.rules.engine import Rule
from juesuan.rules.tables import COLUMN_NAMES


def rules_table(rules: Iterable[Rule]) -> str:
    """One line per rule: code, severity, category, title."""
    lines = []
    for r in rules:
        lines.append(f"{r.code}  {r.severity.label}  {r.category.label:<8}  {r.title}")
    return "\n".join(lines) + "\n"


def rule_page(r: Rule, heading: str = "#") -> str:
    """A rule's page (Markdown, also readable as plain text in a terminal)."""
    parts = [
        f"{heading} {r.code} {r.title}",
        "",
        f"- 名称：`{r.name}`",
        f"- 类别：{r.category.label}（`{r.category.value}`）",
        f"- 默认严重程度：{r.severity.label}（`{r.severity.value}`）",
    ]
    if r.needs_corpus:
        parts.append(
            "- 需要文档库：与库中的相关文件比对（`juesuan check` 在有数据库时、`juesuan ingest`、"
            "`juesuan corpus check`）；没有数据库或库中没有相关文件时不适用"
        )
    if r.tolerance:
        parts.append(f"- 容差：{r.tolerance}")
    parts.append(f"- 代码：`{r.source}`")
    parts.append(f"- 测试用例：`tests/rule_cases/{r.code}.toml`")
    parts += ["", "**为什么**", "", unwrap(r.rationale)]
    bad, good = examples(r.code)
    if bad is not None:
        parts += ["", "**错误示例**", "", *_example(bad)]
    if good is not None:
        parts += ["", "**正确示例**", "", *_example(good)]
    if r.suggestion:
        parts += ["", "**修改建议**", "", r.suggestion]
    return "\n".join(parts) + "\n"


def unwrap(text: str) -> str:
    """Paragraphs of source-wrapped Chinese prose on one line each: a line break inside a
    paragraph is not a space in Chinese (and a "+" starting a wrapped line is no list)."""
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        out = ""
        for ln in lines:
            if out and out[-1].isascii() and ln[0].isascii() and out[-1].isalnum():
                out += " "
            out += ln
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def _example(case: Case) -> list[str]:
    """A case as documentation: its document (table cells aligned, or the sample and the
    changes made to it) and what the rule says."""
    lines: list[str] = []
    for related in case.related:
        lines += [f"库中的相关文件 `{related.filename}`：", ""]
        lines += ["```text", *_aligned(related.text.strip("\n").splitlines()), "```", ""]
    if case.related:
        lines += [f"审核的文件 `{case.filename}`：", ""]
    if case.text is not None:
        lines += ["```text", *_aligned(case.text.strip("\n").splitlines()), "```", ""]
    else:
        changes = "，改动如下：" if case.edits else "（原样）。"
        lines += [f"样本文件 `samples/{case.sample}`{changes}", ""]
        lines += [*(f"- {_edit(e)}" for e in case.edits), *([""] if case.edits else [])]
    if not case.expect:
        lines.append("审核结果：不报告问题。")
        return lines
    lines.append("审核结果：")
    lines.append("")
    for e in case.expect:
        lines.append(f"- {e.severity.label}：{e.message or ''}")
    return lines


#: Column names for describing an edit (the canonical keys of the table catalog).
_EDIT_COLUMNS = {**COLUMN_NAMES, "amount": "金额"}


def _edit(edit: dict[str, Any]) -> str:
    """One change to a sample, in words (the keys of tests/rulekit.py ``apply_edit``)."""
    if "statement" in edit:
        return f"情况说明中“{edit['statement']}”（{edit['measure']}）改为 {edit['value']}"
    table = TABLE_NAMES[TableKind(edit["table"])]
    if edit.get("drop"):
        return f"删去“{table}”"
    if "doubt" in edit:
        return f"“{table}”读取存疑：{edit['doubt']}"
    row = edit.get("code") or edit.get("row") or edit.get("ref") or ""
    if "nth" in edit:
        row += f"（第 {edit['nth'] + 1} 个）"
    if "new_code" in edit:
        return f"“{table}”中“{row}”行的编码改为 {edit['new_code']}"
    column = _EDIT_COLUMNS.get(edit["column"], edit["column"])
    return f"“{table}”中“{row}”行“{column}”列改为 {edit['value'] or '空白'}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(lines: list[str]) -> list[str]:
    """Tab-separated rows laid out in columns, each block of consecutive rows on its own."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        widths = [0] * max(len(cells) for cells in block)
        for cells in block:
            for i, text in enumerate(cells):
                widths[i] = max(widths[i], _width(text))
        for cells in block:
            padded = [t + " " * (widths[i] - _width(t)) for i, t in enumerate(cells)]
            out.append("  ".join(padded).rstrip())
        block.clear()

    for line in lines:
        if "\t" in line:
            block.append(line.split("\t"))
        else:
            flush()
            out.append(line)
    flush()
    return out


def rules_markdown(rules: Iterable[Rule]) -> str:
    """docs/rules.md: an index by category, then one section per rule."""
    rules = list(rules)
    out = [
        "# 审核规则目录（juesuan rules）",
        "",
        "本文件由 `juesuan rules --markdown` 从规则元数据生成，请勿手工修改。",
        "",
        "严重程度：**错误**（error，读者可从证据直接核实的缺陷，退出码 1）、**警告**（warning，"
        "很可能是缺陷但需人工确认，或差额仅 0.01 的舍入不一致）、**提示**（info，舍入容差内的差异、"
        "参考目录未收录的编码等）。规则在文件中不适用时（例如没有该表）记为“不适用”，不产生结果。",
        "",
        "每条规则的错误示例和正确示例取自它的测试用例（`tests/rule_cases/<编号>.toml`），"
        "测试逐一运行，审核结果与此处所列一致；示例中的表格在用例中以制表符分隔各列，此处按列对齐显示。",
        "",
        "跨年度与跨文档核对（JS951–JS954）把文件与文档库中的相关文件（同一单位上年的决算或预算、"
        "同年的预算、同年其他单位的文件）比对，结果同时引用两份文件的文件名、页码和行号；"
        "示例先列出库中的相关文件。",
        "",
        "| 编号 | 标题 | 类别 | 默认严重程度 |",
        "|---|---|---|---|",
    ]
    for r in rules:
        link = f"[{r.code}](#{r.code.lower()})"
        out.append(f"| {link} | {r.title} | {r.category.label} | {r.severity.label} |")
    out.append("")
    for category in Category:
        members = [r for r in rules if r.category is category]
        if not members:
            continue
        out += [f"## {category.label}（{category.value}）", ""]
        for r in members:
            out.append(f'<a id="{r.code.lower()}"></a>')
            out.append("")
            out.append(rule_page(r, heading="###"))
    return "\n".join(out).rstrip() + "\n"
