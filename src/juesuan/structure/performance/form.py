"""The form being read: the model object built so far and what the stages hand on to each
other (the headers read, the indicators' printed levels).

Each stage of a self-evaluation (:mod:`.fields`, :mod:`.budget`, :mod:`.indicators`,
:mod:`.totals`) is a few functions taking a :class:`Form` and a row; :mod:`.project` walks
the rows and calls them.  A target form is read the same way into a :class:`TargetForm`
(:mod:`.targets`, :mod:`.target_funds`, :mod:`.target_indicators`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from juesuan.catalog.performance import PerformanceLayout, TargetLayout, layout, target_layout
from juesuan.model import Evidence
from juesuan.model.performance import PerformanceTarget, ProjectEvaluation

if TYPE_CHECKING:
    from juesuan.structure.performance.budget import BudgetHeader
    from juesuan.structure.performance.columns import IndicatorHeader
    from juesuan.structure.performance.indicators import Printed
    from juesuan.structure.performance.rows import Row
    from juesuan.structure.performance.target_funds import PendingFund
    from juesuan.structure.performance.target_indicators import LevelCell


@dataclass(slots=True)
class Form:
    p: ProjectEvaluation
    lay: PerformanceLayout = field(default_factory=layout)
    titled: bool = False  # its own title row is the first row
    budget_header: BudgetHeader | None = None
    ind_header: IndicatorHeader | None = None
    basic_cols: dict[str, int] = field(default_factory=dict)  # targets / results column
    printed: dict[int, Printed] = field(default_factory=dict)  # id(indicator) → as printed
    pending_level1: str | None = None  # a first level printed before any indicator row

    def note(self, text: str, part: str | None) -> None:
        """Remember a reading remark; ``part`` marks that part's numbers as uncertain."""
        if text not in self.p.notes:
            self.p.notes.append(text)
        if part == "budget":
            self.p.budget_uncertain = True
        elif part == "indicators":
            self.p.indicators_uncertain = True


def new_form(name: str = "", evidence: Evidence | None = None) -> Form:
    """A form with an empty evaluation (for stage tests and the department table)."""
    return Form(ProjectEvaluation(name=name, evidence=evidence or Evidence(text="")))


@dataclass(slots=True)
class TargetForm:
    t: PerformanceTarget
    lay: PerformanceLayout = field(default_factory=layout)
    tlay: TargetLayout = field(default_factory=target_layout)
    title: Row | None = None  # its own title row
    name_row: Row | None = None  # the row its name was read from
    goals: bool = False  # a goal label has been seen: values are goal texts
    goal_cols: dict[str, int] = field(default_factory=dict)  # goal field → column
    fund_cols: dict[str, set[int]] = field(
        default_factory=lambda: {"project": set(), "annual": set()}
    )  # block → columns of the block's whole
    divisor: Decimal | None = None  # of the printed fund unit, giving 万元
    pending_funds: list[PendingFund] = field(default_factory=list)  # read when all are seen
    ind_cols: dict[str, int] = field(default_factory=dict)  # indicator header: field → column
    level_cells: list[LevelCell] = field(default_factory=list)  # level cells with a box
    printed_levels: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    row_boxes: dict[int, tuple[int | None, float] | None] = field(default_factory=dict)
    pending_levels: tuple[str | None, str | None] | None = None  # a level line of its own

    def note(self, text: str) -> None:
        if text not in self.t.notes:
            self.t.notes.append(text)

    def doubt(self, text: str) -> None:
        if text not in self.t.doubts:
            self.t.doubts.append(text)
