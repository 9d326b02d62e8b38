"""A batch reads its input as a stream: its peak memory for 20,000 lines is within 10% of that for 2,000.

Each size runs in a fresh interpreter, against an in-process transport that answers a recorded sandbox reply at
once, so that the figure is the batch's own and the test is fast. The figure is the kernel's high-water mark of the
process (VmHWM, which starts afresh at exec, unlike a child's ru_maxrss, which counts the forking parent's pages).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from ccapi.testing import SandboxServer

from ._files import chat_input

CHILD = """
import asyncio, sys
import httpx, ccapi, ccapi.batch

reply = open(sys.argv[3], "rb").read()
catalog = open(sys.argv[4], "rb").read()

def answer(request):
    body = catalog if request.url.path.endswith("/models") else reply
    return httpx.Response(200, content=body, headers={"content-type": "application/json", "x-request-id": "req_1"})

async def main():
    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    async with ccapi.AsyncCCAPI(api_key="sk-test", base_url="http://memory.test/v1", http_client=http) as client:
        summary = await ccapi.batch.arun(sys.argv[1], sys.argv[2], client=client, concurrency=32)
    assert summary.served == summary.total, summary

asyncio.run(main())
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def peak_kib(source: Path, output: Path, reply: Path, catalog: Path) -> int:
    argv = [sys.executable, "-c", CHILD, str(source), str(output), str(reply), str(catalog)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=True)
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the kernel's VmHWM (Linux)")
def test_peak_memory_for_20000_lines_is_within_10_percent_of_2000(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    with httpx.Client(
        base_url=ccapi_sandbox.base_url, headers={"Authorization": f"Bearer {ccapi_sandbox.api_key}"}
    ) as http:
        line = json.loads(chat_input(tmp_path / "one.jsonl", 1).read_text())
        (tmp_path / "reply.json").write_bytes(http.post("/chat/completions", json=line["body"]).content)
        (tmp_path / "catalog.json").write_bytes(http.get("/models").content)
    reply, catalog = tmp_path / "reply.json", tmp_path / "catalog.json"
    small = peak_kib(chat_input(tmp_path / "small.jsonl", 2_000), tmp_path / "small-out.jsonl", reply, catalog)
    large = peak_kib(chat_input(tmp_path / "large.jsonl", 20_000), tmp_path / "large-out.jsonl", reply, catalog)
    assert (tmp_path / "large-out.jsonl").read_bytes().count(b"\n") == 20_000
    assert large <= small * 1.10, f"{small} KiB for 2,000 lines, {large} KiB for 20,000"
