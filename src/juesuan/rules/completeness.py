"""Completeness and structure (JS100–JS199): is everything the template requires there, in order?

What the layout requires (parts, sections, standard tables) is catalog data
(``catalog/layouts.toml``: ``required_parts``, ``required_sections``, ``tables``); the 目录 adds
what the document itself promises.  Parts and sections are matched by their catalog keys, never
by exact titles, so the Sichuan and Shanghai wordings are handled alike.

Defensive reading: a part or section counts as present when a paragraph opens with its title
even though the outline did not take that line as a heading (long titles with a parenthetical,
a title wrapped into its paragraph); a numbering gap is not reported when a paragraph of the
same section opens with the missing number.  Order and repeated numbers are errors only when
the page geometry of a PDF confirms them (docs/domain.md §6); otherwise warnings.

On an unfilled template (the unit name is still a placeholder such as “上海市XX局”) the tables
are forms to be filled: the data checks (empty tables, funds without their table) do not apply.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from juesuan import catalog
from juesuan.model import (
    Disclosure,
    DocKind,
    Evidence,
    Heading,
    Paragraph,
    Table,
    TableKind,
    TableRow,
)
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES, ZERO, money, table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

# ---------------------------------------------------------------------------------------
# shared helpers

#: Marks of an unfilled template in the unit name (上海市XX局): the residue rules report them;
#: here they mean the tables are blank forms, so data-completeness checks do not apply.
PLACEHOLDER_UNIT_MARKS = ("XX", "ＸＸ", "××", "**", "＊＊")

#: Longest text (characters, spaces removed) taken for a heading-like title at a paragraph's start.
TITLE_PREFIX_CHARS = 40

PART_LABELS = {
    "overview": "概况",
    "explanation": "决算情况说明",
    "glossary": "名词解释",
    "annex": "附件",
    "tables": "决算表（附表）",
}

#: Part names where a budget words them differently.
_PART_LABELS_BY_KIND: dict[DocKind, dict[str, str]] = {
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
    return _PART_LABELS_BY_KIND.get(doc.kind, PART_LABELS) if doc.kind else PART_LABELS


CN_DIGITS = "一二三四五六七八九"
_SPACES = re.compile(r"\s+")
_LEADING_NUMBER = re.compile(
    r"^[-•·]?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．])\s*"
)


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    """Matching key: no spaces or quotes, brackets full-width (as catalog patterns are written)."""
    t = _SPACES.sub("", text)
    for q in "“”\"'‘’「」":
        t = t.replace(q, "")
    return t.replace("(", "（").replace(")", "）")


def _cn(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 21 → 二十一."""
    if n < 10:
        return CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens - 1]
    return head + "十" + (CN_DIGITS[ones - 1] if ones else "")


def _cn_value(text: str) -> int | None:
    """一 → 1, 十 → 10, 十三 → 13, 二十六 → 26, 第三部分 → 3, （二） → 2."""
    t = text.strip().removeprefix("第").removesuffix("部分").strip("（）() ")
    if t.isdigit():
        return int(t)
    digits = {c: i + 1 for i, c in enumerate(CN_DIGITS)}
    if "十" in t:
        head, _, tail = t.partition("十")
        if (head and head not in digits) or (tail and tail not in digits):
            return None
        return (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)
    return digits.get(t) if len(t) == 1 else None


@lru_cache(maxsize=4096)
def _part_key(title: str) -> str | None:
    k = _norm(title)
    for part, patterns in catalog.part_patterns():
        if any(p in k for p in patterns):
            return part
    return None


@lru_cache(maxsize=4096)
def _section_key(title: str) -> str | None:
    """The most specific catalog section whose words all appear in ``title``."""
    k = _norm(title)
    best: str | None = None
    best_len = 0
    for key, patterns, excludes in catalog.section_patterns():
        if all(p in k for p in patterns) and not any(x in k for x in excludes):
            length = sum(len(p) for p in patterns)
            if length > best_len:
                best, best_len = key, length
    return best


@cache
def _table_titles() -> tuple[tuple[TableKind, str], ...]:
    """Every standard title and alias, normalised, longest first."""
    titles = [
        (spec.kind, _norm(title))
        for spec in catalog.table_specs().values()
        for title in (spec.title, *spec.aliases)
    ]
    return tuple(sorted(titles, key=lambda item: -len(item[1])))


@lru_cache(maxsize=4096)
def _table_named(text: str) -> TableKind | None:
    """The standard table a short title line names (the longest standard title it ends with)."""
    k = _norm(_LEADING_NUMBER.sub("", text.strip()))
    if not k or len(k) > 60:
        return None
    for kind, title in _table_titles():
        if k.endswith(title) and len(k) - len(title) <= 30:
            return kind
    return None


def _position(e: Evidence) -> tuple[int, int]:
    return (e.page or 0, e.line or 0)


def _geometry(e: Evidence) -> tuple[int, float] | None:
    """(page, top) when the evidence has page geometry (PDF input)."""
    if e.page is None or e.bbox is None:
        return None
    return (e.page, e.bbox[1])


def _geometry_confirms(earlier: Evidence, later: Evidence) -> bool:
    """True when page geometry shows ``earlier`` printed above/before ``later``."""
    a, b = _geometry(earlier), _geometry(later)
    return a is not None and b is not None and a < b


