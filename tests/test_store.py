"""The store on SQLite and on PostgreSQL: ingest of the samples and of a generated corpus,
exact reload, units across years, versions and review states, lookups, exports."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.errors import StoreError
from juesuan.ingest import catalog_version, collect, ingest
from juesuan.model import DocKind, to_json_dict
from juesuan.model.corpus import MemoryCorpus
from juesuan.rules import check
from juesuan.store import open_store
from juesuan.store.core import Store
from tests import corpusgen
from tests.conftest import BACKENDS, backend_url

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".md")


@pytest.fixture(scope="session")
def generated_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The generated corpus rendered once (DOCX, read back like any published file)."""
    return corpusgen.write_corpus(tmp_path_factory.mktemp("generated"))


@dataclass
class Corpus:
    store: Store
    ids: dict[str, int]  # file name -> document id


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    generated_files: list[Path],
) -> Iterator[Corpus]:
    """The samples and the generated corpus ingested once per backend."""
    folder = tmp_path_factory.mktemp(f"corpus-{request.param}")
    with backend_url(request.param, folder, request.node.nodeid) as url:
        store = open_store(url)
        summary = ingest(store, [[p] for p in [*SAMPLE_FILES, *generated_files]])
        assert [o.label for o in summary.of("failed")] == []
        ids = {o.paths[0].name: o.document_id for o in summary.outcomes}
        assert all(isinstance(i, int) for i in ids.values())
        yield Corpus(store, {k: v for k, v in ids.items() if v is not None})
        store.close()


# --- ingest ----------------------------------------------------------------------------------


def test_every_sample_stored_once_and_a_second_ingest_does_nothing(corpus: Corpus) -> None:
    store = corpus.store
    before = store.documents(all_versions=True)
    generated = sum(len(years) for years in corpusgen.UNITS.values())
    assert len(before) == len(SAMPLE_FILES) + generated
    again = ingest(store, [[p] for p in SAMPLE_FILES])
    assert {o.status for o in again.outcomes} == {"skipped"}
    assert [o.document_id for o in again.outcomes] == [corpus.ids[p.name] for p in SAMPLE_FILES]
    assert len(store.documents(all_versions=True)) == len(before)


def test_a_copy_under_another_name_only_records_the_name(store_url: str, tmp_path: Path) -> None:
    original = SAMPLES / "shanghai-shegong-2024.pdf"
    copy = tmp_path / "社工部决算（转载）.pdf"
    shutil.copy(original, copy)
    with open_store(store_url) as store:
        first = ingest(store, [[original], [copy]])
        assert [o.status for o in first.outcomes] == ["stored", "skipped"]
        (doc,) = store.documents()
        assert doc.files == [str(original), str(copy)]
        ingest(store, [[copy]])
        assert store.documents()[0].files == [str(original), str(copy)]


def test_stored_document_reloads_exactly(corpus: Corpus) -> None:
    for name in ("shanghai-guihua-2024.pdf", "leshan-bigdata-center-2024.txt"):
        stored = corpus.store.load(corpus.ids[name])
        assert to_json_dict(stored) == to_json_dict(juesuan.read(SAMPLES / name))


def test_amounts_are_exact_decimals(corpus: Corpus) -> None:
    doc_id = corpus.ids["shanghai-municipal-finance-bureau-2025-unit-budget.pdf"]
    model = corpus.store.load(doc_id)
    expected = {
        (t.kind.value, j, column): value
        for t in model.tables
        for j, r in enumerate(t.rows)
        for column, value in r.values.items()
        if value is not None
    }
    cells = corpus.store.table_cells([doc_id])
    got = {
        (c["kind"], c["position"], c["column"]): c["value"] for c in cells if c["value"] is not None
    }
    assert got == expected
    assert all(isinstance(v, Decimal) for v in got.values())
    # Four printed decimals survive as printed (no float, no lost trailing zero).
    assert {str(v) for v in got.values()} >= {"17191.5169", "466.8000", "2180.0000"}


