"""A stand-in for `nlsh.policy.dangerous.is_read_only_command` until that module exists.

Only programs that cannot write, delete, signal or reach the network whatever their
arguments are listed; anything else is refused at sandbox level "none".
"""

from __future__ import annotations

import os
from typing import Sequence

__all__ = ["is_read_only_command"]

READ_ONLY_PROGRAMS = frozenset({
    "basename", "cat", "date", "df", "dirname", "du", "echo", "false", "file", "grep", "head",
    "id", "ls", "pwd", "readlink", "realpath", "stat", "tail", "true", "uname", "wc", "whoami",
})


def is_read_only_command(argv: Sequence[str]) -> bool:
    """True when argv runs a program that only reads, named plainly (no path to elsewhere)."""
    if not argv:
        return False
    program = argv[0]
    if "/" in program and os.path.dirname(program) not in ("/bin", "/usr/bin"):
        return False
    return os.path.basename(program) in READ_ONLY_PROGRAMS
