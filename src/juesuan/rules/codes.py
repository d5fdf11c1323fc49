"""Classification codes (JS400–JS499): is each printed code real, well formed, in its place, and
printed with its standard name?

Rows of most tables are 支出功能分类科目 (类 3 digits, 款 5, 项 7: ``2080505``); the basic
expenditure table lists 部门预算支出经济分类科目 (类 3 digits, 款 5: ``30201``).  The reference
lists are catalog data (``catalog/codes_functional.toml``, ``catalog/codes_economic.toml``, from
财政部《2024年政府收支分类科目》) and deliberately partial: a code missing from them is reported
as information only.

Names are compared after removing spaces and quotes and unifying full- and half-width brackets.
A different name is a warning; an error only when the printed name is clearly another item's:
it is the standard name of another code, or it shares little with the standard name while
another table of the same document prints the same code with the standard name.  A reference
list of another year than the document's only gives information (names are revised yearly).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache

from juesuan import catalog
from juesuan.model import Disclosure, Table, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

#: Below this similarity (difflib ratio of the normalised names) a printed name is taken to name
#: a different item rather than to misspell the standard one: “住房租金支出” for 住房公积金
#: scores 0.55, “国有土地使用者出让收入安排的支出” for …使用权… scores 0.94.
DIFFERENT_ITEM_RATIO = 0.6

LEVELS = {3: "类", 5: "款", 7: "项"}
CLASSIFICATIONS = {"functional": "支出功能分类科目", "economic": "部门预算支出经济分类科目"}
VALID_LENGTHS = {"functional": (3, 5, 7), "economic": (3, 5)}

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"^\d+$")


@lru_cache(maxsize=8192)
def normalise_name(name: str) -> str:
    """Spaces and quotes removed, brackets full-width: how names are compared."""
    t = _SPACES.sub("", name)
    for q in "“”\"'‘’「」":
        t = t.replace(q, "")
    return t.replace("(", "（").replace(")", "）")


def _classification(code: str) -> str | None:
    if code.startswith("2"):
        return "functional"
    if code.startswith("3"):
        return "economic"
    return None


def _code_list(kind: str) -> catalog.CodeList:
    return catalog.functional_codes() if kind == "functional" else catalog.economic_codes()


@cache
def _codes_by_name() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per classification, "length:normalised standard name" -> the codes with that name."""
    out: dict[str, dict[str, list[str]]] = {}
    for kind in CLASSIFICATIONS:
        names = out.setdefault(kind, {})
        for code, name in _code_list(kind).names.items():
            names.setdefault(f"{len(code)}:{normalise_name(name)}", []).append(code)
    return {kind: {k: tuple(v) for k, v in names.items()} for kind, names in out.items()}


def _owner_of_name(kind: str, code: str, printed: str) -> str | None:
    """Another code whose standard name is ``printed``: a sibling (same parent) first."""
    owners = [c for c in _codes_by_name()[kind].get(f"{len(code)}:{printed}", ()) if c != code]
    if not owners:
        return None
    parent = code[:-2]
    return next((c for c in owners if c.startswith(parent)), owners[0])


@dataclass(slots=True)
class _Coded:
    table: Table
    row: TableRow
    code: str
    kind: str  # functional / economic
    group: str  # table kind + block (side), the unit within which hierarchy is read


def _coded_groups(doc: Disclosure) -> list[list[_Coded]]:
    """The coded rows per group (one table's functional or economic codes), in order."""
    coded = _coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    groups: dict[str, list[_Coded]] = {}
    for c in coded:
        groups.setdefault(c.group, []).append(c)
    return list(groups.values())


def _coded_rows(doc: Disclosure) -> list[_Coded]:
    out: list[_Coded] = []
    for table in doc.tables:
        prefix = f"{table.kind.value}/"
        for row in table.rows:
            code = row.code
            if not code:
                continue
            if not code.isdigit():
                code = _SPACES.sub("", code)
                if not _DIGITS.match(code):
                    continue
            kind = _classification(code)
            if kind is not None:
                out.append(_Coded(table, row, code, kind, prefix + (row.side or "")))
    return out


def _year_differs(doc: Disclosure, codes: catalog.CodeList) -> bool:
    return doc.year is not None and doc.year != codes.year


def _lower(severity: Severity) -> Severity:
    return Severity.WARNING if severity is Severity.ERROR else Severity.INFO


@dataclass(slots=True)
class _Misnamed:
    code: str
    kind: str
    printed: str
    rows: list[_Coded] = field(default_factory=list)


