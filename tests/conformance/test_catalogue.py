"""The conformance catalogue (catalogue.json) run against the Python SDK, through its public API only, on the
sandbox over a real socket. The TypeScript driver (catalogue.test.mjs) runs the same file against the TypeScript
SDK; with CCAPI_CONFORMANCE_TRANSCRIPTS set, both write one normalised transcript line per scenario there, and
`nox -s conformance` requires the two to be identical."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import ccapi
import pytest
from ccapi.testing import Faults, SandboxServer

from tools.ports import free_port

from . import helper_calls
from .control import apply, received_since

CATALOGUE = json.loads((Path(__file__).parent / "catalogue.json").read_text(encoding="utf-8"))
SCENARIOS = {scenario["name"]: scenario for scenario in CATALOGUE["scenarios"]}
# Hand-written helpers (`chat.completions.parse`): the operation each sends, whose requests are its attempts.
HELPERS = {op: sent.split(" ", 1) for op, sent in CATALOGUE["helpers"].items() if op != "about"}
SHAPES = CATALOGUE["shapes"]
TRANSCRIPTS = os.environ.get("CCAPI_CONFORMANCE_TRANSCRIPTS")
ONLY = os.environ.get("CCAPI_CONFORMANCE_ONLY")  # a comma-separated subset, for a quick run


def _client(sandbox: SandboxServer, options: dict[str, Any]) -> ccapi.CCAPI:
    base_url = sandbox.base_url
    if options.get("base_url") == "closed":
        base_url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    settings: dict[str, Any] = {"api_key": options.get("api_key", sandbox.api_key), "base_url": base_url}
    if "max_retries" in options:
        settings["max_retries"] = options["max_retries"]
    if "timeout" in options:
        settings["timeout"] = options["timeout"]
    if "max_repairs" in options:
        settings["max_repairs"] = options["max_repairs"]
    if "retry_policy" in options:
        settings["retry_policy"] = ccapi.RetryPolicy(
            max_retries=options.get("max_retries", 2), **options["retry_policy"]
        )
    return ccapi.CCAPI(**settings)


def _method(client: ccapi.CCAPI, op: str) -> Any:
    target: Any = client
    for part in op.split("."):
        target = getattr(target, part)
    return target


def _read(client: ccapi.CCAPI, call: dict[str, Any]) -> str:
    """Make the call and read its result as the catalogue's `read` says; the text to compare."""
    args, read = dict(call["args"]), call["read"]
    extra: dict[str, Any] = {}
    if "timeout" in call.get("options", {}):
        extra["timeout"] = call["options"]["timeout"]
    wait_timeout = call.get("wait_timeout", 30.0)
    if call["op"] in HELPERS:
        return helper_calls.read(client, call["op"], args, read, SHAPES)
    if read == "raw":
        raw = _method(client, call["op"].replace(".create", ".with_raw_response.create"))(**args, **extra)
        return f"{raw.status_code}:{'request-id' if raw.request_id else 'none'}"
    result = _method(client, call["op"])(**args, **extra)
    if read == "completion":
        return str(result.choices[0].message.content)
    if read == "stream_text":
        with result as stream:
            return "".join(stream.iter_text())
    if read == "stream_final":
        with result as stream:
            final = stream.final_completion()
        usage = final.usage.total_tokens if final.usage else None
        return f"{final.choices[0].message.content}|{final.choices[0].finish_reason}|{usage}"
    if read == "stream_early":
        with result as stream:
            seen = 0
            for _chunk in stream:
                seen += 1
                if seen == 2:
                    break
        return f"{seen} chunks"
    if read == "speech":
        kind = "url" if result.url else "b64" if result.b64_json else "none"
        return f"{result.output_format}:{kind}:{'bytes' if result.content else 'empty'}"
    if read == "images":
        return f"{len(result.data)} images"
    if read in ("job_wait", "job_resume"):
        job = client.images.jobs.resume(result.id) if read == "job_resume" else result
        final = job.wait(timeout=wait_timeout)
        return f"{final.status}:{len(final.data or [])}"
    if read == "job_retrieve":
        return "same id" if client.images.jobs.retrieve(result.id).id == result.id else "another id"
    if read == "page_all":
        return f"{len(list(result))} items"
    if read == "page_first":
        return f"{result.total} total: {','.join(model.id for model in result.data)}"
    if read == "provider":
        return str(result.name)
    if read == "retrieve":
        return "retrieved"
    raise AssertionError(f"the catalogue names an unknown read: {read}")


def _idempotency(attempts: list[dict[str, Any]]) -> str:
    keys = {seen["idempotency_key"] for seen in attempts}
    if keys == {None} or not attempts:
        return "none"
    return "one-key" if len(keys) == 1 else "differing"


