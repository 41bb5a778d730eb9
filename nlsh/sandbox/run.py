"""Running a program: the one place that decides how, and how sandboxed, it runs.

`run_program` takes an argv list (never a shell string) and runs it at the strongest level
this machine offers (see `level.py`): inside bubblewrap with Landlock and seccomp, or with
Landlock and seccomp alone, and as an unprivileged uid when nlsh runs as root. At level
"none" it refuses anything but read-only allowlisted commands, unless the person
explicitly confirmed running unsandboxed. Output is captured up to a cap, the program is
killed (its whole group) at the deadline, and the result says what happened.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import BadArguments, PolicyDenied
from .capture import Captured, collect
from .level import NONE, SandboxLevel, probe, sandbox_level
from .prepare import Limits, Pipes, Prepared, prepare

__all__ = ["Limits", "ProgramResult", "run_program"]


@dataclass(frozen=True)
class ProgramResult:
    exit: int | None
    signal: int | None
    stdout: str
    stderr: str
    ms: int
    level: str
    timed_out: bool
    truncated: bool
    uid: int | None = None  # the uid it ran as, when nlsh (running as root) chose one


def run_program(argv: Sequence[str], *, cwd: Path, workspace: Path, environ: Mapping[str, str],
                timeout: float, capabilities: Sequence[str] = (), stdin: str | None = None,
                protected: Sequence[Path] = (), unsandboxed_ok: bool = False,
                force_level: str | None = None, limits: Limits | None = None) -> ProgramResult:
    """Run `argv` in the sandbox and return what it did.

    cwd is where it starts; workspace is the only place it may write (its .git only with
    "git.write" in capabilities); environ is the person's environment, of which only PATH
    and TERM pass; protected are nlsh's own directories, hidden from the program; "net" in
    capabilities grants the network. force_level runs at a lower level than the best (tests,
    `nlsh doctor`). Raises PolicyDenied when the program may not run here.
    """
    argv = [str(arg) for arg in argv]
    if not argv or not argv[0]:
        raise BadArguments("no program to run")
    if timeout <= 0:
        raise BadArguments("the timeout must be positive")
    limits = limits or Limits()
    level = sandbox_level(force_level)
    if level.name == NONE:
        _refuse_unless_allowed(argv, level, unsandboxed_ok)
    job = prepare(argv, level=level.name, cwd=Path(cwd), workspace=Path(workspace), environ=environ,
                  timeout=timeout, capabilities=frozenset(capabilities), protected=tuple(protected),
                  limits=limits, bwrap=probe().bwrap or "")
    try:
        started = time.monotonic()
        captured, status = _start_and_collect(job, stdin, timeout, limits.output)
        ms = int((time.monotonic() - started) * 1000)
    finally:
        job.cleanup()
    return _result(captured, status, via_bwrap=job.via_bwrap, level=level.name, ms=ms,
                   uid=job.drop[0] if job.drop else None)


def _refuse_unless_allowed(argv: list[str], level: SandboxLevel, unsandboxed_ok: bool) -> None:
    if unsandboxed_ok or _is_read_only_command(argv):
        return
    raise PolicyDenied(
        f"no sandbox is available here, so {argv[0]!r} will not run",
        rule="sandbox.unavailable",
        hint=f"{level.detail}; confirm 'run unsandboxed' to run it anyway",
    )


def _is_read_only_command(argv: list[str]) -> bool:
    from ..policy.dangerous import is_read_only_command

    return bool(is_read_only_command(argv))


def _start_and_collect(job: Prepared, stdin: str | None, timeout: float, cap: int) -> tuple[Captured, int]:
    import subprocess

    pipes = Pipes.open(with_stdin=stdin is not None, owner=job.drop)
    try:
        proc = subprocess.Popen(
            job.argv, stdin=pipes.child_in if pipes.child_in is not None else subprocess.DEVNULL,
            stdout=pipes.child_out, stderr=pipes.child_err, cwd=job.popen_cwd, env={},
            close_fds=True, pass_fds=job.pass_fds, start_new_session=True,
        )
    except BaseException:
        pipes.close_parent_ends()
        raise
    finally:
        pipes.close_child_ends()
        job.close_passed_fds()
    data = (stdin or "").encode("utf-8", "surrogateescape")
    captured = collect(proc, out_fd=pipes.out, err_fd=pipes.err, in_fd=pipes.stdin, stdin=data,
                       timeout=timeout, cap=cap)
    return captured, proc.returncode


def _result(captured: Captured, status: int, *, via_bwrap: bool, level: str, ms: int,
            uid: int | None = None) -> ProgramResult:
    exit_code: int | None = status if status >= 0 else None
    signal_number: int | None = -status if status < 0 else None
    if via_bwrap and exit_code is not None and 128 < exit_code <= 128 + 64:
        exit_code, signal_number = None, exit_code - 128  # bubblewrap reports a signal as 128+n
    return ProgramResult(
        exit=exit_code, signal=signal_number,
        stdout=captured.stdout.decode("utf-8", "surrogateescape"),
        stderr=captured.stderr.decode("utf-8", "surrogateescape"),
        ms=ms, level=level, timed_out=captured.timed_out, truncated=captured.truncated, uid=uid,
    )
