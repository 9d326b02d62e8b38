"""Helpers for the batch tests: input files, and reading outputs back."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

CHAT_MODEL = "openai/gpt-4o-mini"


def chat_line(custom_id: str, text: str = "Hi", *, url: str = "/v1/chat/completions", **body: Any) -> dict[str, Any]:
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": url,
        "body": {"model": CHAT_MODEL, "messages": [{"role": "user", "content": text}], "max_tokens": 64, **body},
    }


def write_lines(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def chat_input(path: Path, count: int) -> Path:
    return write_lines(path, [chat_line(f"line-{index}", f"question {index}") for index in range(count)])


def read_output(path: Path) -> list[dict[str, Any]]:
    """Every line of an output file, each of which must be whole JSON ending in a newline."""
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), "the last output line is torn"
    return [json.loads(line) for line in raw.splitlines()]


def once_each(results: list[dict[str, Any]], count: int) -> None:
    """Every custom_id of a `chat_input(count)` has exactly one result, and it is a success."""
    ids = Counter(result["custom_id"] for result in results)
    assert ids == Counter({f"line-{index}": 1 for index in range(count)})
    statuses = Counter(result["response"]["status_code"] for result in results if result["response"])
    assert statuses == Counter({200: count}), [result for result in results if result["error"]][:3]
