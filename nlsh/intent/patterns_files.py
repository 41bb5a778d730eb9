"""Reading and inspecting files: read, head/tail, count, pwd, disk usage, checksum, stat.

"show X" reads X only when X is clearly a file (it has an extension, or is a well-known
name such as Makefile); a folder ("src/", "the src folder") is listed, an archive's
members are listed; a bare word after "show" passes to the model. "read" and "cat" can
only mean a file, so any name is read.
"""

from __future__ import annotations

import re

from ..types import ActionCall
from .phrases import NUM, PLACE, archive_like, dirlike, file_like, named, number, pathish, place, sources

__all__ = ["GATED", "PATTERNS", "READING", "view"]

_ALGO = r"sha-?256|sha-?1|md-?5|sha-?512"
_MEASURE = r"lines|words|characters|chars|letters|bytes|line|word|character"
_MEASURES = rf"(?:{_MEASURE})(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:{_MEASURE}))*"
# how `du | sort -hr` orders them anyway: "sorted by size", "largest first"
_BIGGEST_FIRST = (r"(?:\s*,?\s+(?:(?:sorted|ordered|sort(?:ed)?\s+them)\s+by\s+(?:their\s+)?size"
                  r"(?:\s*,?\s+(?:largest|biggest)\s+first|\s+descending)?"
                  r"|(?:with\s+the\s+)?(?:largest|biggest)\s+(?:ones?\s+)?first))?")
_IN_PLACE = rf"(?:\s+(?:in|under|inside|within|on|of)\s+(?P<where>{PLACE})|\s+(?:right\s+)?here)?"


def view(chunk: str, *, certain_file: bool) -> list[ActionCall] | None:
    """Read a file, list a folder or list an archive's members, as the name says."""
    special = place(chunk, bare=False)
    found = named(chunk)
    if found is None:
        if special in (".", "~", "..") or (special or "").startswith("~/"):
            return [ActionCall("files.list", {"path": special} if special != "." else {})]
        return None
    word, noun, _ = found
    if archive_like(word) and noun != "dir":
        return [ActionCall("files.list_archive", {"archive": word})]
    if noun == "dir" or dirlike(word):
        return [ActionCall("files.list", {"path": word} if word not in (".", "./") else {})]
    if noun == "file" or file_like(word) or certain_file:
        return [ActionCall("files.read", {"path": word})]
    return None


def _file(chunk: str) -> str | None:
    """A file named by something that looks like a path ("the first line of notes.txt").

    "the head of the department" and "the end of the world" are not about files.
    """
    found = named(chunk)
    if found is None or found[1] == "dir" or dirlike(found[0]):
        return None
    word, noun, quoted = found
    return word if quoted or noun or pathish(word) else None


def _read(m: re.Match[str]) -> list[ActionCall] | None:
    verb = m["verb"].lower()
    certain = verb in ("read", "cat", "dump", "type out") and not m["the"] and not m["what"].lower().startswith("the ")
    return view(m["what"], certain_file=certain)


def _head_tail(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["what"])
    if path is None:
        return None
    first = m["pos"].lower() in ("first", "top", "head", "beginning", "start", "opening")
    if m.groupdict().get("n"):
        lines = number(m["n"])
    elif m.groupdict().get("unit") and not m["unit"].lower().endswith("s"):
        lines = 1
    else:
        lines = 10
    if not lines:
        return None
    args = {"path": path} if lines == 10 else {"path": path, "lines": lines}
    return [ActionCall("files.head" if first else "files.tail", args)]


def _header(m: re.Match[str]) -> list[ActionCall] | None:
    path = _file(m["what"])
    return [ActionCall("files.head", {"path": path, "lines": 1})] if path else None


# "all .py files under src" means every one beneath src, as `find src -name '*.py'` would
_UNDER = re.compile(rf"(?P<kind>.+?)\s+(?:under|beneath|below)\s+(?P<where>{PLACE})", re.I)
_WC_FLAGS = {"l": "lines", "w": "words", "c": "bytes", "m": "chars"}


