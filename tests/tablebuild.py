"""Hand-made standard tables for rule tests (arithmetic and cross-table families).

Amounts are given as printed text ("1,069.86", "" for a blank cell); each row gets its own
evidence line so that findings can be checked for the rows they show.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from juesuan.model import Disclosure, Evidence, SourceInfo, Table, TableKind, TableRow

_lines = count(1)


def _amount(text: str) -> Decimal | None:
    t = text.replace(",", "").strip()
    return Decimal(t) if t else None


def row(
    code: str | None,
    name: str,
    values: dict[str, str],
    *,
    side: str | None = None,
    ref: str | None = None,
) -> TableRow:
    line = next(_lines)
    raw = {k: v for k, v in values.items() if v}
    return TableRow(
        name=name,
        values={k: _amount(v) for k, v in values.items()},
        raw=raw,
        evidence=Evidence(f"{code or ''}\t{name}\t" + "\t".join(raw.values()), page=1, line=line),
        code=code,
        side=side,
        ref_code=ref,
    )


def coded(
    kind: TableKind,
    columns: list[str],
    rows: list[tuple[str | None, str, list[str]]],
    *,
    empty: str | None = None,
) -> Table:
    """A coded table: rows as (code or None for 合计, name, printed values in column order)."""
    return Table(
        kind=kind,
        title="",
        pages=[1],
        columns=list(columns),
        rows=[row(code, name, dict(zip(columns, vals, strict=True))) for code, name, vals in rows],
        evidence=Evidence(kind.value, page=1, line=next(_lines)),
        empty_statement=empty,
    )


def two_sided(
    kind: TableKind,
    income: list[tuple[str, str, str]],
    expense: list[tuple[str, str, list[str]]],
) -> Table:
    """T01/T04: income lines (ref, name, amount); expense lines (ref, name, values) with one
    value (T01 ``amount``) or four (T04 total, general, govfund, soe)."""
    is_t04 = kind is TableKind.T04
    exp_cols = ["total", "general", "govfund", "soe"] if is_t04 else ["amount"]
    rows = [row(None, name, {"amount": v}, side="income", ref=ref) for ref, name, v in income]
    rows += [
        row(None, name, dict(zip(exp_cols, vals, strict=True)), side="expense", ref=ref)
        for ref, name, vals in expense
    ]
    return Table(
        kind=kind,
        title="",
        pages=[1],
        columns=["amount", *exp_cols[:]] if is_t04 else ["amount"],
        rows=rows,
        evidence=Evidence(kind.value, page=1, line=next(_lines)),
    )


def blocks(rows: list[tuple[str | None, str, str]]) -> Table:
    """T08: rows (code or None, name, amount); the block follows the code (301/303 人员经费)
    or the name (人员经费合计 / 公用经费合计)."""
    out = []
    for code, name, value in rows:
        if "人员经费" in name or (code is not None and code.startswith(("301", "303"))):
            side = "personnel"
        else:
            side = "public"
        out.append(row(code, name, {side: value}, side=side))
    return Table(
        kind=TableKind.T08,
        title="",
        pages=[1],
        columns=["personnel", "public"],
        rows=out,
        evidence=Evidence("T08", page=1, line=next(_lines)),
    )


def sangong(items: dict[str, tuple[str, str]]) -> Table:
    """T13: item ref_code -> (预算数, 决算数)."""
    names = {
        "total": "合计",
        "abroad": "因公出国（境）费",
        "vehicle": "公务用车购置及运行维护费",
        "vehicle_purchase": "公务用车购置费",
        "vehicle_operation": "公务用车运行维护费",
        "reception": "公务接待费",
    }
    return Table(
        kind=TableKind.T13,
        title="",
        pages=[1],
        columns=["budget", "actual"],
        rows=[
            row(None, names[k], {"budget": b, "actual": a}, ref=k) for k, (b, a) in items.items()
        ],
        evidence=Evidence("T13", page=1, line=next(_lines)),
    )


def document(*tables: Table) -> Disclosure:
    return Disclosure(
        source=SourceInfo(path="case.txt", format="txt", pages=1, sha256=""),
        tables=list(tables),
    )


def t01(
    income: dict[str, str],
    classes: dict[str, str],
    *,
    income_total: str,
    expense_total: str,
    begin: str = "",
    end: str = "",
    used: str = "",
    distribution: str = "",
    grand_in: str | None = None,
    grand_out: str | None = None,
) -> Table:
    """A 收入支出决算总表 from its income lines (ref -> amount) and expense lines by 类."""
    names = {
        "general": "一般公共预算财政拨款收入",
        "govfund": "政府性基金预算财政拨款收入",
        "soe": "国有资本经营预算财政拨款收入",
        "superior": "上级补助收入",
        "business": "事业收入",
        "operating": "经营收入",
        "affiliated": "附属单位上缴收入",
        "other": "其他收入",
    }
    inc = [(ref, names[ref], income.get(ref, "")) for ref in names]
    inc += [
        ("income_total", "本年收入合计", income_total),
        ("non_fiscal_balance_used", "使用非财政拨款结余", used),
        ("begin_balance", "年初结转和结余", begin),
        ("grand_total", "总计", grand_in if grand_in is not None else income_total),
    ]
    exp = [(code, f"{code}类支出", [v]) for code, v in classes.items()]
    exp += [
        ("expense_total", "本年支出合计", [expense_total]),
        ("distribution", "结余分配", [distribution]),
        ("end_balance", "年末结转和结余", [end]),
        ("grand_total", "总计", [grand_out if grand_out is not None else expense_total]),
    ]
    return two_sided(TableKind.T01, inc, exp)


def t04(
    income: dict[str, str],
    classes: dict[str, list[str]],
    *,
    income_total: str,
    expense_total: list[str],
    begin: str = "",
    begin_parts: dict[str, str] | None = None,
    end: list[str] | None = None,
    grand_in: str | None = None,
    grand_out: list[str] | None = None,
    begin_prefix: str = "end_balance",
) -> Table:
    """A 财政拨款收入支出决算总表; the fund lines under 年初 carry ``begin_prefix`` (the
    reader currently names them ``end_balance.*``)."""
    names = {
        "general": "一般公共预算财政拨款",
        "govfund": "政府性基金预算财政拨款",
        "soe": "国有资本经营预算财政拨款",
    }
    inc = [(ref, names[ref], income.get(ref, "")) for ref in names]
    inc += [("income_total", "本年收入合计", income_total)]
    inc += [("begin_balance", "年初财政拨款结转和结余", begin)]
    inc += [
        (f"{begin_prefix}.{ref}", names[ref], (begin_parts or {}).get(ref, "")) for ref in names
    ]
    inc += [("grand_total", "总计", grand_in if grand_in is not None else income_total)]
    exp = [(code, f"{code}类支出", vals) for code, vals in classes.items()]
    exp += [
        ("expense_total", "本年支出合计", expense_total),
        ("end_balance", "年末财政拨款结转和结余", end or ["", "", "", ""]),
        ("grand_total", "总计", grand_out if grand_out is not None else expense_total),
    ]
    return two_sided(TableKind.T04, inc, exp)


T02_COLUMNS = ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"]
T03_COLUMNS = ["total", "basic", "project", "remit", "operating", "subsidy"]
T06_COLUMNS = ["total", "basic", "project"]
FLOW_COLUMNS = ["begin", "income", "expense_total", "expense_basic", "expense_project", "end"]
