"""`ccapi models` and `ccapi providers`: the catalog, as tables or JSON."""

from __future__ import annotations

import itertools
from typing import Any

import click
from ccapi_generated.models import ModelSortField, ModelType, SortOrder
from ccapi_generated.resources._sync import Models, Providers

from . import _output
from ._query_options import given, query_options
from ._settings import Settings, json_option, pass_settings

PRICE = "price"
_UNITS = ("input_cost_per_million", "output_cost_per_million", "per_image_cost", "per_second_cost")


def _price_key(model: Any) -> tuple[int, float]:
    """Models priced by tokens first (by input price), then by image, then by second; unpriced ones last."""
    pricing = getattr(model.ccapi, "pricing", None)
    for rank, unit in enumerate(_UNITS):
        value = getattr(pricing, unit, None)
        if isinstance(value, int | float):
            return rank, float(value)
    return len(_UNITS), 0.0


@click.group()
def models() -> None:
    """The model catalog."""


@models.command("list")
@click.option("--provider", help="Only this provider's models (openai, anthropic, ...).")
@click.option("--type", "type_", help=f"Only models of this type ({', '.join(kind.value for kind in ModelType)}, ...).")
@click.option(
    "--sort",
    type=click.Choice([*(field.value for field in ModelSortField), PRICE]),
    help="Sort by this field; `price` sorts by the catalog's prices (token, then image, then audio models).",
)
@click.option("--order", type=click.Choice([order.value for order in SortOrder]), help="Sort order.")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
# Any other query parameter of GET /models in the spec, as an option (see _query_options).
@query_options(Models.list, handled={"provider", "type", "sort", "order", "limit", "offset"})
@json_option
@pass_settings
def list_models(
    settings: Settings,
    /,
    provider: str | None,
    type_: str | None,
    sort: Any,  # checked against the spec's values by the generated list()
    order: Any,
    limit: int | None,
    as_json: bool,
    **query: Any,
) -> None:
    """List models (every page, fetched as needed)."""
    if sort == PRICE:  # the API does not sort by price: fetch them all, sort here, then cut
        found = sorted(settings.client.models.list(provider=provider, type=type_, **given(query)), key=_price_key)
        found = list(itertools.islice(reversed(found) if order == "desc" else found, limit))
    else:
        pages = settings.client.models.list(
            provider=provider, type=type_, sort=sort, order=order, limit=100, **given(query)
        )
        found = list(itertools.islice(pages, limit))
    known_types = sorted(kind.value for kind in ModelType)  # the spec's, via the generated enum
    if not found and type_ is not None and type_ not in known_types:
        # The API takes any type (the set can grow), so a typo finds nothing rather than failing: say so.
        raise click.UsageError(f"no models of type {type_!r} (the known types: {', '.join(known_types)})")
    if as_json:
        _output.emit_json(found)
        return
    rows = []
    for model in found:
        info = model.ccapi
        pricing = getattr(info, "pricing", None)
        price = ""
        if pricing and getattr(pricing, "input_cost_per_million", None) is not None:
            price = f"${pricing.input_cost_per_million:g} / ${pricing.output_cost_per_million:g} per 1M"
        elif pricing and getattr(pricing, "per_image_cost", None) is not None:
            price = f"${pricing.per_image_cost:g} per image"
        elif pricing and getattr(pricing, "per_second_cost", None) is not None:
            price = f"${pricing.per_second_cost:g} per second"
        rows.append((model.id, getattr(info, "type_", None), getattr(info, "display_name", None), price))
    _output.table("Models", ("id", "type", "name", "price"), rows)


@click.group()
def providers() -> None:
    """The providers behind the gateway."""


@providers.command("list")
@query_options(Providers.list, handled={"limit", "offset"})
@json_option
@pass_settings
def list_providers(settings: Settings, /, as_json: bool, **query: Any) -> None:
    """List providers."""
    found = list(settings.client.providers.list(limit=100, **given(query)))
    if as_json:
        _output.emit_json(found)
        return
    rows = [
        (p.name, p.display_name, p.model_count, ", ".join(p.types or []), "yes" if p.is_fundamental else "no")
        for p in found
    ]
    _output.table("Providers", ("name", "display name", "models", "types", "own models"), rows)


@providers.command("show")
@click.argument("name")
@json_option
@pass_settings
def show_provider(settings: Settings, name: str, as_json: bool) -> None:
    """Show one provider and its models."""
    provider = settings.client.providers.retrieve(name)
    if as_json:
        _output.emit_json(provider)
        return
    name, display = _output.shown(provider.name), _output.shown(provider.display_name or provider.name)
    _output.out.print(f"[bold]{display}[/] ({name})")
    _output.out.print(f"types: {_output.shown(', '.join(provider.types or []))}")
    rows = [
        (model.id, getattr(model.ccapi, "type_", None), getattr(model.ccapi, "display_name", None))
        for model in provider.models or []
    ]
    _output.table("Models", ("id", "type", "name"), rows)


COMMANDS = (models, providers)
