"""Batches: many calls from an input file of OpenAI Batch API lines to an output file of OpenAI batch output lines,
at the gateway's rate limits, resumable, within a budget. `ccapi.batch.run` and `arun`, and `ccapi batch run`.

How a line is never lost and never paid twice: each line's call carries an `Idempotency-Key` made of the batch's id
and its `custom_id`, so that a line sent again after a crash is answered from the gateway's record; its result is
written as one line, in one write, to a file opened for appending; a later run with the same output skips the
custom_ids written, tries again those that failed with a retryable error, and drops a last line cut short.

How it keeps to the gateway's limits: calls are made without the client's own retries (`max_retries=0`), so that
a 429 is seen here; it halves the number of calls in flight (once per round of calls) and holds new calls for its
`Retry-After`; each success lets one more call in, by an additive step, never above `concurrency`.

How it keeps to a budget: the client's own budget (`with_options(budget=...)`) holds each call's worst case before
it is sent; what earlier runs of the same batch spent is read back from the output. A call the budget refuses
waits for the calls in flight to settle, then is tried once more alone; refused again, the batch takes no more
lines.
"""

from __future__ import annotations

import asyncio
import collections
import inspect
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import _batch_lines as lines
from ._batch_lines import Line, OutputWriter
from ._batch_lock import OutputLock
from ._retry import is_retryable_status

if TYPE_CHECKING:
    from ._async_client import AsyncCCAPI

DEFAULT_CONCURRENCY = 32
DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_JOB_TIMEOUT = 600.0
FIRST_BACKOFF = 0.5
MAX_BACKOFF = 30.0


@dataclass
class BatchProgress:
    """Where a batch stands; given to `on_progress` after each line."""

    total: int
    """Lines in the input."""
    skipped: int
    """Lines an earlier run had settled."""
    served: int = 0
    failed: int = 0
    in_flight: int = 0
    concurrency: float = 0.0
    """The adaptive limit now (never above the `concurrency` asked for)."""
    cost: Decimal = field(default_factory=Decimal)
    """What this run's results cost so far, at the catalog's prices."""
    spent_before: Decimal = field(default_factory=Decimal)
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        """Lines settled, by this run and earlier ones."""
        return self.skipped + self.served + self.failed

    @property
    def rate(self) -> float:
        """Lines a second in this run."""
        elapsed = time.monotonic() - self.started
        return (self.served + self.failed) / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, if there is one."""
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 else None


@dataclass
class BatchSummary:
    """How a run ended."""

    output: Path
    batch_id: str
    total: int
    skipped: int
    served: int
    failed: int
    failures: dict[str, int]
    """Failed lines by error type (`rate_limit_error`, `api_error`, `connection_error`, ...)."""
    remaining: int
    """Lines with no result in the output yet (a later run does them)."""
    cost: Decimal
    """What this run's results cost."""
    spent_before: Decimal
    """What earlier runs of this batch had spent (read back from the output)."""
    stopped: str | None
    """None when every line was taken; `budget` when the budget could not cover the next line; `interrupted`."""
    repaired: int = 0
    """Lines an earlier run left to retry (or torn) that this run did again."""

    @property
    def total_cost(self) -> Decimal:
        return self.spent_before + self.cost

    @property
    def complete(self) -> bool:
        return self.remaining == 0


