from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.multimodal_image_generation_request import MultimodalImageGenerationRequest
from ...models.multimodal_image_generation_response import MultimodalImageGenerationResponse
from ...types import Response


def _get_kwargs(
    *,
    body: MultimodalImageGenerationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/images/generate",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | MultimodalImageGenerationResponse | None:
    if response.status_code == 200:
        response_200 = MultimodalImageGenerationResponse.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = MultimodalImageGenerationResponse.from_dict(response.json())

        return response_202

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
) -> Response[ErrorResponse | MultimodalImageGenerationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MultimodalImageGenerationRequest,
) -> Response[ErrorResponse | MultimodalImageGenerationResponse]:
    """Generate images (multimodal contents API)

     Generates images from a list of `contents`: text prompts, input images and masks. A text item alone
    is
    text-to-image; an item with `image` makes image-to-image; with `mask`, inpainting; several images, a
    remix. Synchronous providers answer 200 with the images inline. Asynchronous providers answer 202
    with
    `status: pending` and a `poll_url` (absolute, or relative to the base URL) to poll with
    `GET /images/jobs/{id}`; when `webhook_url` is set, the final payload is also POSTed there.

    Args:
        body (MultimodalImageGenerationRequest): A multimodal image generation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | MultimodalImageGenerationResponse]
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
    body: MultimodalImageGenerationRequest,
) -> ErrorResponse | MultimodalImageGenerationResponse | None:
    """Generate images (multimodal contents API)

     Generates images from a list of `contents`: text prompts, input images and masks. A text item alone
    is
    text-to-image; an item with `image` makes image-to-image; with `mask`, inpainting; several images, a
    remix. Synchronous providers answer 200 with the images inline. Asynchronous providers answer 202
    with
    `status: pending` and a `poll_url` (absolute, or relative to the base URL) to poll with
    `GET /images/jobs/{id}`; when `webhook_url` is set, the final payload is also POSTed there.

    Args:
        body (MultimodalImageGenerationRequest): A multimodal image generation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | MultimodalImageGenerationResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MultimodalImageGenerationRequest,
) -> Response[ErrorResponse | MultimodalImageGenerationResponse]:
    """Generate images (multimodal contents API)

     Generates images from a list of `contents`: text prompts, input images and masks. A text item alone
    is
    text-to-image; an item with `image` makes image-to-image; with `mask`, inpainting; several images, a
    remix. Synchronous providers answer 200 with the images inline. Asynchronous providers answer 202
    with
    `status: pending` and a `poll_url` (absolute, or relative to the base URL) to poll with
    `GET /images/jobs/{id}`; when `webhook_url` is set, the final payload is also POSTed there.

    Args:
        body (MultimodalImageGenerationRequest): A multimodal image generation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | MultimodalImageGenerationResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MultimodalImageGenerationRequest,
) -> ErrorResponse | MultimodalImageGenerationResponse | None:
    """Generate images (multimodal contents API)

     Generates images from a list of `contents`: text prompts, input images and masks. A text item alone
    is
    text-to-image; an item with `image` makes image-to-image; with `mask`, inpainting; several images, a
    remix. Synchronous providers answer 200 with the images inline. Asynchronous providers answer 202
    with
    `status: pending` and a `poll_url` (absolute, or relative to the base URL) to poll with
    `GET /images/jobs/{id}`; when `webhook_url` is set, the final payload is also POSTed there.

    Args:
        body (MultimodalImageGenerationRequest): A multimodal image generation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | MultimodalImageGenerationResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
