"""Renderers of findings: text, JSON, CSV, XLSX, HTML and the annotated PDF.

The reports are made by hand (a real sample read with :func:`juesuan.read` plus findings
pointing at real rows, statements and pages), so these tests do not depend on the rules.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import juesuan
from juesuan.errors import (
    CorruptFileError,
    JuesuanError,
    MismatchError,
    OutputError,
    UnsupportedFormatError,
)
from juesuan.model import Disclosure, Evidence, SourceInfo, TableKind
from juesuan.model.findings import Category, CheckReport, Finding, RuleStatus, Severity
from juesuan.reporting.annotate import HIGHLIGHT_COLORS, annotate_pdf
from juesuan.reporting.findings import (
    FINDING_COLUMNS,
    OTHER_GROUP,
    group_findings,
    print_text,
    render_csv,
    render_json,
    render_text,
)
from juesuan.reporting.html import TEMPLATES, render_html
from juesuan.reporting.xlsx import write_xlsx

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
GUIHUA = SAMPLES / "shanghai-guihua-2024.pdf"
LESHAN = SAMPLES / "leshan-bigdata-center-2024.txt"

SCRIPT = "<script>alert(1)</script>"
T01_LABEL = "表01 收入支出决算总表"
SECTION_LABEL = "一、收入支出决算总体情况说明"


@cache
def _read(path: Path) -> Disclosure:
    return juesuan.read(path)


def _doc(path: Path) -> Disclosure:
    return copy.deepcopy(_read(path))


def guihua_report() -> CheckReport:
    """Four findings on the 规划和自然资源局 PDF: an error on a T01 row (page 7, with a box),
    a warning on a statement (page 20), a note on page 3 without a box, and an internal
    remark without evidence."""
    doc = _doc(GUIHUA)
    t01 = doc.table(TableKind.T01)
    assert t01 is not None
    row = t01.rows[0]
    assert row.evidence.page == 7 and row.evidence.bbox is not None
    statement = doc.statements[0]
    assert statement.evidence.page == 20 and statement.evidence.bbox is not None
    findings = [
        Finding(
            rule="JS201",
            severity=Severity.ERROR,
            category=Category.ARITHMETIC,
            title="合计行不等于各类之和",
            message="收入支出决算总表本年收入合计为 9746.50 万元，各项之和为 9746.49 万元。",
            evidence=[row.evidence, copy.copy(row.evidence)],  # the same row twice
            expected="9746.49",
            actual="9746.50",
            suggestion="核对合计行与各项收入。",
            where=T01_LABEL,
        ),
        Finding(
            rule="JS501",
            severity=Severity.WARNING,
            category=Category.NARRATIVE,
            title="说明与报表不一致",
            message=f"说明所列收入支出总计与总表不符 [bold]x[/bold] {SCRIPT}",
            evidence=[statement.evidence],
            expected="9859.39",
            actual="9859.38",
            where=SECTION_LABEL,
        ),
        Finding(
            rule="JS701",
            severity=Severity.INFO,
            category=Category.RESIDUE,
            title="模板残留",
            message='=HYPERLINK("http://example.invalid")\x01 疑似模板文字\x1b[2J',
            evidence=[Evidence("XX单位", page=3, line=None)],
        ),
        Finding(
            rule="JS000",
            severity=Severity.INFO,
            category=Category.INTERNAL,
            title="规则执行异常",
            message="规则 JS999 执行出错，已跳过。",
        ),
    ]
    return CheckReport(
        document=doc,
        findings=findings,
        rule_status={
            "JS201": RuleStatus.RAN,
            "JS501": RuleStatus.RAN,
            "JS701": RuleStatus.RAN,
            "JS999": RuleStatus.FAILED,
            "JS802": RuleStatus.NOT_APPLICABLE,
        },
        not_applicable={"JS802": "没有绩效自评表"},
    )


def leshan_report() -> CheckReport:
    doc = _doc(LESHAN)
    statement = doc.statements[0]
    assert statement.evidence.page is None and statement.evidence.line is not None
    finding = Finding(
        rule="JS502",
        severity=Severity.WARNING,
        category=Category.NARRATIVE,
        title="说明与报表不一致",
        message="说明所列总计与总表不符。",
        evidence=[statement.evidence],
        where="一、收入支出决算总体情况说明",
    )
    return CheckReport(document=doc, findings=[finding])


# --------------------------------------------------------------------------------------------
# grouping and text


def test_groups_follow_pages_and_other_comes_last() -> None:
    groups = group_findings(guihua_report().findings)
    assert [g.name for g in groups] == [T01_LABEL, SECTION_LABEL, OTHER_GROUP]
    assert [g.first_page for g in groups] == [7, 20, 3]
    assert [f.rule for f in groups[2].findings] == ["JS701", "JS000"]


def test_text_report_plain() -> None:
    text = render_text([guihua_report()])
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert lines[0] == f"文件：{GUIHUA}（PDF，30页）"
    assert lines[1].startswith("单位：上海市普陀区规划和自然资源局    年度：2024")
    assert lines[2] == (
        "审核结果：错误 1 项，警告 1 项，提示 2 项（运行规则 3 条，不适用 1 条，出错 1 条）"
    )
    # groups in page order, "其他" last, each with its count
    headers = [ln for ln in lines if ln.startswith("【")]
    assert headers == [f"【{T01_LABEL}】 1 项", f"【{SECTION_LABEL}】 1 项", "【其他】 2 项"]
    assert "  错误 JS201 合计行不等于各类之和" in lines
    assert "    应为：9746.49　实为：9746.50" in lines
    assert "    建议：核对合计行与各项收入。" in lines
    row_lines = [ln for ln in lines if ln.startswith("    第7页 第6行：「一、一般公共预算")]
    assert len(row_lines) == 1  # the repeated evidence is shown once
    assert "┊ 9746.50 ┊" in row_lines[0]  # table cells marked, not raw tabs
    assert "    第3页：「XX单位」" in lines
    # document text is printed literally: no rich markup, no escaping needed in plain text
    assert f"[bold]x[/bold] {SCRIPT}" in text
    assert text.index("JS201") < text.index("JS501") < text.index("JS701") < text.index("JS000")


def test_text_report_colour_and_tty_detection() -> None:
    coloured = render_text([guihua_report()], color=True)
    assert "\x1b[1;31m错误" in coloured  # 错误 in bold red
    assert "\x1b[2J" not in coloured and "疑似模板文字[2J" in coloured  # document ESC dropped
    assert "\x1b[1;33m警告" in coloured  # 警告 in bold yellow
    assert "\x1b[2m提示" in coloured  # 提示 dim
    # print_text on a file that is not a terminal writes the same plain text as render_text
    buffer = io.StringIO()
    print_text([guihua_report()], buffer)
    assert buffer.getvalue() == render_text([guihua_report()])


def test_text_report_for_text_input_has_lines_only() -> None:
    text = render_text([leshan_report()])
    assert "（TXT）" in text.splitlines()[0]
    line = leshan_report().findings[0].evidence[0].line
    assert f"    第{line}行：「2024年度收入、支出总计均为1069.86万元。」" in text.splitlines()
    assert "页" not in text.split("【")[1]


def test_text_report_several_files_and_no_findings() -> None:
    empty = CheckReport(document=_doc(LESHAN), findings=[])
    text = render_text([guihua_report(), empty])
    assert sum(1 for ln in text.splitlines() if ln.startswith("文件：")) == 2
    assert "未发现问题。" in text
    assert text.rstrip().endswith("合计 2 份文件：错误 1 项，警告 1 项，提示 2 项")


# --------------------------------------------------------------------------------------------
# JSON and CSV


def test_json_is_always_an_array_one_object_per_input() -> None:
    from juesuan.model.findings import InputFailure

    one = render_json([guihua_report()])
    assert "错误" not in one and "合计行不等于各类之和" in one  # ensure_ascii=False
    (data,) = json.loads(one)
    assert data["schema"] == "juesuan.findings/2"
    assert data["summary"]["error"] == 1 and len(data["findings"]) == 4
    assert "timing" not in data and render_json([guihua_report()]) == one  # reproducible
    assert "timing" in json.loads(render_json([guihua_report()], timing=True))[0]
    failed = InputFailure("missing.pdf", 3, "文件不存在：missing.pdf")
    many = json.loads(render_json([guihua_report(), failed, leshan_report()]))
    assert [d["document"].get("format") for d in many] == ["pdf", None, "txt"]
    assert many[1]["error"] == {"exit_code": 3, "message": "文件不存在：missing.pdf"}


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_rows_with_bom() -> None:
    text = render_csv([guihua_report(), leshan_report()])
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(text)
    assert rows[0] == list(FINDING_COLUMNS)
    assert rows[0][:3] == ["文件", "单位", "年度"] and rows[0][-1] == "建议"
    assert len(rows) == 1 + 4 + 1
    by_rule = {row[3]: dict(zip(FINDING_COLUMNS, row, strict=True)) for row in rows[1:]}
    error = by_rule["JS201"]
    assert error["严重程度"] == "错误" and error["类别"] == "表内勾稽"
    assert error["位置"] == T01_LABEL and error["页码"] == "7" and error["行"] == "6"
    assert error["应为"] == "9746.49" and error["实为"] == "9746.50"
    assert " | " not in error["原文"]  # the repeated evidence once
    assert error["原文"].startswith("一、一般公共预算财政拨款收入 ┊ 9746.50")
    assert by_rule["JS000"]["位置"] == "其他" and by_rule["JS000"]["页码"] == ""
    # text a spreadsheet would run as a formula is kept as text
    assert by_rule["JS701"]["说明"].startswith("'=HYPERLINK(")
    assert by_rule["JS502"]["页码"] == "" and by_rule["JS502"]["行"].isdigit()
    assert by_rule["JS502"]["单位"] == "乐山市大数据中心"


# --------------------------------------------------------------------------------------------
# XLSX


def test_xlsx_workbook(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "结果.xlsx"
    extra = {"绩效自评": [["项目", "自评得分"], ["办公楼修缮", 95]]}
    write_xlsx([guihua_report(), leshan_report()], out, extra_sheets=extra)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["审核结果", "汇总", "绩效自评"]
    ws = wb["审核结果"]
    header = [c.value for c in ws[1]]
    assert header == list(FINDING_COLUMNS)
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:O6"
    assert ws.max_row == 6
    assert ws.column_dimensions["K"].width == 60  # 说明
    rows = {r[3].value: r for r in ws.iter_rows(min_row=2)}
    error = rows["JS201"]
    assert error[5].value == "错误"
    assert error[5].fill.fgColor.rgb.endswith("FFC7CE")
    assert rows["JS501"][5].fill.fgColor.rgb.endswith("FFEB9C")
    assert error[8].value == 7 and error[9].value == 6  # single page and line as numbers
    assert error[2].value == 2024
    formula_like = rows["JS701"][10]
    assert formula_like.data_type == "s" and formula_like.value.startswith("=HYPERLINK(")
    assert "\x01" not in formula_like.value  # XML-illegal characters dropped
    summary = [[c.value for c in r] for r in wb["汇总"].iter_rows()]
    assert summary[0][:8] == ["文件", "单位", "年度", "页数", "错误", "警告", "提示", "合计"]
    assert summary[1][1:8] == ["上海市普陀区规划和自然资源局", 2024, 30, 1, 1, 2, 4]
    assert summary[2][1] == "乐山市大数据中心" and summary[2][4:8] == [0, 1, 0, 1]
    assert summary[3][0] == "合计" and summary[3][4:8] == [1, 2, 2, 5]
    extra_ws = wb["绩效自评"]
    assert [[c.value for c in r] for r in extra_ws.iter_rows()] == extra["绩效自评"]
    assert extra_ws["A1"].font.bold


def test_xlsx_rejects_bad_sheet_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="工作表名称"):
        write_xlsx([guihua_report()], tmp_path / "x.xlsx", extra_sheets={"汇总": []})
    with pytest.raises(ValueError, match="工作表名称"):
        write_xlsx([guihua_report()], tmp_path / "x.xlsx", extra_sheets={"a/b": []})


# --------------------------------------------------------------------------------------------
# HTML


def test_html_is_self_contained_escaped_and_grouped() -> None:
    html = render_html([guihua_report()], generated_at=datetime(2025, 6, 1, 9, 30))
    assert html.startswith("<!doctype html>") and '<html lang="zh-CN">' in html
    assert "<title>决算公开审核报告：上海市普陀区规划和自然资源局 2024年度</title>" in html
    # document text escaped; the page runs no script and loads nothing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x01" not in html and "\x1b" not in html
    assert re.search(r"<script", html, re.IGNORECASE) is None
    assert not re.search(r"<link|@import|url\(|\ssrc=", html, re.IGNORECASE)
    assert "=HYPERLINK(&#34;http://example.invalid&#34;)" in html
    assert "生成于 2025-06-01 09:30" in html
    # counts, groups in page order, evidence with pages, severity classes, print styles
    assert "错误 1 项" in html and "警告 1 项" in html and "提示 2 项" in html
    order = [html.index(f"<h3>{name}") for name in (T01_LABEL, SECTION_LABEL, OTHER_GROUP)]
    assert order == sorted(order)
    assert '<span class="loc">第7页 第6行</span>' in html
    assert '<span class="loc">第3页</span><q>XX单位</q>' in html
    assert html.count('class="finding sev-error"') == 1
    assert html.count('class="finding sev-info"') == 2
    assert "应为：<strong>9746.49</strong>" in html
    assert "@media print" in html
    assert 'id="show-error" checked' in html  # CSS-only filter


def test_html_several_documents_overview() -> None:
    html = render_html([guihua_report(), leshan_report()])
    assert "<title>决算公开审核报告（2 份文件）</title>" in html
    assert "<h2>汇总</h2>" in html and "乐山市大数据中心" in html
    assert html.count('<article class="report"') == 2


def test_html_template_is_package_data() -> None:
    assert (TEMPLATES / "findings.html.j2").is_file()
    assert TEMPLATES.parent == Path(juesuan.__file__).parent / "reporting"


# --------------------------------------------------------------------------------------------
# annotated PDF


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mean_rgb(page: Any, bbox: tuple[float, float, float, float]) -> tuple[float, ...]:
    import pymupdf

    pix = page.get_pixmap(clip=pymupdf.Rect(bbox), alpha=False)
    data = pix.samples
    n = pix.n
    count = len(data) // n
    return tuple(sum(data[i::n]) / count for i in range(3))


def test_annotate_pdf_marks_every_box(tmp_path: Path) -> None:
    import pymupdf

    report = guihua_report()
    before = _sha(GUIHUA)
    out = tmp_path / "annotated.pdf"
    summary = annotate_pdf(report, GUIHUA, out)
    assert _sha(GUIHUA) == before  # the source is only read
    assert (summary.highlights, summary.notes, summary.skipped) == (2, 3, 0)

    marked = pymupdf.open(out)
    original = pymupdf.open(GUIHUA)
    assert marked.page_count == original.page_count == 30
    pages = [marked[n] for n in range(marked.page_count)]  # keep pages alive for their annots
    by_page = {
        n + 1: [(a.type[1], a) for a in page.annots()]
        for n, page in enumerate(pages)
        if page.first_annot
    }
    assert sorted(by_page) == [3, 7, 20]

    row_box = report.findings[0].evidence[0].bbox
    assert row_box is not None
    kinds = sorted(kind for kind, _ in by_page[7])
    assert kinds == ["Highlight", "Text"]
    highlight = next(a for kind, a in by_page[7] if kind == "Highlight")
    # the highlight's quad is the evidence box, and the row's text lies under it
    xs = [p[0] for p in highlight.vertices]
    ys = [p[1] for p in highlight.vertices]
    assert min(xs) == pytest.approx(row_box[0], abs=0.1)
    assert max(ys) == pytest.approx(row_box[3], abs=0.1)
    under = pages[6].get_textbox(pymupdf.Rect(min(xs), min(ys), max(xs), max(ys)))
    assert "一般公共预算财政拨款收入" in under and "9746.50" in under
    assert "二、政府性基金" not in under
    assert highlight.colors["stroke"] == pytest.approx(HIGHLIGHT_COLORS[Severity.ERROR], abs=0.01)
    assert highlight.info["content"].startswith("JS201 错误：收入支出决算总表")
    note = next(a for kind, a in by_page[7] if kind == "Text")
    assert note.info["content"].splitlines() == [
        "JS201 错误：收入支出决算总表本年收入合计为 9746.50 万元，各项之和为 9746.49 万元。",
        "应为：9746.49　实为：9746.50",
        "建议：核对合计行与各项收入。",
    ]
    assert note.rect.y0 == pytest.approx(row_box[1], abs=1) and note.rect.x0 >= row_box[2]

    warning = next(a for kind, a in by_page[20] if kind == "Highlight")
    assert warning.info["content"].startswith("JS501 警告：")
    assert SCRIPT in warning.info["content"]  # PDF notes are plain text, kept as written

    # evidence without a box: a note in the top-left margin of its page
    (kind, margin_note), *_ = by_page[3]
    assert kind == "Text" and margin_note.rect.x0 < 30 and margin_note.rect.y0 < 30
    assert margin_note.info["content"].startswith("JS701 提示：=HYPERLINK(")
    assert "\x01" not in margin_note.info["content"]

    # seen on the rendered page: the highlighted row turns red, the rest stays as it was
    before_rgb = _mean_rgb(original[6], row_box)
    after_rgb = _mean_rgb(pages[6], row_box)
    assert after_rgb[0] > 200 and after_rgb[1] < before_rgb[1] - 40
    below = (row_box[0], row_box[3] + 3, row_box[2], row_box[3] + 14)
    assert _mean_rgb(pages[6], below) == pytest.approx(_mean_rgb(original[6], below), abs=1)


def test_annotate_rotated_page_follows_the_text(tmp_path: Path) -> None:
    """Evidence boxes are in the displayed frame; on a /Rotate 90 page the highlight must
    still lie along the printed row."""
    import pymupdf

    from juesuan.sources import load

    source = pymupdf.open(GUIHUA)
    rotated = pymupdf.open()
    page = rotated.new_page(width=source[6].rect.width, height=source[6].rect.height)
    page.set_rotation(90)
    page.show_pdf_page(page.mediabox, source, 6, rotate=90)
    pdf = tmp_path / "rotated.pdf"
    rotated.save(pdf)

    raw = load(pdf)
    line = next(ln for ln in raw.lines() if ln.text.startswith("一、一般公共预算财政拨款收入"))
    assert line.bbox is not None and line.bbox[2] - line.bbox[0] > line.bbox[3] - line.bbox[1]
    doc = Disclosure(source=SourceInfo(str(pdf), "pdf", 1, _sha(pdf)))
    finding = Finding(
        "JS201",
        Severity.ERROR,
        Category.ARITHMETIC,
        "合计行不等于各类之和",
        "示例",
        [Evidence(line.text, page=1, line=line.line, bbox=line.bbox)],
    )
    out = tmp_path / "rotated-annotated.pdf"
    annotate_pdf(CheckReport(doc, [finding]), pdf, out)

    marked_doc = pymupdf.open(out)
    marked = marked_doc[0]
    highlight = next(a for a in marked.annots() if a.type[1] == "Highlight")
    # in the unrotated frame the row runs vertically: a tall, narrow highlight
    assert highlight.rect.height > 5 * highlight.rect.width
    under = marked.get_textbox(highlight.rect)
    assert "9746.50" in under and "二、政府性基金" not in under


def test_annotate_refuses_to_overwrite_the_source(tmp_path: Path) -> None:
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(GUIHUA.read_bytes())
    before = _sha(pdf)
    report = guihua_report()
    for target in (pdf, tmp_path / "." / "copy.pdf"):
        with pytest.raises(OutputError, match="不能是原文件"):
            annotate_pdf(report, pdf, target)
    assert _sha(pdf) == before


def test_annotate_refuses_non_pdf_and_other_documents(tmp_path: Path) -> None:
    report = guihua_report()
    with pytest.raises(UnsupportedFormatError, match="不是 PDF"):
        annotate_pdf(report, LESHAN, tmp_path / "out.pdf")
    fake = tmp_path / "fake.pdf"
    fake.write_text("这不是 PDF", encoding="utf-8")
    with pytest.raises(CorruptFileError, match="不是有效的 PDF"):
        annotate_pdf(report, fake, tmp_path / "out.pdf")
    # findings from a text file cannot be placed on a PDF
    with pytest.raises(MismatchError, match="无法对应到 PDF"):
        annotate_pdf(leshan_report(), GUIHUA, tmp_path / "out.pdf")
    # another PDF than the one checked
    other = SAMPLES / "shanghai-shegong-2024.pdf"
    with pytest.raises(MismatchError, match="不是同一份文件"):
        annotate_pdf(report, other, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()
    # …unless the caller says so
    annotate_pdf(report, other, tmp_path / "out.pdf", verify=False)
    assert (tmp_path / "out.pdf").is_file()
    for exc in (OutputError, MismatchError, UnsupportedFormatError, CorruptFileError):
        assert issubclass(exc, JuesuanError)
