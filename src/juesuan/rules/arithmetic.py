"""Rule family: table arithmetic (表内勾稽), JS200–JS299.

Every identity that holds *inside one table* (docs/domain.md §3): a 类 row is the sum of its
款 rows and a 款 row the sum of its 项 rows; the 合计 row is the sum of the 类 rows; a row's
合计 column is the sum of its part columns; the two-sided totals of the 收入支出决算总表 and
the 财政拨款收入支出决算总表 add up; the 基本支出决算表 blocks add up to their 合计 lines; the
“三公” table adds up.

All amounts are printed rounded to 0.01 independently, so a printed total may differ from the
sum of its printed parts by rounding: such a difference (within ``sum_tolerance(n)``) is
reported as info; a larger one is an error.  ``n`` counts the non-zero parts only: a printed
0.00 (or a blank cell) is taken as an exact zero, since in these tables it means nothing was
spent or received under that heading.  A total with a single non-zero part is a second
printing of the same amount, so any difference there is real (one cent → warning).

Rows whose cells were all left blank in a coded table were not read (a printed code always
carries an amount): checks that involve them stay quiet, as do checks that need a column the
reader did not map.

The helpers at the top (reading a cell, indexing coded rows, judging a sum) are shared with
the cross-table family (``crosstable.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan import catalog
from juesuan.model import Disclosure, Evidence, Table, TableKind, TableRow
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import (
    CENT,
    ZERO,
    difference_severity,
    money,
    row_label,
    sum_tolerance,
    table_label,
)
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule

# ---------------------------------------------------------------------------------------
# reading cells

#: Cell texts that mean "nothing" (a blank cell is 0 in these tables, docs/domain.md §6).
BLANK_TEXTS = frozenset({"", "-", "—", "－", "/", "——", "--", "－－"})

#: Names of the grand-total row of a coded table (after removing spaces).
TOTAL_ROW_NAMES = frozenset({"合计", "总计", "本年支出合计", "本年收入合计", "小计"})

#: Tables whose rows are functional (or economic) codes with a 合计 row.
CODED_KINDS = (
    TableKind.T02,
    TableKind.T03,
    TableKind.T05,
    TableKind.T06,
    TableKind.T07,
    TableKind.T09,
    TableKind.T10,
    TableKind.T11,
    TableKind.T12,
    # budget tables by functional or economic code (部门预算公开)
    TableKind.B02,
    TableKind.B03,
    TableKind.B05,
    TableKind.B06,
    TableKind.B07,
    TableKind.B08,
    TableKind.B09,
    TableKind.B11,
    TableKind.B12,
    TableKind.B13,
)

#: Fallback names of canonical columns for messages (the table's printed label wins).
COLUMN_NAMES = {
    "amount": "决算数",
    "total": "合计",
    "fiscal": "财政拨款收入",
    "superior": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入",
    "affiliated": "附属单位上缴收入",
    "other": "其他收入",
    "basic": "基本支出",
    "project": "项目支出",
    "remit": "上缴上级支出",
    "subsidy": "对附属单位补助支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "general": "一般公共预算财政拨款",
    "govfund": "政府性基金预算财政拨款",
    "soe": "国有资本经营预算财政拨款",
    "begin": "年初结转和结余",
    "income": "本年收入",
    "expense_total": "本年支出合计",
    "expense_basic": "本年支出基本支出",
    "expense_project": "本年支出项目支出",
    "end": "年末结转和结余",
    "budget": "预算数",
    "actual": "决算数",
}

_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACES.sub("", text)


def column_name(table: Table, column: str) -> str:
    """The printed header of a canonical column (``本年支出合计``), or its standard name."""
    label = table.column_labels.get(column)
    if label and label not in {"合计", "小计", "决算数"}:
        return label
    if table.kind is TableKind.T02 and column == "total":
        return "本年收入合计"
    if table.kind is TableKind.T03 and column == "total":
        return "本年支出合计"
    return label or COLUMN_NAMES.get(column, column)


def row_is_unread(row: TableRow) -> bool:
    """A coded row whose every cell is blank: the values were not read (a printed code
    always carries an amount), so nothing about it can be checked."""
    return all(v is None for v in row.values.values()) and all(
        t.strip() in BLANK_TEXTS for t in row.raw.values()
    )


def cell(row: TableRow, column: str) -> Decimal | None:
    """The amount in a cell: a blank cell is 0; None when the column is not in the row or
    the printed text could not be read as a number."""
    if column not in row.values:
        return None
    value = row.values[column]
    if value is not None:
        return value
    text = row.raw.get(column)
    if text is not None and text.strip() not in BLANK_TEXTS:
        return None
    return ZERO


def coded_cell(row: TableRow, column: str) -> Decimal | None:
    """Like :func:`cell`, for rows of coded tables: an all-blank row is unknown, not 0."""
    if row_is_unread(row):
        return None
    return cell(row, column)


def table_has_data(table: Table) -> bool:
    return any(v is not None for r in table.rows for v in r.values.values())


def evidence_of(rows: Iterable[TableRow]) -> list[Evidence]:
    """The evidence of rows, each printed line once, in order."""
    seen: set[tuple[int | None, int | None, str]] = set()
    out: list[Evidence] = []
    for r in rows:
        ev = r.evidence
        k = (ev.page, ev.line, ev.text)
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out


def is_total_row(row: TableRow) -> bool:
    return row.code is None and squash(row.name) in TOTAL_ROW_NAMES


# ---------------------------------------------------------------------------------------
# coded tables: rows by code, hierarchy by prefix


@dataclass
class CodedIndex:
    """The code rows of a table by code (codes printed once only), with the 合计 row."""

    table: Table
    by_code: dict[str, TableRow] = field(default_factory=dict)
    duplicated: set[str] = field(default_factory=set)
    total: TableRow | None = None
    order: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, table: Table) -> CodedIndex:
        index = cls(table)
        totals: list[TableRow] = []
        for r in table.rows:
            if r.code is None:
                if is_total_row(r):
                    totals.append(r)
                continue
            code = squash(r.code)
            if code in index.by_code or code in index.duplicated:
                index.duplicated.add(code)
                index.by_code.pop(code, None)
                continue
            index.by_code[code] = r
            index.order.append(code)
        index.order = [c for c in index.order if c in index.by_code]
        # one unambiguous 合计 row (a 小计 inside the table would be ambiguous)
        if len(totals) == 1:
            index.total = totals[0]
        return index

    def children(self, code: str) -> list[TableRow] | None:
        """The printed rows one level below ``code`` (款 of a 类, 项 of a 款); None when one
        of them is printed twice (ambiguous)."""
        width = len(code) + 2
        if any(d.startswith(code) and len(d) == width for d in self.duplicated):
            return None
        return [self.by_code[c] for c in self.order if len(c) == width and c.startswith(code)]

    def top_level(self) -> list[TableRow] | None:
        """Rows whose code has no printed ancestor (the 类 rows); None if ambiguous."""
        if self.duplicated:
            return None
        out: list[TableRow] = []
        for c in self.order:
            if not any(c[:k] in self.by_code for k in range(3, len(c), 2)):
                out.append(self.by_code[c])
        return out


# ---------------------------------------------------------------------------------------
# judging a sum


def nonzero_count(values: Iterable[Decimal]) -> int:
    return sum(1 for v in values if v != 0)


def printed_step(table: Table) -> Decimal:
    """The printed precision of a table's amounts in 万元: 0.01 for 万元 with two decimals,
    0.0001 for whole 元 (amounts kept in 分 and printed rounded to 元 still round)."""
    places = Counter(
        len(text.split(".", 1)[1]) if "." in text else 0
        for r in table.rows
        for text in r.raw.values()
        if text.strip() not in BLANK_TEXTS
    )
    decimals = places.most_common(1)[0][0] if places else 2
    return table.scale * Decimal(1).scaleb(-decimals)


def sum_severity(diff: Decimal, addends: int, step: Decimal = CENT) -> Severity | None:
    """Severity of ``printed total − Σ printed parts``.

    With two or more non-zero parts a difference within ``sum_tolerance(n)`` is explained by
    rounding (info); beyond it the table is wrong (error).  With at most one non-zero part
    the total restates that part, so the difference is a second printing that disagrees
    (one cent → warning, more → error)."""
    if diff == 0:
        return None
    if addends <= 1:
        return Severity.WARNING if abs(diff) <= step else Severity.ERROR
    tolerance = sum_tolerance(addends) * (step / CENT)
    return Severity.INFO if abs(diff) <= tolerance else Severity.ERROR


def difference(diff: Decimal) -> str:
    """A difference in 万元, with its value in 元 when it is below a cent (tables in 元)."""
    text = f"{money(abs(diff))} 万元"
    if abs(diff) < CENT:
        text += f"（{(abs(diff) * 10000).normalize():f} 元）"
    return text


def rounding_note(severity: Severity, printed_numbers: int) -> str:
    """For info findings: the difference is within the rounding of the numbers involved."""
    if severity is Severity.INFO:
        return f"（差额在 {printed_numbers} 个数各自四舍五入的误差范围内）"
    return ""


@dataclass
class SumResult:
    label: str  # what was checked, e.g. "本年支出合计"
    printed: Decimal
    computed: Decimal
    addends: int
    severity: Severity

    @property
    def diff(self) -> Decimal:
        return self.printed - self.computed

    def clause(self, computed_name: str) -> str:
        return (
            f"{self.label}为 {money(self.printed)} 万元，{computed_name}为 "
            f"{money(self.computed)} 万元，相差 {difference(self.diff)}"
            f"{rounding_note(self.severity, self.addends + 1)}"
        )


def check_sum(
    label: str, printed: Decimal | None, parts: Sequence[Decimal | None], step: Decimal = CENT
) -> SumResult | None:
    """A failed sum (printed vs Σ parts), or None when it holds or cannot be judged.
    ``step`` is the printed precision in 万元 (0.01, or 0.0001 for a table in whole 元)."""
    if printed is None or any(p is None for p in parts):
        return None
    known = [p for p in parts if p is not None]
    computed = sum(known, ZERO)
    n = nonzero_count(known)
    severity = sum_severity(printed - computed, n, step)
    if severity is None:
        return None
    return SumResult(label, printed, computed, n, severity)


def worst(results: Sequence[SumResult]) -> SumResult:
    return max(results, key=lambda r: (r.severity.rank, abs(r.diff)))


def merged_clauses(results: Sequence[SumResult], computed_name: str) -> str:
    """The clauses of failed sums; columns with the same numbers are named together."""
    groups: dict[tuple[Decimal, Decimal], list[SumResult]] = {}
    for r in results:
        groups.setdefault((r.printed, r.computed), []).append(r)
    clauses = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            clauses.append(first.clause(computed_name))
            continue
        labels = "、".join(r.label for r in same)
        clauses.append(
            f"{labels}均为 {money(first.printed)} 万元，{computed_name}均为 "
            f"{money(first.computed)} 万元，相差 {difference(first.diff)}"
            f"{rounding_note(first.severity, first.addends + 1)}"
        )
    return "；".join(clauses)


def hit_from(
    results: Sequence[SumResult],
    head: str,
    computed_name: str,
    evidence: list[Evidence],
    where: str,
    suggestion: str | None = None,
) -> Hit:
    """One hit for the failed sums of one row (or one identity), worst severity first."""
    main = worst(results)
    clauses = merged_clauses(results, computed_name)
    return Hit(
        message=f"{head}{clauses}。",
        evidence=evidence,
        expected=money(main.computed),
        actual=money(main.printed),
        severity=main.severity,
        where=where,
        suggestion=suggestion,
    )


def code_list(rows: Sequence[TableRow], limit: int = 8) -> str:
    """The codes of rows for a message (``20805、20899``), or their count when many."""
    if len(rows) > limit:
        return f"共 {len(rows)} 个"
    return "、".join(squash(r.code or r.name) for r in rows)


def coded_tables(doc: Disclosure, kinds: Sequence[TableKind] = CODED_KINDS) -> list[Table]:
    return [t for t in doc.tables if t.kind in kinds and table_has_data(t)]


def table_value_columns(table: Table) -> list[str]:
    return [c for c in table.columns if any(c in r.values for r in table.rows)]


def _t08_value(row: TableRow, column: str) -> Decimal | None:
    return cell(row, row.side or column)


# ---------------------------------------------------------------------------------------
# JS201 合计行 = Σ 类


@rule(
    "JS201",
    applies_to=BOTH_KINDS,
    name="table-total-row-sum",
    title="合计行不等于各类之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
按功能分类科目列示的决算表（收入决算表、支出决算表、一般公共预算财政拨款支出决算表等），
“合计”行每一列都应等于各“类”级科目之和。合计与分类数不符，说明表内数字有录入、汇总或
四舍五入处理错误，读者无法确定哪一个数是对的。各数分别四舍五入到 0.01 万元，差额在
舍入误差范围内的仅作提示。
""",
    bad="支出决算表“合计”行本年支出合计 9759.38 万元，各类之和为 9759.28 万元。",
    good="“合计”行 9759.38 万元 = 208 类 754.75 + 210 类 236.64 + … 之和 9759.38 万元。",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，合计与各数之和相差不超过 "
    "0.01 × ⌈n/2⌉ 万元时视为舍入误差（提示）；超出为错误。",
    suggestion="逐列核对“合计”行与各类级科目的金额，修正录入或汇总错误。",
)
def total_row_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = coded_tables(doc)
    if not tables:
        raise NotApplicable("没有含数据的按科目列示的表")
    for table in tables:
        index = CodedIndex.build(table)
        top = index.top_level()
        if index.total is None or not top or row_is_unread(index.total):
            continue
        results = []
        for col in table_value_columns(table):
            res = check_sum(
                column_name(table, col),
                coded_cell(index.total, col),
                [coded_cell(r, col) for r in top],
                printed_step(table),
            )
            if res is not None:
                results.append(res)
        if results:
            yield hit_from(
                results,
                f"{table_label(table)}“合计”行：",
                f"各类（{code_list(top)}）之和",
                evidence_of([index.total, *top]),
                table_label(table),
            )


