"""The deterministic fast path: common requests become plans without a model.

`normalise` takes off what carries no meaning (surrounding space, a final ".", "?" or "!",
"please", "can you", "I'd like to", smart quotes); `match` tries the registered patterns in
order (highest priority first, as the catalog keeps them) and returns the first plan a
pattern builds. A pattern whose build returns None passes the request on; when none
builds, the request goes to the model planner.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..plugins import Pattern
from ..types import ActionCall

__all__ = ["match", "normalise"]

_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})

_LEADING = re.compile(
    r"^(?:please|pls|plz|kindly|just|hey|ok(?:ay)?|so|now|"
    r"(?:can|could|would|will)\s+(?:you|u)(?:\s+please)?|"
    r"i\s+(?:want|need|would\s+like|wish)\s+(?:you\s+)?to|i'd\s+like\s+(?:you\s+)?to|i\s+wanna|"
    r"help\s+me|let's|go\s+ahead\s+and|try\s+to)(?:[\s,]+|$)",
    re.I,
)
_TRAILING = re.compile(r"[\s,]*\b(?:please|pls|plz|for\s+me|thanks|thank\s+you|thx)$", re.I)
_FINAL_PUNCT = re.compile(r"(?<=[^\s.?!/*\[])[?!.]+$|(?<=[\s\"')])[?!]+$")


def normalise(text: str) -> str:
    """The request without politeness, final punctuation or surrounding space.

    Paths and quoted text keep their case and spacing. A final "." is kept where it is
    part of a path ("list .", "go to ..") and a final "?" where it is part of a glob.
    """
    text = text.translate(_SMART_QUOTES).strip()
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


def match(text: str, patterns: Iterable[Pattern]) -> list[ActionCall] | None:
    """The plan of the first pattern that matches the whole (normalised) request, or None."""
    request = normalise(text)
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
