"""Helpers of the web tests: an app on a temporary data directory, CSRF tokens, uploads."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from juesuan.web import create_app
from juesuan.web.config import Account, ApiKey, WebSettings, hash_password

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
GUIHUA = SAMPLES / "shanghai-guihua-2024.pdf"


@cache
def guihua_counts() -> tuple[int, int, int]:
    """The findings of the 30-page sample as `check` gives them: (all, errors, warnings) — the
    pages must show exactly these, whatever rules the checker has."""
    from juesuan.rules import check_file

    findings = check_file(GUIHUA).findings
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    return len(findings), errors, warnings


LESHAN = SAMPLES / "leshan-bigdata-center-2024.txt"
BASE = "http://127.0.0.1:8000"

REVIEWER_KEY = "js_reviewer_key_for_tests_only_0001"
ADMIN_KEY = "js_admin_key_for_tests_only_0002"


def settings_for(folder: Path, *, accounts: bool = False, **overrides: Any) -> WebSettings:
    import hashlib

    settings = WebSettings(
        data_dir=folder,
        db_url=f"sqlite:///{folder / 'juesuan.db'}",
        executor="thread",
        secret_key=b"test-secret-key-0123456789abcdef",
    )
    if accounts:
        cheap = 1000  # PBKDF2 iterations: the tests need no slow hash
        settings.accounts = {
            "zhang": Account("zhang", "reviewer", hash_password("reviewer-pass", iterations=cheap)),
            "li": Account("li", "admin", hash_password("admin-pass", iterations=cheap)),
        }
        settings.api_keys = [
            ApiKey("robot", "reviewer", hashlib.sha256(REVIEWER_KEY.encode()).hexdigest()),
            ApiKey("boss", "admin", hashlib.sha256(ADMIN_KEY.encode()).hexdigest()),
        ]
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


@contextmanager
def client_for(settings: WebSettings, **kwargs: Any) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url=BASE, **kwargs) as client:
        yield client


def csrf(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def wait_upload(client: TestClient, upload_id: str, headers: dict[str, str] | None = None) -> Any:
    """Poll an upload's jobs until all are finished (bounded: 60 s of polling at most)."""
    for _ in range(1200):
        data = client.get(f"/api/v1/uploads/{upload_id}", headers=headers or {}).json()
        if data["finished"]:
            return data
        time.sleep(0.05)
    raise AssertionError(f"upload {upload_id} did not finish: {data}")


def upload_form(
    client: TestClient, *files: tuple[str, bytes], as_one: bool = False
) -> tuple[Any, Any]:
    """Upload through the page's form; returns the response and, if accepted, the finished
    jobs."""
    token = csrf(client)
    data = {"csrf_token": token}
    if as_one:
        data["as_one"] = "true"
    response = client.post(
        "/upload",
        data=data,
        files=[("files", (name, content, "application/octet-stream")) for name, content in files],
        follow_redirects=False,
    )
    if response.status_code != 303:
        return response, None
    upload_id = response.headers["location"].rsplit("/", 1)[1]
    return response, wait_upload(client, upload_id)
