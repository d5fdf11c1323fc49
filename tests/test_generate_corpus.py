"""The synthetic corpus (``juesuan generate --corpus``): documents that read back clean,
and every kind of injected mistake reported by the rule the list names."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.generate.corpus import (
    MISTAKES,
    MISTAKES_FILE,
    CorpusDocument,
    build_document,
    load_mistakes,
    plan_corpus,
    write_corpus,
)
from juesuan.generate.render_text import render_text
from juesuan.rules import check_file

runner = CliRunner()


def _entry(layout: str, mistake: str | None, prior: int | None = 3) -> CorpusDocument:
    return CorpusDocument(
        index=7,
        file=f"x-{layout}-{mistake}.txt",
        unit="青川市文化广电旅游局",
        place="青川市",
        year=2023,
        scope="部门",
        layout=layout,
        factor=5,
        prior_factor=prior,
        mistake=mistake,
    )


def _rules_of(path: Path) -> set[str]:
    return {f.rule for f in check_file(path).findings}


@pytest.mark.parametrize("layout", ["sichuan", "shanghai"])
def test_a_clean_generated_document_reads_back_without_findings(
    layout: str, tmp_path: Path
) -> None:
    for prior in (None, 4):
        document, mistake = build_document(_entry(layout, None, prior))
        assert mistake is None
        path = tmp_path / f"clean-{prior}.txt"
        path.write_text(render_text(document), encoding="utf-8")
        report = check_file(path)
        assert report.document.unit == "青川市文化广电旅游局"
        assert report.document.year == 2023
        assert report.findings == []


@pytest.mark.parametrize("layout", ["sichuan", "shanghai"])
@pytest.mark.parametrize("kind", sorted(MISTAKES))
def test_each_kind_of_mistake_is_reported_by_its_rule(
    kind: str, layout: str, tmp_path: Path
) -> None:
    document, mistake = build_document(_entry(layout, kind))
    assert mistake is not None and mistake.kind == kind
    assert mistake.rule == MISTAKES[kind].rule and mistake.where
    path = tmp_path / "spoiled.txt"
    path.write_text(render_text(document), encoding="utf-8")
    assert MISTAKES[kind].rule in _rules_of(path)


def test_plan_is_seeded_with_units_over_consecutive_years() -> None:
    plan = plan_corpus(60, seed=11)
    assert plan == plan_corpus(60, seed=11)
    assert plan != plan_corpus(60, seed=12)
    assert len({(d.unit, d.year) for d in plan}) == 60
    assert len({d.unit for d in plan}) > 10
    assert {d.layout for d in plan} == {"sichuan", "shanghai"}
    assert {d.scope for d in plan} == {"部门", "单位"}
    for before, after in itertools.pairwise(plan):
        if before.unit == after.unit:
            assert after.year == before.year + 1
            assert after.prior_factor == before.factor


def test_corpus_folder_and_mistake_list(tmp_path: Path) -> None:
    result = write_corpus(tmp_path / "c", 12, seed=5, mistake_rate=0.5)
    files = sorted(p.name for p in (tmp_path / "c").glob("*.txt"))
    assert files == sorted(d.file for d in result.documents)
    listed = load_mistakes(tmp_path / "c" / MISTAKES_FILE)
    assert [p.name for p, _ in listed.mistakes] == [m.file for m in result.mistakes]
    assert len(listed.documents) == 12 and result.mistakes
    raw = json.loads((tmp_path / "c" / MISTAKES_FILE).read_text(encoding="utf-8"))
    spoiled = {d["file"] for d in raw["documents"] if d["mistake"]}
    assert spoiled == {m.file for m in result.mistakes}
    for path, mistake in listed.mistakes:
        assert mistake.rule in _rules_of(path)


def test_a_pdf_of_the_corpus_carries_its_mistake(tmp_path: Path) -> None:
    plan = [d for d in plan_corpus(40, seed=2, fmt="pdf") if d.mistake == "cross_table"]
    from juesuan.generate.corpus import write_document

    mistake = write_document(plan[0], tmp_path)
    assert mistake is not None
    assert mistake.rule in _rules_of(tmp_path / plan[0].file)


def test_generate_corpus_command(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = runner.invoke(
        app, ["generate", "--corpus", "5", "--seed", "3", "--workers", "1", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "已生成 5 份" in result.output
    assert len(list(out.glob("*.txt"))) == 5 and (out / MISTAKES_FILE).is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--corpus", "3"], "输出目录"),
        (["--corpus", "3", "--format", "rtf", "DIR"], "不支持的格式"),
        (["--corpus", "3", "--mistake-rate", "2", "DIR"], "--mistake-rate"),
    ],
)
def test_generate_corpus_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    args = [str(tmp_path / "d") if a == "DIR" else a for a in args]
    result = runner.invoke(app, ["generate", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
