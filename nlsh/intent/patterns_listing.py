"""Listing and finding files: "list files by size", "find python files larger than 1M in src".

One head ("list", "show me", "find", "which") and a tail of clauses in any order (see
clauses.py). What the clauses asked for decides the action: plain listings (hidden, long,
sorted, recursive) are files.list; anything that filters (a kind, a name, a size, an age,
empty, folders only) is files.find. Asking for both (a filtered listing sorted by size) is
more than either action does, so the request goes to the model.
"""

from __future__ import annotations

import re
from typing import Any

from ..types import ActionCall
from .clauses import Reject, clause, read_clauses, set_once
from .find_clauses import FIND_CLAUSES, GLOB_CLAUSE
from .phrases import (
    AGE, EXT, KIND, NUM, PLACE, PLURAL_EXT, SIZE, STOPWORDS, TOKEN, ext_of, file_like, number, parse_age,
    parse_size, place, unquote,
)

__all__ = ["CLAUSES", "PATTERNS"]

_VERBS = {
    "list": "list", "ls": "list", "sort": "list",
    "show": "show", "show me": "show", "display": "show", "print": "show", "give me": "show",
    "get me": "show", "get": "show", "tell me": "show", "let me see": "show", "see": "show",
    "view": "show",
    "find": "find", "find me": "find", "locate": "find", "where are": "find",
    "search for": "search", "search": "search", "look for": "search",
    "what": "ask", "which": "ask",
}
_HEAD = (
    r"(?P<verb>ls|list|sort|show\s+me|show|display|print|give\s+me|get\s+me|get|tell\s+me|let\s+me\s+see"
    r"|see|view|find\s+me|find|locate|search\s+for|search|look\s+for|where\s+are|what|which)"
    r"(?P<rest>(?:\s+.*)?)"
)
_FIND_KEYS = ("name", "iname", "extension", "min_size", "max_size", "newer_than", "older_than",
              "empty", "max_depth", "exclude", "path_match")
_MODVERB = (r"(?:(?:that\s+|which\s+)?(?:were|was|have\s+been|has\s+been|got|been|are|is)\s+)?"
            r"(?:last\s+)?(?:modified|changed|edited|updated|touched|written|created|saved|made|added)")
_NOT_MODIFIED = (r"(?:that\s+|which\s+)?(?:(?:have|has|were|was|are|is)\s+not|(?:have|has|were|was|are|is)n't|not)"
                 r"\s+(?:been\s+)?(?:modified|changed|touched|edited|updated)")
_SORT_WORDS = {"biggest": ("size", False), "largest": ("size", False), "smallest": ("size", True),
               "newest": ("time", False), "latest": ("time", False), "recent": ("time", False),
               "recently": ("time", False), "most": ("time", False), "last": ("time", False),
               "oldest": ("time", True), "least": ("time", True)}


def _first(m: re.Match[str], prefix: str) -> str | None:
    """Clauses with several alternatives name a group age, age2, ...: the one that matched."""
    return next((v for k, v in m.groupdict().items() if k.startswith(prefix) and v), None)


def _age(key: str):
    def apply(m: re.Match[str], s: dict[str, Any]) -> bool:
        age = parse_age(_first(m, "age") or "")
        return age is not None and set_once(s, key, age)
    return apply


def _fixed(key: str, value: Any):
    return lambda m, s: set_once(s, key, value)


def _size(key: str):
    def apply(m: re.Match[str], s: dict[str, Any]) -> bool:
        size = parse_size(m["size"])
        return size is not None and set_once(s, key, size)
    return apply


def _size_or(m: re.Match[str], s: dict[str, Any]) -> bool:
    larger = m["dir"].lower() in ("more", "larger", "bigger", "above", "over")
    return _size("min_size" if larger else "max_size")(m, s)


