"""Narrative vs tables (JS5xx) beyond their cases (tests/rule_cases/JS5*.toml): the path of
names that locates a 项 in the 一般公共预算 table, and the template's silence."""

from __future__ import annotations

from decimal import Decimal as D

import rulekit

from juesuan.model import Evidence, Table, TableKind, TableRow
from juesuan.rules.narrative.js503_narrative_item_mismatch import resolve_path


def _row(
    name: str,
    code: str | None = None,
    side: str | None = None,
    ref: str | None = None,
    **values: str | None,
) -> TableRow:
    return TableRow(
        name=name,
        values={k: (None if v is None else D(v)) for k, v in values.items()},
        raw={},
        evidence=Evidence(name, line=100),
        code=code,
        side=side,
        ref_code=ref,
    )


def _table(
    kind: TableKind, columns: list[str], rows: list[TableRow], empty: str | None = None
) -> Table:
    return Table(
        kind=kind,
        title="",
        pages=[],
        columns=columns,
        rows=rows,
        evidence=Evidence(kind.value, line=90),
        empty_statement=empty,
    )


def test_resolve_path_by_names() -> None:
    t06 = _table(
        TableKind.T06,
        ["total"],
        [
            _row("一般公共服务支出", code="201", total="90"),
            _row("政府办公厅（室）及相关机构事务", code="20103", total="54"),
            _row("事业运行", code="2010350", total="54"),
            _row("网信事务", code="20137", total="36"),
            _row("事业运行", code="2013750", total="36"),
            _row("行政事业单位养老支出", code="20805", total="15"),
            _row("机关事业单位职业年金缴费支出", code="2080506", total="5"),
        ],
    )
    assert resolve_path("一般公共服务（类）网信事务（款）事业运行（项）", t06) == "2013750"
    # 事业运行 appears under two 款: without the 款 the path is ambiguous
    assert resolve_path("一般公共服务（类）事业运行（项）", t06) is None
    # 款 missing or misnamed, 项 unique under its 类
    assert resolve_path("社会保障和就业（类）机关事业单位职业年金缴费支出（项）", t06) == "2080506"
    assert (
        resolve_path(
            "社会保障和就业（类）行政事业养老支出（款）机关事业单位职业年金缴费支出（项）", t06
        )
        == "2080506"
    )
    assert resolve_path("一般公共预算服务（类）网信事务（款）事业运行（项）", t06) is None


def test_template_has_no_narrative_findings() -> None:
    assert rulekit.run(rulekit.sample("shanghai-template-2024.pdf"), "JS5") == []
