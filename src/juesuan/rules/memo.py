"""Values derived from the document that several rules ask for, computed once per check.

:func:`~juesuan.rules.engine.run_rules` opens a memo for the duration of one check
(:func:`check_memo`); :func:`memoised` keeps a value per (name, object) there.  The document
is not changed while its rules run, so a value computed by one rule holds for the next.
Outside a check (a rule helper called by a test, say) nothing is kept: the value is computed
each time.  The memo lives in a context variable: checks in other threads keep their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict[tuple[str, int], tuple[Any, Any]] | None] = ContextVar(
    "juesuan_rule_memo", default=None
)


@contextmanager
def check_memo() -> Iterator[None]:
    """A fresh memo for the rules of one check."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(name: str, obj: object, compute: Callable[[], T]) -> T:
    """``compute()`` for ``obj``, kept for the rest of the check (the object is held with
    its value, so its id cannot be reused by another object meanwhile)."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    key = (name, id(obj))
    known = memo.get(key)
    if known is not None and known[0] is obj:
        value: T = known[1]
        return value
    value = compute()
    memo[key] = (obj, value)
    return value
