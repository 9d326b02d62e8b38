from enum import StrEnum


class ImageOperation(StrEnum):
    IMAGE_TO_IMAGE = "image-to-image"
    INPAINTING = "inpainting"
    REMIX = "remix"
    TEXT_TO_IMAGE = "text-to-image"

    def __str__(self) -> str:
        return str(self.value)
