"""JS954: a code's name is the one the other documents of the year print for it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from juesuan.model import Disclosure, Evidence
from juesuan.model.corpus import CodeUse, CorpusLookup
from juesuan.model.findings import Severity
from juesuan.rules.codes._shared import CLASSIFICATIONS, LEVELS, Coded, code_list, coded_rows
from juesuan.rules.codes.js401_code_name_mismatch import normalise_name
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, corpus_rule
from juesuan.rules.tables import evidence_of

#: Units (not documents: a unit's budget and final account are one author) that must print
#: a code before their usual name counts, and the share of them that must agree.
MIN_UNITS = 3
MIN_SHARE = (2, 3)


@dataclass(slots=True)
class _Name:
    shown: str  # as first printed
    units: set[str] = field(default_factory=set)
    example: CodeUse | None = None


@corpus_rule(
    "JS954",
    applies_to=BOTH_KINDS,
    whole_year=True,
    name="code-name-corpus-majority",
    title="科目名称与库中同年其他单位的通行名称不同",
    severity=Severity.WARNING,
    rationale="""
同一年度的支出功能分类和经济分类科目，每个编码只有一个标准名称；各单位的公开文件应印同一
名称。参考目录（政府收支分类科目）只收录一个年度且不完整，对目录没有的编码、或文件年度与目录
年度不同时，文档库中同年度其他单位的文件是最好的参照：至少 3 个单位印了该编码、三分之二以上
用同一名称，而本文件用了另一个名称时提示核对。多数只是证据而非定论（名称可能当年调整、多数
单位可能沿用旧名）：其他单位全部一致时为警告，否则为提示；本文件用的名称正是参考目录的名称时
只作提示。参考目录与文件同年度且收录该编码时由 JS401 按标准名称检查，本规则不重复报告。
""",
    tolerance=(
        "至少 3 个其他单位印该编码，三分之二以上用同一名称；名称比较忽略空格、引号与全半角括号。"
    ),
    suggestion="按当年《政府收支分类科目》核对科目名称与编码。",
)
def code_name_corpus_majority(doc: Disclosure, lookup: CorpusLookup) -> Iterator[Hit]:
    if doc.year is None:
        raise NotApplicable("未识别文件年度，无法与同年度文件比较")
    coded = coded_rows(doc)
    if not coded:
        raise NotApplicable("没有带科目编码的表格行")
    mine: dict[str, dict[str, list[Coded]]] = {}
    for c in coded:
        name = normalise_name(c.row.name)
        if name:
            mine.setdefault(c.code, {}).setdefault(name, []).append(c)
    codes = [code for code in mine if _unsettled(code, doc.year, mine[code])]
    if not codes:
        return
    theirs: dict[str, dict[str, _Name]] = {}
    for use in lookup.code_uses(codes, doc.year, exclude=doc):
        entry = theirs.setdefault(use.code, {}).setdefault(
            normalise_name(use.name), _Name(use.name.strip())
        )
        if entry.example is None and use.evidence is not None:
            entry.example = use
        entry.units.add(use.unit)
    for code in codes:
        names = theirs.get(code, {})
        units = set().union(*(n.units for n in names.values())) if names else set()
        if len(units) < MIN_UNITS:
            continue
        usual_key, usual = max(names.items(), key=lambda kv: (len(kv[1].units), kv[0]))
        if len(usual.units) * MIN_SHARE[1] < len(units) * MIN_SHARE[0]:
            continue
        for printed, rows in mine[code].items():
            if printed == usual_key:
                continue
            yield _hit(doc, code, rows, usual, len(units))


def _unsettled(code: str, year: int, names: dict[str, list[Coded]]) -> bool:
    """A code the reference list cannot settle for this year (JS401 checks the others)."""
    kind = next(iter(names.values()))[0].kind
    codes = code_list(kind)
    return code not in codes.names or codes.year != year


def _hit(doc: Disclosure, code: str, rows: list[Coded], usual: _Name, units: int) -> Hit:
    kind = rows[0].kind
    reference = code_list(kind).names.get(code)
    printed = rows[0].row.name.strip()
    unanimous = len(usual.units) == units
    severity = Severity.WARNING if unanimous else Severity.INFO
    note = ""
    if reference is not None and normalise_name(reference) == normalise_name(printed):
        severity = Severity.INFO
        note = f"；本文件所用名称与参考目录（{code_list(kind).year}年版）一致，仅作提示"
    example = usual.example
    cited: list[Evidence] = []
    like = ""
    if example is not None and example.evidence is not None:
        cited.append(example.evidence)
        like = f"，如 {example.label}"
    tables = "、".join(dict.fromkeys(table_label(c.table) for c in rows))
    level = LEVELS.get(len(code), "")
    message = (
        f"{tables}中{CLASSIFICATIONS[kind]}{code}（{level}）印为“{printed}”；库中{doc.year}年度"
        f"另有 {units} 个单位的文件印此编码，其中 {len(usual.units)} 个印为“{usual.shown}”{like}"
        f"{note}。"
    )
    return Hit(
        message=message,
        evidence=[*evidence_of(c.row for c in rows), *cited],
        expected=usual.shown,
        actual=printed,
        severity=severity,
        where=table_label(rows[0].table),
    )
