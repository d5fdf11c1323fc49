"""Recognise the standard tables (docs/domain.md §3) and map their rows and columns.

A table starts at a title (a line or a row naming a standard table, list number allowed) and
takes every raw table that follows until the next title or running text; so a table broken
across pages is followed.  Titles, header words and canonical columns come from the catalog.

Two grids are handled:
- *ruled* grids (PDF ruling lines, Word tables, spreadsheets) whose header and data cells
  share column indices: a value's column is the header above it;
- tab-separated text, whose header lines are not aligned with the data: values are taken
  by position, the rightmost cells of a data row being the value columns in header order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from juesuan import catalog
from juesuan.catalog import TableSpec
from juesuan.model import (
    TABLE_UNIT_SCALE,
    Disclosure,
    DocKind,
    Evidence,
    Side,
    Table,
    TableKind,
    TableRow,
)
from juesuan.sources.raw import RawDocument, RawLine, RawTable
from juesuan.structure.textutil import CJK, is_blank_value, key, parse_amount, squash, tidy
from juesuan.structure.titles import strip_qualifier, table_kind_of_title

CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PART_RE = re.compile(r"^\d{2,7}$")

NUMBER_PREFIX_RE = re.compile(r"^[一二三四五六七八九十]+、")
TABLE_NUMBER_RE = re.compile(r"((?:财决|财预)?公开\s*\d{1,2}\s*表)")
UNIT_RE = re.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
EMPTY_RE = re.compile(r"本表无数据|无数据|本表为空表|故本表为空|(?:无|没有)(?:相关|此类|此项)收支")
#: A one- or two-digit number: a line or column number (行次/栏次), not an amount.
SMALL_NUMBER_RE = re.compile(r"\d{1,2}")
#: A line that is nothing but a year ("2024年度").
YEAR_LINE_RE = re.compile(r"(20\d{2}年度?)")
#: A short table number ("表1", "附表3", "表1-1").
SHORT_TABLE_NUMBER_RE = re.compile(r"(?:附表|表)\d{1,2}(?:-\d{1,2})?")
#: The title of a part of the running text ("第三部分"): a table is over.
PART_TITLE_RE = re.compile(r"^第.部分")

#: Factors from a printed unit to 万元.
UNIT_SCALE = TABLE_UNIT_SCALE
HEADER_WORDS = {
    "项目",
    "科目编码",
    "科目名称",
    "功能分类",
    "功能分类科目编码",
    "支出功能分类科目编码",
    "经济分类科目编码",
    "类",
    "款",
    "项",
    "类款项",
    "栏次",
    "行次",
    "决算数",
    "金额",
    "收入",
    "支出",
    "预算数",
}


def _is_code(text: str) -> bool:
    """``CODE_RE.match(text)``: 3, 5 or 7 digits.  Without the regex unless the text ends in
    a newline (which $ also accepts): re's \\d is ``str.isdecimal``."""
    if len(text) in (3, 5, 7) and text.isdecimal():
        return True
    return text[-1:] == "\n" and CODE_RE.match(text) is not None


def _says_empty(text: str) -> bool:
    """Whether ``text`` says a table is empty (``EMPTY_RE.search``).  Every alternative of
    EMPTY_RE holds 无, 空 or 没有: a text without them is not searched (the pattern has no
    literal prefix, so a search tries it at every position of a row or a whole table)."""
    return ("无" in text or "空" in text or "没有" in text) and EMPTY_RE.search(text) is not None


def _table_number(text: str) -> re.Match[str] | None:
    """``TABLE_NUMBER_RE.search``, skipped when the text lacks the "公开" every match holds."""
    return TABLE_NUMBER_RE.search(text) if "公开" in text else None


def _unit(text: str) -> re.Match[str] | None:
    """``UNIT_RE.search``, skipped when the text lacks the "单位" every match holds."""
    return UNIT_RE.search(text) if "单位" in text else None


