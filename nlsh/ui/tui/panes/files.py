"""The workspace file browser, kept live by a watchdog observer.

Watchdog calls back on its own thread; events are marshalled to the UI thread with
`call_from_thread` and coalesced, so a burst of changes reloads the tree once.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import DirectoryTree

__all__ = ["WorkspaceTree"]

RELOAD_DELAY = 0.2


class WorkspaceTree(DirectoryTree):
    """Enter on a file, or s on a file or folder, adds it to (or removes it from) the selection."""

    BINDINGS = [Binding("s", "mark", "select")]

    def __init__(self, path: Path, *, watch: bool = True, **kwargs) -> None:
        super().__init__(path, **kwargs)
        self.workspace = Path(path)
        self.watch_enabled = watch
        self._observer = None
        self._reload_pending = False

    def on_mount(self) -> None:
        self.root.set_label(self.workspace.name or str(self.workspace))
        if self.watch_enabled:
            self._start_observer()

    def action_mark(self) -> None:
        node = self.cursor_node
        if node is not None and node.data is not None and node is not self.root:
            self.app.toggle_selected(Path(node.data.path))

    def on_unmount(self) -> None:
        self.stop_observer()

    def _start_observer(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        tree = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed", "closed_no_write"):
                    return
                try:
                    tree.app.call_from_thread(tree.schedule_reload)
                except RuntimeError:  # the app is closing
                    pass

        for make in (Observer, PollingObserver):  # polling when inotify is out of watches
            try:
                observer = make()
                observer.schedule(Handler(), str(self.workspace), recursive=True)
                observer.daemon = True
                observer.start()
            except OSError as exc:
                error = exc
                continue
            self._observer = observer
            return
        self.notify(f"not watching the workspace for changes: {error}", severity="warning")

    def stop_observer(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=2)
            self._observer = None

    def schedule_reload(self) -> None:
        if not self._reload_pending:
            self._reload_pending = True
            self.set_timer(RELOAD_DELAY, self._reload_now)

    async def _reload_now(self) -> None:
        self._reload_pending = False
        await self.reload()
