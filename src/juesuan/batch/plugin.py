"""What a Dask worker needs from juesuan besides the work itself (imported on Dask only)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


def versions() -> tuple[str, str]:
    """This process's juesuan version and rule catalog version (compared across workers)."""
    import juesuan
    from juesuan.ingest import catalog_version

    return juesuan.__version__, catalog_version()


class WarmUp(WorkerPlugin):
    """Imports and the rule catalog, once per worker process (restarted ones too)."""

    def setup(self, worker: Any) -> None:
        from juesuan.batch.work import warm_up

        warm_up()
