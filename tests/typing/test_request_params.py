"""Plain dicts passed for request objects are typed (TypedDicts generated from the spec, as openai's
`ChatCompletionMessageParam`): mypy refuses a role outside the enum or a misspelled key, and accepts the models too.
`nox -s typecheck` runs mypy --strict over this file; the last test runs mypy over code that must fail."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Literal, assert_type

import ccapi
import httpx
from ccapi.types import (
    ChatRequestMessage,
    ChatRequestMessageParam,
    ChatRole,
    ChatStreamOptionsParam,
    MultimodalInputContentParam,
)

REPLY = {
    "id": "c1", "object": "chat.completion", "created": 1, "model": "openai/gpt-4o-mini", "provider": "openai",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}],
}  # fmt: skip


def test_messages_built_before_the_call_are_typed_dicts_and_models_are_taken_too() -> None:
    messages: list[ChatRequestMessageParam] = [{"role": "system", "content": "Be brief."}]
    messages.append({"role": "user", "content": [{"type": "text", "text": "Hi"}]})
    assert_type(messages[0]["role"], ChatRole | Literal["system", "developer", "user", "assistant", "tool"])
    options: ChatStreamOptionsParam = {"include_usage": True}
    contents: list[MultimodalInputContentParam] = [{"text": "a watercolor"}, {"image": {"url": "https://x.test/a"}}]
    http = httpx.Client(transport=httpx.MockTransport(lambda _: httpx.Response(200, json=REPLY)))
    with ccapi.CCAPI(api_key="k", base_url="https://gateway.test/v1", http_client=http) as client:
        client.chat.completions.create(model="openai/gpt-4o-mini", messages=messages)
        model_message = ChatRequestMessage(role=ChatRole.USER, content="Hi")
        client.chat.completions.create(model="openai/gpt-4o-mini", messages=[model_message, *messages])
    assert options == {"include_usage": True}
    assert len(contents) == 2


WRONG = """
import ccapi

client = ccapi.CCAPI()
client.chat.completions.create(model="openai/gpt-4o-mini", messages=[{"role": "usr", "content": "Hi"}])
client.chat.completions.create(model="openai/gpt-4o-mini", messages=[{"role": "user", "contnet": "Hi"}])
client.chat.completions.create(
    model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], stream_options={"include_usge": True}
)
client.images.generate_multimodal(model="imaginepro/nano-banana", contents=[{"txt": "a watercolor"}])
"""


def test_mypy_refuses_a_wrong_role_or_a_misspelled_key(tmp_path: Path) -> None:
    (tmp_path / "wrong.py").write_text(WRONG, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", str(tmp_path / ".cache"),
         "wrong.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    errors = {line.split(":")[1] for line in checked.stdout.splitlines() if ": error:" in line}
    assert errors == {"5", "6", "7", "10"}, checked.stdout  # each wrong call, line by line
