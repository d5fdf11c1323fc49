"""Performance self-evaluation (绩效自评) in the model: project tables and the department table.

A project table (项目支出绩效自评表, docs/domain.md §5) becomes a :class:`ProjectEvaluation`: its
header (name, code, 主管部门, 实施单位, the group it is printed under), the year's targets and
results, the budget block (:class:`BudgetLine` for 总额 and each fund source), the indicators
(:class:`Indicator`), the 合计 row, the closing texts and the claims the conclusion makes
about the table (:class:`Claim`).  Every printed value is a :class:`Cell`: the text exactly
as printed, the number read from it and where it was printed.

The tables are often damaged by the conversion to text (cells split over lines, labels
clipped).  What the reader could not place with confidence is said in ``notes`` and the
``budget_uncertain`` / ``indicators_uncertain`` flags, which the rules use to lower their
severity.  What makes the reading of a whole form doubtful (it was recognised by header words
only, its printed scores add up to more than the form's maximum, its total does not parse) is
said in ``doubts``; the rules report nothing above info that is built on a doubtful reading.

A budget's performance targets (绩效目标表, 财政项目支出绩效目标填报表, 部门整体支出绩效目标表)
are another kind of form: no results and no scores, only what the project plans.  They become
:class:`PerformanceTarget` objects with their fund lines (:class:`FundLine`, Decimal in 万元) and
indicators (:class:`TargetIndicator`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from juesuan.model import BBox, Evidence


class Nature(StrEnum):
    """指标性质, normalised (the printed form is kept in :attr:`Indicator.nature_text`)."""

    EQ = "="
    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"
    QUALITATIVE = "定性"

    @property
    def lower_is_better(self) -> bool:
        return self in (Nature.LE, Nature.LT)


@dataclass(slots=True)
class Cell:
    """One printed cell: text as printed, the number in it (if any) and where it was printed.

    ``value`` is the number the cell states: thousands separators and the spaces a conversion
    inserts inside numbers ("1 00" → 100) removed, a trailing "%" removed (``percent`` set),
    for targets and results a leading comparator ("≥", "不少于") and a trailing unit ("个",
    "万元") removed.  ``None`` when the cell is not a number (words, "/", "##").
    """

    text: str
    line: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    value: Decimal | None = None
    percent: bool = False

    @property
    def evidence(self) -> Evidence:
        return Evidence(text=self.text, page=self.page, line=self.line, bbox=self.bbox)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "value": None if self.value is None else str(self.value),
            "page": self.page,
            "line": self.line,
        }
        if self.percent:
            out["percent"] = True
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cell:
        bbox = data.get("bbox")
        value = data.get("value")
        return cls(
            text=data.get("text", ""),
            line=data.get("line"),
            page=data.get("page"),
            bbox=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None,
            value=None if value is None else Decimal(value),
            percent=bool(data.get("percent", False)),
        )


def _cell(data: dict[str, Any] | None) -> Cell | None:
    return None if data is None else Cell.from_dict(data)


def _out(cell: Cell | None) -> dict[str, Any] | None:
    return None if cell is None else cell.to_dict()


@dataclass(slots=True)
class BudgetLine:
    """One row of 预算执行情况: 总额 or a fund source.

    Sources: 财政资金, 财政专户管理资金, 单位资金, 其他资金.

    ``initial`` 年初预算数, ``adjusted`` 全年预算数（调整后预算数）, ``executed`` 全年执行数,
    ``rate`` 预算执行率 (value in %), ``weight`` 分值/权重, ``score`` 得分, ``reason`` 原因.
    """

    source: str  # catalog key: total, fiscal, special, unit, other
    label: str  # as printed
    evidence: Evidence  # the row
    initial: Cell | None = None
    adjusted: Cell | None = None
    executed: Cell | None = None
    rate: Cell | None = None
    weight: Cell | None = None
    score: Cell | None = None
    reason: Cell | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "label": self.label,
            "initial": _out(self.initial),
            "adjusted": _out(self.adjusted),
            "executed": _out(self.executed),
            "rate": _out(self.rate),
            "weight": _out(self.weight),
            "score": _out(self.score),
            "reason": _out(self.reason),
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BudgetLine:
        return cls(
            source=d["source"],
            label=d["label"],
            evidence=Evidence.from_dict(d["evidence"]),
            initial=_cell(d.get("initial")),
            adjusted=_cell(d.get("adjusted")),
            executed=_cell(d.get("executed")),
            rate=_cell(d.get("rate")),
            weight=_cell(d.get("weight")),
            score=_cell(d.get("score")),
            reason=_cell(d.get("reason")),
        )


@dataclass(slots=True)
class Indicator:
    """One row of 绩效指标.

    Levels 1–3, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因.
    """

    level1: str | None
    level2: str | None
    name: str | None  # 三级指标 as printed (split pieces rejoined)
    evidence: Evidence  # the row
    nature: Nature | None = None
    nature_text: str | None = None  # as printed (">=", "\\geq", "不少于" …)
    target: Cell | None = None
    unit: Cell | None = None
    actual: Cell | None = None
    weight: Cell | None = None
    score: Cell | None = None
    reason: Cell | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "nature": None if self.nature is None else self.nature.value,
            "nature_text": self.nature_text,
            "target": _out(self.target),
            "unit": _out(self.unit),
            "actual": _out(self.actual),
            "weight": _out(self.weight),
            "score": _out(self.score),
            "reason": _out(self.reason),
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Indicator:
        return cls(
            level1=d.get("level1"),
            level2=d.get("level2"),
            name=d.get("name"),
            evidence=Evidence.from_dict(d["evidence"]),
            nature=Nature(d["nature"]) if d.get("nature") else None,
            nature_text=d.get("nature_text"),
            target=_cell(d.get("target")),
            unit=_cell(d.get("unit")),
            actual=_cell(d.get("actual")),
            weight=_cell(d.get("weight")),
            score=_cell(d.get("score")),
            reason=_cell(d.get("reason")),
        )

    @property
    def label(self) -> str:
        """How a message names the row: 三级指标, else the level names."""
        return self.name or self.level2 or self.level1 or "（未命名指标）"


@dataclass(slots=True)
class Claim:
    """A number the conclusion text states about the table (“项目自评总分 99.7 分”)."""

    kind: str  # total_score, indicator_score, budget_score, rate
    value: Decimal
    unit: str  # "分" or "%"
    evidence: Evidence  # text = the matched words

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": str(self.value),
            "unit": self.unit,
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(d["kind"], Decimal(d["value"]), d["unit"], Evidence.from_dict(d["evidence"]))


@dataclass(slots=True)
class ProjectEvaluation:
    """One project's self-evaluation table (项目支出绩效自评表 / 项目绩效目标完成情况表)."""

    name: str  # 项目名称 without the printed code
    evidence: Evidence  # the title line, or the 项目名称 row when no title is printed
    title: str | None = None  # the form's title as printed
    code: str | None = None  # project code printed before the name
    department: Cell | None = None  # 主管部门
    implementer: Cell | None = None  # 实施单位 (预算单位 in the 2020 form)
    category: str | None = None  # 人员类 / 运转类 / 特定目标类 (from the group heading)
    funding: str | None = None  # 财政拨款 / 非财政拨款 (from the group heading)
    group: Evidence | None = None  # the group heading
    targets: Cell | None = None  # 项目年度目标 / 预期目标
    results: Cell | None = None  # 年度目标完成情况 / 实际完成目标
    implementation: Cell | None = None  # 项目实施内容及过程概述
    budget: list[BudgetLine] = field(default_factory=list)
    budget_points: Decimal | None = None  # printed “预算执行情况（10分）”
    indicator_points: Decimal | None = None  # printed “绩效指标（90分）”
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: Cell | None = None  # 合计 row
    total_score: Cell | None = None
    total_evidence: Evidence | None = None
    conclusion: Cell | None = None  # 评价结论
    problems: Cell | None = None  # 存在问题
    measures: Cell | None = None  # 改进措施
    claims: list[Claim] = field(default_factory=list)
    cancelled: Evidence | None = None  # the words saying the project was cancelled
    scored: bool = True  # False for forms without weights and scores (the 2020 form)
    end_line: int | None = None  # last line read into the table
    notes: list[str] = field(default_factory=list)  # what the reader could not place
    budget_uncertain: bool = False
    indicators_uncertain: bool = False
    #: How the form was recognised as a self-evaluation: "title" (its own title, or the
    #: 附表 heading it is printed under, names a self-evaluation), "columns" (the columns of
    #: scoring: 权重/分值 and 得分 with 完成值 or 执行数), "header" (header words only, e.g.
    #: 年初预算数/执行数 without scores: doubtful, see ``doubts``).
    recognised_by: str = "title"
    doubts: list[str] = field(default_factory=list)  # why the reading may be wrong (Chinese)
    #: The scores as a whole are doubtful (e.g. they add up to more than the form's maximum):
    #: rules built on sums over the form report info at most.
    scores_doubtful: bool = False

    @property
    def label(self) -> str:
        """The project as findings name it: “绩效自评：<项目名称>”."""
        return f"绩效自评：{self.printed_name}"

    @property
    def printed_name(self) -> str:
        return f"{self.code}-{self.name}" if self.code else self.name

    def line(self, source: str) -> BudgetLine | None:
        for b in self.budget:
            if b.source == source:
                return b
        return None

    @property
    def total(self) -> BudgetLine | None:
        """The 总额 budget line."""
        return self.line("total")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "title": self.title,
            "department": _out(self.department),
            "implementer": _out(self.implementer),
            "category": self.category,
            "funding": self.funding,
            "group": None if self.group is None else self.group.to_dict(),
            "targets": _out(self.targets),
            "results": _out(self.results),
            "implementation": _out(self.implementation),
            "budget_points": None if self.budget_points is None else str(self.budget_points),
            "budget": [b.to_dict() for b in self.budget],
            "indicator_points": (
                None if self.indicator_points is None else str(self.indicator_points)
            ),
            "indicators": [i.to_dict() for i in self.indicators],
            "total_weight": _out(self.total_weight),
            "total_score": _out(self.total_score),
            "total_evidence": None
            if self.total_evidence is None
            else self.total_evidence.to_dict(),
            "conclusion": _out(self.conclusion),
            "problems": _out(self.problems),
            "measures": _out(self.measures),
            "claims": [c.to_dict() for c in self.claims],
            "cancelled": None if self.cancelled is None else self.cancelled.to_dict(),
            "scored": self.scored,
            "end_line": self.end_line,
            "notes": list(self.notes),
            "budget_uncertain": self.budget_uncertain,
            "indicators_uncertain": self.indicators_uncertain,
            "recognised_by": self.recognised_by,
            "doubts": list(self.doubts),
            "scores_doubtful": self.scores_doubtful,
            "evidence": self.evidence.to_dict(),
        }

    @property
    def form_doubtful(self) -> bool:
        """Recognised by header words only: it may not be a self-evaluation at all."""
        return self.recognised_by == "header"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ProjectEvaluation:
        def ev(x: dict[str, Any] | None) -> Evidence | None:
            return None if x is None else Evidence.from_dict(x)

        def dec(x: str | None) -> Decimal | None:
            return None if x is None else Decimal(x)

        return cls(
            name=d["name"],
            evidence=Evidence.from_dict(d["evidence"]),
            title=d.get("title"),
            code=d.get("code"),
            department=_cell(d.get("department")),
            implementer=_cell(d.get("implementer")),
            category=d.get("category"),
            funding=d.get("funding"),
            group=ev(d.get("group")),
            targets=_cell(d.get("targets")),
            results=_cell(d.get("results")),
            implementation=_cell(d.get("implementation")),
            budget=[BudgetLine.from_dict(b) for b in d.get("budget", [])],
            budget_points=dec(d.get("budget_points")),
            indicator_points=dec(d.get("indicator_points")),
            indicators=[Indicator.from_dict(i) for i in d.get("indicators", [])],
            total_weight=_cell(d.get("total_weight")),
            total_score=_cell(d.get("total_score")),
            total_evidence=ev(d.get("total_evidence")),
            conclusion=_cell(d.get("conclusion")),
            problems=_cell(d.get("problems")),
            measures=_cell(d.get("measures")),
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            cancelled=ev(d.get("cancelled")),
            scored=bool(d.get("scored", True)),
            end_line=d.get("end_line"),
            notes=list(d.get("notes", [])),
            budget_uncertain=bool(d.get("budget_uncertain", False)),
            indicators_uncertain=bool(d.get("indicators_uncertain", False)),
            recognised_by=d.get("recognised_by", "title"),
            doubts=list(d.get("doubts", [])),
            scores_doubtful=bool(d.get("scores_doubtful", False)),
        )


