"""Requests that first move somewhere: "go into src and list the files", "In the docs folder, ...".

`split` reads a leading navigation clause ("go/pop/head over to X", "cd into X", "open up the
X folder", "within the X directory,") and returns the folder and the rest of the request,
with the words that point back at the folder ("there", "in that folder", "in it") taken out.
`reroot` makes the rest's plan act in that folder as if the person had cd'ed there: relative
path arguments are joined to it, and path arguments left at their default (".", or a git
repository) become the folder. The session's own folder never changes.

A plan it cannot move soundly (a command line, "print the working folder", a step that
would write to a default place it cannot name) gives None, and the request passes on.
"""

from __future__ import annotations

import functools
import posixpath
import re
from typing import Any

from ..types import ActionCall
from .phrases import NOUN, PLACE, file_like, named, place

__all__ = ["reroot", "split"]

_ADVERB = r"(?:(?:first(?:\s+of\s+all)?|directly|just|quickly|simply|now)\s*,?\s+)?"
_MOVE = (r"(?:cd|change\s+(?:the\s+)?(?:(?:current|working)\s+)*(?:directory|dir|folder))"
         r"(?:\s+(?:in)?to|\s+(?:in|inside|within))?"
         r"|(?:go|pop|hop|head|navigate|move|step|travel|get|browse|walk|dive|cd)"
         r"(?:\s+(?:over|back|down|up|across|on))?\s+(?:to|into|in|inside|within|towards?)")
_OPEN = r"(?:open(?:\s+up)?|enter|access|visit)"
_IN = r"(?:while\s+)?(?:(?:when|once)\s+(?:you(?:'re|\s+are)\s+)?)?(?:in|inside|within|under|from\s+within)"
# What joins the clause to the request: "and then", ",", ". ", "then", "and once there,".
_CONJ = (r"(?:(?:and\s+)?then\s*,?\s+|and\s+(?:once\s+(?:you(?:'re|\s+are)\s+)?there\s*,?\s+)?"
         r"|once\s+(?:you(?:'re|\s+are)\s+)?there\s*,?\s+|after\s+that\s*,?\s+)")
_JOIN = rf"(?:\s*[,.;:]\s*{_CONJ}?|\s+{_CONJ})"

# A cheap first look, so that most requests never compile the clauses below.
_GATE = re.compile(r"(?:\w+\W+){0,4}?(?:cd|change|switch|go|pop|hop|head|navigate|move|step|travel|get|browse|walk"
                   r"|dive|open|enter|access|visit|in|inside|within|under|from)\b", re.I)


@functools.cache
def _clauses() -> list[tuple[re.Pattern[str], bool]]:
    """(clause, whether a bare word may name the folder): "go to src" may; "open vim", "in general," may not."""
    return [
        (re.compile(rf"{_ADVERB}(?:{_MOVE})\s+(?P<dir>{PLACE}){_JOIN}(?P<rest>.+)", re.I), True),
        (re.compile(rf"{_ADVERB}{_OPEN}\s+(?P<dir>{PLACE}){_JOIN}(?P<rest>.+)", re.I), False),
        (re.compile(rf"{_ADVERB}(?:switch|change)\s+(?:over\s+)?(?:in)?to\s+(?P<dir>{PLACE}){_JOIN}(?P<rest>.+)", re.I),
         False),  # "switch to main and pull" is about a branch; "switch to /var/log and ..." a folder
        (re.compile(rf"{_ADVERB}{_IN}\s+(?P<dir>{PLACE})\s*,\s*(?:(?:and\s+)?then\s+)?(?P<rest>.+)", re.I), False),
        # "in data, how many csv files are there": one bare word and a comma, unless it is a manner of speaking
        (re.compile(rf"{_ADVERB}{_IN}\s+(?!(?:{_IDIOMS})\s*,)(?P<dir>[\w.~/-]+)\s*,\s*(?:(?:and\s+)?then\s+)?"
                    r"(?P<rest>.+)", re.I), True),
    ]


