"""A batch on Ray Data (the `ray` extra; `nox -s ray`): a local Ray instance, two workers, the sandbox on loopback.

One budget shared by the workers stops the whole job and is never overspent; a resumed run with more budget skips
what is written and finishes the rest; every line's result is present once, and no line was served twice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import ccapi.batch
import pytest
from ccapi.testing import SandboxServer

from ._files import chat_input, once_each, worst_cases

ray = pytest.importorskip("ray")


def results_in(folder: Path) -> list[dict[str, Any]]:
    import json

    found = []
    for path in sorted(folder.glob("*.jsonl")):
        raw = path.read_bytes()
        assert raw.endswith(b"\n"), f"{path} ends in a torn line"
        found += [json.loads(line) for line in raw.splitlines()]
    return found


@pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")  # Ray's own, of its own settings
def test_a_ray_batch_shares_one_budget_across_workers_and_resumes(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    count = 240
    source = chat_input(tmp_path / "in.jsonl", count)
    options = {"api_key": ccapi_sandbox.api_key, "base_url": ccapi_sandbox.base_url}
    full = ccapi.batch.run(source, tmp_path / "priced.jsonl", **options)  # what the whole batch costs
    budget = (full.cost / 3).quantize(Decimal("0.000001"))
    folder = tmp_path / "out"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        first = ccapi.batch.run_on_ray(source, folder, workers=2, budget=budget, batch_size=20, **options)
        written = results_in(folder)
        spent = sum(Decimal(line["cost"]) for line in written)
        assert first.stopped == "budget"
        assert spent <= budget  # never over, across both workers
        assert budget - spent < max(worst_cases(ccapi_sandbox, source))
        assert len({line["custom_id"] for line in written}) == len(written) == first.served
        assert first.remaining == count - len(written) > 0

        second = ccapi.batch.run_on_ray(source, folder, workers=2, budget=full.cost * 2, batch_size=20, **options)
        assert (second.skipped, second.remaining, second.stopped) == (len(written), 0, None)
    finally:
        ray.shutdown()
    results = results_in(folder)
    once_each(results, count)
    assert sum(Decimal(line["cost"]) for line in results) <= full.cost * 2
    keys = [ccapi.batch.idempotency_key(first.batch_id, f"line-{index}") for index in range(count)]
    served = ccapi_sandbox.served_per_key
    assert [served.get(key) for key in keys] == [1] * count


def test_a_ray_batch_is_refused_while_another_run_writes_its_folder(tmp_path: Path) -> None:
    from ccapi._batch_lock import OutputLock

    from ._files import chat_input

    source = chat_input(tmp_path / "in.jsonl", 2)
    folder = tmp_path / "out"
    with OutputLock(folder), pytest.raises(ccapi.batch.BatchLockedError) as refused:  # the driver holds it
        ccapi.batch.run_on_ray(source, folder, api_key="sk-unused", base_url="http://127.0.0.1:9/v1")
    assert refused.value.lock_path == tmp_path / "out.lock"
    assert not ray.is_initialized()
    assert not folder.exists()
