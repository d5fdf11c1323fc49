"""JS710: the unit is named as on the cover, in the text and in the titles."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.residue._shared import evidence_for, section_label, squash, texts


def _core_name(unit: str) -> tuple[str, str]:
    """(place prefix, core) of a unit name: 上海市普陀区 + 规划和自然资源局."""
    m = re.match(r"^((?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|区|县|州|盟|旗))*)(.+)$", unit)
    if not m:
        return "", unit
    return m.group(1), m.group(2)


_YEAR_WORDS = re.compile(r"^(?:年度|年|度)")
_PLACE_BEFORE = re.compile(r"((?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|区|县|州|盟|旗))+)$")


@rule(
    "JS710",
    applies_to=BOTH_KINDS,
    name="unit-name",
    title="单位名称与封面不一致",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "单位名称应与封面一致。一字之差（“规划与自然资源局”/“规划和自然资源局”）或在表名中"
        "漏掉区县名称（“上海市规划和自然资源局”），都会让读者误以为是另一个单位。"
    ),
    suggestion="按封面上的单位全称改正。",
)
def unit_name(doc: Disclosure) -> Iterator[Hit]:
    unit = squash(doc.unit or "")
    place, core = _core_name(unit)
    if len(core) < 4:
        raise NotApplicable("未识别出单位名称")
    reported: set[tuple[str, int | None, int | None]] = set()
    # 1. near-miss spellings of the core name anywhere (one character differs)
    for piece in texts(doc):
        flat = squash(piece.text)
        if len(flat) < len(core):
            continue
        for i in range(len(flat) - len(core) + 1):
            if flat[i + len(core) - 1] != core[-1] or flat[i] != core[0]:
                continue
            window = flat[i : i + len(core)]
            if window == core or sum(a != b for a, b in zip(window, core, strict=True)) != 1:
                continue
            ev = evidence_for(piece, window)
            key = (window, ev[0].page, ev[0].line)
            if key in reported:
                continue
            reported.add(key)
            yield Hit(
                message=f"单位名称写为“{window}”，封面为“{core}”（{unit}）。",
                evidence=ev,
                expected=core,
                actual=window,
                where=piece.where,
            )
    # 2. titles naming the unit with another place (表名/标题 should carry the full name)
    if not place:
        return
    titles = [(t.title, t.evidence, table_label(t)) for t in doc.tables]
    titles += [(h.title, h.evidence, h.number or h.title) for h in doc.outline]
    titles += [
        (p.text, p.evidence, section_label(p))
        for p in doc.paragraphs
        if len(p.text) <= 40 and not re.search(r"[，。；：,;]", p.text)
    ]
    for title, evidence, where in titles:
        flat = squash(title)
        pos = flat.find(core)
        if pos <= 0:
            continue
        m = _PLACE_BEFORE.search(flat[:pos])
        if not m:
            continue
        place_printed = _YEAR_WORDS.sub("", m.group(1))  # "2018年度江苏省…": 年度 is no place
        if not place_printed:
            continue
        printed = place_printed + core
        if unit.endswith(printed) or printed.removeprefix("中共") == unit.removeprefix("中共"):
            continue  # 中共江苏省委办公厅 and 江苏省委办公厅 name one unit
        key = (printed, evidence.page, evidence.line)
        if key in reported:
            continue
        reported.add(key)
        yield Hit(
            message=f"标题中的单位名称为“{printed}”，与封面“{unit}”不一致。",
            evidence=[evidence],
            expected=unit,
            actual=printed,
            where=where,
        )
