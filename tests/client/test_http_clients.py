"""What goes on the wire is what httpx itself would send, though the SDK builds requests its own faster way; and
the SDK's default httpx clients keep cookies as httpx does."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import ccapi
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import KEY

CHAT = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "Héllo ☃"}]}
REPLY = {"id": "c", "object": "chat.completion", "created": 1, "model": "openai/gpt-4o-mini", "choices": []}


def _capture(base_url: str, **client_options: Any) -> tuple[ccapi.CCAPI, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=REPLY)

    http = ccapi.DefaultHttpxClient(transport=httpx.MockTransport(handle))
    return ccapi.CCAPI(api_key=KEY, base_url=base_url, http_client=http, **client_options), seen


def _as_httpx_would(method: str, url: str, **options: Any) -> httpx.Request:
    return httpx.Request(method, url, **options)


@pytest.mark.parametrize(
    ("base_url", "host"),
    [("https://gateway.test/v1", "gateway.test"), ("http://127.0.0.1:8765/v1", "127.0.0.1:8765"),
     ("https://gateway.test:443/v1", "gateway.test")],
)  # fmt: skip
def test_a_json_call_carries_the_body_and_headers_httpx_would(base_url: str, host: str) -> None:
    client, seen = _capture(base_url)
    with client:
        client.chat.completions.create(model=CHAT["model"], messages=CHAT["messages"])  # type: ignore[arg-type]
    sent = seen[0]
    expected = _as_httpx_would("POST", f"{base_url}/chat/completions", json=CHAT)
    assert sent.content == expected.content  # compact, UTF-8 (not \\u escapes), as httpx encodes json=
    assert sent.headers["Host"] == expected.headers["Host"] == host
    assert sent.headers["Content-Length"] == expected.headers["Content-Length"]
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == f"Bearer {KEY}"
    assert sent.headers["Idempotency-Key"].startswith("ccapi-")
    assert sent.url == expected.url


def test_a_get_with_a_query_has_no_body_headers() -> None:
    client, seen = _capture("https://gateway.test/v1")
    with client:
        client.request("GET", "/models", params={"type": "chat", "limit": 2})
        client.request("GET", "/models")
    with_query, plain = seen
    assert with_query.url == httpx.URL("https://gateway.test/v1/models?type=chat&limit=2")
    assert plain.url == httpx.URL("https://gateway.test/v1/models")
    for request in seen:
        assert "Content-Length" not in request.headers
        assert "Content-Type" not in request.headers
        assert "Idempotency-Key" not in request.headers
        assert request.content == b""


def test_a_post_without_a_body_says_its_length_is_zero() -> None:
    client, seen = _capture("https://gateway.test/v1")
    with client:
        client.request("POST", "/things")
    assert seen[0].headers["Content-Length"] == "0"
    assert seen[0].content == b""


def test_extra_headers_override_and_the_url_cache_does_not_mix_paths() -> None:
    client, seen = _capture("https://gateway.test/v1")
    with client:
        for job in range(300):  # more paths than the cache holds: it starts over, and every URL stays right
            client.request("GET", f"/images/jobs/job_{job}")
        client.request("POST", "/x", body=[1], extra_headers={"Content-Type": "application/merge+json"})
    assert [str(request.url).rsplit("/", 1)[1] for request in seen[:300]] == [f"job_{job}" for job in range(300)]
    assert seen[-1].headers["Content-Type"] == "application/merge+json"


json_bodies = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(body=json_bodies.filter(lambda body: body is not None))
def test_any_json_body_is_encoded_exactly_as_httpx_encodes_it(body: Any) -> None:
    client, seen = _capture("https://gateway.test/v1")
    with client:
        client.request("POST", "/echo", body=body)
    expected = _as_httpx_would("POST", "https://gateway.test/v1/echo", json=body)
    assert seen[0].content == expected.content
    assert json.loads(seen[0].content) == body
    assert seen[0].headers["Content-Length"] == str(len(expected.content))


def test_a_body_that_is_not_json_is_refused_before_sending() -> None:
    client, seen = _capture("https://gateway.test/v1")
    with client, pytest.raises(ValueError, match="not JSON compliant"):
        client.request("POST", "/echo", body={"x": float("nan")})
    assert seen == []


def test_the_default_clients_keep_cookies_a_response_sets() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/set":
            return httpx.Response(200, headers={"Set-Cookie": "session=abc; Path=/"})
        return httpx.Response(200, text=request.headers.get("Cookie", ""))

    with ccapi.DefaultHttpxClient(transport=httpx.MockTransport(handle), cookies={"given": "1"}) as http:
        assert http.get("https://gateway.test/plain").text == "given=1"
        assert dict(http.cookies) == {"given": "1"}
        http.get("https://gateway.test/set")
        assert dict(http.cookies) == {"given": "1", "session": "abc"}
        assert sorted(http.get("https://gateway.test/after").text.split("; ")) == ["given=1", "session=abc"]

    async def run() -> dict[str, str]:
        async with ccapi.DefaultAsyncHttpxClient(transport=httpx.MockTransport(handle)) as http:
            await http.get("https://gateway.test/plain")
            assert dict(http.cookies) == {}
            await http.get("https://gateway.test/set")
            return dict(http.cookies)

    assert asyncio.run(run()) == {"session": "abc"}


def test_a_client_makes_a_default_httpx_client_with_the_sdk_defaults() -> None:
    with ccapi.CCAPI(api_key=KEY, base_url="https://gateway.test/v1", timeout=7) as client:
        assert isinstance(client.http_client, ccapi.DefaultHttpxClient)
        assert client.http_client.follow_redirects
        assert client.http_client.timeout == httpx.Timeout(7)
    with ccapi.DefaultHttpxClient() as http:
        assert http.timeout == ccapi.DEFAULT_TIMEOUT
        assert http.max_redirects == 5

    async def run() -> None:
        async with ccapi.AsyncCCAPI(api_key=KEY, base_url="https://gateway.test/v1") as client:
            assert isinstance(client.http_client, ccapi.DefaultAsyncHttpxClient)

    asyncio.run(run())


def test_the_default_clients_build_no_tls_context_until_an_https_request(
    monkeypatch: pytest.MonkeyPatch, ccapi_sandbox: Any
) -> None:
    """Loading the CA bundle is most of what making an httpx client costs: an http:// base URL never pays it."""
    import ssl

    built: list[object] = []
    real = ssl.create_default_context

    def counting(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counting)
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
        assert built == []  # made, with no transport yet
        assert client.models.list().data
        assert built == []  # plain http: a transport of its own, with no certificates loaded
        client.http_client._transport._for(httpx.URL("https://api.ccapi.ai/v1"))  # type: ignore[attr-defined]
        assert len(built) == 1  # the first https request builds the TLS context, once
        client.http_client._transport._for(httpx.URL("https://api.ccapi.ai/v1"))  # type: ignore[attr-defined]
        assert len(built) == 1


@pytest.mark.parametrize("client_class", [ccapi.DefaultHttpxClient, ccapi.DefaultAsyncHttpxClient])
def test_an_https_transport_keeps_the_tls_settings_it_was_given(client_class: Any) -> None:
    import ssl

    for verify, mode in ((True, ssl.CERT_REQUIRED), (False, ssl.CERT_NONE)):
        http = client_class(verify=verify)
        transport = http._transport._for(httpx.URL("https://api.ccapi.ai/v1"))
        assert transport._pool._ssl_context.verify_mode == mode


def test_a_proxy_from_the_environment_is_still_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.test:3128")
    assert any(transport is not None for transport in ccapi.DefaultHttpxClient()._mounts.values())
