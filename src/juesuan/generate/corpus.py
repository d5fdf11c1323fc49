"""A synthetic corpus for scale: ``juesuan generate --corpus N --seed S DIR``.

N disclosures over many units and years — final accounts (部门/单位决算) and, for most
years (:data:`BUDGET_RATE`), the same unit's budget of that year (预算,
:mod:`juesuan.generate.budget`) — built from the shipped example
(:func:`~juesuan.generate.data.load_example`) with seeded random variation:

- the unit: a place and a kind of office (青川市财政局, 安宁县大数据中心 …), 部门 or 单位;
- the years: each unit publishes a run of consecutive years (2019–2024);
- the amounts: every amount of a document multiplied by one whole factor, so that every sum,
  share and rate of the tables and of the text still adds up; last year's totals (the
  year-on-year sentences) are the previous document's own;
- the layout: 四川 (13 tables) or 上海 (9 tables); the unit's budgets in the national
  (公开01–12表) or the Shanghai budget layout (:data:`BUDGET_LAYOUT`).

Each document is composed (:func:`~juesuan.generate.compose.compose`), then a share of them
receive one known mistake, made on the composed text and tables the way a person editing the
published file would make it (a table cell changed, an amount in a sentence, a left-over
template alternative, a table dropped …), and written as PDF (through
:func:`~juesuan.generate.run.render`), HTML, DOCX or plain text
(:func:`~juesuan.generate.render_text.render_text`, the fast form: the reader reads .txt).

``DIR/mistakes.json`` lists every document and every mistake with the rule expected to
report it, so that recall can be measured at scale (``juesuan batch … --mistakes``);
a budget's mistakes are the kinds of :data:`BUDGET_MISTAKES`.

Everything a document holds follows from ``(seed, index)``: a corpus written by several
processes is the same as one written by one.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.errors import OutputError
from juesuan.generate.data import GenerationData, from_json_dict, load_example, to_json_dict
from juesuan.generate.document import Document, Heading, PageBreak, Paragraph, TableBlock
from juesuan.model import TableKind

__all__ = [
    "BUDGET_MISTAKES",
    "FORMATS",
    "MISTAKES",
    "MISTAKES_FILE",
    "MISTAKES_SCHEMA",
    "CorpusDocument",
    "CorpusResult",
    "InjectedMistake",
    "load_mistakes",
    "plan_corpus",
    "write_corpus",
]

MISTAKES_SCHEMA = "juesuan.corpus-mistakes/1"
MISTAKES_FILE = "mistakes.json"
#: Output formats (file extension without the dot).
FORMATS = ("txt", "pdf", "html", "docx")
#: Share of the documents that receive a mistake, unless told otherwise.
DEFAULT_MISTAKE_RATE = 0.5
#: Share of a unit's years for which it also publishes a budget (预算) in the corpus.
BUDGET_RATE = 0.8
#: The budget layout (generate/budget.py) of a final-account layout's units.
BUDGET_LAYOUT = {"sichuan": "national", "shanghai": "shanghai"}

#: The example's own unit, place and year, replaced in its texts.
_BASE_UNIT = "乐山市大数据中心"
_BASE_PLACE = "乐山市"
_BASE_STEM = "乐山"
_BASE_YEAR = 2024

_PLACE_STEMS = (
    "青川", "安宁", "临江", "云岭", "白沙", "长乐", "东陵", "西河", "南屏", "石门",
    "金山", "玉溪", "平湖", "清源", "兴隆", "永安", "新城", "望江", "宁远", "嘉禾",
)  # fmt: skip
_PLACE_SUFFIXES = ("市", "县", "区")
_OFFICES = (
    "大数据中心", "数据局", "财政局", "教育局", "民政局", "司法局", "审计局", "统计局",
    "农业农村局", "水务局", "自然资源局", "住房和城乡建设局", "科学技术局",
    "文化广电旅游局", "市场监督管理局", "卫生健康委员会",
)  # fmt: skip
#: Years a unit's run of documents is drawn from.
FIRST_YEAR, LAST_YEAR = 2019, 2024


# ---------------------------------------------------------------------------------------
# the plan


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """One document of the corpus: who, which year, how, and its mistake (if any)."""

    index: int
    file: str  # relative to the corpus folder
    unit: str
    place: str
    year: int
    scope: str  # 部门 / 单位
    layout: str  # sichuan / shanghai
    factor: int  # every amount of the example multiplied by this
    prior_factor: int | None  # last year's factor (None: first year, no prior-year data)
    mistake: str | None  # a key of MISTAKES (决算) or BUDGET_MISTAKES (预算)
    kind: str = "决算"  # 决算 / 预算
    prior_budget: bool = False  # a budget whose unit's budget of last year is in the corpus


@dataclass(frozen=True, slots=True)
class InjectedMistake:
    """A mistake made in a document, and the rule expected to report it."""

    file: str
    kind: str
    label: str
    rule: str
    where: str


@dataclass(slots=True)
class CorpusResult:
    folder: Path
    documents: list[CorpusDocument] = field(default_factory=list)
    mistakes: list[InjectedMistake] = field(default_factory=list)


def _unit_names(rng: random.Random) -> Iterator[tuple[str, str]]:
    """(unit name, place) pairs, all different, in a seeded order: places × offices first,
    then the same under a second place level (青川市安宁区财政局)."""
    places = [s + x for s in _PLACE_STEMS for x in _PLACE_SUFFIXES]
    first = [(p + o, p) for p in places for o in _OFFICES]
    rng.shuffle(first)
    yield from first
    counties = [s + x for s in _PLACE_STEMS for x in ("区", "县")]
    cities = [s + "市" for s in _PLACE_STEMS]
    second = [
        (c + d + o, c + d) for c in cities for d in counties if c[:2] != d[:2] for o in _OFFICES
    ]
    rng.shuffle(second)
    yield from second


def plan_corpus(
    count: int, seed: int, fmt: str = "txt", mistake_rate: float = DEFAULT_MISTAKE_RATE
) -> list[CorpusDocument]:
    """The documents of a corpus of ``count`` (units with runs of 1–6 consecutive years)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    rng = random.Random(seed)
    names = _unit_names(rng)
    plan: list[CorpusDocument] = []
    kinds = list(MISTAKES)
    budget_kinds = list(BUDGET_MISTAKES)
    while len(plan) < count:
        try:
            unit, place = next(names)
        except StopIteration:  # pragma: no cover - over 60,000 documents
            raise ValueError("corpus too large for the unit names available") from None
        years = min(rng.randint(1, 6), count - len(plan))
        last = rng.randint(FIRST_YEAR + years - 1, LAST_YEAR)
        scope = rng.choice(("部门", "单位"))
        layout = rng.choice(("sichuan", "shanghai"))
        prior: int | None = None
        budget_before = False
        for year in range(last - years + 1, last + 1):
            if len(plan) >= count:
                break
            index = len(plan)
            factor = rng.randint(1, 40)
            mistake = rng.choice(kinds) if rng.random() < mistake_rate else None
            file = f"{index + 1:06d}-{unit}-{year}-决算.{fmt}"
            plan.append(
                CorpusDocument(
                    index, file, unit, place, year, scope, layout, factor, prior, mistake
                )
            )
            budget = rng.random() < BUDGET_RATE
            mistake = rng.choice(budget_kinds) if rng.random() < mistake_rate else None
            if budget and len(plan) < count:
                index = len(plan)
                file = f"{index + 1:06d}-{unit}-{year}-预算.{fmt}"
                plan.append(
                    CorpusDocument(
                        index,
                        file,
                        unit,
                        place,
                        year,
                        scope,
                        BUDGET_LAYOUT[layout],
                        factor,
                        prior,
                        mistake,
                        kind="预算",
                        prior_budget=budget_before,
                    )
                )
            prior, budget_before = factor, budget
    return plan


