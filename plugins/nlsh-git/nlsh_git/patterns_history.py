"""Fast-path patterns for the history (git.log) and for diffs (git.diff).

A log request is read as clauses in any order: "show the last 3 commits by bob since monday
touching src/app.py as a graph". Every word must belong to a clause, and the request must
name the history ("commits", "log", "commit graph"...), or the reading fails and the request
passes on.
"""

from __future__ import annotations

import re
from typing import Callable

import nlsh

from .wording import FILE, NUM, call, count, file_arg, name_arg, named, unquote

__all__ = ["SPECIFIC", "AMBIGUOUS", "read_log"]

Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_UNIT = r"(?:minute|hour|day|week|month|year)s?"
DATE = (rf"(?:yesterday|today|last\s+(?:week|month|year|night|{_WEEKDAY})|{_WEEKDAY}|(?:{NUM}|an?)\s+{_UNIT}\s+ago"
        rf"|\d{{4}}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?|{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+\d{{4}})?|the\s+start\s+of\s+(?:the\s+)?(?:week"
        rf"|month|year))")

_FILLER = (r"(?:please|me|the|my|our|all|just|only|git|a|of|in|with|for|this|repo|repository|project|here|format"
           r"|view|form|style|mode|output|pretty|nice|visual|full|whole|entire|complete)")
_COMMITS = r"(?:commits|commit\s+(?:log|history|messages)|git\s+(?:log|history)|log\s+entries|changesets|revisions)"
_NOUN = rf"(?:{_COMMITS}|(?:commit\s+|git\s+)?log|(?:commit\s+|git\s+|repo(?:sitory)?\s+|project\s+)history)"


def _set(state: dict, key: str, value) -> bool:
    if key in state and state[key] != value:
        return False
    state[key] = value
    return True


def _noun(m: re.Match, state: dict) -> bool:
    state["noun"] = True
    return True


def _recent(m: re.Match, state: dict) -> bool:
    state["noun"] = True
    n = count(m.group("n")) if m.group("n") else None
    return n is None or _set(state, "count", n)


def _single(m: re.Match, state: dict) -> bool:
    state["noun"] = True
    return _set(state, "count", 1)


def _author(m: re.Match, state: dict) -> bool:
    who = unquote(m.group("who"))
    if who.lower() in ("me", "myself", "the", "a", "an", "someone", "anyone", "author", "date", "name"):
        return False
    return _set(state, "author", who)


def _owner(m: re.Match, state: dict) -> bool:
    """"bob's commits": bob, unless the word is a time ("today's commits", "last week's")."""
    if m.group("who").lower() in ("today", "yesterday", "week", "month", "year", "tonight", "everyone", "everybody",
                                  "someone", "somebody", "it", "that", "this"):
        return False
    return _author(m, state)


def _since(m: re.Match, state: dict) -> bool:
    when = m.group("when")
    return _set(state, "since", re.sub(r"\s+", " ", when))


def _period(m: re.Match, state: dict) -> bool:
    n = count(m.group("n")) if m.group("n") else 1
    unit = m.group("unit").lower().rstrip("s")
    return n is not None and _set(state, "since", f"{n} {unit}{'s' if n != 1 else ''} ago")


def _until(m: re.Match, state: dict) -> bool:
    return _set(state, "until", re.sub(r"\s+", " ", m.group("when")))


def _path(m: re.Match, state: dict) -> bool:
    path = file_arg(m.group("path"))
    return path is not None and _set(state, "path", path)


def _revision(m: re.Match, state: dict) -> bool:
    ref = name_arg(m.group("ref"))
    return ref is not None and _set(state, "revision", ref)


def _between(m: re.Match, state: dict) -> bool:
    a, b = name_arg(m.group("a")), name_arg(m.group("b"))
    return a is not None and b is not None and _set(state, "revision", f"{a}..{b}")


def _this_unit(m: re.Match, state: dict) -> bool:
    word = m.group("unit").lower().split()[-1]
    return _set(state, "since", "midnight" if word == "today" else f"1 {word} ago")


