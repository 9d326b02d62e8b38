# ruff: noqa: E501  (the examples are kept as the openai package writes them, long lines included)
"""The openai package's parsing examples (`examples/parsing*.py`), its async form and a length cut, run against the
sandbox with only the import and the model ids changed (`tests.test_openai_ports.port`, and the dated snapshot id
`gpt-4o-2024-08-06` to the catalog's `gpt-4o`), as their users run them;
and, where the openai package is installed (`nox -s tests` installs it), the same programs with the openai package
itself."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ccapi.testing import SandboxServer

from tests.test_openai_ports import port

MATH = """
    from typing import List

    import rich
    from pydantic import BaseModel

    from openai import OpenAI


    class Step(BaseModel):
        explanation: str
        output: str


    class MathResponse(BaseModel):
        steps: List[Step]
        final_answer: str
"""

QUERY = """
    from enum import Enum
    from typing import List, Union

    import rich
    from pydantic import BaseModel

    import openai
    from openai import OpenAI


    class Table(str, Enum):
        orders = "orders"
        customers = "customers"
        products = "products"


    class Column(str, Enum):
        id = "id"
        status = "status"
        expected_delivery_date = "expected_delivery_date"
        delivered_at = "delivered_at"
        shipped_at = "shipped_at"
        ordered_at = "ordered_at"
        canceled_at = "canceled_at"


    class Operator(str, Enum):
        eq = "="
        gt = ">"
        lt = "<"
        le = "<="
        ge = ">="
        ne = "!="


    class OrderBy(str, Enum):
        asc = "asc"
        desc = "desc"


    class DynamicValue(BaseModel):
        column_name: str


    class Condition(BaseModel):
        column: str
        operator: Operator
        value: Union[str, int, DynamicValue]


    class Query(BaseModel):
        table_name: Table
        columns: List[Column]
        conditions: List[Condition]
        order_by: OrderBy
"""

PROGRAMS = {
    "parsing.py": MATH
    + """
    client = OpenAI()

    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[
            {"role": "system", "content": "You are a helpful math tutor."},
            {"role": "user", "content": "solve 8x + 31 = 2"},
        ],
        response_format=MathResponse,
    )

    message = completion.choices[0].message
    if message.parsed:
        rich.print(message.parsed.steps)

        print("answer: ", message.parsed.final_answer)
    else:
        print(message.refusal)
    """,
    "parsing_stream.py": MATH
    + """
    client = OpenAI()

    with client.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[
            {"role": "system", "content": "You are a helpful math tutor."},
            {"role": "user", "content": "solve 8x + 31 = 2"},
        ],
        response_format=MathResponse,
    ) as stream:
        for event in stream:
            if event.type == "content.delta":
                print(event.delta, end="", flush=True)
            elif event.type == "content.done":
                print("\\n")
                if event.parsed is not None:
                    print(f"answer: {event.parsed.final_answer}")
            elif event.type == "refusal.delta":
                print(event.delta, end="", flush=True)
            elif event.type == "refusal.done":
                print()

    print("---------------")
    rich.print(stream.get_final_completion())
    """,
    "parsing_tools.py": QUERY
    + """
    client = OpenAI()

    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[
            {
                "role": "system",
                "content": "You are a helpful assistant. The current date is August 6, 2024. You help users query for the data they are looking for by calling the query function.",
            },
            {
                "role": "user",
                "content": "look up all my orders in november of last year that were fulfilled but not delivered on time",
            },
        ],
        tools=[
            openai.pydantic_function_tool(Query),
        ],
    )

    tool_call = (completion.choices[0].message.tool_calls or [])[0]
    rich.print(tool_call.function)
    assert isinstance(tool_call.function.parsed_arguments, Query)
    print(tool_call.function.parsed_arguments.table_name)
    """,
    "parsing_tools_stream.py": """
    from __future__ import annotations

    import rich
    from pydantic import BaseModel

    import openai
    from openai import OpenAI


    class GetWeather(BaseModel):
        city: str
        country: str


    client = OpenAI()


    with client.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[
            {
                "role": "user",
                "content": "What's the weather like in SF and New York?",
            },
        ],
        tools=[
            # because we're using `.parse_stream()`, the returned tool calls
            # will be automatically deserialized into this `GetWeather` type
            openai.pydantic_function_tool(GetWeather, name="get_weather"),
        ],
        parallel_tool_calls=True,
    ) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta" or event.type == "tool_calls.function.arguments.done":
                rich.get_console().print(event, width=80)

    print("----\\n")
    rich.print(stream.get_final_completion())
    """,
    "parsing, async": MATH
    + """
    import asyncio

    from openai import AsyncOpenAI


    async def main() -> None:
        client = AsyncOpenAI()
        completion = await client.chat.completions.parse(
            model="gpt-4o-2024-08-06",
            messages=[
                {"role": "system", "content": "You are a helpful math tutor."},
                {"role": "user", "content": "solve 8x + 31 = 2"},
            ],
            response_format=MathResponse,
        )
        message = completion.choices[0].message
        assert message.parsed is not None
        print("answer: ", message.parsed.final_answer)


    asyncio.run(main())
    """,
    "parsing, cut at its length": MATH
    + """
    import openai

    client = OpenAI()
    try:
        client.chat.completions.parse(
            model="gpt-4o-2024-08-06",
            messages=[{"role": "user", "content": "solve 8x + 31 = 2"}],
            response_format=MathResponse,
            max_tokens=3,
        )
    except openai.LengthFinishReasonError as error:
        print("cut:", error)
    else:
        raise SystemExit("expected LengthFinishReasonError")
    """,
}


def _ported(name: str, *, to_ccapi: bool = True) -> str:
    return port(textwrap.dedent(PROGRAMS[name]).replace("gpt-4o-2024-08-06", "gpt-4o"), to_ccapi=to_ccapi)


def _run(source: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    program = tmp_path / "program.py"
    program.write_text(source)
    return subprocess.run(  # as its user runs it: a script of its own
        [sys.executable, str(program)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False
    )


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_an_openai_parsing_example_runs_with_only_the_import_and_model_names_changed(
    name: str, ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = _ported(name)
    assert "openai import" not in source
    env = {**os.environ, "CCAPI_API_KEY": ccapi_sandbox.api_key, "CCAPI_BASE_URL": ccapi_sandbox.base_url}
    done = _run(source, env, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_the_openai_package_runs_the_same_example_against_the_sandbox(
    name: str, ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    pytest.importorskip("openai")
    source = _ported(name, to_ccapi=False)
    env = {**os.environ, "OPENAI_API_KEY": ccapi_sandbox.api_key, "OPENAI_BASE_URL": ccapi_sandbox.base_url}
    done = _run(source, env, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
