"""A spec change reaches users with no hand edit: a field, a query parameter and an operation added to a copy of
openapi.yaml, generated into a temporary folder, are typed, sent, checked and placed in both clients.

The user's side runs in a fresh interpreter whose `ccapi_generated` is the one generated here (ccapi itself is the
project's, untouched); mypy --strict reads user code against it the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(
    not (TOOLS / "openapi-python-client").exists() or not (TOOLS / "ruff").exists(),
    reason="needs the pinned generator and ruff beside this interpreter (nox -s tests installs them)",
)


# What this test adds is named `zz_...`: no real change to the spec takes such a name, so the test holds whatever the
# spec grows into (a spec that took one of them makes the test skip, saying which).
FIELD, PARAMETER, PATH, METHOD = "zz_penalty", "zz_released_after", "/zz_models/{id}", "zz_retrieve"
FLAG = "zz_open_weights"


def _altered_spec(spec: dict[str, Any]) -> dict[str, Any]:
    spec = yaml.safe_load(yaml.safe_dump(spec))  # a deep copy
    request = spec["components"]["schemas"]["ChatCompletionRequest"]["properties"]
    models = spec["paths"]["/models"]["get"]
    methods = {operation.get("x-ccapi-method") for item in spec["paths"].values() for operation in item.values()}
    names = {p.get("name") for p in models["parameters"]}
    for taken, name in ((request, FIELD), (names, PARAMETER), (names, FLAG), (spec["paths"], PATH),
                        (methods, METHOD)):  # fmt: skip
        if name in taken:
            pytest.skip(f"the spec already has {name!r}, which this test adds")
    request[FIELD] = {
        "type": "number", "minimum": -2, "maximum": 2, "description": "Penalise tokens by how often they appeared.",
    }  # fmt: skip
    models["parameters"].append(
        {"name": PARAMETER, "in": "query", "description": "Only models released after this Unix time.",
         "schema": {"type": "integer", "minimum": 0}}
    )  # fmt: skip
    models["parameters"].append({"name": FLAG, "in": "query", "description": "Only open-weight models.",
                                 "schema": {"type": "boolean"}})  # fmt: skip
    errors = {code: {"$ref": f"#/components/responses/{name}"} for code, name in
              [("400", "BadRequest"), ("401", "Unauthorized"), ("404", "NotFound"), ("500", "InternalError")]}  # fmt: skip
    spec["paths"][PATH] = {
        "get": {
            "operationId": "zzGetModel",
            "summary": "Get one model",
            "x-ccapi-resource": "models",
            "x-ccapi-method": METHOD,
            "security": [{"bearerAuth": []}],
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
            ],
            "responses": {
                "200": {
                    "description": "The model.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModelSummary"}}},
                },
                **errors,
            },
        }
    }
    return spec


@pytest.fixture(scope="module")
def altered(tmp_path_factory: pytest.TempPathFactory, spec: dict[str, Any]) -> Path:
    """A folder holding `ccapi_generated`, generated from the altered spec by the project's generation steps."""
    folder = tmp_path_factory.mktemp("altered")
    spec_path = folder / "openapi.yaml"
    spec_path.write_text(yaml.safe_dump(_altered_spec(spec), sort_keys=False))
    out = folder / "out"
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run([sys.executable, str(ROOT / "tools" / "generate.py"), str(spec_path), str(out)], check=True, env=env)
    return out