def _is_unfilled_template(doc: Disclosure) -> bool:
    return bool(doc.unit) and any(mark in (doc.unit or "") for mark in PLACEHOLDER_UNIT_MARKS)


@dataclass(slots=True)
class _Placed:
    """An outline heading with the part it sits in and its parent level-1 heading."""

    heading: Heading
    part: str | None
    parent: Heading | None  # the level-1 heading above a level-2 one


def _placed_outline(doc: Disclosure) -> list[_Placed]:
    out: list[_Placed] = []
    part: str | None = None
    parent: Heading | None = None
    for h in doc.outline:
        if h.level == 0:
            part = h.key or _part_key(h.title) or part
            parent = None
            out.append(_Placed(h, part, None))
        elif h.level == 1:
            parent = h
            out.append(_Placed(h, part, None))
        else:
            out.append(_Placed(h, part, parent))
    return out


def _toc_keys(doc: Disclosure) -> list[tuple[str | None, str | None, int, Evidence, str]]:
    """(part key, section key, level, evidence, printed title) of each 目录 entry."""
    out: list[tuple[str | None, str | None, int, Evidence, str]] = []
    part: str | None = None
    for entry in doc.toc:
        if entry.level == 0:
            part = _part_key(entry.title)
            # 第X部分 runs into its title; a part the 目录 numbers 一、二、 keeps its 、
            number = entry.number
            if number and not number.startswith("第"):
                number += "、"
            out.append((part, None, 0, entry.evidence, f"{number}{entry.title}"))
        else:
            key = None if entry.table_kind is not None else _section_key(entry.title)
            number = f"{entry.number}、" if entry.level == 1 and entry.number else entry.number
            out.append((part, key, entry.level, entry.evidence, f"{number}{entry.title}"))
    return out


def _paragraph_opening(doc: Disclosure, keys: Iterable[str], part: str) -> Paragraph | None:
    """A paragraph (of ``part`` or of no part) opening with the title of one of ``keys``: the
    section is printed although the outline did not take the line as a heading."""
    wanted = set(keys)
    for p in doc.paragraphs:
        if p.part not in (part, None):
            continue
        head = _norm(p.text)[:TITLE_PREFIX_CHARS].split("。")[0]
        if _section_key(head) in wanted:
            return p
    return None


#: Longest paragraph (characters, spaces removed) taken for an unrecognised part title.
PART_TITLE_CHARS = 24


def _part_title_printed(doc: Disclosure, part: str) -> bool:
    """A short paragraph that is the part's title (printed without “第X部分”, or wrapped)."""
    for p in doc.paragraphs:
        text = _norm(p.text)
        if len(text) <= PART_TITLE_CHARS and _part_key(text) == part:
            return True
    return False


# ---------------------------------------------------------------------------------------
# funds: how much money a fund has, and which tables show it

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

_FUND_COLUMNS = {
    "total": "合计栏",
    "general": "一般公共预算财政拨款栏",
    "govfund": "政府性基金预算财政拨款栏",
    "soe": "国有资本经营预算财政拨款栏",
}


@dataclass(slots=True)
class _Fund:
    amount: Decimal  # the largest amount printed for the fund (a blank cell is 0)
    evidence: list[Evidence]  # the row printing that amount
    where: str  # the table, line and column, for the message


def _row_amount(row: TableRow, column: str) -> Decimal:
    value = row.values.get(column)
    return value if value is not None else ZERO


def _fund_amounts(doc: Disclosure) -> dict[str, _Fund]:
    """Each fund's money as printed in 财政拨款收入支出决算总表 (T04), 收入支出决算总表 (T01)
    and the 一般公共预算财政拨款支出决算表 (T06 合计 row); a fund no table prints is absent."""
    funds: dict[str, _Fund] = {}

    def offer(name: str, row: TableRow, column: str, where: str) -> None:
        amount = _row_amount(row, column)
        if name not in funds or amount > funds[name].amount:
            funds[name] = _Fund(amount, [row.evidence], where)

    for kind in (TableKind.T04, TableKind.T01):
        table = doc.table(kind)
        if table is None:
            continue
        label = TABLE_NAMES[kind]
        for row in table.rows:
            ref = row.ref_code or ""
            printed = f"{label}“{row.name}”"
            if ref == "expense_total" and "total" in row.values:
                offer("fiscal", row, "total", printed + _FUND_COLUMNS["total"])
            for fund in ("general", "govfund", "soe"):
                if ref == fund and row.side == "income":
                    offer(fund, row, "amount", printed)
                elif ref == "expense_total" and fund in row.values:
                    offer(fund, row, fund, printed + _FUND_COLUMNS[fund])
                elif ref in (f"begin_balance.{fund}", f"end_balance.{fund}"):
                    offer(f"{fund}_balance", row, "amount", printed)
                elif ref in ("begin_balance", "end_balance") and fund in row.values:
                    offer(f"{fund}_balance", row, fund, printed + _FUND_COLUMNS[fund])
    t06 = doc.table(TableKind.T06)
    total = _total_row(t06) if t06 is not None else None
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
            funds["fiscal"] = _Fund(amount, best.evidence, "各类财政拨款合计")
    return funds


