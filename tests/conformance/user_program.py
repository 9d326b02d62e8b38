"""The Python twin of clients/typescript/examples/user-program.ts: the same calls, the same printed lines. Runs
against the sandbox (CCAPI_BASE_URL, CCAPI_API_KEY), asking it for faults through CCAPI_SANDBOX_CONTROL."""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any

import ccapi

CONTROL = os.environ["CCAPI_SANDBOX_CONTROL"]


def sandbox(settings: dict[str, Any]) -> None:
    request = urllib.request.Request(f"{CONTROL}/scenario", data=json.dumps(settings).encode(), method="POST")  # noqa: S310 (loopback)
    with urllib.request.urlopen(request) as response:  # noqa: S310 (loopback)
        assert response.status == 200


def main() -> None:
    client = ccapi.CCAPI(retry_policy=ccapi.RetryPolicy(initial_delay=0.05, max_delay=0.2))
    messages = [{"role": "user", "content": "Outline a launch plan for CCAPI."}]
    sandbox({})

    reply = client.chat.completions.create(model="openai/gpt-4o-mini", messages=messages)
    print("chat:", reply.choices[0].message.content, "- served by", reply.provider)

    with client.chat.completions.create(
        model="openai/gpt-4o-mini", messages=messages, stream=True, stream_options={"include_usage": True}
    ) as stream:
        final = stream.final_completion()
    print("stream:", final.choices[0].message.content, "| tokens:", final.usage.total_tokens if final.usage else None)

    pieces = ""
    with client.chat.completions.create(model="openai/gpt-4o-mini", messages=messages, stream=True) as early:
        for chunk in early:
            pieces += chunk.choices[0].delta.content or "" if chunk.choices else ""
            if pieces:
                break
    print("left early after:", pieces)

    job = client.images.generate_multimodal(
        model="imaginepro/nano-banana",
        contents=[{"text": "A watercolor of CCAPI routing packets through a forest"}],
        parameters={"aspect_ratio": "16:9", "num_images": 2},
    )
    statuses: set[str] = set()
    result = job.wait(timeout=30, on_progress=lambda latest: statuses.add(str(latest.status)))
    count = len(result.data) if result.data else None
    print(
        "job:", result.status, "with", count, "images; seen completed:", "true" if "completed" in statuses else "false"
    )

    started = client.images.generate_multimodal(model="imaginepro/nano-banana", contents=[{"text": "a lighthouse"}])
    resumed = client.images.jobs.resume(started.id).wait(timeout=30)
    same = "true" if resumed.id == started.id else "false"
    print("resumed:", same, resumed.status, len(resumed.data) if resumed.data else None)

    ids = [model.id for model in client.models.list(type="image", sort="id", limit=3)]
    print("image models:", len(ids), ids[0], "...", ids[-1])

    sandbox({"faults": {"error_status": 402, "error_count": 1}})
    try:
        client.providers.retrieve("openai")
    except ccapi.BillingError as error:
        print("402:", type(error).__name__, error.status_code, error.code)

    sandbox({"faults": {"stream_error_after": 2}})
    try:
        with client.chat.completions.create(model="openai/gpt-4o-mini", messages=messages, stream=True) as broken:
            for _chunk in broken:
                pass
    except ccapi.InternalServerError as error:
        print("error in the stream:", type(error).__name__, error.status_code, error.code)

    sandbox({"faults": {"rate_limit_first": 1, "retry_after": 0}})
    raw = client.providers.with_raw_response.retrieve("openai")
    print("429 retried:", raw.status_code, raw.parse().name)

    sandbox({"faults": {"error_status": 503, "error_count": 2}})
    page = client.models.list(provider="openai", limit=100)
    print("503 retried:", "true" if page.data else "false", "true" if page.total == len(page.data) else "false")


if __name__ == "__main__":
    main()
