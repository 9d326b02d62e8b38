"""The sandbox ASGI app: every operation of openapi.yaml, at the spec's own paths under its base path, on Starlette.

An operation the spec gains before the sandbox has a handler for it answers 501, so a new spec never breaks it."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import _handlers
from ._config import SandboxConfig
from ._spec import ModelNotFound, RequestInvalid
from ._state import ReceivedRequest, SandboxState, error_response

Handler = Callable[[Request, SandboxState, Any], Awaitable[Response]]


class RequestIdMiddleware:
    """Give every response, errors and 404s included, an `X-Request-Id`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"req_{secrets.token_hex(12)}"
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        await self.app(scope, receive, send_with_id)


def _operation(operation_id: str, handler: Handler, *, has_body: bool) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler with what every API operation does first: latency, auth, faults, validation."""

    async def endpoint(request: Request) -> Response:
        state: SandboxState = request.app.state.sandbox
        state.received.append(
            ReceivedRequest(
                request.method,
                request.url.path,
                request.state.request_id,
                request.headers.get("idempotency-key"),
                dict(request.headers),
            )
        )
        faults = state.config.faults
        if faults.latency:
            await asyncio.sleep(faults.latency)
        if request.headers.get("authorization") != f"Bearer {state.config.api_key}":
            return error_response(
                401, "Missing or invalid Authorization header", "invalid_request_error", "unauthorized"
            )
        injected = state.injected_error()
        if injected is not None:
            return injected
        key = request.headers.get("idempotency-key") if request.method == "POST" else None
        if key:  # a repeated key gets the answer kept for it (see _idempotency)
            return await state.idempotency.answer(request, key, lambda: serve(request, state))
        return await serve(request, state)

    async def serve(request: Request, state: SandboxState) -> Response:
        try:
            if has_body:
                try:
                    payload: Any = json.loads(await request.body())
                except ValueError:
                    raise RequestInvalid("", "The request body is not valid JSON") from None
                state.validator.check_body(operation_id, payload)
            else:
                payload = state.validator.query(operation_id, request.query_params)
            # Optional fields the handlers do not compute (ones the spec gained after them) from the spec's examples.
            return state.filler.response(operation_id, await handler(request, state, payload))
        except ModelNotFound as missing:
            details = {"field": missing.field}
            return error_response(404, str(missing), "invalid_request_error", "model_not_found", details=details)
        except RequestInvalid as invalid:
            details = {"field": invalid.field} if invalid.field else {}
            return error_response(400, str(invalid), "invalid_request_error", "invalid_request", details=details)

    return endpoint


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(
        404, f"No route for {request.method} {request.url.path}", "invalid_request_error", "not_found"
    )


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    allowed = getattr(exc, "headers", None) or {}  # Starlette names the allowed methods; RFC 9110 requires them
    return error_response(
        405,
        f"{request.method} is not allowed on {request.url.path}",
        "invalid_request_error",
        "method_not_allowed",
        headers=dict(allowed),
    )


# The sandbox's answer to each operation, by operationId. The paths and methods are the spec's own.
HANDLERS: dict[str, Handler] = {
    "createChatCompletion": _handlers.chat_completion,
    "createSpeech": _handlers.speech,
    "createImageLegacy": _handlers.legacy_images,
    "generateImage": _handlers.generate_image,
    "getImageJob": _handlers.image_job,
    "listModels": _handlers.list_models,
    "listProviders": _handlers.list_providers,
    "getProvider": _handlers.get_provider,
}


async def _not_implemented(request: Request, state: SandboxState, payload: Any) -> Response:
    return error_response(501, f"The sandbox does not serve {request.method} {request.url.path} yet", "api_error", None)


def create_app(config: SandboxConfig | None = None) -> Starlette:
    """The sandbox as an ASGI app; serve it with any ASGI server (SandboxServer uses Uvicorn)."""
    state = SandboxState(config or SandboxConfig())
    routes = [
        Route(path, _operation(op_id, HANDLERS.get(op_id, _not_implemented), has_body=body), methods=[method])
        for path, method, op_id, body in state.validator.routes()
    ]
    routes.append(Route("/v1/files/{name}", _handlers.download, methods=["GET"]))
    routes.append(Route("/v1/blobs/{size:int}", _handlers.blob, methods=["GET"]))
    app = Starlette(routes=routes, exception_handlers={404: _not_found, 405: _method_not_allowed})
    app.state.sandbox = state
    app.add_middleware(RequestIdMiddleware)
    return app
