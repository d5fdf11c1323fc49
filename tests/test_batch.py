"""``juesuan batch``: one per-document function on a process pool and on a Dask LocalCluster
(started in-process); bad and slow files are rows, an interrupted batch resumes, the outputs.

A handful of documents only: speed is the benchmark's (``juesuan bench --batch``)."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.batch import BatchReport, run_batch
from juesuan.batch.outputs import (
    FINDING_COLUMNS,
    recall,
    summary_columns,
    summary_rows,
    write_findings,
    write_summary,
)
from juesuan.batch.work import Deadline, DocumentResult, DocumentTimeout
from juesuan.cli import app
from juesuan.generate.corpus import MISTAKES_FILE, load_mistakes, write_corpus
from tests.batchkit import misbehaving
from tests.conftest import BACKENDS, backend_url

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "corpus"
    write_corpus(folder, 6, seed=4, mistake_rate=0.5)
    return folder


@pytest.fixture
def files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def _bad_files(folder: Path, *names: str) -> list[Path]:
    """A corrupt file (text named .pdf) and files the test work function misbehaves on."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        path = folder / name
        path.write_text(f"这不是公开文件：{name}\n", encoding="utf-8")
        out.append(path)
    return out


def _by_name(report: BatchReport) -> dict[str, DocumentResult]:
    return {Path(r.label).name: r for r in report.results}


# --- the deadline --------------------------------------------------------------------------


def test_deadline_interrupts_python_code_and_never_leaks() -> None:
    start = time.monotonic()
    with pytest.raises(DocumentTimeout), Deadline(0.2):
        while True:
            sum(range(100))
    assert time.monotonic() - start < 5
    with Deadline(0.05):
        pass
    time.sleep(0.2)  # a cancelled deadline raises nothing later
    with Deadline(None):
        sum(range(100))


def test_deadline_in_another_thread() -> None:
    outcome: list[str] = []

    def spin() -> None:
        try:
            with Deadline(0.2):
                while True:
                    sum(range(100))
        except DocumentTimeout:
            outcome.append("timeout")

    thread = threading.Thread(target=spin)
    thread.start()
    thread.join(10)
    assert outcome == ["timeout"]


