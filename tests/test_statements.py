"""Facts stated in the explanation (决算情况说明): hand-made paragraphs and the samples' goldens."""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.model import Evidence, Paragraph, Statement
from juesuan.structure.statements import clause, extract_statements, normalise

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from dump_statements import GOLDEN, statements_digest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

Fact = tuple[str, str, str, str]  # subject, measure, value, unit


def para(
    text: str,
    section: str | None = "一",
    topic: str | None = "total",
    part: str | None = "explanation",
    lines: list[str] | None = None,
) -> Paragraph:
    """A paragraph as the outline builds it: ``lines`` are its source lines (joined)."""
    source = lines if lines is not None else [text]
    evidence = [
        Evidence(text=t, page=3, line=10 + i, bbox=(0.0, 20.0 * i, 100.0, 20.0 * i + 12))
        for i, t in enumerate(source)
    ]
    return Paragraph(
        text="".join(source),
        section=section,
        evidence=evidence[0],
        part=part,
        topic=topic,
        lines=evidence,
    )


def read(text: str, section: str | None = "一", topic: str | None = "total") -> list[Statement]:
    return extract_statements([para(text, section, topic)])


def facts(statements: list[Statement]) -> list[Fact]:
    return [(s.subject, s.measure, str(s.value), s.unit) for s in statements]


# --------------------------------------------------------------------------------------------
# normalisation


def test_normalise_keeps_an_index_to_the_printed_text() -> None:
    text, index = normalise("收入 1,069.86 万元,占 58.22％；“三公”(类)")
    assert text == "收入1,069.86万元，占58.22%；三公（类）"
    assert [("收入 1,069.86 万元,占 58.22％；“三公”(类)")[i] for i in index[:-1]] == list(
        text.replace("，", ",").replace("%", "％").replace("（", "(").replace("）", ")")
    )
    assert index[-1] == len("收入 1,069.86 万元,占 58.22％；“三公”(类)")


def test_clause_is_the_sentence_or_semicolon_part() -> None:
    text = "本年收入合计1.00万元，其中：事业收入1.00万元，占100%；其他收入0万元。说明。"
    assert (
        clause(text, text.index("事业")) == "本年收入合计1.00万元，其中：事业收入1.00万元，占100%；"
    )
    assert clause(text, text.index("其他")) == "其他收入0万元。"


# --------------------------------------------------------------------------------------------
# totals and year-on-year changes


def test_total_with_increase_and_rate() -> None:
    found = read(
        "上海市某局2024年度收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元，"
        "增长100.00%。主要原因：单位于2024年成立。"
    )
    assert facts(found) == [
        ("收入支出总计", "amount", "307.82", "万元"),
        ("收入支出总计", "direction", "增加", ""),
        ("收入支出总计", "change_amount", "307.82", "万元"),
        ("收入支出总计", "rate_direction", "增长", ""),
        ("收入支出总计", "change_rate", "100.00", "%"),
    ]
    assert all(s.section == "一" and s.topic == "total" for s in found)
    assert all(s.value not in {Decimal(2024), Decimal(2023)} for s in found)  # years


def test_sichuan_wording_decrease() -> None:
    found = read(
        "2022年度收、支总计24101.64万元。与2021年相比，收、支总计各减少3451.64万元，下降12.53%。"
    )
    assert facts(found) == [
        ("收入支出总计", "amount", "24101.64", "万元"),
        ("收入支出总计", "direction", "减少", ""),
        ("收入支出总计", "change_amount", "3451.64", "万元"),
        ("收入支出总计", "rate_direction", "下降", ""),
        ("收入支出总计", "change_rate", "12.53", "%"),
    ]


def test_fiscal_total_is_its_own_subject() -> None:
    found = read("2024年度财政拨款收入、支出总计均为1,069.86 万元。", "四", "fiscal_total")
    assert facts(found) == [("财政拨款收入支出总计", "amount", "1069.86", "万元")]


def test_flat_year_on_year() -> None:
    found = read("2024年度收入支出总计100.00万元。与2023年度相比，收入支出总计持平。")
    assert ("收入支出总计", "direction", "持平", "") in facts(found)


