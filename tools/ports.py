"""Loopback ports for local servers (the sandbox, a package index): pick a free one, wait until it listens."""

from __future__ import annotations

import socket
import subprocess
import time


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_until_listening(port: int, server: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Return once `server` accepts connections on `port`; raise RuntimeError if it exits or takes too long."""
    deadline = time.monotonic() + timeout
    while not listening(port):
        if server.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {server.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing listened on port {port} within {timeout:g} s")
        time.sleep(0.05)
