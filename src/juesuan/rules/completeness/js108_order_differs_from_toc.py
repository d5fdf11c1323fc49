"""JS108: parts, sections and tables are printed in the order of the 目录."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from juesuan.model import Disclosure, Evidence, Part
from juesuan.model.findings import Category, Severity
from juesuan.rules.completeness._shared import Placed, geometry_confirms, placed_outline, toc_keys
from juesuan.rules.engine import Hit, NotApplicable, rule


def _position(e: Evidence) -> tuple[int, int]:
    return (e.page or 0, e.line or 0)


def _body_part_positions(doc: Disclosure, placed: Sequence[Placed]) -> dict[str, Evidence]:
    where: dict[str, Evidence] = {}
    for p in placed:
        if p.heading.level == 0 and p.part and p.part not in where:
            where[p.part] = p.heading.evidence
    if "tables" not in where and doc.tables:
        where["tables"] = min((t.evidence for t in doc.tables), key=_position)
    return where


def _order_hits(
    listed: Sequence[tuple[str, Evidence, str]],
    body: dict[str, Evidence],
    label: str,
) -> Iterator[Hit]:
    """Items listed in the 目录 in one order and printed in the body in another."""
    latest: tuple[str, Evidence, str] | None = None
    for key, toc_evidence, title in listed:
        here = body.get(key)
        if here is None:
            continue
        if latest is not None and _position(here) < _position(body[latest[0]]):
            before = body[latest[0]]
            confirmed = geometry_confirms(here, before)
            yield Hit(
                message=(
                    f"目录中“{title}”排在“{latest[2]}”之后，正文中却印在它之前"
                    f"（{label}顺序与目录不一致）。"
                ),
                evidence=[here, before, toc_evidence],
                expected=f"“{latest[2]}”在前",
                actual=f"“{title}”在前",
                severity=Severity.ERROR if confirmed else Severity.WARNING,
                where="结构",
            )
        elif latest is None or _position(here) > _position(body[latest[0]]):
            latest = (key, toc_evidence, title)


@rule(
    "JS108",
    name="order-differs-from-toc",
    title="正文顺序与目录不一致",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
正文各部分、各章节和各张决算表的先后顺序应与目录一致，目录的顺序就是公开模板规定的顺序。顺序颠倒说明
文档拼接有误或目录未更新。PDF的文字层可能与版面顺序不同，只有页面几何位置也证实顺序颠倒时
才报告为错误，否则报告为警告。
""",
    suggestion="调整正文顺序或更新目录，使两者一致。",
)
def order_differs_from_toc(doc: Disclosure) -> Iterator[Hit]:
    if not doc.toc:
        raise NotApplicable("没有目录")
    placed = placed_outline(doc)
    toc = toc_keys(doc)
    parts = [(p, e, t) for p, _, level, e, t in toc if level == 0 and p]
    yield from _order_hits(_unique(parts), _body_part_positions(doc, placed), "部分")
    for part in (Part.OVERVIEW, Part.EXPLANATION):
        listed = [(k, e, t) for p, k, level, e, t in toc if p == part and k and level == 1]
        body: dict[str, Evidence] = {}
        for item in placed:
            key = item.heading.key
            if item.part == part and item.heading.level == 1 and key and key not in body:
                body[key] = item.heading.evidence
        yield from _order_hits(_unique(listed), body, "章节")
    tables = [
        (e.table_kind.value, e.evidence, f"{e.number}、{e.title}" if e.number else e.title)
        for e in doc.toc
        if e.table_kind is not None
    ]
    printed = {t.kind.value: t.evidence for t in doc.tables}
    yield from _order_hits(_unique(tables), printed, "决算表")


def _unique(items: Sequence[tuple[str, Evidence, str]]) -> list[tuple[str, Evidence, str]]:
    seen: set[str] = set()
    out: list[tuple[str, Evidence, str]] = []
    for item in items:
        if item[0] not in seen:
            seen.add(item[0])
            out.append(item)
    return out
