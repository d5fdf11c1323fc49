"""JS505: the “三公” amounts and budgets stated restate the “三公” table."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._shared import (
    BUDGET_MEASURES,
    SANGONG_ITEMS,
    T13,
    compare_statement,
    known_table,
    t13_value,
)
from juesuan.rules.narrative_facts import ACTUAL_MEASURES, SANGONG_TOPICS


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
    tolerance="CENT：相差 0.01 万元为警告，更大为错误；年初预算与表中预算数不一致一律为警告。",
    suggestion="以财政拨款“三公”经费支出决算表为准改正说明。",
)
def sangong_mismatch(doc: Disclosure) -> Iterator[Hit]:
    stated = [
        s
        for s in doc.statements
        if s.subject in SANGONG_ITEMS
        and s.topic in SANGONG_TOPICS
        and s.measure in ACTUAL_MEASURES | BUDGET_MEASURES
    ]
    if not stated:
        raise NotApplicable("情况说明中没有“三公”经费金额")
    if known_table(doc, T13) is None:
        raise NotApplicable("没有可核对的财政拨款“三公”经费支出决算表")
    for s in stated:
        column = "budget" if s.measure in BUDGET_MEASURES else "actual"
        value = t13_value(doc, s.subject, column)
        if value is None:
            continue
        kind = {Measure.BUDGET_INITIAL: "年初预算", Measure.BUDGET: "预算数"}.get(
            s.measure, "决算数"
        )
        what = f"“{s.subject}”{kind}"
        hit = compare_statement(
            s, [value], uncertain=s.measure == Measure.BUDGET_INITIAL, what=what
        )
        if hit is not None:
            yield hit
