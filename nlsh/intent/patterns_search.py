"""Searching file contents: "search for TODO in src", "which files contain 'import os'".

The searched text is one word or a quoted phrase: an unquoted phrase ("search for the
thing I wrote yesterday") is left to the model. Text from a request is taken literally
(fixed=True) unless the person says it is a pattern or a regex.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from ..types import ActionCall
from .clauses import Reject, clause, read_clauses, set_once
from .phrases import EXT, KIND, PLACE, STOPWORDS, TOKEN, ext_of, file_like, place, unquote

__all__ = ["GATE", "PATTERNS"]

_INTRO = (r"(?:the\s+)?(?P<intro>text|string|word|phrase|pattern|regex|regexp|regular\s+expression|term|keyword"
          r"|occurrences\s+of|mentions\s+of|references\s+to|uses\s+of|usages\s+of|instances\s+of)\s+")
_CI = (r"case[\s-]*insensitive(?:ly)?|ignoring\s+(?:the\s+)?case|ignore\s+case|regardless\s+of\s+case|in\s+any\s+case"
       r"|(?:in\s+)?(?:upper\s+or\s+lower|any)\s+case|no\s+matter\s+the\s+case|case\s+doesn't\s+matter")
_IN = r"(?:in|inside|within|through|across|among|from|on|under)"


def _include(m: re.Match[str], s: dict[str, Any]) -> bool:
    ext = ext_of(m["ext"])
    if ext is None:
        return False
    set_once(s, "include", f"*.{ext}")
    return _where(m, s) if m["place"] else True


def _glob(m: re.Match[str], s: dict[str, Any]) -> bool:
    folder, pattern = posixpath.split(m["glob"])
    if any(c in folder for c in "*?["):
        return False
    if folder:
        set_once(s, "path", folder)
    return set_once(s, "include", pattern)


def _where(m: re.Match[str], s: dict[str, Any]) -> bool:
    folder = place(m["place"])
    return folder is not None and set_once(s, "path", folder)


def _flag(key: str, value: Any = True):
    return lambda m, s: set_once(s, key, value)


_CLAUSES = [
    clause(rf"{_IN}\s+(?:all\s+(?:of\s+)?)?(?:the\s+|my\s+)?(?P<ext>{EXT})\s+{KIND}"
           rf"(?:\s+(?:in|inside|under|within)\s+(?P<place>{PLACE}))?", _include),
    clause(rf"{_IN}\s+(?P<glob>[^\s\"']*[*?\[][^\s\"']*)", _glob),
    clause(r"(?:right\s+|in\s+)?here|everywhere|recursively"
           r"|(?:in|across|through)\s+(?:all\s+)?(?:the\s+)?files(?:\s+here)?", lambda m, s: True),
    clause(rf"(?:in|inside|within|under|through|across|from|of|on|at)\s+(?P<place>{PLACE})", _where),
    clause(_CI, _flag("ignore_case")),
    clause(r"case[\s-]*sensitive(?:ly)?|matching\s+case|exact\s+case", lambda m, s: True),
    clause(r"(?:as\s+a\s+)?(?:whole|full|complete|entire)\s+words?(?:\s+only)?"
           r"|(?:only\s+)?(?:matching\s+)?(?:as\s+)?whole\s+words?", _flag("whole_word")),
    clause(r"(?:and\s+)?(?:with|showing|show|including|plus|print)\s+(?:the\s+)?line\s+numbers|numbered",
           _flag("line_numbers")),
    clause(r"(?:and\s+)?(?:(?:just|only)\s+)?(?:list|show|print|give\s+me)?\s*(?:(?:just|only)\s+)?(?:the\s+)?"
           r"(?:file\s*names|names\s+of\s+(?:the\s+)?(?:matching\s+)?files|matching\s+files)(?:\s+only)?",
           _flag("files_only")),
    clause(r"(?:as\s+a\s+)?(?:regex|regexp|regular\s+expression)", _flag("fixed", False)),
    clause(r"(?:and\s+)?count\s+(?:them|the\s+matches|matches|the\s+matching\s+lines)", _flag("count")),
    clause(r"and|only|just", lambda m, s: True),
]

_ORDER = ("ignore_case", "whole_word", "include", "files_only", "count", "invert", "line_numbers")


def _clear_enough(text: str, quoted: bool, intro: str, rest: str, needs_context: bool) -> bool:
    """Is the text something to search for, rather than a file name or a stray word?

    "find TODO in src" searches; "find notes.txt" and "look for README.md" name files.
    """
    if not text.strip() or (not quoted and text.lower() in STOPWORDS):
        return False
    if intro:
        return True
    located = bool(re.match(_IN, rest, re.I))
    if needs_context and not located and not (quoted and not file_like(text)):
        return False
    return quoted or not file_like(text) or (located and not needs_context)


def _preset(groups: dict[str, Any], intro: str, preset: dict[str, Any]) -> dict[str, Any] | None:
    """What the words around the text already say: "the word X", "case-insensitive", "python files"."""
    state = dict(preset)
    if intro == "word":
        state["whole_word"] = True
    if intro.startswith(("pattern", "regex", "regular")):
        state["fixed"] = False
    if groups.get("neg"):
        state["invert"] = True
    if groups.get("ci"):
        state["ignore_case"] = True
    if groups.get("ext"):
        ext = ext_of(groups["ext"])
        if ext is None:
            return None
        state["include"] = f"*.{ext}"
    return state


def _search(*, needs_context: bool = False, **preset: Any):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        groups = m.groupdict()
        text, quoted = unquote(m["text"])
        intro = (groups.get("intro") or "").lower()
        rest = (groups.get("rest") or "").strip()
        if groups.get("where"):
            rest = f"in {groups['where']} {rest}"
        state = _preset(groups, intro, preset)
        if state is None or not _clear_enough(text, quoted, intro, rest, needs_context):
            return None
        try:
            if not read_clauses(rest, _CLAUSES, state):
                return None
        except Reject:
            return None
        args: dict[str, Any] = {"pattern": text}
        if state.get("path", ".") != ".":
            args["path"] = state["path"]
        args["fixed"] = state.get("fixed", True)
        args.update({k: state[k] for k in _ORDER if state.get(k)})
        return [ActionCall("files.search", args)]
    return build


_TEXT = rf"(?:{_INTRO})?(?P<text>{TOKEN})(?P<rest>(?:\s+.*)?)"
_CONTAINS = (r"(?:contain|contains|containing|mention|mentions|mentioning|with|having|include|includes|including"
             r"|reference|references|referencing|use|uses|using|have|has)")

# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:search|grep|look|hunt|scan|check|find|files?|scripts?|documents?|sources?|times|occurrences|instances"
        r"|matches|mentions|appearances|lines|used|mentioned|referenced)\b")

_LINES = r"(?:(?:show|find|list|print|get|give)(?:\s+me)?\s+)?(?:all\s+)?(?:the\s+)?lines\s+"
_NOT = r"(?:don't|do\s+not|doesn't|does\s+not)"

PATTERNS = [
    (rf"(?P<ci>(?:{_CI})\s+)?(?:search|grep|look|hunt|scan)(?:\s+(?:for|after))?\s+{_TEXT}", _search()),
    (rf"(?:search|grep|look\s+through|scan|check)\s+(?:in\s+|through\s+)?(?P<where>.+?)\s+for\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?P<rest>(?:\s+.*)?)", _search()),
    (rf"(?:(?:find|list|show(?:\s+me)?|get|search\s+for|look\s+for|which|what|give\s+me)\s+)?(?:all\s+)?(?:the\s+)?"
     rf"(?:(?P<ext>{EXT})\s+)?{KIND}\s+(?:that\s+|which\s+)?(?:(?:do|does)\s+)?{_CONTAINS}\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?:\s+in\s+(?:them|it))?(?P<rest>(?:\s+.*)?)", _search(files_only=True)),
    (rf"how\s+many\s+times\s+(?:does|do|is|are)\s+(?P<text>{TOKEN})\s+"
     r"(?:appear|occur|show\s+up|come\s+up|used|mentioned|present|found)(?P<rest>(?:\s+.*)?)", _search(count=True)),
    (rf"count\s+(?:the\s+)?(?:number\s+of\s+)?(?:occurrences|instances|matches|mentions|appearances)\s+of\s+{_TEXT}",
     _search(count=True)),
    (r"(?:how\s+many\s+lines\s+(?:contain|have|mention|match|include)"
     rf"|count\s+(?:the\s+)?lines\s+(?:containing|with|matching|that\s+contain|mentioning))\s+{_TEXT}",
     _search(count=True)),
    (rf"{_LINES}(?:that\s+|which\s+)?(?:contain(?:ing)?|with|matching|match|mentioning|mention|having|including)\s+"
     rf"{_TEXT}", _search()),
    (rf"{_LINES}(?:that\s+|which\s+)?(?:{_NOT}\s+(?:contain|have|mention|match|include)|without|not\s+containing"
     rf"|lacking)\s+{_TEXT}", _search(invert=True)),
    (rf"{_LINES}(?:in|of|from)\s+(?P<where>{PLACE})\s+(?:that\s+|which\s+)?(?:(?P<neg>{_NOT})\s+)?"
     rf"(?:contain(?:ing)?|with|matching|mentioning|having|including|have|mention|match)\s+{_TEXT}", _search()),
    (rf"where\s+(?:is|are)\s+(?P<text>{TOKEN})\s+(?:used|mentioned|referenced)(?P<rest>(?:\s+.*)?)", _search()),
    (rf"find\s+(?:all\s+)?(?:the\s+)?{_TEXT}", _search(needs_context=True)),
]
