"""Worker processes end with their parent (juesuan.procs.exit_with_parent)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

PARENT = textwrap.dedent(
    """
    import multiprocessing, os, sys, time
    from juesuan.procs import exit_with_parent

    def child():
        exit_with_parent(poll=0.05)
        time.sleep(60)

    if __name__ == "__main__":
        p = multiprocessing.get_context("spawn").Process(target=child)
        p.start()
        print(p.pid, flush=True)
        time.sleep(1.0)  # the child has started its watch
        os._exit(0)  # the parent dies without stopping its child (as when killed)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie not yet reaped by init counts as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_a_worker_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True
    )
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 20
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(child)
    if alive:
        os.kill(child, 9)
    assert not alive, "the worker outlived its parent"


def test_no_watch_without_a_parent_to_follow(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from juesuan import procs

    monkeypatch.setattr(os, "getppid", lambda: 1)
    before = threading.active_count()
    procs.exit_with_parent()
    assert threading.active_count() == before
