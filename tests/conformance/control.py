"""A sandbox whose configuration another process can set: the conformance catalogue's scenarios for drivers in
other languages (the TypeScript one), over a second loopback port.

`python tests/conformance/control.py` starts a sandbox and a control server and prints one JSON line,
`{"base_url": ..., "control_url": ...}`, then serves until stdin closes or it is terminated:

- `POST /scenario` with a scenario's `sandbox` object: the sandbox is reset to it (faults counted afresh);
- `GET /received`: the API requests seen since then (`method`, `path`, `idempotency_key`);
- `GET /billed`: the answers billed since then (`model`, `prompt_tokens`, `completion_tokens`).

`apply` is also what the Python driver uses, so that both languages meet the same sandbox.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ccapi.testing import Faults, ModelFault, SandboxConfig, SandboxServer

JOB_SECONDS = 0.2


def config_for(sandbox: dict[str, Any], api_key: str) -> SandboxConfig:
    """The SandboxConfig a scenario's `sandbox` object describes."""
    settings = dict(sandbox)
    faults = dict(settings.pop("faults", {}))
    if "down_models" in faults:
        faults["down_models"] = frozenset(faults["down_models"])
    if "models" in faults:  # one model misbehaving: {"openai/gpt-4o-mini": {"kind": "...", ...}}
        faults["models"] = {model: ModelFault(**fault) for model, fault in faults["models"].items()}
    settings.setdefault("job_duration", JOB_SECONDS)
    return SandboxConfig(api_key=api_key, faults=Faults(**faults), **settings)


def apply(server: SandboxServer, sandbox: dict[str, Any]) -> int:
    """Reset `server` to a scenario's sandbox; the number of requests seen so far (to read the new ones after)."""
    server.reset(config_for(sandbox, server.api_key))
    return len(server.received)


def billed_since(server: SandboxServer, mark: int) -> list[dict[str, Any]]:
    return [
        {"model": bill.model, "prompt_tokens": bill.prompt_tokens, "completion_tokens": bill.completion_tokens}
        for bill in server.billed[mark:]
    ]


def received_since(server: SandboxServer, mark: int) -> list[dict[str, Any]]:
    return [
        {"method": seen.method, "path": seen.path, "idempotency_key": seen.idempotency_key}
        for seen in server.received[mark:]
    ]


class _QuietDisconnects(logging.Filter):
    """A client that gives up mid-request (a timeout the scenario asked for) is not a server error to print."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and type(record.exc_info[1]).__name__ == "ClientDisconnect")


def serve() -> None:
    logging.getLogger("uvicorn.error").addFilter(_QuietDisconnects())
    with SandboxServer(SandboxConfig(job_duration=JOB_SECONDS)) as server:
        mark, billed = 0, 0
        lock = threading.Lock()

        class Control(BaseHTTPRequestHandler):
            def _answer(self, body: Any, status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                nonlocal mark, billed
                length = int(self.headers.get("content-length") or 0)
                try:
                    sandbox = json.loads(self.rfile.read(length) or b"{}")
                    with lock:
                        mark = apply(server, sandbox)
                        billed = len(server.billed)
                except (TypeError, ValueError) as problem:
                    self._answer({"error": str(problem)}, 400)
                    return
                self._answer({})

            def do_GET(self) -> None:
                with lock:
                    if self.path == "/billed":
                        self._answer(billed_since(server, billed))
                    else:
                        self._answer(received_since(server, mark))

            def log_message(self, format: str, *args: Any) -> None:
                pass

        control = ThreadingHTTPServer(("127.0.0.1", 0), Control)
        threading.Thread(target=control.serve_forever, daemon=True).start()
        line = {"base_url": server.base_url, "control_url": f"http://127.0.0.1:{control.server_address[1]}"}
        print(json.dumps(line), flush=True)
        try:
            sys.stdin.read()  # until the parent closes our stdin (or terminates us)
        finally:
            control.shutdown()


if __name__ == "__main__":
    serve()
