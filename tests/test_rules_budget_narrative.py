"""Budget narrative rules (JS931–JS944) beyond their cases (tests/rule_cases/JS931.toml …
JS944.toml, where each fires on a small hand-made budget or on a real budget with one printed
figure changed, and stays quiet on the document as printed): the hand-made budget is read as a
budget and is quiet, the comparison at the printed precision, one root cause reported by one
rule only, the generic narrative arithmetic on budgets, and the real budgets' errors and
warnings are the defects confirmed on their pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rulekit import doc_from_text, run, sample

from juesuan.model import Disclosure, DocKind, Statement
from juesuan.model.findings import Finding, Severity
from juesuan.rules.budget_narrative._shared import printed_verdict

COURT_2018 = "jiangsu-high-court-2018-dept-budget.pdf"
COURT = "jiangsu-high-court-2019-dept-budget.pdf"
PARTY = "jiangsu-party-office-2018-dept-budget.pdf"
FINANCE = "shanghai-municipal-finance-bureau-2025-unit-budget.pdf"
WANLI = "shanghai-putuo-wanli-street-2023-dept-budget.pdf"
BUDGETS = (
    COURT_2018,
    COURT,
    PARTY,
    FINANCE,
    WANLI,
    "jiangsu-party-office-2018-dept-budget-tables.pdf",
)

# A small budget in the Jiangsu layout: 收支总表, 一般公共预算支出表, “三公” table, explanation.
BASE = """某某厅2019年度部门预算公开

第二部分 2019年度部门预算表

公开01表
收支预算总表
单位：万元
收入	预算数	支出	预算数
一、财政拨款	1000.00	一、一般公共服务支出	800.00
1.一般公共预算	1000.00	二、住房保障支出	200.00
二、其他资金	0.00	一、基本支出	600.00
当年收入小计	1000.00	二、项目支出	400.00
收入合计	1000.00	支出合计	1000.00

公开07表
一般公共预算支出预算表
单位：万元
科目编码	科目名称	合计
	合计	1000.00
201	一般公共服务支出	800.00
20101	人大事务	800.00
2010101	行政运行	600.00
2010102	一般行政管理事务	200.00
221	住房保障支出	200.00
22102	住房改革支出	200.00
2210201	住房公积金	200.00

公开09表
“三公”经费支出预算表
单位：万元
合计	因公出国（境）费	公务用车购置及运行维护费	公务用车购置费	公务用车运行维护费	公务接待费
30.00	10.00	15.00	0.00	15.00	5.00

第三部分 2019年度部门预算情况说明

一、收支预算总体情况说明
某某厅2019年度收入、支出预算总计1000.00万元，与上年相比收、支预算总计各增加100.00万元，增长11.11%。
（二）支出预算总计1000万元。包括：
1．一般公共服务（类）支出800万元，与上年相比增加80万元。
2．住房保障（类）支出200万元，与上年相比增加20万元。
此外，基本支出预算数为600万元。项目支出预算数为400万元。

三、支出预算情况说明
某某厅本年支出预算合计1000.00万元，其中：
基本支出600.00万元，占60.00%；
项目支出400.00万元，占40.00%。

五、财政拨款支出预算情况说明
（一）一般公共服务（类）
1．人大事务（款）行政运行（项）支出600万元，与上年相比增加50万元，增长9.09%。
2．人大事务（款）一般行政管理事务（项）支出200万元，与上年一致。