@dataclass(slots=True)
class Zone:
    """The raw material of one table: its title and everything that follows it."""

    kind: TableKind
    title: str
    title_line: RawLine
    rows: list[RawLine] = field(default_factory=list)
    ruled: list[bool] = field(default_factory=list)
    lines: list[RawLine] = field(default_factory=list)  # plain lines (unit, notes, 说明)


@dataclass(frozen=True, slots=True)
class _Context:
    """What title recognition knows about the document: its kind and unit, when read."""

    kind: DocKind | None = None
    unit: str | None = None


_NO_CONTEXT = _Context()


def _title_kind(text: str, context: _Context = _NO_CONTEXT) -> TableKind | None:
    if "表" not in text:
        return None  # cheap test first: most rows and lines are no title
    t = tidy(text).lstrip("-–•·* ")
    if len(squash(t)) > 50 or not strip_qualifier(key(t)).endswith("表"):
        return None
    return table_kind_of_title(t, context.kind, context.unit)


def _row_title(row: RawLine, context: _Context = _NO_CONTEXT) -> tuple[TableKind, str] | None:
    for cell in row.cells:
        if cell.text.strip():
            kind = _title_kind(cell.text, context)
            return (kind, tidy(cell.text)) if kind else None
    return None


@dataclass(slots=True)
class _Pending:
    """A title line whose table has not started yet, and the meta lines printed in between
    (unit, 编制单位, table number)."""

    kind: TableKind
    title: str
    line: RawLine
    meta: list[RawLine] = field(default_factory=list)

    def zone(self) -> Zone:
        return Zone(self.kind, self.title, self.line, lines=list(self.meta))


def _number_only(text: str) -> bool:
    """A line that is nothing but a table number ("公开01 表", "表1-1", "附表3")."""
    if "表" not in text:
        return False  # every table number holds 表 (and squashing only drops spaces)
    t = squash(text)
    return bool(TABLE_NUMBER_RE.fullmatch(t) or SHORT_TABLE_NUMBER_RE.fullmatch(t))


def find_zones(raw: RawDocument, skip: set[int], context: _Context = _NO_CONTEXT) -> list[Zone]:
    zones: list[Zone] = []
    current: Zone | None = None
    pending: _Pending | None = None  # a heading naming the next table
    held: RawLine | None = None  # a table-number line: it belongs to the title after it

    def release_held() -> None:
        nonlocal held
        if held is not None and current is not None:
            current.lines.append(held)
        held = None

    for item in raw.items():
        if isinstance(item, RawTable):
            first = item.rows[0] if item.rows else None
            found = _row_title(first, context) if first is not None else None
            if found is not None and id(first) not in skip:
                kind, title = found
                release_held()
                if current is None or current.kind != kind or current.rows:
                    if pending is not None and pending.kind != kind:
                        zones.append(pending.zone())
                    current = Zone(kind, title, first)  # type: ignore[arg-type]
                    zones.append(current)
                pending = None
            elif pending is not None:
                current = pending.zone()
                zones.append(current)
                pending = None
            release_held()
            if current is not None:
                current.rows.extend(item.rows)
                current.ruled.extend([item.ruled] * len(item.rows))
            continue
        line = item
        if id(line) in skip:
            continue
        text = tidy(line.text)
        if not text:
            continue
        if _number_only(text) and pending is None:
            release_held()
            held = line
            continue
        line_kind = _title_kind(text, context)
        if line_kind is not None:
            if pending is not None:
                zones.append(pending.zone())
            # a title line: the table itself follows (possibly after unit lines)
            pending = _Pending(line_kind, NUMBER_PREFIX_RE.sub("", text), line)
            if held is not None:
                pending.meta.append(held)
                held = None
            current = None
            continue
        release_held()
        target = current
        if target is None and zones and _says_empty(text) and len(squash(text)) <= 80:
            zones[-1].lines.append(line)  # a 说明 below the table after an instruction line
            continue
        if target is None and pending is not None:
            if _is_table_meta(text):
                pending.meta.append(line)
                continue
            zones.append(pending.zone())
            pending = None
            target = zones[-1]
            current = target
        if target is not None:
            if _is_table_meta(text) or _says_empty(text) or text.startswith(("注", "说明")):
                target.lines.append(line)
            elif len(squash(text)) > 30 or PART_TITLE_RE.match(text):
                current = None  # running text: the table is over
            else:
                target.lines.append(line)
    release_held()
    if pending is not None:
        zones.append(pending.zone())
    return zones


