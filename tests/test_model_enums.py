"""The model's fixed vocabularies (StrEnum): behaviour as plain strings, and agreement with
the catalog data and the documentation that define them, so that the two cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from juesuan import catalog
from juesuan.model import Measure

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "juesuan"


def _statements_toml() -> dict[str, Any]:
    return catalog.load_toml("statements.toml")


# ---------------------------------------------------------------------------------------
# StrEnum behaves as its value


def test_a_member_is_its_value_as_a_string() -> None:
    assert Measure.AMOUNT == "amount"
    assert "amount" == Measure.AMOUNT  # noqa: SIM300 (the other operand order)
    assert Measure.AMOUNT in {"amount", "share"}
    assert "amount" in {Measure.AMOUNT}
    assert {"amount": 1}[Measure.AMOUNT] == 1
    assert f"{Measure.AMOUNT}" == "amount"
    assert str(Measure.AMOUNT) == "amount"
    assert json.dumps({"measure": Measure.AMOUNT, Measure.SHARE: 1}) == (
        '{"measure": "amount", "share": 1}'
    )


def test_an_unknown_catalog_value_fails_clearly() -> None:
    with pytest.raises(ValueError, match=r"catalog/x\.toml: unknown Measure 'money'.*amount"):
        catalog.member(Measure, "money", "catalog/x.toml")


# ---------------------------------------------------------------------------------------
# Measure: catalog/statements.toml, structure/statements.py, docs/statements.md


def _catalog_measures() -> set[str]:
    data = _statements_toml()
    found = {v["measure"] for p in data["patterns"] for v in p["values"]}
    found |= {d["measure"] for d in data["descriptions"]}
    for settings in data["kinds"].values():
        found.add(settings["detail"])
        found |= set(settings.get("measures", {})) | set(settings.get("measures", {}).values())
    return found


def test_every_catalog_measure_is_a_member() -> None:
    assert _catalog_measures() - {m.value for m in Measure} == set()


def test_every_measure_is_produced_and_documented() -> None:
    reader = (SRC / "structure" / "statements.py").read_text(encoding="utf-8")
    in_code = set(re.findall(r"\bMeasure\.([A-Z_]+)\b", reader))
    catalog_measures = _catalog_measures()
    docs = (ROOT / "docs" / "statements.md").read_text(encoding="utf-8")
    for m in Measure:
        assert m.value in catalog_measures or m.name in in_code, f"{m} is never produced"
        assert f"`{m.value}`" in docs, f"{m} is not documented in docs/statements.md"
