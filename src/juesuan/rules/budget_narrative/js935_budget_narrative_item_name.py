"""JS935: the names of a stated 类/款/项 path are the tables' names of its codes."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Statement, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.budget_narrative._shared import (
    NO_TABLES,
    budget_only,
    evidence_list,
    is_path,
    the_table,
    where,
)
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule
from juesuan.rules.tables import CodedIndex, squash


def _key(name: str) -> str:
    """A name compared loosely: no spaces or brackets' variants, no trailing 支出."""
    k = squash(name).replace("(", "（").replace(")", "）")
    return k.removesuffix("支出") if len(k) > 4 else k


def _segments(subject: str) -> dict[str, str]:
    from juesuan.structure.paths import split_path

    return split_path(subject)


def _coded_rows(doc: Disclosure) -> dict[str, TableRow]:
    """Functional code → row, from the budget tables by code (一般公共预算 first)."""
    rows: dict[str, TableRow] = {}
    for kind in (TableKind.B07, TableKind.B05, TableKind.B03, TableKind.B02):
        table = the_table(doc, kind)
        if table is None:
            continue
        for code, row in CodedIndex.build(table).by_code.items():
            if code.isdigit() and code not in rows:
                rows[code] = row
    return rows


def _near(a: str, b: str) -> bool:
    """Two names that differ by a slip: the same characters in another order, or one
    character left out, added or changed (names of at least four characters)."""
    if a == b or min(len(a), len(b)) < 4:
        return False
    if sorted(a) == sorted(b):
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@rule(
    "JS935",
    applies_to=BUDGET_ONLY,
    name="budget-narrative-item-name",
    title="说明中的科目名称与预算表不一致",
    category=Category.NARRATIVE,
    severity=Severity.WARNING,
    rationale="""
说明列示的“类/款/项”科目名称应与预算表（政府收支分类科目）的名称一致。名称写错（字序颠倒、
漏字、错字）时，读者无法确定说的是哪一个科目，说明中的金额也无法与表核对。本规则在同一款下
找到唯一一个名称相近的科目时报告；末尾的“支出”二字不计。
""",
    tolerance="名称去掉空格、末尾“支出”后比较；相近 = 字序颠倒或只差一个字。",
    suggestion="按政府收支分类科目（预算表）改正科目名称。",
)
def budget_narrative_item_name(doc: Disclosure) -> Iterator[Hit]:
    budget_only(doc)
    paths = [s for s in doc.statements if is_path(s.subject) and s.measure == "amount"]
    if not paths:
        raise NotApplicable("说明中没有逐项科目")
    rows = _coded_rows(doc)
    if not rows:
        raise NotApplicable(NO_TABLES)
    seen: set[str] = set()
    for s in paths:
        if s.subject in seen:
            continue
        seen.add(s.subject)
        hit = _name_hit(s, rows)
        if hit is not None:
            yield hit


def _name_hit(s: Statement, rows: dict[str, TableRow]) -> Hit | None:
    parts = _segments(s.subject)
    if s.code is not None:
        return _level_names_hit(s, parts, rows)
    # not located: the 项 named under its 款 with a slip
    if "项" not in parts or "款" not in parts:
        return None
    kuan = [c for c, r in rows.items() if len(c) == 5 and _key(r.name) == _key(parts["款"])]
    if len(kuan) != 1:
        return None
    printed = _key(parts["项"])
    near = [
        c
        for c, r in rows.items()
        if len(c) == 7 and c.startswith(kuan[0]) and _near(_key(r.name), printed)
    ]
    if len(near) != 1:
        return None
    row = rows[near[0]]
    return Hit(
        message=(
            f"{where(s)}所列“{s.subject}”中的项级科目“{parts['项']}”，预算表同一款"
            f"（{kuan[0]} {rows[kuan[0]].name.strip()}）下只有名称相近的“{near[0]} "
            f"{row.name.strip()}”，科目名称不一致。"
        ),
        evidence=evidence_list(s, row.evidence),
        expected=row.name.strip(),
        actual=parts["项"],
        where=where(s),
    )


def _level_names_hit(s: Statement, parts: dict[str, str], rows: dict[str, TableRow]) -> Hit | None:
    """A located path whose 款 or 类 name differs from the table's row of that code."""
    code = s.code or ""
    for level, width in (("款", 5), ("类", 3)):
        printed = parts.get(level)
        row = rows.get(code[:width]) if len(code) >= width else None
        if printed is None or row is None or _key(printed) == _key(row.name):
            continue
        if not _near(_key(printed), _key(row.name)):
            continue  # another wording altogether: the path may not be meant as printed
        return Hit(
            message=(
                f"{where(s)}所列“{s.subject}”中的{level}级科目“{printed}”，预算表中"
                f"“{code[:width]} {row.name.strip()}”，科目名称不一致。"
            ),
            evidence=evidence_list(s, row.evidence),
            expected=row.name.strip(),
            actual=printed,
            where=where(s),
        )
    return None
