"""The generated-document model: what ``compose`` produces and the renderers consume.

A :class:`Document` is the cover/title facts (unit, year, kind 部门/单位, publication date)
plus an ordered list of blocks — :class:`Heading`, :class:`Paragraph`, :class:`TableBlock`,
:class:`Chart` and :class:`PageBreak`.  Everything in it is already final text: amounts are
formatted strings ("1069.86"), shares and rates are computed, direction words chosen.  The
renderers (``render_docx``, ``render_html``, ``render_pdf``) only lay it out; they never
compute or reword anything, so the three formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from juesuan.model import TableKind

__all__ = [
    "Block",
    "Chart",
    "Document",
    "HeaderCell",
    "Heading",
    "PageBreak",
    "Paragraph",
    "TableBlock",
]


@dataclass(slots=True)
class Heading:
    """A heading as printed: level 0 = part (第一部分 …), 1 = section (一、…), 2 = (（一）…).

    ``text`` is the full printed line including its number, e.g. "一、收入支出决算总体情况说明".
    """

    level: int
    text: str


@dataclass(slots=True)
class Paragraph:
    """One body paragraph (first line indented two characters when rendered)."""

    text: str


@dataclass(slots=True)
class HeaderCell:
    """One cell of a table header row; spans count grid cells (1 = no merge)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class TableBlock:
    """A standard table laid out as published.

    ``header_rows`` is an HTML-like grid: a cell covered by a rowspan from a row above is
    simply absent from the lower row.  ``rows`` are body rows of already formatted strings, one
    per grid column ("" for a blank cell).  When the table has no data, ``rows`` is empty and
    ``empty_statement`` (e.g. "注：本单位2024年度没有政府性基金预算财政拨款收入，也没有使用政府
    性基金预算财政拨款安排的支出，故本表无数据。") is printed under the (empty) table.
    """

    kind: TableKind
    title: str
    unit_label: str = "单位：万元"
    number_label: str = ""  # e.g. "财决公开01表" / "公开01表"; printed top right
    header_rows: list[list[HeaderCell]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty_statement: str | None = None
    note: str | None = None  # printed under the table (注：…)

    @property
    def n_cols(self) -> int:
        """Number of grid columns (from the body rows, else from the first header row)."""
        if self.rows:
            return max(len(r) for r in self.rows)
        if self.header_rows:
            return sum(c.colspan for c in self.header_rows[0])
        return 0


@dataclass(slots=True)
class Chart:
    """A bar or pie chart (图1…图7); values in ``unit`` (万元 or %).

    ``caption`` ("图1：…") is printed under the picture; ``title`` is drawn inside the
    picture only when there is no caption (the two would say the same)."""

    kind: Literal["bar", "pie"]
    title: str
    labels: list[str]
    values: list[Decimal]
    unit: str = "万元"
    caption: str = ""  # printed under the picture, e.g. "图1：收入决算结构（按收入来源）"


@dataclass(slots=True)
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | TableBlock | Chart | PageBreak


@dataclass(slots=True)
class Document:
    """A complete generated disclosure: cover facts and body blocks in reading order.

    ``kind`` is "部门" or "单位".  The cover title is derived by :meth:`cover_title`
    (e.g. "乐山市大数据中心2024年度单位决算") unless ``title`` is set.
    """

    unit: str
    year: int
    kind: str = "部门"
    publication_date: str = ""  # as printed on the cover, e.g. "2025年9月"
    title: str | None = None
    toc: bool = True  # print a 目录 (from level-0/1 headings) after the cover
    blocks: list[Block] = field(default_factory=list)

    def cover_title(self) -> str:
        """The cover title: ``title`` when given, else "{unit}{year}年度{kind}决算"."""
        if self.title:
            return self.title
        return f"{self.unit}{self.year}年度{self.kind}决算"
