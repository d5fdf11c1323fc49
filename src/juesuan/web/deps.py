"""Request dependencies shared by the pages and the API: the store, the user, uploads."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from fastapi import Request, UploadFile

from juesuan.web.security import LoginRequired, Principal, Refused, principal_of

if TYPE_CHECKING:
    from juesuan.store.core import Store
    from juesuan.store.jobs import JobFile, JobInfo
    from juesuan.web.config import WebSettings


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def page_user(request: Request) -> Principal:
    """The user of a page; anyone unknown goes to the login page."""
    user = principal_of(request)
    if user is None:
        raise LoginRequired
    return user


def page_admin(request: Request) -> Principal:
    user = page_user(request)
    if not user.is_admin:
        raise Refused(403, "此操作需要管理员权限")
    return user


def api_user(request: Request) -> Principal:
    """The user of an API call: an API key, a logged-in session, or no login configured."""
    user = principal_of(request)
    if user is None:
        raise Refused(401, "需要 API 密钥（Authorization: Bearer …）或登录")
    return user


def api_admin(request: Request) -> Principal:
    user = api_user(request)
    if not user.is_admin:
        raise Refused(403, "此操作需要管理员权限")
    return user


def accept_upload(
    request: Request, files: list[UploadFile], as_one: bool, user: Principal
) -> tuple[str, list[JobInfo]]:
    """Save the uploaded files (by content hash) and queue one job per disclosure: every
    file alone, or all of them as one disclosure (``as_one``).  Nothing is checked here."""
    from juesuan.store.jobs import JobQueue
    from juesuan.web.jobs import save_upload

    settings = settings_of(request)
    files = [f for f in files if f.filename or (f.size or 0) > 0]
    if not files:
        raise Refused(400, "请选择要上传的文件")
    if len(files) > settings.max_files:
        raise Refused(400, f"一次最多上传 {settings.max_files} 个文件，本次 {len(files)} 个")
    saved: list[JobFile] = []
    for upload in files:
        saved.append(
            save_upload(upload.file, upload.filename, settings.upload_dir, settings.max_file_bytes)
        )
    together = as_one and len(saved) > 1
    groups = [saved] if together else [[f] for f in saved]
    upload_id = secrets.token_hex(8)
    jobs = JobQueue(store_of(request)).create(upload_id, groups, together, user.name)
    runner = request.app.state.runner
    for job in jobs:
        runner.submit(job.id)
    return upload_id, jobs


def safe_next(target: str | None, default: str = "/") -> str:
    """A redirect target inside this site only (no scheme, no host, no //)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
