"""Many calls from a file: resumable batches within a budget (`ccapi batch run` on the command line).

    import ccapi.batch

    summary = ccapi.batch.run("requests.jsonl", "results.jsonl", concurrency=32, budget="5.00")
    print(summary.served, summary.failed, summary.remaining, summary.total_cost)

The input is OpenAI's Batch API input lines; the output is OpenAI's batch output lines. Running it again with the
same output resumes. `arun` is the async form; `run_on_ray` (the `ray` extra) runs one on a Ray cluster with Ray Data.
"""

from typing import TYPE_CHECKING, Any

from ._batch import AdaptiveLimit, BatchProgress, BatchSummary, BudgetAccount, arun, default_media_dir, run
from ._batch_lines import BatchInputError, BatchOutputError, idempotency_key
from ._batch_lock import BatchLockedError

__all__ = [
    "AdaptiveLimit",
    "BatchInputError",
    "BatchLockedError",
    "BatchOutputError",
    "BatchProgress",
    "BatchSummary",
    "BudgetAccount",
    "arun",
    "default_media_dir",
    "idempotency_key",
    "run",
    "run_on_ray",
]

if TYPE_CHECKING:
    from ._batch_ray import run_on_ray as run_on_ray


def __getattr__(name: str) -> Any:
    # The Ray form (the `ray` extra) is imported only when used: `import ccapi.batch` never imports Ray.
    if name == "run_on_ray":
        from . import _batch_ray

        return getattr(_batch_ray, name)
    raise AttributeError(f"module 'ccapi.batch' has no attribute {name!r}")
