"""Performance self-evaluation tables (绩效自评表) → :class:`ProjectEvaluation` and
:class:`DepartmentEvaluation`.

The tables arrive as rows of cells (tab-separated text, PDF/Word tables) and are badly
damaged by the conversion to text: cells split over two lines, merged first-level cells,
labels clipped at the left edge ("额" for 总额), whole rows shifted by empty cells, the 2020
form printed one cell per line.  The reader therefore places cells by *what they are* more
than by where they are:

- a table starts at its title (catalog ``titles``) or at a 项目名称 row, and ends at the next
  table, a group heading (“1.财政拨款人员类项目”), a part heading or a numbered heading;
- budget rows are found by their fund label (fuzzy: exact, clipped prefix or suffix, in the
  printed order 总额 → 财政资金 → 财政专户管理资金 → 单位资金 → 其他资金) and read left to right:
  up to three amounts, the rate (the cell with “%”), weight, score, reason;
- indicator rows are anchored on the 指标性质 cell (=, ≥, ≤, 定性 … in any printed form);
  the cells before it are the levels and the name, the cells after it target, unit, actual,
  weight and score (the last two numbers), then the reason.  When the header gives the
  columns and the row lines up with it, positions decide; otherwise the cell types do;
- rows with no value continue the row above (a split name, a clipped level name);
- what could not be placed is written to ``notes`` and sets the ``*_uncertain`` flags.

Layout words (labels, fund names, level names, natures, claims) come from
``catalog/performance.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.catalog.performance import (
    PerformanceLayout,
    key,
    layout,
    scoring_method,
)
from juesuan.model import Disclosure, Evidence
from juesuan.model.performance import (
    BudgetLine,
    Cell,
    Claim,
    DepartmentEvaluation,
    Indicator,
    Nature,
    ProjectEvaluation,
)
from juesuan.sources.raw import RawDocument
from juesuan.structure.performance.rows import (
    Row,
    RowCell,
    extend_cell,
    form_rows,
    join_cells,
    physical_rows,
    value_cell,
)
from juesuan.structure.performance.spans import Span, find_spans, standard_lines
from juesuan.structure.performance.words import (
    TAG_RE,
    block_label,
    clean_text,
    dash,
    fuzzy,
    label_is,
    nature,
    number,
    numeric_like,
    placeholder,
    points,
    split_comparator,
)
from juesuan.structure.textutil import FULLWIDTH, parse_amount, squash

LEADING_NUMBERING = re.compile(r"^\d+[.．、]?")

BASE_FIELDS = ("target", "unit", "actual", "weight", "score", "reason")
#: Default header columns when a table prints none (the common Sichuan form): block label,
#: 一级, 二级, 三级指标, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析.
DEFAULT_COLUMNS = {
    "level1": 1,
    "level2": 2,
    "level3": 3,
    "nature": 4,
    "target": 5,
    "unit": 6,
    "actual": 7,
    "weight": 8,
    "score": 9,
    "reason": 10,
}


MEASURE_RE = re.compile(r"^([-−]?\d[\d,，]*(?:\.\d+)?)(%|％)?(.{0,10})$")


def _measure_unit(c: RowCell) -> str | None:
    """The unit printed inside a target such as “6个” or “32.35万元”."""
    m = MEASURE_RE.match(squash(c.text).translate(FULLWIDTH).lstrip("≥≤=<>》《不少低高超过于"))
    if m is None:
        return None
    return (m.group(2) or "") + m.group(3) or None


def _measure(c: RowCell) -> tuple[Cell, Nature | None, str | None]:
    """A target or result: optional comparator, number, optional unit ("不少于3个", "》=90%")."""
    nature_, comparator, t = split_comparator(squash(c.text).translate(FULLWIDTH))
    m = MEASURE_RE.match(t)
    if m is None:
        return c.cell(), nature_, comparator
    value = parse_amount(m.group(1))
    return c.cell(value, bool(m.group(2))), nature_, comparator


# ---------------------------------------------------------------------------------------
# the project table


@dataclass(slots=True)
class _BudgetHeader:
    cols: dict[str, int]  # field → column
    anchor: int | None  # column of 年度预算数 (the label column)


@dataclass(slots=True)
class _IndicatorHeader:
    cols: dict[str, int]
    known: bool  # read from the table (not the default)

    @property
    def schema(self) -> list[str]:
        return [f for f, _ in sorted(self.cols.items(), key=lambda kv: kv[1])]

    @property
    def scored(self) -> bool:
        return "weight" in self.cols or "score" in self.cols


@dataclass(slots=True)
class _Printed:
    level1: bool
    level2: bool
    cols: dict[str, int]  # field → column of the cell it came from


class _ProjectReader:
    def __init__(self, rows: list[Row], span: Span, title: Row | None) -> None:
        self.lay = layout()
        self.rows = rows
        self.span = span
        title_row = span.title or title
        first = rows[0] if rows else None
        evidence = (
            span.title.evidence if span.title is not None else first.evidence if first else None
        )
        self.p = ProjectEvaluation(
            name="",
            evidence=evidence or Evidence(text=""),
            title=clean_text(title_row.cells[0].text) if title_row and title_row.cells else None,
            category=span.category,
            funding=span.funding,
            group=span.group,
        )
        self.state = "head"
        self.budget_header: _BudgetHeader | None = None
        self.ind_header: _IndicatorHeader | None = None
        self.text_field: str | None = None
        self.basic_cols: dict[str, int] = {}
        self.printed: dict[int, _Printed] = {}
        self.pending_level1: str | None = None

    # -- notes ---------------------------------------------------------------------------

    def note(self, text: str, part: str | None) -> None:
        """Remember a reading remark; ``part`` marks that part's numbers as uncertain."""
        if text not in self.p.notes:
            self.p.notes.append(text)
        if part == "budget":
            self.p.budget_uncertain = True
        elif part == "indicators":
            self.p.indicators_uncertain = True

    # -- driver --------------------------------------------------------------------------

    def read(self) -> ProjectEvaluation:
        rows = self.rows
        i = 1 if self.span.title is not None else 0  # the title row is the span's first
        while i < len(rows):
            row = rows[i]
            i += 1
            i += self.dispatch(row, rows[i] if i < len(rows) else None)
        self.finish()
        return self.p

    def dispatch(self, row: Row, nxt: Row | None) -> int:
        lay = self.lay
        first = row.first
        if self.state == "done":
            return 0
        if label_is(first, lay.fields["name"]) and not self.p.name:
            self.read_name(row)
            return 0
        k = row.key
        department = lay.fields["department"]
        if (department[0] in k and any(c.key in department for c in row.cells)) or (
            self.state == "head" and first == "预算单位"
        ):
            self.read_units(row)
            return 0
        if first.startswith(lay.fields["signature"]):
            self.state = "done"
            return 0
        text_field = self.text_label(first)
        if text_field is not None:
            self.text_field = text_field
            self.state = "text"
            self.read_text_row(row.cells[1:], text_field)
            return 0
        if label_is(first, lay.texts["total"][:1]) or first == "合计":
            self.read_total(row)
            self.state = "total"
            return 0
        if ("预算" in k or "年初" in k) and self.is_budget_header(row):
            self.state = "budget"
            self.read_budget_header(row)
            if any(c.text.rstrip().endswith((":", "：")) for c in row.cells):
                self.read_pairs(row)
            return 0
        if ("级" in k or "指标" in k) and self.is_indicator_header(row):
            self.state = "indicators"
            return self.read_indicator_header(row, nxt)
        if "目标" in k and self.is_basic_header(row):
            self.state = "basic"
            self.read_basic(row)
            return 0
        if self.state in ("head", "basic"):
            self.read_basic(row)
        elif self.state == "budget":
            if any("（90" in c.key or "90分" in c.key for c in row.cells):
                self.note("绩效指标表头无法识别，按默认列读取", "indicators")
                self.ind_header = _IndicatorHeader(dict(DEFAULT_COLUMNS), known=False)
                self.state = "indicators"
            elif self.looks_like_indicator(row):
                self.note("未找到绩效指标表头，按指标行读取", "indicators")
                self.state = "indicators"
                self.read_indicator(row)
            else:
                self.read_budget_row(row)
        elif self.state == "indicators":
            self.read_indicator(row)
        elif self.state == "text" and self.text_field is not None:
            self.read_text_row(row.cells, self.text_field)
        return 0

    # -- header part ---------------------------------------------------------------------

    def read_name(self, row: Row) -> None:
        values = [c for c in row.cells[1:]]
        if not values:
            # “项目名称 XXX” in one cell
            rest = re.sub(r"^项目名称[:：]?", "", row.cells[0].text.strip()).strip()
            text = rest
        else:
            text = " ".join(c.text for c in values)
        text = clean_text(text)
        m = self.lay.code_pattern.match(squash(text))
        if m:
            self.p.code = m.group(1)
            self.p.name = m.group(2)
        else:
            self.p.name = text
        if self.span.title is None:
            self.p.evidence = row.evidence

    def read_units(self, row: Row) -> None:
        cells = row.cells
        lay = self.lay
        for i, c in enumerate(cells):
            k = re.sub(r"（盖章）|盖章", "", c.key)
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            if nxt is None:
                continue
            if k in lay.fields["department"]:
                self.p.department = nxt.cell()
            elif any(k.startswith(a) for a in lay.fields["implementer"]) and len(k) <= 6:
                self.p.implementer = nxt.cell()

    def is_basic_header(self, row: Row) -> bool:
        keys = {c.key for c in row.cells}
        return bool(keys & set(self.lay.fields["results"])) and bool(
            keys & set(self.lay.fields["targets"])
        )

    def basic_label(self, k: str) -> bool:
        """A label cell of the 项目基本情况 block (never content)."""
        k = re.sub(r"^[\d.．、]+", "", k)
        if not k or k in self.lay.fields["basic_labels"] or k in ("单位", "（盖章）"):
            return True
        return (
            len(k) <= 16
            and k.endswith(("情况", "概述", "目标", "情"))
            and not re.search(r"[，。；,;]", k)
        )

    def read_basic(self, row: Row) -> None:
        lay = self.lay
        for c in row.cells:
            k = c.key
            if k in lay.fields["targets"]:
                self.basic_cols.setdefault("targets", c.col)
            elif k in lay.fields["results"]:
                self.basic_cols.setdefault("results", c.col)
        impl_row = any(
            any(w in LEADING_NUMBERING.sub("", c.key) for w in lay.fields["implementation"])
            for c in row.cells
        )
        for c in row.cells:
            k = c.key
            inline = self.inline_text(c)
            if inline is not None:
                f, text = inline
                piece = RowCell(c.col, text, c.line, c.bbox)
                setattr(self.p, f, extend_cell(getattr(self.p, f), [piece]))
                continue
            if self.basic_label(k) or (len(k) <= 2 and not re.search(r"[\u4e00-\u9fff]{2}", k)):
                continue
            if re.fullmatch(r"（\d{4}年度?）", k):
                continue  # the form's year line under its title
            result_col = self.basic_cols.get("results")
            if result_col is not None and c.col >= result_col and c.col > 1:
                self.p.results = extend_cell(self.p.results, [c])
            elif impl_row:
                self.p.implementation = extend_cell(self.p.implementation, [c])
            else:
                self.p.targets = extend_cell(self.p.targets, [c])

    def inline_text(self, c: RowCell) -> tuple[str, str] | None:
        """“项目年度目标 <text>” / “年度目标完成情况 <text>” printed in one cell."""
        text = TAG_RE.sub("", c.text).strip()
        for f, labels in (("results", ("年度目标完成情况",)), ("targets", ("项目年度目标",))):
            for label in labels:
                if text.startswith(label) and len(key(text)) > len(label) + 4:
                    return f, text[len(label) :].strip()
        return None

    # -- budget --------------------------------------------------------------------------

    def is_budget_header(self, row: Row) -> bool:
        k = row.key
        if "预算执行情况（万元）" in k:
            return True
        return any(w in k for w in self.lay.budget_header) and not any(
            numeric_like(c.text) for c in row.cells if "%" not in c.text
        )

    def read_budget_header(self, row: Row) -> None:
        cols: dict[str, int] = {}
        anchor: int | None = None
        clipped = False
        for c in row.cells:
            k = c.key
            if "年度预算数" in k or "预算数（万" in k or "度预算数" in k:
                anchor = c.col
            elif "年初" in k:
                cols.setdefault("initial", c.col)
            elif "调整后" in k:
                cols.setdefault("adjusted", c.col)
            elif "执行数" in k:
                cols.setdefault("executed", c.col)
            elif "执行率" in k or k in ("行率", "预算执"):
                cols.setdefault("rate", c.col)
            elif "权重" in k or k == "重":
                cols.setdefault("weight", c.col)
                clipped = clipped or k == "重"
            elif "得分" in k or k == "分":
                cols.setdefault("score", c.col)
                clipped = clipped or k == "分"
            elif "原因" in k or k == "因":
                cols.setdefault("reason", c.col)
        if clipped:
            self.note("预算执行情况表头被截断（如“重”“分”），数字可能缺首位", "budget")
        self.budget_header = _BudgetHeader(cols, anchor)
        found = points([c.key for c in row.cells], self.lay.budget_block_words)
        if found is not None:
            self.p.budget_points = found

    def source_of(self, label: RowCell) -> tuple[str | None, bool]:
        """(source key, is a continuation of an already read line)."""
        lay = self.lay
        raw = label.key
        k = raw
        assigned = {b.source for b in self.p.budget}
        if k.startswith("其中"):
            rest = k[2:].lstrip("-－—")
            fiscal = lay.source("fiscal")
            if not rest or any(
                a.startswith(rest) or rest in a or a in rest for a in fiscal.aliases
            ):
                return "fiscal", "fiscal" in assigned
            k = rest
        candidates: list[str] = []
        for s in lay.sources:
            for a in s.aliases:
                if k == a or (len(k) >= 2 and (a.endswith(k) or a.startswith(k))):
                    candidates.append(s.key)
                    break
        if not candidates:
            candidates = [
                s.key for s in lay.sources if any(a in k for a in s.aliases if len(a) >= 3)
            ]
        if not candidates:
            return None, False
        free = [c for c in candidates if c not in assigned]
        if free:
            if len(candidates) > 1 and len(free) > 1:
                return free[0], False
            return free[0], False
        return candidates[-1], True

    def read_budget_row(self, row: Row) -> None:
        lay = self.lay
        cells = [
            c
            for c in row.cells
            if not block_label(c.key, c.text, lay.budget_block_words, ("分）", "（10分）", "情况"))
        ]
        if not cells:
            return
        if any(c.text.rstrip().endswith((":", "：")) for c in cells):
            self.read_pairs(row)
            return
        label: RowCell | None = None
        if not numeric_like(cells[0].text) and not placeholder(cells[0].text):
            label = cells[0]
            values = cells[1:]
        else:
            values = cells
        numbers = [c for c in values if numeric_like(c.text)]
        source: str | None = None
        continuation = False
        if label is not None:
            source, continuation = self.source_of(label)
        total = self.p.total
        if source is None:
            if numbers:
                self.note(f"无法归属的预算行：{row.evidence.text[:40]}", "budget")
            elif total is not None and values:
                # the 原因 cell of 总额 carried over to the next line
                total.reason = extend_cell(total.reason, [c for c in values if not dash(c.text)])
            return
        line = self.p.line(source)
        if continuation and line is not None:
            if numbers and line.adjusted is None and line.executed is None:
                self.fill_budget(line, values, row)
            elif values and total is not None and not numbers:
                total.reason = extend_cell(total.reason, [c for c in values if not dash(c.text)])
            return
        if line is None:
            line = BudgetLine(
                source=source, label=label.text if label else "", evidence=row.evidence
            )
            self.p.budget.append(line)
        if not numbers and total is not None and line is not total:
            # a fund line left blank: its 原因 cell is the rest of the 总额 reason
            dashes = [c for c in values if dash(c.text)]
            words = [c for c in values if not dash(c.text)]
            total.reason = extend_cell(total.reason, words)
            if dashes:
                self.fill_budget(line, dashes, row)
            return
        self.fill_budget(line, values, row)

    def fill_budget(self, line: BudgetLine, values: list[RowCell], row: Row) -> None:
        amounts: list[RowCell] = []
        rate: RowCell | None = None
        weight: RowCell | None = None
        score: RowCell | None = None
        reason: list[RowCell] = []
        for c in values:
            numeric = numeric_like(c.text)
            is_dash = dash(c.text)
            percent = "%" in c.text or "％" in c.text
            if rate is None and weight is None and numeric and not percent and len(amounts) < 3:
                amounts.append(c)
                continue
            if rate is None and weight is None and numeric and percent:
                rate = c
                continue
            started = rate is not None or len(amounts) == 3 or (is_dash and not amounts)
            if (numeric or is_dash) and started and not reason:
                if weight is None:
                    weight = c
                    continue
                if score is None:
                    score = c
                    continue
            reason.append(c)
        slots = ["initial", "adjusted", "executed"]
        placed: dict[str, RowCell] = {}
        if len(amounts) == 3 or self.budget_header is None:
            placed = dict(zip(slots, amounts, strict=False))
        else:
            placed = self.place_amounts(amounts, row) or dict(zip(slots, amounts, strict=False))
        for slot, c in placed.items():
            cell = value_cell(c)
            if cell.value is None:
                self.note(f"预算数字无法识别：{c.text}", "budget")
            setattr(line, slot, cell)
        if rate is not None:
            line.rate = value_cell(rate)
        if weight is not None:
            line.weight = value_cell(weight)
        if score is not None:
            line.score = value_cell(score)
        if reason:
            line.reason = extend_cell(line.reason, reason)

    def place_amounts(self, amounts: list[RowCell], row: Row) -> dict[str, RowCell] | None:
        """Fewer than three amounts: put each under the header column it lines up with."""
        header = self.budget_header
        if header is None or header.anchor is None or not amounts:
            return None
        label_col = row.cells[0].col
        offset = label_col - header.anchor
        out: dict[str, RowCell] = {}
        for c in amounts:
            col = c.col - offset
            slot = next(
                (s for s in ("initial", "adjusted", "executed") if header.cols.get(s) == col), None
            )
            if slot is None or slot in out:
                return None
            out[slot] = c
        return out

    def read_pairs(self, row: Row) -> None:
        """The 2020 form: 预算数: 32.35 | 执行数: 31.68 (and 其中-财政拨款: …)."""
        lay = self.lay
        cells = row.cells
        pairs: list[tuple[RowCell, RowCell]] = []
        for i, c in enumerate(cells):
            if c.text.rstrip().endswith((":", "：")) and i + 1 < len(cells):
                nxt = cells[i + 1]
                if numeric_like(nxt.text):
                    pairs.append((c, nxt))
        if not pairs:
            return
        label = pairs[0][0]
        k = label.key
        source: str | None
        if any(k == a for a in lay.pair_budget):
            source = "total"
        else:
            source, _ = self.source_of(label)
        if source is None or self.p.line(source) is not None:
            self.note(f"无法归属的预算行：{row.evidence.text[:40]}", "budget")
            return
        line = BudgetLine(source=source, label=label.text.rstrip(":："), evidence=row.evidence)
        for lab, val in pairs:
            cell = value_cell(val)
            lk = lab.key
            if any(lk == a for a in lay.pair_executed):
                line.executed = cell
            elif line.adjusted is None:
                line.adjusted = cell
            else:
                line.executed = cell
        self.p.budget.append(line)

    # -- indicators ----------------------------------------------------------------------

    def is_indicator_header(self, row: Row) -> bool:
        k = row.key
        lay = self.lay
        if any(w in k for w in lay.indicator_header_alone):
            return True
        return any(all(w in k for w in words) for words in lay.indicator_header_sets)

    def header_continues(self, row: Row | None) -> bool:
        if row is None or not row.cells:
            return False
        if any(nature(c.text) for c in row.cells):
            return False
        if any(numeric_like(c.text) for c in row.cells):
            return False
        words = ("性质", "值", "单位", "原因", "分析", "析", "分）", "重", "分")
        return all(len(c.key) <= 8 for c in row.cells) and any(
            any(w in c.key for w in words) for c in row.cells
        )

    def read_indicator_header(self, row: Row, nxt: Row | None) -> int:
        consumed = 0
        by_col: dict[int, str] = {c.col: c.key for c in row.cells}
        if self.header_continues(nxt):
            # a header split over two lines: the second line completes the cells the first
            # leaves unnamed (“完成” + “值”)
            assert nxt is not None
            for c in nxt.cells:
                first = by_col.get(c.col, "")
                if self.column_of(first) is None:
                    by_col[c.col] = first + c.key
            consumed = 1
        cols: dict[str, int] = {}
        for col, k in sorted(by_col.items()):
            name = self.column_of(k)
            if name is not None and name not in cols:
                cols[name] = col
            if k in self.lay.clipped_columns:
                self.note("绩效指标表头被截断（如“重”“分”），分值可能缺首位", "indicators")
        self.ind_header = _IndicatorHeader(cols, known=True)
        if "level3" not in cols or not ({"target", "actual"} & set(cols)):
            self.note("绩效指标表头不完整，按默认列读取", "indicators")
            self.ind_header = _IndicatorHeader(dict(DEFAULT_COLUMNS), known=False)
        self.p.scored = self.ind_header.scored
        found = points([c.key for c in row.cells], ("指标",))
        if found is not None and found != 10:
            self.p.indicator_points = found
        return consumed

    def column_of(self, k: str) -> str | None:
        lay = self.lay
        if re.search(r"（9|90分", k):
            return None  # the block label 绩效指标（90分）
        for name, words in lay.columns:
            if any(w in k for w in words):
                return name
        return lay.clipped_columns.get(k)

    def looks_like_indicator(self, row: Row) -> bool:
        lay = self.lay
        if any(nature(c.text) for c in row.cells):
            return True
        return any(c.key in lay.level2 for c in row.cells[:2])

    def read_indicator(self, row: Row) -> None:
        lay = self.lay
        cells = [
            c
            for c in row.cells
            if not block_label(c.key, c.text, lay.indicator_block_words, lay.indicator_block_exact)
        ]
        if not cells:
            return
        ni = next((i for i, c in enumerate(cells) if nature(c.text)), None)
        header = self.ind_header
        if ni is None and header is not None and header.known and not header.scored:
            # forms without weights (2020): the header's columns place the cells
            name_col = header.cols.get("level3", 0)
            vi = next((i for i, c in enumerate(cells) if c.col > name_col), len(cells))
            if vi == len(cells):
                self.continuation(cells, row)
                return
            pre, values, nature_cell = cells[:vi], cells[vi:], None
        elif ni is None:
            found = next((i for i, c in enumerate(cells) if numeric_like(c.text)), None)
            if found is None:
                self.continuation(cells, row)
                return
            pre, values, nature_cell = cells[:found], cells[found:], None
        else:
            pre, values, nature_cell = cells[:ni], cells[ni + 1 :], cells[ni]
        level1, level2, name, level_cols = self.levels(pre, nature_cell)
        if (name is not None and key(name) in ("指标",)) or (
            name is None and nature_cell is None and len(values) < 3
        ):
            self.note(f"跳过无法识别的指标行：{row.evidence.text[:40]}", "indicators")
            return
        ind = Indicator(level1=None, level2=None, name=name, evidence=row.evidence)
        if nature_cell is not None:
            ind.nature = nature(nature_cell.text)
            ind.nature_text = nature_cell.text
        placed = self.place_values(values, nature_cell, name_col=level_cols.get("level3"))
        cols: dict[str, int] = dict(level_cols)
        qualitative = ind.nature is Nature.QUALITATIVE
        if qualitative and "target" not in placed and "unit" in placed and "actual" in placed:
            placed["target"] = placed.pop("unit")  # 定性: the grade scale sits left of the result
        for f, c in placed.items():
            cols[f] = c[0].col
            if f in ("target", "actual"):
                cell, comparator_nature, comparator = _measure(c[0])
                if len(c) > 1:
                    cell.text += "".join(x.text for x in c[1:])
                setattr(ind, f, cell)
                if f == "target" and ind.nature is None and comparator_nature is not None:
                    ind.nature, ind.nature_text = comparator_nature, comparator
                if f == "target" and "unit" not in placed:
                    unit = _measure_unit(c[0])
                    if unit:
                        ind.unit = Cell(text=unit, line=cell.line, page=cell.page)
            elif f in ("weight", "score"):
                setattr(ind, f, value_cell(c[0]))
            else:
                setattr(ind, f, join_cells(c))
        # levels: printed, implied by the second level, or carried from the row above
        prev = self.p.indicators[-1] if self.p.indicators else None
        l2_implied = lay.level1_of.get(level2) if level2 else None
        ind.level1 = level1 or l2_implied or (prev.level1 if prev else self.pending_level1)
        if level2 is not None:
            ind.level2 = level2
        elif prev is not None and (level1 is None or level1 == prev.level1):
            ind.level2 = prev.level2
        self.printed[id(ind)] = _Printed(level1 is not None, level2 is not None, cols)
        self.p.indicators.append(ind)

    def levels(
        self, pre: list[RowCell], nature_cell: RowCell | None
    ) -> tuple[str | None, str | None, str | None, dict[str, int]]:
        lay = self.lay
        cols: dict[str, int] = {}
        if not pre:
            return None, None, None, cols
        name_cell: RowCell | None = pre[-1]
        scan = pre[:-1]
        assert name_cell is not None
        nk = name_cell.key
        if nk in lay.level2 and (len(pre) == 1 or fuzzy(pre[-2].key, lay.level1)):
            scan = pre
            name_cell = None
        level1: str | None = None
        level2: str | None = None
        matches = [(c, fuzzy(c.key, lay.level1), fuzzy(c.key, lay.level2)) for c in scan]
        prev = self.p.indicators[-1] if self.p.indicators else None
        for i, (c, l1, l2) in enumerate(matches):
            later_level2 = any(m[2] for m in matches[i + 1 :])
            if l1 and l2:
                # 满意度指标, 成本指标 name both levels: a first level when a second level
                # follows it, else the header column it sits in decides, else the row above
                header = self.ind_header
                cols_ = header.cols if header is not None and header.known else {}
                if later_level2:
                    as_level1 = level1 is None
                elif c.col == cols_.get("level1"):
                    as_level1 = True
                elif c.col == cols_.get("level2"):
                    as_level1 = False
                else:
                    as_level1 = level1 is None and (prev is None or prev.level1 != l1)
                if as_level1:
                    l2 = None
                else:
                    l1 = None
            if l1 and level1 is None and level2 is None:
                level1 = l1
                cols["level1"] = c.col
            elif l2 and level2 is None:
                level2 = l2
                cols["level2"] = c.col
            else:
                self.note(f"未识别的指标单元格：{c.text}", None)
        name = None
        if name_cell is not None:
            name = clean_text(name_cell.text)
            cols["level3"] = name_cell.col
        return level1, level2, name, cols

    def place_values(
        self, values: list[RowCell], nature_cell: RowCell | None, name_col: int | None
    ) -> dict[str, list[RowCell]]:
        header = self.ind_header or _IndicatorHeader(dict(DEFAULT_COLUMNS), known=False)
        schema = [f for f in header.schema if f in BASE_FIELDS]
        if not header.scored or not {"weight", "score"} <= set(schema):
            return self.place_positional(values, nature_cell, name_col, header) or {}
        if header.known and (nature_cell is not None or name_col is not None):
            placed = self.place_positional(values, nature_cell, name_col, header)
            if placed is not None:
                return placed
        if nature_cell is None and len(values) < 4:
            # too few cells for target, actual, weight and score: the row lost columns
            self.note(
                f"指标行缺列，只读取指标值和完成值：{values[0].line.text.strip()[:40]}",
                "indicators",
            )
            out: dict[str, list[RowCell]] = {"target": [values[0]]}
            if len(values) >= 2:
                out["actual"] = [values[-1]]
            if len(values) == 3 and not numeric_like(values[1].text):
                out["unit"] = [values[1]]
            return out
        return self.place_typed(values, nature_cell, "unit" in schema)

    def place_positional(
        self,
        values: list[RowCell],
        nature_cell: RowCell | None,
        name_col: int | None,
        header: _IndicatorHeader,
    ) -> dict[str, list[RowCell]] | None:
        cols = header.cols
        if nature_cell is not None and "nature" in cols:
            offset = nature_cell.col - cols["nature"]
        elif name_col is not None and "level3" in cols:
            offset = name_col - cols["level3"]
        elif values and "target" in cols:
            offset = values[0].col - cols["target"]
        else:
            return None
        by_col = {col + offset: f for f, col in cols.items() if f in BASE_FIELDS}
        last = max(by_col) if by_col else -1
        out: dict[str, list[RowCell]] = {}
        for c in values:
            f = by_col.get(c.col)
            if f is None:
                if c.col > last and "reason" in out:
                    out["reason"].append(c)
                    continue
                if c.col > last and not numeric_like(c.text):
                    out.setdefault("reason", []).append(c)
                    continue
                return None
            out.setdefault(f, []).append(c)
        for f in ("weight", "score"):
            if f in out and not numeric_like(out[f][0].text) and not dash(out[f][0].text):
                return None
        if any(numeric_like(c.text) for c in out.get("reason", [])):
            return None  # a number beyond the score column: the row is shifted
        if "unit" in out and number(out["unit"][0].text)[0] is not None:
            return None
        return out

    def place_typed(
        self, values: list[RowCell], nature_cell: RowCell | None, has_unit: bool
    ) -> dict[str, list[RowCell]]:
        vals = list(values)
        j = len(vals)
        while j > 0 and not numeric_like(vals[j - 1].text):
            j -= 1
        out: dict[str, list[RowCell]] = {}
        if j < len(vals):
            out["reason"] = vals[j:]
        vals = vals[:j]
        if len(vals) >= 2 and numeric_like(vals[-1].text) and numeric_like(vals[-2].text):
            out["weight"], out["score"] = [vals[-2]], [vals[-1]]
            middle = vals[:-2]
        elif vals:
            out["weight"] = [vals[-1]]
            middle = vals[:-1]
            self.note(f"指标行只有一个分值：{vals[-1].line.text.strip()[:40]}", "indicators")
        else:
            middle = []
        qualitative = nature_cell is not None and nature(nature_cell.text) is Nature.QUALITATIVE
        if len(middle) >= 3:
            out["target"], out["unit"], out["actual"] = [middle[0]], [middle[1]], [middle[2]]
            if len(middle) > 3:
                self.note(f"指标行多出单元格：{middle[3].line.text.strip()[:40]}", "indicators")
        elif len(middle) == 2:
            a, b = middle
            unit_like = not re.search(r"\d", b.text) and b.col - a.col == 1
            if has_unit and not qualitative and unit_like:
                out["target"], out["unit"] = [a], [b]
            else:
                out["target"], out["actual"] = [a], [b]
        elif len(middle) == 1:
            out["target"] = [middle[0]]
        return out

    def continuation(self, cells: list[RowCell], row: Row) -> None:
        """A row without values: the rest of split cells of the row above."""
        lay = self.lay
        prev = self.p.indicators[-1] if self.p.indicators else None
        if prev is None:
            for c in cells:
                l1 = fuzzy(c.key, lay.level1)
                if l1 and len(c.key) >= 2:
                    self.pending_level1 = l1
            return
        printed = self.printed.get(id(prev))
        merged = False
        for c in cells:
            k = c.key
            l1 = fuzzy(k, lay.level1) if len(k) >= 2 else None
            l2 = fuzzy(k, lay.level2) if len(k) >= 2 else None
            if k in lay.texts["fragments"]:
                continue
            if any(lv and lv.endswith(k) and len(k) <= 3 for lv in (prev.level1, prev.level2)):
                continue
            if prev.unit is not None and k == key(prev.unit.text):
                continue
            if l1 and printed is not None and not printed.level1 and l1 != prev.level1:
                prev.level1 = l1
                merged = True
                continue
            replaces = prev.level2 is None or (l2 is not None and l2.startswith(prev.level2))
            if l2 and l2 != prev.level2 and (replaces or not (printed and printed.level2)):
                prev.level2 = l2
                if prev.level1 is None or (printed and not printed.level1):
                    prev.level1 = lay.level1_of.get(l2, prev.level1)
                merged = True
                continue
            target = self.nearest_field(prev, c.col, printed)
            if target is None:
                continue
            merged = True
            if target == "name":
                text = clean_text(c.text)
                if prev.name and key(text).startswith(key(prev.name)):
                    prev.name = text
                else:
                    prev.name = (prev.name or "") + text
            else:
                cell = getattr(prev, target)
                if cell is None:
                    setattr(prev, target, c.cell())
                else:
                    cell.text += c.text
        if merged:
            self.note("指标行跨行，已合并续行", None)

    def nearest_field(self, ind: Indicator, col: int, printed: _Printed | None) -> str | None:
        if printed is None:
            return "name"
        candidates = {
            "name": printed.cols.get("level3"),
            "target": printed.cols.get("target"),
            "actual": printed.cols.get("actual"),
            "reason": printed.cols.get("reason"),
        }
        best: str | None = None
        best_d = 99
        for f, c in candidates.items():
            if c is None:
                continue
            d = abs(c - col)
            if d < best_d:
                best, best_d = f, d
        if best is None:
            return "name" if ind.name is not None else None
        last = max(v for v in printed.cols.values())
        if col > last:
            return "reason"
        return best

    # -- totals and texts ----------------------------------------------------------------

    def read_total(self, row: Row) -> None:
        nums = [c for c in row.cells[1:] if numeric_like(c.text)]
        self.p.total_evidence = row.evidence
        if len(nums) >= 2:
            self.p.total_weight = value_cell(nums[-2])
            self.p.total_score = value_cell(nums[-1])
        elif len(nums) == 1:
            cell = value_cell(nums[0])
            if cell.value == 100 and self.p.scored:
                self.p.total_weight = cell
            else:
                self.p.total_score = cell
        if len(nums) > 2:
            self.note("合计行多出数字", "indicators")

    def text_label(self, first: str) -> str | None:
        texts = self.lay.texts
        for f in ("conclusion", "problems", "measures"):
            if label_is(first, texts[f]):
                if len(first) > 6 and not any(first == a for a in texts[f]):
                    return None  # the label glued to text: not a label cell
                return f
        return None

    def read_text_row(self, cells: list[RowCell], f: str) -> None:
        texts = [c for c in cells if c.key not in self.lay.texts["fragments"]]
        if not texts:
            return
        setattr(self.p, f, extend_cell(getattr(self.p, f), texts))

    # -- after reading -------------------------------------------------------------------

    def finish(self) -> None:
        p = self.p
        lay = self.lay
        if self.rows:
            p.end_line = max(ln.line for r in self.rows for ln in r.lines)
        if p.scored and not p.budget:
            self.note("未读到预算执行情况", "budget")
        if p.scored and not p.indicators:
            self.note("未读到绩效指标", "indicators")
        if p.conclusion is not None:
            p.claims = _claims(p.conclusion, lay)
        self.doubts()
        for cell in (
            p.conclusion,
            p.problems,
            p.total.reason if p.total else None,
            p.results,
            p.implementation,
            p.targets,
        ):
            if cell is None:
                continue
            t = squash(cell.text)
            marker = next((m for m in lay.cancel_markers if m in t), None)
            if marker is not None:
                p.cancelled = Evidence(text=marker, page=cell.page, line=cell.line)
                break

    def doubts(self) -> None:
        """What makes the form's numbers as a whole doubtful (``doubts``)."""
        p = self.p
        ts = p.total_score
        if ts is not None and ts.value is None and not dash(ts.text):
            p.doubts.append(f"合计得分印为“{ts.text.strip()}”，无法读取")
        if not p.scored:
            return
        m = scoring_method()
        maximum = (p.budget_points or m.budget_points) + (p.indicator_points or m.indicator_points)
        total = p.total
        budget_score = total.score.value if total is not None and total.score else None
        scores = [i.score.value for i in p.indicators if i.score is not None and i.score.value]
        printed = sum(scores, budget_score or Decimal(0))
        if printed > maximum:
            p.doubts.append(
                f"各项得分之和 {printed:f} 分超过满分 {maximum:f} 分"
                "（表格可能多读了行，或分值、得分填错）"
            )
            p.scores_doubtful = True