USER_PROGRAM = """
import asyncio, inspect, json
import ccapi, httpx

seen = []

def answer(request):
    seen.append(request)
    if request.url.path.endswith("/zz_models/openai/gpt-4o-mini"):
        return httpx.Response(404, json={"error": {"message": "no such model", "type": "invalid_request_error"}})
    if request.url.path.endswith("/zz_models/flaky") and sum(r.url.path.endswith("/flaky") for r in seen) % 2:
        return httpx.Response(503, json={"error": {"message": "busy", "type": "api_error"}})
    if "/zz_models/" in request.url.path:
        return httpx.Response(200, json={"id": "openai/gpt-4o-mini", "object": "model"})
    if request.url.path.endswith("/models"):
        return httpx.Response(200, json={"object": "list", "data": [], "total": 0, "limit": 20, "offset": 0,
                                         "has_more": False})
    return httpx.Response(200, json={"id": "c", "object": "chat.completion", "created": 1, "model": "m",
                                     "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]})

policy = ccapi.RetryPolicy(sleep=lambda seconds: None)
sync = ccapi.CCAPI(api_key="k", base_url="https://gw.test/v1", retry_policy=policy,
                   http_client=httpx.Client(transport=httpx.MockTransport(answer)))

async def async_answer(request):
    await request.aread()
    return answer(request)

async def no_sleep(seconds):
    return None

aclient = ccapi.AsyncCCAPI(api_key="k", base_url="https://gw.test/v1",
                           retry_policy=ccapi.RetryPolicy(async_sleep=no_sleep),
                           http_client=httpx.AsyncClient(transport=httpx.MockTransport(async_answer)))
report = {}
for name, client in (("sync", sync), ("async", aclient)):
    report[name + " create has zz_penalty"] = (
        "zz_penalty" in inspect.signature(client.chat.completions.create).parameters)
    report[name + " list has zz_released_after"] = "zz_released_after" in inspect.signature(client.models.list).parameters
    report[name + " models has retrieve"] = callable(getattr(client.models, "zz_retrieve", None))
    for call in (lambda: client.chat.completions.create(model="openai/m", messages=[{"role": "user", "content": "x"}],
                                                        zz_penalty=3),
                 lambda: client.models.list(zz_released_after=-1)):
        before = len(seen)
        try:
            result = call()
            if asyncio.iscoroutine(result):
                asyncio.run(result)
        except ValueError as error:
            report.setdefault(name + " refused", []).append(str(error))
        report[name + " sent nothing for a bad argument"] = report.get(name + " sent nothing for a bad argument", True) and len(seen) == before

async def run_async():
    await aclient.chat.completions.create(model="openai/m", messages=[{"role": "user", "content": "x"}], zz_penalty=-1.5)
    page = await aclient.models.list(zz_released_after=1700000000)
    model = await aclient.models.zz_retrieve("flaky")
    try:
        await aclient.models.zz_retrieve("openai/gpt-4o-mini")
    except ccapi.NotFoundError as error:
        report["async 404"] = error.status_code
    return model.id

seen.clear()
sync.chat.completions.create(model="openai/m", messages=[{"role": "user", "content": "x"}], zz_penalty=0.5)
sync.models.list(zz_released_after=1700000000)
report["sync retrieve"] = sync.models.zz_retrieve("flaky").id
try:
    sync.models.zz_retrieve("openai/gpt-4o-mini")
except ccapi.NotFoundError as error:
    report["sync 404"] = error.status_code
report["async retrieve"] = asyncio.run(run_async())
report["bodies"] = [json.loads(r.content) for r in seen if r.method == "POST"]
report["queries"] = [str(r.url.query, "ascii") for r in seen if r.url.path.endswith("/models")]
report["paths"] = [r.url.raw_path.decode() for r in seen if "/zz_models/" in r.url.path]
print(json.dumps(report))
"""


