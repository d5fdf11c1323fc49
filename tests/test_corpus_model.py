"""The corpus pieces of the model: unit names, the in-memory lookup, and reading several
files as one disclosure."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import juesuan
from juesuan.model import from_json_dict, to_json_dict
from juesuan.model.corpus import CorpusLookup, MemoryCorpus, clean_unit_name, unit_key
from juesuan.sources import joined_sha256, load, load_many
from tests import corpusgen

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize(
    ("printed", "display", "key"),
    [
        ("江苏省高级人民法院预算公开2月24日", "江苏省高级人民法院", "江苏省高级人民法院"),
        ("江苏省高级人民法院部门预算公开", "江苏省高级人民法院", "江苏省高级人民法院"),
        (
            "江苏省省级部门预算公开报表部门:中共江苏省委办公厅江苏省财政厅印制",
            "中共江苏省委办公厅",
            "江苏省委办公厅",
        ),
        ("江苏省委办公厅部门预算公开", "江苏省委办公厅", "江苏省委办公厅"),
        ("上海市市级单位预算预算单位：上海市财政局", "上海市财政局", "上海市财政局"),
        (
            "上海市普陀区区级部门预算预算主管部门：上海市普陀区人民政府万里街道办事处",
            "上海市普陀区人民政府万里街道办事处",
            "上海市普陀区万里街道办事处",
        ),
        (
            "中国共产党上海市普陀区委员会社会工作部（本级）",
            "中国共产党上海市普陀区委员会社会工作部(本级)",
            "上海市普陀区委社会工作部",
        ),
        (
            "中共上海市普陀区委社会工作部",
            "中共上海市普陀区委社会工作部",
            "上海市普陀区委社会工作部",
        ),
        ("2024年乐山市大数据中心部门决算", "乐山市大数据中心", "乐山市大数据中心"),
        ("上海 市财政局 本级", "上海市财政局本级", "上海市财政局"),
        (
            "上海市普陀区规划和自然资源局2024年度部门决算",
            "上海市普陀区规划和自然资源局",
            "上海市普陀区规划和自然资源局",
        ),
    ],
)
def test_unit_names(printed: str, display: str, key: str) -> None:
    assert clean_unit_name(printed) == display
    assert unit_key(printed) == key


def test_unit_key_keeps_different_units_apart() -> None:
    assert unit_key("上海市财政局") != unit_key("上海市税务局")
    assert unit_key("乐山市大数据中心") != unit_key("四川省大数据中心")
    assert unit_key(None) == "" and unit_key("") == ""


def test_memory_corpus_finds_last_year_and_the_budget() -> None:
    docs = {
        (name, year): corpusgen.disclosure(name, year, factor)
        for name, years in corpusgen.UNITS.items()
        for year, factor in years
    }
    budget = corpusgen.disclosure("甲市数据中心", 2023, 2)
    budget.kind = juesuan.model.DocKind.BUDGET
    corpus = MemoryCorpus([*docs.values(), budget])
    assert isinstance(corpus, CorpusLookup)
    this = docs[("甲市数据中心", 2024)]
    previous = corpus.previous_year(this)
    assert previous is docs[("甲市数据中心", 2023)]
    assert corpus.previous_year(docs[("甲市数据中心", 2022)]) is None
    # A renamed unit is another unit until a person says otherwise (store: unit merge).
    assert corpus.previous_year(docs[("丙区数据局", 2024)]) is None
    assert corpus.same_year_budget(docs[("甲市数据中心", 2023)]) is budget
    assert corpus.same_year_budget(docs[("甲市数据中心", 2024)]) is None
    # Each current document counted once: three final accounts and the budget of 2023.
    assert corpus.code_names("2010350", 2023) == Counter({"事业运行": 4})


def test_load_many_numbers_pages_on_and_records_the_parts() -> None:
    narrative = SAMPLES / "jiangsu-party-office-2018-dept-budget.pdf"
    tables = SAMPLES / "jiangsu-party-office-2018-dept-budget-tables.pdf"
    first, second = load(narrative), load(tables)
    joined = load_many([narrative, tables])
    assert joined.page_count == (first.page_count or 0) + (second.page_count or 0)
    assert joined.sha256 == joined_sha256([second.sha256, first.sha256])  # order-free
    assert [p.first_page for p in joined.parts] == [1, (first.page_count or 0) + 1]
    assert [p.number for p in joined.pages] == list(range(1, (joined.page_count or 0) + 1))
    doc = juesuan.read_many([narrative, tables])
    assert doc.statements and doc.tables  # the narrative's facts and the other file's tables
    table = doc.tables[0]
    part, page = doc.source.part_of_page(table.pages[0]) or (None, None)
    assert part is not None and part.path == str(tables) and page == table.pages[0] - 13
    assert from_json_dict(to_json_dict(doc)).source.parts == doc.source.parts


def test_load_many_numbers_lines_of_files_without_pages() -> None:
    a = SAMPLES / "leshan-bigdata-center-2024.txt"
    b = SAMPLES / "sichuan-commerce-infocenter-2020.txt"
    last_line = max(line.line for line in load(a).lines())
    joined = load_many([a, b])
    assert joined.page_count is None
    assert joined.parts[1].first_line == last_line + 1
    lines = [line.line for line in joined.lines()]
    assert len(lines) == len(set(lines))
