"""The sandbox catalog: realistic, filtered, sorted and paged as the spec says."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


def _all_pages(raw: httpx.Client, path: str, **params: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items: list[dict[str, Any]] = []
    pages = []
    offset = 0
    while True:
        page = raw.get(path, params={**params, "offset": offset}).json()
        pages.append(page)
        items += page["data"]
        if not page["has_more"]:
            return items, pages
        offset += len(page["data"])


def test_the_catalog_is_large_and_varied(raw: httpx.Client) -> None:
    models, _ = _all_pages(raw, "/models", limit=100)
    assert len(models) >= 20
    assert len({model["provider"]["name"] for model in models}) >= 6
    assert {model["ccapi"]["type"] for model in models} == {"text", "image", "audio", "video"}
    chat = next(model for model in models if model["id"] == "openai/gpt-4o-mini")
    assert chat["ccapi"]["capabilities"]["streaming"] is True
    assert chat["ccapi"]["pricing"]["input_cost_per_million"] > 0
    assert "text" in chat["ccapi"]["input_modalities"]


@pytest.mark.parametrize("limit", [1, 3, 7, 100])
def test_pages_cover_every_model_once(raw: httpx.Client, limit: int) -> None:
    models, pages = _all_pages(raw, "/models", limit=limit)
    total = pages[0]["total"]
    assert len(models) == total
    assert len({model["id"] for model in models}) == total
    assert all(page["total"] == total and page["limit"] == limit for page in pages)
    assert [page["has_more"] for page in pages] == [True] * (len(pages) - 1) + [False]


def test_filters(raw: httpx.Client) -> None:
    images = raw.get("/models", params={"type": "image", "limit": 100}).json()
    assert images["total"] == len(images["data"]) > 0
    assert {model["ccapi"]["type"] for model in images["data"]} == {"image"}
    openai_audio = raw.get("/models", params={"type": "audio", "provider": "openai"}).json()
    assert [model["id"] for model in openai_audio["data"]] == ["openai/tts-1"]
    assert raw.get("/models", params={"provider": "nobody"}).json()["total"] == 0


@pytest.mark.parametrize(("sort", "key"), [("id", "id"), ("created", "created"), ("provider", "provider")])
def test_sort_and_order(raw: httpx.Client, sort: str, key: str) -> None:
    def values(order: str) -> list[Any]:
        data = raw.get("/models", params={"sort": sort, "order": order, "limit": 100}).json()["data"]
        return [model[key]["name"] if key == "provider" else model[key] for model in data]

    assert values("asc") == sorted(values("asc"))
    assert values("desc") == sorted(values("desc"), reverse=True)


def test_providers_agree_with_the_models(raw: httpx.Client) -> None:
    providers, _ = _all_pages(raw, "/providers", limit=2)
    assert len(providers) >= 6
    assert [provider["name"] for provider in providers] == sorted(provider["name"] for provider in providers)
    for provider in providers:
        theirs = raw.get("/models", params={"provider": provider["name"], "limit": 100}).json()
        assert provider["model_count"] == theirs["total"]
        assert provider["types"] == sorted({model["ccapi"]["type"] for model in theirs["data"]})
        details = raw.get(f"/providers/{provider['name']}").json()
        assert [model["id"] for model in details["models"]] == [model["id"] for model in theirs["data"]]


def test_an_unknown_provider_is_404(raw: httpx.Client) -> None:
    response = raw.get("/providers/nobody")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