# ---------------------------------------------------------------------------------------
# JS202 类 = Σ 款 = Σ 项


@rule(
    "JS202",
    applies_to=BOTH_KINDS,
    name="class-subtotal-sum",
    title="类/款级科目不等于下级科目之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
科目编码分为类（3 位）、款（5 位）、项（7 位），经济分类分为类（3 位）、款（5 位）。表中
列出下级科目时，上级科目的金额应等于其下级科目金额之和（类 = Σ款，款 = Σ项）。不相等
说明某一行金额录错或漏列了下级科目。各数分别四舍五入，差额在舍入误差范围内的仅作提示。
""",
    bad="收入决算表 208 社会保障和就业支出 16.14 万元，"
    "其下 20805 14.76 + 20899 1.30 = 16.06 万元。",
    good="208 社会保障和就业支出 16.14 万元 = 20805 14.76 + 20899 1.38 万元。",
    tolerance="sum_tolerance(n)：n 个非零下级科目分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ "
    "万元为舍入误差（提示）；只有一个非零下级科目时两数应完全相同（差 0.01 为警告）。",
    suggestion="核对该科目及其下级科目的金额，修正录错的一方。",
)
def subtotal_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [*coded_tables(doc), *coded_tables(doc, (TableKind.T08,))]
    if not tables:
        raise NotApplicable("没有含数据的按科目列示的表")
    for table in tables:
        index = CodedIndex.build(table)
        is_t08 = table.kind is TableKind.T08
        for code in index.order:
            if len(code) >= 7:
                continue
            parent = index.by_code[code]
            kids = index.children(code)
            if not kids:
                continue
            if is_t08:
                columns = [parent.side] if parent.side else []
                value: Callable[[TableRow, str], Decimal | None] = _t08_value
            else:
                if row_is_unread(parent):
                    continue
                columns = table_value_columns(table)
                value = coded_cell
            results = []
            for col in columns:
                label = column_name(table, col) if not is_t08 else "决算数"
                res = check_sum(
                    label, value(parent, col), [value(k, col) for k in kids], printed_step(table)
                )
                if res is not None:
                    results.append(res)
            if results:
                level = "类" if len(code) == 3 else "款"
                sub = "款" if len(code) == 3 else "项"
                yield hit_from(
                    results,
                    f"{table_label(table)}中{level}级科目“{row_label(parent)}”：",
                    f"其下各{sub}（{code_list(kids)}）之和",
                    evidence_of([parent, *kids]),
                    table_label(table),
                )


# ---------------------------------------------------------------------------------------
# JS203 row identities across columns


def row_identities(table: Table) -> list[tuple[str, tuple[str, ...]]]:
    """(total, parts) identities of a table's rows that its printed columns allow
    (``row_identities`` in the table catalog)."""
    spec = catalog.table_specs()[table.kind]
    out = []
    for identity in spec.row_identities:
        parts = identity.parts_in(table.columns)
        if parts is not None:
            out.append((identity.total, parts))
    return out


@rule(
    "JS203",
    applies_to=BOTH_KINDS,
    name="row-columns-sum",
    title="合计列不等于各分列之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
决算表每一行的“合计”列应等于其组成列之和：收入决算表 本年收入合计 = 财政拨款收入 + 上级
补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入；支出决算表 本年支出合计 =
基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出；财政拨款收入支出决算
总表支出合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款；一般公共预算财政
拨款支出决算表 合计 = 基本支出 + 项目支出。不相等说明某一格录错。
""",
    bad="支出决算表“合计”行本年支出合计 1069.86 万元，基本支出 117.86 + 项目支出 951.98 = "
    "1069.84 万元。",
    good="本年支出合计 1069.86 = 基本支出 117.88 + 项目支出 951.98 万元。",
    tolerance="sum_tolerance(n)：n 个非零分列分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为"
    "舍入误差（提示）；只有一个非零分列时合计应与之完全相同（差 0.01 为警告）。",
    suggestion="核对该行各列金额，修正录错的一格。",
)
def row_columns_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [t for t in doc.tables if table_has_data(t)]
    found = False
    for table in tables:
        identities = row_identities(table)
        if not identities:
            continue
        found = True
        two_sided = catalog.table_specs()[table.kind].two_sided
        for row in table.rows:
            if two_sided and row.side != "expense":
                continue
            value = cell if two_sided else coded_cell
            results = []
            for total, parts in identities:
                if total not in row.values:
                    continue
                names = " + ".join(column_name(table, p) for p in parts)
                res = check_sum(
                    column_name(table, total),
                    value(row, total),
                    [value(row, p) for p in parts],
                    printed_step(table),
                )
                if res is not None:
                    results.append((res, names))
            if results:
                main = worst([r for r, _ in results])
                clauses = "；".join(r.clause(f"{names}之和") for r, names in results)
                yield Hit(
                    message=f"{table_label(table)}“{row_label(row)}”行：{clauses}。",
                    evidence=[row.evidence],
                    expected=money(main.computed),
                    actual=money(main.printed),
                    severity=main.severity,
                    where=table_label(table),
                )
    if not found:
        raise NotApplicable("没有含数据且列出合计列与分列的表")


