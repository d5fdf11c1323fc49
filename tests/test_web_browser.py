"""One end-to-end test of ``juesuan serve`` in a real headless browser.

Playwright for Python drives Debian's chromium (``/usr/bin/chromium``; ``.ci/run`` installs
it and fonts-noto-cjk with apt-get: no browser is ever downloaded).  The server is the real
command, with its process pool.  A reviewer uploads the 30-page sample, sees its findings
with the page images, dismisses one with a reason, reloads and still sees it dismissed; the
screenshot (Chinese text rendered in a CJK font) is kept in the test's temporary folder and
its path printed.

Without chromium the test fails under CI (``CI`` set) and is skipped locally with a banner.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from juesuan.rules import check_file
from tests.conftest import under_ci
from tests.webkit import GUIHUA

CHROMIUM = os.environ.get("JUESUAN_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REASON = "差额为四舍五入所致，经核对可接受"


def _need_browser() -> None:
    problems = []
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        problems.append(f"no chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package playwright is not installed (pip install -e '.[dev]')")
    if not problems:
        return
    message = "browser test cannot run: " + "; ".join(problems)
    if under_ci():
        pytest.fail(message + " — under CI it must run (.ci/run installs chromium)", pytrace=False)
    sys.stderr.write(f"\n{'=' * 78}\nWARNING: {message}\n{'=' * 78}\n")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``juesuan serve`` on a free loopback port and a fresh data directory."""
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    env = {**os.environ, "JUESUAN_USER": "审核员甲"}
    env.pop("JUESUAN_WEB_CONFIG", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "juesuan.cli",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "data"),
            "--db",
            str(tmp_path / "data" / "juesuan.db"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to 30 s for the server to answer
            if process.poll() is not None:
                raise AssertionError((tmp_path / "server.log").read_text())
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("juesuan serve did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_upload_review_and_reload_in_a_browser(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _need_browser()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        # launch() gives the browser a new empty profile of its own
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 1000}, locale="zh-CN")
            page.goto(server + "/")
            expect(page.locator("h1")).to_have_text("上传公开文件审核")
            page.set_input_files('input[name="files"]', str(GUIHUA))
            page.get_by_role("button", name="上传并审核").click()
            # the progress page polls the job and opens the report when it is done
            page.wait_for_url("**/documents/*", timeout=60_000)
            expect(page.locator("h1")).to_contain_text(
                "审核结果：上海市普陀区规划和自然资源局 2024年度"
            )
            findings = page.locator("article.finding")
            expect(findings).to_have_count(len(check_file(GUIHUA).findings))

            first = findings.first
            image = first.locator(".pageimg img").first
            expect(image).to_be_visible()
            page.wait_for_function(
                "img => img.complete && img.naturalWidth > 500", arg=image.element_handle()
            )
            expect(first.locator(".pageimg .box").first).to_be_visible()
            finding_id = first.get_attribute("data-finding")
            rule = first.locator("code").first.inner_text()

            first.locator('input[name="reason"]').fill(REASON)
            first.get_by_role("button", name="排除", exact=True).click()
            page.wait_for_url(f"**#f{finding_id}")
            page.reload()
            again = page.locator(f"#f{finding_id}")
            expect(again).to_have_attribute("data-state", "dismissed")
            expect(again.locator(".state").first).to_have_text("已排除")
            expect(again.locator(".decision")).to_contain_text(REASON)
            expect(again.locator(".decision")).to_contain_text("审核员甲")
            assert "已排除 1" in page.locator(".card").first.inner_text()
            # a decided finding stays readable (dark text on a light card)
            color = again.locator("p.msg").evaluate("el => getComputedStyle(el).color")
            assert color not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), color

            # the Chinese text is drawn in a CJK font, not as boxes of missing glyphs
            assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"')")
            again.scroll_into_view_if_needed()
            # every glyph painted: the fonts loaded and two frames drawn since
            page.evaluate(
                "() => document.fonts.ready.then(() => new Promise(done =>"
                " requestAnimationFrame(() => requestAnimationFrame(done))))"
            )
            shot = tmp_path / "juesuan-report.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()
    kept = Path(os.environ.get("JUESUAN_TEST_ARTIFACTS", tmp_path)) / shot.name
    if kept != shot:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, kept)
    with capsys.disabled():
        print(f"\nbrowser test screenshot ({rule} dismissed, after reload): {kept}")
