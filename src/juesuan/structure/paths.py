"""Resolve a 类/款/项 path stated in the explanation to its functional code.

五（三） sentences name a 项 by its path ("卫生健康支出（类）行政事业单位医疗（款）事业单位医疗
（项）") without printing the code.  The code is found by the names the document's own tables
give to their rows (一般公共预算财政拨款支出决算表 first): the 项 name must match, the 款 name
decides between equal 项 names, the 类 name (or its catalog code) narrows the search.  A path
that matches no row or more than one keeps ``code = None``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from juesuan import catalog
from juesuan.model import Disclosure, Statement, TableKind
from juesuan.structure.textutil import key

LEVEL_MARK = re.compile(r"[（(](类|款|项)[）)]")
LEVEL_SUFFIX = re.compile(r"[（(](?:类|款|项)[）)]$")
# Tables whose rows carry functional codes, in order of preference for the lookup: the
# 一般公共预算 table first (final accounts, then budgets), then the wider ones.
LOOKUP_TABLES = (
    TableKind.T06,
    TableKind.T05,
    TableKind.T03,
    TableKind.T02,
    TableKind.T07,
    TableKind.B07,
    TableKind.B05,
    TableKind.B03,
    TableKind.B02,
    TableKind.B11,
)


def _name_key(name: str) -> str:
    k = key(name)
    k = LEVEL_SUFFIX.sub("", k)
    return k.removesuffix("支出") if len(k) > 4 else k


def split_path(subject: str) -> dict[str, str]:
    """{"类": name, "款": name, "项": name} for the levels printed in ``subject``."""
    parts: dict[str, str] = {}
    start = 0
    for m in LEVEL_MARK.finditer(subject):
        parts[m.group(1)] = subject[start : m.start()].strip()
        start = m.end()
    return parts


def resolve_path_codes(doc: Disclosure, statements: Sequence[Statement] | None = None) -> None:
    """Set ``code`` on statements whose subject is a 类/款/项 path, where unambiguous
    (``doc.statements``, or the given ones: the descriptions the rules read on demand)."""
    rows: dict[str, str] = {}  # code -> name key, from the preferred table first
    for kind in LOOKUP_TABLES:
        table = doc.table(kind)
        if table is None:
            continue
        for row in table.rows:
            if row.code and row.code.isdigit() and row.code not in rows:
                rows[row.code] = _name_key(row.name)
    if not rows:
        return
    items: dict[str, list[str]] = {}  # name key -> the 项 codes (7 digits) of that name
    for code, name in rows.items():
        if len(code) == 7:
            items.setdefault(name, []).append(code)
    classes = {_name_key(name): code for code, name in catalog.functional_classes().items()}
    cache: dict[str, str | None] = {}
    for statement in doc.statements if statements is None else statements:
        if statement.code is not None or "（" not in statement.subject:
            continue
        if statement.subject not in cache:
            cache[statement.subject] = _resolve(statement, rows, items, classes)
        statement.code = cache[statement.subject]


def _resolve(
    statement: Statement,
    rows: dict[str, str],
    items: dict[str, list[str]],
    classes: dict[str, str],
) -> str | None:
    path = split_path(statement.subject)
    if "项" not in path:
        return None
    candidates = items.get(_name_key(path["项"]), [])
    if "款" in path and len(candidates) > 1:
        section = _name_key(path["款"])
        candidates = [c for c in candidates if rows.get(c[:5]) == section]
    if "类" in path and len(candidates) > 1:
        class_code = classes.get(_name_key(path["类"]))
        candidates = [c for c in candidates if class_code and c.startswith(class_code)]
    return candidates[0] if len(candidates) == 1 else None