def _money_for(kind: TableKind, funds: dict[str, _Fund]) -> _Fund | None:
    """The fund amount above zero that obliges a table of ``kind`` to have data, if any."""
    for name in FUNDS_OF_TABLE.get(kind, ()):
        fund = funds.get(name)
        if fund is not None and fund.amount > 0:
            return fund
    return None


def _total_row(table: Table) -> TableRow | None:
    for row in table.rows:
        if row.ref_code == "total" or (row.code is None and _norm(row.name) in ("合计", "总计")):
            return row
    return None


def _has_data(table: Table) -> bool:
    return any(v is not None and v != 0 for row in table.rows for v in row.values.values())


# ---------------------------------------------------------------------------------------
# JS101 parts


def _tables_only(doc: Disclosure) -> bool:
    """A file of tables alone (some departments publish 预算公开报表 apart from the text):
    tables, no part headings, no running text of the explanation."""
    parts = [h for h in doc.outline if h.level == 0]
    explanation = [p for p in doc.paragraphs if p.part == "explanation" or p.topic]
    return bool(doc.tables) and not parts and not explanation and not doc.statements


def _layout(doc: Disclosure) -> catalog.Layout | None:
    return catalog.layouts().get(doc.layout or "")


@rule(
    "JS101",
    applies_to=BOTH_KINDS,
    name="part-missing",
    title="缺少规定的组成部分",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
公开模板规定了决算公开的组成部分（四川：概况、决算情况说明、名词解释、附件、附表；上海：
概况、决算表、决算情况说明、名词解释），目录也列出了这些部分。缺少某一部分，公开内容就不完整，
审核时应退回补充。按部分的类别（关键词）匹配，不要求标题逐字一致；决算表部分只要表格在，
即使没有“第X部分”标题也视为存在。
""",
    bad="目录列有“第三部分 名词解释”，正文从“第二部分 决算情况说明”直接到“第四部分 附件”。",
    good="正文依次有第一部分至第五部分，与目录一致。",
    suggestion="按公开模板补齐缺少的部分。",
)
def part_missing(doc: Disclosure) -> Iterator[Hit]:
    layout = _layout(doc)
    toc_parts = [(p, e, t) for p, _, level, e, t in _toc_keys(doc) if level == 0 and p]
    required = list(layout.required_parts) if layout else []
    for part, _, _ in toc_parts:
        if part not in required:
            required.append(part)
    if not required:
        raise NotApplicable("未识别版式，目录也没有列出各部分")
    if _tables_only(doc):
        raise NotApplicable("本文件只有公开报表，概况和情况说明另行公开")
    placed = _placed_outline(doc)
    present = {p.heading.key or _part_key(p.heading.title) for p in placed if p.heading.level == 0}
    if doc.tables:
        present.add("tables")
    if doc.targets:
        present.add("targets")  # 绩效目标表 printed without a part heading
    no_parts = not any(p.heading.level == 0 for p in placed)
    for part in required:
        if part in present:
            continue
        if no_parts and any(p.part is None and p.heading.level > 0 for p in placed):
            continue  # a document without part headings: its sections stand for the parts
        if _part_title_printed(doc, part):
            continue  # the title is printed, only not taken for a heading
        toc = next(((e, t) for key, e, t in toc_parts if key == part), None)
        label = part_labels(doc).get(part, part)
        if toc is not None:
            message = f"目录列有“{toc[1]}”，正文中没有这一部分。"
            evidence = [toc[0]]
        else:
            message = f"公开模板要求的“{label}”部分在正文中没有找到。"
            evidence = [doc.cover] if doc.cover else []
        yield Hit(
            message=message,
            evidence=evidence,
            expected=label,
            actual="缺失",
            where="结构",
        )


# ---------------------------------------------------------------------------------------
# JS102 sections


@rule(
    "JS102",
    applies_to=BOTH_KINDS,
    name="section-missing",
    title="缺少规定的说明章节",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
决算情况说明的章节由公开模板固定（收入支出决算总体情况、收入、支出、财政拨款收支总体情况、
一般公共预算财政拨款支出及其总体/结构/具体情况、基本支出、“三公”经费、政府性基金、
国有资本经营、其他重要事项中的机关运行经费、政府采购、国有资产占有使用、预算绩效管理），
概况部分也要写明职责和机构设置（或决算单位构成）。缺少章节就缺少相应的公开事项。章节按类别
匹配，不要求标题逐字一致；没有相应数据的章节也应保留并说明“无”。
""",
    bad="决算情况说明中没有“政府采购支出情况”。",
    good="“十、其他重要事项的情况说明（二）政府采购支出情况”写明政府采购支出总额及构成。",
    suggestion="按公开模板补写缺少的章节；没有相应事项时写明“无”。",
)
def section_missing(doc: Disclosure) -> Iterator[Hit]:
    if _tables_only(doc):
        raise NotApplicable("本文件只有公开报表，概况和情况说明另行公开")
    layout = _layout(doc)
    required: dict[str, list[str]] = {}
    if layout is not None:
        for part_key, part_sections in layout.required_sections:
            required[part_key] = list(part_sections)
    toc_titles: dict[str, tuple[Evidence, str]] = {}
    for toc_part, key, level, toc_evidence, toc_title in _toc_keys(doc):
        if toc_part in ("overview", "explanation") and key is not None and level >= 1:
            listed = required.setdefault(toc_part, [])
            if not any(key in alt.split("|") for alt in listed):
                listed.append(key)
            toc_titles.setdefault(key, (toc_evidence, toc_title))
    if not required:
        raise NotApplicable("未识别版式，目录也没有列出说明章节")
    placed = _placed_outline(doc)
    parts_present = {p.part for p in placed if p.heading.level == 0}
    names = catalog.section_names(doc.kind)
    labels = part_labels(doc)
    for part, keys in required.items():
        if parts_present and part not in parts_present:
            continue  # the whole part is missing: JS101 reports it
        found = {p.heading.key for p in placed if p.part in (part, None) and p.heading.key}
        for alternatives in keys:
            options = alternatives.split("|")
            if any(k in found for k in options):
                continue
            if _paragraph_opening(doc, options, part) is not None:
                continue  # printed as a paragraph's first line, not recognised as a heading
            title = " 或 ".join(f"“{names.get(k, k)}”" for k in options)
            toc = next((toc_titles[k] for k in options if k in toc_titles), None)
            part_label = labels.get(part, part)
            evidence: list[Evidence]
            if toc is not None:
                message = f"目录列有“{toc[1]}”，{part_label}部分中没有这一章节。"
                evidence = [toc[0]]
            else:
                message = f"{part_label}部分缺少公开模板规定的章节{title}。"
                heading = next((p.heading for p in placed if p.part == part), None)
                evidence = [heading.evidence] if heading else []
            yield Hit(
                message=message,
                evidence=evidence,
                expected=title,
                actual="缺失",
                where=labels.get(part, part),
            )


