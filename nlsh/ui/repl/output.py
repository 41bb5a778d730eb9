"""Writing to the person's terminal: colour, tables for structured results, paging.

Colour is used only where `env.color` allows it (a terminal, and no NO_COLOR). Results are
shown from the action's structured data when there is a better form for a terminal than
its plain text (process and disk-usage tables, coloured listings); everything shown is
escaped for the terminal first. Output longer than the screen goes through `less -R` when
both ends are a terminal, and is printed as is otherwise.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from typing import Any, Callable, Iterable, Sequence

from ...env import Environment
from ...textsafe import escape_name, escape_output
from ...types import ExitStatus, Outcome, Turn

__all__ = ["Console", "format_outcome", "render_turn", "table"]

_SGR = {
    "bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34",
    "magenta": "35", "cyan": "36", "bold-blue": "1;34", "bold-red": "1;31", "bold-green": "1;32",
}
_PAGER = ("less", "-R", "-F", "-X", "-K")

Paint = Callable[[str, str], str]


class Console:
    """The REPL's view of the terminal: the Environment's streams plus prompt_toolkit's."""

    def __init__(self, env: Environment, *, input: Any = None, output: Any = None, page: bool = True) -> None:
        self.env = env
        self.input = input  # prompt_toolkit Input (a pipe in tests)
        self.output = output  # prompt_toolkit Output (DummyOutput in tests)
        self.color = env.color
        self.page = page and env.stdout_isatty and env.stdin_isatty
        self.lock = threading.RLock()
        self.before_write: Callable[[], None] = lambda: None  # the spinner clears its line here

    def paint(self, text: str, style: str) -> str:
        if not self.color or not style or style not in _SGR:
            return text
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m"

    def write(self, text: str = "", style: str = "") -> None:
        """One or more lines of already-escaped text."""
        with self.lock:
            self.before_write()
            self.env.stdout.write(self.paint(text, style) + "\n")
            self.env.stdout.flush()

    def error(self, text: str) -> None:
        with self.lock:
            self.before_write()
            self.env.stderr.write(self.paint(f"nlsh: {escape_output(text)}", "red") + "\n")
            self.env.stderr.flush()

    def raw(self, text: str) -> None:
        """Control sequences of nlsh's own (the spinner's line), never untrusted text."""
        with self.lock:
            self.env.stdout.write(text)
            self.env.stdout.flush()

    def rows(self) -> int:
        try:
            return int(self.output.get_size().rows)
        except Exception:  # DummyOutput or no terminal: assume a common size
            return 24

    def show(self, text: str) -> None:
        """Print a result; page it when it is longer than the screen and a person is looking."""
        if self.page and text.count("\n") + 1 > self.rows() - 2 and self._page(text):
            return
        self.write(text)

    def _page(self, text: str) -> bool:
        less = shutil.which(_PAGER[0], path=self.env.environ.get("PATH", ""))
        if less is None:
            return False
        environ = {**self.env.environ, "LESSSECURE": "1"}  # no shell escapes or editor from the pager
        with self.lock:
            self.before_write()
            try:
                subprocess.run([less, *_PAGER[1:]], input=(text + "\n").encode("utf-8", "surrogateescape"),
                               env=environ, check=False)
            except (OSError, KeyboardInterrupt):
                return True
        return True

    def clear(self) -> None:
        if self.output is not None:
            self.output.erase_screen()
            self.output.cursor_goto(0, 0)
            self.output.flush()


_SGR_CODE = re.compile(r"\x1b\[[0-9;]*m")


def _width(text: str) -> int:
    return len(_SGR_CODE.sub("", text))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = (),
          paint: Paint | None = None, row_style: Callable[[int], str] | None = None) -> str:
    """Aligned columns; the last column is never padded. Cells must already be escaped (and
    may already be painted: widths count only what is visible)."""
    body = [list(r) for r in rows]
    widths = [max([_width(headers[i])] + [_width(r[i]) for r in body]) for i in range(len(headers))]
    paint = paint or (lambda text, style: text)

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell)) if i < len(cells) - 1 else ""
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out)

    lines = [paint(line(headers), "bold")]
    for index, cells in enumerate(body):
        style = row_style(index) if row_style else ""
        lines.append(paint(line(cells), style) if style else line(cells))
    return "\n".join(lines)


