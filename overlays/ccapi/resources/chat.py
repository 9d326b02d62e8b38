"""``client.chat.completions``: create chat completions, as the openai package does."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from .._core import CallOptions, Timeout
from .._response import to_async_raw_response, to_raw_response
from ._params import ToDict, as_list, check_range, compact, enum_value

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionRequest, ChatCompletionResponse

    from .._async_client import AsyncCCAPI
    from .._client import CCAPI
    from .._streaming import AsyncStream, Stream

MessageParam = Mapping[str, Any]
"""A message as a dict: ``{"role": "user", "content": "..."}`` (or a generated ChatMessage)."""
ToolParam = Mapping[str, Any]
"""A tool as a dict: ``{"type": "function", "function": {"name": ..., "parameters": {...}}}``."""


def chat_request(
    *,
    messages: Iterable[ToDict | MessageParam],
    model: str | None,
    models: Sequence[str] | None,
    stream: bool,
    temperature: float | None,
    top_p: float | None,
    max_tokens: int | None,
    tools: Iterable[ToDict | ToolParam] | None,
    tool_choice: str | None,
    metadata: Mapping[str, Any] | None,
    user: str | None,
    stream_options: Mapping[str, Any] | None,
) -> ChatCompletionRequest:
    """The request body, checked as far as can be without the server."""
    from ccapi_generated.models import ChatCompletionRequest, ChatRole

    if model is None and not models:
        raise ValueError("Give model='provider/model', or models=[...] to fail over across several")
    if stream_options is not None and not stream:
        raise ValueError("stream_options only applies with stream=True")
    if isinstance(models, str):
        raise TypeError("models must be a list of model ids; for one model, use model=...")
    sent = as_list(messages, "messages") or []
    if not sent:
        raise ValueError("messages must hold at least one message")
    for index, message in enumerate(sent):
        if "role" not in message or "content" not in message:
            raise ValueError(f"messages[{index}] needs a 'role' and a 'content' (content may be None)")
        enum_value(ChatRole, message["role"], f"messages[{index}]['role']")
    check_range(temperature, "temperature", minimum=0, maximum=2)
    check_range(top_p, "top_p", minimum=0, maximum=1)
    check_range(max_tokens, "max_tokens", minimum=1)
    body = compact(
        model=model, models=list(models) if models else None, messages=sent, stream=stream or None,
        temperature=temperature, top_p=top_p, max_tokens=max_tokens, tools=as_list(tools, "tools"),
        tool_choice=tool_choice, metadata=dict(metadata) if metadata is not None else None, user=user,
        stream_options=dict(stream_options) if stream_options is not None else None,
    )  # fmt: skip
    return ChatCompletionRequest.from_dict(body)


class Completions:
    """``client.chat.completions``."""

    def __init__(self, client: CCAPI) -> None:
        self._client = client
        self.with_raw_response = CompletionsWithRawResponse(self)

    @overload
    def create(
        self,
        *,
        messages: Iterable[ToDict | MessageParam],
        model: str | None = None,
        models: Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Iterable[ToDict | ToolParam] | None = None,
        tool_choice: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream: Literal[False] = False,
        stream_options: None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> ChatCompletionResponse: ...

    @overload
    def create(
        self,
        *,
        messages: Iterable[ToDict | MessageParam],
        model: str | None = None,
        models: Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Iterable[ToDict | ToolParam] | None = None,
        tool_choice: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream: Literal[True],
        stream_options: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> Stream: ...

    def create(
        self,
        *,
        messages: Iterable[ToDict | MessageParam],
        model: str | None = None,
        models: Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Iterable[ToDict | ToolParam] | None = None,
        tool_choice: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream: bool = False,
        stream_options: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> ChatCompletionResponse | Stream:
        """Complete a conversation with `model`, or the first of `models` that serves it (failover).

        The response's `model` and `provider` say which one answered. With `stream=True`, a Stream of
        ChatCompletionChunk as the answer is written (use it in a `with` block); `stream_options={"include_usage":
        True}` adds a last chunk with the usage.
        """
        from ccapi_generated.api.chat import create_chat_completion
        from ccapi_generated.models import ChatCompletionResponse

        body = chat_request(
            messages=messages, model=model, models=models, stream=stream, temperature=temperature, top_p=top_p,
            max_tokens=max_tokens, tools=tools, tool_choice=tool_choice, metadata=metadata, user=user,
            stream_options=stream_options,
        )  # fmt: skip
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        if stream:
            return self._client._stream(create_chat_completion, options, body=body)
        return self._client._request(create_chat_completion, ChatCompletionResponse, options, body=body)


class CompletionsWithRawResponse:
    """``client.chat.completions.with_raw_response``: the same methods, returning APIResponse."""

    def __init__(self, completions: Completions) -> None:
        self.create = to_raw_response(completions.create)


class Chat:
    """``client.chat``."""

    def __init__(self, client: CCAPI) -> None:
        self.completions = Completions(client)


class AsyncCompletions:
    """``client.chat.completions`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self._client = client
        self.with_raw_response = AsyncCompletionsWithRawResponse(self)

    @overload
    async def create(
        self,
        *,
        messages: Iterable[ToDict | MessageParam],
        model: str | None = None,
        models: Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Iterable[ToDict | ToolParam] | None = None,
        tool_choice: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream: Literal[False] = False,
        stream_options: None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> ChatCompletionResponse: ...

    @overload
    async def create(
        self,
        *,
        messages: Iterable[ToDict | MessageParam],
        model: str | None = None,
        models: Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Iterable[ToDict | ToolParam] | None = None,
        tool_choice: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream: Literal[True],
        stream_options: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> AsyncStream: ...

    async def create(
        self,
        *,
        messages: Iterable[ToDict | MessageParam],
        model: str | None = None,
        models: Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Iterable[ToDict | ToolParam] | None = None,
        tool_choice: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream: bool = False,
        stream_options: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> ChatCompletionResponse | AsyncStream:
        """Complete a conversation with `model`, or the first of `models` that serves it (failover).

        With `stream=True`, an AsyncStream of ChatCompletionChunk (use it in an `async with` block).
        """
        from ccapi_generated.api.chat import create_chat_completion
        from ccapi_generated.models import ChatCompletionResponse

        body = chat_request(
            messages=messages, model=model, models=models, stream=stream, temperature=temperature, top_p=top_p,
            max_tokens=max_tokens, tools=tools, tool_choice=tool_choice, metadata=metadata, user=user,
            stream_options=stream_options,
        )  # fmt: skip
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        if stream:
            return await self._client._stream(create_chat_completion, options, body=body)
        return await self._client._request(create_chat_completion, ChatCompletionResponse, options, body=body)


class AsyncCompletionsWithRawResponse:
    """``client.chat.completions.with_raw_response`` of AsyncCCAPI."""

    def __init__(self, completions: AsyncCompletions) -> None:
        self.create = to_async_raw_response(completions.create)


class AsyncChat:
    """``client.chat`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self.completions = AsyncCompletions(client)
