"""What an answer's text holds: the JSON value a model meant, whether it answered with JSON alone, in a fenced block,
or with prose around it, and why it does not validate when it does not.

Models that ignore `response_format` still tend to write the object somewhere; taking it from where it is costs
nothing, where asking again costs a request. What is taken must still validate: nothing is guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_FENCE = re.compile(r"```[ \t]*(?:json|JSON|json5)?[ \t]*\n(.*?)```", re.DOTALL)


def candidates(text: str) -> Iterator[str]:
    """The places JSON may be in `text`, most likely first: the whole text, each fenced block, then each balanced
    `{...}` or `[...]` span (outermost, in order)."""
    stripped = text.strip()
    if stripped:
        yield stripped
    for match in _FENCE.finditer(text):
        yield match.group(1).strip()
    yield from _balanced_spans(text)


def _balanced_spans(text: str) -> Iterator[str]:
    """Each outermost span that opens with `{` or `[` and closes where its brackets balance (strings skipped)."""
    start, depth, in_string, escaped = -1, 0, False, False
    for at, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"' and depth:
            in_string = True
        elif char in "{[":
            if depth == 0:
                start = at
            depth += 1
        elif char in "}]" and depth:
            depth -= 1
            if depth == 0:
                yield text[start : at + 1]


class Extracted(Generic[T]):
    """The outcome of reading one answer: `ok` and its `value`, or the `errors` that say why not (for a repair)."""

    def __init__(self, ok: bool, value: T | None, errors: list[str]) -> None:
        self.ok = ok
        self.value = value
        self.errors = errors


def extract(text: str | None, validate: Callable[[Any], T]) -> Extracted[T]:
    """The first JSON value in `text` that `validate` accepts; else the errors of the most likely one that is JSON
    (or, if none is, why the text is not JSON)."""
    if text is None or not text.strip():
        return Extracted(False, None, ["the answer has no content: a JSON value was expected"])
    first_errors: list[str] | None = None
    for candidate in candidates(text):
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        try:
            return Extracted(True, validate(value), [])
        except Exception as error:  # pydantic's ValidationError, or whatever a validator raises
            if first_errors is None:
                first_errors = describe(error)
    if first_errors is None:
        try:
            json.loads(text)
        except ValueError as error:
            first_errors = [f"the answer is not JSON: {error}"]
    return Extracted(False, None, first_errors or ["the answer holds no JSON value"])


def describe(error: BaseException) -> list[str]:
    """One line each for what did not validate (`steps.0.output: Field required`)."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        try:
            found = errors(include_url=False)
        except TypeError:
            found = errors()
        lines = []
        for item in found:
            where = ".".join(str(part) for part in item.get("loc", ())) or "(the value)"
            lines.append(f"{where}: {item.get('msg', 'invalid')}")
        if lines:
            return lines
    return [f"{type(error).__name__}: {error}"]