# ---------------------------------------------------------------------------------------
# JS204 年初 + 收入 − 支出 = 年末 (政府性基金 / 国有资本经营预算 tables)


@rule(
    "JS204",
    name="fund-balance-flow",
    title="年初结转结余 + 本年收入 − 本年支出 ≠ 年末结转结余",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
政府性基金预算、国有资本经营预算财政拨款收入支出决算表中，每一科目的年末结转和结余应等于
年初结转和结余加本年收入减本年支出。不相等说明某一列录错，或结转结余计算有误。
""",
    bad="年初结转和结余 10.00 + 本年收入 50.00 − 本年支出 45.00，年末结转和结余却为 5.00 万元。",
    good="年末结转和结余 = 10.00 + 50.00 − 45.00 = 15.00 万元。",
    tolerance="sum_tolerance(n)：各数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为"
    "舍入误差（提示）。",
    suggestion="核对该科目的年初、收入、支出与年末结转结余。",
)
def fund_balance_flow(doc: Disclosure) -> Iterator[Hit]:
    needed = {"begin", "income", "expense_total", "end"}
    tables = [
        t for t in coded_tables(doc, (TableKind.T10, TableKind.T11)) if needed <= set(t.columns)
    ]
    if not tables:
        raise NotApplicable("没有含数据的政府性基金或国有资本经营预算财政拨款收入支出决算表")
    for table in tables:
        for row in table.rows:
            if row.code is None and not is_total_row(row):
                continue
            begin, income, spent, end = (
                coded_cell(row, c) for c in ("begin", "income", "expense_total", "end")
            )
            if begin is None or income is None or spent is None:
                continue
            res = check_sum(column_name(table, "end"), end, [begin, income, -spent])
            if res is None:
                continue
            yield Hit(
                message=(
                    f"{table_label(table)}“{row_label(row)}”行："
                    + res.clause(
                        f"年初结转和结余 {money(begin)} + 本年收入 {money(income)} − "
                        f"本年支出 {money(spent)}"
                    )
                    + "。"
                ),
                evidence=[row.evidence],
                expected=money(res.computed),
                actual=money(res.printed),
                severity=res.severity,
                where=table_label(table),
            )


# ---------------------------------------------------------------------------------------
# JS205 the two-sided summary tables (T01, T04)

INCOME_LINES_T01 = ("general", "govfund", "soe", "superior", "business", "operating")
INCOME_LINES_T01_ALL = (*INCOME_LINES_T01, "affiliated", "other")
FUND_LINES = ("general", "govfund", "soe")


@dataclass
class TwoSided:
    """The lines of a two-sided table by (side, ref_code); lines printed twice are dropped."""

    table: Table
    lines: dict[tuple[str, str], TableRow] = field(default_factory=dict)
    classes: list[TableRow] = field(default_factory=list)  # expense lines by 类
    unknown: dict[str, list[TableRow]] = field(default_factory=dict)  # side -> unnamed lines

    @classmethod
    def build(cls, table: Table) -> TwoSided:
        out = cls(table)
        seen: set[tuple[str, str]] = set()
        for r in table.rows:
            side = r.side or ""
            if r.ref_code is None:
                out.unknown.setdefault(side, []).append(r)
                continue
            ref = r.ref_code
            if side == "income" and "." in ref:
                # fund lines printed under the income-side balance (年初…结转和结余) are its
                # parts, whatever prefix the reader gave them
                ref = "begin_balance." + ref.rsplit(".", 1)[1]
            k = (side, ref)
            if k in seen:
                out.lines.pop(k, None)
                continue
            seen.add(k)
            out.lines[k] = r
        out.classes = [
            r for (side, ref), r in out.lines.items() if side == "expense" and ref.isdigit()
        ]
        return out

    def row(self, side: str, ref: str) -> TableRow | None:
        return self.lines.get((side, ref))

    def value(self, side: str, ref: str, column: str) -> Decimal | None:
        """Amount of a line; a fixed line that is not printed counts as 0 only when
        ``column`` is optional — callers decide; here a missing line is None."""
        row = self.row(side, ref)
        return None if row is None else cell(row, column)

    def optional(self, side: str, ref: str, column: str) -> Decimal | None:
        """Amount of a line that some layouts omit (absent → 0)."""
        row = self.row(side, ref)
        return ZERO if row is None else cell(row, column)

    def unknown_amounts(self, side: str) -> bool:
        """Whether unnamed lines on ``side`` carry amounts (then sums are not judged)."""
        return any(
            (v := cell(r, c)) is None or v != 0
            for r in self.unknown.get(side, [])
            for c in r.values
        )


def _line_name(row: TableRow | None, fallback: str) -> str:
    if row is None:
        return fallback
    return re.sub(r"^[一二三四五六七八九十]+、", "", squash(row.name)) or fallback


def _identity_hit(
    table: Table,
    head: str,
    total_row: TableRow,
    part_rows: Sequence[TableRow],
    res: SumResult,
    computed_name: str,
) -> Hit:
    return Hit(
        message=f"{table_label(table)}{head}" + res.clause(computed_name) + "。",
        evidence=evidence_of([total_row, *part_rows]),
        expected=money(res.computed),
        actual=money(res.printed),
        severity=res.severity,
        where=table_label(table),
    )


def _summary_hits(doc: Disclosure, table: Table) -> Iterator[Hit]:
    two = TwoSided.build(table)
    is_t04 = table.kind is TableKind.T04
    exp_cols = ["total", "general", "govfund", "soe"] if is_t04 else ["amount"]
    exp_cols = [c for c in exp_cols if c in table.columns]

    # 本年收入合计 = Σ income lines
    income_total = two.row("income", "income_total")
    income_refs = FUND_LINES if is_t04 else INCOME_LINES_T01_ALL
    income_rows = [r for ref in income_refs if (r := two.row("income", ref)) is not None]
    if income_total is not None and income_rows and not two.unknown_amounts("income"):
        res = check_sum(
            _line_name(income_total, "本年收入合计"),
            cell(income_total, "amount"),
            [cell(r, "amount") for r in income_rows],
        )
        if res is not None:
            yield _identity_hit(table, "：", income_total, income_rows, res, "各项收入之和")

    # 本年支出合计 = Σ expense lines by 类 (per column)
    expense_total = two.row("expense", "expense_total")
    if expense_total is not None and two.classes and not two.unknown_amounts("expense"):
        results = []
        for col in exp_cols:
            res = check_sum(
                f"{_line_name(expense_total, '本年支出合计')}“{column_name(table, col)}”列"
                if is_t04
                else _line_name(expense_total, "本年支出合计"),
                cell(expense_total, col),
                [cell(r, col) for r in two.classes],
            )
            if res is not None:
                results.append(res)
        if results:
            yield hit_from(
                results,
                f"{table_label(table)}：",
                "各类支出之和",
                evidence_of([expense_total, *two.classes]),
                table_label(table),
            )

    # 年初财政拨款结转和结余 = Σ its fund lines (T04)
    begin = two.row("income", "begin_balance")
    begin_parts = [
        r for f in FUND_LINES if (r := two.row("income", f"begin_balance.{f}")) is not None
    ]
    if is_t04 and begin is not None and begin_parts:
        res = check_sum(
            _line_name(begin, "年初财政拨款结转和结余"),
            cell(begin, "amount"),
            [cell(r, "amount") for r in begin_parts],
        )
        if res is not None:
            yield _identity_hit(table, "：", begin, begin_parts, res, "其下各项之和")

    # 收入总计 = 本年收入合计 (+ 使用非财政拨款结余) + 年初结转和结余
    grand_in = two.row("income", "grand_total")
    if (
        grand_in is not None
        and income_total is not None
        and begin is not None
        and not two.unknown_amounts("income")
    ):
        parts_rows = [income_total, begin]
        used = two.row("income", "non_fiscal_balance_used")
        if used is not None and not is_t04:
            parts_rows.insert(1, used)
        res = check_sum(
            "收入总计",
            cell(grand_in, "amount"),
            [cell(r, "amount") for r in parts_rows],
        )
        if res is not None:
            names = " + ".join(_line_name(r, "") for r in parts_rows)
            yield _identity_hit(table, "：", grand_in, parts_rows, res, names)

    # 支出总计 = 本年支出合计 (+ 结余分配) + 年末结转和结余 (per column)
    grand_out = two.row("expense", "grand_total")
    end = two.row("expense", "end_balance")
    if (
        grand_out is not None
        and expense_total is not None
        and end is not None
        and not two.unknown_amounts("expense")
    ):
        parts_rows = [expense_total, end]
        dist = two.row("expense", "distribution")
        if dist is not None and not is_t04:
            parts_rows.insert(1, dist)
        names = " + ".join(_line_name(r, "") for r in parts_rows)
        results = []
        for col in exp_cols:
            res = check_sum(
                f"支出总计“{column_name(table, col)}”列" if is_t04 else "支出总计",
                cell(grand_out, col),
                [cell(r, col) for r in parts_rows],
            )
            if res is not None:
                results.append(res)
        if results:
            yield hit_from(
                results,
                f"{table_label(table)}：",
                names,
                evidence_of([grand_out, *parts_rows]),
                table_label(table),
            )

    # 收入总计 = 支出总计 (two printings of the same quantity)
    if grand_in is not None and grand_out is not None:
        col = "total" if is_t04 else "amount"
        a, b = cell(grand_in, "amount"), cell(grand_out, col)
        if a is not None and b is not None and a != b:
            yield Hit(
                message=(
                    f"{table_label(table)}：收入方“总计”为 {money(a)} 万元，支出方“总计”为 "
                    f"{money(b)} 万元，相差 {money(abs(a - b))} 万元；收支总计应相等。"
                ),
                evidence=evidence_of([grand_in, grand_out]),
                expected=money(a),
                actual=money(b),
                severity=difference_severity(a - b),
                where=table_label(table),
            )

    # T04 per fund: 本年收入 + 年初结转结余 = 本年支出 + 年末结转结余
    if is_t04 and expense_total is not None and end is not None:
        begin_value = cell(begin, "amount") if begin is not None else ZERO
        for fund in FUND_LINES:
            if fund not in table.columns:
                continue
            income_row = two.row("income", fund)
            if income_row is None:
                continue
            part = two.row("income", f"begin_balance.{fund}")
            if part is not None:
                fund_begin = cell(part, "amount")
            elif begin_value == 0:
                fund_begin = ZERO
            else:
                continue
            inc, spent, left = (
                cell(income_row, "amount"),
                cell(expense_total, fund),
                cell(end, fund),
            )
            if inc is None or fund_begin is None or spent is None or left is None:
                continue
            res = check_sum(
                f"{column_name(table, fund)}本年支出合计", spent, [inc, fund_begin, -left]
            )
            if res is None:
                continue
            rows = [r for r in (income_row, part, expense_total, end) if r is not None]
            yield Hit(
                message=(
                    f"{table_label(table)}：{column_name(table, fund)}本年收入 {money(inc)} + "
                    f"年初结转和结余 {money(fund_begin)} − 年末结转和结余 {money(left)} = "
                    f"{money(res.computed)} 万元，而本年支出合计（{column_name(table, fund)}）为 "
                    f"{money(spent)} 万元，相差 {money(abs(res.diff))} 万元"
                    f"{rounding_note(res.severity, res.addends + 1)}。"
                ),
                evidence=evidence_of(rows),
                expected=money(res.computed),
                actual=money(res.printed),
                severity=res.severity,
                where=table_label(table),
            )


@rule(
    "JS205",
    name="summary-table-totals",
    title="总表收支合计、总计不平衡",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
收入支出决算总表和财政拨款收入支出决算总表是两栏式的平衡表：本年收入合计等于各项收入之和，
本年支出合计等于各类支出之和；收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和
结余，支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余，且收入总计等于支出总计。财政
拨款收入支出决算总表中每一类资金的本年收入加年初结转结余也应等于本年支出加年末结转结余。
不平衡说明某一行录错或漏列。
""",
    bad="收入支出决算总表本年收入合计 1069.86 万元，各项收入之和为 1069.96 万元。",
    good="本年收入合计 1069.86 = 一般公共预算财政拨款收入 622.92 + 政府性基金预算财政拨款收入 "
    "446.94 万元。",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为舍入"
    "误差（提示）；收入总计与支出总计是同一数，差 0.01 为警告。",
    suggestion="逐行核对总表的收入、支出、结转结余与总计。",
)
def summary_table_totals(doc: Disclosure) -> Iterator[Hit]:
    tables = [
        t for t in doc.tables if t.kind in (TableKind.T01, TableKind.T04) and table_has_data(t)
    ]
    if not tables:
        raise NotApplicable("没有含数据的收入支出决算总表或财政拨款收入支出决算总表")
    for table in tables:
        yield from _summary_hits(doc, table)


