"""File-tool requests: gzip/gunzip, links, comparing folders, duplicates, largest files, counting entries.

"gzip big.log keeping the original", "make a symlink to a.txt called b.txt", "which files
differ between a and b", "find duplicate files in photos", "the 5 biggest files under src",
"how many files are in this folder". Each group is registered behind its gate (patterns.py).
"""

from __future__ import annotations

import re

from ..types import ActionCall
from .phrases import (
    EXT, NUM, PLACE, PLURAL_EXT, TOKEN, archive_like, dirlike, ext_of, file_like, named, number, place, target,
)

__all__ = ["GATED"]


def _file(chunk: str, *, certain: bool = False) -> str | None:
    found = named(chunk)
    if found is None or found[1] == "dir" or dirlike(found[0]):
        return None
    word, noun, quoted = found
    return word if certain or quoted or noun == "file" or file_like(word) or "/" in word else None


# --- gzip, bzip2, xz ------------------------------------------------------------------

_KEEP = (r"(?P<keep>[\s,]+(?:and\s+|but\s+|while\s+)?(?:keep(?:ing)?|preserv(?:e|ing)|leav(?:e|ing)|retain(?:ing)?)\s+"
         r"(?:the\s+)?(?:original|source|uncompressed|compressed|old)(?:\s+(?:file|one|copy|version))?"
         r"(?:\s+(?:intact|as\s+(?:it\s+is|well)|too|around))?"
         r"|\s+without\s+(?:deleting|removing|touching)\s+(?:the\s+original|it)|\s+and\s+keep\s+(?:it|both))?")
_CODEC = {"gzip": "gzip", "gz": "gzip", "bzip2": "bzip2", "bz2": "bzip2", "bzip": "bzip2", "xz": "xz"}
_PLAIN_SUFFIX = re.compile(r"\.(?:gz|bz2|xz|lzma)$", re.I)


def _compress(m: re.Match[str]) -> list[ActionCall] | None:
    verb = m["verb"].lower()
    path = _file(m["what"], certain=verb != "compress")
    if path is None or archive_like(path) or _PLAIN_SUFFIX.search(path):
        return None
    codec = _CODEC.get((m["codec"] or verb).lower(), "gzip")
    if m["dest"]:  # "compress notes.txt to notes.txt.gz": only the name gzip itself would give
        codec = next((c for c, ext in (("gzip", ".gz"), ("bzip2", ".bz2"), ("xz", ".xz"))
                      if m["dest"] == path + ext and (not m["codec"] or _CODEC[m["codec"].lower()] == c)), "")
        if not codec:
            return None
    args: dict = {"path": path}
    if codec != "gzip":
        args["format"] = codec
    if m["keep"] or "k" in (m["flag"] or ""):
        args["keep"] = True
    return [ActionCall("files.compress", args)]


def _decompress(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["what"], certain=True)
    if path is None or archive_like(path) or not _PLAIN_SUFFIX.search(path):
        return None
    args: dict = {"path": path}
    if m["keep"] or "k" in (m["flag"] or ""):
        args["keep"] = True
    return [ActionCall("files.decompress", args)]


COMPRESS_GATE = (r"\b(?:gzip|gunzip|bzip2|bunzip2|xz|unxz|compress|decompress|uncompress|unzip|extract|unpack"
                 r"|expand|inflate)\b")
COMPRESS = [
    (rf"(?P<verb>gzip|bzip2|xz|compress)\s+(?:-(?P<flag>[k1-9]{{1,3}})\s+)?(?:the\s+)?(?P<what>{PLACE})"
     r"(?:\s+(?:with|using|as)\s+(?P<codec>gzip|gz|bzip2?|bz2|xz))?(?:\s+(?:in)?to\s+(?P<dest>[^\s'\"]+))?" + _KEEP,
     _compress),
    (rf"(?:gunzip|bunzip2|unxz|decompress|uncompress|unzip|extract|unpack|expand|inflate|(?:gzip|bzip2|xz)\s+-d)"
     r"\s+(?:-(?P<flag>k)\s+)?(?:the\s+)?(?:(?:gzip(?:ped)?|gz|bzip2|bz2|xz|compressed)\s+file\s+)?"
     rf"(?P<what>{PLACE})(?:\s+(?:in\s+)?here)?" + _KEEP, _decompress),
]


# --- links ------------------------------------------------------------------------------

