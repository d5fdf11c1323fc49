"""Budget tables (部门预算公开, docs/domain.md §3.2): rows and columns read under their header.

Budget templates differ between provinces in how a table is drawn — codes in one column or
split into 类/款/项, a 收支总表 with one amount column or with 合计/基本支出/项目支出 on the
expense side, “三公” items as columns of one row, a 收入总表 as a list of sources grouped by a
merged label — so nothing here relies on where a template puts things.  A column is what the
header printed above it says (the lowest header cell that names a known column wins, so
"基本支出 › 人员经费" is 人员经费); a row is what its name says.  What cannot be named is not
guessed: a numeric column no header names is left out and recorded as a doubt on the table
(``Table.doubts``), which keeps the rules from building an error on it.

Shapes (``catalog/tables_budget.toml``):

- ``two_sided``: income lines beside expense lines (收支总表, 财政拨款收支总表);
- ``coded``: rows by functional or economic code with a 合计 row (支出表, 一般公共预算支出表 …);
  a table of the same kind printed without codes (a list of sources, a single row of totals)
  is read as named lines;
- ``items``: “三公” (and 会议费, 培训费, 机关运行经费) as header items over a row of amounts;
- ``procurement``: 合计 / 货物 / 工程 / 服务 lines and their detail (政府采购预算表).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from juesuan import catalog
from juesuan.catalog import TableSpec
from juesuan.model import Side, Table, TableRow
from juesuan.sources.raw import RawLine
from juesuan.structure.tables import (
    HEADER_WORDS,
    SMALL_NUMBER_RE,
    Zone,
    _col_labels,
    _content_rows,
    _evidence,
    _has_cjk,
    _is_code,
    _is_number,
    _put,
    _split_code_name,
    parse_coded,
)
from juesuan.structure.textutil import key, parse_amount

#: A list number before a line's name: 一、 / （一） / 1. / 1、 / (1).
_LIST_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）][、.．]?|\d{1,2}[、.．](?!\d))"
)
_TOP_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]")
#: "其中：" before a line that is a part of the line above it.
_OF_WHICH = re.compile(r"^其中[:：]?")
#: Texts that never name a line (header words repeated on continuation pages).
_HEADER_TEXTS = frozenset(
    {
        *HEADER_WORDS,
        "项目名称",
        "功能科目名称",
        "经济科目名称",
        "部门经济分类科目名称",
        "功能分类科目名称",
        "功能科目编码",
        "科目代码",
        "功能科目代码",
        "合计",
        "小计",
    }
)

Cells = list[tuple[int, str]]
#: What :func:`_split_code_name` finds in a data row: (code, name, name position, name column).
_Split = tuple[str | None, str, int, int]


def _header_labels(header: list[RawLine]) -> frozenset[str]:
    return frozenset(key(c.text) for r in header for c in r.cells if c.text.strip())


def _repeats_header(texts: list[str], labels: frozenset[str]) -> bool:
    """A row whose every text is a header label (the header printed again on a new page)."""
    if not labels:
        return False
    for t in texts:  # noqa: SIM110 - a loop costs less than all() over a generator
        if key(t) not in labels:
            return False
    return True


def _line_name(text: str) -> str:
    """A printed line name without its list number, as a matching key."""
    return key(_strip_start(_OF_WHICH, _strip_start(_LIST_NUMBER, key(text))))


def _strip_start(pattern: re.Pattern[str], text: str) -> str:
    """``pattern.sub("", text)`` for a pattern anchored by ^ (no MULTILINE) that never matches
    an empty text: only a match at the start can be removed, so no search along the text."""
    m = pattern.match(text)
    return text[m.end() :] if m else text


def _numbers(cells: Cells) -> int:
    return sum(1 for _, t in cells if t and _is_number(t) and not SMALL_NUMBER_RE.fullmatch(t))


def _ruled(zone: Zone) -> bool:
    """Whether the cells sit on a known grid: ruling lines (PDF), a table object (Word,
    spreadsheet, web page), or tab-separated text whose every row, header included, has the
    same number of cells (then the header's columns are the data's columns)."""
    if zone.ruled and all(zone.ruled):
        return True
    widths = {len(r.cells) for r in zone.rows if r.text.strip()}
    return (
        len(widths) == 1
        and widths != {1}
        and all(c.col is not None for r in zone.rows for c in r.cells)
    )


def _column_map(
    labels: dict[int, list[str]], keyed: _KeyedVocab, only: set[int] | None = None
) -> dict[int, str]:
    """Grid column -> canonical name: the lowest header label naming a known column wins.

    ``labels`` are the header's (:func:`_col_labels`, worked out once per table by the
    caller, as is ``keyed``).  A label names a column when it equals one of the column's
    header words, or contains one (the longest such word decides)."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for col in sorted(labels):
        if only is not None and col not in only:
            continue
        for label in reversed(labels[col]):
            canon = keyed.label_of(label)
            if canon is not None:
                if canon not in used:
                    out[col] = canon
                    used.add(canon)
                break
    return out


