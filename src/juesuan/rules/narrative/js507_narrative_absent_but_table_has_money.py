"""JS507: what the explanation says is absent (“无…”) has no money in the tables."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.model import Disclosure, Measure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import money
from juesuan.rules.engine import Hit, NotApplicable, rule
from juesuan.rules.narrative._shared import FUND_SPECS, Lookup, TableValue, t13_value
from juesuan.rules.narrative_facts import where_of


def _absent_values(doc: Disclosure, subject: str) -> list[TableValue]:
    lookups: tuple[Lookup, ...] = ()
    if subject in FUND_SPECS:
        lookups = FUND_SPECS[subject][1]
    elif subject == "“三公”经费":
        lookups = (lambda d: t13_value(d, "“三公”经费", "actual"),)
    elif subject == "更新购置公务用车":
        lookups = (lambda d: t13_value(d, "公务用车购置费", "actual"),)
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
    suggestion="按决算表改写说明，列出实际金额。",
)
def absent_but_table_has_money(doc: Disclosure) -> Iterator[Hit]:
    absent = [s for s in doc.statements if s.measure == Measure.ABSENT]
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
