"""Gating fast-path patterns behind key words, so that start-up compiles one small regex.

Compiling a few dozen large regexes costs tens of milliseconds on every start. A gate is a
cheap regex that passes only requests containing one of the given words; the precise
patterns behind it are compiled the first time a request passes, then tried in order, and
the first plan a pattern builds wins (a build returning None passes the request on).
Plugins use it too, as `nlsh.gated`.
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Sequence

from ..types import ActionCall

__all__ = ["gated"]

Build = Callable[[re.Match[str]], "list[ActionCall] | None"]


def gated(words: str, patterns: Sequence[tuple[str, Build]]) -> tuple[str, Build]:
    """(gate regex, build) standing for `patterns` (regex, build pairs, tried in order).

    words: a regex alternation ("kill|pid|port") one of which every request any of the
    patterns can match must contain (case-insensitively).
    """
    @functools.cache
    def compiled() -> list[tuple[re.Pattern[str], Build]]:
        return [(re.compile(regex, re.I), build) for regex, build in patterns]

    def build(gate: re.Match[str]) -> list[ActionCall] | None:
        for regex, precise in compiled():
            m = regex.fullmatch(gate.string)
            if m is not None:
                calls = precise(m)
                if calls:
                    return calls
        return None

    return rf"(?=.*?(?:{words})).+", build