def _describes_table(text: str) -> bool:
    """A line that belongs to the table above it: unit, number, 注/说明, "本表无数据"."""
    return bool(_is_table_meta(text) or _says_empty(text) or text.startswith(("注", "说明")))


def _is_table_meta(text: str) -> bool:
    # every match below holds 单 (单位…), 公 (公开), 部 (部门决算表) or 年 (a year line), and
    # squashing only drops white space: a text without them (most rows) is not squashed
    if not ("单" in text or "公" in text or "年" in text or "部" in text):
        return False
    t = squash(text)
    # every unit line, 单位名称/编制单位 and 单位决算表 holds "单位"; every table number "公开"
    if "单位" in t and (
        UNIT_RE.search(t) or t.startswith(("单位名称", "编制单位")) or "单位决算表" in t
    ):
        return True
    return bool(
        YEAR_LINE_RE.fullmatch(t)
        or ("公开" in t and TABLE_NUMBER_RE.search(t))
        or "部门决算表" in t
    )


# ---------------------------------------------------------------------------------------
# row analysis


def _cells(row: RawLine) -> list[tuple[int, str]]:
    """(column, text) of a row, text tidied; columns are grid columns or positions."""
    return [(c.col if c.col is not None else i, tidy(c.text)) for i, c in enumerate(row.cells)]


_CJK_RE = re.compile(f"[{CJK}]")
_CODE_BEFORE_NAME = re.compile(r"^(\d{3,7})\s*(.+)$")
_CODE_AFTER_NAME = re.compile(r"^(.+?)\s*(\d{3,7})$")


def _has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def _is_number(text: str) -> bool:
    return parse_amount(text) is not None


def _evidence(row: RawLine) -> Evidence:
    # positional: a dataclass __init__ matches keywords by name, a cost paid for every row
    return Evidence(row.text.strip(), row.page, row.line, row.bbox)


def _header_text(rows: list[RawLine]) -> str:
    return "".join(squash(c.text) for r in rows for c in r.cells)


def _map_label(label: str, spec: TableSpec, used: set[str]) -> str | None:
    """The canonical column whose alias best matches a header label."""
    k = key(label)
    if not k:
        return None
    best: str | None = None
    best_len = 0
    for name, aliases in spec.columns.items():
        if name in used:
            continue
        for alias in aliases:
            a = key(alias)
            if a and a in k and len(a) > best_len:
                best, best_len = name, len(a)
    return best


def _col_labels(header: list[RawLine]) -> dict[int, list[str]]:
    """Header labels per grid column, top to bottom, merged cells spread over their span."""
    labels: dict[int, list[str]] = {}
    for row in header:
        for i, c in enumerate(row.cells):
            text = squash(c.text)
            if not text:
                continue
            col = c.col if c.col is not None else i
            for j in range(col, col + max(1, c.span)):
                labels.setdefault(j, []).append(text)
    return labels


def _header_sequence(header: list[RawLine], spec: TableSpec) -> list[str]:
    """Canonical columns in the order the header names them (for unaligned text tables)."""
    best: list[str] = []
    for row in header:
        used: set[str] = set()
        seq: list[str] = []
        for c in row.cells:
            name = _map_label(c.text, spec, used)
            if name is not None:
                used.add(name)
                seq.append(name)
        if len(seq) > len(best):
            best = seq
    return best


# ---------------------------------------------------------------------------------------
# coded tables: code(s) + name + values


