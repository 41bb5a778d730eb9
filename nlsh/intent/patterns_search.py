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

_INTRO = (r"(?:the\s+)?(?P<intro>(?:whole\s+|exact\s+|complete\s+|entire\s+)?word|text|string|phrase|pattern"
          r"|regex|regexp|regular\s+expression|term|keyword"
          r"|occurrences\s+of|mentions\s+of|references\s+to|uses\s+of|usages\s+of|instances\s+of)\s+")
_CI = (r"case[\s-]*insensitive(?:ly)?|ignoring\s+(?:the\s+)?case|ignore\s+case|regardless\s+of\s+case|in\s+any\s+case"
       r"|(?:in\s+)?(?:upper\s+or\s+lower|any)\s+case|no\s+matter\s+the\s+case|case\s+doesn't\s+matter")
_IN = r"(?:in|inside|within|through|across|among|from|on|under)"
_LINE_NUMBERS = (
    # "with line numbers", "and their line numbers", "and precede each with its line number", "numbered"
    r"(?:(?:and|,)\s+)?(?:(?:with|showing|show|including|plus|print|give|add|along\s+with|together\s+with)\s+)?"
    r"(?:the\s+|their\s+|its\s+|a\s+)?line\s+numbers?(?:\s+(?:too|as\s+well|of\s+each|for\s+each))?"
    r"|(?:and\s+)?(?:precede|prefix|prepend|start|begin|mark|label)(?:ed)?\s+"
    r"(?:each(?:\s+(?:one|line|match))?\s+|them\s+|it\s+|every\s+(?:one|line)\s+)?"
    r"(?:with|by)\s+(?:its\s+|their\s+|the\s+|a\s+)?line\s+numbers?"
    r"|(?:and\s+)?(?:numbered|number\s+them|number\s+the\s+lines)"
    r"|(?:and\s+)?(?:say|tell\s+me|show)\s+(?:on\s+)?which\s+lines?(?:\s+(?:they\s+are|it\s+is))?"
)


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