def _between(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"between 1KB and 32KB"; "between 1 and 5 MB" gives the first number the second's unit."""
    a, b = m["a"].strip(), m["b"].strip()
    if re.fullmatch(r"[\d.]+", a) and not re.fullmatch(r"[\d.]+", b):
        a += re.sub(r"^[\d.\s]+", "", b)
    low, high = parse_size(a), parse_size(b)
    return bool(low and high) and set_once(s, "min_size", low) and set_once(s, "max_size", high)


def _word(m: re.Match[str]) -> str | None:
    word, _ = unquote(_first(m, "tok") or "")
    return word if word.strip() else None


def _name(shape: str, key: str = "name"):
    def apply(m: re.Match[str], s: dict[str, Any]) -> bool:
        word = _word(m)
        return word is not None and set_once(s, key, shape.format(word))
    return apply


def _ending(m: re.Match[str], s: dict[str, Any]) -> bool:
    word = _word(m)
    if word is None:
        return False
    ext = re.fullmatch(r"\*?\.(\w{1,10})", word)
    return set_once(s, "extension", ext[1]) if ext else set_once(s, "name", "*" + word)


def _extension(m: re.Match[str], s: dict[str, Any]) -> bool:
    word = _word(m)
    if word is None or word.lower() in STOPWORDS or word.lower() in ("no", "without"):
        return False  # "with no extension" is another clause
    ext = ext_of(word) or ext_of("." + word.lstrip("."))
    return ext is not None and set_once(s, "extension", ext)


def _sort(m: re.Match[str], s: dict[str, Any]) -> bool:
    said = m["key"].lower()
    first = said.split()[0]
    if first in _SORT_WORDS:
        order, reverse = _SORT_WORDS[first]
    elif "size" in said:
        order, reverse = "size", False
    elif "name" in said:
        order, reverse = "name", False
    else:
        order, reverse = "time", False
    set_once(s, "sort", order)
    return set_once(s, "reverse", True) if reverse else True


def _kind(noun: str) -> str:
    noun = noun.lower()
    if noun.startswith("file"):
        return "file"
    if re.match(r"fold|dir|sub", noun):
        return "dir"
    return "link" if "link" in noun else "any"


def _said_kind(s: dict[str, Any], kind: str) -> None:
    """Record what is listed; "files and folders" is anything."""
    s["type"] = kind if s.get("type", kind) == kind else "any"
    s["object"] = True


def _object(m: re.Match[str], s: dict[str, Any]) -> bool:
    if m["regular"]:  # "regular files" are files and nothing else
        _said_kind(s, "file")
        return set_once(s, "only", True)
    if m["ext"] or m["plural"]:
        ext = ext_of(m["ext"] or m["plural"])
        if ext is None:
            return False
        set_once(s, "extension", ext)
        _said_kind(s, "file")
    else:
        _said_kind(s, _kind(m["noun"]))
    return True


def _files_only(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"files, not folders": files and nothing else."""
    _said_kind(s, "file")
    return s["type"] == "file" and set_once(s, "only", True)


_FEW = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred"
_TOP_KEY = (r"newest|latest|oldest|most\s+recent(?:ly\s+(?:modified|changed|edited|updated|created))?"
            r"|least\s+recent(?:ly\s+(?:modified|changed|edited|updated))?|recently\s+(?:modified|changed|edited|updated)"
            r"|last\s+(?:modified|changed|edited|updated)")


def _top(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"the 5 newest files", "the most recently modified file": the first N by time, like `ls -t | head -n N`."""
    noun = m["obj"].lower()
    if not m["n"] and noun not in ("file", "folder", "directory"):
        return False  # "the newest files" is a sorted listing, read by the clauses below
    n = number(m["n"]) if m["n"] else 1
    _sort(m, s)
    _said_kind(s, _kind(noun) if noun.startswith(("fold", "dir")) else "any")
    return bool(n) and set_once(s, "top", n)


def _order(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"in descending order", "from smallest to largest": which end of the sort comes first."""
    if m["key"]:
        _sort(m, s)
        return set_once(s, "order", "asc" if s.get("reverse") else "desc")
    return set_once(s, "order", "desc" if m["dir"].lower() in ("descending", "decreasing") else "asc")


def _sort_and_object(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"the oldest files first" names what is listed as well as the order."""
    _sort(m, s)
    if m["obj"]:
        _said_kind(s, _kind(m["obj"].strip()))
    return True


def _location(m: re.Match[str], s: dict[str, Any]) -> bool:
    folder = place(m["place"])
    if folder is not None and m["prep"].lower() in ("under", "underneath", "beneath", "below"):
        s["deep"] = True  # "the folders under src": all of them, at any depth
    return folder is not None and set_once(s, "path", folder)


def _bare(m: re.Match[str], s: dict[str, Any]) -> bool:
    """A lone word: a name to find ("find notes.txt"), or a folder to list ("list src/")."""
    text = m["place"]
    word, quoted = unquote(text)
    if word.startswith("-") and not quoted:
        return False  # "ls -lh": a flag, not a folder
    if re.match(rf"\s+{KIND}\b", m.string[m.end():], re.I) and ext_of(word.split()[-1]):
        return False  # "the .txt files": a kind of file, not a folder ".txt"
    if s["verb"] == "find" and " " not in text.strip() and "name" not in s:
        if re.fullmatch(r"\*?\.\w{1,10}", word) and re.match(r"\s*(?:,|and\b|or\b|&)", m.string[m.end():]):
            raise Reject("several extensions")  # ".orig and .rej files": find takes one
        if re.fullmatch(r"\*\.\w{1,10}", word):
            return set_once(s, "extension", word[2:])
        if file_like(word) or any(c in word for c in "*?["):
            return set_once(s, "name", word)
        return False
    if s["verb"] in ("list", "show") and "path" not in s:
        folder = place(text, bare=False)
        if folder is None or (s["verb"] == "show" and file_like(folder) and not folder.endswith("/")):
            return False
        return set_once(s, "path", folder)
    return False


_SUBDIRS = r"sub-?(?:folders|directories|dirs)"
_READABLE = r"(?:a\s+)?human[\s-]*readable(?:\s+(?:form|format|units|way))?"
_SORT_KEY = (r"size|file\s+size|name|file\s*name|date|time|age|last\s+modified|modification\s+(?:time|date)"
             r"|modified\s+(?:time|date)|date\s+modified|mtime|modified|newest|recency")
_FIRST_KEY = (r"biggest|largest|smallest|newest|latest|oldest|most\s+recent(?:ly\s+(?:modified|changed|edited))?"
              r"|least\s+recent(?:ly\s+(?:modified|changed))?")
_DETAILS = r"details?|info(?:rmation)?|metadata|permissions|sizes?|dates?|owners?|timestamps?|modification\s+times?"
_NAME_IS = r"(?:(?:with|whose|their|file)\s+)?(?:(?:file\s*)?names?\s+)?(?:that\s+)?"
_NOT_A_SIZE = r"(?!\s*(?:levels?|deep|down|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|old|ago)\b)"
_IS = (r"(?:(?:(?:of|with|having|whose|where\s+the)\s+(?:a\s+)?(?:file\s+)?size(?:\s+(?:is|of))?|(?:that\s+are|which\s+are"
       r"|are|is|of|sized|size))\s+)?")

_CLAUSES = [
    # first, as the commonest: what is listed, and "here" (clauses compile on first use, in order)
    clause(rf"(?P<regular>(?:ordinary|regular|normal|plain)\s+files?)|(?P<ext>{EXT})\s+(?P<kind>{KIND})"
           rf"|(?P<plural>{PLURAL_EXT})|(?P<noun>files?|folders?|directories"
           rf"|directory|dirs?|sub-?(?:folders?|directories|dirs)|(?:symbolic\s+|sym\s*)?links?|symlinks?|things"
           r"|items|entries|stuff|everything|anything|ones|contents?)", _object),
    clause(r"(?:right\s+|in\s+)?here", _fixed("path", ".")),
    # ages
    clause(rf"(?:{_MODVERB}\s+)?(?:(?:in|within|during|over|for)\s+(?:the\s+)?|(?:from|since)\s+the\s+|the\s+)?"
           rf"(?:last|past|previous)\s+(?P<age>{AGE})", _age("newer_than")),
    clause(rf"{_MODVERB}\s+(?:less\s+than|under|within)\s+(?P<age>{AGE})\s+ago"
           rf"|{_MODVERB}\s+within\s+(?:the\s+)?(?P<age2>{AGE})", _age("newer_than")),
    clause(rf"(?:{_MODVERB}\s+)?(?:from\s+)?today", _fixed("newer_than", "1d")),
    clause(rf"(?:{_MODVERB}\s+)?this\s+week", _fixed("newer_than", "1w")),
    clause(rf"(?:newer|younger)\s+than\s+(?P<age>{AGE})|(?:less\s+than|under)\s+(?P<age2>{AGE})\s+old",
           _age("newer_than")),
    clause(rf"older\s+than\s+(?P<age>{AGE})|(?:more\s+than|over|at\s+least)\s+(?P<age2>{AGE})\s+old"
           rf"|(?:{_MODVERB}\s+|from\s+)?(?:more\s+than|over|at\s+least)\s+(?P<age3>{AGE})\s+ago"
           rf"|{_NOT_MODIFIED}\s+(?:in|for|since|during|within)\s+(?:the\s+)?(?:last\s+|past\s+)?"
           rf"(?:over\s+|more\s+than\s+)?(?P<age4>{AGE})", _age("older_than")),
    # sizes
    clause(rf"{_IS}(?:(?:larger|bigger|greater|heavier|more)\s+than(?:\s+or\s+equal\s+to)?|over|above|exceeding"
           rf"|(?:that\s+|which\s+)?exceeds?"
           rf"|at\s+least|>=?)\s*"
           rf"(?P<size>{SIZE}){_NOT_A_SIZE}(?:\s+(?:in\s+size|big|large))?", _size("min_size")),
    clause(rf"{_IS}(?:(?:smaller|less|lower|tinier|lighter)\s+than(?:\s+or\s+equal\s+to)?|under|below|at\s+most"
           rf"|up\s+to|<=?)\s*"
           rf"(?P<size>{SIZE}){_NOT_A_SIZE}(?:\s+in\s+size)?", _size("max_size")),
    clause(rf"(?P<size>{SIZE})\s+or\s+(?P<dir>more|larger|bigger|above|over|less|smaller|under|below)", _size_or),
    clause(rf"(?:(?:with\s+)?(?:a\s+)?(?:size|sized)\s+|(?:that\s+are\s+|which\s+are\s+)?sized\s+)?between\s+"
           rf"(?P<a>{SIZE})\s+and\s+(?P<b>{SIZE}){_NOT_A_SIZE}", _between),
    # names and extensions
    GLOB_CLAUSE,
    clause(rf"(?:named|called|titled|with\s+(?:the\s+)?(?:file\s*)?name|whose\s+(?:file\s*)?name\s+is)\s+"
           rf"(?!like\s|something\s+like\s)(?:exactly\s+)?(?P<tok>{TOKEN})", _name("{}")),
    clause(rf"(?:matching|that\s+match(?:es)?|which\s+match|like|with\s+names?\s+(?:matching|like)"
           rf"|(?:named|called)\s+(?:like|something\s+like))\s+"
           rf"(?:the\s+)?(?:pattern\s+|glob\s+)?(?P<tok>{TOKEN})", _name("{}")),
    clause(rf"(?:with|having|containing|that\s+(?:have|has|contain)|which\s+(?:have|contain))\s+(?P<tok>{TOKEN})"
           rf"\s+in\s+(?:the(?:ir)?|its)\s+(?:file\s*)?names?", _name("*{}*", "iname")),
    clause(rf"(?:whose\s+(?:file\s*)?names?\s+(?:contains?|includes?|ha(?:s|ve))|with\s+(?:file\s*)?names?\s+"
           rf"(?:containing|including)|(?:file\s*)?names?\s+(?:containing|including))\s+(?P<tok>{TOKEN})",
           _name("*{}*", "iname")),
    clause(rf"{_NAME_IS}(?:starts?|starting|beginning|begins?)\s+with\s+(?P<tok>{TOKEN})", _name("{}*")),
    clause(rf"{_NAME_IS}(?:ending|ends?)\s+(?:in|with)\s+(?P<tok>{TOKEN})", _ending),
    clause(rf"(?:with|having|of)\s+(?:the\s+|an?\s+)?(?:file\s+)?(?:extension|suffix|ext|type)\s+(?P<tok>{TOKEN})"
           rf"|(?:with|having)\s+(?:an?\s+|the\s+)?(?P<tok2>\.?\w{{1,10}})\s+(?:extension|suffix)", _extension),
    clause(r"(?:but\s+|and\s+)?(?:not|no|without|excluding|except(?:\s+for)?|leaving\s+out|skipping)\s+"
           r"(?:the\s+|any\s+)?(?:folders|directories|dirs)", _files_only),
    *FIND_CLAUSES,  # except X, whose path contains X, names only, in the X tree
    clause(r"case[\s-]*insensitive(?:ly)?|ignoring\s+(?:the\s+)?case|ignore\s+case|regardless\s+of\s+case"
           r"|in\s+any\s+case", _fixed("ci", True)),
    clause(r"(?:exactly\s+)?(?:zero[\s-]*(?:bytes?|byte|size|sized|length)|0[\s-]*(?:bytes?|b))(?:\s+(?:long|in\s+size))?"
           r"|empty", _fixed("empty", True)),
    clause(r"hidden|dot-?files?", _fixed("hidden", True)),
    # listing style
    clause(r"detailed\s+(?:info(?:rmation)?|listing)\s+(?:about|on|for|of)"
           r"|(?:in\s+)?(?:a\s+|the\s+)?(?:long|detailed)(?:\s+(?:listing\s+)?(?:format|form|listing|list|view|mode|output))?"
           rf"|(?:(?:along\s+)?with|showing|including)\s+(?:all\s+)?(?:the\s+|their\s+|full\s+)?(?:{_DETAILS})"
           rf"(?:\s*(?:,|and)\s*(?:{_DETAILS}))*"
           r"|in\s+detail|(?:with\s+)?(?:the\s+)?details", _fixed("long", True)),
    clause(rf"(?:(?:along\s+)?with\s+|showing\s+|and\s+)?(?:their\s+|the\s+)?(?:file\s+)?sizes?\s+(?:in\s+)?{_READABLE}"
           rf"|(?:(?:along\s+)?with\s+|showing\s+)?(?:their\s+|the\s+)?human[\s-]*readable(?:\s+file)?\s+sizes?"
           rf"|(?:in\s+)?{_READABLE}", lambda m, s: set_once(s, "long", True) and set_once(s, "human", True)),
    clause(rf"(?:(?:sorted|sort|ordered|order|arranged)\s+)?by\s+(?:their\s+|the\s+)?(?P<key>{_SORT_KEY})", _sort),
    clause(rf"(?:(?:sorted|ordered)\s+)?(?:with\s+)?(?:the\s+)?(?:from\s+)?(?P<key>{_FIRST_KEY})\s+"
           r"(?P<obj>ones?\s+|files?\s+)?(?:first|on\s+top|at\s+the\s+top)", _sort_and_object),
    clause(r"(?:(?:sorted|ordered|arranged)\s+)?(?:alphabetically|in\s+alphabetical\s+order)",
           _fixed("sort", "name")),
    clause(r"(?:in\s+)?reverse(?:d)?(?:\s+order)?|backwards", _fixed("reverse", True)),
    clause(r"(?:in\s+)?(?P<dir>descending|decreasing|ascending|increasing)(?:\s+order)?"
           r"|from\s+(?P<key>largest|biggest|smallest|newest|latest|oldest)\s+to\s+(?:largest|biggest|smallest|newest"
           r"|latest|oldest)", _order),
    clause(rf"(?:the\s+)?(?:(?:top|first)\s+)?(?:(?P<n>\d+|{_FEW})\s+)?(?P<key>{_TOP_KEY})\s+"
           r"(?P<obj>files?|entries|items|ones|things|(?:files\s+and\s+)?(?:folders|directories)|folder|directory)"
           r"(?=[\s,]|$)", _top),
    clause(rf"(?P<key>{_FIRST_KEY}|recently\s+(?:modified|changed|edited)|recent|last\s+modified)", _sort),
    clause(rf"{_MODVERB}\s+(?P<key>recently)", _sort),
    # depth
    clause(rf"recursively|recursive|everywhere|(?:and|including|with|plus|in)\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?"
           rf"{_SUBDIRS}(?:\s+too|\s+as\s+well)?|in\s+all\s+(?:the\s+)?(?:sub-?)?(?:folders|directories)"
           r"|(?:and\s+)?everything\s+(?:below|beneath|inside)|at\s+all\s+levels|(?:as|in)\s+a\s+tree",
           _fixed("recursive", True)),
    clause(r"(?:only\s+)?(?:at\s+)?(?:the\s+)?top[\s-]+level(?:\s+only)?|non-?recursive(?:ly)?|not\s+recursive(?:ly)?"
           r"|(?:but\s+)?(?:not|without\s+(?:going\s+into|looking\s+in(?:to)?|descending\s+into))\s+(?:in\s+)?"
           rf"(?:the\s+|any\s+)?{_SUBDIRS}", _fixed("max_depth", 1)),
    clause(rf"(?:at\s+most|max(?:imum)?(?:\s+depth)?(?:\s+of)?|up\s+to|no\s+more\s+than|no\s+deeper\s+than)\s+"
           rf"(?P<n>{NUM})\s+(?:levels?|deep|down)(?:\s+(?:deep|down))?"
           rf"|(?:(?:with|at)\s+(?:a\s+)?)?max(?:imum)?[\s_-]?depth\s*(?:=|of)?\s*(?P<n2>\d+)"
           rf"|(?:only\s+)?(?P<n3>{NUM})\s+levels?\s+(?:deep|down)(?:\s+only)?",
           lambda m, s: set_once(s, "max_depth", number(m["n"] or m["n2"] or m["n3"]))),
    clause(r"(?:in|inside|within|under|of|from)\s+(?:(?:the\s+)?(?:current|present)\s+(?:working\s+)?|this\s+"
           r"|(?:the\s+)?working\s+)(?:folder|directory|dir)(?=\s|,|$)", _fixed("path", ".")),
    clause(rf"(?:(?:that\s+are\s+|which\s+are\s+)?(?:located|stored|kept|living|residing|sitting|lying)\s+)?"
           rf"(?P<prep>in|inside|within|under|underneath|beneath|below|from|of|at|on)\s+(?P<place>{PLACE})", _location),
    clause(rf"(?P<place>{PLACE})", _bare),
    clause(r"only|just|alone", _fixed("only", True)),
    # what ls and find print anyway: one name a line
    clause(r"(?:with\s+|in\s+)?(?:one\s+(?:file\s+|entry\s+|name\s+|item\s+)?(?:per|a|on\s+each)\s+line"
           r"|in\s+a\s+single\s+column|(?:just\s+|only\s+)?(?:the\s+)?(?:file\s*)?names\s+of)", lambda m, s: True),
    # words that add nothing
    clause(r"all|every|each|any|the|of|me|only|just|a|an|some|that|which|are|is|were|was|there|have\s+been"
           r"|has\s+been|been|with|having|and|or|but|including|include|plus|also|too|as\s+well|both|my|anywhere"
           r"|currently|right\s+now|now|in\s+it|(?:a\s+)?list(?:ing)?\s+of|do\s+i\s+have|i\s+have|exist|in\s+total",
           lambda m, s: True),
]


CLAUSES = _CLAUSES  # what find understands; patterns_found reads the same words


def _build(m: re.Match[str]) -> list[ActionCall] | None:
    state: dict[str, Any] = {"verb": _VERBS[re.sub(r"\s+", " ", m["verb"].lower())]}
    try:
        if not read_clauses(m["rest"], _CLAUSES, state):
            return None
        return _decide(state)
    except Reject:
        return None


def _terse(m: re.Match[str]) -> list[ActionCall] | None:
    """"py files > 1mb in src", "folders older than a year in /tmp": no verb, a kind and a criterion, as find's."""
    if re.search(r"\b(?:in|being)\s+use\b", m["rest"], re.I):
        return None  # "python files in use": open files, not a folder "use"
    state: dict[str, Any] = {"verb": "find"}
    try:
        if not read_clauses(m["rest"], _CLAUSES, state):
            return None
    except Reject:
        return None
    criteria = [k for k in _FIND_KEYS if k in state]
    if not criteria or criteria == ["extension"] and "path" not in state:
        return None  # "py files" alone, or with a word the clauses skip, is too thin to act on
    return _decide(state)


def _decide(s: dict[str, Any]) -> list[ActionCall] | None:
    verb, kind = s["verb"], s.get("type")
    if s.pop("ci", False):
        if "name" not in s or "iname" in s:
            return None
        s["iname"] = s.pop("name")
    filters = {k: s[k] for k in _FIND_KEYS if k in s}
    if verb == "search":
        verb = s["verb"] = "find"
    hidden_only = bool(s.get("hidden") and s.get("only"))  # "list only the hidden files": not ls -a
    files_only = kind == "file" and bool(s.get("only")) and not filters  # "list just the files": not the folders
    wants_find = verb == "find" or bool(filters) or kind in ("dir", "link") or hidden_only or files_only
    if not wants_find:
        if verb in ("ask", "show") and not s.get("object") and "path" not in s and not s.get("hidden"):
            return None
        if verb != "list" and file_like(s.get("path", "")) and not s["path"].endswith("/"):
            return None  # "show the contents of notes.txt" reads it
        if s.get("top") and s.get("recursive"):
            return None
        if "order" in s:  # size and time sort largest and newest first; names from a
            if not s.get("sort"):
                return None
            s["reverse"] = (s.pop("order") == "desc") != (s["sort"] in ("size", "time"))
        args = {k: s[k] for k in ("long", "recursive", "sort", "reverse", "top", "human") if s.get(k)}
        if s.get("hidden"):
            args["all"] = True
        if s.get("sort") == "name" and not s.get("reverse"):
            args.pop("sort")
        return [ActionCall("files.list", _with_path(s, args))]
    if s.get("top"):
        return None  # find does not sort
    if kind == "dir" and s.get("sort") == "size" and not (filters or s.get("reverse") or s.get("long")):
        return [ActionCall("files.disk_usage", _with_path(s, {}))]  # folders by size: `du -d 1 | sort -hr`
    if any(s.get(k) for k in ("long", "sort", "reverse", "human")) or not (filters or s.get("object") or s.get("hidden")):
        return None
    if kind == "dir" and ("min_size" in filters or "max_size" in filters):
        return None  # a folder's size is what is in it: that is disk usage, not find
    if s.get("hidden"):
        if "name" in filters or "iname" in filters:
            return None
        filters["name"] = ".*"
    if kind in ("file", "dir", "link"):
        filters["type"] = kind
    if s.get("names_only"):
        filters["names_only"] = True
    deep = s.get("recursive") or s.get("deep")
    if verb != "find" and (kind in ("dir", "link") or hidden_only or files_only) and not deep:
        filters.setdefault("max_depth", 1)
    if verb != "find" and kind == "dir":
        filters["min_depth"] = 1  # listing a folder's folders does not list the folder itself
    return [ActionCall("files.find", _with_path(s, filters))]


def _with_path(s: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    return {"path": s["path"], **args} if s.get("path", ".") != "." else args


def _where_is(m: re.Match[str]) -> list[ActionCall] | None:
    word, quoted = unquote(m["tok"])
    if not (quoted or file_like(word) or any(c in word for c in "*?[")):
        return None
    return [ActionCall("files.find", {"name": word})]


PATTERNS = [
    (r"what(?:'s|\s+is)\s+(?:in\s+)?here|what\s+(?:is|do\s+we\s+have)\s+in\s+this\s+(?:folder|directory)"
     r"|list\s+(?:the\s+)?(?:contents?\s+of\s+)?(?:this|the\s+current)\s+(?:folder|directory)"
     r"|(?:show|display)\s+(?:me\s+)?(?:the\s+)?contents?\s+of\s+(?:this|the\s+current)\s+(?:folder|directory)",
     lambda m: [ActionCall("files.list", {})]),
    (rf"where(?:'s|\s+is|\s+are|\s+can\s+i\s+find)\s+(?:the\s+file\s+|the\s+)?(?P<tok>{TOKEN})", _where_is),
    (_HEAD, _build),
    (rf"(?:are\s+there\s+|do\s+(?:i|we)\s+have\s+)?"
     rf"(?P<rest>(?:(?:all|the|any)\s+)*(?:{EXT}\s+{KIND}|{PLURAL_EXT}|files?|folders?|directories|dirs)\b.*)", _terse),
]
