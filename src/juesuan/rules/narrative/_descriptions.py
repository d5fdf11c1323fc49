"""Shared by JS521–JS524: what the explanation says amounts consist of or are used for
(``structure.statements.read_descriptions``: 主要包括… / 主要用于…) against the tables.

* The items listed for 人员经费 / 公用经费 are mapped to 部门预算支出经济分类 codes: the
  standard names of the document's year (``catalog/codes_economic.toml``), with or without a
  trailing 支出, and the short forms of ``catalog/descriptions.toml``.  A word that maps to no
  code is ignored.  The basic-expenditure table of the document's kind gives each code's amount
  and its block (人员经费 / 公用经费): the 一般公共预算财政拨款基本支出决算表 of a final
  account, the 财政拨款 / 一般公共预算基本支出预算表 of a budget.
* A purpose is read as saying 基本支出 or 项目支出 by the word lists of the catalog; the row of
  its 类/款/项 (by the code printed, else the one ``structure/paths.py`` resolves from the names)
  gives the split into 基本支出 and 项目支出.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cache

from juesuan import catalog
from juesuan.catalog.codes import year_list
from juesuan.model import Disclosure, DocKind, Evidence, Statement, Table, TableKind, TableRow
from juesuan.rules.common import CENT, ZERO, money, table_label
from juesuan.rules.tables import (
    cell,
    printed_step,
    row_is_unread,
    squash,
    t08_totals,
    t08_value,
    table_known,
)
from juesuan.structure.textutil import key

PERSONNEL, PUBLIC = "personnel", "public"
GROUP_NAMES = {PERSONNEL: "人员经费", PUBLIC: "公用经费"}
GROUP_OF_SUBJECT = {"人员经费": PERSONNEL, "公用经费": PUBLIC}

#: Economic classes of 人员经费 by convention (docs/domain.md §3): 301 工资福利支出 and
#: 303 对个人和家庭的补助; every other class of a 基本支出 table is 公用经费.
PERSONNEL_CLASSES = frozenset({"301", "303"})


def convention_group(code: str) -> str:
    return PERSONNEL if code[:3] in PERSONNEL_CLASSES else PUBLIC


# ---------------------------------------------------------------------------------------
# catalog words


@cache
def _words() -> dict[str, object]:
    return catalog.load_toml("descriptions.toml")


def _norm(word: str) -> str:
    return key(word).replace("其它", "其他")


@cache
def _names(year: int | None) -> dict[str, tuple[str, ...]]:
    """Normalised standard name (of the year) or short form -> economic codes."""
    out: dict[str, list[str]] = {}
    for code, name in year_list("economic", year).names.items():
        out.setdefault(_norm(name), []).append(code)
    items = _words().get("items", {})
    assert isinstance(items, dict)
    for word, codes in items.items():
        target = out.setdefault(_norm(str(word)), [])
        target.extend(str(c) for c in codes if str(c) not in target)
    return {k: tuple(v) for k, v in out.items()}


@cache
def purpose_words() -> dict[str, tuple[str, ...]]:
    data = _words().get("purposes", {})
    assert isinstance(data, dict)
    return {str(k): tuple(str(w) for w in v) for k, v in data.items()}


def codes_of(
    word: str, year: int | None, printed: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[str, ...]:
    """The economic codes an item word stands for; () when it maps to none.  The names the
    table itself prints (``printed``) come first: a document of another classification year
    prints a name under its own code."""
    w = _norm(word)
    variants = [w, w.removesuffix("支出"), w + "支出"]
    if w.endswith("费用"):
        variants.append(w.removesuffix("费用") + "费")
    # a template note or a gloss in brackets ("（不涉及的不列）"); （护）/（境）/（役） are names
    plain = re.sub(r"（[^）]{2,}）", "", w)
    if plain != w:
        variants += [plain, plain.removesuffix("支出"), plain + "支出"]
    for names in (printed or {}, _names(year)):
        for v in variants:
            if v and v in names:
                return names[v]
    return ()


# ---------------------------------------------------------------------------------------
# the items of 人员经费 / 公用经费

_SPLIT = re.compile(r"[、，,；;/]")
_ETC = re.compile(r"等(?:等)?(?:支出|费用|经费|项目|方面|内容)?$")
_ELLIPSIS = re.compile(r"…|\.\.\.|……")


@dataclass(frozen=True, slots=True)
class ListedItem:
    word: str  # as printed, normalised
    codes: tuple[str, ...]  # the economic codes it stands for; () when unmapped


@dataclass(frozen=True, slots=True)
class ItemList:
    """The items the explanation lists for 人员经费 or 公用经费."""

    statement: Statement
    group: str  # personnel / public
    items: tuple[ListedItem, ...]
    exhaustive: bool  # no 等 / …… : the list claims to name every item
    table: BasicTable | None  # the basic-expenditure table it is about
    established: bool  # the code list of the document's year is one the catalog establishes

    @property
    def mapped(self) -> list[ListedItem]:
        return [i for i in self.items if i.codes]

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self.group]


def split_items(text: str) -> tuple[list[str], bool]:
    """The words of a list ("基本工资、津贴补贴…等") and whether it is exhaustive."""
    exhaustive = not _ELLIPSIS.search(text)
    words: list[str] = []
    for piece in _SPLIT.split(text):
        w = re.sub(r"^(?:以及|及|和|与)", "", piece.strip("：:。 "))
        if _ETC.search(w):
            exhaustive = False
            w = _ETC.sub("", w)
        if "等" in w:  # "奖励金等支出" inside the list, or 等 in the middle of a word
            exhaustive = False
        if w:
            words.append(w)
    return words, exhaustive


def item_lists(doc: Disclosure, descriptions: Sequence[Statement]) -> list[ItemList]:
    out: list[ItemList] = []
    for s in descriptions:
        group = GROUP_OF_SUBJECT.get(s.subject)
        if s.measure != "items" or group is None or not isinstance(s.value, str):
            continue
        words, exhaustive = split_items(s.value)
        table = basic_table(doc, s)
        printed = table.names if table is not None else None
        items = tuple(ListedItem(w, codes_of(w, doc.year, printed)) for w in words)
        established = year_list("economic", doc.year).established
        out.append(ItemList(s, group, items, exhaustive, table, established))
    return out


def read_all(doc: Disclosure) -> list[Statement]:
    from juesuan.structure.statements import read_descriptions

    return read_descriptions(doc.paragraphs, doc.kind)


# ---------------------------------------------------------------------------------------
# the basic-expenditure table


class Zero(Enum):
    """What a basic-expenditure table says about one code's amount (``BasicTable.zero``)."""

    NONZERO = "nonzero"
    CERTAIN = "certain"
    LIKELY = "likely"
    UNKNOWN = "unknown"


