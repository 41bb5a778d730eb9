"""The per-file measuring actions: files.count (wc), files.checksum (sha256sum), files.stat.

Registered by nlsh.actions.files; they are here only to keep that module small.
"""

from __future__ import annotations

import os
import stat
from typing import Literal

from ..errors import ActionFailed
from ..textsafe import escape_name
from ..types import Risk
from ._fsformat import group_name, number_columns, owner_name, stat_text, stat_time, stat_type, wc_width
from ._fstext import Counts, count_file, open_regular
from ._fsutil import absolute, check_cancelled, fs_error, shown
from .context import ActionContext, ActionResult
from .registry import InPath, InPaths, action

__all__ = ["checksum", "count", "stat_path"]

_READ_ONLY = dict(capabilities=("fs.read",), risk=Risk.R0)


# --- files.count --------------------------------------------------------------------

_MEASURES = {
    "lines": ("lines",),
    "words": ("words",),
    "bytes": ("bytes",),
    "chars": ("chars",),
    "all": ("lines", "words", "bytes"),
}


def _split_dirs(ctx: ActionContext, paths: list[str]) -> tuple[list[str], list[str]]:
    files, dirs = [], []
    for p in (absolute(ctx, p) for p in paths):
        (dirs if os.path.isdir(p) else files).append(p)
    if not files and dirs:
        raise ActionFailed(
            f"{shown(ctx, dirs[0])} is a directory", hint="name the files in it, e.g. folder/*.txt"
        )
    if not files:
        raise ActionFailed("no files given", hint="name one or more files")
    return files, dirs


def _skipped_note(ctx: ActionContext, dirs: list[str]) -> str:
    if not dirs:
        return ""
    noun = "directory" if len(dirs) == 1 else "directories"
    return f"\nnlsh: skipped {len(dirs)} {noun}: " + ", ".join(shown(ctx, d) for d in dirs)


@action("files.count", **_READ_ONLY)
def count(
    ctx: ActionContext,
    paths: InPaths,
    what: Literal["lines", "words", "bytes", "chars", "all"] = "all",
) -> ActionResult:
    """Count the lines, words, bytes or characters of files, like `wc`: "N FILE" lines, then a total.

    Args:
        paths: the files to count (folders are skipped).
        what: "lines", "words", "bytes", "chars" (UTF-8 characters), or "all" (lines, words
            and bytes, like plain `wc`).
    """
    files, dirs = _split_dirs(ctx, paths)
    measures = _MEASURES[what]
    total, rows = Counts(), []
    for done, target in enumerate(files):
        counts = count_file(ctx, target, chars=what == "chars")
        total.add(counts)
        rows.append((target, counts))
        ctx.progress(done + 1, len(files), "counting")
    data = {
        "files": [{"path": p, **{m: getattr(c, m) for m in measures}} for p, c in rows],
        "total": {m: getattr(total, m) for m in measures},
    }
    # `wc -l FILE` prints "10 FILE": one number needs no column width
    width = 1 if len(rows) == 1 and len(measures) == 1 else wc_width([c.bytes for _, c in rows])
    lines = [number_columns([getattr(c, m) for m in measures], width, shown(ctx, p)) for p, c in rows]
    if len(rows) > 1:
        lines.append(number_columns([getattr(total, m) for m in measures], width, "total"))
    return ActionResult(output="\n".join(lines) + _skipped_note(ctx, dirs), data=data)


# --- files.pwd, checksum, stat --------------------------------------------------------


@action("files.checksum", **_READ_ONLY)
def checksum(
    ctx: ActionContext,
    paths: InPaths,
    algorithm: Literal["sha256", "sha1", "md5", "sha512"] = "sha256",
) -> ActionResult:
    """Compute file checksums, printed like `sha256sum`: "<hex>  <file>".

    Args:
        paths: the files to checksum (folders are skipped).
        algorithm: the hash: "sha256", "sha1", "md5" or "sha512".
    """
    import hashlib

    files, dirs = _split_dirs(ctx, paths)
    total = sum(os.stat(p).st_size if os.path.isfile(p) else 0 for p in files)
    done, lines, data = 0, [], []
    for target in files:
        digest = hashlib.new(algorithm)
        with open_regular(ctx, target) as f:
            while chunk := f.read(1 << 20):
                check_cancelled(ctx)
                digest.update(chunk)
                done += len(chunk)
                ctx.progress(done, total, "hashing")
        lines.append(f"{digest.hexdigest()}  {shown(ctx, target)}")
        data.append({"path": target, "algorithm": algorithm, "hex": digest.hexdigest()})
    return ActionResult(output="\n".join(lines) + _skipped_note(ctx, dirs), data=data)


@action("files.stat", **_READ_ONLY)
def stat_path(ctx: ActionContext, path: InPath) -> ActionResult:
    """Show a file's details (type, size, permissions, owner, times, link target), like `stat`.

    Args:
        path: the file, folder or link to describe (a link is described, not followed).
    """
    target = absolute(ctx, path)
    try:
        st = os.lstat(target)
    except OSError as exc:
        raise fs_error(exc, shown(ctx, target)) from exc
    link = _readlink(target) if stat.S_ISLNK(st.st_mode) else None
    data = {
        "path": target,
        "type": stat_type(st),
        "size": st.st_size,
        "mode": f"{stat.S_IMODE(st.st_mode):04o}",
        "permissions": stat.filemode(st.st_mode),
        "owner": owner_name(st.st_uid),
        "group": group_name(st.st_gid),
        "uid": st.st_uid,
        "gid": st.st_gid,
        "links": st.st_nlink,
        "inode": st.st_ino,
        "mtime": stat_time(st.st_mtime_ns),
        "atime": stat_time(st.st_atime_ns),
        "ctime": stat_time(st.st_ctime_ns),
        "target": link,
    }
    text = stat_text(shown(ctx, target), st, escape_name(link) if link is not None else None)
    return ActionResult(output=text, data=data)


def _readlink(path: str) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None
