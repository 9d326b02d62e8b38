"""How each sandbox model answers `response_format: json_schema`, and how structured text is streamed.

A gateway of many providers meets every kind of model, so the catalogue has one of each (`CatalogModel.schema_style`):

- ``native``: honours the schema (the default);
- ``fenced``: ignores `response_format` and answers in prose, the JSON in a fenced ```json block;
- ``prose``: ignores it too, the JSON bare in the middle of a sentence;
- ``broken_first``: the first time, an object that breaks the schema (a required field missing, else a wrong type);
  a valid one once the conversation holds a repair: an earlier assistant answer followed by a user message (the
  validation errors, as an SDK sends them back);
- ``refuses``: sets the message's `refusal` and leaves `content` null.

The JSON a model writes mixes raw characters outside ASCII with `\\uXXXX` escapes, and is streamed in pieces cut
inside strings, between a backslash and what it escapes, inside `\\u` escapes and between the two halves of a
surrogate pair: where a careless client's partial parser breaks.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from typing import Any

from ._schema_values import schema_value

NATIVE = "native"
FENCED = "fenced"
PROSE = "prose"
BROKEN_FIRST = "broken_first"
REFUSES = "refuses"
STYLES = (NATIVE, FENCED, PROSE, BROKEN_FIRST, REFUSES)
HONOURS_SCHEMA = frozenset({NATIVE, BROKEN_FIRST, REFUSES})  # what the catalog's `structured_outputs` says

REFUSAL = "I'm sorry, but I can't help with that request."


def wanted_schema(request: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON schema a request's `response_format` asks for, or None."""
    response_format = request.get("response_format") or {}
    if not isinstance(response_format, dict) or response_format.get("type") != "json_schema":
        return None
    schema = (response_format.get("json_schema") or {}).get("schema")
    return schema if isinstance(schema, dict) else {}


def is_repair(messages: list[dict[str, Any]]) -> bool:
    """Whether the conversation sends an earlier answer back: an assistant message followed by a user message."""
    roles = [message.get("role") for message in messages]
    return any(role == "assistant" and "user" in roles[index + 1 :] for index, role in enumerate(roles))


def structured_answer(
    style: str, schema: dict[str, Any], messages: list[dict[str, Any]], said: str
) -> tuple[str | None, str | None]:
    """(content, refusal) of a model of `style` asked for `schema`; the same conversation, the same answer."""
    if style == REFUSES:
        return None, REFUSAL
    seed = hashlib.sha256(json.dumps([schema, messages], sort_keys=True, default=str).encode()).hexdigest()
    value = schema_value(schema, seed=seed, text=said)
    if style == BROKEN_FIRST and not is_repair(messages):
        return json_text(broken(schema, value)), None
    if style == FENCED:
        block = json_text(value, indent=2)
        return f"Here is the JSON you asked for:\n\n```json\n{block}\n```\n\nIt follows the schema you gave.", None
    if style == PROSE:
        return f"Sure! The answer is {json_text(value)} and I hope that helps.", None
    return json_text(value), None


def broken(schema: dict[str, Any], value: Any) -> Any:
    """`value` made invalid as models get it wrong: a required property dropped, else one of the wrong type, else
    not an object at all."""
    if isinstance(value, dict):
        required = [name for name in schema.get("required") or [] if name in value]
        if required:
            return {name: item for name, item in value.items() if name != required[0]}
        if value:
            name = next(iter(value))
            return {**value, name: {"unexpected": True} if not isinstance(value[name], dict) else 12345}
    return {"unexpected": value}


def json_text(value: Any, indent: int | None = None) -> str:
    """`value` as a model writes JSON: every other character outside ASCII raw, the others as `\\u` escapes
    (characters outside the BMP as surrogate pairs), so that a reader meets both."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    out = []
    escape = False
    for character in text:
        if ord(character) < 128:
            out.append(character)
            continue
        if escape:
            # Non-ASCII characters occur only inside JSON strings, where an escape means the same character.
            out.append(json.dumps(character)[1:-1])
        else:
            out.append(character)
        escape = not escape
    return "".join(out)


def awkward_pieces(text: str) -> list[str]:
    """`text` cut into stream pieces, a few characters each, with cuts inside every escape and next to every
    character outside ASCII; the pieces join back into `text`."""
    cuts = set()
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\":
            cuts.add(index + 1)  # between the backslash and what it escapes
            if text[index + 1 : index + 2] == "u":
                cuts.update((index + 4, index + 6))  # inside the hex digits; between the halves of a pair
            index += 6 if text[index + 1 : index + 2] == "u" else 2
            continue
        if ord(character) >= 128:
            cuts.update((index, index + 1))
        index += 1
    width = (3, 5, 8)
    position, turn = 0, 0
    while position < len(text):
        cuts.add(position)
        position += width[turn % len(width)]
        turn += 1
    ordered = sorted(cut for cut in cuts if 0 < cut < len(text))
    bounds = [0, *ordered, len(text)]
    return [text[start:end] for start, end in itertools.pairwise(bounds) if end > start]
