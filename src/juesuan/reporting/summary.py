"""A readable Chinese summary of an extracted disclosure (``juesuan extract --format text``)."""

from __future__ import annotations

from decimal import Decimal

from juesuan import catalog
from juesuan.model import Disclosure, DocKind, Evidence
from juesuan.model.performance import FundLine, PerformanceTarget
from juesuan.rules.common import round_to

KIND_NAMES = {kind: spec.title for kind, spec in catalog.table_specs().items()}


def _where(ev: Evidence) -> str:
    if ev.page is not None:
        return f"第{ev.page}页"
    if ev.line is not None:
        return f"第{ev.line}行"
    return ""


def render_summary(doc: Disclosure) -> str:
    out: list[str] = []
    layout = catalog.layouts().get(doc.layout or "")
    out.append(
        f"文件：{doc.source.path}（{doc.source.format.upper()}"
        + (f"，{doc.source.pages}页）" if doc.source.pages else "）")
    )
    out.append(f"单位：{doc.unit or '未识别'}")
    out.append(f"年度：{doc.year or '未识别'}    类型：{doc.kind_label or '未识别'}")
    if doc.publication_date:
        out.append(f"公开时间：{doc.publication_date}")
    out.append(f"版式：{layout.name if layout else '未识别'}")
    for note in doc.notes:
        out.append(f"说明：{note}")
    out.append("")
    out.append("【结构】")
    for h in doc.outline:
        if h.level <= 1 and (h.level == 0 or h.key):
            indent = "  " * h.level
            sep = ("、" if h.level == 1 else " ") if h.number else ""
            out.append(f"{indent}{h.number}{sep}{h.title}（{_where(h.evidence)}）")
    out.append("")
    listed = ", ".join(KIND_NAMES[k] for k in doc.listed_tables)
    table_word = "预算表" if doc.kind is DocKind.BUDGET else "决算表"
    out.append(
        f"【{table_word}】目录列出 {len(doc.listed_tables)} 张" + (f"：{listed}" if listed else "")
    )
    found = {t.kind for t in doc.tables}
    for t in doc.tables:
        pages = f"第{'、'.join(str(p) for p in t.pages)}页" if t.pages else _where(t.evidence)
        state = f"{len(t.rows)} 行" if t.rows else (t.empty_statement or "无数据行")
        number = f"{t.number} " if t.number else ""
        out.append(
            f"  {t.kind.value} {number}{t.title}（{pages}，单位：{t.unit}）：{state}"
            + (f"；读取存疑：{'；'.join(t.doubts)}" if t.doubts else "")
        )
    missing = [k for k in doc.listed_tables if k not in found]
    if missing:
        out.append("  正文未找到：" + "、".join(KIND_NAMES[k] for k in missing))
    out.append("")
    out.append(f"【情况说明中的数字】共 {len(doc.statements)} 项")
    for s in doc.statements:
        unit = s.unit if s.unit not in ("", None) else ""
        out.append(
            f"  {s.section or ''} {s.subject} {s.measure}：{s.value}{unit}（{_where(s.evidence)}）"
        )
    if doc.evaluations:
        out.append("")
        out.append(f"【绩效自评表】共 {len(doc.evaluations)} 张")
        for e in doc.evaluations:
            doubt = f"；读取存疑：{'；'.join(e.doubts)}" if e.doubts else ""
            out.append(f"  {e.printed_name}（{_where(e.evidence)}{doubt}）")
    if doc.targets:
        out.append("")
        out.append(f"【绩效目标表】共 {len(doc.targets)} 张")
        for target in doc.targets:
            out.extend(_target_lines(target))
    return "\n".join(out) + "\n"


def _target_lines(t: PerformanceTarget) -> list[str]:
    """One form: name and place, its fund lines in 万元, its indicators by first level."""
    head = f"  {t.name}（{_where(t.evidence)}"
    if t.category is not None:
        head += f"，{t.category.text}"
    head += "）"
    lines = [head]
    blocks: list[str] = []
    for block in ("project", "annual"):
        members = [f for f in t.funds if f.block == block]
        whole = next((f for f in members if f.key == "total"), None)
        parts = "，".join(f"{_fund_label(f)} {_wan(f.amount)}" for f in members if f is not whole)
        if whole is not None:
            blocks.append(
                f"{_fund_label(whole)} {_wan(whole.amount)}" + (f"（{parts}）" if parts else "")
            )
        elif parts:
            blocks.append(parts)
    if blocks:
        unit = f"；表中以{t.fund_unit}印出" if t.fund_unit and t.fund_unit != "万元" else ""
        lines.append(f"    资金（万元{unit}）：{'；'.join(blocks)}")
    levels: dict[str, int] = {}
    for i in t.indicators:
        name = i.level1 or "未识别"
        levels[name] = levels.get(name, 0) + 1
    quantified = sum(1 for i in t.indicators if i.quantified)
    by_level = "、".join(f"{k} {v}" for k, v in levels.items())
    lines.append(
        f"    绩效指标 {len(t.indicators)} 个（{by_level}；有数值目标的 {quantified} 个）"
        if t.indicators
        else "    绩效指标：未读到"
    )
    for d in t.doubts:
        lines.append(f"    读取存疑：{d}")
    return lines


def _fund_label(f: FundLine) -> str:
    return f.label.removeprefix("其中：").removeprefix("其中").strip()


def _wan(amount: Decimal | None) -> str:
    return "无法读取" if amount is None else f"{round_to(amount, 2):f}"
