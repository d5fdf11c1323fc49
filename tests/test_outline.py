"""The outline and the cover for every layout: section and part keys (catalog), cover, 目录,
headings — on small hand-made documents and on the budget samples."""

from __future__ import annotations

import pytest

from juesuan import catalog
from juesuan.model import Disclosure, DocKind, TableKind
from juesuan.sources.raw import RawCell, RawDocument, RawItem, RawLine, RawPage, RawTable
from juesuan.structure import build
from juesuan.structure.outline import part_key, section_key
from tests.rulekit import doc_from_text, run, sample

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


# ---------------------------------------------------------------------------------------
# hand-made documents

#: Geometry of the hand-made pages: A4 portrait, lines 30 pt apart, 16 pt characters.
LEFT, RIGHT, CHAR, STEP = 62.0, 533.0, 16.0, 30.0

Spec = str | tuple[str, float, float] | list[list[str]]


def paged(*pages: list[Spec]) -> RawDocument:
    """A PDF-like document: each page a list of lines (text at the left margin, or (text, x0,
    x1)) and tables (a list of rows of cells), laid out top to bottom."""
    out: list[RawPage] = []
    for number, specs in enumerate(pages, start=1):
        items: list[RawItem] = []
        y = 80.0
        for index, spec in enumerate(specs, start=1):
            if isinstance(spec, list):
                rows = []
                for row in spec:
                    cells = [RawCell(c, col=i) for i, c in enumerate(row)]
                    bbox = (LEFT, y, RIGHT, y + CHAR)
                    rows.append(RawLine("\t".join(row), number, index, bbox, cells))
                    y += STEP
                items.append(RawTable(rows, number, ruled=True, ncols=max(len(r) for r in spec)))
                continue
            text, x0, x1 = (spec, LEFT, LEFT + CHAR * len(spec)) if isinstance(spec, str) else spec
            bbox = (x0, y, min(x1, RIGHT), y + CHAR)
            items.append(RawLine(text, number, index, bbox, [RawCell(text)]))
            y += STEP
        out.append(RawPage(number, items, width=595.0, height=842.0))
    return RawDocument("case.pdf", "pdf", out, page_count=len(out))


def read(raw: RawDocument) -> Disclosure:
    return build(raw)


def outline(doc: Disclosure) -> list[tuple[int, str, str, str | None]]:
    return [(h.level, h.number, h.title, h.key) for h in doc.outline]


def toc(doc: Disclosure) -> list[tuple[int, str, str]]:
    return [(e.level, e.number, e.title) for e in doc.toc]


#: A paragraph line running to the right margin (sets the page's text margin).
FULL = ("本部门的职责是负责本行政区域内的有关工作并承担上级交办的其他事项按规定执行", LEFT, RIGHT)


def test_cover_label_wins_over_title_and_title_words_are_cut() -> None:
    doc = read(
        paged(
            [
                "江苏省2018年度",
                "省级部门预算公开报表",
                "部 门:中共江苏省委办公厅",
                "江苏省财政厅印制",
            ],
            ["目 录", "序号 报表名称", "一、 收支预算总表", "二、 收入预算总表"],
        )
    )
    assert (doc.unit, doc.year, doc.scope) == ("中共江苏省委办公厅", 2018, "部门")
    assert toc(doc) == [(1, "一", "收支预算总表"), (1, "二", "收入预算总表")]


@pytest.mark.parametrize(
    ("cover", "unit", "year", "scope"),
    [
        (["上海市2025年市级单位预算", "预算单位：上海市财政局"], "上海市财政局", 2025, "单位"),
        (
            ["上海市普陀区2023年区级部门预算", "预算主管部门：上海市普陀区人民政府万里街道办事处"],
            "上海市普陀区人民政府万里街道办事处",
            2023,
            "部门",
        ),
        (["某某省农业农村厅", "2021 年度部门预算公开"], "某某省农业农村厅", 2021, "部门"),
        (["某某市教育局2022年度单位预算"], "某某市教育局", 2022, "单位"),
        (["2024年度某某县文化馆单位决算"], "某某县文化馆", 2024, "单位"),
        (
            ["编制单位：某某区卫生健康委员会", "2023年部门预算"],
            "某某区卫生健康委员会",
            2023,
            "部门",
        ),
    ],
)
def test_cover_unit_year_scope(cover: list[str], unit: str, year: int, scope: str) -> None:
    doc = read(paged(cover, ["目 录", "一、主要职能", "二、机构设置"]))
    assert (doc.unit, doc.year, doc.scope) == (unit, year, scope)


