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

from juesuan.model import TableKind


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
        )
    return out


@cache
def section_patterns() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple(
        (s["key"], tuple(s["patterns"]), tuple(s.get("excludes", [])))
        for s in _layouts_data()["sections"]
    )


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
