"""The generator's layouts as data: one folder per layout under ``generate/layouts/``.

A layout folder holds ``layout.toml`` (the layout's facts: which catalog layout it produces,
its part titles, the order of the explanation's sections, numbering styles, table and cell
conventions; see ``layouts/defaults.toml`` for every key and its default) and Jinja2
templates with the layout's wording (``document.j2`` and the parts and sections it
includes).  A template found neither in the layout's folder nor in ``layouts/common/`` is an
error, as is any variable a template uses but nobody defined (``StrictUndefined``).

The templates write the document as plain lines (:func:`blocks_of` reads them back):

- ``# …``, ``## …``, ``### …``: a heading of level 0 (part), 1 (section), 2 (（一）…);
- ``@table T01``: the standard table (laid out by :mod:`juesuan.generate.tables`);
- ``@chart 3``: a chart, as returned by the ``chart`` functions;
- ``@pagebreak``: a new page;
- any other non-blank line: one paragraph.

Text that comes from the data can neither start a heading nor split a paragraph: every value
printed with ``{{ … }}`` has its line breaks and a leading ``#``/``@`` protected.

Adding a layout is adding a folder: see ``layouts/README.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from juesuan import catalog
from juesuan.generate.document import Chart, Heading, PageBreak, Paragraph, TableBlock
from juesuan.model import TableKind

LAYOUTS_DIR = "layouts"
COMMON = "common"
DEFAULTS = "defaults.toml"

#: Protects a printed value's line breaks (restored as "\n" inside the paragraph) and a
#: leading block marker (dropped after the line is classified).
_NEWLINE = "\x1e"
_GUARD = "\x1d"

Block = Heading | Paragraph | TableBlock | Chart | PageBreak


def _layouts_root() -> Any:
    return resources.files("juesuan.generate").joinpath(LAYOUTS_DIR)


def _read_toml(path: Any) -> dict[str, Any]:
    with path.open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``; tables merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class Numbering:
    """How list and heading numbers print (``str.format`` with ``n`` and ``cn``)."""

    styles: dict[str, str]

    def __call__(self, style: str, n: int) -> str:
        from juesuan.generate.numbers import cn

        try:
            pattern = self.styles[style]
        except KeyError:
            raise KeyError(f"numbering style {style!r} is not defined by the layout") from None
        return pattern.format(n=n, cn=cn(n))


@dataclass(frozen=True, slots=True)
class CellStyle:
    """How an amount prints in a table cell."""

    thousands: bool  # 1,069.86
    zero: str  # how a zero prints ("" leaves the cell blank)


@dataclass(frozen=True)
class Variant:
    """One generator layout: its settings and its templates."""

    name: str
    settings: dict[str, Any]
    env: jinja2.Environment
    _strings: dict[str, jinja2.Template] = field(default_factory=dict, repr=False)

    # -- facts of the layout ----------------------------------------------------------

    @property
    def catalog_id(self) -> str:
        return str(self.settings["catalog"])

    @property
    def catalog_layout(self) -> catalog.Layout:
        return catalog.layouts()[self.catalog_id]

    @property
    def tables(self) -> tuple[TableKind, ...]:
        """The standard tables the layout prints, in printed order (the catalog layout's)."""
        return self.catalog_layout.tables

    @property
    def parts(self) -> tuple[str, ...]:
        """Part keys in printed order (the catalog layout's ``required_parts``)."""
        return self.catalog_layout.required_parts

    @property
    def numbering(self) -> Numbering:
        return Numbering(dict(self.settings["numbering"]))

    @property
    def budget_basis(self) -> tuple[str, ...]:
        """The budget 口径 the layout states first: "adjusted" (全年预算) or "initial"."""
        return tuple(self.settings["budgets"]["basis"])

    @property
    def expense_classes(self) -> tuple[str, ...]:
        """The class lines of the two summary tables."""
        return tuple(str(c) for c in self.settings["tables"]["expense_classes"])

    def cell_style(self, kind: TableKind) -> CellStyle:
        cells = self.settings["cells"]
        zero = cells.get("zero_by_table", {}).get(kind.value, cells["zero"])
        return CellStyle(bool(cells["thousands"]), str(zero))

    def header(self, kind: TableKind, column: str) -> str:
        """The printed header of a column: the layout's own word, else the catalog's."""
        own = self.settings["tables"].get("headers", {}).get(kind.value, {})
        if column in own:
            return str(own[column])
        printed = catalog.table_specs()[kind].printed
        if printed is None or column not in printed.columns:
            raise KeyError(f"{kind.value} has no printed header for {column!r}")
        return printed.columns[column]

    def template(self, name: str) -> jinja2.Template:
        return self.env.get_template(name)

    def render_string(self, source: str, context: dict[str, Any]) -> str:
        """A title written in layout.toml (Jinja), rendered over ``context``."""
        template = self._strings.get(source)
        if template is None:
            template = self._strings[source] = self.env.from_string(source)
        return clean(template.render(context))


class Directive(str):
    """A line that stands for a block (``@chart 2``), returned by a template function and
    printed as it is."""


def _finalize(value: Any) -> Any:
    """Every printed value: keep its line breaks and leading #/@ from acting as markup."""
    if value is None or isinstance(value, Directive):
        return value
    text = str(value)
    if text[:1] in "#@":
        text = _GUARD + text
    return text.replace("\n", _NEWLINE)


def _rstrip(value: str, chars: str | None = None) -> str:
    return str(value).rstrip(chars)


def _environment(own: jinja2.BaseLoader) -> jinja2.Environment:
    common = jinja2.PackageLoader("juesuan.generate", f"{LAYOUTS_DIR}/{COMMON}")
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([own, common]),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["rstrip"] = _rstrip
    return env


@cache
def names() -> tuple[str, ...]:
    """Every generator layout (folders with a layout.toml), the default first."""
    found: list[tuple[int, str]] = []
    for entry in _layouts_root().iterdir():
        toml = entry.joinpath("layout.toml")
        if entry.is_dir() and toml.is_file():
            found.append((int(_read_toml(toml).get("order", 100)), entry.name))
    return tuple(name for _, name in sorted(found))


def all_expense_classes() -> tuple[str, ...]:
    """Every class line some layout prints in its summary tables, in code order (the lines
    of the data workbook's summary sheets)."""
    codes = {code for name in names() for code in load(name).expense_classes}
    return tuple(sorted(codes))


@cache
def load(name: str) -> Variant:
    """The layout ``name`` (a folder under ``generate/layouts/``)."""
    if name not in names():
        raise ValueError(f"unknown layout {name!r}")
    folder = _layouts_root().joinpath(name)
    own = jinja2.PackageLoader("juesuan.generate", f"{LAYOUTS_DIR}/{name}")
    return _variant(name, _read_toml(folder.joinpath("layout.toml")), own)


def load_folder(folder: str | Path, name: str | None = None) -> Variant:
    """A layout from any folder (a layout.toml and the templates it overrides; the rest
    comes from ``layouts/common/``): how a new layout is tried before it is shipped."""
    path = Path(folder)
    with (path / "layout.toml").open("rb") as fh:
        settings = tomllib.load(fh)
    return _variant(name or path.name, settings, jinja2.FileSystemLoader(path))


def _variant(name: str, own_settings: dict[str, Any], own: jinja2.BaseLoader) -> Variant:
    settings = _merge(_read_toml(_layouts_root().joinpath(DEFAULTS)), own_settings)
    variant = Variant(name, settings, _environment(own))
    if variant.catalog_id not in catalog.layouts():
        raise ValueError(f"layout {name!r}: unknown catalog layout {variant.catalog_id!r}")
    missing = [p for p in variant.parts if p not in settings["parts"]]
    if missing:
        raise ValueError(f"layout {name!r} has no title for the parts {missing}")
    return variant


# ---------------------------------------------------------------------------------------
# reading the rendered lines back as blocks


def blocks_of(
    text: str,
    table: Callable[[TableKind], TableBlock],
    charts: list[Chart],
) -> list[Block]:
    """The blocks of a rendered document (see the module docstring for the line forms)."""
    out: list[Block] = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        line = raw
        if line.startswith("@"):
            word, _, arg = line[1:].partition(" ")
            if word == "pagebreak":
                out.append(PageBreak())
            elif word == "table":
                out.append(table(TableKind(arg.strip())))
            elif word == "chart":
                out.append(charts[int(arg)])
            else:
                raise ValueError(f"unknown template directive {line!r}")
            continue
        level = len(line) - len(line.lstrip("#"))
        if 1 <= level <= 3 and line[level : level + 1] == " ":
            out.append(Heading(level - 1, clean(line[level + 1 :])))
            continue
        out.append(Paragraph(clean(line)))
    return out


def clean(text: str) -> str:
    """Rendered text with the protection of printed values undone."""
    return text.replace(_GUARD, "").replace(_NEWLINE, "\n")