@dataclass
class BasicTable:
    """A basic-expenditure table by economic code: amounts, blocks, what is printed."""

    table: Table
    rows: dict[str, TableRow] = field(default_factory=dict)
    amounts: dict[str, Decimal] = field(default_factory=dict)  # code -> amount (万元)
    groups: dict[str, str] = field(default_factory=dict)  # code -> block the table gives it
    unknown: set[str] = field(default_factory=set)  # printed codes whose amount is not read
    block_totals: dict[str, Decimal] = field(default_factory=dict)  # personnel/public totals
    total_row: TableRow | None = None
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # printed name -> codes

    @property
    def label(self) -> str:
        return table_label(self.table).split(" ", 1)[-1]

    @property
    def step(self) -> Decimal:
        return printed_step(self.table)

    def group_of(self, code: str) -> str:
        """The block of a code: as the table prints it, else by convention."""
        return self.groups.get(code) or convention_group(code)

    def zero(self, code: str) -> Zero:
        """Whether the table shows ``code`` as 0.

        CERTAIN: printed as 0 (or left out) where the printed amounts leave no room for money
        (a table in 元, or the items of its class adding up exactly to the class, the classes
        to the total); LIKELY: printed as 0.00 万元 or left out while the sums are off by
        rounding (an amount under 50 元 prints as 0.00); NONZERO; UNKNOWN."""
        if code in self.unknown:
            return Zero.UNKNOWN
        gap = self._gap(code)
        if code in self.amounts:
            if self.amounts[code] != 0:
                return Zero.NONZERO
            if self.step < CENT or gap == 0:
                return Zero.CERTAIN
            return Zero.LIKELY
        if len(code) == 5 and self.amounts.get(code[:3]) == 0:
            return Zero.CERTAIN
        if gap is None:
            return Zero.UNKNOWN
        if gap == 0:
            return Zero.CERTAIN
        return Zero.LIKELY if gap <= self.step * self._addends(code) else Zero.UNKNOWN

    def _container(self, code: str) -> tuple[list[str], Decimal | None]:
        """The printed codes that add up to the amount containing ``code``, and it."""
        if len(code) == 5 and code[:3] in self.amounts:
            parent = code[:3]
            if any(c.startswith(parent) and len(c) == 5 for c in self.unknown):
                return [], None
            children = [c for c in self.amounts if len(c) == 5 and c.startswith(parent)]
            return children, self.amounts[parent]
        if any(len(c) == 3 for c in self.unknown):
            return [], None
        classes = [c for c in self.amounts if len(c) == 3]
        total = sum(self.block_totals.values(), ZERO) if self.block_totals else None
        if total is None and self.total_row is not None:
            total = cell(self.total_row, "total")
        return classes, total

    def _addends(self, code: str) -> int:
        return max(len(self._container(code)[0]), 1)

    def _gap(self, code: str) -> Decimal | None:
        """How far the printed parts of ``code``'s container are from its amount (None when
        there are none or it is not known)."""
        parts, whole = self._container(code)
        if not parts or whole is None:
            return None
        return abs(sum((self.amounts[c] for c in parts), ZERO) - whole)

    def evidence(self, codes: Iterable[str]) -> list[Evidence]:
        out: list[Evidence] = []
        for code in codes:
            row = self.rows.get(code) or self.rows.get(code[:3])
            ev = row.evidence if row is not None else self.table.evidence
            if ev not in out:
                out.append(ev)
        return out

    def describe(self, code: str) -> str:
        row = self.rows.get(code)
        if row is None:
            return f"{code}（未列示）"
        return f"{code} {squash(row.name)} {money(self.amounts.get(code, ZERO))}"


