"""Performance self-evaluation rules (JS8xx) beyond their cases (tests/rule_cases/JS8*.toml,
written with :func:`table` below): the reading of a hand-made table, uncertain readings, the
project in every finding, and the real defects of the samples pinned (each read in the text)."""

from __future__ import annotations

import collections
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.model.findings import Finding, Severity
from juesuan.model.performance import ProjectEvaluation
from juesuan.rules import all_rules
from juesuan.rules.casebook import load_cases
from juesuan.rules.performance_scoring import judge, recomputed_total
from tests import rulekit
from tests.rulekit import doc_from_text, run, sample

T = "\t"

DEFAULTS: dict[str, str] = {
    "name": "51000024T000000000001-测试项目",
    "initial": "100.00",
    "adjusted": "120.00",
    "executed": "108.00",
    "rate": "90.00%",
    "bweight": "10",
    "bscore": "9.00",
    "breason": "不涉及",
    "f_initial": "100.00",
    "f_adjusted": "120.00",
    "f_executed": "108.00",
    "tweight": "100",
    "total": "99",
    "conclusion": "项目自评总分99分，绩效完成情况好。",
    "problems": "无",
    "measures": "无",
    "results": "已完成年度目标",
}

INDICATORS = [
    ["产出指标", "数量指标", "完成数量", "≥", "10", "个", "10", "50", "50", "/"],
    ["", "质量指标", "合格率", "≥", "90", "%", "95", "30", "30", "/"],
    ["满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%", "95", "10", "10", "/"],
]


def table(indicators: list[list[str]] | None = None, **values: str) -> str:
    """One project table in the form of the 2022 Sichuan sample (tab-separated rows)."""
    v = {**DEFAULTS, **values}
    rows = indicators if indicators is not None else INDICATORS
    lines = [
        "部门预算项目支出绩效自评表",
        T.join(["项目名称", "", v["name"]]),
        T.join(["主管部门", "", "测试部门", "", "实施单位", "测试中心"]),
        T.join(["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", "", "年度目标完成情况"]),
        T.join(["", "", "完成年度目标", "", v["results"]]),
        T.join(["", "2.项目实施内容及过程概述", "按计划实施"]),
        T.join(
            [
                *("预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数"),
                *("预算执行数", "预算执行率", "权重", "得分", "原因"),
            ]
        ),
        T.join(
            [
                *("", "总额", v["initial"], v["adjusted"], v["executed"], v["rate"]),
                *(v["bweight"], v["bscore"], v["breason"]),
            ]
        ),
        T.join(
            [
                *("", "其中：财政资金", v["f_initial"], v["f_adjusted"], v["f_executed"]),
                *(v["rate"], "/", "/"),
            ]
        ),
        T.join(["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"]),
        T.join(["", "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"]),
        T.join(["", "其他资金", "", "", "", "", "/", "/"]),
        T.join(
            [
                *("绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值"),
                *("度量单位", "完成值", "权重", "得分", "未完成原因分析"),
            ]
        ),
        *(T.join(["", *r]) for r in rows),
        T.join(["合计", "", "", "", "", "", "", "", v["tweight"], v["total"]]),
        T.join(["评价结论", v["conclusion"]]),
        T.join(["存在问题", v["problems"]]),
        T.join(["改进措施", v["measures"]]),
        "",
    ]
    return "\n".join(lines)


HEAD = """四川省测试中心
2024年度单位决算
第四部分 附件
"""


def doc_of(*tables: str) -> Disclosure:
    return doc_from_text(HEAD + "\n".join(tables))


def the_project(doc: Disclosure) -> ProjectEvaluation:
    [p] = doc.evaluations
    return p


def with_row(index: int, **cells: str) -> list[list[str]]:
    names = ["level1", "level2", "name", "nature", "target", "unit", "actual", "weight"]
    names += ["score", "reason"]
    rows = [list(r) for r in INDICATORS]
    for k, v in cells.items():
        rows[index][names.index(k)] = v
    return rows


def test_template_reads_cleanly_and_is_quiet() -> None:
    doc = doc_of(table())
    p = the_project(doc)
    assert (p.code, p.name) == ("51000024T000000000001", "测试项目")
    assert [b.source for b in p.budget] == ["total", "fiscal", "special", "unit", "other"]
    assert len(p.indicators) == 3 and not p.notes
    assert run(doc, "JS8") == []
    assert recomputed_total(p) == Decimal(99)


def _one(doc: Disclosure, code: str) -> Finding:
    [f] = run(doc, code)
    return f


def _total_line(doc: Disclosure, code: str) -> Finding:
    [f] = [f for f in run(doc, code) if "“总额”行" in f.message]
    return f


def test_uncertain_reading_lowers_severity() -> None:
    doc = doc_of(table(total="95"))
    the_project(doc).indicators_uncertain = True
    assert _one(doc, "JS809").severity is Severity.INFO
    doc = doc_of(table(rate="32.24%"))
    the_project(doc).budget_uncertain = True
    assert _total_line(doc, "JS801").severity is Severity.WARNING


