"""The outline and the cover for every layout: section and part keys (catalog), cover, 目录,
headings — on small hand-made documents and on the budget samples."""

from __future__ import annotations

import pytest

from juesuan import catalog
from juesuan.model import DocKind
from juesuan.structure.outline import part_key, section_key

# ---------------------------------------------------------------------------------------
# catalog: part and section keys


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # final-account titles keep their keys
        ("收入支出决算总体情况说明", "total"),
        ("一般公共预算财政拨款基本支出决算情况说明", "basic"),
        ("财政拨款收入支出决算总体情况说明", "fiscal_total"),
        # budget titles reuse the same keys where the concept is the same
        ("收支预算总体情况说明", "total"),
        ("收入预算情况说明", "income"),
        ("支出预算情况说明", "expense"),
        ("财政拨款收支预算总体情况说明", "fiscal_total"),
        ("一般公共预算支出预算情况说明", "general_budget"),
        ("一般公共预算财政拨款支出预算情况说明", "general_budget"),
        ("一般公共预算基本支出预算情况说明", "basic"),
        ("一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "sangong"),
        ("2025年“三公”经费预算情况说明", "sangong"),
        ("政府性基金预算支出预算情况说明", "govfund"),
        ("国有资本经营预算收支情况", "soe"),
        ("一般公共预算机关运行经费支出预算情况说明", "admin_cost"),
        ("政府采购支出预算情况说明", "procurement"),
        ("国有资产占用情况", "assets"),
        ("国有资产占有情况", "assets"),
        ("预算绩效目标设置情况说明", "performance"),
        ("绩效目标设置情况", "performance"),
        # budget-only sections
        ("财政拨款支出预算情况说明", "fiscal_expense"),
        ("财政拨款基本支出预算情况说明", "fiscal_basic"),
        ("2025年单位预算编制说明", "compilation"),
        ("部门预算编制说明", "compilation"),
        ("其他相关情况说明", "other_related"),
        ("2018年度部门主要工作任务及目标", "tasks"),
        ("部门收支预算编制的相关依据及测算分析情况", "basis"),
    ],
)
def test_section_keys(title: str, expected: str) -> None:
    assert section_key(title) == expected


def test_most_specific_section_pattern_wins() -> None:
    # 财政拨款基本支出 vs 基本支出 vs 财政拨款支出, and 一般公共预算财政拨款基本支出 over all
    assert section_key("财政拨款基本支出预算情况说明") == "fiscal_basic"
    assert section_key("基本支出预算情况说明") == "basic"
    assert section_key("财政拨款支出预算情况说明") == "fiscal_expense"
    assert section_key("一般公共预算财政拨款基本支出预算情况说明") == "basic"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2019年度部门预算表", "tables"),
        ("江苏省高级人民法院2018年度预算表", "tables"),
        ("省级部门预算公开报表", "tables"),
        ("2018年度部门预算情况说明", "explanation"),
        ("江苏省高级人民法院2018年度预算安排情况说明", "explanation"),
        ("单位预算编制说明", "explanation"),
        ("其他相关情况说明", "explanation"),
        ("部门概况", "overview"),
        ("部门主要职能", "overview"),
        ("单位机构设置", "overview"),
        ("名词解释", "glossary"),
        ("项目经费情况说明", "project_info"),
        ("绩效目标", "targets"),
        # final-account parts unchanged
        ("2024年度部门决算表", "tables"),
        ("附件", "annex"),
    ],
)
def test_part_keys(title: str, expected: str) -> None:
    assert part_key(title) == expected


def test_section_names_by_kind() -> None:
    final = catalog.section_names()
    budget = catalog.section_names(DocKind.BUDGET)
    assert final["total"] == "收入支出决算总体情况说明"
    assert final == catalog.section_names(DocKind.FINAL)
    assert budget["total"] == "收支预算总体情况说明"
    assert budget["sangong"] == "“三公”经费预算情况说明"
    assert budget["fiscal_basic"] == "财政拨款基本支出预算情况说明"
    # where the budget template words a section alike, the name is shared
    assert budget["other"] == final["other"] == "其他重要事项的情况说明"
    assert set(budget) == set(final)
