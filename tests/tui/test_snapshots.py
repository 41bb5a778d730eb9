"""SVG snapshots of the main screen at 80x24 and 120x40, and of the confirmation modal.

Deterministic by construction: a fixed workspace, fixed process and system numbers, a fresh
audit log, and the header's sub-title (normally the workspace's full path) pinned.
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from textual.widgets import DirectoryTree  # noqa: E402

from nlsh.ui.tui.confirm import ConfirmScreen  # noqa: E402
from nlsh.ui.tui.panes.processes import ProcessTable  # noqa: E402

from .test_confirm_screen import Host, decision, step  # noqa: E402


def fill(workspace) -> None:
    (workspace / "notes.txt").write_text("notes\n")
    (workspace / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (workspace / "src").mkdir()
    (workspace / "src" / "main.py").write_text("print('hi')\n")


async def settle(pilot) -> None:
    app = pilot.app
    tree = app.query_one(DirectoryTree)
    for _ in range(200):
        loaded = len(tree.root.children) == 3
        procs = len(app.query_one(ProcessTable).rows_shown) == 3
        audit = "chain ok" in str(app.query_one("#audit").render())
        if loaded and procs and audit:
            break
        await pilot.pause(0.05)
    app.sub_title = "~/ws"
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen(snap_compare, make_app, workspace, size):
    fill(workspace)
    app = make_app(watch=False, refresh_seconds=0)
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_confirm_screen(snap_compare):
    assert snap_compare(Host(ConfirmScreen(step(), decision())), terminal_size=(80, 24))
