"""Timing of reading and checking: per document and per page, against PyMuPDF's own text
extraction (the floor any PDF reader built on it can reach)."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from juesuan.model import Disclosure


def _best(times: list[float]) -> tuple[float, float]:
    return min(times), statistics.median(times)


def _pymupdf_text_once(path: Path) -> float:
    """Seconds PyMuPDF takes to open the PDF and extract every page's plain text."""
    import pymupdf

    t0 = time.perf_counter()
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()
    return time.perf_counter() - t0


def _document_caches() -> list[Any]:
    """The caches keyed on a document's text (``functools.lru_cache`` with a size bound, in
    juesuan's loaded modules: a line's key, its tidied form, an amount, a title's kind…).
    A document read again finds its own strings there; emptied before a timed read, the read
    costs what reading a document for the first time costs.  The catalogs' caches (no bound)
    stay: they do not depend on the document."""
    import functools
    import sys

    lru = functools._lru_cache_wrapper
    found: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("juesuan") or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, lru) and value.cache_info().maxsize:
                found[id(value)] = value
    return list(found.values())


def run_bench(files: list[Path], repeat: int = 5, multiply: int = 1) -> str:
    """Read each file ``repeat`` times; report best and median seconds of a first read (the
    caches keyed on a document's text emptied before it), per page, and the ratio to
    PyMuPDF's plain text extraction; then the rules' time and the best time of reading the
    same file again right after (its strings cached).  ``multiply`` > 1 builds a PDF that
    repeats the input that many times (a large-document check)."""
    from juesuan import read
    from juesuan.rules import check

    lines = [
        f"{'文件':<40} {'页数':>4} {'读取最快(秒)':>9} {'读取中位(秒)':>9} {'每页(毫秒)':>10} "
        f"{'PyMuPDF(秒)':>11} {'倍数':>5} {'审核规则(秒)':>9} {'读取+审核(秒)':>9} "
        f"{'重读最快(秒)':>9}"
    ]
    tmp: tempfile.TemporaryDirectory[str] | None = None
    for path in files:
        target = path
        if multiply > 1 and path.suffix.lower() == ".pdf":
            import pymupdf

            tmp = tmp or tempfile.TemporaryDirectory()
            big = pymupdf.open()
            with pymupdf.open(path) as src:
                for _ in range(multiply):
                    big.insert_pdf(src)
            target = Path(tmp.name) / f"{path.stem}-x{multiply}.pdf"
            big.save(target)
            big.close()
        is_pdf = target.suffix.lower() == ".pdf"
        read(target)  # warm-up: imports and caches
        if is_pdf:
            _pymupdf_text_once(target)
        caches = _document_caches()
        times: list[float] = []
        again_times: list[float] = []
        base_times: list[float] = []
        doc = None
        for _ in range(repeat):
            # A first read (the document's strings in no cache), the same document read
            # again, and PyMuPDF's extraction, alternating, so that a change in the load of
            # the machine during the run weighs on all alike (the ratio is what counts).
            for cache in caches:
                cache.cache_clear()
            t0 = time.perf_counter()
            doc = read(target)
            times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            read(target)
            again_times.append(time.perf_counter() - t0)
            if is_pdf:
                base_times.append(_pymupdf_text_once(target))
        best, median = _best(times)
        assert doc is not None
        check(doc)  # warm-up: rule modules and catalogs
        rule_times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            check(doc)
            rule_times.append(time.perf_counter() - t0)
        rules_best = min(rule_times)
        pages = doc.source.pages if doc is not None and doc.source.pages else None
        per_page = f"{best / pages * 1000:10.1f}" if pages else f"{'-':>10}"
        if is_pdf:
            base = min(base_times)
            ratio = f"{best / base:5.1f}" if base else "-"
            base_s = f"{base:11.3f}"
        else:
            base_s, ratio = f"{'-':>11}", f"{'-':>5}"
        lines.append(
            f"{target.name:<40} {pages or '-':>4} {best:9.3f} {median:9.3f} {per_page} "
            f"{base_s} {ratio:>5} {rules_best:12.4f} {best + rules_best:13.3f} "
            f"{min(again_times):12.3f}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"进程峰值内存：{peak_mb:.0f} MB")
    if tmp is not None:
        tmp.cleanup()
    return "\n".join(lines) + "\n"


def run_generate_bench(repeat: int = 3) -> str:
    """Time ``generate`` on the shipped example: compose, check and render, per layout and
    format (the first run, which pays for imports, fonts and charts, is reported apart)."""
    from juesuan.generate.data import load_example
    from juesuan.generate.run import generate

    data = load_example()
    lines = [
        f"{'版式':<10} {'格式':<6} {'首次(秒)':>8} {'最快(秒)':>8} {'页数':>4}  其中（最快一次）"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("sichuan", "shanghai"):
            for suffix in ("pdf", "docx", "html"):
                out = Path(tmp) / f"{layout}.{suffix}"
                runs = []
                for _ in range(max(repeat, 1) + 1):
                    t0 = time.perf_counter()
                    result = generate(data, out, layout)
                    runs.append((time.perf_counter() - t0, result.seconds))
                first = runs[0][0]
                best, parts = min(runs[1:] or runs, key=lambda r: r[0])
                pages = "-"
                if suffix == "pdf":
                    import pymupdf

                    with pymupdf.open(out) as pdf:
                        pages = str(pdf.page_count)
                detail = "，".join(f"{k} {v:.2f}" for k, v in parts.items())
                lines.append(
                    f"{layout:<10} {suffix:<6} {first:8.2f} {best:8.2f} {pages:>4}  {detail}"
                )
    return "\n".join(lines) + "\n"


def _corpus_documents(count: int) -> list[Disclosure]:
    """``count`` disclosures built from the shipped example's data without rendering: units
    of ten years each (names 单位0001…), amounts scaled by a whole factor per year so the
    sums still add up, each stating its change against last year (which the corpus rules
    compare with last year's document), each with its own content hash."""
    import copy
    import hashlib

    from juesuan.generate.compose import to_disclosure
    from juesuan.generate.data import PriorYear, load_example
    from juesuan.model import TableKind

    base = load_example()
    grand = base.table(TableKind.T01).line("grand_total", "income")
    fiscal = base.table(TableKind.T04).line("grand_total", "income")
    general = base.table(TableKind.T06).total_row()
    docs: list[Disclosure] = []
    for index in range(count):
        unit, offset = divmod(index, 10)
        data = copy.deepcopy(base)
        data.unit.name = f"基准测试市第{unit + 1:04d}数据中心"
        data.unit.short_name = ""
        data.unit.year = 2015 + offset
        for table in data.tables.values():
            for row in table.rows:
                row.values = {k: v * (offset + 1) for k, v in row.values.items()}
        if offset and grand and fiscal and general:
            data.prior = PriorYear(
                total=grand.value("amount") * offset,
                fiscal_total=fiscal.value("amount") * offset,
                general_expense=general.value("total") * offset,
            )
        doc = to_disclosure(data)
        key = f"bench:{data.unit.name}:{data.unit.year}".encode()
        doc.source.sha256 = hashlib.sha256(key).hexdigest()
        docs.append(doc)
    return docs


def run_corpus_bench(count: int = 1000, db: str | None = None, repeat: int = 20) -> str:
    """Time the store: the shipped samples ingested from their files (read, check, store),
    then ``count`` generated documents checked and stored, and at that size a unit's
    history and a last-year lookup.  A temporary SQLite file unless ``db`` is given (use an
    empty database: the run adds ``count`` documents to it)."""
    from juesuan.ingest import catalog_version, collect, ingest
    from juesuan.rules import check
    from juesuan.store import open_store

    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        samples = Path(__file__).resolve().parents[2] / "samples"
        with open_store(url) as store:
            lines.append(f"数据库：{store.dialect}")
            if samples.is_dir():
                files, _ = collect([samples])
                check(_corpus_documents(1)[0])  # warm-up: rules and catalogs
                t0 = time.perf_counter()
                summary = ingest(store, [[f] for f in files])
                seconds = time.perf_counter() - t0
                stored = len(summary.of("stored"))
                lines.append(
                    f"样例文件入库（读取+审核+保存）：{stored} 份 {seconds:.2f} 秒，"
                    f"{stored / seconds:.1f} 份/秒"
                )
                t0 = time.perf_counter()
                ingest(store, [[f] for f in files])
                seconds = time.perf_counter() - t0
                lines.append(f"再次入库（按内容哈希跳过）：{len(files)} 份 {seconds:.3f} 秒")
            t0 = time.perf_counter()
            docs = _corpus_documents(count)
            build = time.perf_counter() - t0
            version = catalog_version()
            check_seconds = store_seconds = 0.0
            lookup = store.lookup()
            for doc in docs:
                t0 = time.perf_counter()
                report = check(doc, lookup=lookup)
                t1 = time.perf_counter()
                store.add(doc, report, catalog_version=version)
                t2 = time.perf_counter()
                check_seconds += t1 - t0
                store_seconds += t2 - t1
            total = check_seconds + store_seconds
            lines.append(
                f"生成数据 {len(docs)} 份（构造 {build:.1f} 秒，不计入）："
                f"审核（含文档库规则）+保存 {total:.1f} 秒，"
                f"{len(docs) / total:.1f} 份/秒；其中保存 {store_seconds:.1f} 秒，"
                f"{len(docs) / store_seconds:.1f} 份/秒"
            )
            unit = docs[len(docs) // 2].unit or ""
            history_times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                _, entries = store.history(unit)
                history_times.append(time.perf_counter() - t0)
            latest = max((d for d in docs if d.unit == unit), key=lambda d: d.year or 0)
            lookup_times = []
            for _ in range(repeat):
                store._json_cache.clear()
                t0 = time.perf_counter()
                lookup.previous_year(latest)
                lookup_times.append(time.perf_counter() - t0)
            total_docs = len(store.documents(all_versions=True))
            lines.append(
                f"库中 {total_docs} 份时，单位历年情况（{len(entries)} 个年度）查询：中位 "
                f"{statistics.median(history_times) * 1000:.1f} 毫秒，最快 "
                f"{min(history_times) * 1000:.1f} 毫秒"
            )
            lines.append(
                f"上年文档查找（含载入）：中位 {statistics.median(lookup_times) * 1000:.1f} 毫秒"
            )
            corpus_times = []
            # 50 documents spread over units and years (most state last year's changes)
            for doc in [docs[(i * 37) % len(docs)] for i in range(min(50, len(docs)))]:
                store._json_cache.clear()
                t0 = time.perf_counter()
                check(doc, select=["JS95"], lookup=lookup)
                corpus_times.append(time.perf_counter() - t0)
            lines.append(
                f"文档库规则（JS951–JS954，含查找与载入相关文档）每份：中位 "
                f"{statistics.median(corpus_times) * 1000:.1f} 毫秒，最慢 "
                f"{max(corpus_times) * 1000:.1f} 毫秒（{len(corpus_times)} 份）"
            )
    return "\n".join(lines) + "\n"


def _multipart(name: str, data: bytes, boundary: str) -> bytes:
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode()


def run_web_bench(path: Path, repeat: int = 5, requests: int = 200) -> str:
    """Time ``juesuan serve`` (the real command, its process pool, SQLite in a temporary
    folder) over HTTP on loopback: from the upload of ``path`` to its report page, each
    upload a new content (a PDF comment appended, so nothing is skipped as known), the
    first one apart; then report pages served per second, one client and four at once."""
    import http.client
    import json
    import os
    import socket
    import subprocess
    import sys
    import threading

    data = path.read_bytes()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 - closed below
        env = {k: v for k, v in os.environ.items() if k != "JUESUAN_WEB_CONFIG"}
        server = subprocess.Popen(
            [sys.executable, "-m", "juesuan.cli", "serve", "--port", str(port),
             "--data-dir", tmp, "--db", str(Path(tmp) / "bench.db")],
            stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip

        def call(
            method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
        ) -> tuple[int, bytes]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request(method, url, body=body, headers=headers or {})
                response = conn.getresponse()
                return response.status, response.read()
            finally:
                conn.close()

        try:
            for _ in range(300):
                if server.poll() is not None:
                    raise RuntimeError((Path(tmp) / "server.log").read_text())
                try:
                    if call("GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            times: list[float] = []
            document = 0
            for i in range(repeat + 1):
                boundary = f"juesuanbench{i}"
                body = _multipart(path.name, data + f"\n% bench {i}\n".encode(), boundary)
                t0 = time.perf_counter()
                status, raw = call(
                    "POST",
                    "/api/v1/jobs",
                    body,
                    {
                        "Content-Type": f"multipart/form-data; boundary={boundary}",
                        "X-Requested-With": "bench",
                    },
                )
                if status != 202:
                    raise RuntimeError(f"upload refused: {status} {raw[:200]!r}")
                poll = json.loads(raw)["poll"]
                for _ in range(6000):
                    state = json.loads(call("GET", poll)[1])
                    if state["finished"]:
                        break
                    time.sleep(0.02)
                job = state["jobs"][0]
                if job["state"] != "done":
                    raise RuntimeError(f"job failed: {job['error']}")
                document = job["document_id"]
                status, page = call("GET", f"/documents/{document}")
                times.append(time.perf_counter() - t0)
                if status != 200:
                    raise RuntimeError(f"report page: {status}")
            first, rest = times[0], times[1:] or times
            lines.append(
                f"上传到审核结果页（{path.name}，{len(data) // 1024} KB）：首次 {first:.2f} 秒"
                f"（含后台进程预热），之后最快 {min(rest):.2f} 秒，中位 "
                f"{statistics.median(rest):.2f} 秒（{len(rest)} 次）"
            )
            url = f"/documents/{document}"
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            t0 = time.perf_counter()
            for _ in range(requests):
                conn.request("GET", url)
                conn.getresponse().read()
            seconds = time.perf_counter() - t0
            conn.close()
            lines.append(
                f"审核结果页（{len(page) // 1024} KB）：单连接 {requests / seconds:.0f} 页/秒"
            )
            per_thread = max(requests // 4, 1)

            def fetch() -> None:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                for _ in range(per_thread):
                    c.request("GET", url)
                    c.getresponse().read()
                c.close()

            threads = [threading.Thread(target=fetch) for _ in range(4)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            seconds = time.perf_counter() - t0
            lines.append(f"　　　　　　　　　　　4 个并发连接 {4 * per_thread / seconds:.0f} 页/秒")
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    return "\n".join(lines) + "\n"
