"""The input of ``juesuan generate``: everything a disclosure states, as plain data.

:class:`GenerationData` holds the unit's facts, the standard tables as rows (amounts in 万元
as :class:`~decimal.Decimal`, keyed by the canonical column names of
``catalog/tables.toml``), last year's totals for the year-on-year sentences, the 项-level
budgets with the reasons for differences, the “三公” details, 政府采购, 国有资产, 绩效 counts
and 机关运行经费.  Every derived figure (shares, changes, rates, completion rates) is computed
by :mod:`juesuan.generate.compose`, never entered.

The JSON form (schema ``juesuan.generate-data/1``) is written by :func:`to_json_dict` and
read by :func:`from_json_dict`; it is documented in ``docs/generate-data.md``.  The data
workbook (:mod:`juesuan.generate.workbook`) reads into the same objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from juesuan import catalog
from juesuan.errors import DataError
from juesuan.model import TableKind

SCHEMA = "juesuan.generate-data/1"
ZERO = Decimal(0)
CENT = Decimal("0.01")

# ---------------------------------------------------------------------------------------
# Vocabulary, all from the catalog: the printed columns of each table and their headers
# (catalog/tables.toml [Txx.printed]), its row identities, the “三公” items, the economic
# classes of 人员经费.  Canonical column names are the keys of ``TableLine.values``.


def printed_columns(kind: TableKind) -> dict[str, str]:
    """The value columns of a standard table as generated, in printed order: canonical
    name -> printed header."""
    printed = catalog.table_specs()[kind].printed
    if printed is None:
        raise KeyError(f"{kind.value} is not a table the generator prints")
    return printed.columns


def generated_tables() -> tuple[TableKind, ...]:
    """The standard tables the data holds (T01 … T13): those with a printed form."""
    return tuple(k for k, s in catalog.table_specs().items() if s.printed is not None)


def row_identities(kind: TableKind) -> list[tuple[str, tuple[str, ...]]]:
    """Within a row of the generated table: (total column, part columns) that must add up
    (the catalog's identities that apply to the printed columns)."""
    columns = tuple(printed_columns(kind))
    out = []
    for identity in catalog.table_specs()[kind].row_identities:
        parts = identity.parts_in(columns)
        if parts is not None:
            out.append((identity.total, parts))
    return out


#: Economic classes counted as 人员经费 in the 基本支出决算表 (the rest is 公用经费).
PERSONNEL_CLASSES = catalog.personnel_classes()

#: Keys of :attr:`GenerationData.texts` (reasons and descriptions written into sentences),
#: with the label shown in the workbook.
TEXT_KEYS: dict[str, str] = {
    "total_change": "收入支出总计变动的主要原因",
    "income_note": "收入决算情况补充说明（可空）",
    "expense_note": "支出决算情况补充说明（可空）",
    "fiscal_total_change": "财政拨款收入支出总计变动的主要原因",
    "general_change": "一般公共预算财政拨款支出变动的主要原因",
    "general_budget_difference": "一般公共预算财政拨款支出决算数与预算数差异的主要原因",
    "personnel_items": "人员经费主要包括（经济科目名称，可空则按基本支出决算表生成）",
    "public_items": "公用经费主要包括（经济科目名称，可空则按基本支出决算表生成）",
    "sangong_budget_difference": "“三公”经费决算数与预算数差异的主要原因",
    "sangong_change": "“三公”经费变动的主要原因",
    "abroad_change": "因公出国（境）费变动的主要原因",
    "abroad_usage": "因公出国（境）费开支内容",
    "vehicle_change": "公务用车购置及运行维护费变动的主要原因",
    "vehicle_purchase_usage": "公务用车购置费主要用途",
    "vehicle_operation_usage": "公务用车运行维护费主要用途",
    "reception_change": "公务接待费变动的主要原因",
    "reception_usage": "公务接待费主要用途",
    "admin_cost_change": "机关运行经费变动的主要原因",
    "procurement_usage": "政府采购主要用途",
    "other_vehicle_usage": "其他用车主要用途",
    "performance_systems": "预算绩效管理制度（上海版式）",
    "performance_mechanism": "预算绩效管理工作机制（上海版式）",
    "no_prior_year": "没有上年数据的说明（如：因本单位重组没有上年数据）",
}


# ---------------------------------------------------------------------------------------
# money helpers


def money(value: Any, where: str = "") -> Decimal:
    """A JSON/workbook value as a Decimal amount (strings, ints and floats accepted)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or value is None:
        raise DataError(f"{where}应为金额，实为“{value}”")
    text = str(value).strip().replace(",", "").replace("，", "")
    if isinstance(value, float):
        text = repr(value)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DataError(f"{where}应为金额，实为“{value}”") from None
    if not amount.is_finite():
        raise DataError(f"{where}应为金额，实为“{value}”")
    return amount


def money_or_none(value: Any, where: str = "") -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return money(value, where)


def count(value: Any, where: str = "") -> int:
    """A JSON/workbook value as a non-negative whole count."""
    if isinstance(value, bool):
        raise DataError(f"{where}应为整数，实为“{value}”")
    if isinstance(value, int):
        number = value
    else:
        amount = money(value, where)
        if amount != amount.to_integral_value():
            raise DataError(f"{where}应为整数，实为“{value}”")
        number = int(amount)
    if number < 0:
        raise DataError(f"{where}不能为负数：{number}")
    return number


def count_or_none(value: Any, where: str = "") -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return count(value, where)


def _dec_str(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


# ---------------------------------------------------------------------------------------
# the model


@dataclass(slots=True)
class UnitEntry:
    """One unit of the 部门决算单位构成 list."""

    name: str
    note: str = ""  # 备注, e.g. "下属事业单位"


@dataclass(slots=True)
class UnitFacts:
    """The disclosing department or unit."""

    name: str
    year: int
    kind: str = "部门"  # "部门" or "单位"
    publication_date: str = ""  # ISO date, e.g. "2025-09-26"
    short_name: str = ""  # used inside sentences (e.g. "省大数据中心"); default: name
    administrative: bool = False  # 行政单位或参公管理事业单位: 机关运行经费 applies
    duties: list[str] = field(default_factory=list)  # 主要职责 paragraphs
    organisation: list[str] = field(default_factory=list)  # 机构设置 paragraphs
    units: list[UnitEntry] = field(default_factory=list)  # 决算单位构成

    @property
    def sentence_name(self) -> str:
        return self.short_name or self.name


@dataclass(slots=True)
class TableLine:
    """One row of a standard table.

    ``code`` is the functional (or, in T08, economic) code, None for 合计 rows and for the
    fixed lines of T01/T04; ``key`` names a fixed line (``general``, ``income_total``, a
    class code ``201`` …) or a “三公” item (``total``, ``abroad`` …); ``side`` is
    ``income``/``expense`` in T01/T04.  ``values`` maps canonical columns to amounts;
    a column absent from ``values`` is 0.
    """

    name: str
    values: dict[str, Decimal] = field(default_factory=dict)
    code: str | None = None
    key: str | None = None
    side: str | None = None

    def value(self, column: str) -> Decimal:
        return self.values.get(column, ZERO)


@dataclass(slots=True)
class TableData:
    """A standard table's rows; an empty ``rows`` list means the table has no data."""

    kind: TableKind
    rows: list[TableLine] = field(default_factory=list)
    empty_statement: str | None = None  # custom "本表无数据" statement (default generated)

    def coded(self, code: str) -> TableLine | None:
        for row in self.rows:
            if row.code == code:
                return row
        return None

    def total_row(self) -> TableLine | None:
        for row in self.rows:
            if row.code is None and row.key in (None, "total"):
                return row
        return None

    def line(self, key: str, side: str | None = None) -> TableLine | None:
        for row in self.rows:
            if row.key == key and (side is None or row.side == side):
                return row
        return None

    def has_data(self) -> bool:
        return any(v != 0 for row in self.rows for v in row.values.values())


@dataclass(slots=True)
class ItemBudget:
    """The budget of one 项 (7-digit functional code) for the 具体情况 sentences."""

    code: str
    initial: Decimal | None = None  # 年初预算数
    adjusted: Decimal | None = None  # 全年预算数 (调整后)
    purpose: str = ""  # 主要用于… (Shanghai wording)
    reason: str = ""  # 决算数与预算数差异的主要原因


@dataclass(slots=True)
class PriorYear:
    """Last year's amounts for the year-on-year sentences (None: not available)."""

    total: Decimal | None = None  # 收入支出总计
    fiscal_total: Decimal | None = None  # 财政拨款收入支出总计
    general_expense: Decimal | None = None  # 一般公共预算财政拨款支出
    admin_cost: Decimal | None = None  # 机关运行经费
    sangong: dict[str, Decimal] = field(default_factory=dict)  # “三公” item key -> 决算数


@dataclass(slots=True)
class VehiclePurchase:
    count: int = 0
    amount: Decimal = ZERO


@dataclass(slots=True)
class Reception:
    amount: Decimal = ZERO
    batches: int = 0
    people: int = 0


@dataclass(slots=True)
class SangongFacts:
    """Counts and splits of the “三公” section (the amounts themselves are table T13)."""

    abroad_groups: int = 0
    abroad_people: int = 0
    purchased: dict[str, VehiclePurchase] = field(default_factory=dict)  # 轿车 … -> count, amount
    held: dict[str, int] = field(default_factory=dict)  # 轿车 … -> 保有量 at year end
    domestic: Reception = field(default_factory=Reception)  # 国内公务接待 (without 外事)
    foreign: Reception = field(default_factory=Reception)  # 外事接待 / 外宾接待

    @property
    def purchased_count(self) -> int:
        return sum(p.count for p in self.purchased.values())

    @property
    def held_count(self) -> int:
        return sum(self.held.values())


@dataclass(slots=True)
class Procurement:
    """政府采购 (amounts in 万元; total = goods + works + services)."""

    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    sme: Decimal = ZERO  # 授予中小企业合同金额
    small_micro: Decimal = ZERO  # 其中授予小微企业合同金额
    # Shanghai wording
    reserved_sme_budget: Decimal = ZERO  # 面向中小企业预留政府采购项目预算金额
    reserved_small_budget: Decimal = ZERO  # 面向小微企业预留政府采购项目预算金额
    reserved_sme_awarded: Decimal = ZERO  # 预留项目中由中小企业中标或成交的采购金额
    reserved_small_awarded: Decimal = ZERO  # 预留项目中由小微企业中标或成交的采购金额
    other_sme_awarded: Decimal = ZERO  # 其他项目中由中小企业中标或成交的采购金额

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass(slots=True)
class Assets:
    """国有资产占有使用: vehicles by use and high-value equipment at year end."""

    vehicles: dict[str, int] = field(default_factory=dict)  # use (catalog.vehicle_uses()) -> count
    equipment_over_1m: int = 0  # 单价100万元（含）以上设备（不含车辆）
    general_equipment_over_500k: int | None = None  # 单价50万元（含）以上通用设备
    special_equipment_over_1m: int | None = None  # 单价100万元（含）以上专用设备

    @property
    def vehicle_count(self) -> int:
        return sum(self.vehicles.values())


@dataclass(slots=True)
class Performance:
    """预算绩效管理 counts (a None count is not stated)."""

    ex_ante_projects: int | None = None  # 事前绩效评估
    target_projects: int | None = None  # 编制绩效目标
    monitored_projects: int | None = None  # 绩效监控 / 绩效跟踪评价
    self_evaluated_projects: int | None = None  # 绩效自评
    self_evaluation_reports: int | None = None  # 绩效自评报告（四川）
    department_score: Decimal | None = None  # 部门整体绩效自评得分（四川）
    target_amount: Decimal | None = None  # 涉及预算金额（上海）
    monitored_amount: Decimal | None = None
    self_evaluated_amount: Decimal | None = None
    average_score: Decimal | None = None  # 平均得分（上海）
    grades: dict[str, int] = field(default_factory=dict)  # 优/良/合格/不合格 -> 项目个数
    problems_found: int | None = None
    problems_fixed: int | None = None
    problems_fixing: int | None = None


@dataclass(slots=True)
class GenerationData:
    """Everything ``juesuan generate`` needs to write one disclosure."""

    unit: UnitFacts
    tables: dict[TableKind, TableData] = field(default_factory=dict)
    prior: PriorYear = field(default_factory=PriorYear)
    budgets: list[ItemBudget] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # TEXT_KEYS -> sentence parts
    sangong: SangongFacts = field(default_factory=SangongFacts)
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    performance: Performance = field(default_factory=Performance)
    admin_cost: Decimal | None = None  # 机关运行经费 (None: 无)
    glossary: list[str] = field(default_factory=list)  # 名词解释 (empty: the template's)
    annex: list[str] = field(default_factory=list)  # 附件 paragraphs (Sichuan 第四部分)

    def table(self, kind: TableKind) -> TableData:
        """The table of ``kind`` (an empty one when the data has none)."""
        found = self.tables.get(kind)
        return found if found is not None else TableData(kind)

    def budget(self, code: str) -> ItemBudget | None:
        for b in self.budgets:
            if b.code == code:
                return b
        return None

    def text(self, key: str) -> str:
        return self.texts.get(key, "").strip()


# ---------------------------------------------------------------------------------------
# JSON


def _values_dict(values: dict[str, Decimal]) -> dict[str, str]:
    return {k: f"{v:f}" for k, v in values.items()}


def _line_dict(line: TableLine) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if line.code is not None:
        out["code"] = line.code
    if line.key is not None:
        out["key"] = line.key
    if line.side is not None:
        out["side"] = line.side
    out["name"] = line.name
    out["values"] = _values_dict(line.values)
    return out


def to_json_dict(data: GenerationData) -> dict[str, Any]:
    """The JSON form (schema ``juesuan.generate-data/1``)."""
    unit = data.unit
    tables: dict[str, Any] = {}
    for kind in TableKind:
        table = data.tables.get(kind)
        if table is None:
            continue
        entry: dict[str, Any] = {"rows": [_line_dict(r) for r in table.rows]}
        if table.empty_statement:
            entry["empty_statement"] = table.empty_statement
        tables[kind.value] = entry
    prior = data.prior
    sg = data.sangong
    pr = data.procurement
    perf = data.performance
    return {
        "schema": SCHEMA,
        "unit": {
            "name": unit.name,
            "year": unit.year,
            "kind": unit.kind,
            "publication_date": unit.publication_date,
            "short_name": unit.short_name,
            "administrative": unit.administrative,
            "duties": list(unit.duties),
            "organisation": list(unit.organisation),
            "units": [{"name": u.name, "note": u.note} for u in unit.units],
        },
        "tables": tables,
        "prior_year": {
            "total": _dec_str(prior.total),
            "fiscal_total": _dec_str(prior.fiscal_total),
            "general_expense": _dec_str(prior.general_expense),
            "admin_cost": _dec_str(prior.admin_cost),
            "sangong": _values_dict(prior.sangong),
        },
        "budgets": [
            {
                "code": b.code,
                "initial": _dec_str(b.initial),
                "adjusted": _dec_str(b.adjusted),
                "purpose": b.purpose,
                "reason": b.reason,
            }
            for b in data.budgets
        ],
        "texts": dict(data.texts),
        "sangong": {
            "abroad_groups": sg.abroad_groups,
            "abroad_people": sg.abroad_people,
            "purchased": {
                k: {"count": p.count, "amount": f"{p.amount:f}"} for k, p in sg.purchased.items()
            },
            "held": dict(sg.held),
            "domestic_reception": {
                "amount": f"{sg.domestic.amount:f}",
                "batches": sg.domestic.batches,
                "people": sg.domestic.people,
            },
            "foreign_reception": {
                "amount": f"{sg.foreign.amount:f}",
                "batches": sg.foreign.batches,
                "people": sg.foreign.people,
            },
        },
        "procurement": {
            name: f"{getattr(pr, name):f}"
            for name in (
                "goods",
                "works",
                "services",
                "sme",
                "small_micro",
                "reserved_sme_budget",
                "reserved_small_budget",
                "reserved_sme_awarded",
                "reserved_small_awarded",
                "other_sme_awarded",
            )
        },
        "assets": {
            "vehicles": dict(data.assets.vehicles),
            "equipment_over_1m": data.assets.equipment_over_1m,
            "general_equipment_over_500k": data.assets.general_equipment_over_500k,
            "special_equipment_over_1m": data.assets.special_equipment_over_1m,
        },
        "performance": {
            "ex_ante_projects": perf.ex_ante_projects,
            "target_projects": perf.target_projects,
            "monitored_projects": perf.monitored_projects,
            "self_evaluated_projects": perf.self_evaluated_projects,
            "self_evaluation_reports": perf.self_evaluation_reports,
            "department_score": _dec_str(perf.department_score),
            "target_amount": _dec_str(perf.target_amount),
            "monitored_amount": _dec_str(perf.monitored_amount),
            "self_evaluated_amount": _dec_str(perf.self_evaluated_amount),
            "average_score": _dec_str(perf.average_score),
            "grades": dict(perf.grades),
            "problems_found": perf.problems_found,
            "problems_fixed": perf.problems_fixed,
            "problems_fixing": perf.problems_fixing,
        },
        "admin_cost": _dec_str(data.admin_cost),
        "glossary": list(data.glossary),
        "annex": list(data.annex),
    }


def _obj(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataError(f"{where}应为对象（{{…}}）")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{where}应为数组（[…]）")
    return value


def _str(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DataError(f"{where}应为文字")
    return value


def _strings(value: Any, where: str) -> list[str]:
    return [_str(v, f"{where}第{i + 1}项") for i, v in enumerate(_list(value, where))]


def _line_from(entry: Any, where: str) -> TableLine:
    d = _obj(entry, where)
    name = _str(d.get("name"), f"{where}name")
    values = {
        str(k): money(v, f"{where}“{name}”的 {k} ")
        for k, v in _obj(d.get("values"), f"{where}values").items()
        if v is not None and not (isinstance(v, str) and not v.strip())
    }
    code = d.get("code")
    return TableLine(
        name=name,
        values=values,
        code=None if code in (None, "") else str(code),
        key=None if d.get("key") in (None, "") else str(d["key"]),
        side=None if d.get("side") in (None, "") else str(d["side"]),
    )


def from_json_dict(raw: dict[str, Any]) -> GenerationData:
    """Rebuild :class:`GenerationData` from its JSON form; :class:`DataError` when malformed."""
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        got = raw.get("schema") if isinstance(raw, dict) else None
        raise DataError(f"数据文件的 schema 应为 “{SCHEMA}”，实为 “{got}”")
    u = _obj(raw.get("unit"), "unit：")
    year = u.get("year")
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        raise DataError(f"unit.year 应为年度（如 2024），实为“{year}”")
    name = _str(u.get("name"), "unit.name ").strip()
    if not name:
        raise DataError("unit.name（单位名称）不能为空")
    kind = _str(u.get("kind"), "unit.kind ") or "部门"
    if kind not in ("部门", "单位"):
        raise DataError(f"unit.kind 应为“部门”或“单位”，实为“{kind}”")
    unit = UnitFacts(
        name=name,
        year=year,
        kind=kind,
        publication_date=_str(u.get("publication_date"), "unit.publication_date "),
        short_name=_str(u.get("short_name"), "unit.short_name "),
        administrative=bool(u.get("administrative", False)),
        duties=_strings(u.get("duties"), "unit.duties "),
        organisation=_strings(u.get("organisation"), "unit.organisation "),
        units=[
            UnitEntry(
                _str(_obj(e, "unit.units ").get("name"), "unit.units name "),
                _str(_obj(e, "unit.units ").get("note"), "unit.units note "),
            )
            for e in _list(u.get("units"), "unit.units ")
        ],
    )
    tables: dict[TableKind, TableData] = {}
    for key, entry in _obj(raw.get("tables"), "tables：").items():
        try:
            kind_ = TableKind(key)
        except ValueError:
            raise DataError(f"tables 中的表号“{key}”不认识（应为 T01…T13）") from None
        t = _obj(entry, f"tables.{key}：")
        rows = [
            _line_from(r, f"tables.{key} 第{i + 1}行：")
            for i, r in enumerate(_list(t.get("rows"), f"tables.{key}.rows "))
        ]
        statement = t.get("empty_statement")
        tables[kind_] = TableData(kind_, rows, _str(statement, "empty_statement ") or None)
    p = _obj(raw.get("prior_year"), "prior_year：")
    prior = PriorYear(
        total=money_or_none(p.get("total"), "prior_year.total "),
        fiscal_total=money_or_none(p.get("fiscal_total"), "prior_year.fiscal_total "),
        general_expense=money_or_none(p.get("general_expense"), "prior_year.general_expense "),
        admin_cost=money_or_none(p.get("admin_cost"), "prior_year.admin_cost "),
        sangong={
            str(k): money(v, f"prior_year.sangong.{k} ")
            for k, v in _obj(p.get("sangong"), "prior_year.sangong ").items()
            if v is not None
        },
    )
    budgets = []
    for i, e in enumerate(_list(raw.get("budgets"), "budgets ")):
        b = _obj(e, f"budgets 第{i + 1}项：")
        code = str(b.get("code", "")).strip()
        budgets.append(
            ItemBudget(
                code=code,
                initial=money_or_none(b.get("initial"), f"budgets {code} initial "),
                adjusted=money_or_none(b.get("adjusted"), f"budgets {code} adjusted "),
                purpose=_str(b.get("purpose"), "budgets purpose "),
                reason=_str(b.get("reason"), "budgets reason "),
            )
        )
    texts = {str(k): _str(v, f"texts.{k} ") for k, v in _obj(raw.get("texts"), "texts ").items()}
    s = _obj(raw.get("sangong"), "sangong：")

    def reception(d: Any, where: str) -> Reception:
        r = _obj(d, where)
        return Reception(
            amount=money_or_none(r.get("amount"), f"{where}amount ") or ZERO,
            batches=count_or_none(r.get("batches"), f"{where}batches ") or 0,
            people=count_or_none(r.get("people"), f"{where}people ") or 0,
        )

    sangong = SangongFacts(
        abroad_groups=count_or_none(s.get("abroad_groups"), "sangong.abroad_groups ") or 0,
        abroad_people=count_or_none(s.get("abroad_people"), "sangong.abroad_people ") or 0,
        purchased={
            str(k): VehiclePurchase(
                count=count_or_none(_obj(v, "").get("count"), f"sangong.purchased.{k} ") or 0,
                amount=money_or_none(_obj(v, "").get("amount"), f"sangong.purchased.{k} ") or ZERO,
            )
            for k, v in _obj(s.get("purchased"), "sangong.purchased ").items()
        },
        held={
            str(k): count(v, f"sangong.held.{k} ")
            for k, v in _obj(s.get("held"), "sangong.held ").items()
        },
        domestic=reception(s.get("domestic_reception"), "sangong.domestic_reception."),
        foreign=reception(s.get("foreign_reception"), "sangong.foreign_reception."),
    )
    pr = _obj(raw.get("procurement"), "procurement：")
    procurement = Procurement(
        **{
            name: money_or_none(pr.get(name), f"procurement.{name} ") or ZERO
            for name in Procurement.__dataclass_fields__
        }
    )
    a = _obj(raw.get("assets"), "assets：")
    assets = Assets(
        vehicles={
            str(k): count(v, f"assets.vehicles.{k} ")
            for k, v in _obj(a.get("vehicles"), "assets.vehicles ").items()
        },
        equipment_over_1m=count_or_none(a.get("equipment_over_1m"), "assets.equipment_over_1m ")
        or 0,
        general_equipment_over_500k=count_or_none(
            a.get("general_equipment_over_500k"), "assets.general_equipment_over_500k "
        ),
        special_equipment_over_1m=count_or_none(
            a.get("special_equipment_over_1m"), "assets.special_equipment_over_1m "
        ),
    )
    f = _obj(raw.get("performance"), "performance：")
    counts = {
        name: count_or_none(f.get(name), f"performance.{name} ")
        for name in (
            "ex_ante_projects",
            "target_projects",
            "monitored_projects",
            "self_evaluated_projects",
            "self_evaluation_reports",
            "problems_found",
            "problems_fixed",
            "problems_fixing",
        )
    }
    amounts = {
        name: money_or_none(f.get(name), f"performance.{name} ")
        for name in (
            "department_score",
            "target_amount",
            "monitored_amount",
            "self_evaluated_amount",
            "average_score",
        )
    }
    performance = Performance(
        **counts,  # type: ignore[arg-type]
        **amounts,  # type: ignore[arg-type]
        grades={
            str(k): count(v, f"performance.grades.{k} ")
            for k, v in _obj(f.get("grades"), "performance.grades ").items()
        },
    )
    return GenerationData(
        unit=unit,
        tables=tables,
        prior=prior,
        budgets=budgets,
        texts=texts,
        sangong=sangong,
        procurement=procurement,
        assets=assets,
        performance=performance,
        admin_cost=money_or_none(raw.get("admin_cost"), "admin_cost "),
        glossary=_strings(raw.get("glossary"), "glossary "),
        annex=_strings(raw.get("annex"), "annex "),
    )


def load_json(path: str | Path) -> GenerationData:
    """Read a data file in the JSON form."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        from juesuan.errors import FileMissingError

        raise FileMissingError(f"找不到数据文件：{p}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"无法读取数据文件 {p}：{err}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(
            f"数据文件 {p} 不是有效的 JSON：第{err.lineno}行第{err.colno}列 {err.msg}"
        ) from None
    return from_json_dict(raw)


def dump_json(data: GenerationData) -> str:
    """The JSON text of a data file (UTF-8, Chinese unescaped; short objects such as a table
    row on one line, so that the file reads like the tables it holds)."""
    return _format(to_json_dict(data), 0) + "\n"


#: Longest JSON value written on one line by :func:`dump_json`.
ONE_LINE = 240


def _format(value: Any, depth: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or len(flat) + depth <= ONE_LINE or not value:
        return flat
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {_format(v, depth + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    items = [f"{pad}{_format(v, depth + 1)}" for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"


def example_path() -> Path:
    """The shipped filled example (乐山市大数据中心 2024, mistakes of the sample corrected)."""
    return Path(__file__).with_name("examples") / "leshan-2024.json"


def load_example() -> GenerationData:
    return load_json(example_path())
