"""Narrative vs tables (JS500–JS599): every number the explanation (决算情况说明) states is
compared with the table value it restates.

A statement and the table cell it restates are two printings of the same quantity, so they
must be identical: one cent apart → warning, more → error (``common.difference_severity``).
Where a quantity is printed in several tables (本年收入合计 in 01表 and 02表), the statement is
right when it equals any of them — the tables' disagreement is the cross-table rules' business.
Blank cells count as 0; a table printed without data ("本表无数据") holds 0 everywhere; a
table the reader could not recognise (no rows, no such statement) is never compared.

Shares are recomputed from the amounts they are shares of, with interval reasoning: the
printed amounts stand for any value within half a cent, so a printed percentage is wrong only
when no ratio they allow rounds to it (``common.judge_ratio``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from juesuan.catalog import functional_classes
from juesuan.model import Disclosure, Evidence, Statement, Table, TableKind
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import (
    ZERO,
    difference_severity,
    judge_ratio,
    money,
    table_label,
)
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative_facts import (
    ACTUAL_MEASURES,
    CLEAN_BUDGET_DIRECTIONS,
    COMPLETION_MEASURES,
    SANGONG_TOPICS,
    Facts,
    TableValue,
    fmt,
    money_of,
    percent_of,
    t08_totals,
    where_of,
)
from juesuan.rules.tables import (
    cell_or_zero,
    first_total_row,
    fixed_line,
    row_by_code,
    table_known,
)

Lookup = Callable[[Disclosure], "TableValue | None"]

_NO_STATEMENTS = "情况说明中没有可与报表核对的数字"
_NO_TABLES = "没有可核对的决算表"


# --- table look-ups -----------------------------------------------------------------------


def _known(doc: Disclosure, kind: TableKind) -> Table | None:
    table = doc.table(kind)
    return table if table_known(table) else None


def _empty(table: Table) -> TableValue | None:
    """0 for a table printed without data (说明：……故本表无数据)."""
    if not table.rows and table.empty_statement:
        return TableValue(f"{table_title_of(table)}（本表无数据）", ZERO, [table.evidence])
    return None


def table_title_of(table: Table) -> str:
    return table_label(table).split(" ", 1)[-1]


def _fixed(kind: TableKind, ref: str, column: str, side: str | None = None) -> Lookup:
    """A fixed line of the two-sided tables (T01, T04), by its ref_code."""

    def look(doc: Disclosure) -> TableValue | None:
        table = _known(doc, kind)
        if table is None:
            return None
        row = fixed_line(table, ref, side)
        if row is None:
            return _empty(table)
        label = f"{table_title_of(table)}“{row.name.strip()}”"
        if column not in ("amount", "actual"):
            label += f"{table.column_labels.get(column, '')}栏"
        return TableValue(label, cell_or_zero(row, column), [row.evidence])

    return look


def _total(kind: TableKind, column: str) -> Lookup:
    """A column of the 合计 row of a one-sided table (T02, T03, T06, T10, T11, T12)."""

    def look(doc: Disclosure) -> TableValue | None:
        table = _known(doc, kind)
        if table is None:
            return None
        row = first_total_row(table)
        if row is None:
            return _empty(table)
        header = table.column_labels.get(column, column)
        label = f"{table_title_of(table)}合计行“{header}”栏"
        return TableValue(label, cell_or_zero(row, column), [row.evidence])

    return look


def _fiscal_sum(doc: Disclosure) -> TableValue | None:
    """财政拨款收入 as the sum of the three 财政拨款 income lines of T01."""
    table = _known(doc, TableKind.T01)
    if table is None:
        return None
    rows = [fixed_line(table, ref, "income") for ref in ("general", "govfund", "soe")]
    present = [r for r in rows if r is not None]
    if not present:
        return None
    value = sum((cell_or_zero(r, "amount") for r in present), ZERO)
    label = f"{table_title_of(table)}三项财政拨款收入之和"
    return TableValue(label, value, [r.evidence for r in present])


def _t08_sum(doc: Disclosure) -> TableValue | None:
    table = _known(doc, TableKind.T08)
    if table is None:
        return None
    personnel, public = t08_totals(table)
    if personnel is None or public is None:
        return None
    value = cell_or_zero(personnel, "personnel") + cell_or_zero(public, "public")
    label = f"{table_title_of(table)}人员经费合计与公用经费合计之和"
    evidence = [personnel.evidence] + ([public.evidence] if public is not personnel else [])
    return TableValue(label, value, evidence)


def _t08_part(column: str) -> Lookup:
    def look(doc: Disclosure) -> TableValue | None:
        table = _known(doc, TableKind.T08)
        if table is None:
            return None
        personnel, public = t08_totals(table)
        row = personnel if column == "personnel" else public
        if row is None:
            return None
        name = "人员经费合计" if column == "personnel" else "公用经费合计"
        return TableValue(
            f"{table_title_of(table)}“{name}”", cell_or_zero(row, column), [row.evidence]
        )

    return look


# --- comparing ----------------------------------------------------------------------------


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    for e in evidence:
        if e not in out:
            out.append(e)
    return out


def _compare(
    s: Statement, values: list[TableValue], uncertain: bool = False, what: str = ""
) -> Hit | None:
    """A hit when the statement's amount equals none of the table values restating it."""
    stated = money_of(s)
    if stated is None or not values:
        return None
    primary = values[0]
    if primary.value == stated:
        return None
    agreeing = [v for v in values if v.value == stated]
    if agreeing:
        # The tables disagree with each other (the cross-table rules report that); the
        # statement follows one of them: worth a note, not a narrative defect.
        diff = stated - primary.value
        evidence = [s.evidence, *primary.evidence, *agreeing[0].evidence]
        return Hit(
            message=(
                f"{where_of(s)}所述{what or f'“{s.subject}”'}为 {money(stated)} 万元，与"
                f"{agreeing[0].label}一致，但{primary.label}为 {money(primary.value)} 万元，"
                f"相差 {money(abs(diff))} 万元（两表不一致）。"
            ),
            evidence=_unique(evidence),
            expected=money(primary.value),
            actual=money(stated),
            severity=Severity.INFO,
            where=where_of(s),
        )
    nearest = min(values, key=lambda v: abs(v.value - stated))
    diff = stated - nearest.value
    severity = difference_severity(diff)
    if uncertain:
        severity = Severity.WARNING
    others = [v for v in values if v is not nearest]
    also = "".join(f"；{v.label}为 {money(v.value)} 万元" for v in others)
    subject = what or f"“{s.subject}”"
    message = (
        f"{where_of(s)}所述{subject}为 {money(stated)} 万元，{nearest.label}为 "
        f"{money(nearest.value)} 万元，相差 {money(abs(diff))} 万元{also}。"
    )
    evidence = [s.evidence]
    for v in [nearest, *others]:
        evidence.extend(e for e in v.evidence if e not in evidence)
    return Hit(
        message=message,
        evidence=evidence,
        expected=money(nearest.value),
        actual=money(stated),
        severity=severity,
        where=where_of(s),
    )


