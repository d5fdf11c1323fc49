"""Small text helpers shared by the structure recognisers: normalisation, numbers, numerals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

CJK = r"\u3400-\u9fff\uf900-\ufaff"
#: The runs of white space :func:`tidy` removes: between CJK characters (and CJK
#: punctuation), between CJK and a digit, between a digit and CJK.  A run's neighbours are
#: not white space, so removing one run never changes which others qualify: the three
#: cases are one regex, one pass.
#: The regex opens with the run's first white space and looks behind it for the character
#: before (so that the engine skips straight to white space instead of trying the
#: look-behinds at every position).
_SPACE_TO_DROP = re.compile(
    rf"\s(?:(?<=[{CJK}（）“”、，。：；％%]\s)\s*(?=[{CJK}（）“”、，。：；])"
    rf"|(?<=[{CJK}]\s)\s*(?=[0-9])"
    rf"|(?<=[0-9%]\s)\s*(?=[{CJK}（]))"
)
_BLANKS = re.compile(r"[ \t]+")
_ANY_SPACE = re.compile(r"\s")
#: Any character :func:`key` removes or replaces.
_KEY_CHANGES = re.compile(r"[\s“”\"'‘’「」()]")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=\d{3}\b)")

_WIDE = "０１２３４５６７８９．，％：；（）"
FULLWIDTH = str.maketrans(_WIDE, "0123456789.,%:;()")
#: Any character :data:`FULLWIDTH` changes (none is ASCII).
_WIDE_CHAR = re.compile(f"[{re.escape(_WIDE)}]")


def halfwidth(text: str) -> str:
    """``text.translate(FULLWIDTH)``, at once for text holding no full-width digit or sign:
    ``str.translate`` looks every character up in the table, in vain for nearly all of them
    (~50 ns a character), where ``isascii`` is a flag and the search one scan in C."""
    if text.isascii() or not _WIDE_CHAR.search(text):
        return text
    return text.translate(FULLWIDTH)


@lru_cache(maxsize=16384)
def squash(text: str) -> str:
    """Remove every whitespace character (for matching titles and headers).  ``str.split``
    splits at the characters ``\\s`` matches (str.isspace), without a regex."""
    return "".join(text.split())


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A matching key: no spaces, quotes unified away, ASCII brackets made full-width."""
    if not _KEY_CHANGES.search(text):  # nothing to remove or replace (most texts)
        return text
    t = squash(text)
    for q in "“”\"'‘’「」":
        t = t.replace(q, "")
    return t.replace("(", "（").replace(")", "）")


def tidy(text: str) -> str:
    r"""Collapse the spaces PDF/Word extraction inserts into Chinese text.

    Spaces between CJK characters and between CJK and digits are removed ("2024 年度" →
    "2024年度", "1069.86 万元" → "1069.86万元"); other runs collapse to one space.

    A text without white space is returned as it is, before the cache: no white space
    (``str.isspace``, what ``\s`` finds) is printable but the ASCII space, so a printable
    text without " " has none — most cells and many lines, each new on a first read.
    """
    if text.isprintable() and " " not in text:
        return text
    return _tidy(text)


@lru_cache(maxsize=16384)
def _tidy(text: str) -> str:
    """:func:`tidy` of a text that may hold white space."""
    if not _ANY_SPACE.search(text):  # nothing to do after all (a control character)
        return text
    t = text.replace("\u3000", " ").replace("\xa0", " ")
    return _BLANKS.sub(" ", _SPACE_TO_DROP.sub("", t)).strip()


_NUMBER = re.compile(r"^[-−–]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$|^[-−–]?\d+(?:\.\d+)?$")


@lru_cache(maxsize=16384)
def parse_amount(text: str) -> Decimal | None:
    """A printed amount as Decimal: "1,069.86" / "1069.86" / "-3.2" / "0" ; None if not one.

    Blank and dash cells ("", "-", "—", "/") give None.  Thousands separators must be in
    groups of three; "1 069.86" (space-grouped) is accepted.
    """
    t = halfwidth(text.strip())
    if not t:
        return None
    if " " in t:
        t = _SPACE_IN_NUMBER.sub("", t)
    if not _NUMBER.match(t):
        return None
    t = t.replace(",", "").replace("，", "").replace("−", "-").replace("–", "-")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` contains one of ``words`` (``any(w in text for w in words)``).

    A plain loop costs half of ``any()`` over a generator; the recognisers that test every
    line or row of a document against a word list use this."""
    for w in words:  # noqa: SIM110 - see above
        if w in text:
            return True
    return False


def contains_all(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` contains every one of ``words`` (see :func:`contains_any`)."""
    for w in words:  # noqa: SIM110 - see contains_any
        if w not in text:
            return False
    return True


def is_blank_value(text: str) -> bool:
    return text.strip() in {"", "-", "—", "－", "/", "——", "--"}


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_to_int(text: str) -> int | None:
    """Chinese numerals up to 99: 一 → 1, 十 → 10, 十三 → 13, 二十六 → 26."""
    t = text.strip()
    if not t:
        return None
    if t.isdigit():
        return int(t)
    if "十" in t:
        head, _, tail = t.partition("十")
        tens = _CN_DIGITS.get(head, -1) if head else 1
        ones = _CN_DIGITS.get(tail, -1) if tail else 0
        if tens < 0 or ones < 0:
            return None
        return tens * 10 + ones
    if len(t) == 1 and t in _CN_DIGITS:
        return _CN_DIGITS[t]
    return None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
