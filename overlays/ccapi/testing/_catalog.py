"""The sandbox's built-in model catalog: realistic entries, in the shapes of ModelSummary and ProviderSummary."""

from __future__ import annotations

from typing import Any

import attrs

from ._structured import BROKEN_FIRST, FENCED, HONOURS_SCHEMA, NATIVE, PROSE, REFUSES

PROVIDERS = {
    # name: (display name, trains its own models)
    "openai": ("OpenAI", True),
    "anthropic": ("Anthropic", True),
    "google": ("Google", True),
    "deepseek": ("DeepSeek", True),
    "elevenlabs": ("ElevenLabs", True),
    "stabilityai": ("Stability AI", True),
    "imaginepro": ("ImaginePro", False),
    "runway": ("Runway", True),
}


@attrs.frozen
class CatalogModel:
    """One model, with the sandbox-only facts (`async_jobs`, `schema_style`) kept out of what is served."""

    id: str
    display_name: str
    created: int
    type: str
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    context_length: int | None = None
    max_output_tokens: int | None = None
    function_calling: bool = False
    input_cost: float | None = None
    output_cost: float | None = None
    per_image_cost: float | None = None
    per_second_cost: float | None = None
    supported_sizes: tuple[str, ...] = ()
    max_duration: float | None = None
    async_jobs: bool = False
    schema_style: str = NATIVE  # how it answers `response_format: json_schema` (ccapi.testing._structured)

    @property
    def provider(self) -> str:
        return self.id.split("/", 1)[0]

    def summary(self) -> dict[str, Any]:
        """The model as GET /models serves it."""
        display_name, is_fundamental = PROVIDERS[self.provider]
        return {
            "id": self.id,
            "object": "model",
            "created": self.created,
            "owned_by": self.provider,
            "provider": {
                "name": self.provider,
                "display_name": display_name,
                "is_fundamental": is_fundamental,
            },
            "ccapi": {
                "display_name": self.display_name,
                "type": self.type,
                "input_modalities": list(self.input_modalities),
                "output_modalities": list(self.output_modalities),
                "capabilities": {
                    "context_length": self.context_length,
                    "max_output_tokens": self.max_output_tokens,
                    "streaming": self.type in ("text", "audio"),
                    "function_calling": self.function_calling,
                    "structured_outputs": self.type == "text" and self.schema_style in HONOURS_SCHEMA,
                    "system_messages": self.type == "text",
                },
                "pricing": {
                    "input_cost_per_million": self.input_cost,
                    "output_cost_per_million": self.output_cost,
                    "per_image_cost": self.per_image_cost,
                    "per_second_cost": self.per_second_cost,
                    "currency": "USD",
                },
                "supported_sizes": list(self.supported_sizes),
                "max_duration": self.max_duration,
            },
        }


def _text(
    id: str,
    name: str,
    created: int,
    context: int,
    output: int,
    cost_in: float,
    cost_out: float,
    *,
    vision: bool = True,
    tools: bool = True,
    schema_style: str = NATIVE,
) -> CatalogModel:
    inputs = ("text", "image") if vision else ("text",)
    return CatalogModel(
        id, name, created, "text", inputs, ("text",), context, output, tools, cost_in, cost_out,
        schema_style=schema_style,
    )  # fmt: skip


SQUARE_SIZES = ("512x512", "1024x1024")
WIDE_SIZES = ("512x512", "1024x1024", "1792x1024", "1024x1792")

