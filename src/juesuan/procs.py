"""Worker processes that do not outlive their parent.

The web server's job workers and the batch pool's workers are spawned processes.  When the
parent stops in an orderly way it stops them; when it is killed (SIGKILL, a crash, a test's
time-out) they would be left running, holding the store open.  :func:`exit_with_parent`,
called in a worker's initializer, ends the worker once its parent is gone.
"""

from __future__ import annotations

import os
import threading
import time

__all__ = ["PARENT_POLL_SECONDS", "exit_with_parent"]

#: How often a worker looks whether its parent is still there.
PARENT_POLL_SECONDS = 1.0


def exit_with_parent(poll: float = PARENT_POLL_SECONDS) -> None:
    """Start a daemon thread that ends this process (``os._exit``) once its parent process
    has exited (the process is then re-parented: ``os.getppid()`` changes)."""
    parent = os.getppid()
    if parent <= 1:
        return  # already orphaned, or a process without a parent to follow

    def watch() -> None:
        while True:
            time.sleep(poll)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="juesuan-exit-with-parent", daemon=True).start()