def _check_specs(
    doc: Disclosure,
    specs: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]],
    measures: frozenset[str] = ACTUAL_MEASURES,
) -> Iterator[Hit]:
    for s in doc.statements:
        spec = specs.get(s.subject)
        if spec is None or s.measure not in measures:
            continue
        topics, lookups = spec
        if topics is not None and s.topic not in topics:
            continue
        values = [v for look in lookups if (v := look(doc)) is not None]
        hit = _compare(s, values)
        if hit is not None:
            yield hit


def _require(doc: Disclosure, subjects: set[str], kinds: tuple[TableKind, ...]) -> None:
    if not any(s.subject in subjects for s in doc.statements):
        raise NotApplicable(_NO_STATEMENTS)
    if not any(_known(doc, k) is not None for k in kinds):
        raise NotApplicable(_NO_TABLES)


# --- JS501 totals, income and expense -----------------------------------------------------

_INCOME = frozenset({"income"})
_EXPENSE = frozenset({"expense"})
_T01, _T02, _T03, _T04 = TableKind.T01, TableKind.T02, TableKind.T03, TableKind.T04
_T06, _T08, _T10, _T11 = TableKind.T06, TableKind.T08, TableKind.T10, TableKind.T11
_T12, _T13 = TableKind.T12, TableKind.T13


def _income_line(ref: str, column: str) -> tuple[Lookup, ...]:
    return (_fixed(_T01, ref, "amount", "income"), _total(_T02, column))


