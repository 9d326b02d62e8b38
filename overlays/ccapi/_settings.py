"""A client's settings and a call's options: what the constructors and every public method accept, resolved from
the arguments, the environment and the defaults, and checked before anything is sent."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

import httpx

from . import _checks
from ._hooks import Hook as Hook
from ._hooks import Hooks as Hooks
from ._http import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from ._retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    from decimal import Decimal

    from ._failover import FailoverPolicy


class FromDict(Protocol):
    """A generated model class."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any], /) -> Self: ...


M = TypeVar("M", bound=FromDict)

DEFAULT_BASE_URL = "https://api.ccapi.ai/v1"
DEFAULT_MAX_RETRIES = 2
DEFAULT_FIRST_BYTE_TIMEOUT = 20.0
"""Seconds for a stream's headers: a gateway that takes a stream answers them at once, so a silent one is abandoned
(and with a fallback model, passed over) long before the read timeout."""
RAW_RESPONSE_MARKER = "X-CCAPI-Raw-Response"  # set by with_raw_response wrappers; never sent

Timeout = float | httpx.Timeout | None


class MissingAPIKeyError(ValueError):
    """No API key was given and CCAPI_API_KEY is not set."""


class ClientSettings:
    """A client's resolved configuration. The key is kept out of repr(). (A plain slotted class, not a dataclass:
    making a dataclass at import costs every program's start-up a millisecond.)"""

    __slots__ = (
        "api_key", "base_headers", "base_url", "budget", "default_headers", "failover", "fallback_models",
        "first_byte_timeout", "hooks", "meter_provider", "retry_policy", "timeout", "total_timeout", "trace_content",
        "tracer_provider", "tracing",
    )  # fmt: skip

    def __init__(
        self,
        api_key: str,
        base_url: str,
        timeout: httpx.Timeout,
        retry_policy: RetryPolicy,
        default_headers: Mapping[str, str],
        budget: Decimal | None = None,
        hooks: Hooks | None = None,
        tracing: bool = True,
        trace_content: bool = False,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        fallback_models: tuple[str, ...] = (),
        first_byte_timeout: float | None = DEFAULT_FIRST_BYTE_TIMEOUT,
        total_timeout: float | None = None,
        failover: FailoverPolicy | None = None,
    ) -> None:
        self.api_key = api_key
        self.base_url = base_url
        self.timeout = timeout
        self.retry_policy = retry_policy
        self.default_headers = default_headers
        self.budget = budget
        """The most the client and its copies may spend, in the catalog's currency; None for no limit."""
        self.hooks = hooks or Hooks()
        self.tracing = tracing
        """Whether calls make OpenTelemetry spans and metrics (when opentelemetry-api is installed)."""
        self.trace_content = trace_content
        """Whether spans carry the messages sent and received (off: prompts may be private)."""
        self.tracer_provider = tracer_provider
        self.meter_provider = meter_provider
        """OpenTelemetry providers for this client's spans and metrics; None for the application's global ones."""
        self.fallback_models = fallback_models
        """The models a call goes on with, in order, when its own model's answer fails (see `_failover`)."""
        self.first_byte_timeout = first_byte_timeout
        """Seconds for a stream's response to begin (its headers); None for the read timeout alone."""
        self.total_timeout = total_timeout
        """Seconds for a whole call, across all its attempts and models; None for no limit but the attempts'."""
        self.failover = failover
        """When to move on to a fallback model and how long a failing model is left alone (None: the defaults)."""
        self.base_headers = {
            "Authorization": f"Bearer {api_key}",
            "Accept": "application/json",
            "User-Agent": f"ccapi-python/{__version__}",
            **default_headers,
        }

    def __repr__(self) -> str:
        retries = self.retry_policy.max_retries
        return f"ClientSettings(base_url={self.base_url!r}, timeout={self.timeout!r}, max_retries={retries})"

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: Timeout,
        max_retries: int | None,
        retry_policy: RetryPolicy | None,
        default_headers: Mapping[str, str] | None,
        budget: object = None,
        on_request: Hook | None = None,
        on_response: Hook | None = None,
        on_error: Hook | None = None,
        tracing: bool = True,
        trace_content: bool = False,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        fallback_models: Any = None,
        first_byte_timeout: Any = DEFAULT_FIRST_BYTE_TIMEOUT,
        total_timeout: Any = None,
        failover: Any = None,
    ) -> ClientSettings:
        """Settings from the arguments, then the environment (CCAPI_API_KEY, CCAPI_BASE_URL), then defaults; each
        checked, so that a mistake is a ValueError or TypeError now rather than a failed request later."""
        key = api_key if api_key is not None else os.environ.get("CCAPI_API_KEY")
        if not key:
            raise MissingAPIKeyError(
                "No CCAPI API key: pass api_key=... or set the CCAPI_API_KEY environment variable "
                "(for the local sandbox, run `ccapi sandbox` and use the key it prints)."
            )
        url = base_url if base_url is not None else os.environ.get("CCAPI_BASE_URL") or DEFAULT_BASE_URL
        _checks.instance("retry_policy", retry_policy, RetryPolicy)
        policy = retry_policy or RetryPolicy()
        # An explicit policy keeps its own max_retries unless max_retries is given too.
        if max_retries is not None and _checks.retries("max_retries", max_retries) != policy.max_retries:
            policy = dataclasses.replace(policy, max_retries=max_retries)
        extra = _checks.headers("default_headers", default_headers) if default_headers is not None else {}
        limit = None
        if budget is not None:
            from ._budget import budget_value

            limit = budget_value(budget)
        for name, hook in (("on_request", on_request), ("on_response", on_response), ("on_error", on_error)):
            _checks.function(name, hook)
        _checks.instance("tracing", tracing, bool)
        _checks.instance("trace_content", trace_content, bool)
        fallbacks: tuple[str, ...] = ()
        if fallback_models is not None or failover is not None:
            from ._failover import FailoverPolicy, checked_fallback_models

            fallbacks = checked_fallback_models("fallback_models", fallback_models)
            _checks.instance("failover", failover, FailoverPolicy)
        return cls(
            _checks.api_key(key), _checks.base_url(url), _checks.timeout("timeout", timeout), policy, extra, limit,
            Hooks(on_request, on_response, on_error), tracing, trace_content, tracer_provider, meter_provider,
            fallbacks, _checks.seconds("first_byte_timeout", first_byte_timeout),
            _checks.seconds("total_timeout", total_timeout), failover,
        )  # fmt: skip


