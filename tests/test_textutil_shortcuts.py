"""``tidy`` (the white-space clean-up of every line and cell read) is written as one regex
pass with a shortcut for text without white space, and the matching keys skip their work
when the text holds nothing to change: each must give exactly what its plain form gives,
compared on every line of the samples and on random texts.  The amount parser, which runs
its space-grouping regex only on text with a space, is held to the amounts it must read."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.catalog import performance
from juesuan.sources import load
from juesuan.structure.textutil import CJK, FULLWIDTH, halfwidth, key, parse_amount, squash, tidy

SAMPLES = Path(__file__).parent.parent / "samples"

_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}（）“”、，。：；％%])\s+(?=[{CJK}（）“”、，。：；])")
_CJK_BEFORE_NUM = re.compile(rf"(?<=[{CJK}])\s+(?=[0-9])")
_NUM_BEFORE_CJK = re.compile(rf"(?<=[0-9%])\s+(?=[{CJK}（])")


def plain_tidy(text: str) -> str:
    """The plain form: three substitutions one after the other."""
    t = text.replace("\u3000", " ").replace("\xa0", " ")
    t = _BETWEEN_CJK.sub("", t)
    t = _CJK_BEFORE_NUM.sub("", t)
    t = _NUM_BEFORE_CJK.sub("", t)
    return re.sub(r"[ \t]+", " ", t).strip()


def plain_key(text: str) -> str:
    t = squash(text)
    for q in "“”\"'‘’「」":
        t = t.replace(q, "")
    return t.replace("(", "（").replace(")", "）")


def plain_performance_key(text: str) -> str:
    return text.translate(performance._KEY_TABLE)


PIECES = ["预算", "年", "（", "）", "“", "”", "、", "，", "。", "：", "；", "％", "%"]
PIECES += ["1", "20", "3.5", "a", "B", "-", " ", "  ", "\t", "\u3000", "\xa0", "\n", " \n "]
PIECES += ["“", "”", '"', "'", "‘", "’", "「", "」", "(", ")", ":", "：", ",", "，", "１", "．"]
PIECES += ["000", "1 234", "−", "\u2003", "\x85", "\x1c", "\u200b", "\u2028"]


def test_tidy_equals_its_plain_form_on_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(30000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        assert tidy(text) == plain_tidy(text), repr(text)
        assert key.__wrapped__(text) == plain_key(text), repr(text)
        assert squash.__wrapped__(text) == re.sub(r"\s+", "", text), repr(text)
        assert performance.key.__wrapped__(text) == plain_performance_key(text), repr(text)
        assert halfwidth(text) == text.translate(FULLWIDTH), repr(text)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf"))[:4])
def test_tidy_equals_its_plain_form_on_the_samples_lines(name: str) -> None:
    texts = set()
    for line in load(SAMPLES / name).lines():
        texts.add(line.text)
        texts.update(cell.text for cell in line.cells)
    assert len(texts) > 100
    for text in texts:
        assert tidy(text) == plain_tidy(text), repr(text)
        assert key.__wrapped__(text) == plain_key(text), repr(text)
        assert squash.__wrapped__(text) == re.sub(r"\s+", "", text), repr(text)
        assert performance.key.__wrapped__(text) == plain_performance_key(text), repr(text)
        assert halfwidth(text) == text.translate(FULLWIDTH), repr(text)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,069.86", Decimal("1069.86")),
        ("1069.86", Decimal("1069.86")),
        ("1 069.86", Decimal("1069.86")),  # space-grouped
        (" 12 345 678 ", Decimal("12345678")),
        ("１，２３４．５０", Decimal("1234.50")),  # full-width
        ("-3.2", Decimal("-3.2")),
        ("−3.2", Decimal("-3.2")),
        ("0", Decimal("0")),
        ("1 06", None),  # a space that groups no thousands
        ("1,0698", None),  # a group of four
        ("", None),
        ("-", None),
        ("—", None),
        ("/", None),
        ("项目名称", None),
        ("12万元", None),
    ],
)
def test_amounts_read_and_refused(text: str, amount: Decimal | None) -> None:
    assert parse_amount.__wrapped__(text) == amount


def test_halfwidth_changes_every_full_width_character_as_translate_does() -> None:
    for wide in "０１２３４５６７８９．，％：；（）":
        for text in (wide, f"合计{wide}", f"1{wide}2", f"{wide}{wide}预算"):
            assert halfwidth(text) == text.translate(FULLWIDTH) != text
    assert halfwidth("１，２３４．５") == "1,234.5"
    assert halfwidth("一般公共服务支出") == "一般公共服务支出"


def test_performance_key_changes_every_character_of_its_table_as_translate_does() -> None:
    """The performance key removes and replaces by a regex and two replaces, not by
    ``str.translate``: each character of the table, alone and among others, as translate."""
    for code in performance._KEY_TABLE:
        ch = chr(code)
        for text in (ch, f"预算{ch}", f"{ch}项目{ch}名称{ch}", f"(a{ch}{ch}b)"):
            assert performance.key.__wrapped__(text) == plain_performance_key(text), repr(text)


def test_tidy_returns_text_without_white_space_as_is_before_its_cache() -> None:
    """Every character alone and between CJK characters and digits (where tidy drops
    spaces): the shortcut for text without white space answers as the plain form does."""
    for i in range(0x10000):
        c = chr(i)
        for text in (c, f"预算{c}支出", f"1{c}2", f"{c}{c}"):
            assert tidy(text) == plain_tidy(text), repr(text)
    for text in [
        "1. 一般公共预算",
        "a\tb",
        "x\xa0y",
        "单 位：元",
        "公 开 03 表",
        "编制\u3000单位：x",
    ]:
        assert tidy(text) == plain_tidy(text), repr(text)
