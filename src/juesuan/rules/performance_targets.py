"""Budget performance targets (JS815–JS820): the 绩效目标表 of a budget checked against itself
and against the explanation.

A target form plans a project: its fund lines must not contradict each other, it must set the
first-level kinds of indicator a project target requires, and each indicator must state a
target that can be measured.  Findings name the form (``where`` = “绩效目标：<项目名称>”),
the printed cells and, for amounts, both the printed text and the amount in 万元.

Severity is conservative: an error only for a contradiction a reviewer reads off two printed
cells (a part larger than its whole); findings on a form recognised by header words only are
info, with the doubt said (DOMAIN: never an error built on a doubtful reading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from juesuan.catalog.performance import key, target_layout
from juesuan.model import Disclosure, Statement
from juesuan.model.findings import Category, Severity
from juesuan.model.performance import FundLine, PerformanceTarget, TargetIndicator
from juesuan.rules.common import ZERO, money, sum_tolerance
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

_NO_TARGETS = "没有找到绩效目标表"

BLOCK_NAMES = {"project": "项目资金", "annual": "年度资金"}
DIGIT = re.compile(r"\d")


def _targets(doc: Disclosure) -> list[PerformanceTarget]:
    if not doc.targets:
        raise NotApplicable(_NO_TARGETS)
    return doc.targets


def _form(t: PerformanceTarget) -> str:
    return f"绩效目标表“{t.name}”"


def _checked(t: PerformanceTarget, hit: Hit) -> Hit:
    """Info, with the doubt said, for a form recognised by header words only."""
    if t.recognised_by == "header":
        hit.severity = Severity.INFO
        doubt = t.doubts[0] if t.doubts else "只凭表头词语识别"
        hit.message = f"{hit.message}读取存疑，仅作提示：{doubt}。"
    return hit


def _divisor(t: PerformanceTarget) -> Decimal:
    """Printed unit → 万元 (10000 for a form printed in 元)."""
    return target_layout().fund_units.get(t.fund_unit or "万元", Decimal(1))


def _shown(f: FundLine) -> str:
    """The amount as printed with its unit, and in 万元 when printed in another unit."""
    text = f"{f.text} {f.unit}".strip()
    if f.amount is not None and f.unit != "万元":
        text += f"（{money(f.amount)} 万元）"
    return text


def _label(f: FundLine) -> str:
    return f.label.strip()


def _parts(t: PerformanceTarget, block: str) -> list[FundLine]:
    return [f for f in t.funds if f.block == block and f.key != "total"]


def _larger_parts(t: PerformanceTarget, block: str) -> list[FundLine]:
    whole = t.fund(block, "total")
    if whole is None or whole.amount is None:
        return []
    return [f for f in _parts(t, block) if f.amount is not None and f.amount > whole.amount]


# --- JS815 其中项大于总额 -------------------------------------------------------------------


@rule(
    "JS815",
    applies_to=BOTH_KINDS,
    name="perf-target-fund-part",
    title="绩效目标表中资金的“其中”项大于总额",
    category=Category.PERFORMANCE,
    severity=Severity.ERROR,
    rationale="""
