"""Interaction between panes: selecting files and processes, the live browser, kill with confirmation."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from textual.widgets import DirectoryTree

from nlsh.ui.tui.confirm import ConfirmScreen
from nlsh.ui.tui.panes.processes import ProcessTable
from nlsh.ui.tui.sources import ProcessRow, process_rows

from .pilot_helpers import submit, transcript, wait_for



def tree_names(tree: DirectoryTree) -> set[str]:
    return {str(node.label) for node in tree.root.children}




async def select_file(pilot, tree: DirectoryTree, name: str) -> None:
    assert await wait_for(pilot, lambda: name in tree_names(tree))
    node = next(n for n in tree.root.children if str(n.label) == name)
    tree.focus()
    tree.move_cursor(node)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def test_select_files_then_delete_these(make_app, workspace):
    for name in ("one.tmp", "two.tmp", "three.keep"):
        (workspace / name).write_text(name)

    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            tree = app.query_one(DirectoryTree)
            await select_file(pilot, tree, "one.tmp")
            await select_file(pilot, tree, "two.tmp")
            assert [p.name for p in app.selection.files] == ["one.tmp", "two.tmp"]
            await submit(pilot, "delete these")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen)), transcript(app)
            preview = str(app.screen.query_one("#confirm-preview").render())
            assert "one.tmp" in preview and "two.tmp" in preview and "three.keep" not in preview
            await pilot.press("y")
            assert await wait_for(pilot, lambda: not app.busy)
            assert not (workspace / "one.tmp").exists() and not (workspace / "two.tmp").exists()
            assert (workspace / "three.keep").exists()
            assert app.selection.files == []

    asyncio.run(scenario())


def test_selecting_a_file_twice_unselects_it(make_app, workspace):
    (workspace / "a.txt").write_text("a")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            tree = app.query_one(DirectoryTree)
            await select_file(pilot, tree, "a.txt")
            assert [p.name for p in app.selection.files] == ["a.txt"]
            await select_file(pilot, tree, "a.txt")
            assert app.selection.files == []

    asyncio.run(scenario())


def test_file_created_on_disk_appears_in_browser(make_app, workspace):
    (workspace / "before.txt").write_text("b")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            tree = app.query_one(DirectoryTree)
            assert await wait_for(pilot, lambda: "before.txt" in tree_names(tree))
            (workspace / "appeared.txt").write_text("new")
            assert await wait_for(pilot, lambda: "appeared.txt" in tree_names(tree), timeout=15)
            (workspace / "before.txt").unlink()
            assert await wait_for(pilot, lambda: "before.txt" not in tree_names(tree), timeout=15)

    asyncio.run(scenario())


def _start_sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])


def _real_rows_for(child: subprocess.Popen):
    """psutil's real rows, narrowed to the child and this process, so a busy machine's
    other processes cannot push the child out of the monitor's top rows."""
    return lambda: [r for r in process_rows() if r.pid in (child.pid, os.getpid())]


def test_kill_selected_process_with_confirmation(make_app):
    child = _start_sleeper()
    try:
        async def scenario():
            app = make_app(processes=_real_rows_for(child))
            async with app.run_test(size=(120, 40)) as pilot:
                table = app.query_one(ProcessTable)
                assert await wait_for(pilot, lambda: table.select_pid(child.pid))
                table.focus()
                await pilot.pause()
                await pilot.press("enter")  # select the row: the process is now "it"
                assert await wait_for(pilot, lambda: app.selection.pid == child.pid)
                await submit(pilot, "kill it")
                assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
                assert f"pid:{child.pid}" in str(app.screen.query_one("#confirm-preview").render())
                await pilot.press("y")
                assert await wait_for(pilot, lambda: not app.busy)
                assert f"sent TERM to {child.pid}" in transcript(app)

        asyncio.run(scenario())
        assert child.wait(timeout=10) != 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_declined_kill_from_monitor_leaves_process_running(make_app):
    child = _start_sleeper()
    try:
        async def scenario():
            app = make_app(processes=_real_rows_for(child))
            async with app.run_test(size=(120, 40)) as pilot:
                table = app.query_one(ProcessTable)
                assert await wait_for(pilot, lambda: table.select_pid(child.pid))
                table.focus()
                await pilot.pause()
                assert table.selected_pid() == child.pid
                await pilot.press("k")
                assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
                await pilot.press("n")
                assert await wait_for(pilot, lambda: not app.busy)
                assert "declined" in transcript(app)

        asyncio.run(scenario())
        assert child.poll() is None
    finally:
        child.kill()
        child.wait()


def test_sorting_processes(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.query_one(ProcessTable)
            assert await wait_for(pilot, lambda: len(table.rows_shown) == 3)
            assert [r.name for r in table.rows_shown] == ["compiler", "editor", "daemon"]
            table.focus()
            await pilot.press("m")
            assert table.sort_key == "memory"
            table.show([*table.rows_shown, ProcessRow(404, "hog", 0.1, 60.0)])
            assert [r.name for r in table.rows_shown] == ["hog", "compiler", "editor", "daemon"]
            await pilot.press("c")
            assert [r.name for r in table.rows_shown] == ["compiler", "editor", "daemon", "hog"]

    asyncio.run(scenario())


def test_panes_hide_and_show_by_key(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            side = app.query_one("#side")
            assert side.display
            await pilot.press("f6")
            assert not side.display
            await pilot.press("f4")
            assert side.display and app.focused is app.query_one(ProcessTable)
            await pilot.press("f5")
            assert not app.query_one("#files-pane").display

    asyncio.run(scenario())


def test_side_column_starts_hidden_when_narrow(make_app):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.query_one("#side").display
            assert app.query_one("#files-pane").display

    asyncio.run(scenario())


def test_select_a_folder_then_compress_it(make_app, workspace):
    (workspace / "src").mkdir()
    (workspace / "src" / "main.py").write_text("print(1)\n")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            tree = app.query_one(DirectoryTree)
            assert await wait_for(pilot, lambda: "src" in tree_names(tree))
            tree.focus()
            tree.move_cursor(next(n for n in tree.root.children if str(n.label) == "src"))
            await pilot.pause()
            await pilot.press("s")
            assert app.selection.files == [workspace / "src"]
            await submit(pilot, "compress it")
            # a new archive in the workspace is a reversible write: policy may or may not ask
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen) or not app.busy)
            if isinstance(app.screen, ConfirmScreen):
                await pilot.press("y")
            assert await wait_for(pilot, lambda: not app.busy and (workspace / "src.zip").exists(), timeout=15)
            import zipfile

            assert any(n.endswith("main.py") for n in zipfile.ZipFile(workspace / "src.zip").namelist())

    asyncio.run(scenario())
