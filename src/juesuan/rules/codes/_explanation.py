"""The 类/款/项 names the explanation prints, against the tables and the year's code list.

Shared by JS406 (final accounts) and JS935 (budgets).  Every path the text prints —
"X（类）Y（款）Z（项）", the Shanghai quoted form “X（类）Y（款）Z（项）”, a 款 path under a heading
naming the 类 ("法院（款）行政运行（项）"), a 类 alone ("公共安全（类）支出…") — is read level by
level:

* a level is known when its name is the name the document's tables print for a code there
  (the tables first), or that code's name in the year's list (or another year's list: then
  the old name is reported);
* a level whose name is no code's is judged by the levels that are known: a 项 known by its
  name gives its 款 and 类, so a wrong 款 or 类 name is shown with the right one; an unknown
  name under a known 款 is compared with that 款's codes (one slip: characters reordered, one
  left out, added or changed), or — when the tables print the 款 — with the one row of the
  款 the explanation leaves out, when its amount is the amount stated;
* a 项 printed under its 类 without its 款 is a missing level.

Names are compared without spaces, quotes and a trailing 支出; brackets full-width.  What the
tables print decides first (the explanation restates the tables); a name known only from the
year's list gives a warning when the entry is confirmed and the year established, else
information.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cache, lru_cache
from itertools import pairwise

from juesuan.catalog.codes import YearList, year_list
from juesuan.model import Disclosure, DocKind, Evidence, Paragraph, Part, TableRow, Topic
from juesuan.model.findings import Severity
from juesuan.rules.codes._shared import (
    class_codes_by_name,
    class_lines,
    code_list,
    coded_rows,
    other_years_names,
    printed_name,
    row_amount,
    years_text,
)
from juesuan.rules.engine import Hit
from juesuan.structure.paths import LOOKUP_TABLES

LEVEL_WIDTH = {"类": 3, "款": 5, "项": 7}
_MARK = re.compile(r"[（(](类|款|项)[）)]")
#: Characters a name is made of (brackets for 政府办公厅（室）…, 、 inside a few 项 names).
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff（）()、·]+$")
_LEAD = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、．.]|\d+[、．.])+"
)
_FILLER = re.compile(r"^(?:其中|主要用于|用于|包括|主要是|主要为|分别为|为|是|即|含)")
_PLACEHOLDER = re.compile(r"[XＸ×*＊]")
_QUOTED = re.compile(r"“([\u4e00-\u9fff（）()]{2,30})”科目")
#: Parts of the document whose text is read (the explanation, the glossary; budgets' narrative
#: paragraphs often carry no part).
PARTS = frozenset({Part.EXPLANATION, Part.GLOSSARY})
#: The highest similarity ratio below which a name is not taken as another one misspelt.
NEAR_RATIO = 0.8


@lru_cache(maxsize=16384)
def normal(name: str) -> str:
    """A name without spaces or quotes, brackets full-width."""
    k = re.sub(r"\s+", "", name)
    for q in "“”\"'‘’「」":
        k = k.replace(q, "")
    return k.replace("(", "（").replace(")", "）")


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A name compared loosely: :func:`normal`, without a trailing 支出."""
    k = normal(name)
    return k.removesuffix("支出") if len(k) > 3 and k.endswith("支出") else k


def near(a: str, b: str) -> bool:
    """Two names that differ by a slip: the same characters in another order, or one
    character left out, added or changed (names of four characters or more; one left out of a
    four-character name)."""
    if a == b or max(len(a), len(b)) < 4 or min(len(a), len(b)) < 3:
        return False
    if min(len(a), len(b)) == 3 and len(a) == len(b):
        return False
    if sorted(a) == sorted(b):
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass(slots=True)
class PrintedPath:
    """A path as printed in one paragraph: its levels in order, its text, where it is."""

    levels: list[tuple[str, str]]  # (level, name) in printed order
    text: str
    paragraph: Paragraph

    def name(self, level: str) -> str | None:
        return next((n for lv, n in self.levels if lv == level), None)