def test_no_change_is_flat() -> None:
    found = read(
        "1. 因公出国(境)经费支出0万元，2022年无预算，无支出，与2021年相比无变化。",
        "七（二）",
        "sangong_detail",
    )
    assert facts(found) == [
        ("因公出国（境）费", "amount", "0", "万元"),
        ("因公出国（境）费", "direction", "持平", ""),
    ]


def test_template_residue_direction_kept_as_printed() -> None:
    found = read(
        "2024年度“三公”经费财政拨款支出决算为0万元，完成预算0%，较上年度增加/减少0万元。",
        "七（一）",
        "sangong_overall",
    )
    assert facts(found) == [
        ("“三公”经费", "amount", "0", "万元"),
        ("“三公”经费", "completion_rate", "0", "%"),
        ("“三公”经费", "direction", "增加/减少", ""),
        ("“三公”经费", "change_amount", "0", "万元"),
    ]


def test_template_placeholders_give_nothing() -> None:
    found = read(
        "上海市XX 局2024年度收入支出总计XXX 万元。与2023年度相比，收入支出总计增加（减少）XXX "
        "万元，增长（下降）XX%。主要原因：XXXXXXXX。（如持平作持平表述）"
    )
    assert found == []


def test_residue_rate_word_and_rate_without_percent_sign() -> None:
    found = read(
        "2024年度“三公”经费财政拨款支出决算数比2023年度减少0.15万元，下降（增长）27.78%。",
        "七",
        "sangong",
    )
    assert ("“三公”经费", "rate_direction", "下降（增长）", "") in facts(found)
    found = read(
        "一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%。与2023年度相比，"
        "一般公共预算财政拨款支出增加1193.20万元，增长13.95。主要原因：项目支出增加。",
        "五（一）",
        "general_budget_overall",
    )
    assert facts(found) == [
        ("一般公共预算财政拨款支出", "amount", "9746.50", "万元"),
        ("一般公共预算财政拨款支出", "share", "99.86", "%"),
        ("一般公共预算财政拨款支出", "direction", "增加", ""),
        ("一般公共预算财政拨款支出", "change_amount", "1193.20", "万元"),
        ("一般公共预算财政拨款支出", "rate_direction", "增长", ""),
        ("一般公共预算财政拨款支出", "change_rate", "13.95", "%"),  # printed without %
    ]


def test_other_share_and_rate_wordings() -> None:
    found = read("事业收入5.00万元，占比50.00%。", "二", "income")
    assert facts(found)[1] == ("事业收入", "share", "50.00", "%")
    found = read("收入支出总计10.00万元，较上年增加了1.00万元，增幅为11.11%。")
    assert facts(found)[1:] == [
        ("收入支出总计", "direction", "增加", ""),
        ("收入支出总计", "change_amount", "1.00", "万元"),
        ("收入支出总计", "rate_direction", "增幅", ""),
        ("收入支出总计", "change_rate", "11.11", "%"),
    ]


def test_share_of_the_year_total_is_not_about_the_year_total() -> None:
    found = read(
        "2024年度一般公共预算财政拨款支出622.92万元，占本年支出合计的58.22 %。",
        "五（一）",
        "general_budget_overall",
    )
    assert facts(found) == [
        ("一般公共预算财政拨款支出", "amount", "622.92", "万元"),
        ("一般公共预算财政拨款支出", "share", "58.22", "%"),
    ]


def test_numbers_in_reasons_are_ignored() -> None:
    found = read(
        "收入支出总计9859.38万元。与2023年度相比，收入支出总计增加1062.85万元，增长12.08%。"
        "主要原因：项目支出增加，较上一度增加1133.95万元，主要由于办公大楼装修等。"
    )
    assert "1133.95" not in {str(s.value) for s in found}
    assert len(found) == 5


# --------------------------------------------------------------------------------------------
# income, expense, basic expense


