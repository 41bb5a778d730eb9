"""The intents conversation.py reads, each a cue and a builder that must find every part.

A cue says what kind of request it is ("what's in", "lines that mention", "rename"); the
builder then finds the parts that kind needs in the masked request (see conversation.Reading)
and marks them used: exactly one file for a read, one quoted text to write, one new name.
Anything missing or said twice gives None.
"""

from __future__ import annotations

import re
from typing import Callable

from ..types import ActionCall
from .conversation import ENT, FILE_NOUN, FOLDER_NOUN, NAMED, Reading, container, files, folder_value, folders, join
from .phrases import NUM, STOPWORDS, file_like, number

__all__ = ["build"]

_QUOTED = r"«\d+»"
_MENTION = (r"(?:mentions?|mentioning|mentioned|contains?|containing|includes?|including|features?|featuring"
            r"|match(?:es)?|matching|says|saying|references?|referencing|has|have|having|with)")
_WORD = r"(?:the\s+(?:exact\s+)?(?:word|text|string|phrase|term|keyword|pattern|error)\s+)?"
_TERM = rf"(?P<t>{_QUOTED}|[\w.:-]*\w)"
_LINES = r"(?:lines?|entries|rows|places|occurrences?|instances?|spots?|parts?|messages?)"

CUES: dict[str, str] = {
    "search": (rf"\b{_LINES}\s+(?:(?:of|in|from|inside)\s+(?:\S+\s+){{1,3}}?)?(?:(?:that|which|where)\s+(?:\S+\s+)?)?"
               rf"{_MENTION}\b"
               r"|\b(?:search|grep|look|scan|hunt|dig)\s+(?:\w+\s+|«\d+»\s+){0,6}?for\b"
               r"|\b(?:find|show|list)\s+(?:me\s+)?(?:all\s+|every\s+|any\s+)?(?:the\s+)?(?:mentions|occurrences)\s+of\b"),
    "read": (r"\b(?:(?:show|display|print|view|read|open|dump|output|reveal)(?:ing)?|see|seeing|look(?:ing)?\s+at"
             r"|roll(?:ing)?\s+out|cat|check(?:ing)?\s+out"
             r"|peek\s+(?:at|into|inside)|have\s+a\s+look|take\s+a\s+look|glance\s+at)\b"
             r"|\bwhat(?:'s|s|\s+is|\s+was)\s+(?:in|inside|written\s+in)\b"
             r"|\bwhat\s+(?:it|the\s+file|«\d+»)\s+(?:says|contains|holds)\b"
             r"|\bwhat\s+does\s+(?:it|(?:the\s+|this\s+|that\s+)?(?:file|document)(?:\s+«\d+»)?|«\d+»)"
             r"\s+(?:say|contain|hold)\b"
             r"|\bcontents?\b"),
    "create": (r"\b(?:create|make|draft|start|set\s+up|need|want|generate|prepare|add|write|open|put\s+together"
               r"|like|love)\b[^.;]*?\b(?:a|an|one)\s+(?:(?:new|empty|blank|fresh|brand\s+new)\s+)*"
               rf"{FILE_NOUN}\b"),
    "mkdir": (r"\b(?:create|make|set\s+up|need|want|add|like|love)\b[^.;]*?\b(?:a|an|one)\s+"
              rf"(?:(?:new|empty|fresh|brand\s+new|separate)\s+)*{FOLDER_NOUN}\b"),
    "rename": r"\brename\b|\bchange\s+(?:the\s+|its\s+)?name\b|\bgive\s+(?:\S+\s+){1,6}?(?:a\s+)?new\s+name\b",
    "copy": r"\b(?:copy|duplicate)\b",
    "move": r"\b(?:move|relocate)\b",
    "du": (r"\bdisk\s+(?:usage|space|use)\b|\bhow\s+much\s+(?:disk\s+|storage\s+)?(?:space|room)\b"
           r"|\bhow\s+(?:big|large|heavy)\b|\b(?:total\s+)?size\s+of\b|\bdu\b"),
    "count": (r"\bhow\s+many\s+(?:lines|words|characters|chars|bytes)\b|\b(?:count|number\s+of|total)\s+"
              r"(?:up\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:number\s+of\s+)?(?:lines|words|characters|chars|bytes)\b"
              r"|\b(?:line|word|character|byte)\s+count\b"),
    "exists": r"\bexists?\b|\bis\s+there\b",
    "head": rf"\b(?:first|top|opening|initial)\s+(?:(?P<n>{NUM})\s+)?lines?\b",
    "tail": rf"\b(?:last|bottom|final|closing|most\s+recent|latest)\s+(?:(?P<n>{NUM})\s+)?lines?\b",
}

