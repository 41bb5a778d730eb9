"""Raw commands through the whole pipeline: routed, confirmed, sandboxed, audited."""

from __future__ import annotations

import json

from nlsh.app import open_session
from nlsh.confirm import AlwaysNo, AlwaysYes
from nlsh.plugins import load_catalog
from nlsh.types import ExitStatus


def session(env, confirmer=None):
    return open_session(env, confirmer=confirmer or AlwaysYes(), catalog=load_catalog(entry_points=False),
                        model="none")


def test_command_runs_in_the_sandbox_and_is_audited(env, workspace, paths):
    (workspace / "a.txt").write_text("x")
    turn = session(env).handle("ls -a")
    assert turn.status == ExitStatus.OK and turn.plan.source == "command"
    assert "a.txt" in turn.output.split()
    ends = [json.loads(line) for line in paths.audit_log.read_text().splitlines() if '"end"' in line]
    assert ends and ends[-1]["sandbox"]  # the level in force is named


def test_commands_always_ask(env, workspace):
    turn = session(env, AlwaysNo()).handle("!touch made-by-command")
    assert turn.status == ExitStatus.DECLINED and not (workspace / "made-by-command").exists()


def test_failing_command_is_exit_1_with_output(env):
    turn = session(env).handle("!ls /definitely-not-here")
    assert turn.status == ExitStatus.FAILED and "exited with status" in turn.message


def test_shell_syntax_typed_by_the_person_runs_under_sh(env, workspace):
    (workspace / "a.txt").write_text("one\ntwo\n")
    turn = session(env).handle("!cat a.txt | wc -l")
    assert turn.status == ExitStatus.OK and turn.output.strip() == "2"


def test_english_is_not_mistaken_for_a_command(env):
    from nlsh.intent.router import route

    which = lambda name: "/usr/bin/" + name if name in ("find", "make", "who", "ls", "git") else None
    assert route("find all python files", which=which).kind == "request"
    assert route("make a folder called x", which=which).kind == "request"
    assert route("make run.sh executable", which=which).kind == "request"
    assert route("make notes.txt read-only", which=which).kind == "request"
    assert route("make test", which=which).kind == "command"
    assert route("who is using the most memory", which=which).kind == "request"
    assert route("ls -la", which=which).kind == "command"
    assert route("git status", which=which).kind == "command"
    assert route("git commit -m 'fix the bug'", which=which).kind == "command"
    assert route("?delete x", which=which).kind == "explain"


def test_a_write_refused_in_roots_folder_says_why(env, workspace):
    import os

    if os.geteuid() != 0:
        assert os.stat(workspace).st_uid != 0  # nothing to explain: programs run as this user
        return
    os.chown(workspace, 0, 0)
    turn = session(env).handle("!touch made-by-nobody")
    assert turn.status == ExitStatus.FAILED and not (workspace / "made-by-nobody").exists()
    assert "programs run as nobody in folders root owns" in turn.output