def _split_code_name(cells: list[tuple[int, str]]) -> tuple[str | None, str, int, int] | None:
    """(code, name, name_position, name_col) for a data row; None when it is not one."""
    parts: list[str] = []
    for pos, (col, text) in enumerate(cells):
        if not text:
            continue
        # digits only: CODE_PART_RE.match, whose \d is str.isdecimal(); the regex is needed
        # only for a text ending in a newline (which its $ also accepts)
        if (2 <= len(text) <= 7 and text.isdecimal()) or (
            text[-1] == "\n" and CODE_PART_RE.match(text)
        ):
            parts.append(text)
            continue
        # a text with a CJK character is never a number (see _is_number)
        if _CJK_RE.search(text) is not None:
            name = text
            # text layers sometimes glue a code to the name ("行政单位医疗2101101"); such a
            # name starts with a digit, or ends with one (or with the newline $ accepts)
            if not parts and (name[0].isdecimal() or name[-1].isdecimal() or name[-1] == "\n"):
                m = _CODE_BEFORE_NAME.match(name) or _CODE_AFTER_NAME.match(name)
                if m:
                    a, b = m.group(1), m.group(2)
                    code_part, name = (a, b) if a.isdigit() else (b, a)
                    parts.append(code_part)
            code = _join_code(parts)
            return code, name, pos, col
        return None
    return None


def _join_code(parts: list[str]) -> str | None:
    if not parts:
        return None
    return "".join(parts)  # a code in one cell, or split into 类/款/项 cells


def _is_total_name(name: str) -> bool:
    return key(name) in {"合计", "总计", "本年支出合计", "本年收入合计"}


def _value_positions(data: list[list[tuple[int, str]]], name_pos: list[int], n: int) -> list[int]:
    """For unaligned text tables: the positions of the n value columns (the rightmost n)."""
    widths = Counter(len(r) for r in data)
    width = widths.most_common(1)[0][0] if widths else 0
    start = max(max(name_pos, default=0) + 1, width - n) if n else width
    return list(range(start, width))


def parse_coded(zone: Zone, spec: TableSpec, table: Table) -> None:
    rows = zone.rows
    first_data: int | None = None
    parsed: list[tuple[RawLine, str | None, str, int, int, list[tuple[int, str]]]] = []
    header: list[RawLine] = []
    for row in rows:
        cells = _cells(row)
        texts = [t for _, t in cells if t]
        if not texts:
            continue
        if row is zone.title_line or _row_title(row) is not None:
            _meta_from_row(row, table)
            continue
        joined = "".join(texts)
        if _says_empty(joined):
            table.empty_statement = table.empty_statement or tidy(
                next(t for t in texts if _says_empty(t))
            )
            continue
        if joined.startswith(("注", "说明")) or (_is_table_meta(joined) and len(texts) <= 3):
            _meta_from_row(row, table)
            continue
        _meta_from_row(row, table)
        split = _split_code_name(cells)
        is_data = False
        if split is not None:
            code, name, pos, col = split
            has_number = any(_is_number(t) for _, t in cells[pos + 1 :])
            if (
                (code is not None and _is_code(code))
                or (_is_total_name(name) and (has_number or first_data is not None))
                or (
                    first_data is not None
                    and code is None
                    and not all(key(t) in HEADER_WORDS for t in texts)
                )
            ):
                is_data = True
        if not is_data or split is None:
            if first_data is None:
                header.append(row)
            continue
        if first_data is None:
            first_data = len(parsed)
        code, name, pos, col = split
        parsed.append((row, code, name, pos, col, cells))

    ruled = bool(zone.ruled) and all(zone.ruled)
    labels = _col_labels(header) if ruled else {}
    col_map: dict[int, str] = {}
    if ruled:
        used: set[str] = set()
        for col in sorted(labels):
            if any(key(lab) in HEADER_WORDS for lab in labels[col]):
                continue  # the code / name columns
            canon = _map_label("".join(labels[col]), spec, used)
            if canon is not None:
                used.add(canon)
                col_map[col] = canon
    sequence = _header_sequence(header, spec)
    if ruled and col_map:
        columns = [col_map[c] for c in sorted(col_map)]
    else:
        columns = sequence or list(spec.columns)[:1]
    table.columns = columns
    table.column_labels = _labels_for(columns, header, spec)
    positions = (
        _value_positions([p[5] for p in parsed], [p[3] for p in parsed], len(columns))
        if not (ruled and col_map)
        else []
    )
    for row, code, name, _pos, col, cells in parsed:
        values: dict[str, Decimal | None] = dict.fromkeys(columns)
        raw: dict[str, str] = {}
        if ruled and col_map:
            for c, text in cells:
                canon = col_map.get(c)
                if canon is None or not text or c <= col:
                    continue
                _put(values, raw, canon, text, table.scale)
        else:
            for idx, p in enumerate(positions):
                if idx >= len(columns) or p >= len(cells):
                    break
                text = cells[p][1]
                if text:
                    _put(values, raw, columns[idx], text, table.scale)
        # positional (name, values, raw, evidence, code): cheaper than keywords in this loop
        table.rows.append(TableRow(name, values, raw, _evidence(row), code))


