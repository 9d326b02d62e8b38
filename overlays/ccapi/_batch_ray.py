"""A batch on a Ray cluster, with Ray Data (the `ray` extra: ``pip install 'ccapi-sdk[ray]'``). Imported only by
`ccapi.batch.run_on_ray`: `import ccapi` and `import ccapi.batch` never import Ray.

The input is read by Ray Data (`read_text`); an actor pool (`map_batches` with `ActorPoolStrategy`) does the lines,
each actor holding one `AsyncCCAPI` on an event loop of its own and running each block of lines as `ccapi.batch`
does (the adaptive limit, retries, the same `Idempotency-Key`s); Ray's file writers put the results, OpenAI batch
output lines, in files of the output folder. One budget covers every worker: an account held by a Ray actor, from
which each line reserves its worst case before it is sent, and to which it settles what it cost. A second run with
the same output folder skips the custom_ids already in it (and tries again those that failed with a retryable
error); its spend counts against the budget.
"""

from __future__ import annotations

import asyncio
import threading
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import ray
from ray.data import ActorPoolStrategy
from ray.data.block import BlockAccessor
from ray.data.datasource import BlockBasedFileDatasink

from . import _batch_lines as lines
from ._batch import (
    DEFAULT_JOB_TIMEOUT,
    DEFAULT_MAX_ATTEMPTS,
    BatchProgress,
    BatchSummary,
    BudgetAccount,
    _Run,
    _take_lines,
)

if TYPE_CHECKING:
    import pyarrow

    from ._async_client import AsyncCCAPI

OUTPUT_SUFFIX = ".jsonl"
PROBE_ATTEMPTS = 4
"""Tries to read the catalog's prices for a line's worst case before the line is written as failed (retryable)."""
POLL_SECONDS = 0.05
"""How often a line the shared budget cannot cover yet (while other lines hold reservations) asks again."""


class _RayAccount:
    """A worker's side of the shared account (the `SharedAccount` of `_batch`)."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    async def hold(self, client: AsyncCCAPI, line: lines.Line, key: str) -> Decimal | None:
        estimate = await _worst_case(client, line, key)
        while True:
            answer = await self._handle.reserve.remote(estimate)
            if answer == "granted":
                return estimate
            if answer == "stop":
                return None
            await asyncio.sleep(POLL_SECONDS)

    async def settle(self, reservation: Any, cost: Decimal | None, *, served: bool) -> None:
        spent = cost if cost is not None else (reservation if served else Decimal(0))
        await self._handle.settle.remote(reservation, spent)


async def _worst_case(client: AsyncCCAPI, line: lines.Line, key: str) -> Decimal:
    """The line's worst case, as the client's own budget reckons it: a copy with a budget of nothing refuses the
    call (before sending it) with the estimate. Should it be sent (a free line, nothing spent yet), it went with
    the line's Idempotency-Key, so the real call is answered from the gateway's record."""
    from ._batch import _call
    from ._errors import BudgetExceededError, CCAPIError

    probe = client.with_options(budget=0, max_retries=2)
    attempt = 0
    while True:
        try:
            await _call(probe, line, key, DEFAULT_JOB_TIMEOUT)
        except BudgetExceededError as refused:
            return refused.estimate
        except (ValueError, TypeError):  # the body does not fit the operation: the call fails without a cost
            return Decimal(0)
        except CCAPIError:  # the catalog could not be read: try again, a few times
            attempt += 1
            if attempt >= PROBE_ATTEMPTS:
                raise
            await asyncio.sleep(2**attempt)
            continue
        return Decimal(0)


class _Worker:
    """One actor of the pool: one AsyncCCAPI on an event loop of its own, the lines of each block done together."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        batch_id: str,
        done: frozenset[str],
        account: Any,
        concurrency: int,
        max_attempts: int,
        job_timeout: float,
        media_dir: str,
    ) -> None:
        from ._async_client import AsyncCCAPI

        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="ccapi-batch", daemon=True).start()
        self._done = done

        async def make() -> _Run:
            client = AsyncCCAPI(api_key=api_key, base_url=base_url)
            worker = client.with_options(max_retries=0)
            shared = None if account is None else _RayAccount(account)
            progress = BatchProgress(total=0, skipped=0)
            return _Run(
                worker, lambda _: None, batch_id, progress, concurrency, max_attempts, job_timeout, Path(media_dir),
                None, account=shared,
            )  # fmt: skip

        self._run = asyncio.run_coroutine_threadsafe(make(), self._loop).result()

    def __call__(self, batch: dict[str, np.ndarray[Any, Any]]) -> dict[str, np.ndarray[Any, Any]]:
        written: list[str] = []
        block = [
            line for raw in batch["text"] if isinstance(line := lines.parse_line(0, str(raw).encode()), lines.Line)
        ]

        async def work() -> None:
            self._run.sink = lambda line: written.append(line.decode())
            await _take_lines(self._run, block, self._done, None)

        asyncio.run_coroutine_threadsafe(work(), self._loop).result()
        return {"line": np.array(written, dtype=object)}


