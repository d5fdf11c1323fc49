"""Alembic environment of the store: always run programmatically by
:func:`juesuan.store.db.migrate`, which passes an open connection (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from juesuan.store.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through juesuan.store.db.migrate
    raise RuntimeError("juesuan's migrations run through juesuan.store.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
