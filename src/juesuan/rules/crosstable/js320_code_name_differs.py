"""JS320: one code carries one name in every table of the document, budget tables and the 类
lines of the two-sided tables included (the reference list's names are JS401's)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from juesuan.model import Disclosure, Table, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.codes._shared import class_lines, code_list, coded_rows, printed_name
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.tables import evidence_of, squash

_NAME_NOISE = re.compile(r"[\s（）()\[\]【】〔〕<>《》“”\"'‘’、，,．.·:：;；]")


def normalised_name(name: str) -> str:
    """A name for comparison: spaces, brackets and punctuation removed."""
    return _NAME_NOISE.sub("", name)


def same_name(a: str, b: str) -> bool:
    """Names equal after normalisation, a trailing 支出 aside; a name that is the beginning of
    the other is taken as the same (a wrapped cell whose second line was not read)."""
    if a == b or a.removesuffix("支出") == b.removesuffix("支出"):
        return True
    return a.startswith(b) or b.startswith(a)


@dataclass
class _Printing:
    name: str
    norm: str
    places: list[tuple[Table, TableRow]] = field(default_factory=list)


@rule(
    "JS320",
    applies_to=BOTH_KINDS,
    name="code-name-differs",
    title="同一科目编码在不同表中名称不同",
    category=Category.CROSSTABLE,
    severity=Severity.WARNING,
    rationale="""
同一年度的科目编码对应唯一的科目名称，各张表（决算表、预算表，以及收入支出决算总表等按
“类”列示的支出行）中同一编码应使用同一名称。名称不同说明某张表选错了科目、手工改过名称或
使用了旧年度的科目名称，读者无法确定该行究竟是哪一科目。空格、括号和标点的差异不计。编码在
当年参考目录中、且其中一种名称是标准名称时，由 JS401（科目名称与标准名称不一致）报告，本规则
不重复报告；说明中印出的科目名称由 JS406 核对。
""",
    suggestion="按当年政府收支分类科目统一该编码的名称。",
)
def code_name_differs(doc: Disclosure) -> Iterator[Hit]:
    places = coded_rows(doc) + class_lines(doc)
    if len({c.table.kind for c in places}) < 2:
        raise NotApplicable("按科目列示的表少于两张")
    by_code: dict[tuple[str, str], list[_Printing]] = {}
    for c in places:
        name = printed_name(c)
        norm = normalised_name(name)
        if not norm:
            continue
        printings = by_code.setdefault((c.kind, c.code), [])
        for p in printings:
            if same_name(p.norm, norm):
                p.places.append((c.table, c.row))
                break
        else:
            printings.append(_Printing(squash(name), norm, [(c.table, c.row)]))
    for (kind, code), printings in by_code.items():
        if len(printings) < 2:
            continue
        standard = code_list(kind, doc).names
        if code in standard and any(
            same_name(p.norm, normalised_name(standard[code])) for p in printings
        ):
            continue  # one printing is the standard name: JS401 reports the others
        kinds = {t.kind for p in printings for t, _ in p.places}
        if len(kinds) < 2:
            continue  # differing names inside one table: a reading problem, not this rule
        printings.sort(key=lambda p: -len({t.kind for t, _ in p.places}))
        spread = [len({t.kind for t, _ in p.places}) for p in printings]
        majority = printings[0].name if spread[0] > spread[1] else None
        parts = []
        for p in printings:
            where = "、".join(dict.fromkeys(table_label(t) for t, _ in p.places))
            parts.append(f"{where}为“{p.name}”")
        yield Hit(
            message=f"科目编码 {code} 在不同表中名称不同：" + "；".join(parts) + "。",
            evidence=evidence_of([r for p in printings for _, r in p.places]),
            expected=majority,
            actual="、".join(p.name for p in (printings[1:] if majority else printings)),
            where="、".join(dict.fromkeys(table_label(t) for p in printings for t, _ in p.places)),
        )
