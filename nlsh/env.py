"""The Environment: streams, terminal facts, variables, working directory and clock.

Made once by the CLI from the real process (`Environment.from_process`) and passed down;
tests build their own. No other module reads sys.stdin, sys.stdout or os.environ.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, TextIO

__all__ = ["Environment"]


@dataclass
class Environment:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    cwd: Path
    environ: Mapping[str, str] = field(default_factory=dict)
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    clock: Callable[[], float] = time.time

    @classmethod
    def from_process(cls) -> "Environment":
        def isatty(stream: TextIO) -> bool:
            try:
                return stream.isatty()
            except (AttributeError, ValueError):
                return False

        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            cwd=Path(os.getcwd()),
            environ=dict(os.environ),
            stdin_isatty=isatty(sys.stdin),
            stdout_isatty=isatty(sys.stdout),
        )

    @property
    def home(self) -> Path:
        return Path(self.environ.get("HOME") or os.path.expanduser("~"))

    @property
    def color(self) -> bool:
        """Colour only on a terminal and never when NO_COLOR is set (any value)."""
        return self.stdout_isatty and "NO_COLOR" not in self.environ

    def with_cwd(self, cwd: Path) -> "Environment":
        return Environment(
            self.stdin, self.stdout, self.stderr, cwd, self.environ,
            self.stdin_isatty, self.stdout_isatty, self.clock,
        )
