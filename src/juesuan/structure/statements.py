"""Facts stated in the explanation (决算情况说明) as :class:`Statement` objects.

Each paragraph of the explanation is read in three steps, on a normalised copy of its text
(whitespace and quote marks removed, ASCII brackets/colons/semicolons/commas made full-width;
an index maps every normalised character back to the printed text):

1. *Masks* blank out the spans that never hold stated facts: reasons (主要原因…), descriptions
   (主要用于…) and template instructions (（如持平作持平表述）).
2. *Fixed patterns* (regexes with named groups, ``catalog/statements.toml``) read the
   sentences whose subject is not simply printed before the number: performance counts,
   "决算数小于预算数", "与上年持平", "无政府性基金…", equipment counts …
3. *Numbers* left over are read one by one: the cue just before a number gives the measure
   (占 → share, 增加/减少 → change_amount, 完成预算 → completion_rate, 年初预算为 →
   budget_initial …) and the subject alias printed closest before it names the subject;
   a number with a cue but no alias of its own inherits the paragraph's current subject.

Subjects, their aliases, masks and patterns are data (``catalog/statements.toml``); the
measures and units are documented in ``docs/statements.md``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from juesuan import catalog
from juesuan.model import DocKind, Evidence, Measure, Paragraph, Part, Statement, Topic
from juesuan.structure.textutil import contains_any, tidy

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY_UNITS = frozenset({"万元", "万", "元"})
COUNT_UNITS = frozenset({"人次", "批次", "台（套）", "辆", "个", "人", "次", "台", "套"})

#: Section keys of the explanation: paragraphs without a part heading are read when their
#: topic is one of these.
EXPLANATION_TOPICS = frozenset(
    {
        Topic.TOTAL,
        Topic.INCOME,
        Topic.EXPENSE,
        Topic.FISCAL_TOTAL,
        Topic.GENERAL_BUDGET,
        Topic.GENERAL_BUDGET_OVERALL,
        Topic.GENERAL_BUDGET_STRUCTURE,
        Topic.GENERAL_BUDGET_DETAIL,
        Topic.BASIC,
        Topic.SANGONG,
        Topic.SANGONG_OVERALL,
        Topic.SANGONG_DETAIL,
        Topic.GOVFUND,
        Topic.SOE,
        Topic.PERFORMANCE,
        Topic.OTHER,
        Topic.ADMIN_COST,
        Topic.PROCUREMENT,
        Topic.ASSETS,
    }
)

#: Sections of a budget's explanation (预算情况说明, 预算编制说明) beyond those above.
BUDGET_EXPLANATION_TOPICS = frozenset(
    {Topic.FISCAL_EXPENSE, Topic.FISCAL_BASIC, Topic.COMPILATION, Topic.OTHER_RELATED}
)

MASK_CHAR = "□"

#: Measures whose value is a word (增加/减少/持平 …), kept as printed.
WORD_MEASURES = frozenset(
    {
        Measure.BUDGET_DIRECTION,
        Measure.DIRECTION,
        Measure.RATE_DIRECTION,
        Measure.DIRECTION_VS_ACTUAL,
        Measure.RATING,
    }
)

# A value: a number (NUM) and its unit.  The look-behind keeps us from starting inside a
# number; it follows the first digit so that the pattern begins with a digit, which lets the
# regex engine skip straight to the next digit instead of trying every character of the
# paragraph (half the time of this search).
_TOKEN = re.compile(
    r"(?P<num>\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))"
    r"(?P<unit>万元|万|元|%|人次|批次|台（套）|辆|个|人|次|台|套|分)?"
)
_DIRECTION_WORD = "增加|减少|增长|下降"
_CUE_CHANGE = re.compile(
    rf"(?P<word>(?:{_DIRECTION_WORD})(?:[/／](?:{_DIRECTION_WORD})|（(?:{_DIRECTION_WORD})）)?"
    r"|增幅|降幅)(?:了|率|幅度)?为?$"
)
_RATE_WORDS = frozenset({"增长", "下降", "增幅", "降幅"})
_CUE_SHARE = re.compile(r"占(?:[^，。；：]{0,24}?的)?(?:比重|比例|比)?为?$")
_CUE_COMPLETION = re.compile(r"完成(?P<base>年初|全年|调整后)?预算(?:数)?的?(?:比例)?为?$")
_CUE_BUDGET = re.compile(r"(?P<base>年初|全年|调整后)?预算(?:数)?为?$")
_CUE_ACTUAL = re.compile(r"(?:决算|执行)数?为?$")
_CUE_INHERIT = re.compile(r"(?:金额|共计(?:支出)?)为?$")
_CUE_IS = re.compile(r"(?:为|是)$")
#: Every cue above ends at the end of the text before the number and is at most this long
#: (占…的比重为: 29 characters), so it is looked for in that many last characters only.
CUE_REACH = 30
_CLAUSE_END = re.compile(r"[。；;]")
_CODE_IN_TEXT = re.compile(r"(?<!\d)(2\d{2}(?:\d{2}(?:\d{2})?)?)(?!\d)")

_DROP_CHARS = " \t\r\n\f\v\u3000\xa0\u2002\u2003\u2009\u200b“”\"'‘’「」『』"
_DROP_RE = re.compile(f"[{re.escape(_DROP_CHARS)}]")
_TRANS = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ":": "：",
        ";": "；",
        "％": "%",
        "．": ".",
        **{chr(0xFF10 + d): str(d) for d in range(10)},
    }
)
#: Any character _TRANS changes: most paragraphs have none, and translating a Chinese text
#: costs far more than searching it (two thirds of normalise).
_TRANS_CHARS = re.compile("[" + re.escape("".join(map(chr, _TRANS))) + "]")
#: A comma that is not a thousands separator (digit before, exactly three digits after).
_PLAIN_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")


# ---------------------------------------------------------------------------------------
# reference data


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject of statements with the printed forms (aliases) that name it."""

    name: str
    kind: str  # "money" or "count"
    units: frozenset[str]  # accepted units for counts
    topics: frozenset[Topic] | None  # None: every topic
    qualifier: bool = False
    code: str | None = None
    kinds: frozenset[str] | None = None  # document kinds (决算/预算) it applies to; None: both


