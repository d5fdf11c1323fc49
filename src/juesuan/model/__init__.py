"""The domain model of a final-account disclosure (部门决算/单位决算公开).

Every value read from a document carries its :class:`Evidence`: where it was printed (page,
line, bounding box) and the exact text.  Money is :class:`decimal.Decimal` in 万元; the text as
printed is kept beside it.

The JSON form (schema ``juesuan.disclosure/1``) is produced by :func:`to_json_dict` and read
back by :func:`from_json_dict`; it is documented in ``docs/disclosure-json.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from juesuan.model.performance import (
        DepartmentEvaluation,
        PerformanceTarget,
        ProjectEvaluation,
    )

SCHEMA = "juesuan.disclosure/2"

BBox = tuple[float, float, float, float]


class DocKind(StrEnum):
    """What a disclosure reports: the final accounts of a year or its budget."""

    FINAL = "决算"  # 部门决算 / 单位决算公开 (last year's actuals)
    BUDGET = "预算"  # 部门预算 / 单位预算公开 (this year's budget)


class TableKind(StrEnum):
    """The standard tables, numbered as the national 13-table set (财决公开01表…13表)."""

    T01 = "T01"  # 收入支出决算总表
    T02 = "T02"  # 收入决算表
    T03 = "T03"  # 支出决算表
    T04 = "T04"  # 财政拨款收入支出决算总表
    T05 = "T05"  # 财政拨款支出决算明细表
    T06 = "T06"  # 一般公共预算财政拨款支出决算表
    T07 = "T07"  # 一般公共预算财政拨款支出决算明细表
    T08 = "T08"  # 一般公共预算财政拨款基本支出决算表
    T09 = "T09"  # 一般公共预算财政拨款项目支出决算表
    T10 = "T10"  # 政府性基金预算财政拨款收入支出决算表
    T11 = "T11"  # 国有资本经营预算财政拨款收入支出决算表
    T12 = "T12"  # 国有资本经营预算财政拨款支出决算表
    T13 = "T13"  # 财政拨款“三公”经费支出决算表 (一般公共预算 in the 2020 set)
    # Older (2020) sets add a 政府性基金 “三公” table that has no national number.
    T13G = "T13G"  # 政府性基金预算财政拨款“三公”经费支出决算表
    # Budget tables (部门预算公开, docs/domain.md §3.2), in the national template's order; the
    # printed number (公开01表, 表1-1 …) is kept on the table.  catalog/tables_budget.toml.
    B01 = "B01"  # 收支预算总表
    B02 = "B02"  # 收入预算表
    B03 = "B03"  # 支出预算表
    B04 = "B04"  # 财政拨款收支预算总表
    B05 = "B05"  # 财政拨款支出预算表
    B06 = "B06"  # 财政拨款基本支出预算表
    B07 = "B07"  # 一般公共预算支出预算表
    B08 = "B08"  # 一般公共预算基本支出预算表
    B09 = "B09"  # 项目支出预算表
    B10 = "B10"  # “三公”经费支出预算表
    B11 = "B11"  # 政府性基金预算支出预算表
    B12 = "B12"  # 国有资本经营预算支出预算表
    B13 = "B13"  # 机关运行经费支出预算表
    B14 = "B14"  # 政府采购预算表
    B15 = "B15"  # 政府性基金预算“三公”经费支出预算表

    @property
    def is_budget(self) -> bool:
        return self.value.startswith("B")


class Measure(StrEnum):
    """What a :class:`Statement` states about its subject (``docs/statements.md``, Measures).

    Produced by the statement reader from its cues and from ``catalog/statements.toml``
    (pattern ``values``, ``[kinds.*]`` ``detail`` and ``measures``, ``[[descriptions]]``).
    A StrEnum: a member equals its value as a plain string and serialises as it."""

    AMOUNT = "amount"  # an amount (万元), or a count's amount (金额)
    SHARE = "share"  # 占…的 X%
    DIRECTION = "direction"  # 增加 / 减少 / 持平 (year on year)
    CHANGE_AMOUNT = "change_amount"  # the amount after 增加 / 减少
    RATE_DIRECTION = "rate_direction"  # 增长 / 下降 / 增幅 / 降幅
    CHANGE_RATE = "change_rate"  # the rate after 增长 / 下降
    BUDGET_INITIAL = "budget_initial"  # 年初预算为
    BUDGET = "budget"  # 全年预算为
    ACTUAL = "actual"  # 支出决算为 / 执行数为
    COMPLETION_RATE = "completion_rate"  # 完成预算 X%
    COMPLETION_RATE_INITIAL = "completion_rate_initial"  # 完成年初预算的 X%
    BUDGET_DIRECTION = "budget_direction"  # 决算数大于 / 小于 / 等于预算数
    COUNT = "count"  # a count with its unit (个, 辆, 批次 …)
    SCORE = "score"  # 绩效自评得分
    AVERAGE_SCORE = "average_score"  # 平均得分
    ABSENT = "absent"  # 无…支出 ("无")
    # budgets (预算)
    PRIOR_BUDGET = "prior_budget"  # 上年预算数为
    PRIOR_ACTUAL = "prior_actual"  # 上年预算执行数为
    DIRECTION_VS_ACTUAL = "direction_vs_actual"  # 比上年预算执行数增加 / 减少
    CHANGE_RATE_VS_ACTUAL = "change_rate_vs_actual"
    CHANGE_AMOUNT_VS_ACTUAL = "change_amount_vs_actual"
    # descriptions (structure.statements.read_descriptions; not in doc.statements)
    ITEMS = "items"  # 主要包括：… (人员经费 / 公用经费)
    PURPOSE = "purpose"  # 主要用于：… (a 类/款/项)
    RATING = "rating"  # 自评结果为优 (a performance self-evaluation's overall grade)


class Side(StrEnum):
    """Where a table row sits (:attr:`TableRow.side`): the side of a two-sided table (收支总表,
    财政拨款收支总表: T01, T04, B01, B04), or the block of the 基本支出 table (T08) whose
    column holds its amount."""

    INCOME = "income"  # 收入 side
    EXPENSE = "expense"  # 支出 side
    PERSONNEL = "personnel"  # T08 人员经费 block
    PUBLIC = "public"  # T08 公用经费 block


class Part(StrEnum):
    """A part of a disclosure (第一部分…, or an unnumbered part title): the key of a level-0
    :class:`Heading` and :attr:`Paragraph.part`.  Recognised by ``[[parts]]`` of
    ``catalog/layouts.toml``; layouts list the parts they require (``required_parts``)."""

    OVERVIEW = "overview"  # 部门概况 (主要职能, 机构设置)
    EXPLANATION = "explanation"  # 决算情况说明 / 预算情况说明 / 预算编制说明
    GLOSSARY = "glossary"  # 名词解释
    ANNEX = "annex"  # 附件
    TABLES = "tables"  # 附表 / 决算表 / 预算表
    PROJECT_INFO = "project_info"  # 项目经费情况说明
    TARGETS = "targets"  # 绩效目标 (budgets)


class Topic(StrEnum):
    """A section of a disclosure's text (一、收入决算情况说明 …): the key of a numbered
    :class:`Heading`, :attr:`Paragraph.topic` and :attr:`Statement.topic`.

    Defined by ``[[sections]]`` of ``catalog/layouts.toml`` (``key``), where the printed titles
    that name each are; a test keeps this list and the catalog equal."""

    # the explanation (决算情况说明 / 预算情况说明)
    TOTAL = "total"  # 收入支出决算总体情况
    INCOME = "income"  # 收入决算情况
    EXPENSE = "expense"  # 支出决算情况
    FISCAL_TOTAL = "fiscal_total"  # 财政拨款收入支出决算总体情况
    FISCAL_EXPENSE = "fiscal_expense"  # 财政拨款支出预算情况 (budgets)
    FISCAL_BASIC = "fiscal_basic"  # 财政拨款基本支出预算情况 (budgets)
    GENERAL_BUDGET = "general_budget"  # 一般公共预算财政拨款支出决算情况
    GENERAL_BUDGET_OVERALL = "general_budget_overall"  # …总体情况
    GENERAL_BUDGET_STRUCTURE = "general_budget_structure"  # …结构情况
    GENERAL_BUDGET_DETAIL = "general_budget_detail"  # …具体情况
    BASIC = "basic"  # 一般公共预算财政拨款基本支出决算情况
    SANGONG_OVERALL = "sangong_overall"  # “三公”经费…总体情况
    SANGONG_DETAIL = "sangong_detail"  # “三公”经费…具体情况
    SANGONG = "sangong"  # 财政拨款“三公”经费支出决算情况
    GOVFUND = "govfund"  # 政府性基金预算财政拨款收入支出决算情况
    SOE = "soe"  # 国有资本经营预算财政拨款收入支出决算情况
    PERFORMANCE = "performance"  # 预算绩效管理情况 / 绩效目标设置情况
    OTHER = "other"  # 其他重要事项的情况说明
    OTHER_RELATED = "other_related"  # 其他相关情况说明 (budgets)
    ADMIN_COST = "admin_cost"  # 机关运行经费支出情况
    PROCUREMENT = "procurement"  # 政府采购支出情况
    ASSETS = "assets"  # 国有资产占有使用情况
    COMPILATION = "compilation"  # 预算编制说明 (budgets)
    BASIS = "basis"  # 收支预算编制的相关依据及测算分析情况 (budgets)
    TASKS = "tasks"  # 主要工作任务及目标 (budgets)
    # the overview (概况)
    DUTIES = "duties"  # 主要职责（职能）
    ORGANISATION = "organisation"  # 机构设置
    UNITS = "units"  # 部门决算单位构成


@dataclass(slots=True)
class Evidence:
    """Where something was read: 1-based page (None for text input), line and exact text.

    ``file`` is set only on evidence quoted from *another* document than the one a finding
    is about (a corpus rule citing last year's disclosure): the path of that document's file
    (of the part holding the quote, for a disclosure read from several files), with ``page``
    and ``line`` counted in that file.  Evidence of the document itself leaves it None."""

    text: str
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    line_end: int | None = None  # last line when the quote spans several lines
    file: str | None = None  # another document's file (corpus rules); None: this document

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "line": self.line, "text": self.text}
        if self.line_end is not None:
            out["line_end"] = self.line_end
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        if self.file is not None:
            out["file"] = self.file
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        bbox = data.get("bbox")
        return cls(
            text=data.get("text", ""),
            page=data.get("page"),
            line=data.get("line"),
            bbox=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None,
            line_end=data.get("line_end"),
            file=data.get("file"),
        )


@dataclass(slots=True)
class Heading:
    """A part (第一部分…) or numbered section (一、 / （一）) heading as printed in the body."""

    level: int  # 0 = part (部分), 1 = 一、, 2 = （一）
    number: str  # "第二部分", "五", "（三）" … as printed, normalised to its numeral
    title: str
    evidence: Evidence
    # the part (level 0) or the catalog section (levels 1, 2) when recognised ("income")
    key: Part | Topic | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "number": self.number,
            "title": self.title,
            "key": self.key,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class TocEntry:
    """One line of the 目录 (table of contents)."""

    level: int
    number: str
    title: str
    page_ref: int | None
    evidence: Evidence
    table_kind: TableKind | None = None  # when the entry names a standard table

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "number": self.number,
            "title": self.title,
            "page_ref": self.page_ref,
            "table_kind": self.table_kind.value if self.table_kind else None,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class TableRow:
    """One printed row of a standard table.

    ``values`` maps canonical column names (catalog ``columns``) to amounts in 万元; ``raw``
    keeps each cell's text exactly as printed.  A blank cell is absent from ``raw`` and
    recorded as ``None`` in ``values`` only when the column exists in the table.
    """

    name: str
    values: dict[str, Decimal | None]
    raw: dict[str, str]
    evidence: Evidence
    code: str | None = None  # functional/economic code as printed (joined when split 类/款/项)
    side: Side | None = None  # income/expense for two-sided tables; block for T08
    ref_code: str | None = None  # 类 code derived from the name (T01/T04 expense lines)
    line_no: str | None = None  # 行次 when printed
    group: str | None = None  # label of the group the row is printed under (merged cell)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "values": {k: (None if v is None else str(v)) for k, v in self.values.items()},
            "raw": dict(self.raw),
            "evidence": self.evidence.to_dict(),
        }
        if self.side is not None:
            out["side"] = self.side
        if self.ref_code is not None:
            out["ref_code"] = self.ref_code
        if self.line_no is not None:
            out["line_no"] = self.line_no
        if self.group is not None:
            out["group"] = self.group
        return out


@dataclass(slots=True)
class Table:
    """A recognised standard table."""

    kind: TableKind
    title: str  # as printed (may be damaged)
    pages: list[int]  # 1-based; empty for text input
    columns: list[str]  # canonical column names present
    rows: list[TableRow]
    evidence: Evidence  # the title (or the first header line when the title is missing)
    unit: str = "万元"  # unit printed in the header (单位：元/万元)
    scale: Decimal = Decimal(1)  # factor applied to printed amounts to get 万元
    empty_statement: str | None = None  # "本表无数据" or the 说明 sentence
    number: str | None = None  # 财决公开06表 / the list number as printed
    column_labels: dict[str, str] = field(default_factory=dict)  # canonical -> header text
    # Why the reading may be wrong (a column mapped by position, a header word not understood,
    # a row whose values do not parse); rules report such a table below error or not at all.
    doubts: list[str] = field(default_factory=list)

    @property
    def certain(self) -> bool:
        return not self.doubts

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "title": self.title,
            "number": self.number,
            "pages": self.pages,
            "unit": self.unit,
            "columns": self.columns,
            "column_labels": self.column_labels,
            "rows": [r.to_dict() for r in self.rows],
            "empty_statement": self.empty_statement,
            "doubts": list(self.doubts),
            "evidence": self.evidence.to_dict(),
        }

    def row(self, code: str) -> TableRow | None:
        """The first row carrying the given code (or ref_code)."""
        for r in self.rows:
            if r.code == code or r.ref_code == code:
                return r
        return None


@dataclass(slots=True)
class Statement:
    """A fact stated in the explanation (决算情况说明).

    ``measure`` is one of the documented measures (:class:`Measure`: amount, share,
    change_amount, change_rate, direction, budget, completion_rate, count, score, …); ``value``
    is a Decimal for numbers and a string for words (direction words such as 增加/减少/持平/
    大于/小于/等于).
    """

    section: str  # section number as printed ("一", "五（三）", "十（二）")
    subject: str  # what the number is about, normalised (e.g. "本年收入合计", "基本支出")
    measure: Measure
    value: Decimal | str
    unit: str  # "万元", "%", "个", "辆", "批次", "人次", "分", "" for words
    evidence: Evidence
    code: str | None = None  # functional code when the subject is a 类/款/项 path
    topic: Topic | None = None  # catalog key of the section (e.g. "income", "sangong")

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "topic": self.topic,
            "subject": self.subject,
            "code": self.code,
            "measure": self.measure,
            "value": str(self.value),
            "unit": self.unit,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class Paragraph:
    """A paragraph of body text (soft line breaks rejoined), with the section it sits in."""

    text: str
    section: str | None  # section path as printed, e.g. "五（三）"
    evidence: Evidence  # first line of the paragraph; text = the whole paragraph
    part: Part | None = None  # part key: overview, explanation, glossary, annex, tables …
    topic: Topic | None = None  # catalog key of the innermost recognised section
    lines: list[Evidence] = field(default_factory=list)  # every source line joined here

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "section": self.section,
            "topic": self.topic,
            "text": self.text,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class SourcePart:
    """One file of a disclosure published as several (a narrative and its tables).

    Its pages are numbered on after the previous parts' (``first_page`` is the number its
    page 1 carries in the evidence); a part without pages (text, Word) has its lines
    numbered on instead (``first_line``)."""

    path: str
    format: str
    sha256: str
    pages: int | None = None
    first_page: int | None = None
    first_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "pages": self.pages,
            "first_page": self.first_page,
            "first_line": self.first_line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourcePart:
        return cls(
            path=data["path"],
            format=data["format"],
            sha256=data.get("sha256", ""),
            pages=data.get("pages"),
            first_page=data.get("first_page"),
            first_line=data.get("first_line"),
        )


@dataclass(slots=True)
class SourceInfo:
    path: str
    format: str  # pdf, txt, docx, xlsx
    pages: int | None  # None for formats without pages
    sha256: str
    # The files of a disclosure read as one (empty for a single file); ``sha256`` is then
    # the hash of the parts' hashes.
    parts: list[SourcePart] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "pages": self.pages,
            "sha256": self.sha256,
        }
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out

    def part_of_page(self, page: int | None) -> tuple[SourcePart, int] | None:
        """The file a page number of the evidence belongs to, and the page in that file."""
        if page is None:
            return None
        for part in reversed(self.parts):
            if part.first_page is not None and page >= part.first_page:
                return part, page - part.first_page + 1
        return None


@dataclass(slots=True)
class Disclosure:
    """A whole disclosure as read from one document."""

    source: SourceInfo
    unit: str | None = None
    year: int | None = None
    kind: DocKind | None = None  # 决算 or 预算, decided from cover, titles and table titles
    scope: str | None = None  # "部门" or "单位"
    publication_date: str | None = None  # ISO date when printed (公开时间)
    layout: str | None = None  # catalog layout id, e.g. "sichuan-13", "shanghai-9"
    toc: list[TocEntry] = field(default_factory=list)
    outline: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    evaluations: list[ProjectEvaluation] = field(default_factory=list)  # 项目支出绩效自评表
    department_evaluation: DepartmentEvaluation | None = None  # 部门整体支出绩效自评表
    targets: list[PerformanceTarget] = field(default_factory=list)  # 绩效目标表 (budgets)
    listed_tables: list[TableKind] = field(default_factory=list)  # named in 目录 or 附表 list
    cover: Evidence | None = None
    kind_evidence: list[Evidence] = field(default_factory=list)  # where the kind was read
    notes: list[str] = field(default_factory=list)  # reader remarks (e.g. damaged title)

    @property
    def kind_label(self) -> str | None:
        """ "部门决算", "单位预算", "预算" … as a reader would name the document."""
        if self.kind is None:
            return f"{self.scope}决算" if self.scope else None
        return f"{self.scope or ''}{self.kind.value}"

    def table(self, kind: TableKind) -> Table | None:
        for t in self.tables:
            if t.kind == kind:
                return t
        return None

    def statements_for(self, subject: str, measure: str | None = None) -> list[Statement]:
        return [
            s
            for s in self.statements
            if s.subject == subject and (measure is None or s.measure == measure)
        ]


#: The factor from a table's printed unit to 万元 (a table's ``scale``; the JSON form keeps
#: the unit, the amounts in 万元, and the scale follows from the unit).
TABLE_UNIT_SCALE = {
    "万元": Decimal(1),
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "亿元": Decimal(10000),
}


def to_json_dict(doc: Disclosure) -> dict[str, Any]:
    """The versioned JSON form of a disclosure (schema ``juesuan.disclosure/1``)."""
    return {
        "schema": SCHEMA,
        "source": doc.source.to_dict(),
        "unit": doc.unit,
        "year": doc.year,
        "kind": doc.kind.value if doc.kind else None,
        "scope": doc.scope,
        "kind_evidence": [e.to_dict() for e in doc.kind_evidence],
        "publication_date": doc.publication_date,
        "layout": doc.layout,
        "cover": doc.cover.to_dict() if doc.cover else None,
        "toc": [t.to_dict() for t in doc.toc],
        "listed_tables": [k.value for k in doc.listed_tables],
        "outline": [h.to_dict() for h in doc.outline],
        "tables": [t.to_dict() for t in doc.tables],
        "statements": [s.to_dict() for s in doc.statements],
        "paragraphs": [p.to_dict() for p in doc.paragraphs],
        "evaluations": [e.to_dict() for e in doc.evaluations],
        "department_evaluation": (
            doc.department_evaluation.to_dict() if doc.department_evaluation else None
        ),
        "targets": [t.to_dict() for t in doc.targets],
        "notes": list(doc.notes),
    }


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _heading_key(level: int, key: str | None) -> Part | Topic | None:
    """A heading's key: a part's (level 0) or a section's."""
    if not key:
        return None
    return Part(key) if level == 0 else Topic(key)


