"""The errors ccapi raises, split by whether a response arrived::

    CCAPIError
    ├── APIError                        about an HTTP exchange (as the openai package's); .request .body
    │   ├── APIConnectionError          no response: refused, reset, DNS, a stream cut mid-way
    │   │   └── APITimeoutError         no response in time (connect, read, or a stream gone idle)
    │   ├── APIStatusError              an error status; .status_code .request_id .error .code .type
    │   │   ├── BadRequestError         400
    │   │   ├── AuthenticationError     401
    │   │   ├── BillingError            402
    │   │   ├── PermissionDeniedError   403
    │   │   ├── NotFoundError           404 (an unknown job, provider or model)
    │   │   ├── ConflictError           409
    │   │   ├── UnprocessableEntityError  422
    │   │   ├── RateLimitError          429, with .retry_after
    │   │   └── InternalServerError     5xx (and any other status >= 500, such as 520)
    │   └── APIResponseValidationError  a success response whose body does not decode
    │       └── SkippedEventsError      final_completion() of a stream with events skipped before its end
    ├── ImageJobError                   an image job gave no images; .job_id
    │   ├── ImageJobFailedError         the job ended `failed`; .error is the server's ErrorObject
    │   └── ImageJobTimeoutError        the job was not done by the deadline (also a TimeoutError)
    ├── StreamRestartedError            iter_text(): the stream began again on a fallback model; .stream reads on
    ├── StreamInUseError                a stream read by two threads (or tasks) at once (also a RuntimeError)
    ├── BudgetExceededError             a call could cost more than the budget has left; nothing was sent
    ├── StructuredOutputError           `parse` got no answer that validates, its repairs spent; .raw .errors .attempts
    ├── LengthFinishReasonError         a parsed answer was cut at its token limit (finish_reason `length`)
    ├── ContentFilterFinishReasonError  a parsed answer was stopped by the provider's content filter
    └── UnknownPriceError               a budgeted call names a model the catalog does not price (also a ValueError)

Mistakes in arguments raise ``ValueError`` or ``TypeError`` before any request is sent. Messages name the
method, URL and status, and never the API key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from decimal import Decimal

    from ccapi_generated.models import ErrorObject

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BillingError",
    "BudgetExceededError",
    "CCAPIError",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "ImageJobError",
    "ImageJobFailedError",
    "ImageJobTimeoutError",
    "InternalServerError",
    "LengthFinishReasonError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamInUseError",
    "StreamRestartedError",
    "StructuredOutputError",
    "UnknownPriceError",
    "UnprocessableEntityError",
]


class CCAPIError(Exception):
    """The base of every error this package raises about a request."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIError(CCAPIError):
    """An error about one HTTP exchange, whether or not a response came: the base the openai package's users catch.
    `body` is the error body the server sent, parsed, if it sent one."""

    request: httpx.Request

    def __init__(self, message: str, *, request: httpx.Request, body: object = None) -> None:
        super().__init__(message, request=request)
        self.body = body


class APIConnectionError(APIError):
    """No response arrived: the connection failed, or broke before the response was complete."""

    def __init__(self, request: httpx.Request, *, message: str | None = None) -> None:
        super().__init__(message or f"Connection error on {request.method} {request.url}", request=request)


class APITimeoutError(APIConnectionError):
    """No response, or no more of it, arrived within the timeout."""

    def __init__(self, request: httpx.Request, *, message: str | None = None) -> None:
        super().__init__(request, message=message or f"Request timed out: {request.method} {request.url}")


class APIStatusError(APIError):
    """The server answered with an error status. `error` is its ErrorObject, when the body had one; `message` is
    that ErrorObject's message (the whole line of `str(error)` when there is none)."""

    def __init__(
        self, message: str, *, response: httpx.Response, error: ErrorObject | None, status_code: int | None = None
    ) -> None:
        super().__init__(message, request=response.request, body=None if error is None else error.to_dict())
        self.response = response
        self.status_code = response.status_code if status_code is None else status_code
        """The HTTP status, or for an error event inside a stream (whose response was 200), the status its type
        stands for (rate_limit_error: 429, ...)."""
        self.headers = _redacted_headers(response.headers, response.request)
        self.request_id: str | None = response.headers.get("x-request-id")
        self.error = error
        if error is not None and isinstance(error.message, str) and error.message:
            # The server's own words; str(error) adds the status, the request and its id around them.
            self.message = error.message

    @property
    def type(self) -> str | None:
        """The ErrorObject's `type` (`invalid_request_error`, ...; an open set), if the body had one."""
        return None if self.error is None else str(self.error.type_)

    @property
    def code(self) -> str | None:
        """The ErrorObject's `code` (`unauthorized`, `insufficient_funds`, ...), if any."""
        if self.error is None or not isinstance(self.error.code, str):
            return None
        return self.error.code

    @property
    def details(self) -> dict[str, Any]:
        """The ErrorObject's `details`, or an empty dict."""
        details = None if self.error is None else self.error.details
        return {} if details is None else dict(details.additional_properties)


