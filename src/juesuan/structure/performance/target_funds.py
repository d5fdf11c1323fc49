"""The fund lines of a target form (项目资金总额 with its parts, 年度资金申请总额 with 当年财政
拨款 / 上年结转资金 / 其他资金), in 万元.

Fund labels (catalog ``[targets.funds]``) take the next value cell of their row.  The block a
line belongs to (项目资金 or 年度资金) comes from the catalog or, for labels printed on both
sides (其他资金), from the column of the block's whole.  The lines are made once the whole
header is read: the unit may be printed after the first amounts (“项目资金（元）”).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.catalog.performance import TargetFund
from juesuan.model import Evidence
from juesuan.model.performance import FundLine
from juesuan.sources.raw import BBox
from juesuan.structure.performance.form import TargetForm
from juesuan.structure.performance.rows import RowCell
from juesuan.structure.performance.words import dash, number

BLOCK_ORDER = {"project": 0, "annual": 1}


@dataclass(frozen=True, slots=True)
class PendingFund:
    fund: TargetFund
    label: RowCell
    value: RowCell | None


def remember_fund(
    form: TargetForm, fund: TargetFund, label: RowCell, value: RowCell | None
) -> None:
    """A fund label and its value cell; the line is made when the unit is known."""
    if fund.block != "auto" and fund.key == "total":
        form.fund_cols[fund.block].add(label.col)
    form.pending_funds.append(PendingFund(fund, label, value))


def block_of(fund: TargetFund, label: RowCell, fund_cols: dict[str, set[int]]) -> str:
    """The block of a fund line: the catalog's, else the block whose whole is printed in the
    same column, else the nearest whole to the left, else 年度资金."""
    if fund.block != "auto":
        return fund.block
    for block in ("project", "annual"):
        if label.col in fund_cols[block]:
            return block
    left = [(col, b) for b, cols in fund_cols.items() for col in cols if col <= label.col]
    if left:
        return max(left)[1]
    return "annual"


def _bbox(label: RowCell, value: RowCell | None) -> BBox | None:
    """The box around a fund line's label and value cells (either may have none)."""
    box = label.bbox
    other = value.bbox if value is not None else None
    if box is None:
        box, other = other, None
    if box is None:
        return None
    x0, y0, x1, y1 = box[0], box[1], box[2], box[3]
    if other is not None:  # the first of equal coordinates kept, as min() and max() keep it
        x0 = other[0] if other[0] < x0 else x0
        y0 = other[1] if other[1] < y0 else y0
        x1 = other[2] if other[2] > x1 else x1
        y1 = other[3] if other[3] > y1 else y1
    return (x0, y0, x1, y1)


def make_funds(form: TargetForm) -> None:
    """The fund lines in 万元, each block's whole first, then its parts in catalog order."""
    if not form.pending_funds:
        return
    t = form.t
    divisor = form.divisor
    unit = t.fund_unit or "万元"
    if divisor is None:
        divisor = Decimal(1)
        form.doubt("资金单位未印出，按万元读取")
    seen: set[tuple[str, str]] = set()
    for pending in form.pending_funds:
        fund, label, value = pending.fund, pending.label, pending.value
        block = block_of(fund, label, form.fund_cols)
        if (block, fund.key) in seen:
            form.note(f"重复的资金行：{label.text}")
            continue
        seen.add((block, fund.key))
        text = value.text.strip() if value is not None else ""
        amount: Decimal | None = None
        if text and not dash(text):
            read, pct = number(text)
            if read is not None and not pct:
                amount = read / divisor if divisor != 1 else read
            else:
                form.doubt(f"资金金额无法读取：{label.text.strip()} {text}")
        evidence = Evidence(
            text="\t".join(x for x in (label.text.strip(), text) if x),
            page=label.line.page,
            line=(value or label).line.line,
            bbox=_bbox(label, value),
        )
        t.funds.append(
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
    for i, fund in enumerate(form.tlay.funds):
        order.setdefault(fund.key, i)
    t.funds.sort(key=lambda f: (BLOCK_ORDER.get(f.block, 2), f.key != "total", order[f.key]))
