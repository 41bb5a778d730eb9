"""The confirmation modal on its own, with a fixed step: answers, defaults and a snapshot."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.widgets import Button

from nlsh.types import ActionCall, Confirmation, Decision, PlannedStep, Preview, Risk
from nlsh.ui.tui.confirm import ConfirmScreen


def step(risk: Risk = Risk.R2) -> PlannedStep:
    preview = Preview("move 1 item(s) to nlsh's trash", targets=("/w/old.log",), count=1, bytes=3)
    return PlannedStep(ActionCall("files.delete", {"paths": ["old.log"]}), {"paths": ["/w/old.log"]},
                       ("fs.write",), risk, ("/w/old.log",), preview)


def decision(risk: Risk = Risk.R2, rememberable: bool = True) -> Decision:
    return Decision("confirm", risk, f"default.{risk}", "destructive or outside the workspace", rememberable)


class Host(App):
    def __init__(self, screen: ConfirmScreen) -> None:
        super().__init__()
        self.modal = screen
        self.answers: list[Confirmation | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.answers.append)


def answer(screen: ConfirmScreen, *keys: str) -> list:
    async def scenario():
        app = Host(screen)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            return app.answers, app.focused

    return asyncio.run(scenario())


def test_non_destructive_step_focuses_yes_and_enter_approves():
    answers, _ = answer(ConfirmScreen(step(Risk.R1), decision(Risk.R1)), "enter")
    assert answers == [Confirmation(True, "person")]


def test_destructive_step_enter_declines():
    answers, _ = answer(ConfirmScreen(step(), decision()), "enter")
    assert answers == [Confirmation(False, "person")]


def test_always_remembers_for_the_workspace_when_allowed():
    answers, _ = answer(ConfirmScreen(step(), decision(rememberable=True)), "a")
    assert answers == [Confirmation(True, "person", remember_scope="workspace")]


def test_always_is_refused_when_policy_does_not_allow_it():
    screen = ConfirmScreen(step(), decision(rememberable=False))
    answers, _ = answer(screen, "a")
    assert answers == []
    assert not screen.query("#always")


def test_no_button_is_focused_for_destructive_steps():
    screen = ConfirmScreen(step(), decision())
    _, focused = answer(screen)
    assert isinstance(focused, Button) and focused.id == "no"

