"""shell.run: run one program from an argv list, through the context's program runner.

The runner (`ctx.run_program`, nlsh/sandbox/run.py) decides how sandboxed the program is;
this action never builds a shell string and never starts a process itself. An argv that
is one of SECURITY.md's never-allowed forms is refused here too, behind the policy layer.
"""

from __future__ import annotations

import shlex
from typing import Any

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..policy.dangerous import danger
from ..textsafe import escape_name, escape_output
from ..types import Preview, Risk
from .context import ActionContext, ActionResult
from .registry import action

_CAPABILITIES = ("shell.exec",)


def command_line(argv: list[str]) -> str:
    """The argv as one shell-quoted line, every word escaped for the terminal."""
    return shlex.join(escape_name(word) for word in argv)


def _sandbox_level(runner: Any) -> str:
    """The sandbox level the runner says it will use, or "" when it does not say."""
    level = getattr(runner, "level", None)
    try:
        level = level() if callable(level) else level
    except Exception:  # a description must never stop the preview
        return ""
    return level if isinstance(level, str) else ""


def _check(ctx: ActionContext, argv: list[str], timeout: float | None) -> None:
    if not argv or not argv[0]:
        raise ActionFailed("nothing to run", hint="give the program and its arguments")
    if timeout is not None and timeout <= 0:
        raise ActionFailed(f"timeout must be more than 0 seconds, not {timeout}")
    reason = danger(argv, str(ctx.env.home), cwd=str(ctx.cwd))
    if reason:
        raise ActionFailed(f"refused: {reason}", hint="nlsh never runs this, even when confirmed")


def _preview_run(ctx: ActionContext, argv: list[str], timeout: float | None = None) -> Preview:
    details = ["not reversible"]
    level = _sandbox_level(ctx.run_program)
    if level:
        details.append(f"sandbox: {level}")
    if timeout is not None:
        details.append(f"timeout: {timeout:g} s")
    return Preview(summary=f"run: {command_line(argv)}", reversible=False, details=tuple(details))


def _notes(result: Any, timeout: float | None) -> list[str]:
    notes = []
    if getattr(result, "timed_out", False):
        notes.append(f"[timed out after {timeout:g} s; the program was stopped]" if timeout
                     else "[timed out; the program was stopped]")
    elif getattr(result, "signal", None):
        notes.append(f"[stopped by signal {result.signal}]")
    if getattr(result, "truncated", False):
        notes.append("[output truncated]")
    return notes


def _root_note(result: Any) -> list[str]:
    """Why a program nlsh started as root could not write: the sandbox ran it as nobody."""
    if result.exit in (0, None) or "ermission denied" not in (result.stderr or ""):
        return []
    from ..sandbox.level import NOBODY  # not at start-up: only a failed program pays for it

    if getattr(result, "uid", None) != NOBODY:
        return []
    return ["[nlsh runs as root: programs run as nobody in folders root owns, so they cannot write here; "
            "ask for it in words (nlsh's own actions can), or run nlsh as the folder's owner]"]


@action("shell.run", capabilities=_CAPABILITIES, risk=Risk.R3, preview=_preview_run)
def run(ctx: ActionContext, argv: list[str], timeout: float | None = None) -> ActionResult:
    """Run a program with arguments (an argv list, never a shell string) and show its output.

    Args:
        argv: the program and its arguments, one word per item, e.g. ["make", "test"].
        timeout: stop the program after this many seconds.
    """
    if ctx.run_program is None:
        raise ActionFailed("no program runner configured")
    _check(ctx, argv, timeout)
    result = ctx.run_program(list(argv), timeout=timeout, capabilities=_CAPABILITIES)
    stdout, stderr = result.stdout or "", result.stderr or ""
    parts = [p.rstrip("\n") for p in (stdout, stderr) if p]
    notes = _notes(result, timeout) + _root_note(result)
    output = escape_output("\n".join(parts + notes))
    exit_code = result.exit
    timed_out = bool(getattr(result, "timed_out", False))
    data = {
        "argv": list(argv),
        "exit": exit_code,
        "signal": getattr(result, "signal", None),
        "stdout": stdout,
        "stderr": stderr,
        "ms": getattr(result, "ms", None),
        "sandbox": getattr(result, "level", ""),
        "timed_out": timed_out,
        "truncated": bool(getattr(result, "truncated", False)),
    }
    return ActionResult(output=output, data=data, exit=exit_code, ok=exit_code == 0 and not timed_out)


@hookimpl
def nlsh_register_actions(register: Any) -> None:
    register(run)
