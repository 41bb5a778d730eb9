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
from .grep_syntax import PATTERN as GREP_COMMAND
from .phrases import EXT, KIND, PLACE, STOPWORDS, TOKEN, ext_of, file_like, place, unquote

__all__ = ["GATE", "PATTERNS"]

_INTRO = (r"(?:the\s+)?(?P<intro>(?:text|strings?|anything|lines?)\s+matching\s+(?:the\s+|a\s+)?(?:pattern|regexp?"
          r"|regular\s+expression)|(?:whole\s+|exact\s+|complete\s+|entire\s+)?word|text|string|phrase|pattern"
          r"|regex|regexp|regular\s+expression|term|keyword"
          r"|(?:(?:every|each|all(?:\s+the)?|any)\s+)?(?:occurrences?\s+of|mentions?\s+of|references?\s+to|uses?\s+of"
          r"|usages?\s+of|instances?\s+of))\s+")
_CI = (r"case[\s-]*insensitive(?:ly)?|ignoring\s+(?:the\s+)?case|ignore\s+case|regardless\s+of\s+case|in\s+any\s+case"
       r"|(?:in\s+)?(?:upper\s+or\s+lower|any)\s+case|no\s+matter\s+the\s+case|case\s+doesn't\s+matter")
_IN = r"(?:in|inside|within|through|across|among|from|on|under)"
_LINE_NUMBERS = (
    # "with line numbers", "and their line numbers", "and precede each with its line number", "numbered"
    r"(?:(?:and|,)\s+)?(?:(?:with|showing|shows?|including|includes?|plus|prints?|gives?|adds?|along\s+with"
    r"|together\s+with)\s+)?"
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


def _exclude_dir(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"but not in node_modules", "excluding the tests folder": a folder (not a file) to stay out of."""
    word, quoted = unquote(m["dir"])
    word = word.rstrip("/")
    if not word or "/" in word or (not m["noun"] and not quoted and "." in word.lstrip(".")):
        return False  # "excluding *.min.js" names files
    return word.lower() not in STOPWORDS and set_once(s, "exclude_dir", word)


def _alternative(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"foo or bar": either one, as grep -E 'foo|bar'."""
    word, _ = unquote(m["alt"])
    if not word.strip() or word.lower() in STOPWORDS or file_like(word):
        return False
    s.setdefault("alternatives", []).append(word)
    return True


def _flag(key: str, value: Any = True):
    return lambda m, s: set_once(s, key, value)


_CLAUSES = [
    clause(rf"(?:(?:but\s+)?(?:only|just)\s+)?{_IN}\s+(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+|my\s+)?"
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
    clause(r"(?:(?:but|and)\s+)?(?:not\s+(?:in|inside|under)|excluding|except(?:\s+(?:in|for))?|skipping|ignoring"
           r"|outside(?:\s+of)?|leaving\s+out|without\s+(?:looking|searching|going)\s+(?:in|into|inside))\s+"
           r"(?:the\s+|any\s+)?"
           rf"(?P<dir>{TOKEN})(?:\s+(?P<noun>folders?|director(?:y|ies)|dirs?))?", _exclude_dir),
    clause(rf"or\s+(?P<alt>{TOKEN})", _alternative),
    clause(r"in\s+(?:it|them)|(?:and\s+)?(?:including|with)\s+(?:the\s+)?hidden(?:\s+(?:ones|files|folders))?"
           r"|(?:and\s+)?hidden\s+(?:ones|files)\s+too", lambda m, s: True),  # hidden files are searched anyway
    clause(r"(?:and\s+)?(?:(?:just|only)\s+)?(?:list|show|print|give\s+me)?\s*(?:(?:just|only)\s+)?(?:the\s+)?"
           r"(?:file\s*names|names\s+of\s+(?:the\s+)?(?:matching\s+)?files|matching\s+files|their\s+(?:file\s*)?names)"
           r"(?:\s+only)?",
           _flag("files_only")),
    clause(r"(?:as\s+a\s+)?(?:regex|regexp|regular\s+expression)", _flag("fixed", False)),
    clause(r"(?:and\s+)?count\s+(?:them|the\s+matches|matches|the\s+matching\s+lines)", _flag("count")),
    clause(r"and|only|just", lambda m, s: True),
]

_ORDER = ("ignore_case", "whole_word", "include", "exclude_dir", "files_only", "files_without", "count", "invert",
          "line_numbers")


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
    if needs_context and not quoted and re.fullmatch(r"[a-z]{3,}[^s]s", text):
        return False  # "find images in ~/Pictures", "find backups in /srv": things, not text
    return quoted or not file_like(text) or (located and not needs_context)


def _preset(groups: dict[str, Any], intro: str, preset: dict[str, Any]) -> dict[str, Any] | None:
    """What the words around the text already say: "the word X", "case-insensitive", "python files"."""
    state = dict(preset)
    if intro.endswith("word"):
        state["whole_word"] = True
    if re.search(r"\b(?:pattern|regexp?|regular)\b", intro):
        state["fixed"] = False
    if groups.get("neg") or groups.get("neg2"):
        state["invert"] = True
    if groups.get("ci") or groups.get("ci2"):
        state["ignore_case"] = True
    if groups.get("ext"):
        ext = ext_of(groups["ext"])
        if ext is None:
            return None
        state["include"] = f"*.{ext}"
    return state


# "lines starting with a comma": characters people name rather than type, as regex pieces
_NAMED_CHARS = {"comma": ",", "semicolon": ";", "colon": ":", "period": r"\.", "dot": r"\.", "hash": "#",
                "space": " ", "tab": "\t", "digit": "[0-9]", "number": "[0-9]", "letter": "[A-Za-z]",
                "slash": "/", "dash": "-", "hyphen": "-", "bracket": r"[][]", "brace": "[{}]"}
_REGEX_SPECIAL = re.compile(r"([.^$*+?{}\[\]\\|()])")


def _anchored(text: str, quoted: bool, anchor: str) -> str:
    """grep's "^text" or "text$" for "lines starting with text" / "lines ending with text"."""
    named_char = None if quoted else _NAMED_CHARS.get(text.lower().removesuffix("s"))
    body = named_char or _REGEX_SPECIAL.sub(r"\\\1", text)
    return body + "$" if anchor.lower().startswith("end") else "^" + body


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
        if re.search(r"\bmatch", m.string[:m.start("text")], re.I) and _REGEX_SPECIAL.search(text):
            state.setdefault("fixed", False)  # "lines matching 'ERROR|FATAL'": grep's pattern
        if groups.get("anchor"):
            text, state["fixed"] = _anchored(text, quoted, groups["anchor"]), False
        if state.pop("longer", False):
            text, state["fixed"] = f"^.{{{int(text) + 1},}}", False
        if state.get("alternatives"):
            if state.get("fixed", True) is False:
                return None  # "a regex or b": too loose to join
            text = "|".join(_REGEX_SPECIAL.sub(r"\\\1", t) for t in (text, *state.pop("alternatives")))
            state["fixed"] = False
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
GATE = (r"\b(?:search|[ef]?grep|look|hunt|scan|check|find|files?|scripts?|documents?|sources?|times|often|occurrences"
        r"|instances|matches|mentions|appearances|lines?|used|mentioned|referenced|contain|mention|include|use"
        r"|reference|uses|usages|hits|anything)\b")

_LINE_VERBS = (r"(?:show|find|list|print|get|give|display|output|return|extract|pull\s+out|grep|select|filter"
               r"|pick\s+out|search\s+for|look\s+for|grep\s+for|which|what)")
_LINES = rf"(?:{_LINE_VERBS}(?:\s+me)?\s+)?(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+)?lines?\s+"
_HAS = (r"(?:contain(?:s|ing)?|feature(?:s|ing)?|mention(?:s|ing)?|includ(?:e|es|ing)|ha(?:ve|s|ving)|with"
        r"|match(?:es|ing)?|us(?:e|es|ing)|referenc(?:e|es|ing)|show(?:s|ing)?)")
_NOT = r"(?:don't|do\s+not|doesn't|does\s+not)"
# "in the current directory and below": the search goes down the tree anyway
_AND_BELOW = r"(?:and\s+(?:below|beneath|everything\s+below|(?:all\s+)?(?:its\s+)?sub-?(?:folders|directories))\s+)?"
_FILES_IN = rf"(?:(?:in|inside|within|under|below|beneath|from)\s+(?P<where>{PLACE})\s+{_AND_BELOW})?"
_ANCHOR = r"(?:start(?:s|ing)?|begin(?:s|ning)?)\s+with|end(?:s|ing)?\s+(?:with|in)"

def _empty_lines(m: re.Match[str]) -> list[ActionCall] | None:
    """"the empty lines of notes.txt" (grep '^$'), "the non-blank lines" (grep -v '^[[:space:]]*$')."""
    path = place(m["where"])
    if path is None or path == ".":
        return None
    which = m["which"].lower().replace("-", "")
    args: dict[str, Any] = {"pattern": r"^\s*$" if "blank" in which else "^$", "path": path, "fixed": False}
    if which.startswith("non") or m.groupdict().get("neg"):
        args["invert"] = True
    if m.groupdict().get("count"):
        args["count"] = True
    return [ActionCall("files.search", args)]



PATTERNS = [
    GREP_COMMAND,  # "grep -rn TODO src": the command itself
    (rf"(?:(?:do|run|perform|make)\s+an?\s+)?(?P<ci>(?:{_CI})\s+)?(?:(?:recursively|recursive)\s+)?"
     rf"(?:search|grep|look|hunt|scan)(?:\s+recursively)?(?:\s+(?P<ci2>{_CI}))?(?:\s+(?:for|after))?\s+{_TEXT}",
     _search()),
    (rf"(?:search|grep|look\s+(?:through|inside|in|into)|scan|check)\s+(?:recursively\s+)?"
     rf"(?:in\s+|through\s+|inside\s+)?(?P<where>.+?)\s+for\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search()),
    (rf"(?:(?:find|list|show(?:\s+me)?|get|search(?:\s+recursively)?\s+for|look\s+for|which|what|give\s+me)\s+)?"
     rf"(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+)?"
     rf"(?:(?P<ext>{EXT})\s+)?{KIND}\s+{_FILES_IN}"
     rf"(?:that\s+|which\s+)?(?:(?:do|does)\s+)?{_CONTAINS}\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?:\s+in\s+(?:them|it))?(?P<rest>(?:[\s,].*)?)", _search(files_only=True)),
    (rf"(?:(?:find|list|show(?:\s+me)?|get|search(?:\s+recursively)?\s+for|look\s+for|which|what|give\s+me)\s+)?"
     rf"(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+)?"
     rf"(?:(?P<ext>{EXT})\s+)?{KIND}\s+{_FILES_IN}"
     rf"(?:that\s+|which\s+)?(?:{_NOT}\s+{_CONTAINS}|lack|lacks|lacking|missing)\s+(?:{_INTRO})?"
     rf"(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search(files_without=True)),
    (rf"(?:(?:list|show(?:\s+me)?|print|give\s+me|get|output|display|tell\s+me|what\s+are)\s+)?(?:(?:only|just)\s+)?"
     rf"(?:the\s+)?(?:file\s*)?names\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?(?:(?P<ext>{EXT})\s+)?{KIND}\s+"
     rf"(?:(?:in|inside|within|under|below|beneath|from)\s+(?P<where>{PLACE})\s+)?(?:that\s+|which\s+)?"
     rf"(?:(?:do|does)\s+)?{_CONTAINS}\s+(?:{_INTRO})?(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search(files_only=True)),
    (rf"how\s+(?:many\s+times|often)\s+(?:does|do|is|are)\s+(?P<text>{TOKEN})\s+"
     r"(?:appear|occur|show\s+up|come\s+up|used|mentioned|present|found)(?P<rest>(?:[\s,].*)?)", _search(count=True)),
    (rf"count\s+(?:the\s+)?(?:number\s+of\s+)?(?:occurrences|instances|matches|mentions|appearances)\s+of\s+{_TEXT}",
     _search(count=True)),
    # "print the number of matches for 'import' in main.py", "count how many times 'error' appears in app.log"
    (rf"(?:(?:show|print|get|give\s+me|tell\s+me|display|output|what(?:'s|\s+is))\s+)?(?:the\s+)?(?:total\s+)?"
     rf"(?:number|count)\s+of\s+(?:matches|occurrences|matching\s+lines|hits)\s+(?:for|of)\s+{_TEXT}",
     _search(count=True)),
    (rf"(?:count|tell\s+me)\s+how\s+(?:many\s+times|often)\s+(?P<text>{TOKEN})\s+(?:appears|occurs|shows\s+up"
     r"|comes\s+up|is\s+(?:used|mentioned|found))(?P<rest>(?:[\s,].*)?)", _search(count=True)),
    # "occurrences of 'foo' in bar.py": the search, said without a verb
    (rf"(?:(?:all|every|each|any)\s+(?:the\s+)?)?(?:occurrences|instances|mentions|usages|uses)\s+of\s+"
     rf"(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search(needs_context=True)),
    (rf"(?:(?:count\s+)?how\s+many\s+lines\s+(?:(?:in|of)\s+(?P<where>{PLACE})\s+)?"
     r"(?:contain|have|mention|match|include|feature)|count\s+(?:the\s+)?(?:number\s+of\s+)?matching\s+lines\s+(?:for|of)"
     rf"|count\s+(?:the\s+)?lines\s+(?:containing|with|matching|that\s+contain|mentioning))\s+{_TEXT}",
     _search(count=True)),
    (rf"{_LINES}(?:that\s+|which\s+|where\s+)?(?:(?:do|does)\s+)?{_HAS}\s+{_TEXT}", _search()),
    (rf"{_LINES}(?:that\s+|which\s+)?(?:{_NOT}\s+(?:contain|have|mention|match|include)|without|not\s+containing"
     rf"|lacking)\s+{_TEXT}", _search(invert=True)),
    (rf"{_LINES}(?:in|of|from)\s+(?P<where>{PLACE})\s+(?:(?:that\s+|which\s+|where\s+)?(?:(?P<neg>{_NOT})\s+)?"
     rf"{_HAS}|(?P<neg2>without|not\s+containing|lacking))\s+{_TEXT}", _search()),
    (rf"(?:count\s+(?:how\s+many|the\s+(?:number\s+of\s+)?)?|how\s+many\s+)lines\s+"
     rf"(?:(?:in|of)\s+(?P<where>{PLACE})\s+)?"
     rf"(?:that\s+|which\s+)?(?:(?P<neg>{_NOT}|not)\s+)?(?P<anchor>{_ANCHOR})\s+(?:an?\s+)?(?P<text>{TOKEN})"
     r"(?P<rest>(?:[\s,].*)?)", _search(count=True)),
    # "lines longer than 80 characters": grep '.\{81,\}'
    (rf"{_LINES}(?:(?:in|of|from)\s+(?P<where>{PLACE})\s+)?(?:that\s+are\s+|which\s+are\s+)?(?:longer\s+than|over"
     r"|more\s+than|exceeding)\s+(?P<text>\d+)\s+(?:characters|chars|columns)(?:\s+(?:long|wide))?"
     r"(?P<rest>(?:[\s,].*)?)", _search(longer=True)),
    # "lines starting with import in main.py", "the lines of f.txt that don't end with ';'": grep '^import'
    (rf"{_LINES}(?:(?:in|of|from)\s+(?P<where>{PLACE})\s+)?(?:that\s+|which\s+)?(?:(?P<neg>{_NOT}|not)\s+)?"
     rf"(?P<anchor>{_ANCHOR})\s+(?:an?\s+)?(?P<text>{TOKEN})(?P<rest>(?:[\s,].*)?)", _search()),
    (rf"(?:(?P<count>count|how\s+many)\s+|{_LINE_VERBS}(?:\s+me)?\s+)?(?:(?:all|every)\s+(?:of\s+)?)?(?:the\s+)?"
     rf"(?P<which>(?:non-?)?(?:empty|blank))\s+lines\s+(?:are\s+there\s+)?(?:in|of|from)\s+(?P<where>{PLACE})",
     _empty_lines),
    (rf"{_LINES}(?:in|of|from)\s+(?P<where>{PLACE})\s+(?:that|which)\s+(?:are|is)\s+(?P<neg>not\s+)?"
     rf"(?P<which>empty|blank)", _empty_lines),
    # "does main.py contain 'argparse'", "is 'localhost' mentioned in settings.py": grep answers with the lines
    (rf"(?:does|do)\s+(?P<where>{PLACE})\s+(?:contain|mention|include|use|reference)\s+(?:{_INTRO})?(?P<text>{TOKEN})"
     r"(?P<rest>(?:[\s,].*)?)", _search(needs_context=True)),
    (rf"(?:is|are)\s+(?:{_INTRO})?(?P<text>{TOKEN})\s+(?:mentioned|used|referenced|present|found|contained)"
     rf"(?:\s+(?:anywhere|somewhere))?\s+(?P<rest>{_IN}\s.*)", _search(needs_context=True)),
    (rf"is\s+there\s+anything\s+(?:about|mentioning|on|regarding|with|containing)\s+(?P<text>{TOKEN})"
     rf"(?P<rest>\s+{_IN}\s.*)", _search(needs_context=True)),
    (rf"where\s+(?:is|are)\s+(?P<text>{TOKEN})\s+(?:used|mentioned|referenced)(?P<rest>(?:[\s,].*)?)", _search()),
    (rf"find\s+(?:all\s+)?(?:the\s+)?{_TEXT}", _search(needs_context=True)),
]