def test_cover_bare_date_is_publication_date_and_scope_from_body() -> None:
    doc = read(
        paged(
            ["2018 年度某某省高级", "人民法院预算公开", "2018 年2 月24 日"],
            ["目 录", "第一部分 部门概况", "一、主要职能。", "第二部分 名词解释"],
            ["第一部分 部门概况", "一、主要职能", FULL],
        )
    )
    assert doc.unit == "某某省高级人民法院"
    assert doc.year == 2018  # not taken from the date
    assert doc.publication_date == "2018-02-24"
    assert doc.scope == "部门"  # the cover says neither; 部门概况 in the body


def test_cover_without_toc_is_the_short_first_page() -> None:
    doc = read(
        paged(
            ["某某市民政局", "2024 年度部门预算公开"],
            ["第一部分 部门概况", "一、主要职能", FULL],
        )
    )
    assert (doc.unit, doc.year, doc.scope) == ("某某市民政局", 2024, "部门")


# ---------------------------------------------------------------------------------------
# 目录


def test_toc_arabic_entries_under_a_part_and_flat_list_of_parts() -> None:
    doc = read(
        paged(
            ["上海市2025年市级单位预算", "预算单位：上海市某某局"],
            [
                "目 录",
                "一、单位主要职能",
                "二、单位机构设置",
                "三、名词解释",
                "四、单位预算编制说明",
                "五、单位预算表",
                ("1. 2025年预算单位财务收支预算总表", 88.0, 328.0),
                ("5． 2025年预算单位一般公共预算支出功能分类预算表", 88.0, 427.0),
                ("4．2025年预算单位财政拨款收支预算总表", 88.0, 356.0),
                "六、其他相关情况说明",
            ],
            ["上海市某某局（单位）主要职能", FULL],
        )
    )
    assert toc(doc) == [
        (0, "一", "单位主要职能"),
        (0, "二", "单位机构设置"),
        (0, "三", "名词解释"),
        (0, "四", "单位预算编制说明"),
        (0, "五", "单位预算表"),
        (1, "1", "2025年预算单位财务收支预算总表"),
        (1, "5", "2025年预算单位一般公共预算支出功能分类预算表"),
        (1, "4", "2025年预算单位财政拨款收支预算总表"),
        (0, "六", "其他相关情况说明"),
    ]


def test_toc_numbered_sections_are_not_taken_for_parts() -> None:
    # a 目录 listing only sections names one kind of part: its entries stay sections
    doc = read(
        paged(
            ["某某局", "2024年度部门决算"],
            [
                "目 录",
                "一、收入支出决算总体情况说明",
                "二、收入决算情况说明",
                "三、支出决算情况说明",
            ],
        )
    )
    assert [e.level for e in doc.toc] == [1, 1, 1]


