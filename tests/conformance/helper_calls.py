"""The catalogue's calls of hand-written helpers (`chat.completions.parse`, `.stream`, `.run_tools`) through the Python
SDK's public API: the shapes and tools the catalogue describes in JSON become pydantic models and
`ccapi.pydantic_function_tool`s, and each result is read into the normalised text that the TypeScript driver
(catalogue-helpers.mjs) writes too. What the texts mean is the catalogue's `reads`."""

from __future__ import annotations

import builtins
import json
import threading
from decimal import Decimal
from typing import Any

import ccapi
import pydantic
from ccapi.testing import SandboxServer

CONCURRENT_SECONDS = 5.0
"""How long a `concurrent` tool waits for the others before failing: the runner did not run them at once."""

_SCALARS: dict[str, type] = {"string": str, "number": float, "integer": int, "boolean": bool}


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def model_of(name: str, shape: dict[str, Any]) -> type[pydantic.BaseModel]:
    """The pydantic model of an object shape (every property required), named after it."""
    fields: dict[str, Any] = {key: (_type_of(f"{name}_{key}", value), ...) for key, value in shape.items()}
    return pydantic.create_model(_pascal(name), **fields)


def _type_of(name: str, shape: Any) -> Any:
    if isinstance(shape, str):
        return _SCALARS[shape]
    if isinstance(shape, list):
        return list[_type_of(f"{name}_item", shape[0])]  # type: ignore[misc]  # a type made at run time
    return model_of(name, shape)


def _raised(spec: dict[str, Any]) -> Exception:
    """The error a tool raises: the builtin class the catalogue names (its name is what the model is told)."""
    found = getattr(builtins, spec["name"], None)
    kind: type[Exception] = (
        found if isinstance(found, type) and issubclass(found, Exception) else type(spec["name"], (Exception,), {})
    )
    return kind(spec["message"])


def tool_of(spec: dict[str, Any], shapes: dict[str, Any], together: threading.Barrier | None) -> Any:
    """A `pydantic_function_tool` that answers (or raises) as the catalogue says."""

    def run(_arguments: pydantic.BaseModel) -> str:
        if spec.get("concurrent") and together is not None:
            together.wait()  # BrokenBarrierError (told to the model as the tool's error) if the others never come
        if "raises" in spec:
            raise _raised(spec["raises"])
        return str(spec["returns"])

    parameters = model_of(spec["parameters"], shapes[spec["parameters"]])
    return ccapi.pydantic_function_tool(
        parameters, name=spec["name"], description=spec.get("description"), function=run
    )


def arguments(args: dict[str, Any], shapes: dict[str, Any]) -> dict[str, Any]:
    """The helper's keyword arguments: `response_format` a model, `tools` runnable tools."""
    made = dict(args)
    if isinstance(made.get("response_format"), str):
        name = made["response_format"]
        made["response_format"] = model_of(name, shapes[name])
    if "tools" in made:
        concurrent = sum(1 for tool in made["tools"] if tool.get("concurrent"))
        together = threading.Barrier(concurrent, timeout=CONCURRENT_SECONDS) if concurrent > 1 else None
        made["tools"] = [tool_of(tool, shapes, together) for tool in made["tools"]]
    return made


def _json(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, pydantic.BaseModel) else value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    kinds: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return kinds.get(type(value), type(value).__name__)


def shape_of(value: Any) -> str:
    """A parsed value as the transcript shows it: its keys and their JSON types, sorted (or its own type)."""
    value = _json(value)
    if isinstance(value, dict):
        return ",".join(f"{key}:{_kind(value[key])}" for key in sorted(value))
    return _kind(value)


def _same(first: Any, second: Any) -> str:
    same = json.dumps(_json(first), sort_keys=True) == json.dumps(_json(second), sort_keys=True)
    return "same" if same else "differs"


def _text(value: Any) -> str:
    return "null" if value is None else str(value)


def _calls(message: Any) -> str:
    """`|calls=NAME(SHAPE) ...`: each tool call and its parsed arguments' shape (nothing when it called none)."""
    calls = message.tool_calls if isinstance(message.tool_calls, list) else []
    shown = [f"{call.function.name}({shape_of(call.function.parsed_arguments)})" for call in calls]
    return f"|calls={' '.join(shown)}" if shown else ""


def read(client: ccapi.CCAPI, op: str, args: dict[str, Any], how: str, shapes: dict[str, Any]) -> str:
    """Make a helper call and read it as the catalogue's `read` says."""
    made = arguments(args, shapes)
    completions = client.chat.completions
    if how == "parsed":
        completion = completions.parse(**made)
        choice = completion.choices[0]
        message = choice.message
        return f"{choice.finish_reason}|parsed={shape_of(message.parsed)}|refusal={_text(message.refusal)}" + _calls(
            message
        )
    if how == "stream_events":
        kinds: list[str] = []
        last: dict[str, Any] = {}
        with completions.stream(**made) as stream:
            for event in stream:
                if event.type not in kinds:
                    kinds.append(event.type)
                last[event.type] = event
            final = stream.get_final_completion()
        message = final.choices[0].message
        delta, done = last.get("content.delta"), last.get("content.done")
        return "|".join((
            ",".join(kinds),
            f"done={shape_of(done.parsed) if done is not None else 'none'}",
            f"final={shape_of(message.parsed)}",
            f"snapshot={('same' if delta.snapshot == message.content else 'differs') if delta is not None else 'none'}",
            f"partial={_same(delta.parsed, message.parsed) if delta is not None else 'none'}",
        )) + _calls(message)  # fmt: skip
    if how == "runner":
        runner = completions.run_tools(**made)
        last_completion = runner.until_done()
        steps = []
        for number, step in enumerate(runner.steps, 1):
            ran = " ".join(f"{result.name}:{'error' if result.error else 'ok'}" for result in step.results)
            steps.append(f"{number} {ran or 'answer'}")
        return f"{'; '.join(steps)}|{_text(last_completion.choices[0].message.content)}"
    raise AssertionError(f"the catalogue names an unknown helper read: {how} (for {op})")


def billed_cost(sandbox: SandboxServer, since: int) -> Decimal:
    """What the sandbox billed for the answers it served since `since`, at its catalog's prices."""
    prices = {model.id: model for model in sandbox.state.catalog.models}
    total = Decimal(0)
    for bill in sandbox.billed[since:]:
        price = prices[bill.model]
        total += bill.prompt_tokens * Decimal(str(price.input_cost)) + bill.completion_tokens * Decimal(
            str(price.output_cost)
        )
    return total / 1_000_000


def argument_error(error: Exception) -> str:
    """A wrong argument's message as the transcript shows it: up to its first ` (` (the advice differs by language)."""
    return str(error).split(" (", 1)[0]
