"""The table proc.list prints: CPU and memory sampled for many processes at once, sorted, aligned."""

from __future__ import annotations

import time
from typing import Any

from ..textsafe import escape_name
from ._procinfo import join_argv, username

__all__ = ["SORT_KEYS", "forest", "sample", "table"]

_CPU_SAMPLE_S = 0.1


def sample(procs: list[Any], *, command: bool = False) -> list[dict[str, Any]]:
    """CPU% over one short interval for every process at once, plus memory% (and command lines)."""
    import psutil

    for p in procs:
        try:
            p.cpu_percent(None)
        except psutil.Error:
            pass
    time.sleep(_CPU_SAMPLE_S)
    rows = []
    for p in procs:
        try:
            with p.oneshot():
                rows.append({
                    "pid": p.pid,
                    "ppid": p.ppid(),
                    "user": username(p),
                    "cpu": round(p.cpu_percent(None), 1),
                    "memory": round(p.memory_percent(), 1),
                    "name": p.name(),
                    **({"command": _command_line(p)} if command else {}),
                })
        except psutil.Error:
            continue
    return rows


def _command_line(p: Any) -> str:
    """The full command line, or the name in brackets (as ps shows kernel threads) when there is none."""
    import psutil

    try:
        argv = p.cmdline()
    except psutil.AccessDenied:
        argv = []
    return join_argv(argv) if argv else f"[{p.name()}]"


SORT_KEYS = {
    "cpu": lambda r: (-r["cpu"], -r["memory"], r["pid"]),
    "memory": lambda r: (-r["memory"], -r["cpu"], r["pid"]),
    "pid": lambda r: r["pid"],
    "name": lambda r: (r["name"].casefold(), r["pid"]),
}


def forest(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows parent before children, each with its "depth", like `ps -e --forest` (siblings by pid)."""
    pids = {r["pid"] for r in rows}
    children: dict[int | None, list[dict[str, Any]]] = {}
    for r in sorted(rows, key=lambda r: r["pid"]):
        children.setdefault(r["ppid"] if r["ppid"] in pids and r["ppid"] != r["pid"] else None, []).append(r)
    ordered: list[dict[str, Any]] = []
    stack = [(r, 0) for r in reversed(children.get(None, []))]
    while stack:
        row, depth = stack.pop()
        ordered.append({**row, "depth": depth})
        stack.extend((c, depth + 1) for c in reversed(children.get(row["pid"], [])))
    return ordered


def _branch(depth: int) -> str:
    """The indent ps --forest draws before a child: four spaces a level, then a backslash and an underscore."""
    return "    " * (depth - 1) + " \\_ " if depth else ""


def table(rows: list[dict[str, Any]], *, command: bool = False) -> str:
    width = max([len("PID")] + [len(str(r["pid"])) for r in rows])
    user_w = max([len("USER")] + [len(escape_name(r["user"])) for r in rows])
    last = "command" if command else "name"
    lines = [f"{'PID':>{width}} {'USER':<{user_w}}  CPU%  MEM% {last.upper()}"]
    for r in rows:
        lines.append(
            f"{r['pid']:>{width}} {escape_name(r['user']):<{user_w}} {r['cpu']:5.1f} {r['memory']:5.1f} "
            f"{_branch(r.get('depth', 0))}{escape_name(r[last])}"
        )
    return "\n".join(lines)