def test_toc_continued_on_next_page_wrapped_entry_and_full_stops() -> None:
    doc = read(
        paged(
            ["某某省某某厅", "2019 年度部门预算公开"],
            [
                "目 录",
                "第一部分 部门概况",
                "一、主要职能。",
                "二、2019 年度部门主要工作任务及目标。",
                "第二部分 某某厅2019 年度预算表",
                ("九、2019 年度某某厅“三公”经费、会议费、培训费支", LEFT, RIGHT),
                ("出预算表", LEFT, 124.0),
                "十、2019 年度某某厅政府采购支出预算表",
            ],
            [
                "目录（续）",
                "第三部分 某某厅2019 年度预算情况说明",
                "第四部分 名词解释",
            ],
            ["第一部分 部门概况", "一、主要职能", FULL],
        )
    )
    assert toc(doc) == [
        (0, "第一部分", "部门概况"),
        (1, "一", "主要职能"),
        (1, "二", "2019年度部门主要工作任务及目标"),
        (0, "第二部分", "某某厅2019年度预算表"),
        (1, "九", "2019年度某某厅“三公”经费、会议费、培训费支出预算表"),
        (1, "十", "2019年度某某厅政府采购支出预算表"),
        (0, "第三部分", "某某厅2019年度预算情况说明"),
        (0, "第四部分", "名词解释"),
    ]
    # the 目录 ends where the body repeats its first entry
    assert outline(doc)[0] == (0, "第一部分", "部门概况", "overview")


def test_toc_budget_table_is_not_a_final_account_table() -> None:
    doc = read(
        paged(
            ["某某厅", "2019 年度部门预算公开"],
            [
                "目 录",
                "第二部分 部门预算表",
                "九、一般公共预算“三公”经费、会议费、培训费支出预算表",
            ],
        )
    )
    # not 表13 财政拨款“三公”经费支出决算表: a budget kind from the table catalog, or none
    assert doc.toc[1].table_kind is not TableKind.T13
    assert TableKind.T13 not in doc.listed_tables


# ---------------------------------------------------------------------------------------
# headings


