"""`nlsh skill ...` and `nlsh watch ...`: saved plans and the watches that run them."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, Iterable

from ..env import Environment
from ..errors import UsageError
from ..textsafe import escape_name
from ..types import ActionCall, ExitStatus

__all__ = ["skill", "watch"]


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"nlsh {prog}", description=description)


def _paths(env: Environment):
    from ..config import load_paths_and_settings

    return load_paths_and_settings(env)[0]


def _confirmer(env: Environment, yes: bool):
    from ..confirm import AlwaysNo, AlwaysYes

    if yes:
        return AlwaysYes()
    if env.stdin_isatty:
        from .confirm import TerminalConfirmer

        return TerminalConfirmer(env.stdin, env.stderr)
    return AlwaysNo("needs confirmation and there is no terminal: rerun with --yes")


def _step_line(call: ActionCall) -> str:
    return escape_name(f"{call.action} {json.dumps(dict(call.args), ensure_ascii=False)}")


def _ask(env: Environment, question: str) -> bool:
    env.stderr.write(f"{question} [y/N] ")
    env.stderr.flush()
    return env.stdin.readline().strip().lower() in ("y", "yes")


# -- skills --------------------------------------------------------------------------------

def skill(argv: list[str], env: Environment) -> int:
    from ..services.skills import SkillStore, last_successful_plan

    p = _parser("skill", "Saved plans, run again by name through the same policy and confirmation.")
    sub = p.add_subparsers(dest="what", required=True)
    sub.add_parser("list")
    sub.add_parser("show").add_argument("name")
    run = sub.add_parser("run")
    run.add_argument("name")
    run.add_argument("--yes", "-y", action="store_true", help="approve steps that need confirmation")
    run.add_argument("--dry-run", "-n", action="store_true", help="preview only")
    save = sub.add_parser("save", help="save the last successful request's plan")
    save.add_argument("name")
    save.add_argument("--from-last", action="store_true", required=True)
    save.add_argument("--description", default="")
    sub.add_parser("edit", help="edit in $EDITOR; the old version is kept").add_argument("name")
    sub.add_parser("remove").add_argument("name")
    args = p.parse_args(argv)
    paths = _paths(env)
    store = SkillStore(paths.config / "skills")
    out = env.stdout
    if args.what == "list":
        skills = store.list()
        for s in skills:
            out.write(f"{s.name}  v{s.version}  {len(s.steps)} step(s)  {escape_name(s.description)}\n")
        if not skills:
            out.write("no skills yet: run a request, then `nlsh skill save NAME --from-last`\n")
    elif args.what == "show":
        s = store.get(args.name)
        out.write(f"{s.name} (version {s.version}): {escape_name(s.description)}\n")
        for i, call in enumerate(s.steps, 1):
            out.write(f"  {i}. {_step_line(call)}\n")
    elif args.what == "save":
        found = last_successful_plan(paths.audit_log)
        if found is None:
            raise UsageError("no successful request to save yet")
        line, steps = found
        s = store.save(args.name, steps, args.description or line)
        out.write(f"saved skill {s.name} ({len(s.steps)} step(s)) from: {escape_name(line)}\n")
    elif args.what == "edit":
        s = _edit_in_editor(env, store, args.name)
        out.write(f"saved {s.name} version {s.version} (previous kept)\n")
    elif args.what == "remove":
        store.remove(args.name)
        out.write(f"removed skill {args.name}\n")
    else:
        return _run_skill(env, store, args)
    return ExitStatus.OK


def _run_skill(env: Environment, store: Any, args: argparse.Namespace) -> int:
    from ..app import open_session
    from .render import render_text

    session = open_session(env, confirmer=_confirmer(env, args.yes), model="")
    turn = store.run(session, args.name, dry_run=args.dry_run)
    render_text(turn, env)
    return int(turn.status)


def _edit_in_editor(env: Environment, store: Any, name: str) -> Any:
    import shlex

    from ..services.skills import Skill

    current = store.get(name)
    editor = shlex.split(env.environ.get("VISUAL") or env.environ.get("EDITOR") or "vi")
    fd, tmp = tempfile.mkstemp(prefix=f"nlsh-skill-{name}-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(current.to_json(), fh, indent=2, ensure_ascii=False)
        if subprocess.run([*editor, tmp], check=False).returncode != 0:
            raise UsageError("the editor failed; the skill is unchanged")
        try:
            edited = Skill.from_json(json.loads(Path(tmp).read_text(encoding="utf-8")), tmp)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"not valid JSON ({exc}); the skill is unchanged") from None
    finally:
        os.unlink(tmp)
    if edited.steps == current.steps and edited.description == current.description:
        raise UsageError("no change; the skill is unchanged")
    return store.edit(name, steps=edited.steps, description=edited.description)


# -- watches -------------------------------------------------------------------------------

def watch(argv: list[str], env: Environment) -> int:
    p = _parser("watch", "Watches: when a file appears or changes, run an approved plan.")
    sub = p.add_subparsers(dest="what", required=True)
    add = sub.add_parser("add", help="watch a folder; the plan is approved now")
    add.add_argument("path")
    add.add_argument("--glob", default="*", help="which file names (default *)")
    add.add_argument("--on", default="created", help="event kinds: created,modified,deleted (default created)")
    add.add_argument("--do", required=True, help="what to do, with {path} for the file")
    add.add_argument("--yes", "-y", action="store_true", help="approve without asking")
    add.add_argument("--model", metavar="PATH|URL")
    sub.add_parser("list")
    for name in ("pause", "resume", "remove"):
        sub.add_parser(name).add_argument("id")
    sub.add_parser("notes", help="what watches asked about or could not do")
    sub.add_parser("run", help="run the watch service in the foreground until Ctrl-C")
    args = p.parse_args(argv)
    from ..services.watches import WatchStore

    paths = _paths(env)
    store = WatchStore(paths.config / "watches.json")
    out = env.stdout
    if args.what == "add":
        return _add_watch(env, store, args)
    if args.what == "list":
        watches = store.all()
        for w in watches:
            state = "paused" if w.paused else "active"
            out.write(f"{w.id}  {state}  {escape_name(os.path.join(w.folder, w.glob))}  on {','.join(w.events)}"
                      f"  -> {escape_name(w.request)}\n")
        if not watches:
            out.write("no watches yet\n")
    elif args.what in ("pause", "resume"):
        w = store.set_paused(args.id, args.what == "pause")
        out.write(f"watch {w.id} {'paused' if w.paused else 'resumed'}\n")
    elif args.what == "remove":
        store.remove(args.id)
        out.write(f"removed watch {args.id}\n")
    elif args.what == "notes":
        from ..services.watch_service import Notifications

        notes = Notifications(paths.state / "notifications.jsonl").all()
        for n in notes[-50:]:
            out.write(f"{n['source']}: {escape_name(n['message'])}\n")
        if not notes:
            out.write("no notifications\n")
    else:
        return _run_service(env, paths)
    return ExitStatus.OK


def _add_watch(env: Environment, store: Any, args: argparse.Namespace) -> int:
    from ..app import open_session
    from ..confirm import AlwaysNo
    from ..sandbox.paths import resolve
    from ..services.watches import approval_for, plan_template

    folder = resolve(args.path, env.cwd, env.home)
    if not folder.is_dir():
        raise UsageError(f"not a folder: {args.path}")
    events = [e.strip() for e in args.on.split(",") if e.strip()]
    session = open_session(env, confirmer=AlwaysNo(), model=args.model)
    steps = plan_template(session, args.do)
    approvals = approval_for(steps, session.catalog, folder=str(folder), glob=args.glob, cwd=env.cwd, home=env.home)
    _show_watch(env, folder, args.glob, events, steps, approvals)
    if not args.yes and not (env.stdin_isatty and _ask(env, "Create this watch?")):
        env.stderr.write("not created" + ("" if env.stdin_isatty else ": rerun with --yes to approve") + "\n")
        return ExitStatus.DECLINED
    w = store.add(folder=str(folder), glob=args.glob, events=events, request=args.do, steps=steps,
                  approvals=approvals, cwd=str(env.cwd))
    env.stdout.write(f"watch {w.id} created; it runs while `nlsh watch run` is running\n")
    return ExitStatus.OK


def _show_watch(env: Environment, folder: Path, glob: str, events: Iterable[str], steps: Iterable[ActionCall],
                approvals: Iterable[Any]) -> None:
    out = env.stderr
    out.write(f"when a file matching {escape_name(glob)} is {'/'.join(events)} in {escape_name(str(folder))}:\n")
    for i, call in enumerate(steps, 1):
        out.write(f"  {i}. {_step_line(call)}\n")
    out.write("approved from now on, without asking (anything else will be refused and noted):\n")
    for a in approvals:
        out.write(f"  {a.action} on {escape_name(', '.join(a.resources))}\n")


def _run_service(env: Environment, paths: Any) -> int:
    from ..services.watch_service import WatchService

    service = WatchService(env, paths)
    stop = threading.Event()

    def ready() -> None:
        env.stderr.write(f"watching ({len(service.store.all())} watches); Ctrl-C stops\n")
        env.stderr.flush()

    try:
        service.run_forever(stop, ready=ready)
    except KeyboardInterrupt:
        stop.set()
        env.stderr.write("\nwatch service stopped\n")
    return ExitStatus.OK
