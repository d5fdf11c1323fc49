"""The table reader's shortcuts around its regexes give what the regexes give."""

from __future__ import annotations

import re

from juesuan.structure import tables as T
from juesuan.structure.textutil import CJK, parse_amount

TEXTS = [
    "",
    "本表无数据",
    "注：本单位无政府性基金预算收支，故本表为空",
    "没有相关收支",
    "无此项收支。",
    "单位：万元",
    "单位 : 元",
    "编制单位：某某街道",
    "公开 03 表",
    "财决公开12表",
    "2024年度",
    "部门决算表",
    "行政单位医疗2101101",
    "2101101 行政单位医疗",
    "21011\n",
    "01",
    "１２３",
    "٣٤٥",
    "合计",
    "1,069.86",
    "201",
    "20101",
    "2010101",
    "2010",
    "20101\n",
    "201\n\n",
]


def _old_split(cells: list[tuple[int, str]]) -> tuple[str | None, str, int, int] | None:
    parts: list[str] = []
    for pos, (col, text) in enumerate(cells):
        if not text:
            continue
        if T.CODE_PART_RE.match(text):
            parts.append(text)
            continue
        if T._has_cjk(text) and not T._is_number(text):
            name = text
            m = T._CODE_BEFORE_NAME.match(name) or T._CODE_AFTER_NAME.match(name)
            if m and not parts:
                a, b = m.group(1), m.group(2)
                code_part, name = (a, b) if a.isdigit() else (b, a)
                parts.append(code_part)
            return ("".join(parts) if parts else None), name, pos, col
        return None
    return None


def test_guarded_searches() -> None:
    for text in TEXTS:
        assert T._says_empty(text) == bool(T.EMPTY_RE.search(text))
        assert bool(T._unit(text)) == bool(T.UNIT_RE.search(text))
        assert bool(T._table_number(text)) == bool(T.TABLE_NUMBER_RE.search(text))
        assert T._is_code(text) == bool(T.CODE_RE.match(text))


def test_no_cjk_character_is_a_digit_or_space() -> None:
    cjk = re.compile(f"[{CJK}]")
    for i in range(0x3400, 0x10000):
        c = chr(i)
        if cjk.match(c):
            assert not c.isdecimal() and not c.isspace()
            assert parse_amount(c) is None


def test_split_code_name() -> None:
    for a in TEXTS:
        for b in TEXTS:
            for cells in ([(0, a), (1, b)], [(0, a), (1, ""), (2, b), (3, "12")]):
                assert T._split_code_name(cells) == _old_split(cells), cells


def test_strip_start() -> None:
    from juesuan.structure import budget_tables as B

    names = ["一、财政拨款", "（一）一般公共预算", "1.其中：基本支出", "12.5", "其中:2、x"]
    for text in [*TEXTS, *names]:
        for pattern in (B._LIST_NUMBER, B._OF_WHICH):
            assert B._strip_start(pattern, text) == pattern.sub("", text)


def _plain_is_table_meta(text: str) -> bool:
    t = T.squash(text)
    if "单位" in t and (
        T.UNIT_RE.search(t) or t.startswith(("单位名称", "编制单位")) or "单位决算表" in t
    ):
        return True
    return bool(
        T.YEAR_LINE_RE.fullmatch(t)
        or ("公开" in t and T.TABLE_NUMBER_RE.search(t))
        or "部门决算表" in t
    )


SPACED = ["单 位：元", "2024 年度", "公 开 03 表", "部门 决算表", "编制\u3000单位：x", " 2024年\n"]


def test_is_table_meta() -> None:
    for text in [*TEXTS, *SPACED, *(a + b for a in TEXTS for b in SPACED)]:
        assert T._is_table_meta(text) == _plain_is_table_meta(text), text
