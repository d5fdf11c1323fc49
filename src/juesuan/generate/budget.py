"""A unit's budget (部门预算 / 单位预算公开) composed from generation data.

:func:`compose_budget` writes the budget a unit publishes at the start of ``year``: its
amounts are the figures of the same year's generation data (the data of the final account:
the 一般公共预算 from the 一般公共预算财政拨款支出表 T06, the 政府性基金 from T10, 人员经费 and
公用经费 by economic class from T08, “三公” from the budget column of T13, 政府采购 from the
procurement facts), so that every table and sentence adds up; last year's figures, for the
"与上年相比" clauses, are those of the previous year's data (``previous``).  Nothing is
rounded: the amounts are the data's own, sums are exact.

The result is a :class:`~juesuan.generate.document.Document` like the final account's, so it
is written by the same renderers (``render_text`` for the text form; ``render`` for PDF,
HTML, DOCX).

Two layouts (:data:`BUDGET_LAYOUTS`), which differ in how they number and name the tables
and the sections, not in what they state:

- ``national``: the national template as most provinces print it (江苏 …): 第一部分 概况,
  第二部分 the 12 tables numbered 公开01表–公开12表 (收支预算总表 … 政府采购支出预算表),
  第三部分 the 14 sections of the 预算情况说明, 第四部分 名词解释;
- ``shanghai``: the same content under Shanghai's part titles (一、主要职能 … 四、预算编制
  说明, 五、预算表) and table titles (财务收支预算总表, 一般公共预算支出功能分类预算表,
  一般公共预算基本支出部门预算经济分类预算表, “三公”经费和机关运行经费预算表 …), tables
  numbered 1–12 without 公开NN表 labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.generate.data import GenerationData
from juesuan.generate.document import (
    Block,
    Document,
    HeaderCell,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from juesuan.generate.numbers import ZERO, amt, cn, ratio
from juesuan.model import TableKind

__all__ = [
    "BUDGET_LAYOUTS",
    "BudgetFigures",
    "budget_figures",
    "compose_budget",
]

#: Budget layouts: key -> description.
BUDGET_LAYOUTS = {
    "national": "全国通行模板（公开01–12表）",
    "shanghai": "上海模板（预算编制说明，12张表按序号）",
}

#: “三公” items of the budget table, in printed order (key, printed name).
SANGONG_ITEMS = (
    ("total", "合计"),
    ("abroad", "因公出国（境）费"),
    ("vehicle", "公务用车购置及运行维护费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公务用车运行维护费"),
    ("reception", "公务接待费"),
)

_PERSONNEL_ITEMS = (
    "基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、"
    "职工基本医疗保险缴费、其他社会保障缴费、住房公积金、其他工资福利支出"
)
_PUBLIC_ITEMS = (
    "办公费、邮电费、差旅费、培训费、劳务费、工会经费、福利费、其他交通费用、其他商品和服务支出"
)

_GLOSSARY = (
    "财政拨款：指一般公共预算财政拨款和政府性基金预算财政拨款。",
    "一般公共预算：包括公共财政拨款（补助）资金、专项收入。",
    "政府性基金预算：指依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他方式"
    "筹集的资金，专项用于特定公共事业发展的收支预算。",
    "基本支出：指为保障机构正常运转、完成工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定工作任务和事业发展目标所发生的支出。",
    "“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费"
    "和公务接待费。",
    "机关运行经费：指为保障单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、"
    "差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房"
    "取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
)


# ---------------------------------------------------------------------------------------
# the figures


@dataclass(frozen=True, slots=True)
class CodedLine:
    """A functional (类/款/项) or economic code's budget: 合计 = 基本支出 + 项目支出 (or
    人员经费 + 公用经费 for an economic code)."""

    code: str
    name: str
    total: Decimal
    basic: Decimal = ZERO
    project: Decimal = ZERO
    personnel: Decimal = ZERO
    public: Decimal = ZERO


@dataclass(slots=True)
class BudgetFigures:
    """Everything a budget states, from one year's generation data."""

    unit: str
    year: int
    scope: str  # 部门 / 单位
    general: list[CodedLine] = field(default_factory=list)  # 一般公共预算, by function
    govfund: list[CodedLine] = field(default_factory=list)  # 政府性基金预算, by function
    economic: list[CodedLine] = field(default_factory=list)  # 一般公共预算基本支出, by economy
    sangong: dict[str, Decimal] = field(default_factory=dict)
    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    vehicles: int = 0
    equipment: int = 0
    target_projects: int = 0  # projects with performance targets

    # totals ---------------------------------------------------------------------------
    @staticmethod
    def _sum(lines: list[CodedLine], column: str) -> Decimal:
        return sum((getattr(x, column) for x in lines if len(x.code) == 3), ZERO)

    @property
    def general_total(self) -> Decimal:
        return self._sum(self.general, "total")

    @property
    def govfund_total(self) -> Decimal:
        return self._sum(self.govfund, "total")

    @property
    def total(self) -> Decimal:
        return self.general_total + self.govfund_total

    @property
    def basic(self) -> Decimal:
        return self._sum(self.general, "basic") + self._sum(self.govfund, "basic")

    @property
    def project(self) -> Decimal:
        return self._sum(self.general, "project") + self._sum(self.govfund, "project")

    @property
    def general_basic(self) -> Decimal:
        return self._sum(self.general, "basic")

    @property
    def personnel(self) -> Decimal:
        return self._sum(self.economic, "personnel")

    @property
    def public(self) -> Decimal:
        return self._sum(self.economic, "public")

    @property
    def admin_cost(self) -> Decimal:
        """机关运行经费: the 公用经费 of the 一般公共预算 basic expense."""
        return self.public

    @property
    def procurement(self) -> Decimal:
        return self.goods + self.works + self.services

    def functional(self) -> list[CodedLine]:
        """Every functional line (一般公共预算 and 政府性基金), in code order, one per code."""
        merged: dict[str, CodedLine] = {}
        for line in [*self.general, *self.govfund]:
            old = merged.get(line.code)
            if old is None:
                merged[line.code] = line
            else:
                merged[line.code] = CodedLine(
                    line.code,
                    line.name,
                    old.total + line.total,
                    old.basic + line.basic,
                    old.project + line.project,
                )
        return [merged[c] for c in sorted(merged)]

    def line(self, code: str) -> CodedLine | None:
        return next((x for x in self.functional() if x.code == code), None)