def _amount(table: Table, row: TableRow) -> Decimal | None:
    if table.kind is TableKind.T08:
        return t08_value(row)
    if "total" in table.columns:
        return cell(row, "total")
    parts = [cell(row, c) for c in (PERSONNEL, PUBLIC) if c in table.columns]
    if not parts or any(p is None for p in parts):
        return None
    return sum((p for p in parts if p is not None), ZERO)


def _group(table: Table, row: TableRow) -> str | None:
    if table.kind is TableKind.T08:
        return row.side if row.side in (PERSONNEL, PUBLIC) else None
    if PERSONNEL not in table.columns or PUBLIC not in table.columns:
        return None
    personnel = cell(row, PERSONNEL) or ZERO
    public = cell(row, PUBLIC) or ZERO
    if personnel != 0 and public == 0:
        return PERSONNEL
    if public != 0 and personnel == 0:
        return PUBLIC
    return None


def build_basic(table: Table) -> BasicTable | None:
    if not table_known(table) or not table.rows:
        return None
    if not any(v is not None for r in table.rows for v in r.values.values()):
        return None  # printed without amounts (a blank template)
    out = BasicTable(table)
    seen: set[str] = set()
    for row in table.rows:
        if row.code is None:
            continue
        code = squash(row.code)
        if not code.isdigit() or code[0] != "3":
            continue
        if code in seen:  # printed twice: ambiguous
            out.rows.pop(code, None)
            out.amounts.pop(code, None)
            out.unknown.add(code)
            continue
        seen.add(code)
        amount = None if row_is_unread(row) else _amount(table, row)
        if amount is None:
            out.unknown.add(code)
            continue
        out.rows[code] = row
        out.amounts[code] = amount
        name = _norm(row.name)
        out.names[name] = (*out.names.get(name, ()), code)
        if (group := _group(table, row)) is not None:
            out.groups[code] = group
    if table.kind is TableKind.T08:
        personnel, public, _grand = t08_totals(table)
        for name, block in ((PERSONNEL, personnel), (PUBLIC, public)):
            value = None if block is None else t08_value(block)
            if value is not None:
                out.block_totals[name] = value
        if len(out.block_totals) < 2:
            out.block_totals = {}
    else:
        for row in table.rows:
            if row.code is None and squash(row.name) in {"合计", "总计", "基本支出合计"}:
                out.total_row = row
                break
    if not out.amounts:
        return None
    return out


