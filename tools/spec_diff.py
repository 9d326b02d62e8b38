"""What changed between two versions of openapi.yaml, and whether it breaks clients.

The classification is api-smart-diff's (npm, pinned below), a maintained OpenAPI diff that knows requests from
responses: types and formats, nullability, required in both directions, enum values, defaults, numeric and length
constraints, removed bodies, paths and parameters. Its operation-level diffs decide; its component-level ones,
which cannot tell a request schema from a response schema, only describe. One adjustment is the spec's own: a value
added to an open enum (`anyOf: [known values, string]`, which clients must accept) is an addition, not a break.

Changes are grouped: api-smart-diff reports one change once for each place that reaches it by reference; the
change is reported once, where the spec has it, in plain words, with the operations it reaches.

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
        node, consumed = _navigate(new, path[: at - 2])[:2]
        node = _resolve(new, node)
        return consumed == at - 2 and isinstance(node, dict) and {"type": "string"} in (node.get("anyOf") or [])
    return path[:2] == ["components", "schemas"] and len(path) > 2 and path[2] in open_enums(new)


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


DONE = {"add": "added", "remove": "removed", "replace": "changed", "rename": "renamed"}
KEYWORDS = ("type", "format", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
            "maxLength", "minItems", "maxItems", "pattern", "nullable", "const", "multipleOf")  # fmt: skip
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _navigate(spec: dict[str, Any], path: list[str]) -> tuple[Any, int, str, int]:
    """Follow a path of api-smart-diff's through the spec as written: (the node reached, how many parts of the path
    it consumed, the last component a reference led to, where in the path that component starts).

    api-smart-diff follows references, and writes a reference with siblings (a description, a default) as an
    allOf of both, which the spec as written does not have: those two parts are skipped.
    """
    node: Any = spec
    root, start = "", 0
    at = 0
    while at < len(path):
        part = path[at]
        if isinstance(node, dict) and isinstance(node.get("$ref"), str) and part not in node:
            siblings = node
            ref = node["$ref"]
            try:
                node = _resolve(spec, node)
            except (KeyError, TypeError):
                break
            if ref.startswith("#/components/"):
                root, start = "/".join(ref.split("/")[2:4]), at
            if part == "allOf" and "allOf" not in node:
                at += 2
                if at < len(path) and path[at] not in node and path[at] in siblings:
                    node = siblings
                elif ref.startswith("#/components/"):
                    start = at
            continue
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            break
        at += 1
    return node, min(at, len(path)), root, start


def _root(spec: dict[str, Any], path: list[str]) -> tuple[str, tuple[str, ...]]:
    """Where a diff is, as the spec is written: the last component a reference led to (or the operation, when none
    did) and the rest of the path from there.

    api-smart-diff reports one change once for each place that reaches it through references (a field added to
    ModelSummary: in ModelSummary, in ModelListResponse.data[], in GET /models, in GET /providers/{name}, ...);
    those share a root, and are one change.
    """
    root, start = _navigate(spec, path)[2:]
    if not root:
        if path[:1] == ["components"] and len(path) >= 3:
            return "/".join(path[1:3]), tuple(path[3:])
        if path[:1] == ["paths"] and len(path) >= 3:
            return f"{path[2].upper()} {path[1]}", tuple(path[3:])
        return "", tuple(path)
    return root, tuple(path[start:])


def _field(rest: tuple[str, ...]) -> str:
    """A readable field path (`data[].context_window`) from a schema path (properties/data/items/properties/...)."""
    text, skip = "", False
    for index, part in enumerate(rest):
        if skip:
            skip = False
            continue
        if part in ("allOf", "anyOf", "oneOf"):
            skip = True
        elif part == "items":
            text += "[]"
        elif part in ("properties", "additionalProperties") and index + 1 < len(rest):
            text += "." + rest[index + 1]
            skip = True
        else:
            break
    return text


def _sentence(root: str, rest: tuple[str, ...], diff: dict[str, Any]) -> str:
    """One change, in plain words."""
    action, before, after = diff["action"], diff.get("before"), diff.get("after")
    done = DONE.get(action, action)
    if root.startswith("schemas/"):
        name = root.split("/", 1)[1]
        where = f"`{name}{_field(rest)}`"
        last = rest[-2:] if len(rest) >= 2 else rest
        if not rest:
            return f"new schema `{name}`" if action == "add" else f"schema `{name}` {done}"
        if last[:1] == ("enum",) or (len(rest) >= 2 and rest[-2] == "enum"):
            return f"{where}: new value `{after}`" if action == "add" else f"{where}: value `{before}` {done}"
        if len(rest) >= 2 and rest[-2] == "required":
            field = after if action == "add" else before
            what = "is now required" if action == "add" else "is no longer required"
            return f"`{name}{_field(rest[:-2])}.{field}` {what}"
        if len(rest) >= 2 and rest[-2] in ("properties", "additionalProperties"):
            return f"{where}: new field" if action == "add" else f"{where}: field {done}"
        if rest[-1] in KEYWORDS:
            if action == "add":
                return f"{where}: now has {rest[-1]} {after}"
            if action == "remove":
                return f"{where}: no longer has {rest[-1]} {before}"
            return f"{where}: {rest[-1]} changed from {before} to {after}"
        return f"{where}: {'/'.join(rest)} {done}"
    if root and root.split(" ")[0].lower() in METHODS:
        if not rest:
            return f"new operation {root}" if action == "add" else f"operation {root} {done}"
        text = (diff.get("description") or "").strip()
        for marker, word in (("[Added]", "added"), ("[Removed]", "removed"), ("[Replaced]", "changed")):
            text = text.replace(marker, word)
        text = " ".join(text.split())
        return f"{root}: {text or '/'.join(rest) + ' ' + done}"
    if root.startswith("paths") or not root:
        if len(rest) == 2 and rest[0] == "paths":
            return f"new path {rest[1]}" if action == "add" else f"path {rest[1]} {done}"
        return f"{'.'.join(rest)} {done}"
    return f"{root}: {'/'.join(rest)} {done}"


def _parameter_sentence(root: str, diff: dict[str, Any]) -> str | None:
    """An added or removed parameter of an operation in plain words, from what tools/spec_diff.cjs read of it in
    the spec itself (None for any other diff): api-smart-diff's own words call a parameter "required" whenever it
    has a `required` key, even `required: false`, and whether it is required is what its user most needs to know."""
    parameter = diff.get("parameter")
    if not isinstance(parameter, dict) or diff["action"] not in ("add", "remove"):
        return None
    need = "required" if parameter.get("required") else "optional"
    return f"{root}: {DONE[diff['action']]} {need} {parameter.get('in') or ''} parameter `{parameter['name']}`"


def _operation(diff: dict[str, Any]) -> str | None:
    path = diff["path"]
    if path[:1] == ["paths"] and len(path) > 2 and path[2] in METHODS:
        return f"{path[2].upper()} {path[1]}"
    return None


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new` that matters to a client, breaking ones first: one Change for each change
    to the spec as written, wherever references make it appear, with the operations it reaches."""
    groups: dict[tuple[str, tuple[str, ...], str], list[tuple[str, dict[str, Any]]]] = {}
    for diff in raw_diffs(old, new):
        if diff["path"] == ["info", "version"]:
            continue  # the release names the spec's version already
        kind = KINDS.get(diff["type"], "other")
        if diff["path"][:1] == ["components"]:
            kind = "other" if kind == "breaking" else kind  # context-free: the operation-level diffs decide
        if kind == "breaking" and _widens_an_open_enum(diff, new):
            kind = "addition"
        if diff["action"] == "replace" and diff["path"][-1:] == ["type"] and _operation(diff):
            kind = "breaking"  # api-smart-diff lets an optional response field change type; typed clients break
        root, rest = _root(old if diff["action"] == "remove" else new, diff["path"])
        groups.setdefault((root, rest, diff["action"]), []).append((kind, diff))
    changes: dict[str, Change] = {}
    for (root, rest, _), members in groups.items():
        kind = min((member_kind for member_kind, _ in members), key=ORDER.__getitem__)
        operations = sorted({operation for _, diff in members if (operation := _operation(diff))})
        first = min(members, key=lambda member: len(member[1]["path"]))[1]
        what = _parameter_sentence(root, first) or _sentence(root, rest, first)
        if operations and root.split(" ")[0].lower() not in METHODS:
            what += f" (in {', '.join(operations)})"
        known = changes.get(what)
        if known is None or ORDER[kind] < ORDER[known.kind]:
            changes[what] = Change(kind, what)
    return sorted(changes.values(), key=lambda change: (ORDER[change.kind], change.what))


ORDER = {"breaking": 0, "addition": 1, "other": 2}