# ---------------------------------------------------------------------------------------
# the data of one document


def _scaled(data: GenerationData, factor: int) -> None:
    """Every amount × ``factor`` (sums, shares and rates stay exact)."""
    k = Decimal(factor)
    for table in data.tables.values():
        for row in table.rows:
            row.values = {c: v * k for c, v in row.values.items()}
    for budget in data.budgets:
        budget.initial = None if budget.initial is None else budget.initial * k
        budget.adjusted = None if budget.adjusted is None else budget.adjusted * k
    pr = data.procurement
    for name in pr.__dataclass_fields__:
        setattr(pr, name, getattr(pr, name) * k)
    for purchase in data.sangong.purchased.values():
        purchase.amount *= k
    data.sangong.domestic.amount *= k
    data.sangong.foreign.amount *= k
    if data.admin_cost is not None:
        data.admin_cost *= k


def _renamed(base: dict[str, Any], unit: str, place: str, year: int, scope: str) -> dict[str, Any]:
    """The example's JSON with its unit, place and years replaced in the texts."""
    text = json.dumps(base, ensure_ascii=False)
    text = text.replace(_BASE_UNIT, unit).replace(_BASE_PLACE, place)
    text = text.replace(_BASE_STEM, place[:-1] if len(place) > 2 else place)
    text = text.replace(f"{_BASE_YEAR + 1}-", f"{year + 1}-")
    text = re.sub(rf"(?<!\d){_BASE_YEAR}(?=年)", str(year), text)
    for old, new in _names_of_year(base, year):
        text = text.replace(old, new)
    raw: dict[str, Any] = json.loads(text)
    raw["unit"]["year"] = year
    raw["unit"]["kind"] = scope
    raw["unit"]["short_name"] = ""
    return raw