@dataclass(frozen=True, slots=True)
class ValueSpec:
    measure: Measure
    group: str | None = None
    literal: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class SentencePattern:
    id: str
    regex: re.Pattern[str]
    subject: str  # fixed name, template with {group} fields, or "@context"
    values: tuple[ValueSpec, ...]
    amount_groups: frozenset[str]
    # words of which one must occur in the text for the pattern to be tried (empty: none)
    anchors: frozenset[str] = frozenset()
    kinds: frozenset[str] | None = None  # document kinds (决算/预算) it applies to; None: both


@dataclass(frozen=True, slots=True)
class DynamicSubject:
    """A subject printed as free text (a 类/款/项 path, a project name), or a mask."""

    regex: re.Pattern[str]
    kinds: frozenset[str] | None = None
    # words the regex cannot match without (empty: none), looked for before the regex
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DescriptionSpec:
    """What an amount consists of or is used for ("主要包括：…", "主要用于：…")."""

    measure: Measure
    regex: re.Pattern[str]  # the described words in group ``text``
    subjects: frozenset[str] | None  # None: a 类/款/项 path or a 类 ("@classification")
    topics: frozenset[Topic] | None = None


@dataclass(frozen=True, slots=True)
class KindSettings:
    """How a kind of document reads its cues (``[kinds.<kind>]`` in the data file).

    ``measures`` renames the measure a cue gives: a budget states this year's money as
    预算 ("支出预算37188.34万元" is its amount, not a final account's 全年预算), and 执行数
    there is last year's execution.  ``detail`` is the measure of a plain amount of a
    类/款/项 path or project (决算: ``actual``); ``class_topics`` the sections where the
    functional classes (类) are read."""

    measures: dict[Measure, Measure]
    detail: Measure
    class_topics: frozenset[Topic]
    detail_topics: frozenset[Topic]


@dataclass(frozen=True, slots=True)
class AliasIndex:
    """Aliases of one kind for one topic, searched from the right (reversed regex)."""

    regex: re.Pattern[str] | None
    subjects: dict[str, tuple[Subject, ...]]  # normalised alias -> subjects

    def nearest(self, text: str, unit: str | None = None) -> tuple[int, Subject] | None:
        """The alias ending closest to the end of ``text`` (longest on a tie): (end, subject)."""
        if self.regex is None or not text:
            return None
        reverse = text[::-1]
        for m in self.regex.finditer(reverse):
            alias = m.group(0)[::-1]
            for subject in self.subjects[alias]:
                if unit is None or subject.kind == "money" or unit in subject.units:
                    return len(text) - m.start(), subject
        return None


