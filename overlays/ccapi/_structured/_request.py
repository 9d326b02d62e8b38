"""What `parse`, `stream` and `run_tools` send and how they judge it, without I/O: the arguments checked, the
request made (`response_format` from a type, tools as definitions), the models whose catalog entries must allow
tools, and the repair loop's bookkeeping (`Repairs`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._schema import ResponseFormat, is_type_format

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionResponse

    from .._tools import FunctionTool
    from ._parsed import ParsedChatCompletion

T = TypeVar("T")

DEFAULT_MAX_REPAIRS = 1


class Prepared(Generic[T]):
    """One helper call's request: checked when made, so that a mistake is raised before anything is sent."""

    def __init__(
        self,
        method: str,
        messages: Any,
        model: str | None,
        response_format: Any,
        tools: Any,
        params: Mapping[str, Any],
    ) -> None:
        from .._tools import FunctionTool

        if "stream" in params:
            raise TypeError(f"{method}() does not take stream: use chat.completions.stream(...) for a stream")
        if isinstance(messages, str | bytes) or not isinstance(messages, Sequence):
            raise TypeError(f"messages must be a list of messages, not {type(messages).__name__}")
        self.format: ResponseFormat[T] | None = (
            ResponseFormat(response_format) if is_type_format(response_format) else None
        )
        self.tools: dict[str, FunctionTool] = {}
        if tools is not None:
            if isinstance(tools, Mapping | str) or not isinstance(tools, Sequence):
                raise TypeError(f"tools must be a list of tools, not {type(tools).__name__}")
            for tool in tools:
                if isinstance(tool, FunctionTool):
                    self.tools[tool.name] = tool
                elif not isinstance(tool, Mapping) and not type(tool).__module__.startswith("ccapi_generated."):
                    raise TypeError(
                        f"tools[...] must be a ccapi.tool, a pydantic_function_tool or a tool definition, not {tool!r}"
                    )
        _refuse_overrides(method, params.get("extra_body"), self.format is not None, tools is not None)
        self.messages: list[Any] = list(messages)
        self.body: dict[str, Any] = dict(params)
        self.body["model"] = model
        if self.format is not None:
            self.body["response_format"] = self.format.param()
        elif response_format is not None:
            self.body["response_format"] = response_format
        if tools is not None:
            self.body["tools"] = list(tools)

    def request(self, messages: Sequence[Any] | None = None) -> dict[str, Any]:
        """The keyword arguments of `create` for the conversation `messages` (the call's own, if not given)."""
        return {**self.body, "messages": list(self.messages if messages is None else messages)}

    def tool_models(self, client_fallbacks: Sequence[str]) -> list[str]:
        """The models that may be sent these tools: the call's model, the gateway's `models`, the fallbacks."""
        if not self.body.get("tools"):
            return []
        fallbacks = self.body.get("fallback_models")
        found = [
            self.body.get("model"),
            *(self.body.get("models") or ()),
            *(client_fallbacks if fallbacks is None else fallbacks),
        ]
        return list(dict.fromkeys(model for model in found if isinstance(model, str)))


def refuse_tools(models: Sequence[str], prices: Any) -> None:
    """ValueError for the first model whose catalog entry says it calls no functions (a model the catalog does not
    know is let through: the gateway will say)."""
    for model in models:
        price = prices.last_price(model)
        if price is not None and price.function_calling is False:
            raise ValueError(
                f"model {model!r} cannot take tools: its catalog entry says function_calling: false "
                "(choose a model with function calling, or leave it out of fallback_models)"
            )


def checked_repairs(value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_repairs must be a whole number >= 0, not {value!r}")
    return value


class Repairs(Generic[T]):
    """The repair loop of one `parse`: each attempt judged; the parsed completion, or the next conversation to send,
    or StructuredOutputError once `max_repairs` repairs were spent."""

    def __init__(self, prepared: Prepared[T], max_repairs: int) -> None:
        self.prepared = prepared
        self.left = max_repairs
        self.messages = list(prepared.messages)
        self.attempts: list[ChatCompletionResponse] = []

    def judge(self, completion: ChatCompletionResponse) -> ParsedChatCompletion[T] | None:
        """The parsed completion; None when another attempt is to be sent (`prepared.request(self.messages)`)."""
        from .._errors import StructuredOutputError
        from ._repair import judge

        self.attempts.append(completion)
        judged = judge(completion, self.prepared.format, self.prepared.tools)
        if judged.completion is not None:
            return judged.completion
        if self.left <= 0:
            what = self.prepared.format.name if self.prepared.format is not None else "the tools' schemas"
            raise StructuredOutputError(
                f"no answer matched {what} after {len(self.attempts)} attempt(s): {'; '.join(judged.errors[:5])}",
                raw=judged.raw, errors=judged.errors, attempts=list(self.attempts),
            )  # fmt: skip
        self.left -= 1
        self.messages += judged.repair
        return None


def repairs_for(prepared: Prepared[T], max_repairs: Any, client_default: int) -> Repairs[T]:
    """The repair loop of a `parse`: the call's `max_repairs`, else the client's."""
    return Repairs(prepared, checked_repairs(max_repairs, client_default))


def span_attributes(prepared: Prepared[Any]) -> dict[str, Any]:
    """The attributes of a `parse` span: the GenAI operation and model, and the response format's name."""
    attributes: dict[str, Any] = {"gen_ai.operation.name": "chat"}
    if isinstance(prepared.body.get("model"), str):
        attributes["gen_ai.request.model"] = prepared.body["model"]
    if prepared.format is not None:
        attributes["ccapi.response_format"] = prepared.format.name
    return attributes


def _refuse_overrides(method: str, extra_body: Any, typed: bool, tools: bool) -> None:
    """`extra_body` is merged over the request last, so a field the helper writes itself would be replaced there: the
    strict schema by another `response_format` (answers then judged against a schema the model never saw), checked
    tools by unchecked ones, the conversation or the stream flag by others. Refused, naming the field, before
    anything is sent."""
    if not isinstance(extra_body, Mapping):
        return
    owned = {"messages", "stream"} | ({"response_format"} if typed else set()) | ({"tools"} if tools else set())
    clash = sorted(owned.intersection(extra_body))
    if clash:
        raise ValueError(
            f"extra_body must not carry {', '.join(clash)} in {method}(): {method}() writes "
            f"{'it' if len(clash) == 1 else 'them'} itself; pass {'it' if len(clash) == 1 else 'them'} as "
            "arguments instead"
        )
