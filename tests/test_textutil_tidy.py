"""``tidy`` (the white-space clean-up of every line and cell read) is written as one regex
pass with a shortcut for text without white space; it must give exactly what its plain
three-pass form gives: compared on every line of the samples and on random texts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from juesuan.sources import load
from juesuan.structure.textutil import CJK, tidy

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


PIECES = ["预算", "年", "（", "）", "“", "”", "、", "，", "。", "：", "；", "％", "%"]
PIECES += ["1", "20", "3.5", "a", "B", "-", " ", "  ", "\t", "\u3000", "\xa0", "\n", " \n "]


def test_tidy_equals_its_plain_form_on_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(30000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        assert tidy(text) == plain_tidy(text), repr(text)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf"))[:4])
def test_tidy_equals_its_plain_form_on_the_samples_lines(name: str) -> None:
    texts = set()
    for line in load(SAMPLES / name).lines():
        texts.add(line.text)
        texts.update(cell.text for cell in line.cells)
    assert len(texts) > 100
    for text in texts:
        assert tidy(text) == plain_tidy(text), repr(text)