@dataclass(frozen=True, slots=True)
class Rules:
    subjects: tuple[Subject, ...]
    aliases: tuple[tuple[str, Subject], ...]
    dynamic: tuple[DynamicSubject, ...]
    masks: tuple[DynamicSubject, ...]  # a regex and the kinds of document it applies to
    patterns: tuple[SentencePattern, ...]
    kinds: dict[str, KindSettings] = field(default_factory=dict)
    descriptions: tuple[DescriptionSpec, ...] = ()

    def settings(self, kind: str) -> KindSettings:
        return self.kinds.get(kind) or self.kinds[FINAL]


#: The kind a document of unknown kind is read as (the documents this tool began with).
FINAL = DocKind.FINAL.value


def _applies(kinds: frozenset[str] | None, kind: str) -> bool:
    return kinds is None or kind in kinds


def normalise(text: str) -> tuple[str, list[int]]:
    """The matching form of ``text`` and, per character, its offset in ``text``.

    Whitespace and quote marks are removed; ASCII brackets, colons and semicolons become
    full-width; a comma stays a thousands separator only between a digit and three digits.
    The index has one extra entry (``len(text)``) for end positions.
    """
    normal = text.translate(_TRANS) if _TRANS_CHARS.search(text) else text
    if _DROP_RE.search(normal):
        # the kept characters are the runs between dropped ones (each dropped one is a single
        # character): add each run as a range (a paragraph drops a few characters of hundreds)
        runs = _DROP_RE.split(normal)
        index: list[int] = []
        kept_from = 0
        for run in runs:
            index.extend(range(kept_from, kept_from + len(run)))
            kept_from += len(run) + 1
        normal = "".join(runs)
    else:
        index = list(range(len(normal)))
    index.append(len(text))
    if "," in normal:
        normal = _PLAIN_COMMA.sub("，", normal)
    return normal, index


def _norm(text: str) -> str:
    return normalise(text)[0]


def _expand(regex: str) -> tuple[str, frozenset[str]]:
    """Replace {N:name}, {AMT:name} and {YEAR} placeholders by regex groups."""
    amount_groups: set[str] = set()

    def repl(m: re.Match[str]) -> str:
        kind, name = m.group(1), m.group(2)
        if kind == "YEAR":
            return r"\d{4}年度?"
        if kind == "AMT":
            amount_groups.add(name)
            return rf"(?P<{name}>{NUM})(?P<{name}__unit>万元|万|元)?"
        return rf"(?P<{name}>{NUM})"

    out = re.sub(r"\{(N|AMT|YEAR)(?::(\w+))?\}", repl, regex)
    return out, frozenset(amount_groups)


def _class_subjects(topics: frozenset[Topic], kind: str) -> list[tuple[list[str], Subject]]:
    out: list[tuple[list[str], Subject]] = []
    for code, name in catalog.functional_classes().items():
        base = name[:-2] if name.endswith("支出") else name
        aliases = [name, f"{name}（类）", f"{base}（类）", f"{base}（类）支出"]
        subject = Subject(name, "money", frozenset(), topics, code=code, kinds=frozenset({kind}))
        out.append((list(dict.fromkeys(aliases)), subject))
    return out


def _measure(value: str) -> Measure:
    return catalog.member(Measure, value, "catalog/statements.toml")


def _topics(values: list[str]) -> frozenset[Topic]:
    return frozenset(catalog.member(Topic, v, "catalog/statements.toml") for v in values)


def _kinds(entry: dict[str, Any]) -> frozenset[str] | None:
    kinds = entry.get("kinds")
    return frozenset(kinds) if kinds else None


