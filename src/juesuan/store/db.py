"""Opening a store: the database URL, the engine, and the migrations run on open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from juesuan.errors import StoreError, os_error_text
from juesuan.store import data_dir

#: The newest migration; a database at this revision needs no Alembic at all on open.
HEAD_REVISION = "0002"

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url() -> str:
    """``$JUESUAN_DB`` if set, else the SQLite file in the user's data directory."""
    return os.environ.get("JUESUAN_DB") or f"sqlite:///{data_dir() / 'juesuan.db'}"


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL from what a user types: a URL, or a plain path to a SQLite file.
    ``postgresql://`` (and ``postgres://``) use psycopg 3."""
    raw = (url or default_url()).strip()
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw.removeprefix("postgres://")
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    return raw


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created, foreign keys enforced."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"数据库地址无法识别：{url}") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"不支持的数据库：{backend}（支持 SQLite 与 PostgreSQL）")
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建数据库目录 {folder}：{os_error_text(exc)}") from None
    if backend == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(
                "连接 PostgreSQL 需要 psycopg 3：pip install 'juesuan[postgres]'"
            ) from None
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"数据库地址无法使用：{display_url(url)}（{exc}）") from None
    if backend == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` with the migrations shipped in the package."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_engine(url: str | None = None) -> tuple[Engine, str]:
    """An engine on a migrated database, and the URL used.  Raises :class:`StoreError`."""
    resolved = normalise_url(url)
    engine = create_store_engine(resolved)
    try:
        if current_revision(engine) != HEAD_REVISION:
            migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"无法打开数据库 {display_url(resolved)}：{reason}") from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"数据库出错 {display_url(resolved)}：{exc}") from None
    return engine, resolved
