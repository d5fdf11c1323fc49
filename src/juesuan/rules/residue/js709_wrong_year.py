"""JS709: the years the document prints are the report's year — in titles, headings, the
目录, table titles, "截至…" dates and the explanation's sentences (a previous year only where
the sentence compares, or, in a budget, speaks of last year's budget and its execution)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from juesuan.model import Disclosure, DocKind, Evidence, Part
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule
from juesuan.rules.residue._shared import section_label, squash

_YEAR = re.compile(r"(20\d{2})年度|(20\d{2})年(?=(?:部门|单位)?(?:决算|收入|支出|预算|财政拨款))")

_COMPARISON_CUES = (
    "上年",
    "上一年",
    "相比",
    "较",
    "同比",
    "比",
    "增加",
    "减少",
    "增长",
    "下降",
    "持平",
    "结转",
    "年初",
    "年末",
    "以前年度",
    "没有",
    "无",
)

#: What else makes a previous year normal in a budget: last year's budget and its execution.
_BUDGET_PREVIOUS_CUES = ("执行", "决算", "上年", "预算数", "完成")

# What a sentence about this year's accounts puts right after "YYYY年度".
_CURRENT_YEAR_SUBJECTS = re.compile(
    r"^(?:部门|单位)?(?:决算|收入|支出|一般公共预算|政府性基金|国有资本|财政拨款|“?三公|机关运行|政府采购)"
)

_FUTURE_CUES = ("将", "计划", "下一步", "预计", "下年", "今后", "明年")

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")

_TITLE_YEAR = re.compile(r"(20\d{2})年度?")

#: A title with one of these after its year names the report's content (an error when the
#: year is wrong); other titles only give a warning.
_REPORT_WORDS = re.compile(r"决算|预算|收支|收入|支出|表|情况说明|绩效|三公|经费|采购|资产")

#: Words that let a title name another year: last year's execution in a budget, plans.
_TITLE_PREVIOUS = re.compile(r"执行|完成|上年|决算")
_TITLE_NEXT = re.compile(r"计划|打算|思路|目标|安排|展望")

_AS_OF = re.compile(r"截[至止](?:到)?(20\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?|底|末)?")

_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)


def _kind_word(doc: Disclosure) -> str:
    return "预算" if doc.kind is DocKind.BUDGET else "决算"


@rule(
    "JS709",
    applies_to=BOTH_KINDS,
    name="wrong-year",
    title="年度错误",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "文件各处的年度应为本文件的年度：标题、目录、各部分和章节标题、表格标题中的年度写错"
        "（如2024年决算中某张表的标题写“2023年度”），是复制上年文件留下的错误，可从封面"
        "和其他标题证实，报告为错误；说明正文中的“XXXX年度…”、“截至XXXX年12月31日”写成"
        "别的年度报告为警告。决算正文只在与上年比较的句子中出现上年；预算说明中上年出现在"
        "与上年预算、上年执行数比较的句子里，资产情况“截至上年…”是正常的。"
    ),
    suggestion="核对年度，改为本文件的年度。",
)
def wrong_year(doc: Disclosure) -> Iterator[Hit]:
    if doc.year is None:
        raise NotApplicable("未识别出决算年度")
    yield from _titles(doc, doc.year)
    yield from _as_of_dates(doc, doc.year)
    yield from _sentences(doc, doc.year)


# ---------------------------------------------------------------------------------------
# titles: the 目录, headings, table titles


@dataclass(slots=True)
class _Title:
    text: str
    printed: str  # the wrong year as printed (“2023年度”)
    places: list[Evidence] = field(default_factory=list)
    report_word: bool = False


def _anchor(doc: Disclosure, year: int) -> Evidence | None:
    """A place that prints the report's year as the report's: the cover (a text document's
    opening lines), else a title."""
    if doc.cover is not None and re.search(rf"{year}\s*年", doc.cover.text):
        return doc.cover
    opening = doc.paragraphs[0] if doc.paragraphs else None
    if (
        opening is not None
        and opening.part is None
        and re.search(rf"{year}年度?(?:部门|单位)?(?:决算|预算)", squash(opening.text))
    ):
        return opening.evidence
    for text, evidence in _title_texts(doc):
        if re.search(rf"{year}年", text) and _REPORT_WORDS.search(text):
            return evidence
    return None


def _title_texts(doc: Disclosure) -> Iterator[tuple[str, Evidence]]:
    for entry in doc.toc:
        yield squash(entry.title), entry.evidence
    for h in doc.outline:
        yield squash(h.title), h.evidence
    for t in doc.tables:
        if t.title:
            yield squash(t.title), t.evidence


def _titles(doc: Disclosure, year: int) -> Iterator[Hit]:
    budget = doc.kind is DocKind.BUDGET
    wrong: dict[str, _Title] = {}
    for text, evidence in _title_texts(doc):
        for m in _TITLE_YEAR.finditer(text):
            printed = int(m.group(1))
            if printed == year:
                continue
            rest = text[m.end() :]
            if printed == year - 1 and budget and _TITLE_PREVIOUS.search(text):
                continue
            if printed == year + 1 and _TITLE_NEXT.search(rest):
                continue
            if printed < year - 1 and _TITLE_PREVIOUS.search(text) and budget:
                continue
            shown = _NUMBER.sub("", text)
            entry = wrong.setdefault(shown, _Title(shown, m.group()))
            if evidence not in entry.places:
                entry.places.append(evidence)
            entry.report_word = entry.report_word or bool(_REPORT_WORDS.search(rest))
            break
    if not wrong:
        return
    anchor = _anchor(doc, year)
    kind = _kind_word(doc)
    for title in wrong.values():
        certain = anchor is not None and anchor not in title.places and title.report_word
        source = "其他标题" if anchor in _title_evidence(doc) else "封面"
        message = f"本文件为{year}年度{kind}，标题“{title.text}”写为“{title.printed}”"
        if certain:
            message += f"（{source}为{year}年度）"
        yield Hit(
            message=message + "。",
            evidence=title.places + ([anchor] if certain and anchor is not None else []),
            expected=f"{year}年",
            actual=title.printed,
            severity=Severity.ERROR if certain else Severity.WARNING,
            where=_where_of_title(doc, title),
        )


def _title_evidence(doc: Disclosure) -> list[Evidence]:
    return [evidence for _, evidence in _title_texts(doc)]


def _where_of_title(doc: Disclosure, title: _Title) -> str:
    for t in doc.tables:
        if t.evidence in title.places:
            return table_label(t)
    return "标题"


# ---------------------------------------------------------------------------------------
# "截至YYYY年12月31日"


def _as_of_dates(doc: Disclosure, year: int) -> Iterator[Hit]:
    budget = doc.kind is DocKind.BUDGET
    kind = _kind_word(doc)
    for p in doc.paragraphs:
        if p.part not in (Part.EXPLANATION, Part.OVERVIEW, None):
            continue
        for sentence in _SENTENCE.findall(squash(p.text)):
            for m in _AS_OF.finditer(sentence):
                printed = int(m.group(1))
                if printed == year or (budget and printed == year - 1):
                    continue
                if not budget and printed == year - 1 and _compares(sentence[: m.start()]):
                    continue
                normal = f"{year - 1}年或{year}年" if budget else f"{year}年"
                lines = [e for e in (p.lines or [p.evidence]) if str(printed) in e.text]
                yield Hit(
                    message=(
                        f"本文件为{year}年度{kind}，此处写为“{m.group()}”，应为{normal}的日期。"
                    ),
                    evidence=lines[:1] or [p.evidence],
                    expected=f"截至{year}年" if not budget else f"截至{year - 1}年",
                    actual=m.group(),
                    where=section_label(p),
                )


def _compares(text: str) -> bool:
    return any(c in text for c in ("上年", "相比", "较", "比", "同比"))


# ---------------------------------------------------------------------------------------
# the explanation's sentences


def _sentences(doc: Disclosure, year: int) -> Iterator[Hit]:
    budget = doc.kind is DocKind.BUDGET
    kind = _kind_word(doc)
    for p in doc.paragraphs:
        if p.part not in (Part.EXPLANATION, None) or (p.topic is None and p.part is None):
            continue
        for sentence in _SENTENCE.findall(squash(p.text)):
            for m in _YEAR.finditer(sentence):
                printed = int(m.group(1) or m.group(2))
                if printed == year:
                    continue
                if not _CURRENT_YEAR_SUBJECTS.match(sentence[m.end() :]):
                    continue
                if printed < year and any(c in sentence for c in _COMPARISON_CUES):
                    continue
                if (
                    budget
                    and printed == year - 1
                    and any(c in sentence for c in _BUDGET_PREVIOUS_CUES)
                ):
                    continue
                if printed == year + 1 and any(c in sentence for c in _FUTURE_CUES):
                    continue
                if _AS_OF.search(sentence[max(0, m.start() - 3) : m.end()]):
                    continue  # a date: _as_of_dates
                lines = [e for e in (p.lines or [p.evidence]) if str(printed) in e.text]
                yield Hit(
                    message=(
                        f"本文件为{year}年度{kind}，此处写为“{m.group()}”，且不在与上年比较的句子中。"
                    ),
                    evidence=lines[:1] or [p.evidence],
                    expected=f"{year}年度",
                    actual=m.group(),
                    where=section_label(p),
                )
