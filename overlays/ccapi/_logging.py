"""`CCAPI_LOG=info|debug` turns on the `ccapi` logger; lines carry method, URL, status, time, retries, request id."""

from __future__ import annotations

import logging
import os
import sys

import httpx

logger = logging.getLogger("ccapi")
_configured = False


def configure_from_environment() -> None:
    """Once per process: if CCAPI_LOG is `info` or `debug`, log to stderr at that level; any other value (but
    nothing, `off`, `none` or `0`) is a mistake, said once with a RuntimeWarning."""
    global _configured
    if _configured:
        return
    _configured = True
    level = os.environ.get("CCAPI_LOG", "").strip().lower()
    if level in ("", "off", "none", "0"):
        return
    if level not in ("info", "debug"):
        import warnings

        shown = level[:40].encode("ascii", "backslashreplace").decode()
        warnings.warn(
            f"CCAPI_LOG={shown!r} is not 'info' or 'debug'; nothing is logged (unset it, or set one of those)",
            RuntimeWarning,
            stacklevel=4,
        )
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[%(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)


def log_call(request: httpx.Request, status: int | str, seconds: float, retries: int, request_id: str | None) -> None:
    """One line per call. Headers are never logged: they carry the key."""
    if logger.isEnabledFor(logging.INFO):
        logger.info(
            "%s %s -> %s in %.1f ms (retries: %d, request id: %s)",
            request.method, request.url, status, seconds * 1000, retries, request_id or "-",
        )  # fmt: skip
