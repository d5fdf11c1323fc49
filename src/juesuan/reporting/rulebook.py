"""The rule catalog as text: ``juesuan rules``, ``juesuan rules explain``, docs/rules.md.

Everything here is generated from the metadata registered with each rule, so the
documentation cannot drift from the code (a test compares docs/rules.md with
:func:`rules_markdown`).
"""

from __future__ import annotations

from collections.abc import Iterable

from juesuan.model.findings import Category
from juesuan.rules.engine import Rule


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
    if r.tolerance:
        parts.append(f"- 容差：{r.tolerance}")
    parts += ["", "**为什么**", "", unwrap(r.rationale), "", "**错误示例**", "", _quote(r.bad)]
    parts += ["", "**正确示例**", "", _quote(r.good)]
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


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


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
