from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_completion_request import ChatCompletionRequest
from ...models.chat_completion_response import ChatCompletionResponse
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ChatCompletionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/chat/completions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChatCompletionResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ChatCompletionResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ErrorResponse.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorResponse.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChatCompletionResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> Response[ChatCompletionResponse | ErrorResponse]:
    """Create chat completion

     Generates the next assistant message for a conversation. With `models` instead of `model` the
    gateway
    tries each model in order until one serves the request (failover); the response's `model` and
    `provider` say which one did. With `stream: true` the response is a `text/event-stream` of
    `ChatCompletionChunk` events (`data: <json>`), ending with `data: [DONE]`; an event of the form
    `{"error": ErrorObject}` reports a failure after the stream began.

    Args:
        body (ChatCompletionRequest): A conversation to complete. Give `model`, or `models` for
            failover (tried in order); at least one of
            the two is required. Other OpenAI-style fields (`stop`, `response_format`, ...) may be
            sent too.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletionResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> ChatCompletionResponse | ErrorResponse | None:
    """Create chat completion

     Generates the next assistant message for a conversation. With `models` instead of `model` the
    gateway
    tries each model in order until one serves the request (failover); the response's `model` and
    `provider` say which one did. With `stream: true` the response is a `text/event-stream` of
    `ChatCompletionChunk` events (`data: <json>`), ending with `data: [DONE]`; an event of the form
    `{"error": ErrorObject}` reports a failure after the stream began.

    Args:
        body (ChatCompletionRequest): A conversation to complete. Give `model`, or `models` for
            failover (tried in order); at least one of
            the two is required. Other OpenAI-style fields (`stop`, `response_format`, ...) may be
            sent too.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletionResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> Response[ChatCompletionResponse | ErrorResponse]:
    """Create chat completion

     Generates the next assistant message for a conversation. With `models` instead of `model` the
    gateway
    tries each model in order until one serves the request (failover); the response's `model` and
    `provider` say which one did. With `stream: true` the response is a `text/event-stream` of
    `ChatCompletionChunk` events (`data: <json>`), ending with `data: [DONE]`; an event of the form
    `{"error": ErrorObject}` reports a failure after the stream began.

    Args:
        body (ChatCompletionRequest): A conversation to complete. Give `model`, or `models` for
            failover (tried in order); at least one of
            the two is required. Other OpenAI-style fields (`stop`, `response_format`, ...) may be
            sent too.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletionResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> ChatCompletionResponse | ErrorResponse | None:
    """Create chat completion

     Generates the next assistant message for a conversation. With `models` instead of `model` the
    gateway
    tries each model in order until one serves the request (failover); the response's `model` and
    `provider` say which one did. With `stream: true` the response is a `text/event-stream` of
    `ChatCompletionChunk` events (`data: <json>`), ending with `data: [DONE]`; an event of the form
    `{"error": ErrorObject}` reports a failure after the stream began.

    Args:
        body (ChatCompletionRequest): A conversation to complete. Give `model`, or `models` for
            failover (tried in order); at least one of
            the two is required. Other OpenAI-style fields (`stop`, `response_format`, ...) may be
            sent too.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletionResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
