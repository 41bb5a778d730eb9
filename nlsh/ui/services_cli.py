"""Subcommands for the services: `nlsh memory`, `skill`, `watch`, `jobs`, `job ID`, `cancel ID`.

Each function takes the remaining argv and the Environment and returns an exit status;
errors are raised as NlshError for `main()` to turn into one line. The skill and watch
subcommands live in services_cli_plans.py.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..env import Environment
from ..errors import UsageError
from ..textsafe import escape_name
from ..types import ExitStatus
from .services_cli_plans import skill, watch

__all__ = ["cancel", "job", "jobs", "memory", "skill", "watch"]


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"nlsh {prog}", description=description)


def _paths(env: Environment):
    from ..config import load_paths_and_settings

    return load_paths_and_settings(env)[0]


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "-"


# -- memory --------------------------------------------------------------------------------

def memory(argv: list[str], env: Environment) -> int:
    from ..services.memory import KINDS, Memory

    p = _parser("memory", "What nlsh remembers: facts, preferences and past requests.")
    sub = p.add_subparsers(dest="what", required=True)
    ls = sub.add_parser("list", help="newest items first")
    ls.add_argument("--kind", choices=KINDS)
    ls.add_argument("-n", type=int, default=50, help="how many (default 50)")
    sub.add_parser("search", help="items matching words").add_argument("query", nargs="+")
    add = sub.add_parser("add", help="remember a fact (or --preference)")
    add.add_argument("text", nargs="+")
    add.add_argument("--preference", action="store_true")
    sub.add_parser("forget", help="delete one item").add_argument("id", type=int)
    sub.add_parser("export", help="write every item to a portable JSON file").add_argument("file")
    sub.add_parser("import", help="add the items of an exported file").add_argument("file")
    args = p.parse_args(argv)
    mem = Memory(_paths(env).data / "memory.db", clock=env.clock)
    out = env.stdout
    if args.what in ("list", "search"):
        items = mem.list(kind=args.kind, limit=args.n) if args.what == "list" else mem.search(" ".join(args.query))
        for item in items:
            out.write(f"{item.id:>5}  {_when(item.ts)}  {escape_name(item.line())}\n")
        if not items:
            out.write("nothing remembered yet\n" if args.what == "list" else "nothing matches\n")
    elif args.what == "add":
        item_id = mem.add(" ".join(args.text), kind="preference" if args.preference else "fact")
        out.write(f"remembered ({item_id})\n")
    elif args.what == "forget":
        if not mem.forget(args.id):
            raise UsageError(f"no memory item with id {args.id}", hint="`nlsh memory list` shows them")
        out.write(f"forgot {args.id}\n")
    elif args.what == "export":
        count = mem.export(_resolve(env, args.file))
        out.write(f"exported {count} items to {args.file}\n")
    else:
        count = mem.import_file(_resolve(env, args.file))
        out.write(f"imported {count} new items from {args.file}\n")
    return ExitStatus.OK


def _resolve(env: Environment, name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else env.cwd / path


# -- jobs ----------------------------------------------------------------------------------

def _job_store(env: Environment):
    from ..services.jobs import JobStore

    return JobStore(_paths(env).state / "jobs.db")


def jobs(argv: list[str], env: Environment) -> int:
    p = _parser("jobs", "Background jobs (watch runs, long actions), newest first.")
    p.add_argument("-n", type=int, default=20, help="how many (default 20)")
    args = p.parse_args(argv)
    listed = _job_store(env).list(limit=args.n)
    for j in listed:
        exit_text = "" if j.exit is None else f" exit {j.exit}"
        env.stdout.write(f"{j.id:>5}  {j.state:<9} {_when(j.created)}  {escape_name(j.title)}{exit_text}\n")
    if not listed:
        env.stdout.write("no jobs yet\n")
    return ExitStatus.OK


def job(argv: list[str], env: Environment) -> int:
    p = _parser("job", "One job: state, times, exit status and log.")
    p.add_argument("id", type=int)
    args = p.parse_args(argv)
    store = _job_store(env)
    j = store.get(args.id)
    out = env.stdout
    out.write(f"job {j.id}: {escape_name(j.title)}\nstate: {j.state}\n")
    out.write(f"created: {_when(j.created)}  started: {_when(j.started)}  ended: {_when(j.ended)}\n")
    if j.exit is not None:
        out.write(f"exit: {j.exit}\n")
    if j.error:
        out.write(f"error: {escape_name(j.error)}\n")
    for line in store.logs(j.id):
        out.write(f"  {escape_name(line)}\n")
    return ExitStatus.OK


def cancel(argv: list[str], env: Environment) -> int:
    p = _parser("cancel", "Cancel a queued or running job; its action stops leaving nothing half-done.")
    p.add_argument("id", type=int)
    args = p.parse_args(argv)
    store = _job_store(env)
    j = store.request_cancel(args.id)
    if j.state in ("done", "failed"):
        env.stdout.write(f"job {j.id} already ended ({j.state})\n")
        return ExitStatus.OK
    if j.state == "running":
        j = store.wait(j.id, timeout=10)
    env.stdout.write(f"job {j.id}: {'cancelled' if j.state == 'cancelled' else 'cancel requested'}\n")
    return ExitStatus.OK
