"""Reference data shipped with the package (TOML files beside this module).

Layout knowledge — table titles and aliases, canonical columns, section titles, class codes —
lives in these files, not in code branches.  Loaders are cached: the files are read once.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from juesuan.model import DocKind, Part, TableKind, Topic

_E = TypeVar("_E", bound=StrEnum)


def member(cls: type[_E], value: str, where: str) -> _E:
    """The member of ``cls`` a catalog value names, or a ValueError naming the file (``where``)
    and the known values: a key the code does not know is a catalog error, found at load."""
    try:
        return cls(value)
    except ValueError:
        known = ", ".join(m.value for m in cls)
        raise ValueError(f"{where}: unknown {cls.__name__} {value!r} (known: {known})") from None


def load_toml(name: str) -> dict[str, Any]:
    """A catalog TOML file by name (``residue.toml``)."""
    return _load(name)


def _load(name: str) -> dict[str, Any]:
    """The parsed TOML file, from a JSON copy beside the bytecode when one matches the file's
    size and time (parsing the catalog's TOML costs ~20 ms of every command's start-up;
    reading the JSON copy ~1 ms).  The copy is written the first time, where Python would
    write bytecode; a copy that cannot be written or read is simply not used."""
    # the package ships as files (wheel or source): a plain path, without importlib.resources
    # (whose import costs ~0.05 s of start-up through tempfile and random)
    return load_file(Path(__file__).parent / name)


def load_file(path: Path) -> dict[str, Any]:
    """A TOML file through its JSON copy (see :func:`_load`)."""
    name = path.name
    st = path.stat()
    copy = path.parent / "__pycache__" / f"{name}.{st.st_size}.{st.st_mtime_ns}.json"
    try:
        with copy.open("rb") as fh:
            cached: dict[str, Any] = json.load(fh)
        return cached
    except (OSError, ValueError):
        pass
    import tomllib  # only when there is no JSON copy

    with path.open("rb") as fh:
        data = tomllib.load(fh)
    if not sys.dont_write_bytecode:
        _write_copy(copy, name, data)
    return data


def _write_copy(copy: Path, name: str, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``copy`` atomically; older copies of ``name`` removed."""
    try:
        copy.parent.mkdir(exist_ok=True)
        for old in copy.parent.glob(f"{name}.*.json"):
            if old != copy:
                old.unlink(missing_ok=True)
        tmp = copy.with_name(f"{copy.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, copy)
    except OSError:
        pass


@dataclass(frozen=True, slots=True)
class RowIdentity:
    """Within a row, ``total`` is the sum of ``parts`` (catalog ``row_identities``)."""

    total: str
    parts: tuple[str, ...]
    partial: bool = False  # sum the printed parts (two or more) instead of requiring all
    when: str | None = None  # applies only when this column is printed
    unless: str | None = None  # applies only when this column is not printed

    def parts_in(self, columns: Sequence[str]) -> tuple[str, ...] | None:
        """The parts to add up in a table with these columns, or None when not checkable."""
        if self.total not in columns:
            return None
        if (self.when and self.when not in columns) or (self.unless and self.unless in columns):
            return None
        if not self.partial:
            return self.parts if set(self.parts) <= set(columns) else None
        present = tuple(p for p in self.parts if p in columns)
        return present if len(present) >= 2 else None


@dataclass(frozen=True, slots=True)
class PrintedForm:
    """How ``juesuan generate`` prints a standard table (``[Txx.printed]`` in tables.toml)."""

    columns: dict[str, str]  # printed value columns in order: canonical name -> header
    shows: str = ""  # "注：本表反映…本年度{shows}。"
    empty: str = ""  # "…没有{empty}，故本表无数据。" ("" when the table never is empty)
    labels: dict[str, str] = field(default_factory=dict)  # other words of the grid
    income: dict[str, str] = field(default_factory=dict)  # two-sided: income lines
    income_bottom: dict[str, str] = field(default_factory=dict)  # lines under the income
    expense_bottom: dict[str, str] = field(default_factory=dict)  # lines under the classes


@dataclass(frozen=True, slots=True)
class TableSpec:
    kind: TableKind
    title: str
    aliases: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...]  # alternatives, each a set of words all required
    excludes: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]  # canonical name -> header texts
    two_sided: bool
    transposed: bool
    doc_kind: DocKind = DocKind.FINAL
    shape: str = "coded"  # two_sided, coded, blocks, transposed, items, list, procurement
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)  # shape = items
    row_identities: tuple[RowIdentity, ...] = ()
    printed: PrintedForm | None = None  # how the generator prints it (final accounts)


@dataclass(frozen=True, slots=True)
class Layout:
    id: str
    name: str
    tables: tuple[TableKind, ...]
    parts: tuple[str, ...]
    signature: tuple[str, ...]
    required_parts: tuple[Part, ...] = ()  # part keys the template requires, in printed order
    # part key -> section keys required there; an entry "a|b" accepts either key
    required_sections: tuple[tuple[Part, tuple[str, ...]], ...] = ()
    kind: DocKind = DocKind.FINAL  # the kind of document the layout is for


def _requires(value: Any) -> tuple[tuple[str, ...], ...]:
    """``requires`` is one list of words, or a list of alternative lists."""
    if value and isinstance(value[0], list):
        return tuple(tuple(words) for words in value)
    return (tuple(value),) if value else ()


def _printed(entry: dict[str, Any] | None) -> PrintedForm | None:
    if entry is None:
        return None
    return PrintedForm(
        columns=dict(entry["columns"]),
        shows=entry.get("shows", ""),
        empty=entry.get("empty", ""),
        labels=dict(entry.get("labels", {})),
        income=dict(entry.get("income", {})),
        income_bottom=dict(entry.get("income_bottom", {})),
        expense_bottom=dict(entry.get("expense_bottom", {})),
    )