def _claims(cell: Cell, lay: PerformanceLayout) -> list[Claim]:
    text = squash(cell.text).translate(FULLWIDTH)
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, Claim]] = []
    for c in lay.claims:
        for m in c.pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            unit = "%" if c.kind == "rate" else "分"
            ev = Evidence(text=m.group(0), page=cell.page, line=cell.line)
            out.append((s, Claim(c.kind, Decimal(m.group(1)), unit, ev)))
    return [c for _, c in sorted(out, key=lambda x: x[0])]


# ---------------------------------------------------------------------------------------
# the department table


def _read_department(rows: list[Row], span: Span) -> DepartmentEvaluation:
    title_row = span.title
    title = clean_text(title_row.cells[0].text) if title_row and title_row.cells else ""
    dept = DepartmentEvaluation(
        title=title, evidence=title_row.evidence if title_row else rows[0].evidence
    )
    reader = _ProjectReader(rows, span, None)
    reader.state = "indicators"
    for i, row in enumerate(rows):
        if title_row is not None and i == 0:
            continue
        if reader.is_indicator_header(row):
            reader.read_indicator_header(row, None)
            continue
        if reader.ind_header is None:
            continue
        if label_is(row.first, ("合计",)):
            reader.read_total(row)
            continue
        reader.read_indicator(row)
    dept.indicators = reader.p.indicators
    dept.total_weight = reader.p.total_weight
    dept.total_score = reader.p.total_score
    dept.notes = reader.p.notes
    return dept