@cache
def rules() -> Rules:
    """The statement rules of ``catalog/statements.toml`` (read once)."""
    data: dict[str, Any] = catalog.load_toml("statements.toml")
    entries: list[tuple[list[str], Subject]] = []
    for s in data.get("subjects", []):
        topics = s.get("topics")
        subject = Subject(
            name=s["name"],
            kind=s.get("kind", "money"),
            units=frozenset(s.get("units", [])),
            topics=_topics(topics) if topics else None,
            qualifier=bool(s.get("qualifier", False)),
            code=s.get("code"),
            kinds=_kinds(s),
        )
        entries.append(([_norm(a) for a in s["aliases"]], subject))
    kinds: dict[str, KindSettings] = {}
    for name, entry in data.get("kinds", {}).items():
        kinds[name] = KindSettings(
            measures={_measure(k): _measure(v) for k, v in entry.get("measures", {}).items()},
            detail=_measure(entry.get("detail", Measure.ACTUAL)),
            class_topics=_topics(entry.get("class_topics", [])),
            detail_topics=_topics(entry.get("detail_topics", [])),
        )
        entries.extend(_class_subjects(kinds[name].class_topics, name))
    patterns: list[SentencePattern] = []
    for p in data.get("patterns", []):
        regex, amount_groups = _expand(p["regex"])
        values = tuple(
            ValueSpec(_measure(v["measure"]), v.get("group"), v.get("literal"), v.get("unit"))
            for v in p["values"]
        )
        patterns.append(
            SentencePattern(
                p["id"],
                re.compile(regex),
                p["subject"],
                values,
                amount_groups,
                frozenset(_norm(a) for a in p.get("anchors", ())),
                _kinds(p),
            )
        )
    return Rules(
        subjects=tuple(s for _, s in entries),
        aliases=tuple((a, s) for aliases, s in entries for a in aliases),
        dynamic=tuple(
            DynamicSubject(
                re.compile(d["regex"]), _kinds(d), tuple(_norm(a) for a in d.get("anchors", ()))
            )
            for d in data.get("dynamic_subjects", [])
        ),
        masks=tuple(
            DynamicSubject(
                re.compile(m["regex"]), _kinds(m), tuple(_norm(a) for a in m.get("anchors", ()))
            )
            for m in data.get("masks", [])
        ),
        patterns=tuple(patterns),
        kinds=kinds,
        descriptions=tuple(
            DescriptionSpec(
                _measure(d["measure"]),
                re.compile(d["regex"]),
                None if d["subjects"] == "@classification" else frozenset(d["subjects"]),
                _topics(d["topics"]) if d.get("topics") else None,
            )
            for d in data.get("descriptions", [])
        ),
    )


@dataclass(frozen=True, slots=True)
class KindRules:
    """The patterns, masks and dynamic subjects that apply to one kind of document."""

    patterns: tuple[SentencePattern, ...]
    masks: tuple[DynamicSubject, ...]
    dynamic: tuple[DynamicSubject, ...]
    unanchored: frozenset[int]  # positions in ``patterns`` of those without anchor words
    by_anchor: dict[str, tuple[int, ...]]  # anchor word -> positions of its patterns

    def candidates(self, text: str) -> list[SentencePattern]:
        """The patterns worth trying on ``text``, in catalog order: those without anchor
        words and those with one of theirs printed in ``text``.

        Each anchor word is looked up once (patterns share words: 执行数, 设备, 绩效目标 …)
        rather than each pattern's words in turn: a paragraph skips most of the ~50
        patterns, and going through all of them for every paragraph was a tenth of the
        time spent reading statements."""
        tried = set(self.unanchored)
        for word, positions in self.by_anchor.items():
            if word in text:
                tried.update(positions)
        return [self.patterns[i] for i in sorted(tried)]


@cache
def kind_rules(doc_kind: str) -> KindRules:
    """The rules of ``doc_kind`` (决算/预算), filtered once instead of per paragraph."""
    r = rules()
    patterns = tuple(p for p in r.patterns if _applies(p.kinds, doc_kind))
    by_anchor: dict[str, list[int]] = {}
    for i, p in enumerate(patterns):
        for word in p.anchors:
            by_anchor.setdefault(word, []).append(i)
    return KindRules(
        patterns=patterns,
        masks=tuple(m for m in r.masks if _applies(m.kinds, doc_kind)),
        dynamic=tuple(d for d in r.dynamic if _applies(d.kinds, doc_kind)),
        unanchored=frozenset(i for i, p in enumerate(patterns) if not p.anchors),
        by_anchor={word: tuple(positions) for word, positions in by_anchor.items()},
    )


@cache
def alias_index(topic: str | None, kind: str, doc_kind: str = FINAL) -> AliasIndex:
    """The aliases of subjects of ``kind`` (money/count) that apply in ``topic`` of a
    document of ``doc_kind`` (决算/预算)."""
    by_alias: dict[str, list[Subject]] = {}
    for alias, subject in rules().aliases:
        if subject.kind != kind or not _applies(subject.kinds, doc_kind):
            continue
        if subject.topics is not None and topic not in subject.topics:
            continue
        by_alias.setdefault(alias, []).append(subject)
    if not by_alias:
        return AliasIndex(None, {})
    ordered = sorted(by_alias, key=len, reverse=True)
    regex = re.compile("|".join(re.escape(a[::-1]) for a in ordered))
    return AliasIndex(regex, {a: tuple(v) for a, v in by_alias.items()})


