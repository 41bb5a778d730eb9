"""Text transformations people ask of sed, cut and tr: replace text, pick columns, change case.

files.replace edits the file in place by default (the old content goes to nlsh's trash
through files.write, so undo brings it back); with `in_place` false it only prints the
result, as `sed` without -i does. files.columns and files.case only print.
Only text files are read, and at most the capped prefix nlsh reads everywhere.
"""

from __future__ import annotations

import re
from typing import Literal

from ..errors import ActionFailed, BadArguments
from ..plugins import hookimpl
from ..types import Preview, Risk
from ._fscreate import _undo_write, write
from ._fschange import reports_failure, show
from ._fstext import read_capped
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["case", "columns", "replace"]

MAX_SHOWN = 2000  # lines printed by columns/case/replace without in_place


def _text(ctx: ActionContext, path: str) -> str:
    data, _, truncated = read_capped(ctx, path)
    if truncated:
        raise ActionFailed(f"{show(ctx, path)} is larger than nlsh edits or reshapes at once",
                           hint="split it, or run sed/cut with '!'")
    return data.decode("utf-8", errors="surrogateescape")


def _printed(text: str) -> str:
    lines = text.splitlines()
    if len(lines) > MAX_SHOWN:
        lines = lines[:MAX_SHOWN] + [f"... {len(lines) - MAX_SHOWN} more lines"]
    return "\n".join(lines)


def _substitute(text: str, old: str, new: str, regex: bool, ignore_case: bool) -> tuple[str, int]:
    if not old:
        raise BadArguments("say what text to replace", hint="e.g. replace foo with bar in notes.txt")
    try:
        pattern = re.compile(old if regex else re.escape(old), re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise BadArguments(f"not a valid pattern: {exc}") from None
    return pattern.subn(new if regex else (lambda _: new), text)


@reports_failure
def _preview_replace(ctx: ActionContext, path: str, old: str, new: str, regex: bool = False,
                     ignore_case: bool = False, in_place: bool = True) -> Preview:
    changed, n = _substitute(_text(ctx, path), old, new, regex, ignore_case)
    where = "in" if in_place else "in a printed copy of"
    details = [line for line in changed.splitlines() if new and new in line][:5]
    return Preview(summary=f"replace {n} occurrence(s) of {old!r} with {new!r} {where} {show(ctx, path)}",
                   targets=(path,), count=n, details=tuple(details))


@action("files.replace", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_replace, undo=_undo_write)  # files.write made the change
def replace(ctx: ActionContext, path: InPath, old: str, new: str, regex: bool = False,
            ignore_case: bool = False, in_place: bool = True) -> ActionResult:
    """Replace every occurrence of some text in a text file, like `sed -i 's/OLD/NEW/g' FILE`.

    Args:
        path: the text file.
        old: the text to find (a regular expression if regex is true).
        new: the text to put instead.
        regex: treat old as a regular expression.
        ignore_case: match old in any case.
        in_place: change the file (true), or only print the changed text (false), like sed without -i.
    """
    changed, n = _substitute(_text(ctx, path), old, new, regex, ignore_case)
    if not in_place:
        return ActionResult(output=_printed(changed), data={"path": path, "replaced": n})
    if n == 0:
        return ActionResult(output=f"{old!r} does not occur in {show(ctx, path)}; nothing changed",
                            data={"path": path, "replaced": 0})
    written = write(ctx, path, changed)
    return ActionResult(output=f"replaced {n} occurrence(s) of {old!r} in {show(ctx, path)}",
                        data={"path": path, "replaced": n}, undo=written.undo)


def _fields(spec: str) -> list[tuple[int, int | None]]:
    """"2" / "1,3" / "2-4" / "3-" -> ranges of 1-based field numbers, as cut -f reads them."""
    ranges = []
    for part in spec.replace(" ", "").split(","):
        m = re.fullmatch(r"(\d+)(?:(-)(\d+)?)?", part)
        if not m or int(m[1]) < 1:
            raise BadArguments(f"not a list of column numbers: {spec!r}", hint="e.g. 2, 1,3 or 2-4")
        start = int(m[1])
        end = int(m[3]) if m[3] else (None if m[2] else start)
        ranges.append((start, end))
    return ranges


@action("files.columns", capabilities=("fs.read",), risk=Risk.R0)
def columns(ctx: ActionContext, path: InPath, fields: str, delimiter: str | None = None) -> ActionResult:
    """Print some columns (fields) of each line of a text file, like `cut -d DELIM -f LIST`.

    Args:
        path: the text file.
        fields: the column numbers, from 1: "2", "1,3" or "2-4".
        delimiter: the character between columns; by default a tab if the file has tabs, else a comma for .csv files, else runs of spaces (like awk).
    """
    text = _text(ctx, path)
    ranges = _fields(fields)
    if delimiter is None:
        delimiter = "\t" if "\t" in text else "," if path.lower().endswith(".csv") else ""
    out = []
    for line in text.splitlines():
        cells = line.split(delimiter) if delimiter else line.split()
        picked = [cell for i, cell in enumerate(cells, 1)
                  if any(start <= i and (end is None or i <= end) for start, end in ranges)]
        out.append((delimiter or " ").join(picked))
    return ActionResult(output=_printed("\n".join(out)), data={"path": path, "fields": fields})


@action("files.case", capabilities=("fs.read",), risk=Risk.R0)
def case(ctx: ActionContext, path: InPath, to: Literal["upper", "lower"] = "upper") -> ActionResult:
    """Print a text file converted to upper or lower case, like `tr a-z A-Z < FILE` (the file is not changed).

    Args:
        path: the text file.
        to: "upper" or "lower".
    """
    text = _text(ctx, path)
    return ActionResult(output=_printed(text.upper() if to == "upper" else text.lower()), data={"path": path})


@hookimpl
def nlsh_register_actions(register) -> None:
    for func in (replace, columns, case):
        register(func)
