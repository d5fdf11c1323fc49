"""The FastAPI application of ``juesuan serve``: pages, JSON API, error pages, workers.

:func:`create_app` builds it from :class:`~juesuan.web.config.WebSettings`.  The store is
opened once per app; the worker pool (:class:`~juesuan.web.jobs.JobRunner`) starts with the
app and queues again any job a previous run left unfinished.  No traceback ever reaches a
user: every error is a Chinese page (or, under ``/api``, a JSON ``{"detail": …}``), and the
traceback goes to the server's log.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

import juesuan
from juesuan.errors import JuesuanError, StoreError
from juesuan.web.config import ROLES, WebSettings
from juesuan.web.security import (
    SESSION_COOKIE,
    LoginRequired,
    Refused,
    check_host,
    csrf_token,
    principal_of,
    session_of,
    sign,
)

log = logging.getLogger("juesuan.web")
HERE = Path(__file__).parent

#: Chinese text of the HTTP statuses a user may meet.
STATUS_TEXT = {
    400: "请求有误",
    401: "需要登录或 API 密钥",
    403: "没有权限",
    404: "页面或对象不存在",
    405: "不支持此操作",
    413: "上传的内容过大",
    415: "不支持的文件类型",
    422: "请求参数有误",
    500: "服务器内部错误",
}
#: Paths served without login.
PUBLIC = ("/login", "/static/", "/healthz")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request body over the limit (413): by its Content-Length before reading, and
    while reading a body sent without one."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        mb = self.limit / 1024 / 1024
        text = f"上传的内容过大（一次最多 {mb:.0f} MB）"
        path = scope.get("path", "")
        if path.startswith("/api/"):
            response: Response = JSONResponse({"detail": text}, status_code=413)
        else:
            response = HTMLResponse(_plain_error_page(413, text), status_code=413)

        async def no_body() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, no_body, send)


def _plain_error_page(status: int, message: str) -> str:
    from html import escape

    return (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>出错了</title>'
        f"<h1>{escape(STATUS_TEXT.get(status, '出错了'))}</h1><p>{escape(message)}</p>"
        '<p><a href="/">返回首页</a></p></html>'
    )


def create_app(settings: WebSettings) -> FastAPI:
    """The web application on the store of ``settings.db_url``."""
    from juesuan.store import open_store
    from juesuan.web.jobs import JobRunner
    from juesuan.web.pageimg import PageImages

    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    settings.cache_dir.mkdir(parents=True, exist_ok=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings.db_url)
        app.state.store = store
        runner = JobRunner(settings, store.url, store)
        app.state.runner = runner
        runner.start()
        try:
            yield
        finally:
            runner.shutdown()
            store.close()

    app = FastAPI(
        title="juesuan 决算公开审核",
        version=juesuan.__version__,
        description="上传决算/预算公开文件，查询审核结果与文档库，处理审核意见。"
        "写操作须带 API 密钥（Authorization: Bearer …）。",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pages = PageImages(settings.upload_dir, settings.cache_dir)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(version=juesuan.__version__, roles=ROLES)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from juesuan.web.api import router as api_router
    from juesuan.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    _install_handlers(app)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """Host check, the session cookie, security headers."""
        try:
            check_host(request)
        except Refused as refused:
            return _error_response(request, refused.status, refused.message)
        response = await call_next(request)
        if getattr(request.state, "new_session", False):
            data = getattr(request.state, "session", None)
            if isinstance(data, dict):
                response.set_cookie(
                    SESSION_COOKIE,
                    sign(settings, data),
                    max_age=settings.session_hours * 3600,
                    httponly=True,
                    samesite="lax",
                    secure=request.url.scheme == "https",
                )
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path != "/api/docs":
            headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
                "base-uri 'self'; form-action 'self'",
            )
        return response

    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    return app


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: the template with the user, the CSRF token and the page's context."""
    templates: Jinja2Templates = request.app.state.templates
    try:
        user = principal_of(request)
    except Refused:
        user = None
    context.update(
        request=request,
        user=user,
        csrf=csrf_token(request),
        open_access=request.app.state.settings.open_access,
    )
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_response(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    try:
        return render(
            request,
            "error.html.j2",
            status_code=status,
            status=status,
            title=STATUS_TEXT.get(status, "出错了"),
            message=message,
        )
    except Exception:  # the error page itself failed: the plainest page
        log.exception("error page failed")
        return HTMLResponse(_plain_error_page(status, message), status_code=status)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return _error_response(request, exc.status, exc.message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        status = 404 if ("没有" in exc.message or "不存在" in exc.message) else 400
        return _error_response(request, status, exc.message)

    @app.exception_handler(JuesuanError)
    async def juesuan_error(request: Request, exc: JuesuanError) -> Response:
        status = getattr(exc, "status", 400)
        return _error_response(request, status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else ""
        english = not detail or detail.isascii()
        message = STATUS_TEXT.get(exc.status_code, "出错了") if english else detail
        if exc.status_code == 404 and english:
            message = "没有这个页面或对象"
        return _error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = []
        for error in exc.errors():
            loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
            if loc:
                fields.append(".".join(loc))
        detail = "请求参数有误" + (f"：{'、'.join(dict.fromkeys(fields))}" if fields else "")
        return _error_response(request, 422 if _is_api(request) else 400, detail)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s", request.url.path, exc_info=exc)
        return _error_response(
            request, 500, "服务器内部错误（已记入服务日志），请稍后重试或联系管理员"
        )


def session_user(request: Request) -> dict[str, Any]:
    return session_of(request)