# ---------------------------------------------------------------------------------------
# JS103 / JS104 tables against the layout and the 目录


def _expected_tables(doc: Disclosure) -> list[TableKind]:
    layout = _layout(doc)
    expected = list(layout.tables) if layout else []
    for kind in doc.listed_tables:
        if kind not in expected:
            expected.append(kind)
    return expected


def _toc_entry_of(doc: Disclosure, kind: TableKind) -> Evidence | None:
    return next((e.evidence for e in doc.toc if e.table_kind == kind), None)


def _printed_titles(doc: Disclosure) -> dict[TableKind, Evidence]:
    """Body lines (headings, short paragraphs) naming a standard table, outside the 目录."""
    found: dict[TableKind, Evidence] = {}
    lines = [(h.title, h.evidence) for h in doc.outline]
    lines += [(p.text, p.evidence) for p in doc.paragraphs if len(p.text) <= 60]
    for text, evidence in lines:
        kind = _table_named(text)
        if kind is not None:
            found.setdefault(kind, evidence)
    return found


@rule(
    "JS103",
    name="table-missing",
    title="缺少规定的决算公开表",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
公开模板规定了必须公开的决算表（四川13张或14张，上海9张），没有数据的表也要公开并注明
“本表无数据”。目录或附表清单列出了某张表而正文没有，或者模板要求的表缺失，公开就不完整。
若文件中一张表格都没有（附表另行公开，目录只列清单），只给一条提示。
""",
    bad="目录列有“十、政府性基金预算财政拨款收入支出决算表”，附表中却没有这张表，而财政拨款"
    "收入支出决算总表中政府性基金预算财政拨款为446.94万元。",
    good="13张表齐全；没有数据的表保留表样并注明“本表无数据”。",
    suggestion="补齐缺少的决算表；无数据的表保留表样并注明“本表无数据”。",
)
def table_missing(doc: Disclosure) -> Iterator[Hit]:
    expected = _expected_tables(doc)
    if not expected:
        raise NotApplicable("未识别版式，目录也没有列出决算表")
    present = {t.kind for t in doc.tables}
    missing = [k for k in expected if k not in present]
    if not missing:
        return
    if not present:
        listed = [e for e in (_toc_entry_of(doc, k) for k in missing) if e is not None]
        if not listed:
            listed = [h.evidence for h in doc.outline if h.level == 0 and h.key == "tables"]
        yield Hit(
            message=(
                f"目录（或附表清单）列出{len(missing)}张决算表，本文件中一张表格也没有"
                "（可能以附件形式另行公开），无法核对表内数据。"
            ),
            evidence=listed[:3] or ([doc.cover] if doc.cover else []),
            expected=f"{len(missing)}张决算表",
            actual="0张",
            severity=Severity.INFO,
            where="决算表",
        )
        return
    funds = _fund_amounts(doc)
    printed_titles = _printed_titles(doc)
    for kind in missing:
        evidence: list[Evidence] = []
        toc = _toc_entry_of(doc, kind)
        if toc is not None:
            evidence.append(toc)
        name = TABLE_NAMES[kind]
        printed = printed_titles.get(kind)
        if printed is not None:
            yield Hit(
                message=f"正文印有“{name}”的标题，但没有识别出表格内容，请核对该表是否完整。",
                evidence=[printed, *evidence],
                expected=name,
                actual="只有标题",
                severity=Severity.WARNING,
                where=table_label(kind),
            )
            continue
        promised = "目录列有" if toc is not None else "公开模板要求"
        message = f"{promised}“{name}”，正文中没有这张表。"
        fund = _money_for(kind, funds)
        if fund is not None:
            message += f"{fund.where}为{money(fund.amount)}万元，该表应列示这部分数据。"
            evidence.extend(fund.evidence)
        yield Hit(
            message=message,
            evidence=evidence or ([doc.cover] if doc.cover else []),
            expected=name,
            actual="缺失",
            where=table_label(kind),
        )


@rule(
    "JS104",
    name="table-not-listed",
    title="决算表未列入目录",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
目录（或附表清单）应列出正文中的每一张决算表，读者才能按目录查找。正文有而目录没有的表，
说明目录与正文不一致（目录漏列，或者表格放错了文件）。
""",
    bad="正文有“国有资本经营预算财政拨款支出决算表”，目录的附表清单中没有。",
    good="目录列出正文中的全部决算表。",
    suggestion="在目录中补列该表，或核对该表是否属于本单位。",
)
def table_not_listed(doc: Disclosure) -> Iterator[Hit]:
    if not doc.listed_tables:
        raise NotApplicable("目录没有列出决算表")
    if not doc.tables:
        raise NotApplicable("正文没有决算表")
    listed = set(doc.listed_tables)
    for table in doc.tables:
        if table.kind not in listed:
            yield Hit(
                message=(
                    f"正文有“{table.title or TABLE_NAMES[table.kind]}”，"
                    "目录（附表清单）中没有列出。"
                ),
                evidence=[table.evidence],
                expected="列入目录",
                actual="未列入",
                where=table_label(table),
            )


