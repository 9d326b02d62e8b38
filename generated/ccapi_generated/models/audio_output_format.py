from enum import StrEnum


class AudioOutputFormat(StrEnum):
    MP3 = "mp3"
    OGG = "ogg"
    WAV = "wav"

    def __str__(self) -> str:
        return str(self.value)
