"""From :class:`~juesuan.generate.data.GenerationData` to a finished disclosure.

:func:`compose` writes every part and section with the template wording of the chosen
layout (DOMAIN.md §3; the sentences follow the published Sichuan and Shanghai reports),
computes every derived figure with :class:`~decimal.Decimal` and half-up rounding (shares,
year-on-year changes and rates, completion rates), chooses the direction words from the
numbers (增加/减少/持平, 增长/下降, 大于/小于/等于), leaves out what the template says to leave
out, lays the standard tables out as published (an empty table with its "本表无数据"
statement) and adds the charts 图1–图7.

:func:`to_disclosure` returns the :class:`~juesuan.model.Disclosure` the structure builder
reads from the composed document's text and tables (as from any published file), so that
the rules can check the data before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from juesuan.generate.data import (
    CODED_COLUMNS,
    COLUMN_HEADERS,
    EXPENSE_CLASSES,
    PERSONNEL_CLASSES,
    SANGONG_ITEMS,
    T01_EXPENSE_BOTTOM,
    T01_INCOME_BOTTOM,
    T01_INCOME_LINES,
    T04_EXPENSE_BOTTOM,
    T04_INCOME_BOTTOM,
    T04_INCOME_LINES,
    VEHICLE_TYPES,
    ZERO,
    GenerationData,
    TableData,
    TableLine,
    coded_labels,
)
from juesuan.generate.document import (
    Chart,
    Document,
    HeaderCell,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from juesuan.generate.plain import raw_document
from juesuan.model import Disclosure, TableKind
from juesuan.rules.common import TABLE_NAMES
from juesuan.structure.textutil import int_to_cn

LAYOUTS = ("sichuan", "shanghai")
#: The catalog layout id of each generated layout.
LAYOUT_IDS = {"sichuan": "sichuan-13", "shanghai": "shanghai-9"}
#: Standard tables printed by each layout, in printed order.
LAYOUT_TABLES: dict[str, tuple[TableKind, ...]] = {
    "sichuan": (
        TableKind.T01,
        TableKind.T02,
        TableKind.T03,
        TableKind.T04,
        TableKind.T05,
        TableKind.T06,
        TableKind.T07,
        TableKind.T08,
        TableKind.T09,
        TableKind.T10,
        TableKind.T11,
        TableKind.T12,
        TableKind.T13,
    ),
    "shanghai": (
        TableKind.T01,
        TableKind.T02,
        TableKind.T03,
        TableKind.T04,
        TableKind.T06,
        TableKind.T08,
        TableKind.T13,
        TableKind.T10,
        TableKind.T11,
    ),
}
TABLE_TITLES: dict[TableKind, str] = {
    k: v for k, v in TABLE_NAMES.items() if k is not TableKind.T13G and not k.is_budget
}
#: What each table shows, for its note ("注：本表反映{kind}本年度…").
TABLE_NOTES: dict[TableKind, str] = {
    TableKind.T01: "的总收支和年末结转结余情况",
    TableKind.T02: "取得的各项收入情况",
    TableKind.T03: "各项支出情况",
    TableKind.T04: "财政拨款总收支和年末结转结余情况",
    TableKind.T05: "财政拨款支出明细情况",
    TableKind.T06: "一般公共预算财政拨款支出情况",
    TableKind.T07: "一般公共预算财政拨款支出明细情况",
    TableKind.T08: "一般公共预算财政拨款基本支出明细情况",
    TableKind.T09: "一般公共预算财政拨款项目支出情况",
    TableKind.T10: "政府性基金预算财政拨款收入、支出及结转和结余情况",
    TableKind.T11: "国有资本经营预算财政拨款收入、支出及结转和结余情况",
    TableKind.T12: "国有资本经营预算财政拨款支出情况",
    TableKind.T13: "“三公”经费支出预决算情况",
}
#: What an empty table would have shown ("本{kind}本年度没有{…}，故本表无数据").
EMPTY_SUBJECT: dict[TableKind, str] = {
    TableKind.T05: "财政拨款支出",
    TableKind.T06: "一般公共预算财政拨款支出",
    TableKind.T07: "一般公共预算财政拨款支出",
    TableKind.T08: "一般公共预算财政拨款基本支出",
    TableKind.T09: "一般公共预算财政拨款项目支出",
    TableKind.T10: "政府性基金预算财政拨款收入和支出",
    TableKind.T11: "国有资本经营预算财政拨款收入和支出",
    TableKind.T12: "国有资本经营预算财政拨款支出",
    TableKind.T13: "财政拨款“三公”经费支出",
}

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# ---------------------------------------------------------------------------------------
# numbers


def q2(value: Decimal) -> Decimal:
    """Half-up rounding to two decimals (how the documents print money and percentages)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def amt(value: Decimal) -> str:
    """An amount as printed in the text: two decimals, no thousands separator."""
    return f"{q2(value):f}"


def pct(value: Decimal) -> str:
    return f"{q2(value):f}%"


