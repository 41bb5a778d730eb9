"""The built-in fast-path patterns, registered through the same hook as a plugin's.

The patterns live in modules by domain (patterns_files, patterns_listing, patterns_search,
patterns_fileops, patterns_proc, patterns_system); this module registers them in the order
they must be tried. Specific patterns have priority 0; the broad readers that catch any
"list ...", "show X", "search for X" get -10, so that a plugin's patterns (priority 0 by
default) are tried before them.
"""

from __future__ import annotations

from typing import Callable

from ..plugins import hookimpl
from . import patterns_fileops, patterns_files, patterns_listing, patterns_proc, patterns_search, patterns_system

__all__ = ["nlsh_register_patterns"]

_SPECIFIC = (
    patterns_proc.PATTERNS,
    patterns_system.PATTERNS,
    patterns_fileops.PATTERNS,
    patterns_files.PATTERNS,
)
_BROAD = (
    patterns_listing.PATTERNS,
    patterns_search.PATTERNS,
    patterns_files.READING,
)


@hookimpl
def nlsh_register_patterns(register: Callable[..., None]) -> None:
    for group, priority in ((_SPECIFIC, 0), (_BROAD, -10)):
        for patterns in group:
            for regex, build in patterns:
                register(regex, build, priority=priority)