def _ending(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"in files ending with .txt": only those files are searched."""
    word, _ = unquote(m["end"])
    return bool(word.strip()) and "/" not in word and set_once(s, "include", "*" + word.lstrip("*"))


def _where(m: re.Match[str], s: dict[str, Any]) -> bool:
    folder = place(m["place"])
    return folder is not None and set_once(s, "path", folder)


def _flag(key: str, value: Any = True):
    return lambda m, s: set_once(s, key, value)


_CLAUSES = [
    clause(rf"(?:(?:only|just)\s+)?{_IN}\s+(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+|my\s+)?"
           rf"(?P<ext>{EXT})\s+{KIND}"
           rf"(?:\s+(?:in|inside|under|within)\s+(?P<place>{PLACE}))?", _include),
    clause(rf"{_IN}\s+(?P<glob>[^\s\"']*[*?\[][^\s\"']*)", _glob),
    clause(rf"(?:in|across|through|among)\s+(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+)?(?:files?|{KIND})\s+"
           rf"(?:(?:that|which)\s+)?(?:ending|ends?|end)\s+(?:in|with)\s+(?P<end>{TOKEN})", _ending),
    clause(r"(?:right\s+|in\s+)?here|everywhere|recursively"
           r"|(?:in|across|through|among)\s+(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+)?files?(?:\s+here)?",
           lambda m, s: True),
    clause(rf"(?:in|inside|within|under|through|across|from|of|on|at)\s+(?P<place>{PLACE})", _where),
    clause(_CI, _flag("ignore_case")),
    clause(r"case[\s-]*sensitive(?:ly)?|matching\s+case|exact\s+case", lambda m, s: True),
    clause(r"(?:as\s+a\s+)?(?:whole|full|complete|entire)\s+words?(?:\s+only)?"
           r"|(?:only\s+)?(?:matching\s+)?(?:as\s+)?whole\s+words?", _flag("whole_word")),
    clause(_LINE_NUMBERS, _flag("line_numbers")),
    clause(r"(?:(?:and|but)\s+)?(?:skipping|skip|ignoring|ignore|excluding|exclude|without|leaving\s+out|not\s+in"
           r"|but\s+not)\s+(?:the\s+|any\s+|all\s+)?binary(?:\s+files)?", lambda m, s: True),
    clause(r"in\s+(?:it|them)", lambda m, s: True),
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
    if intro.endswith("word"):
        state["whole_word"] = True
    if intro.startswith(("pattern", "regex", "regular")):
        state["fixed"] = False
    if groups.get("neg"):
        state["invert"] = True
    if groups.get("ci") or groups.get("ci2"):
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


_TEXT = rf"(?:{_INTRO})?(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)"
_CONTAINS = (r"(?:contain|contains|containing|mention|mentions|mentioning|with|having|include|includes|including"
             r"|reference|references|referencing|use|uses|using|have|has)")

# Every pattern below contains one of these (see patterns.py: the module is registered behind them).
GATE = (r"\b(?:search|grep|look|hunt|scan|check|find|files?|scripts?|documents?|sources?|times|occurrences|instances"
        r"|matches|mentions|appearances|lines?|used|mentioned|referenced)\b")

_LINES = (r"(?:(?:show|find|list|print|get|give|display|output|return|extract|pull\s+out|grep|select|filter|pick\s+out"
          r"|search\s+for|look\s+for|grep\s+for)"
          r"(?:\s+me)?\s+)?(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+)?lines?\s+")
_HAS = (r"(?:contain(?:s|ing)?|feature(?:s|ing)?|mention(?:s|ing)?|includ(?:e|es|ing)|ha(?:ve|s|ving)|with"
        r"|match(?:es|ing)?|us(?:e|es|ing)|referenc(?:e|es|ing)|show(?:s|ing)?)")
_NOT = r"(?:don't|do\s+not|doesn't|does\s+not)"

_GREP_FLAGS = {"i": ("ignore_case", True), "n": ("line_numbers", True), "w": ("whole_word", True),
               "l": ("files_only", True), "c": ("count", True), "v": ("invert", True), "F": ("fixed", True),
               "E": ("fixed", False), "P": ("fixed", False), "G": ("fixed", False)}
_GREP_NOOP = set("rRHsI")  # recursive (always, for a folder), with file names, quiet errors, skip binary


def _grep_syntax(m: re.Match[str]) -> list[ActionCall] | None:
    """"grep -rn TODO src", "grep -i error app.log": the command as a person would type it."""
    text, quoted = unquote(m["text"])
    loose = not quoted and not m["flags"].strip()  # "grep the logs" is English, "grep -i the f" is grep
    if not text or (loose and text.lower() in (*STOPWORDS, "after", "through")) or text.startswith("-"):
        return None
    args: dict[str, Any] = {"pattern": text}
    for letter in "".join(f.lstrip("-") for f in m["flags"].split()):
        if letter in _GREP_FLAGS:
            key, value = _GREP_FLAGS[letter]
            args[key] = value
        elif letter not in _GREP_NOOP:
            return None
    args.setdefault("fixed", not any(c in text for c in ".*[]^$\\+?(){}|"))
    if m["where"]:
        folder = place(m["where"])
        if folder is None:
            return None
        if folder != ".":
            args["path"] = folder
    return [ActionCall("files.search", args)]


PATTERNS = [
    (rf"grep\s+(?P<flags>(?:-[A-Za-z]+\s+)*)(?:-e\s+)?(?P<text>{TOKEN})(?:\s+(?:in\s+)?(?P<where>{TOKEN}))?",
     _grep_syntax),
    (rf"(?:(?:do|run|perform|make)\s+an?\s+)?(?P<ci>(?:{_CI})\s+)?(?:(?:recursively|recursive)\s+)?"
     rf"(?:search|grep|look|hunt|scan)(?:\s+recursively)?(?:\s+(?P<ci2>{_CI}))?(?:\s+(?:for|after))?\s+{_TEXT}",
     _search()),
    (rf"(?:search|grep|look\s+through|scan|check)\s+(?:in\s+|through\s+)?(?P<where>.+?)\s+for\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search()),
    (rf"(?:(?:find|list|show(?:\s+me)?|get|search\s+for|look\s+for|which|what|give\s+me)\s+)?(?:all\s+)?(?:the\s+)?"
     rf"(?:(?P<ext>{EXT})\s+)?{KIND}\s+(?:(?:in|inside|within|under|below|beneath|from)\s+(?P<where>{PLACE})\s+)?"
     rf"(?:that\s+|which\s+)?(?:(?:do|does)\s+)?{_CONTAINS}\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?:\s+in\s+(?:them|it))?(?P<rest>(?:[\s,].*)?)", _search(files_only=True)),
    (rf"(?:(?:list|show(?:\s+me)?|print|give\s+me|get|output|display|tell\s+me|what\s+are)\s+)?(?:(?:only|just)\s+)?"
     rf"(?:the\s+)?(?:file\s*)?names\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?(?:(?P<ext>{EXT})\s+)?{KIND}\s+"
     rf"(?:(?:in|inside|within|under|below|beneath|from)\s+(?P<where>{PLACE})\s+)?(?:that\s+|which\s+)?"
     rf"(?:(?:do|does)\s+)?{_CONTAINS}\s+(?:{_INTRO})?(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search(files_only=True)),
    (rf"how\s+many\s+times\s+(?:does|do|is|are)\s+(?P<text>{TOKEN})\s+"
     r"(?:appear|occur|show\s+up|come\s+up|used|mentioned|present|found)(?P<rest>(?:[\s,].*)?)", _search(count=True)),
    (rf"count\s+(?:the\s+)?(?:number\s+of\s+)?(?:occurrences|instances|matches|mentions|appearances)\s+of\s+{_TEXT}",
     _search(count=True)),
    (rf"(?:(?:count\s+)?how\s+many\s+lines\s+(?:(?:in|of)\s+(?P<where>{PLACE})\s+)?"
     r"(?:contain|have|mention|match|include|feature)|count\s+(?:the\s+)?(?:number\s+of\s+)?matching\s+lines\s+(?:for|of)"
     rf"|count\s+(?:the\s+)?lines\s+(?:containing|with|matching|that\s+contain|mentioning))\s+{_TEXT}",
     _search(count=True)),
    (rf"{_LINES}(?:that\s+|which\s+|where\s+)?(?:(?:do|does)\s+)?{_HAS}\s+{_TEXT}", _search()),
    (rf"{_LINES}(?:that\s+|which\s+)?(?:{_NOT}\s+(?:contain|have|mention|match|include)|without|not\s+containing"
     rf"|lacking)\s+{_TEXT}", _search(invert=True)),
    (rf"{_LINES}(?:in|of|from)\s+(?P<where>{PLACE})\s+(?:that\s+|which\s+|where\s+)?(?:(?P<neg>{_NOT})\s+)?"
     rf"{_HAS}\s+{_TEXT}", _search()),
    (rf"where\s+(?:is|are)\s+(?P<text>{TOKEN})\s+(?:used|mentioned|referenced)(?P<rest>(?:[\s,].*)?)", _search()),
    (rf"find\s+(?:all\s+)?(?:the\s+)?{_TEXT}", _search(needs_context=True)),
]