class _KeyedVocab:
    """A column vocabulary (canonical name -> header words) with the words' matching keys
    computed once per table rather than once per header label."""

    def __init__(self, vocab: dict[str, tuple[str, ...]]) -> None:
        self.exact: dict[str, str] = {}  # word key -> the first name (in vocab order) using it
        self.words: list[tuple[str, str]] = []  # (name, word key) in vocab order, empty keys out
        for name, words in vocab.items():
            for w in words:
                wk = key(w)
                self.exact.setdefault(wk, name)
                if wk:
                    self.words.append((name, wk))

    def label_of(self, label: str) -> str | None:
        """The column a label names: the first whose word equals it, else the one with the
        longest word inside it (the first such on a tie)."""
        k = key(label)
        if not k:
            return None
        if k in self.exact:
            return self.exact[k]
        best: str | None = None
        best_len = 0
        for name, wk in self.words:
            if wk in k and len(wk) > best_len:
                best, best_len = name, len(wk)
        return best


def _doubt_unmapped(table: Table, unmapped: set[int]) -> None:
    """Record value columns (numbers right of a row's name) that no header label names."""
    if unmapped:
        table.doubts.append(f"有 {len(unmapped)} 列数字的表头未能识别，这些列未读取")


def _unmapped(cells: Cells, name_col: int, col_map: dict[int, str]) -> set[int]:
    return {c for c, t in cells if c > name_col and c not in col_map and t and _is_number(t)}


# ---------------------------------------------------------------------------------------
# two-sided tables: 收支总表, 财政拨款收支总表


@dataclass(slots=True)
class _Segment:
    name_col: int
    value_cols: list[int]
    side: Side  # income / expense


def _is_name(text: str) -> bool:
    # a text with a CJK character is never a number: `not _is_number(text)` would hold
    return bool(text) and _has_cjk(text)


def _line_key(name: str, side: Side) -> str | None:
    k = _line_name(name)
    if side == Side.EXPENSE:
        code = catalog.functional_class_names().get(k) or catalog.functional_class_names().get(
            k + "支出"
        )
        if code:
            return code
    found = catalog.budget_lines()[side].get(k)
    if found is None:
        return _keyed_budget_lines(side).get(k)
    return found


@cache
def _keyed_budget_lines(side: Side) -> dict[str, str]:
    """The catalog's budget lines of a side by the matching key of their printed names (the
    first name in catalog order wins a shared key)."""
    out: dict[str, str] = {}
    for alias, line_key in catalog.budget_lines()[side].items():
        out.setdefault(key(alias), line_key)
    return out


def _segments(labels: dict[int, list[str]], data: list[Cells]) -> list[_Segment]:
    """Name columns (text in data rows) and the value columns after each; the side of a
    segment is what the header above it says (收入 / 支出), else left = income."""
    text_cols: dict[int, int] = {}
    for cells in data:
        for c, t in cells:
            if _is_name(t):
                text_cols[c] = text_cols.get(c, 0) + 1
    names = sorted(c for c, n in text_cols.items() if n >= 2 or len(data) <= 2)
    if not names:
        return []
    width = max((c for cells in data for c, _ in cells), default=0) + 1
    segments: list[_Segment] = []
    for i, col in enumerate(names):
        end = names[i + 1] if i + 1 < len(names) else width
        stack = "".join(labels.get(col, []))
        if "收入" in stack and "支出" not in stack:
            side = Side.INCOME
        elif "支出" in stack:
            side = Side.EXPENSE
        else:
            side = Side.INCOME if i == 0 else Side.EXPENSE
        segments.append(_Segment(col, list(range(col + 1, end)), side))
    return segments


