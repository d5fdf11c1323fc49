"""The command line: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from juesuan.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()


def test_extract_json_to_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(
        app, ["extract", str(SAMPLES / "shanghai-shegong-2024.pdf"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "juesuan.disclosure/2"
    assert data["unit"] == "中共上海市普陀区委社会工作部"
    assert [t["kind"] for t in data["tables"]][:3] == ["T01", "T02", "T03"]
    row = next(r for r in data["tables"][1]["rows"] if r["code"] == "2013999")
    assert row["values"]["total"] == "202.24" and row["evidence"]["page"] == 6


def test_extract_text_summary() -> None:
    result = runner.invoke(
        app, ["extract", str(SAMPLES / "leshan-bigdata-center-2024.txt"), "--format", "text"]
    )
    assert result.exit_code == 0
    assert "单位：乐山市大数据中心" in result.output
    assert "正文未找到：财政拨款支出决算明细表" in result.output


def test_bad_inputs_exit_codes(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("这不是PDF", encoding="utf-8")
    image = tmp_path / "x.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cases = [(tmp_path / "missing.pdf", 3), (image, 4), (fake, 5), (empty, 5)]
    for path, code in cases:
        result = runner.invoke(app, ["extract", str(path)])
        assert result.exit_code == code, (path, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_usage_error_exit_code() -> None:
    result = runner.invoke(app, ["extract", "--format", "yaml", "x.pdf"])
    assert result.exit_code == 2


def test_console_script_prints_one_line_without_traceback(tmp_path: Path) -> None:
    fake = tmp_path / "bad.pdf"
    fake.write_bytes(b"%PDF-1.7\n garbage garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "juesuan.cli", "extract", str(fake)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 5
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("错误：")
    assert "Traceback" not in proc.stderr
    assert fake.read_bytes() == b"%PDF-1.7\n garbage garbage"


def test_bench_times_a_pdf_against_pymupdf_and_a_text_file_without() -> None:
    pdf = SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf"
    txt = SAMPLES / "sichuan-commerce-infocenter-2020.txt"
    result = runner.invoke(app, ["bench", str(pdf), str(txt), "-n", "2"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:3]}
    pdf_row, txt_row = rows[pdf.name], rows[txt.name]
    assert pdf_row[1] == "13"  # pages
    read_best, base, ratio = float(pdf_row[2]), float(pdf_row[5]), float(pdf_row[6])
    assert read_best > 0 and base > 0
    # the times are printed to the millisecond, the ratio to one decimal
    assert abs(ratio - read_best / base) <= 0.06 + 0.2 * ratio
    assert txt_row[5] == "-" and txt_row[6] == "-"  # no PyMuPDF time for a text file


def test_bench_empties_only_the_caches_keyed_on_a_documents_text() -> None:
    import juesuan.store  # noqa: F401 (its modules hold objects that answer any attribute)
    from juesuan import catalog, read
    from juesuan.bench import _document_caches
    from juesuan.structure import textutil

    read(SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf")
    caches = _document_caches()
    assert textutil._tidy in caches and textutil.key in caches
    assert catalog.table_specs not in caches  # a catalog's cache does not depend on documents
    for cache in caches:
        cache.cache_clear()
    assert textutil._tidy.cache_info().currsize == 0
