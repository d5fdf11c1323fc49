"""Extraction on the real samples and on small hand-made documents."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.model import SCHEMA, TableKind, from_json_dict, to_json_dict

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from dump_tables import tables_digest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
GOLDEN = Path(__file__).parent / "golden" / "tables"

SH9 = ["T01", "T02", "T03", "T04", "T06", "T08", "T13", "T10", "T11"]
SC13 = [f"T{i:02d}" for i in range(1, 14)]
SC14 = [
    "T01",
    "T02",
    "T03",
    "T04",
    "T05",
    "T06",
    "T07",
    "T08",
    "T09",
    "T13",
    "T10",
    "T13G",
    "T11",
    "T12",
]

# sample -> (unit, year, kind, layout, tables present in the body, tables listed)
EXPECTED = {
    "leshan-bigdata-center-2024.txt": (
        "乐山市大数据中心",
        2024,
        "单位",
        "sichuan-13",
        ["T01", "T02", "T03", "T04", "T06", "T07", "T11", "T12", "T13"],
        SC13,
    ),
    "sichuan-bigdata-center-2022.txt": (
        "四川省大数据中心",
        2022,
        "部门",
        "sichuan-13",
        [],
        SC13,
    ),
    "sichuan-commerce-infocenter-2020.txt": (
        "四川省商务厅信息中心",
        2020,
        "单位",
        "sichuan-14",
        [],
        SC14,
    ),
    "shanghai-template-2024.pdf": ("上海市XX局", 2024, "部门", "shanghai-9", SH9, SH9),
    "shanghai-shegong-2024.pdf": (
        "中共上海市普陀区委社会工作部",
        2024,
        "部门",
        "shanghai-9",
        SH9,
        SH9,
    ),
    "shanghai-guihua-2024.pdf": (
        "上海市普陀区规划和自然资源局",
        2024,
        "部门",
        "shanghai-9",
        SH9,
        SH9,
    ),
}


@pytest.fixture(scope="module")
def docs() -> dict[str, juesuan.model.Disclosure]:
    return {name: juesuan.read(SAMPLES / name) for name in EXPECTED}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_cover_and_tables(docs: dict[str, juesuan.model.Disclosure], name: str) -> None:
    unit, year, kind, layout, present, listed = EXPECTED[name]
    doc = docs[name]
    assert (doc.unit, doc.year, doc.scope, doc.layout) == (unit, year, kind, layout)
    assert [t.kind.value for t in doc.tables] == present
    assert [k.value for k in doc.listed_tables] == listed


@pytest.mark.parametrize(
    "name",
    ["leshan-bigdata-center-2024.txt", "shanghai-shegong-2024.pdf", "shanghai-guihua-2024.pdf"],
)
def test_tables_match_hand_checked_golden(
    docs: dict[str, juesuan.model.Disclosure], name: str
) -> None:
    golden = json.loads((GOLDEN / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(tables_digest(docs[name]), ensure_ascii=False)) == golden


def test_publication_date(docs: dict[str, juesuan.model.Disclosure]) -> None:
    assert docs["leshan-bigdata-center-2024.txt"].publication_date == "2025-09-26"
    assert docs["sichuan-bigdata-center-2022.txt"].publication_date == "2023-08-25"
    assert docs["shanghai-shegong-2024.pdf"].publication_date is None


def test_values_are_decimal_in_wanyuan(docs: dict[str, juesuan.model.Disclosure]) -> None:
    doc = docs["leshan-bigdata-center-2024.txt"]
    t01 = doc.table(TableKind.T01)
    assert t01 is not None
    total = next(r for r in t01.rows if r.ref_code == "grand_total" and r.side == "income")
    assert total.values["amount"] == Decimal("1069.86")
    assert total.raw["amount"] == "1,069.86"  # kept exactly as printed


def test_empty_table_statements(docs: dict[str, juesuan.model.Disclosure]) -> None:
    guihua = docs["shanghai-guihua-2024.pdf"]
    t10 = guihua.table(TableKind.T10)
    assert t10 is not None and not t10.rows
    assert t10.empty_statement is not None and "本表无数据" in t10.empty_statement
    leshan = docs["leshan-bigdata-center-2024.txt"]
    t12 = leshan.table(TableKind.T12)
    assert t12 is not None and t12.empty_statement == "本表无数据"


def test_evidence_pages_are_one_based(docs: dict[str, juesuan.model.Disclosure]) -> None:
    doc = docs["shanghai-guihua-2024.pdf"]
    t02 = doc.table(TableKind.T02)
    assert t02 is not None
    assert t02.pages == [8, 9]
    row = t02.row("2120101")
    assert row is not None and row.evidence.page == 9 and row.evidence.bbox is not None
    assert "2120101" in row.evidence.text


def test_json_round_trip(docs: dict[str, juesuan.model.Disclosure]) -> None:
    for doc in docs.values():
        data = to_json_dict(doc)
        assert data["schema"] == SCHEMA
        assert "evaluations" in data and "department_evaluation" in data
        again = to_json_dict(from_json_dict(json.loads(json.dumps(data, ensure_ascii=False))))
        assert again == data


def test_outline_sections(docs: dict[str, juesuan.model.Disclosure]) -> None:
    doc = docs["shanghai-guihua-2024.pdf"]
    explanation = [
        h for h in doc.outline if h.level == 1 and h.evidence.page and h.evidence.page >= 20
    ]
    assert [h.number for h in explanation][:11] == [
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
        "八",
        "九",
        "十",
        "十一",
    ]
    assert explanation[0].key == "total"
    leshan = docs["leshan-bigdata-center-2024.txt"]
    keys = [h.key for h in leshan.outline if h.level == 2][:3]
    assert keys == ["general_budget_overall", "general_budget_structure", "general_budget_detail"]


def test_paragraph_soft_breaks_rejoined(docs: dict[str, juesuan.model.Disclosure]) -> None:
    doc = docs["leshan-bigdata-center-2024.txt"]
    para = next(p for p in doc.paragraphs if "一般公共预算财政拨款支出622.92万元" in p.text)
    assert "占本年支出合计的58.22%" in para.text  # "占\n本年支出合计" joined
    assert len(para.lines) == 3
    pdf = docs["shanghai-shegong-2024.pdf"]
    para = next(p for p in pdf.paragraphs if p.text.startswith("本年支出合计"))
    assert "基本支出105.58万元，占34.30%；项目支出202.24万元，占65.70%" in para.text
    assert para.evidence.page == 17


# ---------------------------------------------------------------------------------------
# hand-made documents


def test_text_table_with_split_codes_and_yuan(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "2024 年度",
            "某某局部门决算",
            "三、支出决算表",
            "支出决算表\t\t\t\t\t单位：元",
            "科目编码\t\t\t科目名称\t本年支出合计\t基本支出\t项目支出",
            "类\t款\t项\t\t1\t2\t3",
            "\t\t\t合计\t1,000,000.00\t600,000.00\t400,000.00",
            "201\t\t\t一般公共服务支出\t1,000,000.00\t600,000.00\t400,000.00",
            "201\t03\t\t政府办公厅（室）及相关机构事务\t1,000,000.00\t600,000.00\t400,000.00",
            "201\t03\t01\t行政运行\t600,000.00\t600,000.00\t",
            "201\t03\t99\t其他政府办公厅（室）及相关机构事务支出\t400,000.00\t\t400,000.00",
        ]
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = juesuan.read(path)
    table = doc.table(TableKind.T03)
    assert table is not None and table.unit == "元"
    assert table.columns == ["total", "basic", "project"]
    codes = [r.code for r in table.rows]
    assert codes == [None, "201", "20103", "2010301", "2010399"]
    row = table.row("2010399")
    assert row is not None
    assert row.values == {"total": Decimal("40.0000"), "basic": None, "project": Decimal("40.0000")}
    assert row.raw["total"] == "400,000.00"


def test_docx_tables_are_recognised(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某某中心2024年度单位决算")
    document.add_paragraph("一般公共预算财政拨款支出决算表")
    document.add_paragraph("单位：万元")
    grid = document.add_table(rows=4, cols=5)
    cells = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "30.00", "20.00", "10.00"],
        ["201", "一般公共服务支出", "30.00", "20.00", "10.00"],
        ["2010350", "事业运行", "30.00", "20.00", "10.00"],
    ]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    path = tmp_path / "d.docx"
    document.save(str(path))
    doc = juesuan.read(path)
    table = doc.table(TableKind.T06)
    assert table is not None
    assert [(r.code, r.values["project"]) for r in table.rows] == [
        (None, Decimal("10.00")),
        ("201", Decimal("10.00")),
        ("2010350", Decimal("10.00")),
    ]
    assert doc.year == 2024 and doc.scope == "单位"


def test_xlsx_one_sheet_per_table(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入决算表"
    ws.append(["收入决算表"])
    ws.append(["单位名称：某某中心", None, None, "单位：万元"])
    ws.append(["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "事业收入"])
    ws.append([None, "合计", 100.5, 100.5, 0])
    ws.append(["208", "社会保障和就业支出", 100.5, 100.5, 0])
    for row in ws.iter_rows(min_row=4, min_col=3):
        for cell in row:
            cell.number_format = "0.00"
    path = tmp_path / "w.xlsx"
    wb.save(path)
    doc = juesuan.read(path)
    table = doc.table(TableKind.T02)
    assert table is not None
    assert table.columns == ["total", "fiscal", "business"]
    row = table.row("208")
    assert row is not None and row.raw == {
        "total": "100.50",
        "fiscal": "100.50",
        "business": "0.00",
    }


def test_damaged_title_recognised_by_words(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "一般公共预算财政拨款基本支出决 算表",  # a broken title
            "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数",
            "301\t工资福利支出\t10.00\t302\t商品和服务支出\t2.00",
            "30101\t基本工资\t10.00\t30201\t办公费\t2.00",
            "人员经费合计\t\t10.00\t公用经费合计\t\t2.00",
        ]
    )
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    table = juesuan.read(path).table(TableKind.T08)
    assert table is not None
    sides = {(r.code or r.name): (r.side, r.values) for r in table.rows}
    assert sides["30201"] == ("public", {"public": Decimal("2.00")})
    assert sides["人员经费合计"] == ("personnel", {"personnel": Decimal("10.00")})


# ---------------------------------------------------------------------------------------
# budget samples

BUDGET_GOLDEN = (
    "jiangsu-high-court-2018-dept-budget.pdf",
    "jiangsu-high-court-2019-dept-budget.pdf",
    "jiangsu-party-office-2018-dept-budget-tables.pdf",
    "shanghai-municipal-finance-bureau-2025-unit-budget.pdf",
    "shanghai-putuo-wanli-street-2023-dept-budget.pdf",
)


@pytest.mark.parametrize("name", BUDGET_GOLDEN)
def test_budget_tables_match_hand_checked_golden(name: str) -> None:
    from dump_budget_tables import budget_digest

    doc = juesuan.read(SAMPLES / name)
    golden = json.loads((GOLDEN / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(budget_digest(doc), ensure_ascii=False)) == golden
