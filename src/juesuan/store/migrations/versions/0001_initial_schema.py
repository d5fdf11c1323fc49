"""Initial schema: units, documents and their content, check runs, findings, reviews.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import juesuan.store.schema

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("exit_code", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("first_seen", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_failures")),
        sa.UniqueConstraint("path", "sha256", name="uq_ingest_failures_path_sha"),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("unit_name", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=4), nullable=True),
        sa.Column("scope", sa.String(length=8), nullable=True),
        sa.Column("layout", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("publication_date", sa.Text(), nullable=True),
        sa.Column("reader_version", sa.String(length=20), nullable=False),
        sa.Column("ingested_at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["documents.id"],
            name=op.f("fk_documents_supersedes_id_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_documents_unit_id_units"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(
            "ix_documents_unit_year_kind", ["unit_id", "year", "kind"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_documents_year"), ["year"], unique=False)

    op.create_table(
        "unit_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_unit_aliases_unit_id_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_unit_aliases_key")),
    )
    with op.batch_alter_table("unit_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_aliases_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_unit_events_unit_id_units"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_events")),
    )
    with op.batch_alter_table("unit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_events_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "check_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("catalog_version", sa.String(length=32), nullable=False),
        sa.Column("juesuan_version", sa.String(length=20), nullable=False),
        sa.Column("started_at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("n_error", sa.Integer(), nullable=False),
        sa.Column("n_warning", sa.Integer(), nullable=False),
        sa.Column("n_info", sa.Integer(), nullable=False),
        sa.Column("rules_run", sa.Integer(), nullable=False),
        sa.Column("rules_not_applicable", sa.Integer(), nullable=False),
        sa.Column("rules_failed", sa.Integer(), nullable=False),
        sa.Column("rule_status", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_check_runs_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_runs")),
    )
    with op.batch_alter_table("check_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_runs_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "doc_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("total_score", juesuan.store.schema.DecimalType(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("ev_page", sa.Integer(), nullable=True),
        sa.Column("ev_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_evaluations_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_evaluations")),
    )
    with op.batch_alter_table("doc_evaluations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_doc_evaluations_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "doc_figures",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", juesuan.store.schema.DecimalType(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_figures_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "name", name=op.f("pk_doc_figures")),
    )
    op.create_table(
        "doc_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("value_num", juesuan.store.schema.DecimalType(), nullable=True),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("ev_page", sa.Integer(), nullable=True),
        sa.Column("ev_line", sa.Integer(), nullable=True),
        sa.Column("ev_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_statements_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_statements")),
    )
    with op.batch_alter_table("doc_statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_doc_statements_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "doc_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("scale", juesuan.store.schema.DecimalType(), nullable=False),
        sa.Column("pages", sa.Text(), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("column_labels", sa.Text(), nullable=False),
        sa.Column("empty_statement", sa.Text(), nullable=True),
        sa.Column("doubts", sa.Text(), nullable=False),
        sa.Column("ev_page", sa.Integer(), nullable=True),
        sa.Column("ev_line", sa.Integer(), nullable=True),
        sa.Column("ev_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_tables_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_tables")),
    )
    with op.batch_alter_table("doc_tables", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_doc_tables_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "document_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("first_page", sa.Integer(), nullable=True),
        sa.Column("first_line", sa.Integer(), nullable=True),
        sa.Column("seen_at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_files_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_files")),
        sa.UniqueConstraint("document_id", "path", name="uq_document_files_doc_path"),
    )
    with op.batch_alter_table("document_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_files_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_document_files_sha256"), ["sha256"], unique=False)

    op.create_table(
        "document_json",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("schema", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_json_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_json")),
    )
    op.create_table(
        "doc_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("side", sa.Text(), nullable=True),
        sa.Column("ref_code", sa.Text(), nullable=True),
        sa.Column("line_no", sa.Text(), nullable=True),
        sa.Column("grp", sa.Text(), nullable=True),
        sa.Column("ev_page", sa.Integer(), nullable=True),
        sa.Column("ev_line", sa.Integer(), nullable=True),
        sa.Column("ev_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_rows_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["doc_tables.id"],
            name=op.f("fk_doc_rows_table_id_doc_tables"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_rows")),
    )
    with op.batch_alter_table("doc_rows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doc_rows_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_doc_rows_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_doc_rows_table_id"), ["table_id"], unique=False)

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=True),
        sa.Column("actual", sa.Text(), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=True),
        sa.Column("state_by", sa.Text(), nullable=True),
        sa.Column("state_at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("inherited_from_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_findings_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inherited_from_id"],
            ["findings.id"],
            name=op.f("fk_findings_inherited_from_id_findings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["check_runs.id"],
            name=op.f("fk_findings_run_id_check_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_fingerprint"), ["fingerprint"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_rule"), ["rule"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_run_id"), ["run_id"], unique=False)

    op.create_table(
        "doc_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("column", sa.Text(), nullable=False),
        sa.Column("value", juesuan.store.schema.DecimalType(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_cells_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["row_id"],
            ["doc_rows.id"],
            name=op.f("fk_doc_cells_row_id_doc_rows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_cells")),
    )
    with op.batch_alter_table("doc_cells", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doc_cells_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_doc_cells_row_id"), ["row_id"], unique=False)

    op.create_table(
        "finding_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", juesuan.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_finding_reviews_finding_id_findings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_reviews")),
    )
    with op.batch_alter_table("finding_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_finding_reviews_finding_id"), ["finding_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("finding_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_reviews_finding_id"))

    op.drop_table("finding_reviews")
    with op.batch_alter_table("doc_cells", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_cells_row_id"))
        batch_op.drop_index(batch_op.f("ix_doc_cells_document_id"))

    op.drop_table("doc_cells")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_run_id"))
        batch_op.drop_index(batch_op.f("ix_findings_rule"))
        batch_op.drop_index(batch_op.f("ix_findings_fingerprint"))
        batch_op.drop_index(batch_op.f("ix_findings_document_id"))

    op.drop_table("findings")
    with op.batch_alter_table("doc_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_rows_table_id"))
        batch_op.drop_index(batch_op.f("ix_doc_rows_document_id"))
        batch_op.drop_index(batch_op.f("ix_doc_rows_code"))

    op.drop_table("doc_rows")
    op.drop_table("document_json")
    with op.batch_alter_table("document_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_files_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_files_document_id"))

    op.drop_table("document_files")
    with op.batch_alter_table("doc_tables", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_tables_document_id"))

    op.drop_table("doc_tables")
    with op.batch_alter_table("doc_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_statements_document_id"))

    op.drop_table("doc_statements")
    op.drop_table("doc_figures")
    with op.batch_alter_table("doc_evaluations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_evaluations_document_id"))

    op.drop_table("doc_evaluations")
    with op.batch_alter_table("check_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_runs_document_id"))

    op.drop_table("check_runs")
    with op.batch_alter_table("unit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_events_unit_id"))

    op.drop_table("unit_events")
    with op.batch_alter_table("unit_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_aliases_unit_id"))

    op.drop_table("unit_aliases")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_year"))
        batch_op.drop_index("ix_documents_unit_year_kind")
        batch_op.drop_index(batch_op.f("ix_documents_unit_id"))

    op.drop_table("documents")
    op.drop_table("units")
    op.drop_table("ingest_failures")