九、一般公共预算“三公”经费支出预算情况说明
某某厅2019年度“三公”经费预算支出中，因公出国（境）费支出10万元，占“三公”经费的33.33%；公务用车运行维护费支出15万元，占“三公”经费的50.00%；公务接待费支出5万元，占“三公”经费的16.67%。
"""

NARRATIVE_RULES = ("JS93", "JS94")


def case(*changes: tuple[str, str]) -> Disclosure:
    """The hand-made budget with printed text replaced (each old text must be present)."""
    text = BASE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return doc_from_text(text, "budget.txt")


def findings(doc: Disclosure, *codes: str) -> list[Finding]:
    return [f for code in codes for f in run(doc, code)]


def statement(doc: Disclosure, subject: str, value: str, measure: str = "amount") -> Statement:
    return next(
        s
        for s in doc.statements
        if s.subject == subject and s.measure == measure and str(s.value) == value
    )


# --------------------------------------------------------------------------------------------
# the hand-made budget as printed


def test_hand_made_budget_is_read_as_a_budget() -> None:
    doc = case()
    assert doc.kind is DocKind.BUDGET
    assert {t.kind.value for t in doc.tables} == {"B01", "B07", "B10"}


def test_hand_made_budget_is_quiet() -> None:
    assert findings(case(), *NARRATIVE_RULES, "JS6") == []


# --------------------------------------------------------------------------------------------
# comparing at the printed precision


@pytest.mark.parametrize(
    ("stated", "table", "places", "expected"),
    [
        ("21968", "21968.00", 2, None),
        ("5011.4", "5011.40", 2, None),
        ("5011.4", "5011.43", 2, None),  # rounded to the printed decimal
        ("5011.4", "5011.46", 2, Severity.INFO),  # truncated: within the printed decimal
        ("5011.3", "5011.40", 2, Severity.WARNING),  # one unit of the printed decimal
        ("5011", "5011.60", 2, Severity.INFO),  # truncated
        ("5012", "5011.40", 2, Severity.WARNING),
        ("1757", "1756.0320", 4, Severity.WARNING),
        ("5013", "5011.40", 2, Severity.ERROR),
        ("17192", "17191.5169", 4, None),
        ("220.63", "220.6272", 4, None),
        ("441.25", "220.6272", 4, Severity.ERROR),
        ("86.96", "86.95", 2, Severity.WARNING),
        ("86.97", "86.95", 2, Severity.ERROR),
    ],
)
def test_printed_verdict(stated: str, table: str, places: int, expected: Severity | None) -> None:
    assert printed_verdict(Decimal(stated), Decimal(table), places) is expected


# --------------------------------------------------------------------------------------------
# one root cause, one finding: a rule built on a stated amount that disagrees with its table


def test_js937_sangong_item_and_the_share_built_on_it() -> None:
    doc = sample(COURT)
    assert findings(doc, "JS937") == []
    first = statement(doc, "公务接待费", "86.95")
    first.value = Decimal("96.95")
    found = findings(doc, "JS937")
    assert [f.severity for f in found] == [Severity.ERROR]
    # the share still follows the table's 86.95: one root cause, one finding
    assert all(f.severity is Severity.INFO for f in findings(doc, "JS940"))


def test_js944_a_sum_broken_by_a_wrong_amount_is_reported_once() -> None:
    doc = case(("项目支出预算数为400万元", "项目支出预算数为410万元"))
    # the table says 400: JS931 reports the amount, the sum is not reported a second time
    assert [f.severity for f in findings(doc, "JS931")] == [Severity.ERROR]
    assert findings(doc, "JS944") == []


def test_js940_a_wrong_total_is_reported_once() -> None:
    doc = sample(COURT)
    statement(doc, "本年支出合计", "37188.34").value = Decimal("37138.34")
    assert [f.severity for f in findings(doc, "JS931")] == [Severity.ERROR]
    # the shares follow the table's total: no second finding for the same cause
    assert all(f.severity is Severity.INFO for f in findings(doc, "JS940"))


# --------------------------------------------------------------------------------------------
# the generic narrative arithmetic on budgets


def test_js601_change_rate_on_a_budget() -> None:
    found = findings(sample(COURT_2018), "JS601")
    assert [f.severity for f in found] == [Severity.ERROR]  # 减少392.92万元，减少5.95%（应为6.10%）
    assert "6.10%" in found[0].message


def test_js601_budget_amounts_stand_for_their_printed_precision() -> None:
    """990 / (17,192 + 990) = 5.4449%: printed 5.45% is possible for amounts rounded to 万元."""
    doc = case(
        ("收、支预算总计各增加100.00万元，增长11.11%", "收、支预算总计各减少990万元，下降5.45%"),
        ("收入、支出预算总计1000.00万元", "收入、支出预算总计17192万元"),
    )
    found = findings(doc, "JS601")
    assert all(f.severity is Severity.INFO for f in found)


def test_js603_budget_reserve_counts_among_the_uses() -> None:
    for name in (COURT, COURT_2018, PARTY):
        assert findings(sample(name), "JS603", "JS604") == []


# --------------------------------------------------------------------------------------------
# no error a reviewer could not confirm


#: The defects found on the budget samples, each checked on the page (rule, page-independent key).
CONFIRMED = {
    COURT_2018: {("JS601", "5.95%"), ("JS935", "一般行政事务管理")},
    COURT: {("JS935", "一般行政事务管理")},
    WANLI: {
        ("JS942", "1421.25"),
        ("JS941", "314.82%"),
        ("JS941", "60.54%"),
        ("JS934", "441.25"),
    },
}


@pytest.mark.parametrize("name", BUDGETS)
def test_budget_samples_errors_and_warnings_are_the_confirmed_defects(name: str) -> None:
    found = [
        f
        for f in findings(sample(name), *NARRATIVE_RULES, "JS6")
        if f.severity is not Severity.INFO
    ]
    expected = CONFIRMED.get(name, set())
    assert len(found) == len(expected), [f.message for f in found]
    for rule_code, key in expected:
        assert any(f.rule == rule_code and key in f.message for f in found), (rule_code, key)
