"""The memory/skill actions and patterns, the session hooks, and the CLI subcommands."""

from __future__ import annotations

import io
import json
import sys

import pytest

from nlsh.app import open_session
from nlsh.confirm import AlwaysYes
from nlsh.errors import UsageError
from nlsh.plugins import load_catalog
from nlsh.services.hooks import planner_context, record_turn, skill_plan
from nlsh.services.memory import Memory
from nlsh.services.skills import SkillStore
from nlsh.types import ExitStatus
from nlsh.ui import services_cli as cli


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


def session(env, catalog):
    return open_session(env, confirmer=AlwaysYes(), catalog=catalog, planner=None)


def out(env):
    text = env.stdout.getvalue()
    env.stdout.seek(0)
    env.stdout.truncate()
    return text


def test_remember_and_search_through_the_pipeline(env, catalog, paths):
    assert catalog.broken == {}
    s = session(env, catalog)
    turn = s.handle("remember that my projects live in ~/code")
    assert turn.status == ExitStatus.OK, turn.message
    assert turn.plan.steps[0].action == "memory.remember"
    turn = s.handle("I prefer trash over delete.")
    assert Memory(paths.data / "memory.db").list(kind="preference")[0].text == "I prefer trash over delete"
    turn = s.handle("what do you remember about projects")
    assert "my projects live in ~/code" in turn.output
    assert planner_context(paths, "open my projects") == "[fact] my projects live in ~/code"
    assert s.undo().ok  # undo of a remember forgets it (the last undoable step)


def test_save_that_as_and_run_skill_by_name(env, catalog, paths, workspace):
    (workspace / "a.txt").write_text("a")
    s = session(env, catalog)
    assert s.handle("copy a.txt to b.txt").status == ExitStatus.OK
    turn = s.handle("save that as dup-a")
    assert turn.status == ExitStatus.OK, turn.message
    assert SkillStore(paths.config / "skills").get("dup-a").steps[0].action == "files.copy"
    (workspace / "b.txt").unlink()
    plan = skill_plan(paths, "run skill dup-a")
    assert plan is not None and skill_plan(paths, "run the dup-a skill") == plan
    assert skill_plan(paths, "copy a.txt to c.txt") is None
    with pytest.raises(UsageError):
        skill_plan(paths, "run skill nope")
    from nlsh.types import Request
    assert s.run_plan(Request("run skill dup-a", "request", "run skill dup-a"), plan).status == ExitStatus.OK
    assert (workspace / "b.txt").read_text() == "a"


def test_record_turn_makes_searchable_episodes(env, catalog, paths, workspace):
    (workspace / "invoice-1.pdf").write_text("x")
    s = session(env, catalog)
    turn = s.handle("copy invoice-1.pdf to archive.pdf")
    assert record_turn(paths, turn) is not None
    found = Memory(paths.data / "memory.db").search("what did I do with the invoices")
    assert found and found[0].kind == "episode" and found[0].outcome == "ok"


def test_memory_cli_round_trip(env, tmp_path):
    assert cli.memory(["add", "backups", "go", "to", "/mnt/b"], env) == 0
    assert cli.memory(["add", "--preference", "short answers"], env) == 0
    assert "remembered" in out(env)
    cli.memory(["search", "backups"], env)
    assert "[fact] backups go to /mnt/b" in out(env)
    cli.memory(["export", "mem.json"], env)
    assert "exported 2 items" in out(env)
    data = json.loads((env.cwd / "mem.json").read_text())
    assert data["format"] == "nlsh-memory/1" and len(data["items"]) == 2
    cli.memory(["forget", "1"], env)
    with pytest.raises(UsageError):
        cli.memory(["forget", "1"], env)
    cli.memory(["import", "mem.json"], env)
    assert "imported 1 new items" in out(env)
    with pytest.raises(SystemExit):
        cli.memory(["frobnicate"], env)


def test_skill_cli(env, catalog, workspace, paths):
    (workspace / "a.txt").write_text("a")
    assert session(env, catalog).handle("copy a.txt to b.txt").status == ExitStatus.OK
    assert cli.skill(["save", "dup", "--from-last"], env) == 0
    cli.skill(["list"], env)
    assert "dup  v1  1 step(s)  copy a.txt to b.txt" in out(env)
    cli.skill(["show", "dup"], env)
    assert "files.copy" in out(env)
    (workspace / "b.txt").unlink()
    assert cli.skill(["run", "dup"], env) == 0 and (workspace / "b.txt").exists()
    editor = workspace / "editor.py"
    editor.write_text("import json,sys\np=sys.argv[1]\nd=json.load(open(p))\nd['description']='edited'\n"
                      "json.dump(d,open(p,'w'))\n")
    env.environ = {**env.environ, "EDITOR": f"{sys.executable} {editor}"}
    assert cli.skill(["edit", "dup"], env) == 0 and "version 2" in out(env)
    assert SkillStore(paths.config / "skills").get("dup", 1).description == "copy a.txt to b.txt"
    assert cli.skill(["remove", "dup"], env) == 0
    with pytest.raises(UsageError):
        cli.skill(["show", "dup"], env)


def test_watch_cli_add_needs_approval(env, workspace, paths):
    (workspace / "inbox").mkdir()
    args = ["add", "inbox", "--glob", "*.pdf", "--do", "move {path} to papers/"]
    assert cli.watch(args, env) == ExitStatus.DECLINED  # no terminal, no --yes
    assert "files.move" in env.stderr.getvalue() and "inbox/*.pdf" in env.stderr.getvalue()
    assert cli.watch(args + ["--yes"], env) == 0
    cli.watch(["list"], env)
    listing = out(env)
    watch_id = listing.split()[1 if listing.startswith("watch") else 0]
    assert "active" in listing and "move {path} to papers/" in listing
    cli.watch(["pause", watch_id], env)
    cli.watch(["list"], env)
    assert "paused" in out(env)
    assert cli.watch(["remove", watch_id], env) == 0
    with pytest.raises(UsageError):
        cli.watch(["add", "missing-folder", "--do", "move {path} to x", "--yes"], env)


def test_jobs_cli(env, paths):
    from nlsh.services.jobs import JobRunner, JobStore

    store = JobStore(paths.state / "jobs.db")
    runner = JobRunner(store)
    done = runner.submit("greet\nwith newline", lambda c: c.log("hello") or 0)
    assert store.wait(done, 30).state == "done"
    runner.shutdown()
    cli.jobs([], env)
    assert "done" in out(env)
    cli.job([str(done)], env)
    text = out(env)
    assert "state: done" in text and "hello" in text and "greet\\nwith newline" in text
    cli.cancel([str(done)], env)
    assert "already ended" in out(env)
    queued = store.create("waiting")
    cli.cancel([str(queued)], env)
    assert "cancelled" in out(env) and store.get(queued).state == "cancelled"
    with pytest.raises(UsageError):
        cli.job(["999"], env)