# ---------------------------------------------------------------------------------------
# JS105–JS107 empty tables and funds


def _data_applicable(doc: Disclosure) -> None:
    if not doc.tables:
        raise NotApplicable("正文没有决算表")
    if _is_unfilled_template(doc):
        raise NotApplicable("单位名称仍是占位符（未填写的模板），表格是待填写的表样")


@rule(
    "JS105",
    name="empty-table-without-statement",
    title="空表未注明“本表无数据”",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
没有数据的决算表也必须公开，并在表内或表下注明“本表无数据”（或“本单位本年度没有……，
故本表无数据”）。只有表头、既无数据行又无说明的表，读者无法判断是确无数据还是漏填了数据。
（按总表应有数据而表内没有的，由JS106报告为错误。）
""",
    bad="“财政拨款“三公”经费支出决算表”只有表头，没有数据行，也没有“本表无数据”的说明。",
    good="表下注明：“本单位本年度没有财政拨款“三公”经费支出，故本表无数据。”",
    suggestion="填列数据，或注明“本表无数据”及原因。",
)
def empty_table_without_statement(doc: Disclosure) -> Iterator[Hit]:
    _data_applicable(doc)
    funds = _fund_amounts(doc)
    for table in doc.tables:
        if table.rows or table.empty_statement:
            continue
        if _money_for(table.kind, funds) is not None:
            continue  # JS106: the table should have data
        name = table.title or TABLE_NAMES[table.kind]
        yield Hit(
            message=f"“{name}”只有表头，没有数据行，也没有“本表无数据”的说明。",
            evidence=[table.evidence],
            expected="数据行或“本表无数据”说明",
            actual="空表",
            where=table_label(table),
        )


@rule(
    "JS106",
    name="fund-table-without-data",
    title="有资金的决算表没有数据",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
财政拨款收入支出决算总表（或收入支出决算总表、一般公共预算财政拨款支出决算表）显示某类资金
有收支或结转结余时，对应的决算表（政府性基金预算财政拨款收入支出决算表、国有资本经营预算
财政拨款收入支出/支出决算表、一般公共预算财政拨款支出决算明细表、基本支出/项目支出决算表等）
必须列示这部分数据。表内空白或注明“本表无数据”，与总表矛盾。
""",
    bad="财政拨款收入支出决算总表中一般公共预算财政拨款支出622.92万元，"
    "“一般公共预算财政拨款支出决算明细表”却只有表头。",
    good="一般公共预算财政拨款支出决算明细表按科目和经济分类列示622.92万元。",
    suggestion="按总表补填该表数据。",
)
def fund_table_without_data(doc: Disclosure) -> Iterator[Hit]:
    _data_applicable(doc)
    funds = _fund_amounts(doc)
    if not funds:
        raise NotApplicable("没有财政拨款收入支出决算总表或收入支出决算总表")
    for table in doc.tables:
        fund = _money_for(table.kind, funds)
        if fund is None or _has_data(table):
            continue
        name = table.title or TABLE_NAMES[table.kind]
        amount = money(fund.amount)
        if table.empty_statement:
            state = f"注明“{table.empty_statement}”"
        elif table.rows:
            state = "各行均为零或空白"
        else:
            state = "只有表头，没有数据行"
        yield Hit(
            message=f"“{name}”{state}，但{fund.where}为{amount}万元。",
            evidence=[table.evidence, *fund.evidence],
            expected=f"{amount}万元的数据",
            actual="无数据",
            where=table_label(table),
        )


