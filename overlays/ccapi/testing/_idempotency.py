"""What gateways do with a repeated `Idempotency-Key`: the first request with a key is served and its answer kept;
a later request with the same key gets that answer again (`Idempotent-Replayed: true`) and is not served twice.
The same key while its first request is still being served is a 409; the same key on a different request is a 400.

Only successful answers are kept: a failed call may be tried again under its key. Streams are not kept (their
answer is made while it is sent). `served` counts, per key, the requests that were really served, however many
requests carried the key: what a test of "nothing paid twice" reads.
"""

from __future__ import annotations

import collections
import hashlib
from collections.abc import Awaitable, Callable

import attrs
from starlette.requests import Request
from starlette.responses import Response

from ._responses import error_response

KEPT_ANSWERS = 100_000
"""Answers kept at most (the oldest are forgotten first), so that a long-running sandbox stays small."""
REPLAY_HEADER = "Idempotent-Replayed"


@attrs.frozen
class _Answer:
    fingerprint: str
    status: int
    body: bytes
    media_type: str | None
    headers: dict[str, str]


class IdempotencyRecord:
    """Answers by Idempotency-Key, and the count of served requests per key."""

    def __init__(self, kept: int = KEPT_ANSWERS) -> None:
        self.served: collections.Counter[str] = collections.Counter()
        self._kept = kept
        self._answers: collections.OrderedDict[str, _Answer] = collections.OrderedDict()
        self._serving: dict[str, str] = {}

    async def answer(self, request: Request, key: str, serve: Callable[[], Awaitable[Response]]) -> Response:
        """The stored answer for `key`, or `serve()`'s (kept when it succeeds)."""
        fingerprint = hashlib.sha256(
            request.method.encode() + b" " + request.url.path.encode() + b"\n" + await request.body()
        ).hexdigest()
        stored = self._answers.get(key)
        if stored is not None:
            if stored.fingerprint != fingerprint:
                return _reused(key)
            self._answers.move_to_end(key)
            headers = {**stored.headers, REPLAY_HEADER: "true"}
            return Response(stored.body, status_code=stored.status, headers=headers, media_type=stored.media_type)
        serving = self._serving.get(key)
        if serving is not None:
            if serving != fingerprint:
                return _reused(key)
            return error_response(
                409,
                "A request with this Idempotency-Key is still being served; try again shortly",
                "invalid_request_error",
                "idempotency_key_in_use",
                headers={"Retry-After": "1"},
            )
        self._serving[key] = fingerprint
        try:
            response = await serve()
        finally:
            del self._serving[key]
        if 200 <= response.status_code < 300:
            self.served[key] += 1
            body = getattr(response, "body", None)
            if isinstance(body, bytes):  # not a stream
                self._keep(key, _Answer(fingerprint, response.status_code, body, response.media_type, _kept(response)))
        return response

    def _keep(self, key: str, answer: _Answer) -> None:
        self._answers[key] = answer
        while len(self._answers) > self._kept:
            self._answers.popitem(last=False)


def _kept(response: Response) -> dict[str, str]:
    # Content-Length is the new response's to set; the request id is the new request's own.
    skipped = {"content-length", "x-request-id", "content-type"}
    return {name: value for name, value in response.headers.items() if name.lower() not in skipped}


def _reused(key: str) -> Response:
    return error_response(
        400,
        "This Idempotency-Key was already used for a different request",
        "invalid_request_error",
        "idempotency_key_reused",
        details={"field": "Idempotency-Key"},
    )