def _names_of_year(base: dict[str, Any], year: int) -> list[tuple[str, str]]:
    """(name, the code's name in ``year``) for the example's functional codes whose standard
    name differs in ``year`` (20805 was 行政事业单位离退休 until 2019), longest first."""
    from juesuan.catalog.codes import year_list

    of_year = year_list("functional", year)
    if not of_year.established:
        return []
    out = {
        (row["name"], of_year.names[row["code"]])
        for table in base["tables"].values()
        for row in table.get("rows", [])
        if row.get("code") in of_year.names and of_year.names[row["code"]] != row["name"]
    }
    return sorted(out, key=lambda pair: -len(pair[0]))


def document_data(entry: CorpusDocument, base: dict[str, Any] | None = None) -> GenerationData:
    """The generation data of one planned document."""
    example = base or to_json_dict(load_example())
    raw = _renamed(example, entry.unit, entry.place, entry.year, entry.scope)
    data = from_json_dict(raw)
    if entry.prior_factor is not None:
        previous = from_json_dict(raw)
        _scaled(previous, entry.prior_factor)
        _set_prior(data, previous)
        data.texts.pop("no_prior_year", None)
    _scaled(data, entry.factor)
    return data


def _set_prior(data: GenerationData, previous: GenerationData) -> None:
    """Last year's totals as the previous year's tables state them."""
    t01 = previous.table(TableKind.T01).line("grand_total", "income")
    t04 = previous.table(TableKind.T04).line("grand_total", "income")
    t06 = previous.table(TableKind.T06).total_row()
    data.prior.total = t01.value("amount") if t01 else None
    data.prior.fiscal_total = t04.value("amount") if t04 else None
    data.prior.general_expense = t06.value("total") if t06 else None
    data.prior.admin_cost = previous.admin_cost
    data.prior.sangong = {
        row.key: row.value("actual")
        for row in previous.table(TableKind.T13).rows
        if row.key and "actual" in row.values
    }


# ---------------------------------------------------------------------------------------
# mistakes, made on the composed document


Mutation = Callable[[Document, CorpusDocument, random.Random], str | None]


@dataclass(frozen=True, slots=True)
class MistakeKind:
    """A kind of mistake: its Chinese label, the rule expected to report it, and how it is
    made (returns where it was made, or None when the document offers no place for it)."""

    label: str
    rule: str
    make: Mutation


_AMOUNT = re.compile(r"\d[\d,]*\.\d{2}")


def _money(text: str) -> Decimal | None:
    text = text.strip()
    if not _AMOUNT.fullmatch(text):
        return None
    return Decimal(text.replace(",", ""))


def _like(original: str, value: Decimal) -> str:
    """``value`` printed as ``original`` is (with or without thousands separators)."""
    return f"{value:,.2f}" if "," in original else f"{value:.2f}"


def _delta(rng: random.Random, ceiling: Decimal | None = None) -> Decimal:
    """A visible difference: 1.00 to 99.99 (at most ``ceiling``)."""
    value = Decimal(rng.randint(100, 9999)) / 100
    if ceiling is not None and value > ceiling:
        value = max(Decimal(1), (ceiling / 2).quantize(Decimal("0.01")))
    return value


def _table(document: Document, kind: TableKind) -> TableBlock | None:
    for block in document.blocks:
        if isinstance(block, TableBlock) and block.kind is kind and block.rows:
            return block
    return None


def _coded_rows(block: TableBlock, digits: int) -> list[list[str]]:
    return [r for r in block.rows if r and len(r[0]) == digits and r[0].isdigit()]


def _total_row(block: TableBlock) -> list[str] | None:
    for row in block.rows:
        if len(row) > 1 and not row[0].strip() and row[1].strip() == "合计":
            return row
    return None


def _nonzero(row: list[str], start: int) -> list[int]:
    return [i for i in range(start, len(row)) if (_money(row[i]) or Decimal(0)) > 0]


def _add(row: list[str], column: int, delta: Decimal) -> None:
    value = _money(row[column]) or Decimal(0)
    row[column] = _like(row[column] or "0.00", value + delta)


#: A name of another 项 put on a 项 row (each the standard name of some other code).
_WRONG_NAMES = ("行政运行", "一般行政管理事务", "机关服务", "事业运行", "其他一般公共服务支出")


def _raised_total_row(document: Document, kind: TableKind, rng: random.Random) -> str | None:
    """A table's 合计行: total and one part column raised alike (the row still adds up, the
    rows above no longer add up to it)."""
    block = _table(document, kind)
    row = _total_row(block) if block is not None else None
    if block is None or row is None:
        return None
    parts = _nonzero(row, 3)
    if not parts:
        return None
    delta = _delta(rng)
    _add(row, 2, delta)
    _add(row, rng.choice(parts), delta)
    return f"{block.title} 合计行"


def _changed_item_total(document: Document, kind: TableKind, rng: random.Random) -> str | None:
    """A 项 row's 合计 changed alone (合计 ≠ the sum of its columns)."""
    block = _table(document, kind)
    if block is None:
        return None
    rows = [r for r in _coded_rows(block, 7) if _nonzero(r, 2)]
    if not rows:
        return None
    row = rng.choice(rows)
    _add(row, 2, _delta(rng))
    return f"{block.title} {row[0]} {row[1]} 合计列"


