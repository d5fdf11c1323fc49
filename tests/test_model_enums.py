"""The model's fixed vocabularies (StrEnum): behaviour as plain strings, and agreement with
the catalog data and the documentation that define them, so that the two cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import juesuan
from juesuan import catalog
from juesuan.model import Measure, Part, Side, Topic, from_json_dict, to_json_dict
from juesuan.structure.statements import rules

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


# ---------------------------------------------------------------------------------------
# Topic and Part: catalog/layouts.toml defines them, statements.toml refers to topics


def _layouts_toml() -> dict[str, Any]:
    return catalog.load_toml("layouts.toml")


def _referenced_topics(data: Any) -> set[str]:
    """Every value of a ``topics`` / ``class_topics`` / ``detail_topics`` list, at any depth."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("topics", "class_topics", "detail_topics"):
                found |= set(value)
            else:
                found |= _referenced_topics(value)
    elif isinstance(data, list):
        for item in data:
            found |= _referenced_topics(item)
    return found


def test_topics_are_the_catalog_sections() -> None:
    defined = {s["key"] for s in _layouts_toml()["sections"]}
    assert defined == {t.value for t in Topic}


def test_every_topic_the_catalog_refers_to_is_a_member() -> None:
    members = {t.value for t in Topic}
    referenced = _referenced_topics(_statements_toml())
    for layout in _layouts_toml()["layouts"].values():
        for keys in layout.get("required_sections", {}).values():
            referenced |= {k for alt in keys for k in alt.split("|")}
    assert referenced, "no topic references found: the test reads the wrong keys"
    assert referenced - members == set()


def test_parts_are_the_catalog_parts() -> None:
    data = _layouts_toml()
    assert {p["key"] for p in data["parts"]} == {p.value for p in Part}
    for layout in data["layouts"].values():
        assert set(layout.get("required_parts", [])) <= {p.value for p in Part}
        assert set(layout.get("required_sections", {})) <= {p.value for p in Part}


def test_catalog_loaders_give_members() -> None:
    assert all(isinstance(k, Topic) for k, _, _ in catalog.section_patterns())
    assert all(isinstance(k, Part) for k, _ in catalog.part_patterns())
    for layout in catalog.layouts().values():
        assert all(isinstance(p, Part) for p in layout.required_parts)
        assert all(isinstance(p, Part) for p, _ in layout.required_sections)
    reading = rules()
    assert all(isinstance(t, Topic) for s in reading.subjects for t in s.topics or ())
    for settings in reading.kinds.values():
        assert isinstance(settings.detail, Measure)
        assert all(isinstance(t, Topic) for t in settings.class_topics | settings.detail_topics)
    assert all(isinstance(v.measure, Measure) for p in reading.patterns for v in p.values)


# ---------------------------------------------------------------------------------------
# Side: documented in docs/disclosure-json.md


def test_every_side_is_documented() -> None:
    docs = (ROOT / "docs" / "disclosure-json.md").read_text(encoding="utf-8")
    for side in Side:
        assert f"`{side.value}`" in docs


# ---------------------------------------------------------------------------------------
# reading and JSON: members in the model, the same JSON as plain strings


def test_a_read_disclosure_holds_members_and_round_trips() -> None:
    doc = juesuan.read(ROOT / "samples" / "leshan-bigdata-center-2024.txt")
    assert doc.statements and doc.paragraphs and doc.outline
    for d in (doc, from_json_dict(json.loads(json.dumps(to_json_dict(doc), ensure_ascii=False)))):
        assert all(isinstance(s.measure, Measure) for s in d.statements)
        assert all(s.topic is None or isinstance(s.topic, Topic) for s in d.statements)
        assert all(p.part is None or isinstance(p.part, Part) for p in d.paragraphs)
        assert all(p.topic is None or isinstance(p.topic, Topic) for p in d.paragraphs)
        for h in d.outline:
            assert h.key is None or isinstance(h.key, Part if h.level == 0 else Topic)
        rows = [r for t in d.tables for r in t.rows]
        assert any(r.side for r in rows)
        assert all(r.side is None or isinstance(r.side, Side) for r in rows)
    again = from_json_dict(json.loads(json.dumps(to_json_dict(doc), ensure_ascii=False)))
    assert to_json_dict(again) == to_json_dict(doc)
    assert json.dumps(to_json_dict(again), ensure_ascii=False) == json.dumps(
        to_json_dict(doc), ensure_ascii=False
    )


def test_reading_json_rejects_an_unknown_value() -> None:
    doc = juesuan.read(ROOT / "samples" / "leshan-bigdata-center-2024.txt")
    data = to_json_dict(doc)
    data["statements"][0]["measure"] = "money"
    with pytest.raises(ValueError, match="money"):
        from_json_dict(data)
