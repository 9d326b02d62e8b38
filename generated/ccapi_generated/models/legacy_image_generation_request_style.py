from enum import StrEnum


class LegacyImageGenerationRequestStyle(StrEnum):
    NATURAL = "natural"
    VIVID = "vivid"

    def __str__(self) -> str:
        return str(self.value)
