"""Classification code rules (JS4xx): hand-made tables of coded rows, modified samples, and the
real code/name defects of the samples pinned (each confirmed in the document)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan import catalog
from juesuan.model import Disclosure, Evidence, SourceInfo, Table, TableKind, TableRow
from juesuan.model.findings import Severity
from juesuan.rules.codes import normalise_name
from tests.rulekit import SAMPLE_NAMES, run, sample

LESHAN = "leshan-bigdata-center-2024.txt"
GUIHUA = "shanghai-guihua-2024.pdf"


def _doc(
    rows: list[tuple[str, str]], kind: TableKind = TableKind.T03, year: int = 2024
) -> Disclosure:
    doc = Disclosure(source=SourceInfo("case.txt", "txt", None, ""), year=year)
    table_rows = [
        TableRow(
            name=name,
            values={"total": Decimal("1.00")},
            raw={"total": "1.00"},
            evidence=Evidence(f"{code}\t{name}\t1.00", None, 10 + i),
            code=code,
        )
        for i, (code, name) in enumerate(rows)
    ]
    doc.tables.append(
        Table(kind, "支出决算表", [], ["total"], table_rows, Evidence("支出决算表", None, 9))
    )
    return doc


HOUSING = [("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金")]


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
    # with the printed name (2022 and 2020 have no tables)
    assert run(sample(name), "JS4") == []


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


def test_name_of_another_code_is_error() -> None:
    findings = run(
        _doc(
            [
                ("201", "一般公共服务支出"),
                ("20103", "政府办公厅（室）及相关机构事务"),
                ("2010350", "行政运行"),
            ]
        ),
        "JS401",
    )
    assert [(f.severity, f.expected) for f in findings] == [(Severity.ERROR, "事业运行")]
    assert "2010301" in findings[0].message


def test_misspelt_name_is_warning_and_truncated_is_info() -> None:
    rows = [
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴"),
        ("2080506", "机关事业单位职业年金交费支出"),
    ]
    findings = run(_doc(rows), "JS401")
    assert [(f.severity, f.actual) for f in findings] == [
        (Severity.INFO, "机关事业单位基本养老保险缴"),
        (Severity.WARNING, "机关事业单位职业年金交费支出"),
    ]


def test_different_name_without_corroboration_is_warning() -> None:
    rows = [*HOUSING[:2], ("2210201", "住房租金支出")]
    findings = run(_doc(rows), "JS401")
    assert [f.severity for f in findings] == [Severity.WARNING]


def test_other_year_lowers_severity() -> None:
    rows = [
        ("201", "一般公共服务支出"),
        ("20103", "政府办公厅（室）及相关机构事务"),
        ("2010350", "行政运行"),
    ]
    findings = run(_doc(rows, year=2020), "JS401")
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "2024年版" in findings[0].message


def test_standard_names_quiet() -> None:
    rows = [*HOUSING, ("302", "商品和服务支出"), ("30213", "维修(护)费")]
    assert run(_doc(rows), "JS401") == []


# ---------------------------------------------------------------------------------------
# JS402 unknown codes


def test_unknown_code_is_info_unknown_class_warning() -> None:
    rows = [("213", "农林水支出"), ("21305", "巩固脱贫攻坚成果衔接乡村振兴"), ("218", "不存在的类")]
    findings = run(_doc(rows), "JS402")
    assert [(f.severity, f.actual) for f in findings] == [
        (Severity.INFO, "21305"),
        (Severity.WARNING, "218"),
    ]
    assert "未在参考目录中" in findings[0].message


def test_known_codes_quiet() -> None:
    assert run(_doc(HOUSING), "JS402") == []


# ---------------------------------------------------------------------------------------
# JS403 malformed and misplaced codes


def test_wrong_length_is_warning() -> None:
    findings = run(_doc([*HOUSING, ("221020", "住房公积金")]), "JS403")
    assert [(f.severity, f.actual) for f in findings] == [(Severity.WARNING, "6位")]


def test_kuan_under_other_class_is_warning() -> None:
    rows = [
        ("208", "社会保障和就业支出"),
        ("210", "卫生健康支出"),
        ("20805", "行政事业单位养老支出"),
        ("21011", "行政事业单位医疗"),
    ]
    findings = run(_doc(rows), "JS403")
    assert [(f.severity, f.expected, f.actual) for f in findings] == [
        (Severity.WARNING, "属于208", "印在210下")
    ]


def test_well_placed_codes_quiet() -> None:
    assert run(_doc(HOUSING), "JS403") == []
    assert run(sample(GUIHUA), "JS403") == []  # 基本支出表: two blocks side by side


# ---------------------------------------------------------------------------------------
# JS404 missing parent rows


def test_orphan_item_is_info() -> None:
    rows = [*HOUSING, ("2101102", "事业单位医疗")]
    findings = run(_doc(rows), "JS404")
    assert [(f.severity, f.expected) for f in findings] == [(Severity.INFO, "款21011行")]


def test_table_of_items_only_is_quiet() -> None:
    rows = [("2210201", "住房公积金"), ("2101102", "事业单位医疗")]
    assert run(_doc(rows), "JS404") == []
