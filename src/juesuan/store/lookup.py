"""The store as a :class:`~juesuan.model.corpus.CorpusLookup` for the corpus rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

from juesuan.model import Disclosure, DocKind
from juesuan.model.corpus import CodeUse

if TYPE_CHECKING:
    from juesuan.store.core import Store


class StoreCorpus:
    """Related documents from the store: the same unit (found by the document's content
    hash when it is stored, else by its printed name's key and aliases), current versions
    only, the same scope (部门/单位) preferred.

    Every question is asked of the database when it is asked: what another process stored
    meanwhile is seen.  The one cache is the store's (:meth:`Store.load`, by document id: a
    stored document's reading never changes).  ``seen``, when given, collects the ids of
    the related documents found (:meth:`tracking`): what a check read, so that a batch knows
    which checks missed a document stored after them."""

    def __init__(self, store: Store, seen: set[int] | None = None) -> None:
        self.store = store
        self.seen = seen

    def tracking(self) -> StoreCorpus:
        """A view of this lookup (the same store) that records the related documents it
        finds in its own ``seen``: one per check, so that threads never share it."""
        return StoreCorpus(self.store, set())

    def _related(
        self, doc: Disclosure, year: int | None, kind: DocKind | None
    ) -> Disclosure | None:
        if year is None or kind is None:
            return None
        unit_id = self.store.unit_id_of(doc)
        if unit_id is None:
            return None
        found = self.store.current_document(unit_id, year, kind.value, doc.scope)
        if found is None:
            return None
        if self.seen is not None:
            self.seen.add(found)
        related = self.store.load(found)
        if related.source.sha256 and related.source.sha256 == doc.source.sha256:
            return None
        return related

    def previous_year(self, doc: Disclosure) -> Disclosure | None:
        return self._related(doc, doc.year - 1 if doc.year else None, doc.kind)

    def same_year_budget(self, doc: Disclosure) -> Disclosure | None:
        return self._related(doc, doc.year, DocKind.BUDGET)

    def code_names(self, code: str, year: int) -> Counter[str]:
        return self.store.code_names(code, year)

    def code_uses(
        self, codes: Collection[str], year: int, exclude: Disclosure | None = None
    ) -> list[CodeUse]:
        """As :meth:`Store.code_uses`; ``exclude`` and its other versions (same unit, year,
        kind and scope) are left out."""
        sha = exclude.source.sha256 if exclude is not None else None
        same = None
        if exclude is not None and exclude.year == year:
            unit_id = self.store.unit_id_of(exclude)
            if unit_id is not None:
                kind = exclude.kind.value if exclude.kind else None
                same = (unit_id, kind, exclude.scope)
        return self.store.code_uses(codes, year, exclude_sha256=sha or None, exclude_same=same)
