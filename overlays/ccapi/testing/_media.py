"""Real media for the sandbox: PNG images, playable speech, and an in-memory store that serves them by URL."""

from __future__ import annotations

import hashlib
import io
import secrets
import struct
import threading
import zlib
from collections import OrderedDict

AUDIO_MEDIA_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg"}
_SOUNDFILE_FORMATS = {"mp3": ("MP3", "MPEG_LAYER_III"), "wav": ("WAV", "PCM_16"), "ogg": ("OGG", "VORBIS")}
SAMPLE_RATE = 16_000
SECONDS_PER_CHARACTER = 0.06
MAX_SPEECH_SECONDS = 30.0


def png(width: int, height: int, seed: str) -> bytes:
    """A `width` x `height` RGB PNG: a gradient whose colours follow from `seed` (the prompt)."""
    digest = hashlib.sha256(seed.encode()).digest()
    top, bottom = digest[:3], digest[3:6]
    rows = []
    for y in range(height):
        mix = y / max(height - 1, 1)
        colour = bytes(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        rows.append(b"\x00" + colour * width)  # filter type 0, then the pixels
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def speech(text: str, output_format: str) -> tuple[bytes, float]:
    """Speak `text` as a tune, one note per character; return the encoded audio and its duration in seconds."""
    import numpy as np
    import soundfile

    seconds = min(max(len(text), 1) * SECONDS_PER_CHARACTER, MAX_SPEECH_SECONDS)
    samples_per_note = int(SAMPLE_RATE * SECONDS_PER_CHARACTER)
    notes = int(seconds / SECONDS_PER_CHARACTER)
    pitches = np.array([220.0 * 2 ** ((ord(character) % 24) / 12) for character in text[:notes]] or [220.0])
    frequency = np.repeat(pitches, samples_per_note)
    time = np.arange(frequency.size) / SAMPLE_RATE
    wave = (0.3 * np.sin(2 * np.pi * frequency * time)).astype("float32")
    container, subtype = _SOUNDFILE_FORMATS[output_format]
    buffer = io.BytesIO()
    soundfile.write(buffer, wave, SAMPLE_RATE, format=container, subtype=subtype)
    return buffer.getvalue(), round(wave.size / SAMPLE_RATE, 3)


class FileStore:
    """Generated files by id, oldest dropped first once `max_bytes` is exceeded."""

    def __init__(self, max_bytes: int = 256 * 1024 * 1024) -> None:
        self._files: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._size = 0
        self._max_bytes = max_bytes
        self._lock = threading.Lock()  # images are made in worker threads

    def add(self, data: bytes, media_type: str, extension: str) -> str:
        """Keep `data`; return its file name (`<random id>.<extension>`)."""
        name = f"{secrets.token_hex(12)}.{extension}"
        with self._lock:
            self._files[name] = (data, media_type)
            self._size += len(data)
            while self._size > self._max_bytes and len(self._files) > 1:
                _, (dropped, _) = self._files.popitem(last=False)
                self._size -= len(dropped)
        return name

    def get(self, name: str) -> tuple[bytes, str] | None:
        with self._lock:
            return self._files.get(name)
