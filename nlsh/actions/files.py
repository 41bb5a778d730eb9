"""Read-only file actions: list, find, read, head, tail, count, search, pwd, du, checksum, stat.

Each prints what the classic tool would (ls, find, cat, head, tail, wc, grep, pwd, du,
sha256sum, stat), with names escaped one per line; `data` holds the raw values. None of
them writes, follows a symlink while walking, blocks on a FIFO or device, or shows binary
content. The tree-walking actions (find, search, disk_usage) live in _fstree.py, the
per-file measures (count, checksum, stat) in _fsinfo.py; all are registered here.
"""

from __future__ import annotations

import os
import stat
from typing import Literal

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..textsafe import escape_name, escape_output
from ..types import Risk
from ._fsformat import long_rows, ls_total
from ._fscompare import compare
from ._fsinfo import checksum, count, stat_path
from ._fslines import line_range, lines
from ._fslink import link
from ._fsreport import count_entries, duplicates, largest
from ._fstext import head_lines, open_regular, read_capped, refuse_binary, tail_lines, truncation_note
from ._fstree import disk_usage, find, search
from ._fsutil import absolute, beneath_display, check_cancelled, fs_error, human_size, kind_of, name_key, shown
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = [
    "checksum",
    "compare",
    "count",
    "count_entries",
    "disk_usage",
    "duplicates",
    "find",
    "head",
    "largest",
    "line_range",
    "lines",
    "link",
    "list_dir",
    "nlsh_register_actions",
    "pwd",
    "read",
    "search",
    "stat_path",
    "tail",
]

_READ_ONLY = dict(capabilities=("fs.read",), risk=Risk.R0)


# --- files.list ---------------------------------------------------------------------


def _entry_data(name: str, path: str, st: os.stat_result) -> dict:
    item = {
        "name": name,
        "path": path,
        "type": kind_of(st),
        "size": st.st_size,
        "mtime": st.st_mtime,
        "mode": stat.filemode(st.st_mode),
    }
    if stat.S_ISLNK(st.st_mode):
        item["target"] = _readlink(path)
    return item


def _readlink(path: str) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


def _dir_items(ctx: ActionContext, folder: str, show_all: bool) -> list[tuple[str, str, os.stat_result]]:
    items = []
    with os.scandir(folder) as it:
        for entry in it:
            if entry.name.startswith(".") and not show_all:
                continue
            try:
                items.append((entry.name, entry.path, entry.stat(follow_symlinks=False)))
            except OSError:
                continue  # vanished while listing
    if show_all:
        for name in (".", ".."):
            path = os.path.normpath(os.path.join(folder, name))
            try:
                items.append((name, path, os.stat(os.path.join(folder, name))))
            except OSError:
                pass
    check_cancelled(ctx)
    return items


def _sorted_items(items: list, sort: str, reverse: bool) -> list:
    if sort == "size":
        key = lambda i: (-i[2].st_size, name_key(i[0]))  # noqa: E731
    elif sort == "time":
        key = lambda i: (-i[2].st_mtime_ns, name_key(i[0]))  # noqa: E731
    else:
        key = lambda i: name_key(i[0])  # noqa: E731
    return sorted(items, key=key, reverse=reverse)


def _render_items(items: list, long: bool, now: float, human: bool = False) -> list[str]:
    if not long:
        return [escape_name(name) for name, _, _ in items]
    rows = long_rows(
        [
            (escape_name(name), st, escape_name(_readlink(path) or "") if stat.S_ISLNK(st.st_mode) else None)
            for name, path, st in items
        ],
        now,
        human,
    )
    total = ls_total([st for _, _, st in items])
    return [f"total {human_size(total * 1024) if human else total}", *rows]


def _header(ctx: ActionContext, root: str, folder: str) -> str:
    return escape_name(beneath_display(ctx, root, folder)) + ":"


