"""The grep command as people type it: "grep -rn TODO src", "egrep 'a|b' notes.txt", "grep main *.c".

Flags files.search can honour are read (-i -n -w -l -L -c -v -F -E -P and the ones that change
nothing here: -r -R -H -s -I); any other flag passes the request to the model. Flags may come
after the pattern ("grep 'TODO' -r src"). A glob operand ("*.c", "src/*.py") is what the
shell would give grep: the files of that folder whose names match it.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from ..types import ActionCall
from .phrases import STOPWORDS, TOKEN, place, unquote

__all__ = ["PATTERN"]

_GREP_FLAGS = {"i": ("ignore_case", True), "n": ("line_numbers", True), "w": ("whole_word", True),
               "l": ("files_only", True), "L": ("files_without", True), "c": ("count", True), "v": ("invert", True),
               "F": ("fixed", True), "E": ("fixed", False), "P": ("fixed", False), "G": ("fixed", False)}
_GREP_NOOP = set("rRHsI")  # recursive (always, for a folder), with file names, quiet errors, skip binary


def _grep_syntax(m: re.Match[str]) -> list[ActionCall] | None:
    """"grep -rn TODO src", "grep -i error app.log": the command as a person would type it."""
    text, quoted = unquote(m["text"])
    flags = f"{m['flags']} {m['flags2'] or ''}"
    loose = not quoted and not flags.strip()  # "grep the logs" is English, "grep -i the f" is grep
    if not text or (loose and text.lower() in (*STOPWORDS, "after", "through")) or text.startswith("-"):
        return None
    args: dict[str, Any] = {"pattern": text}
    if m["variant"]:  # egrep is grep -E, fgrep is grep -F
        args["fixed"] = m["variant"].lower() == "f"
    for letter in "".join(f.lstrip("-") for f in flags.split()):
        if letter in _GREP_FLAGS:
            key, value = _GREP_FLAGS[letter]
            args[key] = value
        elif letter not in _GREP_NOOP:
            return None
    args.setdefault("fixed", not any(c in text for c in ".*[]^$\\+?(){}|"))
    if m["where"]:
        folder, glob = posixpath.split(unquote(m["where"])[0])
        if not any(c in glob for c in "*?[") or any(c in folder for c in "*?["):
            folder, glob = place(m["where"]), None  # "grep main *.c": the files the shell would give grep
        if folder is None:
            return None
        if glob:
            args["include"] = glob
        if folder not in (".", ""):
            args["path"] = folder
    return [ActionCall("files.search", args)]


PATTERN = (rf"(?P<variant>[ef])?grep\s+(?P<flags>(?:-[A-Za-z]+\s+)*)(?:-e\s+)?(?P<text>{TOKEN})"
           rf"(?P<flags2>(?:\s+-[A-Za-z]+)*)(?:\s+(?:in\s+)?(?P<where>{TOKEN}))?", _grep_syntax)