@rule(
    "JS401",
    applies_to=BOTH_KINDS,
    name="code-name-mismatch",
    title="科目名称与标准名称不一致",
    category=Category.CODES,
    severity=Severity.WARNING,
    rationale="""
每个支出功能分类科目和经济分类科目都有财政部规定的标准名称，同一编码在所有表中应使用同一
标准名称。名称写错（错字、漏字、用了旧名称）会让读者误解支出用途；名称明显属于另一个科目时
（如把2210201“住房公积金”写成“住房租金支出”），说明编码或名称填错了，应作为错误更正。
比较时忽略空格、引号和全角/半角括号的差别。参考目录为2024年版，其他年度的文件降低一级报告
（科目名称逐年可能调整）。
""",
    bad="收入决算表：2210201 住房租金支出",
    good="收入决算表：2210201 住房公积金",
    tolerance="DIFFERENT_ITEM_RATIO：名称相似度低于0.6且本文件其他表用标准名称时视为另一科目（错误）。",
    suggestion="按《政府收支分类科目》使用标准科目名称，并核对编码是否填错。",
)
def code_name_mismatch(doc: Disclosure) -> Iterator[Hit]:
    coded = _coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    # names by code across the document, to see whether another table prints the standard one
    printed_names: dict[tuple[str, str], set[str]] = {}
    for c in coded:
        printed_names.setdefault((c.kind, c.code), set()).add(normalise_name(c.row.name))
    misnamed: dict[tuple[str, str], _Misnamed] = {}
    for c in coded:
        standard = _code_list(c.kind).names.get(c.code)
        printed = normalise_name(c.row.name)
        if standard is None or not printed or printed == normalise_name(standard):
            continue
        entry = misnamed.setdefault((c.code, printed), _Misnamed(c.code, c.kind, c.row.name))
        entry.rows.append(c)
    for (code, printed), entry in misnamed.items():
        codes = _code_list(entry.kind)
        standard = codes.names[code]
        norm_standard = normalise_name(standard)
        level = LEVELS.get(len(code), "")
        other = _owner_of_name(entry.kind, code, printed)
        others_standard = norm_standard in printed_names[(entry.kind, code)]
        ratio = SequenceMatcher(None, printed, norm_standard).ratio()
        tables = "、".join(dict.fromkeys(table_label(c.table) for c in entry.rows))
        evidence = [c.row.evidence for c in entry.rows]
        severity = Severity.WARNING
        if other is not None:
            severity = Severity.ERROR
            why = f"“{entry.printed}”是{other}的标准名称，编码与名称不对应"
        elif norm_standard.startswith(printed):
            severity = Severity.INFO
            why = "名称不完整（可能是换行截断）"
        elif ratio < DIFFERENT_ITEM_RATIO and others_standard:
            severity = Severity.ERROR
            why = (
                f"“{entry.printed}”与标准名称“{standard}”不是同一科目，"
                "本文件其他表中该编码用的是标准名称"
            )
            evidence += [
                c.row.evidence
                for c in _rows_with_name(doc, entry.kind, code, norm_standard, limit=2)
            ]
        elif ratio < DIFFERENT_ITEM_RATIO:
            why = f"“{entry.printed}”与标准名称“{standard}”差别较大，请核对编码或名称"
        else:
            why = "名称有错漏字或用了非标准写法"
        if _year_differs(doc, codes) and severity is not Severity.INFO:
            severity = _lower(severity)
            why += f"（参考目录为{codes.year}年版，本文件为{doc.year}年度，名称可能已调整）"
        yield Hit(
            message=(
                f"{tables}中{CLASSIFICATIONS[entry.kind]}{code}（{level}）印为“{entry.printed}”，"
                f"标准名称为“{standard}”：{why}。"
            ),
            evidence=evidence,
            expected=standard,
            actual=entry.printed,
            severity=severity,
            where=table_label(entry.rows[0].table),
        )


def _rows_with_name(
    doc: Disclosure, kind: str, code: str, norm_name: str, limit: int
) -> list[_Coded]:
    found = [
        c
        for c in _coded_rows(doc)
        if c.kind == kind and c.code == code and normalise_name(c.row.name) == norm_name
    ]
    return found[:limit]


@rule(
    "JS402",
    applies_to=BOTH_KINDS,
    name="code-not-in-reference",
    title="科目编码未在参考目录中",
    category=Category.CODES,
    severity=Severity.INFO,
    rationale="""
juesuan 附带的科目参考目录只收录了能够确认的科目（全部“类”和常见的“款”“项”），目录之外的
编码不一定有错，但值得核对：编码是否存在于当年的《政府收支分类科目》，是否写错了位数字。
“类”的目录是完整的，不在其中的“类”编码一定有误，报告为警告。
""",
    bad="2130706 （参考目录未收录）",
    good="2080505 机关事业单位基本养老保险缴费支出（参考目录已收录）",
    suggestion="对照当年《政府收支分类科目》核对该编码。",
)
def code_not_in_reference(doc: Disclosure) -> Iterator[Hit]:
    coded = _coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    unknown: dict[tuple[str, str], list[_Coded]] = {}
    for c in coded:
        if len(c.code) not in VALID_LENGTHS[c.kind]:
            continue  # JS403
        if c.code not in _code_list(c.kind).names:
            unknown.setdefault((c.kind, c.code), []).append(c)
    for (kind, code), rows in unknown.items():
        codes = _code_list(kind)
        name = rows[0].row.name
        tables = "、".join(dict.fromkeys(table_label(c.table) for c in rows))
        is_class = len(code) == 3 and kind == "functional"
        if is_class:
            message = (
                f"{tables}中的{code}（{name}）不是{CLASSIFICATIONS[kind]}的“类”"
                f"（{codes.year}年科目的类编码为201–234中的29个）。"
            )
        else:
            message = (
                f"{tables}中的{CLASSIFICATIONS[kind]}{code}（{name}）未在参考目录中"
                f"（参考目录为{codes.year}年版的部分科目），请核对编码。"
            )
        yield Hit(
            message=message,
            evidence=[c.row.evidence for c in rows],
            expected="参考目录中的编码",
            actual=code,
            severity=Severity.WARNING if is_class else None,
            where=table_label(rows[0].table),
        )


