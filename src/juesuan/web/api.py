"""The JSON API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``, docs at ``/api/docs``).

A document's findings are the ``juesuan.findings/2`` object of ``juesuan check --format
json``, each finding with three more keys: ``id`` (for the review call), ``fingerprint`` and
``review`` (state, reason, by, at).  Write calls need an API key (``Authorization: Bearer
KEY``) or, from the pages' own script, the session's CSRF token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from juesuan.model.findings import CheckReport
from juesuan.store.core import STATES, DocumentInfo, FindingInfo, Store
from juesuan.web.deps import accept_upload, api_admin, api_user, store_of
from juesuan.web.security import Principal, Refused, check_api_write

router = APIRouter(prefix="/api/v1", tags=["juesuan"])

ApiUser = Annotated[Principal, Depends(api_user)]
ApiAdmin = Annotated[Principal, Depends(api_admin)]


class ReviewRequest(BaseModel):
    """A review decision: confirmed / dismissed (with a reason) / fixed / open."""

    state: str = Field(description="confirmed、dismissed、fixed 或 open")
    reason: str | None = Field(default=None, description="理由（dismissed 必填）", max_length=2000)


def document_json(d: DocumentInfo, name: str | None = None) -> dict[str, Any]:
    return {
        "id": d.id,
        "unit": d.unit,
        "unit_id": d.unit_id,
        "printed_unit": d.printed_unit,
        "year": d.year,
        "kind": d.kind,
        "scope": d.scope,
        "kind_label": d.kind_label,
        "layout": d.layout,
        "format": d.format,
        "pages": d.pages,
        "sha256": d.sha256,
        "version": d.version,
        "is_current": d.is_current,
        "ingested_at": d.ingested_at.isoformat(),
        "name": name,
        "errors": d.errors,
        "warnings": d.warnings,
        "infos": d.infos,
        "report": f"/documents/{d.id}",
    }


def finding_review(f: FindingInfo) -> dict[str, Any]:
    return {
        "state": f.state,
        "label": STATES.get(f.state, f.state),
        "reason": f.state_reason,
        "by": f.state_by,
        "at": f.state_at.isoformat() if f.state_at else None,
        "inherited_from": f.inherited_from,
    }


def findings_json(report: CheckReport, infos: list[FindingInfo]) -> dict[str, Any]:
    """``check --format json``'s object for a stored check, with ids and review states."""
    data = report.to_json_dict()
    for item, info in zip(data["findings"], infos, strict=True):
        item["id"] = info.id
        item["fingerprint"] = info.fingerprint
        item["review"] = finding_review(info)
    return data


def recheck_document(store: Store, document_id: int) -> dict[str, Any]:
    """Check a stored document again with the current rules (from its stored reading),
    against the related documents of the store (the corpus rules)."""
    from juesuan.ingest import catalog_version
    from juesuan.rules import check

    report = check(store.load(document_id), lookup=store.lookup())
    run_id, inherited = store.add_check(
        document_id, report, catalog_version(), report.rules_seconds
    )
    return {"run_id": run_id, "inherited": inherited, **report.summary()}


def _document(store: Store, document_id: int) -> DocumentInfo:
    found = store.documents(ids=[document_id])
    if not found:
        raise Refused(404, f"库中没有文档 #{document_id}")
    return found[0]


@router.post("/jobs", status_code=202, summary="上传文件，排队审核")
def submit(
    request: Request,
    user: ApiUser,
    files: Annotated[list[UploadFile], File(description="一个或多个公开文件")],
    as_one: Annotated[bool, Form(description="几个文件是同一份公开文件")] = False,
) -> JSONResponse:
    check_api_write(request, user)
    upload_id, jobs = accept_upload(request, files, as_one, user)
    return JSONResponse(
        {
            "upload_id": upload_id,
            "jobs": [j.to_dict() for j in jobs],
            "poll": f"/api/v1/uploads/{upload_id}",
        },
        status_code=202,
    )


@router.get("/jobs/{job_id}", summary="查询一个任务")
def job(request: Request, user: ApiUser, job_id: int) -> dict[str, Any]:
    from juesuan.store.jobs import JobQueue

    return JobQueue(store_of(request)).get(job_id).to_dict()