@rule(
    "JS107",
    name="fund-table-data-without-fund",
    title="资金为零的决算表却有数据",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
总表显示某类资金（政府性基金、国有资本经营预算）为零或空白，对应的决算表却列有非零数据，
两处必有一处错误：要么总表漏填了这类资金，要么该表误填了别的资金或别的单位的数据。
""",
    bad="财政拨款收入支出决算总表中政府性基金预算财政拨款为0，"
    "政府性基金预算财政拨款收入支出决算表却列有本年支出12.00万元。",
    good="两表一致：总表为0时该表注明“本表无数据”。",
    suggestion="核对总表与该表，更正错误的一方。",
)
def fund_table_data_without_fund(doc: Disclosure) -> Iterator[Hit]:
    _data_applicable(doc)
    funds = _fund_amounts(doc)
    if not funds:
        raise NotApplicable("没有财政拨款收入支出决算总表或收入支出决算总表")
    for table in doc.tables:
        names = FUNDS_OF_TABLE.get(table.kind, ())
        if table.kind not in (TableKind.T10, TableKind.T11, TableKind.T12):
            continue
        known = [funds[n] for n in names if n in funds]
        if not known or any(f.amount != 0 for f in known) or names[0] not in funds:
            continue
        rows = [r for r in table.rows if any(v for v in r.values.values() if v is not None)]
        if not rows:
            continue
        name = table.title or TABLE_NAMES[table.kind]
        zero = funds[names[0]]
        yield Hit(
            message=(f"{zero.where}为0，“{name}”却列有数据（{rows[0].name}等{len(rows)}行）。"),
            evidence=[rows[0].evidence, *zero.evidence],
            expected="无数据",
            actual=f"{len(rows)}行有数据",
            where=table_label(table),
        )


# ---------------------------------------------------------------------------------------
# JS108 order against the 目录


def _body_part_positions(doc: Disclosure, placed: Sequence[_Placed]) -> dict[str, Evidence]:
    where: dict[str, Evidence] = {}
    for p in placed:
        if p.heading.level == 0 and p.part and p.part not in where:
            where[p.part] = p.heading.evidence
    if "tables" not in where and doc.tables:
        where["tables"] = min((t.evidence for t in doc.tables), key=_position)
    return where


def _order_hits(
    listed: Sequence[tuple[str, Evidence, str]],
    body: dict[str, Evidence],
    label: str,
) -> Iterator[Hit]:
    """Items listed in the 目录 in one order and printed in the body in another."""
    latest: tuple[str, Evidence, str] | None = None
    for key, toc_evidence, title in listed:
        here = body.get(key)
        if here is None:
            continue
        if latest is not None and _position(here) < _position(body[latest[0]]):
            before = body[latest[0]]
            confirmed = _geometry_confirms(here, before)
            yield Hit(
                message=(
                    f"目录中“{title}”排在“{latest[2]}”之后，正文中却印在它之前"
                    f"（{label}顺序与目录不一致）。"
                ),
                evidence=[here, before, toc_evidence],
                expected=f"“{latest[2]}”在前",
                actual=f"“{title}”在前",
                severity=Severity.ERROR if confirmed else Severity.WARNING,
                where="结构",
            )
        elif latest is None or _position(here) > _position(body[latest[0]]):
            latest = (key, toc_evidence, title)


@rule(
    "JS108",
    name="order-differs-from-toc",
    title="正文顺序与目录不一致",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
正文各部分、各章节和各张决算表的先后顺序应与目录一致，目录的顺序就是公开模板规定的顺序。顺序颠倒说明
文档拼接有误或目录未更新。PDF的文字层可能与版面顺序不同，只有页面几何位置也证实顺序颠倒时
才报告为错误，否则报告为警告。
""",
    bad="目录中“三、支出决算情况说明”在“二、收入决算情况说明”之后，正文中却在其前。",
    good="正文顺序与目录一致。",
    suggestion="调整正文顺序或更新目录，使两者一致。",
)
def order_differs_from_toc(doc: Disclosure) -> Iterator[Hit]:
    if not doc.toc:
        raise NotApplicable("没有目录")
    placed = _placed_outline(doc)
    toc = _toc_keys(doc)
    parts = [(p, e, t) for p, _, level, e, t in toc if level == 0 and p]
    yield from _order_hits(_unique(parts), _body_part_positions(doc, placed), "部分")
    for part in ("overview", "explanation"):
        listed = [(k, e, t) for p, k, level, e, t in toc if p == part and k and level == 1]
        body: dict[str, Evidence] = {}
        for item in placed:
            key = item.heading.key
            if item.part == part and item.heading.level == 1 and key and key not in body:
                body[key] = item.heading.evidence
        yield from _order_hits(_unique(listed), body, "章节")
    tables = [
        (e.table_kind.value, e.evidence, f"{e.number}、{e.title}" if e.number else e.title)
        for e in doc.toc
        if e.table_kind is not None
    ]
    printed = {t.kind.value: t.evidence for t in doc.tables}
    yield from _order_hits(_unique(tables), printed, "决算表")


def _unique(items: Sequence[tuple[str, Evidence, str]]) -> list[tuple[str, Evidence, str]]:
    seen: set[str] = set()
    out: list[tuple[str, Evidence, str]] = []
    for item in items:
        if item[0] not in seen:
            seen.add(item[0])
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------
# JS109 numbering


def _marker(level: int, n: int) -> str:
    return (f"第{_cn(n)}部分", f"{_cn(n)}、", f"（{_cn(n)}）")[level]


