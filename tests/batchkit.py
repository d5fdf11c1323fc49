"""A per-document function for the batch tests: the real work, except that a file named
``slow…`` is read forever in Python (the in-task deadline stops it), ``hang…`` sleeps in C
(only the parent's hard limit stops it, by killing the worker) and ``crash…`` kills its
worker process.

It lives in a module of its own so that spawned pool processes and Dask workers import it
by name (pytest's ``pythonpath`` reaches the children through multiprocessing).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NoReturn

import juesuan.batch.work as work
from juesuan.batch.work import DocumentResult, Job, process_document


def _read_forever(path: Path, label: str) -> NoReturn:
    while True:
        sum(range(1000))


def misbehaving(job: Job) -> DocumentResult:
    name = Path(job.path).name
    if name.startswith("hang"):
        time.sleep(600)  # a C call: no Python runs, nothing to interrupt
    if name.startswith("crash"):
        os._exit(3)
    if not name.startswith("slow"):
        return process_document(job)
    original = work._read
    work._read = _read_forever
    try:
        return process_document(job)
    finally:
        work._read = original
