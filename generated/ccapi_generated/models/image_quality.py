from enum import StrEnum


class ImageQuality(StrEnum):
    HD = "hd"
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
