"""Clauses for find's criteria beyond name, size and age: what to leave out, the path, names only.

"find everything in build except *.txt", "files whose path contains test", "the .log files
in the src tree", "and output the name of each, without the directories". They are read
by the listing/finding clause reader (patterns_listing) and so also by the patterns that act
on what is found (patterns_found); each records a key of files.find ("exclude",
"path_match", "names_only") or the folder ("path") and that the search goes deep.
"""

from __future__ import annotations

import re
from typing import Any

from .clauses import Clause, clause, set_once
from .phrases import EXT, PLACE, PLURAL_EXT, TOKEN, ext_of, file_like, place, unquote

__all__ = ["FIND_CLAUSES", "GLOB_CLAUSE", "TREE_CLAUSE"]

_EXCEPT = (r"(?:,\s*)?(?:except(?:\s+for)?|but\s+not|other\s+than|excluding|apart\s+from|save\s+for|besides"
           r"|(?:all|everything|anything)\s+but"
           r"|leaving\s+out|without\s+touching|not\s+counting"
           r"|(?:(?:but|and)\s+)?(?:keep(?:ing)?|leav(?:e|ing)|spar(?:e|ing))"
           r"(?:\s+(?:alone|in\s+place))?)")
_ONES = r"(?:files?|ones|documents?)"