def budget_figures(data: GenerationData) -> BudgetFigures:
    """The budget of ``data``'s unit and year (see the module's docstring)."""
    out = BudgetFigures(data.unit.name, data.unit.year, data.unit.kind)
    for row in data.table(TableKind.T06).rows:
        if row.code:
            out.general.append(
                CodedLine(
                    row.code,
                    row.name,
                    row.value("total"),
                    row.value("basic"),
                    row.value("project"),
                )
            )
    for row in data.table(TableKind.T10).rows:
        if row.code:
            total = row.value("expense_total")
            project = row.value("expense_project")
            out.govfund.append(CodedLine(row.code, row.name, total, total - project, project))
    for row in data.table(TableKind.T08).rows:
        if row.code:
            personnel, public = row.value("personnel"), row.value("public")
            out.economic.append(
                CodedLine(
                    row.code, row.name, personnel + public, personnel=personnel, public=public
                )
            )
    for row in data.table(TableKind.T13).rows:
        if row.key and "budget" in row.values:
            out.sangong[row.key] = row.value("budget")
    pr = data.procurement
    out.goods, out.works, out.services = pr.goods, pr.works, pr.services
    out.vehicles = data.assets.vehicle_count
    out.equipment = data.assets.equipment_over_1m or 0
    out.target_projects = data.performance.target_projects or 0
    return out


# ---------------------------------------------------------------------------------------
# wording


@dataclass(frozen=True, slots=True)
class _Layout:
    key: str
    document: str  # 部门预算 / 单位预算 title word
    table_titles: dict[TableKind, str]
    numbered: bool  # 公开NN表 labels