def test_decimal_column_refuses_floats(store_url: str) -> None:
    from sqlalchemy.exc import StatementError
    from sqlalchemy.orm import Session

    from juesuan.store.schema import DocFigure

    with open_store(store_url) as store:
        doc = corpusgen.disclosure("丁市数据中心", 2024)
        stored = store.add(doc, None)
        with Session(store.engine) as s, pytest.raises(StatementError):
            s.add(DocFigure(document_id=stored.document_id, name="x", value=0.1))  # type: ignore[arg-type]
            s.flush()


def test_bad_files_are_recorded_and_never_stop_the_run(store_url: str, tmp_path: Path) -> None:
    import pymupdf

    corrupt = tmp_path / "损坏.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    encrypted = tmp_path / "加密.pdf"
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "2024年度部门决算")
    pdf.save(encrypted, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="x")
    not_a_disclosure = tmp_path / "通知.txt"
    not_a_disclosure.write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    good = SAMPLES / "shanghai-shegong-2024.pdf"
    with open_store(store_url) as store:
        summary = ingest(store, [[corrupt], [encrypted], [not_a_disclosure], [good]])
        status = {o.paths[0].name: (o.status, o.exit_code) for o in summary.outcomes}
        assert status == {
            "损坏.pdf": ("failed", 5),
            "加密.pdf": ("failed", 6),
            "通知.txt": ("failed", 4),
            good.name: ("stored", 0),
        }
        assert summary.exit_code == 5
        failures = {Path(f.path).name: f for f in store.failures()}
        assert set(failures) == {"损坏.pdf", "加密.pdf", "通知.txt"}
        assert "加密" in failures["加密.pdf"].error or "密码" in failures["加密.pdf"].error
        assert "不像决算/预算公开文件" in failures["通知.txt"].error
        ingest(store, [[corrupt]])
        assert [f.attempts for f in store.failures() if f.path == str(corrupt)] == [2]


def test_narrative_and_tables_as_one_disclosure(store_url: str) -> None:
    narrative = SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf"
    tables = SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf"
    with open_store(store_url) as store:
        summary = ingest(store, [[narrative, tables]])
        (outcome,) = summary.outcomes
        assert outcome.status == "stored"
        doc = store.load(outcome.document_id or 0)
        assert doc.tables and doc.statements
        assert [p.first_page for p in doc.source.parts] == [1, 14]
        (info,) = store.documents()
        assert info.files == [str(narrative), str(tables)]
        # Either file alone is already part of a stored document.
        again = ingest(store, [[tables], [narrative, tables]])
        assert [o.status for o in again.outcomes] == ["skipped", "skipped"]
        assert len(store.documents(all_versions=True)) == 1


# --- units -----------------------------------------------------------------------------------


def _unit_of(corpus: Corpus, name: str) -> int | None:
    (doc,) = corpus.store.documents(ids=[corpus.ids[name]])
    return doc.unit_id


def test_units_found_across_years_and_files(corpus: Corpus) -> None:
    assert _unit_of(corpus, "jiangsu-high-court-2018-dept-budget.pdf") == _unit_of(
        corpus, "jiangsu-high-court-2019-dept-budget.pdf"
    )
    assert _unit_of(corpus, "jiangsu-party-office-2018-dept-budget.pdf") == _unit_of(
        corpus, "jiangsu-party-office-2018-dept-budget-tables.pdf"
    )
    unit = corpus.store.resolve_unit("甲市数据中心")
    assert unit.years == [2022, 2023, 2024]
    assert corpus.store.resolve_unit("江苏省高级人民法院").years == [2018, 2019]
    with pytest.raises(StoreError, match="没有单位"):
        corpus.store.resolve_unit("不存在的单位")
    with pytest.raises(StoreError, match="对应多个单位"):
        corpus.store.resolve_unit("数据中心")


