"""Built-in commands of the REPL: help, history, undo, audit, jobs, model, policy, doctor,
clear, cd, exit/quit.

A line is a built-in only when its first word names one and the rest fits that built-in's
arguments ("undo" or "undo 3fa2c1d0e5b7" is a built-in; "undo that" is a follow-up;
"help me rename these files" is a request). `!history` always runs the program.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ...errors import UsageError
from ...textsafe import escape_name, escape_output
from ...types import ExitStatus

__all__ = ["BUILTINS", "Builtin", "ExitRepl", "find_builtin"]


class ExitRepl(Exception):
    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Builtin:
    name: str
    usage: str
    help: str
    args: re.Pattern[str]
    run: Callable[[Any, str], int]


def _help(repl: Any, arg: str) -> int:
    if not arg:
        repl.console.write(general_help())
        return ExitStatus.OK
    if arg in BUILTINS:
        b = BUILTINS[arg]
        repl.console.write(f"{b.usage}\n  {b.help}")
        return ExitStatus.OK
    spec = repl.session.catalog.actions.get(arg)
    if spec is None:
        raise UsageError(f"no built-in or action named {escape_name(arg)!r}", hint="`help` lists the built-ins")
    lines = [f"{spec.name}: {spec.summary}",
             f"  risk {spec.risk}; capabilities {', '.join(spec.capabilities) or 'none'};"
             f" {'can be undone' if spec.reversible else 'cannot be undone'}"]
    for p in spec.params:
        lines.append(f"  {p.name}{'' if p.required else ' (optional)'}: {p.description}")
    repl.console.write("\n".join(escape_output(line) for line in lines))
    return ExitStatus.OK


def general_help() -> str:
    rows = "\n".join(f"  {b.usage:<26} {b.help}" for b in BUILTINS.values() if b.name != "quit")
    return f"""Type what you want done, in your own words: "list the pdfs here", "what is using my cpu?",
"move *.log into old/". A command line (ls -la, git status) runs as typed; start a line with
! to force a command, or with ? to see the plan without running it. Follow-ups refer to the
previous turns: "now delete them", "do the same in src/", "again", "undo that".

Built-ins:
{rows}
  help ACTION                describe one action (Tab completes the names)

