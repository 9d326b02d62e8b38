"""A model id without its provider is refused before sending with the id it likely means, not the spec's regex."""

from __future__ import annotations

from typing import Any

import pytest
from ccapi._checks import model_id_guess

from .conftest import Recorder, make_client, ok

MESSAGES = [{"role": "user", "content": "Hi"}]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"model": "gpt-4o-mini"}, "model must be a model id with its provider, provider/model, not 'gpt-4o-mini': "
                                   "did you mean 'openai/gpt-4o-mini'?"),
        ({"model": "claude-sonnet-4-6"}, "did you mean 'anthropic/claude-sonnet-4-6'?"),
        ({"models": ["openai/gpt-4o", "gemini-2.5-flash"]}, "models[1] must be a model id with its provider, "
                                                            "provider/model, not 'gemini-2.5-flash': did you mean "
                                                            "'google/gemini-2.5-flash'?"),
        ({"model": "my-own-model"}, "not 'my-own-model' (such as 'openai/gpt-4o-mini')"),
    ],
)  # fmt: skip
def test_a_model_id_without_its_provider_is_refused_with_a_suggestion(arguments: dict[str, Any], message: str) -> None:
    recorder = Recorder(ok())
    with make_client(recorder) as client, pytest.raises(ValueError, match="provider") as refused:
        client.chat.completions.create(messages=MESSAGES, **arguments)
    assert message in str(refused.value)
    assert "^[" not in str(refused.value)  # no regex for a newcomer to decode
    assert recorder.requests == []


def test_speech_and_images_suggest_too() -> None:
    recorder = Recorder(ok())
    with make_client(recorder) as client:
        with pytest.raises(ValueError, match=r"did you mean 'openai/tts-1'\?"):
            client.audio.speech.create(model="tts-1", input="Hi", voice="alloy")
        with pytest.raises(ValueError, match=r"did you mean 'openai/dall-e-3'\?"):
            client.images.generate(model="dall-e-3", prompt="a ledger")
    assert recorder.requests == []


def test_a_catalog_s_ids_decide_before_the_prefixes() -> None:
    known = ["imaginepro/nano-banana", "openai/gpt-4o-mini"]
    assert model_id_guess("nano-banana", known) == "imaginepro/nano-banana"
    assert model_id_guess("nano-banana") == "google/nano-banana"
    assert model_id_guess("GPT-4o-mini") == "openai/GPT-4o-mini"
    assert model_id_guess("openai/gpt-4o") is None
