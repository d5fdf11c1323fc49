"""What ``juesuan generate`` writes, as plain text that a golden file can hold.

``tests/test_generate_snapshot.py`` compares today's generator with the texts kept under
``tests/golden/generate/`` (see its README.md for what was checked and when):

- ``documents/{variant}-{layout}.txt``: the composed document (every heading, paragraph,
  table cell and chart) of several data variants chosen to reach every wording branch;
- ``files/{layout}.{docx,html,pdf}.txt``: the text of the files written from the shipped
  example (DOCX: python-docx paragraphs and table cells in body order; HTML: the file with
  the chart pictures' base64 data left out; PDF: PyMuPDF's text page by page);
- ``files/{layout}.{format}.check.json``: what ``juesuan check`` says of each file (the
  document facts without path and hash, and the findings).

``python tests/generate_snapshot.py`` rewrites the golden files; review the diff by hand
(and update the README's record) before committing it.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.generate import data as gd
from juesuan.generate.compose import compose
from juesuan.generate.document import Chart, Document, Heading, PageBreak, Paragraph, TableBlock
from juesuan.model import TableKind

D = Decimal
LAYOUTS = ("sichuan", "shanghai")
FORMATS = ("docx", "html", "pdf")
GOLDEN = Path(__file__).parent / "golden" / "generate"


# ---------------------------------------------------------------------------------------
# data variants


def rich(example: gd.GenerationData) -> gd.GenerationData:
    """The example with last year's figures, a “三公” budget and an administrative unit."""
    data = copy.deepcopy(example)
    data.prior = gd.PriorYear(
        total=D("980.00"),
        fiscal_total=D("1069.86"),
        general_expense=D("700.00"),
        admin_cost=D("20.00"),
        sangong={
            "total": D("2.20"),
            "abroad": D("0.00"),
            "vehicle": D("1.80"),
            "reception": D("0.40"),
        },
    )
    values = {
        "total": ("3.00", "1.99"),
        "abroad": ("0.00", "0.00"),
        "vehicle": ("2.00", "1.60"),
        "vehicle_purchase": ("0.00", "0.00"),
        "vehicle_operation": ("2.00", "1.60"),
        "reception": ("1.00", "0.39"),
    }
    names = {
        "total": "合计",
        "abroad": "因公出国（境）费",
        "vehicle": "公务用车购置及运行维护费",
        "vehicle_purchase": "公务用车购置费",
        "vehicle_operation": "公务用车运行维护费",
        "reception": "公务接待费",
    }
    data.tables[TableKind.T13] = gd.TableData(
        TableKind.T13,
        [
            gd.TableLine(names[k], {"budget": D(b), "actual": D(a)}, key=k)
            for k, (b, a) in values.items()
        ],
    )
    data.sangong.held = {"轿车": 1, "越野车": 0, "载客汽车": 0}
    data.sangong.domestic = gd.Reception(D("0.39"), 2, 26)
    data.texts.update(
        {
            "total_change": "新增政府性基金项目",
            "general_change": "人员经费减少",
            "sangong_budget_difference": "严格落实中央八项规定精神",
            "vehicle_change": "严控公务用车支出",
            "admin_cost_change": "压减一般性支出",
        }
    )
    data.unit.administrative = True
    data.admin_cost = D("17.07")
    first = data.budgets[0]
    first.initial, first.adjusted, first.reason = D("60.00"), D("55.00"), "人员调出"
    return data