def _count(m: re.Match[str]) -> list[ActionCall] | None:
    chunk = m["paths"]
    under = _UNDER.fullmatch(chunk)
    if under and not re.search(r"\b(?:recursively|everywhere|sub-?(?:folders|directories))\b", chunk, re.I):
        chunk = f"{under['kind']} in {under['where']} recursively"
    paths = sources(chunk, strict=True)
    if paths is None and re.match(r"wc\b", m.group(0), re.I) and all(map(pathish, chunk.split())):
        paths = chunk.split()  # "wc -l a.txt b.txt", operands as a shell would split them
    if paths is None or any(dirlike(p) for p in paths):
        return None
    args: dict = {"paths": paths}
    if m.groupdict().get("what"):
        kinds = {_MEASURE_KIND[w.lower()] for w in re.findall(_MEASURE, m["what"], re.I)}
        if len(kinds) == 1:
            args["what"] = kinds.pop()
    elif m.groupdict().get("flag"):
        args["what"] = _WC_FLAGS[m["flag"].lower()]
    return [ActionCall("files.count", args)]


_MEASURE_KIND = {"lines": "lines", "line": "lines", "words": "words", "word": "words", "characters": "chars",
                 "character": "chars", "chars": "chars", "letters": "chars", "bytes": "bytes"}


def _du(depth: int | None = None, top: bool = False, bare: bool = True):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        chunk = next((v for k, v in m.groupdict().items() if k.startswith("where") and v), None)
        path = place(chunk, bare=bare) if chunk else "."
        if path is None:
            return None
        args: dict = {} if path == "." else {"path": path}
        if depth is not None:
            args["depth"] = depth
        if top and m["n"]:
            n = number(m["n"])
            if not n:
                return None
            args["top"] = n
        return [ActionCall("files.disk_usage", args)]
    return build


def _bytes(m: re.Match[str]) -> list[ActionCall] | None:
    paths = sources(m["paths"] or m["paths2"], strict=True)
    if paths is None or not all(file_like(p) or any(c in p for c in "*?[") for p in paths):
        return None
    return [ActionCall("files.count", {"paths": paths, "what": "bytes"})]


def _checksum(m: re.Match[str]) -> list[ActionCall] | None:
    paths = sources(m["paths"], strict=True)
    if paths is None or any(dirlike(p) for p in paths):
        return None
    args: dict = {"paths": paths}
    algo = (m.groupdict().get("algo") or "").lower().replace("-", "")
    if algo and algo != "sha256":
        args["algorithm"] = algo
    return [ActionCall("files.checksum", args)]


def _stat(bare: bool = False):
    def build(m: re.Match[str]) -> list[ActionCall] | None:
        chunk = next(v for k, v in m.groupdict().items() if k.startswith("what") and v)
        path = place(chunk, bare=bare)
        return [ActionCall("files.stat", {"path": path})] if path else None
    return build


_SHOW = r"(?:show|print|display|give|get|read|list|output|view|see|tell)(?:\s+me)?"
_ARCHIVE_NOUN = r"(?:archive|zip\s+file|zip|tarball|tar\s+file)"


def _archive_only(chunk: str) -> list[ActionCall] | None:
    """List an archive's members when the name is an archive ("backup.zip", "the tarball x")."""
    m = re.fullmatch(rf"(?:the\s+)?(?:(?P<noun>{_ARCHIVE_NOUN})\s+)?(?P<rest>.+)", chunk.strip(), re.I)
    found = named(m["rest"]) if m else None
    if found is None or not (m["noun"] or archive_like(found[0])):
        return None
    return [ActionCall("files.list_archive", {"archive": found[0]})]


