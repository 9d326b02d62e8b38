"""The sandbox's shared state, and the JSON error and success responses every handler uses."""

from __future__ import annotations

import collections
import secrets
import time
from typing import Any

import attrs
from starlette.responses import JSONResponse

from ._catalog import FUTURE_MODEL, Catalog
from ._config import Faults, SandboxConfig
from ._filler import ResponseFiller
from ._idempotency import IdempotencyRecord
from ._jobs import JobStore
from ._media import FileStore
from ._responses import error_response as error_response
from ._spec import SpecValidator, load_spec

EXTRA_FIELD = "sandbox_added_field"


class DeliberateDrop(Exception):
    """Raised inside a stream to make the server drop the connection, as a failing network would."""


@attrs.frozen
class Billed:
    """What the sandbox charged for one answer it served, as a gateway bills it: the model and the units used."""

    request_id: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


@attrs.frozen
class ReceivedRequest:
    """What the sandbox saw of one API request, for tests to inspect."""

    method: str
    path: str
    request_id: str
    idempotency_key: str | None
    headers: dict[str, str]


def with_extras(value: Any) -> Any:
    """`value` with a field the spec does not know added to every object in it."""
    if isinstance(value, dict):
        return {
            **{key: with_extras(item) for key, item in value.items()},
            EXTRA_FIELD: {"since": "a later spec"},
        }
    if isinstance(value, list):
        return [with_extras(item) for item in value]
    return value


class SandboxState:
    """Config, catalog, jobs, files and fault counters of one sandbox app."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.validator = SpecValidator(load_spec())
        self.filler = ResponseFiller(self.validator.spec)
        self.files = FileStore()
        self.jobs = JobStore(lambda: self.config.clock())
        self.received: collections.deque[ReceivedRequest] = collections.deque(maxlen=10_000)
        self.billed: collections.deque[Billed] = collections.deque(maxlen=10_000)
        """Every chat answer served (streams too, read to the end or not), with the usage a gateway bills."""
        self.started = time.time()
        self._counted_faults: Faults | None = None
        self._api_requests = 0
        self.idempotency = IdempotencyRecord()

    @property
    def catalog(self) -> Catalog:
        if self.config.catalog_models is not None:
            return Catalog(self.config.catalog_models)
        base = Catalog()
        if self.config.faults.unknown_extras:
            return Catalog((*base.models, FUTURE_MODEL))
        return base

    def injected_error(self) -> JSONResponse | None:
        """A 429 or error-burst response, if the current faults call for one on this request."""
        faults = self.config.faults
        if faults is not self._counted_faults:  # new faults: count from zero
            self._counted_faults, self._api_requests = faults, 0
        self._api_requests += 1
        if self._api_requests <= faults.rate_limit_first:
            return error_response(
                429,
                f"Rate limit exceeded, retry in {faults.retry_after} seconds",
                "rate_limit_error",
                "rate_limited",
                headers={"Retry-After": str(faults.retry_after)},
            )
        if self._api_requests <= faults.rate_limit_first + faults.error_count:
            if faults.error_status == 402:
                return error_response(
                    402, "Insufficient balance for this request", "billing_error", "insufficient_funds"
                )
            return error_response(faults.error_status, "The upstream provider failed to answer", "api_error", None)
        return None

    def json(self, body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
        """A success response, with unknown fields added when the faults ask for them."""
        if self.config.faults.unknown_extras:
            body = with_extras(body)
        return JSONResponse(body, status_code=status, headers=headers)


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"