def _flag(key: str) -> Callable[[re.Match, dict], bool]:
    def apply(m: re.Match, state: dict) -> bool:
        state[key] = True
        if key == "graph":
            state["noun"] = True
        return True
    return apply


_ALL_BRANCHES = (r"(?:(?:for|of|on|across|in|from|including|over|with)\s+)?(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?"
                 r"(?:(?:local\s+)?branch(?:es)?|refs)(?:\s+and\s+(?:all\s+)?tags)?|--all|--decorate"
                 r"|(?:with|showing)\s+(?:the\s+)?(?:branch(?:es)?(?:\s+and\s+tags?)?|branch\s+names|refs|decorations)"
                 r"|(?:(?:for|of|on|across|in|from|including|over|with)\s+)?(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?tags"
                 r"|(?:(?:of|for|across|in|from|over)\s+)?(?:the\s+)?(?:entire|whole|complete)\s+(?:repo|repository"
                 r"|project)")
# "of the current branch": the plain log, which is the current branch's
_CURRENT_BRANCH = (r"(?:(?:on|of|in|for|from)\s+)?(?:this\s+|my\s+(?:current\s+)?|(?:the\s+)?(?:current|present|active"
                   r"|checked[- ]out)\s+)branch|(?:(?:on|of|in|for|from)\s+)?(?:the\s+)?branch\s+(?:i'?m|i\s+am|we'?re)"
                   r"\s+(?:on|in)")
# "using only the first line of each commit message", "subjects only": git log --oneline
_SUBJECTS = (r"(?:(?:using|with|showing|displaying|printing|keeping)\s+)?(?:only\s+|just\s+)?(?:the\s+)?"
             r"(?:(?:first\s+line|subject(?:\s+line)?|title|headline)s?\s+(?:of\s+(?:each|every|the|all|its)\s+"
             r"(?:(?:the\s+)?commit\s+)?(?:messages?|commits?|entries))"
             r"|(?:commit\s+)?(?:subjects|subject\s+lines|titles|headlines))(?:\s+only)?")


# "with stats", "and the files each commit changed": git log --stat / --name-status
_FILES = (r"(?:(?:with|and|showing|including|plus|listing|along\s+with|together\s+with)\s+)(?:the\s+|their\s+|its\s+)?(?:(?:diff|file|change)\s*)?"
          r"(?:stats?|statistics|changed\s+files|files\s+(?:changed|touched|modified)(?:\s+(?:by|in)\s+each(?:\s+commit)?)?"
          r"|file\s*names|names\s+of\s+(?:the\s+)?(?:changed\s+)?files|(?:the\s+)?files\s+(?:each|every)\s+(?:one\s+|commit\s+)?"
          r"(?:changed|touched|modified))|--stat|--name-only|--name-status")


def _subjects(m: re.Match, state: dict) -> bool:
    state["oneline"] = True
    if re.search(r"\bcommit", m.group(0), re.I):
        state["noun"] = True
    return True


def _current_branch(m: re.Match, state: dict) -> bool:
    state["noun"] = True
    return True