_TOTAL_SPECS: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]] = {
    "收入支出总计": (None, (_fixed(_T01, "grand_total", "amount", "income"),)),
    "本年收入合计": (_INCOME, (_fixed(_T01, "income_total", "amount"), _total(_T02, "total"))),
    "财政拨款收入": (_INCOME, (_total(_T02, "fiscal"), _fiscal_sum)),
    "上级补助收入": (_INCOME, _income_line("superior", "superior")),
    "事业收入": (_INCOME, _income_line("business", "business")),
    "经营收入": (_INCOME, _income_line("operating", "operating")),
    "附属单位上缴收入": (_INCOME, _income_line("affiliated", "affiliated")),
    "其他收入": (_INCOME, _income_line("other", "other")),
    "使用非财政拨款结余": (_INCOME, (_fixed(_T01, "non_fiscal_balance_used", "amount"),)),
    "年初结转和结余": (_INCOME, (_fixed(_T01, "begin_balance", "amount"),)),
    "本年支出合计": (_EXPENSE, (_fixed(_T01, "expense_total", "amount"), _total(_T03, "total"))),
    "基本支出": (_EXPENSE, (_total(_T03, "basic"),)),
    "项目支出": (_EXPENSE, (_total(_T03, "project"),)),
    "上缴上级支出": (_EXPENSE, (_total(_T03, "remit"),)),
    "经营支出": (_EXPENSE, (_total(_T03, "operating"),)),
    "对附属单位补助支出": (_EXPENSE, (_total(_T03, "subsidy"),)),
    "结余分配": (_EXPENSE, (_fixed(_T01, "distribution", "amount"),)),
    "年末结转和结余": (_EXPENSE, (_fixed(_T01, "end_balance", "amount"),)),
    "财政拨款收入支出总计": (
        None,
        (
            _fixed(_T04, "grand_total", "amount", "income"),
            _fixed(_T04, "grand_total", "total", "expense"),
        ),
    ),
}

# The three 财政拨款 income lines: in 二 they restate 01表 (and 04表); in 四 they restate 04表.
for _subject, _ref in (
    ("一般公共预算财政拨款收入", "general"),
    ("政府性基金预算财政拨款收入", "govfund"),
    ("国有资本经营预算财政拨款收入", "soe"),
):
    _TOTAL_SPECS[_subject] = (
        frozenset({"income", "fiscal_total"}),
        (_fixed(_T01, _ref, "amount", "income"), _fixed(_T04, _ref, "amount", "income")),
    )


@rule(
    "JS501",
    name="narrative-totals-mismatch",
    title="说明中的收支总数与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第一至四部分复述收入支出决算总表、收入决算表、支出决算表和财政拨款收入支出决算总表中的
总计、本年收入合计、各项收入、本年支出合计、基本支出、项目支出等数字。同一个数在说明和表中
必须完全一致；不一致说明其中一处抄错或表格修改后说明没有同步更新。相差 0.01 万元为警告，
更大为错误。
""",
    bad=(
        "说明：本年支出合计 1069.86 万元，其中基本支出 117.88 万元；"
        "支出决算表合计行基本支出 117.86 万元。"
    ),
    good="说明与支出决算表合计行的基本支出均为 117.88 万元。",
    tolerance="CENT：同一数字的两次印刷必须相同，相差 0.01 万元为警告，更大为错误。",
    suggestion="核对说明与决算表，改正抄错的一处。",
)
def totals_mismatch(doc: Disclosure) -> Iterator[Hit]:
    _require(doc, set(_TOTAL_SPECS), (_T01, _T02, _T03, _T04))
    yield from _check_specs(doc, _TOTAL_SPECS)


# --- JS502 一般公共预算财政拨款支出 and its classes -----------------------------------------


def _class_values(doc: Disclosure, code: str) -> list[TableValue]:
    values: list[TableValue] = []
    t06 = _known(doc, _T06)
    if t06 is not None:
        row = row_by_code(t06, code)
        if row is not None:
            values.append(
                TableValue(
                    f"{table_title_of(t06)}“{code} {row.name}”",
                    cell_or_zero(row, "total"),
                    [row.evidence],
                )
            )
        elif t06.rows:
            values.append(
                TableValue(f"{table_title_of(t06)}（未列 {code} 类）", ZERO, [t06.evidence])
            )
        elif (v := _empty(t06)) is not None:
            values.append(v)
    t04 = _known(doc, _T04)
    if t04 is not None:
        row = fixed_line(t04, code, "expense")
        if row is not None:
            label = f"{table_title_of(t04)}“{row.name.strip()}”一般公共预算财政拨款栏"
            values.append(TableValue(label, cell_or_zero(row, "general"), [row.evidence]))
    return values


_GENERAL = "一般公共预算财政拨款支出"
_GENERAL_LOOKUPS = (_total(_T06, "total"), _fixed(_T04, "expense_total", "general", "expense"))


@rule(
    "JS502",
    name="narrative-general-budget-mismatch",
    title="一般公共预算财政拨款支出与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第五部分的一般公共预算财政拨款支出总额应等于一般公共预算财政拨款支出决算表合计（也即
财政拨款收入支出决算总表一般公共预算财政拨款栏的本年支出合计），“结构情况”中各类（如社会
保障和就业支出）的金额应等于该表对应类级科目的金额。
""",
    bad=(
        "说明：住房保障支出（类）461.08 万元；"
        "一般公共预算财政拨款支出决算表 221 住房保障支出 460.08 万元。"
    ),
    good="说明与表中 221 类均为 461.08 万元。",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="以一般公共预算财政拨款支出决算表为准核对说明中的金额。",
)
def general_budget_mismatch(doc: Disclosure) -> Iterator[Hit]:
    classes = [
        s
        for s in doc.statements
        if s.code is not None
        and len(s.code) == 3
        and s.measure in ACTUAL_MEASURES
        and not _is_path(s.subject)
    ]
    totals = [s for s in doc.statements if s.subject == _GENERAL and s.measure in ACTUAL_MEASURES]
    if not classes and not totals:
        raise NotApplicable(_NO_STATEMENTS)
    if _known(doc, _T06) is None and _known(doc, _T04) is None:
        raise NotApplicable(_NO_TABLES)
    total_values = [v for look in _GENERAL_LOOKUPS if (v := look(doc)) is not None]
    for s in totals:
        if (hit := _compare(s, total_values)) is not None:
            yield hit
    for s in classes:
        assert s.code is not None
        if (hit := _compare(s, _class_values(doc, s.code))) is not None:
            yield hit


