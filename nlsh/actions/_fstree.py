"""The actions that walk a tree: files.search and files.disk_usage (files.find is in _fsfind).

Registered by nlsh.actions.files; they are here only to keep that module small.
"""

from __future__ import annotations

import os
import re
import stat
from fnmatch import fnmatchcase
from typing import Literal

from ..errors import ActionFailed
from ..textsafe import escape_name, escape_output
from ..types import Risk
from ._fsfind import find, with_errors
from ._fstext import BINARY_SNIFF, is_binary, matching_lines, open_regular, refuse_binary
from ._fsutil import (
    Entry,
    absolute,
    beneath_display,
    check_cancelled,
    fs_error,
    human_size,
    kind_of,
    name_key,
    shown,
    walk,
)
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["disk_usage", "find", "search"]

_READ_ONLY = dict(capabilities=("fs.read",), risk=Risk.R0)
MAX_MATCHES = 10_000  # search: matching lines shown at most
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn"})


# --- files.search -------------------------------------------------------------------


def _compile(pattern: str, ignore_case: bool, fixed: bool, whole_word: bool) -> re.Pattern[str]:
    text = re.escape(pattern) if fixed else pattern
    if whole_word:
        text = rf"(?<!\w)(?:{text})(?!\w)"
    try:
        return re.compile(text, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise ActionFailed(
            f"cannot use {escape_name(pattern)!r} as a pattern: {exc}",
            hint="set fixed to true to search for the text exactly as written",
        ) from exc


def _files_to_search(
    ctx: ActionContext, root: str, include: str | None, exclude_dir: str | None, errors: list[str]
) -> list[str]:
    def prune(e: Entry) -> bool:
        return e.name in _SKIPPED_DIRS or (exclude_dir is not None and fnmatchcase(e.name, exclude_dir))

    files = []
    for entry in walk(ctx, root, prune=prune, errors=errors, label="listing files to search"):
        if stat.S_ISREG(entry.st.st_mode) and (include is None or fnmatchcase(entry.name, include)):
            files.append(entry.path)
    return files


def _search_file(
    ctx: ActionContext, path: str, regex: re.Pattern[str], invert: bool, single: bool, stop_at: int,
    errors: list[str],
) -> list[tuple[int, str]]:
    """Matching (line number, text); a binary file in a tree gives none, a single one fails."""
    try:
        f = open_regular(ctx, path)
    except ActionFailed as exc:
        if single:
            raise
        errors.append(exc.message)
        return []
    with f:
        if single:
            refuse_binary(ctx, f, path)
        elif is_binary(f.read(BINARY_SNIFF)):
            return []
        f.seek(0)
        found = []
        for number, text in matching_lines(ctx, f, regex, invert):
            found.append((number, text))
            if len(found) >= stop_at:
                break
        return found


@action("files.search", **_READ_ONLY)
def search(
    ctx: ActionContext,
    pattern: str,
    path: InPath = ".",
    ignore_case: bool = False,
    fixed: bool = False,
    whole_word: bool = False,
    include: str | None = None,
    files_only: bool = False,
    count: bool = False,
    invert: bool = False,
    line_numbers: bool = False,
    files_without: bool = False,
    exclude_dir: str | None = None,
) -> ActionResult:
    """Search for text in files, like `grep -r`; prints the matching lines.

    Args:
        pattern: what to look for: a regular expression (Python syntax), or literal text when
            fixed is true.
        path: the file, or the folder to search recursively (skipping binary files and .git);
            the current folder by default.
        ignore_case: match upper and lower case alike, like `grep -i`.
        fixed: treat pattern as literal text, not a regular expression, like `grep -F`.
        whole_word: match only whole words, like `grep -w`.
        include: a glob the file names must match, e.g. "*.py", like `grep --include`.
        files_only: print only the names of the files that match, like `grep -l`.
        count: print how many lines match (per file when searching a folder), like `grep -c`.
        invert: select the lines that do NOT match, like `grep -v`.
        line_numbers: put the line number before each line, like `grep -n`.
        files_without: print only the names of the files with no matching line, like `grep -L`.
        exclude_dir: a glob of folder names not to search in, like `grep --exclude-dir`, e.g. "node_modules".
    """
    regex = _compile(pattern, ignore_case, fixed, whole_word)
    root = absolute(ctx, path)
    try:
        single = not stat.S_ISDIR(os.stat(root).st_mode)
    except OSError as exc:
        raise fs_error(exc, shown(ctx, root)) from exc
    errors: list[str] = []
    files = [root] if single else _files_to_search(ctx, root, include, exclude_dir, errors)
    lines: list[str] = []
    data: list[dict] = []
    shown_lines = 0
    for done, target in enumerate(files):
        check_cancelled(ctx)
        stop_at = 1 if files_only or files_without else (10**12 if count else MAX_MATCHES - shown_lines)
        found = _search_file(ctx, target, regex, invert, single, stop_at, errors)
        ctx.progress(done + 1, len(files), "searching")
        prefix = "" if single else escape_name(beneath_display(ctx, root, target))
        if files_only or files_without:
            if bool(found) != files_without:
                lines.append(prefix or shown(ctx, target))
                data.append({"path": target})
            continue
        if count:
            if found or single:
                lines.append((f"{prefix}:" if prefix else "") + str(len(found)))
                data.append({"path": target, "count": len(found)})
            continue
        for number, text in found:
            tag = (f"{prefix}:" if prefix else "") + (f"{number}:" if line_numbers else "")
            lines.append(tag + escape_output(text))
            data.append({"path": target, "line": number, "text": text})
        shown_lines += len(found)
        if shown_lines >= MAX_MATCHES:
            lines.append(f"[nlsh: stopped after {MAX_MATCHES} matching lines]")
            break
    return ActionResult(output=with_errors("\n".join(lines), errors), data=data)


# --- files.disk_usage ---------------------------------------------------------------


def _measure(
    ctx: ActionContext, root: str, depth: int, errors: list[str]
) -> tuple[dict[str, int], list[Entry]]:
    """Disk usage (allocated blocks, hard links once) of root and each entry to `depth`."""
    totals: dict[str, int] = {}
    shown_entries: list[Entry] = []
    seen: set[tuple[int, int]] = set()
    ancestors: list[str] = []
    for entry in walk(ctx, root, errors=errors, label="measuring"):
        del ancestors[entry.depth :]
        ancestors.append(entry.path)
        st = entry.st
        if st.st_nlink > 1 and not entry.is_dir:
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
        size = st.st_blocks * 512
        for owner in ancestors[: min(entry.depth, depth) + 1]:
            totals[owner] = totals.get(owner, 0) + size
        if entry.depth <= depth:
            shown_entries.append(entry)
    return totals, shown_entries


@action("files.disk_usage", **_READ_ONLY)
def disk_usage(
    ctx: ActionContext,
    path: InPath = ".",
    depth: int = 1,
    sort: Literal["size", "name"] = "size",
    top: int | None = None,
    human: bool = True,
) -> ActionResult:
    """Show how much disk space a folder and the things in it use, like `du -ah -d N | sort -hr`.

    Args:
        path: the folder to measure; the current folder by default.
        depth: how many levels of entries to show below path (0 shows only the total).
        sort: "size" (largest first) or "name".
        top: show only this many of the largest (or first) entries, after the total.
        human: sizes like "4.0K", "12M", "1.5G"; false gives exact bytes.
    """
    if depth < 0:
        raise ActionFailed(f"depth must be 0 or more, not {depth}")
    if top is not None and top < 1:
        raise ActionFailed(f"top must be 1 or more, not {top}")
    root = absolute(ctx, path)
    errors: list[str] = []
    totals, entries = _measure(ctx, root, depth, errors)
    names = {e.path: beneath_display(ctx, root, e.path) for e in entries}
    rest = [e for e in entries if e.depth > 0]
    if sort == "size":
        rest.sort(key=lambda e: (-totals.get(e.path, 0), name_key(names[e.path])))
    else:
        rest.sort(key=lambda e: name_key(names[e.path]))
    chosen = [entries[0], *(rest[:top] if top is not None else rest)]
    lines, data = [], []
    for e in chosen:
        size = totals.get(e.path, 0)
        lines.append(f"{human_size(size) if human else size}\t{escape_name(names[e.path])}")
        data.append({"path": e.path, "display": names[e.path], "bytes": size, "type": kind_of(e.st)})
    return ActionResult(output=with_errors("\n".join(lines), errors), data=data)