def _run_user_program(altered: Path) -> dict[str, Any]:
    import json

    env = {**os.environ, "PYTHONPATH": str(altered)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(USER_PROGRAM)], check=True, capture_output=True, text=True, env=env
    )
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_an_added_field_parameter_and_operation_reach_both_clients(altered: Path) -> None:
    report = _run_user_program(altered)
    for side in ("sync", "async"):
        assert report[f"{side} create has zz_penalty"]
        assert report[f"{side} list has zz_released_after"]
        assert report[f"{side} models has retrieve"]
        assert report[f"{side} sent nothing for a bad argument"]
        assert any("zz_penalty must be at most 2" in message for message in report[f"{side} refused"])
        assert any("zz_released_after must be at least 0" in message for message in report[f"{side} refused"])
        assert report[f"{side} retrieve"] == "openai/gpt-4o-mini"  # after a 503, retried
        assert report[f"{side} 404"] == 404
    assert [body["zz_penalty"] for body in report["bodies"]] == [0.5, -1.5]
    assert all("zz_released_after=1700000000" in query for query in report["queries"])
    # The path parameter is quoted into the path: a slash in a model id stays inside the one segment.
    assert "/v1/zz_models/openai%2Fgpt-4o-mini" in report["paths"]
    assert report["paths"].count("/v1/zz_models/flaky") == 4  # one call from each client, each retried once


USER_CODE = """
from typing import assert_type

import ccapi
from ccapi_generated.models import ChatCompletionResponse, ModelSummary


def use(client: ccapi.CCAPI) -> None:
    reply = client.chat.completions.create(model="openai/m", messages=[], zz_penalty=0.5)
    assert_type(reply, ChatCompletionResponse)
    page = client.models.list(zz_released_after=1)
    assert_type(page, ccapi.SyncPage[ModelSummary])
    assert_type(client.models.zz_retrieve("openai/gpt-4o-mini"), ModelSummary)


async def use_async(client: ccapi.AsyncCCAPI) -> None:
    assert_type(await client.models.zz_retrieve("x"), ModelSummary)
    client.chat.completions.create(model="openai/m", messages=[], zz_penalty="high")  # wrong: a str
"""


def test_the_added_surface_is_typed_for_mypy(altered: Path, tmp_path: Path) -> None:
    mypy = TOOLS / "mypy"
    if not mypy.exists():
        pytest.skip("mypy is not installed beside this interpreter")
    user = tmp_path / "user.py"
    user.write_text(textwrap.dedent(USER_CODE))
    env = {**os.environ, "MYPYPATH": str(altered)}
    result = subprocess.run(
        [str(mypy), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), str(user)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    # Exactly the one wrong line is rejected; every assert_type holds (so nothing is Any).
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("user.py:18: error:"), result.stdout


class _Catalog(BaseHTTPRequestHandler):
    """A gateway's GET /models that records the queries it is sent."""

    queries: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.queries.append(self.path.split("?", 1)[1] if "?" in self.path else "")
        page = {"object": "list", "data": [{"id": "openai/m", "object": "model"}], "total": 1, "limit": 100,
                "offset": 0, "has_more": False}  # fmt: skip
        data = json.dumps(page).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def test_the_command_line_lists_with_an_option_for_each_new_query_parameter(altered: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Catalog)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "PYTHONPATH": str(altered), "CCAPI_API_KEY": "sk-test",
           "CCAPI_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1", "COLUMNS": "200"}  # fmt: skip

    def ccapi(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ccapi._cli", "models", "list", *args], env=env,
                              capture_output=True, text=True, timeout=60, check=False)  # fmt: skip

    try:
        shown = ccapi("--help").stdout
        assert "--zz-released-after INTEGER" in shown
        assert "Only models released after this Unix time." in shown
        assert "--zz-open-weights / --no-zz-open-weights" in shown
        listed = ccapi("--zz-released-after", "1700000000", "--no-zz-open-weights", "--json")
        assert listed.returncode == 0, listed.stderr
        assert [model["id"] for model in json.loads(listed.stdout)] == ["openai/m"]
        assert "zz_released_after=1700000000" in _Catalog.queries[-1]
        assert "zz_open_weights=false" in _Catalog.queries[-1]
        sent = len(_Catalog.queries)
        refused = ccapi("--zz-released-after", "-1")
        assert refused.returncode != 0
        assert "zz_released_after must be at least 0" in refused.stderr
        assert len(_Catalog.queries) == sent  # checked before sending
        assert ccapi("--zz-released-after", "soon").returncode == 2  # a usage error: not an integer
    finally:
        server.shutdown()
        server.server_close()
