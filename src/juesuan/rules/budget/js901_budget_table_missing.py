"""JS901: the budget tables the 目录 (or the layout) promises are printed."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan import catalog
from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import TABLE_NAMES
from juesuan.rules.engine import BUDGET_ONLY, Hit, NotApplicable, rule


def _budget_layout(doc: Disclosure) -> catalog.Layout | None:
    layout = catalog.layouts().get(doc.layout or "")
    return layout if layout is not None and all(k.is_budget for k in layout.tables) else None


@rule(
    "JS901",
    applies_to=BUDGET_ONLY,
    name="budget-table-missing",
    title="缺少规定的预算公开表",
    category=Category.COMPLETENESS,
    severity=Severity.ERROR,
    rationale="""
部门预算公开要公开规定的预算表（收支总表、收入总表、支出总表、财政拨款收支总表、一般公共
预算支出表、一般公共预算基本支出表、“三公”经费支出表、政府性基金和国有资本经营预算支出表
等，各地模板张数不同），没有数据的表也要公开并注明。目录列出某张表而正文没有，公开就不
完整。未列入目录、只是本地模板通常有的表缺失时，只作警告；文件中一张表都没有（预算表
另行公开）时只给一条提示。
""",
    suggestion="补齐缺少的预算表；无数据的表保留表样并注明。",
)
def budget_table_missing(doc: Disclosure) -> Iterator[Hit]:
    listed = [k for k in doc.listed_tables if k.is_budget]
    layout = _budget_layout(doc)
    expected = list(listed)
    if layout is not None:
        expected += [k for k in layout.tables if k not in expected]
    if not expected:
        raise NotApplicable("目录没有列出预算表，版式也未识别")
    present = {t.kind for t in doc.tables}
    missing = [k for k in expected if k not in present]
    if not missing:
        return
    toc = {e.table_kind: e.evidence for e in doc.toc if e.table_kind is not None}
    if not any(k.is_budget for k in present):
        evidence = [toc[k] for k in missing if k in toc][:3]
        yield Hit(
            message=(
                f"目录列出{len(listed)}张预算表，本文件中一张也没有（可能另行公开），"
                "无法核对表内数据；如有单独公开的报表，可与本文件合并审核（--as-one）。"
            ),
            evidence=evidence or ([doc.cover] if doc.cover else []),
            expected=f"{len(expected)}张预算表",
            actual="0张",
            severity=Severity.INFO,
            where="预算表",
        )
        return
    for kind in missing:
        name = TABLE_NAMES[kind]
        if kind in toc:
            yield Hit(
                message=f"目录列有“{name}”，正文中没有这张表。",
                evidence=[toc[kind]],
                expected=name,
                actual="缺失",
                where=name,
            )
        else:
            yield Hit(
                message=f"本地预算公开模板通常有“{name}”，本文件中没有找到，请核对是否漏公开。",
                evidence=[doc.cover] if doc.cover else [],
                expected=name,
                actual="缺失",
                severity=Severity.WARNING,
                where=name,
            )
