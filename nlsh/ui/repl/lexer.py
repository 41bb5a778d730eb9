"""Highlighting as you type: a command line is shown as shell, a request as plain text.

The same router that decides how a line runs decides how it looks, so what is coloured as
shell is exactly what will run as a command. Pygments' BashLexer is loaded on the first
command line typed (pygments comes with textual/rich; without it commands are shown plain).
"""

from __future__ import annotations

from typing import Callable

from prompt_toolkit.document import Document
from prompt_toolkit.lexers import Lexer

__all__ = ["LineLexer"]

StyleLine = Callable[[int], list[tuple[str, str]]]


class LineLexer(Lexer):
    def __init__(self, *, which: Callable[[str], str | None], builtins: frozenset[str]) -> None:
        self.which = which
        self.builtins = builtins
        self._shell: Lexer | None = None

    def kind(self, text: str) -> str:
        """"builtin", "command", "explain" or "request" — as the REPL and the router will treat it."""
        from ...intent.router import route

        stripped = text.strip()
        first = stripped.split(" ", 1)[0] if stripped else ""
        if first in self.builtins:
            return "builtin"
        if not stripped:
            return "request"
        return route(stripped, which=self.which).kind

    def _shell_lexer(self) -> Lexer | None:
        if self._shell is None:
            try:
                from prompt_toolkit.lexers import PygmentsLexer
                from pygments.lexers.shell import BashLexer
            except ImportError:
                return None
            self._shell = PygmentsLexer(BashLexer)
        return self._shell

    def lex_document(self, document: Document) -> StyleLine:
        kind = self.kind(document.text)
        if kind == "command":
            shell = self._shell_lexer()
            if shell is not None:
                return shell.lex_document(document)
        style = {"builtin": "class:builtin", "explain": "class:explain"}.get(kind, "class:request")
        lines = document.lines

        def line(number: int) -> list[tuple[str, str]]:
            return [(style, lines[number])] if number < len(lines) else []

        return line
