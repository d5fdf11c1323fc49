"""The checks: rule families over the :class:`~juesuan.model.Disclosure` model.

``check(doc)`` runs every rule; ``check_file(path)`` reads and checks.  Rules never open
files or parse text; they read the model only (see engine.py for the catalog).  Given a
``lookup`` (a :class:`~juesuan.model.corpus.CorpusLookup`: the store's, or a
:class:`~juesuan.model.corpus.MemoryCorpus`), the corpus rules also compare the document with
the related documents it finds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from juesuan.errors import NotADisclosureError
from juesuan.model import Disclosure
from juesuan.model.corpus import CorpusLookup
from juesuan.model.findings import CheckReport
from juesuan.rules.engine import NotApplicable, all_rules, corpus_rule, rule, run_rules

__all__ = [
    "NotApplicable",
    "all_rules",
    "check",
    "check_file",
    "corpus_rule",
    "corpus_rules",
    "rule",
]


def corpus_rules(related: bool = False) -> list[str]:
    """The codes of the corpus rules (they compare a document with others of a corpus);
    ``related``: only those comparing it with the same unit's related documents (last
    year's, the same year's budget), not with every document of the year."""
    return sorted(
        code for code, r in all_rules().items() if r.needs_corpus and not (related and r.whole_year)
    )


def check(
    doc: Disclosure,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    lookup: CorpusLookup | None = None,
) -> CheckReport:
    return run_rules(doc, select=select, ignore=ignore, lookup=lookup)


def looks_like_disclosure(doc: Disclosure) -> bool:
    """Something to check: a year, a standard table, a performance form, a recognised section
    or a stated fact."""
    return bool(
        doc.year
        or doc.tables
        or doc.statements
        or doc.evaluations
        or doc.targets
        or any(h.key for h in doc.outline if h.level > 0)
    )


def require_disclosure(doc: Disclosure, name: str, what: str) -> None:
    """Refuse (exit 4) a readable file that is not a disclosure."""
    if not looks_like_disclosure(doc):
        raise NotADisclosureError(
            f"文件中没有年度、决算表或预算表、情况说明，不像决算或预算公开文件，{what}：{name}"
        )


def check_file(
    path: str | Path | Sequence[str | Path],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    lookup: CorpusLookup | None = None,
) -> CheckReport:
    """Read and check one disclosure: one file, or several files published as one (a
    narrative and its separately published tables), read in the order given."""
    from juesuan import read, read_many

    start = time.perf_counter()
    if isinstance(path, (str, Path)):
        doc = read(path)
        name = str(path)
    else:
        doc = read_many(list(path))
        name = "、".join(str(p) for p in path)
    require_disclosure(doc, name, "未审核")
    read_seconds = time.perf_counter() - start
    report = run_rules(doc, select=select, ignore=ignore, lookup=lookup)
    report.read_seconds = read_seconds
    return report
