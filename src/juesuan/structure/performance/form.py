"""The self-evaluation form being read: the :class:`ProjectEvaluation` built so far and what
the stages hand on to each other (the headers read, the indicators' printed levels).

Each stage (:mod:`.fields`, :mod:`.budget`, :mod:`.indicators`, :mod:`.totals`) is a few
functions taking a :class:`Form` and a row; :mod:`.project` walks the rows and calls them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from juesuan.catalog.performance import PerformanceLayout, layout
from juesuan.model import Evidence
from juesuan.model.performance import ProjectEvaluation

if TYPE_CHECKING:
    from juesuan.structure.performance.budget import BudgetHeader
    from juesuan.structure.performance.columns import IndicatorHeader
    from juesuan.structure.performance.indicators import Printed


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
