"""Requests written as to an assistant: backstory, politeness, quoted names, one thing to do.

"I wrote a file called 'notes.md' in my docs folder last week and I'd love to see what's in
it, could you show me?" is read in three passes over the request with its quoted strings
masked (so that "what's" is not a quote and nothing inside quotes is read as English):

1. the request's one intent, by its cue words (show/see/what's in -> read; lines that
   mention X -> search; a new document called F -> create; rename, copy, move, make a
   folder, disk usage, count lines, whether F exists). Two intents, a word for an action
   this reader does not do ("delete", "append", "summarise"), or a negation give None;
2. the things it names: files ("a file called F", "the document 'F'", any "name.ext"),
   folders ("the logs directory", "my docs folder", "the folder named 'x'") and, for the
   folder a file "is in / lives in / sits under", the folder its paths are relative to,
   as if the person had gone there first (like navigation.py);
3. every quoted or file-like thing must play a role in the plan (conversation_intents.py),
   and every clause must be backstory, a condition, or made of the plan's parts
   (conversation_clauses.py): a name left over, two files where one is wanted, or a word
   the reader cannot place ("open notes.txt in vim") gives None.

The reader is registered last (see patterns.py): it sees only requests that no precise
pattern planned, and passes whatever it cannot read without guessing.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from ..types import ActionCall
from .phrases import STOPWORDS, file_like, place

__all__ = ["PATTERNS", "Reading", "plan"]

# A masked quote is «n»; a bare word ends on a letter, digit or "/" (not on a sentence's ".").
ENT = r"(?:«\d+»|[\w~./][\w.~/+-]*[\w/]|\w)"
FOLDER_NOUN = r"(?:sub)?(?:folder|directory|dir)"
FILE_NOUN = (r"(?:(?:text|log|markdown|config(?:uration)?|plain\s+text|python|shell|data|json|csv|yaml)\s+)?"
             r"(?:file|document|doc|log|note|script|page|report|spreadsheet|readme)")
NAMED = (r"(?:named|called|titled|entitled|labell?ed|with\s+the\s+(?:file\s+)?name|by\s+the\s+name(?:\s+of)?"
         r"|(?:that|which)\s+(?:is|was)\s+(?:called|named))")
_ARTICLE = r"(?:(?:the|my|our|a|an|this|that|your)\s+)"
# Where a thing is: "in", "that lives in", "which I saved under", "located inside".
_WHERE = (r"\b(?:(?:(?:that|which)\s+)?(?:(?:i|we)\s+(?:have\s+)?(?:saved|put|stored|keep|kept|placed|created|wrote)"
          r"|(?:is|was|are)\s+(?:(?:located|stored|saved|kept|sitting|living)\s+)?|lives|resides|sits|living|residing"
          r"|sitting|located|stored|saved|kept|found)\s+)?(?:in|inside|within|under|at|from|into)\s+")

_QUOTE = r"""(?<![\w])'(?P<s>[^']+(?:'\w[^']*)*)'(?![\w])|"(?P<d>[^"]+)\""""
_BARE = r"(?<![\w«])[\w~./][\w.~/+-]*[\w/](?![\w»])"
_NOT_FOLDERS = STOPWORDS | frozenset(
    "current working present parent home root new same given following said other another whole entire "
    "empty new fresh separate single target source destination output input right correct".split())
_HOME = {"documents", "downloads", "desktop", "pictures", "photos", "music", "videos"}


@dataclass
class Reading:
    """The masked request, its quoted strings, and which spans of it the plan has used."""

    text: str
    quotes: tuple[str, ...]
    used: set[tuple[int, int]] = field(default_factory=set)

    def value(self, token: str) -> str:
        m = re.fullmatch(r"«(\d+)»", token)
        return self.quotes[int(m[1])] if m else token

    def take(self, m: re.Match[str], group: str) -> str:
        """The value of a group of a match on `text`, marking its span as used."""
        self.used.add(m.span(group))
        return self.value(m[group])

    def entities(self) -> list[tuple[int, int]]:
        """Spans of every quoted string and every file-like bare word."""
        spans = [m.span() for m in re.finditer(r"«\d+»", self.text)]
        spans += [m.span() for m in re.finditer(_BARE, self.text) if _pathlike(m.group())]
        return sorted(spans)

    def all_used(self) -> bool:
        return all(span in self.used for span in self.entities())

    def search(self, regex: str) -> re.Match[str] | None:
        return re.search(regex, self.text, re.I)

    def finditer(self, regex: str) -> list[re.Match[str]]:
        return list(re.finditer(regex, self.text, re.I))


def _pathlike(word: str) -> bool:
    return file_like(word) or ("/" in word and len(word) > 1 and not word.endswith("."))


def mask(text: str) -> Reading:
    """The request with each quoted string replaced by «n» ("what's" and "let's" are not quotes)."""
    quotes: list[str] = []

    def keep(m: re.Match[str]) -> str:
        quotes.append(m["s"] if m["s"] is not None else m["d"])
        return f"«{len(quotes) - 1}»"

    return Reading(re.sub(_QUOTE, keep, text.replace("«", "").replace("»", "")), tuple(quotes))


# ------------------------------------------------------------------ what it names


