"""A raw-socket HTTP server on loopback that answers as slowly as a hostile server can: a few bytes at a time, each
well within any read timeout, so that only a deadline kept per call (not per socket read) can end the wait.

Each connection reads one request and then plays `script`: a list of (bytes, pause) steps, repeated from `repeat`
(an index into the script) until the client hangs up or `limit` seconds pass. It counts what it served.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

Step = tuple[bytes, float]


@dataclass
class Trickle:
    script: list[Step]
    repeat: int | None = None
    limit: float = 12.0
    port: int = 0
    requests: int = 0
    hung_up: threading.Event = field(default_factory=threading.Event)
    """Set when the server saw a client hang up (a send failed or the socket closed) before the script's end."""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return
        body += chunk


def _serve_one(conn: socket.socket, server: Trickle) -> None:
    started = time.monotonic()
    with conn:
        try:
            _read_request(conn)
            server.requests += 1
            index = 0
            while time.monotonic() - started < server.limit:
                if index >= len(server.script):
                    if server.repeat is None:
                        return
                    index = server.repeat
                data, pause = server.script[index]
                index += 1
                if data:
                    conn.sendall(data)
                if pause:
                    time.sleep(pause)
        except OSError:
            server.hung_up.set()


@contextlib.contextmanager
def trickling(script: list[Step], *, repeat: int | None = None, limit: float = 12.0) -> Iterator[Trickle]:
    """A running trickling server (each connection on its own thread), closed on leaving."""
    server = Trickle(script, repeat, limit)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    server.port = listener.getsockname()[1]
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=_serve_one, args=(conn, server), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def bytewise(data: bytes, pause: float) -> list[Step]:
    """`data` one byte at a time, `pause` seconds apart."""
    return [(data[index : index + 1], pause) for index in range(len(data))]


CHAT_BODY = (
    b'{"id":"c","object":"chat.completion","created":1,"model":"openai/gpt-4o-mini","provider":"openai",'
    b'"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],'
    b'"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}'
)


def json_head(length: int) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {length}\r\n".encode()
        + b"X-Request-Id: req_trickle\r\n\r\n"
    )


SSE_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"


def chunk_event(text: str, finish: str | None = None) -> bytes:
    finish_json = "null" if finish is None else f'"{finish}"'
    return (
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"openai/gpt-4o-mini",'
        f'"choices":[{{"index":0,"delta":{{"content":"{text}"}},"finish_reason":{finish_json}}}]}}\n\n'
    ).encode()
