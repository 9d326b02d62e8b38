"""A batch's files: the input's lines (OpenAI's Batch API input format), checked in one streaming pass before
anything is sent; the output's lines (OpenAI's batch output format), read back to resume; and the keys that make a
line sent twice be served once.

No I/O but reading and writing these files: the calls are `_batch`'s.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ._retry import is_retryable_status

OPERATIONS = {
    "/chat/completions": "chat",
    "/audio/speech": "speech",
    "/images/generations": "images",
    "/images/generate": "image_job",
}
"""The operations a batch line may name, by the spec's path (the `/v1` prefix is optional), and what each is."""

RETRYABLE_ERRORS = frozenset({"connection_error", "timeout", "job_timeout", "media_download_failed"})
"""`error.code`s of output lines (no response, or no whole result) that a resumed run tries again."""
REPORTED_PROBLEMS = 20
"""Input problems listed at most (the count of the others follows)."""


class BatchInputError(ValueError):
    """The input has malformed lines or repeated `custom_id`s; nothing was sent. `problems` lists them as
    `line N: ...` (the first REPORTED_PROBLEMS), `count` is how many there are in all."""

    def __init__(self, path: Path, problems: list[str], count: int) -> None:
        self.problems = problems
        self.count = count
        more = f"\n  ... and {count - len(problems)} more" if count > len(problems) else ""
        listed = "\n  ".join(problems)
        super().__init__(f"{path}: {count} problem(s) in the input, nothing was sent:\n  {listed}{more}")


class BatchOutputError(ValueError):
    """The output file cannot be written or resumed from: it is not a regular file (a device such as `/dev/full`,
    a FIFO, a folder), or a line other than the last is not a batch output line. Nothing was sent."""


def check_output(path: Path) -> None:
    """Refuse an output that is not a regular file (nor missing), before anything is read: reading back a device
    or a FIFO to resume would never end, or wait for ever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise BatchOutputError(f"output {path} cannot be used: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise BatchOutputError(
            f"output {path} is {_kind(mode)}, not a regular file; nothing was read or sent. Give a file's path "
            "(a missing file is created)"
        )


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _open_regular(path: Path, flags: int) -> int:
    """A file descriptor on `path`, which must be a regular file: opened without blocking (a FIFO would wait for a
    writer) and checked on the descriptor itself, so that nothing swapped in after `check_output` is read."""
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise BatchOutputError(f"output {path} is {_kind(mode)}, not a regular file; nothing was read or sent")
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


@dataclass(frozen=True, slots=True)
class Line:
    """One input line, checked."""

    number: int
    custom_id: str
    operation: str
    body: dict[str, Any]


@dataclass(slots=True)
class InputScan:
    """What one pass over the input found."""

    lines: int = 0
    digest: str = ""


def operation_of(url: object) -> str | None:
    """What an input line's `url` names (`/v1/chat/completions` or `/chat/completions`, a full URL's path too)."""
    if not isinstance(url, str):
        return None
    path = url.split("://", 1)[1] if "://" in url else url
    if "://" in url:
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
    path = path.split("?", 1)[0].rstrip("/")
    if path.startswith("/v1/"):
        path = path[3:]
    return OPERATIONS.get(path)


def parse_line(number: int, raw: bytes) -> Line | str:
    """A checked line, or what is wrong with it."""
    try:
        item = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return f"line {number}: not JSON ({error})"
    if not isinstance(item, dict):
        return f"line {number}: not a JSON object"
    custom_id = item.get("custom_id")
    if not isinstance(custom_id, str) or not custom_id:
        return f"line {number}: `custom_id` must be a non-empty string"
    method = item.get("method", "POST")
    if not isinstance(method, str) or method.upper() != "POST":
        return f"line {number}: `method` must be POST, not {method!r}"
    operation = operation_of(item.get("url"))
    if operation is None:
        known = ", ".join(f"/v1{path}" for path in OPERATIONS)
        return f"line {number}: `url` {item.get('url')!r} is not one of {known}"
    body = item.get("body")
    if not isinstance(body, dict):
        return f"line {number}: `body` must be a JSON object"
    if body.get("stream"):
        return f"line {number}: `body.stream` is not supported in a batch (each result is written whole)"
    return Line(number, custom_id, operation, body)


def _numbered(path: Path) -> Iterator[tuple[int, bytes]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield number, raw


def scan_input(path: Path) -> InputScan:
    """Check every line (streaming: the file is never held whole); raise BatchInputError listing what is wrong."""
    seen: dict[str, int] = {}
    problems: list[str] = []
    count = 0
    digest = hashlib.sha256()
    scan = InputScan()
    for number, raw in _numbered(path):
        digest.update(raw.rstrip(b"\r\n") + b"\n")
        line = parse_line(number, raw)
        if isinstance(line, str):
            problem: str | None = line
        elif line.custom_id in seen:
            problem = f"line {number}: custom_id {line.custom_id!r} repeats line {seen[line.custom_id]}"
        else:
            seen[line.custom_id] = number
            problem = None
        if problem is not None:
            count += 1
            if len(problems) < REPORTED_PROBLEMS:
                problems.append(problem)
        scan.lines += 1
    if count:
        raise BatchInputError(path, problems, count)
    scan.digest = digest.hexdigest()
    return scan


def read_input(path: Path) -> Iterator[Line]:
    """The input's lines, one at a time (after scan_input has checked them)."""
    for number, raw in _numbered(path):
        line = parse_line(number, raw)
        if isinstance(line, Line):
            yield line


def batch_id_for(input_digest: str, output: Path) -> str:
    """The batch's id: the same input into the same output is the same batch, across runs."""
    seed = f"{input_digest}\n{output.resolve()}".encode()
    return hashlib.sha256(seed).hexdigest()[:20]


