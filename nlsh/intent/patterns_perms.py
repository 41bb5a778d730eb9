"""Permissions: "make deploy.sh executable", "chmod 644 notes.txt", "give the group write
access to shared.txt", "remove write permission for others from a.txt", "make a.txt read-only".

Who is read from the words people use (the owner/user/me → u, the group → g, others/
everyone else/the world → o, everyone/all → a); what from read/write/execute (run). A
request that names no file, or a mode chmod would not take, passes to the model.
"""

from __future__ import annotations

import re

from ..types import ActionCall
from .phrases import folder_contents, sources

__all__ = ["GATE", "PATTERNS"]

GATE = (r"chmod|permission|executable|runnable|read-?only|readable|writ(?:e)?able|\bmode\b|access|rights"
        r"|^(?:allow|let|permit)\b")

_WHO = (r"(?:the\s+|its\s+|their\s+)?(?:owners?|user|me|myself|file'?s?\s+owner|group|others|other\s+users|everyone(?:\s+else)?"
        r"|everybody(?:\s+else)?|all(?:\s+users)?|anyone|the\s+world|world)")
_WHOS = rf"{_WHO}(?:(?:\s*,\s*|\s+and\s+){_WHO})*"
_WHAT = r"(?:read(?:ing)?|write|writing|exec(?:ute)?|execution|run(?:ning)?|all)"
_WHATS = rf"{_WHAT}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*){_WHAT})*"
_PERM = r"(?:permissions?|rights?|access|privileges?|bits?)"
_REC = r"(?P<rec>\s+recursively|\s+and\s+everything\s+(?:in|inside|under)\s+it)?"
_FILES = r"(?P<files>.+?)"


def _who(text: str | None) -> str:
    if not text:
        return ""
    letters = ""
    for word in re.split(r"\s*,\s*|\s+and\s+", text.lower()):
        if re.search(r"owner|user\b|^(?:the\s+)?me|myself", word) and "users" not in word:
            letters += "u"
        elif "group" in word:
            letters += "g"
        elif re.search(r"else|other|world", word):
            letters += "o"
        else:
            letters += "a"
    return "a" if "a" in letters else "".join(sorted(set(letters), key="ugo".index))


def _what(text: str) -> str:
    low = text.lower()
    if re.fullmatch(r"all", low.strip()):
        return "rwx"  # "remove all permissions for others"
    return "".join(letter for letter, word in (("r", "read"), ("w", "writ"), ("x", "exec|run"))
                   if re.search(word, low))


def _call(files: str, mode: str, rec: str | None, *, strict: bool = True) -> list[ActionCall] | None:
    paths = sources(files, strict=strict) or folder_contents(files)  # "all files in bin": bin/*
    if not paths or not mode:
        return None
    args: dict = {"paths": paths, "mode": mode}
    if rec:
        args["recursive"] = True
    return [ActionCall("files.chmod", args)]


def _direct(m: re.Match[str]) -> list[ActionCall] | None:
    return _call(m["files"], m["mode"], m["rec"] or m.groupdict().get("rflag"), strict=False)


_ADJ = {"executable": "x", "runnable": "x", "writable": "w", "writeable": "w", "readable": "r"}


def _adjective(m: re.Match[str]) -> list[ActionCall] | None:
    """"make X executable", "make X writable by the group", "make X read-only"."""
    adj = m["adj"].lower().replace("-", "")
    who = _who(m["who"] or m["who2"])
    if adj == "readonly":
        return _call(m["files"], f"{who or 'a'}-w", m["rec"])
    default = "u" if adj in ("writable", "writeable") else ""
    return _call(m["files"], f"{who or default}+{_ADJ[adj]}", m["rec"])


def _allow(m: re.Match[str]) -> list[ActionCall] | None:
    """"allow the group to write to shared.log", "let others read notes.txt"; "let me read it" asks to see it."""
    if re.search(r"\b(?:me|myself)\b", m["who"], re.I):
        return None
    return _call(m["files"], f"{_who(m['who'])}+{_what(m['what'])}", m["rec"])


def _grant(m: re.Match[str]) -> list[ActionCall] | None:
    """"give the group write access to X", "remove execute permission from X for others"."""
    who = _who(m["who"] or m["who_after"])
    op = "-" if re.match(r"remove|revoke|take|deny|drop|strip", m["verb"], re.I) else "+"
    what = _what(m["what"])
    return _call(m["files"], f"{who}{op}{what}" if what else "", m["rec"])


_ON = r"(?:on|to|for|from|of)"
_GIVE = r"(?P<verb>give|grant|add|allow|remove|revoke|take\s+away|deny|drop|strip)"
PATTERNS = [
    (rf"chmod\s+(?P<rflag>-R\s+)?(?P<mode>[0-7]{{3,4}}|[ugoa]*[-+=][rwxXst]+(?:,[ugoa]*[-+=][rwxXst]+)*)\s+"
     rf"{_FILES}{_REC}", _direct),
    (rf"(?:change|set|update)\s+(?:the\s+)?(?:permissions?|mode|file\s+mode|access\s+mode)\s+(?:of|on|for)\s+"
     rf"{_FILES}\s+to\s+(?P<mode>[0-7]{{3,4}}){_REC}", _direct),
    (rf"(?:change|set)\s+{_FILES}(?:'s)?\s+(?:permissions?|mode)\s+to\s+(?P<mode>[0-7]{{3,4}}){_REC}", _direct),
    (r"(?:change|set|apply)\s+(?:the\s+)?(?:permissions?|(?:file\s+|access\s+)?mode)\s+(?:to\s+)?"
     rf"(?P<mode>[0-7]{{3,4}})\s+(?:on|for|to)\s+{_FILES}{_REC}", _direct),
    (rf"(?:allow|let|permit)\s+(?P<who>{_WHOS})\s+(?:to\s+)?(?P<what>{_WHATS})\s+(?:to\s+|from\s+)?{_FILES}{_REC}",
     _allow),
    (rf"make\s+{_FILES}\s+(?:(?P<who>{_WHOS})\s+)?(?P<adj>executable|runnable|writable|writeable|readable"
     rf"|read-?only)(?:\s+(?:by|for)\s+(?P<who2>{_WHOS})(?:\s+only)?)?{_REC}", _adjective),
    (rf"{_GIVE}\s+(?P<what>{_WHATS})\s+{_PERM}\s+(?:to|for|from)\s+(?P<who>{_WHOS})\s+(?:on|of|for|to)\s+"
     rf"{_FILES}(?P<who_after>){_REC}", _grant),
    (rf"{_GIVE}\s+(?:(?P<who>{_WHOS})\s+)?(?P<what>{_WHATS})\s+{_PERM}\s+{_ON}\s+{_FILES}"
     rf"(?:\s+(?:for|from|to)\s+(?P<who_after>{_WHOS}))?{_REC}", _grant),
]

