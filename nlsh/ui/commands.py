"""Subcommands: audit, undo, doctor, actions, tui, the interactive shell, and plugin commands."""

from __future__ import annotations

import argparse

from ..env import Environment
from ..errors import UsageError
from ..types import ExitStatus

__all__ = ["interactive", "run_subcommand"]


SERVICES = ("memory", "skill", "watch", "jobs", "job", "cancel")


def run_subcommand(name: str, argv: list[str], env: Environment) -> int:
    builtin = {"audit": audit, "undo": undo, "doctor": doctor, "actions": actions, "tui": tui, "trace": trace}
    if name in builtin:
        return builtin[name](argv, env)
    if name in SERVICES:
        from . import services_cli

        return getattr(services_cli, name)(argv, env)
    from ..config import load_paths_and_settings
    from ..plugins import load_catalog

    _, settings = load_paths_and_settings(env)
    catalog = load_catalog(disabled=settings.disabled_plugins)
    command = catalog.commands.get(name)
    if command is None:
        known = ", ".join(list(builtin) + list(SERVICES) + sorted(catalog.commands))
        raise UsageError(f"unknown command {name!r}", hint=f"commands: {known}; requests go after -c")
    return int(command.run(env, argv))


def _sub(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"nlsh {prog}", description=description)


def audit(argv: list[str], env: Environment) -> int:
    from ..config import load_paths_and_settings
    from ..audit.render import format_records
    from ..audit.verify import read_records, verify

    p = _sub("audit", "Show recent audit records, or `nlsh audit verify` to check the hash chain.")
    p.add_argument("what", nargs="?", choices=["verify", "show"], default="show")
    p.add_argument("-n", type=int, default=20, help="how many recent records to show (default 20)")
    args = p.parse_args(argv)
    paths, _ = load_paths_and_settings(env)
    if args.what == "verify":
        report = verify(paths.audit_log)
        for problem in report.problems:
            env.stdout.write(f"line {problem.line}: {problem.kind}: {problem.message}\n")
        if report.ok:
            env.stdout.write(f"audit log ok: {report.records} records, chain intact ({paths.audit_log})\n")
            return ExitStatus.OK
        env.stdout.write(f"audit log BROKEN: first bad line {report.first_bad_line} ({paths.audit_log})\n")
        return ExitStatus.FAILED
    records = read_records(paths.audit_log, limit=max(args.n, 1))
    if not records:
        env.stdout.write("no audit records yet\n")
        return ExitStatus.OK
    env.stdout.write(format_records(records, color=env.color) + "\n")
    return ExitStatus.OK


def undo(argv: list[str], env: Environment) -> int:
    from ..app import open_session
    from ..confirm import AlwaysNo
    from ..textsafe import escape_output

    p = _sub("undo", "Revert the last reversible action, or the one with the given id.")
    p.add_argument("id", nargs="?", help="an id from `nlsh undo --list`")
    p.add_argument("--list", action="store_true", help="list the actions that can be undone")
    args = p.parse_args(argv)
    session = open_session(env, confirmer=AlwaysNo(), model="")
    if args.list:
        entries = session.journal.entries()
        for e in reversed(entries):
            env.stdout.write(f"{e.id}  {e.action:14}  {escape_output(e.summary)}\n")
        if not entries:
            env.stdout.write("nothing to undo\n")
        return ExitStatus.OK
    outcome = session.undo(args.id)
    if not outcome.ok:
        env.stderr.write(f"nlsh: undo failed: {escape_output(outcome.error)}\n")
        return ExitStatus.FAILED
    env.stdout.write(f"undone: {escape_output(outcome.data['summary'])}\n")
    if outcome.output:
        env.stdout.write(escape_output(outcome.output).rstrip("\n") + "\n")
    return ExitStatus.OK


def actions(argv: list[str], env: Environment) -> int:
    from ..plugins import load_catalog

    _sub("actions", "List the actions nlsh can run, with their risk and capabilities.").parse_args(argv)
    catalog = load_catalog()
    for spec in catalog.actions:
        caps = ",".join(spec.capabilities) or "-"
        env.stdout.write(f"{spec.name:22} {spec.risk}  {caps:24} {spec.summary}\n")
    for name, reason in catalog.broken.items():
        env.stderr.write(f"nlsh: plugin {name} is broken: {reason}\n")
    return ExitStatus.OK


def trace(argv: list[str], env: Environment) -> int:
    from ..config import load_paths_and_settings
    from ..intent.trace import TraceLog, format_trace

    p = _sub("trace", "Show how the model planner handled the last request (or the one with this id).")
    p.add_argument("id", nargs="?", help="a trace id (default: the latest)")
    args = p.parse_args(argv)
    paths, _ = load_paths_and_settings(env)
    found = TraceLog(paths.state / "trace.jsonl").get(args.id)
    if found is None:
        env.stderr.write("nlsh: no planner trace" + (f" with id {args.id}" if args.id else " yet") + "\n")
        return ExitStatus.FAILED
    env.stdout.write(format_trace(found) + "\n")
    return ExitStatus.OK


def doctor(argv: list[str], env: Environment) -> int:
    from .doctor import run_doctor

    _sub("doctor", "Show Python, model, sandbox level, folders, plugins and audit status.").parse_args(argv)
    return run_doctor(env)


def tui(argv: list[str], env: Environment) -> int:
    try:
        from .tui.app import run_tui
    except ImportError:
        raise UsageError("the TUI is not available in this build") from None
    return run_tui(env, argv)


def interactive(env: Environment, *, model: str | None) -> int:
    try:
        from .repl.app import run_repl
    except ImportError:
        raise UsageError("the interactive shell is not available in this build", hint="use nlsh -c TEXT") from None
    return run_repl(env, model=model)
