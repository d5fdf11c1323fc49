"""Background jobs of ``juesuan serve``, as rows of the ``jobs`` table.

A job is one upload's file (or the files of one disclosure, ``as_one``) to read, check and
store.  Its life: ``queued`` → ``running`` → ``done`` (``outcome`` stored or skipped, with the
document) or ``failed`` (the Chinese message and exit code of :mod:`juesuan.errors`).  The rows
survive a restart: the server queues again every job that was ``queued`` or ``running``
(:meth:`JobQueue.unfinished`); a job interrupted :data:`MAX_ATTEMPTS` times fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from juesuan.errors import StoreError
from juesuan.store.schema import Job, utcnow

if TYPE_CHECKING:
    from juesuan.store.core import Store

#: States of a job with their Chinese labels.
JOB_STATES = {"queued": "排队中", "running": "正在读取和审核", "done": "已完成", "failed": "失败"}
#: A job started this many times without finishing (the server stopped or its worker died
#: each time) is not started again.
MAX_ATTEMPTS = 3


@dataclass(slots=True)
class JobFile:
    """An uploaded file of a job: its content hash (the stored file's name), the user's file
    name (shown only, never used as a path), its suffix and size."""

    sha256: str
    name: str
    suffix: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "name": self.name, "suffix": self.suffix, "size": self.size}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobFile:
        return cls(data["sha256"], data["name"], data["suffix"], int(data["size"]))

    @property
    def stored_name(self) -> str:
        return f"{self.sha256}{self.suffix}"


@dataclass(slots=True)
class JobInfo:
    id: int
    upload_id: str
    state: str
    files: list[JobFile]
    as_one: bool
    submitted_by: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    attempts: int = 0
    document_id: int | None = None
    outcome: str | None = None
    exit_code: int | None = None
    error: str | None = None
    seconds: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> str:
        return " + ".join(f.name for f in self.files)

    @property
    def state_label(self) -> str:
        if self.state == "done" and self.outcome == "skipped":
            return "已完成（库中已有相同内容）"
        return JOB_STATES.get(self.state, self.state)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "upload_id": self.upload_id,
            "state": self.state,
            "state_label": self.state_label,
            "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in self.files],
            "as_one": self.as_one,
            "submitted_by": self.submitted_by,
            "created_at": self.created_at.isoformat(),
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "attempts": self.attempts,
            "document_id": self.document_id,
            "outcome": self.outcome,
            "exit_code": self.exit_code,
            "error": self.error,
            "seconds": None if self.seconds is None else round(self.seconds, 3),
        }


def _info(row: Job) -> JobInfo:
    return JobInfo(
        id=row.id,
        upload_id=row.upload_id,
        state=row.state,
        files=[JobFile.from_dict(f) for f in json.loads(row.files)],
        as_one=row.as_one,
        submitted_by=row.submitted_by,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        attempts=row.attempts,
        document_id=row.document_id,
        outcome=row.outcome,
        exit_code=row.exit_code,
        error=row.error,
        seconds=row.seconds,
    )


class JobQueue:
    """The jobs of a store."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def create(
        self, upload_id: str, groups: list[list[JobFile]], as_one: bool, by: str
    ) -> list[JobInfo]:
        """One queued job per group of files (a group is one disclosure)."""
        with Session(self.engine) as s, s.begin():
            rows = [
                Job(
                    upload_id=upload_id,
                    state="queued",
                    files=json.dumps([f.to_dict() for f in group], ensure_ascii=False),
                    as_one=as_one,
                    submitted_by=by,
                    created_at=utcnow(),
                    attempts=0,
                )
                for group in groups
            ]
            s.add_all(rows)
            s.flush()
            return [_info(r) for r in rows]

    def get(self, job_id: int) -> JobInfo:
        with Session(self.engine) as s:
            row = s.get(Job, job_id)
            if row is None:
                raise StoreError(f"没有任务 #{job_id}")
            return _info(row)

    def of_upload(self, upload_id: str) -> list[JobInfo]:
        with Session(self.engine) as s:
            rows = s.scalars(select(Job).where(Job.upload_id == upload_id).order_by(Job.id))
            return [_info(r) for r in rows]

    def recent(self, limit: int = 50) -> list[JobInfo]:
        with Session(self.engine) as s:
            rows = s.scalars(select(Job).order_by(Job.id.desc()).limit(limit))
            return [_info(r) for r in rows]

    def of_documents(self, document_ids: list[int]) -> dict[int, JobInfo]:
        """The latest finished job of each document (for the user's file names)."""
        if not document_ids:
            return {}
        with Session(self.engine) as s:
            rows = s.scalars(
                select(Job)
                .where(Job.document_id.in_(document_ids), Job.state == "done")
                .order_by(Job.id)
            )
            return {r.document_id: _info(r) for r in rows if r.document_id is not None}

    def unfinished(self) -> list[int]:
        """Jobs queued or running (interrupted by a stop of the server), oldest first."""
        with Session(self.engine) as s:
            return list(
                s.scalars(
                    select(Job.id).where(Job.state.in_(("queued", "running"))).order_by(Job.id)
                )
            )

    def start(self, job_id: int) -> JobInfo | None:
        """Mark a job running (one more attempt); None when it is finished already or was
        interrupted too often (it is then failed)."""
        with Session(self.engine) as s, s.begin():
            row = s.get(Job, job_id)
            if row is None or row.state in ("done", "failed"):
                return None
            if row.attempts >= MAX_ATTEMPTS:
                row.state, row.finished_at = "failed", utcnow()
                row.exit_code = 5
                row.error = f"处理已中断 {row.attempts} 次（服务停止或后台进程退出），不再重试"
                return None
            row.state, row.started_at = "running", utcnow()
            row.attempts += 1
            return _info(row)

    def finish(
        self,
        job_id: int,
        *,
        outcome: str,
        document_id: int | None,
        seconds: float,
        exit_code: int | None = None,
        error: str | None = None,
    ) -> None:
        """Record the end of a job: ``outcome`` stored/skipped (done) or failed."""
        state = "failed" if outcome == "failed" else "done"
        with Session(self.engine) as s, s.begin():
            s.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(
                    state=state,
                    outcome=None if state == "failed" else outcome,
                    document_id=document_id,
                    seconds=seconds,
                    exit_code=exit_code,
                    error=error,
                    finished_at=utcnow(),
                )
            )

    def requeue(self, job_id: int) -> None:
        """Queue a failed job again (an administrator's retry); its attempts start anew."""
        with Session(self.engine) as s, s.begin():
            s.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(state="queued", attempts=0, error=None, exit_code=None, outcome=None)
            )