def _put(
    values: dict[str, Decimal | None], raw: dict[str, str], canon: str, text: str, scale: Decimal
) -> None:
    raw[canon] = text
    amount = parse_amount(text)  # None for a blank value ("-", "—", "/" …): it has no digit
    if amount is not None:
        values[canon] = amount * scale if scale != 1 else amount


def _labels_for(columns: list[str], header: list[RawLine], spec: TableSpec) -> dict[str, str]:
    text = _header_text(header)
    out: dict[str, str] = {}
    for name in columns:
        for alias in sorted(spec.columns.get(name, ()), key=len, reverse=True):
            if key(alias) in key(text):
                out[name] = alias
                break
    return out


def _meta_from_row(row: RawLine, table: Table) -> None:
    for c in row.cells:
        _meta_from_text(c.text, table)


def _meta_from_text(text: str, table: Table) -> None:
    t = squash(text)
    m = _unit(t)
    if m:
        table.unit = m.group(1)
        table.scale = UNIT_SCALE[m.group(1)]
    n = _table_number(t)
    if n and table.number is None:
        table.number = n.group(1)
    if _says_empty(t) and table.empty_statement is None:
        table.empty_statement = tidy(text)


def _content_rows(
    zone: Zone, table: Table
) -> Iterator[tuple[RawLine, list[tuple[int, str]], list[str]]]:
    """The rows of a zone that are neither blank, title, unit/number lines, notes nor
    empty-table statements; those feed the table's metadata instead."""
    for row in zone.rows:
        cells = _cells(row)
        texts = [t for _, t in cells if t]
        if not texts:
            continue
        joined = "".join(texts)
        if (
            row is zone.title_line
            or joined.startswith(("注", "说明"))
            # a title holds 表, which tidying keeps: a row without it has none
            or ("表" in joined and _row_title(row) is not None)
            or _is_table_meta(joined)
            or _says_empty(joined)
        ):
            _meta_from_row(row, table)
            continue
        yield row, cells, texts


# ---------------------------------------------------------------------------------------
# two-sided tables (收入支出决算总表, 财政拨款收入支出决算总表)


@lru_cache(maxsize=1024)
def _fixed_key(name: str) -> str | None:
    k = NUMBER_PREFIX_RE.sub("", key(name))
    classes = catalog.functional_classes()
    for code, cname in classes.items():
        if k == key(cname) or k == key(cname).removesuffix("支出"):
            return code
    for line_key, words in catalog.fixed_lines():
        if all(w in k for w in words):
            return line_key
    for line_key, lname in catalog.income_lines().items():
        if k == key(lname) or k == key(lname).removesuffix("收入"):
            return line_key
    return None


def _is_expense_name(name: str) -> bool:
    k = NUMBER_PREFIX_RE.sub("", key(name))
    return "支出" in k or k.startswith("年末") or k == "结余分配" or k == "预备费"