def paragraph_where(p: Paragraph) -> str:
    if p.section:
        return f"情况说明{p.section}"
    if p.topic == Topic.COMPILATION:
        return "预算编制说明"
    if p.part == Part.GLOSSARY:
        return "名词解释"
    return "情况说明"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def _class_keys() -> frozenset[str]:
    """Keys of every 类 name of every year (and the older names of classes.toml)."""
    return frozenset(name_key(n) for n in class_codes_by_name())


def printed_paths(doc: Disclosure) -> Iterator[PrintedPath]:
    """Every 类/款/项 path printed in the explanation and glossary."""
    for p in doc.paragraphs:
        if p.part is not None and p.part not in PARTS:
            continue
        text = _squash(p.text)
        if "（" not in text and "(" not in text:
            continue
        yield from _paths_in(text, p)


def _trim_class(head: str) -> str:
    """A 类 name with words before it (“主要用于社会保障和就业”): the longest ending that is a
    类 name, when the whole is not one."""
    if name_key(head) in _class_keys():
        return head
    for i in range(1, len(head) - 1):
        if name_key(head[i:]) in _class_keys():
            return head[i:]
    return head


def _paths_in(text: str, p: Paragraph) -> Iterator[PrintedPath]:
    marks = list(_MARK.finditer(text))
    i = 0
    boundary = 0
    while i < len(marks):
        first = marks[i]
        head = _first_name(text[boundary : first.start()])
        if first.group(1) == "类":
            head = _trim_class(head)
        levels = [(first.group(1), head)]
        start = first.start() - len(head)
        end = first.end()
        j = i + 1
        while j < len(marks):
            between = text[end : marks[j].start()]
            if not between or len(between) > 30 or not _NAME_CHARS.match(between):
                break
            levels.append((marks[j].group(1), between))
            end = marks[j].end()
            j += 1
        boundary = end
        i = j
        if all(n and not _PLACEHOLDER.search(n) for _, n in levels):
            yield PrintedPath(levels, text[start:end], p)


def _first_name(before: str) -> str:
    """The name right before the first level mark: back to the last delimiter, without a list
    number or a leading word such as 其中."""
    k = len(before)
    while k > 0 and _NAME_CHARS.match(before[k - 1]) and before[k - 1] != "、":
        k -= 1
    name = _LEAD.sub("", before[k:])
    return _FILLER.sub("", name)


# ---------------------------------------------------------------------------------------
# what the document and the list know