# ---------------------------------------------------------------------------------------
# entry point


def _scoring_columns(reader: _ProjectReader) -> bool:
    """The columns of scoring: 权重/分值 and 得分 with 完成值 (indicators) or with 执行数 /
    执行率 (budget execution)."""
    ind = reader.ind_header
    if ind is not None and ind.known and {"weight", "score", "actual"} <= set(ind.cols):
        return True
    budget = reader.budget_header
    return (
        budget is not None
        and {"weight", "score"} <= set(budget.cols)
        and bool({"executed", "rate"} & set(budget.cols))
    )


def _evaluation_header(reader: _ProjectReader) -> bool:
    """Header words of a self-evaluation without its scoring columns: 执行数 / 执行率 of the
    budget block, or 完成值 of the indicators."""
    ind = reader.ind_header
    budget = reader.budget_header
    return (ind is not None and ind.known and "actual" in ind.cols) or (
        budget is not None and bool({"executed", "rate"} & set(budget.cols))
    )


def _target_columns(rows: list[Row]) -> bool:
    """An indicator header with 指标值 but no 完成值 and no 得分 (the planned values only)."""
    lay = layout()
    for row in rows:
        k = row.key
        if any(all(w in k for w in words) for words in lay.indicator_header_sets):
            return "完成" not in k and "得分" not in k
    return False