class _LinesDatasink(BlockBasedFileDatasink):  # type: ignore[misc]  # Ray's classes are untyped
    """Ray's file writer for our lines: each block's output lines, as they are, in a `.jsonl` file."""

    def __init__(self, path: str) -> None:
        super().__init__(path, file_format=OUTPUT_SUFFIX[1:])

    def write_block_to_file(self, block: BlockAccessor, file: pyarrow.NativeFile) -> None:
        for line in block.to_arrow().column("line").to_pylist():
            file.write(line.encode())


def _read_back(folder: Path, *, repair: bool = True) -> lines.OutputState:
    """What runs left in the output folder (each file resumed, or with `repair=False` read, as one output is)."""
    state = lines.OutputState()
    for path in sorted(folder.glob(f"*{OUTPUT_SUFFIX}")):
        found = lines.resume_output(path, repair=repair)
        state.done |= found.done
        state.failed += found.failed
        state.spent += found.spent
        state.retried += found.retried
        state.torn = state.torn or found.torn
    return state


def run_on_ray(
    input: str | Path,
    output: str | Path,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    workers: int = 2,
    concurrency: int = 16,
    num_cpus: float = 0.5,
    batch_size: int = 64,
    budget: Decimal | int | str | None = None,
    media_dir: str | Path | None = None,
    batch_id: str | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    job_timeout: float = DEFAULT_JOB_TIMEOUT,
) -> BatchSummary:
    """Run a batch on Ray (connected with `ray.init()` first, or a local instance started here).

    `output` is a folder: Ray's writers add `.jsonl` files of OpenAI batch output lines to it. `workers` actors,
    each asking for `num_cpus` CPUs (below 1, so that the pool leaves room for Ray Data's own read task) and
    keeping up to `concurrency` calls in flight. `budget` covers the whole batch, across workers and runs.
    Rerun with the same folder to resume.
    """
    from ._batch import _path
    from ._budget import budget_value

    source, folder = _path("input", input), _path("output", output)
    for name, value in (("workers", workers), ("concurrency", concurrency), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an int of 1 or more, not {value!r}")
    if isinstance(num_cpus, bool) or not isinstance(num_cpus, int | float) or not num_cpus > 0:
        raise ValueError(f"num_cpus must be a number above 0, not {num_cpus!r}")
    limit = budget_value(budget)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"output must be a folder for a Ray batch (Ray writes a file per block): {folder}")
    from ._batch_lock import OutputLock

    with OutputLock(folder):  # one run per output folder: the driver holds the lock while the workers write
        return _run_on_ray_locked(
            source, folder, api_key=api_key, base_url=base_url, workers=workers, concurrency=concurrency,
            num_cpus=num_cpus, batch_size=batch_size, limit=limit, media_dir=media_dir, batch_id=batch_id,
            max_attempts=max_attempts, job_timeout=job_timeout,
        )  # fmt: skip


def _run_on_ray_locked(
    source: Path,
    folder: Path,
    *,
    api_key: str | None,
    base_url: str | None,
    workers: int,
    concurrency: int,
    num_cpus: float,
    batch_size: int,
    limit: Decimal | None,
    media_dir: str | Path | None,
    batch_id: str | None,
    max_attempts: int,
    job_timeout: float,
) -> BatchSummary:
    scan = lines.scan_input(source)  # malformed lines and repeated ids, reported before anything is sent
    folder.mkdir(parents=True, exist_ok=True)
    prior = _read_back(folder)
    batch = batch_id or lines.batch_id_for(scan.digest, folder)
    from ._batch import default_media_dir

    media = Path(media_dir) if media_dir is not None else default_media_dir(folder)
    if not ray.is_initialized():
        ray.init(include_dashboard=False, log_to_driver=False)
    account = None
    if limit is not None:
        account = ray.remote(num_cpus=0)(BudgetAccount).remote(max(limit - prior.spent, Decimal(0)))
    dataset = ray.data.read_text(str(source.resolve()))
    results = dataset.map_batches(
        _Worker,
        fn_constructor_kwargs={
            "api_key": api_key, "base_url": base_url, "batch_id": batch, "done": frozenset(prior.done),
            "account": account, "concurrency": concurrency, "max_attempts": max_attempts,
            "job_timeout": job_timeout, "media_dir": str(media.resolve()),
        },
        compute=ActorPoolStrategy(size=workers),
        num_cpus=num_cpus,
        batch_size=batch_size,
        batch_format="numpy",
    )  # fmt: skip
    results.write_datasink(_LinesDatasink(str(folder.resolve())))
    after = _read_back(folder, repair=False)
    stopped = None
    if account is not None and ray.get(account.state.remote())[2]:
        stopped = "budget"
    failed = after.failed - prior.failed
    return BatchSummary(
        output=folder, batch_id=batch, total=scan.lines, skipped=len(prior.done),
        served=len(after.done) - len(prior.done) - failed, failed=failed, failures={},
        remaining=scan.lines - len(after.done), cost=after.spent - prior.spent, spent_before=prior.spent,
        stopped=stopped, repaired=prior.retried + prior.torn,
    )  # fmt: skip
