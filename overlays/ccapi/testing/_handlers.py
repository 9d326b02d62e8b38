"""The sandbox's operations. Each gets a request that already passed auth, faults and spec validation."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from . import _chat, _upstream
from ._catalog import CatalogModel, page
from ._jobs import Job
from ._media import AUDIO_MEDIA_TYPES, png
from ._media import speech as synthesize
from ._spec import ModelNotFound, RequestInvalid
from ._state import Billed, DeliberateDrop, SandboxState, error_response, new_id, with_extras

logger = logging.getLogger("ccapi.testing")

MAX_SIDE = 2048
MAX_IMAGES = 10
MAX_BLOB_BYTES = 1 << 30
DEFAULT_IMAGE_MODEL = "google/nano-banana"


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/v1"


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _model(state: SandboxState, model_id: str, wanted: str, field: str = "model") -> CatalogModel:
    model = state.catalog.get(model_id)
    if model is None:
        raise ModelNotFound(field, f"The model {model_id!r} does not exist; GET /models lists them")
    if model.type != wanted:
        raise RequestInvalid(field, f"{model_id} is {_a(model.type)} model; this operation needs {_a(wanted)} model")
    return model


# ------------------------------------------------------------------------------------------------ chat


async def chat_completion(request: Request, state: SandboxState, body: dict[str, Any]) -> Response:
    for index, sent in enumerate(body["messages"]):
        # The spec keeps `role` open so that clients survive new roles in responses; requests must use known ones.
        roles = state.validator.enum("ChatRole")
        if sent["role"] not in roles:
            raise RequestInvalid(f"messages[{index}].role", f"{sent['role']!r} is not one of {sorted(roles)}")
    candidates: list[str] = body.get("models") or [body["model"]]
    field = "models" if "models" in body else "model"
    faults = state.config.faults
    served = None
    down = []
    unable = []
    for model_id in candidates:
        model = state.catalog.get(model_id)
        if model is None and len(candidates) > 1:
            continue  # failover skips what it cannot use
        model = _model(state, model_id, "text", field)
        if model_id in faults.down_models or (len(candidates) > 1 and _upstream.unavailable(state, model_id)):
            down.append(model_id)
            continue
        if body.get("tools") and not model.function_calling:
            if len(candidates) == 1:
                raise RequestInvalid("tools", f"{model_id} does not support function calling (tools)")
            unable.append(model_id)
            continue  # failover skips a model that cannot take the request as sent
        served = model
        break
    if served is None:
        if unable and not down:
            raise RequestInvalid("tools", f"None of {candidates} supports function calling (tools)")
        if down:
            return error_response(500, f"Every model failed: {', '.join(down)}", "api_error", "models_unavailable")
        raise ModelNotFound(field, f"None of {candidates} is a known model; GET /models lists them")
    upstream = _upstream.plan(state, served.id, body["messages"])
    refused = await upstream.early(request, state, bool(body.get("stream")))
    if refused is not None:
        return refused
    reply = _chat.reply(
        body, served.id, body.get("max_tokens") or body.get("max_completion_tokens"), served.schema_style
    )
    choices = body.get("n") or 1
    usage = reply.usage(choices)
    state.billed.append(Billed(request.state.request_id, served.id, usage["prompt_tokens"], usage["completion_tokens"]))
    base = {
        "id": new_id("chatcmpl"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": served.id,
        "provider": served.provider,
    }
    if body.get("stream"):
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        chunk_base = {**base, "object": "chat.completion.chunk"}
        events = _chat.chunks(
            reply, chunk_base, pieces=state.config.stream_chunks, include_usage=include_usage, choices=choices
        )
        return StreamingResponse(
            upstream.shaped(_sse(state, events)), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    if reply.tool_calls:
        message["tool_calls"] = reply.tool_calls
    if reply.structured or reply.refusal is not None:
        message["refusal"] = reply.refusal  # as OpenAI answers a JSON schema: the refusal, or null
    answers = [{"index": index, "message": message, "finish_reason": reply.finish_reason} for index in range(choices)]
    return state.json({**base, "choices": answers, "usage": usage})


async def _sse(state: SandboxState, events: Any) -> AsyncIterator[str]:
    config = state.config
    faults = config.faults
    for index, event in enumerate(events):
        if faults.drop_stream_after is not None and index >= faults.drop_stream_after:
            raise DeliberateDrop
        if faults.stream_error_after is not None and index >= faults.stream_error_after:
            error = {
                "message": "The upstream provider stopped mid-answer",
                "type": "api_error",
                "code": "stream_interrupted",
                "details": {},
            }
            yield f"data: {json.dumps({'error': error})}\n\n"
            return
        if faults.stall_stream_after is not None and index >= faults.stall_stream_after:
            await asyncio.sleep(faults.stall_seconds)
            return
        yield f"data: {json.dumps(with_extras(event) if faults.unknown_extras else event)}\n\n"
        if config.stream_interval:
            await asyncio.sleep(config.stream_interval)
    yield "data: [DONE]\n\n"


# ------------------------------------------------------------------------------------------------ audio


async def speech(request: Request, state: SandboxState, body: dict[str, Any]) -> Response:
    model = _model(state, body["model"], "audio")
    output_format = body.get("output_format", "mp3")
    audio, duration = await asyncio.to_thread(synthesize, body["input"], output_format)
    media_type = AUDIO_MEDIA_TYPES[output_format]
    if request.headers.get("accept", "").startswith("audio/"):
        return Response(audio, media_type=media_type)  # what OpenAI-style servers send
    result: dict[str, Any] = {
        "id": new_id("speech"),
        "object": "audio.speech",
        "created": int(time.time()),
        "model": model.id,
        "provider": model.provider,
        "output_format": output_format,
        "url": None,
        "b64_json": None,
        "duration_seconds": duration,
    }
    if body.get("response_format", "url") == "url":
        result["url"] = f"{_base_url(request)}/files/{state.files.add(audio, media_type, output_format)}"
    else:
        result["b64_json"] = base64.b64encode(audio).decode()
    return state.json(result)


# ------------------------------------------------------------------------------------------------ images


def _checked_size(width: float, height: float, field: str) -> tuple[int, int]:
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise RequestInvalid(field, f"Each side must be between 1 and {MAX_SIDE} pixels")
    return int(width), int(height)


def _size(text: str) -> tuple[int, int]:
    width, height = (int(part) for part in text.split("x"))
    return _checked_size(width, height, "size")


def _images(
    request: Request,
    state: SandboxState,
    prompt: str,
    size: tuple[int, int],
    count: int,
    response_format: str,
    seed: int | None = None,
) -> list[dict[str, Any]]:
    data = []
    for index in range(count):
        image = png(*size, f"{prompt}\0{seed}\0{index}")
        datum: dict[str, Any] = {"url": None, "b64_json": None, "revised_prompt": None, "seed": (seed or 0) + index}
        if response_format == "url":
            datum["url"] = f"{_base_url(request)}/files/{state.files.add(image, 'image/png', 'png')}"
        else:
            datum["b64_json"] = base64.b64encode(image).decode()
        data.append(datum)
    return data


async def legacy_images(request: Request, state: SandboxState, body: dict[str, Any]) -> Response:
    model = _model(state, body["model"], "image")
    count = int(body.get("n", 1))
    if count > MAX_IMAGES:
        raise RequestInvalid("n", f"At most {MAX_IMAGES} images per request")
    size = _size(body.get("size", "1024x1024"))
    data = await asyncio.to_thread(
        _images, request, state, body["prompt"], size, count, body.get("response_format", "url")
    )
    for datum in data:
        del datum["seed"], datum["revised_prompt"]
    return state.json(
        {
            "id": new_id("img"),
            "created": int(time.time()),
            "model": model.id,
            "provider": model.provider,
            "data": data,
            "revised_prompt": None,
        }
    )


def _multimodal_size(parameters: dict[str, Any]) -> tuple[int, int]:
    width, height = parameters.get("width"), parameters.get("height")
    if width is None and height is None and "aspect_ratio" in parameters:
        across, down = (int(part) for part in parameters["aspect_ratio"].split(":"))
        if across == 0 or down == 0:
            raise RequestInvalid("parameters.aspect_ratio", "Both sides of the ratio must be positive")
        width, height = (1024, round(1024 * down / across)) if across >= down else (round(1024 * across / down), 1024)
    field = "parameters.aspect_ratio" if "aspect_ratio" in parameters else "parameters.width"
    return _checked_size(width or height or 1024, height or width or 1024, field)


def _operation_kind(contents: list[dict[str, Any]]) -> str:
    images = sum("image" in item for item in contents)
    if any("mask" in item for item in contents):
        return "inpainting"
    return "remix" if images > 1 else "image-to-image" if images == 1 else "text-to-image"


async def generate_image(request: Request, state: SandboxState, body: dict[str, Any]) -> Response:
    model = _model(state, body.get("model", DEFAULT_IMAGE_MODEL), "image")
    contents = body["contents"]
    prompt = " ".join(item["text"] for item in contents if "text" in item)
    if not prompt and not any("image" in item for item in contents):
        raise RequestInvalid("contents", "Give at least one text prompt or input image")
    parameters = body.get("parameters") or {}
    size = _multimodal_size(parameters)
    count = int(parameters.get("num_images", 1))  # JSON Schema counts 2.0 as an integer
    if count > MAX_IMAGES:
        raise RequestInvalid("parameters.num_images", f"At most {MAX_IMAGES} images per request")
    response_format = parameters.get("response_format", "url")

    def make() -> list[dict[str, Any]]:
        return _images(request, state, prompt, size, count, response_format, parameters.get("seed"))

    operation = _operation_kind(contents)
    if not model.async_jobs:
        data = await asyncio.to_thread(make)
        return state.json(
            {
                "id": new_id("img"),
                "created": int(time.time()),
                "model": model.id,
                "status": "completed",
                "execution": {"mode": "sync", "operation": operation, "provider": model.provider},
                "data": data,
            }
        )
    faults = state.config.faults
    job = state.jobs.create(
        created=int(time.time()),
        duration=state.config.job_duration,
        model=model.id,
        provider=model.provider,
        operation=operation,
        fails=faults.fail_jobs,
        never_finishes=faults.jobs_never_finish,
        webhook_url=body.get("webhook_url"),
        make_result=make,
    )
    if job.webhook_url and not job.never_finishes:
        if _is_loopback(job.webhook_url):
            _deliver_later(state, job, _poll_url(request, state, job.id))
        else:
            # A local stand-in must never send traffic off the machine, whatever URL a test or fuzzer gives it.
            logger.warning("webhook for %s not sent: the sandbox only calls loopback addresses", job.id)
    return state.json(_job_payload(request, state, job), status=202)


def _poll_url(request: Request, state: SandboxState, job_id: str) -> str:
    relative = f"/images/jobs/{job_id}"
    return _base_url(request) + relative if state.config.absolute_poll_urls else relative


def _job_payload(request: Request, state: SandboxState, job: Job) -> dict[str, Any]:
    payload = job.payload(state.config.clock(), _poll_url(request, state, job.id))
    if state.config.faults.unknown_extras and payload["status"] == "pending":
        payload["status"] = "queued"  # a status this spec does not know
    return payload


def _is_loopback(url: str) -> bool:
    host = httpx.URL(url).host
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_background: set[asyncio.Task[None]] = set()


def _deliver_later(state: SandboxState, job: Job, poll_url: str) -> None:
    async def deliver() -> None:
        await asyncio.sleep(job.duration)
        payload = await asyncio.to_thread(job.payload, float("inf"), poll_url)  # the final state
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                await client.post(job.webhook_url or "", json=payload)
        except httpx.HTTPError as error:
            logger.warning("webhook for %s to %s failed: %s", job.id, job.webhook_url, error)

    task = asyncio.get_running_loop().create_task(deliver())
    _background.add(task)  # keep a reference until it is done
    task.add_done_callback(_background.discard)


async def image_job(request: Request, state: SandboxState, query: dict[str, Any]) -> Response:
    job_id = request.path_params["id"]
    job = state.jobs.get(job_id)
    if job is None:
        return error_response(404, f"No image job with id {job_id!r}", "invalid_request_error", "not_found")
    payload = await asyncio.to_thread(_job_payload, request, state, job)
    headers = {}
    if state.config.job_retry_after is not None and payload["status"] not in ("completed", "failed"):
        headers["Retry-After"] = str(state.config.job_retry_after)
    return state.json(payload, headers=headers)


# ------------------------------------------------------------------------------------------------ catalog


async def list_models(request: Request, state: SandboxState, query: dict[str, Any]) -> Response:
    models = state.catalog.select(
        provider=query.get("provider"), type=query.get("type"), sort=query.get("sort"), order=query.get("order")
    )
    summaries = [model.summary() for model in models]
    return state.json(page(summaries, limit=query.get("limit"), offset=query["offset"]))


async def list_providers(request: Request, state: SandboxState, query: dict[str, Any]) -> Response:
    return state.json(page(state.catalog.providers(), limit=query.get("limit"), offset=query["offset"]))


async def get_provider(request: Request, state: SandboxState, query: dict[str, Any]) -> Response:
    name = request.path_params["name"]
    found = [summary for summary in state.catalog.providers() if summary["name"] == name]
    if not found:
        return error_response(404, f"No provider named {name!r}", "invalid_request_error", "not_found")
    models = [model.summary() for model in state.catalog.select(provider=name)]
    return state.json({**found[0], "models": models})


# ------------------------------------------------------------------------------------------------ files


async def download(request: Request) -> Response:
    """A file the sandbox generated (speech, images), as a CDN would serve it: no key needed."""
    state: SandboxState = request.app.state.sandbox
    found = state.files.get(request.path_params["name"])
    if found is None:
        return error_response(
            404, "No such file (files are kept in memory, oldest dropped first)", "invalid_request_error", "not_found"
        )
    data, media_type = found
    return Response(data, media_type=media_type)


async def blob(request: Request) -> Response:
    """`size` bytes made on the fly, for testing large downloads without holding them in memory."""
    size = request.path_params["size"]
    if size > MAX_BLOB_BYTES:
        return error_response(400, f"At most {MAX_BLOB_BYTES} bytes", "invalid_request_error", "invalid_request")
    block = bytes(range(256)) * 256  # 64 KiB

    async def body() -> AsyncIterator[bytes]:
        sent = 0
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            sent += len(piece)
            yield piece

    return StreamingResponse(body(), media_type="application/octet-stream", headers={"Content-Length": str(size)})
