"""juesuan (决算): read, check and generate Chinese government final-account disclosures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.model import Disclosure

__version__ = "0.1.0"
__all__ = ["__version__", "read", "read_many"]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading creates a few hundred thousand short-lived objects, all freed by reference
    counting; the cyclic garbage collector's passes over them cost 2 % of a read (valgrind,
    the 35-page Wanli budget). It is paused while reading and resumed after, unless
    something else had turned it off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read(path: str | Path) -> Disclosure:
    """Read a disclosure (PDF, DOCX, XLSX or text) into the structured model.

    Raises :class:`juesuan.errors.JuesuanError` with a Chinese message for unreadable input.
    """
    from juesuan.sources import load
    from juesuan.structure import build

    with _collector_paused():
        return build(load(path))


def read_many(paths: list[str | Path] | list[Path]) -> Disclosure:
    """Read several files published as one disclosure (a narrative and its separately
    published tables) into one model; ``source.parts`` says which pages came from which file.
    """
    from juesuan.model import SourcePart
    from juesuan.sources import load_many
    from juesuan.structure import build

    with _collector_paused():
        raw = load_many(list(paths))
        doc = build(raw)
    doc.source.parts = [
        SourcePart(p.path, p.format, p.sha256, p.page_count, p.first_page, p.first_line)
        for p in raw.parts
    ]
    return doc