def idempotency_key(batch_id: str, custom_id: str) -> str:
    """The `Idempotency-Key` of a line: a line sent again (after a crash) is answered from the gateway's record."""
    return f"ccapi-batch-{batch_id}-{hashlib.sha256(custom_id.encode()).hexdigest()[:32]}"


def request_line_id(batch_id: str, custom_id: str) -> str:
    return f"batch_req_{hashlib.sha256(f'{batch_id}/{custom_id}'.encode()).hexdigest()[:24]}"


# ------------------------------------------------------------------------------------------------ output lines


def success_line(
    batch_id: str,
    custom_id: str,
    status: int,
    request_id: str | None,
    body: bytes,
    cost: Decimal | None,
    media: list[str] | None,
) -> bytes:
    """An output line for a result; `body` is the response's JSON as the server sent it (re-encoded only if it
    spans lines)."""
    if b"\n" in body or b"\r" in body:
        body = json.dumps(json.loads(body), ensure_ascii=False, separators=(",", ":")).encode()
    head = {"id": request_line_id(batch_id, custom_id), "custom_id": custom_id}
    response = json.dumps({"status_code": status, "request_id": request_id}, separators=(",", ":"))
    extra: dict[str, Any] = {"error": None, "cost": None if cost is None else str(cost)}
    if media:
        extra["media"] = media
    return b"".join(
        (
            json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1].encode(),
            b',"response":',
            response[:-1].encode(),
            b',"body":',
            body,
            b"},",
            json.dumps(extra, ensure_ascii=False, separators=(",", ":"))[1:].encode(),
            b"\n",
        )
    )


def failure_line(
    batch_id: str,
    custom_id: str,
    *,
    status: int | None = None,
    request_id: str | None = None,
    body: Any = None,
    code: str | None = None,
    message: str | None = None,
) -> bytes:
    """An output line for a failed line: an error status's response (as OpenAI's output has it), or an `error`
    when no response came (`code`: connection_error, timeout, job_failed, invalid_request, ...)."""
    line: dict[str, Any] = {"id": request_line_id(batch_id, custom_id), "custom_id": custom_id}
    line["response"] = None if status is None else {"status_code": status, "request_id": request_id, "body": body}
    line["error"] = None if code is None else {"code": code, "message": message}
    line["cost"] = None
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def retryable(line: dict[str, Any]) -> bool:
    """Whether a resumed run tries this output line's custom_id again."""
    error = line.get("error")
    if isinstance(error, dict):
        return error.get("code") in RETRYABLE_ERRORS
    response = line.get("response")
    status = response.get("status_code") if isinstance(response, dict) else None
    return isinstance(status, int) and is_retryable_status(status)


def failed(line: dict[str, Any]) -> bool:
    if line.get("error") is not None:
        return True
    response = line.get("response")
    status = response.get("status_code") if isinstance(response, dict) else None
    return not (isinstance(status, int) and 200 <= status < 300)


@dataclass
class OutputState:
    """What an earlier run left in the output: the custom_ids it settled, what they cost, what was repaired."""

    done: set[str] = field(default_factory=set)
    failed: int = 0
    spent: Decimal = field(default_factory=Decimal)
    retried: int = 0
    """Lines that failed with a retryable error: dropped from the output, to be tried again."""
    torn: bool = False
    """The last line was cut short (a crash while writing it): dropped, to be done again."""


def resume_output(path: Path, *, repair: bool = True) -> OutputState:
    """Read the output an earlier run wrote; drop a torn last line and the lines to retry (rewriting the file
    atomically when lines must go). A missing file is a fresh start. With `repair=False`, only read: the lines to
    retry count as failed."""
    state = OutputState()
    try:
        fd = _open_regular(path, os.O_RDONLY)
    except FileNotFoundError:
        return state
    keep_end = 0
    dropped = False
    with os.fdopen(fd, "rb") as handle:
        position = 0
        bad: int | None = None
        for raw in handle:
            if bad is not None:  # a bad line with lines after it: not a crash's torn tail
                raise BatchOutputError(f"{path}: the line at byte {bad} is not a batch output line")
            start, position = position, position + len(raw)
            item = _output_item(raw)
            if item is None:
                bad = start
                continue
            if repair and retryable(item):
                state.retried += 1
                dropped = True
                continue
            state.done.add(item["custom_id"])
            state.failed += failed(item)
            state.spent += _cost(item.get("cost"))
            keep_end = position
        state.torn = bad is not None
    if not repair:
        return state
    if dropped:
        _rewrite_without_retries(path)
    elif state.torn:
        os.truncate(path, keep_end)
    return state


def _output_item(raw: bytes) -> dict[str, Any] | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        item = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(item, dict) or not isinstance(item.get("custom_id"), str):
        return None
    return item


def _cost(value: object) -> Decimal:
    if not isinstance(value, str):
        return Decimal(0)
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal(0)


def _rewrite_without_retries(path: Path) -> None:
    """The output without the lines to retry (and without a torn last line), replacing it atomically."""
    temporary = path.with_name(path.name + ".resume")
    with path.open("rb") as source, temporary.open("wb") as target:
        for raw in source:
            item = _output_item(raw)
            if item is not None and not retryable(item):
                target.write(raw)
        target.flush()
        os.fsync(target.fileno())
    os.replace(temporary, path)


class OutputWriter:
    """The output file in append mode: each line goes out in one write, so that a crash leaves at most the last
    line torn (which resume_output detects)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = _open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)

    def write(self, line: bytes) -> None:
        written = os.write(self._fd, line)
        while written < len(line):  # a regular file takes all at once but when the disk is full
            written += os.write(self._fd, line[written:])

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