# Each group of patterns below is registered behind its gate: every pattern in the group
# contains one of the gate's words (see patterns.py).
ARCHIVES_GATE = r"\.(?:zip|tar|tgz|tbz2?|txz|gz|bz2|xz)\b|\b(?:archive|zip|tarball|tar)\b"
# what `tar -t` and `unzip -l` promise anyway
_NO_EXTRACT = (r"(?:\s*,?\s+(?:without\s+(?:extracting|unpacking|unzipping|decompressing)(?:\s+(?:it|them|anything))?"
               r"|but\s+don'?t\s+(?:extract|unpack|unzip)(?:\s+(?:it|anything))?))?")
ARCHIVES = [
    (r"(?:list|show(?:\s+me)?|display|view|print|what(?:'s|\s+is|\s+are))\s+(?:all\s+)?(?:the\s+)?"
     r"(?:contents|content|files|entries|members|everything)\s+(?:of|in|inside)\s+"
     rf"(?P<what>(?:the\s+)?(?:{_ARCHIVE_NOUN}\s+)?{PLACE}){_NO_EXTRACT}", lambda m: _archive_only(m["what"])),
    (rf"(?:list|peek\s+(?:into|inside)|look\s+(?:inside|into)|inspect)\s+(?P<what>{PLACE}){_NO_EXTRACT}",
     lambda m: _archive_only(m["what"])),
    (r"(?:(?:which|what)\s+(?:files|entries|things)\s+(?:are|does)\s+(?:there\s+)?"
     r"|(?:(?:show|tell)(?:\s+me)?|list|display)\s+what(?:'s|\s+is)\s+)(?:in|inside)\s+"
     rf"(?P<what>(?:the\s+)?(?:{_ARCHIVE_NOUN}\s+)?{PLACE})(?:\s+(?:hold|contain|have))?{_NO_EXTRACT}",
     lambda m: _archive_only(m["what"])),
]

HEAD_TAIL_GATE = r"\b(?:first|top|last|final|bottom|opening|head|tail|beginning|start|end|header|column)\b"
HEAD_TAIL = [
    (rf"(?:{_SHOW}\s+|what\s+(?:is|are)\s+)?(?:the\s+)?(?:very\s+)?(?P<pos>first|top|last|final|bottom|opening)\s+"
     rf"(?:(?P<n>{NUM})\s+|(?:few|some)\s+)?(?P<unit>lines?|rows?)\s+(?:of|in|from)\s+(?P<what>{PLACE})", _head_tail),
    (rf"(?P<pos>head|tail)\s+(?:of\s+)?(?P<what>{PLACE})", _head_tail),
    # "the header of data.csv", "the column names in x.csv": its first line, as `head -n 1` prints it
    (rf"(?:{_SHOW}\s+|what\s+(?:is|are)\s+)?(?:the\s+)?"
     rf"(?P<pos>header(?:\s+(?:line|row))?|column\s+(?:names|headers|headings))\s+(?:of|in|from)\s+(?P<what>{PLACE})",
     _header),
    (rf"(?P<pos>head|tail)\s+(?:-n\s*|--lines[=\s]|-)(?P<n>\d+)\s+(?P<what>{PLACE})", _head_tail),
    (rf"(?:{_SHOW}\s+)?(?:the\s+)?(?:very\s+)?(?P<pos>beginning|start|top|end|bottom)\s+of\s+(?P<what>{PLACE})",
     _head_tail),
]

