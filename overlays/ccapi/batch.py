"""Many calls from a file: resumable batches within a budget (`ccapi batch run` on the command line).

    import ccapi.batch

    summary = ccapi.batch.run("requests.jsonl", "results.jsonl", concurrency=32, budget="5.00")
    print(summary.served, summary.failed, summary.remaining, summary.total_cost)

The input is OpenAI's Batch API input lines; the output is OpenAI's batch output lines. Running it again with the
same output resumes. `arun` is the async form; `ccapi.batch.ray` (the `ray` extra) runs a batch on a Ray cluster.
"""

from ._batch import AdaptiveLimit, BatchProgress, BatchSummary, arun, default_media_dir, run
from ._batch_lines import BatchInputError, BatchOutputError, idempotency_key

__all__ = [
    "AdaptiveLimit",
    "BatchInputError",
    "BatchOutputError",
    "BatchProgress",
    "BatchSummary",
    "arun",
    "default_media_dir",
    "idempotency_key",
    "run",
]
