"""Persistence of a corpus of disclosures (docs/store.md): documents and what they hold,
check runs, findings and their review state, units across years and kinds.

SQLAlchemy 2 over a SQLite file (the default, in the user's data directory) or PostgreSQL
(psycopg 3).  Importing this package imports no SQLAlchemy: :func:`open_store` does, so
commands that do not use the store start as fast as before.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.store.core import Store

__all__ = ["configured_store", "data_dir", "open_store"]


def data_dir() -> Path:
    """``$XDG_DATA_HOME/juesuan`` or ``~/.local/share/juesuan``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "juesuan"


def configured_store(url: str | None = None) -> str | None:
    """The store a command that may do without one should use (``juesuan check``): ``url``,
    else ``$JUESUAN_DB``, else the default SQLite file when it exists; None when there is
    none.  Imports no SQLAlchemy."""
    explicit = url or os.environ.get("JUESUAN_DB")
    if explicit:
        return explicit
    default = data_dir() / "juesuan.db"
    return str(default) if default.is_file() else None


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (a SQLAlchemy URL or a path to a SQLite file; default
    ``$JUESUAN_DB`` or ``$XDG_DATA_HOME/juesuan/juesuan.db``), creating or migrating it.
    Raises :class:`juesuan.errors.StoreError` with a Chinese message."""
    from juesuan.store.core import Store

    return Store.open(url)
