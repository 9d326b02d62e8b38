"""`ccapi chat`, `ccapi speech`, `ccapi images` and `ccapi jobs`: make things, show or save them."""

from __future__ import annotations

import base64
import mimetypes
import os
import re
import shlex
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import click
from ccapi_generated.models import AudioOutputFormat, ImageQuality
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

import ccapi

from . import _output
from ._settings import Settings, json_option, pass_settings

if TYPE_CHECKING:
    from ccapi.types import ChatRequestMessageParam, MultimodalImageParametersParam, MultimodalInputContentParam

AUDIO_FORMATS = [audio_format.value for audio_format in AudioOutputFormat]  # the spec's, via the generated enum
CHAT_MODEL = "openai/gpt-4o-mini"
SPEECH_MODEL = "elevenlabs/eleven_turbo_v2"
IMAGE_MODEL = "stabilityai/stable-diffusion-xl-1024-v1-0"
MULTIMODAL_MODEL = "imaginepro/nano-banana"


@click.command()
@click.argument("prompt")
@click.option(
    "-m", "--model", "models", multiple=True, help=f"Model id; repeat it for failover [default: {CHAT_MODEL}]."
)
@click.option("-s", "--system", help="A system prompt.")
@click.option("--max-tokens", type=click.IntRange(min=1), help="The longest answer, in tokens.")
@click.option("--no-stream", is_flag=True, help="Wait for the whole answer instead of streaming it.")
@click.option("--cost", "show_cost", is_flag=True, help="Print what the call cost, at the catalog's prices.")
@json_option
@pass_settings
def chat(
    settings: Settings,
    prompt: str,
    models: tuple[str, ...],
    system: str | None,
    max_tokens: int | None,
    no_stream: bool,
    show_cost: bool,
    as_json: bool,
) -> None:
    """Ask a model; the answer streams as it is written. PROMPT `-` reads the prompt from standard input."""
    if prompt == "-":
        prompt = sys.stdin.read()
        if not prompt.strip():
            raise click.UsageError("standard input was empty: nothing to ask")
    messages: list[ChatRequestMessageParam] = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": prompt})
    chosen: dict[str, Any] = (
        {"models": list(models)} if len(models) > 1 else {"model": models[0] if models else CHAT_MODEL}
    )
    completions = settings.client.chat.completions
    if no_stream or as_json:
        reply = completions.create(messages=messages, max_tokens=max_tokens, **chosen)
        cost = settings.client.cost_of(reply) if show_cost else None
        if as_json:
            _output.emit_json(reply if cost is None else {"completion": reply, "cost": str(cost)})
        else:
            _output.out.print(_output.plain(reply.choices[0].message.content or ""), markup=False)
            served = _output.shown(f"{reply.model} via {reply.provider}")
            _output.err.print(f"[dim]{served}[/]" + _cost_note(cost, _currency(settings, reply.model)))
        return
    with completions.create(
        messages=messages, max_tokens=max_tokens, stream=True, stream_options={"include_usage": True}, **chosen
    ) as stream:
        served, model, usage = "", "", None
        for chunk in stream:
            served = served or f"{chunk.model} via {chunk.provider}"
            model = model or str(chunk.model)
            usage = chunk if chunk.usage is not None else usage
            if chunk.choices and chunk.choices[0].delta.content:
                _output.out.print(_output.plain(chunk.choices[0].delta.content), end="", markup=False)
        _output.out.print()
    cost = settings.client.cost_of(usage) if show_cost and usage is not None else None
    currency = _currency(settings, model) if cost is not None else ""
    _output.err.print(f"[dim]{_output.shown(served)}[/]" + _cost_note(cost, currency))


def _cost_note(cost: Decimal | None, currency: str) -> str:
    if cost is None:
        return ""
    amount = f"{cost:f} {_output.shown(currency)}" if currency else f"{cost:f}"
    return f"[dim], cost {amount} (at the catalog's prices)[/]"


def _currency(settings: Settings, model: object) -> str:
    """The catalog's currency (the catalog was just read to price the call)."""
    return settings.client.spend.currency or ""


