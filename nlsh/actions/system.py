"""Facts about the machine: CPU, memory, disks, uptime, load, network, user, OS, date, host,
environment variables and where a program is installed (`which`).

Each action prints short text shaped like the classic tool (`free -h`, `df -h`, `uptime -p`,
`date`, `whoami`...) and returns the numbers in `data`. psutil is imported when used.
"""

from __future__ import annotations

import os
import time
from typing import Any, Literal

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..textsafe import escape_name
from ..types import Risk
from .context import ActionContext, ActionResult
from .registry import action

_READ = {"capabilities": ("proc.read",), "risk": Risk.R0}


def human_size(n: float) -> str:
    """Binary sizes the way `free -h` and `df -h` print them: 512B, 3.2Gi / 15Gi."""
    value = float(n)
    for unit in ("B", "Ki", "Mi", "Gi", "Ti", "Pi"):
        if abs(value) < 1024 or unit == "Pi":
            if unit == "B":
                return f"{value:.0f}B"
            return f"{value:.1f}{unit}" if abs(value) < 10 else f"{value:.0f}{unit}"
        value /= 1024
    return f"{value:.0f}Pi"  # pragma: no cover


def _columns(rows: list[list[str]], left: int = 1) -> str:
    """Rows aligned in columns: the first `left` columns left-aligned, the others right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(("model name", "Hardware", "Processor")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine() or "unknown"


@action("system.cpu", **_READ)
def cpu(ctx: ActionContext) -> ActionResult:
    """Show the processor: model, cores, current use and frequency, like `lscpu`."""
    import psutil

    usage = psutil.cpu_percent(interval=0.1)
    freq = psutil.cpu_freq()
    data = {
        "model": _cpu_model(),
        "physical_cores": psutil.cpu_count(logical=False),
        "logical_cores": psutil.cpu_count(logical=True),
        "percent": usage,
        "mhz": round(freq.current) if freq else None,
    }
    lines = [
        f"model: {escape_name(data['model'])}",
        f"cores: {data['physical_cores'] or '?'} physical, {data['logical_cores']} logical",
        f"usage: {usage:.1f}%",
    ]
    if data["mhz"]:
        lines.append(f"frequency: {data['mhz']} MHz")
    return ActionResult(output="\n".join(lines), data=data)


@action("system.memory", **_READ)
def memory(ctx: ActionContext) -> ActionResult:
    """Show memory and swap use, like `free -h`."""
    import psutil

    vm = psutil.virtual_memory()
    sw = psutil.swap_memory()
    buff_cache = getattr(vm, "buffers", 0) + getattr(vm, "cached", 0)
    shared = getattr(vm, "shared", 0)
    rows = [
        ["", "total", "used", "free", "shared", "buff/cache", "available"],
        ["Mem:"] + [human_size(v) for v in (vm.total, vm.used, vm.free, shared, buff_cache, vm.available)],
        ["Swap:"] + [human_size(v) for v in (sw.total, sw.used, sw.free)] + ["", "", ""],
    ]
    data = {
        "total": vm.total, "used": vm.used, "free": vm.free, "shared": shared,
        "buff_cache": buff_cache, "available": vm.available, "percent": vm.percent,
        "swap_total": sw.total, "swap_used": sw.used, "swap_free": sw.free,
    }
    return ActionResult(output=_columns(rows), data=data)


def _mount_of(path: str, mounts: list[Any]) -> Any | None:
    """The partition whose mount point holds `path` (the longest matching mount point)."""
    best = None
    for m in mounts:
        mp = m.mountpoint
        if path == mp or path.startswith(mp.rstrip("/") + "/"):
            if best is None or len(mp) > len(best.mountpoint):
                best = m
    return best


def _disk_row(device: str, mountpoint: str, fstype: str) -> dict[str, Any] | None:
    import psutil

    try:
        u = psutil.disk_usage(mountpoint)
    except OSError:
        return None
    return {
        "filesystem": device, "type": fstype, "mountpoint": mountpoint,
        "total": u.total, "used": u.used, "free": u.free, "percent": round(u.percent),
    }


def _disk_rows(ctx: ActionContext, path: str | None) -> list[dict[str, Any]]:
    import psutil

    mounts = psutil.disk_partitions(all=path is not None)
    if path is None:
        rows, seen = [], set()
        for m in mounts:
            if m.mountpoint in seen:
                continue
            seen.add(m.mountpoint)
            row = _disk_row(m.device, m.mountpoint, m.fstype)
            if row and row["total"] > 0:
                rows.append(row)
        return rows
    if path == "~" or path.startswith("~/"):
        path = str(ctx.env.home) + path[1:]
    target = os.path.realpath(os.path.join(ctx.cwd, path))
    if not os.path.exists(target):
        raise ActionFailed(f"no such file or directory: {escape_name(path)}")
    m = _mount_of(target, mounts)
    row = _disk_row(m.device, m.mountpoint, m.fstype) if m else _disk_row("-", target, "")
    if row is None:
        raise ActionFailed(f"cannot read disk usage of {escape_name(path)}")
    return [row]


@action("system.disks", **_READ)
def disks(ctx: ActionContext, path: str | None = None) -> ActionResult:
    """Show disk space per file system, like `df -h`.

    Args:
        path: only the file system holding this file or folder.
    """
    rows = _disk_rows(ctx, path)
    table = [["Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"]]
    for r in rows:
        table.append([
            escape_name(r["filesystem"]), human_size(r["total"]), human_size(r["used"]),
            human_size(r["free"]), f"{r['percent']}%", escape_name(r["mountpoint"]),
        ])
    widths = [max(len(t[i]) for t in table) for i in range(6)]
    lines = []
    for t in table:
        cells = [t[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(t[1:5], widths[1:5])] + [t[5]]
        lines.append(" ".join(cells))
    return ActionResult(output="\n".join(lines), data=rows)


def duration_words(seconds: float) -> str:
    """`uptime -p` wording: "up 2 days, 3 hours, 5 minutes"."""
    minutes = int(seconds // 60)
    parts = []
    for unit, size in (("week", 7 * 24 * 60), ("day", 24 * 60), ("hour", 60), ("minute", 1)):
        count, minutes = divmod(minutes, size)
        if count:
            parts.append(f"{count} {unit}{'s' if count != 1 else ''}")
    return "up " + (", ".join(parts) if parts else "0 minutes")


@action("system.uptime", **_READ)
def uptime(ctx: ActionContext) -> ActionResult:
    """Show how long the machine has been running, like `uptime -p`."""
    import psutil

    boot = psutil.boot_time()
    seconds = max(0.0, ctx.env.clock() - boot)
    return ActionResult(output=duration_words(seconds), data={"seconds": int(seconds), "boot_time": boot})


@action("system.load", **_READ)
def load(ctx: ActionContext) -> ActionResult:
    """Show the load average over 1, 5 and 15 minutes, like `uptime`."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        raise ActionFailed("the load average is not available on this system") from None
    cores = os.cpu_count() or 1
    data = {"1m": one, "5m": five, "15m": fifteen, "cpus": cores}
    return ActionResult(output=f"load average: {one:.2f}, {five:.2f}, {fifteen:.2f} ({cores} CPUs)", data=data)