def files(r: Reading, *, exclude: tuple[tuple[int, int], ...] = ()) -> list[re.Match[str]]:
    """Matches (group "f") of each file the request names, in order, the same span once."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    regexes = (
        rf"\b{FILE_NOUN}s?\s*,?\s+{NAMED}\s+(?P<f>{ENT})",
        rf"\b{FILE_NOUN}\s+(?P<f>«\d+»)",
        rf"\b(?:let's\s+|we'll\s+|i'll\s+|we\s+can\s+|you\s+can\s+)?(?:call|name|title)\s+it\s+(?P<f>{ENT})",
        rf"(?P<f>{ENT})",
    )
    for i, regex in enumerate(regexes):
        for m in r.finditer(regex):
            span = m.span("f")
            word = r.value(m["f"])
            if span in exclude or span in found:
                continue
            if i == len(regexes) - 1 and not _pathlike(word):
                continue  # only a name.ext (quoted or not) is a file without being called one
            if word.lower() in _NOT_FOLDERS or not word.strip() or word.endswith("/"):
                continue
            found[span] = m
    return [found[s] for s in sorted(found)]


def folders(r: Reading) -> list[re.Match[str]]:
    """Matches (groups "d" or "d2", and "mine") of each folder named "the logs folder", "the folder 'x'"."""
    out = []
    for m in r.finditer(rf"(?<![\w«])(?P<mine>my\s+|our\s+)?(?:(?:the|a|an|this|that|your)\s+)?"
                        rf"(?:(?:new|empty|separate)\s+)?(?:{FOLDER_NOUN}\s+(?:{NAMED}\s+)?(?P<d>{ENT})(?!\s+{FOLDER_NOUN})"
                        rf"|(?P<d2>{ENT})\s+{FOLDER_NOUN}\b)"):
        group = "d" if m["d"] else "d2"
        word = r.value(m[group])
        quoted = m[group].startswith("«")
        if not quoted and (word.lower() in _NOT_FOLDERS or file_like(word)):
            continue
        out.append(m)
    return out


def folder_value(r: Reading, m: re.Match[str]) -> str:
    group = "d" if m["d"] else "d2"
    word = r.take(m, group)
    if m["mine"] and word.lower() in _HOME:
        return place(f"my {word} folder") or word
    return word


def container(r: Reading, *, skip: tuple[tuple[int, int], ...] = ()) -> str | None | bool:
    """The one folder things are said to be in ("in my docs folder", "that lives in work/"):
    "" when none is named, False when two different ones are."""
    found = set()
    for m in r.finditer(rf"{_WHERE}(?:(?P<mine>my\s+|our\s+)|{_ARTICLE})?"
                        rf"(?:{FOLDER_NOUN}\s+(?:{NAMED}\s+)?(?P<d>{ENT})|(?P<d2>{ENT})\s+{FOLDER_NOUN}\b"
                        rf"|(?P<d3>[\w.~-]+(?:/[\w.~-]+)*/)(?!\w))"):
        group = next(g for g in ("d", "d2", "d3") if m[g])
        if m.span(group) in skip:
            continue
        word = r.value(m[group])
        if group != "d3" and not m[group].startswith("«") and (word.lower() in _NOT_FOLDERS or file_like(word)):
            continue
        if group == "d3":
            r.used.add(m.span(group))
            word = word.rstrip("/") or "/"
        elif m["mine"] and word.lower() in _HOME:
            r.used.add(m.span(group))
            word = place(f"my {word} folder") or word
        else:
            word = r.take(m, group)
        found.add(word)
    for m in r.finditer(r"\b(?:right\s+)?here\b|\b(?:in|inside|within)\s+(?:this|the\s+(?:current|working|present))"
                        rf"\s+(?:working\s+)?{FOLDER_NOUN}\b"):
        found.add(".")
    if len(found) > 1:
        return False
    return found.pop() if found else ""


def join(folder: str, path: str) -> str:
    if not folder or folder == "." or path.startswith(("/", "~")):
        return path
    return posixpath.normpath(posixpath.join(folder, path))


# ------------------------------------------------------------------ the reader

# A folder named by an adjective alone ("the empty folder", "a new directory"): the reader
# cannot say which one it is, unless a name follows ("the new folder called 'x'").
_UNNAMED_FOLDER = (rf"\b(?:the|a|an|my|our|your|that)\s+(?!(?:current|working|present|home)\b)"
                   rf"(?:{'|'.join(sorted(_NOT_FOLDERS - STOPWORDS))}|empty|new|old|same|other)\s+{FOLDER_NOUN}\b"
                   rf"(?!\s+(?:{NAMED}\s+)?(?:«|[\w~./]+/)|\s*,?\s*(?:and\s+)?(?:call|name|title)\s+it\b)")


def plan(text: str) -> list[ActionCall] | None:
    """The plan of a conversational request, or None when it is not unambiguous."""
    from . import conversation_clauses, conversation_intents

    r = mask(text)
    if conversation_clauses.refused(r):
        return None
    built = conversation_intents.build(r)
    if built is None or not r.all_used():
        return None
    calls, name, fired = built
    if any(m.span("d" if m["d"] else "d2") not in r.used for m in folders(r)):
        return None  # a folder the plan does not use
    if r.search(_UNNAMED_FOLDER):
        return None  # "in the empty folder", "into a separate directory": which one?
    return calls if conversation_clauses.every_clause_belongs(r, name, fired) else None


def _build(m: re.Match[str]) -> list[ActionCall] | None:
    return plan(m.string)


# Registered last (priority -20 in patterns.py); "a b c" at least: one word is never chat.
PATTERNS = [(r"(?=.*?(?:'|\"|\w\.\w|\b(?:file|document|doc|folder|directory|dir|log|note|script)s?\b))\S+(?:\s+\S+){2,}",
             _build)]
