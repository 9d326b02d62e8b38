"""The SDK's server-sent event parser gives the events httpx-sse gives, however the bytes are cut and whichever line
endings the server uses; where httpx-sse departs from the standard, it follows the standard; and each event's JSON
is decoded as json.loads decodes it."""

from __future__ import annotations

import json

import httpx
import pytest
from ccapi._sse import EventParser
from httpx_sse import EventSource
from hypothesis import given, settings
from hypothesis import strategies as st

# Characters str.splitlines (and so httpx-sse) takes for line ends, which the standard does not.
SPLITLINES_ONLY = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
values = st.text(st.characters(blacklist_characters="\r\n" + SPLITLINES_ONLY, blacklist_categories=("Cs",)))
lines = st.one_of(
    values.map(lambda value: f"data: {value}"),
    values.map(lambda value: f"data:{value}"),
    st.just("data"),
    values.map(lambda value: f": {value}"),  # a comment
    values.map(lambda value: f"event: {value}"),
    values.map(lambda value: f"id: {value.replace(chr(0), '')}"),
    st.just("retry: 1000"),
    values.filter(lambda value: ":" not in value and value not in ("data", "")),  # a field with no value
)
events = st.lists(lines, min_size=1, max_size=4)
line_ends = st.sampled_from(["\n", "\r\n", "\r"])


def _parse(body: bytes, cuts: list[int]) -> list[str]:
    parser = EventParser()
    found: list[str] = []
    start = 0
    for cut in sorted(set(cuts)):
        found += parser.feed(body[start:cut])
        start = cut
    found += parser.feed(body[start:])
    found += parser.feed(None)
    return found


def _reference(body: bytes) -> list[str]:
    response = httpx.Response(200, content=body, headers={"Content-Type": "text/event-stream"})
    return [event.data for event in EventSource(response).iter_sse()]


def _stream(blocks: list[list[str]], end: str) -> bytes:
    return "".join(end.join(block) + end + end for block in blocks).encode()


@settings(max_examples=300, deadline=None)
@given(blocks=st.lists(events, max_size=6), end=line_ends, cuts=st.lists(st.integers(0, 400), max_size=12))
def test_the_events_are_the_ones_httpx_sse_finds_however_the_bytes_are_cut(
    blocks: list[list[str]], end: str, cuts: list[int]
) -> None:
    body = _stream(blocks, end)
    expected = [data for data in _reference(body) if data]
    assert [data for data in _parse(body, cuts) if data] == expected


@settings(max_examples=100, deadline=None)
@given(datas=st.lists(values, min_size=1, max_size=5), cuts=st.lists(st.integers(0, 200), max_size=8))
def test_every_event_arrives_in_order_with_its_multi_line_data(datas: list[str], cuts: list[int]) -> None:
    body = "".join(f"data: {data}\ndata: second line\n\n" for data in datas).encode()
    assert _parse(body, cuts) == [f"{data}\nsecond line" for data in datas]


def test_unicode_line_separators_inside_data_are_kept() -> None:
    # JSON text may hold U+2028 unescaped; str.splitlines (httpx-sse) would cut the event there.
    body = 'data: {"content": "a\u2028b\x85c"}\n\n'.encode()
    assert _parse(body, []) == ['{"content": "a\u2028b\x85c"}']
    assert _parse(body, list(range(len(body)))) == ['{"content": "a\u2028b\x85c"}']  # a byte at a time


def test_a_byte_order_mark_at_the_start_is_dropped_and_nowhere_else() -> None:
    assert _parse("\ufeffdata: x\n\ndata: \ufeffy\n\n".encode(), [1, 2]) == ["x", "\ufeffy"]


def test_an_event_not_ended_by_a_blank_line_is_dropped() -> None:
    assert _parse(b"data: whole\n\ndata: cut off\n", []) == ["whole"]
    assert _parse(b"data: whole\n\ndata: cut off", []) == ["whole"]


def test_a_carriage_return_at_a_cut_ends_one_line_not_two() -> None:
    body = b"data: a\r\n\r\ndata: b\r\r"
    assert _parse(body, [8]) == ["a", "b"]  # the cut falls between the CR and the LF of a CRLF
    assert _parse(body, [len(body) - 1]) == ["a", "b"]
    assert _parse(b"data: a\r\ndata: b\r\n\r\n", [8]) == ["a\nb"]  # not two events: a CRLF is one line end


def test_invalid_utf8_is_replaced_not_raised() -> None:
    assert _parse(b"data: \xff\xfe ok\n\n", []) == ["\ufffd\ufffd ok"]


def test_a_long_event_in_many_small_pieces() -> None:
    data = "x" * 200_000
    body = f"data: {data}\n\n".encode()
    assert _parse(body, list(range(0, len(body), 1000))) == [data]


json_texts = st.one_of(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
        max_leaves=10,
    ).map(json.dumps),
    st.text(max_size=30),  # mostly not JSON
)
spaces = st.text(alphabet=" \t\n\r\u00a0\u2028", max_size=3)


@settings(max_examples=400, deadline=None)
@given(text=json_texts, before=spaces, after=spaces)
def test_an_event_is_decoded_exactly_as_json_loads_decodes_it(text: str, before: str, after: str) -> None:
    from ccapi._streaming import _json

    data = before + text + after
    try:
        expected = json.loads(data)
    except ValueError:
        with pytest.raises(ValueError):  # noqa: PT011 (json.loads's messages vary: its type is the contract)
            _json(data)
    else:
        assert _json(data) == expected or (expected != expected)
