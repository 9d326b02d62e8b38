"""Sandbox speech and images: real, playable audio and real PNGs, by URL or base64."""

from __future__ import annotations

import base64
import io
import struct
import wave

import httpx
import pytest

SPEECH = {"model": "elevenlabs/eleven_turbo_v2", "input": "Welcome to CCAPI, your unified AI gateway.", "voice": "aria"}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_wav_speech_is_playable(raw: httpx.Client) -> None:
    body = raw.post("/audio/speech", json={**SPEECH, "output_format": "wav", "response_format": "b64_json"}).json()
    assert body["url"] is None
    with wave.open(io.BytesIO(base64.b64decode(body["b64_json"]))) as audio:
        seconds = audio.getnframes() / audio.getframerate()
        assert audio.getnchannels() == 1
    assert seconds == pytest.approx(body["duration_seconds"], abs=0.01)
    assert seconds > 1


@pytest.mark.parametrize(
    ("output_format", "magic", "media_type"), [("mp3", b"\xff", "audio/mpeg"), ("ogg", b"OggS", "audio/ogg")]
)
def test_speech_by_url_is_served_by_the_sandbox(
    raw: httpx.Client, output_format: str, magic: bytes, media_type: str
) -> None:
    body = raw.post("/audio/speech", json={**SPEECH, "output_format": output_format}).json()
    assert (body["output_format"], body["b64_json"]) == (output_format, None)
    download = httpx.get(body["url"])  # like a CDN link: no key needed
    assert download.headers["content-type"] == media_type
    assert download.content.startswith(magic) or download.content.startswith(b"ID3")
    assert len(download.content) > 1000


def test_raw_audio_for_openai_style_clients(raw: httpx.Client) -> None:
    response = raw.post("/audio/speech", json=SPEECH, headers={"Accept": "audio/mpeg"})
    assert response.headers["content-type"] == "audio/mpeg"
    assert len(response.content) > 1000


@pytest.mark.parametrize("size", ["256x128", "1024x1024"])
def test_legacy_images_are_pngs_of_the_size_asked(raw: httpx.Client, size: str) -> None:
    request = {"model": "stabilityai/stable-diffusion-xl-1024-v1-0", "prompt": "solar farm", "n": 2, "size": size}
    body = raw.post("/images/generations", json=request).json()
    assert len(body["data"]) == 2
    expected = tuple(int(side) for side in size.split("x"))
    images = [httpx.get(datum["url"]).content for datum in body["data"]]
    assert [_png_size(image) for image in images] == [expected, expected]
    assert images[0] != images[1]


def test_legacy_images_as_base64(raw: httpx.Client) -> None:
    request = {"model": "openai/dall-e-3", "prompt": "p", "size": "64x32", "response_format": "b64_json"}
    (datum,) = raw.post("/images/generations", json=request).json()["data"]
    assert datum["url"] is None
    assert _png_size(base64.b64decode(datum["b64_json"])) == (64, 32)


def test_a_synchronous_provider_answers_200_with_images(raw: httpx.Client) -> None:
    request = {"model": "google/nano-banana", "contents": [{"text": "fox"}], "parameters": {"aspect_ratio": "16:9"}}
    response = raw.post("/images/generate", json=request)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "completed"
    assert body["execution"] == {"mode": "sync", "operation": "text-to-image", "provider": "google"}
    assert _png_size(httpx.get(body["data"][0]["url"]).content) == (1024, 576)


@pytest.mark.parametrize(
    ("contents", "operation"),
    [
        ([{"text": "t"}, {"image": {"url": "https://example.test/a.png"}}], "image-to-image"),
        ([{"image": {"data": "AA=="}}, {"image": {"data": "AA=="}}], "remix"),
        ([{"text": "t"}, {"image": {"data": "AA=="}, "mask": {"data": "AA=="}}], "inpainting"),
    ],
)
def test_the_operation_follows_the_contents(
    raw: httpx.Client, contents: list[dict[str, object]], operation: str
) -> None:
    body = raw.post("/images/generate", json={"model": "google/nano-banana", "contents": contents}).json()
    assert body["execution"]["operation"] == operation


def test_the_references_multimodal_example_is_accepted(raw: httpx.Client) -> None:
    # As the public reference's example sends it: zero sizes and steps mean "let the provider choose".
    example = {
        "contents": [{"text": "A watercolor of CCAPI routing packets through a forest"}],
        "model": "imaginepro/nano-banana",
        "parameters": {"num_images": 1, "width": 0, "height": 0, "aspect_ratio": "16:9", "quality": "hd",
                       "seed": 0, "steps": 0, "guidance_scale": 0, "negative_prompt": "", "strength": 0,
                       "response_format": "url"},
    }  # fmt: skip
    answer = raw.post("/images/generate", json=example)
    assert answer.status_code in (200, 202), answer.text
    assert answer.json()["status"] in ("pending", "completed")
