"""The store's tables as SQLAlchemy 2 typed ORM classes (docs/store.md describes them).

Money is :class:`decimal.Decimal` end to end: :class:`DecimalType` is ``NUMERIC`` (exact, any
scale) on PostgreSQL and the decimal's text on SQLite, whose only numeric types are integers
and floats.  Every change to these classes needs a migration in ``migrations/versions``
(a test compares the migrated database with these classes).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class DecimalType(TypeDecorator[Decimal]):
    """An exact decimal: NUMERIC on PostgreSQL, the decimal's text on SQLite (never a float)."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(64))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"amounts are Decimal, not {type(value).__name__}")
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


class UTCDateTime(TypeDecorator[datetime]):
    """A UTC timestamp; SQLite forgets the zone, so it is put back on reading."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- units ------------------------------------------------------------------------------


class Unit(Base):
    """A reporting unit (部门 or 单位) as one identity across years and kinds."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # display name
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    aliases: Mapped[list[UnitAlias]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UnitAlias.id"
    )


class UnitAlias(Base):
    """A name under which a unit is printed; ``key`` is :func:`juesuan.model.corpus.unit_key`
    of the name, unique: the key decides which unit a new document belongs to."""

    __tablename__ = "unit_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[str] = mapped_column(String(16), default="auto")  # auto / manual
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    unit: Mapped[Unit] = relationship(back_populates="aliases")


class UnitEvent(Base):
    """What was done to units by hand (merge, split, rename, alias), by whom and when."""

    __tablename__ = "unit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# --- documents --------------------------------------------------------------------------


class Document(Base):
    """One disclosure, identified by its content hash.  Versions of one unit's document
    (same unit, year, kind and scope) are numbered by publication date and time of
    ingestion; the last is current."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_unit_year_kind", "unit_id", "year", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    unit_name: Mapped[str | None] = mapped_column(Text)  # as read from the document
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str | None] = mapped_column(String(4))  # 决算 / 预算
    scope: Mapped[str | None] = mapped_column(String(8))  # 部门 / 单位
    layout: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    pages: Mapped[int | None] = mapped_column(Integer)
    publication_date: Mapped[str | None] = mapped_column(Text)
    reader_version: Mapped[str] = mapped_column(String(20))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    files: Mapped[list[DocumentFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentFile.id"
    )


class DocumentJson(Base):
    """The whole :class:`~juesuan.model.Disclosure` as its JSON (zlib-compressed UTF-8), so
    a stored document reloads exactly (``from_json_dict``)."""

    __tablename__ = "document_json"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    schema: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentFile(Base):
    """A file seen for a document: every name it was ingested under, and each part of a
    disclosure read from several files (``part`` ≥ 1, with its page or line offset)."""

    __tablename__ = "document_files"
    __table_args__ = (UniqueConstraint("document_id", "path", name="uq_document_files_doc_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    part: Mapped[int] = mapped_column(Integer, default=0)
    first_page: Mapped[int | None] = mapped_column(Integer)
    first_line: Mapped[int | None] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    document: Mapped[Document] = relationship(back_populates="files")


class IngestFailure(Base):
    """A file that could not be stored, with its Chinese error message and exit code."""

    __tablename__ = "ingest_failures"
    __table_args__ = (UniqueConstraint("path", "sha256", name="uq_ingest_failures_path_sha"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), default="")  # "" when unreadable
    exit_code: Mapped[int] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


# --- what a document holds ---------------------------------------------------------------


class DocTable(Base):
    __tablename__ = "doc_tables"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))  # T01…T13G, B01…B15
    title: Mapped[str] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text)
    scale: Mapped[Decimal] = mapped_column(DecimalType())
    pages: Mapped[str] = mapped_column(Text)  # JSON list
    columns: Mapped[str] = mapped_column(Text)  # JSON list of canonical names
    column_labels: Mapped[str] = mapped_column(Text)  # JSON object
    empty_statement: Mapped[str | None] = mapped_column(Text)
    doubts: Mapped[str] = mapped_column(Text)  # JSON list
    ev_page: Mapped[int | None] = mapped_column(Integer)
    ev_line: Mapped[int | None] = mapped_column(Integer)
    ev_text: Mapped[str] = mapped_column(Text)


class DocRow(Base):
    __tablename__ = "doc_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("doc_tables.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(Text, index=True)
    name: Mapped[str] = mapped_column(Text)
    side: Mapped[str | None] = mapped_column(Text)
    ref_code: Mapped[str | None] = mapped_column(Text)
    line_no: Mapped[str | None] = mapped_column(Text)
    grp: Mapped[str | None] = mapped_column(Text)  # TableRow.group
    ev_page: Mapped[int | None] = mapped_column(Integer)
    ev_line: Mapped[int | None] = mapped_column(Integer)
    ev_text: Mapped[str] = mapped_column(Text)


class DocCell(Base):
    """One amount of a row: the canonical column, the value in 万元 and the text printed."""

    __tablename__ = "doc_cells"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("doc_rows.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    column: Mapped[str] = mapped_column(Text)
    value: Mapped[Decimal | None] = mapped_column(DecimalType())
    raw: Mapped[str | None] = mapped_column(Text)


class DocStatement(Base):
    """A fact stated in the explanation (a number with its unit, or a direction word)."""

    __tablename__ = "doc_statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(Text)
    value_num: Mapped[Decimal | None] = mapped_column(DecimalType())
    value_text: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text)
    ev_page: Mapped[int | None] = mapped_column(Integer)
    ev_line: Mapped[int | None] = mapped_column(Integer)
    ev_text: Mapped[str] = mapped_column(Text)


class DocEvaluation(Base):
    """A performance self-evaluation form (项目 or 部门整体), its JSON kept whole."""

    __tablename__ = "doc_evaluations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # project / department
    code: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    total_score: Mapped[Decimal | None] = mapped_column(DecimalType())
    data: Mapped[str] = mapped_column(Text)  # the form's JSON (model.performance to_dict)
    ev_page: Mapped[int | None] = mapped_column(Integer)
    ev_line: Mapped[int | None] = mapped_column(Integer)


class DocFigure(Base):
    """A key figure of a document (收入总计, 基本支出 …), read from its tables at ingest
    (:mod:`juesuan.store.figures`) so that a unit's history is one indexed query."""

    __tablename__ = "doc_figures"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Decimal] = mapped_column(DecimalType())