def parse_two_sided(zone: Zone, spec: TableSpec, table: Table) -> None:
    is_t04 = "total" in spec.columns
    started = False
    totals_seen = 0
    header: list[RawLine] = []
    ruled = bool(zone.ruled) and all(zone.ruled)
    for row, cells, texts in _content_rows(zone, table):
        segments = _segments(cells)
        names = [s for s in segments if s[0]]
        if not started:
            has_number = any(_is_number(t) and not SMALL_NUMBER_RE.fullmatch(t) for t in texts)
            if any(
                (fk := _fixed_key(s[0])) is not None and (has_number or fk.isdigit()) for s in names
            ):
                started = True
            else:
                header.append(row)
                continue
        for idx, (name, line_no, vals) in enumerate(segments):
            if not name:
                continue
            fk = _fixed_key(name)
            if fk == "grand_total":
                side = Side.INCOME if totals_seen == 0 else Side.EXPENSE
                totals_seen += 1
            elif (len(segments) > 1 and idx > 0 and segments[0][0]) or _is_expense_name(name):
                side = Side.EXPENSE
            else:
                side = Side.INCOME
            if side == Side.INCOME:
                cols = ["amount"]
            else:
                cols = ["total", "general", "govfund", "soe"] if is_t04 else ["amount"]
            values: dict[str, Decimal | None] = dict.fromkeys(cols)
            raw: dict[str, str] = {}
            for i, text in enumerate(vals):
                if i < len(cols) and text:
                    _put(values, raw, cols[i], text, table.scale)
            table.rows.append(
                TableRow(
                    name=name,
                    values=values,
                    raw=raw,
                    evidence=_evidence(row),
                    side=side,
                    ref_code=fk,
                    line_no=line_no,
                )
            )
    _ = ruled
    _nest_balance_lines(table)
    table.columns = ["amount", "total", "general", "govfund", "soe"] if is_t04 else ["amount"]
    table.column_labels = (
        {"amount": "决算数"}
        if not is_t04
        else {
            "amount": "决算数",
            "total": "合计",
            "general": "一般公共预算财政拨款",
            "govfund": "政府性基金预算财政拨款",
            "soe": "国有资本经营预算财政拨款",
        }
    )


def _nest_balance_lines(table: Table) -> None:
    """Fund lines printed under 年初/年末…结转和结余 are parts of that balance, not income.

    The two sides of a row are read separately: 年初 sits on the income side, 年末 on the
    expense side, often on the same printed row, so each side keeps its own parent."""
    parents: dict[Side | None, str | None] = {}
    for row in table.rows:
        if row.ref_code in {"begin_balance", "end_balance"}:
            parents[row.side] = row.ref_code
        elif row.ref_code in {"general", "govfund", "soe"} and parents.get(row.side):
            row.ref_code = f"{parents[row.side]}.{row.ref_code}"
        elif row.ref_code is not None:
            parents[row.side] = None


def _segments(cells: list[tuple[int, str]]) -> list[tuple[str, str | None, list[str]]]:
    """Split a two-sided row into (name, 行次, value texts) segments, blanks kept in place."""
    segments: list[tuple[str, str | None, list[str]]] = []
    name = ""
    line_no: str | None = None
    vals: list[str] = []
    open_ = False
    for _, text in cells:
        if text and _has_cjk(text) and not _is_number(text):
            if open_:
                segments.append((name, line_no, vals))
            name, line_no, vals, open_ = text, None, [], True
            continue
        if not open_:
            # cells before the first name: an empty left side (行次 and a blank amount)
            if text and SMALL_NUMBER_RE.fullmatch(text) and line_no is None:
                line_no = text
                open_ = True
                name = ""
            continue
        if text and SMALL_NUMBER_RE.fullmatch(text) and line_no is None and not vals:
            line_no = text  # 行次
            continue
        vals.append(text)
    if open_:
        segments.append((name, line_no, vals))
    # an empty left side followed by a right side: keep only named segments but preserve
    # blanks so that value positions stay right
    return [(n, ln, _trim(v)) for n, ln, v in segments]


