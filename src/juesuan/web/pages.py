"""The pages of ``juesuan serve`` (Chinese, rendered on the server)."""

from __future__ import annotations

import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from juesuan.web.app import render
from juesuan.web.deps import (
    accept_upload,
    page_admin,
    page_user,
    safe_next,
    settings_of,
    store_of,
)
from juesuan.web.security import (
    Principal,
    Refused,
    check_csrf,
    new_session,
    set_session,
)

router = APIRouter(include_in_schema=False)

User = Annotated[Principal, Depends(page_user)]
Admin = Annotated[Principal, Depends(page_admin)]
Csrf = Annotated[str, Form(alias="csrf_token")]


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


# --- login ---------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    if settings_of(request).open_access:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html.j2", next=safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    csrf: Csrf = "",
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    from juesuan.web.config import verify_password

    check_csrf(request, csrf)
    settings = settings_of(request)
    account = settings.accounts.get(name.strip())
    if account is None or not verify_password(password, account.password_hash):
        return render(
            request,
            "login.html.j2",
            status_code=401,
            next=safe_next(next),
            error="用户名或密码不正确",
        )
    set_session(request, new_session(account.name, account.role))  # a new session id
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Csrf = "") -> Response:
    check_csrf(request, csrf)
    set_session(request, new_session())
    return RedirectResponse("/login" if not settings_of(request).open_access else "/", 303)


# --- home, upload, jobs ---------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: User) -> Response:
    from juesuan.store.jobs import JobQueue
    from juesuan.web.jobs import ACCEPTED_LABEL
    from juesuan.web.views import display_names

    store = store_of(request)
    settings = settings_of(request)
    docs = store.documents()
    docs.sort(key=lambda d: d.ingested_at, reverse=True)
    recent = docs[:10]
    return render(
        request,
        "home.html.j2",
        jobs=JobQueue(store).recent(10),
        documents=recent,
        names=display_names(store, recent),
        total=len(docs),
        accepted=ACCEPTED_LABEL,
        max_mb=settings.max_file_bytes // 1024 // 1024,
        max_files=settings.max_files,
    )


@router.post("/upload")
def upload(
    request: Request,
    user: User,
    files: Annotated[list[UploadFile], File()],
    csrf: Csrf = "",
    as_one: Annotated[bool, Form()] = False,
) -> Response:
    check_csrf(request, csrf)
    upload_id, _ = accept_upload(request, files, as_one, user)
    return RedirectResponse(f"/uploads/{upload_id}", status_code=303)


@router.get("/uploads/{upload_id}", response_class=HTMLResponse)
def upload_page(request: Request, user: User, upload_id: str) -> Response:
    from juesuan.store.jobs import JobQueue

    jobs = JobQueue(store_of(request)).of_upload(upload_id)
    if not jobs:
        raise Refused(404, "没有这次上传")
    return render(request, "upload.html.j2", upload_id=upload_id, jobs=jobs)


@router.get("/jobs", response_class=HTMLResponse)
def jobs_page(request: Request, user: User) -> Response:
    from juesuan.store.jobs import JobQueue

    return render(request, "jobs.html.j2", jobs=JobQueue(store_of(request)).recent(200))


@router.post("/jobs/{job_id}/retry")
def retry_job(request: Request, user: Admin, job_id: int, csrf: Csrf = "") -> Response:
    from juesuan.store.jobs import JobQueue

    check_csrf(request, csrf)
    queue = JobQueue(store_of(request))
    job = queue.get(job_id)
    if job.state != "failed":
        raise Refused(400, f"任务 #{job_id} 未失败，无需重试")
    queue.requeue(job_id)
    request.app.state.runner.submit(job_id)
    return RedirectResponse(f"/uploads/{job.upload_id}", status_code=303)


# --- a document -----------------------------------------------------------------------------


def _document_exists(request: Request, document_id: int) -> Any:
    found = store_of(request).documents(ids=[document_id])
    if not found:
        raise Refused(404, f"库中没有文档 #{document_id}")
    return found[0]


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    user: User,
    document_id: int,
    severity: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    category: str = "",
    rule: str = "",
    state: str = "",
) -> Response:
    from juesuan.store.core import STATES
    from juesuan.web.views import CATEGORY_LABELS, SEVERITY_LABELS, ReportFilters, report_view

    _document_exists(request, document_id)
    filters = ReportFilters(
        severity=[s for s in severity if s in SEVERITY_LABELS],
        category=category if category in CATEGORY_LABELS else "",
        rule=rule.strip()[:10],
        state=state if state in STATES else "",
    )
    view = report_view(store_of(request), document_id, filters, request.app.state.pages)
    return render(
        request,
        "document.html.j2",
        r=view,
        filters=filters,
        severities=SEVERITY_LABELS,
        states=STATES,
    )


