"""One root cause, one finding: the amounts a rate, share, sum or comparison of the
explanation is built on, as stated and as the tables print them.

When a stated amount is itself wrong (it disagrees with every table printing it — JS501–JS506
for a final account, JS931–JS939 for a budget report that), whatever is built on it is judged
again with the table's figure: a rate that the table's figure explains is the same mistake
and is not reported a second time.  Only a rate that neither the stated amounts nor the
tables' figures explain is reported, computed from the tables' figures and quoting the
stated ones (:func:`settle`).

Percentages are judged by interval as everywhere (``common.judge_percent``): a printed
percentage that one amount's rounding explains is info, the message quoting the figure
computed from the printed amounts and the printed one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Disclosure, DocKind, Evidence, Statement
from juesuan.model.findings import Severity
from juesuan.rules.budget_narrative._shared import agrees, cells_of
from juesuan.rules.common import (
    PercentVerdict,
    judge_ratio,
    money,
)
from juesuan.rules.narrative._restated import table_figures as final_figures
from juesuan.rules.narrative_facts import money_of


@dataclass(frozen=True, slots=True)
class TableFigure:
    """A table's printing of an amount the explanation states differently."""

    label: str  # "支出决算表合计行“基本支出”栏"
    value: Decimal  # 万元
    evidence: tuple[Evidence, ...] = ()
    certain: bool = True  # False: a value derived by convention (a budget's 人员经费 by class)


@dataclass(frozen=True, slots=True)
class Figure:
    """An amount something is built on: as stated, and the tables' figures when the stated
    amount disagrees with every table printing it (empty when it agrees or no table prints
    it)."""

    stated: Decimal
    statement: Statement | None = None
    tables: tuple[TableFigure, ...] = field(default=())

    @property
    def corrected(self) -> Decimal:
        """The table's figure (first certain one) when the stated amount is wrong, else as
        stated."""
        certain = [t for t in self.tables if t.certain]
        return certain[0].value if certain else self.stated

    def candidates(self) -> list[Decimal]:
        out = [self.stated]
        out.extend(t.value for t in self.tables if t.value not in out)
        return out

    @property
    def replaced(self) -> TableFigure | None:
        """The table figure :attr:`corrected` takes, if any."""
        return next((t for t in self.tables if t.certain), None)

    def note(self) -> str:
        """How a message names the replacement: "按表中金额 117.86 万元计（支出决算表…；说明所写
        117.88 万元与表不符）"; "" when the stated amount stands."""
        t = self.replaced
        if t is None:
            return ""
        return (
            f"按表中金额 {money(t.value)} 万元计（{t.label}；说明所写 {money(self.stated)} 万元"
            "与表不符）"
        )


def table_figures(doc: Disclosure, s: Statement | None) -> tuple[TableFigure, ...]:
    """The tables' figures of a stated amount that disagrees with every table printing it."""
    if s is None:
        return ()
    value = money_of(s)
    if value is None:
        return ()
    if doc.kind is DocKind.BUDGET:
        cells = cells_of(doc, s)
        if not cells or any(agrees(value, c) for c in cells):
            return ()
        return tuple(TableFigure(c.label, c.value, c.evidence, c.cap is None) for c in cells)
    return tuple(TableFigure(v.label, v.value, tuple(v.evidence)) for v in final_figures(doc, s))


def figure(doc: Disclosure, s: Statement | None, stated: Decimal | None = None) -> Figure | None:
    """The figure of a stated amount (None when it is not an amount of money)."""
    value = stated if stated is not None else money_of(s)
    if value is None:
        return None
    return Figure(value, s, table_figures(doc, s) if s is not None else ())


def plain(value: Decimal) -> Figure:
    """An amount no table prints (a change against last year, a total taken from a table)."""
    return Figure(value)


Judge = Callable[[tuple[Decimal, ...]], PercentVerdict | None]


@dataclass(frozen=True, slots=True)
class Settled:
    """The verdict on a printed percentage once the stated amounts' table figures are
    considered: ``values`` are the amounts it was computed from (the tables' where the
    stated ones are wrong, ``corrected``)."""

    verdict: PercentVerdict
    values: tuple[Decimal, ...]
    corrected: bool


def settle(figures: Sequence[Figure], judge: Judge) -> Settled | None:
    """Judge a percentage built on ``figures``; None when it is right or its only fault is an
    amount that disagrees with its table (reported by the amount rules).

    The stated amounts are judged first; when one of them disagrees with its table, every
    combination of stated and table figures is tried and the percentage stands if any
    explains it (at most info); otherwise it is reported as computed from the tables'
    figures."""
    stated = tuple(f.stated for f in figures)
    first = judge(stated)
    if first is None or first.severity is None:
        return None
    if not any(f.tables for f in figures):
        return Settled(first, stated, False)
    if first.severity is Severity.INFO:
        return None  # explained by the stated amounts; the amount itself is the finding
    for combo in itertools.product(*(f.candidates() for f in figures)):
        if combo == stated:
            continue
        verdict = judge(combo)
        if verdict is not None and verdict.severity in (None, Severity.INFO):
            return None  # follows the table's figure: one root cause, one finding
    corrected = tuple(f.corrected for f in figures)
    verdict = judge(corrected)
    if verdict is None or verdict.severity is None:  # pragma: no cover - tried above
        return None
    return Settled(verdict, corrected, True)


def holds(figures: Sequence[Figure], check: Callable[[tuple[Decimal, ...]], bool]) -> bool:
    """Whether ``check`` holds for some combination of stated and table figures other than
    the stated amounts alone (a sum or comparison that the tables' figures make right)."""
    if not any(f.tables for f in figures):
        return False
    stated = tuple(f.stated for f in figures)
    return any(
        check(combo)
        for combo in itertools.product(*(f.candidates() for f in figures))
        if combo != stated
    )


def table_evidence(figures: Sequence[Figure]) -> list[Evidence]:
    out: list[Evidence] = []
    for f in figures:
        t = f.replaced
        if t is not None:
            out.extend(e for e in t.evidence if e not in out)
    return out


def share_judge(printed: Decimal) -> Judge:
    """A judge of ``printed`` as the share (or completion rate) values[0] / values[1]."""

    def judge(values: tuple[Decimal, ...]) -> PercentVerdict | None:
        part, whole = values
        return judge_ratio(printed, part, whole) if whole > 0 else None

    return judge
