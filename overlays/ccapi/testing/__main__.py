"""`python -m ccapi.testing`: run a sandbox until interrupted."""

from __future__ import annotations

import argparse
import signal
import threading

from ._config import DEFAULT_API_KEY, SandboxConfig
from ._server import SandboxServer


def main(argv: list[str] | None = None, prog: str = "python -m ccapi.testing") -> int:
    """Start a sandbox, print its base URL and key, and serve until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog=prog, description="Run a local CCAPI sandbox.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on, 0 for any (default: %(default)s)")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="the key the sandbox accepts")
    parser.add_argument("--job-duration", type=float, default=1.0, help="seconds an async image job takes")
    parser.add_argument("--stream-chunks", type=int, default=None, help="content chunks per chat stream")
    args = parser.parse_args(argv)
    config = SandboxConfig(api_key=args.api_key, job_duration=args.job_duration, stream_chunks=args.stream_chunks)
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    with SandboxServer(config, host=args.host, port=args.port) as server:
        print(f"CCAPI sandbox listening on {server.base_url}", flush=True)
        # The default key is public (it is in the docs); a key of the caller's own choosing is not echoed.
        key = args.api_key if args.api_key == DEFAULT_API_KEY else "<the key given with --api-key>"
        print(f"export CCAPI_BASE_URL={server.base_url} CCAPI_API_KEY={key}", flush=True)
        stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