def test_a_worker_reads_on_while_another_writes(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write lock held by another worker twice: the next documents are read and
    checked meanwhile, the waiting writes go in once it is free, all stored on return."""
    import juesuan.batch.work as work
    from juesuan.batch.work import Job, process_documents
    from juesuan.store import open_store

    url = f"sqlite:///{tmp_path / 'b.db'}"
    open_store(url).close()
    events: list[tuple[str, int]] = []
    prepare, finish = work._prepare, work._finish

    def logged_prepare(job: Job) -> object:
        events.append(("read", job.index))
        return prepare(job)

    def logged_finish(job: Job, *rest: object) -> None:
        events.append(("write", job.index))
        finish(job, *rest)  # type: ignore[arg-type]

    busy = iter([False, False])
    monkeypatch.setattr(work, "_prepare", logged_prepare)
    monkeypatch.setattr(work, "_finish", logged_finish)
    monkeypatch.setattr(work, "_try_lock", lambda url: next(busy, True))
    jobs = [Job(i, str(f.resolve()), str(f), url) for i, f in enumerate(files[:3])]
    results = process_documents(jobs)
    assert events == [("read", 0), ("read", 1), ("read", 2), *(("write", i) for i in range(3))]
    assert [r.status for r in results] == ["checked"] * 3 and all(r.document_id for r in results)
    with open_store(url) as store:
        assert len(store.documents(all_versions=True)) == 3


# --- the process pool ----------------------------------------------------------------------


def test_pool_checks_and_stores_every_document(files: list[Path], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    seen: list[DocumentResult] = []
    report = run_batch(files, db=db, workers=2, on_result=seen.append)
    assert report.backend == "进程池" and report.workers == 2
    assert [r.status for r in report.results] == ["checked"] * len(files)
    assert [r.label for r in report.results] == [str(f) for f in files]
    assert len(seen) == len(files)
    assert all(
        r.unit and r.year and r.kind in ("决算", "预算") and r.document_id for r in report.results
    )
    assert len({r.worker for r in report.results}) <= 2
    from juesuan.store import open_store

    with open_store(db) as store:
        assert len(store.documents(all_versions=True)) == len(files)


@pytest.mark.parametrize("chunk", [1, 3])
def test_corrupt_slow_hung_and_crashing_files_are_rows(
    files: list[Path], tmp_path: Path, chunk: int
) -> None:
    """Also with three documents per task: the documents of a task whose worker hung or
    died are tried again one by one, and only the culprits become rows of their own."""
    bad = _bad_files(tmp_path / "bad", "corrupt.pdf", "slow.txt", "hang.txt", "crash.txt")
    inputs = [*files[:2], *bad, *files[2:]]
    db = f"sqlite:///{tmp_path / 'b.db'}"
    report = run_batch(inputs, db=db, workers=2, timeout=1.0, work=misbehaving, chunk=chunk)
    assert [r.label for r in report.results] == [str(p) for p in inputs]
    rows = _by_name(report)
    assert rows["corrupt.pdf"].status == "failed"
    assert rows["corrupt.pdf"].exit_code == 5 and "corrupt.pdf" in rows["corrupt.pdf"].message
    assert rows["slow.txt"].status == "timeout" and "超过 1 秒" in rows["slow.txt"].message
    assert rows["hang.txt"].status == "timeout" and "终止" in rows["hang.txt"].message
    assert rows["crash.txt"].status == "failed" and "异常退出" in rows["crash.txt"].message
    assert [rows[f.name].status for f in files] == ["checked"] * len(files)
    assert report.restarts >= 2  # the hung worker killed, the crashed one replaced
    from juesuan.store import open_store

    with open_store(db) as store:
        failed = {Path(f.path).name for f in store.failures()}
        assert len(store.documents(all_versions=True)) == len(files)
    assert failed == {"corrupt.pdf"}


def test_interrupted_batch_resumes_with_only_the_rest(files: list[Path], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    done: list[DocumentResult] = []

    def interrupt_after_three(result: DocumentResult) -> None:
        done.append(result)
        if len(done) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(files, db=db, workers=2, on_result=interrupt_after_three)
    from juesuan.store import open_store

    with open_store(db) as store:
        stored = {Path(p).name for d in store.documents(all_versions=True) for p in d.files}
    assert len(stored) >= 3
    first = {Path(r.label).name: r for r in done}
    again = run_batch(files, db=db, workers=2)
    rows = _by_name(again)
    assert {n for n, r in rows.items() if r.status == "skipped"} == stored
    assert {n for n, r in rows.items() if r.status == "checked"} == {f.name for f in files} - stored
    for name, earlier in first.items():  # a skipped row says what the first run found
        assert rows[name].errors == earlier.errors
        assert sorted(f.rule for f in rows[name].findings) == sorted(
            f.rule for f in earlier.findings
        )


def test_documents_checked_under_another_catalog_are_rechecked(
    files: list[Path], tmp_path: Path
) -> None:
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from juesuan.store import open_store
    from juesuan.store.schema import CheckRun

    db = f"sqlite:///{tmp_path / 'b.db'}"
    run_batch(files[:2], db=db, workers=1)
    with open_store(db) as store, Session(store.engine) as s, s.begin():
        s.execute(update(CheckRun).values(catalog_version="older"))
    report = run_batch(files[:3], db=db, workers=1)
    assert [r.status for r in report.results] == ["rechecked", "rechecked", "checked"]
    with open_store(db) as store:
        assert {d.catalog_version for d in store.documents()} != {"older"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_workers_share_one_store(
    backend: str, files: list[Path], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Two workers writing at once, documents of the same unit among them (a unit created
    by one while the other looks for it)."""
    with backend_url(backend, tmp_path, request.node.nodeid) as url:
        report = run_batch(files, db=url, workers=2)
        assert report.statuses["checked"] == len(files)
        from juesuan.store import open_store

        with open_store(url) as store:
            units = {d.unit for d in store.documents()}
            assert len(units) == len({r.unit for r in report.results})


# --- the corpus rules -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def related(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve documents of a few units over consecutive years, final accounts and budgets,
    one budget with a change against last year's budget made wrong (JS953)."""
    folder = tmp_path_factory.mktemp("related") / "corpus"
    result = write_corpus(folder, 12, seed=2, mistake_rate=0.6)
    assert any(m.rule == "JS953" for m in result.mistakes)
    return folder


Row = tuple[str, str, list[tuple[str, str]]]


def _rows(report: BatchReport) -> dict[str, Row]:
    """Each file's status and findings (rule, severity), but those of the rules that compare
    with every document of the year (JS954): they see the documents stored before them."""
    from juesuan.rules import all_rules

    whole_year = {code for code, r in all_rules().items() if r.whole_year}
    return {
        Path(r.label).name: (
            r.status,
            r.status_label,
            sorted((f.rule, f.severity) for f in r.findings if f.rule not in whole_year),
        )
        for r in report.results
    }


def _stored_as_checked_now(url: str) -> None:
    """Every stored document's latest findings are what a check against the whole store
    gives now (rules and severities), but for the rules that compare with every document
    of the year (JS954: their input changes with each document stored, they are not run
    again)."""
    from juesuan.rules import all_rules, check
    from juesuan.store import open_store

    whole_year = {code for code, r in all_rules().items() if r.whole_year}

    def kept(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(p for p in pairs if p[0] not in whole_year)

    with open_store(url) as store:
        for d in store.documents():
            stored = kept([(f.rule, f.severity) for f in store.findings(document_id=d.id)])
            now = check(store.load(d.id), lookup=store.lookup())
            assert stored == kept([(f.rule, f.severity.value) for f in now.findings]), d.files


def test_corpus_rules_run_in_the_batch_in_any_order(related: Path, tmp_path: Path) -> None:
    """The planted JS953 mistake is found and clean documents stay clean, the files given
    oldest first or newest first, on the pool and on a Dask LocalCluster: documents checked
    before a related one was stored are checked again at the end."""
    files = sorted(related.glob("*.txt"))
    mistakes = load_mistakes(related / MISTAKES_FILE)
    runs = {
        "pool, oldest first": run_batch(files, db=str(tmp_path / "a.db"), workers=2),
        "pool, newest first": run_batch(files[::-1], db=str(tmp_path / "b.db"), workers=2),
        "dask, newest first": run_batch(
            files[::-1], db=str(tmp_path / "c.db"), workers=2, local_cluster=True
        ),
    }
    first = _rows(runs["pool, oldest first"])
    for name, report in runs.items():
        assert report.statuses["checked"] == len(files), name
        assert report.rechecked and not report.recheck_error, name
        got = recall(report.results, mistakes)
        assert got.injected == len(mistakes.mistakes), name
        assert got.found == got.injected, (name, [(r.kind, r.missed) for r in got.rows])
        assert any(r.rule == "JS953" and r.found for r in got.rows), name
        assert got.clean_with_findings == 0 and got.clean_documents > 0, (name, got.false_alarms)
        assert _rows(report) == first, name
        _stored_as_checked_now(report.db_url)
    # newest first, the budget with the wrong change was checked before last year's budget
    # was stored: the re-check found it, and its row says so
    spoiled = next(path.name for path, m in mistakes.mistakes if m.rule == "JS953")
    newest = runs["pool, newest first"]
    row = _by_name(newest)[spoiled]
    assert row.corpus_rechecked and "JS953" in {f.rule for f in row.findings}
    assert newest.recheck_findings_changed >= 1
    note = summary_rows([row])[0][-1]
    assert note is not None and "文档库规则复核" in note


def test_a_check_that_missed_a_related_document_is_done_again(
    related: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the order of the results but what each check read decides: a worker checks the
    next document while its write waits for the lock, so a document may be checked before
    the one before it is stored though both come back together."""
    import juesuan.batch.work as work
    from juesuan.batch import corpus_recheck
    from juesuan.batch.work import Job, process_documents
    from juesuan.store import open_store

    url = f"sqlite:///{tmp_path / 'b.db'}"
    open_store(url).close()
    files = [f for f in sorted(related.glob("*.txt")) if f.name.endswith("-决算.txt")]
    units = [f.name.split("-")[1] for f in files]
    unit = next(u for u in units if units.count(u) >= 2)
    pair = [f for f in files if f.name.split("-")[1] == unit][:2]  # two years of one unit
    monkeypatch.setattr(work, "_try_lock", lambda url: False)  # writes put off to the end
    results = process_documents([Job(i, str(f), str(f), url) for i, f in enumerate(pair)])
    assert [r.status for r in results] == ["checked", "checked"]
    assert all(r.created for r in results) and results[1].related == []
    report = BatchReport(results=results, db_url=url)
    corpus_recheck(report)
    assert [r.document_id for r in report.rechecked] == [results[1].document_id]
    # checked again, now reading last year's: nothing left to do
    again = BatchReport(results=[*results], db_url=url)
    results[1].related = [results[0].document_id or 0]
    corpus_recheck(again)
    assert again.rechecked == []


def test_a_worker_opens_the_store_again_for_another_batch(tmp_path: Path) -> None:
    from juesuan.batch.work import _store

    url = f"sqlite:///{tmp_path / 'b.db'}"
    first = _store(url, "one")
    assert _store(url, "one") is first
    assert first.lookup() is first.lookup()
    second = _store(url, "two")
    assert second is not first and _store(url, "two") is second


# --- Dask ----------------------------------------------------------------------------------


def test_dask_local_cluster_gives_the_same_rows_as_the_pool(
    files: list[Path], tmp_path: Path
) -> None:
    bad = _bad_files(tmp_path / "bad", "corrupt.pdf", "slow.txt", "hang.txt")
    inputs = files + bad
    options = {"workers": 2, "timeout": 1.0, "work": misbehaving}
    pool = run_batch(inputs, db=f"sqlite:///{tmp_path / 'p.db'}", **options)
    dask = run_batch(inputs, db=f"sqlite:///{tmp_path / 'd.db'}", local_cluster=True, **options)
    assert dask.backend == "Dask" and dask.workers == 2
    assert all(r.worker.startswith("tcp://") for r in dask.results if r.status == "checked")

    def rows(report: BatchReport) -> list[tuple[str, str, int, list[str]]]:
        return [
            (Path(r.label).name, r.status, r.errors, sorted(f.rule for f in r.findings))
            for r in report.results
        ]

    assert rows(dask) == rows(pool)
    assert _by_name(dask)["slow.txt"].status == "timeout"
    assert "终止" in _by_name(dask)["hang.txt"].message  # its worker restarted
    assert dask.restarts == 1
    assert _by_name(dask)["corrupt.pdf"].status == "failed"


def test_unreachable_scheduler_is_one_chinese_error() -> None:
    from juesuan.batch.runner import BackendError, DaskBackend

    with pytest.raises(BackendError, match="无法连接 Dask 调度器"):
        DaskBackend("tcp://127.0.0.1:9", connect_timeout=1)


# --- outputs -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checked(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    folder = tmp_path_factory.mktemp("checked")
    bad = _bad_files(folder, "corrupt.pdf")
    files = sorted(corpus.glob("*.txt"))
    return run_batch(files + bad, db=f"sqlite:///{folder / 'b.db'}", workers=2)


def test_summary_workbook(checked: BatchReport, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "summary.xlsx"
    write_summary(checked.results, out)
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "汇总"
    assert {"完整性", "表内勾稽", "说明与报表一致性", "模板残留与格式"} <= set(wb.sheetnames)
    rows = list(wb["汇总"].iter_rows(values_only=True))
    assert list(rows[0]) == summary_columns()
    assert len(rows) == len(checked.results) + 1
    status = {r[0]: r[summary_columns().index("状态")] for r in rows[1:]}
    assert sorted(set(status.values())) == ["已审核", "无法审核"]
    errors = summary_columns().index("错误")
    assert sum(r[errors] or 0 for r in rows[1:]) == sum(r.errors for r in checked.results)
    family = list(wb["表内勾稽"].iter_rows(values_only=True))
    assert family[0][:4] == ("文件", "单位", "年度", "类型") and "JS201" in family[0]
    assert family[-1][0] == "合计"


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx"])
def test_findings_table(checked: BatchReport, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"findings{suffix}"
    count = write_findings(checked.results, out)
    assert count == sum(len(r.findings) for r in checked.results) > 0
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.column_names == [key for key, _, _ in FINDING_COLUMNS]
        assert table.num_rows == count
        assert set(table.column("severity").to_pylist()) <= {"error", "warning", "info"}
    else:
        from openpyxl import load_workbook

        rows = list(load_workbook(out)["审核意见"].iter_rows(values_only=True))
        assert list(rows[0]) == [header for _, header, _ in FINDING_COLUMNS]
        assert len(rows) == count + 1


def test_recall_over_the_injected_mistakes(checked: BatchReport, corpus: Path) -> None:
    result = recall(checked.results, load_mistakes(corpus / MISTAKES_FILE))
    assert result.injected == len(load_mistakes(corpus / MISTAKES_FILE).mistakes) > 0
    assert result.found == result.injected
    assert result.clean_with_findings == 0 and result.clean_documents > 0


# --- the command ---------------------------------------------------------------------------


def _invoke(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *args])
    return result.exit_code, result.output


def test_batch_command(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    _bad_files(folder, "corrupt.pdf")
    summary, findings = folder / "summary.xlsx", tmp_path / "f.parquet"
    args = [str(folder), "-o", str(summary), "--findings", str(findings), "-w", "2", "-q"]
    args += ["--db", str(tmp_path / "b.db"), "--mistakes", str(folder / MISTAKES_FILE)]
    code, output = _invoke(args)
    assert code == 0, output
    assert "审核 7 份（进程池，2 个工作进程）：已审核 6" in output
    assert "无法审核 1" in output and "corrupt.pdf" in output
    assert "查出率" in output and summary.is_file() and findings.is_file()
    assert "文档库规则复核" in output  # a final account stored before its year's budget
    code, output = _invoke(args)  # again: everything known, the summary not read as input
    assert code == 0, output
    assert "审核 7 份" in output and "已在库中 6" in output
    assert "文档库规则复核" not in output


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:9", "--local-cluster"], 2, "只能选一个"),
        (["-o", "summary.csv"], 2, ".xlsx"),
        (["--findings", "f.csv"], 2, ".parquet 或 .xlsx"),
        (["--workers", "0"], 2, "至少为 1"),
        (["--timeout", "0"], 2, "正数"),
    ],
)
def test_batch_usage_errors(
    extra: list[str], code: int, message: str, files: list[Path], tmp_path: Path
) -> None:
    exit_code, output = _invoke([str(files[0]), "--db", str(tmp_path / "b.db"), *extra])
    assert exit_code == code
    assert message in output and "Traceback" not in output


def test_batch_nothing_found(tmp_path: Path) -> None:
    code, output = _invoke([str(tmp_path / "nothing-*.pdf"), "--db", str(tmp_path / "b.db")])
    assert code == 3
    assert "找不到文件" in output