CLAUSES: list[tuple[str, Callable[[re.Match, dict], bool]]] = [
    (r"(?:show|list|display|print|give|get|see|view|output|draw|visuali[sz]e|render|plot"
     r"|what\s+(?:are|were)|which|what)", lambda m, s: True),
    (_ALL_BRANCHES, _flag("all_branches")),
    (_SUBJECTS, _subjects),
    (_CURRENT_BRANCH, _current_branch),
    (_FILES, _flag("files")),
    (r"(?:(?:as|in|with|using)\s+)?(?:an?\s+)?(?:ascii\s+|text\s+)?(?:commit\s+|branch\s+|history\s+)?(?:graph|tree)"
     r"(?:\s+(?:view|form|format))?|graphically|--graph", _flag("graph")),
    (r"(?:(?:as|in|with|using|on)\s+)?(?:a\s+|the\s+)?"
     r"(?:one\s+line\s+(?:per|for\s+each|for\s+every|each|a)\s+commit|one\s+line\s+(?:each|apiece)"
     r"|one\s+commit\s+(?:per|a)\s+line|(?:a\s+)?single\s+line\s+(?:per|for\s+each|each)\s+commit"
     r"|one[- ]?lines?|one[- ]?liners?|--oneline|single\s+lines?"
     r"|(?:short|compact|condensed|brief|concise|terse|abbreviated)(?:\s+(?:form|format|view|version|style|way))?"
     r"|(?:short\s+)?hash(?:es)?\s+and\s+(?:subjects?|messages?|titles?))"
     r"(?:\s+(?:format|form|mode|style))?", _flag("oneline")),
    (rf"(?:(?:last|latest|newest|past|previous|most\s+recent|recent)\s+)(?P<n>{NUM}\s+)?"
     rf"(?:most\s+recent\s+)?{_COMMITS}", _recent),
    (rf"(?P<n>{NUM})\s+(?:(?:most\s+)?recent|latest|newest|last)\s+{_COMMITS}", _recent),
    (rf"(?:(?:last|latest|newest|most\s+recent)\s+)?(?P<n>{NUM})\s+{_COMMITS}", _recent),
    (r"(?:last|latest|newest|most\s+recent)\s+commit", _single),
    (r"(?:commit\s+|git\s+|branch\s+)?graph", _flag("graph")),
    (_NOUN, _noun),
    (r"history", lambda m, s: s.setdefault("weak", True)),
    (rf"(?:(?:made|committed|done|pushed)\s+)?(?:since|after|from|starting)\s+(?P<when>{DATE})", _since),
    (rf"(?:(?:made|committed|done|pushed)\s+)?(?:in|during|over|from|within)\s+the\s+(?:last|past|previous)\s+"
     rf"(?:(?P<n>{NUM})\s+)?(?P<unit>{_UNIT})", _period),
    (r"(?:(?:made|committed|done|pushed)\s+)?(?:from\s+)?(?P<unit>today|this\s+week|this\s+month|this\s+year)",
     _this_unit),
    (rf"(?:(?:made|committed|done|pushed)\s+)?(?:before|until|up\s+to|prior\s+to)\s+(?P<when>{DATE})", _until),
    (r"(?:(?:that\s+were\s+|which\s+were\s+)?(?:made|authored|written|committed|done|pushed|created)\s+)?(?:by|from)\s+"
     r"(?:the\s+)?(?:author\s+|user\s+|developer\s+)?(?P<who>\"[^\"]+\"|'[^']+'|[\w.@+-]+)(?:'s)?", _author),
    (r"(?:authored\s+by|author|with\s+author)\s*[:=]?\s*(?P<who>\"[^\"]+\"|'[^']+'|[\w.@+-]+)", _author),
    (rf"(?:(?:that|which)\s+)?(?:touch(?:ed|es|ing)?|chang(?:ed|es|ing)|modif(?:ied|ies|ying)|affect(?:ed|s|ing)"
     rf"|edit(?:ed|s|ing)?|updat(?:ed|es|ing)|involv(?:ed|es|ing)|to|for|on|of|in|about)\s+(?P<path>{FILE})", _path),
    (rf"(?:on|of|in|from)\s+(?:the\s+)?branch\s+{named('ref')}", _revision),
    (rf"(?:on|of|in|from)\s+(?:the\s+)?{named('ref')}\s+branch", _revision),
    (r"(?:between|from)\s+" + named("a") + r"\s+(?:and|to|until)\s+" + named("b"), _between),
    (r"(?P<unit>today|this\s+week|this\s+month|this\s+year)'s", _this_unit),
    (r"(?P<who>\"[^\"]+\"|'[^']+'|[\w.@+-]+)\s+(?:made|authored|wrote|pushed|committed|did)", _author),
    (r"(?P<who>[\w.@+-]+)'s(?=\s+(?:(?:last|latest|recent|most\s+recent|\d+|\w+\s+most\s+recent)\s+)*commits)", _owner),
    (_FILLER, lambda m, s: True),
]