# "in general, ...", "in bash, ...": words after "in" that name a way of saying or a tool, not a folder
_IDIOMS = ("general|short|brief|particular|addition|fact|practice|total|summary|sum|case|turn|theory|detail|effect"
           "|order|return|reality|contrast|conclusion|principle|essence|future|advance|parallel|bulk|sequence|full"
           "|place|reverse|private|public|time|person|part|response|truth|earnest|question|english|words|plain"
           "|bash|zsh|sh|shell|python|linux|unix|windows|macos|mac|osx|terminal|vim|emacs|git|docker|json|yaml")


_BACK = r"(?:that|this|the\s+same|said|the|my|our)\s+(?:folder|directory|dir)"
_PREP = r"(?:in|inside|within|under|of|from|at|into|to)"
_POINTERS = re.compile(
    rf"\s+(?:{_PREP}\s+{_BACK}|(?:in\s+|inside\s+|over\s+|right\s+)?there|(?:in|inside|within|into)\s+it)(?=$|[\s,.;])",
    re.I)
# Where the folder itself is what the rest is about ("the disk usage of that folder", "how big is it").
_SUBJECT = re.compile(rf"(?<=\s)(?:{_BACK}|it)(?=$|[\s,.;])", re.I)


def split(request: str) -> tuple[str, tuple[str, ...]] | None:
    """(folder, readings of the rest) for "go into src and list the files"; None when it moves nowhere.

    The first reading drops what points back at the folder ("list the files in there" ->
    "list the files"); the second names it as the current folder ("how big is it" -> "how
    big is this folder"), for requests about the folder itself.
    """
    if not _GATE.match(request):
        return None
    for regex, bare in _clauses():
        m = regex.fullmatch(request)
        if m is None:
            continue
        folder = _folder(m["dir"], bare=bare)
        rest = m["rest"].strip()
        if folder is None or not rest or re.match(r"(?:and|or|then)$", rest, re.I):
            continue
        rest = _drop_repeats(rest, m["dir"], folder)
        dropped = _POINTERS.sub("", " " + rest).strip()
        named_here, found = _SUBJECT.subn("this folder", rest)
        return folder, tuple(dict.fromkeys(r for r in (dropped, named_here if found else "") if r))
    return None


def _folder(chunk: str, *, bare: bool) -> str | None:
    found = named(chunk)
    folder = place(chunk, bare=bare)
    if folder is None or folder in (".", "./") or folder.isdigit():
        return None
    if found is not None and found[1] != "dir" and file_like(found[0]) and not found[2]:
        return None  # "open notes.txt and ..." reads a file
    return folder


def _drop_repeats(rest: str, said: str, folder: str) -> str:
    """The rest without the folder named again ("go into src and list the files in src")."""
    for name in {said.strip(), folder}:
        words = re.escape(name.strip("'\""))
        again = rf"\s+(?:in|inside|within|under|of|from)\s+(?:the\s+)?['\"]?{words}['\"]?(?:\s+{NOUN})?(?=$|[\s,.;])"
        rest = re.sub(again, "", " " + rest, flags=re.I).strip()
    return rest


def _join(folder: str, value: str) -> str:
    if value.startswith(("/", "~")):
        return value
    return posixpath.normpath(posixpath.join(folder, value)) + ("/" if value.endswith("/") else "")


def reroot(calls: list[ActionCall], folder: str, actions: Any) -> list[ActionCall] | None:
    """The plan acting in `folder` instead of the current folder, or None when that is not clear."""
    out = []
    for call in calls:
        spec = actions.get(call.action)
        if spec is None:
            return None
        paths = [p for p in spec.params if p.path_role]
        if not paths and any(c.startswith(("fs.", "shell.")) for c in spec.capabilities):
            return None  # "print the working folder", a command line: they depend on where they run
        has_repo = any(p.name == "repo" for p in paths)
        args: dict[str, Any] = dict(call.args)
        for p in paths:
            value = args.get(p.name)
            if value is None:
                if p.default == "." or p.name == "repo":
                    args[p.name] = folder
                elif p.path_role == "new" and not has_repo:
                    return None  # output to a default place we cannot name ("clone" into the current folder)
                continue
            args[p.name] = [_join(folder, v) for v in value] if isinstance(value, list) else _join(folder, value)
        out.append(ActionCall(call.action, args, call.taint))
    return out
