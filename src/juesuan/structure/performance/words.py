"""What the text of one printed cell is: a number, a placeholder, a dash, a comparator, a
catalog name (possibly clipped), a row label.  String in, answer out; every stage uses these.

Layout words (placeholders, natures, level names) come from ``catalog/performance.toml``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache

from juesuan.catalog.performance import layout
from juesuan.model.performance import Nature
from juesuan.structure.textutil import halfwidth, parse_amount, squash, tidy

NUMERIC_CHARS = re.compile(r"^[\d,，.．\s%％]+$")
TAG_RE = re.compile(r"<[^>]{1,40}>")
POINTS_RE = re.compile(r"（(\d+)(?:分)?）?")
DASHES = ("/", "-", "—", "／", "－", "--", "——")


@lru_cache(maxsize=16384)
def placeholder(text: str) -> bool:
    """A placeholder (“##”, “XX”) left where a number belongs."""
    t = squash(text)
    return bool(t) and any(p in t for p in layout().placeholders) and not re.search(r"\d", t)


def number(text: str) -> tuple[Decimal | None, bool]:
    """(value, printed with %) of a numeric cell; spaces inside numbers removed."""
    t = halfwidth(squash(text))
    pct = t.endswith("%")
    if pct:
        t = t[:-1]
    if not t:
        return None, pct
    return parse_amount(t), pct


@lru_cache(maxsize=16384)
def numeric_like(text: str) -> bool:
    """A number, a percentage, a damaged number ("2,20") or a placeholder ("##")."""
    t = squash(text)
    if placeholder(t):
        return True
    return bool(t) and bool(NUMERIC_CHARS.match(t)) and any(ch.isdigit() for ch in t)


def dash(text: str) -> bool:
    """A cell saying “nothing here”: “/”, “-”, “—” …"""
    return text.strip() in DASHES


def nature(text: str) -> Nature | None:
    """The 指标性质 a cell prints (“≥”, “>=”, “\\geq”, “定性” …), else None."""
    return _nature_of().get(squash(text))


@cache
def _nature_of() -> dict[str, Nature]:
    """The catalog's natures (squashed printed form → normalised) as :class:`Nature` members,
    made once: the indicator readers ask every cell of a row for its nature."""
    return {printed: Nature(v) for printed, v in layout().natures.items() if v}


@lru_cache(maxsize=1)
def _natures_longest_first() -> tuple[str, ...]:
    return tuple(sorted(layout().natures, key=len, reverse=True))


def split_comparator(squashed: str) -> tuple[Nature | None, str | None, str]:
    """(comparator, as printed, rest) of a target such as “≥13459”, “不少于3个”; the text
    itself when it starts with no comparator (a comparator alone is no target).  ``squashed``
    is the cell text without spaces, full-width digits made ASCII."""
    natures = layout().natures
    printed_forms = _natures_longest_first()
    if not squashed.startswith(printed_forms):
        return None, None, squashed  # one test for all forms: most cells start with none
    for printed in printed_forms:
        if (
            squashed.startswith(printed)
            and len(squashed) > len(printed)
            and natures[printed] != "定性"
        ):
            return Nature(natures[printed]), printed, squashed[len(printed) :]
    return None, None, squashed


@lru_cache(maxsize=8192)
def fuzzy(k: str, names: tuple[str, ...]) -> str | None:
    """The one catalog name ``k`` stands for: exact, a clipped prefix or suffix of one name."""
    if not k:
        return None
    if k in names:
        return k
    found = {
        n for n in names if (len(k) >= 2 and n.startswith(k)) or (len(k) >= 3 and n.endswith(k))
    }
    if not found and len(k) == 1:
        found = {n for n in names if n.startswith(k)}
    if len(found) > 1:
        # one name and its own abbreviations (满意度 / 满意度指标) count as one
        longest = max(found, key=len)
        if all(longest.startswith(n) for n in found):
            return longest
        return None
    return found.pop() if found else None


def label_is(k: str, aliases: tuple[str, ...]) -> bool:
    """A row label: exact alias, or a longer alias (≥ 3 characters) starting the key."""
    # Either way the key starts with the alias: one test in C rules out most keys (the
    # readers ask this of every row), cheaper than a cache look-up hashing ``aliases``.
    if not k.startswith(aliases):
        return False
    for a in aliases:  # noqa: SIM110 - see contains_any
        if k == a or (len(a) >= 3 and k.startswith(a)):
            return True
    return False


@lru_cache(maxsize=16384)
def block_label(k: str, text: str, words: tuple[str, ...], exact: tuple[str, ...]) -> bool:
    """A cell that only labels a block (“预算执行情况（10分）”, “绩效指标（90分）”, “分）”)."""
    if k in exact or re.fullmatch(r"（?\d*分?）", k):
        return True
    return len(k) <= 14 and any(w in k for w in words) and not numeric_like(text)


def points(keys: list[str], words: tuple[str, ...]) -> Decimal | None:
    """The points a block label among ``keys`` prints (“预算执行情况（10分）” → 10)."""
    for k in keys:
        if any(w in k for w in words):
            m = POINTS_RE.search(k)
            if m:
                return Decimal(m.group(1))
    return None


def clean_text(text: str) -> str:
    """A name for messages: HTML tags dropped, spaces the conversion put between CJK removed."""
    return tidy(TAG_RE.sub("", text))
