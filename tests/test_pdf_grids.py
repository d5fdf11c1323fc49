"""The rulings and ruled grids of a page: painted strokes, connected groups of crossings.

`_find_grids` links rulings with a written-out union-find (the hot loop of reading a ruled
page); here it is held to a plain breadth-first search over every crossing pair, on pages
of random rulings and on a drawn table.
"""

from __future__ import annotations

import random
from itertools import pairwise

from juesuan.sources import pdf as P


def _plain_grids(hs: list[P._Seg], vs: list[P._Seg]) -> list[tuple[list[P._Seg], list[P._Seg]]]:
    """(horizontals, verticals) of every grid, found by breadth-first search."""
    hs = P._merge_segments(list(hs))
    vs = P._merge_segments(list(vs))
    t = P.RULE_GAP_TOL
    nh = len(hs)
    nodes = len(hs) + len(vs)

    def crosses(h: P._Seg, v: P._Seg) -> bool:
        y, x0, x1 = h
        x, y0, y1 = v
        return x0 - t <= x <= x1 + t and y0 - t <= y <= y1 + t

    seen = [False] * nodes
    out = []
    for start in range(nodes):  # components in order of their first member
        if seen[start]:
            continue
        seen[start] = True
        members = [start]
        todo = [start]
        while todo:
            k = todo.pop()
            for other in range(nodes):
                if seen[other] or (k < nh) == (other < nh):
                    continue
                h, v = (hs[k], vs[other - nh]) if k < nh else (hs[other], vs[k - nh])
                if crosses(h, v):
                    seen[other] = True
                    members.append(other)
                    todo.append(other)
        members.sort()
        gh = [hs[k] for k in members if k < nh]
        gv = [vs[k - nh] for k in members if k >= nh]
        if not gh or not gv:
            continue
        left = min(min(s[1] for s in gh), min(s[0] for s in gv))
        right = max(max(s[2] for s in gh), max(s[0] for s in gv))
        top = min(min(s[0] for s in gh), min(s[1] for s in gv))
        bottom = max(max(s[0] for s in gh), max(s[2] for s in gv))
        xs = P._cluster_positions([left, right, *(s[0] for s in gv)])
        ys = P._cluster_positions([top, bottom, *(s[0] for s in gh)])
        if len(xs) >= 3 and len(ys) >= 3:
            out.append((ys[0], xs[0], gh, gv))
    out.sort(key=lambda g: (g[0], g[1]))
    return [(gh, gv) for _, _, gh, gv in out]


def _random_page(rng: random.Random) -> tuple[list[P._Seg], list[P._Seg]]:
    hs: list[P._Seg] = []
    vs: list[P._Seg] = []
    for _ in range(rng.randint(0, 4)):  # a few tables, some with rulings drawn cell by cell
        x0, y0 = rng.uniform(0, 400), rng.uniform(0, 600)
        cols = sorted(x0 + rng.uniform(0, 200) for _ in range(rng.randint(1, 6)))
        rows = sorted(y0 + rng.uniform(0, 200) for _ in range(rng.randint(1, 8)))
        x1, y1 = max(cols), max(rows)
        for y in rows:
            if rng.random() < 0.3:
                for a, b in pairwise(cols):
                    hs.append((y, a, b))
            else:
                hs.append((y, x0, x1))
        for x in cols:
            vs.append((x, y0, y1 + rng.choice([0.0, 0.5, -30.0])))
    for _ in range(rng.randint(0, 10)):  # loose strokes: underlines, frames, short ticks
        hs.append((rng.uniform(0, 800), a := rng.uniform(0, 500), a + rng.uniform(1, 300)))
        vs.append((rng.uniform(0, 600), a := rng.uniform(0, 700), a + rng.uniform(1, 300)))
    rng.shuffle(hs)
    rng.shuffle(vs)
    return hs, vs


def test_grids_are_the_connected_groups_of_crossing_rulings() -> None:
    rng = random.Random(20261204)
    found = 0
    for _ in range(400):
        hs, vs = _random_page(rng)
        grids = P._find_grids(list(hs), list(vs))
        assert [(g.hs, g.vs) for g in grids] == _plain_grids(hs, vs)
        found += len(grids)
    assert found > 200  # the pages do hold grids


def test_a_drawn_table_is_one_grid_and_a_loose_underline_none() -> None:
    hs = [(100.0 + 20 * r, 50.0, 450.0) for r in range(5)] + [(700.0, 60.0, 200.0)]
    vs = [(x, 100.0, 180.0) for x in (50.0, 150.0, 300.0, 450.0)]
    grids = P._find_grids(hs, vs)
    assert len(grids) == 1
    assert grids[0].xs == [50.0, 150.0, 300.0, 450.0]
    assert grids[0].ys == [100.0, 120.0, 140.0, 160.0, 180.0]


def test_inked_paint_is_paint_that_is_not_light() -> None:
    """The shortcut for get_cdrawings' RGB triples answers as the plain form does."""
    rng = random.Random(7)
    values: list[object] = [None, (), [], (0.95,), [0.95, 0.95, 0.95], ["x"], "red", 0.5]
    levels = [0.0, 0.5, 0.9, 0.9000001, 0.95, 1.0, float("nan")]
    for _ in range(2000):
        n = rng.choice([1, 3, 3, 3, 4])
        values.append(tuple(rng.choice(levels) for _ in range(n)))
        values.append(tuple(rng.uniform(0.85, 1.0) for _ in range(n)))
    for value in values:
        assert P._inked(value) == (not P._is_light(P._paint(value))), value
    assert P._inked((0.0, 0.0, 0.0)) and not P._inked((1.0, 1.0, 1.0))
    assert P._inked((0.95, 0.95, 0.5)) and not P._inked(None)
