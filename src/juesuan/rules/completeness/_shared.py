"""Helpers shared by the completeness rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from juesuan import catalog
from juesuan.model import (
    Disclosure,
    DocKind,
    Evidence,
    Heading,
    Part,
    Side,
    Table,
    TableKind,
    TableRow,
)
from juesuan.rules.common import TABLE_NAMES, ZERO
from juesuan.rules.engine import NotApplicable
from juesuan.rules.tables import cell_or_zero

#: Marks of an unfilled template in the unit name (上海市XX局): the residue rules report them;
#: here they mean the tables are blank forms, so data-completeness checks do not apply.
PLACEHOLDER_UNIT_MARKS = ("XX", "ＸＸ", "××", "**", "＊＊")

PART_LABELS = {
    "overview": "概况",
    "explanation": "决算情况说明",
    "glossary": "名词解释",
    "annex": "附件",
    "tables": "决算表（附表）",
}

#: Part names where a budget words them differently.
PART_LABELS_BY_KIND: dict[DocKind, dict[str, str]] = {
    DocKind.BUDGET: {
        **PART_LABELS,
        "explanation": "预算情况说明",
        "tables": "预算表",
        "project_info": "项目经费情况说明",
        "targets": "绩效目标",
    },
}


def part_labels(doc: Disclosure) -> dict[str, str]:
    """Names of the parts in messages about this document."""
    return PART_LABELS_BY_KIND.get(doc.kind, PART_LABELS) if doc.kind else PART_LABELS


SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Matching key: no spaces or quotes, brackets full-width (as catalog patterns are written)."""
    t = SPACES.sub("", text)
    for q in "“”\"'‘’「」":
        t = t.replace(q, "")
    return t.replace("(", "（").replace(")", "）")


@lru_cache(maxsize=4096)
def part_key_of(title: str) -> str | None:
    k = norm(title)
    for part, patterns in catalog.part_patterns():
        if any(p in k for p in patterns):
            return part
    return None


@lru_cache(maxsize=4096)
def section_key(title: str) -> str | None:
    """The most specific catalog section whose words all appear in ``title``."""
    k = norm(title)
    best: str | None = None
    best_len = 0
    for key, patterns, excludes in catalog.section_patterns():
        if all(p in k for p in patterns) and not any(x in k for x in excludes):
            length = sum(len(p) for p in patterns)
            if length > best_len:
                best, best_len = key, length
    return best


def geometry(e: Evidence) -> tuple[int, float] | None:
    """(page, top) when the evidence has page geometry (PDF input)."""
    if e.page is None or e.bbox is None:
        return None
    return (e.page, e.bbox[1])


def geometry_confirms(earlier: Evidence, later: Evidence) -> bool:
    """True when page geometry shows ``earlier`` printed above/before ``later``."""
    a, b = geometry(earlier), geometry(later)
    return a is not None and b is not None and a < b


def is_unfilled_template(doc: Disclosure) -> bool:
    return bool(doc.unit) and any(mark in (doc.unit or "") for mark in PLACEHOLDER_UNIT_MARKS)


@dataclass(slots=True)
class Placed:
    """An outline heading with the part it sits in and its parent level-1 heading."""

    heading: Heading
    part: str | None
    parent: Heading | None  # the level-1 heading above a level-2 one


def placed_outline(doc: Disclosure) -> list[Placed]:
    out: list[Placed] = []
    part: str | None = None
    parent: Heading | None = None
    for h in doc.outline:
        if h.level == 0:
            part = h.key or part_key_of(h.title) or part
            parent = None
            out.append(Placed(h, part, None))
        elif h.level == 1:
            parent = h
            out.append(Placed(h, part, None))
        else:
            out.append(Placed(h, part, parent))
    return out


def toc_keys(doc: Disclosure) -> list[tuple[str | None, str | None, int, Evidence, str]]:
    """(part key, section key, level, evidence, printed title) of each 目录 entry."""
    out: list[tuple[str | None, str | None, int, Evidence, str]] = []
    part: str | None = None
    for entry in doc.toc:
        if entry.level == 0:
            part = part_key_of(entry.title)
            # 第X部分 runs into its title; a part the 目录 numbers 一、二、 keeps its 、
            number = entry.number
            if number and not number.startswith("第"):
                number += "、"
            out.append((part, None, 0, entry.evidence, f"{number}{entry.title}"))
        else:
            key = None if entry.table_kind is not None else section_key(entry.title)
            number = f"{entry.number}、" if entry.level == 1 and entry.number else entry.number
            out.append((part, key, entry.level, entry.evidence, f"{number}{entry.title}"))
    return out