@dataclass(slots=True)
class Known:
    """The codes the tables print (names and rows) and the year's list."""

    codes: YearList
    rows: dict[str, TableRow] = field(default_factory=dict)  # first table row of a code
    table_keys: dict[str, set[str]] = field(default_factory=dict)
    list_keys: dict[str, str] = field(default_factory=dict)
    full_names: dict[str, set[str]] = field(default_factory=dict)  # names with their 支出
    by_key: dict[tuple[int, str], set[str]] = field(default_factory=dict)  # (width, key) -> codes
    by_width: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Disclosure) -> Known:
        known = cls(code_list("functional", doc))
        # the rows shown as evidence: the 一般公共预算 tables first (as structure/paths.py)
        order = {kind: i for i, kind in enumerate(LOOKUP_TABLES)}
        places = sorted(
            coded_rows(doc) + class_lines(doc), key=lambda c: order.get(c.table.kind, len(order))
        )
        for c in places:
            if c.kind != "functional":
                continue
            known.rows.setdefault(c.code, c.row)
            known.table_keys.setdefault(c.code, set()).add(name_key(printed_name(c)))
            known.full_names.setdefault(c.code, set()).add(normal(printed_name(c)))
        for code, name in known.codes.names.items():
            known.list_keys[code] = name_key(name)
            known.full_names.setdefault(code, set()).add(normal(name))
        for code in set(known.table_keys) | set(known.list_keys):
            known.by_width.setdefault(len(code), []).append(code)
            keys = set(known.table_keys.get(code, ()))
            if code in known.list_keys:
                keys.add(known.list_keys[code])
            for k in keys:
                known.by_key.setdefault((len(code), k), set()).add(code)
        return known

    def codes_of_width(self, width: int, parent: str | None = None) -> list[str]:
        return [c for c in self.by_width.get(width, ()) if parent is None or c.startswith(parent)]

    def find(self, width: int, prefixes: set[str] | None, key: str) -> set[str]:
        """The codes of ``width`` under one of ``prefixes`` named ``key`` this year."""
        return {
            c
            for c in self.by_key.get((width, key), ())
            if prefixes is None or any(c.startswith(p) for p in prefixes)
        }

    def old_name(self, code: str, key: str) -> list[int]:
        """The years (other than this one) in which ``key`` was ``code``'s name."""
        years = _old_names(self.codes.year).get((code, key), ())
        return [y for y in years if y != self.codes.year]

    def name_of(self, code: str) -> str:
        """The name to show: as the tables print it, else the list's."""
        row = self.rows.get(code)
        if row is not None:
            return printed_name_of(row)
        return self.codes.names.get(code, "")

    def from_tables(self, code: str) -> bool:
        return code in self.rows

    def confirmed(self, code: str) -> bool:
        """A name the document's tables print, or a confirmed entry of an established year."""
        return self.from_tables(code) or self.codes.sure(code)


@cache
def _old_names(year: int) -> dict[tuple[str, str], tuple[int, ...]]:
    """(code, name key) -> the years that name was the code's, for codes of the lists."""
    out: dict[tuple[str, str], list[int]] = {}
    for code in year_list("functional", year).names:
        for name, years in other_years_names("functional", code).items():
            out.setdefault((code, name_key(name)), []).extend(years)
    for code, name in ((c, n) for c, n in _retired_names()):
        out.setdefault((code, name_key(name)), []).extend(
            other_years_names("functional", code)[name]
        )
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


@cache
def _retired_names() -> tuple[tuple[str, str], ...]:
    """Codes of earlier years no longer in the base list (2080504 …) with their names."""
    base = year_list("functional", None).names
    out: list[tuple[str, str]] = []
    for year in range(2018, 2025):
        for code, name in year_list("functional", year).names.items():
            if code not in base and (code, name) not in out:
                out.append((code, name))
    return tuple(out)


def printed_name_of(row: TableRow) -> str:
    return re.sub(r"^[一二三四五六七八九十]+、", "", _squash(row.name))


# ---------------------------------------------------------------------------------------
# the check


@dataclass(slots=True)
class _Problem:
    """One defect, gathered over the paths that show it."""

    message: str
    expected: str | None
    actual: str
    severity: Severity
    where: str
    evidence: list[Evidence] = field(default_factory=list)


def explanation_name_hits(doc: Disclosure) -> Iterator[Hit]:
    """The findings of JS406 / JS935 on ``doc``."""
    known = Known.build(doc)
    paths = list(printed_paths(doc))
    named_items = {c for p in paths for c in _resolve(known, p).values() if len(c) == 7}
    problems: dict[tuple[str, str | None], _Problem] = {}
    for path in paths:
        for problem in _problems(doc, known, path, named_items):
            k = (problem.actual, problem.expected)
            if k in problems:
                for e in problem.evidence:
                    if e not in problems[k].evidence:
                        problems[k].evidence.append(e)
            else:
                problems[k] = problem
    for problem in _quoted_problems(doc, known):
        problems.setdefault((problem.actual, problem.expected), problem)
    for p in problems.values():
        yield Hit(
            message=p.message,
            evidence=p.evidence,
            expected=p.expected,
            actual=p.actual,
            severity=p.severity,
            where=p.where,
        )


