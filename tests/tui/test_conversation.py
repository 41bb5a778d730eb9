"""Typing requests into the desktop and seeing what the pipeline did."""

from __future__ import annotations

import asyncio

from nlsh.ui.tui.confirm import ConfirmScreen

from .pilot_helpers import submit, transcript, wait_for





def test_request_shows_output(make_app, workspace):
    (workspace / "alpha.txt").write_text("a\n")
    (workspace / "beta.txt").write_text("b\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await submit(pilot, "list files")
            assert await wait_for(pilot, lambda: "beta.txt" in transcript(app) and not app.busy)
            assert "> list files" in transcript(app)
            assert "alpha.txt" in transcript(app)

    asyncio.run(scenario())


def test_typed_characters_reach_the_input(make_app, workspace):
    (workspace / "gamma.txt").write_text("g\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"list files", "enter")
            assert await wait_for(pilot, lambda: "gamma.txt" in transcript(app) and not app.busy)

    asyncio.run(scenario())


def test_not_understood_is_reported_not_raised(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await submit(pilot, "frobnicate the quux thoroughly")
            assert await wait_for(pilot, lambda: not app.busy and "know how" in transcript(app))
            assert "don't know how" in transcript(app)
            assert not isinstance(app.screen, ConfirmScreen)

    asyncio.run(scenario())


def test_palette_describes_an_action(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            app.describe_action("files.delete")
            await pilot.pause()
            assert "files.delete (risk R2)" in transcript(app)

    asyncio.run(scenario())


def test_audit_pane_shows_what_ran_and_chain_status(make_app, workspace):
    (workspace / "a.txt").write_text("a")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            pane = app.query_one("#audit")
            assert await wait_for(pilot, lambda: "chain ok" in str(pane.render()))
            await submit(pilot, "list files")
            assert await wait_for(pilot, lambda: "files.list" in str(pane.render()) and not app.busy)

    asyncio.run(scenario())


def test_theme_toggles_between_dark_and_light(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            first = app.theme
            await pilot.press("ctrl+t")
            assert app.theme != first
            await pilot.press("ctrl+t")
            assert app.theme == first

    asyncio.run(scenario())


def test_escape_cancels_the_running_action_context(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            ctx = app.session.context()
            assert ctx.cancelled is app.controls.cancelled and not ctx.cancelled.is_set()
            await pilot.press("escape")  # nothing running: nothing to cancel
            assert not ctx.cancelled.is_set()
            app.busy = True
            await pilot.press("escape")
            assert ctx.cancelled.is_set()
            app.busy = False
            app.controls.start()  # the next request starts uncancelled
            assert not app.session.context().cancelled.is_set()

    asyncio.run(scenario())


def test_progress_from_an_action_reaches_the_status_line(make_app, workspace):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            status = app.query_one("#status")
            app.run_worker(lambda: app.session.context().progress(3, 10, "packing"), thread=True)
            assert await wait_for(pilot, lambda: "packing 3/10" in str(status.render()))

    asyncio.run(scenario())
