"""The catalog's TOML files are read through a JSON copy beside the bytecode (start-up)."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pytest

from juesuan import catalog


@pytest.fixture()
def writes_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_copy_written_used_and_renewed(tmp_path: Path, writes_copies: None) -> None:
    toml = tmp_path / "x.toml"
    toml.write_text('a = 1\nb = [1.5, "二"]\n[t]\nc = true\n', encoding="utf-8")
    first = catalog.load_file(toml)
    assert first == {"a": 1, "b": [1.5, "二"], "t": {"c": True}}
    copies = list((tmp_path / "__pycache__").glob("x.toml.*.json"))
    assert len(copies) == 1
    # the copy is what is read while the file is unchanged
    copies[0].write_text('{"a": 2}', encoding="utf-8")
    assert catalog.load_file(toml) == {"a": 2}
    # a changed file (size and time) is parsed again and its old copy replaced
    toml.write_text("a = 30\n", encoding="utf-8")
    os.utime(toml, ns=(1, 1))
    assert catalog.load_file(toml) == {"a": 30}
    assert len(list((tmp_path / "__pycache__").glob("x.toml.*.json"))) == 1


def test_a_broken_copy_is_ignored(tmp_path: Path, writes_copies: None) -> None:
    toml = tmp_path / "y.toml"
    toml.write_text("k = 'v'\n", encoding="utf-8")
    catalog.load_file(toml)
    (copy,) = (tmp_path / "__pycache__").glob("y.toml.*.json")
    copy.write_text("{not json", encoding="utf-8")
    assert catalog.load_file(toml) == {"k": "v"}


def test_no_copy_when_bytecode_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    toml = tmp_path / "z.toml"
    toml.write_text("k = 1\n", encoding="utf-8")
    assert catalog.load_file(toml) == {"k": 1}
    assert not (tmp_path / "__pycache__").exists()


def test_shipped_files_read_the_same_through_their_copies(writes_copies: None) -> None:
    folder = Path(catalog.__file__).parent
    for toml in sorted(folder.glob("*.toml")):
        with toml.open("rb") as fh:
            parsed = tomllib.load(fh)
        assert catalog.load_file(toml) == parsed == catalog.load_file(toml), toml.name