def _resolve(known: Known, path: PrintedPath) -> dict[str, str]:
    """The code of each level known by its name (narrowed by the levels above it)."""
    out: dict[str, str] = {}
    prefixes: set[str] | None = None
    for level, name in path.levels:
        width = LEVEL_WIDTH[level]
        found = known.find(width, prefixes, name_key(name))
        if len(found) == 1:
            code = found.pop()
            out[level] = code
            prefixes = {code}
        elif found:
            prefixes = found
    return out


def _problems(
    doc: Disclosure, known: Known, path: PrintedPath, named_items: set[str]
) -> Iterator[_Problem]:
    where = paragraph_where(path.paragraph)
    levels = [lv for lv, _ in path.levels]
    resolved = _resolve(known, path)
    # the deepest level known by its name fixes the ones above it
    item = resolved.get("项")
    if item is None and "项" in levels:
        item = _item_by_name_alone(known, path, resolved)
    kuan = resolved.get("款") or (item[:5] if item else None)
    if kuan is None and "款" in levels and "项" not in levels:
        kuan = _unique_anywhere(known, 5, path.name("款"), resolved.get("类"))
    klass = resolved.get("类") or (kuan[:3] if kuan else item[:3] if item else None)

    if levels[:1] == ["类"] and "项" in levels and "款" not in levels:
        yield _missing_level(doc, known, path, where, item)
    for level, width in LEVEL_WIDTH.items():
        printed = path.name(level)
        if printed is None:
            continue
        expected = {"类": klass, "款": kuan, "项": item}[level]
        if level in resolved:
            old = _old_name_problem(known, path, level, resolved[level], where)
            if old is not None:
                yield old
            continue
        if expected is not None and len(expected) == width:
            yield _wrong_name(doc, known, path, level, expected, where)
            continue
        parent = {"类": None, "款": klass, "项": kuan}[level]
        problem = _unknown_name(doc, known, path, level, parent, where, named_items)
        if problem is not None:
            yield problem
        break  # a level not understood: the levels below it cannot be placed


def _item_by_name_alone(known: Known, path: PrintedPath, resolved: dict[str, str]) -> str | None:
    """A 项 whose name is unique under its 类 (or anywhere) when the 款 is misnamed or absent."""
    name = path.name("项")
    if name is None:
        return None
    klass = resolved.get("类")
    found = known.find(7, {klass} if klass else None, name_key(name))
    return found.pop() if len(found) == 1 else None


def _unique_anywhere(known: Known, width: int, name: str | None, klass: str | None) -> str | None:
    if name is None:
        return None
    found = known.find(width, {klass} if klass else None, name_key(name))
    return found.pop() if len(found) == 1 else None


def _severity(known: Known, code: str) -> Severity:
    if known.from_tables(code):
        return Severity.WARNING
    if not known.codes.established or not known.codes.sure(code):
        return Severity.INFO
    return Severity.WARNING


def _source(doc: Disclosure, known: Known, code: str) -> str:
    if known.from_tables(code):
        return "预算表" if doc.kind is DocKind.BUDGET else "决算表"
    return f"{known.codes.year}年科目表"


def _evidence(path: PrintedPath, needle: str, extra: TableRow | None = None) -> list[Evidence]:
    p = path.paragraph
    lines = p.lines or [p.evidence]
    found = [e for e in lines if needle in _squash(e.text)]
    if not found:
        for a, b in pairwise(lines):
            if needle in _squash(a.text + b.text):
                found = [a, b]
                break
    out = found[:2] or lines[:1]
    if extra is not None and extra.evidence not in out:
        out.append(extra.evidence)
    return out


def _segment(path: PrintedPath, level: str) -> str:
    return f"{path.name(level)}（{level}）"


