"""Budget rules (JS9xx) beyond their cases (tests/rule_cases/JS9*.toml): the real budgets give
no table error, and the final-account rules do not judge a budget."""

from __future__ import annotations

import pytest
from rulekit import run, sample

from juesuan.model.findings import Severity

BUDGETS = (
    "jiangsu-high-court-2018-dept-budget.pdf",
    "jiangsu-high-court-2019-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget-tables.pdf",
    "shanghai-municipal-finance-bureau-2025-unit-budget.pdf",
    "shanghai-putuo-wanli-street-2023-dept-budget.pdf",
)
COURT = "jiangsu-high-court-2019-dept-budget.pdf"


@pytest.mark.parametrize("name", BUDGETS)
def test_budget_samples_have_no_table_errors(name: str) -> None:
    doc = sample(name)
    for code in ("JS9", "JS201", "JS202", "JS203"):
        errors = [f for f in run(doc, code) if f.severity is not Severity.INFO]
        assert errors == [], [f.message for f in errors]


def test_final_account_rules_do_not_judge_a_budget() -> None:
    doc = sample(COURT)
    for code in ("JS101", "JS102", "JS103", "JS301", "JS501"):
        assert run(doc, code) == []