COUNTING_GATE = r"\b(?:count|tally|many|counts?|number|wc|how\s+(?:long|big|large))\b"
COUNTING = [
    (r"(?:count|tally)\s+(?:up\s+)?(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:total\s+)?(?:number\s+of\s+)?"
     rf"(?P<what>{_MEASURES})\s+"
     r"(?:in|of|for|inside|within)\s+(?P<paths>.+)", _count),
    (rf"how\s+many\s+(?P<what>{_MEASURES})(?:\s+of\s+(?:code|text))?\s+(?:are\s+there\s+|are\s+|is\s+)?"
     r"(?:in|does|do)\s+(?P<paths>.+?)"
     r"(?:\s+(?:have|contain|has|hold))?", _count),
    (rf"(?:(?:what(?:'s|\s+is|\s+are)|{_SHOW})\s+)?(?:the\s+)?(?:total\s+)?"
     r"(?P<what>line|word|character|char|byte)\s+counts?\s+(?:of|for|in)\s+(?P<paths>.+)", _count),
    (rf"(?:(?:what(?:'s|\s+is)|{_SHOW})\s+)?(?:the\s+)?(?:total\s+)?number\s+of\s+(?P<what>{_MEASURES})\s+(?:in|of)\s+"
     r"(?P<paths>.+)", _count),
    (r"wc\s+-(?P<flag>[lwcm])\s+(?P<paths>.+)", _count),
    (rf"how\s+(?:long|big|large)\s+is\s+(?P<paths>.+?)\s+in\s+(?P<what>{_MEASURE})", _count),
    (r"how\s+many\s+(?P<what>bytes)\s+(?:is|are|big\s+is)\s+(?P<paths>.+?)(?:\s+in\s+size)?", _count),
    (r"(?:count|wc)\s+(?P<paths>.+)", _count),
]

WHERE_GATE = r"\b(?:where|pwd|working|current|present|directory|folder|dir|path|location)\b"
WHERE = [
    (r"where\s+am\s+i(?:\s+(?:right\s+)?now)?|where\s+are\s+we|pwd|print\s+(?:the\s+)?working\s+directory"
     r"|(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|print|tell\s+me|display|get)\s+)?(?:the\s+|my\s+)?"
     r"(?:current|present)(?:\s+working)?\s+(?:directory|folder|dir|path|location)(?:\s+path)?"
     r"|(?:what|which)\s+(?:directory|folder|dir|path)\s+am\s+i\s+(?:in|at|on)(?:\s+(?:right\s+)?now)?"
     r"|what\s+is\s+this\s+(?:directory|folder)|(?:what(?:'s|\s+is)\s+)?(?:the\s+)?working\s+directory",
     lambda m: [ActionCall("files.pwd", {})]),
]

_HOGGING = r"(?:taking|using|eating|hogging|filling|consuming|occupying|wasting)"
_READABLE = r"(?:(?:a\s+|the\s+)?human[\s-]*readable(?:\s+(?:form|format|units|sizes?|way))?|human\s+units)"
_FOLDERS = r"(?:folders|directories|dirs|sub-?folders|sub-?directories)"
DISK_USAGE_GATE = (r"\b(?:taking|using|eating|hogging|filling|consuming|occupying|wasting|biggest|largest|heaviest"
                   r"|fattest|usage|sizes?|big|large|heavy|space|room|storage|du)\b")