def _trim(vals: list[str]) -> list[str]:
    out = list(vals)
    while out and not out[-1]:
        out.pop()
    # leading blanks in text tables come from the empty 行次 cell of the other side
    return out


# ---------------------------------------------------------------------------------------
# 基本支出决算表: side-by-side blocks of (economic code, name, amount)

PERSONNEL_CLASSES = ("301", "303")


def parse_blocks(zone: Zone, spec: TableSpec, table: Table) -> None:
    started = False
    for row, cells, _texts in _content_rows(zone, table):
        segs = _block_segments(cells)
        if not started:
            if any(code and _is_code(code) for code, _, _ in segs) or any(
                "经费合计" in key(n) for _, n, _ in segs
            ):
                started = True
            else:
                continue
        for code, name, vals in segs:
            if not name and not code:
                continue
            k = key(name)
            if "人员经费" in k:
                canon = Side.PERSONNEL
            elif "公用经费" in k:
                canon = Side.PUBLIC
            elif code and code.startswith(PERSONNEL_CLASSES):
                canon = Side.PERSONNEL
            else:
                canon = Side.PUBLIC
            values: dict[str, Decimal | None] = {canon: None}
            raw: dict[str, str] = {}
            if vals:
                _put(values, raw, canon, vals[0], table.scale)
            table.rows.append(
                TableRow(
                    name=name,
                    values=values,
                    raw=raw,
                    evidence=_evidence(row),
                    code=code,
                    side=canon,
                )
            )
    table.columns = ["personnel", "public"]
    table.column_labels = {"personnel": "人员经费", "public": "公用经费"}


def _block_segments(cells: list[tuple[int, str]]) -> list[tuple[str | None, str, list[str]]]:
    segs: list[tuple[str | None, str, list[str]]] = []
    code: str | None = None
    name = ""
    vals: list[str] = []
    active = False
    for _, text in cells:
        if not text:
            continue
        if _is_code(text) and not vals and not name:
            if active:
                segs.append((code, name, vals))
            code, name, vals, active = text, "", [], True
        elif _is_code(text) and active and (vals or name):
            segs.append((code, name, vals))
            code, name, vals, active = text, "", [], True
        elif _has_cjk(text) and not _is_number(text):
            if active and (vals or name):
                segs.append((code, name, vals))
                code, vals = None, []
            name, active = text, True
        elif _is_number(text) or is_blank_value(text):
            vals.append(text)
    if active:
        segs.append((code, name, vals))
    return segs


# ---------------------------------------------------------------------------------------
# “三公” table: one data row of (预算数, 决算数) per item