@dataclass(slots=True)
class DepartmentEvaluation:
    """The department-level table (部门整体支出绩效自评表 / 整体支出绩效目标实现情况)."""

    title: str
    evidence: Evidence
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: Cell | None = None
    total_score: Cell | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "indicators": [i.to_dict() for i in self.indicators],
            "total_weight": _out(self.total_weight),
            "total_score": _out(self.total_score),
            "notes": list(self.notes),
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DepartmentEvaluation:
        return cls(
            title=d["title"],
            evidence=Evidence.from_dict(d["evidence"]),
            indicators=[Indicator.from_dict(i) for i in d.get("indicators", [])],
            total_weight=_cell(d.get("total_weight")),
            total_score=_cell(d.get("total_score")),
            notes=list(d.get("notes", [])),
        )


# ---------------------------------------------------------------------------------------
# budget performance targets (绩效目标表)


@dataclass(slots=True)
class FundLine:
    """One printed fund line of a target form (项目资金总额, 其中：财政资金, 年度资金申请总额 …).

    ``block`` is the group the line belongs to: ``project`` (项目资金: the whole project) or
    ``annual`` (年度资金: this year's request); ``key`` is ``total`` (the block's whole),
    ``fiscal`` 财政资金, ``appropriation`` 当年财政拨款, ``carryover`` 上年结转资金 or ``other``
    其他资金.  ``amount`` is in 万元 (the printed number divided by 10000 when the form prints
    元); ``text`` is the amount exactly as printed, ``unit`` the printed unit.
    """

    block: str
    key: str
    label: str  # as printed (其中：当年财政拨款)
    text: str  # the amount as printed (11,419,043.00)
    amount: Decimal | None  # in 万元; None when the text is not a number
    unit: str  # 元 / 万元 as printed (万元 when the form prints none, see doubts)
    evidence: Evidence  # label and amount cells (text joined with a tab)

    def to_dict(self) -> dict[str, Any]:
        return {
            "block": self.block,
            "key": self.key,
            "label": self.label,
            "text": self.text,
            "amount": None if self.amount is None else str(self.amount),
            "unit": self.unit,
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FundLine:
        amount = d.get("amount")
        return cls(
            block=d["block"],
            key=d["key"],
            label=d.get("label", ""),
            text=d.get("text", ""),
            amount=None if amount is None else Decimal(amount),
            unit=d.get("unit", "万元"),
            evidence=Evidence.from_dict(d["evidence"]),
        )


@dataclass(slots=True)
class TargetIndicator:
    """One row of a target form's 绩效指标: levels, name and the planned value (指标值).

    ``value`` is the 指标值 cell as printed; when it is a measure (“≥13459.00(平方米)”,
    “=100.00(%)”, “不低于50%”, or a number with the 指标性质 and 度量单位 in their own columns)
    ``operator``, ``number`` and ``unit`` hold its parts, else they are None (a text target
    such as “完善率” or “居民区全覆盖”).
    """

    level1: str | None
    level2: str | None
    name: str | None  # 三级指标
    evidence: Evidence  # the row
    value: Cell | None = None  # 指标值 as printed (None: the cell is empty)
    operator: Nature | None = None  # parsed comparator (or the 指标性质 column)
    operator_text: str | None = None  # as printed (≥, 不低于, >=)
    number: Decimal | None = None
    unit: str | None = None  # 平方米, %, 次 …
    weight: Cell | None = None  # 分值/权重 when the form prints one
    levels_inferred: bool = False  # levels taken from a merged cell without its geometry

    @property
    def label(self) -> str:
        return self.name or self.level2 or self.level1 or "（未命名指标）"

    @property
    def quantified(self) -> bool:
        return self.number is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "value": _out(self.value),
            "operator": None if self.operator is None else self.operator.value,
            "operator_text": self.operator_text,
            "number": None if self.number is None else str(self.number),
            "unit": self.unit,
            "weight": _out(self.weight),
            "levels_inferred": self.levels_inferred,
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TargetIndicator:
        number = d.get("number")
        return cls(
            level1=d.get("level1"),
            level2=d.get("level2"),
            name=d.get("name"),
            evidence=Evidence.from_dict(d["evidence"]),
            value=_cell(d.get("value")),
            operator=Nature(d["operator"]) if d.get("operator") else None,
            operator_text=d.get("operator_text"),
            number=None if number is None else Decimal(number),
            unit=d.get("unit"),
            weight=_cell(d.get("weight")),
            levels_inferred=bool(d.get("levels_inferred", False)),
        )


@dataclass(slots=True)
class PerformanceTarget:
    """One performance-target form of a budget (项目支出绩效目标表 / 财政项目支出绩效目标填报表 /
    绩效目标申报表, or 部门整体支出绩效目标表 with ``scope`` "department")."""

    name: str  # 项目名称 (部门名称 for a department form)
    evidence: Evidence  # the title line, or the 项目名称 row when no title is printed
    scope: str = "project"  # "project" or "department"
    title: str | None = None  # as printed
    department: Cell | None = None  # 主管部门
    implementer: Cell | None = None  # 实施单位
    nature: Cell | None = None  # 项目性质 (经常性项目 / 阶段性项目 …)
    category: Cell | None = None  # 项目类别 (特定目标类 / 其他运转类 …)
    start: Cell | None = None  # 计划开始日期
    end: Cell | None = None  # 计划完成日期
    period: Cell | None = None  # 项目期限 / 实施期限 when printed as one cell
    funds: list[FundLine] = field(default_factory=list)
    fund_unit: str | None = None  # the unit printed for the fund block (元, 万元)
    overall_goal: Cell | None = None  # 项目总目标 (中长期目标)
    annual_goal: Cell | None = None  # 年度总体目标 / 年度绩效目标
    indicators: list[TargetIndicator] = field(default_factory=list)
    recognised_by: str = "title"  # "title", or "header" (header words only: doubtful)
    doubts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    end_line: int | None = None

    @property
    def label(self) -> str:
        """The form as findings name it: “绩效目标：<项目名称>”."""
        return f"绩效目标：{self.name}"

    def fund(self, block: str, key: str) -> FundLine | None:
        for f in self.funds:
            if f.block == block and f.key == key:
                return f
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "scope": self.scope,
            "title": self.title,
            "department": _out(self.department),
            "implementer": _out(self.implementer),
            "nature": _out(self.nature),
            "category": _out(self.category),
            "start": _out(self.start),
            "end": _out(self.end),
            "period": _out(self.period),
            "fund_unit": self.fund_unit,
            "funds": [f.to_dict() for f in self.funds],
            "overall_goal": _out(self.overall_goal),
            "annual_goal": _out(self.annual_goal),
            "indicators": [i.to_dict() for i in self.indicators],
            "recognised_by": self.recognised_by,
            "doubts": list(self.doubts),
            "notes": list(self.notes),
            "end_line": self.end_line,
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PerformanceTarget:
        return cls(
            name=d["name"],
            evidence=Evidence.from_dict(d["evidence"]),
            scope=d.get("scope", "project"),
            title=d.get("title"),
            department=_cell(d.get("department")),
            implementer=_cell(d.get("implementer")),
            nature=_cell(d.get("nature")),
            category=_cell(d.get("category")),
            start=_cell(d.get("start")),
            end=_cell(d.get("end")),
            period=_cell(d.get("period")),
            fund_unit=d.get("fund_unit"),
            funds=[FundLine.from_dict(f) for f in d.get("funds", [])],
            overall_goal=_cell(d.get("overall_goal")),
            annual_goal=_cell(d.get("annual_goal")),
            indicators=[TargetIndicator.from_dict(i) for i in d.get("indicators", [])],
            recognised_by=d.get("recognised_by", "title"),
            doubts=list(d.get("doubts", [])),
            notes=list(d.get("notes", [])),
            end_line=d.get("end_line"),
        )
