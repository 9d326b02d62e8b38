from enum import StrEnum


class ModelSortField(StrEnum):
    CREATED = "created"
    ID = "id"
    PROVIDER = "provider"

    def __str__(self) -> str:
        return str(self.value)