def from_json_dict(data: dict[str, Any]) -> Disclosure:
    """Rebuild a :class:`Disclosure` from its JSON form."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"unsupported schema {data.get('schema')!r}")
    src = data["source"]
    doc = Disclosure(
        source=SourceInfo(
            src["path"],
            src["format"],
            src.get("pages"),
            src.get("sha256", ""),
            [SourcePart.from_dict(p) for p in src.get("parts", [])],
        ),
        unit=data.get("unit"),
        year=data.get("year"),
        kind=DocKind(data["kind"]) if data.get("kind") else None,
        scope=data.get("scope"),
        kind_evidence=[Evidence.from_dict(e) for e in data.get("kind_evidence", [])],
        publication_date=data.get("publication_date"),
        layout=data.get("layout"),
        cover=Evidence.from_dict(data["cover"]) if data.get("cover") else None,
        listed_tables=[TableKind(k) for k in data.get("listed_tables", [])],
        notes=list(data.get("notes", [])),
    )
    for t in data.get("toc", []):
        doc.toc.append(
            TocEntry(
                level=t["level"],
                number=t["number"],
                title=t["title"],
                page_ref=t.get("page_ref"),
                evidence=Evidence.from_dict(t["evidence"]),
                table_kind=TableKind(t["table_kind"]) if t.get("table_kind") else None,
            )
        )
    for h in data.get("outline", []):
        doc.outline.append(
            Heading(
                h["level"],
                h["number"],
                h["title"],
                Evidence.from_dict(h["evidence"]),
                _heading_key(h["level"], h.get("key")),
            )
        )
    for t in data.get("tables", []):
        rows = [
            TableRow(
                name=r["name"],
                values={k: _dec(v) for k, v in r["values"].items()},
                raw=dict(r.get("raw", {})),
                evidence=Evidence.from_dict(r["evidence"]),
                code=r.get("code"),
                side=Side(r["side"]) if r.get("side") else None,
                ref_code=r.get("ref_code"),
                line_no=r.get("line_no"),
                group=r.get("group"),
            )
            for r in t["rows"]
        ]
        doc.tables.append(
            Table(
                kind=TableKind(t["kind"]),
                title=t["title"],
                pages=list(t.get("pages", [])),
                columns=list(t["columns"]),
                rows=rows,
                evidence=Evidence.from_dict(t["evidence"]),
                unit=t.get("unit", "万元"),
                scale=TABLE_UNIT_SCALE.get(t.get("unit", "万元"), Decimal(1)),
                empty_statement=t.get("empty_statement"),
                number=t.get("number"),
                column_labels=dict(t.get("column_labels", {})),
                doubts=list(t.get("doubts", [])),
            )
        )
    for s in data.get("statements", []):
        raw_value: str = s["value"]
        value: Decimal | str
        try:
            value = Decimal(raw_value) if s["unit"] else raw_value
        except ArithmeticError:
            value = raw_value
        doc.statements.append(
            Statement(
                section=s["section"],
                subject=s["subject"],
                measure=Measure(s["measure"]),
                value=value,
                unit=s["unit"],
                evidence=Evidence.from_dict(s["evidence"]),
                code=s.get("code"),
                topic=Topic(s["topic"]) if s.get("topic") else None,
            )
        )
    for p in data.get("paragraphs", []):
        doc.paragraphs.append(
            Paragraph(
                p["text"],
                p.get("section"),
                Evidence.from_dict(p["evidence"]),
                part=Part(p["part"]) if p.get("part") else None,
                topic=Topic(p["topic"]) if p.get("topic") else None,
            )
        )
    from juesuan.model.performance import (
        DepartmentEvaluation,
        PerformanceTarget,
        ProjectEvaluation,
    )

    doc.evaluations = [ProjectEvaluation.from_dict(e) for e in data.get("evaluations", [])]
    if data.get("department_evaluation"):
        doc.department_evaluation = DepartmentEvaluation.from_dict(data["department_evaluation"])
    doc.targets = [PerformanceTarget.from_dict(t) for t in data.get("targets", [])]
    return doc