class CallOptions:
    """Per-call settings: what every public method accepts besides its own parameters. Checked when made, which
    the generated methods do before sending. (A plain slotted class: one is made for every call.)"""

    __slots__ = (
        "extra_body", "extra_headers", "extra_query", "fallback_models", "first_byte_timeout", "max_retries", "timeout",
        "total_timeout",
    )  # fmt: skip

    def __init__(
        self,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        *,
        fallback_models: Any = None,
        first_byte_timeout: float | None = None,
        total_timeout: float | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_retries = max_retries
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body
        self.fallback_models: tuple[str, ...] | None = None
        """This call's fallback models, in place of the client's (an empty list: none for this call)."""
        self.first_byte_timeout = first_byte_timeout
        self.total_timeout = total_timeout
        if fallback_models is not None:
            from ._failover import checked_fallback_models

            self.fallback_models = checked_fallback_models("fallback_models", fallback_models)
        if first_byte_timeout is not None:
            _checks.seconds("first_byte_timeout", first_byte_timeout)
        if total_timeout is not None:
            _checks.seconds("total_timeout", total_timeout)
        # Most calls pass none of these: the checks cost one comparison each then.
        if timeout is not None:
            _checks.timeout("timeout", timeout)
        if max_retries is not None:
            _checks.retries("max_retries", max_retries)
        if extra_headers is not None:
            _checks.headers("extra_headers", extra_headers)
        if extra_query is not None:
            _checks.mapping("extra_query", extra_query)
        if extra_body is not None:
            _checks.json_mapping("extra_body", extra_body)