# --- JS503 具体情况: 类/款/项 paths ------------------------------------------------------------

_SEGMENT = re.compile(r"(.+?)（(类|款|项)）")


def _is_path(subject: str) -> bool:
    return "（类）" in subject or "（款）" in subject or "（项）" in subject


def _norm(name: str) -> str:
    return name.replace(" ", "").replace("(", "（").replace(")", "）").strip()


def _class_code(name: str, t06: Table) -> str | None:
    wanted = _norm(name)
    candidates = {wanted, wanted + "支出", wanted.removesuffix("支出")}
    for code, standard in functional_classes().items():
        if standard in candidates or standard.removesuffix("支出") in candidates:
            return code
    for row in t06.rows:
        if row.code and len(row.code) == 3 and _norm(row.name) in candidates:
            return row.code
    return None


def resolve_path(subject: str, t06: Table) -> str | None:
    """The 款/项 code a printed 类/款/项 path names in the 一般公共预算财政拨款支出决算表, when the
    names identify exactly one row (the 款 may be missing or misnamed if the 项 is unique)."""
    segments = {level: name for name, level in _SEGMENT.findall(subject)}
    if "类" not in segments:
        return None
    class_code = _class_code(segments["类"], t06)
    if class_code is None:
        return None
    level = "项" if "项" in segments else "款" if "款" in segments else None
    if level is None:
        return class_code
    length = 7 if level == "项" else 5
    under_class = [r for r in t06.rows if r.code and r.code.startswith(class_code)]
    matches = [
        r
        for r in under_class
        if len(r.code or "") == length and _norm(r.name) == _norm(segments[level])
    ]
    if level == "项" and "款" in segments:
        kuan = [
            r
            for r in under_class
            if len(r.code or "") == 5 and _norm(r.name) == _norm(segments["款"])
        ]
        if len(kuan) == 1:
            kuan_code = kuan[0].code or ""
            narrowed = [r for r in matches if (r.code or "").startswith(kuan_code)]
            matches = narrowed or matches
    codes = {r.code for r in matches}
    return codes.pop() if len(codes) == 1 else None


@rule(
    "JS503",
    name="narrative-item-mismatch",
    title="具体科目支出决算数与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“一般公共预算财政拨款支出决算具体情况”逐项说明类/款/项科目的支出决算数，它应等于一般公共
预算财政拨款支出决算表中该科目的金额。说明不印科目编码时按表中的科目名称定位；名称对不上
（科目名称印错、改名）时不作比较。
""",
    bad=(
        "说明：住房保障支出（类）住房改革支出（款）住房公积金（项）支出决算为 17.07 万元；"
        "表中 2210201 住房公积金 17.70 万元。"
    ),
    good="说明与表中 2210201 住房公积金均为 17.70 万元。",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="以一般公共预算财政拨款支出决算表为准改正说明中的支出决算数。",
)
def item_mismatch(doc: Disclosure) -> Iterator[Hit]:
    items = [s for s in doc.statements if _is_path(s.subject) and s.measure == "actual"]
    if not items:
        raise NotApplicable("情况说明中没有逐项科目的支出决算数")
    t06 = _known(doc, _T06)
    if t06 is None or not t06.rows:
        raise NotApplicable("没有可核对的一般公共预算财政拨款支出决算表")
    for s in items:
        code = s.code or resolve_path(s.subject, t06)
        if code is None:
            continue
        row = row_by_code(t06, code)
        if row is None:
            continue
        value = TableValue(
            f"{table_title_of(t06)}“{code} {row.name}”", cell_or_zero(row, "total"), [row.evidence]
        )
        if (hit := _compare(s, [value], what=f"“{s.subject}”支出决算数")) is not None:
            yield hit


# --- JS504 基本支出 ------------------------------------------------------------------------------

_BASIC_SPECS: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]] = {
    "一般公共预算财政拨款基本支出": (None, (_total(_T06, "basic"), _t08_sum)),
    "人员经费": (frozenset({"basic"}), (_t08_part("personnel"),)),
    "公用经费": (frozenset({"basic"}), (_t08_part("public"),)),
}


@rule(
    "JS504",
    name="narrative-basic-mismatch",
    title="基本支出、人员经费、公用经费与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“一般公共预算财政拨款基本支出决算情况说明”中的基本支出总额应等于一般公共预算财政拨款支出决算表
合计行的基本支出，也等于一般公共预算财政拨款基本支出决算表的人员经费合计与公用经费合计之和；
人员经费、公用经费应分别等于后者的两个合计。常见错误是把支出决算表（含非财政拨款）的基本
支出抄进这一节。
""",
    bad=(
        "说明：一般公共预算财政拨款基本支出 5377.64 万元，其中人员经费 4896.98 万元；"
        "表中基本支出 5364.75 万元、人员经费合计 4884.09 万元。"
    ),
    good=(
        "说明：一般公共预算财政拨款基本支出 5364.75 万元，其中人员经费 4884.09 万元、"
        "公用经费 480.66 万元。"
    ),
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="按一般公共预算财政拨款基本支出决算表改正说明中的金额。",
)
def basic_mismatch(doc: Disclosure) -> Iterator[Hit]:
    _require(doc, set(_BASIC_SPECS), (_T06, _T08))
    yield from _check_specs(doc, _BASIC_SPECS)