def _renamed_item(document: Document, kind: TableKind, rng: random.Random) -> str | None:
    """A 项 row printed with the name of another 项."""
    block = _table(document, kind)
    if block is None:
        return None
    rows = _coded_rows(block, 7)
    if not rows:
        return None
    row = rng.choice(rows)
    old = row[1]
    row[1] = rng.choice([n for n in _WRONG_NAMES if n != old])
    return f"{block.title} {row[0]}（应为“{old}”）"


def _table_total(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """支出决算表 合计行: total and one part column raised alike (the row still adds up)."""
    return _raised_total_row(document, TableKind.T03, rng)


def _class_subtotal(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """一般公共预算财政拨款支出决算表: a 款 row raised (its own columns still add up)."""
    block = _table(document, TableKind.T06)
    if block is None:
        return None
    rows = [r for r in _coded_rows(block, 5) if _nonzero(r, 3)]
    if not rows:
        return None
    row = rng.choice(rows)
    delta = _delta(rng)
    _add(row, 2, delta)
    _add(row, rng.choice(_nonzero(row, 3)), delta)
    return f"{block.title} {row[0]} {row[1]}"


def _column_sum(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """支出决算表: a 项 row's total changed alone (合计 ≠ 基本 + 项目 + …)."""
    return _changed_item_total(document, TableKind.T03, rng)


def _cross_table(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """收入支出决算总表: an amount moved between two expense classes (the table still
    balances, but no longer agrees with 支出决算表)."""
    block = _table(document, TableKind.T01)
    if block is None:
        return None
    cells: list[tuple[list[str], int, str]] = []
    for row in block.rows:
        for i, name in enumerate(row):
            if not _EXPENSE_LINE.match(name.strip()):
                continue
            # the amount: the first amount after the name (a line number may stand between)
            column = next((j for j in range(i + 1, len(row)) if _money(row[j]) is not None), None)
            amount = _money(row[column]) if column is not None else None
            if column is not None and amount is not None and amount > 2:
                cells.append((row, column, name.strip()))
    if len(cells) < 2:
        return None
    (row_a, col_a, name_a), (row_b, col_b, name_b) = rng.sample(cells, 2)
    smaller = min(_money(row_a[col_a]) or Decimal(0), _money(row_b[col_b]) or Decimal(0))
    delta = _delta(rng, smaller - 1)
    _add(row_a, col_a, delta)
    _add(row_b, col_b, -delta)
    return f"{block.title} {name_a}、{name_b}"


_EXPENSE_LINE = re.compile(r"^[一二三四五六七八九十]+、.*支出$")


def _paragraphs_after(document: Document, heading: str) -> list[Paragraph]:
    """The paragraphs under the first heading containing ``heading`` (to the next heading)."""
    out: list[Paragraph] = []
    inside = False
    for block in document.blocks:
        if isinstance(block, Heading):
            if inside:
                break
            inside = heading in block.text
        elif inside and isinstance(block, Paragraph):
            out.append(block)
    return out


def _change_amount(paragraph: Paragraph, pattern: str, rng: random.Random) -> bool:
    """The first amount matched by ``pattern`` (its group 1) in the paragraph, changed."""
    m = re.search(pattern, paragraph.text)
    if not m:
        return False
    old = m.group(1)
    value = _money(old)
    if value is None:
        return False
    new = _like(old, value + _delta(rng))
    paragraph.text = paragraph.text[: m.start(1)] + new + paragraph.text[m.end(1) :]
    return True


def _narrative_total(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """收入支出决算总体情况说明: the stated 收入、支出总计 changed."""
    for p in _paragraphs_after(document, "收入支出决算总体情况"):
        if _change_amount(p, r"总计[^，。；\d]{0,8}?(\d[\d,]*\.\d{2})万元", rng):
            return "收入支出决算总体情况说明"
    return None


def _narrative_item(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """一般公共预算财政拨款支出决算具体情况: one 项's stated 支出决算 changed."""
    items = [
        p
        for p in _paragraphs_after(document, "支出决算具体情况")
        if re.search(r"（项）", p.text) and re.search(r"支出决算[为数]*\d", p.text)
    ]
    if not items:
        return None
    p = rng.choice(items)
    if not _change_amount(p, r"支出决算[为数]*(\d[\d,]*\.\d{2})万元", rng):
        return None
    return "一般公共预算财政拨款支出决算具体情况：" + p.text.split("：", 1)[0][:40]


def _narrative_personnel(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """一般公共预算财政拨款基本支出决算情况说明: the stated 人员经费 changed."""
    for p in _paragraphs_after(document, "基本支出决算情况"):
        if _change_amount(p, r"人员经费[^，。；\d]{0,6}?(\d[\d,]*\.\d{2})万元", rng):
            return "一般公共预算财政拨款基本支出决算情况说明：人员经费"
    return None


def _share(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """收入决算情况说明: a stated share (占 xx.xx%) changed."""
    for p in _paragraphs_after(document, "收入决算情况说明"):
        m = re.search(r"占[^，。；\d]{0,8}?(\d{1,3}\.\d{2})%", p.text)
        if not m:
            continue
        value = Decimal(m.group(1))
        step = Decimal(rng.randint(100, 999)) / 100
        new = value - step if value > step else value + step
        p.text = p.text[: m.start(1)] + f"{new:.2f}" + p.text[m.end(1) :]
        return "收入决算情况说明：占比"
    return None


def _template_alternative(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """A template alternative left in a sentence: 增加（减少）, 增长（下降）."""
    for p in _paragraphs_after(document, "支出决算情况说明"):
        if "万元" in p.text:
            word = rng.choice(("增加（减少）", "增长（下降）"))
            p.text = p.text.replace("万元", f"万元，比上年{word}", 1)
            return "支出决算情况说明"
    return None


def _placeholder(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """A placeholder left for an amount in 其他重要事项的情况说明 (政府采购)."""
    for p in _paragraphs_after(document, "政府采购"):
        m = re.search(r"(\d[\d,]*\.\d{2})万元", p.text)
        if m:
            p.text = p.text[: m.start(1)] + "XX" + p.text[m.end(1) :]
            return "政府采购支出情况"
    return None


#: Tables a mistake may drop (T08 and T02 are in both layouts).
_DROPPABLE = (TableKind.T02, TableKind.T05, TableKind.T07, TableKind.T08, TableKind.T09)


def _missing_table(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """A standard table dropped (with its heading in 附表 and its page break)."""
    candidates = [
        i
        for i, b in enumerate(document.blocks)
        if isinstance(b, TableBlock) and b.kind in _DROPPABLE
    ]
    if not candidates:
        return None
    index = rng.choice(candidates)
    block = document.blocks[index]
    assert isinstance(block, TableBlock)
    start, end = index, index + 1
    before = document.blocks[index - 1] if index else None
    if isinstance(before, Heading) and block.title in before.text:
        start -= 1
    if end < len(document.blocks) and isinstance(document.blocks[end], PageBreak):
        end += 1
    del document.blocks[start:end]
    return block.title


def _code_name(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """支出决算表: a 项 row printed with the name of another 项."""
    return _renamed_item(document, TableKind.T03, rng)


#: What a sentence about the year's own figures starts with (after "2024年度").
_YEAR_SUBJECTS = (
    r"(?:部门|单位)?(?:决算|收入|支出|一般公共预算|政府性基金|国有资本|财政拨款|“?三公)"
)


def _wrong_year(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """A sentence of the explanation naming last year as its year (copied from last year's
    file): "2023年度政府性基金预算财政拨款支出…" in a 2024 disclosure."""
    pattern = re.compile(rf"^((?:{re.escape(entry.unit)})?){entry.year}年度(?={_YEAR_SUBJECTS})")
    candidates = [
        b
        for b in document.blocks
        if isinstance(b, Paragraph)
        and pattern.search(b.text)
        and not re.search(r"上年|比|同比|增加|减少|持平", b.text.split("。", 1)[0])
    ]
    if not candidates:
        return None
    p = rng.choice(candidates)
    p.text = pattern.sub(rf"\g<1>{entry.year - 1}年度", p.text, count=1)
    return "说明：" + p.text[:20]


def _unit_misspelt(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """The unit's name misspelt by one character in a sentence."""
    core = entry.unit.removeprefix(entry.place)
    if len(core) < 4:
        return None
    for block in document.blocks:
        if isinstance(block, Paragraph) and entry.unit in block.text:
            i = rng.randint(1, len(core) - 2)
            swap = "厅" if core[i] != "厅" else "处"
            wrong = entry.place + core[:i] + swap + core[i + 1 :]
            block.text = block.text.replace(entry.unit, wrong, 1)
            return f"说明：{wrong}"
    return None


#: The kinds of mistake, by key (stable: they are written to mistakes.json).
MISTAKES: dict[str, MistakeKind] = {
    "table_total": MistakeKind("合计行与各类之和不符", "JS201", _table_total),
    "class_subtotal": MistakeKind("款级科目与下级科目之和不符", "JS202", _class_subtotal),
    "column_sum": MistakeKind("合计列与各分列之和不符", "JS203", _column_sum),
    "cross_table": MistakeKind("总表与支出决算表不一致", "JS302", _cross_table),
    "narrative_total": MistakeKind("说明中的收支总计与报表不符", "JS501", _narrative_total),
    "narrative_item": MistakeKind("说明中的具体科目支出与报表不符", "JS503", _narrative_item),
    "narrative_personnel": MistakeKind("说明中的人员经费与报表不符", "JS504", _narrative_personnel),
    "share": MistakeKind("说明中的占比与金额不符", "JS510", _share),
    "template_alternative": MistakeKind("模板备选用语未取舍", "JS702", _template_alternative),
    "placeholder": MistakeKind("模板占位符未替换", "JS701", _placeholder),
    "missing_table": MistakeKind("缺少公开表", "JS103", _missing_table),
    "code_name": MistakeKind("科目名称错误", "JS401", _code_name),
    "wrong_year": MistakeKind("说明中的年度错误", "JS709", _wrong_year),
    "unit_misspelt": MistakeKind("单位名称错字", "JS710", _unit_misspelt),
}


# ---------------------------------------------------------------------------------------
# mistakes made in a budget (预算)


def _budget_paragraphs(document: Document, pattern: str) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph) and re.search(pattern, b.text)]


def _budget_table_total(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """一般公共预算支出预算表 合计行: total and one part raised alike (the row still adds up,
    the 类 no longer add up to it)."""
    return _raised_total_row(document, TableKind.B07, rng)


def _budget_column_sum(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """支出预算总表: a 项 row's 合计 changed alone (合计 ≠ 基本支出 + 项目支出)."""
    return _changed_item_total(document, TableKind.B03, rng)


def _budget_summary(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """收支预算总表: one expense class line changed (the expense side no longer adds up)."""
    block = _table(document, TableKind.B01)
    if block is None:
        return None
    cells = [
        (row, i + 1)
        for row in block.rows
        for i, name in enumerate(row[:-1])
        if _EXPENSE_LINE.match(name.strip()) and _money(row[i + 1]) is not None
    ]
    if not cells:
        return None
    row, column = rng.choice(cells)
    _add(row, column, _delta(rng))
    return f"{block.title} {row[column - 1]}"


def _budget_narrative_total(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """收支预算总体情况 / 预算编制说明: the stated 收入、支出预算总计 (收入预算) changed."""
    for p in _budget_paragraphs(document, r"预算总计|收入预算\d"):
        if _change_amount(p, r"(?:收入、支出预算总计|收入预算)(\d[\d,]*\.\d{2})万元", rng):
            return "说明：收支预算总计"
    return None


def _budget_narrative_class(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """A 类's stated 支出预算 changed (一般公共服务（类）支出 … / “一般公共服务支出”科目 …)."""
    candidates = _budget_paragraphs(document, r"^\d[．.](?:\S+（类）支出|“[^”]+”科目)\d")
    if not candidates:
        return None
    p = rng.choice(candidates)
    if not _change_amount(p, r"(?:（类）支出|科目)(\d[\d,]*\.\d{2})万元", rng):
        return None
    return "说明：" + p.text.split("万元", 1)[0]


def _budget_narrative_item(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """财政拨款支出预算情况: a 项's stated 支出 changed."""
    candidates = _budget_paragraphs(document, r"（款）.+（项）支出\d")
    if not candidates:
        return None
    p = rng.choice(candidates)
    if not _change_amount(p, r"（项）支出(\d[\d,]*\.\d{2})万元", rng):
        return None
    return "说明：" + p.text.split("支出", 1)[0]


def _budget_change(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """A stated change against last year's budget (增加/减少 … 万元) changed: the unit's
    budget of last year (in the corpus) says otherwise."""
    if not entry.prior_budget:
        return None
    pattern = r"(?:与上年相比|比\d{4}年预算)(?:增加|减少)(\d[\d,]*\.\d{2})万元"
    candidates = _budget_paragraphs(document, pattern)
    if not candidates:
        return None
    p = rng.choice(candidates)
    if not _change_amount(p, pattern, rng):
        return None
    return "说明：" + p.text[:30]


def _budget_sangong(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """“三公”经费预算情况: the stated 公务接待费 or 因公出国（境）费 changed."""
    candidates = _budget_paragraphs(document, r"^\d[．.](?:因公出国（境）费|公务接待费)")
    if not candidates:
        return None
    p = rng.choice(candidates)
    if not _change_amount(p, r"费(?:预算支出)?(\d[\d,]*\.\d{2})万元", rng):
        return None
    return "“三公”经费预算情况：" + p.text[2:9]


def _budget_admin_cost(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """机关运行经费预算: the stated amount changed."""
    for p in _budget_paragraphs(document, r"机关运行经费预算"):
        if _change_amount(p, r"机关运行经费预算(?:支出|为)(\d[\d,]*\.\d{2})万元", rng):
            return "机关运行经费预算情况"
    return None


def _budget_procurement(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """政府采购预算: the stated 服务 amount changed (no longer the 政府采购预算表's; a layout
    without that table offers no place for this mistake)."""
    if _table(document, TableKind.B14) is None:
        return None
    for p in _budget_paragraphs(document, r"政府采购预算"):
        if _change_amount(p, r"(?:采购服务支出|政府采购服务预算)(\d[\d,]*\.\d{2})万元", rng):
            return "政府采购预算情况"
    return None


def _budget_personnel(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """基本支出预算情况: the stated 人员经费 changed."""
    for p in _budget_paragraphs(document, r"^（一）人员经费\d"):
        if _change_amount(p, r"人员经费(\d[\d,]*\.\d{2})万元", rng):
            return "基本支出预算情况：人员经费"
    return None


def _budget_share(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """收入/支出预算情况: a stated share (占 xx.xx%) changed."""
    candidates = _budget_paragraphs(document, r"万元，占\d{1,3}\.\d{2}%")
    if not candidates:
        return None
    p = rng.choice(candidates)
    m = re.search(r"占(\d{1,3}\.\d{2})%", p.text)
    assert m is not None
    value = Decimal(m.group(1))
    step = Decimal(rng.randint(100, 999)) / 100
    new = value - step if value > step else value + step
    p.text = p.text[: m.start(1)] + f"{new:.2f}" + p.text[m.end(1) :]
    return "说明：" + p.text[:12]


def _budget_code_name(document: Document, entry: CorpusDocument, rng: random.Random) -> str | None:
    """一般公共预算支出预算表: a 项 row printed with the name of another 项."""
    return _renamed_item(document, TableKind.B07, rng)


#: Budget tables a mistake may drop (in both budget layouts).
_BUDGET_DROPPABLE = (TableKind.B02, TableKind.B03, TableKind.B04, TableKind.B08)


def _budget_missing_table(
    document: Document, entry: CorpusDocument, rng: random.Random
) -> str | None:
    """A budget table dropped (with its heading and page break)."""
    candidates = [
        i
        for i, b in enumerate(document.blocks)
        if isinstance(b, TableBlock) and b.kind in _BUDGET_DROPPABLE
    ]
    if not candidates:
        return None
    index = rng.choice(candidates)
    block = document.blocks[index]
    assert isinstance(block, TableBlock)
    start, end = index, index + 1
    before = document.blocks[index - 1] if index else None
    if isinstance(before, Heading) and block.title.removeprefix(f"{entry.year}年") in before.text:
        start -= 1
    if end < len(document.blocks) and isinstance(document.blocks[end], PageBreak):
        end += 1
    del document.blocks[start:end]
    return block.title


#: The kinds of mistake made in budgets, by key (stable: written to mistakes.json).
BUDGET_MISTAKES: dict[str, MistakeKind] = {
    "budget_table_total": MistakeKind("预算表合计行与各类之和不符", "JS201", _budget_table_total),
    "budget_column_sum": MistakeKind("预算表合计列与各分列之和不符", "JS203", _budget_column_sum),
    "budget_summary": MistakeKind("收支预算总表不平衡", "JS911", _budget_summary),
    "budget_narrative_total": MistakeKind(
        "说明中的收支预算总计与预算表不符", "JS931", _budget_narrative_total
    ),
    "budget_narrative_class": MistakeKind(
        "说明中的类级支出预算与预算表不符", "JS933", _budget_narrative_class
    ),
    "budget_narrative_item": MistakeKind(
        "说明中的具体科目支出预算与预算表不符", "JS934", _budget_narrative_item
    ),
    "budget_change": MistakeKind("说明中的比上年增减与上年预算不符", "JS953", _budget_change),
    "budget_sangong": MistakeKind("说明中的“三公”经费预算与预算表不符", "JS937", _budget_sangong),
    "budget_admin_cost": MistakeKind(
        "说明中的机关运行经费预算与预算表不符", "JS938", _budget_admin_cost
    ),
    "budget_procurement": MistakeKind(
        "说明中的政府采购预算与预算表不符", "JS939", _budget_procurement
    ),
    "budget_personnel": MistakeKind("说明中的人员经费预算与预算表不符", "JS936", _budget_personnel),
    "budget_share": MistakeKind("说明中的占比与金额不符", "JS940", _budget_share),
    "budget_code_name": MistakeKind("预算表科目名称错误", "JS401", _budget_code_name),
    "budget_missing_table": MistakeKind("缺少预算公开表", "JS901", _budget_missing_table),
}


# ---------------------------------------------------------------------------------------
# writing


def build_document(
    entry: CorpusDocument, base: dict[str, Any] | None = None
) -> tuple[Document, InjectedMistake | None]:
    """The composed document of a planned entry, with its mistake made (if any)."""
    if entry.kind == "预算":
        from juesuan.generate.budget import compose_budget

        previous = None
        if entry.prior_factor is not None:
            last_year = replace(
                entry, year=entry.year - 1, factor=entry.prior_factor, prior_factor=None
            )
            previous = document_data(last_year, base)
        document = compose_budget(document_data(entry, base), previous, entry.layout)
        kinds = BUDGET_MISTAKES
    else:
        from juesuan.generate.compose import compose

        document = compose(document_data(entry, base), entry.layout)
        kinds = MISTAKES
    if entry.mistake is None:
        return document, None
    rng = random.Random(f"{entry.index}:{entry.mistake}:{entry.unit}:{entry.year}")
    # The planned kind first; when the document offers no place for it (a unit name too
    # short to misspell, no 款 row, no budget of last year …), another kind in a seeded order.
    others = [k for k in kinds if k != entry.mistake]
    rng.shuffle(others)
    for key in (entry.mistake, *others):
        kind = kinds[key]
        where = kind.make(document, entry, rng)
        if where is not None:
            return document, InjectedMistake(entry.file, key, kind.label, kind.rule, where)
    return document, None


def write_document(
    entry: CorpusDocument, folder: Path, base: dict[str, Any] | None = None
) -> InjectedMistake | None:
    """Compose, spoil (maybe) and write one document into ``folder``."""
    document, mistake = build_document(entry, base)
    path = folder / entry.file
    if path.suffix == ".txt":
        from juesuan.generate.render_text import render_text

        try:
            path.write_text(render_text(document), encoding="utf-8")
        except OSError as err:
            raise OutputError(f"无法写入 {path}：{err.strerror or err}") from None
    else:
        from juesuan.generate.run import render

        render(document, path)
    return mistake


_BASE: dict[str, Any] | None = None


def _write_in_worker(entry: CorpusDocument, folder: str) -> InjectedMistake | None:
    global _BASE
    if _BASE is None:
        _BASE = to_json_dict(load_example())
    return write_document(entry, Path(folder), _BASE)


def write_corpus(
    folder: Path,
    count: int,
    seed: int = 0,
    fmt: str = "txt",
    *,
    mistake_rate: float = DEFAULT_MISTAKE_RATE,
    workers: int = 1,
    on_done: Callable[[CorpusDocument], None] | None = None,
) -> CorpusResult:
    """Write ``count`` documents and ``mistakes.json`` into ``folder`` (created); with
    ``workers`` > 1 the documents are written by that many processes (same result)."""
    plan = plan_corpus(count, seed, fmt, mistake_rate)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"无法创建目录 {folder}：{err.strerror or err}") from None
    result = CorpusResult(folder, plan)
    found: dict[int, InjectedMistake | None] = {}
    if workers > 1 and count > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_write_in_worker, e, str(folder)): e for e in plan}
            for future in as_completed(futures):
                entry = futures[future]
                found[entry.index] = future.result()
                if on_done is not None:
                    on_done(entry)
    else:
        base = to_json_dict(load_example())
        for entry in plan:
            found[entry.index] = write_document(entry, folder, base)
            if on_done is not None:
                on_done(entry)
    result.mistakes = [m for i in sorted(found) if (m := found[i]) is not None]
    _write_mistakes(result, seed, fmt)
    return result


def _write_mistakes(result: CorpusResult, seed: int, fmt: str) -> None:
    made = {m.file: m.kind for m in result.mistakes}
    payload = {
        "schema": MISTAKES_SCHEMA,
        "seed": seed,
        "format": fmt,
        "documents": [
            {
                "file": d.file,
                "kind": d.kind,
                "unit": d.unit,
                "year": d.year,
                "scope": d.scope,
                "layout": d.layout,
                "mistake": made.get(d.file),
            }
            for d in result.documents
        ],
        "mistakes": [asdict(m) for m in result.mistakes],
    }
    path = result.folder / MISTAKES_FILE
    try:
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as err:
        raise OutputError(f"无法写入 {path}：{err.strerror or err}") from None


@dataclass(slots=True)
class MistakeList:
    """``mistakes.json`` as read back: the corpus's documents and their mistakes, with file
    names resolved against the folder of the list."""

    folder: Path
    documents: list[Path]
    mistakes: list[tuple[Path, InjectedMistake]]


def load_mistakes(path: Path) -> MistakeList:
    """Read a ``mistakes.json``; :class:`~juesuan.errors.DataError` when it is not one."""
    from juesuan.errors import DataError, FileMissingError

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileMissingError(f"找不到错误清单：{path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataError(f"错误清单 {path} 无法读取：{err}") from None
    if not isinstance(raw, dict) or raw.get("schema") != MISTAKES_SCHEMA:
        raise DataError(f"{path} 不是 juesuan 生成的错误清单（schema 应为 {MISTAKES_SCHEMA}）")
    folder = path.resolve().parent
    try:
        documents = [folder / d["file"] for d in raw.get("documents", [])]
        mistakes = [
            (
                folder / m["file"],
                InjectedMistake(m["file"], m["kind"], m["label"], m["rule"], m["where"]),
            )
            for m in raw.get("mistakes", [])
        ]
    except (KeyError, TypeError) as err:
        raise DataError(f"错误清单 {path} 格式不对：缺少 {err}") from None
    return MistakeList(folder, documents, mistakes)