def test_income_parts_with_shares() -> None:
    found = read(
        "2024年度本年收入合计1069.86万元，其中：一般公共预算财政拨款收入622.92万元，占58.22%；"
        "政府性基金预算财政拨款收入446.94万元，占41.77%；事业收入0万元，占0%；其他收入0万元，占0%。",
        "二",
        "income",
    )
    assert facts(found) == [
        ("本年收入合计", "amount", "1069.86", "万元"),
        ("一般公共预算财政拨款收入", "amount", "622.92", "万元"),
        ("一般公共预算财政拨款收入", "share", "58.22", "%"),
        ("政府性基金预算财政拨款收入", "amount", "446.94", "万元"),
        ("政府性基金预算财政拨款收入", "share", "41.77", "%"),
        ("事业收入", "amount", "0", "万元"),
        ("事业收入", "share", "0", "%"),
        ("其他收入", "amount", "0", "万元"),
        ("其他收入", "share", "0", "%"),
    ]


def test_shanghai_income_fiscal_appropriation() -> None:
    found = read(
        "本年收入合计307.82万元，其中：财政拨款收入307.82万元，占100.00%。", "二", "income"
    )
    assert facts(found)[1:] == [
        ("财政拨款收入", "amount", "307.82", "万元"),
        ("财政拨款收入", "share", "100.00", "%"),
    ]


def test_expense_parts() -> None:
    found = read(
        "本年支出合计9759.38万元，其中：基本支出5377.64万元，占55.10%；项目支出4381.74万元，"
        "占44.90%；经营支出0万元，占0%；对附属单位补助支出0万元，占0%。",
        "三",
        "expense",
    )
    subjects = [s.subject for s in found if s.measure == "amount"]
    assert subjects == ["本年支出合计", "基本支出", "项目支出", "经营支出", "对附属单位补助支出"]


def test_basic_expense() -> None:
    found = read(
        "一般公共预算财政拨款基本支出105.58万元。其中：人员经费95.36万元，主要包括：基本工资、"
        "津贴补贴；公用经费10.23万元，主要包括：办公费、邮电费。",
        "六",
        "basic",
    )
    assert facts(found) == [
        ("一般公共预算财政拨款基本支出", "amount", "105.58", "万元"),
        ("人员经费", "amount", "95.36", "万元"),
        ("公用经费", "amount", "10.23", "万元"),
    ]


# --------------------------------------------------------------------------------------------
# 五（二） classes and 五（三） items


@pytest.mark.parametrize(
    "printed", ["一般公共服务（类）支出", "一般公共服务支出（类）", "一般公共服务支出"]
)
def test_class_names_normalised_with_code(printed: str) -> None:
    found = read(
        f"一般公共预算财政拨款支出233.72万元，主要用于以下方面:{printed}173.21万元，占74.11%；"
        "住房保障(类)支出31.29万元，占13.39%。",
        "五（二）",
        "general_budget_structure",
    )
    by = {(s.subject, s.measure): s for s in found}
    assert by[("一般公共服务支出", "amount")].value == Decimal("173.21")
    assert by[("一般公共服务支出", "share")].code == "201"
    assert by[("住房保障支出", "amount")].code == "221"
    assert by[("一般公共预算财政拨款支出", "amount")].code is None


def test_sichuan_item_with_list_number_and_bare_total() -> None:
    found = extract_statements(
        [
            para(
                "2024年度一般公共预算财政拨款支出决算数为 622.92，完成预算 100%。其中：",
                "五（三）",
                "general_budget_detail",
            ),
            para(
                "1. 一般公共服务（类）政府办公厅（室）及相关机构事务（款）事业运行（项）：支出决算"
                "为 53.88 万元，完成预算 90.05%，决算数小于预算数的主要原因是压减了2个项目。",
                "五（三）",
                "general_budget_detail",
            ),
        ]
    )
    path = "一般公共服务（类）政府办公厅（室）及相关机构事务（款）事业运行（项）"
    assert facts(found) == [
        ("一般公共预算财政拨款支出", "actual", "622.92", "万元"),  # 万元 missing in print
        ("一般公共预算财政拨款支出", "completion_rate", "100", "%"),
        (path, "actual", "53.88", "万元"),
        (path, "completion_rate", "90.05", "%"),
        (path, "budget_direction", "小于", ""),
    ]


