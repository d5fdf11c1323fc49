"""juesuan serve through FastAPI's TestClient: every page and API route, and every refusal
(CSRF, login, roles, API keys, upload limits, host, binding, errors without tracebacks)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from juesuan.store.jobs import JobQueue
from juesuan.web.config import (
    ConfigError,
    WebSettings,
    check_bind,
    hash_password,
    load_settings,
    read_config,
    verify_password,
)
from tests.webkit import (
    ADMIN_KEY,
    GUIHUA,
    LESHAN,
    REVIEWER_KEY,
    SAMPLES,
    client_for,
    csrf,
    settings_for,
    upload_form,
    wait_upload,
)

PDF = GUIHUA.read_bytes()


def _counts() -> dict[str, int]:
    """How many findings `check` gives on the sample, in all and by severity (the pages must
    show these; the rules' own tests pin the findings themselves)."""
    from juesuan.rules import check_file

    summary = check_file(GUIHUA).to_json_dict()["summary"]
    counts = {k: int(summary[k]) for k in ("error", "warning", "info")}
    counts["all"] = sum(counts.values())
    return counts


COUNTS = _counts()


# --- a shared server with the 30-page sample and a text sample ------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("web")
    with client_for(settings_for(folder)) as client:
        _, done = upload_form(client, ("规划局 2024.pdf", PDF))
        pdf_doc = done["jobs"][0]["document_id"]
        _, done = upload_form(client, (LESHAN.name, LESHAN.read_bytes()))
        txt_doc = done["jobs"][0]["document_id"]
        yield {"client": client, "pdf": pdf_doc, "txt": txt_doc, "folder": folder}


def test_upload_runs_in_the_background_and_shows_the_report(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    doc = served["pdf"]
    page = client.get(f"/documents/{doc}")
    assert page.status_code == 200
    text = page.text
    assert "审核结果：上海市普陀区规划和自然资源局 2024年度" in text
    assert f"错误 {COUNTS['error']}" in text and f"警告 {COUNTS['warning']}" in text
    assert "JS504" in text and "基本支出、人员经费、公用经费与报表不一致" in text
    # the grouping of the text report, the evidence lines, the page image with its boxes
    assert "表01 收入支出决算总表 / 表03 支出决算表" in text
    assert "第24页 第14行" in text
    assert f'src="/documents/{doc}/pages/24.png"' in text
    assert 'class="box"' in text and "%; top:" in text
    # the file is shown under the user's name, never stored under it
    assert "规划局 2024.pdf" in text
    uploads = list((served["folder"] / "uploads").iterdir())
    assert all(p.name.split(".")[0].isalnum() and len(p.stem) == 64 for p in uploads)


def test_upload_page_lists_the_jobs(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    job = JobQueue(client.app.state.store).recent(10)[-1]  # type: ignore[attr-defined]
    page = client.get(f"/uploads/{job.upload_id}")
    assert page.status_code == 200 and "审核进度" in page.text
    assert f'data-upload="{job.upload_id}"' in page.text and "已完成" in page.text
    assert client.get("/uploads/nope").status_code == 404


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/", "上传公开文件审核"),
        ("/jobs", "任务"),
        ("/corpus", "上海市普陀区规划和自然资源局"),
        ("/corpus?unit=规划", "上海市普陀区规划和自然资源局"),
        ("/corpus?unit=不存在的单位", "没有名称含"),
        ("/corpus/findings", "审核意见"),
        ("/corpus/findings?rule=JS504&severity=error&state=open&year=2024", "JS504"),
        ("/corpus/findings?unit=规划", "JS302"),
        ("/corpus/codes", "按科目编码查找"),
        ("/corpus/codes?code=212", "城乡社区支出"),
        ("/rules", "审核规则目录"),
        ("/rules/JS302", "收入支出决算总表与支出决算表的支出不一致"),
        ("/rules/js504", "为什么"),
        ("/api/docs", "swagger"),
        ("/healthz", "ok"),
    ],
)
def test_pages(served: dict[str, Any], path: str, expected: str) -> None:
    page = served["client"].get(path)
    assert page.status_code == 200, page.text[:300]
    assert expected in page.text


def test_document_pages(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    doc = served["pdf"]
    tables = client.get(f"/documents/{doc}/tables")
    assert (
        tables.status_code == 200 and "收入支出决算总表" in tables.text and "3845.25" in tables.text
    )
    page = client.get(f"/documents/{doc}/pages/24?finding=1")
    assert page.status_code == 200 and "原文第24页" in page.text and "JS504" in page.text
    png = client.get(f"/documents/{doc}/pages/24.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert png.headers["content-type"] == "image/png"
    again = client.get(f"/documents/{doc}/pages/24.png")  # from the cache
    assert again.content == png.content
    assert client.get(f"/documents/{doc}/pages/31.png").status_code == 404
    assert client.get(f"/documents/{doc}/pages/0").status_code == 404
    unit_id = client.get(f"/api/v1/documents/{doc}").json()["unit_id"]
    history = client.get(f"/corpus/units/{unit_id}")
    assert history.status_code == 200 and "历年主要数字" in history.text and "<svg" in history.text
    assert client.get("/corpus/units/999").status_code == 404


def test_report_filters(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    doc = served["pdf"]
    errors = client.get(f"/documents/{doc}?severity=error").text
    assert errors.count('<article class="finding') == COUNTS["error"]
    assert f"显示 {COUNTS['error']} / {COUNTS['all']} 项" in errors
    by_rule = client.get(f"/documents/{doc}?rule=JS302").text
    assert by_rule.count('<article class="finding') == 2
    family = client.get(f"/documents/{doc}?category=residue").text
    assert "JS702" in family and "JS302" not in family.split("按位置")[1]
    none = client.get(f"/documents/{doc}?state=fixed").text
    assert "没有符合筛选条件的问题" in none
    ignored = client.get(f"/documents/{doc}?severity=bogus&category=bogus&state=bogus")
    assert ignored.status_code == 200
    assert ignored.text.count('<article class="finding') == COUNTS["all"]


def test_text_input_shows_the_quoted_lines_without_images(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    doc = served["txt"]
    text = client.get(f"/documents/{doc}").text
    assert "乐山市大数据中心" in text
    assert "<q>" in text and "第" in text and "行" in text
    assert ".png" not in text
    assert client.get(f"/documents/{doc}/pages/1.png").status_code == 404
    refused = client.get(f"/documents/{doc}/download/pdf")
    assert refused.status_code == 400 and "只能为单个 PDF" in refused.text


def test_downloads(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    doc = served["pdf"]
    html = client.get(f"/documents/{doc}/download/html")
    assert html.status_code == 200 and "决算公开审核报告" in html.text
    assert "文件：</span>规划局 2024.pdf" in html.text
    assert "filename*=UTF-8''" in html.headers["content-disposition"]
    xlsx = client.get(f"/documents/{doc}/download/xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    data = client.get(f"/documents/{doc}/download/json").json()
    assert data["schema"] == "juesuan.findings/2" and len(data["findings"]) == COUNTS["all"]
    pdf = client.get(f"/documents/{doc}/download/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/documents/{doc}/download/docx").status_code == 404


def test_api_findings_are_check_json_with_ids_and_reviews(served: dict[str, Any]) -> None:
    from juesuan.model.findings import FINDINGS_SCHEMA
    from juesuan.rules import check_file

    client: TestClient = served["client"]
    data = client.get(f"/api/v1/documents/{served['pdf']}/findings").json()
    expected = check_file(GUIHUA).to_json_dict()
    assert data["schema"] == FINDINGS_SCHEMA
    assert data["summary"]["error"] == expected["summary"]["error"]
    strip = ("id", "fingerprint", "review")
    assert [{k: v for k, v in f.items() if k not in strip} for f in data["findings"]] == expected[
        "findings"
    ]
    assert {r: v["status"] for r, v in data["rules"].items()} == {
        r: v["status"] for r, v in expected["rules"].items()
    }
    first = data["findings"][0]
    assert isinstance(first["id"], int) and len(first["fingerprint"]) == 32
    assert first["review"]["state"] == "open" and first["review"]["label"] == "待处理"
    assert data["document"]["path"] == "规划局 2024.pdf"


def test_api_read_routes(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    docs = client.get("/api/v1/documents").json()
    assert docs["count"] == 2
    assert {d["name"] for d in docs["documents"]} == {"规划局 2024.pdf", LESHAN.name}
    assert client.get("/api/v1/documents?year=2024&kind=决算").json()["count"] == 2
    assert client.get("/api/v1/documents?kind=别的").status_code == 422
    one = client.get(f"/api/v1/documents/{served['pdf']}").json()
    assert one["pages"] == 30 and one["errors"] == 3
    assert client.get("/api/v1/documents/999").status_code == 404
    assert client.get("/api/v1/documents/999/findings").status_code == 404
    units = client.get("/api/v1/units").json()
    assert units["count"] == 2
    history = client.get(f"/api/v1/units/{one['unit_id']}/history").json()
    assert history["years"][0]["figures"]["expense_grand_total"] == "9859.38"
    assert client.get("/api/v1/units/999/history").status_code == 404
    rules = client.get("/api/v1/rules").json()["rules"]
    assert any(r["code"] == "JS302" for r in rules)
    job = client.get("/api/v1/jobs/1").json()
    assert job["state"] == "done" and job["files"][0]["name"] == "规划局 2024.pdf"
    assert client.get("/api/v1/jobs/999").status_code == 404
    assert client.get("/api/v1/uploads/nope").status_code == 404
    spec = client.get("/api/v1/openapi.json").json()
    assert (
        "/api/v1/jobs" in spec["paths"] and "/api/v1/findings/{finding_id}/review" in spec["paths"]
    )
    assert not any(p.startswith("/documents") for p in spec["paths"])  # pages stay out


def test_api_docs_assets_are_served_locally(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    page = client.get("/api/docs").text
    assert "/api/docs/static/swagger-ui-bundle.js" in page and "cdn" not in page
    asset = client.get("/api/docs/static/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.content) > 100_000
    assert client.get("/api/docs/static/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/api/docs/static/index.html").status_code == 404


# --- reviews ----------------------------------------------------------------------------------


def test_review_through_the_page_form(tmp_path: Path) -> None:
    with client_for(settings_for(tmp_path)) as client:
        _, done = upload_form(client, ("a.pdf", PDF))
        doc = done["jobs"][0]["document_id"]
        findings = client.get(f"/api/v1/documents/{doc}/findings").json()["findings"]
        target = findings[0]["id"]
        token = csrf(client, f"/documents/{doc}")
        url = f"/findings/{target}/review"
        refused = client.post(url, data={"csrf_token": token, "state": "dismissed"})
        assert refused.status_code == 400 and "必须写明理由" in refused.text
        bad_state = client.post(url, data={"csrf_token": token, "state": "deleted"})
        assert bad_state.status_code == 400 and "审核状态只能是" in bad_state.text
        done_review = client.post(
            url,
            data={
                "csrf_token": token,
                "state": "dismissed",
                "reason": "四舍五入差异，可接受",
                "next": f"/documents/{doc}?severity=warning",
            },
            follow_redirects=False,
        )
        assert done_review.status_code == 303
        assert done_review.headers["location"] == f"/documents/{doc}?severity=warning#f{target}"
        page = client.get(f"/documents/{doc}").text
        assert "四舍五入差异，可接受" in page and "已排除 1" in page
        # an open redirect is refused: the target stays on this site
        away = client.post(
            url,
            data={"csrf_token": token, "state": "confirmed", "next": "//evil.example/x"},
            follow_redirects=False,
        )
        assert away.headers["location"] == f"/documents/{doc}#f{target}"
        assert (
            client.post(
                "/findings/99999/review", data={"csrf_token": token, "state": "confirmed"}
            ).status_code
            == 404
        )
        # a re-check (admin; here the local user) keeps the decision by fingerprint
        client.post(
            f"/findings/{target}/review",
            data={"csrf_token": token, "state": "dismissed", "reason": "已核实"},
        )
        rechecked = client.post(
            f"/documents/{doc}/recheck", data={"csrf_token": token}, follow_redirects=False
        )
        assert rechecked.status_code == 303
        after = client.get(f"/api/v1/documents/{doc}/findings").json()["findings"]
        kept = [f for f in after if f["fingerprint"] == findings[0]["fingerprint"]]
        assert kept[0]["review"]["state"] == "dismissed" and kept[0]["id"] != target
        assert kept[0]["review"]["reason"] == "已核实"


def test_review_through_the_api(tmp_path: Path) -> None:
    with client_for(settings_for(tmp_path)) as client:
        _, done = upload_form(client, ("a.pdf", PDF))
        doc = done["jobs"][0]["document_id"]
        target = client.get(f"/api/v1/documents/{doc}/findings").json()["findings"][1]["id"]
        url = f"/api/v1/findings/{target}/review"
        headers = {"X-Requested-With": "test"}
        missing = client.post(url, json={"state": "dismissed"}, headers=headers)
        assert missing.status_code == 422 and "必须写明理由" in missing.json()["detail"]
        bad = client.post(url, json={"state": "nope"}, headers=headers)
        assert bad.status_code == 422
        ok = client.post(url, json={"state": "confirmed", "reason": "确有错误"}, headers=headers)
        assert ok.status_code == 200 and ok.json()["state"] == "confirmed"
        assert ok.json()["label"] == "已确认"
        assert (
            client.post(
                "/api/v1/findings/99999/review", json={"state": "fixed"}, headers=headers
            ).status_code
            == 404
        )
        invalid = client.post(
            url, content=b"{not json", headers={**headers, "content-type": "application/json"}
        )
        assert invalid.status_code == 422 and "请求参数有误" in invalid.json()["detail"]
        result = client.post(f"/api/v1/documents/{doc}/recheck", headers=headers).json()
        assert result["inherited"] >= 1 and result["error"] == 3


# --- uploads: the API, several files, limits -------------------------------------------------


def test_api_upload_and_poll(tmp_path: Path) -> None:
    with client_for(settings_for(tmp_path)) as client:
        refused = client.post("/api/v1/jobs", files=[("files", ("a.pdf", PDF))])
        assert refused.status_code == 403 and "API 密钥" in refused.json()["detail"]
        response = client.post(
            "/api/v1/jobs", files=[("files", ("a.pdf", PDF))], headers={"X-Requested-With": "x"}
        )
        assert response.status_code == 202
        body = response.json()
        assert body["jobs"][0]["state"] in ("queued", "running", "done")
        done = wait_upload(client, body["upload_id"])
        assert done["jobs"][0]["outcome"] == "stored"
        # the same content again: stored once, the job says so
        again = client.post(
            "/api/v1/jobs", files=[("files", ("b.pdf", PDF))], headers={"X-Requested-With": "x"}
        ).json()
        second = wait_upload(client, again["upload_id"])["jobs"][0]
        assert (
            second["outcome"] == "skipped"
            and second["document_id"] == done["jobs"][0]["document_id"]
        )
        assert "库中已有相同内容" in second["state_label"]


def test_several_files_as_one_disclosure(tmp_path: Path) -> None:
    narrative = SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf"
    tables = SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf"
    with client_for(settings_for(tmp_path)) as client:
        _, done = upload_form(
            client,
            (narrative.name, narrative.read_bytes()),
            (tables.name, tables.read_bytes()),
            as_one=True,
        )
        assert len(done["jobs"]) == 1 and done["jobs"][0]["as_one"]
        job = done["jobs"][0]
        assert job["state"] == "done", job
        doc = job["document_id"]
        info = client.get(f"/api/v1/documents/{doc}").json()
        pages = info["pages"]
        assert pages and pages > 10
        report = client.get(f"/documents/{doc}").text
        assert f"{tables.name} 第" in report  # evidence names the user's file and its page
        unit = client.get(f"/corpus/units/{info['unit_id']}").text
        assert "主要数字（预算，万元）" in unit and "<polyline" in unit  # a budget-only unit
        # a page of the second file is rendered from that file
        last = client.get(f"/documents/{doc}/pages/{pages}.png")
        assert last.status_code == 200 and last.content.startswith(b"\x89PNG")
        _, separate = upload_form(
            client, (narrative.name, narrative.read_bytes()), ("x.txt", b"abc")
        )
        assert len(separate["jobs"]) == 2


@pytest.mark.parametrize(
    "name, content, status, message",
    [
        ("virus.exe", b"MZ\x90\x00", 415, "不受支持"),
        ("noext", b"hello", 415, "无扩展名"),
        ("fake.pdf", b"this is text", 400, "不是有效的 PDF"),
        ("fake.docx", b"%PDF-1.4", 400, "不是有效的 Office 文件"),
        ("binary.txt", b"abc\x00def", 400, "不是文本或网页文件"),
        ("empty.pdf", b"", 400, "空文件"),
    ],
)
def test_upload_refusals(
    tmp_path: Path, name: str, content: bytes, status: int, message: str
) -> None:
    with client_for(settings_for(tmp_path)) as client:
        response, _ = upload_form(client, (name, content))
        assert response.status_code == status
        assert message in response.text and "Traceback" not in response.text
        api = client.post(
            "/api/v1/jobs", files=[("files", (name, content))], headers={"X-Requested-With": "x"}
        )
        assert api.status_code == status and message in api.json()["detail"]
        assert not list((tmp_path / "uploads").glob("*")), "nothing refused is kept"


def test_upload_limits(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, max_file_bytes=1000, max_files=2)
    with client_for(settings) as client:
        big, _ = upload_form(client, ("big.txt", b"x" * 1001))
        assert big.status_code == 413 and "过大" in big.text
        many, _ = upload_form(client, ("a.txt", b"a"), ("b.txt", b"b"), ("c.txt", b"c"))
        assert many.status_code == 400 and "一次最多上传 2 个文件" in many.text
        token = csrf(client)
        none = client.post("/upload", data={"csrf_token": token})
        assert none.status_code == 400 and "请求参数有误" in none.text
        # a request body over the limit is refused before it is read
        huge = client.post(
            "/api/v1/jobs",
            content=b"x" * (settings.max_request_bytes + 10),
            headers={"X-Requested-With": "x", "content-type": "multipart/form-data; boundary=b"},
        )
        assert huge.status_code == 413 and "过大" in huge.json()["detail"]


def test_file_names_are_never_paths(tmp_path: Path) -> None:
    with client_for(settings_for(tmp_path)) as client:
        _, done = upload_form(client, ("../../../../tmp/evil name.txt", LESHAN.read_bytes()))
        job = done["jobs"][0]
        assert job["files"][0]["name"] == "evil name.txt"
        assert not Path("/tmp/evil name.txt").exists()
        stored = [p.name for p in (tmp_path / "uploads").iterdir()]
        assert stored == [f"{job['files'][0]['sha256']}.txt"]


def test_a_file_that_is_not_a_disclosure_fails_its_job(tmp_path: Path) -> None:
    with client_for(settings_for(tmp_path)) as client:
        _, done = upload_form(client, ("notes.txt", "今天天气很好。\n".encode()))
        job = done["jobs"][0]
        assert job["state"] == "failed" and job["exit_code"] == 4
        assert "不像决算/预算公开文件" in job["error"]
        assert str(tmp_path) not in job["error"] and "notes.txt" in job["error"]
        page = client.get(f"/uploads/{job['upload_id']}").text
        assert "失败" in page and "不像决算/预算公开文件" in page
        # an administrator may retry a failed job; a finished one is refused
        token = csrf(client, "/jobs")
        retried = client.post(
            f"/jobs/{job['id']}/retry", data={"csrf_token": token}, follow_redirects=False
        )
        assert retried.status_code == 303
        assert wait_upload(client, job["upload_id"])["jobs"][0]["attempts"] == 1
        _, ok = upload_form(client, (LESHAN.name, LESHAN.read_bytes()))
        not_failed = client.post(f"/jobs/{ok['jobs'][0]['id']}/retry", data={"csrf_token": token})
        assert not_failed.status_code == 400 and "无需重试" in not_failed.text
        assert client.post("/jobs/999/retry", data={"csrf_token": token}).status_code == 404


# --- jobs survive a restart ---------------------------------------------------------------------


def test_unfinished_jobs_are_resumed_on_start(tmp_path: Path) -> None:
    from juesuan.store import open_store
    from juesuan.web.jobs import save_upload

    settings = settings_for(tmp_path)
    with open_store(settings.db_url) as store:
        queue = JobQueue(store)
        with GUIHUA.open("rb") as fh:
            pdf = save_upload(fh, "规划.pdf", settings.upload_dir, settings.max_file_bytes)
        with LESHAN.open("rb") as fh:
            txt = save_upload(fh, "乐山.txt", settings.upload_dir, settings.max_file_bytes)
        queued, running, worn = queue.create("restart", [[pdf], [txt], [txt]], False, "tester")
        assert queue.start(running.id) is not None  # the server stopped while it ran
        for _ in range(3):
            queue.start(worn.id)  # interrupted three times already
    with client_for(settings) as client:
        jobs = wait_upload(client, "restart")["jobs"]
    states = {j["id"]: (j["state"], j["attempts"]) for j in jobs}
    assert states[queued.id] == ("done", 1)
    assert states[running.id] == ("done", 2)
    assert states[worn.id][0] == "failed"
    assert "不再重试" in jobs[2]["error"]


def test_process_pool_runs_the_jobs(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, executor="process")
    with client_for(settings) as client:
        response = client.post(
            "/api/v1/jobs",
            files=[("files", (LESHAN.name, LESHAN.read_bytes()))],
            headers={"X-Requested-With": "x"},
        )
        job = wait_upload(client, response.json()["upload_id"])["jobs"][0]
        assert job["state"] == "done" and job["document_id"] == 1


# --- security ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, data",
    [
        ("/upload", {}),
        ("/findings/1/review", {"state": "confirmed"}),
        ("/documents/1/recheck", {}),
        ("/jobs/1/retry", {}),
        ("/logout", {}),
    ],
)
def test_forms_need_the_csrf_token(served: dict[str, Any], path: str, data: dict[str, str]) -> None:
    client: TestClient = served["client"]
    for token in (None, "forged-token"):
        body = dict(data)
        if token:
            body["csrf_token"] = token
        files = [("files", ("a.txt", b"x"))] if path == "/upload" else None
        response = client.post(path, data=body, files=files)
        assert response.status_code == 403, (path, response.text[:200])
        assert "CSRF" in response.text


def test_api_writes_need_a_key_or_the_session_token(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    url = "/api/v1/findings/1/review"
    assert client.post(url, json={"state": "open"}).status_code == 403  # cookie, no token
    forged = client.post(url, json={"state": "open"}, headers={"X-CSRF-Token": "nope"})
    assert forged.status_code == 403
    token = csrf(client)
    ok = client.post(url, json={"state": "open"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200


def test_without_accounts_only_loopback_host_names_are_served(served: dict[str, Any]) -> None:
    client: TestClient = served["client"]
    rebound = client.get("/", headers={"host": "evil.example:8000"})
    assert rebound.status_code == 400 and "本机地址" in rebound.text
    assert client.get("/api/v1/documents", headers={"host": "attacker.test"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_security_headers(served: dict[str, Any]) -> None:
    page = served["client"].get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    cookie = page.headers.get("set-cookie", "")
    assert not cookie or ("httponly" in cookie.lower() and "samesite=lax" in cookie.lower())


def test_accounts_login_roles_and_keys(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, accounts=True)
    with client_for(settings) as client:
        # pages need a login, the API a key
        to_login = client.get("/documents/1?x=1", follow_redirects=False)
        assert to_login.status_code == 303
        assert to_login.headers["location"] == "/login?next=/documents/1%3Fx%3D1"
        assert client.get("/api/v1/documents").status_code == 401
        bad_key = client.get("/api/v1/documents", headers={"Authorization": "Bearer wrong"})
        assert bad_key.status_code == 401 and "无效" in bad_key.json()["detail"]
        assert client.get("/healthz").status_code == 200
        assert client.get("/static/app.css").status_code == 200
        # a wrong password, then the reviewer
        token = csrf(client, "/login")
        wrong = client.post(
            "/login", data={"csrf_token": token, "name": "zhang", "password": "nope"}
        )
        assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
        unknown = client.post(
            "/login", data={"csrf_token": token, "name": "nobody", "password": "x"}
        )
        assert unknown.status_code == 401
        no_csrf = client.post("/login", data={"name": "zhang", "password": "reviewer-pass"})
        assert no_csrf.status_code == 403
        login = client.post(
            "/login",
            data={
                "csrf_token": token,
                "name": "zhang",
                "password": "reviewer-pass",
                "next": "https://evil.example/",
            },
            follow_redirects=False,
        )
        assert login.status_code == 303 and login.headers["location"] == "/"
        home = client.get("/")
        assert home.status_code == 200 and "zhang（审核人）" in home.text
        _, done = upload_form(client, (LESHAN.name, LESHAN.read_bytes()))
        doc = done["jobs"][0]["document_id"]
        assert done["jobs"][0]["submitted_by"] == "zhang"
        token = csrf(client, f"/documents/{doc}")
        assert "重新审核" not in client.get(f"/documents/{doc}").text
        refused = client.post(f"/documents/{doc}/recheck", data={"csrf_token": token})
        assert refused.status_code == 403 and "管理员" in refused.text
        no_retry = client.post(f"/jobs/{done['jobs'][0]['id']}/retry", data={"csrf_token": token})
        assert no_retry.status_code == 403 and "管理员" in no_retry.text
        assert "重试" not in client.get("/jobs").text.split("<tbody>")[1]
        finding = client.get(f"/api/v1/documents/{doc}/findings").json()["findings"][0]["id"]
        reviewed = client.post(
            f"/findings/{finding}/review",
            data={"csrf_token": token, "state": "confirmed"},
            follow_redirects=False,
        )
        assert reviewed.status_code == 303
        assert (
            client.get(f"/api/v1/documents/{doc}/findings").json()["findings"][0]["review"]["by"]
            == "zhang"
        )
        # logging out ends the session
        out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert out.headers["location"] == "/login"
        assert client.get("/", follow_redirects=False).status_code == 303
        # the admin may re-check
        token = csrf(client, "/login")
        client.post("/login", data={"csrf_token": token, "name": "li", "password": "admin-pass"})
        token = csrf(client, f"/documents/{doc}")
        assert "重新审核" in client.get(f"/documents/{doc}").text
        ok = client.post(
            f"/documents/{doc}/recheck", data={"csrf_token": token}, follow_redirects=False
        )
        assert ok.status_code == 303
    with client_for(settings) as api:
        reviewer = {"Authorization": f"Bearer {REVIEWER_KEY}"}
        admin = {"X-API-Key": ADMIN_KEY}
        assert api.get("/api/v1/documents", headers=reviewer).json()["count"] == 1
        url = f"/api/v1/findings/{finding}/review"
        by_key = api.post(url, json={"state": "fixed"}, headers=reviewer)
        assert by_key.status_code == 200 and by_key.json()["by"] == "robot"
        # X-Requested-With is no substitute for a key once accounts exist
        assert (
            api.post(url, json={"state": "open"}, headers={"X-Requested-With": "x"}).status_code
            == 401
        )
        assert api.post(f"/api/v1/documents/{doc}/recheck", headers=reviewer).status_code == 403
        assert api.post(f"/api/v1/documents/{doc}/recheck", headers=admin).status_code == 200
        uploaded = api.post(
            "/api/v1/jobs", files=[("files", ("a.txt", LESHAN.read_bytes()))], headers=admin
        )
        assert uploaded.status_code == 202
        # any host name is served once logins are required
        assert api.get("/healthz", headers={"host": "juesuan.example"}).status_code == 200


def test_a_tampered_session_cookie_is_ignored(tmp_path: Path) -> None:
    from juesuan.web.security import SESSION_COOKIE, sign

    settings = settings_for(tmp_path, accounts=True)
    with client_for(settings) as client:
        forged = sign(
            WebSettings(data_dir=tmp_path, secret_key=b"another-secret-0123456789abcdef"),
            {"sid": "x", "user": "li", "role": "admin", "iat": 0},
        )
        client.cookies.set(SESSION_COOKIE, forged)
        assert client.get("/", follow_redirects=False).status_code == 303
        client.cookies.set(SESSION_COOKIE, "garbage.value")
        assert client.get("/", follow_redirects=False).status_code == 303


def test_login_page_without_accounts_goes_home(served: dict[str, Any]) -> None:
    response = served["client"].get("/login?next=/rules", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/rules"


def test_errors_are_chinese_pages_without_tracebacks(tmp_path: Path) -> None:
    with client_for(settings_for(tmp_path), raise_server_exceptions=False) as client:
        missing = client.get("/no/such/page")
        assert missing.status_code == 404 and "没有这个页面" in missing.text
        api_missing = client.get("/api/v1/nothing")
        assert api_missing.status_code == 404 and api_missing.json()["detail"]
        wrong_type = client.get("/documents/abc")
        assert wrong_type.status_code == 400 and "请求参数有误" in wrong_type.text
        api_wrong = client.get("/api/v1/documents/abc")
        assert api_wrong.status_code == 422 and "请求参数有误" in api_wrong.json()["detail"]
        method = client.delete("/")
        assert method.status_code == 405 and "不支持此操作" in method.text
        bad_code = client.get("/corpus/codes?code=abc")
        assert bad_code.status_code == 400 and "科目编码须是数字" in bad_code.text
        no_rule = client.get("/rules/JS000")
        assert no_rule.status_code == 404 and "没有编号为 JS000 的规则" in no_rule.text

        def explode(*_: object, **__: object) -> None:
            raise RuntimeError("secret internal detail")

        client.app.state.store.documents = explode  # type: ignore[attr-defined]
        boom = client.get("/")
        assert boom.status_code == 500 and "服务器内部错误" in boom.text
        assert "Traceback" not in boom.text and "secret internal detail" not in boom.text
        api_boom = client.get("/api/v1/documents")
        assert api_boom.status_code == 500 and "secret" not in api_boom.text


# --- configuration and the command ------------------------------------------------------------


def test_binding_beyond_loopback_needs_accounts(tmp_path: Path) -> None:
    check_bind(WebSettings(data_dir=tmp_path, host="127.0.0.1"))
    check_bind(WebSettings(data_dir=tmp_path, host="::1"))
    check_bind(WebSettings(data_dir=tmp_path, host="localhost"))
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        with pytest.raises(ConfigError, match="必须配置账号或 API 密钥"):
            check_bind(WebSettings(data_dir=tmp_path, host=host))
    check_bind(settings_for(tmp_path, accounts=True, host="0.0.0.0"))


def test_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hashed = hash_password("long enough", iterations=1000)
    assert verify_password("long enough", hashed) and not verify_password("other", hashed)
    assert not verify_password("x", "plain-text")
    config = tmp_path / "web.toml"
    config.write_text(
        f'secret_key = "0123456789abcdef0123"\nmax_file_mb = 5\nmax_files = 3\n'
        f'[[account]]\nname = "zhang"\nrole = "admin"\npassword = "{hashed}"\n'
        f'[[api_key]]\nname = "robot"\nsha256 = "{"a" * 64}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("JUESUAN_WEB_CONFIG", str(config))
    settings = load_settings(host="0.0.0.0", db_url=None, data_dir=tmp_path, config=None)
    assert settings.accounts["zhang"].role == "admin"
    assert settings.api_keys[0].role == "reviewer" and settings.max_file_bytes == 5 * 1024 * 1024
    assert settings.max_files == 3 and settings.secret_key == b"0123456789abcdef0123"
    bad = {
        'name = "x"\npassword = "plain"': "不能写明文密码",
        f'name = "x"\nrole = "god"\npassword = "{hashed}"': "角色只能是",
        'password = "x"': "须有 name 和 password",
    }
    for body, message in bad.items():
        config.write_text(f"[[account]]\n{body}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            read_config(config)
    config.write_text('[[api_key]]\nsha256 = "abc"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="64 位十六进制"):
        read_config(config)
    config.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        read_config(config)
    with pytest.raises(ConfigError, match="找不到网页服务配置文件"):
        read_config(tmp_path / "missing.toml")
    # without a secret in the file one is made and kept in the data directory
    monkeypatch.delenv("JUESUAN_WEB_CONFIG")
    first = load_settings(host="127.0.0.1", db_url=None, data_dir=tmp_path / "d", config=None)
    again = load_settings(host="127.0.0.1", db_url=None, data_dir=tmp_path / "d", config=None)
    assert len(first.secret_key) == 64 and first.secret_key == again.secret_key
    assert oct((tmp_path / "d" / "web-secret").stat().st_mode & 0o777) == "0o600"


def _juesuan(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "juesuan.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_refuses_a_public_address_without_accounts(tmp_path: Path) -> None:
    result = _juesuan("serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "必须配置账号或 API 密钥" in result.stderr and "Traceback" not in result.stderr
    bad_db = _juesuan(
        "serve", "--db", "postgresql://nobody@127.0.0.1:1/none", "--data-dir", str(tmp_path)
    )
    assert bad_db.returncode == 10 and "无法打开数据库" in bad_db.stderr


def test_serve_helpers_print_a_hash_and_a_key() -> None:
    hashed = _juesuan("serve", "--hash-password", stdin="a good password\n")
    assert hashed.returncode == 0
    assert verify_password("a good password", hashed.stdout.strip())
    short = _juesuan("serve", "--hash-password", stdin="short\n")
    assert short.returncode == 2 and "至少 8 个字符" in short.stderr
    key = _juesuan("serve", "--new-api-key")
    assert key.returncode == 0 and "js_" in key.stdout and "sha256 = " in key.stdout


def test_check_does_not_import_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from juesuan.cli import app\n"
        "try:\n"
        f"    app(['check', {str(LESHAN)!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'multipart') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"')) == []


def test_display_names_drop_paths_and_control_characters() -> None:
    from juesuan.web.jobs import display_name

    assert display_name("..\\..\\windows\\evil\x07.pdf") == "evil.pdf"
    assert display_name("/etc/passwd") == "passwd"
    assert display_name("") == display_name(None) == "未命名文件"
    long = display_name("很长" * 100 + ".pdf")
    assert len(long) <= 120 and long.endswith("….pdf")


def test_bench_web_times_upload_to_report_and_pages_per_second() -> None:
    from juesuan.bench import run_web_bench

    out = run_web_bench(LESHAN, repeat=1, requests=8)
    assert "上传到审核结果页" in out and "页/秒" in out and "4 个并发连接" in out


def test_job_rows_on_each_backend(store_url: str) -> None:
    from juesuan.store import open_store
    from juesuan.store.jobs import MAX_ATTEMPTS, JobFile

    with open_store(store_url) as store:
        queue = JobQueue(store)
        file = JobFile("a" * 64, "文件.pdf", ".pdf", 10)
        one, two = queue.create("u1", [[file], [file, file]], True, "测试")
        assert queue.unfinished() == [one.id, two.id]
        started = queue.start(one.id)
        assert started is not None and started.state == "running" and started.attempts == 1
        queue.finish(one.id, outcome="stored", document_id=None, seconds=0.5)
        assert queue.start(one.id) is None  # done: not started again
        queue.finish(
            two.id, outcome="failed", document_id=None, seconds=0.1, exit_code=5, error="坏文件"
        )
        failed = queue.get(two.id)
        assert (
            failed.state == "failed"
            and failed.error == "坏文件"
            and failed.names == ("文件.pdf + 文件.pdf")
        )
        queue.requeue(two.id)
        assert queue.unfinished() == [two.id]
        for _ in range(MAX_ATTEMPTS):
            assert queue.start(two.id) is not None
        assert queue.start(two.id) is None and queue.get(two.id).state == "failed"
        assert [j.id for j in queue.of_upload("u1")] == [one.id, two.id]
        assert [j.id for j in queue.recent(1)] == [two.id]
        assert queue.get(one.id).to_dict()["state_label"] == "已完成"
        with pytest.raises(Exception, match="没有任务"):
            queue.get(999)
