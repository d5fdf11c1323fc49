"""Facts stated in a budget's explanation (预算情况说明 / 预算编制说明): hand-made paragraphs
read as a budget, and the budget samples' hand-checked goldens."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

import juesuan
from juesuan.model import DocKind, Evidence, Paragraph, Statement
from juesuan.structure.statements import extract_statements

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from dump_statements import GOLDEN, statements_digest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

Fact = tuple[str, str, str, str]  # subject, measure, value, unit


def para(text: str, section: str | None, topic: str | None) -> Paragraph:
    evidence = Evidence(text=text, page=5, line=1)
    return Paragraph(
        text=text, section=section, evidence=evidence, part="explanation", topic=topic,
        lines=[evidence],
    )  # fmt: skip


def read(text: str, section: str | None = "一", topic: str | None = "total") -> list[Statement]:
    return extract_statements([para(text, section, topic)], DocKind.BUDGET)


def facts(statements: list[Statement]) -> list[Fact]:
    return [(s.subject, s.measure, str(s.value), s.unit) for s in statements]


# --------------------------------------------------------------------------------------------
# totals and their change against last year's budget


def test_totals_and_change_are_amounts_not_final_budget_figures() -> None:
    found = read(
        "某部2019年度收入、支出预算总计37188.34万元，与上年相比收、支预算总计各增加4016.19"
        "万元，增长12.11%。主要原因是基本支出增加3397.18万元。"
    )
    assert facts(found) == [
        ("收入支出总计", "amount", "37188.34", "万元"),
        ("收入支出总计", "direction", "增加", ""),
        ("收入支出总计", "change_amount", "4016.19", "万元"),
        ("收入支出总计", "rate_direction", "增长", ""),
        ("收入支出总计", "change_rate", "12.11", "%"),
    ]


def test_budget_cue_gives_the_amount_in_a_budget_and_the_budget_in_a_final_account() -> None:
    text = "某部2019年一般公共预算财政拨款支出预算37188.34万元。"
    budget = read(text, "七", "general_budget")
    assert facts(budget) == [("一般公共预算财政拨款支出", "amount", "37188.34", "万元")]
    final = extract_statements([para(text, "七", "general_budget")])
    assert [s.measure for s in final] == ["budget"]


def test_sources_and_uses_with_shares() -> None:
    found = read(
        "1．财政拨款收入预算总计24458.43万元。（1）一般公共预算收入预算24458.43万元。"
        "2．财政专户管理资金收入预算总计0万元。与上年相比减少147.20万元，减少100%。"
    )
    assert facts(found)[:3] == [
        ("财政拨款收入", "amount", "24458.43", "万元"),
        ("一般公共预算财政拨款收入", "amount", "24458.43", "万元"),
        ("财政专户管理资金收入", "amount", "0", "万元"),
    ]
    uses = read(
        "本年支出预算合计37188.34万元，其中：基本支出21968万元，占59.07%；"
        "单位预留机动经费5011.4万元，占13.48%；",
        "三",
        "expense",
    )
    assert facts(uses) == [
        ("本年支出合计", "amount", "37188.34", "万元"),
        ("基本支出", "amount", "21968", "万元"),
        ("基本支出", "share", "59.07", "%"),
        ("单位预留机动经费", "amount", "5011.4", "万元"),
        ("单位预留机动经费", "share", "13.48", "%"),
    ]


def test_printed_precision_is_kept() -> None:
    found = read("单位预留机动经费预算数为5011.4万元。", "一", "total")
    value = found[0].value
    assert str(value) == "5011.4"
    assert not isinstance(value, str) and value.as_tuple().exponent == -1
    sh = read("支出预算17,192万元，其中：财政拨款支出预算17,192万元。", None, "compilation")
    assert [(s.subject, str(s.value)) for s in sh] == [
        ("支出总计", "17192"),
        ("财政拨款支出", "17192"),
    ]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("（1）公务用车购置预算支出0万元，与上年一致。", "公务用车购置费"),
        ("因公出国（境）费预算支出70万元，与上年预算数一致。", "因公出国（境）费"),
        ("（一）因公出国（境）费288.70万元，与2024年预算持平。", "因公出国（境）费"),
        ("国有资本经营预算拨款支出预算0万元，比2022年预算持平。", "国有资本经营预算财政拨款支出"),
    ],
)
def test_same_as_last_year(text: str, subject: str) -> None:
    found = read(text, "九", "sangong") if "公务" in text or "出国" in text else read(text)
    assert (subject, "direction", "持平", "") in facts(found)


def test_rate_printed_without_its_unit_after_a_change_amount() -> None:
    found = read(
        "5．法院（款）案件执行（项）支出950万元，与上年相比减少100万元，减少9.52，主要原因是压减。",
        "五（一）",
        "fiscal_expense",
    )
    assert facts(found) == [
        ("法院（款）案件执行（项）", "amount", "950", "万元"),
        ("法院（款）案件执行（项）", "direction", "减少", ""),
        ("法院（款）案件执行（项）", "change_amount", "100", "万元"),
        ("法院（款）案件执行（项）", "rate_direction", "减少", ""),
        ("法院（款）案件执行（项）", "change_rate", "9.52", "%"),
    ]


def test_rate_lowered() -> None:
    found = read(
        "2018年本部门一般公共预算机关运行经费预算支出2094.58万元，与上年相比减少8007.18万元，"
        "降低79.27 %。",
        "十一",
        "admin_cost",
    )
    assert ("机关运行经费", "change_rate", "79.27", "%") in facts(found)
    assert ("机关运行经费", "rate_direction", "降低", "") in facts(found)


# --------------------------------------------------------------------------------------------
# classes and 类/款/项 paths


def test_class_amounts_in_the_total_section() -> None:
    found = read("1．公共安全（类）支出27488.23 万元，主要用于人员支出、日常公用支出。")
    assert [(s.subject, s.code, s.measure, str(s.value)) for s in found] == [
        ("公共安全支出", "204", "amount", "27488.23")
    ]
    sh = read("1.“一般公共服务支出”科目12,789万元，主要用于基本支出。", None, "compilation")
    assert [(s.subject, s.code, str(s.value)) for s in sh] == [("一般公共服务支出", "201", "12789")]


def test_section_and_item_path_without_its_class() -> None:
    found = read(
        "1．法院（款）行政运行（项）支出17279.29 万元，与上年相比增加2421.68 万元，增长16.30%。",
        "五（一）",
        "fiscal_expense",
    )
    assert facts(found)[0] == ("法院（款）行政运行（项）", "amount", "17279.29", "万元")


def test_shanghai_item_against_last_years_execution() -> None:
    found = read(
        "1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。"
        "2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %。"
        "主要原因是：统计管理经费增加。",
        None,
        "compilation",
    )
    path = "一般公共服务支出（类）统计信息事务（款）统计管理（项）"
    assert facts(found) == [
        (path, "amount", "2.63", "万元"),
        (path, "prior_actual", "1.48", "万元"),
        (path, "amount", "2.63", "万元"),
        (path, "direction_vs_actual", "增加", ""),
        (path, "change_rate_vs_actual", "77.70", "%"),
    ]
    flat = read(
        "8. “公共安全支出（类）司法（款）公共法律服务（项）”15.00万元。2022年当年预算执行数为"
        "15.00万元，2023年预算安排15.00万元，比2022年预算执行数持平。",
        None,
        "compilation",
    )
    assert facts(flat)[-1][1:] == ("direction_vs_actual", "持平", "")


def test_shanghai_income_and_expense_totals() -> None:
    found = read(
        "2023年，某街道办事处收入预算16497.86万元，其中：财政拨款收入16497.86万元，比2022年"
        "（上一年度，下同）预算增加1421.25万元；事业收入0万元；事业单位经营收入0万元。",
        None,
        "compilation",
    )
    assert facts(found) == [
        ("收入总计", "amount", "16497.86", "万元"),
        ("财政拨款收入", "amount", "16497.86", "万元"),
        ("财政拨款收入", "direction", "增加", ""),
        ("财政拨款收入", "change_amount", "1421.25", "万元"),
        ("事业收入", "amount", "0", "万元"),
        ("经营收入", "amount", "0", "万元"),
    ]
    expense = read(
        "支出预算17,192万元，其中：财政拨款支出预算17,192万元。财政拨款支出预算中，一般公共预算"
        "拨款支出预算17,192万元，比2024年预算减少990万元；政府性基金拨款支出预算为0；",
        None,
        "compilation",
    )
    assert facts(expense)[-4:] == [
        ("一般公共预算财政拨款支出", "amount", "17192", "万元"),
        ("一般公共预算财政拨款支出", "direction", "减少", ""),
        ("一般公共预算财政拨款支出", "change_amount", "990", "万元"),
        ("政府性基金预算财政拨款支出", "amount", "0", "万元"),
    ]


# --------------------------------------------------------------------------------------------
# “三公”, 政府采购, assets, performance


def test_sangong_items_with_meeting_and_training() -> None:
    found = read(
        "（二）、公务车购置及运行费21.56万元，其中：公务用车购置费0万元，比2022年预算持平，"
        "主要原因是公务用车购置费保持不变；公务车用车运行费21.56万元，比2022年预算持平，"
        "主要原因是公务车用车运行费保持不变。会议费预算支出271.02万元，比上年预算减少0.24万元。",
        "一",
        "sangong",
    )
    assert facts(found) == [
        ("公务用车购置及运行维护费", "amount", "21.56", "万元"),
        ("公务用车购置费", "amount", "0", "万元"),
        ("公务用车购置费", "direction", "持平", ""),
        ("公务用车运行维护费", "amount", "21.56", "万元"),
        ("公务用车运行维护费", "direction", "持平", ""),
        ("会议费", "amount", "271.02", "万元"),
        ("会议费", "direction", "减少", ""),
        ("会议费", "change_amount", "0.24", "万元"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2019年政府采购预算总金额为5227.59万元。其中拟采购货物支出1637.72万元；拟采购工程支出530万元；"
        "拟采购服务支出3059.87万元。",
        "2018年我部门政府采购预算总金额为5227.59万元。其中拟购买货物1637.72万元；拟购买工程530万元；"
        "拟购买服务3059.87万元。",
        "2023年本部门政府采购预算5227.59万元，其中：政府采购货物预算1637.72万元、政府采购工程预算"
        "530万元、政府采购服务预算3059.87万元。",
    ],
)
def test_procurement(text: str) -> None:
    assert [(s.subject, str(s.value)) for s in read(text, "十二", "procurement")] == [
        ("政府采购总额", "5227.59"),
        ("政府采购货物", "1637.72"),
        ("政府采购工程", "530"),
        ("政府采购服务", "3059.87"),
    ]


def test_procurement_reserved_for_small_firms() -> None:
    found = read(
        "2023年本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的"
        "政府采购项目预算为232.40万元。",
        "三",
        "procurement",
    )
    assert [(s.subject, str(s.value)) for s in found] == [
        ("面向中小企业预留项目预算金额", "332.00"),
        ("面向小微企业预留项目预算金额", "232.40"),
    ]


def test_assets_holdings_and_purchases() -> None:
    found = read(
        "截至2024年8月31日，某局共有车辆2辆，其中：执法执勤用车2辆；单价100万元（含）以上设备"
        "（不含车辆）1台（套）。2025年部门预算安排购置车辆1辆，其中：执法执勤用车1辆；部门预算安排"
        "购置单价100万元（含）以上设备（不含车辆）0台（套）。单价20万元（含）以上的设备48台（套）。",
        "五",
        "assets",
    )
    assert facts(found) == [
        ("车辆", "count", "2", "辆"),
        ("执法执勤用车", "count", "2", "辆"),
        ("单价100万元以上设备", "count", "1", "台（套）"),
        ("购置车辆", "count", "1", "辆"),
        ("购置单价100万元以上设备", "count", "0", "台（套）"),
        ("单价20万元以上设备", "count", "48", "台（套）"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2018年本部门共6个项目实行绩效目标管理，涉及财政性资金合计4481.3万元。",
            [("绩效目标项目", "count", "6", "个"), ("绩效目标项目", "amount", "4481.3", "万元")],
        ),
        (
            "2019年本部门实行整体支出绩效目标管理，涉及财政性资金合计37188.34万元。",
            [("整体支出绩效目标", "amount", "37188.34", "万元")],
        ),
        (
            "2025年度，本单位编报绩效目标的项目共12个，涉及项目预算资金4,222.51万元。",
            [("绩效目标项目", "count", "12", "个"), ("绩效目标项目", "amount", "4222.51", "万元")],
        ),
    ],
)
def test_performance_targets(text: str, expected: list[Fact]) -> None:
    assert facts(read(text, "十四", "performance")) == expected


# --------------------------------------------------------------------------------------------
# goldens of the budget samples

BUDGET_SAMPLES = [
    "jiangsu-high-court-2018-dept-budget.pdf",
    "jiangsu-high-court-2019-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget.pdf",
    "shanghai-municipal-finance-bureau-2025-unit-budget.pdf",
    "shanghai-putuo-wanli-street-2023-dept-budget.pdf",
]


def _key(item: dict[str, object]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("name", BUDGET_SAMPLES)
def test_budget_sample_statements_match_hand_checked_golden(name: str) -> None:
    path = SAMPLES / name
    doc = juesuan.read(path)
    assert doc.kind is DocKind.BUDGET
    found = Counter(_key(item) for item in statements_digest(doc.statements))
    golden = GOLDEN / f"{path.stem}.json"
    expected = Counter(_key(item) for item in json.loads(golden.read_text(encoding="utf-8")))
    assert sorted((expected - found).elements()) == []
    assert sorted((found - expected).elements()) == []