Keys: Tab completes paths, commands and earlier requests; Up/Down and Ctrl-R search the
history; Ctrl-C cancels what is running; Ctrl-D leaves."""


def _history(repl: Any, arg: str) -> int:
    from .history import recent_lines

    if arg == "context":
        repl.console.write(repl.conversation.summary() or "no earlier requests in this session")
        return ExitStatus.OK
    lines = recent_lines(repl.history, int(arg) if arg else 20)
    width = len(str(len(lines)))
    repl.console.write("\n".join(f"{i:>{width}}  {escape_name(line)}" for i, line in enumerate(lines, 1))
                       or "no history yet")
    return ExitStatus.OK


def _undo(repl: Any, arg: str) -> int:
    session = repl.session
    if arg == "--list":
        entries = session.journal.entries()
        repl.console.write("\n".join(f"{e.id}  {e.action:14}  {escape_output(e.summary)}" for e in reversed(entries))
                           or "nothing to undo")
        return ExitStatus.OK
    return repl.undo([arg] if arg else [None])


def _audit(repl: Any, arg: str) -> int:
    from ...audit.render import format_records
    from ...audit.verify import read_records, verify

    path = repl.session.paths.audit_log
    if arg == "verify":
        report = verify(path)
        for problem in report.problems:
            repl.console.write(f"line {problem.line}: {problem.kind}: {escape_output(problem.message)}")
        if report.ok:
            repl.console.write(f"audit log ok: {report.records} records, chain intact", "green")
            return ExitStatus.OK
        repl.console.error(f"audit log BROKEN: first bad line {report.first_bad_line} ({path})")
        return ExitStatus.FAILED
    records = read_records(path, limit=int(arg) if arg else 20)
    repl.console.show(format_records(records, color=repl.console.color) if records else "no audit records yet")
    return ExitStatus.OK


def _jobs(repl: Any, arg: str) -> int:
    repl.console.write("no background jobs yet: every request runs in the foreground (Ctrl-C cancels it)")
    return ExitStatus.OK


def _model(repl: Any, arg: str) -> int:
    if arg:
        repl.set_model(arg)
    repl.console.write(repl.describe_model())
    return ExitStatus.OK


def _policy(repl: Any, arg: str) -> int:
    from .explain import describe_policy, explain_last

    text = explain_last(repl.last_turn) if arg == "why" else describe_policy(repl.session.policy)
    repl.console.write(text)
    return ExitStatus.OK


def _doctor(repl: Any, arg: str) -> int:
    from ..doctor import run_doctor

    return run_doctor(repl.env.with_cwd(repl.session.cwd))


def _clear(repl: Any, arg: str) -> int:
    repl.console.clear()
    return ExitStatus.OK


def _cd(repl: Any, arg: str) -> int:
    try:
        words = shlex.split(arg)
    except ValueError as exc:
        raise UsageError(f"cd: {exc}") from None
    if len(words) > 1:
        raise UsageError("cd: one folder at a time")
    session = repl.session
    path = words[0] if words else "~"
    if path == "-":
        if repl.previous_cwd is None:
            raise UsageError("cd: no previous folder")
        path = str(repl.previous_cwd)
        repl.console.write(escape_name(path))
    before = session.cwd
    target = session.chdir(path)
    repl.previous_cwd = before
    _follow_workspace(repl, session, target)
    return ExitStatus.OK


def _follow_workspace(repl: Any, session: Any, target: Path) -> None:
    """As if nlsh had been started there, the workspace follows cd; not when it is configured,
    nor out of the person's home and the starting folder (there, changes stay confirmed)."""
    from ...sandbox.paths import is_within

    if session.settings.workspace or target == session.workspace:
        return
    if not any(is_within(target, root) for root in repl.workspace_roots):
        repl.console.write(f"note: the workspace stays {escape_name(str(session.workspace))}: this folder is outside"
                           " your home and where nlsh started, so changes here will be confirmed", "yellow")
        return
    session.set_workspace(target)


def _exit(repl: Any, arg: str) -> int:
    raise ExitRepl(int(arg) if arg else 0)


def _b(name: str, usage: str, help: str, args: str, run: Callable[[Any, str], int]) -> Builtin:
    return Builtin(name, usage, help, re.compile(args), run)


BUILTINS: dict[str, Builtin] = {b.name: b for b in (
    _b("help", "help [NAME]", "this help, or help on a built-in or an action", r"|[a-z][a-z0-9_.]*", _help),
    _b("history", "history [N | context]", "the last N lines typed (default 20), or what follow-ups can refer to",
       r"|\d{1,6}|context", _history),
    _b("undo", "undo [ID | --list]", "revert the last reversible action (or the one with ID)",
       r"|--list|[0-9a-f]{6,40}", _undo),
    _b("audit", "audit [N | verify]", "the last N audit records (default 20), or check the hash chain",
       r"|\d{1,6}|verify", _audit),
    _b("jobs", "jobs", "background jobs (not yet: everything runs in the foreground)", r"", _jobs),
    _b("model", "model [PATH | URL | default | none]", "show the model, or switch (none: fast path only)", r"|\S+", _model),
    _b("policy", "policy [why]", "show the rules in force, or why the last request was asked or denied",
       r"|why|show", _policy),
    _b("doctor", "doctor", "check Python, model, sandbox, folders, plugins and the audit log", r"", _doctor),
    _b("clear", "clear", "clear the screen", r"", _clear),
    _b("cd", "cd [DIR | -]", "change the working folder (- goes back)", r".*", _cd),
    _b("exit", "exit [N]", "leave nlsh (Ctrl-D does too)", r"|\d{1,3}", _exit),
    _b("quit", "quit [N]", "leave nlsh", r"|\d{1,3}", _exit),
)}


def find_builtin(line: str) -> tuple[Builtin, str] | None:
    """The built-in this line calls and its argument text, or None."""
    first, _, rest = line.strip().partition(" ")
    builtin = BUILTINS.get(first)
    if builtin is None or not builtin.args.fullmatch(rest.strip()):
        return None
    return builtin, rest.strip()
