"""What a corpus of disclosures offers the checks that need memory (docs/domain.md §1).

Corpus rules (last year's figures, the same year's budget, a code's usual name) never open a
database: they receive a :class:`CorpusLookup`, which the store implements
(:class:`juesuan.store.lookup.StoreCorpus`) and tests fake with :class:`MemoryCorpus`.

A unit's identity across years and kinds starts from its name as printed, which varies: a
cover line read with its title words (“江苏省高级人民法院部门预算公开”), a label
(“预算单位：上海市财政局”), 中共 / 中国共产党 prefixes, （本级） suffixes, full-width and
half-width brackets.  :func:`clean_unit_name` tidies a printed name for display and
:func:`unit_key` reduces it to the key two documents of one unit share.  What the key cannot
tell (a renamed unit, two units printed alike) is settled by hand in the store (aliases,
``juesuan corpus unit merge/split``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, runtime_checkable

from juesuan.model import Disclosure, DocKind, Evidence, SourceInfo

__all__ = [
    "CodeUse",
    "CorpusLookup",
    "MemoryCorpus",
    "cite",
    "clean_unit_name",
    "document_label",
    "label_of",
    "unit_key",
]


@dataclass(frozen=True, slots=True)
class CodeUse:
    """A document of the corpus printing a classification code under a name: one per code,
    printed name and document.  The first document printing a code under a name also
    carries the example a finding quotes: how to name it and the row."""

    code: str
    name: str  # as printed
    document: str  # the document's identity (content hash)
    unit: str  # its unit's identity (the unit key, or the store's unit id)
    label: str | None = None  # how a message names it (:func:`document_label`)
    evidence: Evidence | None = None  # its first row printing it, cited (``Evidence.file``)


@runtime_checkable
class CorpusLookup(Protocol):
    """The related documents a corpus rule may compare a disclosure with.

    Every method returns the *current* version of a stored document (the latest one
    published for that unit, year and kind) or ``None`` when the corpus holds none.
    """

    def previous_year(self, doc: Disclosure) -> Disclosure | None:
        """The same unit's disclosure of the same kind for ``doc.year - 1`` (a final
        account's 上年 figures, a budget's 比上年 changes)."""
        ...

    def same_year_budget(self, doc: Disclosure) -> Disclosure | None:
        """The same unit's budget (预算) for ``doc.year`` (a final account's 年初预算)."""
        ...

    def code_names(self, code: str, year: int) -> Counter[str]:
        """How many current documents of ``year`` print ``code`` under each name (each
        document counted once per name)."""
        ...

    def code_uses(
        self, codes: Collection[str], year: int, exclude: Disclosure | None = None
    ) -> list[CodeUse]:
        """Every current document of ``year`` printing one of ``codes``, once per code and
        printed name (the first document of each code and name with its row, the example a
        finding quotes); ``exclude`` (the document being checked) and its other versions are
        left out."""
        ...


def document_label(doc: Disclosure) -> str:
    """How a finding names a related document: “江苏省高级人民法院2018年度部门预算
    （jiangsu-high-court-2018-dept-budget.pdf）”."""
    return label_of(doc.unit, doc.year, doc.kind_label, doc.source)


def label_of(unit: str | None, year: int | None, kind: str | None, source: SourceInfo) -> str:
    """:func:`document_label` from a document's unit, year, kind label (“部门预算”) and
    source."""
    names = [Path(p.path).name for p in source.parts] or [Path(source.path).name]
    shown = f"{year}年度" if year else ""
    return f"{clean_unit_name(unit or '')}{shown}{kind or '公开文件'}（{'、'.join(names)}）"


def cite(ev: Evidence, source: SourceInfo) -> Evidence:
    """Evidence of a related document (whose source is ``source``) as another document's
    finding cites it: the file it is in (``Evidence.file``; for a disclosure read from
    several files, the part holding it, with the page or line counted in that part)."""
    parts = source.parts
    if len(parts) > 1:
        found = source.part_of_page(ev.page)
        if found is not None:
            part, page = found
            return replace(ev, file=part.path, page=page)
        if ev.page is None and ev.line is not None:
            by_line = [p for p in parts if p.first_line is not None and p.first_line <= ev.line]
            if by_line:
                part = by_line[-1]
                assert part.first_line is not None
                shift = part.first_line - 1
                end = ev.line_end - shift if ev.line_end is not None else None
                return replace(ev, file=part.path, line=ev.line - shift, line_end=end)
        return replace(ev, file=parts[0].path)
    return replace(ev, file=source.path)


# Labels printed before a unit's name on budget covers and table headers.
_LABEL_RE = re.compile(
    r"(?:预算主管部门|主管部门|预算单位|部门名称|单位名称|编制单位|编报单位|公开单位|部门|单位)\s*:"
)
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
# Noise printed around the name on a cover.
_DATE_RE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_PRINTED_BY_RE = re.compile(r"财政[厅局]印制$")
# A unit's name ends in one of these: what follows it before “财政厅印制” is a place name.
_UNIT_END_CHARS = "厅局部委办院会处室所站心校馆团队社司中"
_LEADING_YEAR_RE = re.compile(r"^(?:\d{4}年(?:度)?)+")
_TRAILING_YEAR_RE = re.compile(r"\d{4}年(?:度)?$")
_TITLE_WORDS = (
    "公开报表",
    "公开说明",
    "情况说明",
    "公开",
    "报告",
    "报表",
    "说明",
    "部门预算",
    "单位预算",
    "部门决算",
    "单位决算",
    "预算",
    "决算",
    "区级",
    "市级",
    "省级",
    "县级",
    "年度",
)
# Words that qualify the same unit: its own accounts, the department's, the unit's.
_SCOPE_SUFFIXES = ("(本级)", "(汇总)", "(部门)", "(单位)", "(本部)", "本级", "汇总")
_KEY_SUFFIXES = ("部门", "单位")


def clean_unit_name(name: str) -> str:
    """A printed unit name without labels, dates, title words and spaces, for display.

    ``"上海市市级单位预算预算单位：上海市财政局"`` → ``"上海市财政局"``;
    ``"江苏省高级人民法院部门预算公开"`` → ``"江苏省高级人民法院"``.
    """
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    text = "".join(text.split())
    labels = list(_LABEL_RE.finditer(text))
    if labels and labels[-1].end() < len(text):
        text = text[labels[-1].end() :]
    text = _DATE_RE.sub("", text)
    text = _strip_printed_by(text)
    text = _LEADING_YEAR_RE.sub("", text)
    changed = True
    while changed and text:
        changed = False
        stripped = _TRAILING_YEAR_RE.sub("", text)
        for word in _TITLE_WORDS:
            if stripped.endswith(word) and len(stripped) > len(word) + 1:
                stripped = stripped[: -len(word)]
                break
        if stripped != text:
            text, changed = stripped, True
    return text or "".join(name.split())


def _strip_printed_by(text: str) -> str:
    """“中共江苏省委办公厅江苏省财政厅印制” → “中共江苏省委办公厅”."""
    match = _PRINTED_BY_RE.search(text)
    if match is None:
        return text
    head = text[: match.start()]
    ends = [i for i, ch in enumerate(head) if ch in _UNIT_END_CHARS]
    return head[: ends[-1] + 1] if ends else head


def unit_key(name: str | None) -> str:
    """The identity key of a unit's printed name: two names with the same key are taken
    for the same unit.  ``""`` for a missing name.

    On top of :func:`clean_unit_name`: 中国共产党 → 中共 and the 中共 prefix dropped (the
    narrative of “中共江苏省委办公厅” calls it “江苏省委办公厅”), 委员会 → 委, 人民政府 dropped
    inside a name (“…区人民政府万里街道办事处”), scope suffixes (本级, （本级）, 部门, 单位)
    and every bracket character dropped.
    """
    if not name:
        return ""
    text = clean_unit_name(name)
    text = text.replace("中国共产党", "中共").replace("委员会", "委")
    text = text.removeprefix("中共")
    text = re.sub(r"人民政府(?=.)", "", text)
    changed = True
    while changed:
        changed = False
        for suffix in _SCOPE_SUFFIXES + _KEY_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text, changed = text[: -len(suffix)], True
    return text.replace("(", "").replace(")", "")


def _same_document(a: Disclosure, b: Disclosure) -> bool:
    """One document, or versions of one (same unit, year, kind and scope)."""
    if a is b or (a.source.sha256 and a.source.sha256 == b.source.sha256):
        return True
    key = unit_key(a.unit)
    return bool(key) and (key, a.year, a.kind, a.scope) == (
        unit_key(b.unit),
        b.year,
        b.kind,
        b.scope,
    )


class MemoryCorpus:
    """A :class:`CorpusLookup` over disclosures held in memory (tests, a folder checked
    at once).  Later documents of the same unit, year and kind replace earlier ones."""

    def __init__(self, docs: list[Disclosure] | None = None) -> None:
        self._docs: list[Disclosure] = []
        for doc in docs or []:
            self.add(doc)

    def add(self, doc: Disclosure) -> None:
        self._docs.append(doc)

    @property
    def documents(self) -> list[Disclosure]:
        return list(self._docs)

    def _find(self, doc: Disclosure, year: int | None, kind: DocKind | None) -> Disclosure | None:
        key = unit_key(doc.unit)
        if not key or year is None or kind is None:
            return None
        found = [
            d
            for d in self._docs
            if d is not doc and d.year == year and d.kind == kind and unit_key(d.unit) == key
        ]
        same_scope = [d for d in found if d.scope == doc.scope]
        pool = same_scope or found
        return pool[-1] if pool else None

    def previous_year(self, doc: Disclosure) -> Disclosure | None:
        return self._find(doc, doc.year - 1 if doc.year else None, doc.kind)

    def same_year_budget(self, doc: Disclosure) -> Disclosure | None:
        return self._find(doc, doc.year, DocKind.BUDGET)

    def code_names(self, code: str, year: int) -> Counter[str]:
        counts: Counter[str] = Counter()
        for d in self._current(year):
            names = {r.name for t in d.tables for r in t.rows if r.code == code and r.name}
            counts.update(names)
        return counts

    def code_uses(
        self, codes: Collection[str], year: int, exclude: Disclosure | None = None
    ) -> list[CodeUse]:
        wanted = set(codes)
        out: list[CodeUse] = []
        examples: set[tuple[str, str]] = set()
        for d in self._current(year):
            if exclude is not None and _same_document(d, exclude):
                continue
            seen: set[tuple[str, str]] = set()
            for t in d.tables:
                for r in t.rows:
                    if r.code not in wanted or not r.name or (r.code, r.name) in seen:
                        continue
                    seen.add((r.code, r.name))
                    first = (r.code, r.name) not in examples
                    examples.add((r.code, r.name))
                    out.append(
                        CodeUse(
                            code=r.code,
                            name=r.name,
                            document=d.source.sha256 or str(id(d)),
                            unit=unit_key(d.unit),
                            label=document_label(d) if first else None,
                            evidence=cite(r.evidence, d.source) if first else None,
                        )
                    )
        return out

    def _current(self, year: int) -> list[Disclosure]:
        latest: dict[tuple[str, DocKind | None, str | None], Disclosure] = {}
        for d in self._docs:
            if d.year == year:
                latest[(unit_key(d.unit), d.kind, d.scope)] = d
        return list(latest.values())
