"""SandboxServer: a sandbox on a real loopback socket, in a background thread."""

from __future__ import annotations

import logging
import socket
import threading
import time
from types import TracebackType
from typing import Self

import uvicorn

from ._app import create_app
from ._config import SandboxConfig
from ._state import Billed, DeliberateDrop, ReceivedRequest, SandboxState

STARTUP_TIMEOUT = 10.0


class _HideDeliberateDrops(logging.Filter):
    """A dropped stream the test asked for is not a server error worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DeliberateDrop))


class SandboxServer:
    """A local CCAPI on a free loopback port. Use it as a context manager::

    with SandboxServer() as sandbox:
        client = ccapi.CCAPI(base_url=sandbox.base_url, api_key=sandbox.api_key)
    """

    def __init__(
        self, config: SandboxConfig | None = None, *, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
    ) -> None:
        self.app = create_app(config)
        self._host = host
        # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only when it is explicit, and
        # without it every response waits ~40 ms for a delayed ACK (Nagle's algorithm).
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.port: int = self._socket.getsockname()[1]
        self._server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                log_level=log_level,
                lifespan="off",
                timeout_graceful_shutdown=1,
                access_log=False,
            )
        )
        self._thread: threading.Thread | None = None
        self.app.state.connections = lambda: self._server.server_state.connections  # to reset one on purpose
        logging.getLogger("uvicorn.error").addFilter(_HideDeliberateDrops())

    @property
    def state(self) -> SandboxState:
        return self.app.state.sandbox  # type: ignore[no-any-return]

    @property
    def config(self) -> SandboxConfig:
        """The live config: change it (or its `faults`) at any time."""
        return self.state.config

    def reset(self, config: SandboxConfig | None = None) -> None:
        """Replace the config (default: a fresh one with the same key); fault counters start from zero, and the
        records of requests received and answers billed start empty (so that a test reading them from a mark taken
        after a reset never meets their cap of 10,000)."""
        self.state.config = config or SandboxConfig(api_key=self.api_key)
        self.state.received.clear()
        self.state.billed.clear()

    @property
    def api_key(self) -> str:
        """The key the sandbox accepts."""
        return self.config.api_key

    @property
    def base_url(self) -> str:
        """The API's base URL, ``http://127.0.0.1:<port>/v1``."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}/v1"

    @property
    def received(self) -> list[ReceivedRequest]:
        """The API requests seen so far, oldest first (the last 10,000)."""
        return list(self.state.received)

    @property
    def billed(self) -> list[Billed]:
        """What the sandbox charged for each chat answer it served, oldest first (the last 10,000)."""
        return list(self.state.billed)

    @property
    def served_per_key(self) -> dict[str, int]:
        """For each Idempotency-Key seen, how many requests with it were really served (not replayed)."""
        return dict(self.state.idempotency.served)

    def start(self) -> Self:
        """Start serving; return once the socket accepts connections."""
        started = time.monotonic()
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name=f"ccapi-sandbox-{self.port}", daemon=True
        )
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() - started > STARTUP_TIMEOUT:
                raise RuntimeError(f"the CCAPI sandbox did not start on {self.base_url}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (open streams are cut after a second)."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=STARTUP_TIMEOUT)
        self._socket.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
