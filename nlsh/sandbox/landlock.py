"""Which Landlock rules a sandboxed program gets.

Landlock can only allow (a rule on a directory grants everything beneath it), so "all of
the file system except these directories" is written as rules on the siblings of every
directory on the way down to each hidden one (`allowed_roots`). The launcher
(`launch.py`) turns the plan into syscalls inside the sandbox.

Inside bubblewrap, the mounts already hide what must not be seen, so Landlock only confines
writes (to the workspace, the private /tmp and /dev) and TCP. In the Landlock-only level it
also hides reads, in the way the mounts would have.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

__all__ = ["LandlockPlan", "Visibility", "abi_version", "allowed_roots", "plan"]

EXECUTE = 1 << 0
WRITE_FILE = 1 << 1
READ_FILE = 1 << 2
READ_DIR = 1 << 3
REMOVE_DIR = 1 << 4
REMOVE_FILE = 1 << 5
MAKE_CHAR = 1 << 6
MAKE_DIR = 1 << 7
MAKE_REG = 1 << 8
MAKE_SOCK = 1 << 9
MAKE_FIFO = 1 << 10
MAKE_BLOCK = 1 << 11
MAKE_SYM = 1 << 12
REFER = 1 << 13  # ABI 2
TRUNCATE = 1 << 14  # ABI 3
NET_BIND_TCP = 1 << 0  # ABI 4
NET_CONNECT_TCP = 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1

READ = READ_FILE | READ_DIR
_WRITE_ABI1 = (WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG
               | MAKE_SOCK | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM)
DEVICE_FILES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty",
                "/dev/ptmx", "/dev/pts")  # read and write, nothing else

_abi_cache: list[int] = []


def abi_version() -> int:
    """The Landlock ABI of this kernel (0: none), asked once."""
    if not _abi_cache:
        from .launch import landlock_abi

        _abi_cache.append(landlock_abi())
    return _abi_cache[0]


def write_rights(abi: int) -> int:
    rights = _WRITE_ABI1
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    return rights


@dataclass(frozen=True)
class Visibility:
    """One step of "what can be seen": show or hide `path` and everything beneath it.

    A deeper path wins over a shallower one, as a later mount over an earlier one does.
    """

    path: Path
    show: bool


def allowed_roots(steps: Iterable[Visibility], root: Path = Path("/")) -> list[Path]:
    """The fewest paths whose subtrees together are exactly what `steps` leaves visible.

    Everything starts visible. A directory with something hidden (or shown again) beneath
    it is left out and its children are listed instead, so such a directory cannot itself
    be listed. Symbolic links are skipped: what they point to has its own rule or none.
    """
    by_path = _without_redundant({Path(os.path.normpath(s.path)): s.show for s in steps}, root)
    found: list[Path] = []

    def walk(directory: Path, visible: bool) -> None:
        below = [p for p in by_path if directory in p.parents]
        if not below:
            if visible:
                found.append(directory)
            return
        children = {directory / p.parts[len(directory.parts)] for p in below}
        if visible:
            children |= set(_real_children(directory))
        for child in sorted(children):
            walk(child, by_path.get(child, visible))

    walk(root, by_path.get(root, True))
    return found


def _without_redundant(by_path: dict[Path, bool], root: Path) -> dict[Path, bool]:
    """Drop steps that change nothing (shown beneath something already shown, and so on)."""
    kept: dict[Path, bool] = {}
    for path in sorted(by_path, key=lambda p: len(p.parts)):
        inherited = next((kept[a] for a in path.parents if a in kept), True)
        if path == root or by_path[path] != inherited:
            kept[path] = by_path[path]
    return kept


def _real_children(directory: Path) -> list[Path]:
    try:
        with os.scandir(directory) as entries:
            return [directory / e.name for e in entries if not e.is_symlink()]
    except OSError:
        return []


@dataclass(frozen=True)
class LandlockPlan:
    abi: int
    handled_fs: int
    handled_net: int
    scoped: int
    rules: tuple[tuple[str, int], ...]

    def as_spec(self) -> dict:
        return {"abi": self.abi, "fs": self.handled_fs, "net": self.handled_net,
                "scoped": self.scoped, "rules": [list(r) for r in self.rules]}


def plan(*, abi: int, writable: Iterable[Path], net: bool, hide_reads: Iterable[Visibility] = (),
         excluded: Iterable[Path] = ()) -> LandlockPlan:
    """Rules for a program: writes only beneath `writable`, TCP only with `net`.

    `hide_reads` (Landlock-only level) also confines reads to what those steps leave
    visible; `excluded` are paths beneath a writable one that get no rule at all.
    """
    hide_reads = tuple(hide_reads)
    write = write_rights(abi)
    handled = write | (READ if hide_reads else 0)
    rules: list[tuple[str, int]] = []
    if hide_reads:
        rules += [(str(p), READ) for p in allowed_roots(hide_reads)]
    steps = [Visibility(Path("/"), False)] + [Visibility(Path(p), True) for p in writable]
    steps += [Visibility(Path(p), False) for p in excluded]
    rules += [(str(p), write | READ) for p in allowed_roots(steps)]
    rules += [(dev, READ_FILE | WRITE_FILE | (TRUNCATE if abi >= 3 else 0)) for dev in DEVICE_FILES]
    handled_net = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 and not net else 0
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
    return LandlockPlan(abi, handled, handled_net, scoped, tuple(rules))