def parse_sangong(zone: Zone, spec: TableSpec, table: Table) -> None:
    header: list[RawLine] = []
    data: list[RawLine] = []
    for row, _, texts in _content_rows(zone, table):
        numbers = [t for t in texts if _is_number(t)]
        if len(numbers) >= 2 and len(numbers) >= len(texts) - 3:
            data.append(row)
        elif not data:
            header.append(row)
    items = catalog.sangong_items()
    table.columns = ["budget", "actual"]
    table.column_labels = {"budget": "预算数", "actual": "决算数"}
    ruled = bool(zone.ruled) and all(zone.ruled)
    layout = _sangong_layout(header, ruled)
    for row in data:
        cells = [(c, t) for c, t in _cells(row) if t and _is_number(t)]
        per_item: dict[str, dict[str, str]] = {}
        if layout:
            for c, text in cells:
                slot = layout.get(c)
                if slot:
                    per_item.setdefault(slot[0], {})[slot[1]] = text
        elif len(cells) == 2 * len(items):
            header_text = _header_text(header)
            grouped = header_text.find("预算数") < header_text.find("决算数") and (
                header_text.count("预算数") == 1
            )
            for i, (_, text) in enumerate(cells):
                if grouped:
                    item, measure = items[i % len(items)][0], ("budget", "actual")[i // len(items)]
                else:
                    item, measure = items[i // 2][0], ("budget", "actual")[i % 2]
                per_item.setdefault(item, {})[measure] = text
        for item_key, item_name in items:
            got = per_item.get(item_key)
            if got is None:
                continue
            values: dict[str, Decimal | None] = {"budget": None, "actual": None}
            raw: dict[str, str] = {}
            for measure, text in got.items():
                _put(values, raw, measure, text, table.scale)
            table.rows.append(
                TableRow(
                    name=item_name,
                    values=values,
                    raw=raw,
                    evidence=_evidence(row),
                    ref_code=item_key,
                )
            )


def _sangong_layout(header: list[RawLine], ruled: bool) -> dict[int, tuple[str, str]]:
    """Grid column -> (item key, budget|actual) from a ruled multi-level header."""
    if not ruled:
        return {}
    labels = _col_labels(header)
    items = catalog.sangong_items()
    out: dict[int, tuple[str, str]] = {}
    for col, stack in labels.items():
        measure = None
        item = None
        for label in reversed(stack):
            k = key(label)
            if k in {"预算数", "预算"} and measure is None:
                measure = "budget"
                continue
            if k in {"决算数", "决算"} and measure is None:
                measure = "actual"
                continue
            if k == "小计":
                item = "subtotal"
                continue
            for item_key, item_name in items:
                if k == key(item_name) or (item_key == "total" and k == "合计"):
                    item = "vehicle" if item == "subtotal" and item_key == "vehicle" else item_key
                    break
            else:
                continue
            if item == "subtotal":
                continue
            break
        if measure and item and item != "subtotal":
            out[col] = (item, measure)
    return out


# ---------------------------------------------------------------------------------------


def _looks_like_table(zone: Zone, spec: TableSpec) -> bool:
    """Whether a zone's rows carry the header words of a table of this kind."""
    text = key("".join(r.text for r in zone.rows))
    if _says_empty(text) or "科目编码" in text or "项目" in text:
        return True
    words = [*spec.columns.values(), *spec.items.values()]
    return any(key(alias) in text for aliases in words for alias in aliases)


def read_tables(raw: RawDocument, doc: Disclosure, skip: set[int] | None = None) -> None:
    specs = catalog.table_specs()
    context = _Context(doc.kind, doc.unit)
    for zone in find_zones(raw, skip or set(), context):
        if not zone.rows and not any(_says_empty(ln.text) for ln in zone.lines):
            continue  # a title in a list of tables (附表 目录), not a table
        spec = specs[zone.kind]
        if zone.rows and not _looks_like_table(zone, spec):
            continue  # rows that follow a title but are something else (chart data, notes)
        table = Table(
            kind=zone.kind,
            title=zone.title,
            pages=[],
            columns=[],
            rows=[],
            evidence=_evidence(zone.title_line),
        )
        for line in zone.lines:
            _meta_from_text(line.text, table)
        for row in zone.rows:
            # a unit holds 单位 (squashing only drops spaces): most rows are not squashed
            if "单" in row.text and _unit(squash(row.text)):
                _meta_from_row(row, table)
        if spec.doc_kind is DocKind.BUDGET:
            from juesuan.structure.budget_tables import parse_budget_table

            parse_budget_table(zone, spec, table)
        elif spec.two_sided:
            parse_two_sided(zone, spec, table)
        elif zone.kind == TableKind.T08:
            parse_blocks(zone, spec, table)
        elif spec.transposed:
            parse_sangong(zone, spec, table)
        else:
            parse_coded(zone, spec, table)
        # the pages the table is printed on: its title, rows and notes (not the running text
        # that follows a table ending at the foot of a page)
        notes = [ln for ln in zone.lines if _describes_table(tidy(ln.text))]
        pages = [zone.title_line.page] + [r.page for r in zone.rows] + [ln.page for ln in notes]
        table.pages = sorted({p for p in pages if p is not None})
        if table.empty_statement is None:
            for line in zone.lines:
                if _says_empty(line.text):
                    table.empty_statement = tidy(line.text)
        doc.tables.append(table)
