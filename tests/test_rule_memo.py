"""The per-check memo: a value derived once per check, never carried to the next check."""

from __future__ import annotations

from juesuan.rules.memo import check_memo, memoised


class Box:
    def __init__(self, value: int) -> None:
        self.value = value


def test_outside_a_check_every_call_computes() -> None:
    box = Box(1)
    calls: list[int] = []

    def compute() -> int:
        calls.append(box.value)
        return box.value

    assert memoised("v", box, compute) == 1
    box.value = 2
    assert memoised("v", box, compute) == 2
    assert calls == [1, 2]


def test_inside_a_check_computed_once_per_object_and_name() -> None:
    a, b = Box(1), Box(2)
    calls: list[str] = []

    def of(box: Box, tag: str) -> int:
        calls.append(tag)
        return box.value

    with check_memo():
        assert memoised("v", a, lambda: of(a, "a")) == 1
        assert memoised("v", a, lambda: of(a, "a")) == 1
        assert memoised("v", b, lambda: of(b, "b")) == 2
        assert memoised("w", a, lambda: of(a, "a-w")) == 1
    assert calls == ["a", "b", "a-w"]


def test_the_next_check_starts_empty() -> None:
    box = Box(1)
    with check_memo():
        assert memoised("v", box, lambda: box.value) == 1
    box.value = 5  # the document changed between two checks (a test editing a cell)
    with check_memo():
        assert memoised("v", box, lambda: box.value) == 5


def test_printed_step_is_kept_within_a_check_and_recomputed_in_the_next() -> None:
    from decimal import Decimal

    from juesuan.model import TableKind
    from juesuan.rules.tables import printed_step
    from tests.tablebuild import coded

    table = coded(TableKind.T05, ["total"], [(None, "合计", ["10.00"]), ("201", "一般", ["10.00"])])
    assert printed_step(table) == Decimal("0.01")
    with check_memo():
        assert printed_step(table) == Decimal("0.01")
        for r in table.rows:  # not done by rules; shows the value is kept for the check
            r.raw = {"total": "10"}
        assert printed_step(table) == Decimal("0.01")
    with check_memo():
        assert printed_step(table) == Decimal("1")
    assert printed_step(table) == Decimal("1")