def run_scenario(sandbox: SandboxServer, scenario: dict[str, Any]) -> tuple[dict[str, Any], float, int]:
    """Run one scenario: its normalised transcript line, the seconds it took and the job polls the server saw."""
    mark = apply(sandbox, scenario.get("sandbox", {}))
    billed = len(sandbox.billed)
    line: dict[str, Any] = {"name": scenario["name"], "outcome": "ok", "status": None, "code": None, "text": None}
    started = time.monotonic()
    with _client(sandbox, scenario.get("client", {})) as client:
        try:
            line["text"] = _read(client, scenario["call"])
        except ccapi.CCAPIError as error:
            line["outcome"] = type(error).__name__
            line["status"] = getattr(error, "status_code", None)
            code = getattr(error, "code", None)
            if isinstance(error, ccapi.ImageJobFailedError):
                code = error.error.code if error.error is not None else None
            line["code"] = code if isinstance(code, str) else None
        except (ValueError, TypeError) as error:  # a wrong argument, refused before sending
            line["outcome"] = "ArgumentError"
            line["text"] = helper_calls.argument_error(error)
        elapsed = time.monotonic() - started
        if "billed" in scenario["expect"]:
            line["billed"] = len(sandbox.billed) - billed
            # Spend is the Python SDK's own: what it charged must be what the sandbox billed, repairs included.
            spent, cost = client.spend.total, helper_calls.billed_cost(sandbox, billed)
            assert spent == cost, f"spend {spent} is not what the sandbox billed, {cost}"
    seen = received_since(sandbox, mark)
    counted = HELPERS.get(scenario["call"]["op"])
    first = tuple(counted) if counted else (seen[0]["method"], seen[0]["path"]) if seen else None
    attempts = [request for request in seen if (request["method"], request["path"]) == first]
    line["attempts"] = len(attempts)
    polls = sum(1 for request in seen if request["method"] == "GET" and "/images/jobs/" in request["path"])
    line["idempotency"] = _idempotency(attempts)
    return line, elapsed, polls


def check(line: dict[str, Any], elapsed: float, polls: int, expect: dict[str, Any]) -> None:
    for key in ("outcome", "status", "code", "attempts", "idempotency", "text", "billed"):
        if key in expect:
            assert line[key] == expect[key], f"{key}: expected {expect[key]!r}, got {line[key]!r} ({line})"
    if "seconds" in expect:
        low, high = expect["seconds"]
        assert low <= elapsed <= high, f"took {elapsed:.2f} s, expected between {low} and {high}"
    if "polls" in expect:
        fewest, most = expect["polls"]
        assert fewest <= polls <= most, f"polled {polls} times, expected between {fewest} and {most}"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.mark.parametrize("name", [name for name in SCENARIOS if not ONLY or name in ONLY.split(",")])
def test_scenario(sandbox: SandboxServer, name: str) -> None:
    scenario = SCENARIOS[name]
    line, elapsed, polls = run_scenario(sandbox, scenario)
    if TRANSCRIPTS:
        folder = Path(TRANSCRIPTS)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.json").write_text(
            json.dumps(line, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
        )
    check(line, elapsed, polls, scenario["expect"])


def test_the_catalogue_covers_every_operation_and_every_fault(spec: dict[str, Any]) -> None:
    operations = {
        f"{operation['x-ccapi-resource']}.{operation['x-ccapi-method']}"
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "x-ccapi-resource" in operation
    }
    called = {scenario["call"]["op"] for scenario in SCENARIOS.values()}
    polled = {"images.jobs.retrieve"} if any(s["call"]["read"] == "job_retrieve" for s in SCENARIOS.values()) else set()
    assert operations <= called | polled, f"operations no scenario calls: {sorted(operations - called - polled)}"
    assert set(HELPERS) <= called, f"helpers no scenario calls: {sorted(set(HELPERS) - called)}"
    sent = {" ".join(request) for request in HELPERS.values()}
    paths = {f"{method.upper()} /v1{path}" for path, item in spec["paths"].items() for method in item}
    assert sent <= paths, f"helpers that send no operation of the spec: {sorted(sent - paths)}"
    faults = {field.name for field in attrs.fields(Faults)}
    used = {key for scenario in SCENARIOS.values() for key in scenario.get("sandbox", {}).get("faults", {})}
    assert faults <= used, f"faults no scenario injects: {sorted(faults - used)}"
    statuses = {
        s["sandbox"]["faults"].get("error_status")
        for s in SCENARIOS.values()
        if "sandbox" in s and "faults" in s["sandbox"]
    }
    assert {402, 500, 502, 503, 504} <= statuses, "every error status the sandbox documents has a scenario"
