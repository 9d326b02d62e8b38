"""A Failover Bench adapter for ccapi (github.com/failoverbench/failoverbench, methodology v0.1).

The bench's fake provider (its "wall") speaks the OpenAI chat API; ccapi talks to it as to a gateway, each model
named with a provider prefix (`openai/fb-s01-...`), which the wall ignores. Two configurations, chosen by the
system file's `params`:

- `fallback: false` (ccapi's defaults): one model, ccapi's own retries, timeouts and deadlines;
- `fallback: true` (ccapi's defaults plus `fallback_models=[the scenario's fallback]`).

Nothing else departs from ccapi's defaults. The system files the bench reads::

    name: ccapi
    adapter: benchmarks.failoverbench_ccapi:CCAPIAdapter
    params: {fallback: false}

    name: ccapi-fallback
    adapter: benchmarks.failoverbench_ccapi:CCAPIAdapter
    params: {fallback: true}
    capabilities: {fallback: true}

Run from a checkout of the bench with this repository on PYTHONPATH (see benchmarks/README section in the
project README): `python -m failoverbench run --system systems/ccapi.yaml --profile fast`.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

import ccapi
from failoverbench.adapters.base import Adapter, CallResult  # type: ignore[import-not-found]

PREFIX = "openai/"  # ccapi model ids name their provider; the wall keys on what follows the last slash


class CCAPIAdapter(Adapter):  # type: ignore[misc]
    name = "ccapi"
    capabilities: ClassVar[dict[str, bool]] = {"fallback": False, "streaming": True}

    def __init__(self, params: dict[str, Any], wall_base: str) -> None:
        super().__init__(params, wall_base)
        self.fallback = bool(self.params.get("fallback", False))
        if self.fallback:
            self.capabilities = {"fallback": True, "streaming": True}

    async def start(self) -> None:
        self.client = ccapi.AsyncCCAPI(api_key="failoverbench", base_url=self.wall_base + "/v1")

    async def complete(
        self, primary: str, fallback: str | None, stream: bool, messages: list[dict[str, Any]], deadline_s: float
    ) -> CallResult:
        started = time.monotonic()

        def elapsed() -> float:
            return round(time.monotonic() - started, 3)

        options: dict[str, Any] = {"model": PREFIX + primary, "messages": messages}
        if self.fallback and fallback:
            options["fallback_models"] = [PREFIX + fallback]
        parts: list[str] = []
        usage: dict[str, Any] | None = None
        model: str | None = None
        first: float | None = None
        chunks = 0
        try:
            if not stream:
                reply = await self.client.chat.completions.create(**options)
                content = reply.choices[0].message.content if reply.choices else ""
                usage = reply.usage.to_dict() if reply.usage else None
                return CallResult(ok=True, content=content or "", reported_model=str(reply.model), usage=usage,
                                  elapsed_s=elapsed(), ttft_s=elapsed())  # fmt: skip
            answer = await self.client.chat.completions.create(
                **options, stream=True, stream_options={"include_usage": True}
            )
            async with answer:
                restarts = 0
                async for chunk in answer:
                    if len(getattr(answer, "restarts", ())) != restarts:
                        # The stream began again from scratch on another model: what came before is not the answer.
                        restarts, parts, usage = len(answer.restarts), [], None
                    chunks += 1
                    model = str(chunk.model) if chunk.model else model
                    if chunk.usage:
                        usage = chunk.usage.to_dict()
                    for choice in chunk.choices or []:
                        if choice.delta and choice.delta.content:
                            first = first if first is not None else elapsed()
                            parts.append(choice.delta.content)
            return CallResult(ok=True, content="".join(parts), reported_model=model, usage=usage,
                              elapsed_s=elapsed(), ttft_s=first, chunks=chunks)  # fmt: skip
        except ccapi.CCAPIError as error:
            status = getattr(error, "status_code", None)
            return CallResult(ok=False, status=status, error_code=getattr(error, "code", None),
                              error=f"{type(error).__name__}: {str(error)[:300]}", elapsed_s=elapsed(),
                              content="".join(parts), reported_model=model, usage=usage, ttft_s=first,
                              chunks=chunks)  # fmt: skip

    async def close(self) -> None:
        await self.client.close()