HEADER_ONLY = "没有标题，也没有权重（分值）、得分列，只凭表头词语识别"


def read_performance(raw: RawDocument, doc: Disclosure) -> None:
    """Find every self-evaluation and performance-target form in ``raw`` and put it into
    ``doc``: ``doc.evaluations``, ``doc.department_evaluation``, ``doc.targets``.

    A form counts as a self-evaluation by its own structure: a title naming one (its own or
    the 附表 title it is printed under), or the columns of scoring.  Rows of the standard
    tables (收支总表, 机关运行经费, 政府采购, “三公”…) are never read as forms.
    """
    from juesuan.structure.performance_targets import has_target_structure, read_target

    lay = layout()
    phys = physical_rows(raw)
    for span in find_spans(phys, lay, standard_lines(doc)):
        part = phys[span.start : span.end]
        rows = form_rows(part)
        if not rows:
            continue
        if span.kind == "department":
            if doc.department_evaluation is None:
                doc.department_evaluation = _read_department(rows, span)
            continue
        titled_target = span.kind in ("target", "target_department") or (
            span.kind == "untitled" and span.shared_kind == "target"
        )
        if titled_target and (_target_columns(rows) or not _has_evaluation_columns(rows, span)):
            scope = "department" if span.kind == "target_department" else "project"
            target = read_target(rows, span.title, scope)
            if target.name and (target.funds or target.indicators):
                doc.targets.append(target)
            continue
        shared = span.shared if span.shared_kind == "project" else None
        reader = _ProjectReader(rows, span, shared)
        project = reader.read()
        if not project.name:
            continue
        if span.kind == "project" or span.kind.startswith("target"):
            project.recognised_by = "title" if span.kind == "project" else "columns"
        elif shared is not None and (reader.budget_header or reader.ind_header):
            project.recognised_by = "title"
        elif _scoring_columns(reader):
            project.recognised_by = "columns"
        elif has_target_structure(rows) and _target_columns(rows):
            target = read_target(rows, None, "project")
            target.recognised_by = "header"
            target.doubts.insert(0, f"绩效目标表{HEADER_ONLY}")
            if target.name and (target.funds or target.indicators):
                doc.targets.append(target)
            continue
        elif _evaluation_header(reader):
            project.recognised_by = "header"
            project.doubts.insert(0, f"绩效自评表{HEADER_ONLY}")
        else:
            continue  # not a form: a 项目名称 column of some other table
        doc.evaluations.append(project)


def _has_evaluation_columns(rows: list[Row], span: Span) -> bool:
    """A form titled as a target whose columns are those of a self-evaluation (完成值, 得分)."""
    reader = _ProjectReader(rows, span, None)
    reader.read()
    return _scoring_columns(reader)
