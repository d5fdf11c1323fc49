"""Page images of stored PDF documents, and where evidence boxes fall on them.

A page is rendered once with PyMuPDF into ``cache/pages/<sha256>-<page>.png`` under the data
directory.  Evidence boxes are PDF points with a top-left origin in the page's *displayed*
(rotated) frame (as :mod:`juesuan.sources.pdf` reports them), which is also the frame
PyMuPDF renders: a box is placed over the image as percentages of the displayed page's width
and height, so no coordinate is transformed here (``reporting/annotate.py`` must derotate
because annotations live in the unrotated frame).

The PDF of a stored document is found by content hash: first the uploads folder
(``uploads/<sha256>.pdf``), then the paths the store recorded for the document (files given
to ``juesuan ingest``), taken only when their content still has that hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from juesuan.model import BBox, SourceInfo

#: Rendering scale: 1.5 × 72 dpi = 108 dpi, an A4 page 893 pixels wide.
ZOOM = 1.5


@dataclass(slots=True, frozen=True)
class PagePlace:
    """A page of the document as one page of one PDF file."""

    sha256: str
    page: int  # 1-based page in that file


def place_of(source: SourceInfo, page: int) -> PagePlace | None:
    """Which PDF file and page holds a page number of the evidence (several files read as
    one are numbered on); None for input without pages or a page out of range."""
    if len(source.parts) > 1:
        found = source.part_of_page(page)
        if found is None or found[0].format != "pdf":
            return None
        part, local = found
        if part.pages is not None and not 1 <= local <= part.pages:
            return None
        return PagePlace(part.sha256, local)
    if source.format != "pdf" or source.pages is None or not 1 <= page <= source.pages:
        return None
    return PagePlace(source.sha256, page)


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class PageImages:
    """Finds the PDF files of stored documents, renders and caches their pages."""

    def __init__(self, upload_dir: Path, cache_dir: Path) -> None:
        self.upload_dir = upload_dir
        self.cache_dir = cache_dir / "pages"
        self._files: dict[str, Path | None] = {}
        self._sizes: dict[str, list[tuple[float, float]]] = {}
        self._lock = threading.Lock()

    def pdf_for(self, sha256: str, known_paths: list[str]) -> Path | None:
        """The PDF file with this content: the upload, or a recorded path still holding it."""
        if sha256 in self._files and self._files[sha256] is not None:
            return self._files[sha256]
        found: Path | None = None
        upload = self.upload_dir / f"{sha256}.pdf"
        if len(sha256) == 64 and upload.is_file():
            found = upload
        else:
            for text in known_paths:
                path = Path(text)
                try:
                    if (
                        path.is_file()
                        and path.suffix.lower() == ".pdf"
                        and _file_sha(path) == sha256
                    ):
                        found = path
                        break
                except OSError:
                    continue
        self._files[sha256] = found
        return found

    def _open(self, path: Path) -> Any:
        import pymupdf as _pymupdf

        pymupdf: Any = _pymupdf
        if hasattr(pymupdf, "no_recommend_layout"):
            pymupdf.no_recommend_layout()
        return pymupdf.open(path)

    def sizes(self, sha256: str, path: Path) -> list[tuple[float, float]]:
        """Width and height (points) of every page as displayed (rotation applied)."""
        cached = self._sizes.get(sha256)
        if cached is not None:
            return cached
        with self._open(path) as doc:
            sizes = [(float(p.rect.width), float(p.rect.height)) for p in doc]
        self._sizes[sha256] = sizes
        return sizes

    def png(self, sha256: str, path: Path, page: int) -> Path:
        """The page rendered as PNG (made once, then served from the cache)."""
        target = self.cache_dir / f"{sha256}-{page}.png"
        if target.is_file():
            return target
        with self._lock:
            if target.is_file():
                return target
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            import pymupdf as _pymupdf

            pymupdf: Any = _pymupdf
            with self._open(path) as doc:
                pix = doc[page - 1].get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
                data = pix.tobytes("png")
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".page-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        return target


def box_style(bbox: BBox, size: tuple[float, float]) -> dict[str, float]:
    """An evidence box as percentages of the displayed page (left, top, width, height),
    clipped to the page and at least a hair wide."""
    width, height = size
    x0, y0, x1, y1 = bbox
    x0, x1 = sorted((max(0.0, min(x0, width)), max(0.0, min(x1, width))))
    y0, y1 = sorted((max(0.0, min(y0, height)), max(0.0, min(y1, height))))
    pad = 1.5  # points around the text
    x0, y0 = max(0.0, x0 - pad), max(0.0, y0 - pad)
    x1, y1 = min(width, x1 + pad), min(height, y1 + pad)
    return {
        "left": round(x0 / width * 100, 3),
        "top": round(y0 / height * 100, 3),
        "width": round(max(x1 - x0, 1.0) / width * 100, 3),
        "height": round(max(y1 - y0, 1.0) / height * 100, 3),
    }
