"""``juesuan ingest`` and ``juesuan corpus …`` as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app
from tests import corpusgen

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_ingest_the_samples_twice_then_browse(store_url: str, tmp_path: Path) -> None:
    db = ["--db", store_url]
    code, out = run("ingest", str(SAMPLES), *db)
    assert code == 0, out
    assert "入库 12 份，已在库中（跳过）0 份，失败 0 份" in out
    assert "江苏省高级人民法院" in out and "单位决算" in out
    code, out = run("ingest", str(SAMPLES / "*.pdf"), str(SAMPLES / "*.txt"), *db)
    assert code == 0 and "入库 0 份，已在库中（跳过）12 份，失败 0 份" in out

    # The party office's narrative and tables, stored apart, are two versions of one
    # document (same unit, year and kind): the list shows the current one.
    code, out = run("corpus", "list", *db)
    assert code == 0 and "文档 11 份，单位 10 个，2018–2025 年度" in out
    code, out = run("corpus", "list", "--all-versions", *db)
    assert "文档 12 份" in out and "（已被取代）" in out
    code, out = run("corpus", "list", "--kind", "预算", "--year", "2018", *db)
    assert "文档 2 份" in out and "江苏省高级人民法院" in out and "乐山" not in out

    code, out = run("corpus", "history", "江苏省高级人民法院", *db)
    assert code == 0, out
    assert re.search(r"2018\s*│\s*(?:部门)?预算\s*│\s*33,172\.15", out)
    assert re.search(r"2019\s*│\s*(?:部门)?预算\s*│\s*37,188\.34", out)
    assert "连续多年出现的问题" in out

    code, out = run(
        "corpus", "findings", "--unit", "上海市普陀区规划", "--min-severity", "error", *db
    )
    assert code == 0 and "共 3 条。" in out
    ids = re.findall(r"#(\d+) \[待处理\] 错误", out)
    assert len(ids) == 3
    code, out = run("corpus", "review", ids[0], "--state", "dismissed", *db)
    assert code == 2 and "必须写明理由" in out
    code, out = run(
        "corpus", "review", ids[0], "-s", "排除", "-r", "已核实无误", "--by", "审核员甲", *db
    )
    assert code == 0 and "标记为“已排除”" in out and "[已排除：已核实无误]" in out
    code, out = run("corpus", "findings", "--state", "dismissed", *db)
    assert "共 1 条。" in out

    target = tmp_path / "findings.csv"
    code, out = run("corpus", "export", "findings", "-o", str(target), "--unit", "规划", *db)
    assert code == 0 and "已导出 1 份文档" in out
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8").lstrip("\ufeff"))))
    states = {r["意见编号"]: (r["审核状态"], r["理由"], r["审核人"]) for r in rows}
    assert states[ids[0]] == ("已排除", "已核实无误", "审核员甲")

    code, out = run("corpus", "unit", "list", *db)
    assert code == 0 and "单位 10 个" in out


def test_renamed_unit_merged_on_the_command_line(store_url: str, tmp_path: Path) -> None:
    db = ["--db", store_url]
    folder = tmp_path / "generated"
    folder.mkdir()
    from juesuan.generate.run import generate

    for name, year, factor in [("壬区大数据中心", 2023, 1), ("壬区数据局", 2024, 2)]:
        generate(corpusgen.variant(name, year, factor), folder / f"{name}{year}.docx")
    code, out = run("ingest", str(folder), *db)
    assert code == 0 and "入库 2 份" in out
    code, out = run("corpus", "unit", "merge", "壬区数据局", "壬区大数据中心", "--by", "甲", *db)
    assert code == 0, out
    assert "已合并" in out and "年度：2023、2024" in out
    code, out = run("corpus", "history", "壬区大数据中心", *db)
    assert "单位：#" in out and "壬区数据局（又名 壬区大数据中心）" in out
    code, out = run("corpus", "unit", "show", "壬区数据局", *db)
    assert "甲：并入单位" in out
    code, out = run("corpus", "unit", "split", "壬区数据局", "--name", "壬区大数据中心", *db)
    assert code == 0 and "已拆出新单位" in out and "年度：2023；" in out
    code, out = run("corpus", "unit", "rename", "壬区数据局", "壬区数据管理局", *db)
    assert code == 0 and "已改名" in out
    code, out = run("corpus", "unit", "merge", "壬区数据管理局", "不存在", *db)
    assert code == 10 and "库中没有单位“不存在”" in out


def test_ingest_as_one_and_bad_files(store_url: str, tmp_path: Path) -> None:
    db = ["--db", store_url]
    narrative = SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf"
    tables = SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf"
    code, out = run("ingest", "--as-one", str(narrative), str(tables), *db)
    assert code == 0 and "入库 1 份" in out
    from juesuan.store import open_store

    with open_store(store_url) as store:
        assert store.documents()[0].files == [str(narrative), str(tables)]
    code, out = run("ingest", "--as-one", str(narrative), *db)
    assert code == 2 and "两个或以上" in out

    broken = tmp_path / "坏文件.pdf"
    broken.write_text("不是 PDF", encoding="utf-8")
    code, out = run("ingest", str(broken), str(tables), str(tmp_path / "没有.pdf"), *db)
    assert code == 5
    assert "找不到文件或没有匹配的文件" in out
    assert "坏文件.pdf：文件不是有效的 PDF" in out
    assert "入库 0 份，已在库中（跳过）1 份，失败 1 份" in out
    assert "Traceback" not in out
    code, out = run("corpus", "list", "--failed", *db)
    assert code == 0 and "坏文件.pdf" in out and "文件不是有效的 PDF" in out


def test_export_formats_and_refusals(store_url: str, tmp_path: Path) -> None:
    db = ["--db", store_url]
    run("ingest", str(SAMPLES / "shanghai-shegong-2024.pdf"), *db)
    for name in ("t.csv", "t.xlsx", "t.parquet"):
        code, out = run("corpus", "export", "tables", "-o", str(tmp_path / name), *db)
        assert code == 0, out
        assert (tmp_path / name).stat().st_size > 0
    code, out = run("corpus", "export", "all", "-o", str(tmp_path / "all.xlsx"), *db)
    assert code == 0 and "公开表数据" in out and "审核意见" in out
    code, out = run("corpus", "export", "pages", "-o", str(tmp_path / "x.csv"), *db)
    assert code == 2 and "不能导出“pages”" in out
    code, out = run("corpus", "export", "tables", "-o", str(tmp_path / "x.json"), *db)
    assert code == 2 and "导出格式只能是" in out


def test_default_database_in_the_data_directory(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "JUESUAN_DB": ""}
    code, out = run("ingest", str(SAMPLES / "shanghai-shegong-2024.pdf"), env=env)
    assert code == 0, out
    db = tmp_path / "data" / "juesuan" / "juesuan.db"
    assert db.is_file() and f"数据库：sqlite:///{db}" in out
    code, out = run("corpus", "list", env={**env, "JUESUAN_DB": str(db)})
    assert "文档 1 份" in out
    other = tmp_path / "other.db"
    code, out = run("corpus", "list", env={**env, "JUESUAN_DB": f"sqlite:///{other}"})
    assert "文档 0 份" in out and other.is_file()


def test_unusable_database_is_one_chinese_line(tmp_path: Path) -> None:
    env = {**os.environ, "JUESUAN_DB": "postgresql://nobody@127.0.0.1:1/none"}
    result = subprocess.run(
        [sys.executable, "-m", "juesuan.cli", "corpus", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 10
    assert result.stderr.startswith(
        "错误：无法打开数据库 postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_check_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from juesuan.cli import app\n"
        "try:\n"
        f"    app(['check', {str(SAMPLES / 'shanghai-shegong-2024.pdf')!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "JUESUAN_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path)  # no default store there
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.parametrize("state", ["deleted", "完成"])
def test_review_state_must_be_known(state: str, tmp_path: Path) -> None:
    code, out = run("corpus", "review", "1", "--state", state, "--db", str(tmp_path / "x.db"))
    assert code == 2 and "审核状态只能是" in out


def test_bench_corpus_reports_rates_and_query_times() -> None:
    code, out = run("bench", "--corpus", "12")
    assert code == 0, out
    assert "样例文件入库（读取+审核+保存）：12 份" in out
    assert "生成数据 12 份" in out and "份/秒" in out
    assert re.search(r"库中 24 份时，单位历年情况（\d+ 个年度）查询：中位 [\d.]+ 毫秒", out)
    assert re.search(r"文档库规则（JS951–JS954，含查找与载入相关文档）每份：中位 [\d.]+ 毫秒", out)


def test_recheck_only_what_the_current_rules_have_not_checked(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "r.db")]
    run("ingest", str(SAMPLES / "shanghai-shegong-2024.pdf"), *db)
    code, out = run("corpus", "recheck", *db)
    assert code == 0 and "重新审核 0 份文档" in out and "其余 1 份" in out
    code, out = run("corpus", "recheck", "--all", *db)
    assert code == 0 and "重新审核 1 份文档" in out
