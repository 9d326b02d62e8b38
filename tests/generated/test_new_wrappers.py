"""A second job operation and a second streaming operation, added to a copy of the spec with the existing
extensions and generated with the project's generation steps alone, work in both clients: `job.wait()` returns the
new job's model and the stream yields the new event model, at run time and for `mypy --strict` (`assert_type`).

The operations (a video job polled by id, a streamed text completion) carry names no real change can take
(`zz_` and `Zz` prefixes), so that this test survives any change to the spec.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(
    not (TOOLS / "openapi-python-client").exists() or not (TOOLS / "ruff").exists(),
    reason="needs the pinned generator and ruff beside this interpreter (nox -s tests installs them)",
)

_JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors() -> dict[str, Any]:
    named = [("400", "BadRequest"), ("401", "Unauthorized"), ("404", "NotFound"), ("500", "InternalError")]
    return {code: {"$ref": f"#/components/responses/{name}"} for code, name in named}


def _with_new_wrappers(spec: dict[str, Any]) -> dict[str, Any]:
    spec = yaml.safe_load(yaml.safe_dump(spec))  # a deep copy
    schemas = spec["components"]["schemas"]
    for name in ("ZzVideoRequest", "ZzVideoJob", "ZzCompletionRequest", "ZzCompletion", "ZzCompletionChunk"):
        assert name not in schemas
    assert not any(path.startswith("/zz-") for path in spec["paths"])
    schemas["ZzVideoRequest"] = {
        "type": "object", "required": ["model", "prompt"],
        "properties": {"model": {"type": "string"}, "prompt": {"type": "string", "minLength": 1}},
    }  # fmt: skip
    schemas["ZzVideoJob"] = {
        "type": "object", "required": ["id", "status", "model"],
        "properties": {
            "id": {"type": "string"}, "model": {"type": "string"}, "status": {"type": "string"},
            "poll_url": {"type": "string"}, "estimated_time": {"type": "number"}, "video_url": {"type": "string"},
            "seconds": {"type": "number"},
        },
    }  # fmt: skip
    schemas["ZzCompletionRequest"] = {
        "type": "object", "required": ["model", "prompt"],
        "properties": {"model": {"type": "string"}, "prompt": {"type": "string"}, "stream": {"type": "boolean"}},
    }  # fmt: skip
    choice = {"type": "object", "required": ["index", "text"],
              "properties": {"index": {"type": "integer"}, "text": {"type": "string"}}}  # fmt: skip
    schemas["ZzCompletion"] = {
        "type": "object", "required": ["id", "model", "choices"],
        "properties": {
            "id": {"type": "string"}, "model": {"type": "string"}, "choices": {"type": "array", "items": choice},
        },
    }  # fmt: skip
    schemas["ZzCompletionChunk"] = {
        "type": "object", "required": ["id", "choices"],
        "properties": {"id": {"type": "string"}, "choices": {"type": "array", "items": choice}},
    }  # fmt: skip
    job_answer = {"description": "The job.", "content": {_JSON: {"schema": _ref("ZzVideoJob")}}}
    spec["paths"]["/zz-videos/generations"] = {"post": {
        "operationId": "zzGenerateVideo", "summary": "Generate a video", "security": [{"bearerAuth": []}],
        "x-ccapi-resource": "zz_videos", "x-ccapi-method": "generate",
        "x-ccapi-wrapper": {"kind": "job", "poll": "zzGetVideoJob", "final-statuses": ["succeeded", "failed"],
                            "failed-status": "failed"},
        "requestBody": {"required": True, "content": {_JSON: {"schema": _ref("ZzVideoRequest")}}},
        "responses": {"200": job_answer, "202": job_answer, **_errors()},
    }}  # fmt: skip
    spec["paths"]["/zz-videos/jobs/{id}"] = {"get": {
        "operationId": "zzGetVideoJob", "summary": "Get a video job", "security": [{"bearerAuth": []}],
        "x-ccapi-resource": "zz_videos.jobs", "x-ccapi-method": "retrieve",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}],
        "responses": {"200": job_answer, **_errors()},
    }}  # fmt: skip
    spec["paths"]["/zz-completions"] = {"post": {
        "operationId": "zzCreateCompletion", "summary": "Complete a prompt", "security": [{"bearerAuth": []}],
        "x-ccapi-resource": "zz_completions", "x-ccapi-method": "create",
        "x-ccapi-wrapper": {"kind": "stream", "flag": "stream", "event": _ref("ZzCompletionChunk")},
        "requestBody": {"required": True, "content": {_JSON: {"schema": _ref("ZzCompletionRequest")}}},
        "responses": {"200": {"description": "The completion.", "content": {
            _JSON: {"schema": _ref("ZzCompletion")}, "text/event-stream": {"schema": {"type": "string"}}}},
            **_errors()},
    }}  # fmt: skip
    return spec


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, spec: dict[str, Any]) -> Path:
    """`ccapi_generated` from the copy with the new operations, by `tools/generate.py` (what `nox -s generate` runs)."""
    folder = tmp_path_factory.mktemp("new-wrappers")
    spec_path = folder / "openapi.yaml"
    spec_path.write_text(yaml.safe_dump(_with_new_wrappers(spec), sort_keys=False))
    out = folder / "out"
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run([sys.executable, str(ROOT / "tools" / "generate.py"), str(spec_path), str(out)], check=True, env=env)
    return out


USER_PROGRAM = """
import asyncio, json
import ccapi, httpx

looks = {}

