"""The request objects as TypedDicts, generated from openapi.yaml (spec 1.0.0) by
tools/generate_resources.py: what a plain dict passed for one may hold, so that mypy checks it (a misspelled key, a
value outside an enum) as it checks the generated models. Each `XParam` mirrors the model `X`; a method takes either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from ..models import (
        ChatImagePart,
        ChatImageUrl,
        ChatRole,
        ChatTextPart,
        ChatToolCall,
        ChatToolCallFunction,
        ChatToolChoiceFunction,
        ChatToolFunction,
        ChatToolType,
        ImageQuality,
        MediaResponseFormat,
        MultimodalImageInput,
    )

__all__ = [
    "ChatImagePartParam",
    "ChatImageUrlParam",
    "ChatRequestMessageParam",
    "ChatResponseFormatParam",
    "ChatStreamOptionsParam",
    "ChatTextPartParam",
    "ChatToolCallFunctionParam",
    "ChatToolCallParam",
    "ChatToolChoiceFunctionParam",
    "ChatToolChoiceParam",
    "ChatToolFunctionParam",
    "ChatToolParam",
    "MultimodalImageInputParam",
    "MultimodalImageParametersParam",
    "MultimodalInputContentParam",
]


class ChatImagePartParam(TypedDict):
    """ChatImagePart as a plain dict.

    An image in a message's content, for models whose input modalities include images.
    """

    type: Literal["image_url"]
    image_url: ChatImageUrl | ChatImageUrlParam


class ChatImageUrlParam(TypedDict):
    """ChatImageUrl as a plain dict.

    An image for a vision model, by URL or as a `data:` URL.
    """

    url: str
    detail: NotRequired[Literal["auto", "low", "high"]]


class ChatRequestMessageParam(TypedDict):
    """ChatRequestMessage as a plain dict.

    One message of the conversation a request sends: as ChatMessage, but `content` may also be a list of parts
    (text and images), as OpenAI-compatible clients send to vision models.
    """

    role: ChatRole | Literal["system", "developer", "user", "assistant", "tool"]
    content: str | Sequence[ChatTextPart | ChatTextPartParam | ChatImagePart | ChatImagePartParam] | None
    name: NotRequired[str]
    tool_calls: NotRequired[Sequence[ChatToolCall | ChatToolCallParam]]
    tool_call_id: NotRequired[str]


class ChatResponseFormatParam(TypedDict):
    """ChatResponseFormat as a plain dict.

    The form of the answer: plain text, any JSON object (`json_object`), or JSON matching a schema.
    """

    type: Literal["text", "json_object", "json_schema"]
    json_schema: NotRequired[Mapping[str, Any]]


class ChatStreamOptionsParam(TypedDict):
    """ChatStreamOptions as a plain dict.

    Options for a streamed completion.
    """

    include_usage: NotRequired[bool]


class ChatTextPartParam(TypedDict):
    """ChatTextPart as a plain dict.

    A piece of text in a message's content.
    """

    type: Literal["text"]
    text: str


class ChatToolCallFunctionParam(TypedDict):
    """ChatToolCallFunction as a plain dict.

    The function an assistant message calls, with its arguments as a JSON-encoded string.
    """

    name: str
    arguments: str


class ChatToolCallParam(TypedDict):
    """ChatToolCall as a plain dict.

    One tool call made by an assistant message.
    """

    id: str
    type: str
    function: ChatToolCallFunction | ChatToolCallFunctionParam


class ChatToolChoiceFunctionParam(TypedDict):
    """ChatToolChoiceFunction as a plain dict.

    The function the model must call.
    """

    name: str


class ChatToolChoiceParam(TypedDict):
    """ChatToolChoice as a plain dict.

    The object form of `tool_choice`: call this function.
    """

    type: Literal["function"]
    function: ChatToolChoiceFunction | ChatToolChoiceFunctionParam


class ChatToolFunctionParam(TypedDict):
    """ChatToolFunction as a plain dict.

    A function the model may call.
    """

    name: str
    description: NotRequired[str]
    parameters: NotRequired[Mapping[str, Any]]


class ChatToolParam(TypedDict):
    """ChatTool as a plain dict.

    A tool the model may call.
    """

    type: ChatToolType | Literal["function"]
    function: ChatToolFunction | ChatToolFunctionParam


class MultimodalImageInputParam(TypedDict):
    """MultimodalImageInput as a plain dict.

    An input image or mask, by URL or inline base64 data.
    """

    url: NotRequired[str]
    data: NotRequired[str]
    mime_type: NotRequired[str]


class MultimodalImageParametersParam(TypedDict):
    """MultimodalImageParameters as a plain dict.

    How to generate. All optional; providers ignore what they do not support.
    """

    num_images: NotRequired[int]
    width: NotRequired[int]
    height: NotRequired[int]
    aspect_ratio: NotRequired[str]
    quality: NotRequired[ImageQuality | Literal["standard", "hd"]]
    seed: NotRequired[int]
    steps: NotRequired[int]
    guidance_scale: NotRequired[float]
    negative_prompt: NotRequired[str]
    strength: NotRequired[float]
    response_format: NotRequired[MediaResponseFormat | Literal["url", "b64_json"]]


class MultimodalInputContentParam(TypedDict):
    """MultimodalInputContent as a plain dict.

    One item of `contents`: a text prompt, an input image (image-to-image, or a remix with several), or a mask
    (inpainting).
    """

    text: NotRequired[str]
    image: NotRequired[MultimodalImageInput | MultimodalImageInputParam]
    mask: NotRequired[MultimodalImageInput | MultimodalImageInputParam]
