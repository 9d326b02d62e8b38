"""The pull request's preview comment, against a fake GitHub API on loopback: created once, then that one updated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "ghs_secret-token-for-the-test"


class FakeGitHub(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        # A comment of someone else, on a first page full of others: the preview's own is found on any page.
        self.comments: dict[int, dict[str, Any]] = {n: {"id": n, "body": f"comment {n}"} for n in range(1, 101)}
        self.requests: list[tuple[str, str, str]] = []


class Handler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> dict[str, Any] | None:
        self.server.requests.append((self.command, self.path, self.headers.get("Authorization", "")))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, {"message": "Bad credentials"})
            return None
        length = int(self.headers.get("Content-Length") or 0)
        loaded: dict[str, Any] = json.loads(self.rfile.read(length)) if length else {}
        return loaded

    def do_GET(self) -> None:
        if self._record() is None:
            return
        assert self.path.startswith("/repos/team/spec/issues/7/comments?per_page=100&page=")
        page = int(self.path.rsplit("=", 1)[1])
        ordered = sorted(self.server.comments.values(), key=lambda comment: comment["id"])
        self._answer(200, ordered[(page - 1) * 100 : page * 100])

    def do_POST(self) -> None:
        body = self._record()
        if body is None:
            return
        assert self.path == "/repos/team/spec/issues/7/comments"
        comment = {"id": 1000 + len(self.server.comments), "body": body["body"]}
        self.server.comments[comment["id"]] = comment
        self._answer(201, comment)

    def do_PATCH(self) -> None:
        body = self._record()
        if body is None:
            return
        number = int(self.path.rsplit("/", 1)[1])
        self.server.comments[number]["body"] = body["body"]
        self._answer(200, self.server.comments[number])

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    server = FakeGitHub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _post(github: FakeGitHub, preview: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": "team/spec", "PR_NUMBER": "7",
           "GITHUB_API_URL": f"http://127.0.0.1:{github.server_address[1]}"}  # fmt: skip
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "post_preview.py"), str(preview)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_the_preview_is_one_comment_created_once_then_updated(github: FakeGitHub, tmp_path: Path) -> None:
    preview = tmp_path / "preview.md"
    preview.write_text("<!-- ccapi-spec-preview -->\n## Spec preview: **minor**\n")
    first = _post(github, preview)
    assert first.returncode == 0, first.stderr
    (created,) = [comment for comment in github.comments.values() if "Spec preview" in comment["body"]]
    assert first.stdout.strip() == f"created the preview comment {created['id']}"

    preview.write_text("<!-- ccapi-spec-preview -->\n## Spec preview: **major**\n")
    second = _post(github, preview)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == f"updated the preview comment {created['id']}"
    ours = [comment for comment in github.comments.values() if "Spec preview" in comment["body"]]
    assert ours == [{"id": created["id"], "body": "<!-- ccapi-spec-preview -->\n## Spec preview: **major**\n"}]
    assert len(github.comments) == 101  # the others untouched, no second preview
    assert [method for method, _, _ in github.requests].count("POST") == 1
    assert all(authorization == f"Bearer {TOKEN}" for _, _, authorization in github.requests)
    for done in (first, second):
        assert TOKEN not in done.stdout + done.stderr


def test_a_refused_token_fails_the_step_without_showing_it(github: FakeGitHub, tmp_path: Path) -> None:
    preview = tmp_path / "preview.md"
    preview.write_text("## Spec preview\n")
    env = {**os.environ, "GITHUB_TOKEN": "ghs_wrong-token", "GITHUB_REPOSITORY": "team/spec", "PR_NUMBER": "7",
           "GITHUB_API_URL": f"http://127.0.0.1:{github.server_address[1]}"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "post_preview.py"), str(preview)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "401" in done.stderr
    assert "ghs_wrong-token" not in done.stdout + done.stderr
    assert len(github.comments) == 100
