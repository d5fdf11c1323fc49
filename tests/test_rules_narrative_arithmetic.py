"""Narrative arithmetic (JS6xx): the explanation's numbers checked against each other.

Hand-made explanations (written like the .txt samples and read by the real extractor) where
each rule fires and where it stays quiet, plus the findings on the shipped samples, each
confirmed by reading the document (page/line in the comments).
"""

from __future__ import annotations

from decimal import Decimal as D

import rulekit

from juesuan.model import Disclosure
from juesuan.model.findings import Finding, Severity
from juesuan.rules.narrative_arithmetic import yoy_interval

HEAD = "第二部分 2024年度部门决算情况说明\n"


def _doc(body: str) -> Disclosure:
    return rulekit.doc_from_text(HEAD + body)


def _find(doc: Disclosure, code: str) -> list[Finding]:
    return rulekit.run(doc, code)


def _summary(findings: list[Finding]) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in findings]


# --- JS601 change rate -------------------------------------------------------------------------

TOTAL = (
    "一、收入支出决算总体情况说明\n2024年度收入、支出总计{this}万元。"
    "与2023年相比，收、支总计各{word}{change}万元，{rate_word}{rate}%。\n"
)


def _total(this: str, word: str, change: str, rate_word: str, rate: str) -> Disclosure:
    return _doc(TOTAL.format(this=this, word=word, change=change, rate_word=rate_word, rate=rate))


def test_js601_rates() -> None:
    # 24101.64, −3451.64: 3451.64 / 27553.28 = 12.527% → 12.53
    assert _find(_total("24101.64", "减少", "3451.64", "下降", "12.53"), "JS601") == []
    # 1062.85 / (9859.38 − 1062.85) = 12.08%
    assert _find(_total("9859.38", "增加", "1062.85", "增长", "12.08"), "JS601") == []
    one_off = _find(_total("24101.64", "减少", "3451.64", "下降", "12.52"), "JS601")
    assert _summary(one_off) == [("JS601", Severity.WARNING)] and one_off[0].expected == "12.53%"
    wrong = _find(_total("24101.64", "减少", "3451.64", "下降", "14.32"), "JS601")
    assert _summary(wrong) == [("JS601", Severity.ERROR)]
    # the rate of the increase must use last year's amount, not this year's
    wrong_base = _find(_total("9859.38", "增加", "1062.85", "增长", "10.78"), "JS601")
    assert _summary(wrong_base) == [("JS601", Severity.ERROR)]


def test_js601_new_unit_and_negative_last_year() -> None:
    # a unit founded this year: last year 0, “增长100.00%” is a convention, not checked
    assert _find(_total("307.82", "增加", "307.82", "增长", "100.00"), "JS601") == []
    negative = _find(_total("120.00", "增加", "130.00", "增长", "25.00"), "JS601")
    assert _summary(negative) == [("JS601", Severity.ERROR)] and "为负" in negative[0].message


def test_yoy_interval_brackets_the_point_rate() -> None:
    intervals = yoy_interval(D("16.25"), D("4"), -1)
    assert intervals is not None
    (low, high), singles = intervals
    assert low < D("19.753") < high and len(singles) == 2


def test_js601_sichuan_2022_rates_within_rounding() -> None:
    # sichuan 2022 lines 174-176: 公务用车 16.25 万元, 减少 4 万元, 下降 19.76%
    # (4/20.25 = 19.753%); line 182: 公务接待 1.33, 减少 1.48, 下降 52.65% (1.48/2.81 =
    # 52.669%).  Amounts known to the cent allow 19.73–19.78% and 52.49–52.85%: notes only.
    found = _find(rulekit.sample("sichuan-bigdata-center-2022.txt"), "JS601")
    assert _summary(found) == [("JS601", Severity.INFO), ("JS601", Severity.INFO)]
    assert [(f.expected, f.actual) for f in found] == [("19.75%", "19.76%"), ("52.67%", "52.65%")]


# --- JS602 direction words -----------------------------------------------------------------


def test_js602_contradictions() -> None:
    found = _find(_total("24101.64", "减少", "3451.64", "增长", "12.53"), "JS602")
    assert _summary(found) == [("JS602", Severity.ERROR)] and found[0].expected == "下降"
    flat = _doc(
        "七、财政拨款“三公”经费支出决算情况说明\n（二）“三公”经费财政拨款支出决算具体情况说明\n"
        "3.公务接待费支出1.33万元。公务接待费支出决算与2021年持平，下降5.00%。\n"
    )
    found = _find(flat, "JS602")
    assert _summary(found) == [("JS602", Severity.ERROR)] and "持平" in found[0].message


