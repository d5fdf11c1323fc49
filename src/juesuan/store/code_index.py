"""The coded rows of a year's documents, kept per process for the corpus rule JS954.

JS954 asks, for every document it checks, which names the year's other current documents
print for its codes: the whole year's rows for some fifty codes, a query that grows with
the corpus (50 documents a year: 2,500 rows, 20 ms a question).  :class:`CodeIndex` keeps
those rows per year and brings them up to date on every question, so that it is never
stale: the year's current documents (id, hash, unit, kind, scope) are read again each
time — what another process stored, a newer version, a unit merged or split all show at
once — and only the rows of documents not seen before are fetched.  A document's rows
never change once it is stored (they are written in the transaction that stores it), so
rows kept by document id stay true; those of documents no longer current are left out.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from juesuan.store.schema import DocRow, Document

#: A use: (code, printed name, document id, the document's first row printing them).
Use = tuple[str, str | None, int, int]
#: A current document: (sha256, unit id, unit name, kind, scope).
DocColumns = tuple[Any, ...]


def _chunks(items: Sequence[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


class CodeIndex:
    """Per year: code → (printed name, document id, first row id) of every document seen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._uses: dict[int, dict[str, list[tuple[str | None, int, int]]]] = {}
        self._seen: dict[int, set[int]] = {}

    def uses(
        self, s: Session, codes: Collection[str], year: int
    ) -> tuple[list[Use], dict[int, DocColumns]]:
        """The uses of ``codes`` by the current documents of ``year``, and those documents'
        columns, as the database holds them now."""
        docs: dict[int, DocColumns] = {
            doc_id: tuple(columns)
            for doc_id, *columns in s.execute(
                select(
                    Document.id,
                    Document.sha256,
                    Document.unit_id,
                    Document.unit_name,
                    Document.kind,
                    Document.scope,
                ).where(Document.year == year, Document.is_current)
            )
        }
        with self._lock:
            index = self._uses.setdefault(year, {})
            seen = self._seen.setdefault(year, set())
            new = sorted(set(docs) - seen)
            for chunk in _chunks(new, 500):
                query = (
                    select(DocRow.code, DocRow.name, DocRow.document_id, func.min(DocRow.id))
                    .where(DocRow.document_id.in_(chunk), DocRow.code.is_not(None))
                    .group_by(DocRow.code, DocRow.name, DocRow.document_id)
                )
                for code, name, doc_id, row in s.execute(query):
                    if code:
                        index.setdefault(code, []).append((name, doc_id, row))
            seen.update(new)
            found = [
                (code, name, doc_id, row)
                for code in sorted(set(codes))
                for name, doc_id, row in index.get(code, ())
                if doc_id in docs
            ]
        return found, docs
