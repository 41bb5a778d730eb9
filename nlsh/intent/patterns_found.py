"""Acting on what a search finds: "delete the .tmp files under build", "move every .log file below
src to archive", "remove files older than 2 days in logs", "delete everything in out except *.txt".

The words after the verb are read with find's clauses (patterns_listing), so every way of
saying a name, a size, an age, a folder or an exception that "find ..." understands works
here too. These patterns come before the plain delete/copy/move ones and take a request
only when it needs a search: a criterion a glob cannot say (size, age, empty, hidden,
except, a name in a folder tree, a path) or words that say to go down the tree ("under",
"below", "anywhere in", "recursively", "in the X tree"). "delete the .tmp files in build"
and "delete all .pyc files recursively" are left to files.delete, which expands build/*.tmp
and **/*.pyc as the shell would.
"""

from __future__ import annotations

import re
from typing import Any

from ..types import ActionCall
from .clauses import Reject, read_clauses
from .find_syntax import PATTERN as FIND_COMMAND
from .patterns_listing import CLAUSES as FIND_CLAUSES
from .phrases import PLACE, glob_phrase, place

__all__ = ["GATE", "PATTERNS"]

_CRITERIA = ("name", "iname", "extension", "min_size", "max_size", "newer_than", "older_than", "empty",
             "max_depth", "exclude", "path_match")
_NEEDS_SEARCH = ("min_size", "max_size", "newer_than", "older_than", "empty", "exclude", "path_match", "iname",
                 "hidden")
_DEEP = re.compile(r"\b(?:under|underneath|below|beneath|recursively|everywhere|anywhere|tree|hierarchy"
                   r"|sub-?(?:folders?|directories|directory|dirs?)|at\s+any\s+depth|all\s+levels|nested)\b", re.I)
_FOLDERS = re.compile(r"\b(?:folders|directories|dirs|sub-?(?:folders|directories|dirs))\b", re.I)
_NOT_LISTING = ("long", "sort", "reverse", "names_only")


def _criteria(rest: str, searched: bool = False) -> dict[str, Any] | None:
    """find's arguments for the words after the verb, or None when they are not only criteria.

    searched: the person said "find" ("find and delete the .tmp files"): it is a search even
    when a glob could say it.
    """
    state: dict[str, Any] = {"verb": "find"}
    try:
        if not read_clauses(rest, FIND_CLAUSES, state):
            return None
    except Reject:
        return None
    if any(state.get(k) for k in _NOT_LISTING):
        return None
    said = {k for k in _NEEDS_SEARCH if state.get(k)}
    named = "name" in state and state.get("type") == "dir" and _FOLDERS.search(rest)  # "the folders called temp"
    if not (said or named or searched) and (not _DEEP.search(rest) or "**" in (glob_phrase(rest) or "")):
        return None  # a glob does it ("build/*.tmp", "**/*.pyc"): the plain delete/copy/move patterns take it
    args = {k: state[k] for k in _CRITERIA if k in state}
    if state.get("hidden"):
        if "name" in args or "iname" in args:
            return None
        args["name"] = ".*"
    if not any(k in args for k in _CRITERIA if k != "max_depth"):
        return None  # "delete everything under build" is files.delete of build's contents, not a search
    kind = state.get("type")
    if kind in ("file", "dir", "link"):
        args["type"] = kind
    if state.get("path", ".") != ".":
        args = {"path": state["path"], **args}
    return args


def _delete(m: re.Match[str]) -> list[ActionCall] | None:
    args = _criteria(m["rest"], searched=bool(m.groupdict().get("find")))
    return [ActionCall("files.delete_found", args)] if args else None


def _transfer(name: str):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        args = _criteria(m["rest"], searched=bool(m.groupdict().get("find")))
        dest = place(m["dest"])
        if not args or dest is None:
            return None
        return [ActionCall(name, {**args, "destination": dest})]
    return build


_DELETE = (r"(?:delete|remove|rm|erase|trash|purge|wipe(?:\s+out)?|nuke|get\s+rid\s+of|throw\s+away|throw\s+out"
           r"|discard|clean\s+(?:up|out)|bin)")
_TO = r"(?:to|into|in\s+to|over\s+to|onto|inside|in)"
_FIND = r"(?P<find>find|locate|search\s+for|look\s+for|get)"
_THEM = r"(?:(?:all\s+of\s+)?them|those|these|it|all\s+of\s+those|what\s+(?:you|it)\s+finds?)"
_THEN = r"(?:,\s*|\s+)(?:and(?:\s+then)?|then)\s+"

# Every pattern below starts with one of these (see patterns.py: the module is registered behind them).
GATE = (r"^(?:delete|remove|rm|erase|trash|purge|wipe|nuke|get|throw|discard|clean|bin|copy|cp|duplicate|back|move|mv"
        r"|find|locate|search|look)\b")

PATTERNS = [
    FIND_COMMAND,  # "find . -name '*.py' -size +1M": the command itself
    (rf"{_DELETE}\s+(?P<rest>.+)", _delete),
    (rf"(?:copy|cp|duplicate|back\s+up)\s+(?P<rest>.+?)\s+{_TO}\s+(?P<dest>{PLACE})", _transfer("files.copy_found")),
    (rf"(?:move|mv)\s+(?P<rest>.+?)\s+{_TO}\s+(?P<dest>{PLACE})", _transfer("files.move_found")),
    # "find and delete all .DS_Store files", "find the .tmp files in build and delete them"
    (rf"{_FIND}\s+and\s+{_DELETE}\s+(?P<rest>.+)", _delete),
    (rf"{_FIND}\s+(?P<rest>.+?){_THEN}{_DELETE}\s+{_THEM}", _delete),
    (rf"{_FIND}\s+and\s+(?:copy|cp)\s+(?P<rest>.+?)\s+{_TO}\s+(?P<dest>{PLACE})", _transfer("files.copy_found")),
    (rf"{_FIND}\s+(?P<rest>.+?){_THEN}(?:copy|cp)\s+{_THEM}\s+{_TO}\s+(?P<dest>{PLACE})",
     _transfer("files.copy_found")),
    (rf"{_FIND}\s+and\s+(?:move|mv)\s+(?P<rest>.+?)\s+{_TO}\s+(?P<dest>{PLACE})", _transfer("files.move_found")),
    (rf"{_FIND}\s+(?P<rest>.+?){_THEN}(?:move|mv)\s+{_THEM}\s+{_TO}\s+(?P<dest>{PLACE})",
     _transfer("files.move_found")),
]