#: Which amounts a table shows: the table must have data when one of them is above zero.
#: ``<fund>`` is the current year's money of a fund, ``<fund>_balance`` its 结转和结余.
FUNDS_OF_TABLE: dict[TableKind, tuple[str, ...]] = {
    TableKind.T05: ("fiscal",),
    TableKind.T06: ("general",),
    TableKind.T07: ("general",),
    TableKind.T08: ("general_basic",),
    TableKind.T09: ("general_project",),
    TableKind.T10: ("govfund", "govfund_balance"),
    TableKind.T11: ("soe", "soe_balance"),
    TableKind.T12: ("soe",),
}

FUND_COLUMNS = {
    "total": "合计栏",
    "general": "一般公共预算财政拨款栏",
    "govfund": "政府性基金预算财政拨款栏",
    "soe": "国有资本经营预算财政拨款栏",
}


@dataclass(slots=True)
class Fund:
    amount: Decimal  # the largest amount printed for the fund (a blank cell is 0)
    evidence: list[Evidence]  # the row printing that amount
    where: str  # the table, line and column, for the message


def fund_amounts(doc: Disclosure) -> dict[str, Fund]:
    """Each fund's money as printed in 财政拨款收入支出决算总表 (T04), 收入支出决算总表 (T01)
    and the 一般公共预算财政拨款支出决算表 (T06 合计 row); a fund no table prints is absent."""
    funds: dict[str, Fund] = {}

    def offer(name: str, row: TableRow, column: str, where: str) -> None:
        amount = cell_or_zero(row, column)
        if name not in funds or amount > funds[name].amount:
            funds[name] = Fund(amount, [row.evidence], where)

    for kind in (TableKind.T04, TableKind.T01):
        table = doc.table(kind)
        if table is None:
            continue
        label = TABLE_NAMES[kind]
        for row in table.rows:
            ref = row.ref_code or ""
            printed = f"{label}“{row.name}”"
            if ref == "expense_total" and "total" in row.values:
                offer("fiscal", row, "total", printed + FUND_COLUMNS["total"])
            for fund in ("general", "govfund", "soe"):
                if ref == fund and row.side == Side.INCOME:
                    offer(fund, row, "amount", printed)
                elif ref == "expense_total" and fund in row.values:
                    offer(fund, row, fund, printed + FUND_COLUMNS[fund])
                elif ref in (f"begin_balance.{fund}", f"end_balance.{fund}"):
                    offer(f"{fund}_balance", row, "amount", printed)
                elif ref in ("begin_balance", "end_balance") and fund in row.values:
                    offer(f"{fund}_balance", row, fund, printed + FUND_COLUMNS[fund])
    t06 = doc.table(TableKind.T06)
    total = total_row(t06) if t06 is not None else None
    if total is not None:
        label = f"{TABLE_NAMES[TableKind.T06]}“合计”"
        offer("general", total, "total", label)
        if "basic" in total.values:
            offer("general_basic", total, "basic", label + "基本支出")
        if "project" in total.values:
            offer("general_project", total, "project", label + "项目支出")
    if "fiscal" not in funds:
        parts = [funds[f] for f in ("general", "govfund", "soe") if f in funds]
        if parts:
            best = max(parts, key=lambda f: f.amount)
            amount = sum((f.amount for f in parts), ZERO)
            funds["fiscal"] = Fund(amount, best.evidence, "各类财政拨款合计")
    return funds


def money_for(kind: TableKind, funds: dict[str, Fund]) -> Fund | None:
    """The fund amount above zero that obliges a table of ``kind`` to have data, if any."""
    for name in FUNDS_OF_TABLE.get(kind, ()):
        fund = funds.get(name)
        if fund is not None and fund.amount > 0:
            return fund
    return None


def total_row(table: Table) -> TableRow | None:
    for row in table.rows:
        if row.ref_code == "total" or (row.code is None and norm(row.name) in ("合计", "总计")):
            return row
    return None


def tables_only(doc: Disclosure) -> bool:
    """A file of tables alone (some departments publish 预算公开报表 apart from the text):
    tables, no part headings, no running text of the explanation."""
    parts = [h for h in doc.outline if h.level == 0]
    explanation = [p for p in doc.paragraphs if p.part == Part.EXPLANATION or p.topic]
    return bool(doc.tables) and not parts and not explanation and not doc.statements


def layout_of(doc: Disclosure) -> catalog.Layout | None:
    return catalog.layouts().get(doc.layout or "")


def data_applicable(doc: Disclosure) -> None:
    if not doc.tables:
        raise NotApplicable("正文没有决算表")
    if is_unfilled_template(doc):
        raise NotApplicable("单位名称仍是占位符（未填写的模板），表格是待填写的表样")
