"""Template residue and form (JS700–JS799): what a careful proof-reader catches.

Placeholders (XXX, **), alternatives the template offers (增加（减少）), instructions to the
filler, Excel overflow (##), float artifacts (155.099998), amounts without their unit or with
the wrong one, a year that does not belong to the report, a unit name that differs from the
cover, doubled punctuation, list numbering.  The patterns live in ``catalog/residue.toml``.

Rules read the text the model keeps (paragraphs with their source lines, headings, table
titles and cells, statements with their sentences); they never open the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from juesuan.model import Disclosure, Evidence, Paragraph, Statement
from juesuan.model.findings import Category, Severity
from juesuan.rules.common import decimals_of, round_to, table_label
from juesuan.rules.engine import BOTH_KINDS, Hit, NotApplicable, rule


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: re.Pattern[str]
    label: str
    fix: str | None
    severity: Severity | None


@cache
def _patterns() -> dict[str, tuple[_Pattern, ...]]:
    with resources.files("juesuan.catalog").joinpath("residue.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return {
        group: tuple(
            _Pattern(
                re.compile(e["pattern"]),
                e["label"],
                e.get("fix"),
                Severity(e["severity"]) if "severity" in e else None,
            )
            for e in entries
        )
        for group, entries in data.items()
    }


@dataclass(slots=True)
class _Text:
    """A piece of document text with the source lines it was joined from."""

    text: str
    lines: list[Evidence]
    where: str
    line_level: bool  # True when ``lines`` are the printed lines of ``text`` one by one


# Spaces are dropped (PDF text breaks numbers and words with them); tabs stay, as they
# separate table cells whose numbers must not run together.
_SPACES = re.compile(r"[^\S\t]+")


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _section_label(p: Paragraph) -> str:
    if p.section and p.part in ("explanation", None):
        return p.section
    return {
        "overview": "概况",
        "explanation": "决算情况说明",
        "glossary": "名词解释",
        "annex": "附件",
        "tables": "决算表",
    }.get(p.part or "", "正文")


def _texts(doc: Disclosure) -> Iterator[_Text]:
    """Every piece of text of the document except the 目录 (its dot leaders are not residue)."""
    for p in doc.paragraphs:
        yield _Text(p.text, p.lines or [p.evidence], _section_label(p), bool(p.lines))
    for h in doc.outline:
        yield _Text(f"{h.number}{h.title}", [h.evidence], h.number or h.title, True)
    for t in doc.tables:
        where = table_label(t)
        yield _Text(t.title, [t.evidence], where, True)
        if t.empty_statement:
            yield _Text(t.empty_statement, [t.evidence], where, False)
        for r in t.rows:
            cells = "\t".join([r.name, *r.raw.values()])
            yield _Text(cells, [r.evidence], where, True)


def _evaluation_rows(doc: Disclosure) -> Iterator[_Text]:
    """Budget and indicator rows of the performance tables (their placeholders and
    instructions are reported by the performance family; numbers are checked here)."""
    for ev in doc.evaluations:
        where = f"绩效自评：{ev.name}"
        rows = [b.evidence for b in ev.budget] + [i.evidence for i in ev.indicators]
        for evidence in rows:
            yield _Text(evidence.text, [evidence], where, True)


def _evidence_for(piece: _Text, needle: str) -> list[Evidence]:
    """The source lines holding ``needle`` (squashed), or the first line when it straddles."""
    found = [e for e in piece.lines if needle in _squash(e.text)]
    if found:
        return found[:3]
    for first, second in zip(piece.lines, piece.lines[1:], strict=False):
        if needle in _squash(first.text + second.text):
            return [first, second]
    return piece.lines[:1]


def _scan(doc: Disclosure, group: str) -> Iterator[tuple[_Text, list[tuple[_Pattern, str]]]]:
    patterns = _patterns()[group]
    for piece in _texts(doc):
        flat = _squash(piece.text)
        hits = [(p, m.group()) for p in patterns for m in p.regex.finditer(flat)]
        if hits:
            yield piece, hits


def _residue_hits(doc: Disclosure, group: str, what: str, fix: str) -> Iterator[Hit]:
    """One finding per piece of text: every match listed, the lines holding them as evidence."""
    for piece, hits in _scan(doc, group):
        matched = list(dict.fromkeys(text for _, text in hits))
        fixes = {p.fix for p, _ in hits}
        pattern_fix = fixes.pop() if len(fixes) == 1 else None
        lowered = [p.severity for p, _ in hits if p.severity is not None]
        severity = max(lowered, key=lambda s: s.rank) if len(lowered) == len(hits) else None
        evidence: list[Evidence] = []
        for text in matched:
            for e in _evidence_for(piece, text):
                if e not in evidence:
                    evidence.append(e)
        yield Hit(
            message=f"{what}：{'、'.join(f'“{m}”' for m in matched)}。",
            evidence=evidence,
            expected=pattern_fix or fix,
            actual="、".join(matched),
            severity=severity,
            suggestion=None if pattern_fix is None else f"{pattern_fix}。",
            where=piece.where,
        )


@rule(
    "JS701",
    applies_to=BOTH_KINDS,
    name="template-placeholder",
    title="模板占位符未替换",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "公开模板用 XXX、XX、** 等占位符表示需要填写的金额、比例或名称。正式公开的文件中"
        "留有占位符，说明该处数字或名称没有填写，读者无法得知真实情况。"
    ),
    bad="因公出国（境）经费支出**万元，完成预算0%。",
    good="因公出国（境）经费支出0.00万元，完成预算0%。",
    suggestion="用实际金额、比例或单位名称替换占位符；不涉及的内容按模板要求删除或说明。",
)
def placeholder(doc: Disclosure) -> Iterator[Hit]:
    yield from _residue_hits(doc, "placeholder", "留有模板占位符", "实际数字或名称")


@rule(
    "JS702",
    applies_to=BOTH_KINDS,
    name="template-alternative",
    title="模板备选用语未取舍",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "模板以“增加（减少）”“增长（下降）”“大于（小于）”等形式列出备选用语，填写时应根据"
        "数字的实际方向只保留一个。两者并存时读者不知道实际是增是减。"
    ),
    bad="与2023年度相比，减少0.15万元，下降（增长）27.78%。",
    good="与2023年度相比，减少0.15万元，下降27.78%。",
    suggestion="按金额的实际变动方向只保留一个用语。",
)
def alternative(doc: Disclosure) -> Iterator[Hit]:
    yield from _residue_hits(doc, "alternative", "留有模板备选用语", "按实际方向只保留一个用语")


@rule(
    "JS703",
    applies_to=BOTH_KINDS,
    name="template-instruction",
    title="模板填写说明未删除",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "模板中写给填报人的说明（如“（如持平作持平表述）”“无…的，仍保留该表格式，并在本表"
        "下方作下述说明”）不属于公开内容，留在正式文件中说明文件未经认真校对。"
    ),
    bad="无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：",
    good="说明：本单位本年度没有政府性基金预算财政拨款收入支出，故本表无数据。",
    suggestion="删除模板填写说明，只保留按说明写出的正式内容。",
)
def instruction(doc: Disclosure) -> Iterator[Hit]:
    yield from _residue_hits(doc, "instruction", "留有模板填写说明", "删除填写说明")


@rule(
    "JS704",
    applies_to=BOTH_KINDS,
    name="wording-typo",
    title="模板用语错字",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale="模板固定用语中的错字漏字（如“较上一度”漏“年”）影响文件的规范性。",
    bad="较上一度增加1133.95万元",
    good="较上年度增加1133.95万元",
)
def typo(doc: Disclosure) -> Iterator[Hit]:
    for piece, hits in _scan(doc, "typo"):
        for pattern, text in dict.fromkeys(hits):
            yield Hit(
                message=f"用语有误：“{text}”应为“{pattern.fix}”。",
                evidence=_evidence_for(piece, text),
                expected=pattern.fix,
                actual=text,
                where=piece.where,
            )


_OVERFLOW = re.compile(r"#{2,}(?:[ \t]*#)*")
_HEADING_MARK_TAIL = re.compile(r"[ \t]+[^#\s]")


def _has_overflow(text: str) -> bool:
    """A run of "#" standing for a number; not a Markdown-style heading mark ("## 标题"),
    which opens a line and is followed by a space and words."""
    for m in _OVERFLOW.finditer(text):
        if not text[: m.start()].strip() and _HEADING_MARK_TAIL.match(text, m.end()):
            continue
        return True
    return False


@rule(
    "JS705",
    applies_to=BOTH_KINDS,
    name="excel-overflow",
    title="数字显示为“##”",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "Excel 单元格宽度不够时数字显示为“###”。这样的表格转成 PDF 或 Word 后，读者看不到实际金额。"
    ),
    bad="302 商品和服务支出  ####",
    good="302 商品和服务支出  440.88",
    suggestion="加宽单元格或缩小字号后重新导出，确认每个数字完整显示。",
)
def excel_overflow(doc: Disclosure) -> Iterator[Hit]:
    for piece in _texts(doc):
        # judged line by line as printed: a heading mark opens a printed line, not a paragraph
        lines = piece.lines if piece.line_level else []
        evidence = [e for e in lines if _has_overflow(e.text)]
        if not evidence and not lines and _has_overflow(piece.text):
            evidence = _evidence_for(piece, "##")
        if evidence:
            yield Hit(
                message="数字显示为“##”（单元格宽度不足，实际数字未显示）。",
                evidence=evidence[:3],
                expected="完整显示的数字",
                actual="##",
                where=piece.where,
            )


# A float artifact: at least 6 decimals ending in a run of four 9s or 0s then a digit,
# e.g. 155.099998 or 12.3000001 (binary floating point written with too many digits).
_FLOAT_ARTIFACT = re.compile(r"(?<![\d.])\d+\.\d*?(?:9{4,}\d*|0{4,}[1-9]\d*)(?![\d.])")


@rule(
    "JS706",
    applies_to=BOTH_KINDS,
    name="float-artifact",
    title="金额带有计算机浮点误差",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "从电子表格复制数字时，未设置小数位的单元格会带出 155.099998 这样的浮点误差。"
        "金额应按两位小数公开。"
    ),
    bad="项目支出155.099998万元",
    good="项目支出155.10万元",
    suggestion="把金额四舍五入到两位小数。",
)
def float_artifact(doc: Disclosure) -> Iterator[Hit]:
    for piece in [*_texts(doc), *_evaluation_rows(doc)]:
        found = [
            m.group()
            for m in _FLOAT_ARTIFACT.finditer(_squash(piece.text))
            if len(m.group().split(".")[1]) >= 6
        ]
        for printed in dict.fromkeys(found):
            value = Decimal(printed).quantize(Decimal("0.01"))
            yield Hit(
                message=f"数字“{printed}”带有浮点误差，应为“{value}”。",
                evidence=_evidence_for(piece, printed)[:1] or piece.lines[:1],
                expected=f"{value}",
                actual=printed,
                where=piece.where,
            )


_AMOUNT_MEASURES = {"amount", "change_amount", "budget", "budget_initial", "actual"}
_PERCENT_MEASURES = {"share", "change_rate", "completion_rate", "completion_rate_initial"}
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def _number_followers(text: str, value: Decimal) -> list[str] | None:
    """What follows each printing of ``value`` in ``text`` (spaces removed), None if absent."""
    flat = _squash(text)
    followers: list[str] = []
    for m in _NUMBER.finditer(flat):
        digits = m.group().replace(",", "").replace("，", "")
        try:
            if Decimal(digits) != value or digits != f"{value:f}":
                continue
        except ArithmeticError:
            continue
        followers.append(flat[m.end() : m.end() + 2])
    return followers or None


@rule(
    "JS707",
    applies_to=BOTH_KINDS,
    name="missing-unit",
    title="数字缺少单位",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "说明中的金额应带“万元”，比例应带“%”。缺少单位时读者只能猜测（“增长13.95。”是"
        "13.95%还是13.95万元？）。"
    ),
    bad="支出决算数为622.92，完成预算100%。",
    good="支出决算数为622.92万元，完成预算100%。",
    suggestion="在数字后补上单位（金额“万元”，比例“%”）。",
)
def missing_unit(doc: Disclosure) -> Iterator[Hit]:
    if not doc.statements:
        raise NotApplicable("没有读取到决算情况说明中的数字")
    seen: set[tuple[str, int | None, int | None]] = set()
    for s in doc.statements:
        if not isinstance(s.value, Decimal):
            continue
        units: tuple[str, ...]
        if s.measure in _AMOUNT_MEASURES:
            expected, units = "万元", ("万", "元", "亿", "%")
        elif s.measure in _PERCENT_MEASURES:
            expected, units = "%", ("%", "％", "个百分点", "万", "元")
        else:
            continue
        followers = _number_followers(s.evidence.text, s.value)
        if followers is None or any(f.startswith(units) for f in followers):
            continue
        key = (f"{s.value}", s.evidence.page, s.evidence.line)
        if key in seen:
            continue
        seen.add(key)
        yield Hit(
            message=f"“{s.subject}”的数字 {s.value} 后没有单位，应为“{s.value}{expected}”。",
            evidence=[s.evidence],
            expected=f"{s.value}{expected}",
            actual=f"{s.value}",
            where=s.section or None,
        )


def _table_amounts(doc: Disclosure) -> set[Decimal]:
    amounts: set[Decimal] = set()
    for t in doc.tables:
        for r in t.rows:
            amounts.update(v for v in r.values.values() if v is not None and v != 0)
    return amounts


@rule(
    "JS708",
    applies_to=BOTH_KINDS,
    name="wrong-unit",
    title="金额单位错误",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "决算金额以“万元”公开。说明中把万元金额写成“元”会让金额相差一万倍；只写“万”"
        "而漏写“元”不规范。"
    ),
    bad="公务接待费支出决算为11.80元（决算表中为11.80万元）",
    good="公务接待费支出决算为11.80万元",
    suggestion="把单位改为“万元”。",
)
def wrong_unit(doc: Disclosure) -> Iterator[Hit]:
    amounts: set[Decimal] | None = None
    for s in doc.statements:
        if s.measure not in _AMOUNT_MEASURES or not isinstance(s.value, Decimal):
            continue
        if s.unit == "万":
            yield Hit(
                message=f"“{s.subject}”金额 {s.value} 的单位写为“万”，应为“万元”。",
                evidence=[s.evidence],
                expected=f"{s.value}万元",
                actual=f"{s.value}万",
                severity=Severity.WARNING,
                where=s.section or None,
            )
            continue
        if s.unit != "元" or s.value == 0:
            continue
        if amounts is None:
            amounts = _table_amounts(doc)
        if s.value in amounts:
            reason = f"而决算表中同一数字以万元列示（{s.value}万元）"
            severity = None
        elif (rate := _rate_in_wan(doc, s)) is not None:
            reason = f"按万元计算，与同句的预算数和完成率 {rate}% 相符"
            severity = None
        elif _siblings_in_wan(doc, s):
            reason = "同一节其他同类金额均以万元表述"
            severity = Severity.WARNING
        else:
            continue
        yield Hit(
            message=f"“{s.subject}”金额写为“{s.value}元”，{reason}，单位应为“万元”。",
            evidence=[s.evidence],
            expected=f"{s.value}万元",
            actual=f"{s.value}元",
            severity=severity,
            where=s.section or None,
        )


def _rate_in_wan(doc: Disclosure, s: Statement) -> Decimal | None:
    """The completion rate stated beside ``s`` when it equals s (read as 万元) / budget."""
    same = [
        o
        for o in doc.statements
        if o.subject == s.subject and o.evidence.text == s.evidence.text and o is not s
    ]
    budgets = [o.value for o in same if o.measure == "budget" and o.unit == "万元"]
    rates = [o.value for o in same if o.measure == "completion_rate"]
    for budget in budgets:
        for rate in rates:
            if isinstance(budget, Decimal) and isinstance(rate, Decimal) and budget > 0:
                places = decimals_of(rate)
                if round_to(s.value / budget * 100, places) == rate:  # type: ignore[operator]
                    return rate
    return None


def _siblings_in_wan(doc: Disclosure, s: Statement) -> bool:
    siblings = [
        o
        for o in doc.statements
        if o.section == s.section and o.measure == s.measure and o is not s
    ]
    in_wan = sum(1 for o in siblings if o.unit == "万元")
    return in_wan >= 3 and in_wan * 4 >= len(siblings) * 3


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
    bad="2023年度收入支出总计9859.38万元（2024年度决算）",
    good="2024年度收入支出总计9859.38万元",
    suggestion="核对年度，改为本决算年度。",
)
def wrong_year(doc: Disclosure) -> Iterator[Hit]:
    if doc.year is None:
        raise NotApplicable("未识别出决算年度")
    year = doc.year
    for p in doc.paragraphs:
        if p.part not in ("explanation", None) or (p.topic is None and p.part is None):
            continue
        for sentence in _SENTENCE.findall(_squash(p.text)):
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
                    where=_section_label(p),
                )


def _core_name(unit: str) -> tuple[str, str]:
    """(place prefix, core) of a unit name: 上海市普陀区 + 规划和自然资源局."""
    m = re.match(r"^((?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|区|县|州|盟|旗))*)(.+)$", unit)
    if not m:
        return "", unit
    return m.group(1), m.group(2)


_YEAR_WORDS = re.compile(r"^(?:年度|年|度)")
_PLACE_BEFORE = re.compile(r"((?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|区|县|州|盟|旗))+)$")


@rule(
    "JS710",
    applies_to=BOTH_KINDS,
    name="unit-name",
    title="单位名称与封面不一致",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "单位名称应与封面一致。一字之差（“规划与自然资源局”/“规划和自然资源局”）或在表名中"
        "漏掉区县名称（“上海市规划和自然资源局”），都会让读者误以为是另一个单位。"
    ),
    bad="上海市规划和自然资源局2024年度部门收入支出决算总表（单位为上海市普陀区规划和自然资源局）",
    good="上海市普陀区规划和自然资源局2024年度部门收入支出决算总表",
    suggestion="按封面上的单位全称改正。",
)
def unit_name(doc: Disclosure) -> Iterator[Hit]:
    unit = _squash(doc.unit or "")
    place, core = _core_name(unit)
    if len(core) < 4:
        raise NotApplicable("未识别出单位名称")
    reported: set[tuple[str, int | None, int | None]] = set()
    # 1. near-miss spellings of the core name anywhere (one character differs)
    for piece in _texts(doc):
        flat = _squash(piece.text)
        if len(flat) < len(core):
            continue
        for i in range(len(flat) - len(core) + 1):
            if flat[i + len(core) - 1] != core[-1] or flat[i] != core[0]:
                continue
            window = flat[i : i + len(core)]
            if window == core or sum(a != b for a, b in zip(window, core, strict=True)) != 1:
                continue
            ev = _evidence_for(piece, window)
            key = (window, ev[0].page, ev[0].line)
            if key in reported:
                continue
            reported.add(key)
            yield Hit(
                message=f"单位名称写为“{window}”，封面为“{core}”（{unit}）。",
                evidence=ev,
                expected=core,
                actual=window,
                where=piece.where,
            )
    # 2. titles naming the unit with another place (表名/标题 should carry the full name)
    if not place:
        return
    titles = [(t.title, t.evidence, table_label(t)) for t in doc.tables]
    titles += [(h.title, h.evidence, h.number or h.title) for h in doc.outline]
    titles += [
        (p.text, p.evidence, _section_label(p))
        for p in doc.paragraphs
        if len(p.text) <= 40 and not re.search(r"[，。；：,;]", p.text)
    ]
    for title, evidence, where in titles:
        flat = _squash(title)
        pos = flat.find(core)
        if pos <= 0:
            continue
        m = _PLACE_BEFORE.search(flat[:pos])
        if not m:
            continue
        place_printed = _YEAR_WORDS.sub("", m.group(1))  # "2018年度江苏省…": 年度 is no place
        if not place_printed:
            continue
        printed = place_printed + core
        if unit.endswith(printed) or printed.removeprefix("中共") == unit.removeprefix("中共"):
            continue  # 中共江苏省委办公厅 and 江苏省委办公厅 name one unit
        key = (printed, evidence.page, evidence.line)
        if key in reported:
            continue
        reported.add(key)
        yield Hit(
            message=f"标题中的单位名称为“{printed}”，与封面“{unit}”不一致。",
            evidence=[evidence],
            expected=unit,
            actual=printed,
            where=where,
        )


_DOUBLED = re.compile(r"([，。；、：！？])\1|[，、；：][。；]|。[，、；]")


@rule(
    "JS711",
    applies_to=BOTH_KINDS,
    name="doubled-punctuation",
    title="标点重复",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale="“。。”“，。”等重复或冲突的标点是校对疏漏。",
    bad="收入支出总计9859.38万元。。",
    good="收入支出总计9859.38万元。",
    suggestion="删去多余的标点。",
)
def doubled_punctuation(doc: Disclosure) -> Iterator[Hit]:
    pdf = doc.source.format == "pdf"
    for p in doc.paragraphs:
        for m in _DOUBLED.finditer(_squash(p.text)):
            in_one_line = [e for e in p.lines if m.group() in _squash(e.text)]
            # A PDF text layer may repeat a sentence end at a block edge: unless both marks
            # sit in one printed line, the reading is uncertain.
            severity = None if (in_one_line or not pdf) else Severity.INFO
            yield Hit(
                message=f"标点重复：“{m.group()}”。",
                evidence=in_one_line[:1] or p.lines[:1] or [p.evidence],
                expected=m.group()[-1],
                actual=m.group(),
                severity=severity,
                where=_section_label(p),
            )


_LIST_ITEM = re.compile(r"^(?:[（(](\d{1,2})[）)]|(\d{1,2})[.．、](?!\d))")


@rule(
    "JS712",
    applies_to=BOTH_KINDS,
    name="list-numbering",
    title="序号不连续",
    category=Category.RESIDUE,
    severity=Severity.WARNING,
    rationale=(
        "同一节中的编号（1. 2. 3. 或（1）（2）（3））应从1开始连续排列，"
        "跳号或重号是遗漏或复制的痕迹。"
    ),
    bad="1.…… 2.…… 4.……",
    good="1.…… 2.…… 3.……",
    suggestion="检查是否漏写或重复了条目，并重新编号。",
)
def list_numbering(doc: Disclosure) -> Iterator[Hit]:
    # Items of one style in one section, in reading order.
    runs: dict[tuple[str | None, str | None, str], list[tuple[int, Paragraph]]] = {}
    for p in doc.paragraphs:
        m = _LIST_ITEM.match(p.text.lstrip())
        if not m:
            continue
        style = "paren" if m.group(1) else "dot"
        number = int(m.group(1) or m.group(2))
        runs.setdefault((p.part, p.section, style), []).append((number, p))
    for items in runs.values():
        previous: int | None = None
        for number, p in items:
            if previous is not None and number != previous + 1 and number != 1:
                yield Hit(
                    message=f"编号由“{previous}”跳到“{number}”，应为“{previous + 1}”。",
                    evidence=[p.evidence],
                    expected=str(previous + 1),
                    actual=str(number),
                    severity=Severity.INFO if doc.source.format == "pdf" else None,
                    where=_section_label(p),
                )
            previous = number