def full(example: gd.GenerationData) -> gd.GenerationData:
    """Every optional fact given: several units, all “三公” items with money and last year's
    amounts, purchases, foreign guests, 年初预算 only with purposes, 政府采购 for SMEs, both
    equipment counts, every 绩效 count, a glossary with its own numbering, custom texts."""
    data = rich(example)
    data.unit.short_name = "市大数据中心"
    data.unit.units = [
        gd.UnitEntry("乐山市大数据中心", "本级"),
        gd.UnitEntry("乐山市信息中心", "下属事业单位"),
        gd.UnitEntry("乐山市数据服务站", ""),
    ]
    values = {
        "total": ("30.00", "28.50"),
        "abroad": ("5.00", "4.00"),
        "vehicle": ("15.00", "15.50"),
        "vehicle_purchase": ("10.00", "10.50"),
        "vehicle_operation": ("5.00", "5.00"),
        "reception": ("10.00", "9.00"),
    }
    rows = data.tables[TableKind.T13].rows
    for row in rows:
        b, a = values[row.key or ""]
        row.values = {"budget": D(b), "actual": D(a)}
    data.prior.sangong = {
        "total": D("28.50"),
        "abroad": D("3.00"),
        "vehicle": D("15.50"),
        "reception": D("10.00"),
    }
    data.sangong.abroad_groups, data.sangong.abroad_people = 2, 5
    data.sangong.purchased = {
        "轿车": gd.VehiclePurchase(1, D("10.50")),
        "越野车": gd.VehiclePurchase(0, D("0")),
    }
    data.sangong.held = {"轿车": 2, "越野车": 1, "载客汽车": 0}
    data.sangong.domestic = gd.Reception(D("7.00"), 10, 80)
    data.sangong.foreign = gd.Reception(D("2.00"), 1, 6)
    data.texts.update(
        {
            "abroad_change": "赴外招商团组增加",
            "reception_change": "严控接待标准",
            "abroad_usage": "国际交流合作",
            "vehicle_purchase_usage": "更新到期公务用车",
            "other_vehicle_usage": "设备巡检",
            "personnel_items": "基本工资、津贴补贴",
            "public_items": "办公费、印刷费。",
            "performance_systems": "《预算绩效管理办法》",
            "performance_mechanism": "事前评估、事中监控、事后评价",
            "income_note": "收入较上年有所增加。",
            "expense_note": "",
            "fiscal_total_change": "政府性基金增加",
        }
    )
    for b in data.budgets:
        b.initial = b.adjusted if b.initial is None else b.initial
        b.adjusted = None
        b.purpose = f"保障{b.code}项目运行"
    data.budgets[1].initial = D("500.00")
    data.budgets[1].reason = "项目追加"
    data.procurement = gd.Procurement(
        goods=D("10.00"),
        works=D("20.00"),
        services=D("30.00"),
        sme=D("40.00"),
        small_micro=D("25.00"),
        reserved_sme_budget=D("35.00"),
        reserved_small_budget=D("20.00"),
        reserved_sme_awarded=D("30.00"),
        reserved_small_awarded=D("18.00"),
        other_sme_awarded=D("10.00"),
    )
    data.assets = gd.Assets(
        vehicles={"主要负责人用车": 1, "机要通信用车": 1, "其他用车": 1},
        equipment_over_1m=0,
        general_equipment_over_500k=2,
        special_equipment_over_1m=1,
    )
    data.performance = gd.Performance(
        ex_ante_projects=3,
        target_projects=20,
        monitored_projects=18,
        self_evaluated_projects=20,
        self_evaluation_reports=20,
        department_score=D("95.5"),
        target_amount=D("951.98"),
        monitored_amount=D("900.00"),
        self_evaluated_amount=D("951.98"),
        average_score=D("92.3"),
        grades={"优": 15, "良": 5},
        problems_found=4,
        problems_fixed=3,
        problems_fixing=1,
    )
    data.glossary = [
        "1. 财政拨款收入：指从同级财政取得的拨款。",
        "二、事业收入：指事业单位的收入。",
    ]
    data.tables[TableKind.T12] = gd.TableData(
        TableKind.T12, [], empty_statement="注：本单位无国有资本经营预算财政拨款支出。"
    )
    return data


def flat(example: gd.GenerationData) -> gd.GenerationData:
    """Last year's amounts equal to this year's (持平 everywhere), no 项 budgets, no 附件, an
    administrative unit without 机关运行经费, no 政府采购."""
    data = rich(example)
    data.prior = gd.PriorYear(
        total=D("1069.86"),
        fiscal_total=D("1069.86"),
        general_expense=D("622.92"),
        admin_cost=D("17.07"),
        sangong={
            "total": D("1.99"),
            "abroad": D("0"),
            "vehicle": D("1.60"),
            "reception": D("0.39"),
        },
    )
    data.budgets = []
    data.annex = []
    data.glossary = []
    data.unit.kind = "部门"
    data.admin_cost = None
    data.procurement = gd.Procurement()
    data.performance = gd.Performance()
    data.assets = gd.Assets()
    for row in data.tables[TableKind.T13].rows:
        row.values["budget"] = row.values["actual"]
    return data


def mixed(example: gd.GenerationData) -> gd.GenerationData:
    """The branches the others leave: 项 budgets in mixed 口径 (one without any), 机关运行经费
    without last year's, no vehicle purchases at all, “三公” money without a budget, only a
    绩效 system described, text with a line break or a leading "#" in the data."""
    data = rich(example)
    data.prior.admin_cost = None
    data.prior.sangong = {}
    for i, b in enumerate(data.budgets):
        b.initial, b.adjusted = (b.adjusted, None) if i % 2 else (None, b.adjusted)
        b.purpose = "日常运转。" if i == 2 else ""
    data.budgets.pop()
    data.sangong.purchased = {}
    for row in data.tables[TableKind.T13].rows:
        row.values["budget"] = D(0)
    data.performance = gd.Performance()
    data.texts["performance_systems"] = "《绩效管理办法》。"
    data.texts["procurement_usage"] = ""
    data.unit.duties = ["第一段职责\n第二行", "#3 号文件规定的职责"]
    data.unit.organisation = ["  ", "内设机构3个。"]
    data.glossary = []
    data.annex = []
    return data