def test_heading_wrapped_at_the_right_margin() -> None:
    doc = read(
        paged(
            [
                "第三部分 预算情况说明",
                ("九、一般公共预算“三公”经费、会议费、培训费支出预算情", 95.0, RIGHT),
                ("况说明", LEFT, 111.0),
                FULL,
                "十、政府采购支出预算情况说明",
                FULL,
            ]
        )
    )
    assert outline(doc)[1:] == [
        (1, "九", "一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "sangong"),
        (1, "十", "政府采购支出预算情况说明", "procurement"),
    ]
    assert doc.paragraphs[0].topic == "sangong"


def test_part_heading_over_two_and_three_lines() -> None:
    doc = read(
        paged(
            [
                ("第三部分 某某省高级人民法院2018", 151.0, 445.0),
                ("年度预算情况说明", 225.0, 370.0),
                "一、收支预算总体情况说明",
                FULL,
            ],
            [
                ("第四部分 某某省高级人民法院", 151.0, 445.0),
                ("2018年度部门预算", 200.0, 400.0),
                ("名词解释", 240.0, 300.0),
                FULL,
            ],
        )
    )
    assert outline(doc) == [
        (0, "第三部分", "某某省高级人民法院2018年度预算情况说明", "explanation"),
        (1, "一", "收支预算总体情况说明", "total"),
        (0, "第四部分", "某某省高级人民法院2018年度部门预算名词解释", "glossary"),
    ]


def test_short_first_line_of_a_paragraph_is_not_taken_into_the_heading() -> None:
    doc = read(paged(["第三部分 预算情况说明", "一、收入预算情况说明", "无。", FULL]))
    assert outline(doc)[1] == (1, "一", "收入预算情况说明", "income")
    assert doc.paragraphs[0].text == "无。"


def test_unnumbered_parts_at_page_tops_numbered_only_in_the_toc() -> None:
    doc = read(
        paged(
            ["某某市2023年区级部门预算", "预算主管部门：某某市某某区某某街道办事处"],
            [
                "目 录",
                "一、部门主要职能",
                "二、部门机构设置",
                "三、名词解释",
                "四、部门预算编制说明",
                "五、部门预算表",
                "六、其他相关情况说明",
                "七、项目经费情况说明",
            ],
            [("部门主要职能", 367.0, 475.0), FULL, "一、加强党的建设。落实基层党建责任制。"],
            [("部门机构设置", 367.0, 475.0), "1. 某某街道办事处（本部）。", FULL],
            [("名词解释", 385.0, 457.0), "（一）、基本支出预算：是区级预算主管部门的支出计划。"],
            [("部门预算编制说明", 349.0, 493.0), FULL],
            [("2023年部门财务收支预算总表", 304.0, 538.0), [["项目", "预算数"], ["合计", "1.00"]]],
            [
                ("其他相关情况说明", 349.0, 493.0),
                "一、2023年“三公”经费预算情况说明",
                FULL,
                "二、机关运行经费预算",
                FULL,
            ],
            [("项目经费情况说明", 344.0, 488.0), "一、项目概况", FULL, "二、立项依据", FULL],
        )
    )
    assert outline(doc) == [
        (0, "", "部门主要职能", "overview"),
        (0, "", "部门机构设置", "overview"),
        (0, "", "名词解释", "glossary"),
        (0, "", "部门预算编制说明", "explanation"),
        (0, "", "其他相关情况说明", "explanation"),
        (1, "一", "2023年“三公”经费预算情况说明", "sangong"),
        (1, "二", "机关运行经费预算", "admin_cost"),
        (0, "", "项目经费情况说明", "project_info"),
        (1, "一", "项目概况", None),
        (1, "二", "立项依据", None),
    ]
    # a part that is also a section gives its text that topic
    duties = next(p for p in doc.paragraphs if p.text.startswith("本部门的职责"))
    assert (duties.part, duties.topic) == ("overview", "duties")
    compilation = next(p for p in doc.paragraphs if p.part == "explanation")
    assert compilation.topic == "compilation"
    assert (doc.unit, doc.year, doc.scope) == ("某某市某某区某某街道办事处", 2023, "部门")


def test_page_top_title_is_not_a_part_where_the_toc_numbers_parts() -> None:
    # the Shanghai final-account template prints its 第二部分 title above table 1 without
    # the number: not taken for a part (the 目录 numbers parts 第X部分, the body does too)
    doc = read(
        paged(
            ["上海市某某局", "2024 年度部门决算"],
            ["目 录", "第一部分 上海市某某局概况", "第二部分 上海市某某局2024年度部门决算表"],
            ["第一部分 上海市某某局概况", "一、主要职能", FULL],
            [("上海市某某局2024年度部门决算表", 150.0, 450.0), FULL],
        )
    )
    assert [h.level for h in doc.outline] == [0, 1]


def test_part_heading_on_a_table_page() -> None:
    doc = read(
        paged(
            [
                "第一部分 部门概况",
                "一、主要职能",
                FULL,
            ],
            [
                ("第二部分 2019 年度部门预算表", 169.0, 426.0),
                "公开01 表",
                ("收支预算总表", 244.0, 352.0),
                [["项目", "金额"], ["合计", "1.00"]],
            ],
            ["第三部分 2019 年度部门预算情况说明", "一、收支预算总体情况说明", FULL],
        )
    )
    assert [(h.number, h.key) for h in doc.outline if h.level == 0] == [
        ("第一部分", "overview"),
        ("第二部分", "tables"),
        ("第三部分", "explanation"),
    ]
    assert run(doc, "JS109") == []


# ---------------------------------------------------------------------------------------
# the budget samples

HIGH_COURT_2018 = "jiangsu-high-court-2018-dept-budget.pdf"
HIGH_COURT_2019 = "jiangsu-high-court-2019-dept-budget.pdf"
PARTY_OFFICE = "jiangsu-party-office-2018-dept-budget.pdf"
PARTY_OFFICE_TABLES = "jiangsu-party-office-2018-dept-budget-tables.pdf"
FINANCE_BUREAU = "shanghai-municipal-finance-bureau-2025-unit-budget.pdf"
WANLI = "shanghai-putuo-wanli-street-2023-dept-budget.pdf"

# sample -> (unit, year, scope, publication date), each as printed on the cover
BUDGET_COVERS = {
    HIGH_COURT_2018: ("江苏省高级人民法院", 2018, "部门", "2018-02-24"),  # cover p1
    HIGH_COURT_2019: ("江苏省高级人民法院", 2019, "部门", None),
    PARTY_OFFICE: ("江苏省委办公厅", 2018, "部门", None),  # the narrative's cover
    PARTY_OFFICE_TABLES: ("中共江苏省委办公厅", 2018, "部门", None),  # “部 门:中共江苏省委办公厅”
    FINANCE_BUREAU: ("上海市财政局", 2025, "单位", None),  # “预算单位：上海市财政局”
    WANLI: ("上海市普陀区人民政府万里街道办事处", 2023, "部门", None),  # “预算主管部门：…”
}


@pytest.mark.parametrize("name", list(BUDGET_COVERS))
def test_budget_cover(name: str) -> None:
    doc = sample(name)
    assert (doc.unit, doc.year, doc.scope, doc.publication_date) == BUDGET_COVERS[name]
    assert doc.kind is DocKind.BUDGET
    assert not doc.notes  # the unit came from the cover, not from the body


@pytest.mark.parametrize("name", list(BUDGET_COVERS))
def test_budget_samples_have_no_numbering_findings(name: str) -> None:
    assert run(sample(name), "JS109") == []


def _keys(doc: Disclosure, part: str) -> list[tuple[int, str, str | None]]:
    """(level, number, key) of the headings of the first part with key ``part``."""
    out: list[tuple[int, str, str | None]] = []
    inside = False
    for h in doc.outline:
        if h.level == 0:
            if inside:
                break
            inside = h.key == part
        elif inside:
            out.append((h.level, h.number, h.key))
    return out


def test_high_court_2018_outline_and_toc() -> None:
    doc = sample(HIGH_COURT_2018)
    assert [(h.number, h.key) for h in doc.outline if h.level == 0] == [
        ("第一部分", "overview"),
        ("第二部分", "tables"),  # p9, above table 一
        ("第三部分", "explanation"),  # p16, “…2018” + “年度预算情况说明”
        ("第四部分", "glossary"),
    ]
    assert _keys(doc, "overview") == [
        (1, "一", "duties"),
        (1, "二", "tasks"),
        (1, "三", "organisation"),
        (2, "（一）", None),  # 机关内设机构, then 1、办公室 2、组织人事处 … as paragraphs
        (2, "（二）", None),
        (2, "（三）", None),
        (1, "四", "basis"),
    ]
    assert [(n, k) for level, n, k in _keys(doc, "explanation") if level == 1] == [
        ("一", "total"),
        ("二", "income"),
        ("三", "expense"),
        ("四", "fiscal_total"),
        ("五", "fiscal_expense"),
        ("六", "fiscal_basic"),
        ("七", "general_budget"),
        ("八", "basic"),
        ("九", "sangong"),  # p22 “…支出预算情” + “况说明”
        ("十", "govfund"),
        ("十一", "admin_cost"),
        ("十二", "procurement"),
        ("十三", "other"),
    ]
    sangong = next(h for h in doc.outline if h.number == "九" and h.evidence.page == 22)
    assert sangong.title == "一般公共预算“三公”经费、会议费、培训费支出预算情况说明"
    # 目录 (p2): entries end with “。”; 九、十、十一 wrap onto a second line
    assert len(doc.toc) == 20
    assert [e.title for e in doc.toc[1:3]] == ["主要职能", "2018年度部门主要工作任务及目标"]
    assert doc.toc[14].title == "2018年度江苏省高级人民法院“三公”经费、会议费、培训费支出预算表"
    assert doc.toc[16].title == "2018年度江苏省高级人民法院一般公共预算机关运行经费支出预算表"
    assert [(e.level, e.number) for e in doc.toc if e.level == 0] == [
        (0, "第一部分"),
        (0, "第二部分"),
        (0, "第三部分"),
        (0, "第四部分"),
    ]


def test_high_court_2019_part_heading_on_a_table_page() -> None:
    doc = sample(HIGH_COURT_2019)
    tables = next(h for h in doc.outline if h.level == 0 and h.number == "第二部分")
    assert (tables.key, tables.evidence.page) == ("tables", 8)  # above “公开01 表”
    assert [(n, k) for level, n, k in _keys(doc, "explanation") if level == 1][-2:] == [
        ("十三", "assets"),  # 国有资产占用情况
        ("十四", "performance"),  # 预算绩效目标设置情况说明
    ]


def test_party_office_narrative_and_tables_file() -> None:
    doc = sample(PARTY_OFFICE)
    assert [(h.number, h.key) for h in doc.outline if h.level == 0] == [
        ("第一部分", "overview"),
        ("第二部分", "tables"),  # “具体公开表样附后”
        ("第三部分", "explanation"),
        ("第四部分", "glossary"),
    ]
    tables = sample(PARTY_OFFICE_TABLES)
    # 目录 with a “序号 报表名称” header: twelve tables, numbered 一 … 十二
    assert [e.number for e in tables.toc] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"
    ]  # fmt: skip
    assert tables.toc[0].title == "收支预算总表"
    assert all(e.level == 1 for e in tables.toc)


