"""Budget narrative rules (JS931–JS944): each fires on a small hand-made budget or on a real
budget with one printed figure changed, and stays quiet on the document as printed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rulekit import doc_from_text, run, sample

from juesuan.model import Disclosure, DocKind, Statement
from juesuan.model.findings import Finding, Severity
from juesuan.rules.budget_narrative import printed_verdict

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
# JS931 totals, sources, uses


def test_js931_fires_on_a_use_that_differs_from_the_summary_table() -> None:
    found = findings(case(("基本支出预算数为600万元", "基本支出预算数为610万元")), "JS931")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "“基本支出”为 610 万元" in found[0].message
    assert "“一、基本支出”为 600.00 万元" in found[0].message


def test_js931_a_total_printed_without_decimals_is_right() -> None:
    assert findings(case(), "JS931") == []
    assert findings(sample(FINANCE), "JS931") == []  # 17,192万元 for 171,915,169 元


def test_js931_one_decimal_truncated_is_info() -> None:
    doc = sample(COURT)  # 单位预留机动经费预算数为5011.4万元
    for kind, ref, column in (("B01", "reserve", "amount"), ("B03", None, "reserve")):
        table = next(t for t in doc.tables if t.kind.value == kind)
        row = next(r for r in table.rows if ref is None or r.ref_code == ref)
        row.values[column] = Decimal("5011.46")
    found = findings(doc, "JS931")
    assert found and {f.severity for f in found} == {Severity.INFO}
    assert "5011.4 万元" in found[0].message


def test_js931_total_wrong_on_a_real_budget() -> None:
    doc = sample(COURT)
    statement(doc, "收入总计", "37188.34").value = Decimal("37183.34")
    found = findings(doc, "JS931")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "相差 5.00 万元" in found[0].message


# --------------------------------------------------------------------------------------------
# JS932 funds


def test_js932_govfund_stated_while_its_table_is_empty() -> None:
    doc = sample(WANLI)
    assert findings(doc, "JS932") == []
    statement(doc, "政府性基金预算财政拨款支出", "0").value = Decimal("1421.25")
    found = findings(doc, "JS932")
    assert found and found[0].severity is Severity.ERROR
    assert "无数据" in found[0].message


def test_js932_empty_table_without_a_note_is_a_warning_at_most() -> None:
    doc = sample(COURT)  # 公开10表 printed with no rows and no “本表无数据”
    statement(doc, "政府性基金预算财政拨款支出", "0").value = Decimal("10")
    found = findings(doc, "JS932")
    assert found and found[0].severity is Severity.WARNING


def test_js932_general_budget() -> None:
    doc = sample(COURT)
    assert findings(doc, "JS932") == []
    statement(doc, "一般公共预算财政拨款支出", "37188.34").value = Decimal("37188.43")
    assert [f.severity for f in findings(doc, "JS932")] == [Severity.ERROR]


# --------------------------------------------------------------------------------------------
# JS933 classes, JS934 items, JS935 names


def test_js933_class_amount() -> None:
    found = findings(case(("住房保障（类）支出200万元", "住房保障（类）支出210万元")), "JS933")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "（221）" in found[0].message


def test_js933_quiet_on_real_classes() -> None:
    for name in (COURT, COURT_2018, FINANCE):
        assert findings(sample(name), "JS933") == []


def test_js934_item_amount_copied_from_the_line_before() -> None:
    found = findings(sample(WANLI), "JS934")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "441.25 万元" in found[0].message and "2,206,272 元" in found[0].message


def test_js934_hand_made() -> None:
    found = findings(case(("行政运行（项）支出600万元", "行政运行（项）支出660万元")), "JS934")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "2010101" in found[0].message
    assert findings(case(), "JS934") == []
    assert findings(sample(COURT), "JS934") == []


def test_js935_item_name_with_a_slip() -> None:
    doc = case(("一般行政管理事务（项）支出200万元", "一般行政事务管理（项）支出200万元"))
    found = findings(doc, "JS935")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "2010102 一般行政管理事务" in found[0].message
    assert findings(case(), "JS935") == []


def test_js935_on_the_real_budgets() -> None:
    for name in (COURT, COURT_2018):
        found = findings(sample(name), "JS935")
        assert len(found) == 1 and "一般行政事务管理" in found[0].message
    assert findings(sample(WANLI), "JS935") == []


# --------------------------------------------------------------------------------------------
# JS936 basic, JS937 “三公”, JS938 机关运行经费, JS939 政府采购


def test_js936_personnel_derived_from_economic_classes_is_a_warning() -> None:
    doc = sample(COURT)
    assert findings(doc, "JS936") == []
    for s in doc.statements:
        if s.subject == "人员经费" and s.topic == "basic":
            s.value = Decimal("18378.95")
    found = findings(doc, "JS936")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "301 工资福利支出" in found[0].message


def test_js936_basic_total_against_the_table() -> None:
    doc = sample(COURT)
    statement(doc, "一般公共预算财政拨款基本支出", "21968").value = Decimal("21986")
    found = findings(doc, "JS936")
    assert [f.severity for f in found] == [Severity.ERROR]


def test_js937_sangong_item_and_the_share_built_on_it() -> None:
    doc = sample(COURT)
    assert findings(doc, "JS937") == []
    first = statement(doc, "公务接待费", "86.95")
    first.value = Decimal("96.95")
    found = findings(doc, "JS937")
    assert [f.severity for f in found] == [Severity.ERROR]
    # the share still follows the table's 86.95: one root cause, one finding
    assert all(f.severity is Severity.INFO for f in findings(doc, "JS940"))


def test_js937_hand_made() -> None:
    found = findings(case(("公务接待费支出5万元", "公务接待费支出8万元")), "JS937")
    assert [f.severity for f in found] == [Severity.ERROR]
    # one unit of the printed precision (5万元 printed without decimals): a warning
    found = findings(case(("公务接待费支出5万元", "公务接待费支出6万元")), "JS937")
    assert [f.severity for f in found] == [Severity.WARNING]


def test_js938_admin_cost() -> None:
    for name in (COURT, WANLI, FINANCE):
        assert findings(sample(name), "JS938") == []
    doc = sample(WANLI)
    statement(doc, "机关运行经费", "786.09").value = Decimal("786.90")
    assert [f.severity for f in findings(doc, "JS938")] == [Severity.ERROR]


def test_js939_procurement() -> None:
    doc = sample(COURT)
    assert findings(doc, "JS939") == []
    statement(doc, "政府采购服务", "3059.87").value = Decimal("3049.87")
    found = findings(doc, "JS939")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "3,059.87" in found[0].message or "3059.87" in found[0].message


# --------------------------------------------------------------------------------------------
# JS940 shares


def test_js940_wrong_share() -> None:
    found = findings(case(("占60.00%", "占57.00%")), "JS940")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "应为 60.00%" in found[0].message


def test_js940_shares_forced_to_100_are_info() -> None:
    found = findings(sample(PARTY), "JS940")  # 80.91% printed 80.92% so that the three make 100%
    assert [f.severity for f in found] == [Severity.INFO]
    assert "80.92%" in found[0].message and "100%" in found[0].message
    court = findings(sample(COURT), "JS940")  # 16.92% printed 16.93%
    assert [f.severity for f in court] == [Severity.INFO]


def test_js940_whole_named_in_the_text() -> None:
    doc = sample(COURT)  # 财政拨款预算支出37188.34万元，占本年支出合计的100%
    assert findings(doc, "JS940") != [] and all(
        f.severity is Severity.INFO for f in findings(doc, "JS940")
    )
    statement(doc, "财政拨款支出", "100", "share").value = Decimal("90")
    found = [f for f in findings(doc, "JS940") if f.severity is Severity.ERROR]
    assert len(found) == 1 and "本年支出合计" in found[0].message
    # a whole this rule does not know (财政拨款支出) is not judged
    unknown = case(("基本支出600.00万元，占60.00%", "基本支出600.00万元，占财政拨款支出的57.00%"))
    assert findings(unknown, "JS940") == []


def test_js940_a_wrong_total_is_reported_once() -> None:
    doc = sample(COURT)
    statement(doc, "本年支出合计", "37188.34").value = Decimal("37138.34")
    assert [f.severity for f in findings(doc, "JS931")] == [Severity.ERROR]
    # the shares follow the table's total: no second finding for the same cause
    assert all(f.severity is Severity.INFO for f in findings(doc, "JS940"))


def test_js940_share_of_the_sangong_table() -> None:
    found = findings(case(("占“三公”经费的50.00%", "占“三公”经费的55.00%")), "JS940")
    assert [f.severity for f in found] == [Severity.ERROR]


# --------------------------------------------------------------------------------------------
# JS941 against last year's execution


SH_ITEMS = (
    "某街道办事处2023年度部门预算公开\n\n第一部分 部门预算编制说明\n"
    "2023年，某街道办事处收入预算100.00万元，其中：财政拨款收入100.00万元。\n"
    "1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。"
    "2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加{rate}。"
    "主要原因是：统计管理经费增加。\n"
    "2. “公共安全支出（类）司法（款）公共法律服务（项）”15.00万元，主要用于公共法律服务。"
    "2022年当年预算执行数为{prior}万元，2023年预算安排15.00万元，比2022年预算执行数{flat}。"
    "主要原因是：经费保持不变。\n"
)


def sh_items(rate: str = "77.70%", prior: str = "15.00", flat: str = "持平") -> Disclosure:
    return doc_from_text(SH_ITEMS.format(rate=rate, prior=prior, flat=flat), "sh.txt")


def test_js941_quiet_when_the_rate_follows() -> None:
    doc = sh_items()
    assert doc.kind is DocKind.BUDGET
    assert findings(doc, "JS941") == []


def test_js941_wrong_rate_and_wrong_flat() -> None:
    found = findings(sh_items(rate="70.70%"), "JS941")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "应为 77.70%" in found[0].message
    flat = findings(sh_items(prior="12.00"), "JS941")
    assert [f.severity for f in flat] == [Severity.ERROR] and "持平" in flat[0].message
    direction = findings(sh_items(rate="77.70%", prior="18.00", flat="增加16.67%"), "JS941")
    assert [f.severity for f in direction] == [Severity.ERROR] and "方向相反" in direction[
        0
    ].message


def test_js941_on_the_street_office() -> None:
    found = findings(sample(WANLI), "JS941")
    assert [f.severity for f in found] == [Severity.ERROR, Severity.ERROR]
    assert "314.82%" in found[0].message and "289.12%" in found[0].message
    # item 16: computed from the table's 2,206,272 元, not from the copied 441.25
    assert "66.40%" in found[1].message and "60.54%" in found[1].message


# --------------------------------------------------------------------------------------------
# JS942 an increase larger than this year's amount


def test_js942_on_the_street_office() -> None:
    found = findings(sample(WANLI), "JS942")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "政府性基金" in found[0].message and "照抄" in found[0].message


def test_js942_hand_made() -> None:
    doc = case(
        (
            "住房保障（类）支出200万元，与上年相比增加20万元",
            "住房保障（类）支出200万元，与上年相比增加220万元",
        )
    )
    found = findings(doc, "JS942")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert findings(case(), "JS942") == []


# --------------------------------------------------------------------------------------------
# JS943 one item, two amounts


def test_js943_without_a_table_to_tell_which() -> None:
    text = SH_ITEMS.format(rate="77.70%", prior="15.00", flat="持平").replace(
        "2023年预算安排2.63万元", "2023年预算安排3.63万元"
    )
    found = findings(doc_from_text(text, "sh.txt"), "JS943")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "2.63" in found[0].message and "3.63" in found[0].message
    assert findings(sh_items(), "JS943") == []


def test_js943_leaves_it_to_the_table_rule_when_a_table_tells() -> None:
    assert findings(sample(WANLI), "JS943") == []  # JS934 reports the copied 441.25


# --------------------------------------------------------------------------------------------
# JS944 totals and parts


def test_js944_classes_and_uses_add_up() -> None:
    assert findings(case(), "JS944") == []
    doc = case(("项目支出预算数为400万元", "项目支出预算数为410万元"))
    # the table says 400: JS931 reports the amount, the sum is not reported a second time
    assert [f.severity for f in findings(doc, "JS931")] == [Severity.ERROR]
    assert findings(doc, "JS944") == []
    # without a table to tell, the sum is what a reviewer can check
    doc = case(
        ("项目支出预算数为400万元", "项目支出预算数为410万元"),
        ("二、项目支出	400.00", "二、其他支出	400.00"),
    )
    found = findings(doc, "JS944")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "“支出总计”为 1000 万元" in found[0].message


def test_js944_changes_add_up() -> None:
    doc = case(
        ("支出预算总计1000万元。", "支出预算总计1000万元，与上年相比增加100万元。"),
        ("与上年相比增加20万元", "与上年相比增加30万元"),
    )
    found = findings(doc, "JS944")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "增减额" in found[0].message


def test_js944_rounding_is_info() -> None:
    doc = case(("支出预算总计1000万元", "支出预算总计1000.01万元"))
    found = findings(doc, "JS944")
    assert found and {f.severity for f in found} == {Severity.INFO}


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
