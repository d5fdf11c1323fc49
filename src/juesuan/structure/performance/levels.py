"""Indicator levels (一级指标 产出/效益/满意度/成本, 二级指标 数量/质量/时效/社会效益 …): which
level names a cell stands for, and the first level a row takes when its merged cell is not
printed on it.  Shared by the self-evaluation reader (:mod:`.indicators`) and the target
reader (:mod:`.targets`); each decides with its own context between a name that is both a
first and a second level (满意度指标, 成本指标).

Names come from catalog ``[indicators] level1 / level2 / level1_of``; a printed name may be
clipped (“出指标” for 产出指标) and is matched with :func:`.words.fuzzy`.
"""

from __future__ import annotations

from juesuan.catalog.performance import PerformanceLayout
from juesuan.structure.performance.words import fuzzy


def level_names(
    k: str, lay: PerformanceLayout, clipped_min: int = 0
) -> tuple[str | None, str | None]:
    """(first level, second level) the cell key ``k`` may stand for, each a catalog name or
    None; both when the name is both (满意度指标).  A key shorter than ``clipped_min`` counts
    only when it is a whole name."""
    l1 = fuzzy(k, lay.level1) if k in lay.level1 or len(k) >= clipped_min else None
    l2 = fuzzy(k, lay.level2) if k in lay.level2 or len(k) >= clipped_min else None
    return l1, l2


def glued_levels(k: str, lay: PerformanceLayout) -> tuple[str | None, str | None]:
    """Both levels printed in one cell (“产出指标数量指标”), else (None, None)."""
    for first in sorted(lay.level1, key=len, reverse=True):
        rest = k[len(first) :]
        if k.startswith(first) and rest in lay.level2:
            return first, rest
    return None, None


def carried_level1(
    printed1: str | None, printed2: str | None, above: str | None, lay: PerformanceLayout
) -> str | None:
    """A row's first level: printed on it, else the one its second level belongs to, else the
    first level of the row above (its merged cell)."""
    return printed1 or (lay.level1_of.get(printed2) if printed2 else None) or above
