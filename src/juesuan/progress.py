"""Progress on long work: a bar on the terminal once the work has run for two seconds.

Short work stays silent (most checks take a fraction of a second).  The command line opens a
:func:`tracker`; readers report pages through :func:`page_done`, which does nothing unless a
tracker is open, so library use pays nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: Seconds of work after which a progress bar appears.
SHOW_AFTER = 2.0

_page_hook: ContextVar[Callable[[int, int], None] | None] = ContextVar("page_hook", default=None)


def page_done(page: int, pages: int) -> None:
    """Called by readers after each page."""
    hook = _page_hook.get()
    if hook is not None:
        hook(page, pages)


class _Tracker:
    def __init__(self, label: str, total: int, enabled: bool) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.start = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.page_text = ""

    def _show(self) -> None:
        if not self.enabled or time.monotonic() - self.start < SHOW_AFTER:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[pages]}"),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total, pages="")
        self.bar.update(self.task, completed=self.done, pages=self.page_text)

    def advance(self) -> None:
        self.done += 1
        self.page_text = ""
        self._show()

    def page(self, page: int, pages: int) -> None:
        self.page_text = f"读取第 {page}/{pages} 页"
        self._show()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def tracker(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress context for ``total`` items; yields ``advance()``.  The bar shows on
    stderr (when it is a terminal) only after :data:`SHOW_AFTER` seconds."""
    t = _Tracker(label, total, enabled=sys.stderr.isatty())
    token = _page_hook.set(t.page)
    try:
        yield t.advance
    finally:
        _page_hook.reset(token)
        t.close()
