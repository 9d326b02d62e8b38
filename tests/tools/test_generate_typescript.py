"""The TypeScript generator takes the hand-written helpers' class from the spec's `x-ccapi-helpers`, the line the
Python generator reads: one spec line names `ChatCompletionsHelpers` in both languages."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import generate_typescript
from tools.generate_typescript import Spec, helpers_base, render_resources, resource_tree

ROOT = Path(__file__).resolve().parents[2]


def _spec() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return document


def _resources(document: dict[str, Any]) -> dict[str, generate_typescript.Resource]:
    root = resource_tree(Spec(document).methods())
    return {resource.path: resource for resource in generate_typescript.walk(root)}


def test_the_chat_resource_extends_the_class_the_spec_names() -> None:
    resources = _resources(_spec())
    chat = resources["chat.completions"]
    assert chat.helpers == ("ChatCompletionsHelpers", "../lib/chat-helpers.js")
    assert chat.base == "ChatCompletionsHelpers"
    assert {path for path, resource in resources.items() if resource.helpers} == {"chat.completions"}
    rendered = render_resources(ROOT / "openapi.yaml")
    assert 'import { ChatCompletionsHelpers } from "../lib/chat-helpers.js";' in rendered
    assert "export class ChatCompletions extends ChatCompletionsHelpers {" in rendered


def test_without_the_extension_the_resource_is_plain() -> None:
    document = copy.deepcopy(_spec())
    operation = document["paths"]["/chat/completions"]["post"]
    del operation["x-ccapi-helpers"]
    assert _resources(document)["chat.completions"].base == "APIResource"


@pytest.mark.parametrize(
    ("helpers", "problem"),
    [
        ("_chat_helpers.NoSuchHelpers", "does not export"),
        ("_no_such_module.ChatCompletionsHelpers", "does not export"),
        (["_chat_helpers.ChatCompletionsHelpers", "_chat_helpers.Other"], "one class"),
        ("chat_helpers.ChatCompletionsHelpers", "not `_module.Class`"),
    ],
)
def test_a_helper_the_runtime_does_not_have_stops_generation(helpers: Any, problem: str) -> None:
    with pytest.raises(SystemExit, match=problem):
        helpers_base("createChatCompletion", helpers)
