"""What a document is: a final account (决算), a budget (预算), or neither.

The kind is decided from the places a reader looks first — the cover and document title,
the part and section headings, the 目录 and the tables' titles — by counting the phrases
that name a kind (``catalog/kinds.toml``).  Words that contain 预算 without naming the
document (一般公共预算, 年初预算, 预算数 …) are not markers.  The strongest places win: a
marker on the cover outweighs several in the body, so a final account that restates its
budget ("年初预算为…") stays a final account.  Every counted marker is kept as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan import catalog
from juesuan.model import Disclosure, DocKind, Evidence
from juesuan.structure.textutil import key

#: Weight of a marker by where it is printed: the cover names the document.
WEIGHT_COVER = 5
WEIGHT_HEADING = 2
WEIGHT_TABLE_TITLE = 1


@dataclass(frozen=True, slots=True)
class _Vote:
    kind: DocKind
    weight: int
    evidence: Evidence


def _markers(text: str) -> list[DocKind]:
    """The kinds named in one piece of text (each marker phrase counted once)."""
    k = key(text)
    for noise in catalog.kind_markers().noise:
        k = k.replace(noise, "")
    found: list[DocKind] = []
    for kind, phrases in catalog.kind_markers().phrases.items():
        if any(p in k for p in phrases):
            found.append(kind)
    return found


def detect_kind(doc: Disclosure) -> None:
    """Set ``doc.kind`` and ``doc.kind_evidence``; leave them empty when nothing names one.

    Run before the tables are recognised (cover, headings, 目录) and again after (their
    titles count too); each run starts afresh."""
    doc.kind = None
    doc.kind_evidence = []
    votes: list[_Vote] = []
    if doc.cover is not None:
        for kind in _markers(doc.cover.text):
            votes.append(_Vote(kind, WEIGHT_COVER, doc.cover))
    for heading in doc.outline:
        if heading.level == 0:
            for kind in _markers(heading.title):
                votes.append(_Vote(kind, WEIGHT_HEADING, heading.evidence))
    for entry in doc.toc:
        for kind in _markers(entry.title):
            votes.append(_Vote(kind, WEIGHT_HEADING, entry.evidence))
    for table in doc.tables:
        for kind in _markers(table.title):
            votes.append(_Vote(kind, WEIGHT_TABLE_TITLE, table.evidence))
    if not votes:
        return
    score: dict[DocKind, int] = {}
    for v in votes:
        score[v.kind] = score.get(v.kind, 0) + v.weight
    best = max(score, key=lambda k: score[k])
    if sum(1 for s in score.values() if s == score[best]) > 1:
        doc.notes.append("文件同时自称决算和预算，类型无法确定")
        return
    doc.kind = best
    seen: set[tuple[int | None, int | None]] = set()
    for v in sorted(votes, key=lambda v: -v.weight):
        place = (v.evidence.page, v.evidence.line)
        if v.kind is best and place not in seen:
            seen.add(place)
            doc.kind_evidence.append(v.evidence)
        if len(doc.kind_evidence) == 3:
            break