# --- JS505 “三公”经费 -------------------------------------------------------------------------

SANGONG_ITEMS = {
    "“三公”经费": "total",
    "因公出国（境）费": "abroad",
    "公务用车购置及运行维护费": "vehicle",
    "公务用车购置费": "vehicle_purchase",
    "公务用车运行维护费": "vehicle_operation",
    "公务接待费": "reception",
}
_BUDGET_MEASURES = frozenset({"budget", "budget_initial"})


def _t13_value(doc: Disclosure, subject: str, column: str) -> TableValue | None:
    ref = SANGONG_ITEMS.get(subject)
    table = _known(doc, _T13)
    if ref is None or table is None:
        return None
    row = fixed_line(table, ref)
    if row is None:
        return _empty(table)
    header = "预算数" if column == "budget" else "决算数"
    return TableValue(
        f"{table_title_of(table)}“{row.name.strip()}”{header}",
        cell_or_zero(row, column),
        [row.evidence],
    )


@rule(
    "JS505",
    name="narrative-sangong-mismatch",
    title="“三公”经费金额与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
“三公”经费说明中的合计、因公出国（境）费、公务用车购置及运行维护费（购置费、运行维护费）、
公务接待费，其决算数与预算数都应等于财政拨款“三公”经费支出决算表的对应数字。说明中的
“年初预算”与表中“预算数”口径可能不同（表为全年预算时），其不一致只作警告。
""",
    bad="说明：公务接待费支出决算为 0.93 万元；“三公”经费支出决算表公务接待费决算数 0.39 万元。",
    good="说明与表中公务接待费决算数均为 0.39 万元。",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误；年初预算与表中预算数不一致一律为警告。",
    suggestion="以财政拨款“三公”经费支出决算表为准改正说明。",
)
def sangong_mismatch(doc: Disclosure) -> Iterator[Hit]:
    stated = [
        s
        for s in doc.statements
        if s.subject in SANGONG_ITEMS
        and s.topic in SANGONG_TOPICS
        and s.measure in ACTUAL_MEASURES | _BUDGET_MEASURES
    ]
    if not stated:
        raise NotApplicable("情况说明中没有“三公”经费金额")
    if _known(doc, _T13) is None:
        raise NotApplicable("没有可核对的财政拨款“三公”经费支出决算表")
    for s in stated:
        column = "budget" if s.measure in _BUDGET_MEASURES else "actual"
        value = _t13_value(doc, s.subject, column)
        if value is None:
            continue
        kind = {"budget_initial": "年初预算", "budget": "预算数"}.get(s.measure, "决算数")
        what = f"“{s.subject}”{kind}"
        hit = _compare(s, [value], uncertain=s.measure == "budget_initial", what=what)
        if hit is not None:
            yield hit


# --- JS506 政府性基金 / 国有资本经营预算 ---------------------------------------------------------

_FUND_SPECS: dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]] = {
    "政府性基金预算财政拨款支出": (
        None,
        (_total(_T10, "expense_total"), _fixed(_T04, "expense_total", "govfund", "expense")),
    ),
    "国有资本经营预算财政拨款支出": (
        None,
        (
            _total(_T11, "expense_total"),
            _total(_T12, "total"),
            _fixed(_T04, "expense_total", "soe", "expense"),
        ),
    ),
}


@rule(
    "JS506",
    name="narrative-fund-mismatch",
    title="政府性基金、国有资本经营预算支出与报表不一致",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明第八、九部分所述政府性基金预算、国有资本经营预算财政拨款支出应等于对应收入支出决算表
的本年支出合计（也即财政拨款收入支出决算总表相应栏）。表注明“本表无数据”时说明中的支出
应为 0。
""",
    bad=(
        "说明：政府性基金预算财政拨款支出 446.94 万元；"
        "政府性基金预算财政拨款收入支出决算表注明本表无数据。"
    ),
    good="说明与表中政府性基金预算财政拨款本年支出均为 446.94 万元。",
    tolerance="CENT：相差 0.01 万元为警告，更大为错误。",
    suggestion="核对政府性基金、国有资本经营预算财政拨款收入支出决算表与说明。",
)
def fund_mismatch(doc: Disclosure) -> Iterator[Hit]:
    _require(doc, set(_FUND_SPECS), (_T04, _T10, _T11, _T12))
    yield from _check_specs(doc, _FUND_SPECS)


