"""Anchor words of the statement catalog (dynamic subjects, masks, patterns) are only a
speed filter: a regex is tried only where one of its anchor words is printed. That is right
only when the regex cannot match without one of them; checked on every paragraph of the
samples (each match holds an anchor word) and on a paragraph where the regex fires."""

from __future__ import annotations

from pathlib import Path

import pytest

import juesuan
from juesuan.structure.statements import normalise, rules

SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    texts: list[str] = []
    for name in (
        "sichuan-bigdata-center-2022.txt",
        "leshan-bigdata-center-2024.txt",
        "shanghai-putuo-wanli-street-2023-dept-budget.pdf",
    ):
        texts += [normalise(p.text)[0] for p in juesuan.read(SAMPLES / name).paragraphs]
    return texts


def _anchored() -> list[tuple[str, object]]:
    r = rules()
    out: list[tuple[str, object]] = []
    for entry in (*r.dynamic, *r.masks):
        if entry.anchors:
            out.append((entry.regex.pattern, entry))
    return out


@pytest.mark.parametrize(("pattern", "entry"), _anchored(), ids=lambda v: str(v)[:30])
def test_every_match_holds_an_anchor_word(pattern: str, entry, paragraphs: list[str]) -> None:  # type: ignore[no-untyped-def]
    for text in paragraphs:
        for m in entry.regex.finditer(text):
            assert any(a in m.group(0) for a in entry.anchors), (pattern, m.group(0))


def test_anchors_filter_and_regex_still_fire() -> None:
    r = rules()
    [mask] = [m for m in r.masks if "原因" in m.anchors and m.kinds and "决算" in m.kinds]
    text = normalise("支出比上年增加10万元，主要原因是人员增加。")[0]
    assert mask.regex.search(text)
    assert not mask.regex.search(normalise("支出比上年增加10万元。")[0])
