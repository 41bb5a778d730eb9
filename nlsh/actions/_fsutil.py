"""Helpers shared by the read-only file actions: errors, sizes, ages and tree walking.

Everything here works on absolute path strings; names that are not valid UTF-8 arrive as
surrogate-escaped str (what os.scandir gives for a str path) and are kept that way.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from typing import Callable, Iterator

from ..errors import ActionFailed
from ..textsafe import escape_name
from .context import ActionContext

__all__ = [
    "Entry",
    "absolute",
    "beneath_display",
    "check_cancelled",
    "find_display",
    "fs_error",
    "human_size",
    "kind_of",
    "name_key",
    "parse_age",
    "parse_size",
    "shown",
    "walk",
]

_PROGRESS_EVERY = 256


def absolute(ctx: ActionContext, path: str) -> str:
    """The path as an absolute, normalised string (grounding already does this; be safe)."""
    joined = path if os.path.isabs(path) else os.path.join(str(ctx.cwd), path)
    return os.path.normpath(joined)


def shown(ctx: ActionContext, path: str) -> str:
    """A path as the person would type it, escaped for one line of output."""
    return escape_name(ctx.display(path))


def find_display(ctx: ActionContext, path: str) -> str:
    """A path as `find .` prints it: ".", "./sub/x" beneath cwd, absolute elsewhere."""
    cwd = os.path.normpath(str(ctx.cwd))
    if path == cwd:
        return "."
    if path.startswith(cwd.rstrip("/") + "/"):
        return "./" + path[len(cwd.rstrip("/")) + 1 :]
    return path


def beneath_display(ctx: ActionContext, root: str, path: str) -> str:
    """path as `grep -r`, `du` or `ls -R` print it when given root: root as typed, then the rest."""
    base = ctx.display(root)
    rel = os.path.relpath(path, root)
    return base if rel == "." else os.path.join(base, rel)


def name_key(name: str) -> bytes:
    """Sort key giving the byte order of `LC_ALL=C ls`."""
    return os.fsencode(name)


def fs_error(exc: OSError, what: str) -> ActionFailed:
    """A one-line ActionFailed for an OSError about `what` (already escaped for display)."""
    code = exc.errno
    if code == errno.ENOENT:
        return ActionFailed(f"{what}: no such file or directory", hint="check the name and the folder")
    if code in (errno.EACCES, errno.EPERM):
        return ActionFailed(f"{what}: permission denied")
    if code == errno.ENOTDIR:
        return ActionFailed(f"{what}: not a directory")
    if code == errno.EISDIR:
        return ActionFailed(f"{what}: is a directory")
    if code == errno.ELOOP:
        return ActionFailed(f"{what}: too many levels of symbolic links")
    return ActionFailed(f"{what}: {exc.strerror or exc}")


def kind_of(st: os.stat_result) -> str:
    """A short type word: file, dir, link, fifo, socket, char-device, block-device."""
    mode = st.st_mode
    for test, word in (
        (stat.S_ISREG, "file"),
        (stat.S_ISDIR, "dir"),
        (stat.S_ISLNK, "link"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "char-device"),
        (stat.S_ISBLK, "block-device"),
    ):
        if test(mode):
            return word
    return "other"


def check_cancelled(ctx: ActionContext) -> None:
    if ctx.cancelled.is_set():
        raise ActionFailed("cancelled", hint="nothing was changed")


# --- sizes and ages ---------------------------------------------------------------

# compiled on first use (re caches them), to keep start-up fast
_SIZE = r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:(b|c|bytes?)|([kmgtpe])(?:i?b)?)?\s*$"
_AGE = r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*(?:ago)?\s*$"
_AGE_UNITS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("", "d", "day", "days"), 86400),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7 * 86400),
    **dict.fromkeys(("mo", "mon", "month", "months"), 30 * 86400),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), 365 * 86400),
}


def parse_size(text: str, what: str = "size") -> int:
    """Bytes from "200", "500k", "10M", "1.5G", "2 MiB" (units are powers of 1024)."""
    m = re.match(_SIZE, text, re.IGNORECASE)
    if not m:
        raise ActionFailed(
            f"{what}: cannot read {escape_name(text)!r} as a size",
            hint='use a number of bytes or e.g. "500k", "10M", "1G"',
        )
    number = float(m.group(1))
    power = "kmgtpe".index(m.group(3).lower()) + 1 if m.group(3) else 0
    return int(number * 1024**power)


def parse_age(text: str, what: str = "age") -> float:
    """Seconds from "30m", "3h", "2d", "1w", "2 days", "6 months" (a bare number is days)."""
    m = re.match(_AGE, text, re.IGNORECASE)
    unit = m.group(2).lower() if m else None
    if not m or unit not in _AGE_UNITS:
        raise ActionFailed(
            f"{what}: cannot read {escape_name(text)!r} as an age",
            hint='use e.g. "30m" (minutes), "3h", "2d", "1w"',
        )
    return float(m.group(1)) * _AGE_UNITS[unit]


def human_size(n: int) -> str:
    """Like `du -h`: powers of 1024, rounded up, one decimal below 10 ("4.0K", "16K", "1.5M")."""
    if n < 1024:
        return str(n)
    for exp, unit in enumerate("KMGTPE", start=1):
        scale = 1024**exp
        if n >= 1024 * scale and unit != "E":
            continue
        tenths = -(-n * 10 // scale)
        if tenths < 100:
            return f"{tenths // 10}.{tenths % 10}{unit}"
        whole = -(-n // scale)
        if whole >= 1024 and unit != "E":
            continue
        return f"{whole}{unit}"
    return str(n)  # unreachable


# --- walking a tree -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One thing found while walking: absolute path, name, depth below the root, lstat."""

    path: str
    name: str
    depth: int
    st: os.stat_result

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.st.st_mode)


