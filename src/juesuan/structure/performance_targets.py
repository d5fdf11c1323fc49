"""Budget performance-target forms (绩效目标表) → :class:`PerformanceTarget`.

A target form states what a project plans, not what it achieved: its header (项目名称,
主管部门, 实施单位, 项目性质, 项目类别, planned dates), its fund lines (项目资金总额 with its
parts, 年度资金申请总额 with 当年财政拨款 / 上年结转资金 / 其他资金), its goals (项目总目标,
年度总体目标) and its indicators (一级/二级/三级指标 and the planned 指标值).  There are no
完成值, no 权重 and no 得分: a form with those columns is a self-evaluation and is read by
:mod:`juesuan.structure.performance`, which also finds the forms (spans, recognise) and
hands each target form's rows to :func:`read_target`.

The reader places cells by what they are, as the self-evaluation reader does:

- header labels (catalog ``[targets.fields]``) take the next cell of their row as value; a
  value glued before the next label (“阶段性项目项目类别”) is split off;
- fund labels (``[targets.funds]``) take the next numeric cell; the block a line belongs to
  (项目资金 or 年度资金) comes from the catalog or, for labels printed on both sides
  (其他资金), from the column of the block's whole; amounts are converted to 万元 with the unit
  printed for the block (“项目资金（元）”);
- goal texts go under the goal label of their column;
- indicator rows are placed by the header's columns; the first- and second-level cells are
  merged over many rows and printed in the middle of their block, so in a PDF a row takes
  the level cell whose box covers it; without geometry the level printed above is carried
  down (and the first rows take the first level printed, marked ``levels_inferred``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.catalog.performance import (
    TargetFund,
    TargetLayout,
    key,
    layout,
    target_layout,
)
from juesuan.model import Evidence
from juesuan.model.performance import (
    Cell,
    FundLine,
    Nature,
    PerformanceTarget,
    TargetIndicator,
)
from juesuan.structure.performance.rows import Row, RowCell
from juesuan.structure.performance.words import (
    clean_text,
    dash,
    fuzzy,
    number,
    numeric_like,
    split_comparator,
)
from juesuan.structure.textutil import FULLWIDTH, parse_amount, squash

#: A measure: number, then an optional unit, bare or in brackets (“13459.00(平方米)”, “90%”).
MEASURE = re.compile(
    r"^([-−]?\d[\d,]*(?:\.\d+)?)(?:[(（]([^()（）\d]{1,8})[)）]|([^()（）\d]{0,4}))$"
)
UNIT_IN_LABEL = re.compile(r"(?:单位[:：]?\s*|[(（])(万元|元)[)）]?")
HEADER_FIELDS = ("name", "department_name", "department", "implementer", "nature", "category")
HEADER_FIELDS_MORE = ("start", "end", "period")


def parse_measure(text: str) -> tuple[Nature | None, str | None, Decimal, str | None] | None:
    """(operator, operator as printed, number, unit) of a 指标值 that is a measure, else None.

    “≥13459.00(平方米)” → (≥, “≥”, 13459.00, 平方米); “不低于50%” → (≥, “不低于”, 50, %);
    “90.00(度)” → (None, None, 90.00, 度); “满意率100%” and “居民区全覆盖” → None (text).
    """
    operator, printed, t = split_comparator(squash(text).translate(FULLWIDTH))
    m = MEASURE.match(t)
    if m is None:
        return None
    amount = parse_amount(m.group(1))
    if amount is None:
        return None
    unit = m.group(2) or m.group(3) or None
    return operator, printed, amount, unit


@dataclass(slots=True)
class _LevelCell:
    level: int  # 1 or 2
    name: str
    page: int | None
    top: float
    bottom: float


class _TargetReader:
    def __init__(self, rows: list[Row], title: Row | None, scope: str) -> None:
        self.lay = layout()
        self.tlay: TargetLayout = target_layout()
        self.rows = rows
        self.title = title
        title_text = clean_text(title.cells[0].text) if title and title.cells else None
        evidence = title.evidence if title is not None else rows[0].evidence
        self.t = PerformanceTarget(name="", evidence=evidence, scope=scope, title=title_text)
        self.state = "head"
        self.goal_cols: dict[str, int] = {}
        self.ind_cols: dict[str, int] = {}
        self.fund_cols: dict[str, set[int]] = {"project": set(), "annual": set()}
        self.divisor: Decimal | None = None
        self.pending_funds: list[tuple[TargetFund, RowCell, RowCell | None, Row]] = []
        self.level_cells: list[_LevelCell] = []
        self.printed_levels: dict[int, tuple[str | None, str | None]] = {}
        self.row_boxes: dict[int, tuple[int | None, float] | None] = {}
        self.name_row: Row | None = None
        self.pending_levels: tuple[str | None, str | None] | None = None

    def note(self, text: str) -> None:
        if text not in self.t.notes:
            self.t.notes.append(text)

    def doubt(self, text: str) -> None:
        if text not in self.t.doubts:
            self.t.doubts.append(text)

    # -- driver ----------------------------------------------------------------------------

    def read(self) -> PerformanceTarget:
        start = 1 if self.title is not None and self.rows and self.rows[0] is self.title else 0
        for row in self.rows[start:]:
            if self.state != "indicators" and self.is_indicator_header(row):
                self.read_indicator_header(row)
                self.state = "indicators"
                continue
            if self.state == "indicators":
                if self.ends(row):
                    break
                if not self.is_indicator_header(row):  # a header repeated after a page break
                    self.read_indicator(row)
                continue
            self.read_head_row(row)
        self.finish()
        return self.t

    def ends(self, row: Row) -> bool:
        first = row.first
        return first.startswith(("填报人", "填表人", "审核人", "联系人", "联系电话", "填报说明"))

    # -- header part -----------------------------------------------------------------------

    def field_of(self, k: str) -> tuple[str, str] | None:
        """(field, glued value) of a label cell: exact, or a value glued before the label."""
        fields = self.tlay.fields
        for f in (*HEADER_FIELDS, *HEADER_FIELDS_MORE):
            if k in fields[f]:
                return f, ""
        for f in (*HEADER_FIELDS, *HEADER_FIELDS_MORE):
            for label in fields[f]:
                if len(label) >= 4 and k.endswith(label) and len(k) > len(label):
                    return f, k[: -len(label)]
        return None

    def goal_of(self, k: str) -> str | None:
        fields = self.tlay.fields
        if k in fields["annual_goal"]:
            return "annual_goal"
        if k in fields["overall_goal"]:
            return "overall_goal"
        return None

    def is_label(self, c: RowCell) -> bool:
        k = c.key
        return (
            self.field_of(k) is not None
            or self.goal_of(k) is not None
            or self.tlay.fund(k) is not None
            or k in self.tlay.fields["block_labels"]
            or self.unit_of(c.text) is not None
        )

    def unit_of(self, text: str) -> str | None:
        k = key(text)
        if not any(w in k for w in ("资金", "金额", "单位")) or len(k) > 16:
            return None
        m = UNIT_IN_LABEL.search(k)
        return m.group(1) if m else None

    def tokens(self, row: Row) -> list[tuple[str, str | None, RowCell]]:
        """The row's cells as (kind, field, cell); a value glued before a label is split off.

        Kinds: ``label`` (a header field), ``fund``, ``unit``, ``goal``, ``block`` (a label of
        the form that names no field), ``value``.
        """
        out: list[tuple[str, str | None, RowCell]] = []
        for c in row.cells:
            if self.unit_of(c.text) is not None:
                out.append(("unit", self.unit_of(c.text), c))
            elif self.tlay.fund(c.key) is not None:
                out.append(("fund", None, c))
            elif self.goal_of(c.key) is not None:
                out.append(("goal", self.goal_of(c.key), c))
            elif c.key in self.tlay.fields["block_labels"]:
                out.append(("block", None, c))
            elif (found := self.field_of(c.key)) is not None:
                f, glued = found
                if glued:
                    out.append(("value", None, RowCell(c.col, glued, c.line, c.bbox)))
                out.append(("label", f, c))
            else:
                out.append(("value", None, c))
        return out

    def read_head_row(self, row: Row) -> None:
        tokens = self.tokens(row)
        if any(kind == "goal" for kind, _, _ in tokens):
            self.state = "goals"
        used: set[int] = set()
        for i, (kind, f, c) in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            value = nxt[2] if nxt is not None and nxt[0] == "value" else None
            if kind == "unit":
                self.t.fund_unit = f
                self.divisor = self.tlay.fund_units.get(f or "")
            elif kind == "fund":
                fund = self.tlay.fund(c.key)
                assert fund is not None
                self.remember_fund(fund, c, value, row)
                used.add(i + 1)
            elif kind == "goal":
                assert f is not None
                self.goal_cols[f] = c.col
                if value is not None:
                    self.set_text(f, value)  # the text beside its label
                    used.add(i + 1)
            elif kind == "label" and value is not None:
                assert f is not None
                self.set_field(f, value, row)
                used.add(i + 1)
        if self.state == "goals":
            for i, (kind, _, c) in enumerate(tokens):
                if kind == "value" and i not in used:
                    self.goal_text(c)

    def set_field(self, f: str, c: RowCell, row: Row) -> None:
        if f in ("name", "department_name"):
            if not self.t.name or f == "name":
                self.t.name = clean_text(c.text)  # as findings name it (cf. printed_name)
                self.name_row = row
            return
        cell = Cell(text=c.text.strip(), line=c.line.line, page=c.line.page, bbox=c.bbox)
        if getattr(self.t, f) is None:
            setattr(self.t, f, cell)

    def goal_text(self, c: RowCell) -> None:
        if not self.goal_cols:
            return
        left = [(col, f) for f, col in self.goal_cols.items() if col <= c.col]
        if left:
            f = max(left)[1]
        else:
            f = min((abs(col - c.col), f) for f, col in self.goal_cols.items())[1]
        self.set_text(f, c)

    def set_text(self, f: str, c: RowCell) -> None:
        current = getattr(self.t, f)
        if current is None:
            setattr(self.t, f, c.cell())
        else:
            current.text += c.text

    def remember_fund(
        self, fund: TargetFund, label: RowCell, value: RowCell | None, row: Row
    ) -> None:
        if fund.block != "auto" and fund.key == "total":
            self.fund_cols[fund.block].add(label.col)
        self.pending_funds.append((fund, label, value, row))

    def block_of(self, fund: TargetFund, label: RowCell) -> str:
        if fund.block != "auto":
            return fund.block
        for block in ("project", "annual"):
            if label.col in self.fund_cols[block]:
                return block
        # the nearest whole to the left
        left = [(col, b) for b, cols in self.fund_cols.items() for col in cols if col <= label.col]
        if left:
            return max(left)[1]
        return "annual"

    def make_funds(self) -> None:
        """The fund lines in 万元, each block's whole first, then its parts in catalog order."""
        if not self.pending_funds:
            return
        divisor = self.divisor
        unit = self.t.fund_unit or "万元"
        if divisor is None:
            divisor = Decimal(1)
            self.doubt("资金单位未印出，按万元读取")
        seen: set[tuple[str, str]] = set()
        for fund, label, value, _row in self.pending_funds:
            block = self.block_of(fund, label)
            if (block, fund.key) in seen:
                self.note(f"重复的资金行：{label.text}")
                continue
            seen.add((block, fund.key))
            text = value.text.strip() if value is not None else ""
            amount: Decimal | None = None
            if text and not dash(text):
                read, pct = number(text)
                if read is not None and not pct:
                    amount = read / divisor if divisor != 1 else read
                else:
                    self.doubt(f"资金金额无法读取：{label.text.strip()} {text}")
            boxes = [b for b in (label.bbox, value.bbox if value else None) if b is not None]
            bbox = (
                (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                )
                if boxes
                else None
            )
            evidence = Evidence(
                text="\t".join(x for x in (label.text.strip(), text) if x),
                page=label.line.page,
                line=(value or label).line.line,
                bbox=bbox,
            )
            self.t.funds.append(
                FundLine(
                    block=block,
                    key=fund.key,
                    label=label.text.strip(),
                    text=text,
                    amount=amount,
                    unit=unit,
                    evidence=evidence,
                )
            )
        order: dict[str, int] = {}
        for i, fund in enumerate(self.tlay.funds):
            order.setdefault(fund.key, i)
        blocks = {"project": 0, "annual": 1}
        self.t.funds.sort(key=lambda f: (blocks.get(f.block, 2), f.key != "total", order[f.key]))

    # -- indicators ------------------------------------------------------------------------

    def is_indicator_header(self, row: Row) -> bool:
        k = row.key
        return any(all(w in k for w in words) for words in self.lay.indicator_header_sets)

    def read_indicator_header(self, row: Row) -> None:
        cols: dict[str, int] = {}
        for c in row.cells:
            name = self.column_of(c.key)
            if name is not None and name not in cols:
                cols[name] = c.col
        self.ind_cols = cols
        if "target" not in cols:
            self.doubt("绩效指标表头没有“指标值”列，按位置读取")

    def column_of(self, k: str) -> str | None:
        for name, words in self.lay.columns:
            if any(w in k for w in words):
                return name
        return None

    def levels_in(self, c: RowCell) -> tuple[str | None, str | None]:
        """(level 1, level 2) a cell names: one of them, both glued, or neither."""
        lay = self.lay
        k = c.key
        if len(k) < 2:
            return None, None
        l2 = fuzzy(k, lay.level2) if k in lay.level2 or len(k) >= 3 else None
        l1 = fuzzy(k, lay.level1) if k in lay.level1 or len(k) >= 3 else None
        if l1 and l2:
            # 满意度指标 / 成本指标 name both levels: the column decides
            if c.col == self.ind_cols.get("level2"):
                return None, l2
            return l1, None
        if l1 or l2:
            return l1, l2
        for first in sorted(lay.level1, key=len, reverse=True):
            rest = k[len(first) :]
            if k.startswith(first) and rest in lay.level2:
                return first, rest
        return None, None

    def field_at(self, col: int) -> str | None:
        """The header field of a column: exact, else the nearest header column to its left."""
        if not self.ind_cols:
            return None
        for f, c in self.ind_cols.items():
            if c == col:
                return f
        left = [(c, f) for f, c in self.ind_cols.items() if c <= col]
        return max(left)[1] if left else None

    def read_indicator(self, row: Row) -> None:
        level1: str | None = None
        level2: str | None = None
        by_field: dict[str, list[RowCell]] = {}
        for c in row.cells:
            if c.key in self.tlay.fields["block_labels"] or c.key in ("绩效", "指标"):
                continue
            f = self.field_at(c.col)
            if f in ("level1", "level2") or f is None:
                l1, l2 = self.levels_in(c)
                if not (l1 or l2) and f is not None:
                    # a level name the catalog does not know: kept as printed
                    text = clean_text(c.text)
                    l1, l2 = (text, None) if f == "level1" else (None, text)
                    self.note(f"未识别的指标层级名称：{text}")
                if l1 or l2:
                    level1 = level1 or l1
                    level2 = level2 or l2
                    self.remember_level(c, l1, l2)
                continue
            if f in ("actual", "score", "reason"):
                self.note(f"目标表中出现{f}列的单元格：{c.text[:20]}")
                continue
            by_field.setdefault(f, []).append(c)
        name_cells = by_field.get("level3", [])
        value_cells = by_field.get("target", [])
        if not name_cells and not value_cells:
            if level1 or level2:  # a merged level cell printed on a line of its own
                self.pending_levels = (level1, level2)
            return
        if not name_cells and self.t.indicators and value_cells:
            # the rest of the row above (a value split over two lines)
            prev = self.t.indicators[-1]
            if prev.value is not None:
                prev.value.text += "".join(c.text for c in value_cells)
                self.parse_value(prev)
                self.note("指标值跨行，已合并续行")
                return
        name = clean_text("".join(c.text for c in name_cells)) if name_cells else None
        ind = TargetIndicator(level1=None, level2=None, name=name, evidence=row.evidence)
        if value_cells:
            first = value_cells[0]
            ind.value = Cell(
                text="".join(c.text for c in value_cells).strip(),
                line=first.line.line,
                page=first.line.page,
                bbox=first.bbox,
            )
        nature = by_field.get("nature")
        if nature:
            v = self.lay.natures.get(squash(nature[0].text))
            if v and v != "定性":
                ind.operator, ind.operator_text = Nature(v), nature[0].text.strip()
        unit = by_field.get("unit")
        if unit:
            ind.unit = unit[0].text.strip()
        weight = by_field.get("weight")
        if weight and numeric_like(weight[0].text):
            ind.weight = weight[0].cell(*number(weight[0].text))
        self.parse_value(ind)
        if self.pending_levels is not None:
            level1 = level1 or self.pending_levels[0]
            level2 = level2 or self.pending_levels[1]
            self.pending_levels = None
        self.printed_levels[id(ind)] = (level1, level2)
        box = row.line.bbox
        self.row_boxes[id(ind)] = (
            (row.line.page, (box[1] + box[3]) / 2) if box is not None else None
        )
        self.t.indicators.append(ind)

    def parse_value(self, ind: TargetIndicator) -> None:
        if ind.value is None or not ind.value.text.strip():
            return
        parsed = parse_measure(ind.value.text)
        if parsed is None:
            return
        operator, printed, amount, unit = parsed
        if operator is not None:
            ind.operator, ind.operator_text = operator, printed
        ind.number = amount
        ind.value.value = amount
        ind.value.percent = unit in ("%", "％")
        if unit and not ind.unit:
            ind.unit = unit

    def remember_level(self, c: RowCell, l1: str | None, l2: str | None) -> None:
        if c.bbox is None:
            return
        for level, name in ((1, l1), (2, l2)):
            if name:
                self.level_cells.append(_LevelCell(level, name, c.line.page, c.bbox[1], c.bbox[3]))

    def place_levels(self) -> None:
        """Each indicator's levels: printed on its row, else the merged cell whose box covers
        the row (PDF), else carried down from the row above."""
        level1_of = self.lay.level1_of
        last1: str | None = None
        last2: str | None = None
        pending: list[TargetIndicator] = []  # rows above the first printed level
        for ind in self.t.indicators:
            p1, p2 = self.printed_levels.get(id(ind), (None, None))
            where = self.row_boxes.get(id(ind))
            if where is not None:
                p1 = p1 or self.covering(1, where)
                p2 = p2 or self.covering(2, where)
            l1 = p1 or (level1_of.get(p2) if p2 else None) or last1
            l2 = p2
            if l2 is None and last2 is not None and level1_of.get(last2) in (None, l1):
                l2 = last2
            ind.level1, ind.level2 = l1, l2
            if l1 is None and l2 is None:
                pending.append(ind)
            last1, last2 = l1, l2
        if pending:
            first = next((i for i in self.t.indicators if i.level1 or i.level2), None)
            for ind in pending:
                if first is not None:
                    ind.level1, ind.level2 = first.level1, first.level2
                ind.levels_inferred = True
            self.note("部分指标没有印出一级、二级指标，按下方的合并单元格推定")

    def covering(self, level: int, where: tuple[int | None, float]) -> str | None:
        page, y = where
        for lc in self.level_cells:
            if lc.level == level and lc.page == page and lc.top <= y <= lc.bottom:
                return lc.name
        return None

    # -- after reading ---------------------------------------------------------------------

    def finish(self) -> None:
        t = self.t
        self.make_funds()
        self.place_levels()
        if self.rows:
            t.end_line = max(ln.line for r in self.rows for ln in r.lines)
        if not t.name:
            t.name = t.title or ""
        if self.name_row is not None and self.title is None:
            t.evidence = self.name_row.evidence
        if not t.indicators:
            self.note("未读到绩效指标")


def read_target(rows: list[Row], title: Row | None, scope: str) -> PerformanceTarget:
    """Read one target form from its rows (``title`` is its own title row, if printed)."""
    return _TargetReader(rows, title, scope).read()