@action("files.list", **_READ_ONLY)
def list_dir(
    ctx: ActionContext,
    path: InPath = ".",
    all: bool = False,
    long: bool = False,
    recursive: bool = False,
    sort: Literal["name", "size", "time"] = "name",
    reverse: bool = False,
    top: int | None = None,
    human: bool = False,
) -> ActionResult:
    """List what is in a folder, one name per line, like `ls`.

    Args:
        path: the folder to list (a file lists just that file); the current folder by default.
        all: also show hidden entries (names starting with "."), and "." and "..", like `ls -a`.
        long: one detailed row per entry (permissions, links, owner, group, size, modification
            time, name) like `ls -l`.
        recursive: also list every folder inside, like `ls -R`.
        sort: order by "name", "size" (largest first) or "time" (newest first).
        reverse: reverse the order.
        top: show only the first this many entries, in the chosen order, like `ls -t | head -n N`.
        human: with long, sizes like "4.0K", "12M" instead of bytes, like `ls -lh`.
    """
    if top is not None and (top < 1 or recursive):
        raise ActionFailed("top must be 1 or more" if top < 1 else "top cannot be used with recursive",
                           hint="list the first N entries of one folder")
    root = absolute(ctx, path)
    now = ctx.env.clock()
    try:
        lst = os.lstat(root)
    except OSError as exc:
        raise fs_error(exc, shown(ctx, root)) from exc
    if not (stat.S_ISDIR(lst.st_mode) or (stat.S_ISLNK(lst.st_mode) and not long and os.path.isdir(root))):
        item = (ctx.display(root), root, lst)
        rows = _render_items([item], long, now, human)
        return ActionResult(output=rows[-1], data=[_entry_data(*item)])  # no "total" for a file
    sections, data, errors = [], [], []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            items = _sorted_items(_dir_items(ctx, folder, all), sort, reverse)[:top]
        except OSError as exc:
            if folder == root:
                raise fs_error(exc, shown(ctx, root)) from exc
            reason = (exc.strerror or str(exc)).lower()
            errors.append(f"cannot open directory {_header(ctx, root, folder)[:-1]}: {reason}")
            continue
        lines = _render_items(items, long, now, human)
        sections.append("\n".join(([_header(ctx, root, folder)] if recursive else []) + lines))
        data.extend(_entry_data(*item) for item in items)
        if recursive:
            subdirs = [p for n, p, st in items if stat.S_ISDIR(st.st_mode) and n not in (".", "..")]
            pending.extend(reversed(subdirs))
            ctx.progress(len(sections), None, "listing")
    output = "\n\n".join(sections)
    if errors:
        output += "\n" + "\n".join(f"nlsh: {e}" for e in errors)
    return ActionResult(output=output, data=data)


# --- files.read, head, tail ---------------------------------------------------------


def _text(lines: list[bytes]) -> str:
    return b"".join(lines).decode("utf-8", "replace")


def _shown_text(text: str) -> str:
    return escape_output(text[:-1] if text.endswith("\n") else text)


@action("files.read", **_READ_ONLY)
def read(ctx: ActionContext, path: InPath) -> ActionResult:
    """Show the whole content of a text file, like `cat` (at most the first 1 MiB).

    Args:
        path: the text file to show.
    """
    target = absolute(ctx, path)
    content, size, truncated = read_capped(ctx, target)
    text = content.decode("utf-8", "replace")
    output = _shown_text(text)
    if truncated:
        output += "\n" + truncation_note(len(content), size)
    return ActionResult(
        output=output, data={"path": target, "text": text, "size": size, "truncated": truncated}
    )


def _check_lines(lines: int) -> None:
    if lines < 0:
        raise ActionFailed(f"lines must be 0 or more, not {lines}")


def _lines_result(target: str, lines: list[bytes], cut: bool, size: int, part: str) -> ActionResult:
    text = _text(lines)
    output = _shown_text(text)
    if cut:
        output += "\n" + truncation_note(sum(map(len, lines)), size, part)
    return ActionResult(output=output, data={"path": target, "lines": text.splitlines(), "truncated": cut})


@action("files.head", **_READ_ONLY)
def head(ctx: ActionContext, path: InPath, lines: int = 10) -> ActionResult:
    """Show the first lines of a text file, like `head -n N`.

    Args:
        path: the text file.
        lines: how many lines to show from the start.
    """
    _check_lines(lines)
    target = absolute(ctx, path)
    with open_regular(ctx, target) as f:
        refuse_binary(ctx, f, target)
        found, cut = head_lines(f, lines)
        size = os.fstat(f.fileno()).st_size
    return _lines_result(target, found, cut, size, "first")


@action("files.tail", **_READ_ONLY)
def tail(ctx: ActionContext, path: InPath, lines: int = 10) -> ActionResult:
    """Show the last lines of a text file, like `tail -n N`.

    Args:
        path: the text file.
        lines: how many lines to show from the end.
    """
    _check_lines(lines)
    target = absolute(ctx, path)
    with open_regular(ctx, target) as f:
        refuse_binary(ctx, f, target)
        found, cut = tail_lines(f, lines)
        size = os.fstat(f.fileno()).st_size
    return _lines_result(target, found, cut, size, "last")


# --- files.pwd ----------------------------------------------------------------------


@action("files.pwd", **_READ_ONLY)
def pwd(ctx: ActionContext) -> ActionResult:
    """Show the current working folder (absolute path), like `pwd`."""
    return ActionResult(output=escape_name(str(ctx.cwd)), data={"path": str(ctx.cwd)})


@hookimpl
def nlsh_register_actions(register) -> None:  # type: ignore[no-untyped-def]
    for func in (list_dir, find, read, head, tail, count, search, pwd, disk_usage, checksum, stat_path,
                 line_range, lines, count_entries, largest, duplicates, compare, link):
        register(func)