def walk(
    ctx: ActionContext,
    root: str,
    *,
    max_depth: int | None = None,
    prune: Callable[[Entry], bool] | None = None,
    errors: list[str] | None = None,
    label: str = "scanning",
) -> Iterator[Entry]:
    """Pre-order walk from root (yielded first, depth 0), children in byte order.

    Symlinks are never followed except the root itself. Directories for which `prune`
    returns True are yielded but not entered. Unreadable directories are noted in `errors`
    (escaped, relative to cwd) and skipped. Checks cancellation and reports progress.
    """
    try:
        root_st = os.stat(root)
    except FileNotFoundError:
        root_st = _lstat_or_fail(ctx, root)  # a dangling symlink is still something to list
    except OSError as exc:
        raise fs_error(exc, shown(ctx, root)) from exc
    stack = [Entry(root, os.path.basename(root) or root, 0, root_st)]
    seen = 0
    while stack:
        entry = stack.pop()
        yield entry
        seen += 1
        if seen % _PROGRESS_EVERY == 0:
            check_cancelled(ctx)
            ctx.progress(seen, None, label)
        if not entry.is_dir or (max_depth is not None and entry.depth >= max_depth):
            continue
        if prune is not None and entry.depth > 0 and prune(entry):
            continue
        stack.extend(reversed(_children(ctx, entry, errors)))
    check_cancelled(ctx)


def _lstat_or_fail(ctx: ActionContext, path: str) -> os.stat_result:
    try:
        return os.lstat(path)
    except OSError as exc:
        raise fs_error(exc, shown(ctx, path)) from exc


def _children(ctx: ActionContext, parent: Entry, errors: list[str] | None) -> list[Entry]:
    found = []
    try:
        with os.scandir(parent.path) as it:
            for item in it:
                try:
                    st = item.stat(follow_symlinks=False)
                except OSError:
                    continue  # vanished while we looked
                found.append(Entry(item.path, item.name, parent.depth + 1, st))
    except OSError as exc:
        if errors is not None:
            reason = (exc.strerror or str(exc)).lower()
            errors.append(escape_name(f"cannot read directory {find_display(ctx, parent.path)}: {reason}"))
        return []
    found.sort(key=lambda e: name_key(e.name))
    return found

