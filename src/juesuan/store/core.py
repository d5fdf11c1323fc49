"""The store: documents, what they hold, check runs, findings and their review state, units.

:class:`Store` is the only way the rest of juesuan reads or writes the database; it returns
plain dataclasses (never ORM objects), so callers need no SQLAlchemy.
"""

from __future__ import annotations

import getpass
import json
import os
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

import juesuan
from juesuan.errors import StoreError
from juesuan.model import (
    SCHEMA,
    Disclosure,
    Evidence,
    SourceInfo,
    SourcePart,
    from_json_dict,
    to_json_dict,
)
from juesuan.model.corpus import CodeUse, cite, clean_unit_name, label_of, unit_key
from juesuan.model.findings import CheckReport, RuleStatus, Severity
from juesuan.store.code_index import CodeIndex
from juesuan.store.db import open_engine
from juesuan.store.figures import key_figures
from juesuan.store.fingerprint import fingerprints
from juesuan.store.schema import (
    Base,
    CheckRun,
    DocCell,
    DocEvaluation,
    DocFigure,
    DocRow,
    DocStatement,
    DocTable,
    Document,
    DocumentFile,
    DocumentJson,
    FindingRecord,
    FindingReview,
    IngestFailure,
    Unit,
    UnitAlias,
    UnitEvent,
    utcnow,
)

if TYPE_CHECKING:
    from juesuan.store.lookup import StoreCorpus

#: Review states of a finding, with their Chinese labels.
STATES = {"open": "待处理", "confirmed": "已确认", "dismissed": "已排除", "fixed": "已改正"}
SYSTEM_ACTOR = "juesuan"


