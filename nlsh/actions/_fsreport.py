"""Questions about a tree: how many entries (ls | wc -l), the largest files, duplicate files.

Registered by nlsh.actions.files. All read only; the walks never follow a symbolic link,
and version-control folders (.git, .hg, .svn) are left out of the largest-files and
duplicates reports, where their packed objects would only be noise.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from typing import Literal

from ..errors import ActionFailed
from ..textsafe import escape_name
from ..types import Risk
from ._fstext import open_regular
from ._fsutil import Entry, absolute, beneath_display, check_cancelled, fs_error, human_size, name_key, shown, walk
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["count_entries", "duplicates", "largest"]

_READ_ONLY = dict(capabilities=("fs.read",), risk=Risk.R0)
_VCS = frozenset({".git", ".hg", ".svn"})


def _folder(ctx: ActionContext, path: str) -> str:
    root = absolute(ctx, path)
    try:
        st = os.stat(root)
    except OSError as exc:
        raise fs_error(exc, shown(ctx, root)) from exc
    if not stat.S_ISDIR(st.st_mode):
        raise ActionFailed(f"{shown(ctx, root)} is not a directory", hint="name a folder")
    return root


def _with_errors(output: str, errors: list[str]) -> str:
    notes = [f"nlsh: {e}" for e in errors[:20]]
    return "\n".join([output, *notes] if output else notes)


# --- files.count_entries ------------------------------------------------------------


@action("files.count_entries", **_READ_ONLY)
def count_entries(
    ctx: ActionContext,
    path: InPath = ".",
    type: Literal["any", "file", "dir"] = "any",
    recursive: bool = False,
    all: bool = False,
    tree: bool = False,
    name: str | None = None,
) -> ActionResult:
    """Count the entries in a folder and print just the number, like `ls | wc -l`.

    Args:
        path: the folder; the current folder by default.
        type: what to count: "any" entry, only regular "file"s, or only folders ("dir").
        recursive: count everything beneath the folder too, like `find DIR -mindepth 1 | wc -l`.
        all: also count hidden entries (names starting with "."), and look inside hidden folders.
        tree: count the whole tree, the folder itself included, like `find DIR | wc -l` (implies recursive).
        name: count only entries whose name matches this shell pattern, like `find -name '*.py'`.
    """
    root = _folder(ctx, path)
    errors: list[str] = []
    hidden = (lambda e: e.name.startswith(".")) if not all else (lambda e: False)
    total = 0
    recursive = recursive or tree
    for entry in walk(ctx, root, max_depth=None if recursive else 1, prune=hidden, errors=errors, label="counting"):
        if (entry.depth == 0 and not tree) or (entry.depth > 0 and hidden(entry)):
            continue
        if name is not None and not fnmatch.fnmatchcase(entry.name, name):
            continue
        mode = entry.st.st_mode
        if type == "any" or (type == "file" and stat.S_ISREG(mode)) or (type == "dir" and stat.S_ISDIR(mode)):
            total += 1
    data = {"path": root, "type": type, "recursive": recursive, "tree": tree, "name": name, "count": total}
    return ActionResult(output=_with_errors(str(total), errors), data=data)


# --- files.largest ------------------------------------------------------------------


def _regular_files(ctx: ActionContext, root: str, errors: list[str]) -> list[Entry]:
    prune = lambda e: e.name in _VCS  # noqa: E731
    return [
        e for e in walk(ctx, root, prune=prune, errors=errors)
        if stat.S_ISREG(e.st.st_mode) and e.depth > 0 and e.name not in _VCS
    ]


@action("files.largest", **_READ_ONLY)
def largest(
    ctx: ActionContext,
    path: InPath = ".",
    top: int = 10,
    smallest: bool = False,
    human: bool = True,
) -> ActionResult:
    """The largest (or smallest) files anywhere beneath a folder, with their sizes, largest first.

    Prints "SIZE<tab>PATH" lines like `find DIR -type f -exec du -h {} + | sort -rh | head`,
    with each file's own size (not disk blocks). Version-control folders are skipped.

    Args:
        path: the folder to look in (all its subfolders too); the current folder by default.
        top: how many files to show.
        smallest: show the smallest files instead, smallest first.
        human: sizes like "4.0K", "12M"; false gives exact bytes.
    """
    if top < 1:
        raise ActionFailed(f"top must be 1 or more, not {top}")
    root = _folder(ctx, path)
    errors: list[str] = []
    found = _regular_files(ctx, root, errors)
    sign = 1 if smallest else -1
    found.sort(key=lambda e: (sign * e.st.st_size, name_key(e.path)))
    lines, data = [], []
    for e in found[:top]:
        shown_path = beneath_display(ctx, root, e.path)
        size = e.st.st_size
        lines.append(f"{human_size(size) if human else size}\t{escape_name(shown_path)}")
        data.append({"path": e.path, "display": shown_path, "bytes": size})
    return ActionResult(output=_with_errors("\n".join(lines), errors), data=data)


# --- files.duplicates ---------------------------------------------------------------


def _digest(ctx: ActionContext, path: str) -> str | None:
    import hashlib

    digest = hashlib.sha256()
    try:
        with open_regular(ctx, path) as f:
            while chunk := f.read(1 << 20):
                check_cancelled(ctx)
                digest.update(chunk)
    except ActionFailed:
        return None  # vanished or unreadable: it cannot be shown to be a copy
    return digest.hexdigest()


@action("files.duplicates", **_READ_ONLY)
def duplicates(ctx: ActionContext, path: InPath = ".") -> ActionResult:
    """Find files with identical content beneath a folder, like `fdupes -rn`.

    Prints each group of identical files one path per line, groups separated by a blank
    line. Empty files and version-control folders are left out.

    Args:
        path: the folder to look in (all its subfolders too); the current folder by default.
    """
    root = _folder(ctx, path)
    errors: list[str] = []
    by_size: dict[int, list[Entry]] = {}
    for e in _regular_files(ctx, root, errors):
        if e.st.st_size > 0:
            by_size.setdefault(e.st.st_size, []).append(e)
    groups: list[list[str]] = []
    for same_size in by_size.values():
        if len(same_size) < 2:
            continue
        by_hash: dict[str, list[str]] = {}
        for e in same_size:
            digest = _digest(ctx, e.path)
            if digest is not None:
                by_hash.setdefault(digest, []).append(e.path)
        groups.extend(sorted(g, key=name_key) for g in by_hash.values() if len(g) > 1)
    groups.sort(key=lambda g: name_key(g[0]))
    shown_groups = [[beneath_display(ctx, root, p) for p in g] for g in groups]
    output = "\n\n".join("\n".join(escape_name(p) for p in g) for g in shown_groups)
    data = [{"paths": g, "bytes": os.path.getsize(g[0]) if os.path.exists(g[0]) else None} for g in groups]
    return ActionResult(output=_with_errors(output, errors), data=data)
