"""Programs written for the openai package run against the sandbox with only their imports and model names changed:
the README's promise, kept by running them. Each program is as the openai package's README and examples write it;
`port()` makes the only changes allowed, mechanically."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ccapi.testing import SandboxServer

PROGRAMS = {
    "chat, with a developer message": """
        from openai import OpenAI

        client = OpenAI()
        completion = client.chat.completions.create(
            model="gpt-4o",
            messages=[
                {"role": "developer", "content": "Talk like a pirate."},
                {"role": "user", "content": "How do I check if a Python object is an instance of a class?"},
            ],
        )
        print(completion.choices[0].message.content)
        assert "instance of a class" in completion.choices[0].message.content
        print(completion._request_id)
        assert completion._request_id.startswith("req_")
    """,
    "streaming": """
        from openai import OpenAI

        client = OpenAI()
        stream = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Say this is a test"}],
            stream=True,
        )
        pieces = []
        for chunk in stream:
            pieces.append(chunk.choices[0].delta.content or "")
        assert "Say this is a test" in "".join(pieces)
    """,
    "vision, with content parts": """
        from openai import OpenAI

        client = OpenAI()
        response = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "What's in this image?"},
                        {"type": "image_url", "image_url": {"url": "https://example.com/image.png", "detail": "low"}},
                    ],
                }
            ],
        )
        print(response.choices[0].message.content)
        assert response.usage.prompt_tokens > 50  # the image was counted
    """,
    "async": """
        import asyncio

        from openai import AsyncOpenAI

        client = AsyncOpenAI()


        async def main() -> None:
            completion = await client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "Say this is a test"}]
            )
            print(completion.choices[0].message.content)


        asyncio.run(main())
    """,
    "errors": """
        import openai
        from openai import OpenAI

        client = OpenAI()
        try:
            client.chat.completions.create(model="gpt-9-does-not-exist", messages=[{"role": "user", "content": "Hi"}])
        except openai.APIConnectionError as e:
            raise AssertionError("the server could not be reached") from e
        except openai.RateLimitError:
            raise AssertionError("rate limited")
        except openai.NotFoundError as e:
            print("not found:", e.status_code, e.code)
            assert e.status_code == 404
        except openai.APIStatusError as e:
            raise AssertionError(f"another status: {e.status_code}")
        try:
            client.chat.completions.create(model="dall-e-3", messages=[{"role": "user", "content": "Hi"}])
        except openai.APIError as e:
            assert isinstance(e, openai.BadRequestError)
    """,
    "retries, timeouts and raw responses": """
        from openai import OpenAI

        client = OpenAI(max_retries=0, timeout=20.0)
        completion = client.with_options(max_retries=5).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "How can I get the name of the current day?"}]
        )
        response = client.chat.completions.with_raw_response.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Say this is a test"}]
        )
        print(response.headers.get("X-Request-Id"))
        completion = response.parse()
        print(completion.choices[0].message.content)
        print(completion.model_dump_json(indent=2))
        assert completion.model_dump()["object"] == "chat.completion"
        assert "choices" in completion.model_fields_set
    """,
    "json mode": """
        import json

        from openai import OpenAI

        client = OpenAI()
        completion = client.chat.completions.create(
            model="gpt-4o-mini",
            response_format={"type": "json_object"},
            messages=[{"role": "user", "content": "List three colours as JSON."}],
        )
        print(json.loads(completion.choices[0].message.content))
    """,
    "function calling": """
        import json

        from openai import OpenAI

        client = OpenAI()
        tools = [
            {
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "description": "Get the weather in a city",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
                },
            }
        ]
        completion = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "What's the weather like in Paris?"}],
            tools=tools,
            tool_choice={"type": "function", "function": {"name": "get_weather"}},
            parallel_tool_calls=False,
        )
        call = completion.choices[0].message.tool_calls[0]
        print(call.function.name, json.loads(call.function.arguments))
        assert completion.choices[0].finish_reason == "tool_calls"
    """,
    "speech to a file": """
        from pathlib import Path

        from openai import OpenAI

        client = OpenAI()
        speech_file_path = Path("speech.mp3")
        with client.audio.speech.with_streaming_response.create(
            model="tts-1", voice="alloy", input="the quick brown fox jumped over the lazy dogs"
        ) as response:
            response.stream_to_file(speech_file_path)
        assert speech_file_path.stat().st_size > 1000
        response = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello world!")
        response.write_to_file("hello.mp3")
        assert len(response.content) == Path("hello.mp3").stat().st_size
    """,
    "images": """
        from openai import OpenAI

        client = OpenAI()
        response = client.images.generate(model="dall-e-3", prompt="A cute baby sea otter", n=1, size="1024x1024")
        print(response.data[0].url)
        assert response.data[0].url.startswith("http")
    """,
    "models": """
        from openai import OpenAI

        client = OpenAI()
        ids = [model.id for model in client.models.list()]
        print(len(ids), "models")
        assert "openai/gpt-4o-mini" in ids
        assert len(ids) > 20  # every model, as the reference says (not a first page of 20)
    """,
}


def port(program: str, *, to_ccapi: bool = True) -> str:
    """The only changes a program written for the openai package needs: the import, and provider-prefixed models.
    (`to_ccapi=False` keeps the openai import, to run the openai package itself against the same server.)"""
    program = re.sub(r'model="(?!openai/)([^"]+)"', r'model="openai/\1"', program)
    if not to_ccapi:
        return program
    program = program.replace("from openai import OpenAI", "from ccapi import CCAPI as OpenAI")
    program = program.replace("from openai import AsyncOpenAI", "from ccapi import AsyncCCAPI as AsyncOpenAI")
    return re.sub(r"^import openai$", "import ccapi as openai", program, flags=re.MULTILINE)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_an_openai_program_runs_with_only_the_import_and_model_names_changed(
    name: str, ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = port(textwrap.dedent(PROGRAMS[name]))
    assert "openai import" not in source
    program = tmp_path / "program.py"
    program.write_text(source)
    # Through a validating proxy when `nox -s prism` names one, straight to the sandbox otherwise.
    base_url = os.environ.get("CCAPI_THROUGH") or ccapi_sandbox.base_url
    env = {**os.environ, "CCAPI_API_KEY": ccapi_sandbox.api_key, "CCAPI_BASE_URL": base_url}
    done = subprocess.run(  # as its user runs it: a script of its own
        [sys.executable, str(program)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]


# The openai package expects speech as raw audio; CCAPI's confirmed speech answer is JSON (a URL or base64).
NOT_FOR_THE_OPENAI_PACKAGE = {"speech to a file"}


@pytest.mark.parametrize("name", sorted(set(PROGRAMS) - NOT_FOR_THE_OPENAI_PACKAGE))
def test_the_openai_package_itself_sends_what_the_spec_allows(name: str, tmp_path: Path) -> None:
    """Under `nox -s prism`: the same programs with the openai package (models renamed only), through the proxy."""
    through = os.environ.get("CCAPI_THROUGH")
    if not through:
        pytest.skip("run by `nox -s prism`, which puts Prism in front of a sandbox")
    pytest.importorskip("openai")
    program = tmp_path / "program.py"
    program.write_text(port(textwrap.dedent(PROGRAMS[name]), to_ccapi=False))
    key = os.environ.get("CCAPI_THROUGH_KEY", "sk-ccapi-sandbox")
    env = {**os.environ, "OPENAI_API_KEY": key, "OPENAI_BASE_URL": through, "CCAPI_API_KEY": key}
    done = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