class BadRequestError(APIStatusError):
    """400: the request was malformed or failed validation; `details` may name the field."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""


class BillingError(APIStatusError):
    """402: the account cannot pay for this request."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this."""


class NotFoundError(APIStatusError):
    """404: no such job, provider or model."""


class ConflictError(APIStatusError):
    """409: the request conflicts with another (retried by default)."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but cannot be carried out."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is the server's advice in seconds, if it gave one."""

    def __init__(
        self, message: str, *, response: httpx.Response, error: ErrorObject | None, status_code: int | None = None
    ) -> None:
        super().__init__(message, response=response, error=error, status_code=status_code)
        from ._retry import retry_after_seconds

        self.retry_after = retry_after_seconds(response.headers)


class InternalServerError(APIStatusError):
    """5xx: the gateway or the upstream provider failed (retried by default)."""


class APIResponseValidationError(APIError):
    """A success response whose body is not what the spec describes (not JSON, or missing required fields)."""

    def __init__(self, response: httpx.Response, *, reason: str) -> None:
        request = response.request
        request_id = response.headers.get("x-request-id")
        suffix = f" (request id {request_id})" if request_id else ""
        super().__init__(
            f"{request.method} {request.url} answered {response.status_code} with a body that does not decode: "
            f"{redacted(reason, request)}{suffix}",
            request=request,
        )
        self.response = response
        self.status_code = response.status_code
        self.request_id = request_id


class SkippedEventsError(APIResponseValidationError):
    """`final_completion()` of a stream in which events that did not decode were skipped before its finish reason:
    text (or a tool call) may be missing from what the other events add up to, so no completion is made of them.
    `skipped` is how many; iterating the stream still gives every event that decoded."""

    def __init__(self, response: httpx.Response, *, skipped: int) -> None:
        events = "1 event" if skipped == 1 else f"{skipped} events"
        super().__init__(
            response,
            reason=f"{events} of the stream did not decode and were skipped before its finish reason, so text may be "
            "missing: no completion is made of the rest",
        )
        self.skipped = skipped


class StreamRestartedError(CCAPIError):
    """`iter_text()` of a stream that broke (cut, stalled) after giving text, and began again from scratch on a
    fallback model: the text given so far is not part of the answer, and the next model's whole answer follows. Rather
    than give it after the broken one's words, `iter_text()` stops here. `stream` is the same stream, read on: its
    `iter_text()` gives the new answer from its start; `restart` says what broke (`stream.restarts[-1]`).

    To never see this, ask `iter_text(hold_until_complete=True)`: text is held back until an attempt is known good."""

    def __init__(self, stream: Any, restart: Any) -> None:
        model = getattr(restart, "model", "") or "its model"
        following = getattr(restart, "next_model", "") or "the next model"
        super().__init__(
            f"The stream from {model} broke after it gave text, and began again from scratch on {following}: the text "
            "given so far is not part of the answer; read `.stream` for the whole new answer",
            request=getattr(getattr(stream, "response", None), "request", None),
        )
        self.stream = stream
        self.restart = restart


class StreamInUseError(CCAPIError, RuntimeError):
    """A stream was read while another thread (or task) was reading it: a stream has one reader at a time. To stop
    a stream another thread reads, `close()` it."""

    def __init__(self) -> None:
        super().__init__(
            "This stream is being read by another thread (or task): a stream has one reader at a time (close() it to "
            "stop that reader)"
        )


class BudgetExceededError(CCAPIError):
    """A call's worst case is more than what is left of the client's budget. Raised before anything is sent.

    `budget`, `spent` (by this client and its copies), `reserved` (held by calls in flight), `remaining` and
    `estimate` (this call's worst case) are Decimals in the catalog's currency."""

    messages: list[Any] | None = None
    """When the budget stopped a tool runner (`run_tools`): the conversation so far, to resume from."""

    def __init__(self, *, budget: Decimal, spent: Decimal, reserved: Decimal, estimate: Decimal) -> None:
        self.budget, self.spent, self.reserved, self.estimate = budget, spent, reserved, estimate
        self.remaining = max(budget - spent - reserved, 0 * budget)
        held = f", {_amount(reserved)} held by calls in flight" if reserved else ""
        super().__init__(
            f"This call could cost up to {_amount(estimate)}, more than the {_amount(self.remaining)} left of the "
            f"budget of {_amount(budget)} (spent {_amount(spent)}{held}); nothing was sent"
        )


class StructuredOutputError(CCAPIError):
    """`chat.completions.parse` got no answer that validates against the response format (or a tool's arguments
    against its schema), after its repairs: nothing silently wrong is returned.

    `raw` is the last answer's text, `errors` what did not validate in it, `attempts` each attempt's completion (the
    first, then each repair)."""

    def __init__(self, message: str, *, raw: str | None, errors: list[str], attempts: list[Any]) -> None:
        super().__init__(message)
        self.raw = raw
        self.errors = errors
        self.attempts = attempts


