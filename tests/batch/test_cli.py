"""`ccapi batch run` as a real process against the sandbox: killed with SIGKILL and rerun, interrupted with Ctrl-C,
stopped by its budget and resumed with a larger one."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import ccapi
import ccapi.batch
from ccapi.testing import Faults, SandboxServer

from ._files import CHAT_MODEL, chat_input, once_each, read_output

CCAPI = str(Path(sys.executable).with_name("ccapi"))


def command(sandbox: SandboxServer, *args: str) -> tuple[list[str], dict[str, str]]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CCAPI_")}
    env.update(CCAPI_BASE_URL=sandbox.base_url, CCAPI_API_KEY=sandbox.api_key, COLUMNS="200")
    return [CCAPI, "batch", "run", *args], env


def batch_run(sandbox: SandboxServer, *args: str) -> subprocess.CompletedProcess[str]:
    argv, env = command(sandbox, *args)
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300, check=False)


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_killed_with_sigkill_and_rerun_no_line_is_served_twice_or_torn(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    count = 2000
    source = chat_input(tmp_path / "in.jsonl", count)
    output = tmp_path / "out.jsonl"
    ccapi_sandbox.config.faults = Faults(rate_limit_first=40, retry_after=1, error_count=30, error_status=503)
    seed = random.randrange(1 << 30)  # noqa: S311 (a test's moment, not a secret)
    kill_after = random.Random(seed).randrange(50, count - 200)  # noqa: S311 (lines written before the kill)
    argv, env = command(ccapi_sandbox, str(source), "-o", str(output), "--max-attempts", "10")
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while lines_in(output) < kill_after and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert process.poll() is None, f"the batch ended before the kill (seed {seed})"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert 0 < lines_in(output) < count, f"seed {seed}"

    done = batch_run(ccapi_sandbox, str(source), "-o", str(output))
    assert done.returncode == 0, done.stderr
    once_each(read_output(output), count)
    batch_id = _batch_id(source, output)
    served = ccapi_sandbox.served_per_key
    keys = [ccapi.batch.idempotency_key(batch_id, f"line-{index}") for index in range(count)]
    assert [served.get(key) for key in keys] == [1] * count, f"seed {seed}"


def _batch_id(source: Path, output: Path) -> str:
    # What the keys were made of: the batch id the library derives from the input and the output.
    from ccapi._batch_lines import batch_id_for, scan_input

    return batch_id_for(scan_input(source).digest, output)


def test_ctrl_c_lets_calls_in_flight_finish_and_prints_the_resume_command(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    count = 400
    source = chat_input(tmp_path / "in.jsonl", count)
    output = tmp_path / "out.jsonl"
    ccapi_sandbox.config.faults = Faults(latency=0.02)
    argv, env = command(ccapi_sandbox, str(source), "-o", str(output), "--concurrency", "4")
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while lines_in(output) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    resume = f"ccapi batch run {source} -o {output} --concurrency 4"
    assert resume in stderr
    written = read_output(output)  # whole lines only: the calls in flight finished and were written
    assert 20 <= len(written) < count
    ccapi_sandbox.config.faults = Faults()
    done = batch_run(ccapi_sandbox, *resume.split()[3:])
    assert done.returncode == 0, done.stderr
    assert f"{len(written)} done by an earlier run" in done.stderr
    once_each(read_output(output), count)


def _worst_cases(sandbox: SandboxServer, source: Path) -> list[Decimal]:
    """Each line's worst case by the documented rule: the prompt's UTF-8 bytes as input tokens, plus max_tokens."""
    with ccapi.CCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        pricing = next(model for model in client.models.list() if model.id == CHAT_MODEL).ccapi.pricing
    prompt_price = Decimal(str(pricing.input_cost_per_million)) / 1_000_000
    output_price = Decimal(str(pricing.output_cost_per_million)) / 1_000_000
    worst = []
    for raw in source.read_text().splitlines():
        body = json.loads(raw)["body"]
        prompt = len(json.dumps(body["messages"], ensure_ascii=False).encode())
        worst.append(prompt * prompt_price + body["max_tokens"] * output_price)
    return worst


def test_a_budget_for_a_third_stops_never_over_and_a_larger_one_finishes(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    count = 300
    source = chat_input(tmp_path / "in.jsonl", count)
    # What the whole batch costs, from a run into another output (another batch: no replay between them).
    full = ccapi.batch.run(source, tmp_path / "priced.jsonl", api_key=ccapi_sandbox.api_key,
                           base_url=ccapi_sandbox.base_url)  # fmt: skip
    assert full.served == count
    budget = (full.cost / 3).quantize(Decimal("0.000001"))
    output = tmp_path / "out.jsonl"

    stopped = batch_run(ccapi_sandbox, str(source), "-o", str(output), "--budget", str(budget))
    assert stopped.returncode == 9, stopped.stderr
    written = read_output(output)
    spent = sum(Decimal(line["cost"]) for line in written)
    assert spent <= budget  # never over
    assert budget - spent < max(_worst_cases(ccapi_sandbox, source))  # the next line's worst case did not fit
    assert count / 4 < len(written) < count / 2
    assert f"{count - len(written)} line(s) remain" in stopped.stderr
    assert "--budget MORE" in stopped.stderr

    larger = str(full.cost * 2)
    done = batch_run(ccapi_sandbox, str(source), "-o", str(output), "--budget", larger)
    assert done.returncode == 0, done.stderr
    results = read_output(output)
    once_each(results, count)
    assert sum(Decimal(line["cost"]) for line in results) <= Decimal(larger)


def test_a_resumed_run_counts_what_earlier_runs_spent_against_the_budget(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = chat_input(tmp_path / "in.jsonl", 60)
    output = tmp_path / "out.jsonl"
    options = {"api_key": ccapi_sandbox.api_key, "base_url": ccapi_sandbox.base_url}
    first = ccapi.batch.run(source, output, budget="1", **options)
    assert first.served == 60
    spent = first.cost
    more = chat_input(tmp_path / "in.jsonl", 120)  # the same batch, grown: the first 60 are done
    second = ccapi.batch.run(more, output, budget=spent, **options, batch_id=first.batch_id)
    # Everything the budget allowed was spent by the first run: the second takes no line.
    assert (second.skipped, second.served, second.stopped, second.spent_before) == (60, 0, "budget", spent)
    assert second.remaining == 60
