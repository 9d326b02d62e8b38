"""What every command shares: the global options' settings (and the client made from them), and the common options.
The command modules import this; the command group (`_app`) imports them, never the other way round."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

import ccapi

F = TypeVar("F", bound=Callable[..., Any])


class Settings:
    """What every command needs to reach the API; the client is made on first use."""

    def __init__(self, base_url: str | None, api_key: str | None, timeout: float | None) -> None:
        self.base_url = base_url
        self.api_key = api_key
        self.timeout = timeout

    @functools.cached_property
    def client(self) -> ccapi.CCAPI:
        options: dict[str, Any] = {"api_key": self.api_key, "base_url": self.base_url}
        if self.timeout is not None:
            options["timeout"] = self.timeout
        return ccapi.CCAPI(**options)


pass_settings = click.make_pass_decorator(Settings)


def json_option(command: F) -> F:
    """`--json`: print the result as JSON (for scripts) instead of tables and text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables and text.")(command)
