"""The find command as people type it: "find . -name '*.py'", "find src -type f -size +10M -mtime -1".

Only the tests files.find can do are read (-name, -iname, -type f/d/l, -size, -mtime, -mmin,
-empty, -maxdepth, -mindepth, -path, and "! -name" / "-not -name" to leave names out); an
action (-delete, -exec), an operator (-o, parentheses) or any other test passes the request
to the model.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from ..types import ActionCall

__all__ = ["PATTERN", "find_command"]

_TYPES = {"f": "file", "d": "dir", "l": "link"}
_SIZE = re.compile(r"([+-]?)(\d+)([ckMG]?)")
_SIZE_UNIT = {"c": "", "k": "k", "M": "M", "G": "G"}
_AGE = re.compile(r"([+-]?)(\d+)")


def _size(value: str, args: dict[str, Any]) -> bool:
    m = _SIZE.fullmatch(value)
    if m is None or not m[1] or not m[3]:  # "-size 10" counts 512-byte blocks: left to the model
        return False
    key = "min_size" if m[1] == "+" else "max_size"
    args[key] = m[2] + _SIZE_UNIT[m[3]]
    return True


def _age(value: str, unit: str, args: dict[str, Any]) -> bool:
    m = _AGE.fullmatch(value)
    if m is None or not m[1]:  # "-mtime 3" is exactly 3 days: left to the model
        return False
    args["newer_than" if m[1] == "-" else "older_than"] = m[2] + unit
    return True


def _test(name: str, value: str, negated: bool, args: dict[str, Any]) -> bool:
    """Record one test in args; False when files.find cannot do it."""
    if negated:
        return name == "-name" and "exclude" not in args and bool(args.setdefault("exclude", value))
    if name in ("-name", "-iname", "-path", "-wholename"):
        key = {"-name": "name", "-iname": "iname"}.get(name, "path_match")
        if key in args:
            return False
        args[key] = value
        return True
    if name == "-type":
        if value not in _TYPES or "type" in args:
            return False
        args["type"] = _TYPES[value]
        return True
    if name == "-size":
        return _size(value, args)
    if name in ("-mtime", "-mmin"):
        return _age(value, "d" if name == "-mtime" else "m", args)
    if name in ("-maxdepth", "-mindepth") and value.isdigit():
        args["max_depth" if name == "-maxdepth" else "min_depth"] = int(value)
        return True
    return False


_WITH_VALUE = {"-name", "-iname", "-path", "-wholename", "-type", "-size", "-mtime", "-mmin", "-maxdepth",
               "-mindepth"}


def find_command(m: re.Match[str]) -> list[ActionCall] | None:
    try:
        words = shlex.split(m["args"])
    except ValueError:
        return None
    path = "."
    if words and not words[0].startswith("-") and words[0] not in ("!", "("):
        path = words.pop(0)
    args: dict[str, Any] = {}
    negated = False
    while words:
        word = words.pop(0)
        if word in ("!", "-not"):
            negated = True
            continue
        if word in ("-print", "-a", "-and") and not negated:
            continue
        if word == "-empty" and not negated:
            args["empty"] = True
            continue
        if word not in _WITH_VALUE or not words or not _test(word, words.pop(0), negated, args):
            return None
        negated = False
    if negated:
        return None
    if path not in (".", "./"):
        args = {"path": path, **args}
    return [ActionCall("files.find", args)]


# "find . -name '*.py'", "find -type d -empty": find and at least one test
PATTERN = (r"find\s+(?P<args>(?:[^\s-]\S*\s+)?(?:!\s+|-not\s+)?-(?:name|iname|path|wholename|type|size|mtime|mmin"
           r"|maxdepth|mindepth|empty)\b.*)", find_command)
