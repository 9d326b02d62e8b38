"""What changed between two versions of openapi.yaml, and whether it breaks clients.

The classification is api-smart-diff's (npm, pinned below), a maintained OpenAPI diff that knows requests from
responses: types and formats, nullability, required in both directions, enum values, defaults, numeric and length
constraints, removed bodies, paths and parameters. Its operation-level diffs decide; its component-level ones,
which cannot tell a request schema from a response schema, only describe. One adjustment is the spec's own: a value
added to an open enum (`anyOf: [known values, string]`, which clients must accept) is an addition, not a break.

Kinds: "breaking" (a major release), "addition" (minor), "other" (a patch: descriptions, examples, extensions).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[1]
API_SMART_DIFF = "api-smart-diff@1.0.6"
MODULES = Path(os.environ.get("CCAPI_NODE_TOOLS") or ROOT / ".nox") / "_specdiff"  # as noxfile.NODE_TOOLS
KINDS = {"breaking": "breaking", "non-breaking": "addition", "deprecated": "addition"}


@attrs.frozen
class Change:
    kind: str  # "breaking", "addition" or "other"
    what: str

    def __str__(self) -> str:
        return self.what


def _node_modules() -> Path:
    """The pinned api-smart-diff, installed once into the project's .nox folder (nox sessions share it).

    Many processes may ask at once (pytest-xdist's workers, nox sessions of copies sharing CCAPI_NODE_TOOLS): the
    first installs while holding a lock on the folder, the others wait for it. Without the lock, a second `npm
    install` rewrote node_modules while the first process's node was loading it, and that node exited 1.
    """
    marker = MODULES / f"installed-{API_SMART_DIFF}"
    if marker.exists():
        return MODULES / "node_modules"
    MODULES.mkdir(parents=True, exist_ok=True)
    with (MODULES / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not marker.exists():  # another process may have installed it while this one waited
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("the spec diff needs Node.js and npm (api-smart-diff)")
            done = subprocess.run(  # noqa: S603 (npm, with a pinned package)
                [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(MODULES), API_SMART_DIFF],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(f"npm could not install {API_SMART_DIFF}:\n{done.stdout}{done.stderr}")
            marker.touch()
    return MODULES / "node_modules"


def raw_diffs(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """api-smart-diff's diffs between two specs."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the spec diff needs Node.js (api-smart-diff)")
    with tempfile.TemporaryDirectory() as scratch:
        files = []
        for name, spec in (("old.json", old), ("new.json", new)):
            path = Path(scratch) / name
            path.write_text(json.dumps(spec), encoding="utf-8")
            files.append(str(path))
        env = {**os.environ, "NODE_PATH": str(_node_modules())}
        done = subprocess.run(  # noqa: S603 (node, running this project's script)
            [node, str(Path(__file__).with_name("spec_diff.cjs")), *files],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"the spec diff (node tools/spec_diff.cjs) exited {done.returncode}:\n{done.stderr}")
    diffs: list[dict[str, Any]] = json.loads(done.stdout)
    return diffs


def open_enums(spec: dict[str, Any]) -> set[str]:
    """Component enums used as open enums: an `anyOf` that also admits any string."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            branches = node.get("anyOf")
            if isinstance(branches, list) and {"type": "string"} in branches:
                for branch in branches:
                    ref = branch.get("$ref", "") if isinstance(branch, dict) else ""
                    if ref.startswith("#/components/schemas/"):
                        found.add(ref.rsplit("/", 1)[1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def _widens_an_open_enum(diff: dict[str, Any], new: dict[str, Any]) -> bool:
    path = diff["path"]
    if diff["action"] != "add" or "enum" not in path:
        return False
    at = path.index("enum")
    # api-smart-diff follows references, and writes a reference with siblings (a description, a default) as an
    # allOf of both: .../anyOf/N/allOf/K/enum/M is the same open enum as .../anyOf/N/enum/M.
    while at >= 2 and path[at - 2] == "allOf" and path[at - 1].isdigit():
        at -= 2
    if at >= 2 and path[at - 2] == "anyOf":  # .../anyOf/N/enum/M, with references followed
        node: Any = new
        try:
            for part in path[: at - 2]:
                node = _resolve(new, node)
                node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return False
        node = _resolve(new, node)
        return isinstance(node, dict) and {"type": "string"} in (node.get("anyOf") or [])
    return path[:2] == ["components", "schemas"] and len(path) > 2 and path[2] in open_enums(new)


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


DONE = {"add": "added", "remove": "removed", "replace": "changed", "rename": "renamed"}


def _describe(diff: dict[str, Any]) -> str:
    path = diff["path"]
    done = DONE.get(diff["action"], diff["action"])
    if path[:2] == ["components", "schemas"]:
        parts = [part for part in path[2:] if part not in ("properties", "items")]
        if "enum" in parts:
            value = diff.get("after") if diff["action"] == "add" else diff.get("before")
            where = ".".join(parts[: parts.index("enum")])
            return f"{where}: enum value {done}: {value}"
        if parts and parts[-1].isdigit() and "required" in parts:
            field = diff.get("after") if diff["action"] == "add" else diff.get("before")
            where = ".".join(parts[: parts.index("required")])
            return f"{where}.{field}: {'now required' if diff['action'] == 'add' else 'no longer required'}"
        if len(parts) >= 2 and parts[-1] in ("type", "format", "default", "minimum", "maximum", "minLength",
                                             "maxLength", "pattern", "nullable"):  # fmt: skip
            return f"{'.'.join(parts[:-1])}: {parts[-1]} {done} ({diff.get('before')} -> {diff.get('after')})"
        return f"{'.'.join(parts)}: property {done}" if len(parts) >= 2 else f"schema {done}: {'.'.join(parts)}"
    text = (diff.get("description") or f"[{diff['action']}] {'/'.join(path)}").strip()
    if path and path[0] == "paths" and len(path) > 2 and path[2] in ("get", "put", "post", "delete", "patch"):
        operation = f"{path[2].upper()} {path[1]}"
        if operation not in text:
            text = f"{operation}: {text}"
    return text


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new` that matters to a client, breaking ones first."""
    changes: dict[str, Change] = {}
    for diff in raw_diffs(old, new):
        kind = KINDS.get(diff["type"], "other")
        if diff["path"][:1] == ["components"]:
            kind = "other" if kind == "breaking" else kind  # context-free: the operation-level diffs decide
        if kind == "breaking" and _widens_an_open_enum(diff, new):
            kind = "addition"
        what = _describe(diff)
        known = changes.get(what)
        if known is None or ORDER[kind] < ORDER[known.kind]:
            changes[what] = Change(kind, what)
    return sorted(changes.values(), key=lambda change: (ORDER[change.kind], change.what))


ORDER = {"breaking": 0, "addition": 1, "other": 2}