def _missing_level(
    doc: Disclosure, known: Known, path: PrintedPath, where: str, item: str | None
) -> _Problem:
    klass, name = path.name("类"), path.name("项")
    message = f"{where}所列“{path.text}”缺少款级科目（项级科目应列在所属的款之下）"
    expected = None
    severity = Severity.WARNING
    if item is not None:
        kuan = known.name_of(item[:5])
        expected = f"{klass}（类）{kuan}（款）{name}（项）"
        message += f"，应为“{expected}”（{item[:5]} {kuan}）"
    return _Problem(
        message + "。",
        expected,
        path.text,
        severity,
        where,
        _evidence(path, _segment(path, "项"), known.rows.get(item[:5]) if item else None),
    )


def _wrong_name(
    doc: Disclosure, known: Known, path: PrintedPath, level: str, code: str, where: str
) -> _Problem:
    printed = path.name(level) or ""
    right = known.name_of(code)
    key = name_key(printed)
    old = known.old_name(code, key)
    by = {"类": "其下的款、项", "款": "其下的项", "项": "所列各级"}[level]
    source = _source(doc, known, code)
    if old:
        why = f"“{printed}”是该科目{years_text(old)}的名称，{known.codes.year}年为“{right}”"
    else:
        why = f"按{by}，该{level}为{source}中的“{code} {right}”"
    severity = _severity(known, code)
    return _Problem(
        f"{where}所列“{path.text}”中的{level}级科目“{printed}”与科目名称不符：{why}。",
        right,
        printed,
        severity,
        where,
        _evidence(path, _segment(path, level), known.rows.get(code)),
    )


def _old_name_problem(
    known: Known, path: PrintedPath, level: str, code: str, where: str
) -> _Problem | None:
    """A level known by a name that is the code's name of another year only."""
    printed = path.name(level) or ""
    key = name_key(printed)
    if known.list_keys.get(code) == key or code not in known.list_keys:
        return None
    old = known.old_name(code, key)
    if not old:
        return None  # the tables' name (JS401 reports a non-standard one)
    right = known.codes.names[code]
    severity = Severity.WARNING if known.codes.sure(code) else Severity.INFO
    return _Problem(
        f"{where}所列“{path.text}”中的{level}级科目“{printed}”是{code}在{years_text(old)}的"
        f"名称，{known.codes.year}年科目中为“{right}”。",
        right,
        printed,
        severity,
        where,
        _evidence(path, _segment(path, level)),
    )


def _unknown_name(
    doc: Disclosure,
    known: Known,
    path: PrintedPath,
    level: str,
    parent: str | None,
    where: str,
    named_items: set[str],
) -> _Problem | None:
    """A name no code of its place carries: an old name, a slip, or the one row left out."""
    printed = path.name(level) or ""
    key = name_key(printed)
    width = LEVEL_WIDTH[level]
    place = known.codes_of_width(width, parent)
    old = [c for c in place if known.old_name(c, key)]
    if len(old) == 1:
        code = old[0]
        years = known.old_name(code, key)
        right = known.codes.names.get(code, known.name_of(code))
        return _Problem(
            f"{where}所列“{path.text}”中的{level}级科目“{printed}”是{code}在{years_text(years)}"
            f"的名称，{known.codes.year}年科目中为“{right}”。",
            right,
            printed,
            _severity(known, code),
            where,
            _evidence(path, _segment(path, level), known.rows.get(code)),
        )
    slips = [c for c in place if _slip_of(printed, _keys(known, c))]
    if not slips and parent is None and level == "类":
        scored = [
            c
            for c in place
            if max((SequenceMatcher(None, key, k).ratio() for k in _keys(known, c)), default=0)
            >= NEAR_RATIO
        ]
        slips = scored
    if len(slips) == 1:
        code = slips[0]
        right = known.name_of(code)
        under = ""
        if parent is not None:
            parent_level = {3: "类", 5: "款"}[len(parent)]
            under = f"同一{parent_level}（{parent} {known.name_of(parent)}）下"
        source = _source(doc, known, code)
        return _Problem(
            f"{where}所列“{path.text}”中的{level}级科目“{printed}”，{source}{under}只有名称相近的"
            f"“{code} {right}”，科目名称不一致。",
            right,
            printed,
            _severity(known, code),
            where,
            _evidence(path, _segment(path, level), known.rows.get(code)),
        )
    if level == "项" and parent is not None and parent in known.rows:
        return _left_out(doc, known, path, parent, where, named_items)
    return None