def _compiled() -> list[tuple[re.Pattern, Callable[[re.Match, dict], bool]]]:
    if not _CACHE:
        _CACHE.extend((re.compile(rf"(?:{regex})(?=[\s,]|$)", re.I), apply) for regex, apply in CLAUSES)
    return _CACHE


_CACHE: list[tuple[re.Pattern, Callable[[re.Match, dict], bool]]] = []


def read_log(text: str) -> dict | None:
    """The git.log arguments a request asks for, or None when some words fit no clause."""
    state: dict = {}
    pos = 0
    while True:
        while pos < len(text) and (text[pos].isspace() or text[pos] in ",;:"):
            pos += 1
        if pos >= len(text):
            break
        for regex, apply in _compiled():
            m = regex.match(text, pos)
            if m and m.end() > pos and apply(m, state):
                pos = m.end()
                break
        else:
            return None
    weak = state.pop("weak", False)
    if not state.pop("noun", False) and not (weak and state):
        return None  # "history" alone may be the shell's; with "graph", "by bob", "of a.py" it is git's
    if state.get("count") == 1 and not (state.get("oneline") or state.get("graph")):
        return None  # "the last commit" is a commit to show, not a log
    return state


def _log(m: re.Match) -> list[nlsh.ActionCall] | None:
    args = read_log(m.string)
    return call("git.log", **args) if args is not None else None


def _did_commit(m: re.Match) -> list[nlsh.ActionCall] | None:
    """"what did bob commit (this week)": bob's commits."""
    args = read_log("commits " + m.group("rest"))
    who = unquote(m.group("who"))
    if args is None or who.lower() in ("i", "we", "you", "they", "he", "she") or args.get("author", who) != who:
        return None
    return call("git.log", **{**args, "author": who})


# the gate: a log request names commits, a log, a history or a graph
LOG = rf"(?=.*\b(?:commits?|log|history|graph|changesets?|revisions)\b).+"

_UNSTAGED = r"(?:unstaged|not\s+(?:yet\s+)?staged|un-?staged|working(?:\s+tree)?|local|modified|pending)"
_HEAD_ALL = (r"(?:all\s+(?:of\s+)?(?:my\s+|the\s+)?(?:uncommitted|local|pending)|(?:my\s+|the\s+)?uncommitted"
             r"|(?:all\s+)?(?:my\s+|the\s+)?(?:staged\s+and\s+unstaged|unstaged\s+and\s+staged"
             r"|both\s+staged\s+and\s+unstaged))")
_CHANGES = r"(?:changes|diffs?|differences|edits|modifications)"
# "(staged and unstaged)", ", both staged and unstaged", ", including the staged ones"
_BOTH = (r"(?:\s*,?\s*\(?\s*(?:both\s+|i\.?e\.?\s+|including\s+|incl\.?\s+|whether\s+)?(?:staged\s+(?:and|or|&|\+"
         r"|as\s+well\s+as|plus)\s+(?:un-?staged|not\s+staged)|un-?staged\s+(?:and|or|&|\+|as\s+well\s+as|plus)\s+staged)"
         r"(?:\s+ones|\s+changes)?(?:\s+alike)?\s*\)?"
         r"|\s*,?\s*\(?\s*(?:including|incl\.?|with|and|plus)\s+(?:the\s+|any\s+)?staged(?:\s+ones|\s+changes)?"
         r"(?:\s+too)?\s*\)?)?")
