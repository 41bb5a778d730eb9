"""Processes: list, find, inspect and signal them.

psutil is imported inside each function so that start-up stays fast. Signalling refuses
PID 1, nlsh itself and the process that started nlsh; `protected_pids()` names those so that
the policy layer can deny such a step before anyone is asked to confirm it.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..textsafe import escape_name
from ..types import Preview, Risk
from ._procinfo import describe, describe_text, join_argv, username
from ._proctable import SORT_KEYS, forest, sample, table
from .context import ActionContext, ActionResult
from .registry import action

__all__ = ["protected_pids"]

SignalName = Literal["TERM", "KILL", "INT", "HUP", "STOP", "CONT", "USR1", "USR2"]


def protected_pids() -> set[int]:
    """PIDs no step may signal: 0 (the caller's process group), init, nlsh and its parent."""
    return {0, 1, os.getpid(), os.getppid()}


def _protected_reason(pid: int) -> str:
    if pid in (0, 1):
        return f"PID {pid} is {'init' if pid == 1 else 'the whole process group'}; nlsh never signals it"
    if pid == os.getpid():
        return f"PID {pid} is nlsh itself"
    return f"PID {pid} is the process that started nlsh"


def _snapshot(proc: Any) -> dict[str, Any] | None:
    """pid, name, user and cmdline of a process, or None when it has gone."""
    import psutil

    try:
        with proc.oneshot():
            name = proc.name()
            started = proc.create_time()
            user = username(proc)
            try:
                cmdline = proc.cmdline()
            except psutil.AccessDenied:
                cmdline = []
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return None
    return {"pid": proc.pid, "name": name, "user": user, "cmdline": cmdline, "started": started}


def _process(pid: int) -> Any:
    import psutil

    if pid < 1:
        raise ActionFailed(f"no process with pid {pid}", hint="a pid is a positive number")
    try:
        return psutil.Process(pid)
    except psutil.NoSuchProcess:
        raise ActionFailed(f"no process with pid {pid}") from None
    except psutil.AccessDenied:
        raise ActionFailed(f"permission denied for process {pid}") from None


def _matches(value: str, wanted: str | None) -> bool:
    return wanted is None or wanted.casefold() in value.casefold()


# ---------------------------------------------------------------- proc.list


@action("proc.list", capabilities=("proc.read",), risk=Risk.R0)
def list_processes(
    ctx: ActionContext,
    sort: Literal["cpu", "memory", "pid", "name"] = "cpu",
    limit: int = 10,
    user: str | None = None,
    name: str | None = None,
    command: bool = False,
    tree: bool = False,
) -> ActionResult:
    """List running processes with their CPU and memory use, like `top` or `ps aux`.

    Args:
        sort: order by "cpu" or "memory" use (highest first), by "pid" or by "name".
        limit: show at most this many processes (0 for all).
        user: only processes of this user.
        name: only processes whose name contains this text (case-insensitive).
        command: show each process's full command line instead of its name, like `ps -ef`.
        tree: every process under its parent, like `ps -e --forest` (sort and limit are not used).
    """
    import psutil

    procs = []
    for p in psutil.process_iter():
        if user is not None and username(p) != user:
            continue
        try:
            if not _matches(p.name(), name):
                continue
        except psutil.Error:
            continue
        procs.append(p)
    rows = sorted(sample(procs, command=command), key=SORT_KEYS[sort])
    if tree:
        rows = forest(rows)
    elif limit > 0:
        rows = rows[:limit]
    return ActionResult(output=table(rows, command=command), data=rows)


# ---------------------------------------------------------------- proc.find


def _pids_on_port(port: int) -> tuple[set[int], bool]:
    """PIDs with a socket on `port` (local or remote), and whether some were hidden from us."""
    import psutil

    try:
        conns = psutil.net_connections(kind="inet")
    except psutil.AccessDenied:
        raise ActionFailed("permission denied listing network connections") from None
    pids: set[int] = set()
    hidden = False
    for c in conns:
        ports = {c.laddr.port if c.laddr else None, c.raddr.port if c.raddr else None}
        if port in ports:
            if c.pid is None:
                hidden = True
            else:
                pids.add(c.pid)
    return pids, hidden


def _describe_query(name: str | None, port: int | None, user: str | None) -> str:
    parts = []
    if name is not None:
        parts.append(f"named {escape_name(name)!r}")
    if port is not None:
        parts.append(f"using port {port}")
    if user is not None:
        parts.append(f"of user {escape_name(user)!r}")
    return " ".join(parts)


@action("proc.find", capabilities=("proc.read",), risk=Risk.R0)
def find(
    ctx: ActionContext, name: str | None = None, port: int | None = None, user: str | None = None
) -> ActionResult:
    """Find processes by name, by network port or by user, like `pgrep -l` or `lsof -i :PORT`.

    Args:
        name: text the process name contains (case-insensitive), like `pgrep`.
        port: a TCP/UDP port the process listens on or is connected to.
        user: the user the process runs as.
    """
    import psutil

    if name is None and port is None and user is None:
        raise ActionFailed("say which processes to find", hint="give a name, a port or a user")
    hidden = False
    if port is not None:
        pids, hidden = _pids_on_port(port)
        candidates = [p for p in (_try_process(pid) for pid in sorted(pids)) if p is not None]
    else:
        candidates = list(psutil.process_iter())
    found = []
    for p in candidates:
        snap = _snapshot(p)
        if snap is None or not _matches(snap["name"], name):
            continue
        if user is not None and snap["user"] != user:
            continue
        found.append(snap)
    if not found:
        hint = "some connections belong to processes you cannot see" if hidden else ""
        raise ActionFailed(f"no process {_describe_query(name, port, user)}", hint=hint)
    found.sort(key=lambda s: s["pid"])
    output = "\n".join(f"{s['pid']} {escape_name(s['name'])}" for s in found)
    return ActionResult(output=output, data=found)


def _try_process(pid: int) -> Any | None:
    import psutil

    try:
        return psutil.Process(pid)
    except psutil.Error:
        return None


# ---------------------------------------------------------------- proc.pids


@action("proc.pids", capabilities=("proc.read",), risk=Risk.R0)
def pids(
    ctx: ActionContext,
    name: str | None = None,
    full: bool = False,
    user: str | None = None,
    pick: Literal["all", "newest", "oldest"] = "all",
    port: int | None = None,
) -> ActionResult:
    """The pids of processes by name, user or port, one per line, like `pgrep NAME`, `pidof` or `lsof -t -i :PORT`.

    Args:
        name: text the process name contains (case-insensitive); nlsh itself is never listed.
        full: match the text against the whole command line instead of the name, like `pgrep -f`.
        user: only processes of this user, like `pgrep -u`.
        pick: "all" of them, or only the "newest" or "oldest" one, like `pgrep -n` / `pgrep -o`.
        port: only processes with a socket on this TCP/UDP port.
    """
    import psutil

    if not (name or "").strip() and user is None and port is None:
        raise ActionFailed("say which processes to look for", hint="give a process name, a user or a port")
    hidden = False
    if port is not None:
        on_port, hidden = _pids_on_port(port)
        candidates = [p for p in (_try_process(pid) for pid in sorted(on_port)) if p is not None]
    else:
        candidates = list(psutil.process_iter())
    found = []
    for p in candidates:
        snap = _snapshot(p)
        if snap is None or snap["pid"] == os.getpid():
            continue
        text = join_argv(snap["cmdline"]) if full else snap["name"]
        if _matches(text, name) and (user is None or snap["user"] == user):
            found.append(snap)
    if not found:
        hint = "some connections belong to processes you cannot see" if hidden else ""
        raise ActionFailed(f"no process {_describe_query(name, port, user)}", hint=hint)
    found.sort(key=lambda s: s["pid"])
    if pick != "all":
        by_age = sorted(found, key=lambda s: (s["started"], s["pid"]))
        found = [by_age[-1] if pick == "newest" else by_age[0]]
    return ActionResult(output="\n".join(str(s["pid"]) for s in found), data=found)


# ---------------------------------------------------------------- proc.info


@action("proc.info", capabilities=("proc.read",), risk=Risk.R0)
def info(ctx: ActionContext, pid: int) -> ActionResult:
    """Show details of one process: command line, user, status, start time, CPU, memory, files.

    Args:
        pid: the process id.
    """
    import psutil

    p = _process(pid)
    try:
        details = describe(p)
    except psutil.NoSuchProcess:
        raise ActionFailed(f"no process with pid {pid}") from None
    except psutil.AccessDenied:
        raise ActionFailed(f"permission denied for process {pid}") from None
    return ActionResult(output=describe_text(details), data=details)


# ---------------------------------------------------------------- proc.signal


def _targets(pid: int | None, name: str | None, full: bool = False,
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(processes to signal, protected processes left out), by pid, by exact name, or by text in the command line."""
    import psutil

    if pid is None and name is None:
        raise ActionFailed("say which process to signal", hint="give a pid or a process name")
    if pid is not None:
        snap = _snapshot(_process(pid))
        if snap is None:
            raise ActionFailed(f"no process with pid {pid}")
        if name is not None and not (_matches(join_argv(snap["cmdline"]), name) if full else snap["name"] == name):
            wanted = _describe_target(name, full) if full else repr(escape_name(name))
            raise ActionFailed(f"process {pid} is {escape_name(snap['name'])!r}, not {wanted}")
        return [snap], []
    if full and not (name or "").strip():
        raise ActionFailed("say what the command line should contain")
    found = [s for s in (_snapshot(p) for p in psutil.process_iter())
             if s and (_matches(join_argv(s["cmdline"]), name) if full else s["name"] == name)]
    if not found:
        raise ActionFailed(f"no process {_describe_target(name or '', full)}")
    protected = protected_pids()
    return [s for s in found if s["pid"] not in protected], [s for s in found if s["pid"] in protected]


def _target_line(s: dict[str, Any]) -> str:
    return f"{s['pid']} {escape_name(s['name'])} ({escape_name(s['user'])}): {escape_name(join_argv(s['cmdline']))}"


def _describe_target(name: str, full: bool) -> str:
    return f"whose command line contains {escape_name(name)!r}" if full else f"named {escape_name(name)!r}"


def _preview_signal(
    ctx: ActionContext, pid: int | None = None, name: str | None = None, signal: SignalName = "TERM",
    full: bool = False,
) -> Preview:
    targets, skipped = _targets(pid, name, full)
    details = [_target_line(s) for s in targets]
    details += [f"left alone: {_protected_reason(s['pid'])}" for s in skipped]
    refused = [s["pid"] for s in targets if s["pid"] in protected_pids()]
    details += [f"refused: {_protected_reason(p)}" for p in refused]
    what = f"{len(targets)} process" + ("es" if len(targets) != 1 else "")
    if name is not None and pid is None:
        what += " " + _describe_target(name, full)
    return Preview(
        summary=f"send {signal} to {what}",
        targets=tuple(f"pid:{s['pid']}" for s in targets),
        count=len(targets),
        reversible=False,
        details=tuple(details) + ("not reversible",),
    )


def _send(snap: dict[str, Any], signum: int) -> str:
    """Signal one process; returns "sent" or "gone". Raises ActionFailed when not permitted."""
    import psutil

    pid = snap["pid"]
    try:
        proc = psutil.Process(pid)
        if proc.create_time() != snap["started"]:  # the pid was reused since we looked
            return "gone"
        proc.send_signal(signum)
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return "gone"
    except psutil.AccessDenied:
        raise ActionFailed(f"permission denied sending a signal to process {pid}") from None
    return "sent"


def _signal_resources(args: dict) -> list[str]:
    """The target pid as a policy resource ("pid:1" is denied before anyone is asked)."""
    return [f"pid:{args['pid']}"] if args.get("pid") is not None else []


@action("proc.signal", capabilities=("proc.signal",), risk=Risk.R2, preview=_preview_signal,
        resources=_signal_resources)
def send_signal(
    ctx: ActionContext, pid: int | None = None, name: str | None = None, signal: SignalName = "TERM",
    full: bool = False,
) -> ActionResult:
    """Send a signal to a process (by pid) or to every process with exactly this name, like `kill` / `pkill -x`.

    Args:
        pid: the process id.
        name: the exact process name; every process with this name gets the signal.
        signal: TERM asks to stop, KILL forces it, INT interrupts, HUP reloads, STOP/CONT pause and resume.
        full: match name as text anywhere in the command line instead (case-insensitive), like `pkill -f`.
    """
    import signal as signals

    if pid is not None and pid in protected_pids():
        raise ActionFailed(f"refused: {_protected_reason(pid)}")
    targets, skipped = _targets(pid, name, full)
    if not targets:
        raise ActionFailed(f"refused: {_protected_reason(skipped[0]['pid'])}")
    signum = getattr(signals, f"SIG{signal}")
    lines, data = [], []
    for snap in targets:
        result = _send(snap, signum)
        lines.append(f"{result} {signal} to {snap['pid']} ({escape_name(snap['name'])})"
                     if result == "sent" else f"{snap['pid']} ({escape_name(snap['name'])}) had already exited")
        data.append({"pid": snap["pid"], "name": snap["name"], "signal": signal, "result": result})
    if pid is not None and data[0]["result"] == "gone":
        raise ActionFailed(f"no process with pid {pid}")
    lines += [f"left alone: {_protected_reason(s['pid'])}" for s in skipped]
    return ActionResult(output="\n".join(lines), data=data)


@hookimpl
def nlsh_register_actions(register: Any) -> None:
    for func in (list_processes, find, pids, info, send_signal):
        register(func)