class AdaptiveLimit:
    """How many calls may be in flight: halved on a 429 (once per round of calls), held for its `Retry-After`,
    raised by 1/limit after each success (one more call a round), never above `ceiling`."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = ceiling
        self.limit = float(ceiling)
        self.in_flight = 0
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()
        self._idle: list[asyncio.Future[None]] = []
        self._hold_until = 0.0
        self._last_cut = -1.0

    async def acquire(self) -> float:
        """Wait for a place; return when the call starts (to tell later which 429s belong to one round)."""
        while True:
            now = time.monotonic()
            if now < self._hold_until:
                await asyncio.sleep(self._hold_until - now)
            elif self.in_flight < int(self.limit):
                self.in_flight += 1
                return now
            else:
                waiter = asyncio.get_running_loop().create_future()
                self._waiting.append(waiter)
                try:
                    await waiter
                finally:
                    if not waiter.done():
                        waiter.cancel()

    def release(self) -> None:
        """Give a place back (no await: a finished call frees its place at once)."""
        self.in_flight -= 1
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break
        if self.in_flight == 0:
            for waiter in self._idle:
                if not waiter.done():
                    waiter.set_result(None)
            self._idle.clear()

    def succeeded(self) -> None:
        self.limit = min(float(self.ceiling), self.limit + 1.0 / self.limit)

    def rate_limited(self, started: float, retry_after: float | None) -> None:
        now = time.monotonic()
        if started > self._last_cut:  # the first 429 of this round of calls: the later ones say nothing new
            self.limit = max(1.0, self.limit / 2)
            self._last_cut = now
        if retry_after:
            self._hold_until = max(self._hold_until, now + retry_after)

    async def idle(self) -> None:
        """Wait until no call is in flight."""
        while self.in_flight:
            waiter = asyncio.get_running_loop().create_future()
            self._idle.append(waiter)
            await waiter


class _Outcome:
    __slots__ = ("body", "media", "request_id", "result", "status")

    def __init__(self, status: int, request_id: str | None, body: bytes, result: Any) -> None:
        self.status, self.request_id, self.body, self.result = status, request_id, body, result
        self.media: list[str] | None = None


_SIGNATURES: dict[str, frozenset[str]] = {}


def _split(method: Callable[..., Any], body: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A line's body as the method's keyword arguments, and what the method does not name, for `extra_body`."""
    name = getattr(method, "__qualname__", repr(method))
    names = _SIGNATURES.get(name)
    if names is None:
        names = frozenset(inspect.signature(method).parameters) - {
            "timeout", "max_retries", "extra_headers", "extra_query", "extra_body", "poll_policy",
        }  # fmt: skip
        _SIGNATURES[name] = names
    known = {key: value for key, value in body.items() if key in names}
    extra = {key: value for key, value in body.items() if key not in names}
    return known, extra


async def _call(client: AsyncCCAPI, line: Line, key: str, job_timeout: float) -> _Outcome:
    headers = {"Idempotency-Key": key}
    if line.operation == "image_job":
        method: Callable[..., Any] = client.images.generate_multimodal
        known, extra = _split(method, line.body)
        job = await client.images.generate_multimodal(**known, extra_headers=headers, extra_body=extra or None)
        result = await job.wait(timeout=job_timeout)
        raw = job.raw_response
        request_id = None if raw is None else raw.request_id
        return _Outcome(200, request_id, json.dumps(result.to_dict(), separators=(",", ":")).encode(), result)
    if line.operation == "chat":
        method = client.chat.completions.with_raw_response.create
    elif line.operation == "speech":
        method = client.audio.speech.with_raw_response.create
    else:
        method = client.images.with_raw_response.generate
    known, extra = _split(method, line.body)
    raw = await method(**known, extra_headers=headers, extra_body=extra or None)
    response = raw.http_response
    return _Outcome(response.status_code, raw.request_id, response.content, raw.parse())


def _media_name(custom_id: str) -> str:
    import hashlib
    import re

    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", custom_id)[:80].strip("._") or "line"
    return f"{safe}-{hashlib.sha256(custom_id.encode()).hexdigest()[:8]}"


async def _save_media(client: AsyncCCAPI, line: Line, outcome: _Outcome, media_dir: Path) -> list[str]:
    """Save a speech or image result's media beside the output; their paths."""
    stem = _media_name(line.custom_id)
    saved: list[str] = []
    if line.operation == "speech":
        extension = str(line.body.get("output_format") or "mp3")
        saved.append(str(await client.media.save(outcome.result, media_dir / f"{stem}.{extension}")))
    else:
        for index, image in enumerate(getattr(outcome.result, "data", None) or []):
            saved.append(str(await client.media.save(image, media_dir / f"{stem}-{index}.png")))
    return saved


