"""From :class:`~juesuan.generate.data.GenerationData` to a finished disclosure.

:func:`compose` writes every part and section in the wording of the chosen layout: the
figures come from :class:`~juesuan.generate.facts.Facts` (shares, year-on-year changes and
rates, completion rates, direction words, all :class:`~decimal.Decimal` rounded half up),
the words from the layout's Jinja2 templates (``generate/layouts/{layout}/``, see
:mod:`juesuan.generate.variant`), the standard tables from :mod:`juesuan.generate.tables`,
and the charts 图1–图7 are numbered in the order the templates place them.

:func:`to_disclosure` returns the :class:`~juesuan.model.Disclosure` the structure builder
reads from the composed document's text and tables (as from any published file), so that
the rules can check the data before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from juesuan import catalog
from juesuan.generate import variant as variants
from juesuan.generate.data import GenerationData
from juesuan.generate.document import Chart, Document
from juesuan.generate.facts import Facts
from juesuan.generate.numbers import (
    Change,
    amt,
    change,
    cn,
    compare_word,
    date_cn,
    pct,
    q2,
    ratio,
    reason,
    shares,
)
from juesuan.generate.plain import raw_document
from juesuan.generate.tables import TableMaker
from juesuan.model import Disclosure

__all__ = [
    "DEFAULT_LAYOUT",
    "LAYOUTS",
    "LAYOUT_IDS",
    "Change",
    "amt",
    "change",
    "compare_word",
    "compose",
    "compose_with_model",
    "pct",
    "q2",
    "ratio",
    "shares",
    "to_disclosure",
]

#: The generator's layouts (folders of ``generate/layouts/``), the default first.
LAYOUTS: tuple[str, ...] = variants.names()
#: The layout used when none is named.
DEFAULT_LAYOUT = LAYOUTS[0]
#: The catalog layout each generated layout is (``layouts.toml``).
LAYOUT_IDS: dict[str, str] = {name: variants.load(name).catalog_id for name in LAYOUTS}

#: A number the data put in front of a 名词解释 entry ("1. ", "二、"): the layout numbers it.
_ENTRY_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.、．]|[一二三四五六七八九十]+、)\s*")


def _plain(value: Decimal) -> str:
    """A Decimal without exponent ("95.5")."""
    return f"{value:f}"


@dataclass(frozen=True, slots=True)
class _Part:
    key: str
    heading: str  # "第一部分 单位概况"


@dataclass(frozen=True, slots=True)
class _TableRef:
    kind: str
    title: str


class _Writer:
    """Renders one document: the layout's templates over the facts of the data."""

    def __init__(self, data: GenerationData, variant: variants.Variant) -> None:
        self.data = data
        self.variant = variant
        self.facts = Facts(data, variant.budget_basis)
        self.charts: list[Chart] = []
        self.context = self._context()

    # --- charts (called by the templates; numbered in document order) --------------------

    def chart(self, kind: str, title: str, labels: Sequence[str], values: Sequence[Decimal]) -> str:
        if kind == "pie" and not any(v > 0 for v in values):
            return ""  # a pie of nothing cannot be drawn
        caption = str(self.variant.settings["charts"]["caption"])
        pairs = [(label, q2(v)) for label, v in zip(labels, values, strict=True)]
        if kind == "pie":
            pairs = [(label, v) for label, v in pairs if v > 0]
        self.charts.append(
            Chart(
                "pie" if kind == "pie" else "bar",
                title,
                [p[0] for p in pairs],
                [p[1] for p in pairs],
                "万元",
                caption.format(n=len(self.charts) + 1, title=title),
            )
        )
        return variants.Directive(f"@chart {len(self.charts) - 1}")

    def pie(self, title: str, items: Sequence[Any], value: str = "amount") -> str:
        """A pie of a breakdown (items with ``name`` and the ``value`` attribute)."""
        return self.chart("pie", title, [i.name for i in items], [getattr(i, value) for i in items])

    def bar_years(self, title: str, previous: Decimal | None, current: Decimal) -> str:
        """A bar chart of last year's and this year's amount (this year's alone without
        last year's)."""
        year = self.facts.year
        if previous is None:
            return self.chart("bar", title, [f"{year}年度"], [current])
        return self.chart("bar", title, [f"{year - 1}年度", f"{year}年度"], [previous, current])

    # --- the template context -------------------------------------------------------------

    def title(self, key: str) -> str:
        """A section's printed title: the layout's own words, else the catalog's name."""
        own = self.variant.settings.get("titles", {}).get(key)
        if own is not None:
            return self.variant.render_string(str(own), self.context)
        return catalog.section_names()[key]

    def _context(self) -> dict[str, Any]:
        data, facts, variant = self.data, self.facts, self.variant
        settings = variant.settings
        context: dict[str, Any] = {
            "f": facts,
            "data": data,
            "unit": data.unit,
            "year": facts.year,
            "last": facts.last,
            "kind": facts.kind,
            "texts": facts.texts,
            "prior": data.prior,
            "sections": list(settings["explanation"]["sections"]),
            "other": list(settings["explanation"]["other"]),
            "table_headings": bool(settings["tables"]["headings"]),
            "tables": [_TableRef(k.value, catalog.table_specs()[k].title) for k in variant.tables],
            "glossary": [
                _ENTRY_NUMBER.sub("", entry)
                for entry in (data.glossary or list(settings["glossary"]["default"]))
            ],
            "vehicle_types": catalog.vehicle_types(),
            "num": variant.numbering,
            "title": self.title,
            "chart": self.chart,
            "pie": self.pie,
            "bar_years": self.bar_years,
            "amt": amt,
            "pct": pct,
            "ratio": ratio,
            "plain": _plain,
            "change": change,
            "compare_word": compare_word,
            "reason": reason,
            "cn": cn,
        }
        context["parts"] = [
            _Part(key, f"{variant.numbering('part', i)} {self._part_title(key, context)}")
            for i, key in enumerate(variant.parts, 1)
        ]
        return context

    def _part_title(self, key: str, context: dict[str, Any]) -> str:
        return self.variant.render_string(str(self.variant.settings["parts"][key]), context)

    # --- the document ------------------------------------------------------------------------

    def document(self) -> Document:
        text = self.variant.template("document.j2").render(self.context)
        # the layout's macros note(spec) and empty(spec): the words under a table
        wording: Any = self.variant.template("tables.j2").make_module(self.context)
        specs = catalog.table_specs()
        maker = TableMaker(
            self.variant,
            self.facts,
            note=lambda kind: variants.clean(str(wording.note(specs[kind]))),
            empty=lambda kind: variants.clean(str(wording.empty(specs[kind]))),
        )
        blocks = variants.blocks_of(text, maker.block, self.charts)
        unit = self.data.unit
        return Document(
            unit=unit.name,
            year=unit.year,
            kind=unit.kind,
            publication_date=date_cn(unit.publication_date),
            blocks=blocks,
        )


# ---------------------------------------------------------------------------------------
# public API


def compose(data: GenerationData, layout: str | variants.Variant = DEFAULT_LAYOUT) -> Document:
    """The whole disclosure of ``data`` in ``layout``: one of :data:`LAYOUTS`, or a layout
    loaded from a folder (:func:`juesuan.generate.variant.load_folder`)."""
    variant = layout if isinstance(layout, variants.Variant) else variants.load(layout)
    return _Writer(data, variant).document()


def compose_with_model(
    data: GenerationData, layout: str | variants.Variant = DEFAULT_LAYOUT
) -> tuple[Document, Disclosure]:
    """The composed document and the :class:`Disclosure` a reader makes of it: the
    document's text and tables (:func:`~juesuan.generate.plain.raw_document`) through the
    same structure builder as any published file."""
    from juesuan.structure import build

    document = compose(data, layout)
    return document, build(raw_document(document))


def to_disclosure(
    data: GenerationData, layout: str | variants.Variant = DEFAULT_LAYOUT
) -> Disclosure:
    """The disclosure ``compose`` would write, as the model the rules check."""
    return compose_with_model(data, layout)[1]