@pytest.mark.parametrize("name", [FINANCE_BUREAU, WANLI])
def test_shanghai_budget_parts_numbered_only_in_the_toc(name: str) -> None:
    doc = sample(name)
    parts = [(e.number, part_key(e.title)) for e in doc.toc if e.level == 0]
    assert parts[:6] == [
        ("一", "overview"),
        ("二", "overview"),
        ("三", "glossary"),
        ("四", "explanation"),
        ("五", "tables"),
        ("六", "explanation"),
    ]
    listed = [e for e in doc.toc if e.level == 1]
    assert [e.number for e in listed] == [str(n) for n in range(1, 10)]  # “5．”, “9.”
    assert all(e.title.endswith("表") for e in listed)
    printed = [(h.level, h.number, h.key) for h in doc.outline]
    assert printed[:9] == [
        (0, "", "overview"),  # 部门主要职能 / 上海市财政局（单位）主要职能
        (0, "", "overview"),  # 机构设置
        (0, "", "glossary"),
        (0, "", "explanation"),  # 预算编制说明
        (0, "", "explanation"),  # 其他相关情况说明
        (1, "一", "sangong"),
        (1, "二", "admin_cost"),
        (1, "三", "procurement"),
        (1, "四", "performance"),
    ]
    assert printed[9][2] == "assets"
    duties = next(p for p in doc.paragraphs if p.part == "overview")
    assert duties.topic == "duties"