# --- JS507 “无…” statements vs tables with money --------------------------------------------


def _absent_values(doc: Disclosure, subject: str) -> list[TableValue]:
    lookups: tuple[Lookup, ...] = ()
    if subject in _FUND_SPECS:
        lookups = _FUND_SPECS[subject][1]
    elif subject == "“三公”经费":
        lookups = (lambda d: _t13_value(d, "“三公”经费", "actual"),)
    elif subject == "更新购置公务用车":
        lookups = (lambda d: _t13_value(d, "公务用车购置费", "actual"),)
    return [v for look in lookups if (v := look(doc)) is not None]


@rule(
    "JS507",
    name="narrative-absent-but-table-has-money",
    title="说明称“无”但报表有金额",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
情况说明写“无政府性基金预算财政拨款支出”“无‘三公’经费支出”“未更新购置公务用车”时，对应
决算表（政府性基金、国有资本经营预算财政拨款收入支出决算表，财政拨款收入支出决算总表，
“三公”经费支出决算表）中相应金额必须为 0；否则说明与报表矛盾。
""",
    bad=(
        "说明：本单位无政府性基金预算财政拨款支出；财政拨款收入支出决算总表"
        "政府性基金预算财政拨款栏本年支出合计 446.94 万元。"
    ),
    good="说明：政府性基金预算财政拨款支出 446.94 万元，占本年支出合计的 41.78%。",
    suggestion="按决算表改写说明，列出实际金额。",
)
def absent_but_table_has_money(doc: Disclosure) -> Iterator[Hit]:
    absent = [s for s in doc.statements if s.measure == "absent"]
    if not absent:
        raise NotApplicable("情况说明中没有“无……”的表述")
    for s in absent:
        values = [v for v in _absent_values(doc, s.subject) if v.value != 0]
        if not values:
            continue
        first = values[0]
        evidence = [s.evidence]
        for v in values:
            evidence.extend(e for e in v.evidence if e not in evidence)
        listed = "；".join(f"{v.label}为 {money(v.value)} 万元" for v in values)
        yield Hit(
            message=f"{where_of(s)}称无“{s.subject}”，但{listed}。",
            evidence=evidence,
            expected=f"{money(first.value)} 万元",
            actual="无",
            where=where_of(s),
        )


# --- JS508 “三公”经费 completion rate and budget direction vs the table --------------------


@rule(
    "JS508",
    name="narrative-sangong-rate-vs-table",
    title="“三公”经费完成预算比例或预决算比较与报表不符",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明只写“公务接待费支出 0.39 万元，完成预算的 13.68%”而不写预算数时，完成比例应等于决算数除以
“三公”经费支出决算表中的预算数；“决算数小于（大于、等于）预算数”应与表中预算数、决算数的
大小一致。比例按印刷精度区间判断：只有任何舍入前的金额都得不出所印比例时才报告。
""",
    bad="说明：公务接待费支出决算为 0.39 万元，完成预算的 31.68%；表中公务接待费预算数 2.85 万元。",
    good="说明：公务接待费支出决算为 0.39 万元，完成预算的 13.68%。",
    tolerance=(
        "区间判断（ratio_interval / percent_consistent）：差一个末位单位为警告，更大为错误；"
        "落在区间内但与按印刷数计算的结果不同为提示。"
    ),
    suggestion="按“三公”经费支出决算表重新计算完成比例或改正比较用语。",
)
def sangong_rate_vs_table(doc: Disclosure) -> Iterator[Hit]:
    targets = [
        s
        for s in doc.statements
        if s.subject in SANGONG_ITEMS
        and s.topic in SANGONG_TOPICS
        and (s.measure in COMPLETION_MEASURES or s.measure == "budget_direction")
    ]
    if not targets:
        raise NotApplicable("情况说明中没有“三公”经费完成预算比例或预决算比较")
    if _known(doc, _T13) is None:
        raise NotApplicable("没有可核对的财政拨款“三公”经费支出决算表")
    facts = Facts(doc.statements)
    for s in targets:
        stop = COMPLETION_MEASURES | {"budget_direction"}
        if facts.before(s, _BUDGET_MEASURES, stop) is not None:
            continue  # the sentence states its budget: narrative arithmetic checks it
        budget = _t13_value(doc, s.subject, "budget")
        if budget is None:
            continue
        stated_actual = facts.before(s, ACTUAL_MEASURES, stop)
        actual_value = money_of(stated_actual)
        actual_table = _t13_value(doc, s.subject, "actual")
        if actual_value is None:
            if actual_table is None:
                continue
            actual_value = actual_table.value
        evidence = [s.evidence]
        if stated_actual is not None:
            evidence.append(stated_actual.evidence)
        evidence.extend(e for e in budget.evidence if e not in evidence)
        if s.measure in COMPLETION_MEASURES:
            hit = _rate_hit(s, actual_value, budget, evidence)
        else:
            if facts.before(s, COMPLETION_MEASURES, {"budget_direction"}) is not None:
                continue  # judged against the stated rate by narrative arithmetic
            hit = _direction_hit(s, actual_value, budget, evidence)
        if hit is not None:
            yield hit