def _row_segments(cells: Cells, segments: list[_Segment]) -> list[tuple[_Segment, str, Cells]]:
    """A row's (segment, name, value cells): each name cell opens a segment, the cells after
    it up to the next name cell are its values (a merged total row may print its amount under
    another segment's name column)."""
    out: list[tuple[_Segment, str, Cells]] = []
    current: tuple[_Segment, str, Cells] | None = None
    for col, text in sorted(cells):
        if _is_name(text):
            seg = next((s for s in reversed(segments) if s.name_col <= col), None)
            if seg is None:
                current = None
                continue
            current = (seg, text, [])
            out.append(current)
        elif current is not None and text:
            current[2].append((col, text))
    return out


def parse_two_sided(zone: Zone, spec: TableSpec, table: Table) -> None:
    header: list[RawLine] = []
    data: list[tuple[RawLine, Cells]] = []
    labels: frozenset[str] = frozenset()
    for row, cells, texts in _content_rows(zone, table):
        if not data and not _numbers(cells):
            header.append(row)  # the first line of a 收支总表 always carries an amount
            continue
        if not data:
            labels = _header_labels(header)
        elif _repeats_header(texts, labels) and not _numbers(cells):
            continue  # the header printed again on the next page
        data.append((row, cells))
    labels_by_col = _col_labels(header)  # once for the segments, columns and labels
    segments = _segments(labels_by_col, [c for _, c in data])
    if not _ruled(zone):
        table.doubts.append("表格无框线，列按位置读取")
    col_map: dict[int, str] = {}
    if _ruled(zone):
        keyed = _KeyedVocab(spec.columns)
        for seg in segments:  # each side names its own columns
            col_map |= _column_map(labels_by_col, keyed, only=set(seg.value_cols))
    columns: list[str] = []
    parents: dict[str, str | None] = {}
    row_segments = [_row_segments(cells, segments) for _, cells in data]
    for (row, _), segs in zip(data, row_segments, strict=True):
        for seg, name, value_cells in segs:
            values: dict[str, Decimal | None] = {}
            raw: dict[str, str] = {}
            mapped = [(c, t) for c, t in value_cells if c in col_map]
            if mapped or any(c in col_map for c in seg.value_cols):
                for c in seg.value_cols:
                    if c in col_map:
                        values.setdefault(col_map[c], None)
                for c, text in mapped:
                    if text:
                        _put(values, raw, col_map[c], text, table.scale)
            else:
                # one amount column under the name (金额 / 预算数)
                values["amount"] = None
                filled = [t for _, t in value_cells if t]
                if filled:
                    _put(values, raw, "amount", filled[0], table.scale)
                    if len(filled) > 1:
                        table.doubts.append(f"“{name}”一行有多个数字而表头未标明各列")
            for canon in values:
                if canon not in columns:
                    columns.append(canon)
            ref = _line_key(name, seg.side)
            k = key(name)
            top = bool(_TOP_NUMBER.match(k))
            sub = not top and bool(_LIST_NUMBER.match(k) or _OF_WHICH.match(k))
            if not sub:
                parents[seg.side] = ref if top else None  # 一、财政拨款 opens; 合计 closes
            elif parents.get(seg.side) and ref is not None and not ref.isdigit():
                ref = f"{parents[seg.side]}.{ref}"  # 1.一般公共预算 under 一、财政拨款
            table.rows.append(
                TableRow(
                    name=name,
                    values=values,
                    raw=raw,
                    evidence=_evidence(row),
                    side=seg.side,
                    ref_code=ref,
                )
            )
    table.columns = columns
    table.column_labels = _printed_labels(labels_by_col, col_map) | (
        {"amount": "预算数"} if "amount" in columns and "amount" not in col_map.values() else {}
    )
    unmapped: set[int] = set()
    if col_map:
        for segs in row_segments:
            for seg, _name, value_cells in segs:
                if any(c in col_map for c in seg.value_cols):
                    unmapped |= _unmapped(value_cells, seg.name_col, col_map)
    _doubt_unmapped(table, unmapped)