class SharedAccount(Protocol):
    """A budget shared by several processes (see `_batch_ray`): a line's worst case is held before it is sent and
    settled to what it cost after."""

    async def hold(self, client: AsyncCCAPI, line: Line, key: str) -> Any:
        """A reservation for this line, or None when the budget cannot cover it (the batch then stops)."""

    async def settle(self, reservation: Any, cost: Decimal | None, *, served: bool) -> None:
        """Release a reservation, counting what the line cost (served at an unknown cost: its worst case)."""


class _Run:
    """One run of a batch: the lines it takes, the calls in flight, the output it writes."""

    def __init__(
        self,
        client: AsyncCCAPI,
        sink: Callable[[bytes], object],
        batch_id: str,
        progress: BatchProgress,
        concurrency: int,
        max_attempts: int,
        job_timeout: float,
        media_dir: Path,
        on_progress: Callable[[BatchProgress], object] | None,
        account: SharedAccount | None = None,
    ) -> None:
        self.client = client
        self.sink = sink
        self.account = account
        self.batch_id = batch_id
        self.progress = progress
        self.limit = AdaptiveLimit(concurrency)
        self.max_attempts = max_attempts
        self.job_timeout = job_timeout
        self.media_dir = media_dir
        self.on_progress = on_progress
        self.failures: Counter[str] = Counter()
        self.budget_blocked = 0
        self.budget_stopped = False
        self._alone = asyncio.Lock()
        self._budget_clear = asyncio.Event()
        self._budget_clear.set()

    def _write(self, line: bytes, *, failed: str | None, cost: Decimal | None) -> None:
        self.sink(line)
        if failed is None:
            self.progress.served += 1
        else:
            self.progress.failed += 1
            self.failures[failed] += 1
        if cost is not None:
            self.progress.cost += cost
        self.progress.in_flight = self.limit.in_flight
        self.progress.concurrency = self.limit.limit
        if self.on_progress is not None:
            self.on_progress(self.progress)

    async def line(self, line: Line, started: float) -> None:
        """Do one line (its place in the limit already taken) and write its result; give the place back."""
        held = True
        reservation: Any = None
        try:
            if self.account is not None:
                from ._errors import CCAPIError

                key = lines.idempotency_key(self.batch_id, line.custom_id)
                try:
                    reservation = await self.account.hold(self.client, line, key)
                except CCAPIError as error:  # no worst case to hold (the catalog could not be read): redone on resume
                    code = "connection_error"
                    self._write(self._failure(line, code=code, message=str(error)), failed=code, cost=None)
                    return
                if reservation is None:  # the shared budget cannot cover this line: the batch takes no more
                    self.budget_stopped = True
                    return
            outcome = await self._attempts(line, started)
            self.limit.release()
            held = False
            cost = None
            if outcome is not None:
                cost = await self._succeeded(line, outcome)
            if self.account is not None:
                await self.account.settle(reservation, cost, served=outcome is not None)
                reservation = None
        except _BudgetRefused:
            self.limit.release()
            held = False
            await self._when_budget_refused(line)
        finally:
            if held:
                self.limit.release()
            if reservation is not None and self.account is not None:  # failed or abandoned: it cost nothing known
                await self.account.settle(reservation, None, served=False)

    async def _succeeded(self, line: Line, outcome: _Outcome) -> Decimal | None:
        from ._errors import CCAPIError

        if line.operation in ("speech", "images", "image_job"):
            try:
                outcome.media = await _save_media(self.client, line, outcome, self.media_dir)
            except (CCAPIError, OSError) as error:
                message = f"the result's media could not be saved: {error}"
                code = "media_download_failed"
                self._write(self._failure(line, code=code, message=message), failed=code, cost=None)
                return None
        cost: Decimal | None
        try:
            cost = await self.client.cost_of(outcome.result)
        except (ValueError, TypeError, CCAPIError):
            cost = None
        body = lines.success_line(
            self.batch_id, line.custom_id, outcome.status, outcome.request_id, outcome.body, cost, outcome.media
        )
        self._write(body, failed=None, cost=cost)
        return cost

    def _failure(self, line: Line, **fields: Any) -> bytes:
        return lines.failure_line(self.batch_id, line.custom_id, **fields)

    async def _attempts(self, line: Line, started: float) -> _Outcome | None:
        """The line's call, tried again on retryable errors; None when its failure was written."""
        from ._errors import (
            APIConnectionError,
            APIStatusError,
            APITimeoutError,
            BudgetExceededError,
            CCAPIError,
            ImageJobFailedError,
            ImageJobTimeoutError,
            RateLimitError,
        )

        key = lines.idempotency_key(self.batch_id, line.custom_id)
        attempt = 0
        while True:
            attempt += 1
            try:
                outcome = await _call(self.client, line, key, self.job_timeout)
            except BudgetExceededError:
                raise _BudgetRefused from None
            except (ValueError, TypeError) as error:  # the body does not fit the operation: nothing was sent
                self._write(self._failure(line, code="invalid_request", message=str(error)), failed="invalid_request",
                            cost=None)  # fmt: skip
                return None
            except APIStatusError as error:
                status = error.status_code
                retry = is_retryable_status(status)
                if isinstance(error, RateLimitError):
                    self.limit.rate_limited(started, error.retry_after)
                if retry and attempt < self.max_attempts:
                    await asyncio.sleep(self._backoff(attempt, getattr(error, "retry_after", None)))
                    started = time.monotonic()
                    continue
                body = {"error": error.body} if error.body is not None else None
                kind = error.type or f"http_{status}"
                self._write(self._failure(line, status=status, request_id=error.request_id, body=body), failed=kind,
                            cost=None)  # fmt: skip
                return None
            except (APIConnectionError, ImageJobTimeoutError) as error:
                code = "job_timeout" if isinstance(error, ImageJobTimeoutError) else "connection_error"
                code = "timeout" if isinstance(error, APITimeoutError) else code
                if attempt < self.max_attempts:
                    await asyncio.sleep(self._backoff(attempt, None))
                    started = time.monotonic()
                    continue
                self._write(self._failure(line, code=code, message=str(error)), failed=code, cost=None)
                return None
            except ImageJobFailedError as error:
                details = None if error.error is None else error.error.to_dict()
                self._write(self._failure(line, code="job_failed", message=str(error), body=None) if details is None
                            else self._failure(line, status=200, body={"error": details}), failed="job_failed",
                            cost=None)  # fmt: skip
                return None
            except CCAPIError as error:
                code = type(error).__name__
                self._write(self._failure(line, code=code, message=str(error)), failed=code, cost=None)
                return None
            self.limit.succeeded()
            return outcome

    @staticmethod
    def _backoff(attempt: int, retry_after: float | None) -> float:
        delay: float = min(MAX_BACKOFF, FIRST_BACKOFF * 2.0 ** (attempt - 1)) * (0.5 + random.random() / 2)  # noqa: S311
        return max(delay, float(retry_after or 0.0))

    async def _when_budget_refused(self, line: Line) -> None:
        """The budget refused this line with calls in flight (whose holds may settle lower): no new lines until
        they have settled, then this one again, alone. Refused then, the batch takes no more lines."""
        self.budget_blocked += 1
        self._budget_clear.clear()
        try:
            async with self._alone:
                if self.budget_stopped:
                    return
                await self.limit.idle()
                started = await self.limit.acquire()
                try:
                    outcome = await self._attempts(line, started)
                except _BudgetRefused:
                    self.budget_stopped = True
                    return
                finally:
                    self.limit.release()
                if outcome is not None:
                    await self._succeeded(line, outcome)
        finally:
            self.budget_blocked -= 1
            if self.budget_blocked == 0:
                self._budget_clear.set()

    async def wait_for_budget(self) -> None:
        await self._budget_clear.wait()


