"""The built-in fast-path patterns, registered through the same hook as a plugin's.

The patterns live in modules by domain (patterns_proc, patterns_system, patterns_fileops,
patterns_files, patterns_listing, patterns_search, patterns_perms, patterns_textedit); this module registers them in the
order they must be tried. Specific patterns have priority 0; the broad readers that catch
any "list ...", "show X", "search for X" get -10, so that a plugin's patterns (priority 0
by default) are tried before them.

Compiling every precise regex would cost tens of milliseconds at start-up, so a module
with many patterns is registered as one gate: a cheap regex that passes only requests
containing one of the module's key words ("kill", "pid", "port", ...). Its precise regexes
are compiled the first time a request passes the gate, then tried in order.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..plugins import hookimpl
from ..types import ActionCall
from .gate import gated
from . import patterns_fileops, patterns_files, patterns_listing, patterns_perms, patterns_proc, patterns_search
from . import patterns_found, patterns_system, patterns_text, patterns_textedit, patterns_tools
from . import conversation

__all__ = ["SECTIONS", "nlsh_register_patterns", "precise_patterns"]

Build = Callable[[re.Match[str]], "list[ActionCall] | None"]

# (gate words or None for "register each pattern as is", patterns, priority), in order.
SECTIONS: tuple[tuple[str | None, Sequence[tuple[str, Build]], int], ...] = (
    (patterns_proc.GATE, patterns_proc.PATTERNS, 0),
    (patterns_system.GATE, patterns_system.PATTERNS, 0),
    (patterns_found.GATE, patterns_found.PATTERNS, 0),  # before fileops: the searches it leaves to them
    *((gate, patterns, 0) for gate, patterns in patterns_text.GATED + patterns_tools.GATED),  # before fileops
    (patterns_fileops.GATE, patterns_fileops.PATTERNS, 0),
    (patterns_perms.GATE, patterns_perms.PATTERNS, 0),
    (patterns_textedit.GATE, patterns_textedit.PATTERNS, 0),
    *((gate, patterns, 0) for gate, patterns in patterns_files.GATED),
    (None, patterns_listing.PATTERNS, -10),
    (patterns_search.GATE, patterns_search.PATTERNS, -10),
    (None, patterns_files.READING, -10),
    (None, conversation.PATTERNS, -20),  # last: long requests written as to an assistant
)


def precise_patterns() -> list[tuple[str, Build]]:
    """Every built-in pattern, ungated, in the order they are tried (for tests and tools)."""
    return [p for _, patterns, _ in SECTIONS for p in patterns]


@hookimpl
def nlsh_register_patterns(register: Callable[..., None]) -> None:
    for words, patterns, priority in SECTIONS:
        for regex, build in ([gated(words, patterns)] if words else patterns):
            register(regex, build, priority=priority)
