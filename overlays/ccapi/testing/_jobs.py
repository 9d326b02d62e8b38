"""Asynchronous image jobs: pending, then processing, then completed or failed, as time passes."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import attrs

PENDING_SHARE = 0.25  # the first quarter of a job's time is spent waiting to start


@attrs.define
class Job:
    """One job; its status is a function of the clock, so polling needs no background work."""

    id: str
    created: int
    started: float
    duration: float
    model: str
    provider: str
    operation: str
    fails: bool
    never_finishes: bool
    webhook_url: str | None
    make_result: Callable[[], list[dict[str, Any]]]
    result: list[dict[str, Any]] | None = None

    def status(self, now: float) -> str:
        elapsed = now - self.started
        if elapsed < self.duration * PENDING_SHARE:
            return "pending"
        if elapsed < self.duration or self.never_finishes:
            return "processing"
        return "failed" if self.fails else "completed"

    def payload(self, now: float, poll_url: str) -> dict[str, Any]:
        """The job as MultimodalImageGenerationResponse."""
        status = self.status(now)
        body: dict[str, Any] = {
            "id": self.id,
            "created": self.created,
            "model": self.model,
            "status": status,
            "execution": {"mode": "async", "operation": self.operation, "provider": self.provider},
        }
        if status in ("pending", "processing"):
            body["poll_url"] = poll_url
            body["estimated_time"] = round(max(self.duration - (now - self.started), 0.0), 3)
        elif status == "completed":
            if self.result is None:
                self.result = self.make_result()
            body["data"] = self.result
        else:
            body["error"] = {
                "message": "The provider could not generate this image",
                "type": "api_error",
                "code": "generation_failed",
                "details": {"job_id": self.id},
            }
        return body


class JobStore:
    """Jobs by id, with an injectable clock."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._jobs: dict[str, Job] = {}

    def create(self, **fields: Any) -> Job:
        job = Job(id=f"job_{secrets.token_hex(8)}", started=self.clock(), **fields)
        self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)
