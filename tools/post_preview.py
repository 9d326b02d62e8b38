"""Post the spec preview on a pull request as one comment, updated on each push: `python tools/post_preview.py FILE`.

It reads GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), PR_NUMBER and GITHUB_API_URL (GitHub's API by default)
from the environment, finds the comment it posted before (the one holding the preview's marker) and updates it, or
creates it. The token goes only into the Authorization header: nothing printed names it.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

MARKER = "<!-- ccapi-spec-preview -->"  # as tools/preview.py writes it
LIMIT = 65_000  # GitHub refuses a comment over 65,536 characters


def _call(method: str, url: str, token: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 (the API's https URL, or loopback)
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read() or b"null")


def post(text: str, api: str, repository: str, number: int, token: str) -> tuple[str, int]:
    """Create or update the preview comment; ("created" or "updated", the comment's id)."""
    if MARKER not in text:
        text = f"{MARKER}\n{text}"
    if len(text) > LIMIT:
        text = text[: LIMIT - 60] + "\n\n… (cut: the whole preview is in the job's log)\n"
    base = f"{api.rstrip('/')}/repos/{repository}"
    page = 1
    while True:
        comments = _call("GET", f"{base}/issues/{number}/comments?per_page=100&page={page}", token)
        for comment in comments:
            if MARKER in (comment.get("body") or ""):
                _call("PATCH", f"{base}/issues/comments/{comment['id']}", token, {"body": text})
                return "updated", int(comment["id"])
        if len(comments) < 100:
            break
        page += 1
    created = _call("POST", f"{base}/issues/{number}/comments", token, {"body": text})
    return "created", int(created["id"])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python tools/post_preview.py PREVIEW.md", file=sys.stderr)
        return 2
    missing = [name for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY", "PR_NUMBER") if not os.environ.get(name)]
    if missing:
        print(f"set {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        done, comment = post(
            Path(args[0]).read_text(encoding="utf-8"),
            os.environ.get("GITHUB_API_URL") or "https://api.github.com",
            os.environ["GITHUB_REPOSITORY"],
            int(os.environ["PR_NUMBER"]),
            os.environ["GITHUB_TOKEN"],
        )
    except urllib.error.HTTPError as error:
        print(f"the GitHub API answered {error.code} {error.reason} to {error.url}", file=sys.stderr)
        return 1
    except urllib.error.URLError as error:
        print(f"the GitHub API could not be reached: {error.reason}", file=sys.stderr)
        return 1
    print(f"{done} the preview comment {comment}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