_NATIONAL_TITLES = {
    TableKind.B01: "收支预算总表",
    TableKind.B02: "收入预算总表",
    TableKind.B03: "支出预算总表",
    TableKind.B04: "财政拨款收支预算总表",
    TableKind.B05: "财政拨款支出预算表",
    TableKind.B06: "财政拨款基本支出预算表",
    TableKind.B07: "一般公共预算支出预算表",
    TableKind.B08: "一般公共预算基本支出预算表",
    TableKind.B10: "一般公共预算“三公”经费支出预算表",
    TableKind.B11: "政府性基金预算支出预算表",
    TableKind.B13: "一般公共预算机关运行经费支出预算表",
    TableKind.B14: "政府采购支出预算表",
}
_SHANGHAI_TITLES = {
    TableKind.B01: "预算单位财务收支预算总表",
    TableKind.B02: "预算单位收入预算总表",
    TableKind.B03: "预算单位支出预算总表",
    TableKind.B04: "预算单位财政拨款收支预算总表",
    TableKind.B07: "预算单位一般公共预算支出功能分类预算表",
    TableKind.B11: "预算单位政府性基金预算支出功能分类预算表",
    TableKind.B12: "预算单位国有资本经营预算支出功能分类预算表",
    TableKind.B08: "预算单位一般公共预算基本支出部门预算经济分类预算表",
    TableKind.B10: "单位“三公”经费和机关运行经费预算表",
}
_LAYOUTS = {
    "national": _Layout("national", "预算", _NATIONAL_TITLES, True),
    "shanghai": _Layout("shanghai", "预算", _SHANGHAI_TITLES, False),
}


def _change(
    current: Decimal,
    before: Decimal | None,
    offset: Decimal = ZERO,
    *,
    rate: bool = False,
    versus: str | None = None,
) -> str:
    """ "，与上年相比增加12.00万元" (or 减少, or "，与上年一致"); with ``versus`` (Shanghai:
    "2023年预算") "，比2023年预算增加12.00万元" / "，与2023年预算持平"; "" without last year.
    ``offset`` is added to the stated change (a planted inconsistency)."""
    if before is None:
        return ""
    diff = current - before + offset
    if versus is not None:
        if diff == 0:
            return f"，与{versus}持平"
        return f"，比{versus}{'增加' if diff > 0 else '减少'}{amt(abs(diff))}万元"
    if diff == 0:
        return "，与上年一致"
    word = "增加" if diff > 0 else "减少"
    out = f"，与上年相比{word}{amt(abs(diff))}万元"
    if rate and before > 0 and offset == 0:
        out += f"，{'增长' if diff > 0 else '下降'}{amt(ratio(abs(diff), before))}%"
    return out


class _Writer:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def part(self, text: str) -> None:
        self.blocks.append(Heading(0, text))

    def section(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(level, text))

    def para(self, *texts: str) -> None:
        for text in texts:
            self.blocks.append(Paragraph(text))


def _money(value: Decimal) -> str:
    return amt(value)


def _header(*labels: str) -> list[list[HeaderCell]]:
    return [[HeaderCell(label) for label in labels]]


def _coded_rows(lines: list[CodedLine], columns: tuple[str, ...]) -> list[list[str]]:
    total = [sum((getattr(x, c) for x in lines if len(x.code) == 3), ZERO) for c in columns]
    rows = [["", "合计", *(_money(v) for v in total)]]
    for x in lines:
        rows.append([x.code, x.name, *(_money(getattr(x, c)) for c in columns)])
    return rows


def _two_sided(
    income: list[tuple[str, Decimal]], expense: list[tuple[str, Decimal]]
) -> list[list[str]]:
    rows = []
    for i in range(max(len(income), len(expense))):
        left = income[i] if i < len(income) else ("", None)
        right = expense[i] if i < len(expense) else ("", None)
        rows.append(
            [
                left[0],
                "" if left[1] is None else _money(left[1]),
                right[0],
                "" if right[1] is None else _money(right[1]),
            ]
        )
    return rows


