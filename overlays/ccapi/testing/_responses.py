"""The sandbox's JSON error body, as every handler (and the idempotency record) answers a failure."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse


def error_response(
    status: int,
    message: str,
    type_: str,
    code: str | None,
    *,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """An ErrorResponse body."""
    body = {"error": {"message": message, "type": type_, "code": code, "details": details or {}}}
    return JSONResponse(body, status_code=status, headers=headers)