# ---------------------------------------------------------------------------------------
# reading one paragraph


@dataclass(slots=True)
class _Ref:
    """The subject a value is attributed to."""

    name: str
    kind: str
    units: frozenset[str] = frozenset()
    code: str | None = None
    dynamic: bool = False
    qualified: bool = False  # "<parent>（轿车）": never a parent itself


@dataclass(slots=True)
class _State:
    money: _Ref | None = None
    count: _Ref | None = None
    parent: _Ref | None = None  # last plain (non-qualifier) count subject
    last: _Ref | None = None


@dataclass(slots=True)
class _Reader:
    paragraph: Paragraph
    scan: str  # normalised text with masked spans blanked
    index: list[int]
    topic: Topic | None
    doc_kind: str = FINAL
    state: _State = field(default_factory=_State)
    found: list[tuple[int, Measure, str, Decimal | str, str, _Ref]] = field(default_factory=list)
    _line_offsets: list[int] | None = None

    # -- subjects ------------------------------------------------------------------------

    def subject_in(self, start: int, end: int, kind: str, unit: str | None) -> _Ref | None:
        """The subject named closest before ``end`` in ``scan[start:end]``."""
        if end <= start:
            return None
        region = self.scan[start:end]
        best: tuple[int, _Ref] | None = None
        index = alias_index(self.topic, kind, self.doc_kind)
        hit = index.nearest(region, unit if kind == "count" else None)
        if hit is not None:
            pos, subject = hit
            best = (pos, _Ref(subject.name, subject.kind, subject.units, subject.code))
            if subject.qualifier:
                parent = self.state.parent
                if parent is None:
                    best = None
                else:
                    name = f"{parent.name}（{subject.name}）"
                    best = (pos, _Ref(name, "count", subject.units, qualified=True))
        if kind == "money":
            for dynamic in kind_rules(self.doc_kind).dynamic:
                if dynamic.anchors and not contains_any(region, dynamic.anchors):
                    continue
                regex = dynamic.regex
                last: re.Match[str] | None = None
                for m in regex.finditer(region):
                    last = m
                if last is None:
                    continue
                group = "subject" if "subject" in regex.groupindex else 0
                name = last.group(group)
                if MASK_CHAR in name:
                    continue
                pos = last.end(group)
                if best is None or pos > best[0]:
                    code_match = _CODE_IN_TEXT.search(name)
                    code = code_match.group(1) if code_match else None
                    best = (pos, _Ref(name, "money", code=code, dynamic=True))
        return best[1] if best else None

    def remember(self, ref: _Ref) -> None:
        if ref.kind == "money":
            self.state.money = ref
        else:
            self.state.count = ref
            if not ref.qualified:
                self.state.parent = ref
        self.state.last = ref

    # -- output --------------------------------------------------------------------------

    def add(self, pos: int, ref: _Ref, measure: Measure, value: Decimal | str, unit: str) -> None:
        self.found.append((pos, measure, ref.name, value, unit, ref))

    def line_of(self, offset: int) -> Evidence:
        """The source line holding the printed offset (else the paragraph's first line)."""
        p = self.paragraph
        if self._line_offsets is None:
            offsets = [0]
            for line in p.lines:
                offsets.append(offsets[-1] + len(tidy(line.text)))
            self._line_offsets = offsets if p.lines and offsets[-1] == len(p.text) else []
        if not self._line_offsets:
            return p.evidence
        i = bisect.bisect_right(self._line_offsets, offset) - 1
        return p.lines[max(0, min(i, len(p.lines) - 1))]

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        if not self.found:
            return out
        p = self.paragraph
        stops = [m.end() for m in _CLAUSE_END.finditer(p.text)]
        for pos, measure, subject, value, unit, ref in sorted(self.found, key=lambda f: f[0]):
            offset = self.index[min(pos, len(self.index) - 1)]
            line = self.line_of(offset)
            # positional arguments (in the order of the fields) cost half of keywords
            evidence = Evidence(clause(p.text, offset, stops), line.page, line.line, line.bbox)
            # section, subject, measure, value, unit, evidence, code, topic
            out.append(
                Statement(
                    p.section or "", subject, measure, value, unit, evidence, ref.code, p.topic
                )
            )
        return out

    # -- reading -------------------------------------------------------------------------

    def read(self) -> None:
        claimed: list[tuple[int, int]] = []
        events: list[tuple[int, int, re.Match[str], SentencePattern | None]] = []
        scan = self.scan
        for pattern in kind_rules(self.doc_kind).candidates(scan):
            for m in pattern.regex.finditer(scan):
                start, end = m.span()
                if any(start < e and s < end for s, e in claimed):
                    continue
                claimed.append((start, end))
                events.append((start, end, m, pattern))
        covered: set[int] = set()  # the positions inside a pattern's match
        for s, e in claimed:
            covered.update(range(s, e))
        for m in _TOKEN.finditer(scan):
            start, end = m.span()
            if start in covered:
                continue
            events.append((start, end, m, None))
        events.sort(key=lambda e: (e[0], e[1]))
        prev_end = 0
        for start, end, match, found in events:
            if start < prev_end:
                continue
            if found is not None:
                self.read_pattern(prev_end, match, found)
                prev_end = end
            elif self.read_token(prev_end, match):
                prev_end = end

    def read_pattern(self, prev_end: int, m: re.Match[str], pattern: SentencePattern) -> None:
        groups = m.groupdict()
        if pattern.subject == "@context":
            ref: _Ref | None = None
            if groups.get("ctx"):
                ref = self.subject_in(m.start("ctx"), m.end("ctx"), "money", None)
            if ref is None:
                ref = self.subject_in(prev_end, m.start(), "money", None)
            if ref is None:
                ref = self.state.money
            else:
                self.remember(ref)
            if ref is None:
                return
        else:
            fields = {k: (v or "") for k, v in groups.items()}
            ref = _Ref(pattern.subject.format(**fields), "money")
        for spec in pattern.values:
            if spec.literal is not None:
                self.add(m.start(), ref, spec.measure, spec.literal, "")
                continue
            if spec.group is None or groups.get(spec.group) is None:
                continue
            raw = groups[spec.group]
            pos = m.start(spec.group)
            if spec.measure in WORD_MEASURES:
                self.add(pos, ref, spec.measure, raw, "")
                continue
            number = to_decimal(raw)
            if number is None:
                continue
            unit = groups.get(f"{spec.group}__unit") or spec.unit
            if unit is None:
                unit = "万元" if spec.group in pattern.amount_groups else ""
            self.add(pos, ref, spec.measure, number, unit)

    def read_token(self, prev_end: int, m: re.Match[str]) -> bool:
        """Read one number; False when it is not a value (year, list number …)."""
        start, end = m.span()
        seg = self.scan[prev_end:start]
        cue_kind, cue = _cue(seg)
        printed_unit: str | None = m.group("unit")
        unit = printed_unit or _implied_unit(seg, cue_kind, cue, self.scan[end : end + 1])
        if unit is None:
            return False  # a year, a date, a list number: no Decimal needed
        number = to_decimal(m.group("num"))
        if number is None:
            return False
        region_end = prev_end + (cue.start() if cue is not None else len(seg))
        if unit == "%":
            self.read_percent(prev_end, region_end, start, number, cue_kind, cue)
        elif unit in MONEY_UNITS:
            inherit = cue_kind is not None or printed_unit is None
            self.read_money(prev_end, region_end, start, number, unit, cue_kind, cue, inherit)
        elif unit in COUNT_UNITS:
            self.read_count(prev_end, region_end, start, number, unit)
        # 分 and other units outside a fixed pattern are not attributed
        return True

    def read_percent(
        self,
        prev_end: int,
        region_end: int,
        start: int,
        number: Decimal,
        cue_kind: str | None,
        cue: re.Match[str] | None,
    ) -> None:
        if cue is None or cue_kind not in {"share", "completion", "change"}:
            return  # a percentage without 占/完成预算/增长: not a stated fact we know
        ref = self.subject_in(prev_end, region_end, "money", None)
        if ref is None:
            ref = self.state.money
        else:
            self.remember(ref)
        if ref is None:
            return
        if cue_kind == "share":
            measure = Measure.SHARE
        elif cue_kind == "completion":
            initial = cue.group("base") == "年初"
            measure = Measure.COMPLETION_RATE_INITIAL if initial else Measure.COMPLETION_RATE
        else:
            measure = Measure.CHANGE_RATE
            self.add(prev_end + cue.start(), ref, Measure.RATE_DIRECTION, cue.group("word"), "")
        self.add(start, ref, measure, number, "%")

    def read_money(
        self,
        prev_end: int,
        region_end: int,
        start: int,
        number: Decimal,
        unit: str,
        cue_kind: str | None,
        cue: re.Match[str] | None,
        inherit: bool,
    ) -> None:
        ref = self.subject_in(prev_end, region_end, "money", None)
        if ref is None and (
            cue_kind == "inherit" or (cue_kind == "budget" and self.doc_kind != FINAL)
        ):
            # 工程采购金额: 金额 is a cue; a budget's 财政拨款收、支总预算: 预算 is a cue
            ref = self.subject_in(prev_end, start, "money", None)
        if ref is not None:
            self.remember(ref)
        elif cue_kind == "inherit":
            ref = self.state.last  # 轿车0辆、金额0万元; 共计支出0万元
        elif inherit:
            ref = self.state.money  # 全年预算为…，支出决算为…
        if ref is None:
            return  # an amount with no subject (餐费1.33万元, 单价100万元 …)
        settings = rules().settings(self.doc_kind)
        if cue_kind == "change" and cue is not None:
            self.add(prev_end + cue.start(), ref, Measure.DIRECTION, cue.group("word"), "")
            measure = Measure.CHANGE_AMOUNT
        elif cue_kind == "budget" and cue is not None:
            base = cue.group("base")
            measure = Measure.BUDGET_INITIAL if base == "年初" else Measure.BUDGET
        elif cue_kind == "actual" and Measure.ACTUAL in settings.measures:
            measure = Measure.ACTUAL
        elif cue_kind != "inherit" and (self.topic in settings.detail_topics or ref.dynamic):
            measure = settings.detail
        else:
            measure = Measure.AMOUNT
        self.add(start, ref, settings.measures.get(measure, measure), number, unit)

    def read_count(
        self, prev_end: int, region_end: int, start: int, number: Decimal, unit: str
    ) -> None:
        ref = self.subject_in(prev_end, region_end, "count", unit)
        if ref is not None:
            self.remember(ref)
        elif self.state.count is not None and unit in self.state.count.units:
            ref = self.state.count  # 国内公务接待7批次，72人次
        if ref is not None:
            self.add(start, ref, Measure.COUNT, number, unit)