def _opens_with_number(paragraphs: Sequence[Paragraph], level: int, n: int) -> bool:
    """A paragraph opens with the number (the heading is printed but was not recognised)."""
    if level == 0:
        marks: tuple[str, ...] = (f"第{_cn(n)}部分",)
    elif level == 1:
        marks = (f"{_cn(n)}、", f"{_cn(n)}．", f"{_cn(n)}.")
    else:
        marks = (f"（{_cn(n)}）",)
    return any(_norm(p.text).startswith(marks) for p in paragraphs)


def _numbering_hits(
    headings: Sequence[Heading],
    level: int,
    scope: str,
    paragraphs: Sequence[Paragraph],
    number_present: dict[int, bool] | None = None,
) -> Iterator[Hit]:
    """Numbers of sibling headings must run 1, 2, 3… without gaps, repeats or a missing number."""
    numbers = [_cn_value(h.number) if h.number else None for h in headings]
    printed = {n for n in numbers if n is not None}
    if not printed:
        return  # an unnumbered list: nothing to check
    expected = 1
    previous: Heading | None = None
    for heading, n in zip(headings, numbers, strict=True):
        title = f"{heading.number}{'、' if level == 1 and heading.number else ''}{heading.title}"
        if n is None:
            if expected in printed:
                continue  # an unnumbered heading beside a complete numbering (a sub-title)
            yield Hit(
                message=(
                    f"{scope}的“{heading.title}”没有编号，按顺序应为“{_marker(level, expected)}”。"
                ),
                evidence=[heading.evidence],
                expected=_marker(level, expected),
                actual="无编号",
                severity=Severity.WARNING,
                where=scope,
            )
            expected += 1
        elif n > expected:
            gap = [m for m in range(expected, n) if m not in printed]
            gap = [
                m
                for m in gap
                if not _opens_with_number(paragraphs, level, m)
                and not (number_present or {}).get(m, False)
            ]
            if gap:
                missing = "、".join(f"“{_marker(level, m)}”" for m in gap)
                yield Hit(
                    message=f"{scope}编号不连续：“{title}”之前缺少{missing}。",
                    evidence=[heading.evidence] + ([previous.evidence] if previous else []),
                    expected=_marker(level, expected),
                    actual=_marker(level, n),
                    severity=Severity.WARNING,
                    where=scope,
                )
            expected = n + 1
        elif n < expected:
            what = "重复" if n == expected - 1 else "顺序颠倒"
            confirmed = previous is not None and _geometry_confirms(
                previous.evidence, heading.evidence
            )
            yield Hit(
                message=(
                    f"{scope}编号{what}：“{title}”出现在"
                    f"“{_marker(level, expected - 1)}”之后，应为“{_marker(level, expected)}”。"
                ),
                evidence=[heading.evidence] + ([previous.evidence] if previous else []),
                expected=_marker(level, expected),
                actual=_marker(level, n),
                severity=Severity.ERROR if confirmed else Severity.WARNING,
                where=scope,
            )
            expected = max(expected, n + 1)
        else:
            expected = n + 1
        previous = heading


