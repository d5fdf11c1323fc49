"""Regexes of the statement catalog written in a faster form than their plain one (so that
the regex engine can skip to the characters a match begins with) must match exactly what
the plain form matches, with the same groups: compared on every paragraph of the samples
and on random texts made of the characters the patterns are about."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import juesuan
from juesuan.structure.statements import _expand, normalise, rules

SAMPLES = Path(__file__).parent.parent / "samples"

#: Pattern id -> the plain form of its regex.
PLAIN = {
    "budget-prior-actual": "(?:{YEAR})?(?:当年)?预算执行数为?{AMT:value}",
}

#: Pieces of the random texts: the words and characters the patterns are about, digits (a
#: Unicode digit too) and a character they are not about.
PIECES = ["执行数", "预算执行数", "当年", "年度", *"0123456789٣年度当预算为万元.,x"]
#: Texts where a wrong fast form would differ: a year too short, 当/预 before a year …
EDGES = [
    "5年预算执行数为1万元",
    "当123年预算执行数为1",
    "预123年预算执行数为1",
    "预年预算执行数为1",
    "12023年度当年预算执行数为1,234.5万元",
    "2023年当年预算执行数2023年预算执行数为٣",
]


def _found(regex: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, object]]]:
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    texts: list[str] = []
    for path in sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.txt")):
        texts += [normalise(p.text)[0] for p in juesuan.read(path).paragraphs]
    return texts


@pytest.mark.parametrize("pattern_id", sorted(PLAIN))
def test_fast_form_matches_as_the_plain_form(pattern_id: str, paragraphs: list[str]) -> None:
    [pattern] = [p for p in rules().patterns if p.id == pattern_id]
    plain = re.compile(_expand(PLAIN[pattern_id])[0])
    assert plain.pattern != pattern.regex.pattern
    rng = random.Random(pattern_id)
    texts = paragraphs + EDGES
    for _ in range(50000):
        texts.append("".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 16))))
    hits = 0
    for text in texts:
        found = _found(pattern.regex, text)
        assert found == _found(plain, text), text
        hits += bool(found)
    assert hits > 100  # the comparison saw matches, not only misses
