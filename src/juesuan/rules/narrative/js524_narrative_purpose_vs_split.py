"""JS524: what a 类/款/项 is said to be used for (主要用于…) agrees with its split into
基本支出 and 项目支出 in the tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, DocKind, Statement, Table, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money, table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.narrative._descriptions import (
    BASIC,
    PROJECT,
    SPLIT_NAMES,
    purpose_kind,
    read_all,
    where,
)
from juesuan.rules.narrative._restated import resolve_path
from juesuan.rules.tables import cell, squash
from juesuan.structure.paths import resolve_path_codes

_GENERAL = (TableKind.T06,)
_FINAL_OTHER = (TableKind.T06, TableKind.T05, TableKind.T03)
_BUDGET_ALL = (TableKind.B03, TableKind.B05, TableKind.B07)
_BUDGET_FISCAL = (TableKind.B07, TableKind.B05, TableKind.B03)


def _tables(doc: Disclosure, s: Statement) -> tuple[TableKind, ...]:
    """Where a purpose's row is: the 一般公共预算 table for 五（三）'s items of a final
    account; a budget's 支出预算表 for the sections on all money, else its 财政拨款 tables."""
    if (doc.kind or DocKind.FINAL) is DocKind.FINAL:
        return _GENERAL if (s.topic or "").startswith("general_budget") else _FINAL_OTHER
    return _BUDGET_ALL if s.topic in ("total", "expense") else _BUDGET_FISCAL


def _code(doc: Disclosure, s: Statement) -> str | None:
    if s.code is not None:
        return s.code
    for other in doc.statements:
        if other.subject == s.subject and other.code is not None:
            return other.code
    resolve_path_codes(doc, [s])
    if s.code is None and (t06 := doc.table(TableKind.T06)) is not None:
        return resolve_path(s.subject, t06)
    return s.code


def _row(table: Table, code: str) -> TableRow | None:
    rows = [r for r in table.rows if r.code is not None and squash(r.code) == code]
    return rows[0] if len(rows) == 1 else None


@rule(
    "JS524",
    applies_to=BOTH_KINDS,
    name="narrative-purpose-vs-split",
    title="说明所述科目用途与表中基本支出、项目支出的构成不符",
    category=Category.NARRATIVE,
    severity=Severity.WARNING,
    rationale="""
情况说明逐项说明类/款/项科目“主要用于”什么。用途只写人员支出、公用支出、日常运转等基本支出
内容的科目，表中应有基本支出；只写某某项目、专项支出的科目，表中应有项目支出。表中该科目只有
项目支出却说用于人员、公用支出，或只有基本支出却说用于项目，说明与报表不符，常见于照抄上年
或模板的用途说明。用途同时提到两类、或两类都没提到时不核对（用词见 catalog/descriptions.toml）。
""",
    tolerance="只在用途用词只指向一类支出、而表中该类为 0 且另一类有金额时报告；至多为警告。",
    suggestion="按表中该科目的基本支出、项目支出改写用途说明，或核对表中支出是否分错类。",
)
def purpose_vs_split(doc: Disclosure) -> Iterator[Hit]:
    purposes = [
        (s, kind)
        for s in read_all(doc)
        if s.measure == "purpose" and (kind := purpose_kind(s)) is not None
    ]
    if not purposes:
        raise NotApplicable("情况说明没有只指向基本支出或项目支出的科目用途说明")
    checked = False
    for s, kind in purposes:
        code = _code(doc, s)
        if code is None:
            continue
        found: list[tuple[Table, TableRow]] = []
        for table_kind in _tables(doc, s):
            table = doc.table(table_kind)
            if table is None or not {BASIC, PROJECT} <= set(table.columns):
                continue
            if (row := _row(table, code)) is not None:
                found.append((table, row))
        if not found:
            continue
        checked = True
        other = PROJECT if kind == BASIC else BASIC
        amounts = [(t, r, cell(r, kind), cell(r, other)) for t, r in found]
        if any(said is None or rest is None or said != 0 for _, _, said, rest in amounts):
            continue
        table, row, _, rest = amounts[0]
        if rest is None or rest <= 0:
            continue
        label = table_label(table).split(" ", 1)[-1]
        yield Hit(
            message=(
                f"{where(doc, s)}称“{s.subject}”主要用于{s.value}（{SPLIT_NAMES[kind]}），"
                f"但{label}中该科目（{code} {squash(row.name)}）{SPLIT_NAMES[kind]}为 0，"
                f"{SPLIT_NAMES[other]}为 {money(rest)} 万元。"
            ),
            evidence=[s.evidence, row.evidence],
            expected=SPLIT_NAMES[other],
            actual=SPLIT_NAMES[kind],
            severity=Severity.INFO if table.doubts else Severity.WARNING,
            where=where(doc, s),
        )
    if not checked:
        raise NotApplicable("没有列出该科目基本支出、项目支出的表可核对")
