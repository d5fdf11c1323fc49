"""JS401: each printed code carries its standard name (the reference list of the year)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from juesuan.catalog.codes import YearList
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import (
    CLASSIFICATIONS,
    LEVELS,
    Coded,
    class_lines,
    code_list,
    coded_rows,
    codes_by_name,
    normalise_name,
    other_years_names,
    printed_name,
    years_text,
)
from juesuan.rules.codes._typos import typo_rows
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

__all__ = ["code_name_mismatch", "normalise_name"]

#: Below this similarity (difflib ratio of the normalised names) a printed name is taken to name
#: a different item rather than to misspell the standard one: “住房租金支出” for 住房公积金
#: scores 0.55, “国有土地使用者出让收入安排的支出” for …使用权… scores 0.94.
DIFFERENT_ITEM_RATIO = 0.6


def _owner_of_name(doc: Disclosure, kind: str, code: str, printed: str) -> str | None:
    """Another code whose standard name (this year) is ``printed``: a sibling first."""
    owners = [
        c for c in codes_by_name(kind, doc.year).get(f"{len(code)}:{printed}", ()) if c != code
    ]
    if not owners:
        return None
    parent = code[:-2]
    return next((c for c in owners if c.startswith(parent)), owners[0])


def _lower(severity: Severity) -> Severity:
    return Severity.WARNING if severity is Severity.ERROR else Severity.INFO


@dataclass(slots=True)
class _Misnamed:
    code: str
    kind: str
    printed: str
    rows: list[Coded] = field(default_factory=list)


@rule(
    "JS401",
    applies_to=BOTH_KINDS,
    name="code-name-mismatch",
    title="科目名称与标准名称不一致",
    category=Category.CODES,
    severity=Severity.WARNING,
    rationale="""
每个支出功能分类科目和经济分类科目都有财政部规定的标准名称，同一编码在所有表中应使用当年
《政府收支分类科目》的标准名称。名称写错（错字、漏字、用了旧名称）会让读者误解支出用途；
名称明显属于另一个科目时（如把2210201“住房公积金”写成“住房租金支出”），说明编码或名称填错
了，应作为错误更正。收入支出决算总表等按“类”列示的支出行也按当年名称核对。比较时忽略空格、
引号和全角/半角括号的差别。参考目录按年度收录（2018–2024年），使用文件年度的名称；未经确认
的目录条目只作提示，文件年度不在目录确立的年度之内时降低一级报告。
""",
    tolerance="DIFFERENT_ITEM_RATIO：名称相似度低于0.6且本文件其他表用标准名称时视为另一科目（错误）。",
    suggestion="按当年《政府收支分类科目》使用标准科目名称，并核对编码是否填错。",
)
def code_name_mismatch(doc: Disclosure) -> Iterator[Hit]:
    coded = coded_rows(doc)
    lines = class_lines(doc)
    if not coded and not lines:
        raise NotApplicable("没有带科目编码的表格行")
    typos = typo_rows(doc) if coded else set()
    places = [c for c in coded if (c.group, c.code) not in typos] + lines
    # names by code across the document, to see whether another table prints the standard one
    printed_names: dict[tuple[str, str], set[str]] = {}
    for c in places:
        printed_names.setdefault((c.kind, c.code), set()).add(normalise_name(printed_name(c)))
    misnamed: dict[tuple[str, str], _Misnamed] = {}
    for c in places:
        standard = code_list(c.kind, doc).names.get(c.code)
        printed = normalise_name(printed_name(c))
        if standard is None or not printed or printed == normalise_name(standard):
            continue
        entry = misnamed.setdefault((c.code, printed), _Misnamed(c.code, c.kind, printed_name(c)))
        entry.rows.append(c)
    for (code, printed), entry in misnamed.items():
        codes = code_list(entry.kind, doc)
        yield _hit(doc, codes, code, printed, entry, printed_names)


def _hit(
    doc: Disclosure,
    codes: YearList,
    code: str,
    printed: str,
    entry: _Misnamed,
    printed_names: dict[tuple[str, str], set[str]],
) -> Hit:
    standard = codes.names[code]
    norm_standard = normalise_name(standard)
    level = LEVELS.get(len(code), "")
    other = _owner_of_name(doc, entry.kind, code, printed)
    others_standard = norm_standard in printed_names[(entry.kind, code)]
    ratio = SequenceMatcher(None, printed, norm_standard).ratio()
    tables = "、".join(dict.fromkeys(table_label(c.table) for c in entry.rows))
    evidence = [c.row.evidence for c in entry.rows]
    old_years = [
        y
        for name, years in other_years_names(entry.kind, code).items()
        if normalise_name(name) == printed
        for y in years
    ]
    severity = Severity.WARNING
    sure = codes.sure(code)
    if old_years:
        when = years_text(sorted(old_years))
        why = f"“{entry.printed}”是该科目{when}的名称，{codes.year}年已改为“{standard}”"
    elif other is not None:
        severity = Severity.ERROR
        sure = sure and codes.sure(other)
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
            c.row.evidence for c in _rows_with_name(doc, entry.kind, code, norm_standard, limit=2)
        ]
    elif ratio < DIFFERENT_ITEM_RATIO:
        why = f"“{entry.printed}”与标准名称“{standard}”差别较大，请核对编码或名称"
    else:
        why = "名称有错漏字或用了非标准写法"
    if not codes.established and severity is not Severity.INFO:
        severity = _lower(severity)
        why += f"（参考目录为{codes.year}年版，本文件为{doc.year}年度，名称可能已调整）"
    elif codes.established and not sure:
        severity = Severity.INFO
        why += "（参考目录中该条目未经确认）"
    return Hit(
        message=(
            f"{tables}中{CLASSIFICATIONS[entry.kind]}{code}（{level}）印为“{entry.printed}”，"
            f"{codes.year}年标准名称为“{standard}”：{why}。"
        ),
        evidence=evidence,
        expected=standard,
        actual=entry.printed,
        severity=severity,
        where=table_label(entry.rows[0].table),
    )


def _rows_with_name(
    doc: Disclosure, kind: str, code: str, norm_name: str, limit: int
) -> list[Coded]:
    found = [
        c
        for c in coded_rows(doc)
        if c.kind == kind and c.code == code and normalise_name(c.row.name) == norm_name
    ]
    return found[:limit]