def variants() -> dict[str, gd.GenerationData]:
    example = gd.load_example()
    return {
        "example": example,
        "rich": rich(example),
        "full": full(example),
        "flat": flat(example),
        "mixed": mixed(example),
        "bare": gd.GenerationData(unit=gd.UnitFacts(name="测试局", year=2024)),
    }


# ---------------------------------------------------------------------------------------
# texts


def document_text(document: Document) -> str:
    """Every block of a composed document, one line per heading, paragraph, table row."""
    out = [
        f"COVER {document.cover_title()} | {document.unit} | {document.year} | {document.kind}"
        f" | {document.publication_date} | toc={document.toc}"
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(f"H{block.level} {block.text}")
        elif isinstance(block, Paragraph):
            out.append(f"P {block.text}")
        elif isinstance(block, TableBlock):
            out.append(
                f"TABLE {block.kind.value} | {block.title} | {block.number_label} | "
                f"{block.unit_label}"
            )
            for header in block.header_rows:
                out.append(
                    "  HEAD "
                    + "\t".join(
                        c.text + (f"[{c.colspan}x{c.rowspan}]" if c.colspan * c.rowspan > 1 else "")
                        for c in header
                    )
                )
            for row in block.rows:
                out.append("  ROW " + "\t".join(row))
            if block.empty_statement is not None:
                out.append(f"  EMPTY {block.empty_statement}")
            if block.note is not None:
                out.append(f"  NOTE {block.note}")
        elif isinstance(block, Chart):
            pairs = "; ".join(
                f"{lab}={v}" for lab, v in zip(block.labels, block.values, strict=True)
            )
            out.append(
                f"CHART {block.kind} | {block.title} | {block.caption} | {block.unit} | {pairs}"
            )
        elif isinstance(block, PageBreak):
            out.append("PAGEBREAK")
    return "\n".join(out) + "\n"


def docx_text(path: Path) -> str:
    """Paragraphs and table rows (cells joined by tabs) in body order, then headers/footers."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    out: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(DocxParagraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                out.append("\t".join(cell.text for cell in row.cells))
            out.append("<end of table>")
    for i, section in enumerate(document.sections):
        for where, part in (("header", section.header), ("footer", section.footer)):
            texts = [p.text for p in part.paragraphs if p.text]
            if texts:
                out.append(f"<section {i} {where}> " + " | ".join(texts))
    return "\n".join(out) + "\n"


_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def html_text(path: Path) -> str:
    """The HTML file with the charts' picture data left out (the charts' numbers are in the
    document snapshots; the pictures depend on matplotlib's version)."""
    return _DATA_URI.sub("data:image/png;base64,…", path.read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    import pymupdf

    out: list[str] = []
    with pymupdf.open(str(path)) as pdf:
        for page in pdf:
            out.append(f"<page {page.number + 1}>")
            out.append(page.get_text())
    return "\n".join(out)


def file_text(path: Path) -> str:
    return {".docx": docx_text, ".html": html_text, ".pdf": pdf_text}[path.suffix](path)


def check_summary(path: Path) -> dict[str, Any]:
    """``juesuan check --format json`` of a file: the document facts (without its path and
    hash, which differ between runs) and the findings."""
    from typer.testing import CliRunner

    from juesuan.cli import app

    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    (report,) = json.loads(result.stdout)
    document = {k: v for k, v in report["document"].items() if k not in ("path", "sha256")}
    return {"exit_code": result.exit_code, "document": document, "findings": report["findings"]}


def write_files(example: gd.GenerationData, layout: str, folder: Path) -> dict[str, Path]:
    from juesuan.generate.run import render

    document = compose(example, layout)
    paths: dict[str, Path] = {}
    for fmt in FORMATS:
        path = folder / f"{layout}.{fmt}"
        render(document, path)
        paths[fmt] = path
    return paths


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def main(out: Path = GOLDEN) -> None:
    import tempfile

    (out / "documents").mkdir(parents=True, exist_ok=True)
    (out / "files").mkdir(parents=True, exist_ok=True)
    for name, data in variants().items():
        for layout in LAYOUTS:
            text = document_text(compose(data, layout))
            (out / "documents" / f"{name}-{layout}.txt").write_text(text, encoding="utf-8")
    example = gd.load_example()
    with tempfile.TemporaryDirectory() as tmp:
        for layout in LAYOUTS:
            for fmt, path in write_files(example, layout, Path(tmp)).items():
                target = out / "files" / f"{layout}.{fmt}"
                Path(f"{target}.txt").write_text(file_text(path), encoding="utf-8")
                Path(f"{target}.check.json").write_text(_dump(check_summary(path)), "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLDEN)