def test_project_count_when_a_table_is_missing() -> None:
    doc = sample("sichuan-bigdata-center-2022.txt")
    doc.evaluations = [
        p
        for p in doc.evaluations
        if p.funding != "非财政拨款" or p.code != ("51000022T000000261197")
    ]
    assert any(f.expected == "33" and f.severity is Severity.WARNING for f in run(doc, "JS813"))


def test_findings_name_the_project() -> None:
    rules = all_rules()
    for code in [c for c, r in rules.items() if r.module.startswith("juesuan.rules.performance.")]:
        for case in load_cases(code):
            if case.text is None or not case.fires or code == "JS813":
                continue
            for f in run(rulekit.case_document(case), code):
                if f.where == "绩效自评" or (f.where or "").startswith("绩效目标："):
                    continue  # department-level claims (JS825), target forms (JS823, JS824, JS826)
                assert f.where == "绩效自评：51000024T000000000001-测试项目", (case.id, f.where)


def test_indicator_judged_only_when_comparable() -> None:
    # a percentage result against a count target is not comparable
    p = the_project(doc_of(table(indicators=with_row(0, actual="100%"))))
    assert judge(p.indicators[0]) is None


def test_statement_about_a_project_against_its_table() -> None:
    # 2020 line 129: 信息化运维 全年预算数32.35万元，执行数为31.68…，完成预算的97.93% — agrees
    doc = sample("sichuan-commerce-infocenter-2020.txt")
    assert run(doc, "JS814") == []
    p = next(p for p in doc.evaluations if p.name == "信息化运维")
    assert p.total is not None and p.total.adjusted is not None and p.total.executed is not None
    p.total.adjusted.value = Decimal("33.35")
    found = run(doc, "JS814")
    assert {f.actual for f in found} == {"32.35", "97.93%"}
    assert all(f.severity is Severity.ERROR for f in found)


# --- the samples --------------------------------------------------------------------------


def _pins(name: str) -> list[tuple[str, str, int | None]]:
    return sorted((f.rule, f.severity.value, f.evidence[0].line) for f in run(sample(name), "JS8"))


def _above_info(name: str) -> list[tuple[str, str, int | None, str | None]]:
    return sorted(
        (f.rule, f.severity.value, f.evidence[0].line, f.actual)
        for f in run(sample(name), "JS8")
        if f.severity is not Severity.INFO
    )


def test_leshan_real_findings() -> None:
    """Every error and warning was read in leshan-bigdata-center-2024.txt (line numbers)."""
    assert _above_info("leshan-bigdata-center-2024.txt") == sorted(
        [
            ("JS813", "warning", 196, "14"),  # “20个绩效自评报告” — 14 tables attached
            # “一网通办”分站点建设试点: conclusion (296) vs table (278, 295)
            ("JS810", "error", 296, "32.24"),  # 预算执行率为32.24% — table 6.45%
            ("JS810", "error", 296, "3.224"),  # 预算执行情况指标得分3.224分 — table 0.645
            ("JS810", "error", 296, "93.224"),  # 共计得分93.224分 — Σ 90.645, 合计 “## ###”
            ("JS812", "warning", 295, "## ###"),  # 合计得分 “## ###”
            # 乐山市数据共享交换平台运行维护服务项目: 服务对象满意度 权重 100 得分 100 (342);
            # its scores add up to 179.1 > 100, so the sums over the form (JS806 180, JS809)
            # are doubtful and only mentioned; the row itself is an error
            ("JS807", "error", 342, "100"),
            (
                "JS812",
                "warning",
                344,
                "<p>结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以……",
            ),
            (
                "JS812",
                "warning",
                345,
                "<p>结合自评情况，分析存在的问题及原因。（200字以内）</p> <p>乐山市……",
            ),
            (
                "JS812",
                "warning",
                347,
                "<p>针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（20……",
            ),
            # 2023年1+3+N…: 云资源优化 =12 月, 完成 1, 1/1 (390);
            # 响应时间 ≤1 小时, 完成 2, 2/2 (391)
            ("JS808", "warning", 390, "1"),
            ("JS808", "warning", 391, "2"),
            # 乐政通无纸化系统运维项目: 权重 “1 00%” (413); 实施单位 a company (408)
            ("JS803", "warning", 413, "1 00%"),
            ("JS823", "warning", 408, "泛微网络科技 股份有限公司"),
            # “乐智游”小程序服务项目: weights 15+10+10+10+10+15+15+10 = 95, 合计 “9 5” (464)
            ("JS806", "error", 454, "95"),
            (
                "JS812",
                "warning",
                465,
                "<p>结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以……",
            ),
            (
                "JS812",
                "warning",
                466,
                "<p>结合自评情况，分析存在的问题及原因。（200字以内）</p> <p>目前数……",
            ),
            (
                "JS812",
                "warning",
                467,
                "<p>针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（20……",
            ),
            # 项目综合咨询服务项目: the three closing texts are the form's instructions (501–503)
            (
                "JS812",
                "warning",
                501,
                "结合自评情况, 说明项目自评总分, 说明项目实施取得的成效或成果。(200字以内……",
            ),
            ("JS812", "warning", 502, "结合自评情况, 分析存在的问题及原因。(200字以内)"),
            (
                "JS812",
                "warning",
                503,
                "针对项目自评中发现的问题, 提出下一步改进完善的意见及有关政策性建议。(200字……",
            ),
            # 2023年信息公开目录管理系统: 权重 1, 得分 1 (515)
            ("JS803", "warning", 515, "1"),
            # 乐山市政府网站及政务新媒体检测…: 完成情况 cell is the instruction (626)
            ("JS812", "warning", 626, '<p style="text-align: center;">对照年度目标,说明……'),
            # 2023年政务外网网络中心运行维护服务: 29.25 / 29.90 = 97.83 %, printed 100.00 %
            # (692; the header is clipped, hence a warning)
            ("JS801", "warning", 692, "100.00%"),
            # 2023年数字政府重点项目运维: 满意度 权重 100 得分 100 (808); its scores add up
            # to 187.839 > 100: JS806 (180), JS809 (合计 97.84) and JS810 (the conclusion's
            # 绩效指标自评得分90分, 810) are built on that doubtful sum and only mentioned
            ("JS807", "error", 808, "100"),
        ]
    )