def _interface(name: str, addrs: list[Any], stats: Any, io: Any) -> dict[str, Any]:
    import socket

    import psutil

    families = {socket.AF_INET: "ipv4", socket.AF_INET6: "ipv6", psutil.AF_LINK: "mac"}
    found = [
        {"family": families[a.family], "address": a.address, "netmask": a.netmask}
        for a in addrs
        if a.family in families
    ]
    return {
        "name": name,
        "up": bool(stats and stats.isup),
        "mtu": stats.mtu if stats else None,
        "addresses": found,
        "bytes_sent": io.bytes_sent if io else None,
        "bytes_recv": io.bytes_recv if io else None,
    }


@action("system.network", **_READ)
def network(ctx: ActionContext) -> ActionResult:
    """Show network interfaces with their state and addresses, like `ip -brief address`."""
    import psutil

    addrs = psutil.net_if_addrs()
    stats = psutil.net_if_stats()
    try:
        io = psutil.net_io_counters(pernic=True)
    except (OSError, RuntimeError):
        io = {}
    data = [_interface(n, addrs.get(n, []), stats.get(n), io.get(n)) for n in sorted(set(addrs) | set(stats))]
    rows = []
    for i in data:
        ips = [a["address"] for a in i["addresses"] if a["family"] != "mac"]
        rows.append([escape_name(i["name"]), "UP" if i["up"] else "DOWN", " ".join(escape_name(x) for x in ips)])
    return ActionResult(output=_columns(rows, left=3) if rows else "no network interfaces", data=data)


def _user_name() -> str:
    import pwd

    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@action("system.whoami", **_READ)
def whoami(ctx: ActionContext) -> ActionResult:
    """Show the name of the user nlsh runs as, like `whoami`."""
    name = _user_name()
    return ActionResult(output=escape_name(name), data={"user": name, "uid": os.geteuid()})


def _os_release() -> dict[str, str]:
    fields: dict[str, str] = {}
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    key, sep, value = line.strip().partition("=")
                    if sep:
                        fields[key] = value.strip().strip('"').strip("'")
            return fields
        except OSError:
            continue
    return fields


@action("system.os", **_READ)
def operating_system(ctx: ActionContext) -> ActionResult:
    """Show the operating system, its version, the kernel and the architecture, like `uname -a`."""
    u = os.uname()
    release = _os_release()
    data = {
        "system": u.sysname, "kernel": u.release, "version": u.version, "machine": u.machine,
        "distribution": release.get("PRETTY_NAME") or release.get("NAME") or "",
    }
    lines = [escape_name(data["distribution"])] if data["distribution"] else []
    lines.append(f"{u.sysname} {escape_name(u.release)} {u.machine}")
    return ActionResult(output="\n".join(lines), data=data)


