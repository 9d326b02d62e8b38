"""The httpx clients the SDK makes when it is given none, exported for callers who need their own transport, proxy or
limits and want to keep the SDK's defaults (as the openai package's `DefaultHttpxClient` does).

What they add to httpx's clients is speed: httpx hands every response to `http.cookiejar`, which wants urllib
request and response objects built around it (about 20 us a call, a fifth of a whole in-memory call) even when the
response sets no cookie, as CCAPI's never do. These clients look for `Set-Cookie` first and skip that work
when there is none, keeping cookies exactly as httpx does when there is.
"""

from __future__ import annotations

from typing import Any

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_REDIRECTS = 5


class _CookiesSetOnly(httpx.Cookies):
    """httpx's cookie store, consulted only for responses that set a cookie."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


def _with_defaults(options: dict[str, Any]) -> dict[str, Any]:
    options.setdefault("timeout", DEFAULT_TIMEOUT)
    options.setdefault("follow_redirects", True)
    options.setdefault("max_redirects", DEFAULT_MAX_REDIRECTS)
    return options


class _SDKDefaults:
    """What both default clients add to httpx's: the SDK's defaults, and cookies consulted only for a response that
    sets one."""

    _set_cookies: httpx.Cookies

    def __init__(self, **options: Any) -> None:
        cookies = options.pop("cookies", None)
        super().__init__(**_with_defaults(options))  # httpx.Client's or httpx.AsyncClient's, next in line
        self.cookies = cookies

    @property
    def cookies(self) -> httpx.Cookies:
        return self._set_cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._set_cookies = _CookiesSetOnly(cookies)


class DefaultHttpxClient(_SDKDefaults, httpx.Client):
    """An `httpx.Client` with the SDK's defaults (timeout, redirects); pass it as `CCAPI(http_client=...)` with
    your own `transport=`, `proxy=`, `limits=` or `verify=`. Takes every argument httpx.Client takes."""


class DefaultAsyncHttpxClient(_SDKDefaults, httpx.AsyncClient):
    """An `httpx.AsyncClient` with the SDK's defaults; pass it as `AsyncCCAPI(http_client=...)`."""