_KIND = r"(?P<kind>symbolic\s+link|sym-?link|soft[\s-]?link|hard[\s-]?link|link)"
_POINTS = r"(?:(?:that|which)\s+points\s+|pointing\s+)(?:to|at)"


def _link(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    to = target(groups["target"])
    name = target(next(v for k, v in groups.items() if k.startswith("link") and v))
    if to is None or name is None or to == name:
        return None
    kind = (groups.get("kind") or groups.get("verb") or "").lower()
    args: dict = {"target": to, "link": name}
    if "hard" in kind or re.fullmatch(r"ln", kind):
        args["symbolic"] = False
    return [ActionCall("files.link", args)]


LINKS_GATE = r"\b(?:link|symlink|sym-link|softlink|soft-link|hardlink|hard-link|ln)\b"
LINKS = [
    (rf"(?:create|make|add|generate|set\s+up)\s+(?:a\s+|an\s+)?(?:new\s+)?{_KIND}\s+(?:to|for|of|at|{_POINTS}|targeting)\s+"
     rf"(?P<target>{PLACE})\s+(?:called|named|as|at|in|inside|with\s+(?:the\s+)?name)\s+(?P<link>{PLACE})", _link),
    (rf"(?:create|make|add|generate|set\s+up)\s+(?:a\s+|an\s+)?(?:new\s+)?{_KIND}\s+(?:(?:called|named|at)\s+(?P<link>{PLACE})\s+"
     rf"(?:{_POINTS}|to|for|of)|(?P<link2>{PLACE})\s+{_POINTS}|(?P<link3>{PLACE})\s*(?:->|=>))\s*(?P<target>{PLACE})",
     _link),
    (rf"make\s+(?P<link>{PLACE})\s+(?:a|an)\s+{_KIND}\s+(?:to|for|of|{_POINTS})\s+(?P<target>{PLACE})", _link),
    (rf"(?:sym)?link\s+(?P<link>{PLACE})\s*(?:->|=>)\s*(?P<target>{PLACE})", _link),
    (rf"(?P<verb>ln\s+-s|ln|symlink|sym-link|soft[\s-]?link|hard[\s-]?link)\s+(?P<target>{PLACE})\s+"
     rf"(?:to\s+|as\s+|at\s+)?"
     rf"(?P<link>{PLACE})", _link),
]


# --- comparing and duplicates ---------------------------------------------------------------

_FOLDERS = r"(?:folders|directories|dirs|trees)"
_AND = r"(?:and|with|to|against|vs\.?|versus)"


def _compare(folders: bool, no_files: bool = False):
    """no_files: two files' differences are a text diff, which is the model's to plan."""
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        keys = ("a", "b") if m["a"] else ("a2", "b2")
        a, b = ((place(m[k]) if folders else target(m[k], strict=True)) for k in keys)
        if a is None or b is None or a == b or no_files and (file_like(a) or file_like(b)):
            return None
        return [ActionCall("files.compare", {"first": a, "second": b})]
    return build


def _dupes(m: re.Match[str]) -> list[ActionCall] | None:
    where = m["where"]
    path = place(where) if where else "."
    if path is None:
        return None
    return [ActionCall("files.duplicates", {"path": path} if path != "." else {})]


_IN = (rf"(?:\s+(?:in|under|inside|within|beneath|below|throughout)\s+(?P<where>{PLACE})|\s+(?:in\s+)?here)?"
       r"(?:\s+recursively)?")
COMPARE_GATE = r"\b(?:differ|differs|different|differences?|diff|compare|same|identical|duplicates?|duplicated|equal)\b"
_DIFFER = r"(?:are\s+different|differ|have\s+changed|changed|are\s+not\s+the\s+same|are\s+not\s+identical)"
_WHICH_FILES = (r"(?:(?:(?:show|list|find|get|give|tell)(?:\s+me)?|print|display)\s+)?"
                r"(?:(?:which|what)|(?:all\s+)?the)\s+files\s+(?:(?:that|which)\s+)?")
COMPARE = [
    (rf"(?:compare|diff)\s+(?:the\s+)?{_FOLDERS}\s+(?P<a>{PLACE})\s+{_AND}\s+(?P<b>{PLACE})\s*,?\s+and\s+"
     r"(?:list|show|print|report|tell\s+me|say)\s+(?:which|what|the)\s+files\s+(?:that\s+|which\s+)?"
     r"(?:differ|are\s+different)", _compare(folders=True)),
    (rf"{_WHICH_FILES}{_DIFFER}\s+(?:between|in)\s+"
     rf"(?:the\s+)?(?:{_FOLDERS}\s+)?(?P<a>{PLACE})\s+and\s+(?P<b>{PLACE})", _compare(folders=True)),
    (rf"{_WHICH_FILES}{_DIFFER}\s+(?:between|in)\s+(?:the\s+)?(?P<a>{TOKEN})\s+and\s+(?P<b>{TOKEN})\s+{_FOLDERS}",
     _compare(folders=True)),
    (rf"(?:compare|diff)\s+(?:the\s+)?{_FOLDERS}\s+(?P<a>{PLACE})\s+{_AND}\s+(?P<b>{PLACE})", _compare(folders=True)),
    (rf"(?:compare|diff)\s+(?:the\s+)?(?:folder|directory|dir)\s+(?P<a>{PLACE})\s+{_AND}\s+(?:the\s+)?"
     rf"(?:folder|directory|dir)\s+(?P<b>{PLACE})", _compare(folders=True)),
    (rf"diff\s+-(?:rq|qr|r|q)\s+(?P<a>{PLACE})\s+(?P<b>{PLACE})", _compare(folders=True)),
    (r"(?:(?:show|find|list|get|give)(?:\s+me)?|what\s+are)\s+(?:the\s+|all\s+(?:the\s+)?|any\s+)?differences\s+"
     rf"between\s+(?:the\s+)?(?:{_FOLDERS}\s+)?(?!(?:current|present|working)\b)(?P<a>{PLACE})\s+and\s+"
     rf"(?!(?:current|present|working)\b)(?P<b>{PLACE})", _compare(folders=True, no_files=True)),
    (rf"(?:compare|diff)\s+(?:the\s+)?contents?\s+of\s+(?:the\s+)?(?:{_FOLDERS}\s+)?(?P<a>{PLACE})\s+{_AND}\s+"
     rf"(?P<b>{PLACE})", _compare(folders=True, no_files=True)),
    (rf"(?:compare|diff)\s+(?:the\s+)?(?P<a>{TOKEN})\s+{_AND}\s+(?:the\s+)?(?P<b>{TOKEN})\s+{_FOLDERS}"
     rf"|what(?:'s|\s+is|\s+are)\s+(?:the\s+)?differences?\s+between\s+(?:the\s+)?(?P<a2>{TOKEN})\s+and\s+(?:the\s+)?"
     rf"(?P<b2>{TOKEN})\s+{_FOLDERS}", _compare(folders=True)),
    (rf"what(?:'s|\s+is)\s+different\s+between\s+(?:the\s+)?{_FOLDERS}\s+(?P<a>{PLACE})\s+and\s+(?P<b>{PLACE})",
     _compare(folders=True)),
    (rf"what(?:'s|\s+is)\s+different\s+between\s+(?P<a>\S+/)\s+and\s+(?P<b>\S+/)", _compare(folders=True)),
    (rf"(?:are|is)\s+(?P<a>{PLACE})\s+and\s+(?P<b>{PLACE})\s+(?:the\s+same|identical|equal|different)(?:\s+files)?",
     _compare(folders=False)),
    (rf"(?:(?:check\s+)?(?:if|whether)\s+|are\s+)(?:the\s+)?{_FOLDERS}\s+(?P<a>{PLACE})\s+and\s+(?P<b>{PLACE})\s+"
     r"(?:are\s+)?(?:the\s+same|identical|equal|different)", _compare(folders=True)),
    # "compare ./old and ./new": two paths, neither a file by its name
    (rf"(?:compare|diff)\s+(?P<a>[^\s'\"]*/[^\s'\"]*)\s+{_AND}\s+(?P<b>[^\s'\"]*/[^\s'\"]*)",
     _compare(folders=True, no_files=True)),
    (rf"(?:do|does)\s+(?P<a>{PLACE})\s+and\s+(?P<b>{PLACE})\s+differ", _compare(folders=False)),
    (rf"(?:is|does)\s+(?P<a>{PLACE})\s+(?:differ(?:ent)?\s+from|the\s+same\s+as|identical\s+to|equal\s+to)\s+"
     rf"(?P<b>{PLACE})", _compare(folders=False)),
    (rf"(?:check\s+)?(?:if|whether)\s+(?P<a>{PLACE})\s+and\s+(?P<b>{PLACE})\s+(?:are\s+(?:the\s+same|identical|equal"
     r"|different)|differ)", _compare(folders=False)),
    (r"(?:(?:find|show|list|get|detect|search\s+for|look\s+for|check\s+for)(?:\s+me)?\s+"
     r"|(?:which|what)\s+are\s+(?:the\s+)?"
     r"|are\s+there\s+(?:any\s+)?)?(?:all\s+)?(?:the\s+|any\s+)?(?:duplicated?|identical)\s+files" + _IN, _dupes),
    (r"(?:(?:find|show|list|get)(?:\s+me)?\s+|which\s+are\s+)?(?:all\s+)?(?:the\s+)?files\s+"
     r"(?:with|having|(?:that|which)\s+(?:have|share))\s+"
     r"(?:the\s+)?(?:same|identical)\s+(?:content|contents|checksum|hash)" + _IN, _dupes),
    (r"(?:which|what)\s+files\s+(?:are\s+duplicates|are\s+identical|have\s+(?:the\s+)?(?:same|identical)\s+"
     r"(?:content|contents))" + _IN, _dupes),
    (r"(?:find|show|list)\s+(?:all\s+)?(?:the\s+)?files\s+(?:that|which)\s+are\s+(?:duplicates|identical|the\s+same)"
     + _IN, _dupes),
    (r"(?:find|show|list|get|detect|search\s+for|look\s+for|check\s+for)(?:\s+me)?\s+(?:all\s+)?(?:the\s+|any\s+)?"
     r"(?:duplicates|duplicated\s+files|dupes|file\s+duplicates|copies\s+of\s+(?:the\s+)?same\s+files?)" + _IN, _dupes),
]


# --- the largest files, counting entries ----------------------------------------------

_REC = (r"(?P<rec>\s+(?:recursively|anywhere|everywhere|in\s+all\s+(?:the\s+)?sub-?(?:folders|directories)"
        r"|(?:and|including|in)\s+(?:all\s+)?(?:its\s+|the\s+)?sub-?(?:folders|directories)))?")


def _largest(m: re.Match[str]) -> list[ActionCall] | None:
    verb = (m["verb"] or "").lower().split()
    count = m["n"] or m["n2"]
    asked = count or m["top"] or m["rec"] or m["sizes"] or m["sizes0"] or m["under"] or m["noun"].lower() == "file"
    if not (asked or (verb and verb[0] in ("find", "which", "what"))):
        return None  # "show me the biggest files in src" is a listing sorted by size
    path = place(m["where"]) if m["where"] else "."
    top = number(count) if count else 1 if m["noun"].lower() == "file" else None
    if path is None or top == 0:
        return None
    args: dict = {} if path == "." else {"path": path}
    if top is not None and top != 10:
        args["top"] = top
    if m["which"].lower() in ("smallest", "tiniest"):
        args["smallest"] = True
    return [ActionCall("files.largest", args)]


_DEEP_PREPS = ("under", "beneath", "below", "underneath")


def _entries(m: re.Match[str]) -> list[ActionCall] | None:
    groups = m.groupdict()
    where = next((v for k, v in groups.items() if k.startswith("where") and v), None)
    path = place(where) if where else "."
    if path is None or file_like(path):
        return None
    noun = m["noun"].lower()
    kind = "any" if " and " in noun else "file" if "file" in noun else "dir" if re.search(r"fold|dir", noun) else "any"
    args: dict = {} if path == "." else {"path": path}
    if groups.get("ext") or groups.get("plural"):  # "how many python files": `find -name '*.py' | wc -l`
        ext = ext_of(groups.get("ext") or groups["plural"])
        if ext is None:
            return None
        kind, args["name"] = "file", f"*.{ext}"
    elif groups.get("hidden_kind"):
        args["name"], args["all"] = ".*", True
    if kind != "any":
        args["type"] = kind
    if groups.get("where_tree"):
        args["tree"] = True  # "the src tree" is src and all beneath it, as `find src | wc -l` counts
    elif groups.get("rec") or groups.get("rec0") or (groups.get("prep") or "").lower() in _DEEP_PREPS:
        args["recursive"] = True
    elif where and path == "." and re.search(r"\b(?:project|repo|repository|codebase|code\s+base)\b", where, re.I):
        args["recursive"] = True  # "how many files are in the repo": all of it, not its top folder
    if groups.get("hidden"):
        args["all"] = True
    return [ActionCall("files.count_entries", args)]


REPORTS_GATE = r"\b(?:biggest|largest|heaviest|smallest|tiniest|many|number|count)\b"
_NOUNS = (r"(?P<noun>(?:all\s+(?:the\s+)?)?files\s+and\s+(?:folders|directories)|(?:regular\s+)?files|folders|directories"
          r"|dirs|sub-?folders|sub-?directories|entries|items|things|everything|anything|all\s+(?:the\s+)?entries"
          rf"|(?P<hidden_kind>hidden\s+(?:files|entries|folders|directories))"
          rf"|(?P<ext>{EXT})\s+(?:files|scripts|documents|sources|source\s+files)|(?P<plural>{PLURAL_EXT}))")
_WHERE = (rf"(?P<rec0>\s+recursively)?"
          r"(?:\s+(?:that\s+are\s+|which\s+are\s+)?(?:contained|located|stored|kept|present|found)"
          r"(?=\s+(?:in|inside|under|within)\b))?"
          rf"(?:\s+(?P<prep>in|inside|under|within|beneath|below|underneath|of)\s+(?P<where>{PLACE})"
          r"|\s+(?:in|inside|within|under|throughout|across|of)\s+(?:the\s+)?(?:entire\s+|whole\s+|full\s+|complete\s+)?"
          rf"(?P<where_tree>{PLACE})\s+(?:tree|hierarchy)|\s+(?:in\s+)?here)?{_REC}"
          r"(?P<hidden>\s+(?:including|with|counting)\s+(?:the\s+)?hidden(?:\s+ones|\s+files)?)?")
REPORTS = [
    (r"(?:(?P<verb>show|list|find|get|give|which\s+are|what\s+are|which\s+is|what\s+is|what's)(?:\s+me)?\s+)?"
     r"(?P<sizes0>(?:the\s+)?(?:(?:file\s*)?names?|paths?)\s+and\s+(?:the\s+)?sizes?\s+of\s+|(?:the\s+)?sizes?\s+and\s+"
     r"(?:the\s+)?(?:(?:file\s*)?names?|paths?)\s+of\s+)?"
     rf"(?:the\s+)?(?:(?P<top>top)\s+)?(?:(?P<n>{NUM})\s+)?(?P<which>biggest|largest|heaviest|smallest|tiniest)\s+"
     rf"(?:(?P<n2>{NUM})\s+)?(?P<noun>files?)"
     rf"(?:\s+(?:in|inside|within|(?P<under>under|beneath|below|underneath))\s+(?P<where>{PLACE})"
     rf"|\s+(?:in\s+)?here)?{_REC}(?P<sizes>\s+(?:with|and)\s+(?:their\s+)?sizes?)?", _largest),
    (rf"how\s+many\s+{_NOUNS}(?:\s+(?:are\s+there|are|is\s+there|do\s+i\s+have|do\s+we\s+have|there\s+are|exist))?"
     rf"{_WHERE}(?:\s+(?:are\s+there|do\s+i\s+have|exist))?", _entries),
    (rf"how\s+many\s+{_NOUNS}\s+(?:does|do)\s+(?P<where2>{PLACE})\s+(?:have|contain|hold){_REC}", _entries),
    (r"(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get|give\s+me|tell\s+me|print|display|output|report)\s+)?(?:the\s+)?"
     r"(?:total\s+)?"
     r"(?:number|count)\s+of\s+"
     rf"{_NOUNS}{_WHERE}", _entries),
    (rf"count\s+(?:the\s+|all\s+(?:the\s+)?)?(?:number\s+of\s+)?{_NOUNS}{_WHERE}", _entries),
    (rf"count\s+(?:every|each)\s+(?:single\s+)?(?P<noun>file|folder|directory|entry|item){_WHERE}", _entries),
    (r"(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get|give\s+me|tell\s+me|print|display)\s+)?(?:the\s+)?(?:total\s+)?"
     rf"(?P<noun>file|folder|directory|entry|item)\s+count{_WHERE}", _entries),
]

GATED = [(COMPRESS_GATE, COMPRESS), (LINKS_GATE, LINKS), (COMPARE_GATE, COMPARE), (REPORTS_GATE, REPORTS)]