_SHOWING = r"(?:(?:show|list|display|print|give|get|see|view)(?:\s+me)?\s+)?(?:the\s+|my\s+)?"
DIFF_HEAD = (
    rf"{_SHOWING}(?:(?:git\s+)?diff\s+(?:of|for)\s+)?{_HEAD_ALL}\s+{_CHANGES}{_BOTH}(?:\s+as\s+a\s+(?:diff|patch))?"
    rf"|{_SHOWING}(?:all\s+)?{_CHANGES}\s+(?:since|from|against|compared\s+(?:to|with)|relative\s+to)\s+"
    rf"(?:the\s+)?(?:last|latest|previous)\s+commit(?:\s+(?:including|incl\.?|with)\s+(?:the\s+)?staged(?:\s+ones)?)?"
    rf"|{_SHOWING}(?:git\s+)?diff\s+(?:(?:against|with|to|from|vs\.?|versus)\s+)?(?:head|the\s+(?:last|latest)\s+commit)"
    rf"|{_SHOWING}(?:everything|all|what)\s+(?:that\s+)?(?:i|we)\s+(?:haven'?t|have\s+not)\s+(?:yet\s+)?committed"
    rf"(?:\s+yet)?{_BOTH}"
    rf"|{_SHOWING}(?:everything|all(?:\s+the\s+changes)?)\s+(?:that(?:'s|\s+is)\s+)?not\s+(?:yet\s+)?committed"
    rf"(?:\s+yet)?{_BOTH}"
    rf"|{_SHOWING}(?:all\s+(?:of\s+)?)?(?:my\s+|the\s+)?{_CHANGES},?\s+\(?(?:including|incl\.?|with)\s+(?:the\s+)?staged"
    rf"(?:\s+ones|\s+changes)?(?:\s+too)?\)?"
    rf"|{_SHOWING}(?:everything|all|what)\s+(?:that\s+|i(?:'ve|\s+have)?\s+)?changed\s+since\s+"
    rf"(?:(?:the\s+|my\s+)?(?:last|latest|previous)\s+commit|head)"
    rf"|what(?:'s|\s+has|\s+have\s+i|\s+did\s+i)?\s+change(?:d)?\s+since\s+(?:the\s+|my\s+)?(?:last|latest"
    rf"|previous)\s+commit"
    rf"|{_SHOWING}(?:diff|differences?|changes)\s+between\s+(?:the\s+|my\s+)?(?:working\s+(?:tree|copy"
    rf"|directory)|local\s+files)"
    rf"\s+and\s+(?:head|the\s+(?:last|latest)\s+commit)"
    rf"|compare\s+(?:my\s+|the\s+)?(?:working\s+(?:tree|copy|directory)|local\s+files|files)\s+(?:with|to|against)\s+"
    rf"(?:head|the\s+(?:last|latest)\s+commit)"
)
DIFF_STAGED = (
    rf"{_SHOWING}(?:staged|cached|indexed)\s+(?:{_CHANGES}|diff)(?:\s+(?:of|for|in|to)\s+(?P<path>{FILE}))?"
    rf"|{_SHOWING}(?:git\s+)?diff\s+(?:of\s+|for\s+)?(?:the\s+)?(?:staged|cached)(?:\s+(?:changes|files))?"
    rf"|{_SHOWING}(?:diff|{_CHANGES})\s+(?:in|of)\s+(?:the\s+)?(?:index|staging\s+area)"
    rf"|(?:git\s+)?diff\s+--(?:cached|staged)"
    rf"|what(?:'s|\s+is|\s+have\s+i|\s+did\s+i)\s+(?:in\s+the\s+(?:index|staging\s+area)|staged(?:\s+so\s+far)?)"
    rf"|what\s+(?:am\s+i\s+about\s+to|will\s+i|would\s+i|i'?m\s+about\s+to)\s+commit|what\s+will\s+be\s+committed"
    rf"|what\s+(?:changes\s+|files\s+)?(?:are|is|have\s+i|did\s+i)\s+(?:been\s+)?staged?(?:\s+so\s+far)?"
    rf"|{_SHOWING}what(?:'s|\s+is|\s+has\s+been|'s\s+been|\s+i(?:'ve|\s+have)(?:\s+already)?)\s+staged(?:\s+so\s+far)?"
    rf"|{_SHOWING}(?:index|staging\s+area)\s+diff"
)
DIFF_UNSTAGED = (
    rf"{_SHOWING}{_UNSTAGED}\s+(?:{_CHANGES}|diff)(?:\s+(?:of|for|in|to)\s+(?P<path>{FILE}))?"
    rf"|{_SHOWING}(?:git\s+)?diff(?:\s+of\s+(?:the\s+)?(?:working\s+tree|unstaged\s+changes))?"
    rf"|{_SHOWING}{_CHANGES}\s+(?:that\s+are\s+|i\s+haven'?t\s+)?not\s+(?:yet\s+)?staged(?:\s+yet)?"
    rf"|what\s+(?:changes\s+)?(?:have\s+i|did\s+i)\s+not\s+(?:yet\s+)?staged?(?:\s+yet)?"
    rf"|{_SHOWING}{_CHANGES}\s+i\s+haven'?t\s+staged(?:\s+yet)?|what(?:'s|\s+is"
    rf"|\s+have\s+i\s+changed\s+but)\s+not\s+(?:yet\s+)?staged"
)
DIFF_FILE = (
    rf"{_SHOWING}(?:git\s+)?diff\s+(?:of|for|on|in)\s+(?P<path>{FILE})"
    rf"|{_SHOWING}(?:git\s+)?diff\s+(?P<path2>{FILE})"
    rf"|{_SHOWING}(?:{_CHANGES})\s+(?:i\s+made\s+|made\s+)?(?:to|in"
    rf"|of)\s+(?P<path3>{FILE})(?:\s+as\s+a\s+(?:diff|patch))?"
    rf"|what\s+(?:did\s+i|have\s+i)\s+change(?:d)?\s+in\s+(?P<path4>{FILE})|how\s+(?:has"
    rf"|did)\s+(?P<path5>{FILE})\s+change(?:d)?"
)


