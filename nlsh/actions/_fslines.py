"""Line tools on one text file: files.line_range (sed -n 'A,Bp') and files.lines (sort, uniq, tac, cat -n).

Registered by nlsh.actions.files. Both only read: the file is never changed, the result is
printed. files.lines reads at most the first 1 MiB (sorting needs every line at once) and
says so when the file is longer.
"""

from __future__ import annotations

import re
from typing import Literal

from ..errors import ActionFailed
from ..textsafe import escape_output
from ..types import Risk
from ._fstext import LINE_CAP, READ_CAP, open_regular, read_capped, refuse_binary, truncation_note
from ._fsutil import absolute, check_cancelled
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["line_range", "lines"]

_READ_ONLY = dict(capabilities=("fs.read",), risk=Risk.R0)

How = Literal["unique", "distinct", "duplicates", "counted", "sorted", "reverse_sorted", "reversed", "numbered"]


def _shown(lines: list[str]) -> str:
    return escape_output("\n".join(lines))


@action("files.line_range", **_READ_ONLY)
def line_range(ctx: ActionContext, path: InPath, start: int, end: int | None = None) -> ActionResult:
    """Show some lines of a text file by number, like `sed -n 'START,ENDp'`.

    Args:
        path: the text file.
        start: the first line to show (the first line of the file is 1).
        end: the last line to show; just the start line when left out; -1 for the end of the file.
    """
    last = start if end is None else end
    if start < 1:
        raise ActionFailed(f"start must be 1 or more, not {start}", hint="the first line of a file is line 1")
    if last != -1 and last < start:
        raise ActionFailed(f"the range {start} to {last} is backwards", hint="give the smaller line number first")
    target = absolute(ctx, path)
    found: list[str] = []
    shown_bytes, number, cut = 0, 0, False
    with open_regular(ctx, target) as f:
        refuse_binary(ctx, f, target)
        while line := f.readline(LINE_CAP):
            number += 1
            if number % 4096 == 0:
                check_cancelled(ctx)
            if number < start:
                continue
            if shown_bytes + len(line) > READ_CAP:
                cut = True
                break
            shown_bytes += len(line)
            found.append(line.rstrip(b"\n").rstrip(b"\r").decode("utf-8", "replace"))
            if number == last:
                break
    output = _shown(found)
    if cut:
        output += f"\n[nlsh: stopped at line {number}: showed {shown_bytes} bytes, the most nlsh shows at once]"
    data = {"path": target, "start": start, "end": last, "lines": found, "truncated": cut, "lines_read": number}
    return ActionResult(output=output, data=data)


def _numeric_key(line: str) -> tuple[float, str]:
    """`sort -n`: the leading number (none counts as 0), then the whole line."""
    m = re.match(r"\s*(-?\d+(?:\.\d*)?|-?\.\d+)", line)
    return (float(m[1]) if m else 0.0, line)


def _sorted(rows: list[str], numeric: bool, reverse: bool = False) -> list[str]:
    key = _numeric_key if numeric else (lambda s: s.encode("utf-8", "surrogateescape"))
    return sorted(rows, key=key, reverse=reverse)


def _uniq(rows: list[str]) -> list[str]:
    return [r for i, r in enumerate(rows) if i == 0 or rows[i - 1] != r]


def _counted(rows: list[str], numeric: bool) -> list[str]:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r] = counts.get(r, 0) + 1
    return [f"{counts[r]:>7} {r}" for r in _sorted(list(counts), numeric)]


def _transform(rows: list[str], how: str, numeric: bool) -> list[str]:
    if how == "unique":
        return _uniq(rows)
    if how == "distinct":
        return _uniq(_sorted(rows, numeric))
    if how == "duplicates":
        once = _sorted(rows, numeric)
        return [r for i, r in enumerate(once) if i > 0 and once[i - 1] == r and (i < 2 or once[i - 2] != r)]
    if how == "counted":
        return _counted(rows, numeric)
    if how == "sorted":
        return _sorted(rows, numeric)
    if how == "reverse_sorted":
        return _sorted(rows, numeric, reverse=True)
    if how == "reversed":
        return rows[::-1]
    return [f"{n:>6}\t{r}" for n, r in enumerate(rows, start=1)]  # numbered


@action("files.lines", **_READ_ONLY)
def lines(ctx: ActionContext, path: InPath, how: How, numeric: bool = False) -> ActionResult:
    """Show a text file's lines sorted, de-duplicated, reversed or numbered (the file is not changed).

    Args:
        path: the text file.
        how: "unique" drops repeated adjacent lines (`uniq`); "distinct" sorts and keeps one of
            each (`sort -u`); "duplicates" shows each line that occurs more than once
            (`sort | uniq -d`); "counted" shows each distinct line with how often it occurs
            (`sort | uniq -c`); "sorted" (`sort`); "reverse_sorted" (`sort -r`); "reversed"
            shows the last line first (`tac`); "numbered" puts a line number before each
            line (`cat -n`).
        numeric: sort by the number each line starts with, like `sort -n`.
    """
    target = absolute(ctx, path)
    content, size, truncated = read_capped(ctx, target)
    rows = content.decode("utf-8", "surrogateescape").splitlines()
    result = _transform(rows, how, numeric)
    text = [r.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for r in result]
    output = _shown(text)
    if truncated:
        output += "\n" + truncation_note(len(content), size)
    return ActionResult(
        output=output, data={"path": target, "how": how, "lines": text, "truncated": truncated}
    )
