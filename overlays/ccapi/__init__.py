"""The Python SDK for CCAPI, the unified OpenAI-compatible gateway to many AI models.

    import ccapi

    client = ccapi.CCAPI()  # reads CCAPI_API_KEY (and CCAPI_BASE_URL)
    reply = client.chat.completions.create(
        model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hello!"}]
    )

Names load on first use, so that ``import ccapi`` costs little more than ``import httpx``. The request and
response models are in ``ccapi.types``.
"""

import importlib as _importlib
import typing as _typing

from ._version import __version__

if _typing.TYPE_CHECKING:
    from ccapi_generated import API_VERSION as API_VERSION

    from . import batch as batch
    from ._accumulate import ChatCompletionAccumulator as ChatCompletionAccumulator
    from ._aiohttp import DefaultAioHttpClient as DefaultAioHttpClient
    from ._async._chat_stream import AsyncChatCompletionStream as AsyncChatCompletionStream
    from ._async._client import AsyncCCAPI as AsyncCCAPI
    from ._async._image_jobs import AsyncImageJob as AsyncImageJob
    from ._async._image_jobs import AsyncJob as AsyncJob
    from ._async._pagination import AsyncPage as AsyncPage
    from ._async._pagination import AsyncPager as AsyncPager
    from ._async._streaming import AsyncStream as AsyncStream
    from ._async._tool_runner import AsyncToolRunner as AsyncToolRunner
    from ._chat_events import ChatCompletionStreamEvent as ChatCompletionStreamEvent
    from ._errors import APIConnectionError as APIConnectionError
    from ._errors import APIError as APIError
    from ._errors import APIResponseValidationError as APIResponseValidationError
    from ._errors import APIStatusError as APIStatusError
    from ._errors import APITimeoutError as APITimeoutError
    from ._errors import AuthenticationError as AuthenticationError
    from ._errors import BadRequestError as BadRequestError
    from ._errors import BillingError as BillingError
    from ._errors import BudgetExceededError as BudgetExceededError
    from ._errors import CCAPIError as CCAPIError
    from ._errors import ConflictError as ConflictError
    from ._errors import ContentFilterFinishReasonError as ContentFilterFinishReasonError
    from ._errors import ImageJobError as ImageJobError
    from ._errors import ImageJobFailedError as ImageJobFailedError
    from ._errors import ImageJobTimeoutError as ImageJobTimeoutError
    from ._errors import InternalServerError as InternalServerError
    from ._errors import LengthFinishReasonError as LengthFinishReasonError
    from ._errors import NotFoundError as NotFoundError
    from ._errors import PermissionDeniedError as PermissionDeniedError
    from ._errors import RateLimitError as RateLimitError
    from ._errors import SkippedEventsError as SkippedEventsError
    from ._errors import StreamInUseError as StreamInUseError
    from ._errors import StreamRestartedError as StreamRestartedError
    from ._errors import StructuredOutputError as StructuredOutputError
    from ._errors import UnknownPriceError as UnknownPriceError
    from ._errors import UnprocessableEntityError as UnprocessableEntityError
    from ._failover import CircuitBreaker as CircuitBreaker
    from ._failover import FailoverPolicy as FailoverPolicy
    from ._failover import Restart as Restart
    from ._http import DefaultAsyncHttpxClient as DefaultAsyncHttpxClient
    from ._http import DefaultHttpxClient as DefaultHttpxClient
    from ._image_jobs import PollPolicy as PollPolicy
    from ._response import APIResponse as APIResponse
    from ._retry import RetryPolicy as RetryPolicy
    from ._settings import DEFAULT_BASE_URL as DEFAULT_BASE_URL
    from ._settings import DEFAULT_MAX_RETRIES as DEFAULT_MAX_RETRIES
    from ._settings import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
    from ._settings import MissingAPIKeyError as MissingAPIKeyError
    from ._spend import AsyncSpend as AsyncSpend
    from ._spend import Spend as Spend
    from ._structured._parsed import ParsedChatCompletion as ParsedChatCompletion
    from ._sync._chat_stream import ChatCompletionStream as ChatCompletionStream
    from ._sync._client import CCAPI as CCAPI
    from ._sync._image_jobs import ImageJob as ImageJob
    from ._sync._image_jobs import Job as Job
    from ._sync._pagination import SyncPage as SyncPage
    from ._sync._streaming import Stream as Stream
    from ._sync._tool_runner import ToolRunner as ToolRunner
    from ._tools import FunctionTool as FunctionTool
    from ._tools import pydantic_function_tool as pydantic_function_tool
    from ._tools import tool as tool

