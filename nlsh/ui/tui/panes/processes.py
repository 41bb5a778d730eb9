"""The process monitor: the busiest processes, refreshed, sortable by cpu or memory."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from ....textsafe import escape_name
from ..sources import ProcessRow, ProcessSource, sort_rows

__all__ = ["ProcessTable"]


class ProcessTable(DataTable):
    BINDINGS = [
        Binding("c", "sort('cpu')", "sort cpu"),
        Binding("m", "sort('memory')", "sort mem"),
        Binding("k", "kill", "kill"),
    ]

    def __init__(self, source: ProcessSource, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.source = source
        self.sort_key = "cpu"
        self.rows_shown: list[ProcessRow] = []

    def on_mount(self) -> None:
        self.add_column("pid", key="pid", width=7)
        self.add_column("cpu%", key="cpu", width=5)
        self.add_column("mem%", key="memory", width=5)
        self.add_column("name", key="name")

    def show(self, rows: list[ProcessRow]) -> None:
        """Replace the rows, keeping the cursor on the same pid where it is still there."""
        selected = self.selected_pid()
        self.rows_shown = sort_rows(rows, self.sort_key)
        self.clear()
        for r in self.rows_shown:
            self.add_row(str(r.pid), f"{r.cpu:.1f}", f"{r.memory:.1f}", escape_name(r.name), key=str(r.pid))
        if selected is not None and str(selected) in self.rows:
            self.move_cursor(row=self.get_row_index(str(selected)))

    def selected_pid(self) -> int | None:
        if not self.rows_shown or self.cursor_row < 0 or self.cursor_row >= len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row].pid

    def select_pid(self, pid: int) -> bool:
        if str(pid) not in self.rows:
            return False
        self.move_cursor(row=self.get_row_index(str(pid)))
        return True

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value in ("cpu", "memory"):
            event.stop()
            self.action_sort(event.column_key.value)

    def action_sort(self, key: str) -> None:
        self.sort_key = key
        self.show(self.rows_shown)
        self.notify(f"processes sorted by {key}", timeout=2)

    def action_kill(self) -> None:
        pid = self.selected_pid()
        if pid is not None:
            self.app.kill_process(pid)
