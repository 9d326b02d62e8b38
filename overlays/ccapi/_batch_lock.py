"""One writer per batch output: a lock file beside the output (`results.jsonl.lock`, `folder.lock` for a Ray
batch's folder) that names its holder (pid, host, start time), held for the whole run.

Two runs appending to one output would write every line twice (and a later resume would read back twice the
spend), so a second run is refused with `BatchLockedError`. The lock itself is an advisory `flock` on the lock
file, which the kernel lets go when the holder's process ends however it ends: a lock file left by a process that
is gone (killed, crashed) is taken over, not obeyed. The file's text is only there to name the holder in the error.
Where `flock` is not available (not POSIX, or a file system without it), a lock file naming a process that is gone
from this host is taken over, and one naming a live process, or another host, is obeyed.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: the pid in the file decides
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class LockHolder:
    """Who holds a batch output's lock, as its lock file says (any field may be unknown)."""

    pid: int | None
    host: str | None
    started: str | None

    def describe(self) -> str:
        pid = "an unknown process" if self.pid is None else f"pid {self.pid}"
        host = "" if self.host is None else f" on {self.host}"
        since = "" if self.started is None else f" since {self.started}"
        return f"{pid}{host}{since}"


class BatchLockedError(RuntimeError):
    """Another run is writing this batch output (one writer per output: two would write every line twice). Wait
    for it to end, or give this run another output. `lock_path` is the lock file, `holder` who holds it."""

    def __init__(self, output: Path, lock_path: Path, holder: LockHolder) -> None:
        self.output = output
        self.lock_path = lock_path
        self.holder = holder
        super().__init__(
            f"{output} is being written by another batch run ({holder.describe()}); one run per output. "
            f"Wait for it to end, or use another output (lock file: {lock_path})"
        )


def lock_path_for(output: Path) -> Path:
    """The lock file of an output: beside it, its name with `.lock` added."""
    return output.with_name(output.name + LOCK_SUFFIX)


def _here() -> LockHolder:
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    return LockHolder(os.getpid(), socket.gethostname(), started)


def _read_holder(path: Path) -> LockHolder:
    try:
        item = json.loads(path.read_bytes()[:4096])
    except (OSError, ValueError):
        return LockHolder(None, None, None)
    if not isinstance(item, dict):
        return LockHolder(None, None, None)
    pid, host, started = item.get("pid"), item.get("host"), item.get("started")
    return LockHolder(
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        host if isinstance(host, str) else None,
        started if isinstance(started, str) else None,
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and is someone else's
        return True
    return True


class OutputLock:
    """The lock of one batch output, held from `acquire()` to `release()` (or the end of a `with` block)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = lock_path_for(output.resolve())  # two names of one file share its lock
        self._fd = -1

    def acquire(self) -> OutputLock:
        """Take the lock, or raise BatchLockedError naming its holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):  # each turn loses only to a holder that let go and unlinked meanwhile
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not self._lock(fd):
                    raise BatchLockedError(self.output, self.path, _read_holder(self.path))
                if not self._still_the_file(fd):  # its holder unlinked it as it let go: lock the new one
                    os.close(fd)
                    continue
            except BaseException:
                os.close(fd)
                raise
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(_here().__dict__).encode() + b"\n")
            self._fd = fd
            return self
        raise BatchLockedError(self.output, self.path, _read_holder(self.path))  # pragma: no cover

    def _lock(self, fd: int) -> bool:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            except OSError:  # no flock on this file system: the pid in the file decides
                pass
            else:
                return True
        holder = _read_holder(self.path)
        if holder.pid is None:  # no one has written it: a holder that died before it could, or none
            return True
        if holder.pid == os.getpid():  # this process, through another lock of the same output
            return False
        return holder.host == socket.gethostname() and not _alive(holder.pid)

    def _still_the_file(self, fd: int) -> bool:
        try:
            named = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        """Let go: the file is removed first (while still locked), so that no one locks a file about to go."""
        if self._fd < 0:
            return
        try:
            if self._still_the_file(self._fd):
                os.unlink(self.path)
        except OSError:
            pass
        finally:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *_: object) -> None:
        self.release()