def test_renamed_unit_merged_then_split(store_url: str, generated_files: list[Path]) -> None:
    bing = [p for p in generated_files if p.name.startswith("丙区")]
    with open_store(store_url) as store:
        ingest(store, [[p] for p in bing])
        assert store.resolve_unit("丙区大数据中心").years == [2022, 2023]
        assert store.resolve_unit("丙区数据局").years == [2024]
        merged = store.merge_units("丙区数据局", "丙区大数据中心", actor="审核员甲")
        assert merged.years == [2022, 2023, 2024] and merged.name == "丙区数据局"
        assert set(merged.aliases) == {"丙区数据局", "丙区大数据中心"}
        assert store.resolve_unit("丙区大数据中心").id == merged.id
        history = store.history("丙区数据局")[1]
        assert [e.document.year for e in history] == [2022, 2023, 2024]
        latest = store.load(history[-1].document.id)
        previous = store.lookup().previous_year(latest)
        assert previous is not None and previous.unit == "丙区大数据中心"
        events = store.unit_events("丙区数据局")
        assert events[-1][1] == "merge" and events[-1][3] == "审核员甲"
        # Undo: the old name and its documents become a unit again.
        split = store.split_unit("丙区数据局", names=["丙区大数据中心"], actor="审核员甲")
        assert split.years == [2022, 2023] and split.name == "丙区大数据中心"
        assert store.resolve_unit("丙区数据局").years == [2024]
        with pytest.raises(StoreError, match="一无所有"):
            store.split_unit("丙区数据局", names=["丙区数据局"])


def test_alias_before_ingest_and_rename(store_url: str, generated_files: list[Path]) -> None:
    bing = sorted(p for p in generated_files if p.name.startswith("丙区"))
    with open_store(store_url) as store:
        ingest(store, [[p] for p in bing if "2024" not in p.name])
        store.add_alias("丙区大数据中心", "丙区数据局")
        ingest(store, [[p] for p in bing if "2024" in p.name])
        unit = store.resolve_unit("丙区数据局")
        assert unit.years == [2022, 2023, 2024] and len(store.units()) == 1
        renamed = store.rename_unit(str(unit.id), "丙区数据管理局")
        assert renamed.name == "丙区数据管理局"
        assert store.resolve_unit("丙区数据管理局").id == unit.id
        with pytest.raises(StoreError, match="已是同一单位"):
            store.merge_units("丙区数据局", "丙区大数据中心")


# --- versions and reviews ------------------------------------------------------------------


def _versioned(
    name: str, year: int, publication: str, planted: str | None
) -> juesuan.model.Disclosure:
    """A generated final account; ``planted`` puts a wrong 合计 into 表03."""
    doc = corpusgen.disclosure(name, year)
    doc.publication_date = publication
    doc.source.sha256 = ""  # content hash from the model
    if planted is not None:
        t03 = doc.table(juesuan.model.TableKind.T03)
        assert t03 is not None
        row = next(r for r in t03.rows if r.code == "208")
        row.values["total"] = Decimal(planted)
    return doc


def test_later_version_inherits_reviews_and_fixes_what_is_gone(store_url: str) -> None:
    with open_store(store_url) as store:
        v1 = _versioned("戊市数据中心", 2024, "2025-09-01", planted="99.99")
        first = store.add(v1, check(v1), catalog_version=catalog_version())
        findings = store.findings(document_id=first.document_id)
        planted = [f for f in findings if "208" in f.message]
        assert planted, [f.message for f in findings]
        store.review([planted[0].id], "dismissed", reason="印刷错误，已另行更正", actor="审核员乙")
        # The same defect again in a corrected reprint (other amount, same subject) …
        v2 = _versioned("戊市数据中心", 2024, "2025-10-01", planted="88.88")
        second = store.add(v2, check(v2), catalog_version=catalog_version())
        assert second.version == 2 and second.inherited >= 1
        again = store.findings(document_id=second.document_id)
        same = [f for f in again if f.fingerprint == planted[0].fingerprint]
        assert same and same[0].state == "dismissed"
        assert same[0].state_reason == "印刷错误，已另行更正" and same[0].state_by == "审核员乙"
        assert same[0].inherited_from == planted[0].id
        assert [d.id for d in store.documents()] == [second.document_id]
        # … and a third version without it: the open findings of v2 become fixed.
        v3 = _versioned("戊市数据中心", 2024, "2025-11-01", planted=None)
        third = store.add(v3, check(v3), catalog_version=catalog_version())
        assert third.fixed >= 1
        states = Counter(f.state for f in store.findings(document_id=second.document_id))
        assert states["fixed"] >= 1 and states["open"] == 0
        assert store.findings(document_id=third.document_id, state="open") == store.findings(
            document_id=third.document_id
        )
        # A dismissed finding (not a defect) stays dismissed when it disappears.
        history = store.review_history(same[0].id)
        assert [(h[1], h[3]) for h in history] == [("dismissed", "juesuan")]
        assert store.findings(ids=[same[0].id])[0].state == "dismissed"


