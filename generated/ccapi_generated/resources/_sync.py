"""The resources of ccapi.CCAPI, generated from openapi.yaml (spec 1.0.0).

Every method checks its arguments against the spec (see _operations) and hands them to the client's request
pipeline, which sends them with the client's key, retries and timeouts and raises typed errors.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from ccapi._response import to_raw_response, to_streamed_response
from ccapi._settings import CallOptions, Timeout

if TYPE_CHECKING:
    from ccapi._image_jobs import PollPolicy, ProgressCallback
    from ccapi._sync._image_jobs import Job
    from ccapi._sync._pagination import SyncPage
    from ccapi._sync._pipeline import Pipeline
    from ccapi._sync._streaming import Stream

    from ..models import (
        AudioOutputFormat,
        ChatCompletionChunk,
        ChatCompletionResponse,
        ChatRequestMessage,
        ChatResponseFormat,
        ChatStreamOptions,
        ChatTool,
        ChatToolChoice,
        ImageQuality,
        LegacyImageGenerationResponse,
        MediaResponseFormat,
        ModelSortField,
        ModelSummary,
        MultimodalImageGenerationResponse,
        MultimodalImageParameters,
        MultimodalInputContent,
        ProviderDetailResponse,
        ProviderSummary,
        SortOrder,
    )
    from ._operations import AudioSpeechResponseWithMedia

__all__ = [
    "Audio",
    "AudioSpeech",
    "Chat",
    "ChatCompletions",
    "Images",
    "ImagesJobs",
    "Models",
    "Providers",
    "Resources",
]


class Providers:
    """`client.providers`: list providers; get provider details."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.with_raw_response = ProvidersWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> SyncPage[ProviderSummary]:
        """List providers

        One page of the providers behind the gateway, sorted by name.

        Args:
            limit: The most items to return in one page. Without it, every item is returned in one page, as the
                reference says of `GET /models` ("returns every model configured in CCAPI").
            offset: How many items to skip before the page starts.
        """

        from ccapi._sync._pagination import first_page

        from . import _operations as o

        o.list_providers(
            limit=limit,
            offset=offset,
        )  # checks the arguments now, before any page is fetched
        return cast(
            "SyncPage[ProviderSummary]",
            first_page(
                self._pipeline,
                o.LIST_PROVIDERS,
                lambda at: o.list_providers(
                    limit=limit,
                    offset=at,
                ),
                offset or 0,
                CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
            ),
        )

    def retrieve(
        self,
        name: str,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> ProviderDetailResponse:
        """Get provider details

        One provider and all of its models.

        Args:
            name: The provider's `name`.
        """

        from . import _operations as o

        parts = o.get_provider(
            name,
        )
        return cast(
            "ProviderDetailResponse",
            self._pipeline.call(
                o.GET_PROVIDER,
                *parts,
                CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
            ),
        )


class ProvidersWithRawResponse:
    """`client.providers.with_raw_response`: the same methods, returning the APIResponse."""

    def __init__(self, resource: Providers) -> None:
        self.retrieve = to_raw_response(resource.retrieve)


class Models:
    """`client.models`: list available models."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def list(
        self,
        *,
        provider: str | None = None,
        type: str | None = None,
        sort: ModelSortField | Literal["id", "created", "provider"] | None = None,
        order: SortOrder | Literal["asc", "desc"] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> SyncPage[ModelSummary]:
        """List available models

        One page of the model catalog, filtered and sorted as asked. Page with `limit` and `offset`.

        Args:
            provider: Only models of this provider (its `name`, e.g. `openai`).
            type: Only models of this type. Known types are `text`, `image`, `audio` and `video`; the set can
                grow.
            sort: The field to sort by.
            order: The sort direction.
            limit: The most items to return in one page. Without it, every item is returned in one page, as the
                reference says of `GET /models` ("returns every model configured in CCAPI").
            offset: How many items to skip before the page starts.
        """

        from ccapi._sync._pagination import first_page

        from . import _operations as o

        o.list_models(
            provider=provider,
            type=type,
            sort=sort,
            order=order,
            limit=limit,
            offset=offset,
        )  # checks the arguments now, before any page is fetched
        return cast(
            "SyncPage[ModelSummary]",
            first_page(
                self._pipeline,
                o.LIST_MODELS,
                lambda at: o.list_models(
                    provider=provider,
                    type=type,
                    sort=sort,
                    order=order,
                    limit=limit,
                    offset=at,
                ),
                offset or 0,
                CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
            ),
        )


class ImagesJobs:
    """`client.images.jobs`: get job status."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.with_raw_response = ImagesJobsWithRawResponse(self)

    def retrieve(
        self,
        id: str,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> MultimodalImageGenerationResponse:
        """Get job status

        The latest status of an image job, or its final payload once `status` is `completed` or `failed`.

        Args:
            id: The job id, as returned in `id` by `POST /images/generate`.
        """

        from . import _operations as o

        parts = o.get_image_job(
            id,
        )
        return cast(
            "MultimodalImageGenerationResponse",
            self._pipeline.call(
                o.GET_IMAGE_JOB,
                *parts,
                CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
            ),
        )

    def resume(
        self, id: str, *, poll_policy: PollPolicy | None = None
    ) -> Job[MultimodalImageGenerationResponse]:
        """A handle on an existing job from its id alone (after a restart, say), with its status as of now."""
        from ccapi._image_jobs import job_waiting
        from ccapi._sync._image_jobs import Job

        from . import _operations as o

        job_waiting(poll_policy=poll_policy)
        o.get_image_job(id)  # checks the id
        return Job.resume(self._pipeline, o.GENERATE_IMAGE, id, poll_policy)

    def wait(
        self,
        id: str,
        *,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
        poll_policy: PollPolicy | None = None,
    ) -> MultimodalImageGenerationResponse:
        """Wait for an existing job to end; its final payload (ImageJobFailedError, ImageJobTimeoutError otherwise)."""
        from ccapi._image_jobs import job_waiting

        job_waiting(poll_policy=poll_policy, timeout=timeout, on_progress=on_progress)
        job = self.resume(id, poll_policy=poll_policy)
        return job.wait(timeout=timeout, on_progress=on_progress)


class ImagesJobsWithRawResponse:
    """`client.images.jobs.with_raw_response`: the same methods, returning the APIResponse."""

    def __init__(self, resource: ImagesJobs) -> None:
        self.retrieve = to_raw_response(resource.retrieve)


class Images:
    """`client.images`: generate images (openai-compatible); generate images (multimodal contents api)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.jobs = ImagesJobs(pipeline)
        self.with_raw_response = ImagesWithRawResponse(self)

    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | None = None,
        size: str | None = None,
        response_format: MediaResponseFormat | Literal["url", "b64_json"] | None = None,
        quality: ImageQuality | Literal["standard", "hd"] | None = None,
        style: Literal["vivid", "natural"] | None = None,
        user: str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> LegacyImageGenerationResponse:
        """Generate images (OpenAI-compatible)

        Generates `n` images from a text prompt, in the request/response shape of OpenAI's images API.

        Args:
            model: The image model, as `provider/model`.
            n: How many images to generate.
            size: `WIDTHxHEIGHT` in pixels.
            response_format: How generated media is returned: a URL to download, or base64 inline.
            style: The look of the images, as OpenAI's images API takes it.
            user: An id for your end user, for abuse monitoring.
        """

        from . import _operations as o

        parts = o.create_image_legacy(
            model=model,
            prompt=prompt,
            n=n,
            size=size,
            response_format=response_format,
            quality=quality,
            style=style,
            user=user,
        )
        return cast(
            "LegacyImageGenerationResponse",
            self._pipeline.call(
                o.CREATE_IMAGE_LEGACY,
                *parts,
                CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
            ),
        )

    def generate_multimodal(
        self,
        *,
        contents: Sequence[MultimodalInputContent | Mapping[str, Any]],
        model: str | None = None,
        parameters: MultimodalImageParameters | Mapping[str, Any] | None = None,
        webhook_url: str | None = None,
        poll_policy: PollPolicy | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> Job[MultimodalImageGenerationResponse]:
        """Generate images (multimodal contents API)

        Generates images from a list of `contents`: text prompts, input images and masks. A text item alone is
        text-to-image; an item with `image` makes image-to-image; with `mask`, inpainting; several images, a
        remix. Synchronous providers answer 200 with the images inline. Asynchronous providers answer 202 with
        `status: pending` and a `poll_url` (absolute, or relative to the base URL) to poll with `GET
        /images/jobs/{id}`; when `webhook_url` is set, the final payload is also POSTed there.

        Args:
            model: The image model, as `provider/model`.
            parameters: How to generate. All optional; providers ignore what they do not support.
            webhook_url: Where to POST the final payload of an asynchronous job (an http or https URL).
        """

        from ccapi._image_jobs import job_waiting
        from ccapi._sync._image_jobs import Job

        from . import _operations as o

        job_waiting(poll_policy=poll_policy)
        parts = o.generate_image(
            contents=contents,
            model=model,
            parameters=parameters,
            webhook_url=webhook_url,
        )
        opening = self._pipeline.open_job(
            o.GENERATE_IMAGE,
            *parts,
            CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
        )
        return cast("Job[MultimodalImageGenerationResponse]", Job.opened(opening, poll_policy))

    def generate_multimodal_and_wait(
        self,
        *,
        contents: Sequence[MultimodalInputContent | Mapping[str, Any]],
        model: str | None = None,
        parameters: MultimodalImageParameters | Mapping[str, Any] | None = None,
        webhook_url: str | None = None,
        wait_timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
        poll_policy: PollPolicy | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> MultimodalImageGenerationResponse:
        """As `generate_multimodal`, then wait for the job to end: its final payload, however the provider answers.

        `wait_timeout` bounds the whole wait (ImageJobTimeoutError past it); `timeout` bounds each request.
        """
        from ccapi._image_jobs import job_waiting

        job_waiting(poll_policy=poll_policy, timeout=wait_timeout, on_progress=on_progress)
        job = self.generate_multimodal(
            contents=contents,
            model=model,
            parameters=parameters,
            webhook_url=webhook_url,
            poll_policy=poll_policy,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return job.wait(timeout=wait_timeout, on_progress=on_progress)


class ImagesWithRawResponse:
    """`client.images.with_raw_response`: the same methods, returning the APIResponse."""

    def __init__(self, resource: Images) -> None:
        self.generate = to_raw_response(resource.generate)


class AudioSpeech:
    """`client.audio.speech`: convert text to speech."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.with_raw_response = AudioSpeechWithRawResponse(self)
        self.with_streaming_response = AudioSpeechWithStreamingResponse(self)

    def create(
        self,
        *,
        model: str,
        input: str,
        voice: str | None = None,
        output_format: AudioOutputFormat | Literal["mp3", "wav", "ogg"] | None = None,
        response_format: MediaResponseFormat | Literal["url", "b64_json"] | None = None,
        speed: float | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> AudioSpeechResponseWithMedia:
        """Convert text to speech

        Speaks `input` with the chosen voice. The audio (MP3, WAV or OGG) is returned as a URL to download or
        inline as base64, as `response_format` asks. OpenAI-style servers may instead answer with the audio
        itself as an `audio/*` body; clients should accept both.

        Args:
            model: The speech model, as `provider/model`.
            input: The text to speak.
            voice: The voice, by name.
            output_format: The audio container of generated speech.
            response_format: How generated media is returned: a URL to download, or base64 inline.
            speed: How fast to speak, 1 being normal (OpenAI's meaning).
        """

        from . import _operations as o

        parts = o.create_speech(
            model=model,
            input=input,
            voice=voice,
            output_format=output_format,
            response_format=response_format,
            speed=speed,
        )
        return cast(
            "AudioSpeechResponseWithMedia",
            self._pipeline.call(
                o.CREATE_SPEECH,
                *parts,
                CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body),
            ),
        )


class AudioSpeechWithRawResponse:
    """`client.audio.speech.with_raw_response`: the same methods, returning the APIResponse."""

    def __init__(self, resource: AudioSpeech) -> None:
        self.create = to_raw_response(resource.create)


class AudioSpeechWithStreamingResponse:
    """`client.audio.speech.with_streaming_response`: the same methods, as context managers (`with ... as
    response: response.stream_to_file(path)`, as the openai package's)."""

    def __init__(self, resource: AudioSpeech) -> None:
        self.create = to_streamed_response(resource.create)


class Audio:
    """`client.audio`."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.speech = AudioSpeech(pipeline)


class ChatCompletions:
    """`client.chat.completions`: create chat completion."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.with_raw_response = ChatCompletionsWithRawResponse(self)

    @overload
    def create(
        self,
        *,
        messages: Sequence[ChatRequestMessage | Mapping[str, Any]],
        model: str | None = None,
        models: Sequence[str] | None = None,
        stream: Literal[False] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Sequence[ChatTool | Mapping[str, Any]] | None = None,
        tool_choice: str | ChatToolChoice | Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream_options: ChatStreamOptions | Mapping[str, Any] | None = None,
        stop: str | Sequence[str] | None = None,
        n: int | None = None,
        seed: int | None = None,
        presence_penalty: float | None = None,
        frequency_penalty: float | None = None,
        response_format: ChatResponseFormat | Mapping[str, Any] | None = None,
        logprobs: bool | None = None,
        top_logprobs: int | None = None,
        parallel_tool_calls: bool | None = None,
        max_completion_tokens: int | None = None,
        logit_bias: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        fallback_models: Sequence[str] | None = None,
        first_byte_timeout: float | None = None,
        total_timeout: float | None = None,
    ) -> ChatCompletionResponse: ...

    @overload
    def create(
        self,
        *,
        messages: Sequence[ChatRequestMessage | Mapping[str, Any]],
        model: str | None = None,
        models: Sequence[str] | None = None,
        stream: Literal[True],
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Sequence[ChatTool | Mapping[str, Any]] | None = None,
        tool_choice: str | ChatToolChoice | Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream_options: ChatStreamOptions | Mapping[str, Any] | None = None,
        stop: str | Sequence[str] | None = None,
        n: int | None = None,
        seed: int | None = None,
        presence_penalty: float | None = None,
        frequency_penalty: float | None = None,
        response_format: ChatResponseFormat | Mapping[str, Any] | None = None,
        logprobs: bool | None = None,
        top_logprobs: int | None = None,
        parallel_tool_calls: bool | None = None,
        max_completion_tokens: int | None = None,
        logit_bias: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        fallback_models: Sequence[str] | None = None,
        first_byte_timeout: float | None = None,
        total_timeout: float | None = None,
    ) -> Stream[ChatCompletionChunk]: ...

    def create(
        self,
        *,
        messages: Sequence[ChatRequestMessage | Mapping[str, Any]],
        model: str | None = None,
        models: Sequence[str] | None = None,
        stream: bool | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        tools: Sequence[ChatTool | Mapping[str, Any]] | None = None,
        tool_choice: str | ChatToolChoice | Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        user: str | None = None,
        stream_options: ChatStreamOptions | Mapping[str, Any] | None = None,
        stop: str | Sequence[str] | None = None,
        n: int | None = None,
        seed: int | None = None,
        presence_penalty: float | None = None,
        frequency_penalty: float | None = None,
        response_format: ChatResponseFormat | Mapping[str, Any] | None = None,
        logprobs: bool | None = None,
        top_logprobs: int | None = None,
        parallel_tool_calls: bool | None = None,
        max_completion_tokens: int | None = None,
        logit_bias: Mapping[str, Any] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        fallback_models: Sequence[str] | None = None,
        first_byte_timeout: float | None = None,
        total_timeout: float | None = None,
    ) -> ChatCompletionResponse | Stream[ChatCompletionChunk]:
        """Create chat completion

        Generates the next assistant message for a conversation. With `models` instead of `model` the gateway
        tries each model in order until one serves the request (failover); the response's `model` and
        `provider` say which one did. With `stream: true` the response is a `text/event-stream` of
        `ChatCompletionChunk` events (`data: <json>`), ending with `data: [DONE]`; an event of the form
        `{"error": ErrorObject}` reports a failure after the stream began.

        Args:
            model: The model to use, as `provider/model`.
            models: Models to try in order until one serves the request.
            messages: The conversation so far.
            stream: Send the answer as server-sent events while it is written.
            temperature: Sampling temperature; higher is more varied.
            top_p: Nucleus sampling; consider only the tokens within this probability mass.
            max_tokens: The most tokens to generate.
            tools: Tools the model may call.
            tool_choice: `none`, `auto`, `required`, the name of a function the model must call, or its object form.
            metadata: Your own key/value data, kept with the request.
            user: An id for your end user, for abuse monitoring.
            stream_options: Options for a streamed completion.
            stop: Up to 4 sequences where the model stops; the answer does not contain them.
            n: How many answers (choices) to generate.
            seed: Sample deterministically, where the provider can.
            presence_penalty: Penalise tokens that have appeared at all.
            frequency_penalty: Penalise tokens by how often they have appeared.
            response_format: The form of the answer: plain text, any JSON object (`json_object`), or JSON matching a
                schema.
            logprobs: Return the log probabilities of the output tokens.
            top_logprobs: With `logprobs`, how many likely tokens to return at each position.
            parallel_tool_calls: Whether the model may call several tools at once.
            max_completion_tokens: The most tokens to generate (OpenAI's newer name for `max_tokens`).
            logit_bias: Token ids and a bias (-100 to 100) to add to their likelihood.
            fallback_models: Models to go on with, in order, if this call's model fails (the client's, if not given;
                `[]` for none). Each fallback attempt names its one model; a stream that moves on begins again from
                scratch (`stream.restarts`).
            first_byte_timeout: Seconds for a stream's response to begin (the client's, if not given).
            total_timeout: Seconds for the whole call, across all its attempts and models (the client's, if not
                given).
        """

        from . import _operations as o

        parts = o.create_chat_completion(
            model=model,
            models=models,
            messages=messages,
            stream=stream,
            temperature=temperature,
            top_p=top_p,
            max_tokens=max_tokens,
            tools=tools,
            tool_choice=tool_choice,
            metadata=metadata,
            user=user,
            stream_options=stream_options,
            stop=stop,
            n=n,
            seed=seed,
            presence_penalty=presence_penalty,
            frequency_penalty=frequency_penalty,
            response_format=response_format,
            logprobs=logprobs,
            top_logprobs=top_logprobs,
            parallel_tool_calls=parallel_tool_calls,
            max_completion_tokens=max_completion_tokens,
            logit_bias=logit_bias,
        )
        if stream:
            from ccapi._sync._streaming import Stream

            opening = self._pipeline.open_stream(
                o.CREATE_CHAT_COMPLETION,
                *parts,
                CallOptions(
                    timeout,
                    max_retries,
                    extra_headers,
                    extra_query,
                    extra_body,
                    fallback_models=fallback_models,
                    first_byte_timeout=first_byte_timeout,
                    total_timeout=total_timeout,
                ),
            )
            return cast("Stream[ChatCompletionChunk]", Stream.opened(opening))
        return cast(
            "ChatCompletionResponse",
            self._pipeline.call(
                o.CREATE_CHAT_COMPLETION,
                *parts,
                CallOptions(
                    timeout,
                    max_retries,
                    extra_headers,
                    extra_query,
                    extra_body,
                    fallback_models=fallback_models,
                    first_byte_timeout=first_byte_timeout,
                    total_timeout=total_timeout,
                ),
            ),
        )


class ChatCompletionsWithRawResponse:
    """`client.chat.completions.with_raw_response`: the same methods, returning the APIResponse."""

    def __init__(self, resource: ChatCompletions) -> None:
        self.create = to_raw_response(resource.create)


class Chat:
    """`client.chat`."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.completions = ChatCompletions(pipeline)


class Resources:
    """The resources of a client, as attributes: `chat`, `audio`, `images`, `models`, `providers`."""

    _pipeline: Pipeline

    @functools.cached_property
    def chat(self) -> Chat:
        """`client.chat`."""
        return Chat(self._pipeline)

    @functools.cached_property
    def audio(self) -> Audio:
        """`client.audio`."""
        return Audio(self._pipeline)

    @functools.cached_property
    def images(self) -> Images:
        """`client.images`."""
        return Images(self._pipeline)

    @functools.cached_property
    def models(self) -> Models:
        """`client.models`."""
        return Models(self._pipeline)

    @functools.cached_property
    def providers(self) -> Providers:
        """`client.providers`."""
        return Providers(self._pipeline)
