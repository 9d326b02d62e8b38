"""The list commands' options for their operation's query parameters, read from the generated client: a query
parameter added to the spec is an option of its command after `nox -s generate`, with no change here.

`query_options(Models.list, handled={"provider", ...})` adds `--name` for each keyword of the generated method that
the command does not offer itself, typed from its annotation and documented from its docstring (the spec's
description); the command receives them as keyword arguments and passes the ones given on to the method.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

# The per-call options every generated method takes; not query parameters.
CALL_OPTIONS = frozenset({"timeout", "max_retries", "extra_headers", "extra_query", "extra_body"})


def _documented(method: Callable[..., Any]) -> dict[str, str]:
    """Each argument's text in a Google-style `Args:` section."""
    text = inspect.getdoc(method) or ""
    found: dict[str, str] = {}
    current = None
    for line in text.split("Args:", 1)[1].splitlines() if "Args:" in text else []:
        entry = re.match(r"^    (\w+): (.*)$", line)
        if entry:
            current = entry.group(1)
            found[current] = entry.group(2).strip()
        elif current and line.startswith("        "):
            found[current] += " " + line.strip()
        elif line.strip() and not line.startswith(" "):
            break
    return found


def _option_type(annotation: str) -> tuple[Any, bool]:
    """A click type for a generated annotation (a string, as the module postpones them); and whether it is a flag."""
    literal = re.search(r"Literal\[([^\]]*)\]", annotation)
    if literal:
        return click.Choice(re.findall(r"['\"]([^'\"]*)['\"]", literal.group(1))), False
    kinds = set(re.findall(r"\b(bool|int|float|str)\b", annotation))
    if kinds == {"bool"}:
        return None, True
    if kinds == {"int"}:
        return int, False
    if kinds <= {"int", "float"} and kinds:
        return float, False
    return str, False


def query_options(method: Callable[..., Any], handled: Iterable[str]) -> Callable[[F], F]:
    """A decorator adding an option for each keyword of `method` not in `handled` (nor a per-call option)."""
    skip = set(handled) | CALL_OPTIONS
    documented = _documented(method)
    parameters = [
        parameter
        for parameter in inspect.signature(method).parameters.values()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.name not in skip
    ]

    def decorate(command: F) -> F:
        for parameter in reversed(parameters):  # click lists options in the order they are applied, last first
            flag = "--" + parameter.name.replace("_", "-")
            kind, is_flag = _option_type(str(parameter.annotation))
            help_text = documented.get(parameter.name, "") or f"The `{parameter.name}` query parameter."
            if is_flag:
                option = click.option(f"{flag}/--no-{flag[2:]}", parameter.name, default=None, help=help_text)
            else:
                option = click.option(flag, parameter.name, type=kind, default=None, help=help_text)
            command = option(command)
        return command

    return decorate


def given(query: dict[str, Any]) -> dict[str, Any]:
    """The options given on the command line (click passes the others as None)."""
    return {name: value for name, value in query.items() if value is not None}