def test_wrong_unit_is_kept_as_printed() -> None:
    found = read(
        "8.住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算为11.80元，完成预算100%。",
        "五（三）",
        "general_budget_detail",
    )
    assert facts(found)[0] == (
        "住房保障支出（类）住房改革支出（款）住房公积金（项）",
        "actual",
        "11.80",
        "元",
    )


def test_shanghai_item_with_budget_and_flat() -> None:
    found = read(
        "3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）。主要用于：新建部门"
        "开办费、项目支出。年初预算为0万元，全年预算为202.24万元，支出决算为202.24万元，完成全年"
        "预算数的100.00%。决算数与全年预算数持平。",
        "五（三）",
        "general_budget_detail",
    )
    path = "一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）"
    assert facts(found) == [
        (path, "budget_initial", "0", "万元"),
        (path, "budget", "202.24", "万元"),
        (path, "actual", "202.24", "万元"),
        (path, "completion_rate", "100.00", "%"),
        (path, "budget_direction", "持平", ""),
    ]


def test_completion_of_the_initial_budget() -> None:
    found = read(
        "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的"
        "95.45%。决算数大于（小于）预算数的主要原因：XXXXXXXX。",
        "五（三）",
        "general_budget_detail",
    )
    assert facts(found) == [
        ("一般公共预算财政拨款支出", "budget_initial", "10210.34", "万元"),
        ("一般公共预算财政拨款支出", "actual", "9746.50", "万元"),
        ("一般公共预算财政拨款支出", "completion_rate_initial", "95.45", "%"),
        ("一般公共预算财政拨款支出", "budget_direction", "大于（小于）", ""),  # residue
    ]


def test_note_about_flat_is_not_a_direction() -> None:
    found = read(
        "（注：仅罗列本部门涉及的全部功能分类科目，至项级。增减变动原因为决算数<项级>和全年预算数"
        "<项级>比较，与预算数持平可以不写原因）",
        "五（三）",
        "general_budget_detail",
    )
    assert found == []


# --------------------------------------------------------------------------------------------
# 七 “三公” 经费


def test_sangong_parts_counts_and_placeholder() -> None:
    found = extract_statements(
        [
            para(
                "1.因公出国（境）经费支出**万元，完成预算0%。全年安排因公出国（境）团组0次，出国（境）0人。",
                "七（二）",
                "sangong_detail",
            ),
            para(
                "其中：公务用车购置支出0万元。全年按规定更新购置公务用车1辆，其中：轿车1辆、金额"
                "12.50万元，越野车0辆、金额0万元。截至2024年12月31日，单位共有公务用车3辆，其中："
                "轿车2辆、越野车1辆。",
                "七（二）",
                "sangong_detail",
            ),
            para(
                "国内公务接待支出1.33万元，主要用于执行公务的用餐费。国内公务接待7批次，72人次（不包括"
                "陪同人员），共计支出1.33万元，具体内容包括：餐费1.33万元。",
                "七（二）",
                "sangong_detail",
            ),
        ]
    )
    assert facts(found) == [
        ("因公出国（境）费", "completion_rate", "0", "%"),  # the ** amount is skipped
        ("因公出国（境）团组", "count", "0", "次"),
        ("因公出国（境）人数", "count", "0", "人"),
        ("公务用车购置费", "amount", "0", "万元"),
        ("更新购置公务用车", "count", "1", "辆"),
        ("更新购置公务用车（轿车）", "count", "1", "辆"),
        ("更新购置公务用车（轿车）", "amount", "12.50", "万元"),
        ("更新购置公务用车（越野车）", "count", "0", "辆"),
        ("更新购置公务用车（越野车）", "amount", "0", "万元"),
        ("公务用车保有量", "count", "3", "辆"),
        ("公务用车保有量（轿车）", "count", "2", "辆"),
        ("公务用车保有量（越野车）", "count", "1", "辆"),
        ("国内公务接待", "amount", "1.33", "万元"),
        ("国内公务接待", "count", "7", "批次"),
        ("国内公务接待", "count", "72", "人次"),
        ("国内公务接待", "amount", "1.33", "万元"),  # 共计支出; 餐费 is not attributed
    ]


