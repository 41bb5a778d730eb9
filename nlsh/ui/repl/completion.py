"""Tab completion: file paths, built-ins, action names, programs on PATH, earlier requests.

The first word completes to built-ins and programs on PATH; after `help`, to built-in and
action names; after `cd`, to folders; any other word, to paths relative to where the
person is. Earlier requests that start with what is typed are offered as whole lines.
Names with control characters are never offered.
"""

from __future__ import annotations

import os
import shlex
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from ...textsafe import escape_name

__all__ = ["CommandIndex", "ReplCompleter", "path_completions"]

MAX_PATHS = 200
MAX_REQUESTS = 8


class CommandIndex:
    """The programs on PATH, listed once on first use (a few milliseconds)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._names: frozenset[str] | None = None
        self._lock = threading.Lock()

    @property
    def names(self) -> frozenset[str]:
        with self._lock:
            if self._names is None:
                self._names = frozenset(_programs(self.path))
            return self._names

    def which(self, name: str) -> str | None:
        """Like shutil.which, from the index (for highlighting on every key press)."""
        return name if name in self.names else None


def _programs(search_path: str) -> Iterator[str]:
    for folder in search_path.split(os.pathsep):
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_file() and os.access(entry.path, os.X_OK):
                    yield entry.name
            except OSError:
                continue


def _quoted(text: str) -> str:
    """Quoted for a command line when it needs to be; "~/" stays bare so that it expands."""
    if text.startswith("~/"):
        return "~/" + shlex.quote(text[2:]) if text[2:] else text
    return shlex.quote(text) if text else text


def path_completions(word: str, cwd: Path, home: Path, *, only_dirs: bool = False) -> Iterator[Completion]:
    """Entries of the folder `word` points into whose names start with its last part."""
    folder_part, _, prefix = word.rpartition("/")
    shown_folder = folder_part + "/" if "/" in word else ""
    base = Path(folder_part or ("/" if word.startswith("/") else "."))
    if folder_part.startswith("~"):
        base = home / folder_part[2:] if folder_part.startswith("~/") else home
    if not base.is_absolute():
        base = cwd / base
    try:
        entries = sorted(os.scandir(base), key=lambda e: e.name)
    except OSError:
        return
    count = 0
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or (name.startswith(".") and not prefix.startswith(".")):
            continue
        if escape_name(name) != name:  # control, bidi or zero-width characters: never inserted
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if only_dirs and not is_dir:
            continue
        text = _quoted(shown_folder + name + ("/" if is_dir else ""))
        yield Completion(text, start_position=-len(word), display=name + ("/" if is_dir else ""),
                         display_meta="folder" if is_dir else "")
        count += 1
        if count >= MAX_PATHS:
            return


class ReplCompleter(Completer):
    def __init__(self, *, cwd: Callable[[], Path], home: Path, builtins: Iterable[str],
                 actions: Callable[[], Iterable[str]], commands: CommandIndex, history: Any) -> None:
        self.cwd = cwd
        self.home = home
        self.builtins = sorted(builtins)
        self.actions = actions  # names, once the session is ready (empty before)
        self.commands = commands
        self.history = history

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        before = document.text_before_cursor
        stripped = before.lstrip()
        word = document.get_word_before_cursor(WORD=True)
        if " " not in stripped:
            yield from self._first_word(word)
        else:
            first = stripped.split()[0]
            if first == "help":
                yield from self._names(word, [*self.builtins, *self.actions()], "")
            else:
                yield from path_completions(word, self.cwd(), self.home, only_dirs=first == "cd")
        yield from self._requests(before)

    def _first_word(self, word: str) -> Iterator[Completion]:
        if word.startswith(("/", ".", "~")) or "/" in word:
            yield from path_completions(word, self.cwd(), self.home)
            return
        if word.startswith("!"):
            yield from self._names(word[1:], sorted(self.commands.names), "program")
            return
        yield from self._names(word, self.builtins, "built-in")
        if word:  # every program on PATH only once something is typed
            yield from self._names(word, sorted(self.commands.names - set(self.builtins)), "program")

    @staticmethod
    def _names(word: str, names: Iterable[str], meta: str) -> Iterator[Completion]:
        for name in names:
            if name.startswith(word):
                yield Completion(name, start_position=-len(word), display_meta=meta)

    def _requests(self, before: str) -> Iterator[Completion]:
        text = before.strip()
        if len(text) < 2:
            return
        seen: set[str] = set()
        for line in reversed(self.history.get_strings()):
            if line in seen or line == text or not line.lower().startswith(text.lower()):
                continue
            if escape_name(line) != line:
                continue
            seen.add(line)
            yield Completion(line, start_position=-len(before.lstrip()), display=line,
                             display_meta="earlier request")
            if len(seen) >= MAX_REQUESTS:
                return
