"""Every error response becomes a typed exception with status, request id, headers and the server's ErrorObject."""

from __future__ import annotations

import ccapi
import httpx
import pytest

from .conftest import HELLO, KEY, Recorder, error_body, make_client, ok


def _chat(recorder: Recorder, **options: object) -> None:
    with make_client(recorder, max_retries=0) as client:
        client.chat.completions.create(model="openai/gpt-4o-mini", messages=HELLO, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "kind", "type_", "code"),
    [
        (400, ccapi.BadRequestError, "invalid_request_error", "invalid_field"),
        (401, ccapi.AuthenticationError, "authentication_error", "unauthorized"),
        (402, ccapi.BillingError, "billing_error", "insufficient_funds"),
        (403, ccapi.PermissionDeniedError, "permission_error", None),
        (404, ccapi.NotFoundError, "invalid_request_error", "not_found"),
        (409, ccapi.ConflictError, "conflict_error", None),
        (422, ccapi.UnprocessableEntityError, "invalid_request_error", None),
        (429, ccapi.RateLimitError, "rate_limit_error", "rate_limited"),
        (500, ccapi.InternalServerError, "api_error", None),
        (503, ccapi.InternalServerError, "api_error", None),
    ],
)
def test_each_status_maps_to_its_error_class(
    status: int, kind: type[ccapi.APIStatusError], type_: str, code: str | None
) -> None:
    response = httpx.Response(
        status, json=error_body(f"went wrong ({status})", type_, code), headers={"X-Request-Id": "req_9"}
    )
    with pytest.raises(kind) as caught:
        _chat(Recorder(response))
    error = caught.value
    assert isinstance(error, ccapi.APIStatusError)
    assert isinstance(error, ccapi.CCAPIError)
    assert (error.status_code, error.request_id, error.type, error.code) == (status, "req_9", type_, code)
    assert error.error is not None
    assert error.error.message == f"went wrong ({status})"
    assert error.headers["x-request-id"] == "req_9"
    message = str(error)
    assert f"went wrong ({status})" in message
    assert "POST https://gateway.test/v1/chat/completions" in message
    assert "req_9" in message


def test_details_and_an_unknown_error_type_are_kept() -> None:
    body = {"error": {"message": "bad", "type": "brand_new_error", "code": "x", "details": {"field": "messages"}}}
    with pytest.raises(ccapi.BadRequestError) as caught:
        _chat(Recorder(httpx.Response(400, json=body)))
    assert caught.value.type == "brand_new_error"
    assert caught.value.details == {"field": "messages"}


def test_a_non_json_error_page_maps_by_status_with_its_text() -> None:
    page = httpx.Response(502, text="<html>Bad Gateway from the load balancer</html>")
    with pytest.raises(ccapi.InternalServerError) as caught:
        _chat(Recorder(page))
    assert caught.value.error is None
    assert caught.value.type is None
    assert "Bad Gateway from the load balancer" in str(caught.value)


def test_an_unknown_status_maps_cleanly() -> None:
    with pytest.raises(ccapi.InternalServerError) as caught:
        _chat(Recorder(httpx.Response(520, json=error_body("origin error", "api_error"))))
    assert caught.value.status_code == 520
    with pytest.raises(ccapi.APIStatusError) as other:
        _chat(Recorder(httpx.Response(418, json=error_body("teapot"))))
    assert type(other.value) is ccapi.APIStatusError
    assert other.value.status_code == 418


def test_rate_limit_error_carries_retry_after() -> None:
    response = httpx.Response(429, json=error_body("slow down", "rate_limit_error"), headers={"Retry-After": "7"})
    with pytest.raises(ccapi.RateLimitError) as caught:
        _chat(Recorder(response))
    assert caught.value.retry_after == 7.0


def test_a_success_body_that_does_not_decode_is_a_validation_error() -> None:
    for body in (httpx.Response(200, text="not json"), httpx.Response(200, json={"id": "x"})):
        with pytest.raises(ccapi.APIResponseValidationError) as caught:
            _chat(Recorder(body))
        assert caught.value.status_code == 200


def test_connection_failures_and_timeouts_have_their_own_errors() -> None:
    with pytest.raises(ccapi.APIConnectionError) as refused:
        _chat(Recorder(httpx.ConnectError("connection refused")))
    assert not isinstance(refused.value, ccapi.APITimeoutError)
    assert "connection refused" in str(refused.value)
    with pytest.raises(ccapi.APITimeoutError):
        _chat(Recorder(httpx.ReadTimeout("too slow")))


def test_unknown_fields_and_enum_values_in_a_success_response_decode() -> None:
    reply = {
        "id": "chatcmpl_1", "object": "chat.completion", "created": 1, "model": "m", "provider": "p",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "x"}, "finish_reason": "new_reason"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}, "brand_new_field": {"a": 1},
    }  # fmt: skip
    with make_client(Recorder(ok(reply))) as client:
        result = client.chat.completions.create(model="openai/m", messages=HELLO)
    assert result.choices[0].finish_reason == "new_reason"
    assert result.additional_properties["brand_new_field"] == {"a": 1}


def test_the_key_appears_in_no_error_repr_or_message() -> None:
    failures: list[BaseException] = []
    for answer in (
        httpx.Response(401, json=error_body("bad key")),
        httpx.Response(500, text="oops"),
        httpx.ConnectError("refused"),
        httpx.Response(200, text="not json"),
    ):
        try:
            _chat(Recorder(answer))
        except ccapi.CCAPIError as error:
            failures.append(error)
    assert len(failures) == 4
    for error in failures:
        assert KEY not in str(error)
        assert KEY not in repr(error)
        assert KEY not in repr(vars(error).get("message"))


def test_message_is_the_server_s_own_words_and_str_adds_the_rest() -> None:
    body = {"error": {"message": "No provider named 'x'", "type": "invalid_request_error", "code": "not_found"}}
    response = httpx.Response(
        404, json=body, headers={"X-Request-Id": "req_1"}, request=httpx.Request("GET", "https://gateway.test/v1/x")
    )
    error = ccapi._errors.status_error(response)
    assert error.message == "No provider named 'x'"
    assert "404" in str(error)
    assert "req_1" in str(error)
    assert "No provider named 'x'" in str(error)
    bare = ccapi._errors.status_error(
        httpx.Response(503, text="<html>", request=httpx.Request("GET", "https://g.test"))
    )
    assert bare.message == str(bare)  # no ErrorObject: the whole line