def test_shanghai_sangong_budget_and_flat_parts() -> None:
    found = read(
        "“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%，其中："
        "因公出国（境）费决算为0.00万元，完成预算的0.00%。2024年度“三公”经费支出决算数小于预算数"
        "的主要原因：严格落实中央八项规定。公务用车购置及运行维护费支出与上一年度持平。",
        "七",
        "sangong",
    )
    assert facts(found) == [
        ("“三公”经费", "budget_initial", "2.85", "万元"),
        ("“三公”经费", "amount", "0.39", "万元"),
        ("“三公”经费", "completion_rate", "13.68", "%"),
        ("因公出国（境）费", "amount", "0.00", "万元"),
        ("因公出国（境）费", "completion_rate", "0.00", "%"),
        ("“三公”经费", "budget_direction", "小于", ""),
        ("公务用车购置及运行维护费", "direction", "持平", ""),
    ]


def test_shanghai_reception_counts_and_unit_as_printed() -> None:
    found = read(
        "国内公务接待支出0.39万（含外宾接待支出0.00万元）。主要用于接待上级部门调研，列明公务接待"
        "2批次、26人次，其中：接待外宾0批次、0人次。",
        "七",
        "sangong",
    )
    assert facts(found) == [
        ("国内公务接待", "amount", "0.39", "万"),
        ("外宾接待", "amount", "0.00", "万元"),
        ("公务接待", "count", "2", "批次"),
        ("公务接待", "count", "26", "人次"),
        ("外宾接待", "count", "0", "批次"),
        ("外宾接待", "count", "0", "人次"),
    ]


@pytest.mark.parametrize(
    ("text", "section", "topic", "subject"),
    [
        ("某部2024年度无“三公”经费财政拨款支出。", "七", "sangong", "“三公”经费"),
        (
            "某部2024年度无政府性基金预算财政拨款收入和支出。",
            "八",
            "govfund",
            "政府性基金预算财政拨款支出",
        ),
        (
            "2022年某中心无国有资本经营预算财政拨款支出。",
            "九",
            "soe",
            "国有资本经营预算财政拨款支出",
        ),
        ("某中心为事业单位，无机关运行经费。", "十（一）", "admin_cost", "机关运行经费"),
    ],
)
def test_absent(text: str, section: str, topic: str, subject: str) -> None:
    assert facts(read(text, section, topic)) == [(subject, "absent", "无", "")]


def test_template_instruction_is_not_absent() -> None:
    assert read("无政府性基金预算财政拨款收入支出的部门，作下述说明：", "八", "govfund") == []


def test_govfund_amount_and_share() -> None:
    found = read(
        "2024年度政府性基金预算财政拨款支出446.94万元，占本年支出合计的41.77%。", "八", "govfund"
    )
    assert facts(found) == [
        ("政府性基金预算财政拨款支出", "amount", "446.94", "万元"),
        ("政府性基金预算财政拨款支出", "share", "41.77", "%"),
    ]


# --------------------------------------------------------------------------------------------
# 其他重要事项


def test_admin_cost_with_change() -> None:
    found = read(
        "机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%。主要原因是勤俭节约。",
        "十一（一）",
        "admin_cost",
    )
    assert [f[1] for f in facts(found)] == [
        "amount",
        "direction",
        "change_amount",
        "rate_direction",
        "change_rate",
    ]
    assert {s.subject for s in found} == {"机关运行经费"}


def test_sichuan_procurement() -> None:
    found = read(
        "2024年度,某中心政府采购支出总额115.64万元,其中:政府采购货物支出0.64万元、政府采购工程支出"
        "0万元、政府采购服务支出115万元。主要用于电子政务建设。授予中小企业合同金额10万元,占政府采购"
        "支出总额的8.65%,其中:授予小微企业合同金额5万元,占政府采购支出总额的4.32%。",
        "十（二）",
        "procurement",
    )
    assert facts(found) == [
        ("政府采购总额", "amount", "115.64", "万元"),
        ("政府采购货物", "amount", "0.64", "万元"),
        ("政府采购工程", "amount", "0", "万元"),
        ("政府采购服务", "amount", "115", "万元"),
        ("授予中小企业合同金额", "amount", "10", "万元"),
        ("授予中小企业合同金额", "share", "8.65", "%"),
        ("授予小微企业合同金额", "amount", "5", "万元"),
        ("授予小微企业合同金额", "share", "4.32", "%"),
    ]


