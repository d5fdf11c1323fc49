"""The table cells a stated amount of a final account restates, shared by the rules that
compare them (JS501–JS506) and by the rules that judge rates, shares and sums built on stated
amounts (one root cause, one finding: :func:`table_figures`).

A stated amount and the cell it restates are two printings of one quantity.  Where the
quantity is printed in several tables the statement is right when it equals any of them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.catalog import functional_classes
from juesuan.model import Disclosure, Measure, Statement, Table, TableKind, TableRow, Topic
from juesuan.rules.common import ZERO
from juesuan.rules.narrative._shared import (
    BUDGET_MEASURES,
    EXPENSE,
    FUND_SPECS,
    GENERAL,
    INCOME,
    SANGONG_ITEMS,
    T01,
    T02,
    T03,
    T04,
    T06,
    Lookup,
    TableValue,
    empty_value,
    is_path,
    known_table,
    line_lookup,
    t13_value,
    table_title_of,
    total_lookup,
)
from juesuan.rules.narrative_facts import ACTUAL_MEASURES, SANGONG_TOPICS, money_of
from juesuan.rules.tables import cell_or_zero, fixed_line, row_by_code

Specs = dict[str, tuple[frozenset[str] | None, tuple[Lookup, ...]]]

# ---------------------------------------------------------------------------------------
# 一 to 四: totals, income and expense (JS501)


def _fiscal_sum(doc: Disclosure) -> TableValue | None:
    """财政拨款收入 as the sum of the three 财政拨款 income lines of T01."""
    table = known_table(doc, TableKind.T01)
    if table is None:
        return None
    rows = [fixed_line(table, ref, "income") for ref in ("general", "govfund", "soe")]
    present = [r for r in rows if r is not None]
    if not present:
        return None
    value = sum((cell_or_zero(r, "amount") for r in present), ZERO)
    label = f"{table_title_of(table)}三项财政拨款收入之和"
    return TableValue(label, value, [r.evidence for r in present])


def _income_line(ref: str, column: str) -> tuple[Lookup, ...]:
    return (line_lookup(T01, ref, "amount", "income"), total_lookup(T02, column))


TOTAL_SPECS: Specs = {
    "收入支出总计": (None, (line_lookup(T01, "grand_total", "amount", "income"),)),
    "本年收入合计": (
        INCOME,
        (line_lookup(T01, "income_total", "amount"), total_lookup(T02, "total")),
    ),
    "财政拨款收入": (INCOME, (total_lookup(T02, "fiscal"), _fiscal_sum)),
    "上级补助收入": (INCOME, _income_line("superior", "superior")),
    "事业收入": (INCOME, _income_line("business", "business")),
    "经营收入": (INCOME, _income_line("operating", "operating")),
    "附属单位上缴收入": (INCOME, _income_line("affiliated", "affiliated")),
    "其他收入": (INCOME, _income_line("other", "other")),
    "使用非财政拨款结余": (INCOME, (line_lookup(T01, "non_fiscal_balance_used", "amount"),)),
    "年初结转和结余": (INCOME, (line_lookup(T01, "begin_balance", "amount"),)),
    "本年支出合计": (
        EXPENSE,
        (line_lookup(T01, "expense_total", "amount"), total_lookup(T03, "total")),
    ),
    "基本支出": (EXPENSE, (total_lookup(T03, "basic"),)),
    "项目支出": (EXPENSE, (total_lookup(T03, "project"),)),
    "上缴上级支出": (EXPENSE, (total_lookup(T03, "remit"),)),
    "经营支出": (EXPENSE, (total_lookup(T03, "operating"),)),
    "对附属单位补助支出": (EXPENSE, (total_lookup(T03, "subsidy"),)),
    "结余分配": (EXPENSE, (line_lookup(T01, "distribution", "amount"),)),
    "年末结转和结余": (EXPENSE, (line_lookup(T01, "end_balance", "amount"),)),
    "财政拨款收入支出总计": (
        None,
        (
            line_lookup(T04, "grand_total", "amount", "income"),
            line_lookup(T04, "grand_total", "total", "expense"),
        ),
    ),
}

# The three 财政拨款 income lines: in 二 they restate 01表 (and 04表); in 四 they restate 04表.
for _subject, _ref in (
    ("一般公共预算财政拨款收入", "general"),
    ("政府性基金预算财政拨款收入", "govfund"),
    ("国有资本经营预算财政拨款收入", "soe"),
):
    TOTAL_SPECS[_subject] = (
        frozenset({Topic.INCOME, Topic.FISCAL_TOTAL}),
        (line_lookup(T01, _ref, "amount", "income"), line_lookup(T04, _ref, "amount", "income")),
    )

# ---------------------------------------------------------------------------------------
# 五 一般公共预算: the total and its 类 (JS502), the 类/款/项 paths (JS503)


def class_values(doc: Disclosure, code: str) -> list[TableValue]:
    """The cells a 类 amount of 五（二） restates: its row of T06, its line of T04."""
    values: list[TableValue] = []
    t06 = known_table(doc, T06)
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
        elif (v := empty_value(t06)) is not None:
            values.append(v)
    t04 = known_table(doc, T04)
    if t04 is not None:
        row = fixed_line(t04, code, "expense")
        if row is not None:
            label = f"{table_title_of(t04)}“{row.name.strip()}”一般公共预算财政拨款栏"
            values.append(TableValue(label, cell_or_zero(row, "general"), [row.evidence]))
    return values


GENERAL_LOOKUPS: tuple[Lookup, ...] = (
    total_lookup(T06, "total"),
    line_lookup(T04, "expense_total", "general", "expense"),
)

_SEGMENT = re.compile(r"(.+?)（(类|款|项)）")


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


def path_row(doc: Disclosure, s: Statement) -> tuple[Table, str, TableRow] | None:
    """(T06, code, row) of a 类/款/项 path, by its code or its names."""
    t06 = known_table(doc, T06)
    if t06 is None or not t06.rows:
        return None
    code = s.code or resolve_path(s.subject, t06)
    if code is None:
        return None
    row = row_by_code(t06, code)
    return (t06, code, row) if row is not None else None


def path_value(doc: Disclosure, s: Statement) -> TableValue | None:
    """The cell a 类/款/项 path's 支出决算数 restates (JS503)."""
    found = path_row(doc, s)
    if found is None:
        return None
    t06, code, row = found
    return TableValue(
        f"{table_title_of(t06)}“{code} {row.name}”", cell_or_zero(row, "total"), [row.evidence]
    )