DISK_USAGE = [
    (rf"what(?:'s|\s+is|\s+are)\s+{_HOGGING}\s+(?:up\s+)?(?:all\s+(?:the|of\s+the|my)\s+|so\s+much\s+|the\s+most\s+"
     r"|most\s+(?:of\s+the\s+)?|my\s+|the\s+|(?:a\s+)?lot\s+of\s+)?(?:disk\s+|disc\s+|storage\s+|drive\s+)?"
     rf"(?:space|room|storage|disk)(?:\s+(?:in|under|inside)\s+(?P<where>{PLACE})"
     r"|\s+on\s+(?:my|the)\s+(?:disk|drive|computer|machine)|\s+(?:in\s+)?here)?", _du()),
    (r"(?:(?:show|list|find|get|give)(?:\s+me)?\s+|(?:which|what)\s+are\s+|what(?:'s|\s+is)\s+)?(?:the\s+)?"
     rf"(?:(?:top\s+)?(?P<n>{NUM})\s+)?(?:biggest|largest|heaviest|fattest)\s+(?:{_FOLDERS}|space\s+hogs){_IN_PLACE}",
     _du(top=True)),
    (r"(?:which|what)\s+(?:folders?|directories|directory|dirs?|sub-?folders?)\s+(?:is|are)\s+(?:the\s+)?"
     r"(?:biggest|largest|(?:taking|using)\s+(?:up\s+)?(?:the\s+most|most|so\s+much|all\s+the|a\s+lot\s+of)\s+"
     rf"(?:disk\s+)?space){_IN_PLACE}", _du()),
    (r"(?:(?:show|get|check|give)(?:\s+me)?\s+)?(?:the\s+)?(?:disk|space|storage)\s+usage"
     rf"(?:\s+(?:of|for|in|under)\s+(?P<where>{PLACE}))?(?:\s+(?:in\s+)?{_READABLE})?", _du()),
    (rf"how\s+(?:big|large|heavy)\s+are\s+(?:the\s+|all\s+(?:the\s+)?)?{_FOLDERS}{_IN_PLACE}", _du()),
    (r"(?:(?:show|list|get|give)(?:\s+me)?\s+)?(?:the\s+)?(?:(?:folder|directory|sub-?folder|dir)\s+sizes"
     rf"|sizes?\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?{_FOLDERS}){_IN_PLACE}{_BIGGEST_FIRST}", _du()),
    (rf"how\s+(?:big|large|heavy)\s+is\s+(?P<where>{PLACE})"
     rf"|(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get|give\s+me)\s+)?(?:the\s+)?(?:total\s+)?(?:disk\s+)?size\s+of\s+"
     rf"(?P<where2>{PLACE})|how\s+much\s+(?:disk\s+)?space\s+(?:does|is)\s+(?P<where3>{PLACE})\s+"
     r"(?:take(?:\s+up)?|use|using|taking(?:\s+up)?|occupy)", _du(depth=0, bare=False)),
    # each thing in a folder: "the disk usage of the files and folders in src", "the size of everything in src"
    (rf"(?:(?:show|get|check|give|list|print|display|report)(?:\s+me)?\s+)?(?:the\s+)?(?:disk\s+(?:usage|space)"
     rf"|space\s+used|(?:human[\s-]*readable\s+)?sizes?)\s+(?:of|for|used\s+by)\s+(?:the\s+|all\s+(?:of\s+)?(?:the\s+)?"
     r"|each\s+(?:of\s+the\s+)?|every\s+)?"
     rf"(?:files?\s+and\s+(?:folders?|directories|directory|dirs?|sub-?folders?|sub-?directories)|everything|entries"
     r"|items|things|contents|(?:top[\s-]+level\s+)?(?:sub-?)?(?:folders?|directories|directory|dirs?)|files?)"
     rf"{_IN_PLACE}(?:\s+(?:in\s+)?{_READABLE})?",
     _du()),
    (r"how\s+much\s+(?:disk\s+)?(?:space|room)\s+(?:does|do)\s+(?:each|every|all\s+(?:of\s+)?the)\s+"
     rf"(?:(?:sub-?)?(?:folders?|directories|directory|dirs?)|files?\s+and\s+(?:folders?|directories|directory)){_IN_PLACE}"
     r"\s+(?:take(?:\s+up)?|use|occupy)", _du()),
    # "summarize the disk usage of src", "the disk usage of src, summarized": `du -s`
    (rf"(?:summari[sz]e|total)\s+(?:the\s+)?(?:disk\s+(?:usage|space)|space\s+used|size)\s+(?:of|for|in)\s+"
     rf"(?P<where>{PLACE})(?:\s+(?:in\s+)?{_READABLE})?"
     r"|(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get|give\s+me|print|display)\s+)?(?:the\s+)?"
     r"(?:disk\s+(?:usage|space)|space\s+used)"
     rf"\s+(?:of|for)\s+(?P<where2>{PLACE})\s*,?\s+(?:summari[sz]ed|in\s+summary|as\s+a\s+(?:summary|total)"
     rf"|(?:as\s+)?(?:a\s+|one\s+)?(?:single\s+)?total)", _du(depth=0)),
    # "human-readable size of src", "the total size of src": a folder's total, as `du -sh` gives it
    (rf"(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get|give\s+me|print|display|report|check)\s+)?(?:the\s+)?"
     rf"(?:(?:total|overall|combined|human[\s-]*readable)\s+){{1,2}}(?:disk\s+(?:usage|space)|(?:disk\s+)?size)\s+"
     rf"(?:of|for|used\s+by)\s+(?P<where>{PLACE})"
     rf"(?:\s+(?:in\s+)?{_READABLE})?|(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get|give\s+me|print|display|report)\s+)?"
     rf"(?:the\s+)?(?:disk\s+)?size\s+of\s+(?P<where2>{PLACE})\s+(?:in\s+)?(?:{_READABLE}|total)", _du(depth=0)),
    # a file's exact size: "the size of big.bin in bytes", as `wc -c big.bin` gives it
    (r"(?:(?:show|print|get|give\s+me|tell\s+me|display|what(?:'s|\s+is))\s+)?(?:the\s+)?(?:exact\s+)?(?:file\s+)?"
     r"size\s+(?:of\s+(?P<paths>.+?)\s+in\s+bytes|in\s+bytes\s+of\s+(?P<paths2>.+))", _bytes),
    # "space" and "disk" make any name a folder: "how much space does src use", "du -sh build"
    (rf"how\s+much\s+(?:disk\s+|storage\s+)?(?:space|room|storage)\s+(?:does|do|is|are)\s+(?P<where>{PLACE})\s+"
     r"(?:take(?:\s+up)?|use|using|taking(?:\s+up)?|occupy|occupying|need)(?:\s+(?:on\s+(?:the\s+)?disk|in\s+total))?"
     rf"|du\s+-(?:sh|hs|s)\s+(?P<where2>{PLACE})"
     rf"|(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get)\s+)?(?:the\s+)?(?:total\s+)?disk\s+(?:usage|space)\s+"
     rf"(?:of|for|used\s+by)"
     rf"\s+(?P<where3>{PLACE})\s+(?:in\s+total|as\s+a\s+whole|altogether)", _du(depth=0)),
    # the same asked indirectly: "(find out) how much space the logs folder occupies"
    (rf"how\s+much\s+(?:disk\s+|storage\s+)?(?:space|room|storage)\s+(?P<where>{PLACE})\s+"
     r"(?:takes(?:\s+up)?|uses|occupies|needs|is\s+(?:using|taking(?:\s+up)?|occupying))"
     r"(?:\s+(?:on\s+(?:the\s+)?disk|in\s+total))?", _du(depth=0)),
]