def test_js602_quiet() -> None:
    assert _find(_total("24101.64", "减少", "3451.64", "下降", "12.53"), "JS602") == []
    for name in rulekit.SAMPLE_NAMES:  # residue such as 下降（增长） is left to JS7xx
        assert _find(rulekit.sample(name), "JS602") == []


# --- JS603 parts sum -------------------------------------------------------------------------

BASIC = (
    "六、一般公共预算财政拨款基本支出决算情况说明\n"
    "2024年一般公共预算财政拨款基本支出{total}万元，其中：人员经费{personnel}万元，主要包括：基本工资；"
    "公用经费{public}万元，主要包括：办公费。\n"
)


def test_js603_basic_expense() -> None:
    ok = _doc(BASIC.format(total="105.58", personnel="95.36", public="10.22"))
    assert _find(ok, "JS603") == []
    rounding = _doc(BASIC.format(total="105.58", personnel="95.36", public="10.23"))
    assert _summary(_find(rounding, "JS603")) == [("JS603", Severity.INFO)]
    wrong = _find(_doc(BASIC.format(total="105.58", personnel="95.36", public="12.23")), "JS603")
    assert _summary(wrong) == [("JS603", Severity.ERROR)]
    assert wrong[0].expected == "107.59 万元" and wrong[0].actual == "105.58 万元"


def test_js603_partial_lists_counts_and_bounds() -> None:
    doc = _doc(
        "十、其他重要事项的情况说明\n（二）政府采购支出情况\n"
        "2022年，本单位政府采购支出总额100.00万元，其中：政府采购服务支出60.00万元。"
        "授予中小企业合同金额120.00万元，占政府采购支出总额的120.00%。\n"
        "（三）国有资产占有使用情况\n"
        "截至2022年12月31日，本单位共有车辆6辆，其中：主要领导干部用车1辆、机要通信用车1辆、"
        "应急保障用车2辆、其他用车3辆。\n"
    )
    found = {f.message.split("“")[1].split("”")[0]: f for f in _find(doc, "JS603")}
    # only 服务 listed, 60.00 of 100.00: the rest is not accounted for
    assert found["政府采购总额"].severity is Severity.WARNING
    # vehicles: every use is… 1 + 1 + 2 + 3 = 7 ≠ 6, more than the total: error
    assert found["车辆"].severity is Severity.ERROR
    # 授予中小企业 120.00 > 政府采购总额 100.00
    assert found["授予中小企业合同金额"].severity is Severity.WARNING


def test_js603_samples() -> None:
    # shegong p.22: SME contracts in reserved projects 21.07 and in other projects 21.07
    # exceed the total procurement 21.07; p.20: 95.36 + 10.23 = 105.59 vs 105.58 (rounding).
    shegong = _find(rulekit.sample("shanghai-shegong-2024.pdf"), "JS603")
    assert sorted(_summary(shegong)) == [("JS603", Severity.INFO), ("JS603", Severity.WARNING)]
    # guihua p.27: 122.43 + 1387.72 + 809.07 = 2319.22 vs 总额 2319.21: three rounded parts
    guihua = _find(rulekit.sample("shanghai-guihua-2024.pdf"), "JS603")
    assert _summary(guihua) == [("JS603", Severity.INFO)] and "2319.22" in guihua[0].message
    for name in ("leshan-bigdata-center-2024.txt", "sichuan-bigdata-center-2022.txt"):
        assert _find(rulekit.sample(name), "JS603") == []


# --- JS604 shares make 100% ------------------------------------------------------------------


def test_js604_fires_when_plausible_shares_do_not_add_up() -> None:
    # tiny amounts: each share is possible within rounding, together they make 110%
    doc = _doc(
        "三、支出决算情况说明\n"
        "2024年本年支出合计0.03万元，其中：基本支出0.01万元，占40.00%；项目支出0.02万元，占70.00%。\n"
    )
    found = _find(doc, "JS604")
    assert _summary(found) == [("JS604", Severity.ERROR)] and found[0].actual == "110.00%"