def _implied_unit(
    seg: str, cue_kind: str | None, cue: re.Match[str] | None, next_char: str
) -> str | None:
    """The unit of a number printed without one, or None when it is not a value.

    A bare number is a value only after a cue (为, 占, 完成预算, 增加, 增长 …) and before a
    clause end: "支出决算数为622.92，" → 万元, "增长13.95。" → %.  Years, dates and list
    numbers ("2024年", "12月31日", "1.") are not.
    """
    if next_char and next_char not in "，。；、）":
        return None
    if cue_kind is None and not _CUE_IS.search(seg, max(0, len(seg) - CUE_REACH)):
        return None
    if cue_kind in {"share", "completion"}:
        return "%"
    if cue_kind == "change" and cue is not None and cue.group("word")[:2] in _RATE_WORDS:
        return "%"
    return "万元"


_CUES = (
    ("change", _CUE_CHANGE),
    ("share", _CUE_SHARE),
    ("completion", _CUE_COMPLETION),
    ("budget", _CUE_BUDGET),
    ("actual", _CUE_ACTUAL),
    ("inherit", _CUE_INHERIT),
)


#: The characters each cue can end with (read off its regex above; ``$`` also matches before
#: a final newline).  A number's text mostly ends otherwise (“（项）”, “，”, nothing), and a
#: cue whose last character is not there is not searched for: most searches try every one
#: of the last CUE_REACH positions (the regexes of change and budget begin with no fixed
#: character to skip to).
_CUE_LAST = {
    "change": frozenset("加少长降）幅了率度为\n"),
    "share": frozenset("占的重例比为\n"),
    "completion": frozenset("算数的例为\n"),
    "budget": frozenset("算数为\n"),
    "actual": frozenset("算行数为\n"),
    "inherit": frozenset("额计出为\n"),
}
_CUE_TRIES = tuple((kind, regex, _CUE_LAST[kind]) for kind, regex in _CUES)


