"""Timing of reading and checking: per document and per page, against PyMuPDF's own text
extraction (the floor any PDF reader built on it can reach)."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.model import Disclosure


def _best(times: list[float]) -> tuple[float, float]:
    return min(times), statistics.median(times)


def _pymupdf_text_time(path: Path, repeat: int) -> float:
    import pymupdf

    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text()
        times.append(time.perf_counter() - t0)
    return min(times)


def run_bench(files: list[Path], repeat: int = 5, multiply: int = 1) -> str:
    """Read each file ``repeat`` times; report best and median seconds, per page, and the
    ratio to PyMuPDF plain text extraction.  ``multiply`` > 1 builds a PDF that repeats the
    input that many times (a large-document check)."""
    from juesuan import read
    from juesuan.rules import check

    lines = [
        f"{'文件':<40} {'页数':>4} {'读取最快(秒)':>9} {'读取中位(秒)':>9} {'每页(毫秒)':>10} "
        f"{'PyMuPDF(秒)':>11} {'倍数':>5} {'审核规则(秒)':>9} {'读取+审核(秒)':>9}"
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
        read(target)  # warm-up: imports and caches
        times = []
        doc = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            doc = read(target)
            times.append(time.perf_counter() - t0)
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
        if target.suffix.lower() == ".pdf":
            base = _pymupdf_text_time(target, repeat)
            ratio = f"{best / base:5.1f}" if base else "-"
            base_s = f"{base:11.3f}"
        else:
            base_s, ratio = f"{'-':>11}", f"{'-':>5}"
        lines.append(
            f"{target.name:<40} {pages or '-':>4} {best:9.3f} {median:9.3f} {per_page} "
            f"{base_s} {ratio:>5} {rules_best:12.4f} {best + rules_best:13.3f}"
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
    sums still add up, each with its own content hash."""
    import copy
    import hashlib

    from juesuan.generate.compose import to_disclosure
    from juesuan.generate.data import load_example

    base = load_example()
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
            for doc in docs:
                t0 = time.perf_counter()
                report = check(doc)
                t1 = time.perf_counter()
                store.add(doc, report, catalog_version=version)
                t2 = time.perf_counter()
                check_seconds += t1 - t0
                store_seconds += t2 - t1
            total = check_seconds + store_seconds
            lines.append(
                f"生成数据 {len(docs)} 份（构造 {build:.1f} 秒，不计入）："
                f"审核+保存 {total:.1f} 秒，"
                f"{len(docs) / total:.1f} 份/秒；其中保存 {store_seconds:.1f} 秒，"
                f"{len(docs) / store_seconds:.1f} 份/秒"
            )
            unit = docs[len(docs) // 2].unit or ""
            history_times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                _, entries = store.history(unit)
                history_times.append(time.perf_counter() - t0)
            lookup = store.lookup()
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
    return "\n".join(lines) + "\n"