def _printed_labels(labels: dict[int, list[str]], col_map: dict[int, str]) -> dict[str, str]:
    """The lowest header label (of ``labels``, :func:`_col_labels`) over each mapped column."""
    return {canon: (labels.get(col) or [canon])[-1] for col, canon in col_map.items()}


# ---------------------------------------------------------------------------------------
# coded tables


def parse_budget_coded(zone: Zone, spec: TableSpec, table: Table) -> None:
    """Rows by code under a header; without codes, named lines (a 收入总表 listing sources,
    a 支出总表 printed as one row of totals)."""
    header: list[RawLine] = []
    data: list[tuple[RawLine, Cells]] = []
    splits: list[_Split | None] = []  # _split_code_name of each data row, computed once
    any_coded = False
    labels: frozenset[str] = frozenset()
    for row, cells, texts in _content_rows(zone, table):
        split = _split_code_name(cells)
        coded = split is not None and split[0] is not None and _is_code(split[0])
        if not data and not (coded or _numbers(cells)):
            header.append(row)
            continue
        if not data:
            labels = _header_labels(header)
        elif _repeats_header(texts, labels) and not _numbers(cells):
            continue  # the header printed again on the next page
        data.append((row, cells))
        splits.append(split)
        any_coded = any_coded or coded
    if any_coded or not data:
        _parse_coded_rows(zone, spec, table, header, data, splits)
    else:
        _parse_named_rows(zone, spec, table, header, data)


def _parse_coded_rows(
    zone: Zone,
    spec: TableSpec,
    table: Table,
    header: list[RawLine],
    data: list[tuple[RawLine, Cells]],
    splits: list[_Split | None],
) -> None:
    if not _ruled(zone):
        # text without a grid: the final-account reader's positional rules
        parse_coded(zone, spec, table)
        table.doubts.append("表格无框线，列按位置读取")
        return
    labels = _col_labels(header)
    col_map = _column_map(labels, _KeyedVocab(spec.columns))
    columns = [col_map[c] for c in sorted(col_map)]
    if not columns and data:
        # a single value column whose header is only the table's own name ("金 额" missing)
        numeric = sorted({c for _, cells in data for c, t in cells if t and _is_number(t)})
        if len(numeric) == 1:
            col_map = {numeric[0]: "total"}
            columns = ["total"]
    table.columns = columns
    table.column_labels = _printed_labels(labels, col_map)
    unmapped: set[int] = set()
    scale = table.scale
    scaled = scale != 1  # a Decimal compared once, not for every amount
    for (row, cells), split in zip(data, splits, strict=True):
        if split is None:
            continue
        code, name, _pos, name_col = split
        if code is not None and not _is_code(code):
            table.doubts.append(f"编码“{code}”不是有效的科目编码，该行未读取")
            continue
        values: dict[str, Decimal | None] = dict.fromkeys(columns)
        raw: dict[str, str] = {}
        for c, text in cells:
            if c <= name_col or not text:
                continue
            canon = col_map.get(c)
            amount = parse_amount(text)
            if canon is not None:  # _put, inlined: this loop reads most of a budget's cells
                raw[canon] = text
                if amount is not None:
                    values[canon] = amount * scale if scaled else amount
            elif amount is not None:
                unmapped.add(c)  # a value column no header names (see _unmapped)
        # positional (name, values, raw, evidence, code): cheaper than keywords in this loop
        table.rows.append(TableRow(name, values, raw, _evidence(row), code))
    _doubt_unmapped(table, unmapped)


def _group_of(row: RawLine, groups: list[tuple[float, float, str]]) -> str | None:
    if row.bbox is None:
        return None
    mid = (row.bbox[1] + row.bbox[3]) / 2
    for y0, y1, label in groups:
        if y0 - 0.5 <= mid <= y1 + 0.5:
            return label
    return None


