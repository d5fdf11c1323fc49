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
    BUDGET_MISTAKES,
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
    assert len(plan) == 60
    assert len({(d.unit, d.year, d.kind) for d in plan}) == 60
    assert len({d.unit for d in plan}) > 5
    assert {d.layout for d in plan} == {"sichuan", "shanghai", "national"}
    assert {d.scope for d in plan} == {"部门", "单位"}
    finals = [d for d in plan if d.kind == "决算"]
    budgets = {(d.unit, d.year): d for d in plan if d.kind == "预算"}
    assert len(budgets) > len(finals) / 2  # most years have a budget too
    for before, after in itertools.pairwise(finals):
        if before.unit == after.unit:
            assert after.year == before.year + 1
            assert after.prior_factor == before.factor
    for d in finals:
        budget = budgets.get((d.unit, d.year))
        if budget is not None:  # the same year's figures, the unit's budget layout
            assert (budget.factor, budget.prior_factor) == (d.factor, d.prior_factor)
            assert budget.layout == {"sichuan": "national", "shanghai": "shanghai"}[d.layout]
            assert budget.prior_budget == ((d.unit, d.year - 1) in budgets)


def _budget(layout: str, mistake: str | None, prior: int | None = 3) -> CorpusDocument:
    return CorpusDocument(
        index=8,
        file=f"b-{layout}-{mistake}.txt",
        unit="青川市文化广电旅游局",
        place="青川市",
        year=2023,
        scope="部门",
        layout=layout,
        factor=5,
        prior_factor=prior,
        mistake=mistake,
        kind="预算",
        prior_budget=prior is not None,
    )


@pytest.mark.parametrize("layout", ["national", "shanghai"])
def test_a_clean_generated_budget_reads_back_without_findings(layout: str, tmp_path: Path) -> None:
    for prior in (None, 4):
        document, mistake = build_document(_budget(layout, None, prior))
        assert mistake is None
        path = tmp_path / f"clean-{prior}.txt"
        path.write_text(render_text(document), encoding="utf-8")
        report = check_file(path)
        assert report.document.kind.value == "预算"
        assert report.document.layout == {"national": "jiangsu-budget"}.get(
            layout, "shanghai-budget"
        )
        assert (report.document.unit, report.document.year) == ("青川市文化广电旅游局", 2023)
        assert report.findings == []
        ran = {code for code, s in report.rule_status.items() if s.value == "ran"}
        assert {"JS901", "JS911", "JS931", "JS933", "JS937", "JS938"} <= ran


#: Budget mistakes a layout offers no place for (another kind is made instead), and the
#: corpus rule that needs last year's budget in a store (tested with the corpus below).
_NOT_IN_LAYOUT = {
    "shanghai": {"budget_narrative_item", "budget_procurement", "budget_personnel", "budget_share"},
    "national": set(),
}


@pytest.mark.parametrize("layout", ["national", "shanghai"])
@pytest.mark.parametrize("kind", sorted(set(BUDGET_MISTAKES) - {"budget_change"}))
def test_each_kind_of_budget_mistake_is_reported_by_its_rule(
    kind: str, layout: str, tmp_path: Path
) -> None:
    document, mistake = build_document(_budget(layout, kind))
    assert mistake is not None
    if kind in _NOT_IN_LAYOUT[layout]:
        assert mistake.kind != kind
    else:
        assert mistake.kind == kind and mistake.rule == BUDGET_MISTAKES[kind].rule
    path = tmp_path / "spoiled.txt"
    path.write_text(render_text(document), encoding="utf-8")
    assert mistake.rule in _rules_of(path)


def test_a_small_corpus_has_both_kinds_and_every_mistake_is_found(tmp_path: Path) -> None:
    """20 documents checked by ``juesuan batch``: final accounts and budgets, the clean ones
    without an error or a warning, every planted mistake found by its expected rule — the
    change against last year's budget too (JS953, a corpus rule: the batch checks against
    the store, and checks again what was checked before last year's budget was stored)."""
    from juesuan.batch import run_batch
    from juesuan.batch.outputs import recall

    folder = tmp_path / "c"
    result = write_corpus(folder, 20, seed=4, mistake_rate=0.6)
    kinds = {d.kind for d in result.documents}
    assert kinds == {"决算", "预算"}
    assert any(m.kind in BUDGET_MISTAKES for m in result.mistakes)
    assert any(m.rule == "JS953" for m in result.mistakes)
    files = sorted(folder.glob("*.txt"))
    report = run_batch(files, db=str(tmp_path / "c.db"), workers=1)
    got = recall(report.results, load_mistakes(folder / MISTAKES_FILE))
    assert got.injected == len(result.mistakes)
    assert got.found == got.injected, [(r.kind, r.missed) for r in got.rows if r.missed]
    assert any(r.rule == "JS953" and r.found for r in got.rows)
    assert got.clean_with_findings == 0, got.false_alarms
    assert set(got.clean_by_kind) == {"决算", "预算"}


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
    plan = [d for d in plan_corpus(120, seed=2, fmt="pdf") if d.mistake == "cross_table"]
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


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_budget_in_another_format_carries_its_mistake(fmt: str, tmp_path: Path) -> None:
    from dataclasses import replace

    from juesuan.generate.corpus import write_document

    entry = replace(_budget("national", "budget_sangong"), file=f"b.{fmt}")
    mistake = write_document(entry, tmp_path)
    assert mistake is not None and mistake.rule == "JS937"
    report = check_file(tmp_path / entry.file)
    assert report.document.kind.value == "预算"
    assert {f.rule for f in report.findings} == {"JS937"}
