"""Who is asking, and may they: sessions, API keys, roles, CSRF tokens.

- The session is a cookie signed with HMAC-SHA256 (the settings' secret key): a random
  session id, the account name and role, the time it was issued.  HttpOnly, SameSite=Lax.
- Every form carries a CSRF token derived from the session id (HMAC), checked on every
  POST; so does the page's JavaScript (header ``X-CSRF-Token``).
- API clients send ``Authorization: Bearer KEY`` (or ``X-API-Key: KEY``): no cookie, so no
  CSRF token.  Without accounts (loopback only) an API client marks
  its requests with the header ``X-Requested-With`` instead (a header a foreign web page
  cannot add without the server's consent: no CORS is allowed here).
- Without accounts the Host header must name a loopback address (no DNS rebinding).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from juesuan.web.config import WebSettings, is_loopback

SESSION_COOKIE = "juesuan_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(slots=True, frozen=True)
class Principal:
    """The user of a request: name, role (reviewer/admin) and how they were recognised
    (``open``: no login configured; ``session``: logged in; ``api_key``)."""

    name: str
    role: str
    via: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class LoginRequired(Exception):
    """A page needs a logged-in user: the handler redirects to the login page."""


class Refused(Exception):
    """A request refused with a Chinese message and an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(settings: WebSettings, payload: dict[str, Any]) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    mac = hmac.new(settings.secret_key, body.encode("ascii"), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def unsign(settings: WebSettings, value: str) -> dict[str, Any] | None:
    try:
        body, mac = value.split(".", 1)
        expected = hmac.new(settings.secret_key, body.encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(mac)):
            return None
        data = json.loads(_unb64(body))
    except (ValueError, UnicodeError):
        return None
    return data if isinstance(data, dict) else None


def new_session(user: str | None = None, role: str | None = None) -> dict[str, Any]:
    return {"sid": secrets.token_urlsafe(18), "user": user, "role": role, "iat": int(time.time())}


def session_of(request: Request) -> dict[str, Any]:
    """The request's valid session, or a new anonymous one (set on the response by the
    session middleware)."""
    cached = getattr(request.state, "session", None)
    if isinstance(cached, dict):
        return cached
    settings: WebSettings = request.app.state.settings
    raw = request.cookies.get(SESSION_COOKIE)
    data = unsign(settings, raw) if raw else None
    max_age = settings.session_hours * 3600
    if data is None or not isinstance(data.get("sid"), str):
        data = new_session()
        request.state.new_session = True
    elif data.get("user") and int(data.get("iat", 0)) + max_age < time.time():
        data = new_session()  # expired login: anonymous again
        request.state.new_session = True
    request.state.session = data
    return data


def set_session(request: Request, data: dict[str, Any]) -> None:
    request.state.session = data
    request.state.new_session = True


def csrf_token(request: Request) -> str:
    settings: WebSettings = request.app.state.settings
    sid = session_of(request)["sid"]
    mac = hmac.new(settings.secret_key, f"csrf:{sid}".encode(), hashlib.sha256).digest()
    return _b64(mac)[:32]


def check_csrf(request: Request, token: str | None) -> None:
    """Refuse a form or script request whose CSRF token is not the session's."""
    if not token or not hmac.compare_digest(token, csrf_token(request)):
        raise Refused(403, "表单已失效或来源不明（CSRF 校验未通过），请刷新页面后重试")


def api_key_of(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def principal_of(request: Request) -> Principal | None:
    """The user of the request, None when unknown (not logged in, no valid key)."""
    settings: WebSettings = request.app.state.settings
    key = api_key_of(request)
    if key is not None:
        found = settings.find_api_key(key)
        if found is None:
            raise Refused(401, "API 密钥无效")
        return Principal(found.name, found.role, "api_key")
    if settings.open_access:
        from juesuan.store.core import current_actor

        return Principal(current_actor(), "admin", "open")
    session = session_of(request)
    user = session.get("user")
    if isinstance(user, str) and user in settings.accounts:
        return Principal(user, settings.accounts[user].role, "session")
    return None


def check_host(request: Request) -> None:
    """Without accounts only loopback host names are served (no DNS rebinding)."""
    settings: WebSettings = request.app.state.settings
    if not settings.open_access:
        return
    host = request.headers.get("host", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if not is_loopback(name):
        raise Refused(400, "未配置账号时只接受以本机地址（127.0.0.1 或 localhost）访问")


def check_api_write(request: Request, principal: Principal) -> None:
    """A state-changing API request: a key, or the session's CSRF token, or (no accounts,
    no cookie) the header X-Requested-With."""
    if principal.via == "api_key":
        return
    token = request.headers.get(CSRF_HEADER)
    if token:
        check_csrf(request, token)
        return
    if principal.via == "open" and request.headers.get("x-requested-with"):
        return
    raise Refused(
        403,
        "写操作须带 API 密钥（Authorization: Bearer …），或网页会话的 X-CSRF-Token 请求头",
    )
