"""How the overlay's modules depend on each other, deferred and `TYPE_CHECKING` imports included: no circle, the
wrappers know nothing of spend or tracing, the pipeline knows nothing above it, and the runtime reads generated code
only through the contract it declares (`ccapi._operation`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "overlays" / "ccapi"
WRAPPERS = (
    "_streaming", "_image_jobs", "_pagination", "_media", "_downloads", "_accumulate",
    "_async._streaming", "_async._image_jobs", "_async._pagination", "_sync._streaming", "_sync._image_jobs",
    "_sync._pagination",
)  # fmt: skip
OBSERVERS = ("_spend", "_prices", "_account", "_budget", "_telemetry", "_hooks")
PIPELINES = ("_pipeline", "_async._pipeline", "_sync._pipeline")
COMPOSITION_ROOTS = ("__init__", "_client", "_async_client", "_async._client", "_sync._client", "types")
"""Where the clients are put together from the generated resources and the runtime."""


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def _imports(path: Path) -> set[str]:
    """Every module this one imports, anywhere in it: `ccapi.X` as `X`, generated code as `ccapi_generated...`."""
    name = _name(path)
    if path.name == "__init__.py":
        package = "" if name == "__init__" else name
    else:
        package = name.rsplit(".", 1)[0] if "." in name else ""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ccapi."):
                    found.add(alias.name.removeprefix("ccapi."))
                elif alias.name.startswith("ccapi_generated"):
                    found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, module] if module else base)
                if module:
                    found.add(target)
                else:
                    found.update(".".join([*base, alias.name]) for alias in node.names)
            elif module.startswith("ccapi_generated"):
                found.add(module)
            elif module.startswith("ccapi."):
                found.add(module.removeprefix("ccapi."))
            elif module == "ccapi":
                found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {target for target in _imports(path) if target in modules} for name, path in modules.items()}


def test_the_overlay_has_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circle = [*stack[stack.index(target) :], target]
                pytest.fail("import circle: " + " -> ".join(circle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def _path(module: str) -> Path:
    return PACKAGE.joinpath(*module.split(".")).with_suffix(".py")


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_wrappers_import_nothing_of_spend_or_tracing(wrapper: str) -> None:
    imported = _imports(_path(wrapper))
    assert not imported & set(OBSERVERS), f"{wrapper} imports {sorted(imported & set(OBSERVERS))}"


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_pipeline_knows_nothing_above_it(pipeline: str) -> None:
    imported = _imports(_path(pipeline))
    assert not imported & {*WRAPPERS, *OBSERVERS}, sorted(imported & {*WRAPPERS, *OBSERVERS})


def test_the_runtime_reads_generated_code_only_through_its_contract() -> None:
    for path in [*PACKAGE.glob("_*.py"), *PACKAGE.glob("_async/*.py"), *PACKAGE.glob("_sync/*.py")]:
        if _name(path) in COMPOSITION_ROOTS:
            continue
        generated = sorted(target for target in _imports(path) if target.startswith("ccapi_generated"))
        runtime_uses = [target for target in generated if target != "ccapi_generated.models"]
        assert not runtime_uses, f"{path.name} imports {runtime_uses}"


def test_the_contract_imports_nothing_of_the_package() -> None:
    assert _imports(PACKAGE / "_operation.py") == set()
    assert _imports(PACKAGE / "_lifecycle.py") <= {"_operation"}
