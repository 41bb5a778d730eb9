"""The command line: one-shot requests (`nlsh -c`), subcommands, and the interactive shell.

`program()` does the work and returns an exit status; `main()` alone turns errors and
interrupts into exit codes and one-line messages. Exit codes: 0 ok, 1 an action failed,
2 usage, 3 denied by policy, 4 declined, 5 not understood, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from ..env import Environment
from ..errors import NlshError, UsageError
from ..types import ExitStatus

__all__ = ["main", "program"]

INTERRUPTED = 130

DESCRIPTION = """\
nlsh turns what you type into typed, policed, audited and undoable actions.

  nlsh                          open the interactive shell
  nlsh -c "list files here"     run one request and exit
  nlsh -c "delete *.log" --dry-run   show what would happen
  echo "disk usage" | nlsh -c -  read the request from stdin

subcommands:
  audit [-n N] | audit verify   show recent audit records, or check the hash chain
  undo [ID] | undo --list       revert the last reversible action (or a given one)
  doctor                        show Python, model, sandbox level, folders, plugins
  trace [ID]                    how the model planner handled the last request
  actions                       list the actions nlsh can run
  tui                           open the full-screen desktop
  memory list|search|add|forget|export|import   what nlsh remembers
  skill list|show|run|save|edit|remove          saved multi-step plans
  watch add|list|pause|resume|remove|run|notes  act when files change
  jobs | job ID | cancel ID     background jobs

exit codes: 0 ok, 1 an action failed, 2 usage, 3 denied by policy, 4 declined,
5 not understood, 130 interrupted."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nlsh", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("-c", dest="request", metavar="TEXT", help='run one request ("-" reads it from stdin)')
    p.add_argument("--yes", "-y", action="store_true", help="approve steps that need confirmation (denials still hold)")
    p.add_argument("--dry-run", "-n", action="store_true", help="plan and preview only; run nothing")
    p.add_argument("--json", action="store_true", help="print one JSON object (request, plan, decision, results, output, exit_code)")
    p.add_argument("--cwd", metavar="DIR", help="work in DIR instead of the current directory")
    p.add_argument("--model", metavar="PATH|URL", help="a GGUF file, an OpenAI-compatible server URL, or none (the fast path only)")
    p.add_argument("--version", action="version", version="nlsh 0.1.0")
    return p


def program(argv: list[str], env: Environment) -> int:
    if argv and not argv[0].startswith("-") and argv[0] not in ("help",):
        from .commands import run_subcommand

        return run_subcommand(argv[0], argv[1:], env)
    args = _parser().parse_args(argv)
    if args.cwd:
        cwd = Path(args.cwd).expanduser()
        if not cwd.is_dir():
            raise UsageError(f"--cwd: not a directory: {args.cwd}")
        env = env.with_cwd(cwd.absolute())
    if args.request is None:
        if args.yes or args.dry_run or args.json:
            raise UsageError("--yes, --dry-run and --json go with -c TEXT")
        from .commands import interactive

        return interactive(env, model=args.model)
    return one_shot(args, env)


def one_shot(args: argparse.Namespace, env: Environment) -> int:
    from ..app import open_session
    from .render import render_text

    text = args.request
    if text == "-":
        text = env.stdin.read()
        if not text.strip():
            raise UsageError("no request on stdin")
    session = open_session(env, confirmer=_confirmer(args, env), model=args.model)
    turn = session.handle(text.strip(), dry_run=args.dry_run)
    render_text(turn, env, as_json=args.json)
    session.remember_turn(turn)
    return int(turn.status)


def _confirmer(args: argparse.Namespace, env: Environment):
    from ..confirm import AlwaysNo, AlwaysYes

    if args.yes:
        return AlwaysYes()
    if args.request != "-" and env.stdin_isatty:
        from .confirm import TerminalConfirmer

        return TerminalConfirmer(env.stdin, env.stderr)
    try:
        tty = open("/dev/tty", "r+", encoding="utf-8")
    except OSError:
        return AlwaysNo("needs confirmation and there is no terminal: rerun with --yes, or --dry-run to preview")
    from .confirm import TerminalConfirmer

    return TerminalConfirmer(tty, tty)


def _on_sigterm(signum, frame):  # pragma: no cover - exercised by an integration test
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    env = Environment.from_process()
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return program(sys.argv[1:] if argv is None else argv, env)
    except NlshError as exc:
        env.stderr.write(f"nlsh: {exc}\n")
        return ExitStatus.USAGE if isinstance(exc, UsageError) else ExitStatus.FAILED
    except KeyboardInterrupt:
        env.stderr.write("\nnlsh: interrupted\n")
        return INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitStatus.OK
    except Exception as exc:  # a bug: one line for the person, the traceback on request
        if env.environ.get("NLSH_DEBUG"):
            raise
        env.stderr.write(f"nlsh: internal error: {type(exc).__name__}: {exc} (set NLSH_DEBUG=1 for details)\n")
        return ExitStatus.FAILED
