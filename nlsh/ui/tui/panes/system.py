"""The system panel: cpu, memory and disk as bars."""

from __future__ import annotations

from textual.widgets import Static

from ....preview import human_bytes
from ..sources import SystemStats

__all__ = ["SystemPanel", "bar"]


def bar(percent: float, width: int = 10) -> str:
    filled = max(0, min(width, round(percent / 100 * width)))
    return "█" * filled + "░" * (width - filled)


class SystemPanel(Static):
    def show(self, s: SystemStats) -> None:
        self.update("\n".join([
            f"cpu  {bar(s.cpu)} {s.cpu:5.1f}%",
            f"mem  {bar(s.memory)} {s.memory:5.1f}% of {human_bytes(s.memory_total)}",
            f"disk {bar(s.disk)} {s.disk:5.1f}%, {human_bytes(s.disk_free)} free",
        ]))