@click.command()
@click.argument("text")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("-m", "--model", default=SPEECH_MODEL, show_default=True, help="Speech model.")
@click.option("-v", "--voice", default="aria", show_default=True, help="Voice.")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(AUDIO_FORMATS),
    help="Audio format [default: from the file name, else the API's default].",
)
@json_option
@pass_settings
def speech(
    settings: Settings, text: str, output: Path, model: str, voice: str, output_format: Any, as_json: bool
) -> None:
    """Speak TEXT into an audio file."""
    suffix = output.suffix.lower().lstrip(".")
    if output_format is None and suffix not in AUDIO_FORMATS:
        # Never write one format under another's name: the file's extension decides, or --format does.
        raise click.UsageError(
            f"{output.name} names no audio format the API makes ({', '.join(AUDIO_FORMATS)}): "
            "use one of those extensions, or --format"
        )
    output_format = output_format or suffix
    _writable(output.parent)
    result = settings.client.audio.speech.create(model=model, input=text, voice=voice, output_format=output_format)
    saved = settings.client.media.save(result, output)
    if as_json:
        _output.emit_json({"path": str(saved), "speech": result})
    else:
        _output.out.print(_output.shown(f"saved {saved} ({saved.stat().st_size:,} bytes, {result.output_format})"))


@click.group()
def images() -> None:
    """Generate images."""


@images.command("generate")
@click.argument("prompt")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to save into."
)
@click.option("-m", "--model", default=IMAGE_MODEL, show_default=True, help="Image model.")
@click.option("-n", type=click.IntRange(min=1), default=1, show_default=True, help="How many images.")
@click.option("--size", default="1024x1024", show_default=True, help="WIDTHxHEIGHT.")
@json_option
@pass_settings
def generate(settings: Settings, prompt: str, output: Path, model: str, n: int, size: str, as_json: bool) -> None:
    """Generate images from PROMPT (OpenAI-compatible) and save them."""
    _writable(output)
    result = settings.client.images.generate(model=model, prompt=prompt, n=n, size=size)
    paths = [
        settings.client.media.save(image, output / _file_name(result.id, index))
        for index, image in enumerate(result.data)
    ]
    _show_saved(paths, result, as_json)


def _writable(folder: Path) -> None:
    """Make the output folder now, before anything is asked (and paid for), or fail with the reason."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise click.BadParameter(f"cannot write into {folder}: {reason}", param_hint="--output") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise click.BadParameter(f"cannot write into {folder}: permission denied", param_hint="--output")


def _file_name(result_id: object, index: int) -> str:
    """A file name from the server's id: only letters, digits, `-`, `_` and `.` (never a path of its own)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", str(result_id)).lstrip(".")[:100] or "image"
    return f"{safe}-{index}.png"


def _image_input(value: str) -> MultimodalInputContentParam:
    if value.startswith(("http://", "https://")):
        return {"image": {"url": value}}
    path = Path(value)
    if not path.is_file():
        raise click.BadParameter(f"{value} is neither a URL nor a file", param_hint="--image")
    mime_type = mimetypes.guess_type(path.name)[0] or "image/png"
    return {"image": {"data": base64.b64encode(path.read_bytes()).decode("ascii"), "mime_type": mime_type}}


def _age(created: object) -> float:
    """Seconds since a job was created (its `created` is the server's Unix time), 0 if that looks wrong."""
    if isinstance(created, bool) or not isinstance(created, (int, float)):
        return 0.0
    age = time.time() - created
    return age if 0 <= age < 7 * 24 * 3600 else 0.0


def _wait_with_progress(job: ccapi.ImageJob[Any], timeout: float, resume: str = "", already: float = 0.0) -> Any:
    """Wait for a job with a live bar: it moves with the time elapsed against the server's estimate (never full
    before the job is), and shows the status of the last poll. Ctrl-C stops waiting, not the job: it prints the
    command that resumes. `already`: seconds the job ran before this wait began (a resumed job)."""
    estimate = job.response.estimated_time if isinstance(job.response.estimated_time, (int, float)) else None
    with Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(), TextColumn("[dim]{task.fields[estimate]}"), console=_output.err, transient=True,
    ) as progress:  # fmt: skip
        started = time.monotonic() - already
        expected = f"of about {estimate:g}s" if estimate else ""
        task = progress.add_task(
            _output.shown(f"image job {job.id}"), total=estimate or None, status=_output.shown(job.status),
            estimate=expected,
        )  # fmt: skip

        def show(status: str | None = None) -> None:
            elapsed = time.monotonic() - started
            fields: dict[str, Any] = {} if status is None else {"status": _output.shown(status)}
            if estimate:
                progress.update(task, completed=min(elapsed, estimate * 0.99), **fields)
            else:
                progress.update(task, **fields)

        def sleep(seconds: float) -> None:  # the poller's pause, spent moving the bar
            until = time.monotonic() + seconds
            while (left := until - time.monotonic()) > 0:
                time.sleep(min(0.1, left))
                show()

        job.poll_policy = attrs.evolve(job.poll_policy, sleep=sleep)
        try:
            result = job.wait(timeout=timeout, on_progress=lambda response: show(str(response.status)))
        except KeyboardInterrupt:
            progress.stop()
            _output.err.print(
                f"stopped waiting; job {_output.shown(job.id)} goes on. "
                f"Resume with: [bold]{_output.shown(f'ccapi jobs wait {job.id}{resume}')}[/]"
            )
            raise click.exceptions.Exit(130) from None
    took = time.monotonic() - started
    _output.err.print(_output.shown(f"image job {job.id}: {result.status} after {took:.1f}s"))
    return result