def _keys(known: Known, code: str) -> set[str]:
    """The names of ``code`` this year, with and without their trailing 支出."""
    keys = set(known.table_keys.get(code, ()))
    if code in known.list_keys:
        keys.add(known.list_keys[code])
    keys |= known.full_names.get(code, set())
    return keys


def _slip_of(printed: str, keys: set[str]) -> bool:
    """``printed`` (as printed, and without a trailing 支出) is one slip from one of ``keys``."""
    forms = {name_key(printed), normal(printed)}
    return any(near(f, k) for f in forms for k in keys)


def _left_out(
    doc: Disclosure, known: Known, path: PrintedPath, kuan: str, where: str, named: set[str]
) -> _Problem | None:
    """The one 项 row of the 款 in the tables that no path names, with the stated amount."""
    rows = [c for c in known.rows if len(c) == 7 and c.startswith(kuan) and c not in named]
    if len(rows) != 1:
        return None
    code = rows[0]
    amount = row_amount(known.rows[code])
    stated = _stated_amounts(doc, path)
    if amount is None or amount == 0 or amount not in stated:
        return None
    printed = path.name("项") or ""
    right = known.name_of(code)
    source = _source(doc, known, code)
    return _Problem(
        f"{where}所列“{path.text}”中的项级科目“{printed}”不是{source}中该款（{kuan} "
        f"{known.name_of(kuan)}）下的科目；该款下说明未列出的只有“{code} {right}”，其金额与"
        f"说明所述相同（{amount:f} 万元）。",
        right,
        printed,
        Severity.WARNING,
        where,
        _evidence(path, _segment(path, "项"), known.rows[code]),
    )


def _stated_amounts(doc: Disclosure, path: PrintedPath) -> set[Decimal]:
    """Amounts the explanation states for this path (决算数, 预算数)."""
    want = _squash(path.text)
    out: set[Decimal] = set()
    for s in doc.statements:
        subject = _squash(s.subject)
        same = subject.endswith(want) or want.endswith(subject)
        if same and isinstance(s.value, Decimal) and s.unit in ("万元", "万"):
            out.add(s.value)
    return out


def _quoted_problems(doc: Disclosure, known: Known) -> Iterator[_Problem]:
    """The Shanghai form “X”科目: X is a code's name; one slip from a unique one is shown."""
    for p in doc.paragraphs:
        if p.part is not None and p.part not in PARTS:
            continue
        for m in _QUOTED.finditer(_squash(p.text)):
            printed = m.group(1)
            key = name_key(printed)
            if _MARK.search(printed) or any(key in ks for ks in known.table_keys.values()):
                continue
            if key in known.list_keys.values():
                continue
            slips = [
                c
                for width in (3, 5, 7)
                for c in known.codes_of_width(width)
                if _slip_of(printed, _keys(known, c))
            ]
            if len(slips) != 1:
                continue
            code = slips[0]
            right = known.name_of(code)
            where = paragraph_where(p)
            lines = p.lines or [p.evidence]
            evidence = [e for e in lines if printed in _squash(e.text)][:1] or lines[:1]
            yield _Problem(
                f"{where}所列“{printed}”科目，{_source(doc, known, code)}中只有名称相近的"
                f"“{code} {right}”，科目名称不一致。",
                right,
                printed,
                _severity(known, code),
                where,
                evidence,
            )