_COMPUTE = r"(?:(?:compute|calculate|get|show|print|give\s+me|generate|make|what(?:'s|\s+is|\s+are))(?:\s+me)?\s+)?"
CHECKSUMS_GATE = r"\b(?:hash(?:\s*sums?)?|checksums?|digests?|(?:sha-?(?:256|1|512)|md-?5)(?:\s*sums?)?)\b"
CHECKSUMS = [
    (rf"{_COMPUTE}(?:the\s+|an?\s+)?(?:(?P<algo>{_ALGO})\s*)?(?:hash(?:\s*sum)?|checksum|digest)(?:e?s)?\s+"
     r"(?:of|for)\s+(?P<paths>.+)", _checksum),
    (rf"{_COMPUTE}(?:the\s+|an?\s+)?(?P<algo>{_ALGO})(?:\s*sums?)?\s+(?:of|for)\s+(?P<paths>.+)", _checksum),
    (rf"(?P<algo>{_ALGO})(?:\s*sum)?\s+(?P<paths>.+)", _checksum),
    (rf"(?:hash|checksum)\s+(?P<paths>.+?)(?:\s+(?:with|using)\s+(?P<algo>{_ALGO}))?", _checksum),
]

DETAILS_GATE = (r"\b(?:info|information|details|metadata|properties|stats?|attributes|modified|changed|updated"
                r"|edited|touched|written|owns|owner|permissions|perms|access|kind|type|file|folder|directory|dir"
                r"|symlink|link|mtime|modification|exist)\b")