def test_wanli_project_part() -> None:
    doc = sample(WANLI)
    assert [e.title for e in doc.toc if e.level == 0][6:] == ["项目经费情况说明", "绩效目标"]
    project = next(h for h in doc.outline if h.key == "project_info")
    assert (project.level, project.evidence.page) == (0, 30)


# ---------------------------------------------------------------------------------------
# numbering (JS109) on what the reader makes of numbered lists


def _budget_with_lists(explanation: list[Spec]) -> RawDocument:
    return paged(
        ["某某省某某厅", "2019 年度部门预算公开"],
        [
            "第一部分 部门概况",
            "一、主要职能",
            "1．负责全省某某工作的统筹协调。",
            "2．完成上级交办的其他任务。",
            "二、部门机构设置及预算单位构成情况",
            "根据部门职责分工，本部门包括2 个内设机构，具体包括：",
            "（一）机关内设机构",
            "1、办公室",
            "2、组织人事处",
            "（二）下属事业单位",
            "1、某某培训中心",
        ],
        ["第二部分 2019 年度部门预算表", "具体公开表样附后"],
        ["第三部分 2019 年度部门预算情况说明", *explanation],
        [
            "第四部分 名词解释",
            "（一）、基本支出预算：是预算单位为保障其机构正常运转的支出计划。",
            "（二）、项目支出预算：是在基本支出之外编制的年度支出计划。",
        ],
    )


