"""juesuan (决算): read, check and generate Chinese government final-account disclosures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.model import Disclosure

__version__ = "0.1.0"
__all__ = ["__version__", "read"]


def read(path: str | Path) -> Disclosure:
    """Read a disclosure (PDF, DOCX, XLSX or text) into the structured model.

    Raises :class:`juesuan.errors.JuesuanError` with a Chinese message for unreadable input.
    """
    from juesuan.sources import load
    from juesuan.structure import build

    return build(load(path))