def _parse_named_rows(
    zone: Zone,
    spec: TableSpec,
    table: Table,
    header: list[RawLine],
    data: list[tuple[RawLine, Cells]],
) -> None:
    """Lines with a name and amounts but no code.  A label printed in a merged cell to the
    left of several lines is their group (一般公共预算资金 › 专项收入); a row of amounts with
    no name at all is the table's 合计 row (the header names its columns)."""
    labels = _col_labels(header) if _ruled(zone) else {}
    col_map = _column_map(labels, _KeyedVocab(spec.columns)) if labels else {}
    # the name cells: the rightmost text column left of the first amount
    groups: list[tuple[float, float, str]] = []
    rows_out: list[TableRow] = []
    unmapped: set[int] = set()
    for row, cells in data:
        texts = [(c, t) for c, t in cells if t]
        names = [(c, t) for c, t in texts if _is_name(t)]
        numbers = [(c, t) for c, t in texts if _is_number(t)]
        if len(names) >= 2:
            # a group label beside a line: its merged cell spans the group's rows
            group_cell = next((x for x in row.cells if key(x.text) == key(names[0][1])), None)
            if group_cell is not None and group_cell.bbox is not None:
                groups.append((group_cell.bbox[1], group_cell.bbox[3], names[0][1]))
        name = names[-1][1] if names else "合计"
        name_col = names[-1][0] if names else -1
        unmapped |= _unmapped(cells, name_col, col_map)
        values: dict[str, Decimal | None] = {}
        raw: dict[str, str] = {}
        if col_map:
            for c, text in numbers:
                if c in col_map and c > name_col:
                    values.setdefault(col_map[c], None)
                    _put(values, raw, col_map[c], text, table.scale)
            for canon in col_map.values():
                values.setdefault(canon, None)
        else:
            values["total"] = None
            if numbers:
                _put(values, raw, "total", numbers[-1][1], table.scale)
        rows_out.append(TableRow(name=name, values=values, raw=raw, evidence=_evidence(row)))
    for out, (row, _) in zip(rows_out, data, strict=True):
        group = _group_of(row, groups)
        if group is not None and key(group) != key(out.name):
            out.group = group
        table.rows.append(out)
    columns: list[str] = []
    for r in table.rows:
        for canon in r.values:
            if canon not in columns:
                columns.append(canon)
    table.columns = columns
    table.column_labels = _printed_labels(labels, col_map) if col_map else {"total": "金额"}
    if col_map:
        _doubt_unmapped(table, unmapped)


# ---------------------------------------------------------------------------------------
# items: “三公”经费 (会议费, 培训费, 机关运行经费) over a row of amounts


def _item_of(stack: list[str], items: dict[str, tuple[str, ...]]) -> str | None:
    """The item a header column names, bottom-up; 小计/合计 take the group label above."""
    for depth in range(len(stack) - 1, -1, -1):
        k = key(stack[depth])
        if k in {"小计", "合计", "总计"} or re.fullmatch(r"(20\d{2}年)?(预算数|金额|合计)", k):
            parent = next(
                (
                    found
                    for label in reversed(stack[:depth])
                    if (found := _exact_item(label, items)) is not None
                ),
                None,
            )
            if parent is not None:
                return parent
            if k in {"合计", "总计"}:
                return "total"
            continue
        found = _exact_item(stack[depth], items)
        if found is not None:
            return found
    return None


def _exact_item(label: str, items: dict[str, tuple[str, ...]]) -> str | None:
    k = re.sub(r"(预算数|预算)$", "", re.sub(r"^20\d{2}年度?", "", key(label)))
    for item, words in items.items():
        if any(k == key(w) for w in words):
            return item
    return None


