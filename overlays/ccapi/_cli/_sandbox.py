"""`ccapi sandbox` (a local CCAPI) and `ccapi tour` (the whole SDK, end to end, against one)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

import ccapi

from . import _output
from ._generate import CHAT_MODEL, MULTIMODAL_MODEL, SPEECH_MODEL, _wait_with_progress

if TYPE_CHECKING:
    from ccapi.testing import ModelFault


def _testing() -> object:
    try:
        import ccapi.testing
    except ModuleNotFoundError as missing:
        raise click.ClickException(
            f"the sandbox needs the 'sandbox' extra ({missing.name} is missing): pip install 'ccapi-sdk[sandbox]'"
        ) from missing
    return ccapi.testing


FAULT_OPTIONS: dict[str, type[int] | type[float]] = {
    "seconds": float, "after": int, "first": int, "status": int, "retry_after": int,
}  # fmt: skip
"""What a `--fault` may set besides its kind: the fields of `ccapi.testing.ModelFault`."""


def parse_fault(text: str) -> tuple[str, ModelFault]:
    """`MODEL=KIND[:NAME=VALUE,...]` as a model and its `ModelFault` (`openai/gpt-4o=cut:after=3,first=1`)."""
    from ccapi.testing import ModelFault
    from ccapi.testing._catalog import MODELS
    from ccapi.testing._config import KINDS

    model, equals, rest = text.partition("=")
    kind, _, settings = rest.partition(":")
    if not equals or not model.strip() or not kind.strip():
        raise click.BadParameter(f"{text!r} is not MODEL=KIND (such as openai/gpt-4o-mini=unavailable)")
    chat_models = sorted(entry.id for entry in MODELS if entry.type == "text")
    if model.strip() not in chat_models:
        # A misspelt model would be served healthy, and failover would seem not to work.
        raise click.BadParameter(
            f"{model.strip()!r} is not a chat model of the sandbox; they are {', '.join(chat_models)}"
        )
    if kind not in KINDS:
        raise click.BadParameter(f"{kind!r} is not a fault; the kinds are {', '.join(sorted(KINDS))}")
    options: dict[str, int | float] = {}
    for setting in filter(None, settings.split(",")):
        name, _, value = setting.partition("=")
        convert = FAULT_OPTIONS.get(name.strip())
        if convert is None:
            raise click.BadParameter(f"{name!r} is not one of {', '.join(FAULT_OPTIONS)} (in {text!r})")
        try:
            options[name.strip()] = convert(value)
        except ValueError:
            raise click.BadParameter(f"{name}={value!r} is not a number (in {text!r})") from None
    return model.strip(), ModelFault(kind, **options)  # type: ignore[arg-type]  # the kind was checked above


def _faults(_context: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, ModelFault]:
    if values:
        _testing()
    return dict(parse_fault(value) for value in values)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8765, show_default=True,
              help="Port to listen on; 0 picks a free one.")  # fmt: skip
@click.option("--api-key", "sandbox_key", help="The key the sandbox accepts [default: sk-ccapi-sandbox].")
@click.option("--job-duration", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds an asynchronous image job takes.")  # fmt: skip
@click.option("--stream-chunks", type=click.IntRange(min=1), help="Content chunks per chat stream.")
@click.option(
    "--fault", "faults", metavar="MODEL=KIND[:NAME=VALUE,...]", multiple=True, callback=_faults,
    help="Make one chat model misbehave, to try failover (repeat it for more models). KIND is one of "
    "silent, reset, cut, stall, slow_first_token, no_done, malformed, unavailable, rate_limited, server_error, "
    "context_length_exceeded, content_filter; NAME is seconds, after, first, status or retry_after "
    "(ccapi.testing.ModelFault). Example: --fault openai/gpt-4o-mini=unavailable --fault "
    "google/gemini-2.5-flash=cut:after=3,first=1",
)  # fmt: skip
def sandbox(
    host: str,
    port: int,
    sandbox_key: str | None,
    job_duration: float,
    stream_chunks: int | None,
    faults: dict[str, ModelFault],
) -> None:
    """Run a local CCAPI on a loopback port until Ctrl-C; it prints the base URL and key to use."""
    _testing()
    from ccapi.testing import Faults, SandboxConfig, SandboxServer
    from ccapi.testing._config import DEFAULT_API_KEY

    key = sandbox_key or DEFAULT_API_KEY
    config = SandboxConfig(
        api_key=key, job_duration=job_duration, stream_chunks=stream_chunks, faults=Faults(models=faults)
    )
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    with SandboxServer(config, host=host, port=port) as server:
        print(f"CCAPI sandbox listening on {server.base_url}", flush=True)
        # The default key is public (it is in the docs); a key of the caller's own choosing is not echoed.
        shown = key if key == DEFAULT_API_KEY else "<the key given with --api-key>"
        print(f"export CCAPI_BASE_URL={server.base_url} CCAPI_API_KEY={shown}", flush=True)
        for model, fault in faults.items():
            _output.err.print(f"fault: {_output.shown(model)} answers {_output.shown(_describe(fault))}")
        stop.wait()
    raise SystemExit(0)


def _describe(fault: ModelFault) -> str:
    settings = [f"{name}={getattr(fault, name)}" for name in FAULT_OPTIONS if getattr(fault, name) not in (None, 0)]
    return fault.kind + (f" ({', '.join(settings)})" if settings else "")


def _step(number: int, title: str) -> None:
    _output.out.rule(f"[bold]{number}. {title}", align="left")


@click.command()
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("ccapi-tour"), show_default=True,
    help="Folder for the files the tour makes.",
)  # fmt: skip
def tour(output: Path) -> None:
    """Start a sandbox and use the whole SDK against it: catalog, streaming chat, speech, an image job."""
    _testing()
    from ccapi.testing import SandboxConfig, SandboxServer

    config = SandboxConfig(job_duration=3.0, stream_interval=0.03)
    with SandboxServer(config) as server, ccapi.CCAPI(api_key=server.api_key, base_url=server.base_url) as client:
        _output.out.print(f"sandbox started on {server.base_url} (no network, no real key)")

        _step(1, "The catalog")
        models = list(client.models.list(limit=10))
        by_type: dict[str, int] = {}
        for model in models:
            kind = str(getattr(model.ccapi, "type_", "?"))
            by_type[kind] = by_type.get(kind, 0) + 1
        providers = list(client.providers.list())
        _output.table(
            "Providers",
            ("name", "models", "types"),
            ((p.name, p.model_count, ", ".join(p.types or [])) for p in providers),
        )
        _output.out.print(f"{len(models)} models: " + ", ".join(f"{n} {kind}" for kind, n in sorted(by_type.items())))

        _step(2, f"A chat answer, streamed ({CHAT_MODEL})")
        with client.chat.completions.create(
            model=CHAT_MODEL, stream=True, stream_options={"include_usage": True},
            messages=[{"role": "system", "content": "You are a precise assistant."},
                      {"role": "user", "content": "Outline a launch plan for CCAPI."}],
        ) as stream:  # fmt: skip
            for text in stream.iter_text():
                _output.out.print(text, end="", markup=False)
        _output.out.print()

        _step(3, f"Speech ({SPEECH_MODEL})")
        speech = client.audio.speech.create(
            model=SPEECH_MODEL, input="Welcome to CCAPI, your unified AI gateway.", voice="aria", output_format="wav"
        )
        speech_path = client.media.save(speech, output / "welcome.wav")
        _output.out.print(f"saved {speech_path} ({speech_path.stat().st_size:,} bytes)")

        _step(4, f"An image, through an asynchronous job ({MULTIMODAL_MODEL})")
        job = client.images.generate_multimodal(
            model=MULTIMODAL_MODEL,
            contents=[{"text": "A watercolor of CCAPI routing packets through a forest"}],
            parameters={"aspect_ratio": "16:9", "quality": "hd", "num_images": 1, "width": 320},
        )
        result = _wait_with_progress(job, timeout=60)
        # Names without the job id, so that each run of the tour replaces the last run's files.
        image_paths = [client.media.save(image, output / f"image-{n}.png") for n, image in enumerate(result.data or [])]
        for path in image_paths:
            _output.out.print(f"saved {path}")
    _output.out.rule("[bold]Done", align="left")
    _output.out.print("sandbox shut down. Files written:")
    for path in (speech_path, *image_paths):
        _output.out.print(f"  {path.resolve()}")


COMMANDS = (sandbox, tour)
