"""The desktop: `nlsh tui`, a textual App over the same Session pipeline as the shell.

The Session is made by an injected factory (given the modal Confirmer), so tests pass their
own. Requests and kills run in worker threads; the Session's confirmer asks through a modal
screen. The monitor panes read their data from injectable sources (see sources.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, DirectoryTree, Footer, Header, Input

from ...textsafe import escape_output
from .confirm import ModalConfirmer
from .controls import RunControls
from .palette import ActionCommands
from .panes.audit import AuditPane
from .panes.conversation import ConversationPane
from .panes.files import WorkspaceTree
from .panes.processes import ProcessTable
from .panes.system import SystemPanel
from .selection import Selection
from .sources import ProcessSource, SystemSource, process_rows, system_stats
from .turns import kill_plan, run_line, run_plan

__all__ = ["NlshApp", "run_tui"]

SessionFactory = Callable[[ModalConfirmer], Any]
NARROW = 100  # below this many columns the side column starts hidden
AUDIT_RECORDS = 6
WELCOME = ("Say what you want done: 'list files', 'find files bigger than 1 MB', 'delete *.log'. "
           "Select files (Enter in the browser) or a process (Enter in the monitor), then say "
           "'compress these' or 'kill it'. Ctrl+P lists actions; Esc cancels; Ctrl+Q quits.")
HINT = "nothing selected"


class NlshApp(App):
    CSS_PATH = "desktop.tcss"
    TITLE = "nlsh"
    COMMANDS = App.COMMANDS | {ActionCommands}
    BINDINGS = [
        Binding("f2", "focus_pane('request')", "ask"),
        Binding("f3", "focus_pane('files')", "files"),
        Binding("f4", "focus_pane('processes')", "procs"),
        Binding("f5", "toggle_pane('files-pane')", "hide files"),
        Binding("f6", "toggle_pane('side')", "hide side"),
        Binding("ctrl+t", "toggle_dark", "theme"),
        Binding("ctrl+x", "clear_selection", "unselect", show=False),
        Binding("escape", "cancel", "cancel", show=False),
    ]

    def __init__(self, session_factory: SessionFactory, *, processes: ProcessSource | None = None,
                 system: SystemSource | None = None, watch: bool = True, refresh_seconds: float = 2.0) -> None:
        super().__init__()
        self.confirmer = ModalConfirmer(self)
        self.session = session_factory(self.confirmer)
        self.controls = RunControls(self._report_progress)
        self.controls.attach(self.session)
        self.selection = Selection(self.session.cwd)
        self.process_source = processes or process_rows
        self.system_source = system or (lambda: system_stats(self.session.workspace))
        self.watch_files = watch
        self.refresh_seconds = refresh_seconds
        self.busy = False
        self._side_toggled = False

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="files-pane"):
                yield WorkspaceTree(self.session.workspace, watch=self.watch_files, id="files")
            yield ConversationPane(id="conversation")
            with Vertical(id="side"):
                yield SystemPanel("", id="system")
                with Vertical(id="processes-pane"):
                    yield ProcessTable(self.process_source, id="processes")
                yield AuditPane("", id="audit")
        yield Footer()

    def on_mount(self) -> None:
        self._main = main = self.screen  # panes are looked up here, not on whatever modal is on top
        self._conversation = main.query_one(ConversationPane)
        self._processes = main.query_one(ProcessTable)
        self._system = main.query_one(SystemPanel)
        self._audit = main.query_one(AuditPane)
        self.sub_title = escape_output(str(self.session.workspace))
        for pane, title in (("#files-pane", "files F3"), ("#conversation", "conversation F2"),
                            ("#system", "system"), ("#processes-pane", "processes F4 · c/m sort · k kill"),
                            ("#audit", "audit")):
            self.query_one(pane).border_title = title
        self._fit_side()
        self.query_one("#request", Input).focus()
        self._conversation.say(WELCOME, "dim")
        self._conversation.set_status(HINT)
        self.refresh_monitors()
        self.refresh_audit()
        if self.refresh_seconds > 0:
            self.set_interval(self.refresh_seconds, self.refresh_monitors)

    def on_resize(self) -> None:
        self._fit_side()

    def _fit_side(self) -> None:
        if not self._side_toggled:
            main = getattr(self, "_main", None)
            if main is not None:
                main.query_one("#side").display = self.size.width >= NARROW

    @property
    def conversation(self) -> ConversationPane:
        return self._conversation

    # -- actions ----------------------------------------------------------------------------

    def action_focus_pane(self, which: str) -> None:
        if self.screen is not self._main:  # a confirmation is open: answer it first
            return
        container = {"files": "#files-pane", "processes": "#side"}.get(which)
        if container:  # focusing a hidden pane shows it
            self._main.query_one(container).display = True
            self._side_toggled |= which == "processes"
        self._main.query_one(f"#{which}").focus()

    def action_toggle_pane(self, pane: str) -> None:
        if self.screen is not self._main:
            return
        widget = self._main.query_one(f"#{pane}")
        widget.display = not widget.display
        self._side_toggled |= pane == "side"

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_clear_selection(self) -> None:
        self.selection.clear()
        self._show_selection()

    def action_cancel(self) -> None:
        if not self.busy:
            return
        self.controls.cancel()
        self.notify("cancelling… (an action stops at its next check; a step that has finished stays done)")

    def _report_progress(self, text: str) -> None:
        """Called from the worker thread by RunControls."""
        try:
            self.call_from_thread(self._conversation.set_status, escape_output(text)[:100])
        except RuntimeError:  # called on the UI thread, or the app is closing
            pass

    def describe_action(self, name: str) -> None:
        spec = self.session.catalog.actions.get(name)
        if spec is not None:
            params = ", ".join(p.name for p in spec.params) or "no arguments"
            self.conversation.say(f"{spec.name} (risk {spec.risk}): {spec.summary}\n  arguments: {params}", "cyan")

    # -- selection from the panes -------------------------------------------------------------

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.toggle_selected(Path(event.path))

    def toggle_selected(self, path: Path) -> None:
        chosen = self.selection.toggle_file(path)
        self._show_selection()
        self.notify(("selected " if chosen else "unselected ") + escape_output(path.name), timeout=2)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.selection.pid = int(event.row_key.value)
        self._show_selection()

    def _show_selection(self) -> None:
        if not self.busy:
            self.conversation.set_status(escape_output(self.selection.describe()))

    # -- requests ------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        line = event.value.strip()
        if not line:
            return
        if self.busy:
            self.notify("still working on the last request (Esc cancels)", severity="warning")
            return
        event.input.value = ""
        self.conversation.show_request(line)
        self._start(line)
        self.run_request(line)

    def kill_process(self, pid: int) -> None:
        if self.busy:
            self.notify("still working on the last request", severity="warning")
            return
        request, plan = kill_plan(pid)
        self.conversation.show_request(request.line)
        self._start(request.line)
        self.run_kill(request, plan)

    def _start(self, line: str) -> None:
        self.busy = True
        self.controls.start()
        self.conversation.set_status(f"working: {escape_output(line)[:60]} … (Esc cancels)")

    @work(thread=True, group="pipeline")
    def run_request(self, line: str) -> None:
        self._finish_with(lambda: run_line(self.session, self.selection, line, self.confirmer))

    @work(thread=True, group="pipeline")
    def run_kill(self, request, plan) -> None:
        self._finish_with(lambda: run_plan(self.session, request, plan, self.confirmer))

    def _finish_with(self, produce: Callable[[], list]) -> None:
        try:
            turns, error = produce(), ""
        except Exception as exc:  # a bug must not take the desktop down; show it as one line
            turns, error = [], f"internal error: {type(exc).__name__}: {exc}"
        self._to_ui(self._show_turns, turns, error)

    def _to_ui(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run `callback` on the UI thread from a worker; nothing if the desktop has closed."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            pass

    def _show_turns(self, turns: list, error: str) -> None:
        for turn in turns:
            self.conversation.show_turn(turn)
            if turn.status != 0:
                self.notify(escape_output(turn.message or turn.decision)[:120], severity="warning", timeout=3)
        if error:
            self.conversation.say(escape_output(error), "red")
        self.busy = False
        self._show_selection()
        self.refresh_audit()

    # -- monitors ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="monitors")
    def refresh_monitors(self) -> None:
        try:
            rows, stats = self.process_source(), self.system_source()
        except Exception:  # a process vanished mid-read, /proc unreadable: try again next tick
            return
        self._to_ui(self._show_monitors, rows, stats)

    def _show_monitors(self, rows, stats) -> None:
        self._processes.show(rows)
        self._system.show(stats)

    @work(thread=True, exclusive=True, group="audit")
    def refresh_audit(self) -> None:
        from ...audit.verify import read_records, verify

        log = self.session.paths.audit_log
        try:
            report = verify(log)
            ok, count = report.ok, report.records
            records = read_records(log, limit=AUDIT_RECORDS)
        except Exception as exc:  # unreadable log: say so in the pane
            self._to_ui(self._audit.update, escape_output(f"cannot read the audit log: {exc}"))
            return
        self._to_ui(self._audit.show, records, ok, count)


def run_tui(env: Any, argv: list[str]) -> int:
    """`nlsh tui [--model PATH|URL]`: open the desktop; returns the exit status."""
    from ...app import open_session

    parser = argparse.ArgumentParser(prog="nlsh tui", description="Open the full-screen desktop.")
    parser.add_argument("--model", metavar="PATH|URL", help="a GGUF file or an OpenAI-compatible server URL")
    args = parser.parse_args(argv)
    app = NlshApp(lambda confirmer: open_session(env, confirmer=confirmer, model=args.model))
    app.run()
    return int(app.return_code or 0)
