"""The helpers against the sandbox over loopback: a stream that breaks and begins again on a fallback model says so
with a `restart` event, and its snapshots are the serving model's; a flat schema and a tool call the sandbox
answers today; spend equals what the sandbox billed, repairs included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ccapi
from ccapi.testing import Faults, ModelFault, SandboxServer
from pydantic import BaseModel

PRIMARY, FALLBACK = "openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"


class Echo(BaseModel):
    answer: str


def _client(sandbox: SandboxServer, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def test_a_stream_cut_on_its_model_restarts_on_the_fallback_with_a_restart_event(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(models={PRIMARY: ModelFault("cut", after=3)})
    ask = [{"role": "user", "content": "tell me a rather long story about the sea"}]
    with (
        _client(ccapi_sandbox, fallback_models=[FALLBACK]) as client,
        client.chat.completions.stream(model=PRIMARY, messages=ask) as stream,
    ):
        events = list(stream)
        final = stream.get_final_completion()
    kinds = [event.type for event in events]
    assert kinds.count("restart") == 1
    restart = next(event for event in events if event.type == "restart")
    assert restart.restart.model == PRIMARY
    assert restart.restart.next_model == FALLBACK
    after = events[kinds.index("restart") + 1 :]
    deltas = [event for event in after if event.type == "content.delta"]
    assert deltas[0].snapshot == deltas[0].delta  # the snapshot begins again
    assert final.model == FALLBACK
    assert final.choices[0].message.content == deltas[-1].snapshot
    assert (final.choices[0].message.content or "").startswith(f"[{FALLBACK}]")


def test_a_flat_schema_parses_and_spend_is_what_the_sandbox_billed(ccapi_sandbox: SandboxServer) -> None:
    ask = [{"role": "user", "content": "say hi"}]
    with _client(ccapi_sandbox) as client:
        completion = client.chat.completions.parse(model=PRIMARY, messages=ask, response_format=Echo)
        assert completion.choices[0].message.parsed is not None
        assert client.spend.total == client.cost_of(completion) > Decimal(0)


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


def _billed(sandbox: SandboxServer, since: int) -> Decimal:
    """What the sandbox billed for the chats it served since `since`, at its catalog's prices."""
    prices = {model.id: model for model in sandbox.state.catalog.models}
    total = Decimal(0)
    for bill in sandbox.billed[since:]:
        price = prices[bill.model]
        total += bill.prompt_tokens * Decimal(str(price.input_cost)) + bill.completion_tokens * Decimal(
            str(price.output_cost)
        )
    return total / 1_000_000


def test_on_every_chat_model_parse_returns_a_valid_object_or_a_structured_output_error_and_spend_is_billed(
    ccapi_sandbox: SandboxServer,
) -> None:
    ask = [{"role": "user", "content": "solve 8x + 31 = 2"}]
    chat_models = [model.id for model in ccapi_sandbox.state.catalog.models if model.type == "text"]
    assert chat_models
    with _client(ccapi_sandbox) as client:
        for model in chat_models:
            outcome: Any
            try:
                outcome = client.chat.completions.parse(model=model, messages=ask, response_format=MathResponse)
            except ccapi.StructuredOutputError as error:
                outcome = error
            if isinstance(outcome, ccapi.StructuredOutputError):
                assert len(outcome.attempts) == 2  # the first answer and one repair
                assert outcome.errors
            else:
                assert isinstance(outcome.choices[0].message.parsed, MathResponse)
        assert client.spend.total == _billed(ccapi_sandbox, 0)
        assert client.spend.calls == len(ccapi_sandbox.billed)


def test_a_runner_calls_the_sandboxs_tool_and_ends_on_its_answer(ccapi_sandbox: SandboxServer) -> None:
    seen: list[str] = []

    @ccapi.tool
    def lookup(query: str) -> str:
        """Look something up."""
        seen.append(query)
        return "forty-two"

    ask = [{"role": "user", "content": "please lookup the answer"}]
    with _client(ccapi_sandbox) as client:
        runner = client.chat.completions.run_tools(model=PRIMARY, messages=ask, tools=[lookup])
        final = runner.until_done()
    assert seen == ["please lookup the answer"]
    assert len(runner.steps) == 2
    assert final.choices[0].message.content == "The tool answered: forty-two"