# ---------------------------------------------------------------------------------------
# JS206 基本支出决算表: 人员经费合计 / 公用经费合计 / 合计


def t08_totals(table: Table) -> tuple[TableRow | None, TableRow | None, TableRow | None]:
    """(人员经费合计, 公用经费合计, 合计) rows of a 基本支出决算表, None when absent or
    printed more than once."""
    personnel: list[TableRow] = []
    public: list[TableRow] = []
    grand: list[TableRow] = []
    for r in table.rows:
        if r.code is not None:
            continue
        k = squash(r.name)
        if "合计" not in k and "总计" not in k:
            continue
        if "人员经费" in k:
            personnel.append(r)
        elif "公用经费" in k:
            public.append(r)
        elif k in {"合计", "总计", "基本支出合计"}:
            grand.append(r)

    def one(rows: list[TableRow]) -> TableRow | None:
        return rows[0] if len(rows) == 1 else None

    return one(personnel), one(public), one(grand)


def t08_value(row: TableRow) -> Decimal | None:
    """The amount of a 基本支出决算表 row (each row has one value, in its block's column)."""
    if row.side and row.side in row.values:
        return cell(row, row.side)
    known = [v for v in row.values.values() if v is not None]
    if len(known) == 1:
        return known[0]
    return ZERO if not known and all(t.strip() in BLANK_TEXTS for t in row.raw.values()) else None