def test_2022_real_findings() -> None:
    """Every error and warning was read in sichuan-bigdata-center-2022.txt (line numbers)."""
    assert _above_info("sichuan-bigdata-center-2022.txt") == sorted(
        [
            # 工资性支出 结余率 ≤5 %, 完成值 100, 22.5/22.5, reason “/” (509)
            ("JS808", "warning", 509, "22.5"),
            # 非财政 定额公用经费: 557.33 / 790.33 = 70.52 %, 得分 7.52 instead of 7.05 (740)
            ("JS802", "error", 740, "7.52"),
            # 四川天府健康通: weights add to 85 (1230–1241); 9.14 + 85 ≠ 合计 99.1 (1242)
            ("JS806", "error", 1230, "85"),
            ("JS809", "error", 1223, "99.1"),
            # 数据中台项目: 10 × 27.15 % = 2.72, printed 2.75 (1472)
            ("JS802", "warning", 1472, "2.75"),
            # 后勤保障项目: 存在问题 / 改进措施 are the form's instructions (1583, 1584)
            ("JS812", "warning", 1583, "结合自评情况，分析存在的问题及原因。（200字以内）"),
            (
                "JS812",
                "warning",
                1584,
                "针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（200字以……",
            ),
            # 科技成果转化和知识产权申报: 实施内容 is the instruction (1649)
            ("JS812", "warning", 1649, "对照年度目标，说明相关任务目标的完成情况（100 字以内）"),
            # 面向西南五省…: 10 × 6.03 % = 0.60, printed 0.63 (1762); 0.63 + 80 = 80.63 vs 80.7
            ("JS802", "warning", 1762, "0.63"),
            ("JS809", "warning", 1762, "80.7"),
            # 高新学龄儿童分析: 10 × 99.67 % = 9.97, printed 9.67 (1867);
            # 完成情况 is the instruction (1864)
            ("JS812", "warning", 1864, "对照年度目标，说明相关任务目标的完成情况（100字以内）"),
            ("JS802", "error", 1867, "9.67"),
            # 工业互联网项目: 完成情况 instruction (1986)
            ("JS812", "warning", 1986, "对照年度目标，说明相关任务目标的完成情况（100字以内）"),
            # 财政 定额公用经费: 运转保障率 = 100 %, 完成值 empty, 22.5 / 22.5 (668)
            ("JS821", "warning", 668, "空"),
            # 非财政 定额公用经费: 完成值 “≤5” restates the target ≤ 5, full scores (746, 747)
            ("JS821", "warning", 746, "≤5"),
            ("JS821", "warning", 747, "≤5"),
            # 非财政 非定额公用经费: one indicator, 运转保障率, holds all 90 points (767)
            ("JS822", "warning", 767, "90"),
        ]
    )


def test_2020_and_shanghai_are_quiet() -> None:
    assert run(sample("sichuan-commerce-infocenter-2020.txt"), "JS8") == []
    for name in (
        "shanghai-shegong-2024.pdf",
        "shanghai-guihua-2024.pdf",
        "shanghai-template-2024.pdf",
    ):
        assert run(sample(name), "JS8") == []


def test_info_counts_per_sample() -> None:
    counts = collections.Counter(
        r for r, s, _ in _pins("sichuan-bigdata-center-2022.txt") if s == "info"
    )
    # 17 scoring remarks (partial scores off the proportional method, 良 scored in full …),
    # 2 count remarks (cancelled projects), 1 truncated budget score (0.05 for 0.058),
    # 1 indicator with 80 of the 90 points (工业互联网项目)
    assert counts == {"JS808": 17, "JS813": 2, "JS802": 1, "JS822": 1}