def _exclude(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"except *.txt", "but not the .txt files", "other than python files", "except README.md"."""
    if m["ext"] or m["plural"]:
        ext = ext_of(m["ext"] or m["plural"])
        return ext is not None and set_once(s, "exclude", f"*.{ext}")
    word, quoted = unquote(m["tok"] or m["end"] or m["bare"] or "")
    if not word.strip() or "/" in word:
        return False
    if m["bare"] and re.match(r"\s+(?:folders?|director(?:y|ies)|dirs?|stuff|tree)\b", m.string[m.end():], re.I):
        return False  # "except the .git folder": exclude leaves out names, not what is inside a folder
    if m["end"]:
        return set_once(s, "exclude", "*" + word)
    if quoted or m["named"] or file_like(word) or any(c in word for c in "*?["):
        return set_once(s, "exclude", word)
    return False


def _path(m: re.Match[str], s: dict[str, Any]) -> bool:
    word, _ = unquote(m["tok"] or m["tok2"] or "")
    return bool(word.strip()) and set_once(s, "path_match", f"*{word}*")


def _named_folders(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"the __pycache__ folders", "node_modules directories": folders by that name."""
    word, quoted = unquote(m["tok"])
    if not (quoted or re.fullmatch(r"[\w.-]*[_.\-\d][\w.-]*", word)) or any(c in word for c in "/*?["):
        return False
    return set_once(s, "name", word) and set_once(s, "type", "dir") and set_once(s, "object", True)


def _tree(m: re.Match[str], s: dict[str, Any]) -> bool:
    folder = place(m["place"])
    return folder is not None and set_once(s, "path", folder) and set_once(s, "recursive", True)


_NAME_WORDS = r"(?:base\s*names?|bare\s+(?:file\s*)?names?|(?:file\s*)?names?)"
_OF_EACH = (r"(?:\s+(?:only|alone))?(?:\s+of\s+(?:each(?:\s+(?:one|file|match))?|them|all|every\s+(?:one|file|match)"
            r"|the\s+(?:files|matches)))?")
_NO = (r"(?:without|with\s+no|minus|not|no|leaving\s+out|dropping|stripping|omitting)\s+"
       r"(?:the\s+|their\s+|any\s+|its\s+)?")
_PATH_PART = (r"(?:paths?|directory\s+(?:parts?|names?|paths?)|folder\s+(?:names?|parts?)"
              r"|leading\s+(?:directories|folders|paths?)|full\s+paths?|parent\s+(?:directories|folders))")
_NAMES_ONLY = (
    # "output the name of each, without the directories", "just the base names", "names only", "without the paths"
    rf"(?:(?:and\s+)?(?:output|print|show|list|display|give\s+me|return|get|write)\s+|(?:and\s+)?(?:just|only)\s+)"
    rf"(?:(?:just|only)\s+)?(?:the\s+|their\s+)?{_NAME_WORDS}{_OF_EACH}"
    rf"(?:\s*,?\s*{_NO}(?:{_PATH_PART}|directories|folders|dirs))?"
    rf"|(?:the\s+|their\s+)?(?:base\s*names?|bare\s+(?:file\s*)?names?|(?:file\s*)?names?\s+(?:only|alone))"
    rf"|(?:the\s+|their\s+)?{_NAME_WORDS}{_OF_EACH}\s*,?\s*{_NO}(?:{_PATH_PART}|directories|folders|dirs)"
    rf"|(?:and\s+)?{_NO}{_PATH_PART}"
)


def _glob(m: re.Match[str], s: dict[str, Any]) -> bool:
    """"with the pattern *.c": a name pattern only when it is a glob (else it may be the text inside)."""
    word, _ = unquote(m["tok"])
    if "/" in word or not any(c in word for c in "*?["):
        return False
    ext = re.fullmatch(r"\*\.(\w{1,10})", word)
    return set_once(s, "extension", ext[1]) if ext else set_once(s, "name", word)


# "and print their paths": what find prints anyway (a full, absolute path is another matter)
_PRINT_PATHS = (r"(?:and\s+|then\s+)?(?:print|show|list|output|display|return|give\s+me|write\s+out|report)\s+"
                r"(?:them|(?:their|the|its|each(?:\s+one's)?)\s+(?:relative\s+)?(?:paths?|locations?)"
                r"(?:\s+of\s+(?:each(?:\s+(?:one|file|match))?|them|all|every\s+(?:one|file|match)"
                r"|the\s+(?:files|matches)))?)")

TREE_CLAUSE: Clause = clause(
    rf"(?:in|inside|within|under|beneath|below|from|of|throughout|across|all\s+over)\s+"
    rf"(?:the\s+)?(?:(?:entire|whole|full|complete)\s+)?(?P<place>{PLACE})\s+(?:tree|hierarchy)", _tree)

FIND_CLAUSES: list[Clause] = [
    clause(rf"{_EXCEPT}\s+(?:the\s+|any\s+|for\s+the\s+|those\s+|my\s+)?"
           rf"(?:(?P<ext>{EXT})\s+{_ONES}|(?P<plural>{PLURAL_EXT})"
           rf"|(?:{_ONES}\s+|those\s+)?(?:(?:that\s+|which\s+)?end(?:s|ing)?\s+(?:in|with))\s+(?P<end>{TOKEN})"
           rf"|(?:{_ONES}\s+)?(?P<named>named|called|matching)\s+(?P<tok>{TOKEN})|(?P<bare>{TOKEN}))",
           _exclude),
    clause(rf"(?:(?:whose|with(?:\s+an?)?|where\s+the|(?:that|which)\s+ha(?:s|ve)(?:\s+an?)?|in)\s+)?(?:full\s+)?"
           rf"(?:path(?:s|\s*names?)?)\s+(?:contains?|containing|includes?|including|ha(?:s|ve)|with|matching|like)\s+"
           rf"(?P<tok>{TOKEN})"
           rf"|(?:with|having|that\s+ha(?:s|ve))\s+(?P<tok2>{TOKEN})\s+(?:anywhere\s+|somewhere\s+)?in\s+"
           r"(?:the(?:ir)?|its)\s+(?:full\s+)?paths?", _path),
    clause(_NAMES_ONLY, lambda m, s: set_once(s, "names_only", True)),
    clause(r"(?:(?:with|having)\s+no\s+|without\s+(?:an?\s+|any\s+)?|(?:that\s+|which\s+)?(?:have|has)\s+no\s+"
           r"|lacking\s+(?:an?\s+)?)(?:file\s+)?(?:extensions?|suffix(?:es)?)",
           lambda m, s: set_once(s, "exclude", "*.*")),
    clause(rf"(?P<tok>{TOKEN})\s+(?:folders|directories|dirs)", _named_folders),
    TREE_CLAUSE,
    clause(_PRINT_PATHS, lambda m, s: True),
]

# Read before the other name clauses ("with the name pattern *.c" is not a name "pattern").
GLOB_CLAUSE: Clause = clause(
    rf"(?:with|using|by|having|that\s+match(?:es)?|matching)\s+(?:the\s+|a\s+)?(?:(?:file\s*)?name\s+|glob\s+|shell\s+)?"
    rf"(?:pattern|glob|mask|wildcard)\s+(?P<tok>{TOKEN})", _glob)

