"""Reference data shipped with the package (TOML files beside this module).

Layout knowledge — table titles and aliases, canonical columns, section titles, class codes —
lives in these files, not in code branches.  Loaders are cached: the files are read once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from juesuan.model import DocKind, TableKind


def _load(name: str) -> dict[str, Any]:
    with resources.files(__package__).joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True, slots=True)
class TableSpec:
    kind: TableKind
    title: str
    aliases: tuple[str, ...]
    requires: tuple[str, ...]
    excludes: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]  # canonical name -> header texts
    two_sided: bool
    transposed: bool


@dataclass(frozen=True, slots=True)
class Layout:
    id: str
    name: str
    tables: tuple[TableKind, ...]
    parts: tuple[str, ...]
    signature: tuple[str, ...]
    required_parts: tuple[str, ...] = ()  # part keys the template requires, in printed order
    # part key -> section keys required there; an entry "a|b" accepts either key
    required_sections: tuple[tuple[str, tuple[str, ...]], ...] = ()


@cache
def table_specs() -> dict[TableKind, TableSpec]:
    data = _load("tables.toml")
    specs: dict[TableKind, TableSpec] = {}
    for key, entry in data.items():
        kind = TableKind(key)
        specs[kind] = TableSpec(
            kind=kind,
            title=entry["title"],
            aliases=tuple(entry.get("aliases", [])),
            requires=tuple(entry.get("requires", [])),
            excludes=tuple(entry.get("excludes", [])),
            columns={k: tuple(v) for k, v in entry.get("columns", {}).items()},
            two_sided=bool(entry.get("two_sided", False)),
            transposed=bool(entry.get("transposed", False)),
        )
    return specs


@cache
def _layouts_data() -> dict[str, Any]:
    return _load("layouts.toml")


@cache
def layouts() -> dict[str, Layout]:
    out: dict[str, Layout] = {}
    for key, entry in _layouts_data()["layouts"].items():
        out[key] = Layout(
            id=key,
            name=entry["name"],
            tables=tuple(TableKind(k) for k in entry["tables"]),
            parts=tuple(entry["parts"]),
            signature=tuple(entry["signature"]),
            required_parts=tuple(entry.get("required_parts", [])),
            required_sections=tuple(
                (part, tuple(keys)) for part, keys in entry.get("required_sections", {}).items()
            ),
        )
    return out


@cache
def section_patterns() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple(
        (s["key"], tuple(s["patterns"]), tuple(s.get("excludes", [])))
        for s in _layouts_data()["sections"]
    )


@cache
def section_names(kind: DocKind | None = None) -> dict[str, str]:
    """Section key -> the template's title, for messages about a section.

    A key's title is the ``name`` of its first entry that has one; for a budget
    (``DocKind.BUDGET``) the first ``budget_name`` wins where the budget template words the
    section differently.  Final accounts and documents of unknown kind get ``name``.
    """
    names: dict[str, str] = {}
    budget: dict[str, str] = {}
    for s in _layouts_data()["sections"]:
        if "name" in s:
            names.setdefault(s["key"], s["name"])
        if "budget_name" in s:
            budget.setdefault(s["key"], s["budget_name"])
        names.setdefault(s["key"], s["key"])
    if kind is DocKind.BUDGET:
        return {key: budget.get(key, name) for key, name in names.items()}
    return names


@cache
def sangong_items() -> tuple[tuple[str, str], ...]:
    return tuple((s["key"], s["name"]) for s in _layouts_data()["sangong_items"])


@cache
def functional_classes() -> dict[str, str]:
    return {str(k): v for k, v in _load("classes.toml")["functional_classes"].items()}


@cache
def income_lines() -> dict[str, str]:
    return dict(_load("classes.toml")["income_lines"])


@cache
def part_patterns() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((s["key"], tuple(s["patterns"])) for s in _layouts_data()["parts"])


@cache
def fixed_lines() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((s["key"], tuple(s["words"])) for s in _load("classes.toml")["fixed_lines"])


@dataclass(frozen=True, slots=True)
class CodeList:
    """A classification (支出功能分类 / 部门预算支出经济分类): code -> standard name, for the
    year of the 政府收支分类科目 it was taken from.  Partial: a code absent here may exist."""

    year: int
    names: dict[str, str]


@cache
def functional_codes() -> CodeList:
    """支出功能分类科目 (类/款/项) from ``codes_functional.toml``."""
    data = _load("codes_functional.toml")
    return CodeList(int(data["year"]), {str(k): v for k, v in data["codes"].items()})


@cache
def economic_codes() -> CodeList:
    """部门预算支出经济分类科目 (类/款) from ``codes_economic.toml``."""
    data = _load("codes_economic.toml")
    return CodeList(int(data["year"]), {str(k): v for k, v in data["codes"].items()})


@dataclass(frozen=True, slots=True)
class KindMarkers:
    """Phrases naming a document's kind, and the words to ignore first (``kinds.toml``)."""

    phrases: dict[DocKind, tuple[str, ...]]
    noise: tuple[str, ...]


@cache
def kind_markers() -> KindMarkers:
    data = _load("kinds.toml")
    noise = sorted(data["noise"], key=len, reverse=True)  # longest first
    return KindMarkers(
        phrases={DocKind(k): tuple(v) for k, v in data["phrases"].items()},
        noise=tuple(noise),
    )