@rule(
    "JS403",
    applies_to=BOTH_KINDS,
    name="code-malformed",
    title="科目编码位数或层级不对",
    category=Category.CODES,
    severity=Severity.WARNING,
    rationale="""
支出功能分类科目的类、款、项编码分别为3、5、7位，款编码以所属类编码开头，项编码以所属款编码
开头；经济分类科目的类、款编码为3、5位。位数不对，或者一个款（项）印在别的类（款）下面，
通常是编码录入错误或表格行错位。
""",
    bad="20805 行政事业单位养老支出 印在 210 卫生健康支出 之下。",
    good="20805 印在 208 社会保障和就业支出 之下。",
    suggestion="核对编码位数及其所属的类、款。",
)
def code_malformed(doc: Disclosure) -> Iterator[Hit]:
    for rows in _coded_groups(doc):
        present = {c.code for c in rows}
        current: dict[int, _Coded] = {}  # the last printed code of each length
        label = table_label(rows[0].table)
        for c in rows:
            lengths = VALID_LENGTHS[c.kind]
            if len(c.code) not in lengths:
                yield Hit(
                    message=(
                        f"{label}中的编码{c.code}（{c.row.name}）为{len(c.code)}位，"
                        f"{CLASSIFICATIONS[c.kind]}的编码应为"
                        f"{'、'.join(str(n) for n in lengths)}位。"
                    ),
                    evidence=[c.row.evidence],
                    expected="/".join(f"{n}位" for n in lengths),
                    actual=f"{len(c.code)}位",
                    where=label,
                )
                continue
            index = lengths.index(len(c.code))
            if index > 0:
                parent_len = lengths[index - 1]
                parent = c.code[:parent_len]
                above = current.get(parent_len)
                if parent in present and above is not None and above.code != parent:
                    yield Hit(
                        message=(
                            f"{label}中的{LEVELS[len(c.code)]}{c.code}（{c.row.name}）"
                            f"印在{LEVELS[parent_len]}{above.code}（{above.row.name}）之下，"
                            f"应在{LEVELS[parent_len]}{parent}之下。"
                        ),
                        evidence=[c.row.evidence, above.row.evidence],
                        expected=f"属于{parent}",
                        actual=f"印在{above.code}下",
                        where=label,
                    )
            current[len(c.code)] = c
            for longer in lengths[index + 1 :]:
                current.pop(longer, None)


@rule(
    "JS404",
    applies_to=BOTH_KINDS,
    name="code-parent-missing",
    title="科目缺少上级类/款行",
    category=Category.CODES,
    severity=Severity.INFO,
    rationale="""
按科目列示的决算表应逐级列出类、款、项，各级金额才能逐级核对。同一张表里别的项都列出了所属
的款（别的款都列出了所属的类），个别项（款）却缺少上级行，多半是漏了一行。
""",
    bad="2101102 事业单位医疗 上面没有 21011 行政事业单位医疗 和 210 卫生健康支出 两行，"
    "而同表其他项都有。",
    good="210 卫生健康支出 / 21011 行政事业单位医疗 / 2101102 事业单位医疗 逐级列示。",
    suggestion="补列缺少的类、款行及其金额。",
)
def code_parent_missing(doc: Disclosure) -> Iterator[Hit]:
    for rows in _coded_groups(doc):
        present = {c.code for c in rows}
        for length in (5, 7):
            children = [c for c in rows if len(c.code) == length]
            if not children:
                continue
            lengths = VALID_LENGTHS[children[0].kind]
            if length not in lengths:
                continue
            parent_len = lengths[lengths.index(length) - 1]
            orphans = [c for c in children if c.code[:parent_len] not in present]
            if not orphans or len(orphans) == len(children):
                continue  # all have their parent, or the table lists this level alone
            for c in orphans:
                parent = c.code[:parent_len]
                label = table_label(c.table)
                yield Hit(
                    message=(
                        f"{label}列有{LEVELS[length]}{c.code}（{c.row.name}），没有所属的"
                        f"{LEVELS[parent_len]}{parent}行，而同表其他{LEVELS[length]}"
                        "都列出了上级行。"
                    ),
                    evidence=[c.row.evidence],
                    expected=f"{LEVELS[parent_len]}{parent}行",
                    actual="缺失",
                    where=label,
                )
