"""Every golden file carries a record of the hand check behind it (tests/golden/CHECKED.toml).

A golden is evidence only after a person compared it with the printed page.  The record names
the file, the SHA-256 of its content as checked, the date, the method and the concrete rows
and figures compared.  When a golden changes (regenerated after a reader change), its hash no
longer matches and this test fails until the new content has been checked against the pages
and the record updated (see tests/golden/README.md).

Discrepancies found by the checks are recorded in the entry's ``defects``; the ones that are
plain misreadings of the page are pinned below as strict ``xfail`` tests, so that fixing the
reader makes them pass (and fail as XPASS) as a reminder to regenerate, re-check and re-record.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import juesuan
from juesuan.model import Disclosure, Table

GOLDEN = Path(__file__).parent / "golden"
RECORD = GOLDEN / "CHECKED.toml"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"

STATUSES = {"checked", "partial"}


def _golden_files() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.glob("*/*.json"))


def _entries() -> list[dict[str, Any]]:
    data = tomllib.loads(RECORD.read_text(encoding="utf-8"))
    entries = data.get("golden", [])
    assert isinstance(entries, list)
    return entries


def _records() -> dict[str, dict[str, Any]]:
    return {str(e.get("file")): e for e in _entries()}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_golden_has_a_record() -> None:
    records = _records()
    missing = [name for name in _golden_files() if name not in records]
    assert not missing, (
        f"golden files without a record of their hand check in {RECORD.name}: {missing}; "
        "check them against the pages and add an entry (tests/golden/README.md)"
    )


@pytest.mark.parametrize("name", _golden_files())
def test_golden_unchanged_since_its_check(name: str) -> None:
    record = _records().get(name)
    if record is None:
        pytest.fail(f"{name}: no record in {RECORD.name}: check it against the pages first")
    digest = _sha256(GOLDEN / name)
    assert digest == record["sha256"], (
        f"{name}: the golden changed: check it against the pages and update its record "
        f"in tests/golden/{RECORD.name} (sha256 of the file now {digest})"
    )


def test_records_are_complete() -> None:
    entries = _entries()
    names = [str(e.get("file")) for e in entries]
    assert len(names) == len(set(names)), "one record per golden file"
    for entry in entries:
        name = str(entry.get("file"))
        assert (GOLDEN / name).is_file(), f"{name}: record of a golden that does not exist"
        assert re.fullmatch(r"[0-9a-f]{64}", str(entry.get("sha256"))), name
        assert isinstance(entry.get("checked_on"), datetime.date), f"{name}: checked_on"
        assert isinstance(entry.get("method"), str) and entry["method"].strip(), name
        assert entry.get("status") in STATUSES, f"{name}: status one of {sorted(STATUSES)}"
        checks = entry.get("checks")
        assert isinstance(checks, list) and checks, f"{name}: the concrete checks made"
        assert all(isinstance(c, str) and c.strip() for c in checks), name
        if entry["status"] == "partial":
            assert entry.get("not_compared"), f"{name}: a partial check lists what was not"
        for key in ("defects", "fixed_defects", "rechecks", "not_compared", "notes"):
            assert all(isinstance(x, str) for x in entry.get(key, [])), f"{name}: {key}"


# ---------------------------------------------------------------------------------------
# defects found by the checks and fixed in the reader (CHECKED.toml fixed_defects)


@pytest.fixture(scope="module")
def party_office() -> Disclosure:
    return juesuan.read(SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf")


def _table(doc: Disclosure, kind: str) -> Table:
    return next(t for t in doc.tables if t.kind.value == kind)


def test_party_office_procurement_cells_kept_apart(party_office: Disclosure) -> None:
    """2018年政府采购预算表 p.14–15: five rows whose text runs from one cell into the next.

    Printed 专项名称 “机要及电子政务业务费” | 经济科目 “办公设备购置” (30.00) and “培训费” (5.00);
    品目 “便携式计算机（20万以下）” | 组织形式 “分散自行组织” (3.50, 6.00); “空调机（总预算20万
    以下）” | “分散自行组织” (0.90).  The text layer holds each as one word across the cell
    border; the reader splits a word at the ruling it crosses (fixed defect of CHECKED.toml).
    """
    names = [r.name for r in _table(party_office, "B14").rows]
    assert "机要及电子政务业务费／办公设备购置" in names
    assert "机要及电子政务业务费／培训费" in names
    assert names.count("便携式计算机（20万以下）／分散自行组织") == 2
    assert "空调机（总预算20万以下）／分散自行组织" in names


def test_party_office_empty_govfund_table_states_why(party_office: Disclosure) -> None:
    """财政拨款政府性基金支出预算表 p.12: an empty table with “注：本部门无相关收支项目”."""
    table = _table(party_office, "B11")
    assert not table.rows
    assert table.empty_statement is not None and "无相关收支项目" in table.empty_statement