_HEAD = r"(?:head|the\s+(?:last|latest|previous|most\s+recent|current)\s+commit|what(?:'s|\s+is)\s+committed)"
_VS = r"(?:against|with|to|vs\.?|versus|compared\s+(?:to|with)|relative\s+to|since|and)"


def _base(n: str) -> str:
    """A revision to compare a file with: HEAD in words, or a branch, tag or commit name."""
    return (rf"(?:(?P<head{n}>{_HEAD})|(?:the\s+)?(?:branch\s+|tag\s+|commit\s+|revision\s+)?{named('base' + n)}"
            rf"(?:\s+(?:branch|tag|commit))?)")


DIFF_FILE_BASE = (
    rf"{_SHOWING}(?:git\s+)?(?:diff|{_CHANGES})\s+(?:of|for|in|to|on)\s+(?P<path>{FILE})\s+{_VS}\s+{_base('')}"
    rf"|{_SHOWING}(?:git\s+)?diff\s+(?P<path2>{FILE})\s+{_VS}\s+{_base('2')}"
    rf"|compare\s+(?:the\s+file\s+)?(?P<path3>{FILE})\s+{_VS}\s+{_base('3')}"
    rf"|{_SHOWING}{_HEAD_ALL}\s+{_CHANGES}\s+(?:of|for|in|to|on)\s+(?P<path4>{FILE}){_BOTH}(?P<head4>)"
    rf"|what(?:'s|\s+has|\s+have\s+i|\s+did\s+i)?\s+change(?:d)?\s+in\s+(?P<path5>{FILE})\s+{_VS}\s+{_base('5')}"
)

