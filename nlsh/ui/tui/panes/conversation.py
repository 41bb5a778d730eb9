"""The conversation: requests, plan previews and outputs, with the input line below."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, RichLog, Static

from ....textsafe import escape_output
from ....types import ExitStatus, Turn

__all__ = ["ConversationPane"]


class ConversationPane(Vertical):
    """Shows each turn; `transcript` keeps the same text, plain, for tests and copy."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.transcript: list[str] = []

    def compose(self) -> ComposeResult:
        yield RichLog(id="log", wrap=True, markup=False, auto_scroll=True, min_width=20)
        yield Static("", id="status", markup=False)
        yield Input(placeholder="say what you want done (? to preview, ! for a command)", id="request")

    def say(self, text: str, style: str = "") -> None:
        self.transcript.append(text)
        self.query_one(RichLog).write(Text(text, style=style))

    def show_request(self, line: str) -> None:
        self.say(f"> {escape_output(line)}", "bold")

    def show_turn(self, turn: Turn) -> None:
        if turn.output:
            self.say(escape_output(turn.output.rstrip("\n")))
        if turn.message:
            self.say(escape_output(turn.message), "green" if turn.status == ExitStatus.OK else "red")
        elif not turn.output:
            self.say(f"({turn.decision})", "dim")

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)
