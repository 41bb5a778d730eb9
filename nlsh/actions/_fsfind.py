"""Finding files by criteria: the walker behind files.find and the actions on what it finds.

`Criteria` holds what `find` tests (name, type, size, age, ...); `find_matches` walks a
folder once and returns what passes, as `find DIR ...` would print it: the folder as the
person wrote it (relative to the current folder), then the rest of the path. files.find
prints that; files.delete_found, copy_found and move_found (in _fsfound.py) act on it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Callable, Literal

from ..errors import ActionFailed
from ..textsafe import escape_name
from ..types import Risk
from ._fsutil import Entry, absolute, beneath_display, kind_of, name_key, parse_age, parse_size, walk
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["Criteria", "Found", "Kind", "find", "find_matches", "with_criteria_doc", "with_errors"]

MAX_RESULTS = 100_000  # find: entries shown at most
Kind = Literal["any", "file", "dir", "link"]
Check = Callable[[Entry, str, str], bool]  # entry, its name, its path as shown

CRITERIA_DOC = """\
        name: a case-sensitive glob the name must match, e.g. "*.py" or "report-??.txt".
        iname: a case-insensitive glob the name must match, e.g. "*.jpg" also finds "A.JPG".
        extension: the file extension the name must end with, e.g. "py" or ".py".
        type: only "file", "dir" (folders) or "link" (symbolic links); "any" for all.
        min_size: the smallest size of a file, e.g. "10M", "500k", "1G", or "200" bytes.
        max_size: the largest size of a file, e.g. "10M", "500k", "1G", or "200" bytes.
        newer_than: only things modified within this age, e.g. "30m", "3h", "2d", "1w".
        older_than: only things last modified longer ago than this age, e.g. "30d", "1y".
        empty: only empty files and empty folders.
        max_depth: how many levels below path to look (0 is path itself, 1 its direct entries).
        exclude: a glob of names to leave out, like `find ! -name`, e.g. "*.txt".
        path_match: a glob the whole path (as printed) must match, like `find -path`, e.g. "*test*".
