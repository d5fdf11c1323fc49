"""A copy of the checked PDF with the findings marked on the pages (PyMuPDF).

Every evidence box is highlighted in its severity's colour; the highlight's comment lists the
findings that point at it.  Each finding also gets one sticky note per page it concerns,
beside its first box on that page (in the right margin when the box reaches it), carrying
``JS201 错误：message`` plus expected/actual and the suggestion.  Evidence with a page but no
box gets its note in the page's top-left margin.

Coordinates: :class:`~juesuan.model.Evidence` boxes are PDF points with a top-left origin in
the page's *displayed* (rotated) frame, as :mod:`juesuan.sources.pdf` reports them.  PyMuPDF
wants annotation coordinates in the *unrotated* frame, so boxes are multiplied by the page's
``derotation_matrix`` first (a no-op on unrotated pages).

The source file is only read (from bytes); the output may never be the source itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from juesuan.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileMissingError,
    MismatchError,
    OutputError,
    UnsupportedFormatError,
    os_error_text,
)
from juesuan.model import BBox
from juesuan.model.findings import CheckReport, Finding, Severity
from juesuan.reporting.findings import expected_actual, unique_evidence

#: Highlight colours (RGB 0–1); highlights multiply with the page, so saturated tints read well.
HIGHLIGHT_COLORS: dict[Severity, tuple[float, float, float]] = {
    Severity.ERROR: (1.0, 0.45, 0.45),
    Severity.WARNING: (1.0, 0.84, 0.2),
    Severity.INFO: (0.62, 0.82, 1.0),
}
#: Sticky note colours.
NOTE_COLORS: dict[Severity, tuple[float, float, float]] = {
    Severity.ERROR: (0.85, 0.1, 0.1),
    Severity.WARNING: (0.95, 0.65, 0.0),
    Severity.INFO: (0.35, 0.55, 0.85),
}
#: Size of a sticky-note icon (points) and the gap between a box and its note.
NOTE_SIZE = 18.0
NOTE_GAP = 4.0
#: Author shown by PDF viewers for every annotation added here.
AUTHOR = "juesuan"


@dataclass(slots=True)
class AnnotationSummary:
    """What :func:`annotate_pdf` added."""

    highlights: int = 0
    notes: int = 0
    skipped: int = 0  # evidence without a page, or on a page the PDF does not have


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def note_title(f: Finding) -> str:
    """``JS201 错误：message`` — the first line of every note."""
    return _CONTROL.sub("", f"{f.rule} {f.severity.label}：{f.message}")


def note_text(f: Finding) -> str:
    lines = [note_title(f)]
    ea = expected_actual(f)
    if ea:
        lines.append(ea)
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    return _CONTROL.sub("", "\n".join(lines))


def _check_paths(source: Path, out: Path) -> bytes:
    if not source.exists():
        raise FileMissingError(f"找不到文件：{source}")
    if not source.is_file():
        raise FileMissingError(f"不是文件：{source}")
    try:
        same = out.resolve() == source.resolve() or (out.exists() and out.samefile(source))
    except OSError:
        same = False
    if same:
        raise OutputError(f"输出文件不能是原文件本身（原文件只读，不会被修改）：{out}")
    data = source.read_bytes()
    if b"%PDF-" not in data[:1024]:
        if source.suffix.lower() == ".pdf":
            raise CorruptFileError(f"文件不是有效的 PDF（文件头不是 %PDF）：{source}")
        raise UnsupportedFormatError(f"只能在 PDF 文件上标注审核结果，此文件不是 PDF：{source}")
    return data


def _verify(report: CheckReport, source: Path, data: bytes) -> None:
    src = report.document.source
    if src.format != "pdf":
        raise MismatchError(
            f"审核结果来自 {src.format.upper()} 文件（{src.path}），无法对应到 PDF 页面：{source}"
        )
    if src.sha256 and hashlib.sha256(data).hexdigest() != src.sha256:
        raise MismatchError(
            f"PDF 与审核结果不是同一份文件（内容不同）：{source}，审核的是 {src.path}"
        )


def _open(data: bytes, source: Path) -> Any:
    import pymupdf as _pymupdf

    pymupdf: Any = _pymupdf
    if hasattr(pymupdf, "no_recommend_layout"):
        pymupdf.no_recommend_layout()
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        raise CorruptFileError(f"PDF 文件已损坏，无法打开：{source}（{exc}）") from None
    if doc.needs_pass:
        raise EncryptedFileError(f"PDF 文件已加密，无法标注：{source}")
    return doc


class _PageMarks:
    """What goes on one page: highlight boxes (with their findings) and notes to place."""

    def __init__(self) -> None:
        self.boxes: dict[BBox, list[Finding]] = {}
        self.notes: list[tuple[Finding, BBox | None]] = []  # anchor box, None = margin
        self.noted: set[int] = set()  # id() of findings already given a note here


def _collect(report: CheckReport, page_count: int) -> tuple[dict[int, _PageMarks], int]:
    pages: dict[int, _PageMarks] = {}
    skipped = 0
    for f in report.findings:
        for ev in unique_evidence(f):
            if ev.file is not None:
                continue  # quoted from another document (a corpus rule): not on this PDF
            if ev.page is None or not 1 <= ev.page <= page_count:
                skipped += 1
                continue
            marks = pages.setdefault(ev.page, _PageMarks())
            box: BBox | None = None
            if ev.bbox is not None:
                x0, y0, x1, y1 = (round(v, 2) for v in ev.bbox)
                box = (x0, y0, x1, y1)
                found = marks.boxes.setdefault(box, [])
                if not any(g is f for g in found):
                    found.append(f)
            if id(f) not in marks.noted:
                marks.noted.add(id(f))
                marks.notes.append((f, box))
            elif box is not None:
                # A later box of a finding noted in the margin: anchor the note on the box.
                for i, (g, anchor) in enumerate(marks.notes):
                    if g is f and anchor is None:
                        marks.notes[i] = (f, box)
    return pages, skipped


def _place_note(anchor: BBox | None, width: float, height: float, placed: list[BBox]) -> BBox:
    """The icon box (displayed frame) for a note: right of its anchor box, inside the page and
    clear of the notes already placed; top-left margin when there is no anchor."""
    if anchor is None:
        x, y = NOTE_GAP, NOTE_GAP
    else:
        x = min(anchor[2] + NOTE_GAP, width - NOTE_SIZE - 2)
        y = max(min(anchor[1], height - NOTE_SIZE - 2), 0.0)
    for _ in range(200):
        box = (x, y, x + NOTE_SIZE, y + NOTE_SIZE)
        if not any(_overlap(box, other) for other in placed):
            break
        y += NOTE_SIZE + 2
        if y + NOTE_SIZE > height:
            y = NOTE_GAP
            x = max(x - NOTE_SIZE - 2, 0.0)
    placed.append(box)
    return box


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def annotate_pdf(
    report: CheckReport,
    source_pdf: str | Path,
    out_pdf: str | Path,
    *,
    verify: bool = True,
) -> AnnotationSummary:
    """Write a copy of ``source_pdf`` to ``out_pdf`` with every finding marked on its page.

    ``verify`` (default) refuses a PDF that is not the file the report was made from (its
    SHA-256 differs) or a report made from a non-PDF input.  Raises
    :class:`~juesuan.errors.JuesuanError` subclasses with Chinese messages: the source is
    missing, is not a PDF, is encrypted or corrupt; the output is the source or cannot be
    written.
    """
    source = Path(source_pdf)
    out = Path(out_pdf)
    data = _check_paths(source, out)
    if verify:
        _verify(report, source, data)
    doc = _open(data, source)
    import pymupdf as _pymupdf

    pymupdf: Any = _pymupdf
    summary = AnnotationSummary()
    try:
        marks_by_page, summary.skipped = _collect(report, doc.page_count)
        for number in sorted(marks_by_page):
            marks = marks_by_page[number]
            page = doc[number - 1]
            derotate = page.derotation_matrix if int(page.rotation or 0) % 360 else None
            width, height = float(page.rect.width), float(page.rect.height)

            def unrotated(box: BBox, derotate: Any = derotate) -> Any:
                rect = pymupdf.Rect(*box)
                return rect * derotate if derotate is not None else rect

            for box, findings in marks.boxes.items():
                shown = pymupdf.Rect(*box)
                if shown.is_empty or shown.is_infinite:
                    continue
                # A quad, not a rect: transformed corner by corner it keeps the reading
                # direction, so a rotated page gets a highlight along its text lines.
                quad = shown.quad * derotate if derotate is not None else shown.quad
                worst = max((f.severity for f in findings), key=lambda s: s.rank)
                annot = page.add_highlight_annot(quads=[quad])
                annot.set_colors(stroke=HIGHLIGHT_COLORS[worst])
                annot.set_info(
                    title=AUTHOR,
                    subject=" ".join(dict.fromkeys(f.rule for f in findings)),
                    content="\n".join(note_title(f) for f in findings),
                )
                annot.update()
                summary.highlights += 1
            placed: list[BBox] = []
            for f, anchor in marks.notes:
                icon = unrotated(_place_note(anchor, width, height, placed))
                annot = page.add_text_annot(pymupdf.Point(icon.x0, icon.y0), note_text(f))
                annot.set_colors(stroke=NOTE_COLORS[f.severity])
                annot.set_info(title=AUTHOR, subject=f"{f.rule} {f.title}".strip())
                annot.update()
                summary.notes += 1
        try:
            doc.save(str(out), garbage=1, deflate=True)
        except Exception as exc:
            reason = os_error_text(exc) if isinstance(exc, OSError) else "写入 PDF 时出错"
            raise OutputError(f"无法写入输出文件 {out}：{reason}") from None
    finally:
        doc.close()
    return summary
