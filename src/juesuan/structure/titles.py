"""Which standard table a printed title names.

Final-account titles (决算表) are fixed by the templates and matched by title, alias or
required words (``catalog/tables.toml``).  Budget titles vary far more between provinces and
years — "收支总表", "部门收支预算总表", "2025年预算单位财务收支预算总表", "公开01表 收支预算
总表" — so a budget title is matched by its features: the words it must contain and the words
that rule a kind out (``catalog/tables_budget.toml``), after the parts that never decide the
kind are removed: the list number (一、 / 1. / 公开01表 / 表1-1), the year, the unit's name and
a trailing qualifier in brackets (（功能科目）, （按经济分类）).

Whether a title belongs to a final account or a budget is read from the title itself when it
says so (…决算表 / …预算表) and otherwise from the document's kind, when known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from juesuan import catalog
from juesuan.catalog import TableSpec
from juesuan.model import DocKind, TableKind
from juesuan.structure.textutil import contains_any, key

CN_NUM = "一二三四五六七八九十"
_LIST_NUMBER = re.compile(
    rf"^(?:[{CN_NUM}]+[、.．]|[（(][{CN_NUM}\d]+[)）][、.．]?|\d{{1,2}}\s*[、.．](?!\d))"
)
_TABLE_NUMBER = re.compile(
    r"^(?:(?:财决|财预|部门预算)?公开\d{1,2}表|表\d{1,2}(?:-\d{1,2})?|附表\d{1,2}(?:-\d{1,2})?)[:：]?"
)
_YEAR = re.compile(r"20\d{2}年度?")
_QUALIFIER = re.compile(r"（[^（）]{1,16}）$")
#: Longest title (characters, after normalisation) still taken for a table title.
MAX_TITLE_CHARS = 45


def normalise_title(title: str, unit: str | None = None) -> str:
    """The matching key of a title: no list or table number, year, unit name or spaces."""
    k = key(title).lstrip("-–•·*")
    for _ in range(3):  # "一、公开01表" or "表1 2024年…": numbers may come in any order
        stripped = _TABLE_NUMBER.sub("", _LIST_NUMBER.sub("", k))
        stripped = _YEAR.sub("", stripped, count=1) if stripped.startswith("20") else stripped
        if stripped == k:
            break
        k = stripped
    k = _YEAR.sub("", k)
    if unit:
        k = k.replace(key(unit), "")
    return k


def strip_qualifier(k: str) -> str:
    """The title without a trailing bracketed qualifier ("…预算表（功能科目）")."""
    while True:
        stripped = _QUALIFIER.sub("", k)
        if stripped == k:
            return k
        k = stripped


def title_kind(k: str) -> DocKind | None:
    """决算 / 预算 when the (normalised) title names it, e.g. 支出决算表 / 支出预算表."""
    core = k
    for noise in catalog.kind_markers().noise:
        core = core.replace(noise, "")
    if "决算" in core:
        return DocKind.FINAL
    if "预算" in core:
        return DocKind.BUDGET
    return None


@dataclass(frozen=True, slots=True)
class _Keyed:
    """A standard table's title words as matching keys (worked out once per catalog)."""

    spec: TableSpec
    title: str  # key(spec.title)
    requires: tuple[tuple[tuple[str, ...], int], ...]  # (keys of the words, their length)
    excludes: tuple[str, ...]


@cache
def _keyed(doc_kind: DocKind) -> tuple[dict[str, TableKind], tuple[_Keyed, ...]]:
    """The standard tables of a kind of document, in catalog order, with their keys; and
    each title's or alias's key → the kind of the first table printing it."""
    exact: dict[str, TableKind] = {}
    keyed: list[_Keyed] = []
    for spec in catalog.specs_of(doc_kind):
        for name in (spec.title, *spec.aliases):
            exact.setdefault(key(name), spec.kind)
        requires = tuple(
            (tuple(key(w) for w in words), sum(len(w) for w in words)) for words in spec.requires
        )
        keyed.append(_Keyed(spec, key(spec.title), requires, tuple(key(w) for w in spec.excludes)))
    return exact, tuple(keyed)


def _matches(spec: _Keyed, k: str) -> bool:
    """Some alternative's words are all in ``k`` and no excluded word is (plain loops: it
    runs for every standard table on every title a document prints)."""
    for words, _ in spec.requires:
        for w in words:
            if w not in k:
                break
        else:  # all of this alternative's words are in k
            return not contains_any(k, spec.excludes)
    return False


def _specificity(spec: _Keyed, k: str) -> int:
    return max((size for words, size in spec.requires if all(w in k for w in words)), default=0)


def _final_kind(k: str) -> TableKind | None:
    """The final-account rules of recognition (exact, suffix, unique required words)."""
    exact, specs = _keyed(DocKind.FINAL)
    if k in exact:
        return exact[k]
    for spec in specs:
        if k.endswith(spec.title) and len(k) - len(spec.title) <= 30:
            return spec.spec.kind
    candidates = [spec for spec in specs if _matches(spec, k)]
    if len(candidates) == 1 and len(k) <= 40 and k.endswith("表"):
        return candidates[0].spec.kind
    return None


def _budget_kind(k: str) -> TableKind | None:
    core = strip_qualifier(k)
    if not core.endswith(("表", "表单")) or len(core) > MAX_TITLE_CHARS:
        return None
    exact, specs = _keyed(DocKind.BUDGET)
    if core in exact:
        return exact[core]
    candidates = [spec for spec in specs if _matches(spec, core)]
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda s: -_specificity(s, core))
    if len(ranked) > 1 and _specificity(ranked[0], core) == _specificity(ranked[1], core):
        return None  # two kinds fit equally well: not a title we can name
    return ranked[0].spec.kind


_LEGACY_NUMBER = re.compile(rf"^[{CN_NUM}]+、")


@lru_cache(maxsize=4096)
def _recognise(title: str, hint: DocKind | None, unit: str | None) -> TableKind | None:
    k = normalise_title(title, unit)
    if not k:
        return None
    kind = title_kind(k) or hint
    if kind is DocKind.BUDGET:
        return _budget_kind(k)
    # final-account titles keep the matching key they were always matched by
    found = _final_kind(_LEGACY_NUMBER.sub("", key(title)))
    if found is None and kind is None:
        return _budget_kind(k)
    return found


def table_kind_of_title(
    title: str, hint: DocKind | None = None, unit: str | None = None
) -> TableKind | None:
    """The standard table a printed title names, or None.

    ``hint`` is the document's kind when known (a title that does not say 决算 or 预算 is
    taken as one of the document's own tables); ``unit`` is removed from the title first."""
    return _recognise(title, hint, unit)
