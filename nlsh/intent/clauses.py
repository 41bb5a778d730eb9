"""A tiny clause reader for requests whose modifiers come in any order.

"find python files larger than 1M in src modified today" is read as a head ("find") and a
tail of clauses, each recognised by one of a list of anchored regexes tried in order. Every
word of the tail must belong to some clause: an unknown word makes the whole reading fail,
so the fast path passes the request on instead of guessing.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Sequence

__all__ = ["Clause", "Reject", "clause", "compiled", "read_clauses", "set_once"]

Apply = Callable[[re.Match[str], dict[str, Any]], bool]
Clause = tuple[str, Apply]


@functools.cache
def compiled(regex: str) -> re.Pattern[str]:
    """Compile on first use: start-up stays fast, and only the clauses a request reaches pay."""
    return re.compile(regex, re.I)


class Reject(Exception):
    """The request contradicts itself or asks for something the action cannot do."""


def clause(regex: str, apply: Apply) -> Clause:
    """A clause: `apply(match, state)` records what it means, or returns False to pass.

    The regex must end where a word ends (before a space, a comma or the end).
    """
    return rf"(?:{regex})(?=[\s,]|$)", apply


def set_once(state: dict[str, Any], key: str, value: Any) -> bool:
    """Record a value; saying two different things about the same key is a Reject."""
    if key in state and state[key] != value:
        raise Reject(f"{key}: {state[key]!r} or {value!r}?")
    state[key] = value
    return True


def read_clauses(text: str, clauses: Sequence[Clause], state: dict[str, Any]) -> bool:
    """Apply clauses until the text is used up; False when some words fit no clause."""
    pos = 0
    while True:
        while pos < len(text) and (text[pos].isspace() or text[pos] == ","):
            pos += 1
        if pos >= len(text):
            return True
        for regex, apply in clauses:
            m = compiled(regex).match(text, pos)
            if m and m.end() > pos and apply(m, state):
                pos = m.end()
                break
        else:
            return False