@rule(
    "JS206",
    name="basic-expense-block-totals",
    title="基本支出决算表人员经费/公用经费合计不等于各类之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
一般公共预算财政拨款基本支出决算表按经济分类列示人员经费（工资福利支出、对个人和家庭的
补助）和公用经费（商品和服务支出、资本性支出等）。“人员经费合计”应等于人员经费各类之和，
“公用经费合计”应等于公用经费各类之和，表中列有“合计”时应等于两者之和。不相等说明某一类
录错或漏列。
""",
    bad="人员经费合计 4884.09 万元，工资福利支出 4816.14 + 对个人和家庭的补助 67.96 = "
    "4884.10 万元。",
    good="人员经费合计 4884.10 = 4816.14 + 67.96 万元。",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为舍入"
    "误差（提示）；超出为错误。",
    suggestion="核对人员经费、公用经费合计与各类经济分类科目的金额。",
)
def basic_expense_totals(doc: Disclosure) -> Iterator[Hit]:
    table = doc.table(TableKind.T08)
    if table is None or not table_has_data(table):
        raise NotApplicable("没有含数据的一般公共预算财政拨款基本支出决算表")
    index = CodedIndex.build(table)
    if index.duplicated:
        return
    personnel, public, grand = t08_totals(table)
    classes = [index.by_code[c] for c in index.order if len(c) == 3]
    for total_row, side, label in (
        (personnel, "personnel", "人员经费合计"),
        (public, "public", "公用经费合计"),
    ):
        parts = [r for r in classes if r.side == side]
        if total_row is None or not parts:
            continue
        res = check_sum(label, t08_value(total_row), [t08_value(r) for r in parts])
        if res is None:
            continue
        names = "、".join(row_label(r) for r in parts)
        yield _identity_hit(table, "：", total_row, parts, res, f"各类（{names}）之和")
    if grand is not None and personnel is not None and public is not None:
        res = check_sum("合计", t08_value(grand), [t08_value(personnel), t08_value(public)])
        if res is not None:
            yield _identity_hit(
                table, "：", grand, [personnel, public], res, "人员经费合计 + 公用经费合计"
            )


# ---------------------------------------------------------------------------------------
# JS207 “三公” table

SANGONG_IDENTITIES = (
    ("total", ("abroad", "vehicle", "reception")),
    ("total", ("abroad", "vehicle_purchase", "vehicle_operation", "reception")),
    ("vehicle", ("vehicle_purchase", "vehicle_operation")),
)


@rule(
    "JS207",
    name="sangong-table-sum",
    title="“三公”经费表合计或小计不等于各项之和",
    category=Category.ARITHMETIC,
    severity=Severity.ERROR,
    rationale="""
财政拨款“三公”经费支出决算表中，预算数和决算数的“合计”都应等于因公出国（境）费、公务用车
购置及运行维护费、公务接待费之和，公务用车购置及运行维护费（小计）应等于公务用车购置费与
公务用车运行维护费之和。不相等说明某一格录错。
""",
    bad="“三公”经费决算数合计 12.00 万元，因公出国（境）费 0.00 + 公务用车购置及运行维护费 "
    "8.00 + 公务接待费 3.00 = 11.00 万元。",
    good="合计 11.00 = 0.00 + 8.00 + 3.00 万元。",
    tolerance="sum_tolerance(n)：n 个非零加数分别四舍五入，差额不超过 0.01 × ⌈n/2⌉ 万元为舍入"
    "误差（提示）；超出为错误。",
    suggestion="核对“三公”经费表的合计、小计与各项金额。",
)
def sangong_sum(doc: Disclosure) -> Iterator[Hit]:
    tables = [
        t for t in doc.tables if t.kind in (TableKind.T13, TableKind.T13G) and table_has_data(t)
    ]
    if not tables:
        raise NotApplicable("没有含数据的“三公”经费支出决算表")
    for table in tables:
        items: dict[str, TableRow] = {}
        twice: set[str] = set()
        for r in table.rows:
            if r.ref_code is None:
                continue
            if r.ref_code in items:
                twice.add(r.ref_code)
            items[r.ref_code] = r
        checked: set[str] = set()
        for total, parts in SANGONG_IDENTITIES:
            if total in checked or total in twice or any(p in twice for p in parts):
                continue
            total_row = items.get(total)
            part_rows = [items[p] for p in parts if p in items]
            if total_row is None or len(part_rows) != len(parts):
                continue
            checked.add(total)  # the 合计 by 小计 when printed, else by its two parts
            results = []
            for col in ("budget", "actual"):
                res = check_sum(
                    f"{total_row.name}{column_name(table, col)}",
                    cell(total_row, col),
                    [cell(r, col) for r in part_rows],
                )
                if res is not None:
                    results.append(res)
            if results:
                names = " + ".join(r.name for r in part_rows)
                yield hit_from(
                    results,
                    f"{table_label(table)}：",
                    names,
                    evidence_of([total_row, *part_rows]),
                    table_label(table),
                )
