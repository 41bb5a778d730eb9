"""Data for the monitor panes, kept out of the widgets so tests can pass fixed values.

`process_rows()` and `system_stats()` read psutil; a pane takes any callable with the same
shape, which is how the snapshot tests get numbers that do not change between runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

__all__ = ["ProcessRow", "SystemStats", "process_rows", "system_stats", "sort_rows", "ProcessSource", "SystemSource"]


@dataclass(frozen=True)
class ProcessRow:
    pid: int
    name: str
    cpu: float
    memory: float
    user: str = ""


@dataclass(frozen=True)
class SystemStats:
    cpu: float
    memory: float
    disk: float
    memory_used: int = 0
    memory_total: int = 0
    disk_free: int = 0


ProcessSource = Callable[[], list[ProcessRow]]
SystemSource = Callable[[], SystemStats]


def process_rows() -> list[ProcessRow]:
    """Every process we may look at; cpu percent is since the previous call (0 the first time)."""
    import psutil

    rows = []
    for proc in psutil.process_iter(["pid", "name", "cpu_percent", "memory_percent", "username"]):
        info = proc.info
        rows.append(ProcessRow(
            info["pid"], info.get("name") or "?", float(info.get("cpu_percent") or 0.0),
            float(info.get("memory_percent") or 0.0), info.get("username") or "",
        ))
    return rows


def sort_rows(rows: list[ProcessRow], key: str, limit: int = 200) -> list[ProcessRow]:
    """The busiest first, by "cpu" or "memory"; ties broken by pid so the order is stable."""
    field = "memory" if key == "memory" else "cpu"
    return sorted(rows, key=lambda r: (-getattr(r, field), r.pid))[:limit]


def system_stats(disk_path: Path) -> SystemStats:
    import psutil

    mem = psutil.virtual_memory()
    try:
        disk = psutil.disk_usage(str(disk_path))
        disk_percent, disk_free = disk.percent, disk.free
    except OSError:
        disk_percent, disk_free = 0.0, 0
    return SystemStats(psutil.cpu_percent(interval=None), mem.percent, disk_percent,
                       mem.total - mem.available, mem.total, disk_free)