def test_js604_quiet() -> None:
    doc = _doc(
        "三、支出决算情况说明\n"
        "2024年本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；"
        "项目支出202.24万元，占65.70%。\n"
    )
    assert _find(doc, "JS604") == []
    for name in rulekit.SAMPLE_NAMES:
        assert _find(rulekit.sample(name), "JS604") == []


# --- JS605 completion rate -------------------------------------------------------------------

ITEM = (
    "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"
    "1.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：{budget}"
    "支出决算为{actual}万元，完成{which}{rate}%。\n"
)


def _item(budget: str, actual: str, rate: str, which: str = "全年预算数的") -> Disclosure:
    return _doc(ITEM.format(budget=budget, actual=actual, rate=rate, which=which))


def test_js605_rates() -> None:
    assert _find(_item("全年预算为52.00万元，", "51.32", "98.69"), "JS605") == []
    # 51.32/52.00 = 98.692%; 98.68% is what 51.315/52.00 gives: within rounding, a note
    near = _find(_item("全年预算为52.00万元，", "51.32", "98.68"), "JS605")
    assert _summary(near) == [("JS605", Severity.INFO)]
    one_off = _find(_item("全年预算为10210.34万元，", "9746.50", "95.45"), "JS605")
    assert _summary(one_off) == [("JS605", Severity.WARNING)]
    wrong = _find(_item("全年预算为52.00万元，", "51.32", "89.69"), "JS605")
    assert _summary(wrong) == [("JS605", Severity.ERROR)]
    # no budget stated: nothing to compute with
    assert _find(_item("", "51.32", "98.69", "预算"), "JS605") == []


def test_js605_zero_budget_and_zero_actual() -> None:
    zero = _find(_item("年初预算为0万元，", "51.32", "98.69", "年初预算的"), "JS605")
    assert _summary(zero) == [("JS605", Severity.ERROR)]
    nothing = _find(_item("", "0", "100", "预算"), "JS605")
    assert _summary(nothing) == [("JS605", Severity.WARNING)]


def test_js605_samples() -> None:
    # shegong p.18: 年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的
    # 95.89% (= 307.82 / 321.02 of the full-year budget)
    shegong = _find(rulekit.sample("shanghai-shegong-2024.pdf"), "JS605")
    assert _summary(shegong) == [("JS605", Severity.WARNING)] and "321.02" in shegong[0].message
    # guihua p.21: 9746.50 / 10210.34 = 95.457% printed 95.45
    guihua = _find(rulekit.sample("shanghai-guihua-2024.pdf"), "JS605")
    assert [(f.severity, f.expected, f.actual) for f in guihua] == [
        (Severity.WARNING, "95.46%", "95.45%")
    ]
    # commerce lines 94, 96: 因公出国（境）经费 / 公务用车 支出0万元，完成预算100%
    commerce = _find(rulekit.sample("sichuan-commerce-infocenter-2020.txt"), "JS605")
    assert _summary(commerce) == [("JS605", Severity.WARNING), ("JS605", Severity.WARNING)]


# --- JS606 大于/小于/等于 ---------------------------------------------------------------------

WORDS = (
    "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"
    "1.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：{budget}"
    "支出决算为{actual}万元，完成预算{rate}%，决算数{word}预算数的主要原因是人员变动。\n"
)


def _words(budget: str, actual: str, rate: str, word: str) -> Disclosure:
    return _doc(WORDS.format(budget=budget, actual=actual, rate=rate, word=word))


def test_js606_words() -> None:
    assert _find(_words("全年预算为52.00万元，", "51.32", "98.69", "小于"), "JS606") == []
    wrong = _find(_words("全年预算为52.00万元，", "51.32", "98.69", "大于"), "JS606")
    assert _summary(wrong) == [("JS606", Severity.ERROR)] and wrong[0].expected == "小于"
    by_rate = _find(_words("", "51.32", "100.50", "小于"), "JS606")
    assert _summary(by_rate) == [("JS606", Severity.ERROR)] and by_rate[0].expected == "大于"
    # 100% with no amounts: cannot tell
    assert _find(_words("", "51.32", "100", "小于"), "JS606") == []
    close = _find(_words("全年预算为51.33万元，", "51.32", "99.98", "等于"), "JS606")
    assert _summary(close) == [("JS606", Severity.WARNING)]


def test_js606_and_all_quiet_on_template() -> None:
    for name in rulekit.SAMPLE_NAMES:
        assert _find(rulekit.sample(name), "JS606") == []
    assert _find(rulekit.sample("shanghai-template-2024.pdf"), "JS6") == []
