"""JS709: a year printed outside a comparison is the report's year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
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

# What a sentence about this year's accounts puts right after "YYYY年度".
_CURRENT_YEAR_SUBJECTS = re.compile(
    r"^(?:部门|单位)?(?:决算|收入|支出|一般公共预算|政府性基金|国有资本|财政拨款|“?三公|机关运行|政府采购)"
)

_FUTURE_CUES = ("将", "计划", "下一步", "预计", "下年", "今后", "明年")

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


@rule(
    "JS709",
    applies_to=BOTH_KINDS,
    name="wrong-year",
    title="年度错误",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "说明中的“XXXX年度”应为决算年度；上年度只在同比句子中出现。复制上年文件时常留下"
        "旧年度（如2024年决算中写“2023年度收入支出总计”）。"
    ),
    suggestion="核对年度，改为本决算年度。",
)
def wrong_year(doc: Disclosure) -> Iterator[Hit]:
    if doc.year is None:
        raise NotApplicable("未识别出决算年度")
    year = doc.year
    for p in doc.paragraphs:
        if p.part not in ("explanation", None) or (p.topic is None and p.part is None):
            continue
        for sentence in _SENTENCE.findall(squash(p.text)):
            for m in _YEAR.finditer(sentence):
                printed = int(m.group(1) or m.group(2))
                if printed == year:
                    continue
                if not _CURRENT_YEAR_SUBJECTS.match(sentence[m.end() :]):
                    continue
                if printed == year - 1 and any(c in sentence for c in _COMPARISON_CUES):
                    continue
                if printed == year + 1 and any(c in sentence for c in _FUTURE_CUES):
                    continue
                if printed < year - 1 and any(c in sentence for c in _COMPARISON_CUES):
                    continue
                lines = [e for e in (p.lines or [p.evidence]) if str(printed) in e.text]
                yield Hit(
                    message=(
                        f"本文件为{year}年度决算，此处写为“{m.group()}”，且不在与上年比较的句子中。"
                    ),
                    evidence=lines[:1] or [p.evidence],
                    expected=f"{year}年度",
                    actual=m.group(),
                    where=section_label(p),
                )
