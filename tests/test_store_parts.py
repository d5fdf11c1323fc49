"""Parts of the store that need no database: finding fingerprints and key figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import juesuan
from juesuan.model import Evidence
from juesuan.model.findings import Category, Finding, Severity
from juesuan.store.figures import key_figures
from juesuan.store.fingerprint import fingerprint, fingerprints

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _finding(message: str, where: str = "表03 支出决算表", rule: str = "JS203") -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.WARNING,
        category=Category.ARITHMETIC,
        title="",
        message=message,
        evidence=[Evidence("x", page=3, line=7)],
        where=where,
    )


def test_fingerprint_ignores_amounts_and_pages_but_not_the_subject() -> None:
    a = (
        "表03 支出决算表“208 社会保障和就业支出”行：合计为 754.75 万元，"
        "基本支出 + 项目支出之和为 754.74 万元，相差 0.01 万元。"
    )
    b = (
        "表03 支出决算表“208 社会保障和就业支出”行：合计为 1,754.75 万元，"
        "基本支出 + 项目支出之和为 1754.70 万元，相差 0.05 万元。"
    )
    other_row = a.replace("208 社会保障和就业支出", "210 卫生健康支出")
    assert fingerprint("JS203", "表03 支出决算表", a) == fingerprint("JS203", "表03 支出决算表", b)
    assert fingerprint("JS203", "表03 支出决算表", a) != fingerprint(
        "JS203", "表03 支出决算表", other_row
    )
    assert fingerprint("JS203", "表03 支出决算表", a) != fingerprint("JS204", "表03 支出决算表", a)
    moved = _finding(a)
    moved.evidence = [Evidence("y", page=9, line=1)]
    assert fingerprints([_finding(a)]) == fingerprints([moved])
    # Repeats within one run are numbered, in order.
    twice = fingerprints([_finding(a), _finding(b)])
    assert len(set(twice)) == 2 and twice[0] == fingerprints([_finding(a)])[0]


def test_key_figures_of_a_final_account_and_a_budget() -> None:
    final = juesuan.read(SAMPLES / "shanghai-guihua-2024.pdf")
    figures = key_figures(final)
    assert figures["income_grand_total"] == Decimal("9859.38")
    assert figures["expense_total"] == Decimal("9759.38")
    assert figures["general_expense"] == Decimal("9746.50")
    assert (figures["basic"], figures["project"]) == (Decimal("5377.64"), Decimal("4381.74"))
    assert (figures["sangong"], figures["sangong_budget"]) == (Decimal("0.39"), Decimal("2.85"))
    budget = juesuan.read(SAMPLES / "jiangsu-high-court-2019-dept-budget.pdf")
    figures = key_figures(budget)
    assert figures["income_grand_total"] == Decimal("37188.34")
    assert figures["basic"] == Decimal("21968.00")
    assert figures["sangong"] == Decimal("513.75")  # its own line, not 合计 with 会议费/培训费
    assert "sangong_budget" not in figures