def parse_items(zone: Zone, spec: TableSpec, table: Table) -> None:
    header: list[RawLine] = []
    data: list[tuple[RawLine, Cells]] = []
    for row, cells, _texts in _content_rows(zone, table):
        if _numbers(cells) and (data or len([t for _, t in cells if t]) >= 1):
            data.append((row, cells))
        elif not data:
            header.append(row)
    table.columns = ["amount"]
    table.column_labels = {"amount": "预算数"}
    labels = _col_labels(header)
    col_items = {c: item for c, stack in labels.items() if (item := _item_of(stack, spec.items))}
    vertical = not col_items or not _ruled(zone)
    if vertical:
        # items as rows: name cell + amount
        for row, cells in data:
            names = [t for _, t in cells if _is_name(t)]
            numbers = [t for _, t in cells if _is_number(t)]
            if not names or not numbers:
                continue
            item = _exact_item(names[-1], spec.items)
            if item is None:
                continue
            values: dict[str, Decimal | None] = {"amount": None}
            raw: dict[str, str] = {}
            _put(values, raw, "amount", numbers[0], table.scale)
            table.rows.append(
                TableRow(
                    name=names[-1], values=values, raw=raw, evidence=_evidence(row), ref_code=item
                )
            )
        if not _ruled(zone):
            table.doubts.append("表格无框线，项目按位置读取")
        return
    if len(data) > 1:
        table.doubts.append("“三公”经费表有多行数字，只读取第一行")
    row, cells = data[0]
    by_col = dict(cells)
    for col in sorted(col_items):
        item = col_items[col]
        text = by_col.get(col, "")
        values = {"amount": None}
        raw = {}
        if text:
            _put(values, raw, "amount", text, table.scale)
        name = next(
            (w for w in spec.items[item] if key(w) in "".join(labels[col])), spec.items[item][0]
        )
        table.rows.append(
            TableRow(name=name, values=values, raw=raw, evidence=_evidence(row), ref_code=item)
        )
    numeric = {c for c, t in cells if t and _is_number(t)}
    if numeric - set(col_items):
        table.doubts.append("有数字列的表头未能识别，这些列未读取")


# ---------------------------------------------------------------------------------------
# 政府采购预算表


PROCUREMENT_CATEGORIES = (("goods", "货物"), ("works", "工程"), ("services", "服务"))


def _category(name: str) -> str | None:
    k = _line_name(name)
    k = re.sub(r"[A-Za-z]$", "", k)  # 货物A / 工程B / 服务C
    k = re.sub(r"类$|采购$|预算$", "", k)
    for cat, word in PROCUREMENT_CATEGORIES:
        if k in {word, f"{word}类", f"政府采购{word}"}:
            return cat
    if k in {"合计", "总计"}:
        return "total"
    return None


def parse_procurement(zone: Zone, spec: TableSpec, table: Table) -> None:
    header: list[RawLine] = []
    data: list[tuple[RawLine, Cells]] = []
    for row, cells, _texts in _content_rows(zone, table):
        if not data and not _numbers(cells):
            header.append(row)
            continue
        data.append((row, cells))
    labels = _col_labels(header)
    col_map = _column_map(labels, _KeyedVocab(spec.columns)) if _ruled(zone) else {}
    amount_cols = [c for c, n in col_map.items() if n == "amount"]
    table.columns = ["amount"]
    table.column_labels = _printed_labels(labels, col_map) or {"amount": "金额"}
    if not amount_cols:
        table.doubts.append("采购金额列的表头未能识别，按每行最右侧的数字读取")
    category: str | None = None
    for row, cells in data:
        texts = [(c, t) for c, t in cells if t]
        numbers = [(c, t) for c, t in texts if _is_number(t)]
        names = [t for _, t in texts if _is_name(t)]
        amount_text = (
            next((t for c, t in numbers if c in amount_cols), None)
            if amount_cols
            else (numbers[-1][1] if numbers else None)
        )
        name = names[0] if names else ""
        cat = _category(name) if name else None
        if cat is not None and cat != "total":
            category = cat
        values: dict[str, Decimal | None] = {"amount": None}
        raw: dict[str, str] = {}
        if amount_text:
            _put(values, raw, "amount", amount_text, table.scale)
        table.rows.append(
            TableRow(
                name="／".join(names) if names else "",
                values=values,
                raw=raw,
                evidence=_evidence(row),
                ref_code=cat,
                group=None if cat is not None else category,
            )
        )


def parse_budget_table(zone: Zone, spec: TableSpec, table: Table) -> None:
    """Read a budget table of any shape into ``table``."""
    if spec.shape == "two_sided":
        parse_two_sided(zone, spec, table)
    elif spec.shape == "items":
        parse_items(zone, spec, table)
    elif spec.shape == "procurement":
        parse_procurement(zone, spec, table)
    else:
        parse_budget_coded(zone, spec, table)