def _cue(seg: str) -> tuple[str | None, re.Match[str] | None]:
    """The cue ending ``seg`` (the text before a number) and its kind, else (None, None)."""
    if not seg:
        return None, None  # every cue is at least one character
    last = seg[-1]
    tail = max(0, len(seg) - CUE_REACH)  # match positions stay offsets into seg
    for kind, regex, ends in _CUE_TRIES:
        if last in ends:
            m = regex.search(seg, tail)
            if m is not None:
                return kind, m
    return None, None


def to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def clause(text: str, offset: int, stops: list[int] | None = None) -> str:
    """The sentence or clause (ended by 。 or ；) of ``text`` around ``offset``.

    ``stops`` are the ends of the clauses of ``text`` (computed when not given).
    """
    if stops is None:
        stops = [m.end() for m in _CLAUSE_END.finditer(text)]
    i = bisect.bisect_right(stops, offset)
    start = stops[i - 1] if i > 0 else 0
    end = stops[i] if i < len(stops) else len(text)
    return text[start:end].strip()


def _in_explanation(p: Paragraph, kind: DocKind | None = None) -> bool:
    if p.part is not None:
        return p.part == Part.EXPLANATION
    if kind is DocKind.BUDGET:
        return p.topic in EXPLANATION_TOPICS or p.topic in BUDGET_EXPLANATION_TOPICS
    return p.topic in EXPLANATION_TOPICS


