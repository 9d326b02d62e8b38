from enum import StrEnum


class ChatToolChoiceType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)