def _process_table(rows: list[dict], paint: Paint) -> str:
    cells = [[str(r["pid"]), escape_name(str(r["user"])), f"{r['cpu']:.1f}", f"{r['memory']:.1f}",
              escape_name(str(r["name"]))] for r in rows]

    def hot(i: int) -> str:
        cpu = rows[i]["cpu"]
        return "red" if cpu >= 50 else ("yellow" if cpu >= 10 else "")

    return table(("PID", "USER", "CPU%", "MEM%", "NAME"), cells, right=(0, 2, 3), paint=paint, row_style=hot)


def _usage_table(rows: list[dict], paint: Paint) -> str:
    from ...preview import human_bytes

    biggest = max((r["bytes"] for r in rows[1:]), default=0) or 1
    cells = []
    for i, r in enumerate(rows):
        bar = "" if i == 0 or not r["bytes"] else "#" * max(1, round(10 * r["bytes"] / biggest))
        name = escape_name(str(r["display"])) + ("/" if r.get("type") == "dir" else "")
        cells.append([human_bytes(r["bytes"]), paint(bar, "cyan"), name])
    return table(("SIZE", "USE", "PATH"), cells, right=(0,), paint=paint,
                 row_style=lambda i: "bold" if i == 0 else "")


def _disks_table(rows: list[dict], paint: Paint) -> str:
    from ...preview import human_bytes

    cells = [[escape_name(str(r["filesystem"])), human_bytes(r["total"]), human_bytes(r["used"]),
              human_bytes(r["free"]), f"{r['percent']}%", escape_name(str(r["mountpoint"]))] for r in rows]
    full = lambda i: "red" if rows[i]["percent"] >= 90 else ""  # noqa: E731
    return table(("FILESYSTEM", "SIZE", "USED", "FREE", "USE%", "MOUNTED ON"), cells, right=(1, 2, 3, 4),
                 paint=paint, row_style=full)


def _listing(outcome: Outcome, paint: Paint) -> str:
    """A plain listing with folders, links and programs coloured, like `ls --color`."""
    kinds = {escape_name(str(d.get("name", ""))): d for d in outcome.data if isinstance(d, dict)}
    lines = outcome.output.split("\n")
    if len(lines) != len(kinds) or any(line not in kinds for line in lines):
        return outcome.output  # long, recursive or annotated form: leave it as the action wrote it
    out = []
    for line in lines:
        entry = kinds[line]
        kind, mode = entry.get("type"), str(entry.get("mode", ""))
        style = "bold-blue" if kind == "dir" else "cyan" if kind == "link" else (
            "bold-green" if kind == "file" and "x" in mode else "")
        out.append(paint(line, style))
    return "\n".join(out)


_TABLES: dict[str, tuple[tuple[str, ...], Callable[[list[dict], Paint], str]]] = {
    "proc.list": (("pid", "user", "cpu", "memory", "name"), _process_table),
    "proc.find": (("pid", "user", "cpu", "memory", "name"), _process_table),
    "files.disk_usage": (("bytes", "display"), _usage_table),
    "system.disks": (("filesystem", "total", "used", "free", "percent", "mountpoint"), _disks_table),
}


def _rows_with(data: Any, keys: tuple[str, ...]) -> list[dict] | None:
    if not isinstance(data, list) or not data:
        return None
    if all(isinstance(r, dict) and all(k in r for k in keys) for r in data):
        return data
    return None


def format_outcome(outcome: Outcome, paint: Paint) -> str:
    """The text for one step's result: a table where the data has one, else the action's text."""
    if outcome.ok and outcome.action in _TABLES:
        keys, render = _TABLES[outcome.action]
        rows = _rows_with(outcome.data, keys)
        if rows is not None and "nlsh:" not in outcome.output:  # no notes or errors to keep
            try:
                return render(rows, paint)
            except (TypeError, ValueError, KeyError):
                return outcome.output
    if outcome.ok and outcome.action == "files.list" and isinstance(outcome.data, list) and outcome.output:
        return _listing(outcome, paint)
    return outcome.output


def render_turn(console: Console, turn: Turn) -> None:
    """Show what a turn produced: results (tabled, coloured, paged), then its message."""
    if turn.outcomes:
        parts = [format_outcome(o, console.paint) for o in turn.outcomes]
        text = "\n".join(p.rstrip("\n") for p in parts if p)
    else:
        text = turn.output.rstrip("\n")
    if text:
        console.show(text)
    if turn.message and turn.status == ExitStatus.DECLINED:  # a normal outcome, not an error
        console.write(escape_output(turn.message), "yellow")
    elif turn.message:
        console.error(turn.message)
