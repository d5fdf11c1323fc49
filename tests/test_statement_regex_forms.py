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

#: (plain form, form in the catalog) of the regexes written in a faster form.
FORMS = [
    (  # budget-prior-actual
        "(?:{YEAR})?(?:当年)?预算执行数为?{AMT:value}",
        r"[\d当预](?:\d{3}(?<=\d{4})年度?(?:当年)?预算|年(?<=当年)预算|算(?<=预算))"
        "执行数为?{AMT:value}",
    ),
    (  # the reasons mask of a final account
        "(?:主要)?(?:变动)?原因[^。]*",
        "[主变原](?:要(?<=主要)(?:变动)?原|动(?<=变动)原|(?<=原))因[^。]*",
    ),
    (  # the reasons mask of a budget
        "(?:主要)?(?:变动)?原因[^。；]*(?:；[一二三四五六七八九十]是[^。；]*)*",
        "[主变原](?:要(?<=主要)(?:变动)?原|动(?<=变动)原|(?<=原))因"
        "[^。；]*(?:；[一二三四五六七八九十]是[^。；]*)*",
    ),
]

#: Pieces of the random texts: the words and characters the patterns are about, digits (a
#: Unicode digit too) and a character they are not about.
PIECES = [
    *["执行数", "预算执行数", "当年", "年度", "主要", "变动", "原因", "；一是", "；二是"],
    *"0123456789٣年度当预算为万元.,x主要变动原因。；一是",
]
#: Texts where a wrong fast form would differ: a year too short, 当/预 before a year …
EDGES = [
    "5年预算执行数为1万元",
    "当123年预算执行数为1",
    "预123年预算执行数为1",
    "预年预算执行数为1",
    "12023年度当年预算执行数为1,234.5万元",
    "2023年当年预算执行数2023年预算执行数为٣",
    "主动原因。变要原因。主要变动原因。原原因",
]


def _found(regex: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, object]]]:
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    texts: list[str] = []
    for path in sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.txt")):
        texts += [normalise(p.text)[0] for p in juesuan.read(path).paragraphs]
    return texts


@pytest.mark.parametrize(("plain_form", "fast"), FORMS)
def test_fast_form_matches_as_the_plain_form(
    plain_form: str, fast: str, paragraphs: list[str]
) -> None:
    r = rules()
    catalog = {e.regex.pattern: e.regex for e in (*r.patterns, *r.masks, *r.dynamic)}
    regex = catalog[_expand(fast)[0]]
    plain = re.compile(_expand(plain_form)[0])
    rng = random.Random(fast)
    texts = paragraphs + EDGES
    for _ in range(50000):
        texts.append("".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 16))))
    hits = 0
    for text in texts:
        found = _found(regex, text)
        assert found == _found(plain, text), text
        hits += bool(found)
    assert hits > 100  # the comparison saw matches, not only misses


def _cue_plainly(seg: str) -> tuple[str | None, tuple[int, int] | None, dict[str, object]]:
    """What ``_cue`` finds, searched with every cue regex in turn (no first look at the last
    character)."""
    from juesuan.structure.statements import _CUES, CUE_REACH

    for kind, regex in _CUES:
        m = regex.search(seg, max(0, len(seg) - CUE_REACH))
        if m is not None:
            return kind, m.span(), m.groupdict()
    return None, None, {}


def test_cue_looks_only_where_a_cue_can_end(paragraphs: list[str]) -> None:
    from juesuan.structure.statements import _CUES, _cue

    chars = sorted({c for _, regex in _CUES for c in regex.pattern if ord(c) > 0x2000})
    words = [
        "预算",
        "完成",
        "金额",
        "共计",
        "执行",
        "决算",
        "比例",
        "比重",
        "年初",
        "增加",
        "（减少）",
    ]
    pieces = [*chars, "/", "\n", "x", "，", *words]
    rng = random.Random("cues")
    segs = [text[:i] for text in paragraphs for i in range(len(text) + 1)]
    segs += ["".join(rng.choice(pieces) for _ in range(rng.randrange(8))) for _ in range(50000)]
    hits = 0
    for seg in segs:
        kind, m = _cue(seg)
        found = (kind, m.span(), m.groupdict()) if m is not None else (None, None, {})
        assert found == _cue_plainly(seg), seg
        hits += kind is not None
    assert hits > 1000
