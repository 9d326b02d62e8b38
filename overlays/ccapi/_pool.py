"""The connections a client and its with_options copies share (`SharedPool`), with what hangs off them (the spend
account, the circuit breaker), and how an async object dropped unclosed is closed on the running loop."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from ._account import SharedMoney
    from ._failover import CircuitBreaker, FailoverPolicy


class SharedPool:
    """What a client and its with_options copies share: the httpx client, the spend account and the prices. Each
    of them holds this one object, so it (and
    the connections) go only when the last of them is dropped; an httpx client the caller passed in is theirs to
    close, never ours."""

    def __init__(self, http: httpx.Client | httpx.AsyncClient, owned: bool) -> None:
        self.http = http
        self.owned = owned

    @property
    def money(self) -> SharedMoney:
        """The spend account and the catalog's prices the client and its copies share (made on first use, once,
        whichever thread gets there first: a client that never meets a priced call never loads them)."""
        money = self.__dict__.get("_money")
        if money is None:
            with _making:
                money = self.__dict__.get("_money")
                if money is None:
                    from ._account import SharedMoney

                    money = self.__dict__["_money"] = SharedMoney()
        return money

    def breaker(self, policy: FailoverPolicy | None) -> CircuitBreaker:
        """The circuit breaker the client and its copies share (made on first use, with the policy of the client that
        first needs it)."""
        breaker = self.__dict__.get("_breaker")
        if breaker is None:
            with _making:
                breaker = self.__dict__.get("_breaker")
                if breaker is None:
                    from ._failover import CircuitBreaker

                    breaker = self.__dict__["_breaker"] = CircuitBreaker(policy)
        return breaker

    def __del__(self) -> None:
        # The last client sharing the pool was dropped without close(): give the connections back.
        http = self.__dict__.get("http")
        if http is None or not self.__dict__.get("owned") or http.is_closed:
            return
        if isinstance(http, httpx.Client):
            http.close()
        else:
            close_on_running_loop(http.aclose)


_making = threading.Lock()
_closing: set[Any] = set()  # close tasks, referenced until they finish (the loop keeps only weak references)


def close_on_running_loop(close: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """From `__del__` of an async object: schedule its async close on the running event loop, if there is one.

    Nothing is imported here: at interpreter exit imports fail (`sys.meta_path is None`), and a finalizer that raises
    prints its traceback after the caller's own. Without asyncio loaded, no loop can be running."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return
    try:
        task = asyncio.get_running_loop().create_task(close())
    except Exception:  # no loop running (or asyncio half torn down at exit): nothing can be awaited
        return
    _closing.add(task)
    task.add_done_callback(_closing.discard)