# The words a request clause of each intent may hold besides names, folders and its cue.
_FIND_WORDS = "every all any each line lines entry entries occurrence occurrences instance instances places find get"
_CREATE_WORDS = ("new empty blank fresh brand put write add insert type place fill with content contents body"
                 " let's call name title it")
WORDS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    "search": f"""{_FIND_WORDS} show me word text string phrase term keyword exact pull out grab extract fish list
        print display give that mention mentions mentioning contain contains containing include includes including
        feature features featuring match matches matching reference references has have having say says saying
        how many count number case ignoring ignore regardless insensitive line numbers whole them""",
    "read": """what what's whats is are in inside contents content says say whole full entire out up look let see
        written tell take have glance me show it its list""",
    "create": f"""{_CREATE_WORDS} create make draft start set up need want generate prepare like love would i'd
        text line words message string sentence heading title containing that says reads saying reading just only""",
    "mkdir": """new empty fresh brand separate create make set up need want add like love would i'd call name it
        return raise throw give report error fail failing complain if exists exist already should must""",
    "rename": "rename change give new name so that it it's called to as",
    "copy": "copy duplicate make a backup of it named called to as",
    "move": "move relocate it to",
    "du": """disk usage space use used using take takes taking up how much big large heavy total size roughly
        approximately is does what what's show tell me human readable form format bytes storage room""",
    "count": """count number many how lines line words word characters chars bytes are there in does have has total
        tell me what's what is up""",
    "exists": """check whether if exists exist see verify find out tell know confirm is there does any""",
    "head": "show me print display give read see look at what what's are is the lines line of in just only",
    "tail": "show me print display give read see look at what what's are is the lines line of in just only",
}.items()}

# Intents another one makes redundant: "show me the lines that mention X" is a search.
_SUBSUMES = {
    "search": {"read", "count", "exists"},
    "create": {"read", "exists"},
    "mkdir": {"exists"},  # "and fail if it exists"
    "copy": {"create"},
    "rename": {"move"},
    "du": {"read", "exists"},
    "count": {"read", "exists"},
    "read": {"exists"},
    "head": {"read", "exists"},
    "tail": {"read", "exists"},
}


def intent(r: Reading) -> tuple[str, set[str]] | None:
    """The one intent of the request, and every cue that fired."""
    fired = {name for name, cue in CUES.items() if r.search(cue)}
    left = set(fired)
    for name in fired:
        left -= _SUBSUMES.get(name, set())
    return (left.pop(), fired) if len(left) == 1 else None