def answer(request):
    path = request.url.path
    if path.endswith("/zz-videos/generations"):
        queued = {"id": "vid_1", "model": "acme/clip", "status": "queued", "estimated_time": 0.01}
        return httpx.Response(202, json=queued)
    if "/zz-videos/jobs/" in path:
        job_id = path.rsplit("/", 1)[1]
        looks[job_id] = looks.get(job_id, 0) + 1
        status = "succeeded" if looks[job_id] >= 2 else "rendering"
        return httpx.Response(200, json={"id": job_id, "model": "acme/clip", "status": status,
                                         "video_url": "https://cdn.test/v.mp4", "seconds": 4})
    if path.endswith("/zz-completions"):
        events = "".join(f'data: {json.dumps({"id": "c", "choices": [{"index": 0, "text": word}]})}\\n\\n'
                         for word in ("Once", " upon", " a", " time"))
        return httpx.Response(200, content=(events + "data: [DONE]\\n\\n").encode(),
                              headers={"content-type": "text/event-stream"})
    return httpx.Response(404, json={"error": {"message": "no", "type": "invalid_request_error"}})

async def async_answer(request):
    await request.aread()
    return answer(request)

async def no_sleep(seconds):
    return None

fast = ccapi.PollPolicy(initial_interval=0.01, min_interval=0.0, sleep=lambda seconds: None, async_sleep=no_sleep)
report = {}
with ccapi.CCAPI(api_key="k", base_url="https://gw.test/v1",
                 http_client=httpx.Client(transport=httpx.MockTransport(answer))) as client:
    job = client.zz_videos.generate(model="acme/clip", prompt="a fox", poll_policy=fast)
    done = job.wait(timeout=5)
    report["sync job"] = [type(done).__name__, done.status, done.video_url, isinstance(job, ccapi.Job)]
    again = client.zz_videos.jobs.resume("vid_2", poll_policy=fast)
    report["sync resumed"] = [type(again.wait(timeout=5)).__name__, again.id]
    with client.zz_completions.create(model="acme/text", prompt="Tell me", stream=True) as stream:
        events = list(stream)
    report["sync stream"] = [type(events[0]).__name__, "".join(event.choices[0].text for event in events)]
    with client.zz_completions.create(model="acme/text", prompt="Tell me", stream=True) as stream:
        report["sync text"] = "".join(stream.iter_text())

async def run():
    async with ccapi.AsyncCCAPI(api_key="k", base_url="https://gw.test/v1",
                                http_client=httpx.AsyncClient(transport=httpx.MockTransport(async_answer))) as client:
        job = await client.zz_videos.generate(model="acme/clip", prompt="a hen", poll_policy=fast)
        done = await job.wait(timeout=5)
        report["async job"] = [type(done).__name__, done.status, isinstance(job, ccapi.AsyncJob)]
        stream = await client.zz_completions.create(model="acme/text", prompt="Tell me", stream=True)
        async with stream:
            report["async stream"] = [type(event).__name__ async for event in stream][:1]

asyncio.run(run())
print(json.dumps(report))
"""


def test_a_new_job_and_a_new_stream_work_in_both_clients(generated: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(generated)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(USER_PROGRAM)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["sync job"] == ["ZzVideoJob", "succeeded", "https://cdn.test/v.mp4", True]
    assert report["sync resumed"] == ["ZzVideoJob", "vid_2"]
    assert report["sync stream"] == ["ZzCompletionChunk", "Once upon a time"]
    assert report["sync text"] == "Once upon a time"
    assert report["async job"] == ["ZzVideoJob", "succeeded", True]
    assert report["async stream"] == ["ZzCompletionChunk"]


USER_CODE = """
from typing import assert_type

import ccapi
from ccapi_generated.models import ChatCompletionChunk, MultimodalImageGenerationResponse, ZzCompletionChunk, ZzVideoJob


def use(client: ccapi.CCAPI) -> None:
    job = client.zz_videos.generate(model="acme/clip", prompt="a fox")
    assert_type(job, ccapi.Job[ZzVideoJob])
    assert_type(job.wait(), ZzVideoJob)
    assert_type(client.zz_videos.jobs.resume("v").wait(), ZzVideoJob)
    stream = client.zz_completions.create(model="acme/text", prompt="x", stream=True)
    assert_type(stream, ccapi.Stream[ZzCompletionChunk])
    for event in stream:
        assert_type(event, ZzCompletionChunk)
    image = client.images.generate_multimodal(contents=[{"text": "x"}])
    assert_type(image.wait(), MultimodalImageGenerationResponse)
    chat = client.chat.completions.create(model="openai/m", messages=[], stream=True)
    assert_type(next(chat), ChatCompletionChunk)


async def use_async(client: ccapi.AsyncCCAPI) -> None:
    job = await client.zz_videos.generate(model="acme/clip", prompt="a fox")
    assert_type(await job.wait(), ZzVideoJob)
    stream = await client.zz_completions.create(model="acme/text", prompt="x", stream=True)
    async for event in stream:
        assert_type(event, ZzCompletionChunk)
"""


def test_the_new_wrappers_are_typed_for_mypy(generated: Path, tmp_path: Path) -> None:
    mypy = TOOLS / "mypy"
    if not mypy.exists():
        pytest.skip("mypy is not installed beside this interpreter")
    user = tmp_path / "user.py"
    user.write_text(textwrap.dedent(USER_CODE))
    env = {**os.environ, "MYPYPATH": str(generated)}
    result = subprocess.run(
        [str(mypy), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), str(user)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