def _rate_hit(
    s: Statement, actual: Decimal, budget: TableValue, evidence: list[Evidence]
) -> Hit | None:
    printed = percent_of(s)
    if printed is None:
        return None
    if budget.value <= 0:
        if actual == 0:
            return None  # 0 of 0: any convention
        return Hit(
            message=(
                f"{where_of(s)}“{s.subject}”决算 {money(actual)} 万元，称完成预算 {fmt(printed)}%，"
                f"但{budget.label}为 0 万元，完成比例无从计算。"
            ),
            evidence=evidence,
            expected="无从计算（预算为 0）",
            actual=f"{fmt(printed)}%",
            where=where_of(s),
        )
    verdict = judge_ratio(printed, actual, budget.value)
    if verdict is None or verdict.severity is None:
        return None
    note = ""
    if verdict.severity is Severity.INFO:
        note = f"；按金额舍入前的可能取值（{verdict.interval_text}）所印比例仍可能成立"
    return Hit(
        message=(
            f"{where_of(s)}“{s.subject}”决算 {money(actual)} 万元、{budget.label} "
            f"{money(budget.value)} 万元，完成预算应为 {fmt(verdict.expected)}%，说明为 "
            f"{fmt(printed)}%{note}。"
        ),
        evidence=evidence,
        expected=f"{fmt(verdict.expected)}%",
        actual=f"{fmt(printed)}%",
        severity=verdict.severity,
        where=where_of(s),
    )


def _direction_hit(
    s: Statement, actual: Decimal, budget: TableValue, evidence: list[Evidence]
) -> Hit | None:
    word = s.value if isinstance(s.value, str) else ""
    if word not in CLEAN_BUDGET_DIRECTIONS:
        return None  # template residue such as 大于（小于）: the residue family reports it
    diff = actual - budget.value
    truth = (diff > 0) - (diff < 0)
    if truth == CLEAN_BUDGET_DIRECTIONS[word]:
        return None
    expected = {1: "大于", -1: "小于", 0: "等于"}[truth]
    severity = Severity.WARNING if abs(diff) <= Decimal("0.01") else Severity.ERROR
    return Hit(
        message=(
            f"{where_of(s)}称“{s.subject}”决算数{word}预算数，但决算数 {money(actual)} 万元、"
            f"{budget.label} {money(budget.value)} 万元，应为“{expected}”。"
        ),
        evidence=evidence,
        expected=expected,
        actual=word,
        severity=severity,
        where=where_of(s),
    )


# --- JS510 shares -------------------------------------------------------------------------

_PROCUREMENT_SHARES = {"授予中小企业合同金额", "授予小微企业合同金额"}
_SANGONG_PARTS = {"因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"}