@router.get("/documents/{document_id}/pages/{page}.png")
def page_image(request: Request, user: User, document_id: int, page: int) -> Response:
    from juesuan.web.pageimg import place_of

    info = _document_exists(request, document_id)
    doc = store_of(request).load(document_id)
    place = place_of(doc.source, page)
    pages = request.app.state.pages
    path = pages.pdf_for(place.sha256, info.files) if place is not None else None
    if place is None or path is None:
        raise Refused(404, f"文档 #{document_id} 没有第 {page} 页的页面图像")
    png = pages.png(place.sha256, path, place.page)
    return FileResponse(
        png, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"}
    )


@router.get("/documents/{document_id}/pages/{page}", response_class=HTMLResponse)
def page_page(
    request: Request, user: User, document_id: int, page: int, finding: int | None = None
) -> Response:
    from juesuan.web.views import page_view

    _document_exists(request, document_id)
    view = page_view(store_of(request), document_id, page, request.app.state.pages, finding)
    if view is None:
        raise Refused(404, f"文档 #{document_id} 没有第 {page} 页的页面图像")
    return render(request, "page.html.j2", p=view)


@router.get("/documents/{document_id}/tables", response_class=HTMLResponse)
def tables_page(request: Request, user: User, document_id: int) -> Response:
    from juesuan.web.views import display_names

    info = _document_exists(request, document_id)
    store = store_of(request)
    doc = store.load(document_id)
    return render(
        request,
        "tables.html.j2",
        document=info,
        name=display_names(store, [info])[document_id],
        doc=doc,
    )


DOWNLOADS = {
    "html": ("text/html; charset=utf-8", "审核报告.html"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "审核结果.xlsx",
    ),
    "json": ("application/json", "审核结果.json"),
    "pdf": ("application/pdf", "批注.pdf"),
}


@router.get("/documents/{document_id}/download/{fmt}")
def download(request: Request, user: User, document_id: int, fmt: str) -> Response:
    from urllib.parse import quote

    from juesuan.web.views import shown_report

    if fmt not in DOWNLOADS:
        raise Refused(404, f"没有“{fmt}”格式的下载；可选 html、xlsx、json、pdf")
    info = _document_exists(request, document_id)
    store = store_of(request)
    report, infos = store.check_report(document_id)
    shown, name = shown_report(store, report, info)
    media, suffix = DOWNLOADS[fmt]
    if fmt == "html":
        from juesuan.reporting.html import render_html

        body: bytes = render_html([shown]).encode("utf-8")
    elif fmt == "json":
        from juesuan.web.api import findings_json

        body = json.dumps(findings_json(shown, infos), ensure_ascii=False, indent=1).encode()
    elif fmt == "xlsx":
        from juesuan.cli import _performance_sheets  # the sheets `check --format xlsx` adds
        from juesuan.reporting.xlsx import write_xlsx

        buffer = io.BytesIO()
        write_xlsx([shown], buffer, extra_sheets=_performance_sheets([shown]))
        body = buffer.getvalue()
    else:
        body = _annotated_pdf(request, report, info)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    filename = f"{stem}-{suffix}"
    disposition = (
        f"attachment; filename=\"juesuan-{document_id}.{fmt}\"; filename*=UTF-8''{quote(filename)}"
    )
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


def _annotated_pdf(request: Request, report: Any, info: Any) -> bytes:
    import tempfile
    from pathlib import Path

    from juesuan.reporting.annotate import annotate_pdf

    source = report.document.source
    if source.format != "pdf" or len(source.parts) > 1:
        raise Refused(400, "只能为单个 PDF 文件生成批注版（本文档不是单个 PDF）")
    path = request.app.state.pages.pdf_for(source.sha256, info.files)
    if path is None:
        raise Refused(404, "服务器上找不到该文档的 PDF 原件")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "annotated.pdf"
        annotate_pdf(report, path, out)
        return out.read_bytes()