class _Composer:
    def __init__(
        self,
        fig: BudgetFigures,
        prior: BudgetFigures | None,
        layout: _Layout,
        offsets: Mapping[str, Decimal],
    ) -> None:
        self.fig = fig
        self.prior = prior
        self.layout = layout
        self.offsets = offsets
        self.w = _Writer()
        self.name = fig.unit
        self.scope = fig.scope
        self.year = fig.year

    # -- changes -------------------------------------------------------------------------
    def before(self, key: str) -> Decimal | None:
        """Last year's figure for ``key`` (a code, or a total's name)."""
        p = self.prior
        if p is None:
            return None
        if key.isdigit():
            line = p.line(key)
            return line.total if line is not None else ZERO
        if key.startswith("sangong."):
            return p.sangong.get(key.removeprefix("sangong."), ZERO)
        value: Decimal = getattr(p, key)
        return value

    def change(self, key: str, current: Decimal, *, rate: bool = False) -> str:
        versus = f"{self.year - 1}年预算" if self.layout.key == "shanghai" else None
        offset = self.offsets.get(key, ZERO)
        return _change(current, self.before(key), offset, rate=rate, versus=versus)

    # -- tables --------------------------------------------------------------------------
    def table(
        self,
        number: int,
        kind: TableKind,
        header: list[list[HeaderCell]],
        rows: list[list[str]],
        empty: str | None = None,
    ) -> None:
        title = self.layout.table_titles[kind]
        if self.layout.numbered:
            self.w.section(f"{cn(number)}、{title}")
            label = f"公开{number:02d}表"
            printed = title
        else:
            self.w.section(f"{number}. {self.year}年{title}")
            label = ""
            printed = f"{self.year}年{title}"
        self.w.blocks.append(
            TableBlock(
                kind=kind,
                title=printed,
                number_label=label,
                header_rows=header,
                rows=rows,
                empty_statement=empty if not rows else None,
            )
        )
        self.w.blocks.append(PageBreak())

    def tables(self) -> None:
        """The layout's tables, in its order."""
        for number, kind in enumerate(self.layout.table_titles, start=1):
            header, rows, empty = self.table_content(kind)
            self.table(number, kind, header, rows, empty)

    def table_content(
        self, kind: TableKind
    ) -> tuple[list[list[HeaderCell]], list[list[str]], str | None]:
        f, shanghai = self.fig, self.layout.key == "shanghai"
        classes = [x for x in f.functional() if len(x.code) == 3]
        lines = f.functional()
        use = ("total", "basic", "project")
        use_header = _header("科目编码", "科目名称", "合计", "基本支出", "项目支出")
        econ = ("total", "personnel", "public")
        econ_header = _header("科目编码", "科目名称", "合计", "人员经费", "公用经费")
        no_data = f"注：{self.name}{self.year}年度没有{{}}，故本表无数据。"
        if kind is TableKind.B01 and shanghai:
            income = [
                ("一、财政拨款收入", f.total),
                ("1、一般公共预算资金", f.general_total),
                ("2、政府性基金", f.govfund_total),
                ("3、国有资本经营预算", ZERO),
                ("二、事业收入", ZERO),
                ("三、事业单位经营收入", ZERO),
                ("四、其他收入", ZERO),
            ]
            rows = []
            for i in range(max(len(income), len(classes))):
                left = [income[i][0], _money(income[i][1])] if i < len(income) else ["", ""]
                right = ["", "", "", ""]
                if i < len(classes):
                    x = classes[i]
                    right = [f"{cn(i + 1)}、{x.name}", *(_money(getattr(x, c)) for c in use)]
                rows.append(left + right)
            rows.append(
                [
                    "收入总计",
                    _money(f.total),
                    "支出总计",
                    _money(f.total),
                    _money(f.basic),
                    _money(f.project),
                ]
            )
            header = _header("本年收入", "预算数", "本年支出", "预算数", "基本支出", "项目支出")
            return header, rows, None
        if kind is TableKind.B01:
            income = [
                ("一、财政拨款", f.total),
                ("1.一般公共预算", f.general_total),
                ("2.政府性基金预算", f.govfund_total),
                ("二、财政专户管理资金", ZERO),
                ("三、其他资金", ZERO),
            ]
            expense = [(f"{cn(i)}、{x.name}", x.total) for i, x in enumerate(classes, start=1)]
            expense += [("一、基本支出", f.basic), ("二、项目支出", f.project)]
            summary = _two_sided(income, expense)
            summary += [
                ["当年收入小计", _money(f.total), "当年支出小计", _money(f.total)],
                ["上年结转资金", "0.00", "结转下年资金", "0.00"],
                ["收入合计", _money(f.total), "支出合计", _money(f.total)],
            ]
            return _header("收入", "预算数", "支出", "预算数"), summary, None
        if kind is TableKind.B02:
            general = {x.code: x.total for x in f.general}
            govfund = {x.code: x.total for x in f.govfund}
            rows = [["", "合计", _money(f.total), _money(f.general_total), _money(f.govfund_total)]]
            rows += [
                [
                    x.code,
                    x.name,
                    _money(x.total),
                    _money(general.get(x.code, ZERO)),
                    _money(govfund.get(x.code, ZERO)),
                ]
                for x in lines
            ]
            header = _header(
                "科目编码", "科目名称", "合计", "一般公共预算拨款收入", "政府性基金预算拨款收入"
            )
            return header, rows, None
        if kind in (TableKind.B03, TableKind.B05):
            return use_header, _coded_rows(lines, use), None
        if kind is TableKind.B04:
            fiscal_income = [
                ("一、本年收入", f.total),
                ("1.一般公共预算拨款", f.general_total),
                ("2.政府性基金预算拨款", f.govfund_total),
            ]
            fiscal_expense = [
                (f"{cn(i)}、{x.name}", x.total) for i, x in enumerate(classes, start=1)
            ]
            fiscal = _two_sided(fiscal_income, fiscal_expense)
            fiscal += [
                ["本年收入合计", _money(f.total), "本年支出合计", _money(f.total)],
                ["收入总计", _money(f.total), "支出总计", _money(f.total)],
            ]
            return _header("收入", "预算数", "支出", "预算数"), fiscal, None
        if kind in (TableKind.B06, TableKind.B08):
            return econ_header, _coded_rows(f.economic, econ), None
        if kind is TableKind.B07:
            return use_header, _coded_rows(f.general, use), None
        if kind is TableKind.B10:
            items = [name for _, name in SANGONG_ITEMS]
            values = [_money(f.sangong.get(key, ZERO)) for key, _ in SANGONG_ITEMS]
            if shanghai:
                items.append("机关运行经费预算数")
                values.append(_money(f.admin_cost))
            return _header(*items), [values], None
        if kind is TableKind.B11:
            rows = _coded_rows(f.govfund, use) if f.govfund else []
            return use_header, rows, no_data.format("使用政府性基金预算拨款安排的支出")
        if kind is TableKind.B12:
            return use_header, [], no_data.format("使用国有资本经营预算拨款安排的支出")
        if kind is TableKind.B13:
            rows = [["", "合计", _money(f.admin_cost)]]
            rows += [[x.code, x.name, _money(x.public)] for x in f.economic if x.public]
            return _header("科目编码", "科目名称", "合计"), rows, None
        if kind is TableKind.B14:
            rows = [
                ["合计", _money(f.procurement)],
                ["货物", _money(f.goods)],
                ["工程", _money(f.works)],
                ["服务", _money(f.services)],
            ]
            return _header("采购品目", "金额"), rows, None
        raise ValueError(f"no budget table {kind}")  # pragma: no cover

    # -- the explanation -----------------------------------------------------------------
    def explanation(self, number: int) -> None:
        f, w, n, y = self.fig, self.w, self.name, self.year
        sections = iter(range(1, 30))

        def section(title: str) -> None:
            w.section(f"{cn(next(sections))}、{title}")

        section("收支预算总体情况说明")
        w.para(
            f"{n}{y}年度收入、支出预算总计{_money(f.total)}万元"
            + self.change("total", f.total, rate=True).replace(
                "与上年相比", "与上年相比收、支预算总计各"
            )
            + "。其中：",
            f"（一）收入预算总计{_money(f.total)}万元。包括：",
            f"1．财政拨款收入预算总计{_money(f.total)}万元。",
            f"一般公共预算收入预算{_money(f.general_total)}万元"
            + self.change("general_total", f.general_total)
            + "。",
            f"政府性基金预算收入预算{_money(f.govfund_total)}万元"
            + self.change("govfund_total", f.govfund_total)
            + "。",
            f"（二）支出预算总计{_money(f.total)}万元。包括：",
        )
        classes = [x for x in f.functional() if len(x.code) == 3]
        for i, x in enumerate(classes, start=1):
            w.para(
                f"{i}．{x.name.removesuffix('支出')}（类）支出{_money(x.total)}万元"
                + self.change(x.code, x.total)
                + "。"
            )
        w.para(
            f"此外，基本支出预算数为{_money(f.basic)}万元{self.change('basic', f.basic)}。"
            f"项目支出预算数为{_money(f.project)}万元{self.change('project', f.project)}。"
        )
        section("收入预算情况说明")
        w.para(
            f"{n}本年收入预算合计{_money(f.total)}万元，其中：",
            f"一般公共预算收入{_money(f.general_total)}万元，"
            f"占{amt(ratio(f.general_total, f.total))}%；",
            f"政府性基金预算收入{_money(f.govfund_total)}万元，"
            f"占{amt(ratio(f.govfund_total, f.total))}%。",
        )
        section("支出预算情况说明")
        w.para(
            f"{n}本年支出预算合计{_money(f.total)}万元，其中：",
            f"基本支出{_money(f.basic)}万元，占{amt(ratio(f.basic, f.total))}%；",
            f"项目支出{_money(f.project)}万元，占{amt(ratio(f.project, f.total))}%。",
        )
        section("财政拨款收支预算总体情况说明")
        w.para(
            f"{n}{y}年度财政拨款收、支总预算{_money(f.total)}万元"
            + self.change("total", f.total).replace("与上年相比", "与上年相比财政拨款收、支总计各")
            + "。"
        )
        section("财政拨款支出预算情况说明")
        w.para(
            f"{n}{y}年财政拨款预算支出{_money(f.total)}万元，占本年支出合计的100%"
            + self.change("total", f.total).replace("与上年相比", "与上年相比财政拨款支出")
            + "。其中：",
        )
        for i, x in enumerate(classes, start=1):
            w.section(f"（{cn(i)}）{x.name.removesuffix('支出')}（类）", 2)
            items = [z for z in f.functional() if len(z.code) == 7 and z.code.startswith(x.code)]
            kuan = {z.code: z.name for z in f.functional() if len(z.code) == 5}
            for j, item in enumerate(items, start=1):
                w.para(
                    f"{j}．{kuan.get(item.code[:5], '')}（款）{item.name}（项）支出"
                    f"{_money(item.total)}万元{self.change(item.code, item.total)}。"
                )
        section("财政拨款基本支出预算情况说明")
        self._basic(f"{n}{y}年度财政拨款基本支出预算")
        section("一般公共预算支出预算情况说明")
        w.para(
            f"{n}{y}年一般公共预算财政拨款支出预算{_money(f.general_total)}万元"
            + self.change("general_total", f.general_total)
            + "。"
        )
        section("一般公共预算基本支出预算情况说明")
        self._basic(f"{n}{y}年度一般公共预算财政拨款基本支出预算")
        section("一般公共预算“三公”经费支出预算情况说明")
        self._sangong()
        section("政府性基金预算支出预算情况说明")
        if f.govfund:
            w.para(
                f"{n}{y}年政府性基金预算拨款支出预算{_money(f.govfund_total)}万元"
                + self.change("govfund_total", f.govfund_total)
                + "。"
            )
        else:
            w.para(f"{n}{y}年没有使用政府性基金预算拨款安排的支出。")
        section("一般公共预算机关运行经费支出预算情况说明")
        w.para(
            f"{y}年{n}一般公共预算机关运行经费预算支出{_money(f.admin_cost)}万元"
            + self.change("admin_cost", f.admin_cost)
            + "。"
        )
        section("政府采购支出预算情况说明")
        w.para(
            f"{y}年政府采购预算总金额为{_money(f.procurement)}万元。其中拟采购货物支出"
            f"{_money(f.goods)}万元；拟采购工程支出{_money(f.works)}万元；拟采购服务支出"
            f"{_money(f.services)}万元。"
        )
        section("国有资产占用情况")
        w.para(f"{n}共有车辆{f.vehicles}辆。单价100万元（含）以上的设备{f.equipment}台（套）。")
        section("预算绩效目标设置情况说明")
        w.para(f"{y}年{n}实行整体支出绩效目标管理，涉及财政性资金合计{_money(f.total)}万元。")

    def compilation(self) -> None:
        """Shanghai's 预算编制说明: income and expense with their changes, each 类."""
        f, w, n, y = self.fig, self.w, self.name, self.year
        w.para(
            f"{y}年，{n}收入预算{_money(f.total)}万元，其中：财政拨款收入{_money(f.total)}万元"
            + self.change("total", f.total)
            + "；事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
            f"支出预算{_money(f.total)}万元，其中：财政拨款支出预算{_money(f.total)}万元"
            + self.change("total", f.total)
            + "。财政拨款支出预算中，一般公共预算拨款支出预算"
            + _money(f.general_total)
            + "万元"
            + self.change("general_total", f.general_total)
            + "；政府性基金拨款支出预算"
            + _money(f.govfund_total)
            + "万元"
            + self.change("govfund_total", f.govfund_total)
            + "；国有资本经营预算拨款支出预算为0.00万元。",
            "财政拨款支出主要内容如下：",
        )
        classes = [x for x in f.functional() if len(x.code) == 3]
        for i, x in enumerate(classes, start=1):
            w.para(
                f"{i}.“{x.name}”科目{_money(x.total)}万元"
                + self.change(x.code, x.total)
                + "，主要用于保障机构正常运转的基本支出和完成特定工作任务的项目支出。"
            )

    def other_related(self) -> None:
        """Shanghai's 其他相关情况说明: “三公”, 机关运行经费, 政府采购, 绩效目标, 国有资产."""
        f, w, n, y = self.fig, self.w, self.name, self.year
        s = {key: f.sangong.get(key, ZERO) for key, _ in SANGONG_ITEMS}
        w.section(f"（一）{y}年“三公”经费预算情况说明", 2)
        w.para(
            f"{y}年“三公”经费预算数为{_money(s['total'])}万元"
            + self.change("sangong.total", s["total"])
            + "。其中：",
            f"1.因公出国（境）费{_money(s['abroad'])}万元"
            + self.change("sangong.abroad", s["abroad"])
            + "。",
            f"2.公务用车购置及运行费{_money(s['vehicle'])}万元"
            + self.change("sangong.vehicle", s["vehicle"])
            + f"。其中：公务用车购置费{_money(s['vehicle_purchase'])}万元"
            + self.change("sangong.vehicle_purchase", s["vehicle_purchase"])
            + f"；公务用车运行费{_money(s['vehicle_operation'])}万元"
            + self.change("sangong.vehicle_operation", s["vehicle_operation"])
            + "。",
            f"3.公务接待费{_money(s['reception'])}万元"
            + self.change("sangong.reception", s["reception"])
            + "。",
        )
        w.section("（二）机关运行经费预算", 2)
        w.para(f"{y}年{n}财政拨款的机关运行经费预算为{_money(f.admin_cost)}万元。")
        w.section("（三）政府采购预算情况", 2)
        w.para(
            f"{y}年度本单位政府采购预算{_money(f.procurement)}万元，其中：政府采购货物预算"
            f"{_money(f.goods)}万元、政府采购工程预算{_money(f.works)}万元、政府采购服务预算"
            f"{_money(f.services)}万元。"
        )
        w.section("（四）绩效目标设置情况", 2)
        w.para(
            f"{y}年度，本单位编报绩效目标的项目共{f.target_projects}个，涉及项目预算资金"
            f"{_money(f.project)}万元。"
        )
        w.section("（五）国有资产占有使用情况", 2)
        w.para(
            f"截至{y - 1}年8月31日，{n}共有车辆{f.vehicles}辆；单价100万元（含）以上设备"
            f"（不含车辆）{f.equipment}台（套）。"
        )

    def _basic(self, lead: str) -> None:
        f = self.fig
        self.w.para(
            f"{lead}{_money(f.general_basic)}万元，其中：",
            f"（一）人员经费{_money(f.personnel)}万元。主要包括：{_PERSONNEL_ITEMS}。",
            f"（二）公用经费{_money(f.public)}万元。主要包括：{_PUBLIC_ITEMS}。",
        )

    def _sangong(self) -> None:
        f, w, n, y = self.fig, self.w, self.name, self.year
        s = {key: f.sangong.get(key, ZERO) for key, _ in SANGONG_ITEMS}
        w.para(
            f"{n}{y}年度一般公共预算拨款安排的“三公”经费预算支出{_money(s['total'])}万元"
            + self.change("sangong.total", s["total"])
            + "。具体情况如下："
        )
        w.para(
            f"1．因公出国（境）费预算支出{_money(s['abroad'])}万元"
            + self.change("sangong.abroad", s["abroad"])
            + "。",
            f"2．公务用车购置及运行维护费预算支出{_money(s['vehicle'])}万元。其中：",
            f"（1）公务用车购置费预算支出{_money(s['vehicle_purchase'])}万元"
            + self.change("sangong.vehicle_purchase", s["vehicle_purchase"])
            + "。",
            f"（2）公务用车运行维护费预算支出{_money(s['vehicle_operation'])}万元"
            + self.change("sangong.vehicle_operation", s["vehicle_operation"])
            + "。",
            f"3．公务接待费预算支出{_money(s['reception'])}万元"
            + self.change("sangong.reception", s["reception"])
            + "。",
        )

    # -- the document --------------------------------------------------------------------
    def compose(self, data: GenerationData) -> Document:
        w, n, y, scope = self.w, self.name, self.year, self.scope
        duties = data.unit.duties or [f"{n}负责本{scope}职责范围内的工作。"]
        organisation = data.unit.organisation or [f"{n}为一个{scope}。"]
        if self.layout.key == "national":
            w.part(f"第一部分 {scope}概况")
            w.section("一、主要职能")
            w.para(*duties)
            w.section(f"二、{scope}机构设置及预算单位构成情况")
            w.para(*organisation)
            w.blocks.append(PageBreak())
            w.part(f"第二部分 {y}年度{scope}预算表")
            self.tables()
            w.part(f"第三部分 {y}年度{scope}预算情况说明")
            self.explanation(3)
            w.part("第四部分 名词解释")
            w.para(*(f"{cn(i)}、{g}" for i, g in enumerate(_GLOSSARY, start=1)))
        else:  # Shanghai: 一、主要职能 … 六、其他相关情况说明
            w.part(f"一、{scope}主要职能")
            w.para(*duties)
            w.part(f"二、{scope}机构设置")
            w.para(*organisation)
            w.part("三、名词解释")
            w.para(*(f"（{cn(i)}）{g}" for i, g in enumerate(_GLOSSARY, start=1)))
            w.blocks.append(PageBreak())
            w.part(f"四、{scope}预算编制说明")
            self.compilation()
            w.blocks.append(PageBreak())
            w.part(f"五、{scope}预算表")
            self.tables()
            w.part("六、其他相关情况说明")
            self.other_related()
        title = f"{n}{y}年度{scope}预算公开"
        if self.layout.key == "shanghai":
            title = f"{y}年{scope}预算\n预算单位：{n}"
        return Document(unit=n, year=y, kind=scope, title=title, blocks=w.blocks)


def compose_budget(
    data: GenerationData,
    previous: GenerationData | None = None,
    layout: str = "national",
    *,
    change_offsets: Mapping[str, Decimal] | None = None,
) -> Document:
    """The budget of ``data``'s unit and year, in ``layout`` (:data:`BUDGET_LAYOUTS`);
    ``previous``: last year's data, for the "与上年相比" clauses (none without it).

    ``change_offsets`` (a functional code, or total / general_total / govfund_total / basic /
    project / admin_cost / sangong.<item>) adds an amount to a stated change: a planted
    inconsistency with last year's budget."""
    if layout not in _LAYOUTS:
        raise ValueError(f"budget layout must be one of {sorted(_LAYOUTS)}")
    prior = budget_figures(previous) if previous is not None else None
    composer = _Composer(budget_figures(data), prior, _LAYOUTS[layout], change_offsets or {})
    return composer.compose(data)