class BudgetAccount:
    """The batch's budget, held by one Ray actor (`ray.remote(num_cpus=0)(BudgetAccount)`): lines reserve their worst
    case before they are sent and settle to what they cost, so that workers together never spend past it."""

    def __init__(self, budget: Decimal) -> None:
        self.budget = budget
        self.spent = Decimal(0)
        self.reserved = Decimal(0)
        self.stopped = False

    def reserve(self, estimate: Decimal) -> str:
        """`granted` (held), `wait` (other lines hold reservations that may settle lower) or `stop` (the budget
        cannot cover it with nothing held: no more lines are taken)."""
        if self.stopped:
            return "stop"
        if estimate <= self.budget - self.spent - self.reserved:
            self.reserved += estimate
            return "granted"
        if self.reserved > 0:
            return "wait"
        self.stopped = True
        return "stop"

    def settle(self, estimate: Decimal, cost: Decimal) -> None:
        self.reserved -= estimate
        self.spent += cost

    def state(self) -> tuple[Decimal, Decimal, bool]:
        """What was spent, what is held, and whether the budget stopped the batch."""
        return self.spent, self.reserved, self.stopped


class _BudgetRefused(Exception):
    """The client's budget refused a call (nothing was sent)."""


async def arun(
    input: str | Path,
    output: str | Path,
    *,
    client: AsyncCCAPI | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    budget: Decimal | int | str | None = None,
    media_dir: str | Path | None = None,
    batch_id: str | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    job_timeout: float = DEFAULT_JOB_TIMEOUT,
    on_progress: Callable[[BatchProgress], object] | None = None,
    stop: asyncio.Event | None = None,
) -> BatchSummary:
    """Run a batch (see `ccapi.batch.run`), awaited."""
    from ._async_client import AsyncCCAPI

    source, target = _path("input", input), _path("output", output)
    if client is not None and not isinstance(client, AsyncCCAPI):
        raise TypeError(f"client must be an AsyncCCAPI, not {type(client).__name__}")
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValueError(f"concurrency must be an int of 1 or more, not {concurrency!r}")
    if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 1:
        raise ValueError(f"max_attempts must be an int of 1 or more, not {max_attempts!r}")
    if isinstance(job_timeout, bool) or not isinstance(job_timeout, int | float) or not job_timeout > 0:
        raise ValueError(f"job_timeout must be a number of seconds above 0, not {job_timeout!r}")
    if batch_id is not None and (not isinstance(batch_id, str) or not batch_id.replace("-", "").isalnum()):
        raise ValueError(f"batch_id must be letters, digits and dashes, not {batch_id!r}")
    limit_total: Decimal | None = None
    if budget is not None:
        from ._budget import budget_value

        limit_total = budget_value(budget)
    if not source.is_file():
        if source.exists():  # a FIFO or a device would be read for ever (or wait for a writer)
            raise ValueError(f"input {source} is not a regular file; nothing was read or sent")
        raise FileNotFoundError(f"input: no such file: {source}")
    lines.check_output(target)  # a device or a FIFO is refused before anything is read
    with OutputLock(target):  # one writer per output: a second run is refused (BatchLockedError)
        return await _run_locked(
            source, target, client=client, api_key=api_key, base_url=base_url, concurrency=concurrency,
            budget=limit_total, media_dir=media_dir, batch_id=batch_id, max_attempts=max_attempts,
            job_timeout=job_timeout, on_progress=on_progress, stop=stop,
        )  # fmt: skip