def _denominator(
    doc: Disclosure, facts: Facts, s: Statement
) -> tuple[str, Decimal, list[Evidence]] | None:
    """(name, amount, evidence) of the total a share is a share of, stated if possible."""

    def stated(
        subject: str, topics: frozenset[str] | None, section: str | None = None
    ) -> tuple[str, Decimal, list[Evidence]] | None:
        for t in facts.of(subject, None, topics):
            if t.measure in ACTUAL_MEASURES and (section is None or t.section == section):
                value = money_of(t)
                if value is not None:
                    return subject, value, [t.evidence]
        return None

    def table(look: Lookup, name: str) -> tuple[str, Decimal, list[Evidence]] | None:
        v = look(doc)
        return (name, v.value, v.evidence) if v is not None else None

    if s.topic == "income":
        return stated("本年收入合计", _INCOME) or table(
            _fixed(_T01, "income_total", "amount"), "本年收入合计"
        )
    if s.topic == "expense" or (
        s.subject in {_GENERAL, "政府性基金预算财政拨款支出", "国有资本经营预算财政拨款支出"}
        and s.topic in {"general_budget_overall", "govfund", "soe"}
    ):
        return stated("本年支出合计", _EXPENSE) or table(
            _fixed(_T01, "expense_total", "amount"), "本年支出合计"
        )
    if s.code is not None and len(s.code) == 3 and s.topic == "general_budget_structure":
        return stated(_GENERAL, frozenset({"general_budget_structure"}), s.section) or table(
            _total(_T06, "total"), _GENERAL
        )
    if s.subject in _SANGONG_PARTS and s.topic in SANGONG_TOPICS:
        return stated("“三公”经费", SANGONG_TOPICS) or table(
            lambda d: _t13_value(d, "“三公”经费", "actual"), "“三公”经费"
        )
    if s.subject in _PROCUREMENT_SHARES:
        return stated("政府采购总额", None)
    return None


@rule(
    "JS510",
    name="narrative-share-wrong",
    title="占比与所述金额不符",
    category=Category.NARRATIVE,
    severity=Severity.ERROR,
    rationale="""
说明中的“占XX%”是该项金额占本节合计（本年收入合计、本年支出合计、一般公共预算财政拨款支出、
“三公”经费合计、政府采购总额）的比例，应按四舍五入保留所印位数。金额本身是四舍五入到分的，
所以按区间判断：只有任何舍入前的金额都得不出所印比例时才报告；差一个末位（如 41.77% 应为
41.78%，多为截尾而非四舍五入）为警告，更大为错误。
""",
    bad="政府性基金预算财政拨款收入 446.94 万元，占 41.77%（本年收入合计 1069.86 万元）。",
    good="政府性基金预算财政拨款收入 446.94 万元，占 41.78%。",
    tolerance=(
        "区间判断（ratio_interval / percent_consistent），金额至少按两位小数的精度；"
        "差一个末位单位为警告，更大为错误；落在区间内但与按印刷数计算的结果不同为提示。"
    ),
    suggestion="按金额重新计算占比，四舍五入保留两位小数。",
)
def share_wrong(doc: Disclosure) -> Iterator[Hit]:
    shares = [s for s in doc.statements if s.measure == "share" and percent_of(s) is not None]
    if not shares:
        raise NotApplicable("情况说明中没有占比")
    facts = Facts(doc.statements)
    for s in shares:
        printed = percent_of(s)
        assert printed is not None
        part_statement = facts.before(s, ACTUAL_MEASURES, {"share"})
        part = money_of(part_statement)
        denominator = _denominator(doc, facts, s)
        if part is None or part_statement is None or denominator is None:
            continue
        name, whole, whole_evidence = denominator
        if whole <= 0:
            continue
        verdict = judge_ratio(printed, part, whole)
        if verdict is None or verdict.severity is None:
            continue
        if s.subject == "授予小微企业合同金额" and _share_of_sme_contracts(facts, s, part):
            continue  # “占授予中小企业合同金额的…”: a share of the other total
        note = ""
        if verdict.severity is Severity.INFO:
            note = f"；按金额舍入前的可能取值（{verdict.interval_text}）所印比例仍可能成立"
        evidence = [s.evidence]
        for e in [part_statement.evidence, *whole_evidence]:
            if e not in evidence:
                evidence.append(e)
        yield Hit(
            message=(
                f"{where_of(s)}“{s.subject}”{money(part)} 万元占{name} {money(whole)} 万元的比例"
                f"应为 {fmt(verdict.expected)}%，说明为 {fmt(printed)}%{note}。"
            ),
            evidence=evidence,
            expected=f"{fmt(verdict.expected)}%",
            actual=f"{fmt(printed)}%",
            severity=verdict.severity,
            where=where_of(s),
        )


def _share_of_sme_contracts(facts: Facts, s: Statement, part: Decimal) -> bool:
    """Does the printed share fit 小微 / 中小企业 contracts (the other reading of 占…)?"""
    sme = next(
        (money_of(t) for t in facts.of("授予中小企业合同金额", None) if money_of(t) is not None),
        None,
    )
    printed = percent_of(s)
    if sme is None or sme <= 0 or printed is None:
        return False
    verdict = judge_ratio(printed, part, sme)
    return verdict is not None and verdict.severity in (None, Severity.INFO)
