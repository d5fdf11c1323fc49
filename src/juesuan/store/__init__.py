"""Persistence of a corpus of disclosures (docs/store.md): documents and what they hold,
check runs, findings and their review state, units across years and kinds.

SQLAlchemy 2 over a SQLite file (the default, in the user's data directory) or PostgreSQL
(psycopg 3).  Importing this package imports no SQLAlchemy: :func:`open_store` does, so
commands that do not use the store start as fast as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.store.core import Store

__all__ = ["open_store"]


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (a SQLAlchemy URL or a path to a SQLite file; default
    ``$JUESUAN_DB`` or ``$XDG_DATA_HOME/juesuan/juesuan.db``), creating or migrating it.
    Raises :class:`juesuan.errors.StoreError` with a Chinese message."""
    from juesuan.store.core import Store

    return Store.open(url)