def ratio(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in %, half-up to two decimals (whole must be positive)."""
    return q2(part / whole * HUNDRED)


def shares(parts: Sequence[Decimal], whole: Decimal) -> list[Decimal]:
    """The printed shares (in %) of a breakdown of ``whole``: each the half-up rounding of its
    part's ratio, as the checker recomputes it and as the charts label it.  The shares may
    then add up to 99.99 or 100.01; that is rounding, and moving one to force 100.00 would
    make the text disagree with its own chart."""
    if whole <= 0:
        return [ZERO for _ in parts]
    return [q2(p / whole * HUNDRED) for p in parts]


@dataclass(frozen=True, slots=True)
class Change:
    """A year-on-year change: direction words, amount and rate (None when not computable)."""

    direction: str  # 增加 / 减少 / 持平
    rate_word: str  # 增长 / 下降 / ""
    amount: Decimal
    rate: Decimal | None

    def clause(self, subject: str = "") -> str:
        """ "{subject}增加12.00万元，增长10.00%" / "{subject}持平" (subject may be empty)."""
        if self.direction == "持平":
            return f"{subject}持平"
        out = f"{subject}{self.direction}{amt(self.amount)}万元"
        if self.rate is not None:
            out += f"，{self.rate_word}{pct(self.rate)}"
        return out


def change(current: Decimal, previous: Decimal) -> Change:
    """The change from ``previous`` to ``current`` (both as printed, rounded to 0.01)."""
    cur, prev = q2(current), q2(previous)
    diff = cur - prev
    if diff == 0:
        return Change("持平", "", ZERO, None)
    rate = q2(abs(diff) / prev * HUNDRED) if prev > 0 else None
    if diff > 0:
        return Change("增加", "增长", diff, rate)
    return Change("减少", "下降", -diff, rate)


def compare_word(actual: Decimal, budget: Decimal) -> str:
    """大于 / 小于 / 等于: the actual against its budget, as printed."""
    a, b = q2(actual), q2(budget)
    return "大于" if a > b else "小于" if a < b else "等于"


def cn(n: int) -> str:
    return int_to_cn(n)


def _date_cn(iso: str) -> str:
    """ "2025-09-26" → "2025年9月26日" (text that is not an ISO date is kept as is)."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.year}年{d.month}月{d.day}日"


def _reason(text: str, lead: str = "主要原因是") -> str:
    """ "主要原因是…。" for a given reason text ("" when none)."""
    t = text.strip().rstrip("。；;，,")
    if not t:
        return ""
    if t.startswith(("主要原因", "原因")):
        return t + "。"
    return f"{lead}{t}。"


def _join_items(items: Iterable[str], sep: str = "、") -> str:
    return sep.join(items)


# ---------------------------------------------------------------------------------------
# the composer


class _Composer:
    def __init__(self, data: GenerationData, layout: str) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}")
        self.data = data
        self.layout = layout
        self.sichuan = layout == "sichuan"
        self.unit = data.unit
        self.year = data.unit.year
        self.last = data.unit.year - 1
        self.name = data.unit.sentence_name
        self.kind = data.unit.kind
        self.blocks: list[Heading | Paragraph | TableBlock | Chart | PageBreak] = []
        self.figure = 0

    # --- helpers -----------------------------------------------------------------------

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(Heading(level, text))

    def para(self, text: str) -> None:
        if text.strip():
            self.blocks.append(Paragraph(text))

    def chart(self, kind: str, title: str, labels: list[str], values: list[Decimal]) -> None:
        if kind == "pie" and not any(v > 0 for v in values):
            return  # a pie of nothing cannot be drawn
        self.figure += 1
        caption = f"图{self.figure}：{title}"
        pairs = [(lab, q2(v)) for lab, v in zip(labels, values, strict=True)]
        if kind == "pie":
            pairs = [(lab, v) for lab, v in pairs if v > 0]
        self.blocks.append(
            Chart(
                "pie" if kind == "pie" else "bar",
                title,
                [p[0] for p in pairs],
                [p[1] for p in pairs],
                "万元",
                caption,
            )
        )

    def t(self, kind: TableKind) -> TableData:
        return self.data.table(kind)

    def fixed(self, kind: TableKind, key: str, side: str, column: str) -> Decimal:
        line = self.t(kind).line(key, side)
        return line.value(column) if line is not None else ZERO

    def total_of(self, kind: TableKind, column: str) -> Decimal:
        row = self.t(kind).total_row()
        return row.value(column) if row is not None else ZERO

    def years(self, previous: Decimal | None, current: Decimal) -> tuple[list[str], list[Decimal]]:
        """Labels and values of a year-on-year bar chart (this year alone without last year's)."""
        if previous is None:
            return [f"{self.year}年度"], [current]
        return [f"{self.last}年度", f"{self.year}年度"], [previous, current]

    def year_label(self) -> str:
        return f"{self.year}年度"

    def yoy(self, subject: str, current: Decimal, previous: Decimal | None, reason: str) -> str:
        """The year-on-year sentence(s) of a total, or the no-prior-year note."""
        if previous is None:
            return self.data.text("no_prior_year")
        ch = change(current, previous)
        if ch.direction == "持平":
            subject = subject.removesuffix("各")
        sentence = f"与{self.last}年度相比，" + ch.clause(subject) + "。"
        if ch.direction != "持平":
            sentence += _reason(reason, "主要原因是" if self.sichuan else "主要原因：")
        return sentence

    # --- parts ---------------------------------------------------------------------------

    def compose(self) -> Document:
        if self.sichuan:
            self.part_overview()
            self.blocks.append(PageBreak())
            self.part_explanation()
            self.blocks.append(PageBreak())
            self.part_glossary("第三部分")
            self.blocks.append(PageBreak())
            self.part_annex()
            self.blocks.append(PageBreak())
            self.part_tables("第五部分 附表")
        else:
            self.part_overview()
            self.blocks.append(PageBreak())
            self.part_tables(f"第二部分 {self.unit.name}{self.year}年度{self.kind}决算表")
            self.blocks.append(PageBreak())
            self.part_explanation()
            self.blocks.append(PageBreak())
            self.part_glossary("第四部分")
        return Document(
            unit=self.unit.name,
            year=self.year,
            kind=self.kind,
            publication_date=_date_cn(self.unit.publication_date),
            blocks=self.blocks,
        )

    def part_overview(self) -> None:
        u = self.unit
        if self.sichuan:
            self.heading(0, f"第一部分 {self.kind}概况")
            self.heading(1, "一、主要职责")
        else:
            self.heading(0, f"第一部分 {u.name}概况")
            self.heading(1, "一、主要职能")
        for p in u.duties:
            self.para(p)
        many = len(u.units) > 1
        if self.sichuan or not many:
            self.heading(1, "二、机构设置")
            for p in u.organisation:
                self.para(p)
        else:
            self.heading(1, f"二、{self.kind}决算单位构成")
            for p in u.organisation:
                self.para(p)
        if many:
            if not self.sichuan:
                self.para(
                    f"从预算单位构成看，{u.name}{self.kind}决算包括：{u.name}本级决算、"
                    "下属行政事业单位决算。"
                )
            self.para(f"纳入{u.name}{self.year}年度{self.kind}决算编制范围的单位包括：")
            for i, entry in enumerate(u.units, 1):
                note = f"（{entry.note}）" if entry.note else ""
                self.para(f"{i}. {entry.name}{note}")

    def part_explanation(self) -> None:
        if self.sichuan:
            self.heading(0, f"第二部分 {self.year}年度{self.kind}决算情况说明")
        else:
            self.heading(0, f"第三部分 {self.unit.name}{self.year}年度{self.kind}决算情况说明")
        self.s_total(1)
        self.s_income(2)
        self.s_expense(3)
        self.s_fiscal_total(4)
        self.s_general(5)
        self.s_basic(6)
        self.s_sangong(7)
        self.s_govfund(8)
        self.s_soe(9)
        if self.sichuan:
            self.s_other(10)
        else:
            self.heading(1, "十、预算绩效管理情况")
            self.performance_sh()
            self.s_other(11)

    # --- 一 收入支出决算总体情况 --------------------------------------------------------------

    def s_total(self, n: int) -> None:
        self.heading(1, f"{cn(n)}、收入支出决算总体情况说明")
        total = self.fixed(TableKind.T01, "grand_total", "income", "amount")
        prior = self.data.prior.total
        reason = self.data.text("total_change")
        if self.sichuan:
            text = f"{self.year_label()}收入、支出总计均为{amt(total)}万元。"
            text += (
                self.yoy("收入、支出总计各", total, prior, reason)
                if prior is not None
                else (self.data.text("no_prior_year"))
            )
        else:
            text = f"{self.unit.name}{self.year_label()}收入支出总计{amt(total)}万元。"
            text += self.yoy("收入支出总计", total, prior, reason)
        self.para(text)
        self.chart(
            "bar",
            "收入、支出决算总计变动情况",
            *self.years(prior, total),
        )

    # --- 二 收入决算 ---------------------------------------------------------------------

    def income_parts(self) -> tuple[Decimal, list[tuple[str, Decimal]]]:
        """本年收入合计 and its non-zero lines (the 财政拨款 lines split by fund in Sichuan)."""
        total = self.fixed(TableKind.T01, "income_total", "income", "amount")
        lines: list[tuple[str, Decimal]] = []
        fund_lines = ("general", "govfund", "soe")
        if self.sichuan:
            for key, name in T01_INCOME_LINES:
                v = self.fixed(TableKind.T01, key, "income", "amount")
                if v != 0:
                    lines.append((name, v))
        else:
            fiscal = sum(
                (self.fixed(TableKind.T01, k, "income", "amount") for k in fund_lines), ZERO
            )
            if fiscal != 0:
                lines.append(("财政拨款收入", fiscal))
            for key, name in T01_INCOME_LINES:
                if key in fund_lines:
                    continue
                v = self.fixed(TableKind.T01, key, "income", "amount")
                if v != 0:
                    lines.append((name, v))
        return total, lines

    def s_income(self, n: int) -> None:
        total, lines = self.income_parts()
        self.breakdown(n, "收入", total, lines, "income_note")

    def breakdown(
        self, n: int, what: str, total: Decimal, lines: list[tuple[str, Decimal]], note_key: str
    ) -> None:
        """二/三: "本年{what}合计X万元，其中：A万元，占a%；…" and its pie chart."""
        self.heading(1, f"{cn(n)}、{what}决算情况说明")
        share = shares([v for _, v in lines], total)
        items = "；".join(
            f"{name}{amt(v)}万元，占{pct(s)}" for (name, v), s in zip(lines, share, strict=True)
        )
        lead = f"{self.year_label()}本年{what}合计" if self.sichuan else f"本年{what}合计"
        text = f"{lead}{amt(total)}万元"
        text += f"，其中：{items}。" if items else "。"
        note = self.data.text(note_key)
        self.para(text + (note if note else ""))
        self.chart("pie", f"{what}决算结构", [name for name, _ in lines], [v for _, v in lines])

    # --- 三 支出决算 ---------------------------------------------------------------------

    def expense_parts(self) -> tuple[Decimal, list[tuple[str, Decimal]]]:
        total = self.total_of(TableKind.T03, "total")
        lines = []
        labels = dict(zip(CODED_COLUMNS[TableKind.T03], coded_labels(TableKind.T03), strict=True))
        for col in ("basic", "project", "remit", "operating", "subsidy"):
            v = self.total_of(TableKind.T03, col)
            if v != 0:
                lines.append((labels[col], v))
        return total, lines

    def s_expense(self, n: int) -> None:
        total, lines = self.expense_parts()
        self.breakdown(n, "支出", total, lines, "expense_note")

    # --- 四 财政拨款收入支出决算总体情况 ----------------------------------------------------

    def s_fiscal_total(self, n: int) -> None:
        self.heading(1, f"{cn(n)}、财政拨款收入支出决算总体情况说明")
        total = self.fixed(TableKind.T04, "grand_total", "income", "amount")
        prior = self.data.prior.fiscal_total
        reason = self.data.text("fiscal_total_change")
        if self.sichuan:
            text = f"{self.year_label()}财政拨款收入、支出总计均为{amt(total)}万元。"
            text += (
                self.yoy("财政拨款收入、支出总计各", total, prior, reason)
                if prior is not None
                else self.data.text("no_prior_year")
            )
        else:
            text = f"{self.unit.name}{self.year_label()}财政拨款收入支出总计{amt(total)}万元。"
            text += self.yoy("财政拨款收入支出总计", total, prior, reason)
        self.para(text)
        self.chart(
            "bar",
            "财政拨款收入、支出决算总计变动情况",
            *self.years(prior, total),
        )

    # --- 五 一般公共预算财政拨款支出 -----------------------------------------------------------

    def class_lines(self) -> list[TableLine]:
        return [r for r in self.t(TableKind.T06).rows if r.code and len(r.code) == 3]

    def s_general(self, n: int) -> None:
        self.heading(1, f"{cn(n)}、一般公共预算财政拨款支出决算情况说明")
        general = self.total_of(TableKind.T06, "total")
        expense_total = self.total_of(TableKind.T03, "total")
        lead = self.year_label() if self.sichuan else ""
        # (一) 总体
        self.heading(2, "（一）一般公共预算财政拨款支出决算总体情况")
        text = f"{lead}一般公共预算财政拨款支出{amt(general)}万元"
        if expense_total > 0:
            text += f"，占本年支出合计的{pct(ratio(general, expense_total))}"
        text += "。"
        text += self.yoy(
            "一般公共预算财政拨款支出",
            general,
            self.data.prior.general_expense,
            self.data.text("general_change"),
        )
        self.para(text)
        self.chart(
            "bar",
            "一般公共预算财政拨款支出决算变动情况",
            *self.years(self.data.prior.general_expense, general),
        )
        # (二) 结构
        self.heading(2, "（二）一般公共预算财政拨款支出决算结构情况")
        classes = [r for r in self.class_lines() if r.value("total") != 0]
        share = shares([r.value("total") for r in classes], general)
        suffix = "" if self.sichuan else "（类）"
        items = "；".join(
            f"{r.name}{suffix}{amt(r.value('total'))}万元，占{pct(s)}"
            for r, s in zip(classes, share, strict=True)
        )
        text = f"{lead}一般公共预算财政拨款支出{amt(general)}万元"
        text += f"，主要用于以下方面：{items}。" if items else "。"
        self.para(text)
        self.chart(
            "pie",
            "一般公共预算财政拨款支出决算结构",
            [r.name for r in classes],
            [r.value("total") for r in classes],
        )
        # (三) 具体情况
        self.heading(2, "（三）一般公共预算财政拨款支出决算具体情况")
        items7 = [
            r
            for r in self.t(TableKind.T06).rows
            if r.code
            and len(r.code) == 7
            and (r.value("total") or self.data.budget(r.code) is not None)
        ]
        self.detail(
            general, items7, self.data.text("general_budget_difference"), "一般公共预算财政拨款支出"
        )

    def _basis(self, codes: Sequence[str]) -> str | None:
        """The budget 口径 of a list of 项: "adjusted" (全年预算, Sichuan's choice) or "initial"
        (年初预算, Shanghai's), whichever every item has, the layout's own first; None when
        neither is complete (each item then states what it has)."""
        order = ("adjusted", "initial") if self.sichuan else ("initial", "adjusted")
        for basis in order:
            if codes and all(
                (b := self.data.budget(c)) is not None and getattr(b, basis) is not None
                for c in codes
            ):
                return basis
        return None

    def _budget_of(self, code: str, basis: str | None) -> tuple[Decimal | None, bool]:
        """(budget, is_initial) of a 项 in ``basis`` (or what the item has when None)."""
        b = self.data.budget(code)
        if b is None:
            return None, False
        if basis is None:
            basis = "adjusted" if self.sichuan else "initial"
            if getattr(b, basis) is None:
                basis = "initial" if basis == "adjusted" else "adjusted"
        value = b.initial if basis == "initial" else b.adjusted
        return value, basis == "initial" and value is not None

    def budget_clause(self, budget: Decimal, actual: Decimal, initial: bool) -> str:
        """ "全年预算为X万元，支出决算为Y万元，完成预算Z%" (or the 年初预算 form)."""
        label = "年初预算为" if initial else "全年预算为"
        text = f"{label}{amt(budget)}万元，支出决算为{amt(actual)}万元"
        if budget > 0:
            rate = pct(ratio(actual, budget))
            text += f"，完成年初预算的{rate}" if initial else f"，完成预算{rate}"
        return text

    def direction_sentence(self, actual: Decimal, budget: Decimal, reason: str) -> str:
        word = compare_word(actual, budget)
        if word == "等于":
            return "" if self.sichuan else "决算数同预算数持平。"
        lead = "主要原因是" if self.sichuan else "主要原因："
        body = _reason(reason, lead)
        return f"决算数{word}预算数" + ("的" + body if body else "。")

    def detail(
        self, total: Decimal, items: list[TableLine], overall_reason: str, subject: str
    ) -> None:
        basis = self._basis([r.code or "" for r in items])
        budgets = [self._budget_of(r.code or "", basis) for r in items]
        lead = self.year_label() if self.sichuan else ""
        if basis is not None:
            budget_total = sum((b for b, _ in budgets if b is not None), ZERO)
            initial = all(i for _, i in budgets)
            text = f"{lead}{subject}" + self.budget_clause(budget_total, total, initial) + "。"
            text += self.direction_sentence(total, budget_total, overall_reason)
            self.para(text + "其中：")
        elif items:
            self.para(f"{lead}{subject}决算数为{amt(total)}万元。其中：")
        else:
            self.para(f"{lead}{subject}决算数为{amt(total)}万元。")
        for i, (row, (budget, initial)) in enumerate(zip(items, budgets, strict=True), 1):
            actual = row.value("total")
            path = self.path_of(row.code or "")
            info = self.data.budget(row.code or "")
            if self.sichuan:
                text = f"{i}. {path}："
                if budget is not None:
                    text += self.budget_clause(budget, actual, initial) + "。"
                    text += self.direction_sentence(
                        actual, budget, info.reason if info is not None else ""
                    )
                else:
                    text += f"支出决算为{amt(actual)}万元。"
            else:
                text = f"{i}、{path}。"
                if info is not None and info.purpose.strip():
                    text += f"主要用于：{info.purpose.strip().rstrip('。')}。"
                if budget is not None:
                    text += self.budget_clause(budget, actual, initial) + "。"
                    text += self.direction_sentence(
                        actual, budget, info.reason if info is not None else ""
                    )
                else:
                    text += f"支出决算为{amt(actual)}万元。"
            self.para(text)

    def path_of(self, code: str) -> str:
        """ "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）"."""
        names: dict[str, str] = {}
        for kind in (TableKind.T06, TableKind.T05, TableKind.T03, TableKind.T10, TableKind.T11):
            for r in self.t(kind).rows:
                if r.code and r.code not in names:
                    names[r.code] = r.name
        parts = []
        for length, level in ((3, "类"), (5, "款"), (7, "项")):
            name = names.get(code[:length])
            if name:
                parts.append(f"{name}（{level}）")
        return "".join(parts)

    # --- 六 基本支出 ---------------------------------------------------------------------

    def t08_totals(self) -> tuple[Decimal, Decimal]:
        rows = self.t(TableKind.T08).rows
        personnel = sum((r.value("personnel") for r in rows if r.code and len(r.code) == 3), ZERO)
        public = sum((r.value("public") for r in rows if r.code and len(r.code) == 3), ZERO)
        return personnel, public

    def economic_items(self, side: str) -> list[str]:
        rows = self.t(TableKind.T08).rows
        return [r.name for r in rows if r.code and len(r.code) == 5 and r.value(side) != 0]

    def s_basic(self, n: int) -> None:
        self.heading(1, f"{cn(n)}、一般公共预算财政拨款基本支出决算情况说明")
        basic = self.total_of(TableKind.T06, "basic")
        personnel, public = self.t08_totals()
        p_items = self.data.text("personnel_items") or _join_items(self.economic_items("personnel"))
        q_items = self.data.text("public_items") or _join_items(self.economic_items("public"))
        p_text = f"人员经费{amt(personnel)}万元" + (f"，主要包括：{p_items}" if p_items else "")
        q_text = f"公用经费{amt(public)}万元" + (f"，主要包括：{q_items}" if q_items else "")
        if self.sichuan:
            self.para(f"{self.year_label()}一般公共预算财政拨款基本支出{amt(basic)}万元，其中：")
            self.para(p_text.rstrip("。") + "。")
            self.para(q_text.rstrip("。") + "。")
        else:
            self.para(
                f"一般公共预算财政拨款基本支出{amt(basic)}万元。其中：{p_text.rstrip('。')}；"
                f"{q_text.rstrip('。')}。"
            )

    # --- 七 “三公”经费 ---------------------------------------------------------------------

    def sangong(self, key: str, column: str) -> Decimal:
        line = self.t(TableKind.T13).line(key)
        return line.value(column) if line is not None else ZERO

    def sangong_empty(self) -> bool:
        return all(self.sangong(k, c) == 0 for k, _ in SANGONG_ITEMS for c in ("budget", "actual"))

    def completion(self, actual: Decimal, budget: Decimal, sep: str = "，") -> str:
        if budget > 0:
            word = "完成预算" if self.sichuan else "完成预算的"
            return f"{sep}{word}{pct(ratio(actual, budget))}"
        return f"{sep}未安排预算" if actual == 0 else ""

    def item_yoy(self, key: str, subject: str) -> str:
        prev = self.data.prior.sangong.get(key)
        if prev is None:
            return ""
        ch = change(self.sangong(key, "actual"), prev)
        if ch.direction == "持平":
            return f"{subject}与{self.last}年度持平"
        return f"{subject}比{self.last}年度{ch.clause()}"

    def s_sangong(self, n: int) -> None:
        self.heading(1, f"{cn(n)}、财政拨款“三公”经费支出决算情况说明")
        name = self.unit.name
        if self.sangong_empty():
            self.para(f"{name}{self.year_label()}无“三公”经费财政拨款支出。")
            return
        total_b, total_a = self.sangong("total", "budget"), self.sangong("total", "actual")
        parts = [("abroad", "因公出国（境）费"), ("vehicle", "公务用车购置及运行维护费"),
                 ("reception", "公务接待费")]  # fmt: skip
        self.heading(2, "（一）“三公”经费财政拨款支出决算总体情况说明")
        budget_reason = self.data.text("sangong_budget_difference")
        word = compare_word(total_a, total_b)
        if self.sichuan:
            text = f"{self.year_label()}“三公”经费财政拨款支出决算为{amt(total_a)}万元"
            text += self.completion(total_a, total_b)
            prev = self.data.prior.sangong.get("total")
            if prev is not None:
                ch = change(total_a, prev)
                text += (
                    f"，与{self.last}年度持平"
                    if ch.direction == "持平"
                    else f"，较上年度{ch.clause()}"
                )
            text += "。"
            if total_b > 0 and word != "等于":
                text += f"决算数{word}预算数" + (
                    "的" + _reason(budget_reason) if budget_reason else "。"
                )
            self.para(text)
        else:
            text = (
                f"“三公”经费财政拨款支出年初预算为{amt(total_b)}万元，支出决算为{amt(total_a)}万元"
            )
            text += self.completion(total_a, total_b)
            sub = []
            for key, label in parts:
                a, b = self.sangong(key, "actual"), self.sangong(key, "budget")
                lead = "决算为" if key == "abroad" else "支出决算为"
                sub.append(f"{label}{lead}{amt(a)}万元{self.completion(a, b)}")
            text += "，其中：" + "；".join(sub) + "。"
            if total_b > 0:
                if word == "等于":
                    text += f"{self.year}年度“三公”经费支出决算数同预算数持平。"
                else:
                    text += f"{self.year}年度“三公”经费支出决算数{word}预算数" + (
                        "的" + _reason(budget_reason, "主要原因：") if budget_reason else "。"
                    )
            self.para(text)
            prev = self.data.prior.sangong.get("total")
            if prev is not None:
                ch = change(total_a, prev)
                if ch.direction == "持平":
                    text = f"{self.year}年度“三公”经费财政拨款支出决算数与{self.last}年度持平"
                else:
                    text = (
                        f"{self.year}年度“三公”经费财政拨款支出决算数比{self.last}年度{ch.clause()}"
                    )
                subs = []
                reasons = []
                for key, label in parts:
                    prev_item = self.data.prior.sangong.get(key)
                    if prev_item is None:
                        continue
                    ich = change(self.sangong(key, "actual"), prev_item)
                    if ich.direction == "持平":
                        subs.append(f"{label}支出与上一年度持平")
                    else:
                        subs.append(f"{label}支出决算{ich.clause()}")
                        reason = self.data.text(f"{key}_change")
                        if reason:
                            reasons.append(
                                f"{label}支出{ich.direction}的" + _reason(reason, "主要原因是")
                            )
                if subs:
                    text += "，其中：" + "；".join(subs)
                text += "。" + "".join(reasons)
                self.para(text)
        # (二) 具体情况
        self.heading(2, "（二）“三公”经费财政拨款支出决算具体情况说明")
        values = [self.sangong(k, "actual") for k, _ in parts]
        share = shares(values, total_a)
        lead = f"{self.year_label()}" if self.sichuan else ""
        items = "；".join(
            f"{label}支出决算{amt(v)}万元，占{pct(s)}"
            for (_, label), v, s in zip(parts, values, share, strict=True)
        )
        self.para(f"{lead}“三公”经费财政拨款支出决算中，{items}。具体情况如下：")
        self.chart("pie", "“三公”经费财政拨款支出结构", [p[1] for p in parts], values)
        self.sangong_details()

    def sangong_details(self) -> None:
        sg = self.data.sangong
        a_abroad, b_abroad = self.sangong("abroad", "actual"), self.sangong("abroad", "budget")
        a_vehicle, b_vehicle = self.sangong("vehicle", "actual"), self.sangong("vehicle", "budget")
        a_purchase = self.sangong("vehicle_purchase", "actual")
        a_operation = self.sangong("vehicle_operation", "actual")
        a_reception, b_reception = (
            self.sangong("reception", "actual"),
            self.sangong("reception", "budget"),
        )
        num = "." if self.sichuan else "、"
        # 1 因公出国（境）
        text = f"1{num}因公出国（境）费支出{amt(a_abroad)}万元"
        if self.sichuan:
            text += self.completion(a_abroad, b_abroad)
        text += "。"
        if self.sichuan:
            text += (
                f"全年安排因公出国（境）团组{sg.abroad_groups}次，出国（境）{sg.abroad_people}人。"
            )
        else:
            text += f"全年安排因公出国（境）团组{sg.abroad_groups}个、累计{sg.abroad_people}人次。"
        usage = self.data.text("abroad_usage")
        if usage:
            text += f"开支内容包括：{usage.rstrip('。')}。"
        if self.sichuan:
            yoy = self.item_yoy("abroad", "因公出国（境）费支出决算")
            if yoy:
                text += yoy + "。" + _reason(self.data.text("abroad_change"))
        self.para(text)
        # 2 公务用车
        text = f"2{num}公务用车购置及运行维护费支出{amt(a_vehicle)}万元"
        if self.sichuan:
            text += self.completion(a_vehicle, b_vehicle) + "。"
            yoy = self.item_yoy("vehicle", "公务用车购置及运行维护费支出决算")
            if yoy:
                text += yoy + "。" + _reason(self.data.text("vehicle_change"))
        else:
            text += "。其中："
        self.para(text)
        bought = sg.purchased_count
        if self.sichuan:
            text = f"其中：公务用车购置支出{amt(a_purchase)}万元。"
            if bought == 0 and a_purchase == 0 and not sg.purchased:
                text += "全年未更新购置公务用车。"
            else:
                types = "，".join(
                    f"{t}{sg.purchased[t].count}辆、金额{amt(sg.purchased[t].amount)}万元"
                    for t in VEHICLE_TYPES
                    if t in sg.purchased
                )
                text += f"全年按规定更新购置公务用车{bought}辆"
                text += f"，其中：{types}。" if types else "。"
            held = "、".join(f"{t}{sg.held[t]}辆" for t in VEHICLE_TYPES if t in sg.held)
            text += f"截至{self.year}年12月31日，{self.kind}共有公务用车{sg.held_count}辆" + (
                f"，其中：{held}。" if held else "。"
            )
            self.para(text)
            text = f"公务用车运行维护费支出{amt(a_operation)}万元。"
            usage = self.data.text("vehicle_operation_usage")
            if usage:
                text += f"主要用于{usage.rstrip('。')}。"
            self.para(text)
        else:
            text = f"公务用车购置支出为{amt(a_purchase)}万元。"
            usage = self.data.text("vehicle_purchase_usage")
            if usage:
                text += f"主要用于{usage.rstrip('。')}。"
            if bought:
                text += f"全年更新购置公务用车{bought}辆。"
            self.para(text)
            text = f"公务用车运行维护支出{amt(a_operation)}万元。"
            usage = self.data.text("vehicle_operation_usage")
            if usage:
                text += f"主要用于{usage.rstrip('。')}。"
            self.para(text)
            self.para(
                f"{self.year}年，{self.unit.name}所属各预算单位开支财政拨款的公务用车保有量为"
                f"{sg.held_count}辆。"
            )
        # 3 公务接待
        text = f"3{num}公务接待费支出{amt(a_reception)}万元"
        if self.sichuan:
            text += self.completion(a_reception, b_reception) + "。"
            yoy = self.item_yoy("reception", "公务接待费支出决算")
            if yoy:
                text += yoy + "。" + _reason(self.data.text("reception_change"))
            self.para(text)
            dom = sg.domestic
            text = f"国内公务接待支出{amt(dom.amount)}万元"
            usage = self.data.text("reception_usage")
            text += f"，主要用于{usage.rstrip('。')}。" if usage else "。"
            text += (
                f"国内公务接待{dom.batches}批次，{dom.people}人次（不包括陪同人员），"
                f"共计支出{amt(dom.amount)}万元。"
            )
            self.para(text)
            fo = sg.foreign
            text = f"外事接待支出{amt(fo.amount)}万元。"
            if fo.batches or fo.people or fo.amount:
                text += (
                    f"外事接待{fo.batches}批次，{fo.people}人次（不包括陪同人员），"
                    f"共计支出{amt(fo.amount)}万元。"
                )
            self.para(text)
        else:
            self.para(text + "。其中：")
            dom, fo = sg.domestic, sg.foreign
            usage = self.data.text("reception_usage")
            text = (
                f"国内公务接待支出{amt(dom.amount + fo.amount)}万元"
                f"（含外宾接待支出{amt(fo.amount)}万元）。"
            )
            if usage:
                text += f"主要用于{usage.rstrip('。')}，"
            text += (
                f"列明公务接待{dom.batches + fo.batches}批次、{dom.people + fo.people}人次，"
                f"其中：接待外宾{fo.batches}批次、{fo.people}人次。"
            )
            self.para(text)

    # --- 八 九 政府性基金、国有资本经营 ----------------------------------------------------------

    def fund_section(self, n: int, kind: TableKind, fund: str, subject: str) -> None:
        expense_total = self.total_of(TableKind.T03, "total")
        table = self.t(kind)
        total = table.total_row()
        amount = total.value("expense_total") if total is not None else ZERO
        income = total.value("income") if total is not None else ZERO
        name = self.unit.name
        if self.sichuan:
            self.heading(1, f"{cn(n)}、{fund}预算支出决算情况说明")
            if not table.has_data():
                self.para(f"{self.year_label()}{name}无{fund}预算财政拨款支出。")
                return
            text = f"{self.year_label()}{fund}预算财政拨款支出{amt(amount)}万元"
            if expense_total > 0:
                text += f"，占本年支出合计的{pct(ratio(amount, expense_total))}"
            self.para(text + "。")
            return
        self.heading(1, f"{cn(n)}、{fund}预算财政拨款收入支出决算情况说明")
        if not table.has_data():
            self.para(f"{name}{self.year_label()}无{fund}预算财政拨款收入和支出。")
            return
        self.para(
            f"{fund}预算财政拨款收入{amt(income)}万元，支出{amt(amount)}万元，支出具体情况如下："
        )
        items = [r for r in table.rows if r.code and len(r.code) == 7 and r.value("expense_total")]
        basis = self._basis([r.code or "" for r in items])
        for i, row in enumerate(items, 1):
            actual = row.value("expense_total")
            info = self.data.budget(row.code or "")
            budget, initial = self._budget_of(row.code or "", basis)
            text = f"{i}、{self.path_of(row.code or '')}。"
            if info is not None and info.purpose.strip():
                text += f"主要用于：{info.purpose.strip().rstrip('。')}。"
            if budget is not None:
                label = "年初预算为" if initial else "全年预算为"
                text += f"{label}{amt(budget)}万元，支出决算为{amt(actual)}万元。"
                text += self.direction_sentence(
                    actual, budget, info.reason if info is not None else ""
                )
            else:
                text += f"支出决算为{amt(actual)}万元。"
            self.para(text)

    def s_govfund(self, n: int) -> None:
        self.fund_section(n, TableKind.T10, "政府性基金", "政府性基金预算财政拨款支出")

    def s_soe(self, n: int) -> None:
        self.fund_section(n, TableKind.T11, "国有资本经营", "国有资本经营预算财政拨款支出")

    # --- 十 其他重要事项 ---------------------------------------------------------------------

    def s_other(self, n: int) -> None:
        self.heading(1, f"{cn(n)}、其他重要事项的情况说明")
        self.heading(2, "（一）机关运行经费支出情况")
        self.admin_cost()
        self.heading(2, "（二）政府采购支出情况")
        self.procurement()
        self.heading(2, "（三）国有资产占有使用情况")
        self.assets()
        if self.sichuan:
            self.heading(2, "（四）预算绩效管理情况")
            self.performance_sc()

    def admin_cost(self) -> None:
        cost = self.data.admin_cost
        name = self.unit.name
        if cost is None or (cost == 0 and not self.unit.administrative):
            if self.sichuan:
                self.para(f"{self.year_label()}，{name}无机关运行经费支出。")
            else:
                self.para(f"{name}{self.year_label()}无机关运行经费支出。")
            return
        lead = f"{self.year_label()}，{name}" if self.sichuan else ""
        text = f"{lead}机关运行经费支出{amt(cost)}万元"
        prev = self.data.prior.admin_cost
        if prev is not None:
            ch = change(cost, prev)
            if ch.direction == "持平":
                text += f"，与{self.last}年度持平。"
            else:
                text += f"，比{self.last}年度{ch.clause()}。"
                text += _reason(self.data.text("admin_cost_change"))
        else:
            text += "。" + self.data.text("no_prior_year")
        self.para(text)

    def procurement(self) -> None:
        p = self.data.procurement
        name = self.unit.name
        if self.sichuan:
            text = f"{self.year_label()}，{name}政府采购支出总额{amt(p.total)}万元，其中："
            text += (
                f"政府采购货物支出{amt(p.goods)}万元、政府采购工程支出{amt(p.works)}万元、"
                f"政府采购服务支出{amt(p.services)}万元。"
            )
            usage = self.data.text("procurement_usage")
            if usage:
                text += f"主要用于{usage.rstrip('。')}。"
            if p.total > 0:
                text += (
                    f"授予中小企业合同金额{amt(p.sme)}万元，占政府采购支出总额的"
                    f"{pct(ratio(p.sme, p.total))}，其中：授予小微企业合同金额"
                    f"{amt(p.small_micro)}万元，占政府采购支出总额的"
                    f"{pct(ratio(p.small_micro, p.total))}。"
                )
            self.para(text)
            return
        text = (
            f"{name}{self.year_label()}政府采购金额（以合同签订为准）为{amt(p.total)}万元，其中："
            f"货物采购金额{amt(p.goods)}万元、工程采购金额{amt(p.works)}万元、"
            f"服务采购金额{amt(p.services)}万元。"
        )
        self.para(text)
        self.para(
            f"{self.year_label()}本{self.kind}面向中小企业预留政府采购项目预算金额"
            f"{amt(p.reserved_sme_budget)}万元，面向小微企业预留政府采购项目预算金额"
            f"{amt(p.reserved_small_budget)}万元。在面向中小企业预留的政府采购项目中，由中小企业"
            f"供应商中标或成交的，采购金额{amt(p.reserved_sme_awarded)}万元；在面向小微企业预留政府"
            f"采购项目中，由小微企业供应商中标或成交的，采购金额{amt(p.reserved_small_awarded)}万元；"
            f"在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额"
            f"{amt(p.other_sme_awarded)}万元。"
        )

    def assets(self) -> None:
        a = self.data.assets
        name = self.unit.name
        uses = "、".join(f"{use}{n}辆" for use, n in a.vehicles.items())
        text = f"截至{self.year}年12月31日，{name}共有车辆{a.vehicle_count}辆"
        text += f"，其中：{uses}" if uses else ""
        usage = self.data.text("other_vehicle_usage")
        if usage and a.vehicles.get("其他用车"):
            text += f"，其他用车主要用于{usage.rstrip('。')}"
        text += "。"
        if a.general_equipment_over_500k is not None or a.special_equipment_over_1m is not None:
            text += (
                f"单价50万元（含）以上通用设备{a.general_equipment_over_500k or 0}台（套），"
                f"单价100万元（含）以上专用设备{a.special_equipment_over_1m or 0}台（套）。"
            )
        else:
            text += f"单价100万元（含）以上设备（不含车辆）{a.equipment_over_1m}台（套）。"
        self.para(text)

    def performance_sc(self) -> None:
        f = self.data.performance
        parts = []
        if f.ex_ante_projects:
            parts.append(f"组织对{f.ex_ante_projects}个项目开展了预算事前绩效评估")
        if f.target_projects is not None:
            parts.append(f"对{f.target_projects}个项目编制了绩效目标")
        text = f"根据预算绩效管理要求，本{self.kind}在{self.year}年度预算编制阶段，"
        text += "，".join(parts) if parts else "编制了项目绩效目标"
        if f.monitored_projects is not None:
            text += f"，预算执行过程中，选取{f.monitored_projects}个项目开展绩效监控"
        self.para(text + "。")
        text = f"组织对{self.year}年度一般公共预算项目支出全面开展绩效自评"
        if f.self_evaluated_projects is not None:
            text = f"组织对{f.self_evaluated_projects}个项目开展绩效自评"
        if f.self_evaluation_reports is not None:
            text += f"，形成{f.self_evaluation_reports}个绩效自评报告"
        if f.department_score is not None:
            text += f"，{self.kind}整体绩效自评得分为{f.department_score:f}分"
        text += "。"
        if self.data.annex:
            text += "绩效自评报告详见附件。"
        self.para(text)

    def performance_sh(self) -> None:
        f = self.data.performance
        name = self.unit.name
        text = f"{name}{self.year_label()}预算绩效管理工作开展情况如下："
        systems = self.data.text("performance_systems")
        mechanism = self.data.text("performance_mechanism")
        if systems:
            text += f"本{self.kind}建立了如下预算绩效管理制度：{systems.rstrip('。；')}；"
        if mechanism:
            text += f"建立了{mechanism.rstrip('。；')}的预算绩效管理工作机制；"
        clauses = []
        for label, n_, money_ in (
            ("编报绩效目标", f.target_projects, f.target_amount),
            ("绩效跟踪评价", f.monitored_projects, f.monitored_amount),
            ("绩效自评", f.self_evaluated_projects, f.self_evaluated_amount),
        ):
            if n_ is None:
                continue
            c = f"{label}的{self.year}年度项目{n_}个"
            if money_ is not None:
                c += f"，涉及预算金额{amt(money_)}万元"
            if label == "绩效自评" and f.average_score is not None:
                c += f"，平均得分{f.average_score:f}分"
            clauses.append(c)
        if clauses:
            text += "全过程绩效管理实施情况：" + "；".join(clauses)
            grades = [
                f"绩效评级为“{g}”的项目{f.grades[g]}个"
                for g in ("优", "良", "合格", "不合格")
                if g in f.grades
            ]
            problems = []
            if f.problems_found is not None:
                problems.append(f"绩效自评中共发现问题{f.problems_found}个")
                if f.problems_fixed is not None:
                    problems.append(f"已经完成整改的{f.problems_fixed}个")
                if f.problems_fixing is not None:
                    problems.append(f"正在整改的{f.problems_fixing}个")
            inner = "；".join(grades)
            if problems:
                inner += ("。" if inner else "") + "，".join(problems)
            text += f"（其中，{inner}）" if inner else ""
        if text.endswith("如下："):
            text = f"{name}{self.year_label()}没有开展绩效管理的项目"
        self.para(text.rstrip("；") + "。")

    # --- 名词解释, 附件 -------------------------------------------------------------------

    def part_glossary(self, number: str) -> None:
        self.heading(0, f"{number} 名词解释")
        entries = self.data.glossary or default_glossary(self.layout)
        for i, entry in enumerate(entries, 1):
            text = re.sub(r"^\s*(?:\d{1,2}[.、．]|[一二三四五六七八九十]+、)\s*", "", entry)
            self.para(f"{i}. {text}" if self.sichuan else f"{cn(i)}、{text}")

    def part_annex(self) -> None:
        self.heading(0, "第四部分 附件")
        for p in self.data.annex or [f"本{self.kind}{self.year}年度无附件。"]:
            self.para(p)

    # --- the tables ------------------------------------------------------------------------

    def part_tables(self, title: str) -> None:
        self.heading(0, title)
        for i, kind in enumerate(LAYOUT_TABLES[self.layout], 1):
            if i > 1:
                self.blocks.append(PageBreak())
            if self.sichuan:
                self.heading(1, f"{cn(i)}、{TABLE_TITLES[kind]}")
            self.blocks.append(self.table_block(kind, i))

    def cell(self, value: Decimal | None) -> str:
        """A table cell: Sichuan prints 0.00 and thousands separators, Shanghai leaves 0 blank."""
        if value is None:
            return ""
        if self.sichuan:
            return f"{q2(value):,.2f}"
        return "" if value == 0 else f"{q2(value):.2f}"

    def empty_statement(self, kind: TableKind) -> str:
        custom = self.t(kind).empty_statement
        if custom:
            return custom
        subject = EMPTY_SUBJECT.get(kind, "数据")
        if self.sichuan:
            return f"注：本{self.kind}{self.year}年度没有{subject}，故本表无数据。"
        return f"说明：{self.unit.name}本年度没有{subject}，故本表无数据。"

    def table_block(self, kind: TableKind, index: int) -> TableBlock:
        title = TABLE_TITLES[kind]
        number = f"财决公开{index:02d}表" if self.sichuan else ""
        block = TableBlock(
            kind=kind,
            title=title,
            unit_label="单位：万元",
            number_label=number,
            note=f"注：本表反映{self.kind}本年度{TABLE_NOTES[kind]}。",
        )
        if kind in (TableKind.T01, TableKind.T04):
            self.two_sided(kind, block)
        elif kind is TableKind.T08:
            self.blocks_table(block)
        elif kind is TableKind.T13:
            self.sangong_table(block)
        else:
            self.coded_table(kind, block)
        if not block.rows:
            block.empty_statement = self.empty_statement(kind)
        return block

    def coded_table(self, kind: TableKind, block: TableBlock) -> None:
        columns = list(CODED_COLUMNS[kind])
        labels = coded_labels(kind)
        block.header_rows = [
            [HeaderCell("科目编码"), HeaderCell("科目名称"), *(HeaderCell(t) for t in labels)]
        ]
        if self.sichuan:
            block.header_rows.append(
                [
                    HeaderCell("栏次"),
                    HeaderCell(""),
                    *(HeaderCell(str(i)) for i in range(1, len(columns) + 1)),
                ]
            )
        table = self.t(kind)
        if not table.has_data():
            return
        rows = list(table.rows)
        total = table.total_row()
        if total is None:
            total = TableLine(
                "合计",
                {
                    c: sum((r.value(c) for r in rows if r.code and len(r.code) == 3), ZERO)
                    for c in columns
                },
            )
        ordered = [total] + [r for r in rows if r.code]
        for r in ordered:
            cells = [self.cell(r.value(c)) for c in columns]
            block.rows.append([r.code or "", "合计" if r.code is None else r.name, *cells])

    def two_sided(self, kind: TableKind, block: TableBlock) -> None:
        is_t04 = kind is TableKind.T04
        table = self.t(kind)
        income_lines = T04_INCOME_LINES if is_t04 else T01_INCOME_LINES
        income_bottom = T04_INCOME_BOTTOM if is_t04 else T01_INCOME_BOTTOM
        expense_bottom = T04_EXPENSE_BOTTOM if is_t04 else T01_EXPENSE_BOTTOM
        exp_cols = ["total", "general", "govfund", "soe"] if is_t04 else ["amount"]
        classes = EXPENSE_CLASSES[self.layout]
        with_no = self.sichuan
        # header
        left = 3 if with_no else 2
        right = (2 if with_no else 1) + len(exp_cols)
        block.header_rows = [[HeaderCell("收入", colspan=left), HeaderCell("支出", colspan=right)]]
        amount_label = "金额" if is_t04 and with_no else "决算数"
        row2 = [HeaderCell("项目")]
        if with_no:
            row2.append(HeaderCell("行次"))
        row2.append(HeaderCell(amount_label))
        row2.append(HeaderCell("项目"))
        if with_no:
            row2.append(HeaderCell("行次"))
        if is_t04:
            row2 += [HeaderCell(COLUMN_HEADERS[c] if c != "total" else "合计") for c in exp_cols]
        else:
            row2.append(HeaderCell("决算数"))
        block.header_rows.append(row2)
        if with_no:
            row3 = [
                HeaderCell("栏次"),
                HeaderCell(""),
                HeaderCell("1"),
                HeaderCell("栏次"),
                HeaderCell(""),
            ]
            row3 += [HeaderCell(str(i)) for i in range(2, 2 + len(exp_cols))]
            block.header_rows.append(row3)

        def value(key: str, side: str, column: str) -> Decimal:
            line = table.line(key, side)
            return line.value(column) if line is not None else ZERO

        # the numbered lines: income lines beside the class lines, then the bottom lines
        top = max(len(income_lines), len(classes))
        income: list[tuple[str, str] | None] = [
            (k, f"{cn(i)}、{n}") for i, (k, n) in enumerate(income_lines, 1)
        ]
        income += [None] * (top - len(income))
        expense: list[tuple[str, str] | None] = [
            (k, f"{cn(i)}、{n}") for i, (k, n) in enumerate(classes, 1)
        ]
        expense += [None] * (top - len(expense))
        bottom_in: list[tuple[str, str] | None] = list(income_bottom)
        bottom_ex: list[tuple[str, str] | None] = list(expense_bottom)
        # 总计 on the same printed row on both sides
        while len(bottom_ex) < len(bottom_in):
            bottom_ex.insert(len(bottom_ex) - 1, None)
        while len(bottom_in) < len(bottom_ex):
            bottom_in.insert(len(bottom_in) - 1, None)
        left_lines = income + bottom_in
        right_lines = expense + bottom_ex
        n_rows = len(left_lines)
        for i in range(n_rows):
            li, ri = left_lines[i], right_lines[i]
            row: list[str] = []
            left_no = str(i + 1)
            right_no = str(n_rows + i + 1)
            if li is not None:
                key, name = li
                v = value(key, "income", "amount")
                text = self.cell(v)
                row += [name] + ([left_no] if with_no else []) + [text]
            else:
                row += [""] + ([left_no] if with_no else []) + [""]
            if ri is not None:
                key, name = ri
                vals = [value(key, "expense", c) for c in exp_cols]
                texts = [self.cell(v) for v in vals]
                row += [name] + ([right_no] if with_no else []) + texts
            else:
                row += [""] + ([right_no] if with_no else []) + [""] * len(exp_cols)
            block.rows.append(row)

    def blocks_table(self, block: TableBlock) -> None:
        table = self.t(TableKind.T08)
        block.header_rows = [
            [HeaderCell("人员经费", colspan=3), HeaderCell("公用经费", colspan=3)],
            [HeaderCell("科目编码"), HeaderCell("科目名称"), HeaderCell("决算数")] * 2,
        ]
        if not table.has_data():
            return

        def side_of(r: TableLine) -> str:
            if "personnel" in r.values and "public" not in r.values:
                return "personnel"
            if "public" in r.values and "personnel" not in r.values:
                return "public"
            return "personnel" if (r.code or "").startswith(PERSONNEL_CLASSES) else "public"

        coded = [r for r in table.rows if r.code]
        personnel = [r for r in coded if side_of(r) == "personnel"]
        public = [r for r in coded if side_of(r) == "public"]
        p_total, q_total = self.t08_totals()
        n = max(len(personnel), len(public))
        for i in range(n):
            row: list[str] = []
            for rows, side in ((personnel, "personnel"), (public, "public")):
                if i < len(rows):
                    r = rows[i]
                    text = self.cell(r.value(side))
                    row += [r.code or "", r.name, text]
                else:
                    row += ["", "", ""]
            block.rows.append(row)
        p_text, q_text = self.cell(p_total), self.cell(q_total)
        block.rows.append(["人员经费合计", "", p_text, "公用经费合计", "", q_text])

    def sangong_table(self, block: TableBlock) -> None:
        block.header_rows = [
            [
                HeaderCell("合计", colspan=2, rowspan=2),
                HeaderCell("因公出国（境）费", colspan=2, rowspan=2),
                HeaderCell("公务用车购置及运行维护费", colspan=6),
                HeaderCell("公务接待费", colspan=2, rowspan=2),
            ],
            [
                HeaderCell("小计", colspan=2),
                HeaderCell("公务用车购置费", colspan=2),
                HeaderCell("公务用车运行维护费", colspan=2),
            ],
            [HeaderCell("预算数"), HeaderCell("决算数")] * 6,
        ]
        if self.sangong_empty():
            return
        order = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
        row: list[str] = []
        for key in order:
            b, a = self.sangong(key, "budget"), self.sangong(key, "actual")
            tb, ta = self.cell(b), self.cell(a)
            if not self.sichuan:
                tb, ta = f"{q2(b):.2f}", f"{q2(a):.2f}"  # the one data row prints its zeros
            row += [tb, ta]
        block.rows.append(row)


