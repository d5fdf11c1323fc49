"""Budget rules (JS9xx) beyond their cases (tests/rule_cases/JS9*.toml): the real budgets give
no table error, the final-account rules do not judge a budget, and the rules of other families
that read budgets (JS101/JS102 parts and sections, JS603, JS710) on the real budgets; a
narrative and its separately published tables checked as one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rulekit import SAMPLES, run, sample

from juesuan.model import DocKind, TableKind
from juesuan.model.findings import Severity

BUDGETS = (
    "jiangsu-high-court-2018-dept-budget.pdf",
    "jiangsu-high-court-2019-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget-tables.pdf",
    "shanghai-municipal-finance-bureau-2025-unit-budget.pdf",
    "shanghai-putuo-wanli-street-2023-dept-budget.pdf",
)
COURT = "jiangsu-high-court-2019-dept-budget.pdf"
WANLI = "shanghai-putuo-wanli-street-2023-dept-budget.pdf"


@pytest.mark.parametrize("name", BUDGETS)
def test_budget_samples_have_no_table_errors(name: str) -> None:
    doc = sample(name)
    for code in ("JS90", "JS91", "JS92", "JS201", "JS202", "JS203"):  # the tables' own rules
        errors = [f for f in run(doc, code) if f.severity is not Severity.INFO]
        assert errors == [], [f.message for f in errors]


def test_final_account_rules_do_not_judge_a_budget() -> None:
    doc = sample(COURT)
    for code in ("JS101", "JS102", "JS103", "JS301", "JS501"):
        assert run(doc, code) == []


def test_js710_year_before_the_unit_is_not_a_place() -> None:
    """Titles like "2018 年度江苏省高级人民法院收支预算总表": 年度 is not part of a place name."""
    assert run(sample("jiangsu-high-court-2018-dept-budget.pdf"), "JS710") == []


def test_js603_vehicles_by_use_include_general_cars() -> None:
    """“共有车辆66辆，其中，一般公务用车13辆、执法执勤用车38辆、特种专业技术用车15辆”."""
    doc = sample(COURT)
    assert run(doc, "JS603") == []
    stated = [s for s in doc.statements if s.subject == "一般公务用车"]
    assert [str(s.value) for s in stated] == ["13"]
    stated[0].value = Decimal(12)
    found = run(doc, "JS603")
    assert len(found) == 1 and "66" in found[0].message


@pytest.mark.parametrize("name", [*BUDGETS, "jiangsu-party-office-2018-dept-budget.pdf"])
def test_budget_parts_and_sections_complete(name: str) -> None:
    doc = sample(name)
    assert run(doc, "JS101") == [] and run(doc, "JS102") == []


def test_js102_budget_section_missing_names_the_budget_section() -> None:
    doc = sample(COURT)
    doc.outline = [h for h in doc.outline if h.key != "admin_cost"]
    doc.paragraphs = [p for p in doc.paragraphs if p.topic != "admin_cost"]
    doc.toc = [e for e in doc.toc if "机关运行经费支出预算情况" not in e.title]
    found = run(doc, "JS102")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "预算情况说明部分" in found[0].message and "机关运行经费" in found[0].message


def test_js101_tables_only_file_is_not_judged_for_parts() -> None:
    doc = sample("jiangsu-party-office-2018-dept-budget-tables.pdf")
    report_codes = {f.rule for f in run(doc, "JS10")}
    assert not report_codes & {"JS101", "JS102"}


def test_js101_budget_part_missing() -> None:
    doc = sample(WANLI)
    doc.outline = [h for h in doc.outline if h.key != "glossary"]
    doc.paragraphs = [p for p in doc.paragraphs if p.part != "glossary"]
    found = run(doc, "JS101")
    assert found and "名词解释" in found[0].message


def test_narrative_and_tables_checked_as_one(tmp_path: Path) -> None:
    from juesuan.rules import check_file

    narrative = SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf"
    tables = SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf"
    report = check_file([narrative, tables])
    doc = report.document
    assert doc.kind is DocKind.BUDGET and doc.unit == "江苏省委办公厅" and doc.year == 2018
    assert len(doc.source.parts) == 2 and doc.source.pages == 28
    assert {t.kind for t in doc.tables} >= {TableKind.B01, TableKind.B10, TableKind.B14}
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []
    # the 目录's twelve tables are all there once the tables file is read with the text
    assert not [f for f in report.findings if f.rule == "JS901"]