"""


@dataclass(frozen=True)
class Criteria:
    """What a found thing must be; every field left at its default matches everything."""

    name: str | None = None
    iname: str | None = None
    extension: str | None = None
    type: Kind = "any"
    min_size: str | None = None
    max_size: str | None = None
    newer_than: str | None = None
    older_than: str | None = None
    empty: bool = False
    max_depth: int | None = None
    exclude: str | None = None
    path_match: str | None = None


@dataclass(frozen=True)
class Found:
    """One match: the path as `find` prints it, and what the walk saw."""

    display: str
    entry: Entry


def with_errors(output: str, errors: list[str]) -> str:
    lines = [f"nlsh: {e}" for e in errors[:20]]
    if len(errors) > 20:
        lines.append(f"nlsh: ... and {len(errors) - 20} more unreadable folders")
    return "\n".join([output, *lines] if output else lines)


def _is_empty(entry: Entry) -> bool:
    if stat.S_ISREG(entry.st.st_mode):
        return entry.st.st_size == 0
    if entry.is_dir:
        try:
            with os.scandir(entry.path) as it:
                return next(it, None) is None
        except OSError:
            return False
    return False


def _type_check(kind: str) -> Check:
    test = {"file": stat.S_ISREG, "dir": stat.S_ISDIR, "link": stat.S_ISLNK}[kind]
    return lambda e, n, p: test(e.st.st_mode)


def _checks(ctx: ActionContext, c: Criteria) -> list[Check]:
    checks: list[Check] = []
    if c.name:
        checks.append(lambda e, n, p: fnmatchcase(n, c.name))
    if c.iname:
        folded = c.iname.casefold()
        checks.append(lambda e, n, p: fnmatchcase(n.casefold(), folded))
    if c.extension is not None:
        suffix = "." + c.extension.lstrip(".")
        if suffix == ".":
            raise ActionFailed("extension is empty", hint='give it like "py" or ".py"')
        checks.append(lambda e, n, p: n.endswith(suffix))
    if c.exclude:
        checks.append(lambda e, n, p: not fnmatchcase(n, c.exclude))
    if c.path_match:
        checks.append(lambda e, n, p: fnmatchcase(p, c.path_match))
    if c.type != "any":
        checks.append(_type_check(c.type))
    if c.min_size is not None:
        low = parse_size(c.min_size, "min_size")
        checks.append(lambda e, n, p: not e.is_dir and e.st.st_size >= low)
    if c.max_size is not None:
        high = parse_size(c.max_size, "max_size")
        checks.append(lambda e, n, p: not e.is_dir and e.st.st_size <= high)
    now = ctx.env.clock()
    if c.newer_than is not None:
        since = now - parse_age(c.newer_than, "newer_than")
        checks.append(lambda e, n, p: e.st.st_mtime >= since)
    if c.older_than is not None:
        until = now - parse_age(c.older_than, "older_than")
        checks.append(lambda e, n, p: e.st.st_mtime < until)
    if c.empty:
        checks.append(lambda e, n, p: _is_empty(e))
    return checks


def find_matches(
    ctx: ActionContext,
    path: str,
    criteria: Criteria,
    *,
    errors: list[str],
    prune: Callable[[Entry], bool] | None = None,
    seen: list[Entry] | None = None,
    label: str = "finding",
) -> list[Found]:
    """What under path (path itself included) meets the criteria, sorted like `LC_ALL=C find`.

    prune: folders not to enter (they are still tested); seen: collects every entry walked.
    """
    if criteria.max_depth is not None and criteria.max_depth < 0:
        raise ActionFailed(f"max_depth must be 0 or more, not {criteria.max_depth}")
    root = absolute(ctx, path)
    checks = _checks(ctx, criteria)
    found: list[Found] = []
    for entry in walk(ctx, root, max_depth=criteria.max_depth, prune=prune, errors=errors, label=label):
        if seen is not None:
            seen.append(entry)
        shown_path = beneath_display(ctx, root, entry.path)
        match_name = entry.name if entry.depth else (os.path.basename(shown_path) or shown_path)
        if all(check(entry, match_name, shown_path) for check in checks):
            found.append(Found(shown_path, entry))
    found.sort(key=lambda f: name_key(f.display))
    return found


def with_criteria_doc(func):
    """Put the criteria's descriptions where a docstring says {criteria}: written once, for every action."""
    func.__doc__ = re.sub(r"[ \t]*\{criteria\}\n", lambda m: CRITERIA_DOC, func.__doc__)
    return func


@action("files.find", capabilities=("fs.read",), risk=Risk.R0)
@with_criteria_doc
def find(
    ctx: ActionContext,
    path: InPath = ".",
    name: str | None = None,
    iname: str | None = None,
    extension: str | None = None,
    type: Kind = "any",
    min_size: str | None = None,
    max_size: str | None = None,
    newer_than: str | None = None,
    older_than: str | None = None,
    empty: bool = False,
    max_depth: int | None = None,
    exclude: str | None = None,
    path_match: str | None = None,
    names_only: bool = False,
    min_depth: int = 0,
) -> ActionResult:
    """Find files and folders by name, type, size or age, like `find`; one path per line.

    Args:
        path: the folder to search in (and everything below it); the current folder by default.
        {criteria}
        names_only: print only the name of each thing found, without its folders (like `-printf '%f\\n'`).
        min_depth: leave out what is less deep than this (1 leaves out the folder searched, like `-mindepth 1`).
    """
    criteria = Criteria(name, iname, extension, type, min_size, max_size, newer_than, older_than, empty,
                        max_depth, exclude, path_match)
    errors: list[str] = []
    found = [f for f in find_matches(ctx, path, criteria, errors=errors) if f.entry.depth >= min_depth]
    shown = found[:MAX_RESULTS]
    lines = [escape_name(os.path.basename(f.display) or f.display if names_only else f.display) for f in shown]
    if len(found) > MAX_RESULTS:
        lines.append(f"[nlsh: showed the first {MAX_RESULTS} of {len(found)} matches]")
    data = [
        {"path": f.entry.path, "display": f.display, "type": kind_of(f.entry.st), "size": f.entry.st.st_size,
         "mtime": f.entry.st.st_mtime}
        for f in shown
    ]
    return ActionResult(output=with_errors("\n".join(lines), errors), data=data)