class LengthFinishReasonError(CCAPIError):
    """A parsed answer stopped at its token limit (`finish_reason: length`), so that it cannot be whole (as the openai
    package raises it). `completion` is the answer as it came."""

    def __init__(self, *, completion: Any) -> None:
        usage = getattr(completion, "usage", None)
        super().__init__(f"Could not parse the response content as the length limit was reached - {usage!r}")
        self.completion = completion


class ContentFilterFinishReasonError(CCAPIError):
    """A parsed answer was stopped by the provider's content filter (`finish_reason: content_filter`)."""

    def __init__(self) -> None:
        super().__init__("Could not parse the response content as the request was rejected by the content filter")


class UnknownPriceError(CCAPIError, ValueError):
    """The catalog gives no price for a model a call names (or none for what the call uses), so a budget cannot
    hold it: the call is refused before anything is sent. `model` names the model."""

    def __init__(self, message: str, *, model: str | None = None) -> None:
        super().__init__(message)
        self.model = model


def _amount(value: Decimal) -> str:
    return f"{round(value, 6).normalize():f}"


class ImageJobError(CCAPIError):
    """An asynchronous image job gave no images. `job_id` lets a caller look at it again later."""

    def __init__(self, message: str, *, job_id: str) -> None:
        super().__init__(message)
        self.job_id = job_id


class ImageJobFailedError(ImageJobError):
    """The job ended `failed`. `error` is the server's ErrorObject (type, code, message, details), if it sent one."""

    def __init__(self, message: str, *, job_id: str, error: ErrorObject | None) -> None:
        super().__init__(message, job_id=job_id)
        self.error = error


class ImageJobTimeoutError(ImageJobError, TimeoutError):
    """The job was still running at the deadline; it may yet finish (resume it by `job_id`)."""

    def __init__(self, message: str, *, job_id: str, status: str) -> None:
        super().__init__(message, job_id=job_id)
        self.status = status


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: BillingError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _secret(request: httpx.Request | None) -> str:
    """The key a request carried (in `Authorization: Bearer ...`), so that nothing a server echoes shows it."""
    if request is None:
        return ""
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def redacted(text: str, request: httpx.Request | None) -> str:
    """`text` with the key the request carried replaced by `[redacted]` (a server may echo it in an error)."""
    secret = _secret(request)
    return text.replace(secret, "[redacted]") if secret and secret in text else text


def _redacted_headers(headers: httpx.Headers, request: httpx.Request | None) -> httpx.Headers:
    """`headers` as they are, or a copy with the key redacted from the values that echo it (as the TypeScript client
    does): a server that echoes the Authorization header in a response header must not hand the key to whoever
    logs `error.headers`."""
    secret = _secret(request)
    if not secret or not any(secret in value for value in headers.values()):
        return headers
    return httpx.Headers([(name, redacted(value, request)) for name, value in headers.multi_items()])


def _error_object(response: httpx.Response) -> tuple[ErrorObject | None, str]:
    """The ErrorObject in an error body, and the text to show: the server's message, or the start of the body.
    Whatever the server echoed of the key is redacted from both."""
    import json

    from ccapi_generated.models import ErrorObject

    try:
        text = redacted(response.text, response.request)
    except Exception:  # a body that cannot be read as text (a bad encoding) still makes a typed error
        return None, response.reason_phrase
    try:
        error = ErrorObject.from_dict(json.loads(text)["error"])
    except Exception:  # an error body of any shape (or none) still makes a typed error
        text = text.strip()
        return None, (text[:300] + "…" if len(text) > 300 else text) or response.reason_phrase
    return error, str(error.message)


def status_error(response: httpx.Response) -> APIStatusError:
    """The typed error for an error response (whose body has been read)."""
    error, shown = _error_object(response)
    status = response.status_code
    kind = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    request = response.request
    request_id = response.headers.get("x-request-id")
    reason = f" {response.reason_phrase}" if response.reason_phrase else ""
    message = f"{status}{reason} from {request.method} {request.url}: {shown}"
    if request_id:
        message += f" (request id {request_id})"
    return kind(message, response=response, error=error)


def stream_error(response: httpx.Response, body: Any) -> APIStatusError:
    """The typed error for an `{"error": ErrorObject}` event in a stream that began with 200."""
    import json

    from ccapi_generated.models import ErrorObject

    from ._operation import error_status

    try:
        body = json.loads(redacted(json.dumps(body), response.request))
        error: ErrorObject | None = ErrorObject.from_dict(body)
    except Exception:  # an error event of any shape is still a typed error
        error = None
    kind_name = error.type_ if error is not None else ""
    status = (
        (error_status(kind_name) or 500) if isinstance(kind_name, str) else 500
    )  # an unknown type is the server's failure until known otherwise
    kind = _BY_STATUS.get(status) or InternalServerError
    request = response.request
    shown = str(error.message)[:300] if error is not None else str(body)[:300]
    message = f"Error event in the stream from {request.method} {request.url}: {shown}"
    request_id = response.headers.get("x-request-id")
    if request_id:
        message += f" (request id {request_id})"
    return kind(message, response=response, error=error, status_code=status)
