"""`juesuan check` and `juesuan rules`: formats, filters, exit codes, refusal to overwrite."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.reporting.rulebook import rules_markdown
from juesuan.rules import all_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DOCS = Path(__file__).resolve().parents[1] / "docs"
runner = CliRunner()
LESHAN = str(SAMPLES / "leshan-bigdata-center-2024.txt")


def test_check_json_schema_and_exit_code() -> None:
    result = runner.invoke(app, ["check", LESHAN, "--format", "json", "--select", "JS7"])
    assert result.exit_code == 1  # the "**" placeholder is an error-level finding
    (data,) = json.loads(result.stdout)  # always an array, one object per input
    assert data["schema"] == "juesuan.findings/2"
    assert "timing" not in data  # only on request, so the same document gives the same bytes
    assert data["document"]["unit"] == "乐山市大数据中心" and data["document"]["year"] == 2024
    rules = {f["rule"] for f in data["findings"]}
    assert "JS701" in rules
    placeholder = next(f for f in data["findings"] if f["rule"] == "JS701")
    assert placeholder["severity"] == "error" and placeholder["evidence"][0]["line"] == 154
    assert data["summary"]["error"] >= 1


def test_check_filters() -> None:
    result = runner.invoke(
        app, ["check", LESHAN, "-f", "json", "--select", "JS7", "--min-severity", "error"]
    )
    severities = {f["severity"] for f in json.loads(result.stdout)[0]["findings"]}
    assert severities == {"error"}
    result = runner.invoke(app, ["check", LESHAN, "-f", "json", "--select", "JS707"])
    assert result.exit_code == 0  # a warning only
    assert {f["rule"] for f in json.loads(result.stdout)[0]["findings"]} == {"JS707"}
    result = runner.invoke(
        app, ["check", LESHAN, "-f", "json", "--select", "JS7", "--ignore", "JS701,JS702,JS703"]
    )
    assert result.exit_code == 0


def test_check_text_to_file_is_plain(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = runner.invoke(app, ["check", LESHAN, "--select", "JS7", "-o", str(out)])
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "乐山市大数据中心" in text and "JS701" in text and "\x1b[" not in text


def test_check_several_files_and_unreadable_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = runner.invoke(app, ["check", LESHAN, str(bad), "-f", "json", "--select", "JS707"])
    assert result.exit_code == 5  # the unreadable input wins over findings
    assert "错误：" in result.stderr and "Traceback" not in result.output
    assert json.loads(result.stdout)[0]["document"]["unit"] == "乐山市大数据中心"


def test_check_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", LESHAN, "-f", "xlsx"])
    assert result.exit_code == 2 and "-o" in result.stderr
    result = runner.invoke(app, ["check", LESHAN, "--annotate", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "PDF" in result.stderr
    copy = tmp_path / "in.txt"
    shutil.copy(LESHAN, copy)
    before = copy.read_bytes()
    result = runner.invoke(app, ["check", str(copy), "-o", str(copy)])
    assert result.exit_code == 2 and copy.read_bytes() == before
    result = runner.invoke(app, ["check", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 3


def test_rules_list_and_explain() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert all(code in result.stdout for code in all_rules())
    result = runner.invoke(app, ["rules", "explain", "js701"])
    assert result.exit_code == 0
    assert "模板占位符未替换" in result.stdout and "错误示例" in result.stdout
    result = runner.invoke(app, ["rules", "explain", "JS999"])
    assert result.exit_code == 2


def test_docs_rules_md_is_generated_from_metadata() -> None:
    """docs/rules.md must be regenerated (`juesuan rules --markdown > docs/rules.md`)."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown(all_rules().values())


def test_check_reports_carry_the_performance_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", LESHAN, "--select", "JS8"])
    assert "【绩效自评汇总】" in result.stdout and "高分低执行" in result.stdout
    assert "“一网通办”分站点建设试点" in result.stdout
    html = tmp_path / "r.html"
    runner.invoke(app, ["check", LESHAN, "-f", "html", "-o", str(html), "--select", "JS8"])
    page = html.read_text(encoding="utf-8")
    assert "绩效自评汇总" in page and "14 个项目" in page
    xlsx = tmp_path / "r.xlsx"
    runner.invoke(app, ["check", LESHAN, "-f", "xlsx", "-o", str(xlsx), "--select", "JS8"])
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx)["绩效自评"]
    assert sheet.max_row == 1 + 14  # header + one row per project table
    # a document without project tables gets no such section
    guihua = str(SAMPLES / "shanghai-guihua-2024.pdf")
    result = runner.invoke(app, ["check", guihua, "--select", "JS7"])
    assert "绩效自评汇总" not in result.stdout


def test_check_refuses_a_text_that_is_not_a_disclosure(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("## Meeting notes\n\nNothing about final accounts here.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(notes)])
    assert result.exit_code == 4
    assert "不像决算或预算公开文件" in result.stderr and "Traceback" not in result.output


def test_check_as_one_reads_narrative_and_tables_together() -> None:
    narrative = str(SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf")
    tables = str(SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf")
    apart = runner.invoke(app, ["check", narrative, tables])
    assert apart.stdout.count("审核结果") == 2  # two documents without --as-one
    result = runner.invoke(app, ["check", narrative, tables, "--as-one"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count("审核结果") == 1
    assert f"文件：{narrative} + {tables}（PDF，28页）" in result.stdout
    assert "类型：部门预算" in result.stdout
    # evidence names the file a page belongs to, with that file's own page number
    assert "jiangsu-party-office-2018-dept-budget-tables.pdf 第11页" in result.stdout