def read_paragraph(paragraph: Paragraph, kind: DocKind | None = None) -> list[Statement]:
    """The statements of one paragraph (whatever its part) of a document of ``kind``
    (None: read as a final account)."""
    text, index = normalise(paragraph.text)
    scan = text
    doc_kind = kind.value if kind is not None else FINAL
    for mask in kind_rules(doc_kind).masks:
        if mask.anchors and not contains_any(scan, mask.anchors):
            continue
        scan = mask.regex.sub(lambda m: MASK_CHAR * len(m.group(0)), scan)
    reader = _Reader(paragraph, scan, index, paragraph.topic, doc_kind)
    reader.read()
    return reader.statements()


def extract_statements(paragraphs: list[Paragraph], kind: DocKind | None = None) -> list[Statement]:
    """The facts stated in the explanation (决算情况说明 / 预算情况说明), in document order.

    ``kind`` selects the wording of the document's kind (``kinds`` in the data file); a
    document of unknown kind is read as a final account."""
    out: list[Statement] = []
    for paragraph in paragraphs:
        if _in_explanation(paragraph, kind):
            out.extend(read_paragraph(paragraph, kind))
    return out


# ---------------------------------------------------------------------------------------
# descriptions


def read_descriptions(paragraphs: list[Paragraph], kind: DocKind | None = None) -> list[Statement]:
    """What the explanation says amounts consist of or are used for, as word statements
    (``value`` the described words as printed, normalised; ``unit`` ""):

    * ``items``: the items listed for 人员经费 / 公用经费 ("人员经费100.81万元，主要包括：基本工资、
      津贴补贴…等");
    * ``purpose``: what a 类/款/项 (or a 类) is used for ("行政运行（项）。主要用于：行政单位人员
      支出、公用支出"); "主要用于以下方面" introduces the 类 of 五（二） and is not one.

    The subject is the one named closest before the description in its paragraph.  These are
    not part of ``doc.statements`` (the facts the numbers rules read); the rules comparing
    descriptions with the tables read them here."""
    specs = rules().descriptions
    doc_kind = kind.value if kind is not None else FINAL
    out: list[Statement] = []
    for p in paragraphs:
        if "主要" not in p.text or not _in_explanation(p, kind):
            continue
        text, index = normalise(p.text)
        reader = _Reader(p, text, index, p.topic, doc_kind)
        found: list[tuple[int, int, DescriptionSpec, re.Match[str]]] = []
        for spec in specs:
            if spec.topics is not None and p.topic not in spec.topics:
                continue
            found.extend((m.start(), m.end(), spec, m) for m in spec.regex.finditer(text))
        previous = 0
        for start, end, spec, m in sorted(found, key=lambda f: f[0]):
            ref = reader.subject_in(previous, start, "money", None)
            previous = end
            if ref is None:
                continue
            if spec.subjects is None:
                if not (ref.dynamic and "（" in ref.name) and ref.code is None:
                    continue  # a purpose of a 类/款/项 only
            elif ref.name not in spec.subjects:
                continue
            words = m.group("text").strip("：， ")
            if not words:
                continue
            reader.add(start, ref, spec.measure, words, "")
        out.extend(reader.statements())
    return out
