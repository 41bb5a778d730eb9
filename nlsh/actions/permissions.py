"""files.chmod: change who may read, write or run files, like `chmod`, with undo.

A mode is octal ("644", "0755") or symbolic clauses as chmod takes them ("+x", "u+x",
"go-w", "a=r", "u+x,g-w"). The change never goes through a symbolic link: a link named
directly is refused (its own mode means nothing on Linux), and links met while walking a
folder with `recursive` are skipped. The previous modes are recorded, so undo puts them back.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import ActionFailed, BadArguments
from ..plugins import hookimpl
from ..sandbox.beneath import at_parent
from ..types import Preview, Risk
from ._fschange import fail, outside_workspace, reports_failure, show
from .context import ActionContext, ActionResult
from .registry import InPaths, action

__all__ = ["apply_mode", "chmod"]

_OCTAL = re.compile(r"^0?[0-7]{3}$|^[0-7]{4}$")
_CLAUSE = re.compile(r"^([ugoa]*)([-+=])([rwxXst]*)$")
_WHO = {"u": 0o4700, "g": 0o2070, "o": 0o0007}
_BITS = {"r": 0o444, "w": 0o222, "x": 0o111, "s": 0o6000, "t": 0o1000}
MAX_ENTRIES = 100_000


def apply_mode(mode: str, current: int, *, is_dir: bool = False) -> int:
    """The permission bits `mode` gives a file whose bits are now `current`."""
    mode = mode.strip()
    if _OCTAL.match(mode):
        return int(mode, 8)
    bits = stat.S_IMODE(current)
    for clause in mode.split(","):
        m = _CLAUSE.match(clause)
        if m is None or not (m[1] or m[2]):
            raise BadArguments(f"not a file mode: {mode!r}",
                               hint='use octal such as 644 or 755, or clauses such as +x, u+x, go-w, a=r')
        who, op, perms = m.groups()
        mask = sum(_WHO[w] for w in (who.replace("a", "ugo") or "ugo"))
        if not who:
            mask &= ~_umask()  # like chmod: "+w" with no one named leaves the umask's bits alone
        chosen = 0
        for p in perms:
            if p == "X":
                chosen |= _BITS["x"] if is_dir or bits & 0o111 else 0
            else:
                chosen |= _BITS[p]
        chosen &= mask
        if op == "+":
            bits |= chosen
        elif op == "-":
            bits &= ~chosen
        else:
            bits = (bits & ~(mask & 0o7777)) | chosen
    return bits


def _umask() -> int:
    """The process umask, read without changing it (os.umask would, racing other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _targets(ctx: ActionContext, paths: list[str], recursive: bool) -> list[str]:
    found: list[str] = []
    for path in paths:
        if os.path.islink(path):
            raise ActionFailed(f"{show(ctx, path)} is a symbolic link; nlsh changes the mode of real files only",
                               hint="name the file the link points to")
        found.append(path)
        if recursive and os.path.isdir(path):
            for top, dirs, files in os.walk(path):
                for name in dirs + files:
                    full = os.path.join(top, name)
                    if not os.path.islink(full):
                        found.append(full)
                if len(found) > MAX_ENTRIES:
                    raise ActionFailed(f"more than {MAX_ENTRIES} entries below {show(ctx, path)}; "
                                       "nlsh will not change them all at once")
    return found


def _set_mode(ctx: ActionContext, path: str, bits: int) -> None:
    with at_parent(ctx.workspace, path) as (folder, name):
        if stat.S_ISLNK(os.lstat(name, dir_fd=folder).st_mode):
            raise ActionFailed(f"{show(ctx, path)} became a symbolic link; its mode was left alone")
        os.chmod(name, bits, dir_fd=folder)


@reports_failure
def _preview_chmod(ctx: ActionContext, paths: list[str], mode: str, recursive: bool = False) -> Preview:
    targets = _targets(ctx, paths, recursive)
    details = []
    for path in targets[:20]:
        info = os.lstat(path)
        new = apply_mode(mode, info.st_mode, is_dir=stat.S_ISDIR(info.st_mode))
        details.append(f"{show(ctx, path)}: {stat.filemode(info.st_mode)[1:]} -> "
                       f"{stat.filemode(stat.S_IFMT(info.st_mode) | new)[1:]}")
    if len(targets) > 20:
        details.append(f"... and {len(targets) - 20} more")
    return Preview(summary=f"change the mode of {len(targets)} file(s) to {mode}", targets=tuple(paths),
                   count=len(targets), details=tuple(details), outside_workspace=outside_workspace(ctx, paths))


def _undo_chmod(ctx: ActionContext, data: dict) -> str:
    """Put back each file's previous mode."""
    restored = 0
    for path, bits in data.get("before", []):
        try:
            _set_mode(ctx, path, int(bits))
            restored += 1
        except (OSError, ActionFailed):
            continue
    return f"restored the mode of {restored} file(s)"


@action("files.chmod", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_chmod, undo=_undo_chmod)
def chmod(ctx: ActionContext, paths: InPaths, mode: str, recursive: bool = False) -> ActionResult:
    """Change the permissions of files or folders, like `chmod MODE FILE`.

    Args:
        paths: the files or folders to change.
        mode: octal like 644 or 755, or symbolic like +x, u+x, go-w, a=r.
        recursive: also change everything inside the folders named (links are skipped).
    """
    apply_mode(mode, 0)  # a bad mode fails before anything changes
    before: list[tuple[str, int]] = []
    for path in _targets(ctx, paths, recursive):
        try:
            info = os.lstat(path)
            bits = apply_mode(mode, info.st_mode, is_dir=stat.S_ISDIR(info.st_mode))
            _set_mode(ctx, path, bits)
        except OSError as exc:
            raise fail(ctx, exc, "change the mode of") from None
        before.append((path, stat.S_IMODE(info.st_mode)))
    lines = [f"mode of '{show(ctx, p)}' changed from {old:04o} to "
             f"{stat.S_IMODE(os.lstat(p).st_mode):04o}" for p, old in before[:50]]
    return ActionResult(output="\n".join(lines), data={"before": before, "mode": mode},
                        undo={"before": before})


@hookimpl
def nlsh_register_actions(register) -> None:
    register(chmod)