async def _run_locked(
    source: Path,
    target: Path,
    *,
    client: AsyncCCAPI | None,
    api_key: str | None,
    base_url: str | None,
    concurrency: int,
    budget: Decimal | None,
    media_dir: str | Path | None,
    batch_id: str | None,
    max_attempts: int,
    job_timeout: float,
    on_progress: Callable[[BatchProgress], object] | None,
    stop: asyncio.Event | None,
) -> BatchSummary:
    """The run itself, its arguments checked and the output's lock held."""
    from ._async_client import AsyncCCAPI

    limit_total = budget
    scan = await asyncio.to_thread(lines.scan_input, source)
    prior = await asyncio.to_thread(lines.resume_output, target)
    batch = batch_id or lines.batch_id_for(scan.digest, target)
    media = _path("media_dir", media_dir) if media_dir is not None else default_media_dir(target)
    own = client is None
    base = client if client is not None else AsyncCCAPI(api_key=api_key, base_url=base_url)
    progress = BatchProgress(total=scan.lines, skipped=len(prior.done), spent_before=prior.spent)
    writer = OutputWriter(target)
    stopped: str | None = None
    try:
        worker = base.with_options(max_retries=0)
        if limit_total is not None:
            # What the client's shared account held before this batch (nothing to price if it counted no call).
            if base.spend.calls:
                await base.spend.refresh()
            already = base.spend.total if base.spend.calls else Decimal(0)
            worker = worker.with_options(budget=max(limit_total - prior.spent, Decimal(0)) + already)
        run = _Run(worker, writer.write, batch, progress, concurrency, max_attempts, job_timeout, media, on_progress)
        stopped = await _take_lines(run, lines.read_input(source), prior.done, stop)
    finally:
        writer.close()
        if own:
            await base.close()
    settled = progress.done
    return BatchSummary(
        output=target, batch_id=batch, total=scan.lines, skipped=progress.skipped, served=progress.served,
        failed=progress.failed, failures=dict(run.failures), remaining=scan.lines - settled, cost=progress.cost,
        spent_before=prior.spent, stopped=stopped, repaired=prior.retried + prior.torn,
    )  # fmt: skip