# Each way a chat model answers a JSON schema has one model (README, "The sandbox in your own tests"): the others
# honour it natively.
MODELS: tuple[CatalogModel, ...] = (
    _text("openai/gpt-4o-mini", "GPT-4o mini", 1721172741, 128_000, 16_384, 0.15, 0.6),
    _text("openai/gpt-4o", "GPT-4o", 1715367049, 128_000, 16_384, 2.5, 10.0),
    _text("openai/gpt-4.1", "GPT-4.1", 1744316542, 1_047_576, 32_768, 2.0, 8.0),
    _text("anthropic/claude-sonnet-4-6", "Claude Sonnet 4.6", 1771286400, 200_000, 64_000, 3.0, 15.0),
    _text(
        "anthropic/claude-haiku-4-5",
        "Claude Haiku 4.5",
        1760486400,
        200_000,
        64_000,
        1.0,
        5.0,
        schema_style=BROKEN_FIRST,
    ),
    _text("google/gemini-2.5-flash", "Gemini 2.5 Flash", 1750118400, 1_048_576, 65_536, 0.3, 2.5),
    _text("google/gemini-2.5-pro", "Gemini 2.5 Pro", 1750118400, 1_048_576, 65_536, 1.25, 10.0, schema_style=REFUSES),
    _text(
        "deepseek/deepseek-chat",
        "DeepSeek Chat",
        1735689600,
        64_000,
        8_192,
        0.27,
        1.1,
        vision=False,
        schema_style=FENCED,
    ),
    _text(
        "deepseek/deepseek-reasoner",
        "DeepSeek Reasoner",
        1737331200,
        64_000,
        32_768,
        0.55,
        2.19,
        vision=False,
        tools=False,
        schema_style=PROSE,
    ),
    CatalogModel(
        "elevenlabs/eleven_turbo_v2",
        "Eleven Turbo v2",
        1699833600,
        "audio",
        ("text",),
        ("audio",),
        per_second_cost=0.0003,
        max_duration=300,
    ),
    CatalogModel(
        "elevenlabs/eleven_multilingual_v2",
        "Eleven Multilingual v2",
        1692230400,
        "audio",
        ("text",),
        ("audio",),
        per_second_cost=0.0005,
        max_duration=300,
    ),
    CatalogModel(
        "openai/tts-1",
        "TTS-1",
        1699046400,
        "audio",
        ("text",),
        ("audio",),
        per_second_cost=0.00025,
        max_duration=240,
    ),
    CatalogModel(
        "stabilityai/stable-diffusion-xl-1024-v1-0",
        "Stable Diffusion XL 1.0",
        1690848000,
        "image",
        ("text",),
        ("image",),
        per_image_cost=0.004,
        supported_sizes=SQUARE_SIZES,
    ),
    CatalogModel(
        "stabilityai/stable-diffusion-3-5-large",
        "Stable Diffusion 3.5 Large",
        1729555200,
        "image",
        ("text", "image"),
        ("image",),
        per_image_cost=0.065,
        supported_sizes=WIDE_SIZES,
    ),
    CatalogModel(
        "openai/dall-e-3",
        "DALL·E 3",
        1698796800,
        "image",
        ("text",),
        ("image",),
        per_image_cost=0.04,
        supported_sizes=WIDE_SIZES,
    ),
    CatalogModel(
        "openai/gpt-image-1",
        "GPT Image 1",
        1745366400,
        "image",
        ("text", "image"),
        ("image",),
        per_image_cost=0.042,
        supported_sizes=WIDE_SIZES,
    ),
    CatalogModel(
        "google/nano-banana",
        "Nano Banana",
        1756252800,
        "image",
        ("text", "image"),
        ("image",),
        per_image_cost=0.039,
        supported_sizes=WIDE_SIZES,
    ),
    CatalogModel(
        "google/imagen-4",
        "Imagen 4",
        1747699200,
        "image",
        ("text",),
        ("image",),
        per_image_cost=0.04,
        supported_sizes=WIDE_SIZES,
        async_jobs=True,
    ),
    CatalogModel(
        "imaginepro/nano-banana",
        "Nano Banana (ImaginePro)",
        1757030400,
        "image",
        ("text", "image"),
        ("image",),
        per_image_cost=0.03,
        supported_sizes=WIDE_SIZES,
        async_jobs=True,
    ),
    CatalogModel(
        "imaginepro/midjourney-v7",
        "Midjourney v7",
        1743638400,
        "image",
        ("text", "image"),
        ("image",),
        per_image_cost=0.05,
        supported_sizes=WIDE_SIZES,
        async_jobs=True,
    ),
    CatalogModel(
        "runway/gen-4-turbo",
        "Gen-4 Turbo",
        1743465600,
        "video",
        ("text", "image"),
        ("video",),
        per_second_cost=0.05,
        supported_sizes=("1280x720", "720x1280"),
        max_duration=10,
        async_jobs=True,
    ),
    CatalogModel(
        "runway/gen-3-alpha",
        "Gen-3 Alpha",
        1719273600,
        "video",
        ("text", "image"),
        ("video",),
        per_second_cost=0.05,
        supported_sizes=("1280x768",),
        max_duration=10,
        async_jobs=True,
    ),
    CatalogModel(
        "google/veo-3",
        "Veo 3",
        1747699200,
        "video",
        ("text", "image"),
        ("video", "audio"),
        per_second_cost=0.4,
        supported_sizes=("1280x720", "1920x1080"),
        max_duration=8,
        async_jobs=True,
    ),
    CatalogModel(
        "openai/sora-2",
        "Sora 2",
        1759363200,
        "video",
        ("text", "image"),
        ("video", "audio"),
        per_second_cost=0.1,
        supported_sizes=("1280x720", "720x1280"),
        max_duration=12,
        async_jobs=True,
    ),
)

# With unknown-extras faults on, one model of a type the SDK has never heard of joins the catalog.
FUTURE_MODEL = CatalogModel("runway/world-1", "World 1", 1767225600, "3d", ("text",), ("3d",), async_jobs=True)


class Catalog:
    """Lookups, filters, sorting and paging over the models."""

    def __init__(self, models: tuple[CatalogModel, ...] = MODELS) -> None:
        self.models = models
        self._by_id = {model.id: model for model in models}

    def get(self, model_id: str) -> CatalogModel | None:
        return self._by_id.get(model_id)

    def select(
        self, *, provider: str | None = None, type: str | None = None, sort: str | None = None, order: str | None = None
    ) -> list[CatalogModel]:
        found = [m for m in self.models if (provider in (None, m.provider)) and (type in (None, m.type))]
        key = sort or "id"
        found.sort(key=lambda m: (getattr(m, key), m.id), reverse=order == "desc")
        return found

    def providers(self) -> list[dict[str, Any]]:
        """ProviderSummary for every provider with a model, sorted by name."""
        summaries = []
        for name in sorted({model.provider for model in self.models}):
            display_name, is_fundamental = PROVIDERS[name]
            theirs = [model for model in self.models if model.provider == name]
            types = sorted({model.type for model in theirs})
            summaries.append(
                {
                    "name": name,
                    "display_name": display_name,
                    "is_fundamental": is_fundamental,
                    "model_count": len(theirs),
                    "types": types,
                }
            )
        return summaries


def page(items: list[Any], *, limit: int | None, offset: int) -> dict[str, Any]:
    """One page of a list response: `object`, `data`, `total`, `limit`, `offset`, `has_more`. Without a limit,
    every item from `offset` on (the spec's Limit parameter)."""
    limit = limit if limit is not None else max(len(items) - offset, 1)
    data = items[offset : offset + limit]
    return {
        "object": "list",
        "data": data,
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "has_more": offset + len(data) < len(items),
    }
