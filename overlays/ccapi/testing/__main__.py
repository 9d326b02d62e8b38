"""`python -m ccapi.testing`: run a sandbox until interrupted."""

from __future__ import annotations

import argparse
import signal
import threading

from ._config import DEFAULT_API_KEY, SandboxConfig
from ._server import SandboxServer


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    api_key: str = DEFAULT_API_KEY,
    job_duration: float = 1.0,
    stream_chunks: int | None = None,
) -> int:
    """Start a sandbox, print its base URL and key, and serve until Ctrl-C or SIGTERM (`ccapi sandbox` too)."""
    config = SandboxConfig(api_key=api_key, job_duration=job_duration, stream_chunks=stream_chunks)
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    with SandboxServer(config, host=host, port=port) as server:
        print(f"CCAPI sandbox listening on {server.base_url}", flush=True)
        # The default key is public (it is in the docs); a key of the caller's own choosing is not echoed.
        key = api_key if api_key == DEFAULT_API_KEY else "<the key given with --api-key>"
        print(f"export CCAPI_BASE_URL={server.base_url} CCAPI_API_KEY={key}", flush=True)
        stop.wait()
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m ccapi.testing`, for installs without the cli extra."""
    parser = argparse.ArgumentParser(prog="python -m ccapi.testing", description="Run a local CCAPI sandbox.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on, 0 for any (default: %(default)s)")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="the key the sandbox accepts")
    parser.add_argument("--job-duration", type=float, default=1.0, help="seconds an async image job takes")
    parser.add_argument("--stream-chunks", type=int, default=None, help="content chunks per chat stream")
    args = parser.parse_args(argv)
    return serve(args.host, args.port, args.api_key, args.job_duration, args.stream_chunks)


if __name__ == "__main__":
    raise SystemExit(main())
