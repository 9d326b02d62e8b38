"""Building a call's request: the template worked out once a client (headers, URLs, timeout), the body a call sends,
and the operation of a path the spec does not have (`client.request`)."""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from . import _checks
from ._settings import RAW_RESPONSE_MARKER, CallOptions, ClientSettings, FromDict

if TYPE_CHECKING:
    from ._operation import Operation


class RequestTemplate:
    """What every request of a client starts from, worked out once when the client is made: the headers (the httpx
    client's, then the client's own, with the key), the parsed URL of each path, the timeout."""

    def __init__(self, http_client: httpx.Client | httpx.AsyncClient, settings: ClientSettings) -> None:
        self.base_url = settings.base_url
        self.headers = http_client.headers.copy()
        """The headers of every request: the httpx client's, then the client's own (with the key)."""
        self.headers.update(settings.base_headers)
        # The headers httpx would add to each request, added once: the request is built from bytes already
        # encoded (httpx.Request(stream=...)), which skips httpx's per-request encoding and header merging.
        self.plain_headers = self.headers.copy()
        self.plain_headers.setdefault("Host", httpx.URL(settings.base_url).netloc.decode("ascii"))
        self.json_headers = self.plain_headers.copy()
        self.json_headers["Content-Type"] = "application/json"
        self.timeout = settings.timeout.as_dict()
        self.server = httpx.URL(settings.base_url)
        """The API's address, for traces (server.address, server.port)."""
        self._urls: dict[str, httpx.URL] = {}

    def url(self, path: str) -> httpx.URL:
        """The base URL joined with `path`, parsed once per path (a path with an id in it has its own entry, so
        the cache is bounded)."""
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            url = self._urls[path] = httpx.URL(self.base_url + path)
        return url


_URL_CACHE_SIZE = 256
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def build_request(
    template: RequestTemplate, method: str, path: str, query: Mapping[str, Any] | None, body: Any,
    options: CallOptions,
) -> httpx.Request:  # fmt: skip
    """The httpx request for one call, with the client's and the call's settings.

    Built from the template rather than by `httpx.Client.build_request`, whose per-call merging of headers,
    cookies and URLs, URL parsing and body encoding were most of this SDK's overhead. The body is encoded as httpx
    encodes `json=` (compact, UTF-8, no NaN), with the headers httpx would have added. `body` is the body to send,
    `extra_body` already merged (`sent_body`).
    """
    if options.extra_query:
        query = {**(query or {}), **options.extra_query}
    if body is None:
        content = b""
        headers = template.plain_headers.copy()
        if method in _BODY_METHODS:
            headers["Content-Length"] = "0"
    else:
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        headers = template.json_headers.copy()
        headers["Content-Length"] = str(len(content))
    if options.extra_headers:
        headers.update(options.extra_headers)
        headers.pop(RAW_RESPONSE_MARKER, None)
    if method == "POST" and "idempotency-key" not in headers:
        # The same key on every retry of this call, so a retried POST is not carried out twice.
        headers["Idempotency-Key"] = f"ccapi-{os.urandom(16).hex()}"  # 128 random bits, as a UUID4's 122
    url = template.url(path)
    if query:
        url = httpx.URL(url, params=query)
    timeout = template.timeout if options.timeout is None else _checks.timeout("timeout", options.timeout).as_dict()
    request = httpx.Request(
        method, url, headers=headers, stream=httpx.ByteStream(content), extensions={"timeout": timeout}
    )
    request.read()  # so that `request.content` is there for event hooks and logs, as for any httpx request
    return request


def sent_body(body: Any, options: CallOptions) -> Any:
    """The body a call sends: the method's, with `extra_body`'s fields over it."""
    if options.extra_body:
        return {**(body or {}), **options.extra_body}
    return body


_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


def custom_operation(method: str, path: str, cast_to: type[FromDict] | None) -> tuple[Operation[Any], str]:
    """An operation for `client.request`, its arguments checked before sending: one the spec does not have (yet), or
    on a path the spec prices (`POST /chat/completions`, ...), priced and budgeted as the operation it is."""
    from ._operation import Operation

    if not isinstance(method, str) or method.upper() not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(sorted(_METHODS))}, not {method!r}")
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        # Only paths under the base URL: the request carries the key, which must go nowhere else.
        raise ValueError(f"path must be a path under the base URL, starting with '/', not {path!r}")
    _checks.path(path)  # no control character: httpx would refuse the URL only while sending
    if "#" in path or any(segment in (".", "..") for segment in _decoded_segments(path)):
        # httpx resolves dot segments and drops a fragment before sending: `/../x` would leave the base URL, and
        # `/./chat/completions` would reach a priced operation under a path that does not look like it.
        raise ValueError(f"path must be a plain path under the base URL, without '.', '..' or '#', not {path!r}")
    if cast_to is not None and not callable(getattr(cast_to, "from_dict", None)):
        raise TypeError(f"cast_to must be a ccapi model class (with from_dict), not {cast_to!r}")
    decode: Any = cast_to.from_dict if cast_to is not None else _identity
    priced = _priced_operation_at(method.upper(), path)
    if priced is None:
        return Operation(f"{method.upper()} {path}", method.upper(), path, decode), path
    # The spec's operation, answered in the caller's form: its price (and a job's creation: a job to charge its worst
    # case, as nothing follows it here), its tracing; never its fallback models, which are the typed call's to use.
    operation = Operation(
        f"{method.upper()} {path}", method.upper(), path, decode, kind="job" if priced.job is not None else None,
        cost=priced.cost, genai_operation=priced.genai_operation,
    )  # fmt: skip
    return operation, path


def _priced_operation_at(method: str, path: str) -> Operation[Any] | None:
    """The spec's priced operation at this method and path (its parameters, such as `{id}`, matching any segment),
    among those the generated code published (the client imports them first)."""
    from ._operation import published

    segments = _decoded_segments(path.partition("?")[0].rstrip("/") or "/")
    for op in published():
        if op.cost is None or op.method != method:
            continue
        template = op.path.split("/")
        if len(template) == len(segments) and all(
            part == segment or (part.startswith("{") and part.endswith("}") and segment)
            for part, segment in zip(template, segments, strict=True)
        ):
            return op
    return None


def _decoded_segments(path: str) -> list[str]:
    """The path's segments as the server reads them: each percent-decoded on its own (so `%63hat` is `chat`, and an
    encoded `/` stays inside its segment)."""
    return [urllib.parse.unquote(segment) for segment in path.partition("?")[0].split("/")]


def _identity(value: Any) -> Any:
    return value


def raw(options: CallOptions) -> CallOptions:
    """The same options, asking for the APIResponse rather than the decoded result."""
    headers = {**(options.extra_headers or {}), RAW_RESPONSE_MARKER: "true"}
    return CallOptions(options.timeout, options.max_retries, headers, options.extra_query, options.extra_body)