def test_recheck_inherits_from_the_previous_run(store_url: str) -> None:
    with open_store(store_url) as store:
        doc = _versioned("己市数据中心", 2024, "2025-09-01", planted="77.77")
        stored = store.add(doc, check(doc), catalog_version="old")
        first = store.findings(document_id=stored.document_id)
        store.review([f.id for f in first], "confirmed", actor="审核员丙")
        run_id, inherited = store.add_check(
            stored.document_id, check(store.load(stored.document_id)), "new"
        )
        assert inherited == len(first) and run_id != stored.run_id
        now = store.findings(document_id=stored.document_id)
        assert {f.state for f in now} == {"confirmed"} and {f.id for f in now}.isdisjoint(
            {f.id for f in first}
        )
        assert store.latest_catalog_versions() == {stored.document_id: "new"}


def test_review_refusals(store_url: str) -> None:
    with open_store(store_url) as store:
        doc = _versioned("庚市数据中心", 2024, "2025-09-01", planted="66.66")
        stored = store.add(doc, check(doc))
        finding = store.findings(document_id=stored.document_id)[0]
        with pytest.raises(StoreError, match="必须写明理由"):
            store.review([finding.id], "dismissed")
        with pytest.raises(StoreError, match="没有审核意见"):
            store.review([finding.id + 10_000], "confirmed")
        with pytest.raises(StoreError, match="审核状态只能是"):
            store.review([finding.id], "deleted")


# --- history and lookups --------------------------------------------------------------------


def test_history_key_figures_by_year(corpus: Corpus) -> None:
    base = corpusgen.disclosure(corpusgen.BASE_NAME, 2024)
    from juesuan.store.figures import key_figures

    expected = key_figures(base)
    unit, entries = corpus.store.history("甲市数据中心")
    assert [e.document.year for e in entries] == [2022, 2023, 2024]
    for factor, entry in enumerate(entries, start=1):
        assert entry.figures == {k: v * factor for k, v in expected.items()}
        assert entry.document.errors == 0
    assert unit.name == "甲市数据中心"


def test_store_lookup_agrees_with_the_memory_lookup(
    corpus: Corpus, generated_files: list[Path]
) -> None:
    lookup = corpus.store.lookup()
    docs = [corpus.store.load(corpus.ids[p.name]) for p in generated_files]
    memory = MemoryCorpus(docs)
    for doc in docs:
        got, want = lookup.previous_year(doc), memory.previous_year(doc)
        assert (got and (got.unit, got.year)) == (want and (want.unit, want.year))
    jia_2024 = docs[[p.name for p in generated_files].index("甲市数据中心-2024.docx")]
    previous = lookup.previous_year(jia_2024)
    assert previous is not None and previous.year == 2023
    # An unstored document of a stored unit finds its neighbours by name too.
    fresh = corpusgen.disclosure("甲市数据中心", 2025, 4)
    found = lookup.previous_year(fresh)
    assert found is not None and (found.unit, found.year) == ("甲市数据中心", 2024)
    assert lookup.same_year_budget(jia_2024) is None
    court_2019 = corpus.store.load(corpus.ids["jiangsu-high-court-2019-dept-budget.pdf"])
    court_2018 = lookup.previous_year(court_2019)
    assert court_2018 is not None and court_2018.year == 2018 and court_2018.kind is DocKind.BUDGET
    assert lookup.code_names("2010350", 2023) == Counter({"事业运行": 3})


