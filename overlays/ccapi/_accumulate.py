"""Folding a stream of ChatCompletionChunk into the ChatCompletionResponse a non-streaming call would return."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionChunk, ChatCompletionResponse


class _Choice:
    def __init__(self, index: int) -> None:
        self.index = index
        self.role: str = "assistant"
        self.content: list[str] = []
        self.saw_content = False
        self.tool_calls: dict[int, dict[str, Any]] = {}
        self.finish_reason: str | None = None

    def message(self) -> dict[str, Any]:
        text = "".join(self.content)
        # As in a non-streamed answer: no content (None) when the message only calls tools.
        content = text if self.saw_content and (text or not self.tool_calls) else None
        message: dict[str, Any] = {"role": self.role, "content": content}
        if self.tool_calls:
            message["tool_calls"] = [self.tool_calls[index] for index in sorted(self.tool_calls)]
        return message


class ChatCompletionAccumulator:
    """Feed it every chunk with `add`; `completion()` is then the whole answer.

    Content is joined, tool calls are put together from their pieces (by `index`), and the finish reason, usage,
    model and provider are the stream's own (with `models=[...]` failover, the model that served).
    """

    def __init__(self) -> None:
        self._head: dict[str, Any] | None = None
        self._choices: dict[int, _Choice] = {}
        self._usage: dict[str, Any] | None = None

    def add(self, chunk: ChatCompletionChunk) -> None:
        if self._head is None:
            self._head = {"id": chunk.id, "object": "chat.completion", "created": chunk.created, "model": chunk.model}
        if chunk.provider:
            self._head["provider"] = chunk.provider
        if chunk.usage:
            self._usage = chunk.usage.to_dict()
        for piece in chunk.choices:
            choice = self._choices.get(piece.index)
            if choice is None:
                choice = self._choices[piece.index] = _Choice(piece.index)
            delta = piece.delta
            if delta.role:
                choice.role = str(delta.role)
            if isinstance(delta.content, str):
                choice.saw_content = True
                choice.content.append(delta.content)
            for call in delta.tool_calls or ():
                built = choice.tool_calls.setdefault(
                    call.index, {"id": "", "type": "function", "function": {"name": "", "arguments": ""}}
                )
                if call.id:
                    built["id"] = call.id
                if call.type_:
                    built["type"] = call.type_
                if call.function:
                    built["function"]["name"] += call.function.name or ""
                    built["function"]["arguments"] += call.function.arguments or ""
            if piece.finish_reason:
                choice.finish_reason = str(piece.finish_reason)

    def completion(self) -> ChatCompletionResponse:
        """The answer so far, as a ChatCompletionResponse."""
        from ccapi_generated.models import ChatCompletionResponse

        if self._head is None:
            raise ValueError("the stream sent no chunk to build a completion from")
        body: dict[str, Any] = {
            **self._head,
            "choices": [
                {"index": choice.index, "message": choice.message(), "finish_reason": choice.finish_reason}
                for choice in sorted(self._choices.values(), key=lambda choice: choice.index)
            ],
        }
        if self._usage is not None:
            body["usage"] = self._usage
        return ChatCompletionResponse.from_dict(body)
