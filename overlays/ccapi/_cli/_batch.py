"""`ccapi batch run`: a file of OpenAI Batch API lines, called at the gateway's limits, resumable, within a budget."""

from __future__ import annotations

import asyncio
import shlex
import signal
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import ccapi
from ccapi._batch import DEFAULT_CONCURRENCY, DEFAULT_JOB_TIMEOUT, DEFAULT_MAX_ATTEMPTS, BatchProgress, BatchSummary

from . import _output
from ._settings import Settings, pass_settings

EXIT_USAGE = 2
EXIT_FAILED_LINES = 1
EXIT_BUDGET = 9
EXIT_INTERRUPTED = 130
EXIT_OUTPUT_IN_USE = 16


@click.group()
def batch() -> None:
    """Many calls from a file: OpenAI Batch API lines in, OpenAI batch output lines out."""


def _money(amount: Decimal) -> str:
    return f"${amount:.4f}"


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    minutes, rest = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes:02d}:{rest:02d}"


class _Bar:
    """The progress bar: lines done of all, failed, rate, ETA and cost so far (on a terminal only)."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("[bold]batch[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=_output.err,
            disable=not _output.err.is_terminal,
        )
        self.task: Any = None

    def update(self, state: BatchProgress) -> None:
        # Every line written moves the bar (rich draws it ten times a second on its own): a bar updated only now
        # and then would stay behind the output when the last update falls between two slow lines.
        detail = (
            f"[red]{state.failed} failed[/]  {state.rate:.1f}/s  ETA {_eta(state.eta)}  "
            f"{_money(state.spent_before + state.cost)}  [dim]{state.in_flight} in flight[/]"
        )
        if self.task is None:
            self.task = self.progress.add_task("batch", total=state.total, detail=detail)
        self.progress.update(self.task, completed=state.done, detail=detail)


def _resume_command(
    source: Path, output: Path, concurrency: int, budget: str | None, media_dir: Path | None, batch_id: str | None
) -> str:
    words = ["ccapi", "batch", "run", str(source), "-o", str(output)]
    if concurrency != DEFAULT_CONCURRENCY:
        words += ["--concurrency", str(concurrency)]
    if budget is not None:
        words += ["--budget", budget]
    if media_dir is not None:
        words += ["--media-dir", str(media_dir)]
    if batch_id is not None:
        words += ["--batch-id", batch_id]
    return shlex.join(words)


def _print_summary(summary: BatchSummary) -> None:
    err = _output.err
    failures = ", ".join(f"{kind}: {count}" for kind, count in sorted(summary.failures.items()))
    err.print(
        f"served {summary.served}, failed {summary.failed}" + (f" ({failures})" if failures else "")
        + (f", {summary.skipped} done by an earlier run" if summary.skipped else "")
        + f"; cost {_money(summary.cost)}"
        + (f" ({_money(summary.total_cost)} with earlier runs)" if summary.spent_before else "")
        + f"; results in {summary.output}"
    )  # fmt: skip


@batch.command("run")
@click.argument("source", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The output file (JSONL); run again with the same output to resume.")  # fmt: skip
@click.option("--concurrency", type=click.IntRange(min=1), default=DEFAULT_CONCURRENCY, show_default=True,
              help="The most calls in flight (fewer while the gateway answers 429).")  # fmt: skip
@click.option("--budget", help="The most the whole batch may cost, across runs, in the catalog's currency.")
@click.option("--media-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where speech and images are saved [default: beside the output, its name without .jsonl and "
                   "with -media: results-media for results.jsonl].")  # fmt: skip
@click.option("--batch-id", help="The batch's id, in its Idempotency-Keys [default: from the input and output].")
@click.option("--max-attempts", type=click.IntRange(min=1), default=DEFAULT_MAX_ATTEMPTS, show_default=True,
              help="Tries per line on retryable errors (429, 5xx, no connection) before it fails.")  # fmt: skip
@click.option("--job-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_JOB_TIMEOUT,
              show_default=True, help="Seconds to wait for an image job to end.")  # fmt: skip
@pass_settings
def run(
    settings: Settings,
    source: Path,
    output: Path,
    concurrency: int,
    budget: str | None,
    media_dir: Path | None,
    batch_id: str | None,
    max_attempts: int,
    job_timeout: float,
) -> None:
    """Call every line of INPUT (OpenAI Batch API lines: custom_id, method, url, body) and append each result to
    OUTPUT as an OpenAI batch output line. Ctrl-C stops taking lines (twice: abandons those in flight) and prints
    the command that resumes."""
    if budget is not None:
        from ccapi._budget import budget_value

        try:
            budget_value(budget)
        except (TypeError, ValueError) as error:
            raise click.BadParameter(str(error), param_hint="--budget") from None
    bar = _Bar()
    options: dict[str, Any] = {"api_key": settings.api_key, "base_url": settings.base_url}
    if settings.timeout is not None:
        options["timeout"] = settings.timeout

    async def main() -> BatchSummary:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        current = asyncio.current_task()

        def interrupted() -> None:
            if stop.is_set() and current is not None:
                _output.err.print("[yellow]abandoning the calls in flight[/] (they are done again on resume)")
                current.cancel()
                return
            stop.set()
            _output.err.print("[yellow]stopping:[/] no new lines; the calls in flight finish (Ctrl-C again to abandon)")

        loop.add_signal_handler(signal.SIGINT, interrupted)
        try:
            async with ccapi.AsyncCCAPI(**options) as client:
                return await ccapi.batch.arun(
                    source, output, client=client, concurrency=concurrency, budget=budget, media_dir=media_dir,
                    batch_id=batch_id, max_attempts=max_attempts, job_timeout=job_timeout, on_progress=bar.update,
                    stop=stop,
                )  # fmt: skip
        finally:
            loop.remove_signal_handler(signal.SIGINT)

    resume = _resume_command(source, output, concurrency, budget, media_dir, batch_id)
    with bar.progress:
        try:
            summary = asyncio.run(main())
        except asyncio.CancelledError:
            summary = None
        except ccapi.batch.BatchInputError as problems:  # every line number, not only the first line of the message
            bar.progress.stop()
            _output.err.print(f"[bold red]error:[/] {problems}", markup=True, highlight=False)
            raise click.exceptions.Exit(EXIT_USAGE) from None
        except ccapi.batch.BatchLockedError as locked:  # another run writes this output: one line, its own code
            bar.progress.stop()
            _output.err.print(f"[bold red]error:[/] {_output.shown(locked)}", markup=True, highlight=False)
            raise click.exceptions.Exit(EXIT_OUTPUT_IN_USE) from None
    if summary is None:
        _output.err.print(f"interrupted; resume with:\n  {resume}")
        raise click.exceptions.Exit(EXIT_INTERRUPTED)
    _print_summary(summary)
    if summary.stopped == "interrupted":
        _output.err.print(f"interrupted, {summary.remaining} line(s) left; resume with:\n  {resume}")
        raise click.exceptions.Exit(EXIT_INTERRUPTED)
    if summary.stopped == "budget":
        more = _resume_command(source, output, concurrency, "MORE", media_dir, batch_id)
        _output.err.print(
            f"[yellow]budget reached:[/] the next line could cost more than what is left of {budget}; "
            f"{summary.remaining} line(s) remain. Resume with a larger budget:\n  {more}"
        )
        raise click.exceptions.Exit(EXIT_BUDGET)
    if summary.failed:
        raise click.exceptions.Exit(EXIT_FAILED_LINES)


COMMANDS = [batch]
