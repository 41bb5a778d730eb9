"""The confirmation modal: accept, decline, edit, explain; destructive steps default to No."""

from __future__ import annotations

import asyncio

from textual.widgets import Button, TextArea

from nlsh.ui.tui.confirm import ConfirmScreen

from .pilot_helpers import submit, transcript, wait_for



async def ask(pilot, text: str) -> ConfirmScreen:
    await submit(pilot, text)
    assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    return pilot.app.screen


def test_accepting_deletes_the_file(make_app, workspace):
    victim = workspace / "old.log"
    victim.write_text("x\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ask(pilot, "delete old.log")
            preview = str(screen.query_one("#confirm-preview").render())
            assert "files.delete" in preview and "old.log" in preview and "risk R2" in preview
            await pilot.press("y")
            assert await wait_for(pilot, lambda: not app.busy)
            assert not victim.exists()
            assert "trashed" in transcript(app)

    asyncio.run(scenario())


def test_declining_keeps_the_file(make_app, workspace):
    victim = workspace / "keep.log"
    victim.write_text("x\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await ask(pilot, "delete keep.log")
            await pilot.press("n")
            assert await wait_for(pilot, lambda: not app.busy)
            assert victim.exists()
            assert "declined; nothing ran" in transcript(app)

    asyncio.run(scenario())


def test_destructive_step_focuses_no_and_enter_declines(make_app, workspace):
    victim = workspace / "keep.log"
    victim.write_text("x\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ask(pilot, "delete keep.log")
            assert app.focused is screen.query_one("#no", Button)
            assert screen.query("#always")  # deleting in the workspace may be remembered
            await pilot.press("enter")
            assert await wait_for(pilot, lambda: not app.busy)
            assert victim.exists()

    asyncio.run(scenario())


def test_explain_shows_the_rule_and_escape_declines(make_app, workspace):
    (workspace / "keep.log").write_text("x\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ask(pilot, "delete keep.log")
            await pilot.press("question_mark")
            assert "policy rule" in str(screen.query_one("#confirm-explain").render())
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: not app.busy)
            assert (workspace / "keep.log").exists()

    asyncio.run(scenario())


def test_edit_reruns_with_the_new_arguments(make_app, workspace):
    (workspace / "first.log").write_text("1\n")
    (workspace / "second.log").write_text("2\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ask(pilot, "delete first.log")
            await pilot.press("e")
            area = screen.query_one(TextArea)
            area.text = '{"paths": ["second.log"]}'
            await pilot.press("ctrl+s")
            # the edited plan is grounded, policed and confirmed again
            second = None

            def asked_again():
                nonlocal second
                second = app.screen if isinstance(app.screen, ConfirmScreen) and app.screen is not screen else None
                return second is not None

            assert await wait_for(pilot, asked_again)
            assert "second.log" in str(second.query_one("#confirm-preview").render())
            await pilot.press("y")
            assert await wait_for(pilot, lambda: not app.busy)
            assert (workspace / "first.log").exists()
            assert not (workspace / "second.log").exists()

    asyncio.run(scenario())


def test_edit_with_bad_json_stays_open(make_app, workspace):
    (workspace / "first.log").write_text("1\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ask(pilot, "delete first.log")
            await pilot.press("e")
            screen.query_one(TextArea).text = "{not json"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen
            assert "not valid JSON" in str(screen.query_one("#confirm-error").render())
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: not app.busy)
            assert (workspace / "first.log").exists()

    asyncio.run(scenario())
