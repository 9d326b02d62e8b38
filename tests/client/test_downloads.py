"""Saving and reading images and speech, sent as URLs or base64, in constant memory, without leaking the key."""

from __future__ import annotations

import asyncio
import struct
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import ccapi
import httpx
import pytest
from ccapi._downloads import download_request
from ccapi.testing import SandboxServer

from .conftest import KEY, Recorder, make_client

SPEECH_MODEL = "elevenlabs/eleven_turbo_v2"
IMAGE_MODEL = "stabilityai/stable-diffusion-xl-1024-v1-0"


@pytest.fixture
def client(ccapi_sandbox: SandboxServer) -> Iterator[ccapi.CCAPI]:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
        yield sdk


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_an_image_url_and_its_base64_give_the_same_png(client: ccapi.CCAPI, tmp_path: Path) -> None:
    by_url = client.images.generate(model=IMAGE_MODEL, prompt="a solar farm", size="96x64").data[0]
    inline = client.images.generate(model=IMAGE_MODEL, prompt="a solar farm", size="96x64", response_format="b64_json")
    saved = client.media.save(by_url, tmp_path / "out" / "farm.png")
    assert saved == tmp_path / "out" / "farm.png"
    assert _png_size(saved.read_bytes()) == (96, 64)
    assert client.media.read(by_url) == saved.read_bytes()
    assert _png_size(client.media.read(inline.data[0])) == (96, 64)
    assert sorted(path.name for path in saved.parent.iterdir()) == ["farm.png"]  # no partial file left


def test_speech_saves_as_a_playable_file(client: ccapi.CCAPI, tmp_path: Path) -> None:
    speech = client.audio.speech.create(model=SPEECH_MODEL, input="Welcome to CCAPI.", output_format="wav")
    path = client.media.save(speech, tmp_path / "welcome.wav")
    data = path.read_bytes()
    assert data[:4] == b"RIFF"
    assert data[8:12] == b"WAVE"
    inline = client.audio.speech.create(
        model=SPEECH_MODEL, input="Welcome to CCAPI.", output_format="wav", response_format="b64_json"
    )
    assert client.media.read(inline)[:4] == b"RIFF"


def test_a_raw_audio_body_is_accepted_as_a_speech_result(tmp_path: Path) -> None:
    audio = b"ID3\x04fake-mp3-frames"
    answer = httpx.Response(200, content=audio, headers={"Content-Type": "audio/mpeg", "X-Request-Id": "req_a"})
    with make_client(Recorder(answer)) as client:
        speech = client.audio.speech.create(model="elevenlabs/eleven_turbo_v2", input="Hi")
        assert (speech.output_format, speech.model, speech.id) == ("mp3", "elevenlabs/eleven_turbo_v2", "req_a")
        assert client.media.read(speech) == audio
        assert client.media.save(speech, tmp_path / "hi.mp3").read_bytes() == audio


def test_a_failed_download_raises_and_leaves_no_file(client: ccapi.CCAPI, tmp_path: Path) -> None:
    with pytest.raises(ccapi.NotFoundError):
        client.media.save(f"{client.base_url}/files/missing", tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


def test_a_hundred_megabyte_download_keeps_memory_flat(client: ccapi.CCAPI, tmp_path: Path) -> None:
    size = 100 * 1024 * 1024
    tracemalloc.start()
    try:
        path = client.media.save(f"{client.base_url}/blobs/{size}", tmp_path / "big.bin")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.stat().st_size == size
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while saving 100 MB"


def test_the_key_goes_only_to_the_api_origin(no_network: Recorder) -> None:
    with make_client(no_network) as client:
        pipeline = client._pipeline
        own = download_request(pipeline, "https://gateway.test/v1/files/a.png")
        cdn = download_request(pipeline, "https://cdn.example/a.png")
        other_port = download_request(pipeline, "https://gateway.test:8443/v1/files/a.png")
    assert own.headers["Authorization"] == f"Bearer {KEY}"
    assert "Authorization" not in cdn.headers
    assert "Authorization" not in other_port.headers


def test_bad_items_are_refused_before_any_request(no_network: Recorder, tmp_path: Path) -> None:
    from ccapi_generated.models import ImageDatum

    with make_client(no_network) as client:
        with pytest.raises(ValueError, match="neither a url nor b64_json"):
            client.media.read(ImageDatum())
        with pytest.raises(ValueError, match="base64"):
            client.media.read(ImageDatum(b64_json="not base64!"))
        with pytest.raises(ValueError, match="http"):
            client.media.save("file:///etc/passwd", tmp_path / "x")
    assert no_network.requests == []


def test_async_downloads(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    async def run() -> tuple[bytes, bytes]:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
            image = (await client.images.generate(model=IMAGE_MODEL, prompt="x", size="32x16")).data[0]
            saved = await client.media.save(image, tmp_path / "a.png")
            return saved.read_bytes(), await client.media.read(image)

    saved, read = asyncio.run(run())
    assert saved == read
    assert _png_size(saved) == (32, 16)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_body_that_does_not_decode_is_a_typed_error(encoding: str, tmp_path: Path) -> None:
    # The Content-Encoding lies: the body is not compressed. It is found out only while streaming to disk.
    def answer(request: httpx.Request) -> httpx.Response:
        body = httpx.ByteStream(b"\x89PNG not compressed")
        return httpx.Response(200, stream=body, headers={"Content-Encoding": encoding})

    with make_client(Recorder(answer)) as client:
        with pytest.raises(ccapi.APIConnectionError, match="Content-Encoding"):
            client.media.save("https://gateway.test/v1/files/a.png", tmp_path / "a.png")
        with pytest.raises(ccapi.APIConnectionError, match="Content-Encoding"):
            client.media.read("https://gateway.test/v1/files/a.png")
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_an_async_body_that_does_not_decode_is_a_typed_error(tmp_path: Path) -> None:
    from .conftest import make_async_client

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(b"not gzip"), headers={"Content-Encoding": "gzip"})

    async def run() -> None:
        async with make_async_client(Recorder(answer)) as client:
            with pytest.raises(ccapi.APIConnectionError, match="Content-Encoding"):
                await client.media.save("https://gateway.test/v1/files/a.png", tmp_path / "a.png")

    asyncio.run(run())
    assert list(tmp_path.iterdir()) == []
