"""Identical-output check for refactors of the performance reader (not a pytest module).

    python tests/performance_identical.py save DIR      # before the change
    python tests/performance_identical.py compare DIR   # after: exit 1 on any difference

For every sample it keeps ``juesuan extract --format json`` (only ``evaluations``,
``department_evaluation`` and ``targets``), ``juesuan perf --format json`` and
``juesuan check --format json --select JS8``, each with its exit code, byte for byte.

The samples hold forms in four files only, so it also reads damaged copies of every sample
(lines dropped, cells blanked, rows shifted by an empty cell, titles removed, rows printed
one cell per line) with :func:`read_performance` and keeps what it reads: the same damage
must be read the same way before and after.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from juesuan.model import Disclosure
from juesuan.sources import load
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawTable
from juesuan.sources.text import read_text
from juesuan.structure import build
from juesuan.structure.performance import read_performance

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".pdf"))
JUESUAN = str(Path(sys.executable).with_name("juesuan"))
KEEP = ("evaluations", "department_evaluation", "targets")


def _run(args: list[str]) -> tuple[int, bytes]:
    done = subprocess.run([JUESUAN, *args], capture_output=True, cwd=ROOT, check=False)
    return done.returncode, done.stdout


def outputs(sample: Path) -> dict[str, bytes]:
    rel = str(sample.relative_to(ROOT))
    out: dict[str, bytes] = {}
    rc, text = _run(["extract", rel, "--format", "json"])
    data = json.loads(text) if rc == 0 else {}
    kept = {k: data.get(k) for k in KEEP}
    out["extract"] = f"{rc}\n".encode() + json.dumps(kept, ensure_ascii=False, indent=1).encode()
    rc, text = _run(["perf", rel, "--format", "json"])
    out["perf"] = f"{rc}\n".encode() + text
    rc, text = _run(["check", rel, "--format", "json", "--select", "JS8"])
    out["check"] = f"{rc}\n".encode() + text
    return out


def _lines(raw: RawDocument) -> list[RawLine]:
    return list(raw.lines())


def _drop(raw: RawDocument, k: int, o: int) -> RawDocument:
    out = copy.deepcopy(raw)
    n = 0
    for page in out.pages:
        items: list[RawItem] = []
        for item in page.items:
            if isinstance(item, RawTable):
                kept = []
                for row in item.rows:
                    n += 1
                    if n % k != o:
                        kept.append(row)
                if kept:
                    item.rows = kept
                    items.append(item)
            else:
                n += 1
                if n % k != o:
                    items.append(item)
        page.items = items
    return out


def _blank(raw: RawDocument, k: int, o: int) -> RawDocument:
    out = copy.deepcopy(raw)
    n = 0
    for ln in _lines(out):
        if len(ln.cells) < 2:
            continue
        for c in ln.cells:
            n += 1
            if n % k == o:
                c.text = ""
        ln.text = "\t".join(c.text for c in ln.cells)
    return out


def _shift(raw: RawDocument, k: int, o: int) -> RawDocument:
    out = copy.deepcopy(raw)
    n = 0
    for ln in _lines(out):
        if len(ln.cells) < 2:
            continue
        n += 1
        if n % k == o:
            for c in ln.cells:
                if c.col is not None:
                    c.col += 1
            ln.cells.insert(0, RawCell("", col=0 if ln.cells[0].col is not None else None))
            ln.text = "\t" + ln.text
    return out


def _title(item: RawItem) -> bool:
    if isinstance(item, RawTable) or len(item.text.strip()) >= 40:
        return False
    return "绩效自评表" in item.text or "绩效目标" in item.text


def _untitled(raw: RawDocument) -> RawDocument:
    out = copy.deepcopy(raw)
    for page in out.pages:
        page.items = [it for it in page.items if not _title(it)]
    return out


def _one_cell(text: str) -> str:
    """Every tab-separated row printed one cell per line, rows separated by a blank line."""
    lines: list[str] = []
    for ln in text.splitlines():
        if "\t" in ln:
            cells = [c for c in ln.split("\t") if c.strip()]
            lines.extend(c + "\t" for c in cells)
            lines.append("")
        else:
            lines.append(ln)
    return "\n".join(lines)


def _variants(sample: Path, raw: RawDocument) -> Iterator[tuple[str, RawDocument]]:
    for k in (3, 7):
        for o in range(k):
            yield f"drop{k}:{o}", _drop(raw, k, o)
    for o in range(5):
        yield f"blank5:{o}", _blank(raw, 5, o)
    for o in range(4):
        yield f"shift4:{o}", _shift(raw, 4, o)
    yield "untitled", _untitled(raw)
    if sample.suffix == ".txt":
        text = sample.read_text(encoding="utf-8")
        yield "onecell", read_text(sample, _one_cell(text).encode("utf-8"))
        yield "spaces", read_text(sample, text.replace("\t", "\t \t").encode("utf-8"))


def damaged(sample: Path) -> bytes:
    raw = load(sample)
    doc = build(copy.deepcopy(raw))
    out: list[str] = []
    for name, variant in _variants(sample, raw):
        fresh = Disclosure(source=doc.source)
        fresh.tables = doc.tables
        read_performance(variant, fresh)
        data = {
            "variant": name,
            "evaluations": [e.to_dict() for e in fresh.evaluations],
            "department_evaluation": (
                fresh.department_evaluation.to_dict() if fresh.department_evaluation else None
            ),
            "targets": [t.to_dict() for t in fresh.targets],
        }
        out.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    return "\n".join(out).encode()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__)
        return 2
    mode, folder = argv[0], Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(outputs, SAMPLES))
    differ = 0
    for sample, out in zip(SAMPLES, results, strict=True):
        for what, data in out.items():
            path = folder / f"{sample.name}.{what}.json"
            if mode == "save":
                path.write_bytes(data)
            elif not path.exists() or path.read_bytes() != data:
                differ += 1
                path.with_suffix(".new").write_bytes(data)
                print(f"DIFFERENT: {sample.name} {what} (new output in {path.with_suffix('.new')})")
    with ProcessPoolExecutor(max_workers=6) as procs:
        hurt = list(procs.map(damaged, SAMPLES))
    for sample, data in zip(SAMPLES, hurt, strict=True):
        path = folder / f"{sample.name}.damaged.jsonl.gz"
        if mode == "save":
            path.write_bytes(gzip.compress(data, mtime=0))
        elif not path.exists() or gzip.decompress(path.read_bytes()) != data:
            differ += 1
            new = path.with_suffix(".new")
            new.write_bytes(data)
            print(f"DIFFERENT: {sample.name} damaged copies (new output in {new})")
        results[SAMPLES.index(sample)]["damaged"] = data
    digest = hashlib.sha256(b"".join(hurt)).hexdigest()[:12]
    readings = sum(len(d.splitlines()) for d in hurt)
    print(f"damaged copies: {readings} readings, sha256 {digest}")
    n = sum(len(o) for o in results)
    if mode == "save":
        print(f"saved {n} outputs of {len(SAMPLES)} samples in {folder}")
        return 0
    print(f"{n - differ}/{n} outputs identical ({len(SAMPLES)} samples)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