def test_same_year_budget_from_the_store(store_url: str) -> None:
    with open_store(store_url) as store:
        final = corpusgen.disclosure("辛市数据中心", 2023)
        budget = juesuan.read(SAMPLES / "jiangsu-high-court-2019-dept-budget.pdf")
        budget.unit, budget.year = "辛市数据中心", 2023
        store.add(final, check(final))
        store.add(budget, check(budget))
        found = store.lookup().same_year_budget(final)
        assert found is not None and found.kind is DocKind.BUDGET and found.year == 2023


# --- export ---------------------------------------------------------------------------------


def test_export_tables_csv_xlsx_parquet(corpus: Corpus, tmp_path: Path) -> None:
    import openpyxl
    import pyarrow.parquet as pq

    from juesuan.store.export import export

    docs = corpus.store.documents(unit="上海市财政局")
    assert len(docs) == 1
    model = corpus.store.load(docs[0].id)
    amounts = sorted(
        v for t in model.tables for r in t.rows for v in r.values.values() if v is not None
    )
    counts = export(corpus.store, "tables", tmp_path / "t.csv", "csv", docs)
    assert counts == {"tables": len(corpus.store.table_cells([docs[0].id]))}
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff文档编号,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert sorted(Decimal(r["金额（万元）"]) for r in rows if r["金额（万元）"]) == amounts
    assert "17191.5169" in {r["金额（万元）"] for r in rows}

    export(corpus.store, "tables", tmp_path / "t.parquet", "parquet", docs)
    table = pq.read_table(tmp_path / "t.parquet")
    values = [v for v in table.column("amount").to_pylist() if v is not None]
    assert sorted(values) == amounts and all(isinstance(v, Decimal) for v in values)

    export(corpus.store, "all", tmp_path / "all.xlsx", "xlsx", docs)
    wb = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert wb.sheetnames == ["文档", "公开表数据", "说明所述数字", "审核意见"]
    sheet = wb["公开表数据"]
    header = [c.value for c in sheet[1]]
    column = header.index("金额（万元）")
    xlsx_values = sorted(
        Decimal(str(row[column]))
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[column] is not None
    )
    assert xlsx_values == amounts


def test_export_findings_carry_review_state(corpus: Corpus, tmp_path: Path) -> None:
    from juesuan.store.export import export

    docs = corpus.store.documents(unit="上海市XX局")
    export(corpus.store, "all", tmp_path / "out", "csv", docs)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "documents.csv",
        "findings.csv",
        "statements.csv",
        "tables.csv",
    ]
    rows = list(
        csv.DictReader(
            io.StringIO((tmp_path / "out/findings.csv").read_text("utf-8").lstrip("\ufeff"))
        )
    )
    assert len(rows) == docs[0].errors + (docs[0].warnings or 0) + (docs[0].infos or 0)
    assert {r["审核状态"] for r in rows} == {"待处理"}
    assert json.dumps(rows, ensure_ascii=False).count("JS701") > 0


# --- schema ---------------------------------------------------------------------------------


def test_migrations_match_the_models(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from juesuan.store.db import HEAD_REVISION, current_revision
    from juesuan.store.schema import Base

    with open_store(store_url) as store:
        assert current_revision(store.engine) == HEAD_REVISION
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []


def test_head_revision_constant_is_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from juesuan.store.db import HEAD_REVISION, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_unreachable_database_is_one_chinese_error() -> None:
    with pytest.raises(StoreError, match="无法打开数据库"):
        open_store("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreError, match="不支持的数据库"):
        open_store("mysql://x@localhost/db")


def test_collect_walks_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a" / "y.txt").write_text("t", encoding="utf-8")
    (tmp_path / "a" / "README.md").write_text("t", encoding="utf-8")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "z.pdf").write_bytes(b"%PDF-1.4")
    files, missing = collect([tmp_path / "a", str(tmp_path / "a" / "**" / "*.pdf"), "nope.pdf"])
    assert sorted(p.name for p in files) == ["x.pdf", "y.txt"]
    assert missing == ["nope.pdf"]
