"""files.compare: which files differ between two folders, or whether two files differ (`diff -rq`).

Registered by nlsh.actions.files. Read only; symbolic links are compared by their targets'
text, never followed.
"""

from __future__ import annotations

import os
import stat

from ..errors import ActionFailed
from ..textsafe import escape_name
from ..types import Risk
from ._fstext import open_regular
from ._fsutil import absolute, check_cancelled, fs_error, name_key, shown
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["compare"]

_CHUNK = 1 << 16


def _lstat(ctx: ActionContext, path: str) -> os.stat_result:
    try:
        return os.lstat(path)
    except OSError as exc:
        raise fs_error(exc, shown(ctx, path)) from exc


def _same_content(ctx: ActionContext, a: str, b: str) -> bool:
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open_regular(ctx, a) as fa, open_regular(ctx, b) as fb:
        while True:
            check_cancelled(ctx)
            one, two = fa.read(_CHUNK), fb.read(_CHUNK)
            if one != two:
                return False
            if not one:
                return True


def _kind(st: os.stat_result) -> str:
    if stat.S_ISDIR(st.st_mode):
        return "directory"
    if stat.S_ISLNK(st.st_mode):
        return "symbolic link"
    if stat.S_ISREG(st.st_mode):
        return "regular empty file" if st.st_size == 0 else "regular file"
    return "special file"


def _names(path: str) -> list[str]:
    with os.scandir(path) as it:
        return [e.name for e in it]


class _Walk:
    """One `diff -rq` run: its output lines and structured differences."""

    def __init__(self, ctx: ActionContext) -> None:
        self.ctx = ctx
        self.lines: list[str] = []
        self.data: list[dict] = []

    def note(self, kind: str, line: str, **paths: str) -> None:
        self.lines.append(line)
        self.data.append({"kind": kind, **paths})

    def entry(self, a: str, b: str, shown_a: str, shown_b: str) -> None:
        sa, sb = os.lstat(a), os.lstat(b)
        if stat.S_ISDIR(sa.st_mode) and stat.S_ISDIR(sb.st_mode):
            self.folders(a, b, shown_a, shown_b)
        elif stat.S_ISREG(sa.st_mode) and stat.S_ISREG(sb.st_mode):
            if not _same_content(self.ctx, a, b):
                self.note("differ", f"Files {escape_name(shown_a)} and {escape_name(shown_b)} differ",
                          first=a, second=b)
        elif stat.S_ISLNK(sa.st_mode) and stat.S_ISLNK(sb.st_mode):
            if os.readlink(a) != os.readlink(b):
                self.note("differ", f"Symbolic links {escape_name(shown_a)} and {escape_name(shown_b)} differ",
                          first=a, second=b)
        elif stat.S_IFMT(sa.st_mode) != stat.S_IFMT(sb.st_mode):
            self.note("type", f"File {escape_name(shown_a)} is a {_kind(sa)} while file {escape_name(shown_b)}"
                      f" is a {_kind(sb)}", first=a, second=b)

    def folders(self, a: str, b: str, shown_a: str, shown_b: str) -> None:
        try:
            left, right = set(_names(a)), set(_names(b))
        except OSError as exc:
            raise fs_error(exc, escape_name(shown_a)) from exc
        for name in sorted(left | right, key=name_key):
            if name not in right:
                self.note("only", f"Only in {escape_name(shown_a)}: {escape_name(name)}", first=os.path.join(a, name))
            elif name not in left:
                self.note("only", f"Only in {escape_name(shown_b)}: {escape_name(name)}", second=os.path.join(b, name))
            else:
                self.entry(os.path.join(a, name), os.path.join(b, name),
                           os.path.join(shown_a, name), os.path.join(shown_b, name))


@action("files.compare", capabilities=("fs.read",), risk=Risk.R0)
def compare(ctx: ActionContext, first: InPath, second: InPath) -> ActionResult:
    """Say which files differ between two folders, or whether two files differ, like `diff -rq`.

    Prints "Files A/x and B/x differ" and "Only in A: y" lines; two folders that are the
    same print nothing, two files that are the same print "Files A and B are identical"
    (`diff -qs`); `data` says whether they are the same.

    Args:
        first: the first file or folder.
        second: the second file or folder.
    """
    a, b = absolute(ctx, first), absolute(ctx, second)
    sa, sb = _lstat(ctx, a), _lstat(ctx, b)
    if stat.S_ISDIR(sa.st_mode) != stat.S_ISDIR(sb.st_mode):
        raise ActionFailed(
            f"cannot compare {shown(ctx, a)} with {shown(ctx, b)}: one is a folder, the other is not",
            hint="compare two files or two folders",
        )
    run = _Walk(ctx)
    try:
        run.entry(a, b, ctx.display(a), ctx.display(b))
    except OSError as exc:
        raise fs_error(exc, shown(ctx, a)) from exc
    output = "\n".join(run.lines)
    if not run.lines and not stat.S_ISDIR(sa.st_mode):  # two files: say so, like `diff -qs`
        output = f"Files {shown(ctx, a)} and {shown(ctx, b)} are identical"
    return ActionResult(output=output, data={"same": not run.lines, "differences": run.data})