@images.command("multimodal")
@click.argument("prompt")
@click.option("-i", "--image", "inputs", multiple=True, help="An input image (file or URL); repeat for a remix.")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to save into."
)
@click.option("-m", "--model", default=MULTIMODAL_MODEL, show_default=True, help="Image model.")
@click.option("--aspect-ratio", help="Such as 16:9.")
@click.option("--quality", type=click.Choice([quality.value for quality in ImageQuality]), help="Image quality.")
@click.option("-n", "--num-images", type=click.IntRange(min=1), help="How many images.")
@click.option("--wait-timeout", type=float, default=600, show_default=True, help="Seconds to wait for the job.")
@json_option
@pass_settings
def multimodal(
    settings: Settings,
    prompt: str,
    inputs: tuple[str, ...],
    output: Path,
    model: str,
    aspect_ratio: str | None,
    quality: str | None,
    num_images: int | None,
    wait_timeout: float,
    as_json: bool,
) -> None:
    """Generate from PROMPT and input images (multimodal), with a live progress bar while the job runs."""
    _writable(output)
    contents: list[MultimodalInputContentParam] = [{"text": prompt}, *(_image_input(value) for value in inputs)]
    parameters: MultimodalImageParametersParam = {}
    if aspect_ratio:
        parameters["aspect_ratio"] = aspect_ratio
    if quality:
        parameters["quality"] = ImageQuality(quality)  # one of click's choices, which are ImageQuality's values
    if num_images:
        parameters["num_images"] = num_images
    job = settings.client.images.generate_multimodal(model=model, contents=contents, parameters=parameters or None)
    resume = f" -o {shlex.quote(str(output))}"
    result = job.wait(timeout=wait_timeout) if as_json else _wait_with_progress(job, wait_timeout, resume)
    _show_saved(_save_all(settings, result, output), result, as_json)


def _save_all(settings: Settings, result: Any, output: Path) -> list[Path]:
    return [
        settings.client.media.save(image, output / _file_name(result.id, index))
        for index, image in enumerate(result.data or [])
    ]


def _show_saved(paths: list[Path], result: Any, as_json: bool) -> None:
    if as_json:
        _output.emit_json({"paths": [str(path) for path in paths], "result": result})
        return
    for path in paths:
        _output.out.print(_output.shown(f"saved {path}"))


@click.group()
def jobs() -> None:
    """Asynchronous image jobs."""


@jobs.command("get")
@click.argument("job_id")
@json_option
@pass_settings
def get_job(settings: Settings, job_id: str, as_json: bool) -> None:
    """Show a job's status."""
    job = settings.client.images.jobs.retrieve(job_id)
    if as_json:
        _output.emit_json(job)
        return
    images = f" ({_output.count(len(job.data), 'image')})" if job.data else ""
    _output.out.print(_output.shown(f"{job.id}: {job.status}{images}"))


@jobs.command("wait")
@click.argument("job_id")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Folder to save the images into."
)
@click.option("--timeout", "wait_timeout", type=float, default=600, show_default=True, help="Seconds to wait.")
@json_option
@pass_settings
def wait_job(settings: Settings, job_id: str, output: Path | None, wait_timeout: float, as_json: bool) -> None:
    """Wait for a job to end; save its images if --output is given."""
    if output is not None:
        _writable(output)
    job = settings.client.images.jobs.resume(job_id)
    resume = f" -o {shlex.quote(str(output))}" if output else ""
    if as_json:
        result = job.wait(timeout=wait_timeout)
    else:
        result = _wait_with_progress(job, wait_timeout, resume, already=_age(job.response.created))
    paths = _save_all(settings, result, output) if output else []
    if as_json or paths:
        _show_saved(paths, result, as_json)
    else:
        images = _output.count(len(result.data or []), "image")
        _output.out.print(_output.shown(f"{result.id}: {result.status} ({images})"))


COMMANDS = (chat, speech, images, jobs)