@rule(
    "JS109",
    applies_to=BOTH_KINDS,
    name="numbering-sequence",
    title="部分或章节编号不连续",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
部分（第一部分、第二部分…）、章节（一、二、三…）和小节（（一）（二）…）的编号应从一开始
连续排列，不跳号、不重号、不漏号。跳号往往意味着漏了一节，重号和颠倒意味着拼接错误。
附表和附件中的编号跟随表格或各自的报告，不在此检查。PDF只有在页面几何位置证实时，重号和
颠倒才报告为错误。
""",
    bad="决算情况说明第一节标题“收入支出决算总体情况说明”前没有“一、”，第二节为“二、收入决算情况说明”。",
    good="一、收入支出决算总体情况说明；二、收入决算情况说明；……",
    suggestion="按顺序补正编号。",
)
def numbering_sequence(doc: Disclosure) -> Iterator[Hit]:
    placed = _placed_outline(doc)
    if not placed:
        raise NotApplicable("没有识别出部分和章节标题")
    # parts: the first heading of each known part (a report in the annex may have its own
    # “第一部分…”); a number missing from the body is fine when that part's content is present
    parts: list[Heading] = []
    seen_parts: set[str] = set()
    for p in placed:
        key = p.heading.key or _part_key(p.heading.title)
        if p.heading.level == 0 and key is not None and key not in seen_parts:
            seen_parts.add(key)
            parts.append(p.heading)
    toc_numbers: dict[int, bool] = {}
    present_parts = {p.part for p in placed if p.heading.level == 0}
    if doc.tables:
        present_parts.add("tables")
    for entry in doc.toc:
        n = _cn_value(entry.number) if entry.level == 0 and entry.number else None
        if n is not None:
            toc_numbers[n] = _part_key(entry.title) in present_parts
    yield from _numbering_hits(parts, 0, "正文各部分", doc.paragraphs, toc_numbers)
    # sections are numbered from 一 within each printed part: a layout may print two parts
    # of one kind (部门预算编制说明 and 其他相关情况说明), each with its own 一、二、…;
    # without part headings the whole body is read as the explanation
    if parts:
        groups = [g for g in _part_groups(placed) if g.part in ("overview", "explanation")]
    else:
        groups = [_PartGroup(None, None, [p for p in placed if p.part is None])]
    labels = _PART_LABELS_BY_KIND.get(doc.kind, PART_LABELS) if doc.kind else PART_LABELS
    repeated = Counter(g.part for g in groups)
    for group in groups:
        part = group.part
        sections = [p.heading for p in group.members if p.heading.level == 1]
        paragraphs = [p for p in doc.paragraphs if p.part == part]
        label = labels.get(part, PART_LABELS.get(part, part)) if part else "正文"
        if part and group.heading is not None and repeated[part] > 1:
            label += f"“{group.heading.title}”"
        yield from _numbering_hits(sections, 1, label, paragraphs)
        if part == "overview":
            continue  # list items of the overview are not headings
        for parent in sections:
            children = [
                p.heading for p in group.members if p.parent is parent and p.heading.level == 2
            ]
            if not children:
                continue
            path = parent.number
            inside = [
                q
                for q in paragraphs
                if q.section == path or (q.section or "").startswith(f"{path}（")
            ]
            yield from _numbering_hits(
                children, 2, f"{label}“{parent.number}、{parent.title}”", inside
            )


@dataclass(slots=True)
class _PartGroup:
    """The headings printed under one part heading (or before the first one)."""

    heading: Heading | None
    part: str | None
    members: list[_Placed]


def _part_groups(placed: Sequence[_Placed]) -> list[_PartGroup]:
    """The headings of each part heading (those before the first part heading are left out)."""
    groups: list[_PartGroup] = []
    for p in placed:
        if p.heading.level == 0:
            groups.append(_PartGroup(p.heading, p.part, []))
        elif groups:
            groups[-1].members.append(p)
    return groups


# ---------------------------------------------------------------------------------------
# JS110 a section whose text repeats another section

#: Shortest paragraph (characters, spaces removed) compared: shorter ones (captions, "无。")
#: legitimately repeat.
MIN_REPEATED_CHARS = 30

#: Budget sections that state the same figures when all 财政拨款 is 一般公共预算 (no 政府性基金
#: or 国有资本经营预算 money), as most units' budgets: the same sentence is right in both.
BUDGET_COUNTERPARTS = (
    frozenset({"fiscal_basic", "basic"}),
    frozenset({"total", "fiscal_total", "fiscal_expense", "general_budget"}),
)


def _counterparts(doc: Disclosure, a: str | None, b: str | None) -> bool:
    if doc.kind is not DocKind.BUDGET or a is None or b is None:
        return False
    return any(a in group and b in group for group in BUDGET_COUNTERPARTS)


@rule(
    "JS110",
    applies_to=BOTH_KINDS,
    name="section-copied",
    title="章节内容照搬其他章节",
    category=Category.COMPLETENESS,
    severity=Severity.WARNING,
    rationale="""
每一节说明的是不同的事项（如“四、财政拨款收入支出决算总体情况”与“五（一）一般公共预算
财政拨款支出决算总体情况”），逐字相同的段落说明其中一节是复制粘贴的，本节应有的内容
（金额、增减变化及原因）实际缺失。
""",
    bad="五（一）一般公共预算财政拨款支出决算总体情况：“2020年财政拨款收、支总计233.72万元……”"
    "与第四节逐字相同。",
    good="五（一）：“2020年度一般公共预算财政拨款支出233.72万元，占本年支出合计的100%……”",
    suggestion="按本节主题重写说明。",
)
def section_copied(doc: Disclosure) -> Iterator[Hit]:
    if _is_unfilled_template(doc):
        raise NotApplicable("单位名称仍是占位符（未填写的模板），说明是模板的示范文字")
    paragraphs = [p for p in doc.paragraphs if p.part in ("explanation", None) and p.section]
    if not paragraphs:
        raise NotApplicable("没有决算情况说明的段落")
    titles: dict[str, str] = {}
    for item in _placed_outline(doc):
        h = item.heading
        if item.part not in ("explanation", None):
            continue
        if h.level == 1:
            titles[h.number] = h.title
        elif h.level == 2 and item.parent is not None:
            titles[f"{item.parent.number}{h.number}"] = h.title
    first: dict[str, Paragraph] = {}
    for p in paragraphs:
        text = _norm(p.text)
        if len(text) < MIN_REPEATED_CHARS or any(m in text for m in PLACEHOLDER_UNIT_MARKS):
            continue  # short lines repeat legitimately; placeholders are residue (JS7xx)
        earlier = first.get(text)
        if earlier is None:
            first[text] = p
            continue
        if earlier.section == p.section or (earlier.topic and earlier.topic == p.topic):
            continue
        if _counterparts(doc, earlier.topic, p.topic):
            continue
        here = f"{p.section}“{titles.get(p.section or '', '')}”"
        there = f"{earlier.section}“{titles.get(earlier.section or '', '')}”"
        excerpt = p.text[:40] + ("…" if len(p.text) > 40 else "")
        yield Hit(
            message=f"{here}的段落与{there}逐字相同（“{excerpt}”），本节应说明的内容缺失。",
            evidence=[p.evidence, earlier.evidence],
            expected="本节主题的说明",
            actual=f"照搬{earlier.section}",
            where=p.section,
        )
