"""Helpers for rule tests: small hand-made disclosures and the real samples, checked.

A rule test is a tiny document (text form: plain lines and tab-separated table rows, as in
the shipped .txt samples) plus the findings it must or must not produce, or a real sample
with one printed value changed.  Most are data (``tests/rule_cases/<code>.toml``, read by
``juesuan.rules.casebook``); :func:`case_document` builds a case's document, applying the
edits of a sample case (:func:`apply_edit`).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import juesuan
from juesuan.model import Disclosure, TableKind, TableRow
from juesuan.model.corpus import CorpusLookup, MemoryCorpus
from juesuan.model.findings import CheckReport, Finding
from juesuan.rules import check
from juesuan.rules.casebook import Case
from juesuan.sources.text import read_text
from juesuan.structure import build

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_NAMES = (
    "leshan-bigdata-center-2024.txt",
    "sichuan-bigdata-center-2022.txt",
    "sichuan-commerce-infocenter-2020.txt",
    "shanghai-shegong-2024.pdf",
    "shanghai-guihua-2024.pdf",
    "shanghai-template-2024.pdf",
)


def doc_from_text(text: str, name: str = "case.txt") -> Disclosure:
    """A disclosure read from text written like the .txt samples (tabs separate cells)."""
    return build(read_text(Path(name), text.encode("utf-8")))


@cache
def _sample(name: str) -> Disclosure:
    return juesuan.read(SAMPLES / name)


def sample(name: str) -> Disclosure:
    """A fresh copy of a shipped sample's model (safe to modify)."""
    return copy.deepcopy(_sample(name))


def run(doc: Disclosure, code: str, lookup: CorpusLookup | None = None) -> list[Finding]:
    """The findings of one rule (by code or prefix) on ``doc`` (with a corpus ``lookup``
    for the corpus rules)."""
    report: CheckReport = check(doc, select=[code], lookup=lookup)
    return [f for f in report.findings if f.rule.startswith(code)]


def case_corpus(case: Case) -> MemoryCorpus:
    """The related documents of a case (``[[case.related]]``), as a corpus lookup."""
    return MemoryCorpus([doc_from_text(r.text, r.filename) for r in case.related])


def case_document(case: Case) -> Disclosure:
    """The document of a rule case: its text read as a .txt sample, or a sample edited."""
    if case.text is not None:
        return doc_from_text(case.text, case.filename)
    assert case.sample is not None
    doc = sample(case.sample)
    for edit in case.edits:
        apply_edit(doc, edit)
    return doc


def _rows(doc: Disclosure, edit: dict[str, Any]) -> list[TableRow]:
    """The rows an edit selects in its table: by ``code``, ``row`` (printed name, spaces
    ignored), ``ref`` (the reader's line key) and ``side``; all of them must match; ``nth``
    picks one of several (0 the first)."""
    kind = TableKind(edit["table"])
    tables = [t for t in doc.tables if t.kind is kind]
    assert len(tables) == 1, f"edit {edit}: {len(tables)} tables of kind {kind.value}"
    rows = []
    for r in tables[0].rows:
        if "code" in edit and r.code != edit["code"]:
            continue
        if "row" in edit and r.name.replace(" ", "") != edit["row"]:
            continue
        if "ref" in edit and r.ref_code != edit["ref"]:
            continue
        if "side" in edit and r.side != edit["side"]:
            continue
        rows.append(r)
    if "nth" in edit:
        return rows[edit["nth"] : edit["nth"] + 1]
    return rows


def apply_edit(doc: Disclosure, edit: dict[str, Any]) -> None:
    """One change to a sample's model (keys in the edit decide which):

    * ``table``, a row selector (``code`` / ``row`` / ``ref`` / ``side``), ``column`` and
      ``value``: print another value in that cell (``""``: a blank cell);
    * ``table``, a row selector and ``new_code``: print another code on that row (one the
      text form would not read as a code, such as six digits);
    * ``table`` and ``drop = true``: the table is not printed;
    * ``table`` and ``doubt``: the table was read with that doubt;
    * ``table`` and ``title``: the table is printed under another title;
    * ``statement`` (a subject), ``measure``, optionally ``code`` and ``nth``, and ``value``:
      the explanation states another number.
    """
    keys = set(edit)
    if "statement" in keys:
        assert keys <= {"statement", "measure", "code", "nth", "value"}, edit
        found = [
            s
            for s in doc.statements
            if s.subject == edit["statement"]
            and s.measure == edit["measure"]
            and ("code" not in edit or s.code == edit["code"])
        ]
        found[edit.get("nth", 0)].value = Decimal(edit["value"])
        return
    kind = TableKind(edit["table"])
    if edit.get("drop"):
        assert keys == {"table", "drop"}, edit
        doc.tables = [t for t in doc.tables if t.kind is not kind]
        return
    if "doubt" in keys:
        assert keys == {"table", "doubt"}, edit
        next(t for t in doc.tables if t.kind is kind).doubts.append(edit["doubt"])
        return
    if "title" in keys:
        assert keys == {"table", "title"}, edit
        next(t for t in doc.tables if t.kind is kind).title = edit["title"]
        return
    table = next(t for t in doc.tables if t.kind is kind)
    rows = _rows(doc, edit)
    assert len(rows) == 1, f"edit {edit} selects {len(rows)} rows"
    if "new_code" in keys:
        assert keys <= {"table", "code", "row", "ref", "side", "nth", "new_code"}, edit
        rows[0].code = edit["new_code"]
        return
    assert keys <= {"table", "code", "row", "ref", "side", "nth", "column", "value"}, edit
    row, column, printed = rows[0], edit["column"], edit["value"]
    if printed == "":
        row.raw.pop(column, None)
        row.values[column] = None
        return
    row.raw[column] = printed
    row.values[column] = Decimal(printed.replace(",", "")) * table.scale
