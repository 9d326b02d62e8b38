"""Function tools: `@ccapi.tool` (the schema from a function's signature and docstring) and
`ccapi.pydantic_function_tool(Model)` (from a pydantic model, as the openai package's).

A tool is the `tools` entry itself (a dict, so that it goes wherever a tool definition goes, `create` included),
carrying what turns the model's arguments into Python values and the function that runs it. Its schema is strict:
every argument required, nothing beyond them.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from ._structured._schema import require_pydantic, strict_json_schema

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
F = TypeVar("F", bound=Callable[..., Any])

_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


class FunctionTool(dict[str, Any]):
    """A function tool: the `{"type": "function", "function": {...}}` definition sent, with `name`, the `model` that
    validates its arguments, and the `function` run by `run_tools` (None for a tool only described). Calling the
    tool calls its function."""

    def __init__(
        self,
        name: str,
        description: str | None,
        model: type[BaseModel],
        function: Callable[..., Any] | None,
        *,
        spread: bool,
    ) -> None:
        if not isinstance(name, str) or not _TOOL_NAME.match(name):
            raise ValueError(f"name must be 1 to 64 letters, digits, `_` or `-`, not {name!r}")
        if function is not None and not callable(function):
            raise TypeError(f"function must be callable, not {type(function).__name__}")
        definition: dict[str, Any] = {"name": name, "parameters": strict_json_schema(model.model_json_schema())}
        if description:
            definition["description"] = description
        definition["strict"] = True
        super().__init__(type="function", function=definition)
        self.name = name
        self.model = model
        self.function = function
        self._spread = spread  # the function takes the arguments one by one (an @tool), not the model (a Model tool)

    def validate_arguments(self, value: Any) -> Any:
        """The arguments as the tool's model (pydantic's ValidationError if they are not)."""
        return self.model.model_validate(value)

    @property
    def is_async(self) -> bool:
        return self.function is not None and inspect.iscoroutinefunction(self.function)

    def invoke(self, arguments: Any) -> Any:
        """Run the function with validated arguments (an awaitable, for an async function)."""
        if self.function is None:
            raise TypeError(
                f"the tool {self.name!r} has no function to run (pydantic_function_tool(..., function=...))"
            )
        if self._spread:
            return self.function(**{name: getattr(arguments, name) for name in type(arguments).model_fields})
        return self.function(arguments)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.function is None:
            raise TypeError(f"the tool {self.name!r} has no function")
        return self.function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"FunctionTool(name={self.name!r}, model={self.model.__name__})"

    def __eq__(self, other: object) -> bool:
        return dict.__eq__(self, other)

    __hash__ = None  # a dict


def pydantic_function_tool(
    model: type[M],
    *,
    name: str | None = None,
    description: str | None = None,
    function: Callable[[M], Any] | None = None,
) -> FunctionTool:
    """A tool whose arguments are `model` (`function.parsed_arguments` is a `model`). With `function`, `run_tools`
    runs it with the validated `model`. The name is the model's name, the description its docstring, unless
    given."""
    require_pydantic("ccapi.pydantic_function_tool")
    from pydantic import BaseModel

    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"model must be a pydantic BaseModel class, not {model!r}")
    if description is None and model.__doc__:
        description = inspect.getdoc(model)
    return FunctionTool(name or model.__name__, description, model, function, spread=False)


@overload
def tool(function: F, /) -> FunctionTool: ...
@overload
def tool(*, name: str | None = None, description: str | None = None) -> Callable[[F], FunctionTool]: ...
def tool(
    function: F | None = None, /, *, name: str | None = None, description: str | None = None
) -> FunctionTool | Callable[[F], FunctionTool]:
    """A tool from a plain function (sync or async): its name, its docstring's first paragraph as the description,
    its parameters' annotations as the schema (each described by its docstring's `Args:` entry).

        @ccapi.tool
        def get_weather(city: str, unit: Literal["C", "F"] = "C") -> str:
            '''The weather in a city now.

            Args:
                city: The city's name.
            '''
    """

    def make(wrapped: F) -> FunctionTool:
        if not callable(wrapped):
            raise TypeError(f"@ccapi.tool takes a function, not {type(wrapped).__name__}")
        summary, described = _docstring(inspect.getdoc(wrapped) or "")
        model = _arguments_model(wrapped, described)
        return FunctionTool(name or wrapped.__name__, description or summary, model, wrapped, spread=True)

    return make(function) if function is not None else make


def _docstring(text: str) -> tuple[str | None, dict[str, str]]:
    """The first paragraph, and each `Args:` entry (Google style) by parameter name."""
    paragraphs = text.split("\n\n")
    summary = " ".join(paragraphs[0].split()) or None if paragraphs else None
    described: dict[str, str] = {}
    section = re.search(r"^(?:Args|Arguments|Parameters):\s*\n((?:[ \t]+.*\n?|\s*\n)*)", text, re.MULTILINE)
    if section:
        current = None
        for line in section.group(1).splitlines():
            entry = re.match(r"^\s{1,8}(\w+)(?:\s*\([^)]*\))?:\s*(.*)$", line)
            if entry:
                current = entry.group(1)
                described[current] = entry.group(2).strip()
            elif current and line.strip():
                described[current] += " " + line.strip()
    return summary, described


def _arguments_model(function: Callable[..., Any], described: dict[str, str]) -> type[BaseModel]:
    from typing import get_type_hints

    require_pydantic("ccapi.tool")
    from pydantic import Field, create_model

    signature = inspect.signature(function)
    hints = get_type_hints(function)
    fields: dict[str, Any] = {}
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            raise TypeError(
                f"@ccapi.tool cannot describe *{parameter.name}: name every argument of {function.__name__}"
            )
        annotation = hints.get(parameter.name, Any)
        default = ... if parameter.default is parameter.empty else parameter.default
        fields[parameter.name] = (annotation, Field(default, description=described.get(parameter.name)))
    model: type[BaseModel] = create_model(f"{function.__name__}_arguments", **fields)
    return model