# ---------------------------------------------------------------------------------------
# 六 基本支出 (JS504)


def t08_block_totals(table: Table) -> tuple[TableRow | None, TableRow | None]:
    """(人员经费合计 row, 公用经费合计 row) of the basic expenditure table."""
    personnel: TableRow | None = None
    public: TableRow | None = None
    for row in table.rows:
        if row.code is not None:
            continue
        name = row.name.replace(" ", "")
        total_like = name.endswith("合计")
        has_personnel = row.values.get("personnel") is not None
        if personnel is None and has_personnel and ("人员经费" in name or total_like):
            personnel = row
        has_public = row.values.get("public") is not None
        if public is None and has_public and ("公用经费" in name or total_like):
            public = row
    return personnel, public


def _t08_sum(doc: Disclosure) -> TableValue | None:
    table = known_table(doc, TableKind.T08)
    if table is None:
        return None
    personnel, public = t08_block_totals(table)
    if personnel is None or public is None:
        return None
    value = cell_or_zero(personnel, "personnel") + cell_or_zero(public, "public")
    label = f"{table_title_of(table)}人员经费合计与公用经费合计之和"
    evidence = [personnel.evidence] + ([public.evidence] if public is not personnel else [])
    return TableValue(label, value, evidence)


def _t08_part(column: str) -> Lookup:
    def look(doc: Disclosure) -> TableValue | None:
        table = known_table(doc, TableKind.T08)
        if table is None:
            return None
        personnel, public = t08_block_totals(table)
        row = personnel if column == "personnel" else public
        if row is None:
            return None
        name = "人员经费合计" if column == "personnel" else "公用经费合计"
        return TableValue(
            f"{table_title_of(table)}“{name}”", cell_or_zero(row, column), [row.evidence]
        )

    return look


BASIC_SPECS: Specs = {
    "一般公共预算财政拨款基本支出": (None, (total_lookup(T06, "basic"), _t08_sum)),
    "人员经费": (frozenset({Topic.BASIC}), (_t08_part("personnel"),)),
    "公用经费": (frozenset({Topic.BASIC}), (_t08_part("public"),)),
}

# ---------------------------------------------------------------------------------------
# every stated amount


def _from_specs(doc: Disclosure, s: Statement, specs: Specs) -> list[TableValue] | None:
    spec = specs.get(s.subject)
    if spec is None:
        return None
    topics, lookups = spec
    if topics is not None and s.topic not in topics:
        return []
    return [v for look in lookups if (v := look(doc)) is not None]


def restated_values(doc: Disclosure, s: Statement) -> list[TableValue]:
    """The table cells a stated amount restates, as the rules JS501–JS506 compare them (the
    first is the one they name first); [] for a statement no table prints."""
    if s.measure in BUDGET_MEASURES:
        if s.measure == Measure.BUDGET and s.subject in SANGONG_ITEMS and s.topic in SANGONG_TOPICS:
            value = t13_value(doc, s.subject, "budget")
            return [value] if value is not None else []
        return []  # 年初预算 may differ from the table's 预算数 by scope (JS505 warns only)
    if s.measure not in ACTUAL_MEASURES:
        return []
    for specs in (TOTAL_SPECS, BASIC_SPECS, FUND_SPECS):
        found = _from_specs(doc, s, specs)
        if found is not None:
            return found
    if s.subject == GENERAL:
        return [v for look in GENERAL_LOOKUPS if (v := look(doc)) is not None]
    if s.code is not None and len(s.code) == 3 and not is_path(s.subject):
        return class_values(doc, s.code)
    if is_path(s.subject):
        if s.measure != Measure.ACTUAL:
            return []
        value = path_value(doc, s)
        return [value] if value is not None else []
    if s.subject in SANGONG_ITEMS and s.topic in SANGONG_TOPICS:
        value = t13_value(doc, s.subject, "actual")
        return [value] if value is not None else []
    return []


def table_figures(doc: Disclosure, s: Statement | None) -> list[TableValue]:
    """The tables' figures for a stated amount that none of the tables printing it agrees
    with (JS501–JS506 report that disagreement), distinct values first-named first; [] when
    the statement agrees with one of them or no table prints it."""
    stated = money_of(s)
    if s is None or stated is None:
        return []
    values = restated_values(doc, s)
    if not values or any(v.value == stated for v in values):
        return []
    out: list[TableValue] = []
    for v in values:
        if all(v.value != o.value for o in out):
            out.append(v)
    return out


def figure_of(doc: Disclosure, s: Statement | None) -> Decimal | None:
    """The table's figure (first named) for a stated amount that disagrees with its tables."""
    found = table_figures(doc, s)
    return found[0].value if found else None
