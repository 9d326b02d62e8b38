"""The sync runtime is a rewrite of the async one (tools/unasync.py): `nox -s check_generated` fails on a hand edit,
naming the file, and the rewrite itself does what its rules say."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools import unasync

from .conftest import ROOT

COMMITTED = ROOT / "overlays" / "ccapi" / "_sync"


def test_the_committed_sync_runtime_is_a_fresh_rewrite() -> None:
    assert unasync.differing_files(COMMITTED) == []


def test_each_sync_file_says_where_it_comes_from() -> None:
    for path in sorted(COMMITTED.glob("*.py")):
        assert path.read_text().startswith(f"# generated from overlays/ccapi/_async/{path.name} by tools/unasync.py")


def test_hand_edits_are_named(tmp_path: Path) -> None:
    copy = tmp_path / "_sync"
    shutil.copytree(COMMITTED, copy)
    edited = copy / "_streaming.py"
    edited.write_text(edited.read_text().replace("try:", "if True:", 1))  # say, a try/finally dropped by hand
    (copy / "_pagination.py").unlink()
    (copy / "_hand_written.py").write_text("X = 1\n")
    assert unasync.differing_files(copy) == [
        f"{copy}/_hand_written.py: extra (no source in _async/)",
        f"{copy}/_pagination.py: missing (tools/unasync.py writes it)",
        f"{copy}/_streaming.py: differs from a fresh rewrite",
    ]


def test_the_rewrite_rules() -> None:
    rewrite = unasync.rewrite_line
    assert rewrite("    async def close(self) -> None:") == "    def close(self) -> None:"
    assert rewrite("        await self._iterator.aclose()") == "        self._iterator.close()"
    assert rewrite("async for page in self.iter_pages():") == "for page in self.iter_pages():"
    assert rewrite("class AsyncStream(_StreamBase[EventT]):") == "class Stream(_StreamBase[EventT]):"
    assert rewrite("http: httpx.AsyncClient") == "http: httpx.Client"
    assert rewrite("fetch: Callable[[int], Awaitable[AsyncPage[T]]]") == "fetch: Callable[[int], SyncPage[T]]"
    assert rewrite("await _io.async_send(http)") == "_io.send(http)"
    assert rewrite("    asynchronous = True  # unasync: asynchronous = False") == "    asynchronous = False"
    assert rewrite("import asyncio") == "import asyncio"  # a word that only begins with async is left alone