def test_shanghai_procurement() -> None:
    found = extract_statements(
        [
            para(
                "某局2024年度政府采购金额（以合同签订为准）为2319.21万元，其中：货物采购金额122.43"
                "万元、工程采购金额1387.72万元、服务采购金额809.07万元。",
                "十一（二）",
                "procurement",
            ),
            para(
                "2024年度本部门面向中小企业预留政府采购项目预算金额225.10万元，面向小微企业预留政府"
                "采购项目预算金额164.87万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标"
                "或成交的，采购金额225.10万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标"
                "或成交的，采购金额164.87万元；在其他政府采购项目中，由中小企业供应商中标或成交的，"
                "采购金额0.00万元。",
                "十一（二）",
                "procurement",
            ),
        ]
    )
    assert facts(found) == [
        ("政府采购总额", "amount", "2319.21", "万元"),
        ("政府采购货物", "amount", "122.43", "万元"),
        ("政府采购工程", "amount", "1387.72", "万元"),
        ("政府采购服务", "amount", "809.07", "万元"),
        ("面向中小企业预留项目预算金额", "amount", "225.10", "万元"),
        ("面向小微企业预留项目预算金额", "amount", "164.87", "万元"),
        ("面向中小企业预留项目中小企业中标金额", "amount", "225.10", "万元"),
        ("面向小微企业预留项目小微企业中标金额", "amount", "164.87", "万元"),
        ("其他项目中小企业中标金额", "amount", "0.00", "万元"),
    ]


def test_assets_vehicles_and_equipment() -> None:
    found = read(
        "截至2022年12月31日，某中心共有车辆6辆，其中：主要领导干部用车1辆、机要通信用车1辆、应急"
        "保障用车2辆、其他用车2辆，其他用车主要是用于开展业务活动。单价50万元以上通用设备0台（套），"
        "单价100万元（含）以上设备（不含车辆）3台（套）。",
        "十（三）",
        "assets",
    )
    assert facts(found) == [
        ("车辆", "count", "6", "辆"),
        ("主要领导干部用车", "count", "1", "辆"),
        ("机要通信用车", "count", "1", "辆"),
        ("应急保障用车", "count", "2", "辆"),
        ("其他用车", "count", "2", "辆"),
        ("单价50万元以上通用设备", "count", "0", "台（套）"),
        ("单价100万元以上设备", "count", "3", "台（套）"),
    ]


def test_sichuan_performance() -> None:
    found = read(
        "根据预算绩效管理要求，本部门在2022年度预算编制阶段，组织对某系统运维项目等3个项目开展了"
        "预算事前绩效评估，对64个项目编制了绩效目标，预算执行过程中，选取64个项目开展绩效监控，"
        "年终执行完毕后，对60个项目开展了绩效目标完成情况自评。绩效自评得分为89.55分。",
        "十（四）",
        "performance",
    )
    assert facts(found) == [
        ("事前绩效评估项目", "count", "3", "个"),
        ("绩效目标项目", "count", "64", "个"),
        ("绩效监控项目", "count", "64", "个"),
        ("绩效自评项目", "count", "60", "个"),
        ("部门整体绩效自评", "score", "89.55", "分"),
    ]