# Each public name and the module it lives in, imported when the name is first used.
_LAZY = {
    "API_VERSION": "ccapi_generated",
    "CCAPI": "._sync._client",
    "AsyncCCAPI": "._async._client",
    "DEFAULT_BASE_URL": "._settings",
    "DEFAULT_MAX_RETRIES": "._settings",
    "DEFAULT_TIMEOUT": "._settings",
    "MissingAPIKeyError": "._settings",
    "APIConnectionError": "._errors",
    "APIError": "._errors",
    "APIResponseValidationError": "._errors",
    "APIStatusError": "._errors",
    "APITimeoutError": "._errors",
    "AuthenticationError": "._errors",
    "BadRequestError": "._errors",
    "BillingError": "._errors",
    "BudgetExceededError": "._errors",
    "Spend": "._spend",
    "AsyncSpend": "._spend",
    "CCAPIError": "._errors",
    "ConflictError": "._errors",
    "InternalServerError": "._errors",
    "NotFoundError": "._errors",
    "PermissionDeniedError": "._errors",
    "RateLimitError": "._errors",
    "SkippedEventsError": "._errors",
    "StreamInUseError": "._errors",
    "StreamRestartedError": "._errors",
    "UnprocessableEntityError": "._errors",
    "CircuitBreaker": "._failover",
    "FailoverPolicy": "._failover",
    "Restart": "._failover",
    "DefaultHttpxClient": "._http",
    "DefaultAioHttpClient": "._aiohttp",
    "DefaultAsyncHttpxClient": "._http",
    "AsyncPage": "._async._pagination",
    "AsyncPager": "._async._pagination",
    "SyncPage": "._sync._pagination",
    "APIResponse": "._response",
    "RetryPolicy": "._retry",
    "ChatCompletionAccumulator": "._accumulate",
    "ImageJobTimeoutError": "._errors",
    "ImageJobFailedError": "._errors",
    "ImageJobError": "._errors",
    "PollPolicy": "._image_jobs",
    "AsyncImageJob": "._async._image_jobs",
    "ImageJob": "._sync._image_jobs",
    "AsyncJob": "._async._image_jobs",
    "Job": "._sync._image_jobs",
    "UnknownPriceError": "._errors",
    "Stream": "._sync._streaming",
    "AsyncStream": "._async._streaming",
    "ContentFilterFinishReasonError": "._errors",
    "LengthFinishReasonError": "._errors",
    "StructuredOutputError": "._errors",
    "tool": "._tools",
    "pydantic_function_tool": "._tools",
    "FunctionTool": "._tools",
    "ParsedChatCompletion": "._structured._parsed",
    "ChatCompletionStream": "._sync._chat_stream",
    "AsyncChatCompletionStream": "._async._chat_stream",
    "ChatCompletionStreamEvent": "._chat_events",
    "ToolRunner": "._sync._tool_runner",
    "AsyncToolRunner": "._async._tool_runner",
}

__all__ = [
    "API_VERSION",
    "CCAPI",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCCAPI",
    "AsyncChatCompletionStream",
    "AsyncImageJob",
    "AsyncJob",
    "AsyncPage",
    "AsyncPager",
    "AsyncSpend",
    "AsyncStream",
    "AsyncToolRunner",
    "AuthenticationError",
    "BadRequestError",
    "BillingError",
    "BudgetExceededError",
    "CCAPIError",
    "ChatCompletionAccumulator",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "CircuitBreaker",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "FailoverPolicy",
    "FunctionTool",
    "ImageJob",
    "ImageJobError",
    "ImageJobFailedError",
    "ImageJobTimeoutError",
    "InternalServerError",
    "Job",
    "LengthFinishReasonError",
    "MissingAPIKeyError",
    "NotFoundError",
    "ParsedChatCompletion",
    "PermissionDeniedError",
    "PollPolicy",
    "RateLimitError",
    "Restart",
    "RetryPolicy",
    "SkippedEventsError",
    "Spend",
    "Stream",
    "StreamInUseError",
    "StreamRestartedError",
    "StructuredOutputError",
    "SyncPage",
    "ToolRunner",
    "UnknownPriceError",
    "UnprocessableEntityError",
    "__version__",
    "pydantic_function_tool",
    "tool",
]


def __getattr__(name: str) -> _typing.Any:
    if name == "batch":  # a submodule: `ccapi.batch.run(...)` without importing it first
        return _importlib.import_module(".batch", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ccapi' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