def basic_table(doc: Disclosure, s: Statement) -> BasicTable | None:
    """The table itemising the 基本支出 a 人员经费 / 公用经费 statement is about.

    A final account's 六 is about the 一般公共预算财政拨款基本支出决算表.  A budget's
    财政拨款基本支出 section (六) is about the 财政拨款基本支出预算表; its 一般公共预算 section
    (八) about the 一般公共预算基本支出预算表, else the 财政拨款 one (which holds it: an item 0
    there is 0 in the 一般公共预算 part too)."""
    if (doc.kind or DocKind.FINAL) is DocKind.FINAL:
        kinds: tuple[TableKind, ...] = (TableKind.T08,)
    elif s.topic == "fiscal_basic":
        kinds = (TableKind.B06,)
    else:
        kinds = (TableKind.B08, TableKind.B06)
    for kind in kinds:
        found = [t for t in doc.tables if t.kind is kind]
        if len(found) != 1:
            continue
        built = build_basic(found[0])
        if built is not None:
            return built
    return None


def where(doc: Disclosure, s: Statement) -> str:
    """The place of a description as the engine groups findings (its section)."""
    if s.section:
        return f"情况说明{s.section}"
    budget = (doc.kind or DocKind.FINAL) is DocKind.BUDGET
    return "预算编制说明" if budget and s.topic == "compilation" else "情况说明"


def words_list(words: Iterable[str]) -> str:
    return "".join(f"“{w}”" for w in words)


def other_block(item: ListedItem, group: str, table: BasicTable | None) -> bool:
    """Whether every code an item stands for belongs to the other block (人员经费 vs 公用经费):
    by convention, and by the table too where it places the code in a block."""
    if not item.codes:
        return False
    for code in item.codes:
        if convention_group(code) == group:
            return False
        if table is not None and table.groups.get(code, convention_group(code)) == group:
            return False
    return True


NO_LISTS = "情况说明没有列出人员经费、公用经费的主要内容（主要包括……）"
NO_BASIC_TABLE = "没有按经济分类列示的基本支出表可核对"


# ---------------------------------------------------------------------------------------
# purposes: 基本支出 or 项目支出


BASIC, PROJECT = "basic", "project"
SPLIT_NAMES = {BASIC: "基本支出", PROJECT: "项目支出"}


def purpose_kind(s: Statement) -> str | None:
    """basic / project when a purpose's words say only one of them, else None.  The names
    of the path itself are not read ("专项普查活动（项）" is no project word)."""
    from juesuan.structure.paths import split_path

    if not isinstance(s.value, str):
        return None
    text = key(s.value)
    names = list(split_path(s.subject).values()) or [s.subject]
    for name in sorted((key(n) for n in names), key=len, reverse=True):
        if name:
            text = text.replace(name, "")
            text = text.replace(name.removesuffix("支出"), "") if len(name) > 4 else text
    words = purpose_words()
    said = {kind for kind in (BASIC, PROJECT) if any(w in text for w in words.get(kind, ()))}
    return said.pop() if len(said) == 1 else None
