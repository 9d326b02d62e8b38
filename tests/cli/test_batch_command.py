"""`ccapi batch run`'s help and progress bar say what is true: the media folder's default name, and every line
written as soon as it is written."""

from __future__ import annotations

import re
from pathlib import Path

import ccapi.batch
import pytest
from ccapi._batch import BatchProgress
from ccapi._cli import _batch, _output

from .test_commands import run


def test_help_names_the_media_folder_the_batch_uses() -> None:
    done = run(None, "batch", "run", "--help")
    assert done.returncode == 0
    help_text = " ".join(done.stdout.split())
    said = re.search(r"--media-dir .*?\[default: (.*?)\]", help_text)
    assert said is not None
    assert "results-media for results.jsonl" in said.group(1)
    assert ccapi.batch.default_media_dir(Path("results.jsonl")) == Path("results-media")


def test_the_progress_bar_counts_each_line_when_it_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_output.err, "_force_terminal", True)
    bar = _batch._Bar()
    state = BatchProgress(total=10, skipped=0)
    for served in range(1, 6):  # five lines written in a burst, faster than the bar is drawn
        state.served = served
        bar.update(state)
    assert bar.progress.tasks[0].completed == 5  # not the count of an earlier update
