"""Helpers shared by the arithmetic rules."""

from __future__ import annotations

from collections.abc import Sequence

from juesuan.model import Evidence, Table, TableRow
from juesuan.rules.common import money, table_label
from juesuan.rules.engine import Hit
from juesuan.rules.tables import SumResult, evidence_of, merged_clauses, worst


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


def identity_hit(
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
