"""Strings that a regular expression matches, for the `pattern` of a JSON schema's string: enough of the regex
language for the patterns schemas use (literals, classes, ranges, repeats, groups, alternatives, anchors), read with
Python's own regex parser."""

from __future__ import annotations

import random
import re
from typing import Any

_CATEGORIES = {
    "category_digit": "0123456789",
    "category_word": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
    "category_space": " ",
    "category_not_digit": "abcxyz",
    "category_not_word": "-.",
    "category_not_space": "abc",
}


def pattern_text(pattern: str, choose: random.Random) -> str:
    """A string the regular expression `pattern` matches, for the simple patterns schemas use (literals, classes,
    ranges, repeats, groups, alternatives, anchors). Lookarounds and back-references are not attempted: the caller
    checks the result and tries again."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern)
    except (ImportError, re.error):
        return ""
    groups: dict[int, str] = {}

    def emit(items: Any) -> str:
        out = []
        for opcode, argument in items:
            name = str(opcode).lower()
            if name == "literal":
                out.append(chr(argument))
            elif name == "any":
                out.append("a")
            elif name == "in":
                out.append(_class_member(argument, choose))
            elif name in ("max_repeat", "min_repeat", "possessive_repeat"):
                fewest, most, body = argument
                count = choose.randint(fewest, min(most, fewest + 3))
                out.extend(emit(body) for _ in range(count))
            elif name == "subpattern":
                group, *_, body = argument
                made = emit(body)
                if group is not None:
                    groups[group] = made
                out.append(made)
            elif name == "branch":
                out.append(emit(choose.choice(argument[1])))
            elif name == "groupref":
                out.append(groups.get(argument, ""))
            elif name == "atomic_group":
                out.append(emit(argument))
            # at (anchors), assertions and the rest add nothing
        return "".join(out)

    return emit(parsed)


def _class_member(items: Any, choose: random.Random) -> str:
    """One character of a character class `[...]` (a negated class gets one that its listed members exclude)."""
    allowed: list[str] = []
    negated = False
    for opcode, argument in items:
        name = str(opcode).lower()
        if name == "negate":
            negated = True
        elif name == "literal":
            allowed.append(chr(argument))
        elif name == "range":
            low, high = argument
            allowed.extend(chr(code) for code in range(low, min(high, low + 60) + 1))
        elif name == "category":
            allowed.extend(_CATEGORIES.get(str(argument).lower(), "a"))
    if negated:
        candidates = [c for c in "abcxyzABC019 -_." if c not in allowed]
        return candidates[0] if candidates else "~"
    return choose.choice(allowed) if allowed else "a"