def current_actor() -> str:
    """Who is acting: ``$JUESUAN_USER`` or the login name."""
    try:
        return os.environ.get("JUESUAN_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in a container
        return "unknown"


# --- what the store returns ----------------------------------------------------------------


@dataclass(slots=True)
class FileRef:
    """A file of a document to record: where it was seen and its own content hash."""

    path: str
    sha256: str
    part: int = 0
    first_page: int | None = None
    first_line: int | None = None


@dataclass(slots=True)
class StoredDocument:
    """The outcome of :meth:`Store.add`."""

    document_id: int
    created: bool  # False: the content was stored already (only the file names recorded)
    unit_id: int | None
    unit: str | None
    version: int
    run_id: int | None
    inherited: int = 0  # findings that took a review state from the previous version
    fixed: int = 0  # findings of the previous version marked fixed (gone in this one)


@dataclass(slots=True)
class DocumentInfo:
    id: int
    sha256: str
    unit_id: int | None
    unit: str | None  # the unit's display name (or the printed name when unassigned)
    printed_unit: str | None
    year: int | None
    kind: str | None
    scope: str | None
    layout: str | None
    format: str
    pages: int | None
    publication_date: str | None
    version: int
    is_current: bool
    ingested_at: datetime
    files: list[str] = field(default_factory=list)
    errors: int | None = None
    warnings: int | None = None
    infos: int | None = None
    catalog_version: str | None = None

    @property
    def kind_label(self) -> str:
        return f"{self.scope or ''}{self.kind or '公开'}"


@dataclass(slots=True)
class UnitInfo:
    id: int
    name: str
    aliases: list[str]
    years: list[int]
    documents: int


@dataclass(slots=True)
class FindingInfo:
    id: int
    document_id: int
    unit: str | None
    year: int | None
    kind: str | None
    rule: str
    severity: str
    category: str
    title: str
    message: str
    expected: str | None
    actual: str | None
    suggestion: str | None
    location: str | None
    page: int | None
    evidence: list[Evidence]
    fingerprint: str
    state: str
    state_reason: str | None
    state_by: str | None
    state_at: datetime | None
    inherited_from: int | None


@dataclass(slots=True)
class HistoryEntry:
    """One document of a unit's history: its key figures and its findings' counts."""

    document: DocumentInfo
    figures: dict[str, Decimal]
    by_state: dict[str, int]
    by_rule: Counter[str]


@dataclass(slots=True)
class FailureInfo:
    path: str
    sha256: str
    exit_code: int
    error: str
    attempts: int
    last_seen: datetime


# --- the store -----------------------------------------------------------------------------


class Store:
    """A corpus of disclosures in a SQLite file or a PostgreSQL database."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        # stored readings by document id (a document's reading is never changed once stored)
        self._json_cache: dict[int, Disclosure] = {}
        self._lookup: StoreCorpus | None = None
        self._codes = CodeIndex()  # the coded rows of each year's documents (JS954)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (and create or migrate) the store at ``url``; the default is ``$JUESUAN_DB``
        or the SQLite file in the user's data directory."""
        engine, resolved = open_engine(url)
        return cls(engine, resolved)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- ingest ----------------------------------------------------------------------------

    def document_for_hash(self, sha256: str) -> int | None:
        """The document whose content (or one of whose parts) has this hash."""
        with Session(self.engine) as s:
            found = s.scalar(select(Document.id).where(Document.sha256 == sha256))
            if found is None:
                found = s.scalar(
                    select(DocumentFile.document_id).where(DocumentFile.sha256 == sha256).limit(1)
                )
            return found

    def record_file(self, document_id: int, path: str, sha256: str) -> bool:
        """Remember that ``path`` holds (part of) a stored document; False if already known."""
        with Session(self.engine) as s, s.begin():
            known = s.scalar(
                select(DocumentFile.id).where(
                    DocumentFile.document_id == document_id, DocumentFile.path == path
                )
            )
            if known is not None:
                s.execute(
                    update(DocumentFile).where(DocumentFile.id == known).values(seen_at=utcnow())
                )
                return False
            part = s.scalar(
                select(DocumentFile.part).where(
                    DocumentFile.document_id == document_id, DocumentFile.sha256 == sha256
                )
            )
            s.add(
                DocumentFile(
                    document_id=document_id,
                    path=path,
                    name=Path(path).name,
                    sha256=sha256,
                    part=part or 0,
                )
            )
            self._clear_failure(s, path, sha256)
            return True

    def record_failure(self, path: str, sha256: str, exit_code: int, error: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.scalar(
                select(IngestFailure).where(
                    IngestFailure.path == path, IngestFailure.sha256 == sha256
                )
            )
            if row is None:
                s.add(
                    IngestFailure(
                        path=path,
                        name=Path(path).name,
                        sha256=sha256,
                        exit_code=exit_code,
                        error=error,
                    )
                )
            else:
                row.exit_code, row.error = exit_code, error
                row.attempts += 1
                row.last_seen = utcnow()

    @staticmethod
    def _clear_failure(s: Session, path: str, sha256: str) -> None:
        s.execute(
            delete(IngestFailure).where(IngestFailure.path == path, IngestFailure.sha256 == sha256)
        )

    def add(
        self,
        doc: Disclosure,
        report: CheckReport | None,
        *,
        files: Sequence[FileRef] = (),
        catalog_version: str = "",
        seconds: float = 0.0,
    ) -> StoredDocument:
        """Store a disclosure (and the check of it) once; a second call with the same
        content hash only records the files.  Reviews are inherited from the previous
        version of the same unit's document (same year, kind and scope)."""
        sha = doc.source.sha256 or _content_hash(doc)
        existing = self.document_for_hash(sha)
        if existing is None:
            try:
                return self._add_new(doc, report, sha, files, catalog_version, seconds)
            except IntegrityError:
                # Stored meanwhile by another process (same content hash): as below.
                existing = self.document_for_hash(sha)
                if existing is None:
                    raise
            except SQLAlchemyError as exc:
                raise StoreError(f"保存到数据库失败：{type(exc).__name__}: {exc}") from None
        for f in files:
            self.record_file(existing, f.path, f.sha256)
        with Session(self.engine) as s:
            stored = s.get(Document, existing)
            assert stored is not None
            unit_name = s.scalar(select(Unit.name).where(Unit.id == stored.unit_id))
            return StoredDocument(existing, False, stored.unit_id, unit_name, stored.version, None)

    def _add_new(
        self,
        doc: Disclosure,
        report: CheckReport | None,
        sha: str,
        files: Sequence[FileRef],
        catalog_version: str,
        seconds: float,
    ) -> StoredDocument:
        with Session(self.engine) as s, s.begin():
            unit = self._unit_for(s, doc.unit) if doc.unit else None
            row = Document(
                sha256=sha,
                unit_id=unit.id if unit else None,
                unit_name=doc.unit,
                year=doc.year,
                kind=doc.kind.value if doc.kind else None,
                scope=doc.scope,
                layout=doc.layout,
                format=doc.source.format,
                pages=doc.source.pages,
                publication_date=doc.publication_date,
                reader_version=juesuan.__version__,
                ingested_at=utcnow(),
            )
            s.add(row)
            s.flush()
            doc_id = row.id
            for f in files:
                s.add(
                    DocumentFile(
                        document_id=doc_id,
                        path=f.path,
                        name=Path(f.path).name,
                        sha256=f.sha256,
                        part=f.part,
                        first_page=f.first_page,
                        first_line=f.first_line,
                    )
                )
                self._clear_failure(s, f.path, f.sha256)
            data = json.dumps(to_json_dict(doc), ensure_ascii=False, separators=(",", ":"))
            s.add(
                DocumentJson(
                    document_id=doc_id,
                    schema=SCHEMA,
                    data=zlib.compress(data.encode("utf-8"), 6),
                )
            )
            _insert_content(s, doc_id, doc)
            previous = None
            if unit is not None:
                previous = self._relink(s, unit.id, doc_id)
            version = s.scalar(select(Document.version).where(Document.id == doc_id)) or 1
            run_id, inherited, fixed = None, 0, 0
            if report is not None:
                run_id, inherited, fixed = _add_run(
                    s, doc_id, report, catalog_version, seconds, previous
                )
            return StoredDocument(
                document_id=doc_id,
                created=True,
                unit_id=unit.id if unit else None,
                unit=unit.name if unit else None,
                version=version,
                run_id=run_id,
                inherited=inherited,
                fixed=fixed,
            )

    def add_check(
        self, document_id: int, report: CheckReport, catalog_version: str, seconds: float = 0.0
    ) -> tuple[int, int]:
        """A new check run of a stored document (rules changed); the findings inherit the
        review states of its previous run.  Returns (run id, findings inherited)."""
        with Session(self.engine) as s, s.begin():
            run_id, inherited, _ = _add_run(s, document_id, report, catalog_version, seconds, None)
            return run_id, inherited

    def latest_catalog_versions(self) -> dict[int, str]:
        """Document id → catalog version of its latest check run."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(CheckRun.document_id, CheckRun.catalog_version).where(CheckRun.is_latest)
            )
            return {d: v for d, v in rows}

    # -- units -----------------------------------------------------------------------------

    def _unit_for(self, s: Session, printed: str) -> Unit:
        """The unit a printed name belongs to (by its key), created when new."""
        key = unit_key(printed)
        alias = s.scalar(select(UnitAlias).where(UnitAlias.key == key))
        if alias is not None:
            return alias.unit
        unit = Unit(name=clean_unit_name(printed), created_at=utcnow())
        unit.aliases.append(UnitAlias(name=clean_unit_name(printed), key=key, source="auto"))
        s.add(unit)
        s.flush()
        return unit

    def _relink(self, s: Session, unit_id: int, new_id: int | None = None) -> int | None:
        """Number the versions of each (year, kind, scope) of a unit and mark the current
        one; returns the version just before ``new_id`` (the one it inherits from)."""
        docs = s.scalars(select(Document).where(Document.unit_id == unit_id)).all()
        groups: dict[tuple[int | None, str | None, str | None], list[Document]] = {}
        for d in docs:
            groups.setdefault((d.year, d.kind, d.scope), []).append(d)
        previous: int | None = None
        for members in groups.values():
            members.sort(key=lambda d: (d.publication_date or "", d.ingested_at, d.id))
            before: Document | None = None
            for number, d in enumerate(members, start=1):
                d.version = number
                d.is_current = number == len(members)
                d.supersedes_id = before.id if before else None
                if d.id == new_id and before is not None:
                    previous = before.id
                before = d
        s.flush()
        return previous

    def resolve_unit(self, text: str) -> UnitInfo:
        """A unit by id (``#3`` or ``3``), by any of its names (as keys), or by a unique
        part of its display name.  Raises :class:`StoreError`."""
        with Session(self.engine) as s:
            unit = self._find_unit(s, text)
            return self._unit_info(s, unit)

    def _find_unit(self, s: Session, text: str) -> Unit:
        raw = text.strip().lstrip("#")
        if raw.isdigit():
            unit = s.get(Unit, int(raw))
            if unit is not None:
                return unit
        key = unit_key(text)
        if key:
            alias = s.scalar(select(UnitAlias).where(UnitAlias.key == key))
            if alias is not None:
                return alias.unit
        needle = "".join(text.split())
        if needle:
            matches = s.scalars(
                select(Unit)
                .join(UnitAlias)
                .where(or_(Unit.name.contains(needle), UnitAlias.name.contains(needle)))
                .distinct()
            ).all()
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = "、".join(f"#{u.id} {u.name}" for u in matches[:5])
                raise StoreError(f"“{text}”对应多个单位：{names}；请写全称或用编号")
        raise StoreError(f"库中没有单位“{text}”；用 juesuan corpus unit list 查看全部单位")

    def _unit_info(self, s: Session, unit: Unit) -> UnitInfo:
        years = s.scalars(
            select(Document.year)
            .where(Document.unit_id == unit.id, Document.year.is_not(None))
            .distinct()
        ).all()
        count = s.scalar(select(func.count(Document.id)).where(Document.unit_id == unit.id)) or 0
        return UnitInfo(
            unit.id,
            unit.name,
            [a.name for a in unit.aliases],
            sorted(y for y in years if y is not None),
            count,
        )

    def units(self) -> list[UnitInfo]:
        with Session(self.engine) as s:
            units = s.scalars(select(Unit).order_by(Unit.name)).all()
            return [self._unit_info(s, u) for u in units]

    def add_alias(self, unit_ref: str, name: str, actor: str | None = None) -> UnitInfo:
        """Another name of a unit: documents printed under it (now and later) belong to it.
        Documents already stored under a unit of that name move here (a merge)."""
        key = unit_key(name)
        if not key:
            raise StoreError("别名不能为空")
        with Session(self.engine) as s, s.begin():
            unit = self._find_unit(s, unit_ref)
            alias = s.scalar(select(UnitAlias).where(UnitAlias.key == key))
            if alias is not None and alias.unit_id == unit.id:
                return self._unit_info(s, unit)
            if alias is not None:
                self._merge(s, unit, alias.unit, actor)
            else:
                unit.aliases.append(UnitAlias(name=clean_unit_name(name), key=key, source="manual"))
                self._event(s, unit.id, "alias", f"增加别名“{name}”", actor)
            s.flush()
            return self._unit_info(s, unit)

    def merge_units(self, target_ref: str, source_ref: str, actor: str | None = None) -> UnitInfo:
        """One unit after all: ``source``'s names and documents move to ``target``."""
        with Session(self.engine) as s, s.begin():
            target = self._find_unit(s, target_ref)
            source = self._find_unit(s, source_ref)
            if target.id == source.id:
                raise StoreError(f"“{target_ref}”和“{source_ref}”已是同一单位（#{target.id}）")
            self._merge(s, target, source, actor)
            s.flush()
            return self._unit_info(s, target)

    def _merge(self, s: Session, target: Unit, source: Unit, actor: str | None) -> None:
        names = [a.name for a in source.aliases]
        s.execute(
            update(UnitAlias)
            .where(UnitAlias.unit_id == source.id)
            .values(unit_id=target.id)
            .execution_options(synchronize_session=False)
        )
        s.execute(
            update(Document)
            .where(Document.unit_id == source.id)
            .values(unit_id=target.id)
            .execution_options(synchronize_session=False)
        )
        s.execute(
            update(UnitEvent)
            .where(UnitEvent.unit_id == source.id)
            .values(unit_id=target.id)
            .execution_options(synchronize_session=False)
        )
        source_label = f"#{source.id} {source.name}"
        s.expunge(source)
        s.execute(delete(Unit).where(Unit.id == source.id))
        s.expire(target)
        self._event(
            s, target.id, "merge", f"并入单位 {source_label}（名称：{'、'.join(names)}）", actor
        )
        self._relink(s, target.id)

    def split_unit(
        self,
        unit_ref: str,
        *,
        names: Sequence[str] = (),
        document_ids: Sequence[int] = (),
        new_name: str | None = None,
        actor: str | None = None,
    ) -> UnitInfo:
        """Two units after all: the given names (and the documents printed under them) and
        the given documents leave ``unit`` for a new unit.  Returns the new unit."""
        if not names and not document_ids:
            raise StoreError("拆分需要指定要移出的名称（--name）或文档编号（--doc）")
        with Session(self.engine) as s, s.begin():
            unit = self._find_unit(s, unit_ref)
            keys = {unit_key(n) for n in names}
            moving_aliases = [a for a in unit.aliases if a.key in keys]
            missing = keys - {a.key for a in moving_aliases}
            if missing:
                raise StoreError(f"单位 #{unit.id} {unit.name} 没有这些名称：{'、'.join(names)}")
            docs = s.scalars(select(Document).where(Document.unit_id == unit.id)).all()
            moving_docs = [
                d for d in docs if d.id in set(document_ids) or unit_key(d.unit_name) in keys
            ]
            unknown = set(document_ids) - {d.id for d in docs}
            if unknown:
                listed = "、".join(f"#{i}" for i in sorted(unknown))
                raise StoreError(f"文档 {listed} 不属于单位 #{unit.id} {unit.name}")
            if len(moving_aliases) == len(unit.aliases) and len(moving_docs) == len(docs):
                raise StoreError("拆分后原单位将一无所有；如要改名请用 juesuan corpus unit rename")
            label = new_name or (
                moving_aliases[0].name if moving_aliases else moving_docs[0].unit_name or unit.name
            )
            new = Unit(name=clean_unit_name(label), created_at=utcnow())
            s.add(new)
            s.flush()
            for a in moving_aliases:
                a.unit_id = new.id
            for d in moving_docs:
                d.unit_id = new.id
            s.flush()
            s.expire_all()
            moved = "、".join(f"#{d.id}" for d in moving_docs) or "无"
            detail = f"拆出名称 {'、'.join(names) or '无'}，文档 {moved}"
            self._event(s, unit.id, "split", f"{detail}，成为单位 #{new.id} {new.name}", actor)
            self._event(s, new.id, "split", f"自单位 #{unit.id} {unit.name} 拆出：{detail}", actor)
            self._relink(s, unit.id)
            self._relink(s, new.id)
            return self._unit_info(s, s.get(Unit, new.id) or new)

    def rename_unit(self, unit_ref: str, new_name: str, actor: str | None = None) -> UnitInfo:
        """A new display name; the name also becomes an alias (documents printed under it
        belong to the unit)."""
        name = clean_unit_name(new_name)
        if not name:
            raise StoreError("新名称不能为空")
        with Session(self.engine) as s, s.begin():
            unit = self._find_unit(s, unit_ref)
            key = unit_key(name)
            holder = s.scalar(select(UnitAlias).where(UnitAlias.key == key))
            if holder is not None and holder.unit_id != unit.id:
                raise StoreError(
                    f"名称“{new_name}”已属于单位 #{holder.unit_id}；"
                    "如是同一单位请用 juesuan corpus unit merge"
                )
            old = unit.name
            unit.name = name
            if holder is None:
                unit.aliases.append(UnitAlias(name=name, key=key, source="manual"))
            self._event(s, unit.id, "rename", f"“{old}”改名为“{name}”", actor)
            s.flush()
            return self._unit_info(s, unit)

    def unit_events(self, unit_ref: str) -> list[tuple[datetime, str, str, str]]:
        with Session(self.engine) as s:
            unit = self._find_unit(s, unit_ref)
            rows = s.execute(
                select(UnitEvent.at, UnitEvent.action, UnitEvent.detail, UnitEvent.actor)
                .where(UnitEvent.unit_id == unit.id)
                .order_by(UnitEvent.id)
            )
            return [(at, action, detail, who) for at, action, detail, who in rows]

    @staticmethod
    def _event(s: Session, unit_id: int, action: str, detail: str, actor: str | None) -> None:
        s.add(
            UnitEvent(unit_id=unit_id, action=action, detail=detail, actor=actor or current_actor())
        )

    # -- reading ---------------------------------------------------------------------------

    def load(self, document_id: int) -> Disclosure:
        """The stored disclosure, exactly as it was read."""
        cached = self._json_cache.get(document_id)
        if cached is not None:
            return cached
        with Session(self.engine) as s:
            blob = s.get(DocumentJson, document_id)
            if blob is None:
                raise StoreError(f"库中没有文档 #{document_id}")
            data = json.loads(zlib.decompress(blob.data).decode("utf-8"))
        doc = from_json_dict(data)
        if len(self._json_cache) > 64:
            self._json_cache.clear()
        self._json_cache[document_id] = doc
        return doc

    def documents(
        self,
        *,
        unit: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        ids: Sequence[int] | None = None,
        all_versions: bool = False,
    ) -> list[DocumentInfo]:
        """Stored documents (current versions unless ``all_versions``), by unit and year."""
        with Session(self.engine) as s:
            query = select(Document, Unit.name).outerjoin(Unit, Unit.id == Document.unit_id)
            if unit is not None:
                query = query.where(Document.unit_id == self._find_unit(s, unit).id)
            if year is not None:
                query = query.where(Document.year == year)
            if kind is not None:
                query = query.where(Document.kind == kind)
            if ids is not None:
                query = query.where(Document.id.in_(list(ids)))
            elif not all_versions:
                query = query.where(Document.is_current)
            rows = s.execute(query).all()
            infos = self._document_infos(s, [(d, name) for d, name in rows])
        infos.sort(
            key=lambda d: (d.unit or "", d.year or 0, d.kind or "", d.scope or "", d.version)
        )
        return infos

    def _document_infos(
        self, s: Session, rows: list[tuple[Document, str | None]]
    ) -> list[DocumentInfo]:
        ids = [d.id for d, _ in rows]
        files: dict[int, list[str]] = {}
        runs: dict[int, CheckRun] = {}
        for chunk in _chunks(ids, 500):
            for doc_id, path in s.execute(
                select(DocumentFile.document_id, DocumentFile.path)
                .where(DocumentFile.document_id.in_(chunk))
                .order_by(DocumentFile.id)
            ):
                files.setdefault(doc_id, []).append(path)
            for run in s.scalars(
                select(CheckRun).where(CheckRun.document_id.in_(chunk), CheckRun.is_latest)
            ):
                runs[run.document_id] = run
        out = []
        for d, unit_name in rows:
            latest = runs.get(d.id)
            out.append(
                DocumentInfo(
                    id=d.id,
                    sha256=d.sha256,
                    unit_id=d.unit_id,
                    unit=unit_name or d.unit_name,
                    printed_unit=d.unit_name,
                    year=d.year,
                    kind=d.kind,
                    scope=d.scope,
                    layout=d.layout,
                    format=d.format,
                    pages=d.pages,
                    publication_date=d.publication_date,
                    version=d.version,
                    is_current=d.is_current,
                    ingested_at=d.ingested_at,
                    files=files.get(d.id, []),
                    errors=latest.n_error if latest else None,
                    warnings=latest.n_warning if latest else None,
                    infos=latest.n_info if latest else None,
                    catalog_version=latest.catalog_version if latest else None,
                )
            )
        return out

    def failures(self) -> list[FailureInfo]:
        with Session(self.engine) as s:
            rows = s.scalars(select(IngestFailure).order_by(IngestFailure.path)).all()
            return [
                FailureInfo(r.path, r.sha256, r.exit_code, r.error, r.attempts, r.last_seen)
                for r in rows
            ]

    def history(
        self, unit_ref: str, kind: str | None = None
    ) -> tuple[UnitInfo, list[HistoryEntry]]:
        """A unit's current documents by year with key figures and findings by state and
        rule."""
        with Session(self.engine) as s:
            unit = self._find_unit(s, unit_ref)
            info = self._unit_info(s, unit)
            query = (
                select(Document, Unit.name)
                .join(Unit, Unit.id == Document.unit_id)
                .where(Document.unit_id == unit.id, Document.is_current)
            )
            if kind is not None:
                query = query.where(Document.kind == kind)
            docs = self._document_infos(s, [(d, n) for d, n in s.execute(query).all()])
            ids = [d.id for d in docs]
            figures: dict[int, dict[str, Decimal]] = {i: {} for i in ids}
            states: dict[int, dict[str, int]] = {i: {} for i in ids}
            rules: dict[int, Counter[str]] = {i: Counter() for i in ids}
            if ids:
                for doc_id, name, value in s.execute(
                    select(DocFigure.document_id, DocFigure.name, DocFigure.value).where(
                        DocFigure.document_id.in_(ids)
                    )
                ):
                    figures[doc_id][name] = value
                latest = (
                    select(CheckRun.id).where(CheckRun.document_id.in_(ids), CheckRun.is_latest)
                ).scalar_subquery()
                for doc_id, state, rule, n in s.execute(
                    select(
                        FindingRecord.document_id,
                        FindingRecord.state,
                        FindingRecord.rule,
                        func.count(FindingRecord.id),
                    )
                    .where(FindingRecord.run_id.in_(latest))
                    .group_by(FindingRecord.document_id, FindingRecord.state, FindingRecord.rule)
                ):
                    states[doc_id][state] = states[doc_id].get(state, 0) + n
                    rules[doc_id][rule] += n
        docs.sort(key=lambda d: (d.year or 0, d.kind or "", d.scope or ""))
        return info, [HistoryEntry(d, figures[d.id], states[d.id], rules[d.id]) for d in docs]

    def findings(
        self,
        *,
        unit: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        document_id: int | None = None,
        state: str | None = None,
        rules: Sequence[str] | None = None,
        min_severity: str | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[FindingInfo]:
        """Findings of the latest check run of current documents (or of ``document_id``)."""
        with Session(self.engine) as s:
            query = (
                select(FindingRecord, Document, Unit.name)
                .join(CheckRun, CheckRun.id == FindingRecord.run_id)
                .join(Document, Document.id == FindingRecord.document_id)
                .outerjoin(Unit, Unit.id == Document.unit_id)
            )
            if ids is not None:
                query = query.where(FindingRecord.id.in_(list(ids)))
            else:
                query = query.where(CheckRun.is_latest)
                if document_id is not None:
                    query = query.where(Document.id == document_id)
                else:
                    query = query.where(Document.is_current)
            if unit is not None:
                query = query.where(Document.unit_id == self._find_unit(s, unit).id)
            if year is not None:
                query = query.where(Document.year == year)
            if kind is not None:
                query = query.where(Document.kind == kind)
            if state is not None:
                query = query.where(FindingRecord.state == state)
            if rules:
                query = query.where(or_(*(FindingRecord.rule.startswith(r.upper()) for r in rules)))
            if min_severity is not None:
                floor = Severity(min_severity).rank
                allowed = [sev.value for sev in Severity if sev.rank >= floor]
                query = query.where(FindingRecord.severity.in_(allowed))
            query = query.order_by(Document.id, FindingRecord.position)
            return [_finding_info(f, d, name) for f, d, name in s.execute(query).all()]

    def check_report(self, document_id: int) -> tuple[CheckReport, list[FindingInfo]]:
        """The latest check of a stored document as the :class:`CheckReport` the rules made
        (the disclosure, the findings in their order, each rule's status; the reasons for
        "not applicable" are not stored), and the stored findings, one per finding of the
        report, with their ids and review states."""
        from juesuan.model.findings import Category, Finding

        doc = self.load(document_id)
        infos = self.findings(document_id=document_id)
        with Session(self.engine) as s:
            run = s.scalar(
                select(CheckRun).where(CheckRun.document_id == document_id, CheckRun.is_latest)
            )
            statuses = json.loads(run.rule_status) if run is not None else {}
            seconds = run.seconds if run is not None else 0.0
        findings = [
            Finding(
                rule=f.rule,
                severity=Severity(f.severity),
                category=Category(f.category),
                title=f.title,
                message=f.message,
                evidence=list(f.evidence),
                expected=f.expected,
                actual=f.actual,
                suggestion=f.suggestion,
                where=f.location,
            )
            for f in infos
        ]
        report = CheckReport(
            doc,
            findings,
            rule_status={code: RuleStatus(value) for code, value in statuses.items()},
            rules_seconds=seconds,
        )
        return report, infos

    def code_rows(
        self, code: str, *, unit: str | None = None, year: int | None = None, limit: int = 500
    ) -> list[dict[str, Any]]:
        """Rows printed with a classification code (or a code prefix) in current documents:
        document, unit, year, kind, table, code, name, page and the row's amounts."""
        with Session(self.engine) as s:
            query = (
                select(DocRow, DocTable.kind, DocTable.title, Document, Unit.name)
                .join(DocTable, DocTable.id == DocRow.table_id)
                .join(Document, Document.id == DocRow.document_id)
                .outerjoin(Unit, Unit.id == Document.unit_id)
                .where(DocRow.code.startswith(code.strip()), Document.is_current)
            )
            if unit is not None:
                query = query.where(Document.unit_id == self._find_unit(s, unit).id)
            if year is not None:
                query = query.where(Document.year == year)
            query = query.order_by(Document.year, Document.id, DocTable.position, DocRow.position)
            rows = s.execute(query.limit(limit)).all()
            values: dict[int, dict[str, Decimal | None]] = {}
            ids = [r.id for r, *_ in rows]
            for chunk in _chunks(ids, 500):
                for row_id, column, value in s.execute(
                    select(DocCell.row_id, DocCell.column, DocCell.value).where(
                        DocCell.row_id.in_(chunk)
                    )
                ):
                    values.setdefault(row_id, {})[column] = value
            return [
                {
                    "document_id": d.id,
                    "unit": unit_name or d.unit_name,
                    "year": d.year,
                    "kind": d.kind,
                    "table": kind,
                    "title": title,
                    "code": r.code,
                    "name": r.name,
                    "page": r.ev_page,
                    "values": values.get(r.id, {}),
                }
                for r, kind, title, d, unit_name in rows
            ]

    def review(
        self,
        finding_ids: Sequence[int],
        state: str,
        reason: str | None = None,
        actor: str | None = None,
    ) -> list[FindingInfo]:
        """Set the review state of findings (open / confirmed / dismissed with reason /
        fixed); the history keeps every change."""
        if state not in STATES:
            raise StoreError(f"审核状态只能是：{'、'.join(STATES)}")
        if state == "dismissed" and not (reason and reason.strip()):
            raise StoreError("排除（dismissed）一条审核意见必须写明理由（--reason）")
        who = actor or current_actor()
        now = utcnow()
        with Session(self.engine) as s, s.begin():
            found = s.scalars(
                select(FindingRecord).where(FindingRecord.id.in_(list(finding_ids)))
            ).all()
            missing = set(finding_ids) - {f.id for f in found}
            if missing:
                listed = "、".join(f"#{i}" for i in sorted(missing))
                raise StoreError(f"库中没有审核意见 {listed}")
            for f in found:
                f.state, f.state_reason, f.state_by, f.state_at = state, reason, who, now
                s.add(FindingReview(finding_id=f.id, state=state, reason=reason, actor=who, at=now))
        return self.findings(ids=list(finding_ids))

    def review_history(self, finding_id: int) -> list[tuple[datetime, str, str | None, str]]:
        with Session(self.engine) as s:
            rows = s.execute(
                select(
                    FindingReview.at, FindingReview.state, FindingReview.reason, FindingReview.actor
                )
                .where(FindingReview.finding_id == finding_id)
                .order_by(FindingReview.id)
            )
            return [(at, st, reason, who) for at, st, reason, who in rows]

    # -- export ----------------------------------------------------------------------------

    def table_cells(self, document_ids: Sequence[int]) -> list[dict[str, Any]]:
        """Every amount of the documents' tables, one dict per cell (long form)."""
        out: list[dict[str, Any]] = []
        with Session(self.engine) as s:
            for chunk in _chunks(list(document_ids), 200):
                query = (
                    select(
                        DocTable.document_id,
                        DocTable.kind,
                        DocTable.title,
                        DocRow.position,
                        DocRow.code,
                        DocRow.name,
                        DocRow.side,
                        DocRow.ref_code,
                        DocCell.column,
                        DocCell.value,
                        DocCell.raw,
                        DocRow.ev_page,
                        DocRow.ev_line,
                    )
                    .join(DocRow, DocRow.table_id == DocTable.id)
                    .join(DocCell, DocCell.row_id == DocRow.id)
                    .where(DocTable.document_id.in_(chunk))
                    .order_by(DocTable.document_id, DocTable.position, DocRow.position, DocCell.id)
                )
                for r in s.execute(query):
                    out.append(dict(r._mapping))
        return out

    def statements(self, document_ids: Sequence[int]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        with Session(self.engine) as s:
            for chunk in _chunks(list(document_ids), 200):
                query = (
                    select(DocStatement)
                    .where(DocStatement.document_id.in_(chunk))
                    .order_by(DocStatement.document_id, DocStatement.position)
                )
                for st in s.scalars(query):
                    out.append(
                        {
                            "document_id": st.document_id,
                            "section": st.section,
                            "topic": st.topic,
                            "subject": st.subject,
                            "code": st.code,
                            "measure": st.measure,
                            "value": st.value_num if st.value_num is not None else st.value_text,
                            "unit": st.unit,
                            "page": st.ev_page,
                            "line": st.ev_line,
                            "text": st.ev_text,
                        }
                    )
        return out

    # -- corpus lookup ---------------------------------------------------------------------

    def lookup(self) -> StoreCorpus:
        """The store as the corpus rules' lookup (one per store: it keeps no state of its
        own, every question goes to the database)."""
        if self._lookup is None:
            from juesuan.store.lookup import StoreCorpus

            self._lookup = StoreCorpus(self)
        return self._lookup

    def unit_id_of(self, doc: Disclosure) -> int | None:
        """The unit of a disclosure: the stored document's unit when it is stored (by its
        content hash), else the unit its printed name's key belongs to."""
        with Session(self.engine) as s:
            if doc.source.sha256:
                found = s.scalar(
                    select(Document.unit_id).where(Document.sha256 == doc.source.sha256)
                )
                if found is not None:
                    return found
            key = unit_key(doc.unit)
            if not key:
                return None
            return s.scalar(select(UnitAlias.unit_id).where(UnitAlias.key == key))

    def current_document(self, unit_id: int, year: int, kind: str, scope: str | None) -> int | None:
        """The current document of a unit for a year and kind (same scope preferred)."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(Document.id, Document.scope)
                .where(
                    Document.unit_id == unit_id,
                    Document.year == year,
                    Document.kind == kind,
                    Document.is_current,
                )
                .order_by(Document.ingested_at.desc(), Document.id.desc())
            ).all()
        for doc_id, doc_scope in rows:
            if doc_scope == scope:
                return doc_id
        return rows[0][0] if rows else None

    def dependents(self, document_id: int) -> list[int]:
        """Current documents whose corpus rules read this one: the same unit's document of
        the same kind a year later (its 上年), and for a budget the same year's final
        account (its 年初预算)."""
        with Session(self.engine) as s:
            doc = s.get(Document, document_id)
            if doc is None or doc.unit_id is None or doc.year is None:
                return []
            wanted = [(doc.year + 1, doc.kind)]
            if doc.kind == "预算":
                wanted.append((doc.year, "决算"))
            found: list[int] = []
            for year, kind in wanted:
                found.extend(
                    s.scalars(
                        select(Document.id).where(
                            Document.unit_id == doc.unit_id,
                            Document.year == year,
                            Document.kind == kind,
                            Document.is_current,
                        )
                    )
                )
            return sorted(found)

    def code_names(self, code: str, year: int) -> Counter[str]:
        with Session(self.engine) as s:
            rows = s.execute(
                select(DocRow.document_id, DocRow.name)
                .join(Document, Document.id == DocRow.document_id)
                .where(DocRow.code == code, Document.year == year, Document.is_current)
                .distinct()
            ).all()
        return Counter(name for _, name in rows if name)

    def code_uses(
        self,
        codes: Collection[str],
        year: int,
        exclude_sha256: str | None = None,
        exclude_same: tuple[int, str | None, str | None] | None = None,
    ) -> list[CodeUse]:
        """Current documents of ``year`` printing one of ``codes``: one entry per code,
        printed name and document; the first document printing each code and name carries
        its first such row (cited in its file) and its label, the example a finding quotes.
        ``exclude_sha256`` leaves out a document; ``exclude_same`` (unit id, kind, scope)
        its versions.  The rows come from the year's :class:`CodeIndex` (kept per store,
        brought up to date on every call), then the example rows are read."""
        with Session(self.engine) as s:
            uses, docs = self._codes.uses(s, codes, year)
            # code, name, document id, sha256, unit id, unit name, kind, scope, first row id
            found = [
                (code, name, doc_id, *docs[doc_id], row)
                for code, name, doc_id, row in uses
                if not exclude_sha256 or docs[doc_id][0] != exclude_sha256
            ]
            if exclude_same is not None:
                unit_id, kind, scope = exclude_same
                found = [r for r in found if (r[4], r[6], r[7]) != (unit_id, kind, scope)]
            found = [r for r in found if r[1]]
            found.sort(key=lambda r: (r[2], r[8]))
            examples: dict[tuple[str, str], tuple[Any, ...]] = {}
            for r in found:
                examples.setdefault((r[0], r[1]), r)
            rows: dict[int, DocRow] = {}
            files: dict[int, list[DocumentFile]] = {}
            formats: dict[int, str] = {}
            row_ids = sorted(r[8] for r in examples.values())
            doc_ids = sorted({r[2] for r in examples.values()})
            for id_chunk in _chunks(row_ids, 500):
                rows.update(
                    (r.id, r) for r in s.scalars(select(DocRow).where(DocRow.id.in_(id_chunk)))
                )
            for id_chunk in _chunks(doc_ids, 500):
                for f in s.scalars(
                    select(DocumentFile)
                    .where(DocumentFile.document_id.in_(id_chunk))
                    .order_by(DocumentFile.id)
                ):
                    files.setdefault(f.document_id, []).append(f)
                for doc_id, fmt in s.execute(
                    select(Document.id, Document.format).where(Document.id.in_(id_chunk))
                ):
                    formats[doc_id] = fmt
        out: list[CodeUse] = []
        sources: dict[int, SourceInfo] = {}
        units = {
            doc_id: f"#{columns[1]}" if columns[1] is not None else unit_key(columns[2])
            for doc_id, columns in docs.items()
        }
        for r in found:
            code, name, doc_id, sha, unit_id, unit_name, kind, scope, row_id = r
            label, evidence = None, None
            if examples[(code, name)] is r:
                source = sources.get(doc_id)
                if source is None:
                    source = sources[doc_id] = _source_of(files.get(doc_id, []), formats[doc_id])
                row = rows[row_id]
                kind_label = f"{scope or ''}{kind or ''}" or None
                label = label_of(unit_name, year, kind_label, source)
                evidence = cite(Evidence(row.ev_text, page=row.ev_page, line=row.ev_line), source)
            out.append(
                CodeUse(
                    code=code,
                    name=name,
                    document=sha,
                    unit=units[doc_id],
                    label=label,
                    evidence=evidence,
                )
            )
        return out


# --- helpers -------------------------------------------------------------------------------


def _content_hash(doc: Disclosure) -> str:
    """A content hash for a disclosure that came from no file (generated data)."""
    import hashlib

    data = json.dumps(to_json_dict(doc), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _chunks(items: Sequence[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _chunks_of(items: Sequence[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _source_of(files: list[DocumentFile], fmt: str) -> SourceInfo:
    """Where a stored document's evidence is, from its recorded files: its parts (a
    disclosure read from several files) or the first file it was ingested from."""
    parts = [f for f in files if f.part >= 1]
    if len(parts) > 1:
        parts.sort(key=lambda f: f.part)
        return SourceInfo(
            path=parts[0].path,
            format=fmt,
            pages=None,
            sha256="",
            parts=[
                SourcePart(p.path, fmt, p.sha256, None, p.first_page, p.first_line) for p in parts
            ],
        )
    path = files[0].path if files else "（未记录文件名）"
    return SourceInfo(path=path, format=fmt, pages=None, sha256="")


def _insert_content(s: Session, doc_id: int, doc: Disclosure) -> None:
    """Tables, rows, amounts, statements, evaluations and key figures of a document."""
    if doc.tables:
        table_ids = s.scalars(
            insert(DocTable).returning(DocTable.id, sort_by_parameter_order=True),
            [
                {
                    "document_id": doc_id,
                    "position": i,
                    "kind": t.kind.value,
                    "title": t.title,
                    "number": t.number,
                    "unit": t.unit,
                    "scale": t.scale,
                    "pages": json.dumps(t.pages),
                    "columns": json.dumps(t.columns, ensure_ascii=False),
                    "column_labels": json.dumps(t.column_labels, ensure_ascii=False),
                    "empty_statement": t.empty_statement,
                    "doubts": json.dumps(t.doubts, ensure_ascii=False),
                    "ev_page": t.evidence.page,
                    "ev_line": t.evidence.line,
                    "ev_text": t.evidence.text,
                }
                for i, t in enumerate(doc.tables)
            ],
        ).all()
        rows: list[dict[str, Any]] = []
        row_values: list[list[tuple[str, Decimal | None, str | None]]] = []
        for table_id, t in zip(table_ids, doc.tables, strict=True):
            for j, r in enumerate(t.rows):
                rows.append(
                    {
                        "table_id": table_id,
                        "document_id": doc_id,
                        "position": j,
                        "code": r.code,
                        "name": r.name,
                        "side": r.side,
                        "ref_code": r.ref_code,
                        "line_no": r.line_no,
                        "grp": r.group,
                        "ev_page": r.evidence.page,
                        "ev_line": r.evidence.line,
                        "ev_text": r.evidence.text,
                    }
                )
                columns = list(r.values) + [c for c in r.raw if c not in r.values]
                row_values.append([(c, r.values.get(c), r.raw.get(c)) for c in columns])
        if rows:
            row_ids = s.scalars(
                insert(DocRow).returning(DocRow.id, sort_by_parameter_order=True), rows
            ).all()
            cells = [
                {
                    "row_id": row_id,
                    "document_id": doc_id,
                    "column": column,
                    "value": value,
                    "raw": raw,
                }
                for row_id, values in zip(row_ids, row_values, strict=True)
                for column, value, raw in values
                if value is not None or raw
            ]
            if cells:
                _insert_many(s, DocCell, cells)
    if doc.statements:
        _insert_many(
            s,
            DocStatement,
            [
                {
                    "document_id": doc_id,
                    "position": i,
                    "section": st.section,
                    "topic": st.topic,
                    "subject": st.subject,
                    "code": st.code,
                    "measure": st.measure,
                    "value_num": st.value if isinstance(st.value, Decimal) else None,
                    "value_text": st.value if isinstance(st.value, str) else None,
                    "unit": st.unit,
                    "ev_page": st.evidence.page,
                    "ev_line": st.evidence.line,
                    "ev_text": st.evidence.text,
                }
                for i, st in enumerate(doc.statements)
            ],
        )
    evaluations: list[dict[str, Any]] = [
        {
            "document_id": doc_id,
            "position": i,
            "kind": "project",
            "code": e.code,
            "name": e.name,
            "total_score": e.total_score.value if e.total_score else None,
            "data": json.dumps(e.to_dict(), ensure_ascii=False),
            "ev_page": e.evidence.page,
            "ev_line": e.evidence.line,
        }
        for i, e in enumerate(doc.evaluations)
    ]
    dept = doc.department_evaluation
    if dept is not None:
        evaluations.append(
            {
                "document_id": doc_id,
                "position": len(evaluations),
                "kind": "department",
                "code": None,
                "name": dept.title,
                "total_score": dept.total_score.value if dept.total_score else None,
                "data": json.dumps(dept.to_dict(), ensure_ascii=False),
                "ev_page": dept.evidence.page,
                "ev_line": dept.evidence.line,
            }
        )
    if evaluations:
        _insert_many(s, DocEvaluation, evaluations)
    figures = key_figures(doc)
    if figures:
        _insert_many(
            s,
            DocFigure,
            [{"document_id": doc_id, "name": k, "value": v} for k, v in figures.items()],
        )


def _insert_many(s: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """A bulk INSERT (executemany: psycopg sends it in pipeline mode).  Measured on
    PostgreSQL, forcing multi-row VALUES batches with RETURNING was slower (psycopg
    converts each long statement in Python)."""
    s.execute(insert(model), rows)


_INHERITED = ("confirmed", "dismissed")


def _add_run(
    s: Session,
    doc_id: int,
    report: CheckReport,
    catalog_version: str,
    seconds: float,
    previous_doc: int | None,
) -> tuple[int, int, int]:
    """Store a check run; inherit review states by fingerprint from the document's previous
    run, or (first run of a new version) from the previous version, whose findings that
    are gone become fixed.  Returns (run id, inherited, marked fixed)."""
    prior_run = s.scalar(
        select(CheckRun.id).where(CheckRun.document_id == doc_id, CheckRun.is_latest)
    )
    s.execute(
        update(CheckRun)
        .where(CheckRun.document_id == doc_id)
        .values(is_latest=False)
        .execution_options(synchronize_session=False)
    )
    summary = report.summary()
    run = CheckRun(
        document_id=doc_id,
        catalog_version=catalog_version,
        juesuan_version=juesuan.__version__,
        started_at=utcnow(),
        seconds=seconds,
        is_latest=True,
        n_error=summary["error"],
        n_warning=summary["warning"],
        n_info=summary["info"],
        rules_run=summary["rules_run"],
        rules_not_applicable=summary["rules_not_applicable"],
        rules_failed=summary["rules_failed"],
        rule_status=json.dumps(
            {code: status.value for code, status in sorted(report.rule_status.items())}
        ),
    )
    s.add(run)
    s.flush()
    source_run: int | None = prior_run
    states: tuple[str, ...] = (*_INHERITED, "fixed")
    if source_run is None and previous_doc is not None:
        source_run = s.scalar(
            select(CheckRun.id).where(CheckRun.document_id == previous_doc, CheckRun.is_latest)
        )
        states = _INHERITED
    earlier: dict[str, FindingRecord] = {}
    if source_run is not None:
        for f in s.scalars(select(FindingRecord).where(FindingRecord.run_id == source_run)):
            earlier[f.fingerprint] = f
    prints = fingerprints(report.findings)
    records = []
    inherited = 0
    for i, (finding, fp) in enumerate(zip(report.findings, prints, strict=True)):
        record = FindingRecord(
            run_id=run.id,
            document_id=doc_id,
            position=i,
            rule=finding.rule,
            severity=finding.severity.value,
            category=finding.category.value,
            title=finding.title,
            message=finding.message,
            expected=finding.expected,
            actual=finding.actual,
            suggestion=finding.suggestion,
            location=finding.where,
            evidence=json.dumps([e.to_dict() for e in finding.evidence], ensure_ascii=False),
            page=finding.page,
            fingerprint=fp,
            state="open",
        )
        before = earlier.get(fp)
        if before is not None and before.state in states:
            record.state = before.state
            record.state_reason = before.state_reason
            record.state_by = before.state_by
            record.state_at = before.state_at
            record.inherited_from_id = before.id
            inherited += 1
        records.append(record)
    s.add_all(records)
    s.flush()
    now = utcnow()
    for record in records:
        if record.inherited_from_id is not None:
            s.add(
                FindingReview(
                    finding_id=record.id,
                    state=record.state,
                    reason=f"沿用审核意见 #{record.inherited_from_id}：{record.state_reason or ''}",
                    actor=SYSTEM_ACTOR,
                    at=now,
                )
            )
    fixed = 0
    if prior_run is None and previous_doc is not None and source_run is not None:
        # Gone from the new version *and* its rule ran there: a rule that found nothing to
        # check (a narrative-only file after a tables-only one) proves no fix.
        current = set(prints)
        ran = {code for code, status in report.rule_status.items() if status is RuleStatus.RAN}
        for fp, before in earlier.items():
            if fp not in current and before.rule in ran and before.state in ("open", "confirmed"):
                reason = f"新版本（文档 #{doc_id}）中不再出现"
                before.state, before.state_reason = "fixed", reason
                before.state_by, before.state_at = SYSTEM_ACTOR, now
                s.add(
                    FindingReview(
                        finding_id=before.id,
                        state="fixed",
                        reason=reason,
                        actor=SYSTEM_ACTOR,
                        at=now,
                    )
                )
                fixed += 1
    s.flush()
    return run.id, inherited, fixed


def _finding_info(f: FindingRecord, d: Document, unit_name: str | None) -> FindingInfo:
    return FindingInfo(
        id=f.id,
        document_id=d.id,
        unit=unit_name or d.unit_name,
        year=d.year,
        kind=d.kind,
        rule=f.rule,
        severity=f.severity,
        category=f.category,
        title=f.title,
        message=f.message,
        expected=f.expected,
        actual=f.actual,
        suggestion=f.suggestion,
        location=f.location,
        page=f.page,
        evidence=[Evidence.from_dict(e) for e in json.loads(f.evidence)],
        fingerprint=f.fingerprint,
        state=f.state,
        state_reason=f.state_reason,
        state_by=f.state_by,
        state_at=f.state_at,
        inherited_from=f.inherited_from_id,
    )


__all__ = [
    "STATES",
    "DocumentInfo",
    "FailureInfo",
    "FileRef",
    "FindingInfo",
    "HistoryEntry",
    "Store",
    "StoredDocument",
    "UnitInfo",
]
