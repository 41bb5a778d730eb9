"""The deterministic fast path: common requests become plans without a model.

`normalise` takes off what carries no meaning (surrounding space, a final ".", "?" or "!",
"please", "can you", "I'd like to", smart quotes); `match` tries the registered patterns in
order (highest priority first, as the catalog keeps them) and returns the first plan a
pattern builds. A pattern whose build returns None passes the request on; when none
builds, the request is tried again in forms without its padding (rewrites.py: "(if any)",
"and all its subfolders", "display" for "show"), and only then goes to the model planner.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..plugins import Pattern
from ..types import ActionCall
from . import navigation, rewrites
from .rewrites import outside_quotes

__all__ = ["match", "normalise"]

_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})

_LEADING = re.compile(
    r"^(?:please|pls|plz|kindly|just|ok(?:ay)?|so|now|alright|"
    r"(?:hey|hi|hello|howdy|yo|greetings)(?:\s+(?:there|buddy|friend|nlsh|shell|assistant))?[!.]*|"
    r"(?:can|could|would|will)\s+(?:you|u)(?:\s+please)?(?:\s+(?:possibly|maybe|kindly|quickly))?|"
    r"(?:would|could)\s+you\s+be\s+(?:so\s+kind\s+as|kind\s+enough|able)\s+to|be\s+so\s+kind\s+as\s+to|"
    r"i\s+(?:want|need|would\s+like|wish)\s+(?:you\s+)?to|i'd\s+like\s+(?:you\s+)?to|i\s+wanna|"
    r"(?:your|the)\s+(?:task|job|goal|mission|assignment)\s+(?:is|will\s+be)\s+to|you\s+(?:should|must|need\s+to)|"
    r"i\s+would\s+(?:really\s+)?appreciate\s+(?:it\s+)?if\s+you\s+(?:could|would)|do\s+me\s+a\s+favou?r\s+and|"
    r"(?:is\s+it|would\s+it\s+be)\s+possible\s+(?:for\s+you\s+)?to|"
    r"help\s+me|let's|go\s+ahead\s+and|try\s+to)(?:[\s,]+|$)",
    re.I,
)
_TRAILING = re.compile(
    r"[\s,]*\b(?:please|pls|plz|for\s+me|thanks(?:\s+in\s+advance)?|thank\s+you|thx|cheers"
    r"|(?:would|will|could|can)\s+you|if\s+you\s+(?:would|could|can|don't\s+mind|please)"
    r"|when\s+you\s+(?:get\s+a\s+chance|can))$", re.I)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")


# "wherever you're currently working" is here; "your current folder" is the current folder.
_HERE = re.compile(r"\b(?:in\s+)?wherever\s+you(?:'re|\s+are)\s+(?:currently\s+|now\s+|presently\s+)?"
                   r"(?:working|located|at|running|sitting)(?:\s+(?:right\s+)?now)?\b", re.I)
_YOUR_CURRENT = re.compile(r"\byour\s+(?=(?:current|present|working)\s)", re.I)
_FINAL_PUNCT = re.compile(r"(?<=[^\s.?!/*\[])[?!.]+$|(?<=[\s\"')])[?!]+$")


def normalise(text: str) -> str:
    """The request without politeness, final punctuation or surrounding space.

    Paths and quoted text keep their case and spacing. A final "." is kept where it is
    part of a path ("list .", "go to ..") and a final "?" where it is part of a glob.
    """
    text = text.translate(_SMART_QUOTES).strip()
    text = outside_quotes(text, lambda part: _YOUR_CURRENT.sub("the ", _HERE.sub("here", part)))
    previous = None
    while text != previous:
        previous = text
        text = _strip_final_punctuation(text)
        text = _LEADING.sub("", text, count=1).strip()
        text = _TRAILING.sub("", text).strip()
    return _imperative(text)


# Descriptions of commands often read "Prints the first line of f", "Recursively finds ...":
# the first verb, in the third person, becomes the imperative the patterns expect. Verbs
# whose -s form is a common noun at the start of a request ("changes", "archives",
# "reports") are left out.
_THIRD_PERSON = re.compile(
    r"^((?:recursively|quietly|silently|instantly|forcefully|forcibly|interactively|also|then)\s+)?"
    r"(print|display|show|list|find|search|count|remove|delete|cop|move|create|make|rename|compress|"
    r"decompress|extract|output|return|get|kill|terminate|sort|save|write|read|calculate|"
    r"replace|unpack|locate|send|fetch|switch|check|grep|add|append|set|"
    r"empt|stop|tell|give|open)(?:ies|es|s)\b",
    re.I,
)


def _imperative(text: str) -> str:
    m = _THIRD_PERSON.match(text)
    if m is None:
        return text
    verb = m[2] + ("y" if m[2].lower() in ("cop", "empt") else "")
    if m[2].lower() in ("cop", "empt") and not text[m.end(2):].lower().startswith("ies"):
        return text
    return (m[1] or "") + verb + text[m.end():]


def _strip_final_punctuation(text: str) -> str:
    last_word = text.rsplit(None, 1)[-1] if text.strip() else ""
    if any(c in last_word for c in "*[") and last_word.endswith("?"):
        return text
    return _FINAL_PUNCT.sub("", text).rstrip()


# Patterns at this priority or below read whole, loosely worded requests (conversation.py):
# they see a request only after every rewrite of it has been tried with the precise ones.
LAST_RESORT = -20


def match(text: str, patterns: Iterable[Pattern], actions: Any = None, *,
          rewrite: bool = True) -> list[ActionCall] | None:
    """The plan of the first pattern that matches the whole (normalised) request, or None.

    A request in steps ("make a folder logs and then list the files") is planned step by
    step when every step matches. With the action registry, a request that first moves
    somewhere ("go into src and list the files") is planned as the rest acting in that
    folder (see navigation.py). When nothing takes the request as given, its padded words
    are rewritten ("(if any)", "and all its subfolders", "display") and it is tried again
    (see rewrites.py); rewrite=False tries only the request as given. The last-resort
    readers (priority LAST_RESORT or below) come after all of that.
    """
    request = normalise(text)
    if not request:
        return None
    patterns = list(patterns)
    precise = [p for p in patterns if p.priority > LAST_RESORT]
    calls = _plan(request, precise, actions)
    if calls:
        return calls  # as given: the rewrites are compiled only for requests that need them
    for form in (rewrites.variants(request)[1:] if rewrite else []):
        calls = _plan(normalise(form), precise, actions)
        if calls:
            return calls
    last = [p for p in patterns if p.priority <= LAST_RESORT]
    return _plan(request, last, actions) if last else None


def _plan(request: str, patterns: list[Pattern], actions: Any) -> list[ActionCall] | None:
    if not request:
        return None
    moved = navigation.split(request) if actions is not None else None
    if moved is not None:
        folder, readings = moved
        for rest in readings:
            calls = _steps(normalise(rest), patterns)
            calls = navigation.reroot(calls, folder, actions) if calls else None
            if calls:
                return calls
    return _steps(request, patterns)


# "and then", ", then", "; ", ". Then": the words that make a request a sequence of steps.
_THEN = re.compile(r"(?:\s*[,;.]\s*|\s+)(?:and\s+)?(?:then|after\s+that|afterwards|finally)\s*,?\s+"
                   r"|\s*;\s+|(?<=\w)\.\s+(?=[A-Z])", re.I)
_MAX_STEPS = 4


def _split_steps(request: str) -> list[str]:
    """The request cut at each "and then" that is not inside quoted text."""
    masked = _QUOTED.sub(lambda q: "\0" * len(q.group()), request)
    parts, start = [], 0
    for sep in _THEN.finditer(masked):
        parts.append(request[start:sep.start()])
        start = sep.end()
    return [*parts, request[start:]]


def _steps(request: str, patterns: list[Pattern]) -> list[ActionCall] | None:
    """The whole request's plan, or else the plans of its steps one after another (all must match)."""
    calls = _first(request, patterns)
    if calls or not _THEN.search(request):
        return calls
    parts = _split_steps(request)
    if not 1 < len(parts) <= _MAX_STEPS:
        return None
    plan: list[ActionCall] = []
    for part in parts:
        step = _first(normalise(part), patterns)
        if not step:
            return None
        plan += step
    return plan


def _first(request: str, patterns: list[Pattern]) -> list[ActionCall] | None:
    if not request:
        return None
    for pattern in patterns:
        m = pattern.regex.fullmatch(request)
        if m is None:
            continue
        calls = pattern.build(m)
        if calls:
            return list(calls)
    return None
