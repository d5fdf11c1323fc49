"""Timing of reading and checking: per document and per page, against PyMuPDF's own text
extraction (the floor any PDF reader built on it can reach)."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path


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