def default_glossary(layout: str) -> list[str]:
    """The template's 名词解释 (used when the data gives none)."""
    items = [
        "财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、"
        "政府性基金预算财政拨款和国有资本经营预算财政拨款。",
        "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
        "经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
        "其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。",
        "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
        "年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，"
        "需延迟到以后年度按有关规定继续使用的资金。",
        "基本支出：指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。",
        "项目支出：指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。",
        "经营支出：指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。",
        "“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和"
        "公务接待费。",
        "机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的"
        "基本支出中的日常公用经费支出。",
    ]
    return items


# ---------------------------------------------------------------------------------------
# public API


def compose(data: GenerationData, layout: str = "sichuan") -> Document:
    """The whole disclosure of ``data`` in ``layout`` ("sichuan" or "shanghai")."""
    return _Composer(data, layout).compose()


def compose_with_model(
    data: GenerationData, layout: str = "sichuan"
) -> tuple[Document, Disclosure]:
    """The composed document and the :class:`Disclosure` a reader makes of it: the
    document's text and tables (:func:`~juesuan.generate.plain.raw_document`) through the
    same structure builder as any published file."""
    from juesuan.structure import build

    document = compose(data, layout)
    return document, build(raw_document(document))


def to_disclosure(data: GenerationData, layout: str = "sichuan") -> Disclosure:
    """The disclosure ``compose`` would write, as the model the rules check."""
    return compose_with_model(data, layout)[1]