# --- checks -----------------------------------------------------------------------------


class CheckRun(Base):
    """One run of the rules on a document: which catalog, which juesuan, when, the counts."""

    __tablename__ = "check_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    catalog_version: Mapped[str] = mapped_column(String(32))
    juesuan_version: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # time, never money
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True)
    n_error: Mapped[int] = mapped_column(Integer, default=0)
    n_warning: Mapped[int] = mapped_column(Integer, default=0)
    n_info: Mapped[int] = mapped_column(Integer, default=0)
    rules_run: Mapped[int] = mapped_column(Integer, default=0)
    rules_not_applicable: Mapped[int] = mapped_column(Integer, default=0)
    rules_failed: Mapped[int] = mapped_column(Integer, default=0)
    rule_status: Mapped[str] = mapped_column(Text, default="{}")  # JSON code -> status


class FindingRecord(Base):
    """A finding of a check run, with its review state (open / confirmed / dismissed /
    fixed).  ``fingerprint`` (:mod:`juesuan.store.fingerprint`) names the same finding in a
    later run or a later version of the document, which inherits the review state."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("check_runs.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(10), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)  # Finding.where
    evidence: Mapped[str] = mapped_column(Text)  # JSON list of {page, line, text, bbox}
    page: Mapped[int | None] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    state: Mapped[str] = mapped_column(String(12), default="open")
    state_reason: Mapped[str | None] = mapped_column(Text)
    state_by: Mapped[str | None] = mapped_column(Text)
    state_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    inherited_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL")
    )


class FindingReview(Base):
    """The history of a finding's review state (the finding holds the current one)."""

    __tablename__ = "finding_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
