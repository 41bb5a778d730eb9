"""The bubblewrap command line for one sandboxed program.

The whole file system is bound read-only; /dev, /dev/shm, /proc, /tmp and /run are
private; the person's home and /root are empty; the workspace is bound writable (its .git
read-only unless git.write is granted); nlsh's own directories are empty and read-only.
Mounts are emitted shallowest first, so a deeper path always wins over the one that
contains it, whatever order the caller lists them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .level import bwrap_namespace_args

__all__ = ["Mounts", "bwrap_argv"]

ROOT_CAPS = ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP")  # for the launcher's uid drop only


@dataclass(frozen=True)
class Mounts:
    """What the sandbox sees; every path absolute and already resolved."""

    workspace: Path
    hidden: tuple[Path, ...] = ()  # emptied with a tmpfs (home, /root)
    protected: tuple[Path, ...] = ()  # emptied and read-only (nlsh's own state)
    read_only: tuple[Path, ...] = ()  # bound read-only over whatever hid them (.git, python)
    tmp_size: int = 512 << 20


def bwrap_argv(bwrap: str, mounts: Mounts, *, as_root: bool, net: bool, seccomp_fd: int,
               command: list[str]) -> list[str]:
    """The full bwrap argv; the launcher (command) enters the working directory itself."""
    argv = [bwrap, "--die-with-parent", "--new-session", *bwrap_namespace_args(as_root=as_root, net=net),
            "--cap-drop", "ALL"]
    for cap in ROOT_CAPS if as_root else ():
        argv += ["--cap-add", cap]
    argv += ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    argv += _mount_args(mounts)
    argv += ["--chdir", "/", "--clearenv", "--seccomp", str(seccomp_fd), "--", *command]
    return argv


def _mount_ops(mounts: Mounts) -> list[tuple[Path, list[str], str]]:
    """(path, bwrap arguments, kind) for every mount, before ordering."""
    ops: list[tuple[Path, list[str], str]] = [
        (Path("/tmp"), ["--perms", "1777", "--size", str(mounts.tmp_size), "--tmpfs", "/tmp"], "tmpfs"),
        (Path("/run"), ["--perms", "0755", "--tmpfs", "/run"], "tmpfs"),
        (Path("/dev/shm"), ["--perms", "1777", "--size", str(mounts.tmp_size), "--tmpfs", "/dev/shm"],
         "tmpfs"),
    ]
    for path in mounts.hidden:
        if path.is_dir() and path != Path("/"):
            ops.append((path, ["--perms", "0755", "--tmpfs", str(path)], "tmpfs"))
    ops.append((mounts.workspace, ["--bind", str(mounts.workspace), str(mounts.workspace)], "bind"))
    for path in mounts.read_only:
        if path.exists():
            ops.append((path, ["--ro-bind", str(path), str(path)], "bind"))
    for path in mounts.protected:
        if path.is_dir():
            ops.append((path, ["--perms", "0755", "--tmpfs", str(path), "--remount-ro", str(path)], "tmpfs"))
        elif path.exists():
            ops.append((path, ["--ro-bind", "/dev/null", str(path)], "bind"))
    return ops


def _mount_args(mounts: Mounts) -> list[str]:
    ops = _mount_ops(mounts)
    for path, _, kind in list(ops):
        if kind == "bind":
            ops += [(parent, ["--perms", "0755", "--dir", str(parent)], "dir")
                    for parent in _parents_inside_tmpfs(path, ops)]
    ops.sort(key=lambda op: len(op[0].parts))  # stable: equal depth keeps the listed order
    return [arg for _, args, _ in ops for arg in args]


def _parents_inside_tmpfs(path: Path, ops: list[tuple[Path, list[str], str]]) -> list[Path]:
    """Ancestors of a bind target that bubblewrap would create in one of our tmpfs mounts.

    They are made 0755 (bubblewrap would copy the host's modes, often 0700, which the
    dropped uid could not cross). Never for a directory that is really the host's: `--dir`
    would chmod it.
    """
    mounted = {p: kind for p, _, kind in ops if kind != "dir"}
    found = []
    for parent in path.parents:
        owner = next((p for p in [parent, *parent.parents] if p in mounted), Path("/"))
        if owner != parent and mounted.get(owner) == "tmpfs":
            found.append(parent)
    return found