@router.get("/uploads/{upload_id}", summary="查询一次上传的全部任务")
def upload(request: Request, user: ApiUser, upload_id: str) -> dict[str, Any]:
    from juesuan.store.jobs import JobQueue

    jobs = JobQueue(store_of(request)).of_upload(upload_id)
    if not jobs:
        raise Refused(404, "没有这次上传")
    return {
        "upload_id": upload_id,
        "finished": all(j.finished for j in jobs),
        "jobs": [j.to_dict() for j in jobs],
    }


@router.get("/documents", summary="文档库：文档清单")
def documents(
    request: Request,
    user: ApiUser,
    unit: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    all_versions: bool = False,
) -> dict[str, Any]:
    from juesuan.web.views import display_names

    if kind is not None and kind not in ("决算", "预算"):
        raise Refused(422, "kind 只能是“决算”或“预算”")
    store = store_of(request)
    docs = store.documents(unit=unit, year=year, kind=kind, all_versions=all_versions)
    names = display_names(store, docs)
    return {"count": len(docs), "documents": [document_json(d, names[d.id]) for d in docs]}


@router.get("/documents/{document_id}", summary="一份文档")
def document(request: Request, user: ApiUser, document_id: int) -> dict[str, Any]:
    from juesuan.web.views import display_names

    store = store_of(request)
    info = _document(store, document_id)
    return document_json(info, display_names(store, [info])[document_id])


@router.get("/documents/{document_id}/findings", summary="审核结果（juesuan.findings/2）")
def findings(request: Request, user: ApiUser, document_id: int) -> dict[str, Any]:
    from juesuan.web.views import shown_report

    store = store_of(request)
    info = _document(store, document_id)
    report, infos = store.check_report(document_id)
    report, _ = shown_report(store, report, info)
    return findings_json(report, infos)


@router.post("/documents/{document_id}/recheck", summary="按当前规则重新审核（管理员）")
def recheck(request: Request, user: ApiAdmin, document_id: int) -> dict[str, Any]:
    check_api_write(request, user)
    store = store_of(request)
    _document(store, document_id)
    return recheck_document(store, document_id)


@router.post("/findings/{finding_id}/review", summary="处理一条审核意见")
def review(request: Request, user: ApiUser, finding_id: int, body: ReviewRequest) -> dict[str, Any]:
    check_api_write(request, user)
    if body.state not in STATES:
        raise Refused(422, "state 只能是 confirmed、dismissed、fixed 或 open")
    reason = (body.reason or "").strip() or None
    if body.state == "dismissed" and not reason:
        raise Refused(422, "排除（dismissed）一条审核意见必须写明理由（reason）")
    done = store_of(request).review([finding_id], body.state, reason, user.name)[0]
    return {
        "id": done.id,
        "document_id": done.document_id,
        "rule": done.rule,
        **finding_review(done),
    }


@router.get("/units", summary="文档库：单位")
def units(request: Request, user: ApiUser) -> dict[str, Any]:
    found = store_of(request).units()
    return {
        "count": len(found),
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "aliases": u.aliases,
                "years": u.years,
                "documents": u.documents,
            }
            for u in found
        ],
    }


@router.get("/units/{unit_id}/history", summary="一个单位的历年情况")
def history(request: Request, user: ApiUser, unit_id: int) -> dict[str, Any]:
    info, entries = store_of(request).history(f"#{unit_id}")
    if info.id != unit_id:
        raise Refused(404, f"库中没有单位 #{unit_id}")
    return {
        "unit": {"id": info.id, "name": info.name, "aliases": info.aliases},
        "years": [
            {
                "document": document_json(e.document),
                "figures": {k: str(v) for k, v in e.figures.items()},
                "by_state": e.by_state,
                "by_rule": dict(e.by_rule),
            }
            for e in entries
        ],
    }


@router.get("/rules", summary="规则目录")
def rules(request: Request, user: ApiUser) -> dict[str, Any]:
    from juesuan.rules import all_rules

    return {
        "rules": [
            {
                "code": r.code,
                "title": r.title,
                "category": r.category.value,
                "category_label": r.category.label,
                "severity": r.severity.value,
                "rationale": r.rationale,
                "tolerance": r.tolerance,
                "suggestion": r.suggestion,
            }
            for r in all_rules().values()
        ]
    }