def test_shanghai_performance() -> None:
    found = read(
        "全过程绩效管理实施情况：编报绩效目标的2024年度项目39个，涉及预算金额4415.48万元；绩效跟踪"
        "评价的2024年度项目39个，涉及预算金额4415.48万元；绩效自评的2024年度项目39个，涉及预算金额"
        "4415.48万元，平均得分99.33分（其中，绩效评级为“优”的项目38个；绩效评级为“良”的项目1个。"
        "绩效自评中共发现问题2个，已经完成整改的1个，正在整改的1个）。",
        "十",
        "performance",
    )
    assert facts(found) == [
        ("绩效目标项目", "count", "39", "个"),
        ("绩效目标项目", "amount", "4415.48", "万元"),
        ("绩效监控项目", "count", "39", "个"),
        ("绩效监控项目", "amount", "4415.48", "万元"),
        ("绩效自评项目", "count", "39", "个"),
        ("绩效自评项目", "amount", "4415.48", "万元"),
        ("绩效自评项目", "average_score", "99.33", "分"),
        ("绩效评级优项目", "count", "38", "个"),
        ("绩效评级良项目", "count", "1", "个"),
        ("绩效自评发现问题", "count", "2", "个"),
        ("已完成整改问题", "count", "1", "个"),
        ("正在整改问题", "count", "1", "个"),
    ]


# --------------------------------------------------------------------------------------------
# which paragraphs, evidence


def test_only_the_explanation_is_read() -> None:
    text = "本年收入合计1.00万元，其中：事业收入1.00万元，占100%。"
    assert extract_statements([para(text, "二", "income", part="overview")]) == []
    assert extract_statements([para(text, "二", "income", part="glossary")]) == []
    # no part heading: the topic decides
    assert len(extract_statements([para(text, "二", "income", part=None)])) == 3
    assert extract_statements([para(text, "二", "duties", part=None)]) == []
    assert extract_statements([para(text, None, None, part=None)]) == []


def test_evidence_points_at_the_line_holding_the_number() -> None:
    lines = [
        "上海市某局2024年度收入支出总计",
        "9859.38万元。与2023年度相比，收入支出总计增加1062.85",
        "万元，增长12.08%。主要原因：项目支出增加。",
    ]
    found = extract_statements([para("", "一", "total", lines=lines)])
    amount, direction, change, rate_direction, rate = found
    assert amount.evidence.line == 11 and amount.evidence.page == 3
    assert amount.evidence.bbox == (0.0, 20.0, 100.0, 32.0)
    assert amount.evidence.text == "上海市某局2024年度收入支出总计9859.38万元。"
    assert change.evidence.line == 11
    assert rate.evidence.line == 12
    assert rate.evidence.text == "与2023年度相比，收入支出总计增加1062.85万元，增长12.08%。"
    assert direction.evidence.text == rate_direction.evidence.text == rate.evidence.text


def test_evidence_keeps_the_printed_text() -> None:
    found = read("2024 年度收入、支出总计均为 1,069.86 万元。")
    assert found[0].value == Decimal("1069.86")
    assert found[0].evidence.text == "2024 年度收入、支出总计均为 1,069.86 万元。"


def test_project_paragraph_in_performance() -> None:
    found = read(
        "（1）信息化运维项目绩效目标完成情况综述。项目全年预算数32.35万元，执行数为31.68元，"
        "完成预算的97.93%。通过项目实施，保障了中心的正常运作。",
        "十（四）",
        "performance",
    )
    assert facts(found) == [
        ("信息化运维项目", "budget", "32.35", "万元"),
        ("信息化运维项目", "actual", "31.68", "元"),
        ("信息化运维项目", "completion_rate", "97.93", "%"),
    ]


def test_section_none_becomes_empty() -> None:
    found = read("2020年度收、支总计233.72万元。", None, "total")
    assert found[0].section == ""


def test_statements_round_trip_through_json() -> None:
    from juesuan.model import Disclosure, SourceInfo, from_json_dict, to_json_dict

    doc = Disclosure(source=SourceInfo("x.txt", "txt", None, ""))
    doc.statements = read(
        "收入支出总计1.00万元。与上年度相比，收入支出总计增加0.10万元，增长11.11%。"
    )
    back = from_json_dict(json.loads(json.dumps(to_json_dict(doc), ensure_ascii=False)))
    assert [s.to_dict() for s in back.statements] == [s.to_dict() for s in doc.statements]


# --------------------------------------------------------------------------------------------
# the samples, against hand-checked goldens


