"""Server-sent events, as the WHATWG HTML standard defines them, parsed from a response's bytes: the data of each
event. Pure (bytes in, strings out), so that the sync and async streams share it.

Written here rather than taken from httpx-sse because a stream spends most of its time here: httpx-sse splits
lines with `str.splitlines` and then decodes each line in a Python call, about 1.5 us an event; this splits on
blank lines and takes the one-line `data: ...` event, nearly every event CCAPI sends, with one string test. It is
also closer to the standard: only CR, LF and CRLF end a line (`splitlines` also breaks at U+2028 and other
characters that JSON text may hold), and a leading byte order mark is dropped. What the two parsers agree on is
checked against httpx-sse by property tests.
"""

from __future__ import annotations

import codecs

_NONE: list[str] = []


class EventParser:
    """Feed it the bytes of a stream as they come; it returns the data of each event they complete."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending: list[str] = []  # text after the last blank line: the start of the next event
        self._carriage_return = False  # the text so far ended with CR, which may be half of a CRLF
        self._started = False

    def feed(self, chunk: bytes | None) -> list[str]:
        """The events `chunk` completes; `None` for the end of the stream (an event not ended by a blank line is
        then dropped, as the standard says)."""
        if chunk is None:
            return self._text(self._decoder.decode(b"", final=True), final=True)
        return self._text(self._decoder.decode(chunk))

    def _text(self, text: str, final: bool = False) -> list[str]:
        if not self._started and text:
            self._started = True
            text = text.removeprefix("\ufeff")
        if self._carriage_return:
            text = "\r" + text
            self._carriage_return = False
        if "\r" in text:
            if text.endswith("\r") and not final:
                text = text[:-1]
                self._carriage_return = True
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        pending = self._pending
        if "\n\n" not in text and not (text.startswith("\n") and pending and pending[-1].endswith("\n")):
            if text:
                pending.append(text)
            return _NONE
        if pending:
            pending.append(text)
            text = "".join(pending)
        blocks = text.split("\n\n")
        rest = blocks.pop()
        self._pending = [rest] if rest else []
        events = []
        for block in blocks:
            if block.startswith("data: ") and "\n" not in block:  # one line of data: nearly every event
                events.append(block[6:])
            elif (data := _data_of(block)) is not None:
                events.append(data)
        return events


def _data_of(block: str) -> str | None:
    """The data of the event in the lines between two blank lines (the first of them may be empty: a third line
    end in a row), or None if it has no data line."""
    data: list[str] | None = None
    for line in block.split("\n"):
        if not line or line.startswith(":"):  # the leading empty line, or a comment
            continue
        name, _, value = line.partition(":")
        if name == "data":
            if data is None:
                data = []
            data.append(value[1:] if value.startswith(" ") else value)
        # event, id and retry: CCAPI's streams do not use them, so they are read past.
    return None if data is None else "\n".join(data)