async def _take_lines(
    run: _Run, source: Iterable[Line], done: Container[str], stop: asyncio.Event | None
) -> str | None:
    """Start a task per line not yet done, within the adaptive limit; wait for them all. Why it stopped early."""
    tasks: set[asyncio.Task[None]] = set()
    stopped: str | None = None
    try:
        for line in source:
            if line.custom_id in done:
                continue
            started = None
            while started is None:
                if run.budget_blocked:
                    await run.wait_for_budget()
                if run.budget_stopped or (stop is not None and stop.is_set()):
                    break
                started = await run.limit.acquire()
                if run.budget_blocked or run.budget_stopped or (stop is not None and stop.is_set()):
                    run.limit.release()  # a refused line waits for the calls in flight: start none
                    started = None
            if started is None:
                stopped = "budget" if run.budget_stopped else "interrupted"
                break
            task = asyncio.create_task(run.line(line, started))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        while tasks:
            await asyncio.gather(*tasks)
    finally:
        for task in tasks:  # cancelled (a second Ctrl-C): those lines are written by none, and redone on resume
            task.cancel()
    if stopped is None and run.budget_stopped:
        stopped = "budget"
    return stopped


def default_media_dir(output: Path) -> Path:
    """Where a batch's media go unless told: `<output's name without .jsonl>-media`, beside the output."""
    stem = output.name[: -len(".jsonl")] if output.name.endswith(".jsonl") else output.name
    return output.with_name(f"{stem}-media")


def _path(name: str, value: object) -> Path:
    if not isinstance(value, str | Path):
        raise TypeError(f"{name} must be a path (str or pathlib.Path), not {type(value).__name__}")
    if not str(value):
        raise ValueError(f"{name} must not be empty")
    return Path(value)


def run(
    input: str | Path,
    output: str | Path,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    budget: Decimal | int | str | None = None,
    media_dir: str | Path | None = None,
    batch_id: str | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    job_timeout: float = DEFAULT_JOB_TIMEOUT,
    on_progress: Callable[[BatchProgress], object] | None = None,
) -> BatchSummary:
    """Run a batch: every line of `input` (OpenAI Batch API input lines: `custom_id`, `method`, `url` such as
    `/v1/chat/completions`, `/v1/audio/speech`, `/v1/images/generations` or `/v1/images/generate`, and `body`) is
    called, and its result appended to `output` as an OpenAI batch output line (`custom_id`, `response` with
    `status_code`, `request_id` and `body`, or `error`; and `cost`). Image jobs are waited to their end; speech and
    images are saved in `media_dir` (default: beside the output).

    Run it again with the same output to resume: lines already written are skipped, lines that failed with a
    retryable error are tried again. `budget` covers the whole batch across runs. Blocking; `arun` is the async
    form (and takes an `AsyncCCAPI`).
    """
    return asyncio.run(
        arun(
            input, output, api_key=api_key, base_url=base_url, concurrency=concurrency, budget=budget,
            media_dir=media_dir, batch_id=batch_id, max_attempts=max_attempts, job_timeout=job_timeout,
            on_progress=on_progress,
        )
    )  # fmt: skip