@router.post("/documents/{document_id}/recheck")
def recheck(request: Request, user: Admin, document_id: int, csrf: Csrf = "") -> Response:
    from juesuan.web.api import recheck_document

    check_csrf(request, csrf)
    _document_exists(request, document_id)
    recheck_document(store_of(request), document_id)
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/findings/{finding_id}/review")
def review(
    request: Request,
    user: User,
    finding_id: int,
    csrf: Csrf = "",
    state: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    from juesuan.store.core import STATES

    check_csrf(request, csrf)
    if state not in STATES:
        raise Refused(400, "审核状态只能是：确认、排除、已改正或重新打开")
    text = reason.strip()[:2000] or None
    if state == "dismissed" and not text:
        raise Refused(400, "排除一条审核意见必须写明理由")
    done = store_of(request).review([finding_id], state, text, user.name)
    target = safe_next(next, f"/documents/{done[0].document_id}")
    return RedirectResponse(f"{target.split('#')[0]}#f{finding_id}", status_code=303)


# --- the corpus -----------------------------------------------------------------------------


@router.get("/corpus", response_class=HTMLResponse)
def corpus(request: Request, user: User, unit: str = "") -> Response:
    from juesuan.web.views import corpus_grid

    docs = store_of(request).documents()
    return render(request, "corpus.html.j2", grid=corpus_grid(docs, unit), unit=unit)


@router.get("/corpus/units/{unit_id}", response_class=HTMLResponse)
def unit_page(request: Request, user: User, unit_id: int) -> Response:
    from juesuan.store.core import STATES
    from juesuan.store.figures import FIGURES
    from juesuan.web.views import history_chart

    info, entries = store_of(request).history(f"#{unit_id}")
    if info.id != unit_id:
        raise Refused(404, f"库中没有单位 #{unit_id}")
    shown = [k for k in FIGURES if any(k in e.figures for e in entries)]
    repeated: dict[str, list[int]] = {}
    for e in entries:
        if e.document.year:
            for rule_code in e.by_rule:
                repeated.setdefault(rule_code, []).append(e.document.year)
    return render(
        request,
        "unit.html.j2",
        unit=info,
        entries=entries,
        figures=FIGURES,
        shown=shown,
        states=STATES,
        chart=history_chart(entries, FIGURES),
        repeated={k: sorted(set(v)) for k, v in sorted(repeated.items()) if len(set(v)) > 1},
    )


@router.get("/corpus/findings", response_class=HTMLResponse)
def corpus_findings(
    request: Request,
    user: User,
    unit: str = "",
    rule: str = "",
    state: str = "",
    year: str = "",
    severity: str = "",
) -> Response:
    from juesuan.store.core import STATES
    from juesuan.web.views import SEVERITY_LABELS

    year_value = int(year) if year.strip().isdigit() else None
    found = store_of(request).findings(
        unit=unit.strip() or None,
        year=year_value,
        state=state if state in STATES else None,
        rules=[r.strip() for r in rule.replace("，", ",").split(",") if r.strip()] or None,
        min_severity=severity if severity in SEVERITY_LABELS else None,
    )
    return render(
        request,
        "corpus_findings.html.j2",
        findings=found[:1000],
        total=len(found),
        unit=unit,
        rule=rule,
        state=state,
        year=year,
        severity=severity,
        states=STATES,
        severities=SEVERITY_LABELS,
    )


@router.get("/corpus/codes", response_class=HTMLResponse)
def corpus_codes(request: Request, user: User, code: str = "", unit: str = "") -> Response:
    code = code.strip()
    rows = []
    if code:
        if not code.isdigit() or len(code) > 12:
            raise Refused(400, "科目编码须是数字（如 208 或 2080501）")
        rows = store_of(request).code_rows(code, unit=unit.strip() or None)
    columns: list[str] = []
    for r in rows:
        for c in r["values"]:
            if c not in columns:
                columns.append(c)
    return render(request, "codes.html.j2", code=code, unit=unit, rows=rows, columns=columns[:8])


# --- the rulebook ---------------------------------------------------------------------------


@router.get("/rules", response_class=HTMLResponse)
def rules_page(request: Request, user: User) -> Response:
    from juesuan.model.findings import Category
    from juesuan.rules import all_rules

    rules = list(all_rules().values())
    groups = [(c, [r for r in rules if r.category is c]) for c in Category]
    return render(request, "rules.html.j2", groups=[g for g in groups if g[1]], count=len(rules))


@router.get("/rules/{code}", response_class=HTMLResponse)
def rule_page(request: Request, user: User, code: str) -> Response:
    from juesuan.rules import all_rules

    found = all_rules().get(code.strip().upper())
    if found is None:
        raise Refused(404, f"没有编号为 {code} 的规则")
    return render(request, "rule.html.j2", rule=found)


# --- API documentation (Swagger UI served from this server, no CDN) --------------------------


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request, user: User) -> Response:
    from fastapi.openapi.docs import get_swagger_ui_html

    try:
        import swagger_ui_bundle  # noqa: F401
    except ImportError:
        return render(request, "api.html.j2", spec=request.app.openapi())
    return get_swagger_ui_html(
        openapi_url="/api/v1/openapi.json",
        title="juesuan API",
        swagger_js_url="/api/docs/static/swagger-ui-bundle.js",
        swagger_css_url="/api/docs/static/swagger-ui.css",
        swagger_favicon_url="/api/docs/static/favicon-32x32.png",
    )


@router.get("/api/docs/static/{name}")
def api_docs_static(request: Request, user: User, name: str) -> Response:
    from pathlib import Path

    try:
        import swagger_ui_bundle
    except ImportError:
        raise Refused(404, "未安装 swagger-ui-bundle") from None
    allowed = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}
    if name not in allowed:
        raise Refused(404, "没有这个文件")
    return FileResponse(Path(swagger_ui_bundle.swagger_ui_path) / name)
