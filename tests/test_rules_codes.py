"""Classification code rules (JS4xx) beyond their cases (tests/rule_cases/JS4*.toml): the
reference lists, name normalisation, and the real code/name defects of the samples pinned
(each confirmed in the document)."""

from __future__ import annotations

import pytest

from juesuan import catalog
from juesuan.model.findings import Severity
from juesuan.rules.codes.js401_code_name_mismatch import normalise_name
from tests.rulekit import SAMPLE_NAMES, run, sample

LESHAN = "leshan-bigdata-center-2024.txt"
GUIHUA = "shanghai-guihua-2024.pdf"


# ---------------------------------------------------------------------------------------
# the reference lists


def test_reference_lists_are_consistent() -> None:
    for codes, lengths in (
        (catalog.functional_codes(), (3, 5, 7)),
        (catalog.economic_codes(), (3, 5)),
    ):
        assert codes.year == 2024
        for code, name in codes.names.items():
            assert len(code) in lengths and code.isdigit() and name
            if len(code) > 3:
                parent = code[: lengths[lengths.index(len(code)) - 1]]
                assert parent in codes.names, code
    classes = {c: n for c, n in catalog.functional_codes().names.items() if len(c) == 3}
    assert classes == catalog.functional_classes()  # the 类 list of classes.toml


@pytest.mark.parametrize("name", [n for n in SAMPLE_NAMES if n != LESHAN])
def test_samples_codes_all_known_and_standard(name: str) -> None:
    # every code printed in 社会工作部, 规划资源局 and the template is in the reference list
    # with the printed name (2022 and 2020 have no tables); JS406 reads the explanation
    assert [f for f in run(sample(name), "JS4") if f.rule != "JS406"] == []


def test_normalise_name() -> None:
    assert normalise_name("维修(护)费") == normalise_name("维修（护）费")
    assert normalise_name("机关事业单位基本养老保险缴 费支出") == "机关事业单位基本养老保险缴费支出"


# ---------------------------------------------------------------------------------------
# JS401 names


def test_leshan_names_pinned() -> None:
    # 收入决算表 (lines 881, 882, 885): 21208/2120899 “国有土地使用者出让…” (standard and the
    # 支出决算表 on lines 911–912: 使用权); 2210201 “住房租金支出” where 支出决算表 (line 915) and
    # 一般公共预算财政拨款支出决算表 (line 980) print 住房公积金.
    findings = run(sample(LESHAN), "JS401")
    got = [(f.severity, f.actual, [e.line for e in f.evidence]) for f in findings]
    assert got == [
        (Severity.WARNING, "国有土地使用者出让收入安排的支出", [881]),
        (Severity.WARNING, "其他国有土地使用者出让收入安排的支出", [882]),
        (Severity.ERROR, "住房租金支出", [885, 915, 980]),
    ]
    assert findings[2].expected == "住房公积金"


def test_side_by_side_blocks_are_in_place() -> None:
    assert run(sample(GUIHUA), "JS403") == []  # 基本支出表: two blocks side by side


# ---------------------------------------------------------------------------------------
# the lists by year (catalog/codes.py)


def test_year_lists() -> None:
    from juesuan.catalog.codes import code_catalog, year_list

    functional = code_catalog("functional")
    assert (functional.first, functional.last) == (2018, 2024)
    l2018, l2020, l2024 = (year_list("functional", y) for y in (2018, 2020, 2024))
    assert (
        l2018.names["207"] == "文化体育与传媒支出"
        and l2024.names["207"] == "文化旅游体育与传媒支出"
    )
    assert l2018.names["210"] == "医疗卫生与计划生育支出" and l2024.names["210"] == "卫生健康支出"
    assert l2018.names["20805"] == "行政事业单位离退休"
    assert l2020.names["20805"] == "行政事业单位养老支出"
    assert "2080504" in l2018.names and "2080504" not in l2020.names
    assert "224" not in l2018.names and "234" in l2020.names
    assert l2018.sure("2080504") and not l2018.sure("2080501")  # 归口管理…: not confirmed
    later = year_list("functional", 2025)
    assert later.year == 2024 and not later.established and not later.sure("201")
    assert functional.names_by_year("20805") == {
        "行政事业单位离退休": [2018, 2019],
        "行政事业单位养老支出": [2020, 2021, 2022, 2023, 2024],
    }
    # every year's list keeps the hierarchy: each code's parent is in that year's list
    for kind, lengths in (("functional", (3, 5, 7)), ("economic", (3, 5))):
        for year in range(2018, 2025):
            names = year_list(kind, year).names
            for code in names:
                assert len(code) in lengths, code
                if len(code) > 3:
                    assert code[: lengths[lengths.index(len(code)) - 1]] in names, (year, code)