绩效目标表的资金栏分两组：项目资金总额及其中的财政资金、其他资金；年度资金申请总额及其中的
当年财政拨款、上年结转资金、其他资金。“其中”项是总额的一部分，不能大于总额；一年申请的资金
也不应超过项目资金总额。这样的数字不可能同时为真，要么总额填错，要么“其中”项填错，预算安排
和绩效目标都失去了依据。两个数字都印在同一张表中，审核人可直接核对。
""",
    bad="年度资金申请总额 10,903,043.00 元，其中：当年财政拨款 11,419,043.00 元。",
    good="年度资金申请总额 10,903,043.00 元，其中：当年财政拨款 10,903,043.00 元。",
    tolerance="精确比较（同一张表、同一单位的印出数）",
    suggestion="核对总额与“其中”项，使各项不超过总额。",
)
def fund_part(doc: Disclosure) -> Iterator[Hit]:
    for t in _targets(doc):
        for block in ("project", "annual"):
            whole = t.fund(block, "total")
            if whole is None or whole.amount is None:
                continue
            for part in _larger_parts(t, block):
                assert part.amount is not None
                yield _checked(
                    t,
                    Hit(
                        message=(
                            f"{_form(t)}{BLOCK_NAMES[block]}：“{_label(part)}”{_shown(part)}大于"
                            f"“{_label(whole)}”{_shown(whole)}，多 "
                            f"{money(part.amount - whole.amount)} 万元。"
                        ),
                        evidence=[whole.evidence, part.evidence],
                        expected=f"≤ {whole.text}",
                        actual=part.text,
                        severity=Severity.ERROR,
                        where=t.label,
                    ),
                )
        project, annual = t.fund("project", "total"), t.fund("annual", "total")
        if (
            project is not None
            and annual is not None
            and project.amount is not None
            and annual.amount is not None
            and annual.amount > project.amount
        ):
            yield _checked(
                t,
                Hit(
                    message=(
                        f"{_form(t)}“{_label(annual)}”{_shown(annual)}大于“{_label(project)}”"
                        f"{_shown(project)}：一年申请的资金超过了项目资金总额。"
                    ),
                    evidence=[project.evidence, annual.evidence],
                    expected=f"≤ {project.text}",
                    actual=annual.text,
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )


# --- JS816 资金之和 -------------------------------------------------------------------------


@rule(
    "JS816",
    applies_to=BOTH_KINDS,
    name="perf-target-fund-sum",
    title="绩效目标表中各项资金之和不等于总额",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目资金总额 = 财政资金 + 其他资金；年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金。
各项都印出时，其和应等于总额。只检查印出两项以上的一组；已有“其中”项大于总额（JS815）的一组
不再重复报告。各地表样的“其中”项未必列全，故为警告。
""",
    bad="年度资金申请总额 100.00 万元：当年财政拨款 80.00 + 上年结转资金 10.00 + 其他资金 0.00。",
    good="年度资金申请总额 100.00 万元：当年财政拨款 90.00 + 上年结转资金 10.00。",
    tolerance="sum_tolerance(n)：n 项各自按印出末位舍入，容差 0.005 × n 个印出单位",
    suggestion="核对总额与各项资金，使各项之和等于总额。",
)
def fund_sum(doc: Disclosure) -> Iterator[Hit]:
    for t in _targets(doc):
        for block in ("project", "annual"):
            whole = t.fund(block, "total")
            parts = _parts(t, block)
            if whole is None or whole.amount is None or len(parts) < 2:
                continue
            if any(p.amount is None for p in parts) or _larger_parts(t, block):
                continue
            total = sum((p.amount for p in parts if p.amount is not None), ZERO)
            diff = whole.amount - total
            if abs(diff) <= sum_tolerance(len(parts)) / _divisor(t):
                continue
            names = " + ".join(f"{_label(p).removeprefix('其中：')} {p.text}" for p in parts)
            yield _checked(
                t,
                Hit(
                    message=(
                        f"{_form(t)}{BLOCK_NAMES[block]}：“{_label(whole)}”{_shown(whole)}，"
                        f"各项 {names} 合计 {money(total)} 万元，相差 {money(diff)} 万元。"
                    ),
                    evidence=[whole.evidence, *(p.evidence for p in parts)],
                    expected=money(total),
                    actual=money(whole.amount),
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )


# --- JS817 缺少必备的一级指标 ---------------------------------------------------------------


@rule(
    "JS817",
    applies_to=BOTH_KINDS,
    name="perf-target-missing-level",
    title="项目绩效目标缺少必备的一级指标",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
项目支出绩效目标应当从产出和效益两方面设定指标（一级指标“产出指标”“效益指标”，满意度、成本
指标视项目而定；必备的种类可在目录 [targets] required_level1 中按地方要求配置）。缺少产出或效益
指标的目标无法据以评价项目做了什么、带来了什么。一级指标是从合并单元格推定的，或表中没有读到
任何指标时，只作提示。
""",
    bad="某项目绩效目标表只有“产出指标—数量指标”两行，没有效益指标。",
    good="产出指标（数量、质量、时效）和效益指标（社会效益）各有可衡量的三级指标。",
    tolerance="目录 [targets] required_level1（默认：产出指标、效益指标）",
    suggestion="补充缺少的一级指标及其二级、三级指标和指标值。",
)
def missing_level(doc: Disclosure) -> Iterator[Hit]:
    required = target_layout().required_level1
    for t in _targets(doc):
        if t.scope != "project":
            continue
        if not t.indicators:
            yield _checked(
                t,
                Hit(
                    message=f"{_form(t)}没有读到任何绩效指标。",
                    evidence=[t.evidence],
                    expected="、".join(required),
                    actual="无",
                    severity=Severity.INFO,
                    where=t.label,
                ),
            )
            continue
        present = {i.level1 for i in t.indicators}
        missing = [r for r in required if r not in present]
        if not missing:
            continue
        inferred = any(i.levels_inferred or i.level1 is None for i in t.indicators)
        shown = "、".join(sorted({i.level1 or "未识别" for i in t.indicators}))
        yield _checked(
            t,
            Hit(
                message=(
                    f"{_form(t)}的 {len(t.indicators)} 个绩效指标只有{shown}，缺少"
                    f"{'、'.join(missing)}"
                    + ("（一级指标系从合并单元格推定）。" if inferred else "。")
                ),
                evidence=[t.evidence, *(i.evidence for i in t.indicators)],
                expected="、".join(required),
                actual=shown,
                severity=Severity.INFO if inferred else Severity.WARNING,
                where=t.label,
            ),
        )


# --- JS818 指标值为空 -----------------------------------------------------------------------


def _empty(ind: TargetIndicator) -> bool:
    return ind.value is None or key(ind.value.text) in target_layout().empty_values


@rule(
    "JS818",
    applies_to=BOTH_KINDS,
    name="perf-target-empty-value",
    title="绩效指标没有填写指标值",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
绩效目标表中每个三级指标都要有指标值（年度/项目指标值），它是年底自评时对照的目标。指标值
空着（或只填“/”“无”），这个指标就无从评价，自评时只能由填表人事后认定，绩效目标形同虚设。
""",
    bad="三级指标“按期完成率”，指标值空白。",
    good="三级指标“按期完成率”，指标值“=100%”。",
    tolerance="目录 [targets] empty_values 中的写法视为空",
    suggestion="为每个三级指标填写可衡量的指标值。",
)
def empty_value(doc: Disclosure) -> Iterator[Hit]:
    for t in _targets(doc):
        for ind in t.indicators:
            if ind.name is None or not _empty(ind):
                continue
            printed = "空白" if ind.value is None or not ind.value.text.strip() else None
            shown = printed or f"只写了“{ind.value.text.strip() if ind.value else ''}”"
            yield _checked(
                t,
                Hit(
                    message=f"{_form(t)}指标“{ind.label}”的指标值{shown}。",
                    evidence=[ind.evidence],
                    expected="指标值",
                    actual=ind.value.text.strip() if ind.value else "",
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )


# --- JS819 指标值不可衡量 -------------------------------------------------------------------


def _vague(ind: TargetIndicator) -> str | None:
    """Why the 指标值 is no target, or None: it repeats the indicator's name, or it is a bare
    word naming a measure (“及时率”, “满意度”) without a number."""
    if ind.value is None or ind.name is None or _empty(ind):
        return None
    value = key(ind.value.text)
    if DIGIT.search(value):
        return None
    name = key(ind.name).strip('“”"')
    if value == name:
        return "只重复了指标名称"
    if len(value) <= 4 and value.endswith(target_layout().measure_suffixes):
        return f"只写了“{value}”，没有数值"
    return None


@rule(
    "JS819",
    applies_to=BOTH_KINDS,
    name="perf-target-vague-value",
    title="指标值没有给出可衡量的目标",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
指标值应当细化、量化（如“≥95%”“=12次”）；难以量化的可以用定性表述，但要说明达到什么程度。
指标值只是重复指标名称（三级指标“居民满意度”，指标值“满意度”；“宣传工作覆盖面不断扩大”两栏
相同），或只写一个表示度量的词（“及时率”“完善率”）而没有数值，这个目标就无法衡量。只报告这两种
一望即知的情形，“提升”“增强”“有效”等定性表述不在此列。
""",
    bad="三级指标“完工及时率”，指标值“及时率”。",
    good="三级指标“完工及时率”，指标值“≥95%”。",
    tolerance="指标值不含数字，且与指标名称相同，或为不超过 4 个字、以“率/度/量/数”结尾的词",
    suggestion="把指标值写成可衡量的目标：比较符、数值和计量单位，或明确的定性标准。",
)
def vague_value(doc: Disclosure) -> Iterator[Hit]:
    for t in _targets(doc):
        for ind in t.indicators:
            why = _vague(ind)
            if why is None:
                continue
            assert ind.value is not None
            yield _checked(
                t,
                Hit(
                    message=f"{_form(t)}指标“{ind.label}”的指标值{why}，不是可衡量的目标。",
                    evidence=[ind.evidence],
                    actual=ind.value.text.strip(),
                    severity=Severity.WARNING,
                    where=t.label,
                ),
            )


# --- JS820 说明中的绩效目标项目个数 -----------------------------------------------------------


def _target_statements(doc: Disclosure) -> list[Statement]:
    subjects = target_layout().count_subjects
    return [
        s
        for s in doc.statements
        if s.subject in subjects
        and s.measure in ("count", "amount")
        and isinstance(s.value, Decimal)
    ]


@rule(
    "JS820",
    applies_to=BOTH_KINDS,
    name="perf-target-count",
    title="说明中的绩效目标项目个数、金额与所附绩效目标表不符",
    category=Category.PERFORMANCE,
    severity=Severity.WARNING,
    rationale="""
情况说明写明编报绩效目标的项目个数和涉及的预算金额（“编报绩效目标的项目5个，涉及预算金额……
万元”）。所附绩效目标表比说明的项目还多，说明的个数必有错；比说明的少，多是只公开了部分（重点）
项目的目标表，只作提示。金额按所附各表的年度资金申请总额（没有时用项目资金总额）合计比较，
只在所附表数与说明的个数相同时比较，且只作提示：说明的口径未必是同一栏。
""",
    bad="说明“编报绩效目标的项目3个”，所附绩效目标表 5 张。",
    good="说明“编报绩效目标的项目5个”，所附绩效目标表 5 张。",
    tolerance="个数精确比较；金额按 0.01 万元 × 表数 的舍入容差",
    suggestion="更正说明中的项目个数、金额，或补附、删去相应的绩效目标表。",
)
def target_count(doc: Disclosure) -> Iterator[Hit]:
    targets = [t for t in _targets(doc) if t.scope == "project"]
    statements = _target_statements(doc)
    if not statements or not targets:
        raise NotApplicable("情况说明没有写编报绩效目标的项目个数")
    n = len(targets)
    for s in statements:
        assert isinstance(s.value, Decimal)
        if s.measure == "count":
            if s.value == n:
                continue
            more = n > s.value
            yield Hit(
                message=(
                    f"情况说明称{s.subject} {s.value:f} {s.unit or '个'}，文件中有绩效目标表 {n} 张"
                    + ("，比说明的还多。" if more else "（可能只公开了部分项目的目标表）。")
                ),
                evidence=[s.evidence, targets[0].evidence],
                expected=f"{s.value:f}",
                actual=str(n),
                severity=Severity.WARNING if more else Severity.INFO,
                where="绩效目标",
            )
        elif s.unit == "万元" and all(
            c.value == n
            for c in statements
            if c.measure == "count" and isinstance(c.value, Decimal)
        ):
            lines = [t.fund("annual", "total") or t.fund("project", "total") for t in targets]
            amounts = [f.amount for f in lines if f is not None and f.amount is not None]
            if len(amounts) != n:
                continue
            total = sum(amounts, ZERO)
            if abs(total - s.value) <= sum_tolerance(n):
                continue
            yield Hit(
                message=(
                    f"情况说明称{s.subject}涉及预算金额 {s.value:f} 万元，所附 {n} 张绩效目标表的"
                    f"年度资金（项目资金）合计 {money(total)} 万元，"
                    f"相差 {money(s.value - total)} 万元。"
                ),
                evidence=[s.evidence, *(f.evidence for f in lines if f is not None)],
                expected=money(total),
                actual=f"{s.value:f}",
                severity=Severity.INFO,
                where="绩效目标",
            )
