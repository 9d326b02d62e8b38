"""Checks on the arguments the spec does not describe (client settings, per-call options, policies, waits), made
before anything is sent. Each error names the parameter; none echoes the API key. (Request fields and parameters
are checked by the generated code, from the spec.)"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx

_TIMEOUT_PARTS = ("connect", "read", "write", "pool")


def seconds(name: str, value: object, *, allow_none: bool = True) -> float | None:
    """A duration: a finite number of seconds, 0 or more (or None where that means 'no limit' or 'the default')."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of seconds, 0 or more, not {value!r}")
    return float(value)


def timeout(name: str, value: object) -> httpx.Timeout:
    """A timeout as httpx takes it: seconds, an httpx.Timeout, or None (no timeout)."""
    if isinstance(value, httpx.Timeout):
        for part in _TIMEOUT_PARTS:
            seconds(f"{name}.{part}", getattr(value, part))
        return value
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise TypeError(f"{name} must be seconds, an httpx.Timeout or None, not {type(value).__name__}")
    return httpx.Timeout(seconds(name, value))


def retries(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, not {value}")
    return value


def headers(name: str, value: object) -> dict[str, str]:
    """Header names and values that can go on the wire: strings, with no line breaks or other control characters
    (httpx would refuse them only while sending, with the value in its message)."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of header names to values, not {type(value).__name__}")
    checked = {}
    for key, text in value.items():
        if not isinstance(key, str) or not isinstance(text, str):
            raise TypeError(f"{name} must map strings to strings; {key!r} does not")
        if not key or _has_control(key) or " " in key or _has_control(text):
            raise ValueError(f"{name}[{key!r}] has a character a header cannot carry (a line break?)")
        checked[key] = text
    return checked


def mapping(name: str, value: object) -> None:
    if value is not None and not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping, not {type(value).__name__}")


def json_mapping(name: str, value: object) -> None:
    """A mapping that can be sent as JSON (httpx would fail on it only while sending)."""
    mapping(name, value)
    import json

    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must hold only JSON values: {error}") from None


def api_key(value: object) -> str:
    """The key: a string with no whitespace or control characters. The error never shows it."""
    if not isinstance(value, str):
        raise TypeError(f"api_key must be a string, not {type(value).__name__}")
    if any(char.isspace() or _is_control(char) for char in value):
        raise ValueError(
            "api_key has whitespace or a control character in it (a trailing newline from a file?); "
            "it was not used. Strip it, or check CCAPI_API_KEY."
        )
    return value


def base_url(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"base_url must be a string, not {type(value).__name__}")
    if not value.startswith(("http://", "https://")) or _has_control(value) or " " in value:
        raise ValueError(f"base_url must be an http:// or https:// URL, not {_without_userinfo(value)[:100]!r}")
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError):
        url = None
    if url is None or not url.host:
        raise ValueError(
            f"base_url must be an http:// or https:// URL with a host, not {_without_userinfo(value)[:100]!r}"
        )
    if url.userinfo:
        # httpx would send them as Basic auth in place of the key, and every error message and log line that names
        # the URL would carry them.
        raise ValueError(
            "base_url must not carry credentials (user:pass@): the API key authenticates each call "
            f"(got {_without_userinfo(value)[:100]!r})"
        )
    return value.rstrip("/")


def _without_userinfo(url: str) -> str:
    """`url` with any `user:pass@` shown as `[redacted]@`, for the messages that refuse it."""
    return re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)?[^/?#@]*@", r"\1[redacted]@", url)


def path(value: object) -> str:
    """A path for the low-level `request`/`get`/`post`: a string with no control characters (which no URL can carry;
    httpx would refuse them only while sending)."""
    if not isinstance(value, str):
        raise TypeError(f"path must be a string, not {type(value).__name__}")
    if _has_control(value):
        raise ValueError(f"path has a control character in it, which a URL cannot carry: {value[:100]!r}")
    return value


def instance(name: str, value: object, kind: type[Any]) -> None:
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__} (or None), not {type(value).__name__}")


def function(name: str, value: object) -> None:
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be callable (or None), not {type(value).__name__}")


def callables(owner: str, **values: Callable[..., Any]) -> None:
    for name, value in values.items():
        if not callable(value):
            raise TypeError(f"{owner}.{name} must be callable, not {type(value).__name__}")


def _is_control(char: str) -> bool:
    return ord(char) < 32 or ord(char) == 127


def _has_control(text: str) -> bool:
    return any(_is_control(char) for char in text)


MODEL_ID_PATTERN = r"^[^/\s]+/\S+$"
"""The spec's pattern of a model id (`provider/model`), whose mismatch gets a suggestion rather than the regex."""

PROVIDER_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("openai", ("gpt-", "gpt4", "chatgpt", "o1", "o3", "o4", "dall-e", "tts-", "whisper", "sora", "text-embedding")),
    ("anthropic", ("claude",)),
    ("google", ("gemini", "gemma", "imagen", "veo", "nano-banana")),
    ("deepseek", ("deepseek",)),
    ("elevenlabs", ("eleven",)),
    ("imaginepro", ("midjourney",)),
    ("runway", ("gen-3", "gen-4")),
    ("stabilityai", ("stable-diffusion", "sdxl")),
)
"""Which provider a model id without one most likely belongs to, by how its name begins: a guess made without the
network, for the suggestion only (nothing is ever sent under a guessed name)."""


def model_id_guess(value: str, known: Iterable[str] = ()) -> str | None:
    """The `provider/model` id a provider-less `value` most likely means: the one model of `known` (a catalog's ids)
    of that name if there is one, else the provider its name's beginning points to; None when nothing fits."""
    name = value.strip()
    if not name or "/" in name or any(char.isspace() for char in name):
        return None
    matches = [model for model in known if model.partition("/")[2].lower() == name.lower()]
    if len(matches) == 1:
        return matches[0]
    lowered = name.lower()
    for provider, prefixes in PROVIDER_PREFIXES:
        if lowered.startswith(prefixes):
            return f"{provider}/{name}"
    return None


def pattern_mismatch(where: str, value: object, pattern: str) -> ValueError:
    """The error for a string that does not match its pattern in the spec; for a model id, what it needs (its
    provider) and, where one can be guessed, the id it likely means, rather than the regex."""
    if value == "":
        return ValueError(f"{where} must not be empty")
    if pattern == MODEL_ID_PATTERN and isinstance(value, str):
        guess = model_id_guess(value)
        hint = f": did you mean {guess!r}?" if guess else " (such as 'openai/gpt-4o-mini')"
        return ValueError(f"{where} must be a model id with its provider, provider/model, not {value!r}{hint}")
    return ValueError(f"{where} must be matching {pattern}, not {value!r}")