def _file_against(m: re.Match) -> list[nlsh.ActionCall] | None:
    """"diff a.py against main": the file's changes since a revision; two files are not git's to compare."""
    found = m.groupdict()
    path = file_arg(next((found[g] for g in ("path", "path2", "path3", "path4", "path5") if found.get(g)), None))
    head = any(found.get(g) is not None for g in ("head", "head2", "head3", "head4", "head5"))
    base = "HEAD" if head else name_arg(next((found[g] for g in ("base", "base2", "base3", "base5") if found.get(g)),
                                             None))
    if path is None or base is None or re.search(r"\.[A-Za-z][A-Za-z0-9]{0,5}$", base):
        return None
    if not head and re.search(r"\bsince\s", m.group(0), re.I):
        return None  # "since yesterday" is a date, which a diff cannot take
    return call("git.diff", path=path, base=base)


def _diff(**fixed) -> Build:
    def build(m: re.Match) -> list[nlsh.ActionCall] | None:
        text = next((m.group(g) for g in ("path", "path2", "path3", "path4", "path5") if m.groupdict().get(g)), None)
        path = file_arg(text) if text else None
        if text and path is None:
            return None
        return call("git.diff", path=path, **fixed)
    return build


SHOW_LAST = (
    rf"{_SHOWING}(?:last|latest|most\s+recent|newest|previous|head)\s+commit(?:'s)?"
    rf"(?:\s+(?:details|in\s+full|with\s+(?:its\s+)?(?:diff|patch|changes)|and\s+(?:its\s+)?(?:diff|patch|changes)))?"
    rf"|what\s+(?:was|is|went)\s+in(?:to)?\s+the\s+(?:last|latest|most\s+recent)\s+commit"
    rf"|what\s+did\s+(?:the|my)\s+(?:last|latest|most\s+recent)\s+commit\s+(?:change|do|contain)"
    rf"|{_SHOWING}(?:changes|diff|patch|files\s+changed)\s+(?:made\s+)?(?:in|of|from|by)\s+(?:the\s+"
    rf"|my\s+)?(?:last|latest|most\s+recent)\s+commit"
)

CHANGED_IN_LAST = (rf"{_SHOWING}(?:what|which\s+files)\s+(?:changed|were\s+changed|got\s+changed)\s+in\s+the\s+"
                   rf"(?:last|latest|past|previous)\s+(?P<n>{NUM})\s+commits")

WHO_LAST = (
    rf"who\s+(?:made|authored|wrote|did|created|pushed|committed)\s+(?:the\s+)?(?:last|latest|most\s+recent|newest"
    rf"|previous)\s+commit(?:\s+(?:to|on|in|of|for|that\s+(?:touched|changed))\s+(?P<path>{FILE}))?"
    rf"|who\s+(?:committed|pushed)\s+(?:last|most\s+recently)"
    rf"|{_SHOWING}(?:(?:who\s+(?:was|is)\s+)?the\s+)?(?:author|committer)\s+of\s+the\s+(?:last|latest|most\s+recent"
    rf"|newest)\s+commit(?:\s+(?:to|on|in|of|for)\s+(?P<path2>{FILE}))?"
)


def _who_last(m: re.Match) -> list[nlsh.ActionCall] | None:
    """"who made the last commit (to a.py)": that one commit, with its author (git log -1)."""
    text = m.group("path") or m.group("path2")
    path = file_arg(text) if text else None
    return None if text and path is None else call("git.log", count=1, path=path)


SPECIFIC: list[tuple[str, Build]] = [
    (WHO_LAST, _who_last),
    (SHOW_LAST, lambda m: call("git.show")),
    (CHANGED_IN_LAST, lambda m: call("git.log", count=count(m.group("n")), files=True)),
    (DIFF_FILE_BASE, _file_against),
    (DIFF_HEAD, _diff(base="HEAD")),
    (DIFF_STAGED, _diff(staged=True)),
    (DIFF_UNSTAGED, _diff()),
    (DIFF_FILE, _diff()),
    (LOG, _log),
    (r"what\s+(?:did|has)\s+(?P<who>\"[^\"]+\"|'[^']+'|[\w.@+-]+)\s+committ?(?:ed)?(?P<rest>.*)", _did_commit),
]

AMBIGUOUS: list[tuple[str, Build]] = []
