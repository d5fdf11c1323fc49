"""Shared fixtures: the store backends.

Every store test runs on SQLite and on a real PostgreSQL server.  ``.ci/run`` starts one and
exports ``JUESUAN_TEST_PG_URL``; each test gets its own schema there.  Without the variable
the PostgreSQL half fails under CI (``CI`` set) and is skipped locally with a banner at the
end of the run, never silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

PG_ENV = "JUESUAN_TEST_PG_URL"
_pg_skipped: list[str] = []


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _pg_base_url(nodeid: str) -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if url:
        return url
    if under_ci():
        pytest.fail(
            f"{PG_ENV} is not set: under CI the store tests must run on a real PostgreSQL "
            "(.ci/run starts one); refusing to skip them",
            pytrace=False,
        )
    _pg_skipped.append(nodeid)
    pytest.skip(f"PostgreSQL not tested: {PG_ENV} is not set (bash .ci/run starts a server)")


@contextmanager
def pg_schema(nodeid: str) -> Iterator[str]:
    """A SQLAlchemy URL on a fresh schema of the test PostgreSQL server (dropped after)."""
    import psycopg

    base = _pg_base_url(nodeid)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def backend_url(backend: str, folder: Path, nodeid: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'juesuan.db'}"
    else:
        with pg_schema(nodeid) as url:
            yield url


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store, on each backend."""
    with backend_url(request.param, tmp_path, request.node.nodeid) as url:
        yield url


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _pg_skipped:
        return
    line = "=" * 78
    terminalreporter.write_line(line, red=True, bold=True)
    terminalreporter.write_line(
        f"WARNING: {len(_pg_skipped)} store tests did NOT run on PostgreSQL ({PG_ENV} is not set).",
        red=True,
        bold=True,
    )
    terminalreporter.write_line(
        "Run `bash .ci/run` (it starts a server), or start one and export "
        f"{PG_ENV}=postgresql://user@127.0.0.1:PORT/db.",
        red=True,
    )
    terminalreporter.write_line(line, red=True, bold=True)
