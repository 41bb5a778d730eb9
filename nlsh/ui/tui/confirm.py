"""Confirmation as a modal screen, and the Confirmer that asks it from a worker thread.

The modal shows the canonical preview (nlsh.preview.format_step), the same text the terminal
shows, with the same answers: yes, no, edit (the step's arguments as JSON, re-run through
the pipeline), explain (the policy rule and reason) and always (only where policy allows
remembering). Destructive steps (R2 and up) start with the focus on No.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from ...preview import format_step
from ...types import Confirmation, Decision, PlannedStep, Risk

__all__ = ["ConfirmScreen", "ModalConfirmer", "Edit"]


@dataclass(frozen=True)
class Edit:
    """The person edited step `index` (1-based) of the plan to these arguments."""

    index: int
    action: str
    args: dict[str, Any]


class ConfirmScreen(ModalScreen[Confirmation]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $warning; background: $panel; padding: 0 1;
    }
    #confirm-title { text-style: bold; }
    #confirm-preview { margin: 1 0; }
    #confirm-explain { color: $text-muted; height: auto; }
    #confirm-edit { height: 8; }
    #confirm-error { color: $error; height: auto; }
    #confirm-buttons { height: auto; }
    #confirm-buttons Button { min-width: 8; margin-right: 1; }
    """
    BINDINGS = [
        Binding("y", "answer('yes')", "yes"),
        Binding("n", "answer('no')", "no"),
        Binding("escape", "answer('no')", "no", show=False),
        Binding("e", "edit", "edit"),
        Binding("question_mark", "explain", "explain"),
        Binding("a", "answer('always')", "always"),
        Binding("ctrl+s", "run_edited", "run edited", show=False),
    ]

    def __init__(self, step: PlannedStep, decision: Decision, index: int = 1, total: int = 1) -> None:
        super().__init__()
        self.step, self.decision, self.index, self.total = step, decision, index, total
        self.edited: Edit | None = None

    @property
    def destructive(self) -> bool:
        return self.decision.risk >= Risk.R2

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static("Run this?", id="confirm-title")
            yield Static(format_step(self.step, self.decision, self.index, self.total), id="confirm-preview", markup=False)
            yield Static("", id="confirm-explain", markup=False)
            yield TextArea(json.dumps(dict(self.step.call.args), indent=2, ensure_ascii=False),
                           id="confirm-edit", language=None)
            yield Static("", id="confirm-error", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("Yes (y)", id="yes", variant="warning" if self.destructive else "success")
                yield Button("No (n)", id="no", variant="primary" if self.destructive else "default")
                yield Button("Edit (e)", id="edit")
                yield Button("Explain (?)", id="explain")
                if self.decision.rememberable:
                    yield Button("Always (a)", id="always")
                yield Button("Run edited (ctrl+s)", id="run-edited")

    def on_mount(self) -> None:
        for hidden in ("#confirm-explain", "#confirm-edit", "#confirm-error", "#run-edited"):
            self.query_one(hidden).display = False
        self.query_one("#no" if self.destructive else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"edit": self.action_edit, "explain": self.action_explain, "run-edited": self.action_run_edited}
        if event.button.id in actions:
            actions[event.button.id]()
        else:
            self.action_answer(event.button.id or "no")

    def action_answer(self, answer: str) -> None:
        if answer == "always" and not self.decision.rememberable:
            self.notify("'always' is not allowed for this step", severity="warning")
            return
        if answer == "always":
            self.dismiss(Confirmation(True, "person", remember_scope="workspace"))
        else:
            self.dismiss(Confirmation(answer == "yes", "person"))

    def action_explain(self) -> None:
        d = self.decision
        text = f"policy rule {d.rule}: {d.reason or 'no reason given'} (risk {d.risk}, decision {d.effect})"
        self._show("#confirm-explain", text)

    def _show(self, selector: str, text: str) -> None:
        note = self.query_one(selector, Static)
        note.update(text)
        note.display = True

    def action_edit(self) -> None:
        area = self.query_one("#confirm-edit", TextArea)
        area.display = True
        self.query_one("#run-edited").display = True
        area.focus()

    def action_run_edited(self) -> None:
        area = self.query_one("#confirm-edit", TextArea)
        if not area.display:
            return
        try:
            args = json.loads(area.text)
        except json.JSONDecodeError as exc:
            self._show("#confirm-error", f"not valid JSON: {exc.msg} (line {exc.lineno})")
            return
        if not isinstance(args, dict):
            self._show("#confirm-error", "the arguments must be a JSON object")
            return
        self.edited = Edit(self.index, self.step.call.action, args)
        self.dismiss(Confirmation(False, "person:edited"))


class ModalConfirmer:
    """A Confirmer for the Session, called in a worker thread; waits for the modal's answer."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.last_edit: Edit | None = None

    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        done = threading.Event()
        answer: list[Confirmation] = []
        screen = ConfirmScreen(step, decision, index, total)

        def finished(result: Confirmation | None) -> None:
            answer.append(result or Confirmation(False, "person"))
            self.last_edit = screen.edited
            done.set()

        self.last_edit = None
        try:
            self.app.call_from_thread(self.app.push_screen, screen, finished)
        except RuntimeError:  # the app is shutting down
            return Confirmation(False, "auto-no:the desktop closed")
        while not done.wait(0.1):
            if not self.app.is_running:
                return Confirmation(False, "auto-no:the desktop closed")
        return answer[0]