def test_numbered_sub_items_are_not_numbering_findings() -> None:
    doc = read(
        _budget_with_lists(
            [
                "一、收支预算总体情况说明",
                FULL,
                "二、财政拨款支出预算情况说明",
                "（一）公共安全（类）",
                "1．法院（款）行政运行（项）支出14857.61 万元。",
                "2．法院（款）机关服务（项）支出1600 万元。",
                "（二）住房保障支出（类）",
                "1．住房改革支出（款）住房公积金（项）支出1398.26 万元。",
                "三、一般公共预算“三公”经费支出预算情况说明",
                "1．因公出国（境）费预算支出170 万元。",
                "（1）公务用车购置预算支出0 万元。",
            ]
        )
    )
    assert [(h.level, h.number, h.key) for h in doc.outline] == [
        (0, "第一部分", "overview"),
        (1, "一", "duties"),
        (1, "二", "organisation"),
        (2, "（一）", None),
        (2, "（二）", None),
        (0, "第二部分", "tables"),
        (0, "第三部分", "explanation"),
        (1, "一", "total"),
        (1, "二", "fiscal_expense"),
        (2, "（一）", None),
        (2, "（二）", None),
        (1, "三", "sangong"),
        (0, "第四部分", "glossary"),
    ]
    assert run(doc, "JS109") == []


def test_a_real_numbering_gap_is_still_found() -> None:
    doc = read(
        _budget_with_lists(
            [
                "一、收支预算总体情况说明",
                FULL,
                "二、收入预算情况说明",
                FULL,
                "四、支出预算情况说明",
                FULL,
            ]
        )
    )
    findings = run(doc, "JS109")
    assert [(f.expected, f.actual, f.where) for f in findings] == [("三、", "四、", "预算情况说明")]
    assert findings[0].evidence[0].page == 4


def test_text_input_wrapped_toc_entry_and_heading() -> None:
    # without page geometry a title cut mid-word is finished by the short line after it
    doc = doc_from_text(
        "\n".join(
            [
                "2018 年度某某省高级",
                "人民法院预算公开",
                "2018 年2 月24 日",
                "目 录",
                "第一部分 部门概况",
                "一、主要职能。",
                "第二部分 某某省高级人民法院2018 年度预算表",
                "九、2018 年度某某省高级人民法院“三公”经费、会议费、培训费支",
                "出预算表",
                "十、2018 年度某某省高级人民法院政府采购支出预算表",
                "第三部分 某某省高级人民法院2018 年度预算情况说明",
                "第一部分 部门概况",
                "一、主要职能",
                "某某省高级人民法院是国家审判机关。",
                "第三部分 某某省高级人民法院2018 年度预算情况说明",
                "九、一般公共预算“三公”经费、会议费、培训费支出预算情",
                "况说明",
                "本表反映本部门“三公”经费情况。",
                "十、政府采购支出预算情况说明",
                "详见附表",
            ]
        )
    )
    assert (doc.unit, doc.year, doc.scope, doc.publication_date) == (
        "某某省高级人民法院",
        2018,
        "部门",
        "2018-02-24",
    )
    assert [e.title for e in doc.toc][3:5] == [
        "2018年度某某省高级人民法院“三公”经费、会议费、培训费支出预算表",
        "2018年度某某省高级人民法院政府采购支出预算表",
    ]
    assert outline(doc)[2:] == [
        (0, "第三部分", "某某省高级人民法院2018年度预算情况说明", "explanation"),
        (1, "九", "一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "sangong"),
        (1, "十", "政府采购支出预算情况说明", "procurement"),  # “详见附表” stays text
    ]


def test_block_start_regex_is_the_six_openings() -> None:
    """BLOCK_START_RE matches where one of the six regexes of a line opening matches."""
    import random

    from juesuan.structure import outline as o

    regexes = (o.PART_RE, o.L1_RE, o.L2_RE, o.LIST_RE, o.NUMBERED_ITEM_RE, o.FIGURE_RE)
    assert all(r.flags == o.BLOCK_START_RE.flags for r in regexes)
    pieces = [*"第一二十部分、.．（()）12图 \nx注", "第三部分", "（二）", "12.", "图3"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(8)))
        expected = any(r.match(text) for r in regexes)
        assert bool(o.BLOCK_START_RE.match(text)) == expected, text
