"""What `import ccapi` exposes, and that it stays light."""

from __future__ import annotations

import subprocess
import sys
import types
from typing import Any

import ccapi
from ccapi.testing import SandboxServer


def test_api_version_is_the_spec_version(spec: dict[str, Any]) -> None:
    assert spec["info"]["version"] == ccapi.API_VERSION


def test_all_lists_exactly_the_public_names() -> None:
    # As httpx's test_exported_members: every public name of the package is in __all__, and nothing else is.
    for name in ccapi.__all__:
        assert getattr(ccapi, name) is not None  # loads the lazy names into the module
    public = {name for name, value in vars(ccapi).items() if not name.startswith("_")}
    public -= {name for name in public if isinstance(getattr(ccapi, name), types.ModuleType)}  # subpackages
    assert public | {"__version__"} == set(ccapi.__all__)


def test_types_holds_exactly_the_generated_models_and_request_typeddicts() -> None:
    import ccapi.types
    import ccapi_generated.models
    import ccapi_generated.resources._params

    assert ccapi.types.__all__ == [*ccapi_generated.models.__all__, *ccapi_generated.resources._params.__all__]
    assert "ChatRequestMessageParam" in ccapi.types.__all__
    assert ccapi.types.ChatCompletionResponse is ccapi_generated.models.ChatCompletionResponse
    assert {name for name in vars(ccapi.types) if not name.startswith("_")} == set(ccapi.types.__all__)


def test_import_loads_no_generated_cli_or_sandbox_modules() -> None:
    prefixes = ("ccapi", "rich", "uvicorn", "starlette")
    code = f"import sys, ccapi; print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "['ccapi', 'ccapi._version']"


def test_import_and_a_client_load_no_pydantic() -> None:
    # Typed answers (`parse`, `stream`, `run_tools`, `ccapi.tool`) use pydantic; nothing else may pay for it.
    timed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ccapi"], check=True, capture_output=True, text=True
    )
    assert "pydantic" not in timed.stderr
    code = (
        "import sys, ccapi; client = ccapi.CCAPI(api_key='k'); client.chat.completions.parse;"
        " ccapi.ParsedChatCompletion; ccapi.StructuredOutputError;"
        " print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'jiter'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "[]"


def test_without_pydantic_plain_calls_work_and_typed_answers_name_the_extra(ccapi_sandbox: SandboxServer) -> None:
    # pydantic is optional: a user without it calls as usual, and `parse` or `ccapi.tool` say what to install rather
    # than "No module named 'pydantic'" from deep inside the SDK.
    code = f"""
import sys
sys.modules["pydantic"] = sys.modules["pydantic_core"] = None  # as if not installed
from typing import TypedDict
import ccapi

class Reply(TypedDict):
    answer: str

client = ccapi.CCAPI(api_key={ccapi_sandbox.api_key!r}, base_url={ccapi_sandbox.base_url!r})
hi = [{{"role": "user", "content": "Hi"}}]
print(client.chat.completions.create(model="openai/gpt-4o-mini", messages=hi).choices[0].finish_reason)
for attempt in (
    lambda: client.chat.completions.parse(model="openai/gpt-4o-mini", messages=hi, response_format=Reply),
    lambda: client.chat.completions.stream(model="openai/gpt-4o-mini", messages=hi, response_format=Reply),
    lambda: ccapi.tool(lambda query: query),
    lambda: ccapi.pydantic_function_tool(Reply),
):
    try:
        attempt()
    except ModuleNotFoundError as error:
        print(error.name, "|", error)
"""
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.strip().splitlines()
    assert lines[0] == "stop"
    assert len(lines) == 5, ran.stdout
    for line in lines[1:]:
        assert line.startswith("pydantic |"), line
        assert "pip install 'ccapi-sdk[structured]'" in line, line