def _one(values: list[str]) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def _the_file(r: Reading, *, exclude: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The one file named (maybe several times), its spans marked used."""
    found = files(r, exclude=exclude)
    name = _one([r.value(m["f"]) for m in found])
    if name is not None:
        for m in found:
            r.take(m, "f")
    return name


# Files whose bytes are not text: reading or searching them is another action's job (or none's).
_BINARY = re.compile(r"\.(?:zip|tar|gz|tgz|bz2|xz|7z|rar|jpe?g|png|gif|bmp|webp|ico|pdf|docx?|xlsx?|pptx?|odt|ods|mp[34]"
                     r"|wav|flac|avi|mkv|mov|iso|exe|bin|so|o|a|pyc|class|jar|whl|db|sqlite)$", re.I)


def _text_file(r: Reading) -> str | None:
    path = _the_file(r)
    return None if path is None or _BINARY.search(path) else path


def _where(r: Reading, **kw) -> str | None:
    folder = container(r, **kw)
    return None if folder is False else folder


def _after(r: Reading, cue: str, regex: str) -> list[re.Match[str]]:
    """Matches of `regex` that start after the first match of `cue`."""
    start = r.search(cue)
    return [m for m in r.finditer(regex) if start and m.start() >= start.start()]


def _term(r: Reading, m: re.Match[str]) -> bool:
    word = r.value(m["t"])
    return m["t"].startswith("«") or (word.lower() not in STOPWORDS and not file_like(word))


def _search(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    terms = [m for m in r.finditer(
        rf"(?:\b{_MENTION}|\bfor|\b(?:mentions|occurrences|instances)\s+of)\s+{_WORD}{_TERM}(?![\w«])") if _term(r, m)]
    pattern = _one([r.value(m["t"]) for m in terms])
    if pattern is None or not pattern.strip():
        return None
    for m in terms:
        r.take(m, "t")
    folder = _where(r)
    path = _the_file(r, exclude=tuple(m.span("t") for m in terms))
    if folder is None or path is None or _BINARY.search(path):
        return None
    args: dict = {"pattern": pattern, "path": join(folder, path), "fixed": True}
    if r.search(r"\bcase[\s-]*insensitive(?:ly)?\b|\bignor(?:e|ing)\s+(?:the\s+)?case\b|\bregardless\s+of\s+(?:the\s+)?"
                r"case\b|\b(?:any|either)\s+case\b|\bupper\s+or\s+lower\b|\bwhatever\s+the\s+case\b"):
        args["ignore_case"] = True
    if r.search(r"\bline\s+numbers?\b|\bwith\s+(?:their\s+)?numbers\b"):
        args["line_numbers"] = True
    if r.search(r"\bwhole\s+words?\b|\bas\s+a\s+(?:whole\s+|separate\s+)?word\b"):
        args["whole_word"] = True
    if "count" in fired or r.search(r"\bhow\s+many\b"):
        args["count"] = True
    return [ActionCall("files.search", args)]


def _read(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    """files.read of the one file named; or, when only a folder is named, files.list of it."""
    folder = _where(r)
    if folder is None:
        return None
    if not files(r):
        return _list(r, folder)
    path = _text_file(r)
    return [ActionCall("files.read", {"path": join(folder, path)})] if path else None


def _list(r: Reading, folder: str) -> list[ActionCall] | None:
    named = [m for m in folders(r) if m.span("d" if m["d"] else "d2") not in r.used]
    name = _one([folder_value(r, m) for m in named])
    if name is None or not r.search(r"\bwhat(?:'s|s|\s+is)\s+(?:in|inside)\b|\bcontents?\b|\b(?:list|show)\b"):
        return None
    return [ActionCall("files.list", {"path": join(folder, name)})]


def _exists(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    if not r.search(r"\b(?:check|see|verify|find\s+out|tell\s+me|know|confirm|whether|if|is\s+there|does)\b"):
        return None
    folder, path = _where(r), _the_file(r)
    if folder is None or path is None:
        return None
    return [ActionCall("files.stat", {"path": join(folder, path)})]


_TEXT = (r"(?:\bput|\bwrite|\badd|\binsert|\btype|\bplace|\bfill\s+it\s+(?:up\s+)?with|\bwith\s+(?:the\s+|a\s+)?(?:text|content"
         r"|contents|line|words?|message|string|sentence|body|heading|title)|\bcontaining(?:\s+the\s+(?:text|line|words?))?"
         r"|\bthat\s+(?:says|reads|contains|has)|\bsaying|\breading|\bwith\s+just|\bwith\s+only|\bjust)"
         rf"\s*:?\s+(?P<t>{_QUOTED})")


# Content to be made up ("write a poem", "with a short story in it") is the model's job.
_MADE_UP = re.compile(r"\b(?:write|put|add|insert|type|fill|containing|contains?|with|that|which|saying|about|listing"
                      r"|prints?|does|says|reads)\b(?!\s+(?:the\s+)?(?:name|title)\b)", re.I)


def _create(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    texts = r.finditer(_TEXT)
    if len(texts) > 1 or (not texts and _MADE_UP.search(r.text)):
        return None
    folder = _where(r)
    path = _the_file(r, exclude=tuple(m.span("t") for m in texts))
    if folder is None or path is None or path.endswith("/"):
        return None
    path = join(folder, path)
    if texts:
        return [ActionCall("files.write", {"path": path, "text": r.take(texts[0], "t")})]
    return [ActionCall("files.touch", {"paths": [path]})]


_STRICT = re.compile(r"\b(?:error|fail|complain|abort|stop)\w*\b[^.;]{0,40}?\b(?:exists?|(?:is|it's)\s+already\s+there)\b"
                     r"|\bexists?\b[^.;]{0,30}?\b(?:error|fail|complain|abort)", re.I)


def _mkdir(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    folder = _where(r)
    if folder is None:
        return None
    named = [m for m in folders(r) if m.span("d" if m["d"] else "d2") not in r.used]
    called = r.finditer(rf"\b(?:call|name|title)\s+it\s+(?P<d>{ENT})")
    names = [folder_value(r, m) for m in named] + [r.take(m, "d") for m in called]
    name = _one(names)
    if name is None or file_like(name) or name.startswith(("/", "~")):
        return None
    args: dict = {"path": join(folder, name)}
    if _STRICT.search(r.text):
        args["parents"] = False
    return [ActionCall("files.mkdir", args)]


_NEW_NAME = (rf"(?:\b(?:to|as|into)\s+(?:be\s+)?(?:(?:the\s+)?(?:new\s+)?name\s+)?|\bnew\s+name\s*(?:[,:]|\s+of|\s+like)?\s+"
             rf"|\bso\s+(?:that\s+)?it(?:'s|\s+is)\s+"
             rf"(?:called|named)\s+|\b(?:call|name)\s+it\s+)(?P<t>{ENT})(?![\w«])")


def _rename(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    news = [m for m in _after(r, CUES["rename"], _NEW_NAME)
            if m["t"].startswith("«") or file_like(r.value(m["t"]))]
    new = _one([r.value(m["t"]) for m in news])
    if new is None or "/" in new:
        return None
    for m in news:
        r.take(m, "t")
    folder = _where(r)
    source = _the_file(r, exclude=tuple(m.span("t") for m in news))
    if folder is None or source is None or source == new:
        return None
    source = join(folder, source)
    return [ActionCall("files.move", {"sources": [source], "destination": join(source.rpartition("/")[0], new)})]


_DEST = (rf"\b(?:named|called)\s+(?P<f2>{ENT})(?![\w«])"
         rf"|\b(?:to|into|onto|in\s+to|as)\s+(?:(?:the|my|our|a|an|that)\s+)?(?:(?:new\s+)?{FOLDER_NOUN}\s+(?:{NAMED}\s+)?"
         rf"(?P<d>{ENT})|(?P<d2>{ENT})\s+{FOLDER_NOUN}\b|(?P<f>{ENT})(?![\w«]))")


def _transfer(action: str):
    def build(r: Reading, fired: set[str]) -> list[ActionCall] | None:
        dests = []
        for m in _after(r, CUES["copy" if action == "files.copy" else "move"], _DEST):
            group = next(g for g in ("d", "d2", "f", "f2") if m[g])
            if group == "f2" and action != "files.copy":
                continue  # "move the file called a.txt": the file, not where it goes
            word = r.value(m[group])
            quoted = m[group].startswith("«")
            if group in ("f", "f2") and not (quoted or file_like(word) or word.endswith("/")):
                continue
            if not quoted and word.lower() in STOPWORDS:
                continue
            dests.append((m, group, word))
        if len({(g in ("f", "f2") and not w.endswith("/"), w) for _, g, w in dests}) != 1:
            return None
        m, group, word = dests[0]
        for m2, g2, _ in dests:
            r.take(m2, g2)
        spans = tuple(m2.span(g2) for m2, g2, _ in dests)
        folder = _where(r, skip=spans)
        source = _the_file(r, exclude=spans)
        if folder is None or source is None:
            return None
        as_file = group in ("f", "f2") and not word.endswith("/")
        if as_file and ("/" in word or r.search(r"\bfrom\s")):
            return None  # "copy a.txt from work to b.txt": next to a.txt, or here?
        dest = join(folder, word) if as_file else word
        return [ActionCall(action, {"sources": [join(folder, source)], "destination": dest})]
    return build


def _du(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    folder = _where(r)
    if folder is None:
        return None
    named = [m for m in folders(r) if m.span("d" if m["d"] else "d2") not in r.used]
    of = [m for m in r.finditer(rf"\b(?:of|by|for|is|does)\s+(?:the\s+)?(?P<t>{_QUOTED}|[\w.~-]*/[\w./~-]*)")
          if m.span("t") not in {x.span("d" if x["d"] else "d2") for x in named}]
    targets = [folder_value(r, m) for m in named] + [r.take(m, "t") for m in of]
    target = _one(targets)
    if target is None or file_like(target):
        return None
    args: dict = {"path": join(folder, target.rstrip("/") or "/"), "depth": 0}
    if r.search(r"\b(?:in\s+)?(?:exact\s+|raw\s+)?bytes\b"):
        args["human"] = False
    return [ActionCall("files.disk_usage", args)]


def _ends(action: str, intent: str):
    """files.head / files.tail for "the first 5 lines", "the last line" (10 when no number is said)."""
    def build(r: Reading, fired: set[str]) -> list[ActionCall] | None:
        said = r.search(CUES[intent])
        folder, path = _where(r), _text_file(r)
        if said is None or folder is None or path is None or len(r.finditer(CUES[intent])) > 1:
            return None
        args: dict = {"path": join(folder, path)}
        if said["n"]:
            args["lines"] = number(said["n"])
        elif not re.search(r"lines$", said.group(), re.I):
            args["lines"] = 1  # "the last line"
        return [ActionCall(action, args)] if args.get("lines", 10) else None
    return build


_KINDS = {"line": "lines", "word": "words", "character": "chars", "char": "chars", "byte": "bytes"}


def _count(r: Reading, fired: set[str]) -> list[ActionCall] | None:
    kinds = {_KINDS[k.lower()] for k in re.findall(r"\b(line|word|character|char|byte)s?\b", r.text, re.I)}
    folder, path = _where(r), _text_file(r)
    if len(kinds) != 1 or folder is None or path is None:
        return None
    return [ActionCall("files.count", {"paths": [join(folder, path)], "what": kinds.pop()})]


_BUILDERS: dict[str, Callable[[Reading, set[str]], "list[ActionCall] | None"]] = {
    "search": _search, "read": _read, "exists": _exists, "create": _create, "mkdir": _mkdir, "rename": _rename,
    "copy": _transfer("files.copy"), "move": _transfer("files.move"), "du": _du, "count": _count,
    "head": _ends("files.head", "head"), "tail": _ends("files.tail", "tail"),
}


def build(r: Reading) -> tuple[list[ActionCall], str, set[str]] | None:
    """The plan for the request's one intent, its name and every intent whose cue fired; or None."""
    found = intent(r)
    if found is None:
        return None
    name, fired = found
    if name not in ("read", "create") and r.search(r"\bopen\b"):
        return None  # "open notes.txt and show the first line": in an editor first?
    calls = _BUILDERS[name](r, fired)
    return (calls, name, fired) if calls else None
