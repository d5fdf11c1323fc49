"""Which standard table a printed title names (structure/titles.py)."""

from __future__ import annotations

import pytest

from juesuan import catalog
from juesuan.model import DocKind, TableKind
from juesuan.structure.titles import table_kind_of_title


@pytest.mark.parametrize("doc_kind", [DocKind.FINAL, DocKind.BUDGET])
def test_every_catalog_title_and_alias_names_its_own_table(doc_kind: DocKind) -> None:
    exact: dict[str, TableKind] = {}
    for spec in catalog.specs_of(doc_kind):
        for name in (spec.title, *spec.aliases):
            exact.setdefault(name, spec.kind)  # a name two tables print goes to the first
    assert len(exact) > 10
    for name, kind in exact.items():
        assert table_kind_of_title(name, doc_kind) is kind, name


def test_budget_titles_by_their_words_with_numbers_years_and_qualifiers() -> None:
    budget = DocKind.BUDGET
    assert table_kind_of_title("公开01表 2025年部门收支预算总表", budget) is not None
    assert table_kind_of_title("表1 2024年收支预算总表（按功能科目）", budget) == (
        table_kind_of_title("收支预算总表", budget)
    )
    assert table_kind_of_title("关于2024年预算的说明", budget) is None  # not a table title
    assert table_kind_of_title("", budget) is None
