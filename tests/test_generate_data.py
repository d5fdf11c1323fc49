"""``juesuan generate``: the data model, the data workbook, compose, the CLI and the round trip.

The round trip writes the shipped example as DOCX and PDF, reads the files back with
``juesuan.read`` and requires that ``check`` reports no error or warning and that every
table value and every stated figure comes back exactly as composed.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.errors import DataError
from juesuan.generate import data as gd
from juesuan.generate.compose import (
    change,
    compare_word,
    compose,
    compose_with_model,
    shares,
    to_disclosure,
)
from juesuan.generate.document import Chart, Heading, Paragraph, TableBlock
from juesuan.generate.workbook import (
    S_UNIT,
    TABLE_SHEETS,
    read_workbook,
    write_template,
    write_workbook,
)
from juesuan.model import Disclosure, Statement, TableKind
from juesuan.model.findings import Severity
from juesuan.rules import check
from tests.generate_snapshot import rich as _rich

D = Decimal
LAYOUTS = ("sichuan", "shanghai")


@pytest.fixture(scope="module")
def example() -> gd.GenerationData:
    return gd.load_example()


def _texts(data: gd.GenerationData, layout: str = "sichuan") -> list[str]:
    return [b.text for b in compose(data, layout).blocks if isinstance(b, Paragraph)]


def _paragraph(data: gd.GenerationData, needle: str, layout: str = "sichuan") -> str:
    found = [t for t in _texts(data, layout) if needle in t]
    assert found, f"no paragraph with {needle!r}"
    return found[0]


def _serious(doc: Disclosure) -> list[str]:
    report = check(doc)
    return [
        f"{f.severity.value} {f.rule} {f.message}"
        for f in report.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]


# ---------------------------------------------------------------------------------------
# numbers


def test_shares_round_half_up() -> None:
    assert shares([D("622.92"), D("446.94")], D("1069.86")) == [D("58.22"), D("41.78")]
    # independent half-up roundings, as the checker and the chart legend compute them, even
    # when they add up to 99.99 (forcing 100.00 would contradict the chart)
    got = shares([D("595.23"), D("16.14"), D("3.26"), D("8.29")], D("622.92"))
    assert got == [D("95.55"), D("2.59"), D("0.52"), D("1.33")]
    assert shares([D("1"), D("1")], D("3")) == [D("33.33"), D("33.33")]


def test_change_words_and_rates() -> None:
    up = change(D("1069.86"), D("980.00"))
    assert (up.direction, up.rate_word, up.amount, up.rate) == (
        "增加",
        "增长",
        D("89.86"),
        D("9.17"),
    )
    down = change(D("9746.50"), D("10939.70"))
    assert (down.direction, down.rate_word, down.amount, down.rate) == (
        "减少",
        "下降",
        D("1193.20"),
        D("10.91"),
    )
    flat = change(D("5.00"), D("5.004"))
    assert flat.direction == "持平" and flat.clause("收入支出总计") == "收入支出总计持平"
    assert change(D("3.00"), D("0")).rate is None  # no rate from nothing
    assert compare_word(D("9.99"), D("10")) == "小于"
    assert compare_word(D("10.001"), D("10")) == "等于"
    assert compare_word(D("10.01"), D("10")) == "大于"


# ---------------------------------------------------------------------------------------
# the data model and its JSON form


def test_json_round_trip(example: gd.GenerationData) -> None:
    text = gd.dump_json(example)
    again = gd.from_json_dict(json.loads(text))
    assert gd.to_json_dict(again) == gd.to_json_dict(example)
    assert again.table(TableKind.T06).coded("2010350") is not None


def test_json_errors_name_the_place() -> None:
    raw = json.loads(gd.dump_json(gd.load_example()))
    raw["tables"]["T03"]["rows"][1]["values"]["basic"] = "九十"
    with pytest.raises(DataError, match=r"tables\.T03 第2行.*basic.*九十"):
        gd.from_json_dict(raw)
    with pytest.raises(DataError, match="schema"):
        gd.from_json_dict({"schema": "other"})


def test_example_corrects_the_sample(example: gd.GenerationData) -> None:
    t02, t03, t06 = (example.table(k) for k in (TableKind.T02, TableKind.T03, TableKind.T06))
    for table in (t02, t03, t06):
        for code in ("20899", "2089999"):
            row = table.coded(code)
            assert row is not None and row.value("total") == D("1.38")
        row208 = table.coded("208")
        assert row208 is not None and row208.value("total") == D("16.14")
    assert all(t.coded("2210201").name == "住房公积金" for t in (t02, t03, t06))  # type: ignore[union-attr]
    total = t03.total_row()
    assert total is not None and total.value("basic") == D("117.88")
    assert {k for k, t in example.tables.items()} >= set(TABLE_SHEETS)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_example_passes_the_checks(example: gd.GenerationData, layout: str) -> None:
    assert _serious(to_disclosure(example, layout)) == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_rich_example_passes_the_checks(example: gd.GenerationData, layout: str) -> None:
    assert _serious(to_disclosure(_rich(example), layout)) == []


# ---------------------------------------------------------------------------------------
# compose: the sentences


def test_income_and_expense_sentences(example: gd.GenerationData) -> None:
    assert _paragraph(example, "本年收入合计") == (
        "2024年度本年收入合计1069.86万元，其中：一般公共预算财政拨款收入622.92万元，占58.22%；"
        "政府性基金预算财政拨款收入446.94万元，占41.78%。"
    )
    assert _paragraph(example, "本年支出合计") == (
        "2024年度本年支出合计1069.86万元，其中：基本支出117.88万元，占11.02%；"
        "项目支出951.98万元，占88.98%。"
    )
    # Shanghai groups the three 财政拨款 lines and leaves out the lines not concerned
    assert _paragraph(example, "本年收入合计", "shanghai") == (
        "本年收入合计1069.86万元，其中：财政拨款收入1069.86万元，占100.00%。"
    )


def test_year_on_year_directions(example: gd.GenerationData) -> None:
    rich = _rich(example)
    assert (
        "与2023年度相比，收入、支出总计各增加89.86万元，增长9.17%。主要原因是新增政府性基金项目。"
        in (_paragraph(rich, "收入、支出总计均为"))
    )
    assert "财政拨款收入、支出总计持平。" in _paragraph(rich, "财政拨款收入、支出总计均为")
    assert "一般公共预算财政拨款支出减少77.08万元，下降11.01%。主要原因：人员经费减少。" in (
        _paragraph(rich, "占本年支出合计的58.22%", "shanghai")
    )
    # no last-year data: the stated reason instead of a comparison
    assert _paragraph(example, "收入、支出总计均为") == (
        "2024年度收入、支出总计均为1069.86万元。本单位2024年重组，没有上年度可比数据。"
    )


def test_budget_comparison_words(example: gd.GenerationData) -> None:
    rich = _rich(example)
    item = _paragraph(rich, "1. 一般公共服务支出（类）政府办公厅")
    assert item.endswith(
        "全年预算为55.00万元，支出决算为53.88万元，完成预算97.96%。决算数小于预算数的主要原因是人员调出。"
    )
    rich.budgets[0].adjusted = D("50.00")
    item = _paragraph(rich, "1. 一般公共服务支出（类）政府办公厅")
    assert "完成预算107.76%。决算数大于预算数的主要原因是人员调出。" in item
    # equal: no direction sentence in Sichuan, “持平” in Shanghai
    assert _paragraph(example, "2. 一般公共服务支出（类）发展与改革事务").endswith(
        "完成预算100.00%。"
    )
    assert _paragraph(example, "2、一般公共服务支出（类）发展与改革事务", "shanghai").endswith(
        "决算数同预算数持平。"
    )
    # Shanghai states 年初预算 when every item has it
    rich.budgets[0].adjusted = None
    for b in rich.budgets:
        b.initial = b.initial or b.adjusted
    item = _paragraph(rich, "1、一般公共服务支出（类）政府办公厅", "shanghai")
    assert "年初预算为60.00万元，支出决算为53.88万元，完成年初预算的89.80%。" in item


def test_sangong_sentences(example: gd.GenerationData) -> None:
    rich = _rich(example)
    overall = _paragraph(rich, "“三公”经费财政拨款支出决算为")
    assert overall == (
        "2024年度“三公”经费财政拨款支出决算为1.99万元，完成预算66.33%，较上年度减少0.21万元，"
        "下降9.55%。决算数小于预算数的主要原因是严格落实中央八项规定精神。"
    )
    detail = _paragraph(rich, "“三公”经费财政拨款支出决算中")
    assert (
        "公务用车购置及运行维护费支出决算1.60万元，占80.40%；公务接待费支出决算0.39万元，占19.60%"
        in (detail)
    )
    # no “三公” money at all: one sentence, and the table says 本表无数据
    assert _paragraph(example, "三公") == "乐山市大数据中心2024年度无“三公”经费财政拨款支出。"


def test_parts_tables_and_charts(example: gd.GenerationData) -> None:
    for layout, n_tables in (("sichuan", 13), ("shanghai", 9)):
        document = compose(example, layout)
        tables = [b for b in document.blocks if isinstance(b, TableBlock)]
        assert len(tables) == n_tables
        parts = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 0]
        assert len(parts) == (5 if layout == "sichuan" else 4)
        empty = {t.kind for t in tables if not t.rows}
        assert empty == {TableKind.T11, TableKind.T12, TableKind.T13} & {t.kind for t in tables}
        assert all("本表无数据" in (t.empty_statement or "") for t in tables if not t.rows)
        charts = [b for b in document.blocks if isinstance(b, Chart)]
        assert [c.caption.split("：")[0] for c in charts] == [f"图{i}" for i in range(1, 7)]
    charts = [b for b in compose(_rich(example)).blocks if isinstance(b, Chart)]
    assert charts[-1].caption == "图7：“三公”经费财政拨款支出结构"
    assert charts[-1].kind == "pie"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_model_is_read_from_the_composed_document(example: gd.GenerationData, layout: str) -> None:
    """The model the rules check is what the structure builder reads from the composed
    text and tables: the layout, the cover facts and every coded amount of the data."""
    from juesuan import catalog
    from juesuan.generate.compose import LAYOUT_IDS

    doc = to_disclosure(example, layout)
    assert doc.source.format == "generated"
    assert doc.layout == LAYOUT_IDS[layout]
    assert (doc.unit, doc.year, doc.scope, doc.publication_date) == (
        "乐山市大数据中心",
        2024,
        "单位",
        "2025-09-26",
    )
    printed = catalog.layouts()[LAYOUT_IDS[layout]].tables
    assert [t.kind for t in doc.tables] == list(printed)
    for table in doc.tables:
        data = example.table(table.kind)
        for line in data.rows:
            if not line.code or table.kind is TableKind.T08:
                continue
            row = next(r for r in table.rows if r.code == line.code)
            for column, value in line.values.items():
                assert (row.values.get(column) or D(0)) == value, (table.kind, line.code, column)


def test_bare_data_composes_cleanly() -> None:
    bare = gd.GenerationData(unit=gd.UnitFacts(name="测试局", year=2024))
    for layout in LAYOUTS:
        document, doc = compose_with_model(bare, layout)
        assert document.cover_title() == "测试局2024年度部门决算"
        assert _serious(doc) == []


# ---------------------------------------------------------------------------------------
# the data workbook


def _fill_minimal(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[S_UNIT]
    ws["B3"], ws["B4"], ws["B5"] = "测试中心", 2024, "单位"
    t06 = wb[TABLE_SHEETS[TableKind.T06]]
    rows = [
        (None, "合计", 10.5, 10.5, 0),
        ("201", None, 10.5, 10.5, 0),
        ("20103", None, 10.5, 10.5, 0),
        ("2010350", None, 10.5, 10.5, 0),
    ]
    for i, (code, name, total, basic, project) in enumerate(rows, 4):
        t06.cell(row=i, column=1, value=code)
        if name:
            t06.cell(row=i, column=2, value=name)
        t06.cell(row=i, column=3, value=total)
        t06.cell(row=i, column=4, value=basic)
        t06.cell(row=i, column=5, value=project)
    wb.save(path)


def test_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    write_template(path)
    import openpyxl

    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明"
    assert set(TABLE_SHEETS.values()) <= set(wb.sheetnames)
    _fill_minimal(path)
    data = read_workbook(path)
    assert (data.unit.name, data.unit.year, data.unit.kind) == ("测试中心", 2024, "单位")
    t06 = data.table(TableKind.T06)
    row = t06.coded("2010350")
    assert row is not None and row.name == "事业运行"  # name filled from the code list
    assert row.value("total") == D("10.50")
    assert not data.table(TableKind.T03).rows  # untouched sheets have no data


def test_example_workbook_reads_like_the_json(example: gd.GenerationData, tmp_path: Path) -> None:
    path = tmp_path / "example.xlsx"
    write_workbook(path, example)
    again = read_workbook(path)
    for layout in LAYOUTS:
        a, b = to_disclosure(example, layout), to_disclosure(again, layout)
        assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
        assert _table_values(a) == _table_values(b)


def _bad(tmp_path: Path, edit: object) -> str:
    import openpyxl

    path = tmp_path / "bad.xlsx"
    write_workbook(path, gd.load_example())
    wb = openpyxl.load_workbook(path)
    edit(wb)  # type: ignore[operator]
    wb.save(path)
    with pytest.raises(DataError) as err:
        read_workbook(path)
    return err.value.message


def test_bad_workbooks_name_sheet_and_cell(tmp_path: Path) -> None:
    t03 = TABLE_SHEETS[TableKind.T03]

    def missing(wb: object) -> None:
        del wb[t03]  # type: ignore[attr-defined]

    assert f"缺少工作表“{t03}”" in _bad(tmp_path, missing)

    def text_in_number(wb: object) -> None:
        wb[t03]["D5"] = "九十万"  # type: ignore[index]

    message = _bad(tmp_path, text_in_number)
    assert f"工作表“{t03}”单元格 D5" in message and "九十万" in message

    def bad_code(wb: object) -> None:
        wb[t03]["A6"] = "201O3"  # type: ignore[index]

    message = _bad(tmp_path, bad_code)
    assert f"工作表“{t03}”单元格 A6" in message and "格式不对" in message

    def wrong_total(wb: object) -> None:
        wb[t03]["C4"] = 1070.86  # 合计 one 万元 too high

    message = _bad(tmp_path, wrong_total)
    assert f"工作表“{t03}”单元格 C4" in message and "相差 1.00 万元" in message

    def wrong_row(wb: object) -> None:
        wb[t03]["D5"] = 91.19  # 201 基本支出 one 万元 too high: 本年支出合计 ≠ Σ columns

    message = _bad(tmp_path, wrong_row)
    assert "单元格 C5" in message and "596.23" in message

    def wrong_class(wb: object) -> None:
        wb[t03]["C5"], wb[t03]["D5"] = 596.23, 91.19  # 201 ≠ Σ 款 (the row itself adds up)

    message = _bad(tmp_path, wrong_class)
    assert "单元格 C5" in message and "201" in message and "下级科目" in message

    def wrong_summary(wb: object) -> None:
        wb[TABLE_SHEETS[TableKind.T01]]["C7"] = 500  # 一般公共预算财政拨款收入

    message = _bad(tmp_path, wrong_summary)
    assert "01收入支出决算总表" in message and "本年收入合计" in message


# ---------------------------------------------------------------------------------------
# the command line


def test_cli_template_example_and_generate(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    template = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["generate", "--template", str(template)]).exit_code == 0
    assert template.is_file()
    example_json = tmp_path / "e.json"
    assert runner.invoke(app, ["generate", "--example", str(example_json)]).exit_code == 0
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["generate", str(example_json), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "乐山市大数据中心" in out.read_text(encoding="utf-8")
    # usage errors
    assert runner.invoke(app, ["generate", str(example_json)]).exit_code == 2
    assert (
        runner.invoke(app, ["generate", str(example_json), "-o", str(tmp_path / "x.txt")]).exit_code
        == 2
    )
    assert runner.invoke(app, ["generate", "--template", str(tmp_path / "t.json")]).exit_code == 2
    # the empty template is not data yet
    result = runner.invoke(app, ["generate", str(template), "-o", str(out)])
    assert result.exit_code == 9 and "单位名称不能为空" in result.output


def test_cli_stops_on_check_errors(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from juesuan.cli import app

    raw = json.loads(gd.dump_json(gd.load_example()))
    for row in raw["tables"]["T06"]["rows"]:
        if row.get("code") == "2010350":
            row["values"]["total"] = "63.88"  # ten 万元 more than its parts and the 款
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.html"
    runner = CliRunner()
    result = runner.invoke(app, ["generate", str(bad), "-o", str(out)])
    assert result.exit_code == 9
    assert "数据未通过审核" in result.output and "JS20" in result.output
    assert not out.exists()
    forced = runner.invoke(app, ["generate", str(bad), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.is_file()


# ---------------------------------------------------------------------------------------
# the round trip: generate, read back, check, compare


def _table_values(doc: Disclosure) -> dict[tuple[str, object], dict[str, Decimal]]:
    out: dict[tuple[str, object], dict[str, Decimal]] = {}
    for table in doc.tables:
        if not table.rows:
            out[(table.kind.value, "empty")] = {}
        for row in table.rows:
            ident = (
                row.code,
                row.side,
                row.ref_code,
                None if row.code or row.ref_code else row.name,
            )
            out[(table.kind.value, ident)] = {
                c: (v if v is not None else D(0)) for c, v in row.values.items()
            }
    return out


def _statement_keys(statements: list[Statement]) -> Counter[tuple[object, ...]]:
    def norm(v: object) -> object:
        return v.normalize() if isinstance(v, Decimal) else v

    return Counter(
        (s.section, s.subject, s.code, s.measure, norm(s.value), s.unit) for s in statements
    )


def _round_trip(data: gd.GenerationData, layout: str, path: Path) -> None:
    from juesuan.generate.run import render

    document, expected = compose_with_model(data, layout)
    render(document, path)
    got = juesuan.read(path)
    assert (got.unit, got.year, got.kind, got.scope, got.publication_date, got.layout) == (
        expected.unit,
        expected.year,
        expected.kind,
        expected.scope,
        expected.publication_date,
        expected.layout,
    )
    assert _serious(got) == []
    want, have = _table_values(expected), _table_values(got)
    missing = {k: v for k, v in want.items() if have.get(k) != v}
    assert not missing, f"table values not recovered: {list(missing.items())[:5]}"
    assert len(have) == len(want)
    a, b = _statement_keys(expected.statements), _statement_keys(got.statements)
    assert a - b == Counter(), f"stated figures not recovered: {list((a - b).items())[:5]}"
    assert b - a == Counter(), f"statements read that were not written: {list((b - a).items())[:5]}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_round_trip_docx(example: gd.GenerationData, layout: str, tmp_path: Path) -> None:
    _round_trip(example, layout, tmp_path / f"{layout}.docx")
    _round_trip(_rich(example), layout, tmp_path / f"{layout}-rich.docx")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_round_trip_pdf_checks_clean(
    example: gd.GenerationData, layout: str, tmp_path: Path
) -> None:
    from juesuan.generate.run import render

    for data, name in ((example, "example"), (_rich(example), "rich")):
        document, expected = compose_with_model(data, layout)
        path = tmp_path / f"{layout}-{name}.pdf"
        render(document, path)
        got = juesuan.read(path)
        assert (got.unit, got.year, got.kind, got.scope, got.layout) == (
            expected.unit,
            expected.year,
            expected.kind,
            expected.scope,
            expected.layout,
        )
        assert _serious(got) == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_round_trip_pdf(example: gd.GenerationData, layout: str, tmp_path: Path) -> None:
    _round_trip(example, layout, tmp_path / f"{layout}.pdf")
    _round_trip(_rich(example), layout, tmp_path / f"{layout}-rich.pdf")
