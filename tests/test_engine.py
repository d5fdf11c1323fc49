"""The rule engine: registration, selection, isolation of failures, not-applicable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from juesuan.model import Disclosure, Evidence, SourceInfo
from juesuan.model.findings import Category, RuleStatus, Severity
from juesuan.rules import engine
from juesuan.rules.casebook import examples
from juesuan.rules.common import percent_consistent, ratio_interval, sum_tolerance
from juesuan.rules.engine import Hit, NotApplicable, Rule


@pytest.fixture
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> dict[str, Rule]:
    registry: dict[str, Rule] = {}
    monkeypatch.setattr(engine, "_REGISTRY", registry)
    monkeypatch.setattr(engine, "_loaded", True)

    meta = dict(category=Category.RESIDUE, rationale="r")

    @engine.rule("JS990", name="always", title="总是", severity=Severity.ERROR, **meta)  # type: ignore[arg-type]
    def always(doc: Disclosure) -> Iterator[Hit]:
        yield Hit("发现问题", [Evidence("x", page=2, line=3)], expected="1", actual="2")
        yield Hit("轻微", [Evidence("y", page=1, line=1)], severity=Severity.INFO)

    @engine.rule("JS991", name="na", title="不适用", severity=Severity.ERROR, **meta)  # type: ignore[arg-type]
    def not_applicable(doc: Disclosure) -> Iterator[Hit]:
        raise NotApplicable("没有该表")

    @engine.rule("JS992", name="boom", title="出错", severity=Severity.ERROR, **meta)  # type: ignore[arg-type]
    def broken(doc: Disclosure) -> Iterator[Hit]:
        raise ZeroDivisionError("division by zero")

    return registry


def _doc() -> Disclosure:
    return Disclosure(source=SourceInfo(path="x.txt", format="txt", pages=1, sha256=""))


def test_engine_runs_isolates_and_marks(fake_rules: dict[str, Rule]) -> None:
    report = engine.run_rules(_doc())
    assert report.rule_status == {
        "JS990": RuleStatus.RAN,
        "JS991": RuleStatus.NOT_APPLICABLE,
        "JS992": RuleStatus.FAILED,
    }
    assert report.not_applicable["JS991"] == "没有该表"
    codes = [(f.rule, f.severity) for f in report.findings]
    # sorted by page: the info hit on page 1 first, the internal finding (no page) last
    assert codes == [("JS990", Severity.INFO), ("JS990", Severity.ERROR), ("JS000", Severity.INFO)]
    assert (
        "JS992" in report.findings[-1].message
        and "ZeroDivisionError" in report.findings[-1].message
    )
    assert report.has_errors
    data = report.to_json_dict()
    assert data["schema"] == "juesuan.findings/2"
    assert data["summary"]["error"] == 1 and data["summary"]["rules_failed"] == 1


def test_select_and_ignore(fake_rules: dict[str, Rule]) -> None:
    report = engine.run_rules(_doc(), select=["JS99"], ignore=["JS992", "JS991"])
    assert report.rule_status["JS992"] is RuleStatus.SKIPPED
    assert [f.rule for f in report.findings] == ["JS990", "JS990"]
    report = engine.run_rules(_doc(), select=["completeness"])
    assert report.findings == []


def test_duplicate_code_refused(fake_rules: dict[str, Rule]) -> None:
    with pytest.raises(ValueError):
        engine.rule(
            "JS990",
            name="x",
            title="x",
            category=Category.RESIDUE,
            severity=Severity.INFO,
            rationale="",
        )(lambda d: [])
    with pytest.raises(ValueError):
        engine.rule(
            "X1",
            name="x",
            title="x",
            category=Category.RESIDUE,
            severity=Severity.INFO,
            rationale="",
        )


def test_rounding_helpers() -> None:
    from decimal import Decimal as D

    assert sum_tolerance(1) == D("0.01") and sum_tolerance(2) == D("0.01")
    assert sum_tolerance(3) == D("0.02")
    # 住房保障 share printed 9.55 although 9.56 follows: interval decides
    interval = ratio_interval(D("1.00"), D("3.00"))
    assert interval is not None
    assert percent_consistent(D("33.33"), interval)
    assert percent_consistent(D("33.4"), interval)  # one decimal printed: 33.35..33.45 overlaps
    assert percent_consistent(D("33.50"), interval)  # 1.005 / 2.995 = 33.56%
    assert not percent_consistent(D("33.60"), interval)
    assert ratio_interval(D("1"), D("0.00")) is None


def test_real_catalog_metadata_complete() -> None:
    for code, r in engine.all_rules().items():
        assert r.code == code and r.title and r.rationale, code
        assert all(examples(code)), f"{code}: no documented examples"