DETAILS = [
    (r"(?:(?:show|get|give|display|print|what\s+(?:is|are))(?:\s+me)?\s+)?(?:the\s+)?(?:file\s+)?"
     rf"(?:info(?:rmation)?|details|metadata|properties|stats?|attributes)\s+(?:of|for|about|on)\s+(?P<what>{PLACE})",
     _stat()),
    (rf"stat\s+(?P<what>{PLACE})", _stat()),
    (rf"when\s+was\s+(?P<what>{PLACE})\s+(?:last\s+)?(?:modified|changed|updated|edited|touched|written)", _stat()),
    (rf"who\s+owns\s+(?P<what>{PLACE})|(?:who\s+is\s+)?the\s+owner\s+of\s+(?P<what2>{PLACE})", _stat()),
    (r"(?:(?:what\s+are|show(?:\s+me)?|get|check)\s+)?(?:the\s+)?(?:file\s+)?(?:permissions|perms|access\s+rights)"
     rf"\s+(?:of|on|for)\s+(?P<what>{PLACE})", _stat()),
    (rf"what\s+(?:kind|type)\s+of\s+(?:file|thing)\s+is\s+(?P<what>{PLACE})"
     rf"|is\s+(?P<what2>{PLACE})\s+a\s+(?:file|folder|directory|dir|symlink|link|symbolic\s+link)", _stat()),
    (r"(?:(?:what(?:'s|\s+is)|show(?:\s+me)?|get)\s+)?(?:the\s+)?(?:last\s+)?(?:modification\s+(?:time|date)"
     rf"|modified\s+(?:time|date)|mtime|last\s+modified(?:\s+(?:time|date))?)\s+(?:of|for)\s+(?P<what>{PLACE})",
     _stat()),
    (rf"does\s+(?P<what>{PLACE})\s+exist", _stat()),
]

PATTERNS = ARCHIVES + HEAD_TAIL + COUNTING + WHERE + DISK_USAGE + CHECKSUMS + DETAILS
GATED = [
    (ARCHIVES_GATE, ARCHIVES), (HEAD_TAIL_GATE, HEAD_TAIL), (COUNTING_GATE, COUNTING), (WHERE_GATE, WHERE),
    (DISK_USAGE_GATE, DISK_USAGE), (CHECKSUMS_GATE, CHECKSUMS), (DETAILS_GATE, DETAILS),
]

# Tried last (priority -10): "show X" and "what's in X" for any X.
READING = [
    (rf"(?:(?:show|tell)\s+me\s+|(?:list|show|display)\s+)?what(?:'s|\s+is)\s+(?:in|inside)\s+(?P<what>{PLACE})",
     lambda m: view(m["what"], certain_file=False)),
    (rf"what\s+does\s+(?P<what>{PLACE})\s+(?:say|contain)", lambda m: view(m["what"], certain_file=True)),
    (r"(?P<verb>read|cat|print|display|show(?:\s+me)?|view|output|dump|type\s+out)\s+(?:out\s+)?(?P<the>the\s+)?"
     r"(?:(?:whole|entire|full|complete)\s+)?(?:(?:contents?|text)\s+of\s+)?(?:(?:the\s+)?file\s+(?:called|named)\s+)?"
     rf"(?P<what>{PLACE})(?:\s+(?:in\s+full|to\s+me|on\s+(?:the\s+)?screen))?", _read),
]
