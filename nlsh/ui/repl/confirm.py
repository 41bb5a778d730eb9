"""Confirmation inside the REPL: the canonical preview, then one key.

    y  run it              n  don't (also Esc, Ctrl-C, Ctrl-D)
    e  edit the step's arguments (JSON) or the command line, then plan it again
    ?  explain why nlsh asks          a  always allow exactly this here (where policy allows)
    Enter  the default: Yes for harmless steps, No for destructive ones (risk R2 and up)

Editing cannot change a plan while the Session is confirming it, so "e" declines this
plan and leaves the edited step in `pending_edit`; the REPL then runs the edited plan
through `Session.run_plan`, which grounds, polices and confirms it again from the start.
"""

from __future__ import annotations

import json
import shlex
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Callable

from ...preview import format_step
from ...textsafe import escape_name
from ...types import ActionCall, Confirmation, Decision, PlannedStep, Risk
from .output import Console

__all__ = ["Edit", "ReplConfirmer", "ask_key", "ask_line"]

_NO_KEYS = ("n", "escape", "c-c", "c-d")
_WORDS = {"y": "yes", "n": "no", "a": "always", "e": "edit", "?": "explain"}


@dataclass(frozen=True)
class Edit:
    """A step the person edited: replaces step `index` (1-based) of the declined plan."""

    index: int
    call: ActionCall


def ask_key(console: Console, question: str, keys: str) -> str:
    """Show `question` and return the first of `keys` pressed, "enter", or "n" for Esc/Ctrl-C/Ctrl-D."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    bindings = KeyBindings()

    def answer(result: str) -> Callable[[Any], None]:
        return lambda event: event.app.exit(result=result)

    for key in keys:
        bindings.add(key)(answer(key))
        if key.isalpha():
            bindings.add(key.upper())(answer(key))
    bindings.add("enter")(answer("enter"))
    for key in _NO_KEYS:
        bindings.add(key, eager=True)(answer("n"))
    bindings.add("<any>")(lambda event: None)  # anything else: keep waiting
    app: Application[str] = Application(
        layout=Layout(Window(FormattedTextControl(question), height=1)),
        key_bindings=bindings, input=console.input, output=console.output, erase_when_done=True,
    )
    return app.run()


def ask_line(console: Console, message: str, default: str) -> str | None:
    """One line of editing (history-free); None when the person gives up (Ctrl-C, Ctrl-D)."""
    from prompt_toolkit import PromptSession

    session: PromptSession[str] = PromptSession(input=console.input, output=console.output)
    try:
        return session.prompt(message, default=default)
    except (KeyboardInterrupt, EOFError):
        return None


class ReplConfirmer:
    def __init__(self, console: Console, *, which: Callable[[str], str | None] = lambda name: None,
                 pause: Callable[[], Any] = nullcontext) -> None:
        self.console = console
        self.which = which  # to tell a program from shell syntax when a command line is edited
        self.pause = pause  # hides the spinner while asking
        self.pending_edit: Edit | None = None

    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        self.pending_edit = None
        with self.pause():
            return self._ask(step, decision, index, total)

    def _ask(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        risky = decision.risk >= Risk.R2
        self.console.write(format_step(step, decision, index, total), "yellow" if risky else "")
        keys = "yne?" + ("a" if decision.rememberable else "")
        choices = ("y/N" if risky else "Y/n") + "/e/?" + ("/a" if decision.rememberable else "")
        question = f"Run this? [{choices}] "
        while True:
            key = ask_key(self.console, question, keys)
            if key == "enter":
                key = "n" if risky else "y"
            self.console.write(question + _WORDS[key])
            if key in ("y", "n"):
                return Confirmation(key == "y", "person")
            if key == "a":
                return Confirmation(True, "person", remember_scope="workspace")
            if key == "?":
                self.console.write(explain(step, decision))
                continue
            edited = self._edit(step)
            if edited is not None:
                self.pending_edit = Edit(index, edited)
                return Confirmation(False, "person:edit")

    def _edit(self, step: PlannedStep) -> ActionCall | None:
        call = step.call
        if call.action == "shell.run":
            return self._edit_command(call)
        text = json.dumps(dict(call.args), ensure_ascii=False)
        if escape_name(text) != text:  # control, bidi or zero-width characters: show them escaped
            text = json.dumps(dict(call.args))
        while True:
            text = ask_line(self.console, f"{call.action} arguments (JSON)> ", text) or ""
            if not text.strip():
                self.console.write("edit cancelled")
                return None
            try:
                args = json.loads(text)
            except json.JSONDecodeError as exc:
                self.console.error(f"not valid JSON: {exc.msg} at column {exc.colno}; edit it or clear the line")
                continue
            if not isinstance(args, dict):
                self.console.error('the arguments must be a JSON object, like {"paths": ["a.txt"]}')
                continue
            return ActionCall(call.action, args, taint=call.taint)

    def _edit_command(self, call: ActionCall) -> ActionCall | None:
        from ...intent.router import route

        argv = list(call.args.get("argv") or [])
        line = argv[2] if len(argv) == 3 and argv[:2] == ["sh", "-c"] else shlex.join(argv)
        text = ask_line(self.console, "command> ", line)
        if not text or not text.strip():
            self.console.write("edit cancelled")
            return None
        request = route("!" + text, which=self.which)
        return ActionCall("shell.run", {**dict(call.args), "argv": list(request.argv)}, taint=call.taint)


def explain(step: PlannedStep, decision: Decision) -> str:
    """Why this step needs an answer, and what each key does."""
    lines = [
        f"  policy: {decision.effect} (rule {decision.rule}): {decision.reason or 'no reason given'}",
        f"  action {step.call.action}, risk {decision.risk}, capabilities {', '.join(step.capabilities) or 'none'}",
        f"  touches {len(step.resources)} resource{'s' if len(step.resources) != 1 else ''}",
    ]
    if step.call.taint:
        lines.append("  arguments came from untrusted text: " + ", ".join(step.call.taint))
    lines.append("  y run it · n don't · e edit the arguments and plan again · ? this explanation")
    if decision.rememberable:
        lines.append("  a run it and always allow exactly this (same action, same targets) in this workspace")
    elif decision.risk >= Risk.R3:
        lines.append(f"  (risk {decision.risk} is asked every time; it cannot be remembered)")
    return "\n".join(lines)
