"""What an action receives when it runs, and what it returns."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..config import Paths, Settings
from ..env import Environment

__all__ = ["ActionContext", "ActionResult", "ProgressFn"]

ProgressFn = Callable[[int, int | None, str], None]


def _no_progress(done: int, total: int | None, label: str) -> None:
    return None


@dataclass
class ActionContext:
    """The workspace, state directories and services an action may use.

    Actions get resolved absolute paths as arguments; `cwd` is where the person is, for
    showing paths relative to it. Long actions call `progress(done, total, label)` and check
    `cancelled` between units of work. Programs are started with `run_program`, which is the
    one place that decides how (and how sandboxed) a program runs.
    """

    env: Environment
    paths: Paths
    settings: Settings
    workspace: Path
    cwd: Path
    progress: ProgressFn = _no_progress
    cancelled: threading.Event = field(default_factory=threading.Event)
    run_program: Callable[..., Any] | None = None

    def display(self, path: str | Path) -> str:
        """A path as a person would type it here: relative to cwd when beneath it."""
        p = Path(path)
        try:
            rel = p.relative_to(self.cwd)
        except ValueError:
            return str(p)
        return str(rel) if str(rel) != "." else "."


@dataclass(frozen=True)
class ActionResult:
    """What an action produced.

    output is the text a person sees (a listing is one path per line); data is the same in
    structured form for --json and the TUI; undo is what the action's undo function needs to
    revert it (None when there is nothing to revert); exit is a program's exit status.
    """

    output: str = ""
    data: Any = None
    undo: Mapping[str, Any] | None = None
    exit: int | None = None
    ok: bool = True