_DATE_FORMATS = {"iso": "%Y-%m-%dT%H:%M:%S%z", "date": "%Y-%m-%d", "time": "%H:%M:%S"}


@action("system.date", **_READ)
def date(ctx: ActionContext, utc: bool = False,
         format: Literal["default", "iso", "date", "time", "unix"] = "default") -> ActionResult:
    """Show the current date and time, like `date`.

    Args:
        utc: in UTC instead of local time, like `date -u`.
        format: "default" like `date`, "iso" like `date -Iseconds`, "date" like `date +%F`,
            "time" like `date +%T`, "unix" (seconds since 1970) like `date +%s`.
    """
    now = ctx.env.clock()
    local = time.gmtime(now) if utc else time.localtime(now)
    zone = "UTC" if utc else time.strftime("%Z", local)
    iso = time.strftime("%Y-%m-%dT%H:%M:%S%z", local)
    if format == "unix":
        text = str(int(now))
    elif format == "iso":
        offset = "+0000" if utc else time.strftime("%z", local)
        text = time.strftime("%Y-%m-%dT%H:%M:%S", local) + f"{offset[:3]}:{offset[3:]}"
    elif format in _DATE_FORMATS:
        text = time.strftime(_DATE_FORMATS[format], local)
    else:
        text = time.strftime("%a %b ", local) + f"{local.tm_mday:>2}" + time.strftime(" %H:%M:%S ", local) + \
            f"{zone} {local.tm_year}"
    return ActionResult(output=text, data={"epoch": now, "iso": iso, "timezone": zone})


@action("system.hostname", **_READ)
def hostname(ctx: ActionContext) -> ActionResult:
    """Show the name of this machine, like `hostname`."""
    import socket

    name = socket.gethostname()
    return ActionResult(output=escape_name(name), data={"hostname": name})


@action("system.home", **_READ)
def home(ctx: ActionContext) -> ActionResult:
    """Show the path of the user's home folder, like `echo $HOME`."""
    path = str(ctx.env.home)
    return ActionResult(output=escape_name(path), data={"path": path})


_SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE", "CREDENTIAL")


def _secret(name: str) -> bool:
    return any(word in name.upper() for word in _SECRET_WORDS)


def _all_env(ctx: ActionContext) -> ActionResult:
    """Every variable as NAME=value, like `printenv`; the values of secrets are hidden."""
    lines = [f"{escape_name(k)}={'(hidden)' if _secret(k) else escape_name(v)}" for k, v in ctx.env.environ.items()]
    shown = {k: v for k, v in ctx.env.environ.items() if not _secret(k)}
    return ActionResult(output="\n".join(lines), data={"variables": shown})


@action("system.env", **_READ)
def env(ctx: ActionContext, name: str | None = None, split: bool = False) -> ActionResult:
    """Show the value of one environment variable, like `printenv NAME`, or all of them, like `printenv`.

    Values of variables whose names suggest a secret (tokens, passwords, keys) are not shown.

    Args:
        name: the variable, e.g. "PATH", "HOME" or "EDITOR"; left out, every variable.
        split: one entry per line, split at ":", like `echo "$PATH" | tr : '\\n'`.
    """
    if name is None:
        return _all_env(ctx)
    name = name.strip().lstrip("$").strip("{}")
    if not name or any(c.isspace() or c == "=" for c in name):
        raise ActionFailed(f"{escape_name(name)!r} is not a variable name")
    if _secret(name):
        raise ActionFailed(f"nlsh does not show {escape_name(name)}: its name suggests a secret")
    if name not in ctx.env.environ and name.upper() in ctx.env.environ:
        name = name.upper()  # "$path" for PATH
    if name not in ctx.env.environ:
        raise ActionFailed(f"the environment variable {escape_name(name)} is not set")
    value = ctx.env.environ[name]
    if split:
        entries = value.split(os.pathsep)
        return ActionResult(output="\n".join(escape_name(e) for e in entries),
                            data={"name": name, "value": value, "entries": entries})
    return ActionResult(output=escape_name(value), data={"name": name, "value": value})


@action("system.which", **_READ)
def which(ctx: ActionContext, program: str) -> ActionResult:
    """Show where a program is installed: the first match on PATH, like `which PROGRAM`.

    Args:
        program: the program's name, e.g. "python3" or "git".
    """
    import shutil

    program = program.strip()
    if not program or "/" in program or any(c.isspace() for c in program):
        raise ActionFailed(f"{escape_name(program)!r} is not a program name")
    search = ctx.env.environ.get("PATH", "")
    found = shutil.which(program, path=search)
    if found is None:
        raise ActionFailed(f"no {escape_name(program)} on PATH", hint="it is not installed, or not on PATH")
    return ActionResult(output=escape_name(found), data={"program": program, "path": found})


@hookimpl
def nlsh_register_actions(register: Any) -> None:
    for func in (cpu, memory, disks, uptime, load, network, whoami, operating_system, date, hostname, home, env,
                 which):
        register(func)
