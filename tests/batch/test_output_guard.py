"""One writer per batch output, and outputs that are not regular files: two runs on one output never write a line
twice (the second is refused, naming the holder; a lock left by a process that is gone is taken over), and a
device, a FIFO or a folder as the output is refused, naming it, before anything is read or sent."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ccapi
import ccapi.batch
import pytest
from ccapi.testing import Faults, SandboxServer

from ._files import chat_input, once_each, read_output

HOLD_LOCK = """
import sys, time
from pathlib import Path
from ccapi._batch_lock import OutputLock
OutputLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
time.sleep(600)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Another process that holds an output's lock until it is killed."""
    started: list[subprocess.Popen[str]] = []

    def hold(output: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(output)], stdout=subprocess.PIPE, text=True)
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline() == "held\n"
        return process

    yield hold
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def test_two_runs_at_once_on_one_output_write_each_line_once(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    count = 40
    source = chat_input(tmp_path / "in.jsonl", count)
    output = tmp_path / "out.jsonl"
    ccapi_sandbox.config.faults = Faults(latency=0.05)

    async def both() -> list[ccapi.batch.BatchSummary | BaseException]:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
            runs = [ccapi.batch.arun(source, output, client=client, concurrency=4) for _ in range(2)]
            return await asyncio.gather(*runs, return_exceptions=True)

    first, second = asyncio.run(both())
    assert isinstance(first, ccapi.batch.BatchSummary)
    assert first.served == count
    assert isinstance(second, ccapi.batch.BatchLockedError)
    assert second.holder.pid == os.getpid()
    assert second.holder.host == socket.gethostname()
    assert str(output) in str(second)
    assert f"pid {os.getpid()}" in str(second)
    once_each(read_output(output), count)
    assert not Path(f"{output}.lock").exists()  # let go at the end of the run


def test_a_run_is_refused_while_another_process_writes_and_takes_over_once_it_is_gone(
    ccapi_sandbox: SandboxServer, tmp_path: Path, holder: Callable[[Path], subprocess.Popen[str]]
) -> None:
    source = chat_input(tmp_path / "in.jsonl", 3)
    output = tmp_path / "out.jsonl"
    other = holder(output)
    options: dict[str, Any] = {"api_key": ccapi_sandbox.api_key, "base_url": ccapi_sandbox.base_url}
    before = ccapi_sandbox.served_per_key
    with pytest.raises(ccapi.batch.BatchLockedError) as refused:
        ccapi.batch.run(source, output, **options)
    assert refused.value.holder.pid == other.pid
    assert refused.value.lock_path == tmp_path / "out.jsonl.lock"
    assert f"pid {other.pid} on {socket.gethostname()} since " in str(refused.value)
    assert ccapi_sandbox.served_per_key == before
    assert not output.exists()

    other.send_signal(signal.SIGKILL)  # gone without letting go: its lock file stays, naming a dead process
    other.wait(timeout=30)
    assert (tmp_path / "out.jsonl.lock").exists()
    summary = ccapi.batch.run(source, output, **options)
    assert summary.served == 3
    once_each(read_output(output), 3)


def test_the_command_line_refuses_an_output_in_use_in_one_line(
    ccapi_sandbox: SandboxServer, tmp_path: Path, holder: Callable[[Path], subprocess.Popen[str]]
) -> None:
    from .test_cli import batch_run

    source = chat_input(tmp_path / "in.jsonl", 2)
    output = tmp_path / "out.jsonl"
    other = holder(output)
    done = batch_run(ccapi_sandbox, str(source), "-o", str(output))
    assert done.returncode == 16
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "Traceback" not in message
    assert message.startswith("error:")
    assert f"pid {other.pid}" in message
    assert not output.exists()


def _finishes(action: Callable[[], object], seconds: float = 20.0) -> BaseException | None:
    """What `action` raised (None if nothing), failing the test if it has not ended in `seconds` (the thread is left
    behind: what is tested here is that it does not hang)."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            action()
        except BaseException as error:
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds}s"
    return outcome[0]


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_an_output_that_is_not_a_regular_file_is_refused_before_anything_is_read_or_sent(
    ccapi_sandbox: SandboxServer, tmp_path: Path, kind: str
) -> None:
    source = chat_input(tmp_path / "in.jsonl", 3)
    if kind == "device":
        output = Path("/dev/full")
        if not output.exists():
            pytest.skip("no /dev/full here")
    elif kind == "fifo":
        output = tmp_path / "out.jsonl"
        os.mkfifo(output)
    else:
        output = tmp_path / "out.jsonl"
        output.mkdir()
    options: dict[str, Any] = {"api_key": ccapi_sandbox.api_key, "base_url": ccapi_sandbox.base_url}
    before = ccapi_sandbox.served_per_key
    error = _finishes(lambda: ccapi.batch.run(source, output, **options))
    assert isinstance(error, ccapi.batch.BatchOutputError), error
    assert str(output) in str(error)
    assert "not a regular file" in str(error)
    assert ccapi_sandbox.served_per_key == before


def test_an_input_that_is_not_a_regular_file_is_named_as_such(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    os.mkfifo(source)
    error = _finishes(
        lambda: ccapi.batch.run(source, tmp_path / "out.jsonl", api_key="k", base_url="http://127.0.0.1:9/v1")
    )
    assert isinstance(error, ValueError)
    assert f"input {source} is not a regular file" in str(error)


def test_the_command_line_refuses_a_device_as_the_output_in_one_line(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    from .test_cli import batch_run

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    source = chat_input(tmp_path / "in.jsonl", 2)
    done = batch_run(ccapi_sandbox, str(source), "-o", "/dev/full")
    assert done.returncode == 2
    assert done.stderr.startswith("error: output /dev/full is a device, not a regular file")
    assert len(done.stderr.strip().splitlines()) == 1


def test_without_flock_the_lock_file_s_pid_and_host_decide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from ccapi import _batch_lock

    monkeypatch.setattr(_batch_lock, "fcntl", None)  # a platform or file system without flock
    output = tmp_path / "out.jsonl"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    here = socket.gethostname()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        for pid, host, refused in ((int(gone.stdout), here, False), (alive.pid, here, True), (1, "elsewhere", True)):
            lock_file = tmp_path / "out.jsonl.lock"
            lock_file.write_text(json.dumps({"pid": pid, "host": host, "started": "then"}))
            lock = _batch_lock.OutputLock(output)
            if refused:
                with pytest.raises(_batch_lock.BatchLockedError, match=f"pid {pid} on {host} since then"):
                    lock.acquire()
            else:
                lock.acquire()  # its holder is gone from this host: taken over, and named anew
                assert json.loads(lock_file.read_text())["pid"] == os.getpid()
                lock.release()
                assert not lock_file.exists()
    finally:
        alive.kill()
        alive.wait(timeout=30)
