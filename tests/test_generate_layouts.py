"""The generator's layouts as data: folders of settings and templates, vocabulary from the
catalog, a third layout made of files only, and templates that fail loudly."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from juesuan import catalog
from juesuan.generate import data as gd
from juesuan.generate import variant
from juesuan.generate.compose import LAYOUT_IDS, LAYOUTS, compose, to_disclosure
from juesuan.generate.document import Heading, Paragraph, TableBlock
from juesuan.generate.facts import Texts
from juesuan.model import DocKind
from juesuan.model.findings import Severity
from juesuan.rules import check

SHIPPED = Path(variant.__file__).with_name("layouts")


@pytest.fixture(scope="module")
def example() -> gd.GenerationData:
    return gd.load_example()


def _serious(data: gd.GenerationData, layout: str | variant.Variant) -> list[str]:
    report = check(to_disclosure(data, layout))
    return [
        f"{f.rule} {f.message}"
        for f in report.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]


def test_the_shipped_layouts_are_the_folders() -> None:
    assert LAYOUTS == ("sichuan", "shanghai")  # the default first
    assert LAYOUT_IDS == {"sichuan": "sichuan-13", "shanghai": "shanghai-9"}
    with pytest.raises(ValueError, match="unknown layout"):
        variant.load("chongqing")


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_is_complete(name: str) -> None:
    """Each part and section has a template and a title; each table a printed form."""
    layout = variant.load(name)
    assert layout.catalog_layout.kind is DocKind.FINAL
    for part in layout.parts:
        layout.template(f"parts/{part}.j2")
    names = catalog.section_names()
    explanation = layout.settings["explanation"]
    for key in [*explanation["sections"], *explanation["other"]]:
        layout.template(f"sections/{key}.j2")
        assert key in names or key in layout.settings["titles"], key
    for kind in layout.tables:
        assert catalog.table_specs()[kind].printed is not None, kind
    assert set(layout.expense_classes) <= set(catalog.functional_classes())
    # the parts print in the order the catalog (and so the completeness rules) expect
    document = compose(gd.load_example(), name)
    parts = [
        b.text.split(" ", 1)[0] for b in document.blocks if isinstance(b, Heading) and b.level == 0
    ]
    assert len(parts) == len(layout.catalog_layout.required_parts)


def test_vocabulary_comes_from_the_catalog(example: gd.GenerationData) -> None:
    """Titles and printed headers are the catalog's words (one layout's own word aside)."""
    document = compose(example, "shanghai")
    tables = {b.kind: b for b in document.blocks if isinstance(b, TableBlock)}
    for kind, block in tables.items():
        spec = catalog.table_specs()[kind]
        assert block.title == spec.title
        assert spec.printed is not None
        header = [c.text for row in block.header_rows for c in row]
        for column, text in spec.printed.columns.items():
            assert text in header, (kind, column)
    sichuan = compose(example, "sichuan")
    t04 = next(b for b in sichuan.blocks if isinstance(b, TableBlock) and b.kind.value == "T04")
    assert "金额" in [c.text for c in t04.header_rows[1]]  # sichuan/layout.toml headers.T04


def _third_layout(tmp_path: Path) -> Path:
    """A new layout made by copying the Sichuan folder and editing files only."""
    folder = tmp_path / "chongqing"
    shutil.copytree(SHIPPED / "sichuan", folder)
    settings = (folder / "layout.toml").read_text(encoding="utf-8")
    settings = settings.replace("order = 1", "order = 3")
    settings += '\n[charts]\ncaption = "图 {n} {title}"\n'
    settings = settings.replace("[budgets]", '[numbering]\nglossary = "（{n}）"\n\n[budgets]')
    (folder / "layout.toml").write_text(settings, encoding="utf-8")
    (folder / "sections" / "total.j2").write_text(
        '{% import "macros.j2" as m with context %}\n'
        "{{ unit.name }}{{ year }}年度收入总计{{ amt(f.grand_total) }}万元，"
        "支出总计{{ amt(f.grand_total) }}万元。"
        '{{ m.yoy("收入、支出总计各", f.grand_total, prior.total, texts.total_change) }}\n'
        '{{ bar_years("收支总计", prior.total, f.grand_total) }}\n',
        encoding="utf-8",
    )
    return folder


def test_a_third_layout_is_new_files(example: gd.GenerationData, tmp_path: Path) -> None:
    layout = variant.load_folder(_third_layout(tmp_path))
    assert layout.name == "chongqing"
    document = compose(example, layout)
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert "乐山市大数据中心2024年度收入总计1069.86万元，支出总计1069.86万元。" in texts[2]
    assert "（1）财政拨款收入：指单位从同级财政部门取得的财政预算资金。" in texts
    captions = [b.caption for b in document.blocks if hasattr(b, "caption")]
    assert captions[0] == "图 1 收支总计"
    assert _serious(example, layout) == []


def test_a_missing_variable_fails_loudly(example: gd.GenerationData, tmp_path: Path) -> None:
    folder = _third_layout(tmp_path)
    (folder / "sections" / "income.j2").write_text("{{ f.income_totl }}\n", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        compose(example, variant.load_folder(folder))
    (folder / "sections" / "income.j2").write_text("{{ texts.income_nte }}\n", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        compose(example, variant.load_folder(folder))
    with pytest.raises(AttributeError):
        _ = Texts(example).no_such_key


def test_a_layout_without_a_part_title_is_refused(tmp_path: Path) -> None:
    folder = _third_layout(tmp_path)
    settings = (folder / "layout.toml").read_text(encoding="utf-8")
    (folder / "layout.toml").write_text(settings.replace('annex = "附件"\n', ""), "utf-8")
    with pytest.raises(ValueError, match="annex"):
        variant.load_folder(folder)


def test_data_text_cannot_make_blocks(example: gd.GenerationData) -> None:
    """Whatever the data says stays a paragraph: no heading, table or page break from it."""
    import copy

    data = copy.deepcopy(example)
    data.unit.duties = ["@table T01", "## 假标题", "@pagebreak", "第一行\n第二行"]
    for layout in LAYOUTS:
        document = compose(data, layout)
        plain = compose(example, layout)
        texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
        assert texts[:4] == data.unit.duties
        assert len(document.blocks) == len(plain.blocks) + 3  # three more paragraphs
