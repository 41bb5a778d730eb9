"""History: the REPL's own (persistent, searchable) and, on request, the person's shell history.

The REPL keeps every line in `Paths.state / "history"` (prompt_toolkit's FileHistory, mode
0600: people type secrets). With `[shell] append_history = "~/.bash_history"` in
config.toml, the command lines nlsh ran are also appended to that file, so they show up in
the person's own shell later.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from ...types import Turn

__all__ = ["ShellHistory", "commands_ran", "open_history", "recent_lines", "shell_history_from"]


def open_history(path: Path) -> Any:
    """A prompt_toolkit FileHistory at `path`, created private (0600) if it is new, read on a
    background thread (a long history never delays the prompt)."""
    from prompt_toolkit.history import FileHistory, ThreadedHistory

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    os.close(fd)
    return ThreadedHistory(FileHistory(str(path)))


def recent_lines(history: Any, limit: int | None = None) -> list[str]:
    """The history's lines, oldest first (the last `limit` of them)."""
    lines = list(history.load_history_strings())  # newest first
    if limit is not None:
        lines = lines[:limit]
    return lines[::-1]


class ShellHistory:
    """Appends the command lines nlsh ran to a shell history file (one line each)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, lines: Iterable[str]) -> None:
        text = "".join(f"{line}\n" for line in lines if line and "\n" not in line and "\r" not in line)
        if not text:
            return
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, text.encode("utf-8", "surrogateescape"))
        finally:
            os.close(fd)


def shell_history_from(settings: Any, home: Path) -> ShellHistory | None:
    """The `[shell] append_history` setting (Settings.extra), or None when it is not set."""
    shell = settings.extra.get("shell") if isinstance(settings.extra, Mapping) else None
    value = shell.get("append_history") if isinstance(shell, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    path = home / value[2:] if value.startswith("~/") else Path(value)
    return ShellHistory(path if path.is_absolute() else home / path)


def commands_ran(turn: Turn) -> list[str]:
    """The command lines a turn ran (shell.run steps that started), as a person would type them."""
    import shlex

    lines = []
    for step, outcome in zip(turn.steps, turn.outcomes):
        if step.call.action != "shell.run" or outcome.error.startswith("refused"):
            continue
        argv = [str(a) for a in step.args.get("argv") or ()]
        if turn.request.kind == "command" and len(turn.steps) == 1:
            lines.append(turn.request.text)
        elif len(argv) == 3 and argv[:2] == ["sh", "-c"]:
            lines.append(argv[2])
        elif argv:
            lines.append(shlex.join(argv))
    return lines