SAMPLE_FILES = [
    "leshan-bigdata-center-2024.txt",
    "sichuan-bigdata-center-2022.txt",
    "sichuan-commerce-infocenter-2020.txt",
    "shanghai-shegong-2024.pdf",
    "shanghai-guihua-2024.pdf",
    "shanghai-template-2024.pdf",
]


def _key(item: dict[str, object]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_statements_match_hand_checked_golden(name: str) -> None:
    path = SAMPLES / name
    golden = GOLDEN / f"{path.stem}.json"
    doc = juesuan.read(path)
    found = Counter(_key(item) for item in statements_digest(doc.statements))
    expected = Counter(_key(item) for item in json.loads(golden.read_text(encoding="utf-8")))
    missing = sorted((expected - found).elements())
    extra = sorted((found - expected).elements())
    assert not missing and not extra, {"missing": missing, "extra": extra}


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_evidence_holds_the_value(name: str) -> None:
    path = SAMPLES / name
    doc = juesuan.read(path)
    for s in doc.statements:
        printed = normalise(s.evidence.text)[0].replace(",", "")
        assert s.evidence.line is not None
        if isinstance(s.value, Decimal):
            assert str(s.value) in printed, s
            line = normalise(
                next(
                    ln.text
                    for p in doc.paragraphs
                    for ln in p.lines
                    if ln.line == s.evidence.line and ln.page == s.evidence.page
                )
            )[0]
            # the number starts on the evidence line (it may run onto the next one)
            assert any(ch.isdigit() for ch in line), s


# --------------------------------------------------------------------------------------------
# descriptions (主要包括 / 主要用于), read on demand


def _described(text: str, section: str, topic: str) -> list[tuple[str, str, str]]:
    from juesuan.structure.statements import read_descriptions

    return [
        (s.subject, s.measure, str(s.value))
        for s in read_descriptions([para(text, section, topic)])
    ]


def test_items_of_personnel_and_public_costs() -> None:
    text = (
        "一般公共预算财政拨款基本支出5377.64万元。其中：人员经费4896.98万元，主要包括：基本工资、"
        "津贴补贴、奖金；公用经费480.66万元，主要包括：办公费、手续费等。"
    )
    assert _described(text, "六", "basic") == [
        ("人员经费", "items", "基本工资、津贴补贴、奖金"),
        ("公用经费", "items", "办公费、手续费等"),
    ]


def test_purpose_of_an_item_and_not_of_the_structure() -> None:
    item = (
        "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于："
        "行政单位退休人员支出。年初预算为54.53万元，支出决算为54.53万元。"
    )
    subject = "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）"
    assert _described(item, "五（三）", "general_budget_detail") == [
        (subject, "purpose", "行政单位退休人员支出")
    ]
    structure = (
        "一般公共预算财政拨款支出9746.50万元，主要用于以下方面："
        "社会保障和就业支出（类）754.75万元。"
    )
    assert _described(structure, "五（二）", "general_budget_structure") == []


def test_descriptions_of_other_subjects_are_not_read() -> None:
    text = "公务用车运行维护费支出16.25万元。主要用于疫情防控、工作调研等所需的燃料费。"
    assert _described(text, "七（二）", "sangong_detail") == []
    items = "人员经费100.81万元，主要包括：基本工资。"
    assert _described(items, "七（二）", "sangong_detail") == []  # items only in 基本支出


def test_every_cue_fits_in_the_reach_looked_at() -> None:
    """_cue looks for the cues in the last CUE_REACH characters before a number only."""
    import re

    from juesuan.structure.statements import _CUE_IS, _CUES, CUE_REACH

    for _, regex in (*_CUES, ("is", _CUE_IS)):
        assert regex.pattern.endswith("$")
        assert re._parser.parse(regex.pattern).getwidth()[1] <= CUE_REACH  # type: ignore[attr-defined]


def test_a_number_starts_only_outside_another() -> None:
    from juesuan.structure.statements import _TOKEN

    found = [m.group(0) for m in _TOKEN.finditer("1,234.5万元、.5%、a12个,3人，2024年")]
    assert found == ["1,234.5万元", "12个", "2024"]
