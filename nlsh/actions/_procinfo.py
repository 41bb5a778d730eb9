"""What proc.info shows about one process, and small helpers the process actions share."""

from __future__ import annotations

import time
from typing import Any

from ..textsafe import escape_name

__all__ = ["describe", "describe_text", "join_argv", "username"]

_CPU_SAMPLE_S = 0.1
_UNKNOWN = "? (permission denied)"


def username(proc: Any) -> str:
    """The process's user name; "?" when it cannot be read or the process has gone."""
    import psutil

    try:
        return proc.username()
    except (psutil.Error, KeyError):
        return "?"


def join_argv(argv: list[str]) -> str:
    """A command line as one shell-quoted string (not yet escaped for the terminal)."""
    import shlex

    return shlex.join(argv) if argv else ""


def _field(get: Any, default: Any = "?") -> Any:
    import psutil

    try:
        return get()
    except (psutil.AccessDenied, psutil.ZombieProcess, OSError):
        return default


def describe(p: Any) -> dict[str, Any]:
    """Everything proc.info reports; a field that cannot be read is None (or "?")."""
    cpu = _field(lambda: p.cpu_percent(_CPU_SAMPLE_S), None)  # not inside oneshot: it caches cpu times
    with p.oneshot():
        mem = _field(p.memory_info, None)
        conns = _field(lambda: p.net_connections(kind="inet"), None)
        files = _field(p.open_files, None)
        return {
            "pid": p.pid,
            "name": p.name(),
            "exe": _field(p.exe, ""),
            "cmdline": _field(p.cmdline, None),
            "user": username(p),
            "status": _field(p.status),
            "started": p.create_time(),
            "parent": _field(p.ppid, None),
            "cpu_percent": cpu,
            "memory_rss": mem.rss if mem else None,
            "memory_percent": round(_field(p.memory_percent, 0.0), 1),
            "threads": _field(p.num_threads, None),
            "open_files": len(files) if files is not None else None,
            "connections": [_connection(c) for c in conns] if conns is not None else None,
        }


def _connection(c: Any) -> str:
    local = f"{c.laddr.ip}:{c.laddr.port}" if c.laddr else "?"
    remote = f" -> {c.raddr.ip}:{c.raddr.port}" if c.raddr else ""
    return f"{local}{remote} {c.status}".strip()


def _human_bytes(n: int | None) -> str:
    if n is None:
        return "?"
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"


def _or_unknown(value: Any, unknown: str = "?") -> str:
    return unknown if value is None else str(value)


def describe_text(i: dict[str, Any]) -> str:
    """`label: value` lines, every name and command line escaped for the terminal."""
    conns = i["connections"]
    cmdline = _UNKNOWN if i["cmdline"] is None else escape_name(join_argv(i["cmdline"])) or "(none)"
    rows = [
        ("pid", str(i["pid"])),
        ("name", escape_name(i["name"])),
        ("exe", escape_name(i["exe"]) or _UNKNOWN),
        ("cmdline", cmdline),
        ("user", escape_name(i["user"])),
        ("status", str(i["status"])),
        ("parent", _or_unknown(i["parent"])),
        ("started", time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(i["started"]))),
        ("cpu", "?" if i["cpu_percent"] is None else f"{i['cpu_percent']:.1f}%"),
        ("memory", f"{_human_bytes(i['memory_rss'])} ({i['memory_percent']:.1f}%)"),
        ("threads", _or_unknown(i["threads"])),
        ("open files", _or_unknown(i["open_files"], _UNKNOWN)),
        ("connections", _UNKNOWN if conns is None else str(len(conns))),
    ]
    lines = [f"{label + ':':<13}{value}" for label, value in rows]
    lines += [f"  {escape_name(c)}" for c in (conns or [])]
    return "\n".join(lines)
