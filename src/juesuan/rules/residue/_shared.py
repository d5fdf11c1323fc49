"""Helpers shared by the residue rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from juesuan import catalog
from juesuan.model import Disclosure, Evidence, Measure, Paragraph, Part
from juesuan.model.findings import Severity
from juesuan.rules.common import table_label
from juesuan.rules.engine import Hit


@dataclass(frozen=True, slots=True)
class ResiduePattern:
    regex: re.Pattern[str]
    label: str
    fix: str | None
    severity: Severity | None


@cache
def residue_patterns() -> dict[str, tuple[ResiduePattern, ...]]:
    data = catalog.load_toml("residue.toml")
    return {
        group: tuple(
            ResiduePattern(
                re.compile(e["pattern"]),
                e["label"],
                e.get("fix"),
                Severity(e["severity"]) if "severity" in e else None,
            )
            for e in entries
        )
        for group, entries in data.items()
    }


@dataclass(slots=True)
class TextPiece:
    """A piece of document text with the source lines it was joined from."""

    text: str
    lines: list[Evidence]
    where: str
    line_level: bool  # True when ``lines`` are the printed lines of ``text`` one by one


# Spaces are dropped (PDF text breaks numbers and words with them); tabs stay, as they
# separate table cells whose numbers must not run together.
SPACES = re.compile(r"[^\S\t]+")


def squash(text: str) -> str:
    return SPACES.sub("", text)


def section_label(p: Paragraph) -> str:
    if p.section and p.part in (Part.EXPLANATION, None):
        return p.section
    return {
        "overview": "概况",
        "explanation": "决算情况说明",
        "glossary": "名词解释",
        "annex": "附件",
        "tables": "决算表",
    }.get(p.part or "", "正文")


def texts(doc: Disclosure) -> Iterator[TextPiece]:
    """Every piece of text of the document except the 目录 (its dot leaders are not residue)."""
    for p in doc.paragraphs:
        yield TextPiece(p.text, p.lines or [p.evidence], section_label(p), bool(p.lines))
    for h in doc.outline:
        yield TextPiece(f"{h.number}{h.title}", [h.evidence], h.number or h.title, True)
    for t in doc.tables:
        where = table_label(t)
        yield TextPiece(t.title, [t.evidence], where, True)
        if t.empty_statement:
            yield TextPiece(t.empty_statement, [t.evidence], where, False)
        for r in t.rows:
            cells = "\t".join([r.name, *r.raw.values()])
            yield TextPiece(cells, [r.evidence], where, True)


def evidence_for(piece: TextPiece, needle: str) -> list[Evidence]:
    """The source lines holding ``needle`` (squashed), or the first line when it straddles."""
    found = [e for e in piece.lines if needle in squash(e.text)]
    if found:
        return found[:3]
    for first, second in zip(piece.lines, piece.lines[1:], strict=False):
        if needle in squash(first.text + second.text):
            return [first, second]
    return piece.lines[:1]


def toc_texts(doc: Disclosure) -> Iterator[TextPiece]:
    """The 目录's entries (read for instructions: a heading's note is printed there too)."""
    for entry in doc.toc:
        yield TextPiece(f"{entry.number}{entry.title}", [entry.evidence], "目录", True)


def scan(
    doc: Disclosure, group: str, pieces: Iterable[TextPiece] | None = None
) -> Iterator[tuple[TextPiece, list[tuple[ResiduePattern, str]]]]:
    patterns = residue_patterns()[group]
    for piece in texts(doc) if pieces is None else pieces:
        flat = squash(piece.text)
        hits = [(p, m.group()) for p in patterns for m in p.regex.finditer(flat)]
        if hits:
            yield piece, hits


def residue_hits(
    doc: Disclosure,
    group: str,
    what: str,
    fix: str,
    pieces: Iterable[TextPiece] | None = None,
) -> Iterator[Hit]:
    """One finding per piece of text: every match listed, the lines holding them as evidence
    (``pieces``: the texts to read, by default :func:`texts`)."""
    for piece, hits in scan(doc, group, pieces):
        matched = list(dict.fromkeys(text for _, text in hits))
        fixes = {p.fix for p, _ in hits}
        pattern_fix = fixes.pop() if len(fixes) == 1 else None
        lowered = [p.severity for p, _ in hits if p.severity is not None]
        severity = max(lowered, key=lambda s: s.rank) if len(lowered) == len(hits) else None
        evidence: list[Evidence] = []
        for text in matched:
            for e in evidence_for(piece, text):
                if e not in evidence:
                    evidence.append(e)
        yield Hit(
            message=f"{what}：{'、'.join(f'“{m}”' for m in matched)}。",
            evidence=evidence,
            expected=pattern_fix or fix,
            actual="、".join(matched),
            severity=severity,
            suggestion=None if pattern_fix is None else f"{pattern_fix}。",
            where=piece.where,
        )


AMOUNT_MEASURES = {
    Measure.AMOUNT,
    Measure.CHANGE_AMOUNT,
    Measure.BUDGET,
    Measure.BUDGET_INITIAL,
    Measure.ACTUAL,
}
