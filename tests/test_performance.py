"""Performance self-evaluation (绩效自评): extraction from the three Sichuan samples.

The expected values below were written from reading the sample text files (line numbers
given), not from the extractor's output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import juesuan
from juesuan.model import Disclosure, from_json_dict, to_json_dict
from juesuan.model.performance import Cell, Nature, ProjectEvaluation

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LESHAN = "leshan-bigdata-center-2024.txt"
SC2022 = "sichuan-bigdata-center-2022.txt"
SC2020 = "sichuan-commerce-infocenter-2020.txt"


@pytest.fixture(scope="module")
def docs() -> dict[str, Disclosure]:
    return {n: juesuan.read(SAMPLES / n) for n in (LESHAN, SC2022, SC2020)}


def _t(cell: Cell | None) -> str | None:
    return None if cell is None else cell.text


def project(doc: Disclosure, name: str, implementer: str | None = None) -> ProjectEvaluation:
    found = [
        p
        for p in doc.evaluations
        if p.printed_name == name
        and (implementer is None or (p.implementer and p.implementer.text == implementer))
    ]
    assert len(found) == 1, [p.printed_name for p in doc.evaluations]
    return found[0]


def budget(p: ProjectEvaluation) -> dict[str, tuple[str | None, ...]]:
    return {
        b.source: (
            _t(b.initial),
            _t(b.adjusted),
            _t(b.executed),
            _t(b.rate),
            _t(b.weight),
            _t(b.score),
        )
        for b in p.budget
    }


def indicators(p: ProjectEvaluation) -> list[tuple[Any, ...]]:
    return [
        (
            i.level1,
            i.level2,
            i.name,
            i.nature.value if i.nature else None,
            _t(i.target),
            _t(i.unit),
            _t(i.actual),
            _t(i.weight),
            _t(i.score),
            _t(i.reason),
        )
        for i in p.indicators
    ]


def claims(p: ProjectEvaluation) -> list[tuple[str, str]]:
    return [(c.kind, str(c.value)) for c in p.claims]


BLANK: tuple[None, ...] = (None, None, None, None, None, None)
SLASH: tuple[str, str] = ("/", "/")


# ---------------------------------------------------------------------------------------
# counts


def test_counts_per_sample(docs: dict[str, Disclosure]) -> None:
    # leshan: 14 项目支出绩效自评表 (lines 240–813); the text (line 196) speaks of 20 reports
    # 2022: 64 tables, 31 财政拨款 + 33 非财政拨款 as stated on lines 214–216
    # 2020: 3 项目绩效目标完成情况表 (lines 135–396), 3 projects stated on line 124
    assert len(docs[LESHAN].evaluations) == 14
    assert len(docs[SC2022].evaluations) == 64
    assert len(docs[SC2020].evaluations) == 3
    sc = docs[SC2022].evaluations
    assert sum(1 for p in sc if p.funding == "财政拨款") == 31
    assert sum(1 for p in sc if p.funding == "非财政拨款") == 33
    assert [sum(1 for p in sc if p.category == c) for c in ("人员类", "运转类", "特定目标类")] == [
        7,
        6,
        51,
    ]
    # every table of the three samples is a table with scores except the 2020 form
    assert all(p.scored for p in docs[LESHAN].evaluations + sc)
    assert not any(p.scored for p in docs[SC2020].evaluations)
    for name in ("shanghai-shegong-2024.pdf", "shanghai-template-2024.pdf"):
        assert juesuan.read(SAMPLES / name).evaluations == []


def test_department_table_2022(docs: dict[str, Disclosure]) -> None:
    dept = docs[SC2022].department_evaluation
    assert dept is not None
    assert dept.title == "一、2022年度整体支出绩效目标实现情况"
    assert dept.evidence.line == 466
    assert len(dept.indicators) == 20  # lines 469–488
    first, last = dept.indicators[0], dept.indicators[-1]
    # 产出指标|数量指标|大数据立法|=|1|部|5|1  (权重 before 完成值 in this table)
    assert (first.level1, first.level2, first.name, first.nature) == (
        "产出指标",
        "数量指标",
        "大数据立法",
        Nature.EQ,
    )
    assert (_t(first.target), _t(first.unit), _t(first.weight), _t(first.actual)) == (
        "1",
        "部",
        "5",
        "1",
    )
    # 满意度指标|服务对象满意度指标|服务事项总体满意度|≥|90|%|5|90
    assert (last.level1, last.name, _t(last.target), _t(last.weight), _t(last.actual)) == (
        "满意度指标",
        "服务事项总体满意度",
        "90",
        "5",
        "90",
    )
    quality = dept.indicators[8]  # 电子政务外网 21 个市（州）连通率 = 100 % … 5 99%
    assert quality.name == "电子政务外网21个市（州）连通率"
    assert (_t(quality.actual), quality.actual and quality.actual.value) == ("99%", Decimal(99))
    assert sum(i.weight.value for i in dept.indicators if i.weight and i.weight.value) == 100


# ---------------------------------------------------------------------------------------
# leshan 2024 (lines 240–813)


def test_leshan_line_rental(docs: dict[str, Disclosure]) -> None:
    p = project(docs[LESHAN], "1+3+N 线路租用项目")  # lines 240–268
    assert p.title == "部门预算项目支出绩效自评表"
    assert p.evidence.line == 240
    assert p.code is None
    assert (_t(p.department), _t(p.implementer)) == ("乐山市数据局", "乐山市大数据中心")
    assert _t(p.targets) == (
        "为保障 1+3+N 平台稳定运行,为全市信息化建设筑牢网络基础, "
        "采购 1+3+N 线路租用(中国电信、联通、移动业务合作)服务。"
    )
    assert _t(p.results) == (
        "对照年度目标,已完成相关任务目标。全年线路稳定,网络中断时长控制在 24 小时内,满足业务需求。"
    )
    assert _t(p.implementation) == (
        "年初与乐山电信、联通、移动签订合作协议,租用 1+3+N 线路。实施过程中,定期巡检线路,"
        "及时处理故障,按计划支付租赁费用,确保线路稳定运行。"
    )
    assert p.budget_points == Decimal(10)
    assert p.indicator_points == Decimal(90)
    assert budget(p) == {
        "total": ("29.60", "29.60", "29.60", "100.00%", "10", "10"),
        "fiscal": ("29.60", "29.60", "29.60", "100.00%", "10", "10"),
        "special": BLANK,
        "unit": BLANK,
        "other": BLANK,
    }
    total = p.total
    assert total is not None and total.evidence.line == 248
    assert total.rate is not None and total.rate.value == Decimal("100.00") and total.rate.percent
    # the 原因 column holds the form's instruction, continued on line 252
    assert total.reason is not None
    assert total.reason.text.startswith(
        "1. 预算执行率=预算执行数/调整后预算数, 预算执行率未达到90%"
    )
    assert total.reason.text.endswith("社会投入资金、银行贷款.")
    assert indicators(p) == [
        ("产出指标", "数量指标", "线路条数", "=", "3", "条", "5", "15", "15", None),
        ("产出指标", "质量指标", "线路年度无重特大线路中断", "=", "0", "次", "0", "10", "10", None),
        ("产出指标", "时效指标", "线路故障响应时间", "≤", "30", "分钟", "30", "15", "15", None),
        ("产出指标", "时效指标", "线路故障排除时间", "≤", "48", "小时", "48", "20", "20", None),
        # printed split over lines 260 and 262 (“社会效益|网” … “益指标|社会效益指标|网络通畅率”)
        ("效益指标", "社会效益指标", "网络通畅率", "≥", "99", "%", "99%", "20", "20", None),
        ("满意度指标", "服务对象满意度指标", "领导满意度", "≥", "90", "%", "90", "10", "10", None),
    ]
    assert [i.evidence.line for i in p.indicators] == [256, 257, 258, 259, 260, 263]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "100")
    assert _t(p.conclusion) == (
        "项目实施成效显著，保障了线路稳定运行，提升了政务服务效率，服务对象满意度高，"
        "有力支撑了政务信息化建设。"
    )
    assert _t(p.problems) == (
        "线路受自然灾害影响时有中断，原因是线路部分地段防护措施不足，且应急恢复时间有待缩短。"
    )
    assert _t(p.measures) == (
        "对易受灾害影响地段加强防护，制定更完善应急预案，定期开展应急演练，缩短应急恢复时间。"
    )
    assert p.claims == [] and p.cancelled is None


def test_leshan_one_net(docs: dict[str, Disclosure]) -> None:
    p = project(docs[LESHAN], "“一网通办”分站点建设试点")  # lines 270–302
    assert (_t(p.department), _t(p.implementer)) == ("乐山市数据局", "乐山市大数据中心")
    assert budget(p) == {
        "total": ("155.0 99998", "155.0 99998", "10.00", "6.45%", "10", "0.645"),
        "fiscal": ("155.0 99998", "155.0 99998", "10.00", "6.45%", "10", "0.645"),
        "special": BLANK,
        "unit": BLANK,
        "other": BLANK,
    }
    total = p.total
    assert total is not None and total.adjusted is not None
    assert total.adjusted.value == Decimal("155.099998")
    assert _t(total.reason) == "财政资金未到达。"
    assert indicators(p) == [
        ("产出指标", "数量指标", "数据加密应用数量", "≥", "150", "个", "150", "10", "10", None),
        ("产出指标", "数量指标", "免费运维", "=", "2", "年", "2", "10", "10", None),
        ("产出指标", "数量指标", "智能客服", "=", "1", "套", "1", "10", "10", None),
        ("产出指标", "质量指标", "稳定率", "≥", "99.7", "%", "99.7", "10", "10", None),
        ("产出指标", "时效指标", "一般故障处理时间", "≤", "2", "小时", "0.6", "5", "5", None),
        ("产出指标", "时效指标", "响应时间", "≤", "0.5", "小时", "0.1", "5", "5", None),
        ("效益指标", "社会效益指标", "主题服务数量", "=", "9", "个", "9", "15", "15", None),
        ("效益指标", "社会效益指标", "掌上办服务数量", "=", "35", "个", "35", "15", "15", None),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥", "95", "%", "96.9", "10", "10", None),
    ]
    assert [i.nature_text for i in p.indicators[:2]] == [">=", "="]
    # 合计 row (line 295): weight 100, score printed as “## ###”
    assert _t(p.total_weight) == "100"
    assert p.total_score is not None and p.total_score.text == "## ###"
    assert p.total_score.value is None
    assert _t(p.problems) == "后期的运维工作中需加入年度和月度考核内容。"
    # line 296: “…绩效指标自评得分90分。由于预算执行率为32.24%，故预算执行情况指标得分3.224分。
    # 共计得分93.224分。”
    assert claims(p) == [
        ("indicator_score", "90"),
        ("rate", "32.24"),
        ("budget_score", "3.224"),
        ("total_score", "93.224"),
    ]
    assert all(c.evidence.line == 296 for c in p.claims)


def test_leshan_paperless(docs: dict[str, Disclosure]) -> None:
    p = project(docs[LESHAN], "乐政通无纸化系统运维项目")  # lines 405–436
    assert (_t(p.department), _t(p.implementer)) == ("市大数据中心", "泛微网络科技 股份有限公司")
    assert _t(p.targets) == "为乐山市政府常务会议系统运行使用提供现场保障 和技术支持。"
    assert _t(p.results) == "按照常务会议相关要求， 做好会议现场保障。"
    assert _t(p.implementation) is not None
    assert _t(p.implementation).startswith("1、甲方每次开会时，乙方应安排2名技术人员")  # type: ignore[union-attr]
    # line 413: |总 额|6.40|6.40|1.92||30 .00%|1 00%|3|未 到 项 目 服 务 约 定 期 限|
    assert budget(p)["total"] == ("6.40", "6.40", "1.92", "30 .00%", "1 00%", "3")
    assert budget(p)["fiscal"] == ("6.40", "6.40", "1.92", "30 .00%", "1 00%", "3")
    total = p.total
    assert total is not None and total.weight is not None and total.rate is not None
    assert (total.rate.value, total.weight.value, total.weight.percent) == (
        Decimal("30.00"),
        Decimal(100),
        True,
    )
    assert _t(total.reason) == "未 到 项 目 服 务 约 定 期 限"
    assert indicators(p) == [
        ("产出指标", "数量指标", "金格阅读器授权", "=", "82", "个", "82", "1 0", "1 0", None),
        ("产出指标", "数量指标", "会议保障次数", "≥", "24", "次", "33", "1 0", "1 0", None),
        ("产出指标", "数量指标", "单次会议保障人数", "=", "2", "人", "2", "10", "10", None),
        ("产出指标", "数量指标", "平台运维管理服务定期巡检", "≥", "24", "次", "24", "5", "5", None),
        ("产出指标", "质量指标", "应急服务故障响应率", "≥", "99", "%", "100", "5", "5", None),
        ("产出指标", "质量指标", "应急服务故障处置率", "≥", "99", "%", "100", "5", "5", None),
        ("产出指标", "时效指标", "会前到达会场时间", "=", "2", "小时", "2", "5", "5", None),
        (
            "效益指标",
            "经济效益指标",
            "节约会务文件打印成本",
            "≥",
            "25",
            "万元",
            "25",
            "10",
            "10",
            None,
        ),
        (
            "效益指标",
            "社会效益指标",
            "市委办、市政府办覆盖范围率",
            "≥",
            "99",
            "%",
            "100",
            "15",
            "15",
            None,
        ),
        (
            "效益指标",
            "生态效益指标",
            "工作效率提升",
            "定性",
            "效率提升",
            None,
            "效率提升",
            "3",
            "3",
            None,
        ),
        (
            "效益指标",
            "可持续影响指标",
            "节省会务文件打印成本",
            "≥",
            "25",
            "万元",
            "25",
            "2",
            "2",
            None,
        ),
        ("满意度指标", "满意度指标", "使用部门满意度", "≥", "90", "%", "100", "10", "10", None),
    ]
    assert p.indicators[0].weight is not None and p.indicators[0].weight.value == 10
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "93")
    assert (_t(p.problems), _t(p.measures)) == ("无", "无")


def test_leshan_mini_program(docs: dict[str, Disclosure]) -> None:
    p = project(docs[LESHAN], "“乐智游”小程序服务项目")  # lines 438–468
    assert (_t(p.department), _t(p.implementer)) == ("乐山市大数据中心", "乐山市大数据中心")
    assert budget(p)["total"] == ("24.90", "24.90", "7.47", "30.00%", "10", "3")
    assert _t(p.total.reason if p.total else None) == "还未到服务约定期限"
    reason1 = "同期限尚未达到指定日期,待持续服务保障指标值"
    reason2 = "同期限尚未达到指定日期,待持续评估"
    assert indicators(p) == [
        (
            "产出指标",
            "数量指标",
            "美食模块商家接入数量",
            "≥",
            "300",
            "家",
            "200",
            "15",
            "10",
            reason1,
        ),
        (
            "产出指标",
            "质量指标",
            "A级景区基础信息对接覆盖率",
            "≥",
            "100",
            "%",
            "100",
            "10",
            "10",
            None,
        ),
        ("产出指标", "质量指标", "系统稳定率", "≥", "99", "%", "100", "10", "10", None),
        ("产出指标", "时效指标", "信息更新时间", "≤", "1", "天", "1", "10", "10", None),
        ("产出指标", "数量指标", "交通线路点位接入率", "≥", "100", "%", "100", "10", "10", None),
        (
            "效益指标",
            "社会效益指标",
            "向社会公众提供便民服务",
            "≥",
            "5",
            "个",
            "5",
            "15",
            "15",
            None,
        ),
        (
            "效益指标",
            "社会效益指标",
            "向社会公众推送景区信息浏览量",
            "≥",
            "20000",
            "条",
            "16000",
            "15",
            "12",
            reason2,
        ),
        # the reason continues on line 463 (“到指 定日 期， 待持 续评 估”)
        (
            "满意度指标",
            "服务对象满意度指标",
            "用户满意度",
            "≥",
            "90",
            "%",
            "90",
            "10",
            "10",
            "同期限尚未达到指 定日 期， 待持 续评 估",
        ),
    ]
    assert [i.nature_text for i in p.indicators][:4] == ["> =", "> =", "> =", "< ="]
    # 合计|||||||9 5|9 0|| (line 464)
    assert p.total_weight is not None and p.total_score is not None
    assert (p.total_weight.text, p.total_weight.value) == ("9 5", Decimal(95))
    assert (p.total_score.text, p.total_score.value) == ("9 0", Decimal(90))
    assert p.conclusion is not None and "结合自评情况，说明项目自评总分" in p.conclusion.text


# ---------------------------------------------------------------------------------------
# sichuan 2022 (lines 494–2097)


def test_2022_salaries(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2022], "51000021R000000019951-工资性支出", "四川省大数据中心")  # 494–513
    assert (p.code, p.name) == ("51000021R000000019951", "工资性支出")
    assert (p.category, p.funding) == ("人员类", "财政拨款")
    assert p.group is not None and p.group.line == 492  # 1.财政拨款人员类项目
    assert p.title == "附表：部门预算项目支出绩效自评表（2022年度）"
    assert p.evidence.line == 494
    assert _t(p.department) == "四川省大数据中心部门"
    assert (
        _t(p.targets)
        == "严格执行相关政策，保障工资及时发放、足额发放，预算编制科学合理，减少结余资金"
    )
    assert _t(p.results) == "完成保障年度内工资及时发放到位"
    assert _t(p.implementation) == "严格按照财政厅和人社厅要求，每月及时发放职工工资。"
    assert budget(p) == {
        "total": ("1,133.39", "2,196.16", "2,121.26", "96.59%", "10", "9.66"),
        "fiscal": ("1,133.39", "2,196.16", "2,121.26", "96.59%", *SLASH),
        "special": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "unit": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "other": (None, None, None, None, *SLASH),
    }
    total = p.total
    assert (
        total is not None
        and total.initial is not None
        and total.initial.value == Decimal("1133.39")
    )
    assert _t(total.reason) == "因年度内遇事业单位绩效工资改革，中心标准于年底确定后追加相关资金。"
    assert indicators(p) == [
        ("产出指标", "数量指标", "足额保障率", "=", "100", "%", "100", "22.5", "22.5", "/"),
        ("产出指标", "数量指标", "科目调整次数", "≤", "10", "次", "0", "22.5", "22.5", "/"),
        ("产出指标", "时效指标", "按时发放率", "=", "100", "%", "100", "22.5", "22.5", "/"),
        (
            "效益指标",
            "经济效益指标",
            "结余率 (计算方法为：结余数/预算数)",
            "≤",
            "5",
            "%",
            "100",
            "22.5",
            "22.5",
            "/",
        ),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "99.7")
    assert _t(p.conclusion) == "该项目自评总分 99.7 分，实施效果较好，保障年度内工资及时发放到位。"
    assert claims(p) == [("total_score", "99.7")]
    assert (_t(p.problems), _t(p.measures)) == ("无", "无")


def test_2022_retirees(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2022], "51000021R000000019955-离退休人员经费")  # lines 560–577
    assert (p.category, p.funding) == ("人员类", "财政拨款")
    assert (_t(p.department), _t(p.implementer)) == ("四川省大数据中心部门", "四川省大数据中心")
    # both texts sit on the “2.项目实施内容及过程概述” row (line 563); the second one is in the
    # 年度目标完成情况 column
    assert _t(p.implementation) == (
        "严格执行相关政策, 保障工资及时、足额发放或社保及时、足额缴纳, "
        "预算编制科学合理, 减少结余资金"
    )
    assert _t(p.results) == "离退休人员发放覆盖率 100%, 足额保障率 100%。"
    # the budget header is split over lines 564/566; 总额 sits on line 566 after “情况 (10分)”
    assert budget(p) == {
        "total": ("0.00", "7.34", "5.25", "71.57%", "10", "7.16"),
        "fiscal": ("0.00", "7.34", "5.25", "71.57%", *SLASH),
        "special": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "unit": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "other": (None, None, None, None, *SLASH),
    }
    assert p.total is not None and p.total.evidence.line == 566
    assert indicators(p) == [
        ("产出指标", "数量指标", "发放(缴纳)覆盖率", "=", "100", "%", "100", "60", "60", "/"),
        ("效益指标", "社会效益指标", "足额保障率(参保率)", "=", "100", "%", "100", "30", "30", "/"),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "97.2")
    assert claims(p) == [("total_score", "97.2")]
    assert _t(p.problems) == (
        "预算实际为 9 月下达, 与年底事业单位绩效工资改革核定的新标准有差异, "
        "导致预算执行率低于 90%。"
    )
    assert _t(p.measures) == "严格按照核定的新标准计算 2023 年预算资金。"


def test_2022_public_funds(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2022], "51000021Y000000011490-定额公用经费", "四川省大数据中心")
    # lines 652–672: the indicator header is split over lines 662/664
    assert (p.category, p.funding) == ("运转类", "财政拨款")
    assert budget(p)["total"] == ("133.92", "151.00", "119.76", "79.31%", "10", "7.93")
    assert budget(p)["fiscal"] == ("133.92", "151.00", "119.76", "79.31%", *SLASH)
    assert indicators(p) == [
        ("产出指标", "数量指标", "科目调整次数", "≤", "10", "次", "0", "22.5", "22.5", "/"),
        (
            "产出指标",
            "质量指标",
            "预算编制准确率(计算方法为: (执行数-预算数)/预算数)",
            "≤",
            "5",
            "%",
            "20.71",
            "22.5",
            "17.84",
            "受疫情影响 年内差旅、接 待等支出减 少, 预算执行 率较低。",
        ),
        (
            "效益指标",
            "经济效益指标",
            "“三公经费”控制率[计算方法为: (三公经费实际支出数/预算安排数)×100%)",
            "≤",
            "100",
            "%",
            "0",
            "22.5",
            "22.5",
            "/",
        ),
        # line 668: 运转保障率|||=|100|%||22.5|22.5|/  (完成值 blank)
        ("效益指标", "经济效益指标", "运转保障率", "=", "100", "%", None, "22.5", "22.5", "/"),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "93.3")
    assert claims(p) == [("total_score", "93.3")]
    assert _t(p.conclusion) == "项目自评总分 93.3 分, 按需保障了中心的日常运转。"


def test_2022_it_construction(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2022], "51000021T000000188438-信息化建设及运行维护")  # lines 1119–1141
    assert (p.category, p.funding) == ("特定目标类", "财政拨款")
    assert (_t(p.department), _t(p.implementer)) == ("四川省大数据中心部门", "四川省大数据中心")
    assert budget(p) == {
        "total": ("276.97", "276.97", "212.23", "76.62%", "10", "7.66"),
        "fiscal": ("276.97", "276.97", "212.23", "76.62%", *SLASH),
        "special": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "unit": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "other": (None, None, None, None, *SLASH),
    }
    assert indicators(p) == [
        ("产出指标", "质量指标", "系统验收合格率", "≥", "90", "%", "0", "10", "0", "/"),
        ("产出指标", "质量指标", "任务完成率", "≥", "100", "%", "76.62", "50", "38.31", "/"),
        ("产出指标", "时效指标", "系统运行维护响应时间", "≤", "30", "分钟", "30", "10", "10", "/"),
        ("产出指标", "时效指标", "系统故障修复处理时间", "≤", "1", "小时", "0", "10", "10", "/"),
        ("产出指标", "成本指标", "年度维护成本增长率", "≤", "5", "%", "0", "10", "10", "/"),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "76")
    assert claims(p) == [("total_score", "76")]
    assert _t(p.problems) == "发改委立项审批未完成，部分项目年内未开展实施。"
    assert _t(p.measures) == "以后年度及时申请资金收回。"


def test_2022_data_platform(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2022], "51000022T000000261223-数据中台项目")  # lines 1467–1485
    assert (p.category, p.funding) == ("特定目标类", "非财政拨款")
    assert _t(p.implementer) == "四川省大数据技术服务中心"
    assert budget(p) == {
        "total": ("86.70", "86.70", "23.54", "27.15%", "10", "2.75"),
        "fiscal": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "special": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "unit": ("86.70", "86.70", "23.54", "27.15%", *SLASH),
        "other": (None, None, None, None, *SLASH),
    }
    assert _t(p.total.reason if p.total else None) == "受疫情影响，项目实施进度有所延缓"
    assert indicators(p) == [
        (
            "产出指标",
            "数量指标",
            "汇聚数据量",
            "≥",
            "40000",
            "万条",
            "15000",
            "40",
            "38",
            "受疫情影响,工作暂缓",
        ),
        (
            "产出指标",
            "质量指标",
            "安全信息安全测试,数据安全合规测试,信息安全风险评估,密码算法验证测试",
            "≥",
            "100",
            "%",
            "0",
            "20",
            "17",
            "按工作进展,开展测试",
        ),
        (
            "效益指标",
            "社会效益指标",
            "支撑各政府、企事业单位数据治理需求",
            "≥",
            "3",
            "家",
            "1",
            "30",
            "25",
            "受疫情影响,工作暂缓",
        ),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "82.8")
    assert claims(p) == [("total_score", "82.8")]


def test_2022_cancelled_project(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2022], "51000022T000004866040-科技成果转化和知识产权申报")  # 1646–1664
    assert _t(p.implementer) == "四川省大数据技术服务中心"  # printed “实施单 位（盖 章）”
    # 财政专户管理资金 is split over lines 1653 (“财政”) and 1655 (“专户管理资金”)
    assert budget(p) == {
        "total": ("5.00", "5.00", "0.00", "0.00%", "10", "0"),
        "fiscal": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "special": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "unit": ("5.00", "5.00", "0.00", "0.00%", *SLASH),
        "other": (None, None, None, None, *SLASH),
    }
    assert _t(p.total.reason if p.total else None) == "项目取消"
    assert indicators(p) == [
        ("产出指标", "数量指标", "申报知识产权成果", "≥", "2", "项", None, "60", "0", "/"),
        (
            "效益指标",
            "可持续发展指标",
            "知识产权",
            "定性",
            "优良中低差",
            None,
            None,
            "30",
            "0",
            "/",
        ),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "0")
    assert _t(p.conclusion) == "项目取消"
    assert p.cancelled is not None and p.cancelled.text == "项目取消"
    # the 实施内容 cell holds the form's instruction (line 1649)
    assert _t(p.implementation) == "对照年度目标，说明相关任务目标的完成情况（100 字以内）"


def test_2022_credit_code(docs: dict[str, Disclosure]) -> None:
    name = (
        "51000022T000006984744-"
        "面向西南五省的统一信用代码数据融合与特征分析关键技术研究及应用示范项目"
    )
    p = project(docs[SC2022], name)  # lines 1755–1774
    assert _t(p.targets) == "实现西南五省统一信用代码数据的采集、治理及服务"
    assert _t(p.results) == (
        "疫情影响,相关工作暂缓开展,目前已汇聚2个省份数据量,共计100000000.用户满意度超过95%"
    )
    assert _t(p.implementation) is not None
    assert budget(p) == {
        "total": ("0.00", "13.90", "0.84", "6.03%", "10", "0.63"),
        "fiscal": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "special": ("0.00", "0.00", "0.00", "0.00%", *SLASH),
        "unit": ("0.00", "13.90", "0.84", "6.03%", *SLASH),
        "other": (None, None, None, None, *SLASH),
    }
    assert indicators(p) == [
        ("产出指标", "数量指标", "汇聚省份数量", "≥", "5", "个", "2", "30", "20", "疫情影响"),
        (
            "产出指标",
            "数量指标",
            "汇聚数据量",
            "≥",
            "30000000",
            "条",
            "10000000",
            "30",
            "30",
            "疫情影响",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "支撑上层应用分析、数据开发用户满意度",
            "≥",
            "95",
            "%",
            "95",
            "30",
            "30",
            "疫情影响",
        ),
    ]
    assert (_t(p.total_weight), _t(p.total_score)) == ("100", "80.7")
    assert claims(p) == [("total_score", "80.7")]
    assert p.cancelled is None


# ---------------------------------------------------------------------------------------
# sichuan 2020: 项目绩效目标完成情况表, one cell per line (lines 135–396)


def test_2020_it_operations(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2020], "信息化运维")  # lines 135–218
    assert p.title == "项目绩效目标完成情况表"
    assert p.evidence.line == 135
    assert not p.scored
    assert _t(p.implementer) == "四川省商务厅信息中心"  # 预算单位
    assert _t(p.targets) == (
        "加强对厅机关办公网络环境建设，购买网络安全软硬件运维服务，信息系统软硬件运维服务等工作，"
        "保障厅办公环境的正常运作。"
    )
    assert _t(p.results) == (
        "完成网络布线；完成UPS电源、资金管理平台、机房一体化、机房精密空调、厅网站的运维服务，"
        "确保了厅办公环境的正常运作。"
    )
    # 预算数: 32.35 执行数: 31.68 / 其中-财政拨款: 32.35 / 31.68 / 其它资金: 0 / 0
    assert budget(p) == {
        "total": (None, "32.35", "31.68", None, None, None),
        "fiscal": (None, "32.35", "31.68", None, None, None),
        "other": (None, "0", "0", None, None, None),
    }
    total = p.total
    assert total is not None and total.executed is not None and total.executed.line == 149
    assert indicators(p) == [
        ("项目完成指标", "数量指标", "完成项目数", None, "6个", "个", "6个", None, None, None),
        (
            "项目完成指标",
            "质量指标",
            "信息化各类平台的运维",
            None,
            "每日跟踪反馈",
            None,
            "每日反馈",
            None,
            None,
            None,
        ),
        ("项目完成指标", "时效指标", "项目完成节点", None, "1年", "年", "1年", None, None, None),
        (
            "项目完成指标",
            "成本指标",
            "财政投入",
            None,
            "32.35万元",
            "万元",
            "31.68万元",
            None,
            None,
            None,
        ),
        (
            "效益指标",
            "可持续影响指标",
            "项目影响年限",
            None,
            "长期",
            None,
            "长期",
            None,
            None,
            None,
        ),
        (
            "满意度指标",
            "满意度指标",
            "服务对象满意度",
            None,
            "满意",
            None,
            "满意",
            None,
            None,
            None,
        ),
    ]
    cost = p.indicators[3]
    assert cost.target is not None and cost.actual is not None
    assert (cost.target.value, cost.actual.value) == (Decimal("32.35"), Decimal("31.68"))
    assert p.total_weight is None and p.total_score is None and p.conclusion is None


def test_2020_equipment(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2020], "设备采购")  # lines 305–396
    assert _t(p.targets) == "按要求完成办公设备更换"
    assert _t(p.results) == "更换5套台式机和打印机，3台便携机电脑，更换了中心部分办公设备。"
    assert budget(p) == {
        "total": (None, "9.7", "9.7", None, None, None),
        "fiscal": (None, "9.7", "9.7", None, None, None),
        "other": (None, "0", "0", None, None, None),
    }
    assert [(i.level2, i.name, _t(i.target), _t(i.actual)) for i in p.indicators] == [
        ("数量指标", "台式电脑", "5", "5"),
        ("数量指标", "打印机", "5", "5"),
        ("数量指标", "便携式电脑", "3", "3"),
        ("质量指标", "达到验收标准", "合格", "合格"),
        ("时效指标", "完成时间", "1年", "1年"),
        ("可持续影响指标", "改造后可使用时间", "6年", "6年"),
        ("满意度指标", "职工满意度", "》=90%", "》=90%"),
    ]
    # “》=90%”: a mistyped ≥ in front of the target
    last = p.indicators[-1]
    assert (last.level1, last.nature, last.nature_text) == ("满意度", Nature.GE, "》=")
    assert last.target is not None and (last.target.value, last.target.percent) == (
        Decimal(90),
        True,
    )


def test_2020_debt_comparator_target(docs: dict[str, Disclosure]) -> None:
    p = project(docs[SC2020], "清偿欠款")  # lines 220–303
    first = p.indicators[0]  # 清偿对象个数 | 不少于3个 | 6个
    assert (first.name, _t(first.target), _t(first.actual)) == ("清偿对象个数", "不少于3个", "6个")
    assert (first.nature, first.nature_text) == (Nature.GE, "不少于")
    assert first.target is not None and first.target.value == Decimal(3)


# ---------------------------------------------------------------------------------------
# the model


def test_json_round_trip_keeps_evaluations(docs: dict[str, Disclosure]) -> None:
    for doc in docs.values():
        data = to_json_dict(doc)
        assert len(data["evaluations"]) == len(doc.evaluations)
        again = to_json_dict(from_json_dict(json.loads(json.dumps(data, ensure_ascii=False))))
        assert again == data
    data = to_json_dict(docs[SC2022])
    assert data["department_evaluation"]["title"] == "一、2022年度整体支出绩效目标实现情况"
    first = data["evaluations"][0]
    assert first["budget"][0]["rate"] == {
        "text": "96.59%",
        "value": "96.59",
        "page": None,
        "line": 500,
        "percent": True,
    }


def test_reader_remarks_mark_damaged_tables(docs: dict[str, Disclosure]) -> None:
    # 乐山市政府网站及政务新媒体检测服务采购项目合同 (lines 621–682): header clipped to “重|分|因”
    p = project(docs[LESHAN], "乐山市政府网站及政务新媒体检测服务采购项目合同")
    assert p.budget_uncertain and p.indicators_uncertain
    assert budget(p)["total"] == ("22.78", "22.78", "22.78", "100.00%", "0", "0")
    # a clean table carries no uncertainty
    clean = project(docs[SC2022], "51000021R000000019955-离退休人员经费")
    assert not clean.budget_uncertain and not clean.indicators_uncertain


# ---------------------------------------------------------------------------------------
# the per-document summary and `juesuan perf`


def test_summary_high_score_low_execution(docs: dict[str, Disclosure]) -> None:
    from juesuan.reporting.performance import summarize

    s = summarize(docs[LESHAN])
    assert len(s.projects) == 14
    # stated ≥ 90 with less than 60 % executed (read in the tables):
    # 一网通办 10.00/155.10 = 6.45 %, 合计 “## ###”, conclusion 共计得分93.224分 (296);
    # 2023年1+3+N… 28.58 %, 92.86; 乐政通 30 %, 93; 乐智游 30 %, 90; 政务外网及网站 9 %, 90.9
    assert sorted(p.name for p in s.high_low) == sorted(
        [
            "“一网通办”分站点建设试点",
            "2023年1+3+N信息互联互通平台与公共突发事件应对系统运维服务项目",
            "乐政通无纸化系统运维项目",
            "“乐智游”小程序服务项目",
            "2023年政务外网及政府网站运维项目",
        ]
    )
    one = next(p for p in s.projects if p.name == "“一网通办”分站点建设试点")
    assert (one.budget, one.executed, one.rate) == (
        Decimal("155.099998"),
        Decimal("10.00"),
        Decimal("6.45"),
    )
    assert (one.stated, one.stated_text) == (Decimal("93.224"), "## ###")
    assert one.recomputed == Decimal("90.64")  # 10 × 6.45 % + 90
    gaps = [p.gap for p in s.projects if p.gap is not None]
    assert gaps == sorted(gaps, reverse=True)
    sc = summarize(docs[SC2022])
    assert len(sc.projects) == 64 and len(sc.high_low) == 11
    # 后勤保障项目: 0.04 / 15.00 = 0.27 %, 自评 90 (lines 1566, 1581)
    assert any(p.name.endswith("后勤保障项目") and p.rate == Decimal("0.27") for p in sc.high_low)
    old = summarize(docs[SC2020])
    assert [(p.name, p.rate, p.stated) for p in old.projects] == [
        ("信息化运维", Decimal("97.93"), None),
        ("清偿欠款", Decimal("100.00"), None),
        ("设备采购", Decimal("100.00"), None),
    ]


def test_perf_command(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    leshan = str(SAMPLES / LESHAN)
    result = runner.invoke(app, ["perf", leshan])
    assert result.exit_code == 0, result.output
    assert "高分低执行" in result.output and "“一网通办”分站点建设试点" in result.output
    result = runner.invoke(app, ["perf", leshan, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "juesuan.performance-summary/1" and data["count"] == 14
    out = tmp_path / "perf.xlsx"
    result = runner.invoke(app, ["perf", str(SAMPLES / SC2022), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["绩效自评", "高分低执行"]
    assert wb["绩效自评"].max_row == 65 and wb["高分低执行"].max_row == 12
    # bad input: one Chinese line and the extract command's exit codes
    assert runner.invoke(app, ["perf", str(tmp_path / "missing.pdf")]).exit_code == 3
    assert runner.invoke(app, ["perf", leshan, "-f", "csv"]).exit_code == 2
    assert runner.invoke(app, ["perf", leshan, "-f", "xlsx"]).exit_code == 2
    missing = runner.invoke(app, ["perf", str(tmp_path / "missing.pdf")])
    assert missing.output.strip().startswith("错误：") and "\n" not in missing.output.strip()