def _final_shape(kind: TableKind, entry: dict[str, Any]) -> str:
    if entry.get("two_sided"):
        return "two_sided"
    if entry.get("transposed"):
        return "transposed"
    return "blocks" if kind is TableKind.T08 else "coded"


@cache
def table_specs() -> dict[TableKind, TableSpec]:
    """Every standard table: final accounts (tables.toml) and budgets (tables_budget.toml)."""
    specs: dict[TableKind, TableSpec] = {}
    for name, doc_kind in (("tables.toml", DocKind.FINAL), ("tables_budget.toml", DocKind.BUDGET)):
        for key, entry in _load(name).items():
            kind = TableKind(key)
            shape = entry.get("shape") or _final_shape(kind, entry)
            specs[kind] = TableSpec(
                kind=kind,
                title=entry["title"],
                aliases=tuple(entry.get("aliases", [])),
                requires=_requires(entry.get("requires", [])),
                excludes=tuple(entry.get("excludes", [])),
                columns={k: tuple(v) for k, v in entry.get("columns", {}).items()},
                two_sided=shape == "two_sided",
                transposed=shape in ("transposed", "items"),
                doc_kind=doc_kind,
                shape=shape,
                items={k: tuple(v) for k, v in entry.get("items", {}).items()},
                row_identities=tuple(
                    RowIdentity(
                        total=i["total"],
                        parts=tuple(i["parts"]),
                        partial=bool(i.get("partial", False)),
                        when=i.get("when"),
                        unless=i.get("unless"),
                    )
                    for i in entry.get("row_identities", [])
                ),
                printed=_printed(entry.get("printed")),
            )
    return specs


def specs_of(doc_kind: DocKind) -> list[TableSpec]:
    """The standard tables of one kind of document, in catalog order."""
    return [s for s in table_specs().values() if s.doc_kind is doc_kind]


@cache
def _layouts_data() -> dict[str, Any]:
    return _load("layouts.toml")


_LAYOUTS = "catalog/layouts.toml"


def _part(value: str) -> Part:
    return member(Part, value, _LAYOUTS)


def _topic(value: str) -> Topic:
    return member(Topic, value, _LAYOUTS)


def _alternatives(value: str) -> str:
    """A required section: a key, or keys joined by "|" (either one); each must be a Topic."""
    for key in value.split("|"):
        _topic(key)
    return value


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
            required_parts=tuple(_part(p) for p in entry.get("required_parts", [])),
            required_sections=tuple(
                (_part(part), tuple(_alternatives(k) for k in keys))
                for part, keys in entry.get("required_sections", {}).items()
            ),
            kind=DocKind(entry.get("kind", DocKind.FINAL.value)),
        )
    return out


@cache
def section_patterns() -> tuple[tuple[Topic, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple(
        (_topic(s["key"]), tuple(s["patterns"]), tuple(s.get("excludes", [])))
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
        key = _topic(s["key"])
        if "name" in s:
            names.setdefault(key, s["name"])
        if "budget_name" in s:
            budget.setdefault(key, s["budget_name"])
        names.setdefault(key, key.value)
    if kind is DocKind.BUDGET:
        return {key: budget.get(key, name) for key, name in names.items()}
    return names


@cache
def sangong_items() -> tuple[tuple[str, str], ...]:
    return tuple((s["key"], s["name"]) for s in _layouts_data()["sangong_items"])


@cache
def personnel_classes() -> tuple[str, ...]:
    """Economic classes counted as 人员经费 in the 基本支出决算表 (301, 303); the rest are
    公用经费."""
    return tuple(str(c) for c in _load("classes.toml")["economic_sides"]["personnel"])


@cache
def vehicle_types() -> tuple[str, ...]:
    """Types of 公务用车 in the “三公” sentences (轿车, 越野车, 载客汽车), in template order."""
    return tuple(_load("vehicles.toml")["types"])


@cache
def vehicle_uses() -> tuple[str, ...]:
    """Uses of 车辆 in the 国有资产占有使用 sentence, in template order."""
    return tuple(_load("vehicles.toml")["uses"])


@cache
def functional_classes() -> dict[str, str]:
    return {str(k): v for k, v in _load("classes.toml")["functional_classes"].items()}


@cache
def income_lines() -> dict[str, str]:
    return dict(_load("classes.toml")["income_lines"])


@cache
def part_patterns() -> tuple[tuple[Part, tuple[str, ...]], ...]:
    return tuple((_part(s["key"]), tuple(s["patterns"])) for s in _layouts_data()["parts"])


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


@cache
def functional_class_names() -> dict[str, str]:
    """Every printed name of a 类 (current and earlier years, matching keys) -> its code."""
    data = _load("classes.toml")
    out: dict[str, str] = {}
    for code, name in data["functional_classes"].items():
        out[name] = str(code)
    for code, names in data.get("functional_class_aliases", {}).items():
        for name in names:
            out.setdefault(name, str(code))
    return out


@cache
def budget_lines() -> dict[str, dict[str, str]]:
    """Lines of a budget's two-sided tables: side ("income"/"expense") -> printed name -> key."""
    data = _load("classes.toml")
    out: dict[str, dict[str, str]] = {}
    for side in ("income", "expense"):
        names: dict[str, str] = {}
        for line_key, aliases in data[f"budget_{side}_lines"].items():
            for alias in aliases:
                names.setdefault(alias, line_key)
        out[side] = names
    return out
