"""JS503: each 类/款/项 item of the 具体情况 restates its row of the
一般公共预算财政拨款支出决算表, found by code or by its path of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.catalog import functional_classes
from juesuan.model import Disclosure, Table
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._shared import (
    T06,
    TableValue,
    compare_statement,
    is_path,
    known_table,
    table_title_of,
)
from juesuan.rules.tables import cell_or_zero, row_by_code

_SEGMENT = re.compile(r"(.+?)（(类|款|项)）")


def _norm(name: str) -> str:
    return name.replace(" ", "").replace("(", "（").replace(")", "）").strip()


def _class_code(name: str, t06: Table) -> str | None:
    wanted = _norm(name)
    candidates = {wanted, wanted + "支出", wanted.removesuffix("支出")}
    for code, standard in functional_classes().items():
        if standard in candidates or standard.removesuffix("支出") in candidates:
            return code
    for row in t06.rows:
        if row.code and len(row.code) == 3 and _norm(row.name) in candidates:
            return row.code
    return None


def resolve_path(subject: str, t06: Table) -> str | None:
    """The 款/项 code a printed 类/款/项 path names in the 一般公共预算财政拨款支出决算表, when the
    names identify exactly one row (the 款 may be missing or misnamed if the 项 is unique)."""
    segments = {level: name for name, level in _SEGMENT.findall(subject)}
    if "类" not in segments:
        return None
    class_code = _class_code(segments["类"], t06)
    if class_code is None:
        return None
    level = "项" if "项" in segments else "款" if "款" in segments else None
    if level is None:
        return class_code
    length = 7 if level == "项" else 5
    under_class = [r for r in t06.rows if r.code and r.code.startswith(class_code)]
    matches = [
        r
        for r in under_class
        if len(r.code or "") == length and _norm(r.name) == _norm(segments[level])
    ]
    if level == "项" and "款" in segments:
        kuan = [
            r
            for r in under_class
            if len(r.code or "") == 5 and _norm(r.name) == _norm(segments["款"])
        ]
        if len(kuan) == 1:
            kuan_code = kuan[0].code or ""
            narrowed = [r for r in matches if (r.code or "").startswith(kuan_code)]
            matches = narrowed or matches
    codes = {r.code for r in matches}
    return codes.pop() if len(codes) == 1 else None


@rule(
    "JS503",
    name="narrative-item-mismatch",
    title="具体科目支出决算数与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“一般公共预算财政拨款支出决算具体情况”逐项说明类/款/项科目的支出决算数，它应等于一般公共
预算财政拨款支出决算表中该科目的金额。说明不印科目编码时按表中的科目名称定位；名称对不上
（科目名称印错、改名）时不作比较。
""",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="以一般公共预算财政拨款支出决算表为准改正说明中的支出决算数。",
)
def item_mismatch(doc: Disclosure) -> Iterator[Hit]:
    items = [s for s in doc.statements if is_path(s.subject) and s.measure == "actual"]
    if not items:
        raise NotApplicable("情况说明中没有逐项科目的支出决算数")
    t06 = known_table(doc, T06)
    if t06 is None or not t06.rows:
        raise NotApplicable("没有可核对的一般公共预算财政拨款支出决算表")
    for s in items:
        code = s.code or resolve_path(s.subject, t06)
        if code is None:
            continue
        row = row_by_code(t06, code)
        if row is None:
            continue
        value = TableValue(
            f"{table_title_of(t06)}“{code} {row.name}”", cell_or_zero(row, "total"), [row.evidence]
        )
        if (hit := compare_statement(s, [value], what=f"“{s.subject}”支出决算数")) is not None:
            yield hit
