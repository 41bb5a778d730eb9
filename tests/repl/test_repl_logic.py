"""The REPL's logic, driven through prompt_toolkit's pipe input and a dummy output.

Each test types keys into a real Repl on a real Session (fast path only, NLSH_HOME in a
temp dir) and checks what it printed and what happened to the files.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, InMemoryHistory

from nlsh.audit.verify import read_records, verify
from nlsh.ui.repl.completion import CommandIndex, ReplCompleter
from nlsh.ui.repl.builtins import BUILTINS
from nlsh.ui.repl.history import ShellHistory, open_history

pytestmark = pytest.mark.timeout(60)

ENTER = "\r"
UP = "\x1b[A"


def out(env) -> str:
    return env.stdout.getvalue()


def err(env) -> str:
    return env.stderr.getvalue()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def audit_events(paths) -> list[str]:
    return [r["event"] for r in read_records(paths.audit_log)]


# -- built-ins ------------------------------------------------------------------------------


def test_help_lists_builtins_and_describes_an_action(make_repl, drive, env):
    repl = make_repl()
    assert drive(repl, "help" + ENTER + "help files.copy" + ENTER + "help nosuch.thing" + ENTER) == 0
    text = out(env)
    for name in ("history", "undo", "audit", "jobs", "model", "policy", "doctor", "clear", "cd", "exit"):
        assert f"  {name}" in text
    assert "files.copy: Copy files or folders" in text
    assert "destination" in text and "risk R1" in text
    assert "no built-in or action named 'nosuch.thing'" in err(env)
    assert repl.status == 2


def test_jobs_policy_and_model_builtins(make_repl, drive, env, workspace):
    (workspace / "a.txt").write_text("x")
    repl = make_repl()
    drive(repl, "jobs" + ENTER + "policy" + ENTER + "policy why" + ENTER + "delete a.txt" + ENTER + "n"
          + "policy why" + ENTER + "model" + ENTER)
    text = out(env)
    assert "no background jobs yet" in text
    assert "mode: normal" in text and "built-in denies:" in text
    assert "no decision yet" in text
    assert "files.delete: asked you, risk R2" in text
    assert "model: none (fast path only) (fast path only)" in text


def test_exit_with_a_status_and_ctrl_d(make_repl, drive):
    assert drive(make_repl(), "exit 3" + ENTER) == 3
    assert drive(make_repl(), "") == 0  # Ctrl-D on an empty line


def test_a_line_that_does_not_fit_a_builtin_is_a_request(make_repl, drive, env):
    repl = make_repl()
    drive(repl, "help me with the weather tomorrow" + ENTER)
    assert "I don't know how to do that" in err(env)
    assert repl.status == 5


def test_cd_moves_the_session_and_the_prompt(make_repl, drive, env, workspace):
    (workspace / "sub").mkdir()
    (workspace / "sub" / "inner.txt").write_text("x")
    repl = make_repl()
    drive(repl, "cd sub" + ENTER + "list files here" + ENTER)
    assert repl.session.cwd == workspace / "sub"
    assert repl.info.cwd == workspace / "sub"
    assert "inner.txt" in out(env)
    assert repl.session.workspace == workspace / "sub"  # the workspace follows cd (inside home/start)


def test_cd_back_home_and_errors(make_repl, drive, env, workspace):
    (workspace / "sub").mkdir()
    repl = make_repl()
    drive(repl, "cd sub" + ENTER + "cd -" + ENTER + "cd nowhere" + ENTER)
    assert repl.session.cwd == workspace
    assert "cd: not a directory: nowhere" in err(env)
    assert repl.status == 2


def test_cd_outside_home_keeps_the_workspace(make_repl, drive, env, workspace, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    repl = make_repl()
    drive(repl, f"cd {outside}" + ENTER)
    assert repl.session.cwd == outside
    assert repl.session.workspace == workspace
    assert f"the workspace stays {workspace}" in out(env)


# -- history ----------------------------------------------------------------------------------


def _when_loaded(repl, then) -> None:
    """Once the running prompt has loaded the saved history (it loads on a thread), call `then`."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        session = repl.prompt_session
        if session is not None and session.app.is_running and session.default_buffer.working_index >= 1:
            break
        time.sleep(0.01)
    then()


def test_history_is_persisted_and_reloaded(make_repl, drive, pipe, env, workspace, paths):
    (workspace / "a.txt").write_text("x")
    history_file = paths.state / "history"
    drive(make_repl(history=open_history(history_file)), "list files here" + ENTER)
    assert (history_file.stat().st_mode & 0o777) == 0o600
    env.stdout.seek(0)
    env.stdout.truncate()
    # a new REPL on the same file: Up + Enter runs the saved line again, and `history` shows it
    repl = make_repl(history=open_history(history_file))
    keys = UP + ENTER + "history" + ENTER + "\x04"
    threading.Thread(target=_when_loaded, args=(repl, lambda: pipe.send_text(keys))).start()
    drive(repl, "", ctrl_d=False)
    text = out(env)
    assert text.count("a.txt") == 1  # the recalled request ran and listed the file
    assert "1  list files here\n2  history" in text
    assert FileHistory(str(history_file)).load_history_strings().__next__() == "history"


def test_commands_are_appended_to_the_shell_history_when_asked(make_repl, drive, tmp_path):
    bash_history = tmp_path / "bash_history"
    bash_history.write_text("echo before\n")
    drive(make_repl(shell_history=ShellHistory(bash_history)), "!true" + ENTER + "y" + "list files here" + ENTER)
    assert bash_history.read_text() == "echo before\ntrue\n"


# -- completion -------------------------------------------------------------------------------


def _completions(completer, text: str) -> list[str]:
    return [c.text for c in completer.get_completions(Document(text), CompleteEvent(completion_requested=True))]


def test_completion_candidates(workspace, env, catalog, tmp_path):
    (workspace / "notes.md").write_text("x")
    (workspace / "src").mkdir()
    (workspace / "new\nline.txt").write_text("x")
    (workspace / "my file.txt").write_text("x")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "frobnicate").write_text("#!/bin/sh\n")
    (bin_dir / "frobnicate").chmod(0o755)
    (bin_dir / "frobdata").write_text("not a program")
    history = InMemoryHistory()
    for line in ("find the big files here", "find log files"):
        history.append_string(line)
    completer = ReplCompleter(cwd=lambda: workspace, home=env.home, builtins=BUILTINS,
                              actions=lambda: [s.name for s in catalog.actions],
                              commands=CommandIndex(str(bin_dir)), history=history)
    assert "history" in _completions(completer, "hist")
    assert _completions(completer, "frob") == ["frobnicate"]
    assert "notes.md" in _completions(completer, "cat no")
    assert _completions(completer, "cd s") == ["src/"]
    assert "'my file.txt'" in _completions(completer, "cat my")
    assert not any("line" in c for c in _completions(completer, "cat ne"))  # a name with a newline
    assert "files.copy" in _completions(completer, "help files.co")
    assert _completions(completer, "find l") == ["find log files"]
    assert set(_completions(completer, "find ")) >= {"find the big files here", "find log files"}


# -- follow-ups -------------------------------------------------------------------------------


def test_now_delete_them_deletes_what_was_found_and_undo_that_restores(make_repl, drive, env, workspace):
    for name in ("a.log", "b.log", "keep.txt"):
        (workspace / name).write_text("x")
    repl = make_repl()
    drive(repl, "find log files" + ENTER + "now delete them" + ENTER + "y")
    assert names(workspace) == ["keep.txt"]
    assert "2 items" in out(env)
    drive(repl, "undo that" + ENTER)
    assert names(workspace) == ["a.log", "b.log", "keep.txt"]


def test_do_the_same_in_a_folder(make_repl, drive, env, workspace):
    (workspace / "top.log").write_text("x")
    (workspace / "src").mkdir()
    (workspace / "src" / "inner.log").write_text("x")
    repl = make_repl()
    drive(repl, "find log files" + ENTER + "do the same in src/" + ENTER)
    lines = out(env).splitlines()
    assert lines == ["./src/inner.log", "./top.log", "src/inner.log"]  # the second only looked in src/, as `find src`
    assert repl.last_turn.steps[0].args["path"] == str(workspace / "src")


def test_a_follow_up_with_nothing_to_refer_to_says_so(make_repl, drive, env):
    repl = make_repl()
    drive(repl, "delete them" + ENTER + "undo that" + ENTER)
    assert "'them' refers to nothing yet" in err(env)
    assert "nothing to undo in this session yet" in err(env)


def test_conversation_is_bounded(make_repl, drive, env, workspace):
    (workspace / "a.txt").write_text("x")
    repl = make_repl()
    drive(repl, ("list files here" + ENTER) * 12 + "history context" + ENTER)
    assert len(repl.conversation.turns) == 8
    assert "8. 'list files here' -> files.list (ok, 1 path)" in out(env)


# -- confirmation -----------------------------------------------------------------------------


def test_confirm_yes_runs(make_repl, drive, env, workspace):
    (workspace / "a.txt").write_text("x")
    repl = make_repl()
    drive(repl, "delete a.txt" + ENTER + "y")
    assert names(workspace) == []
    assert "Run this? [y/N/e/?/a] yes" in out(env)


def test_confirm_no_and_enter_decline_a_destructive_step(make_repl, drive, env, workspace, paths):
    (workspace / "a.txt").write_text("x")
    repl = make_repl()
    drive(repl, "delete a.txt" + ENTER + "n" + "delete a.txt" + ENTER + ENTER)
    assert names(workspace) == ["a.txt"]
    assert out(env).count("Run this? [y/N/e/?/a] no") == 2
    assert repl.status == 4
    assert audit_events(paths).count("confirmation") == 2


def test_confirm_edit_changes_the_arguments_and_plans_again(make_repl, drive, env, workspace, paths):
    (workspace / "a.txt").write_text("x")
    (workspace / "b.txt").write_text("x")
    repl = make_repl()
    edited = json.dumps({"paths": ["b.txt"]})
    drive(repl, "delete a.txt" + ENTER + "e" + "\x15" + edited + ENTER + "y")  # Ctrl-U clears the line
    assert names(workspace) == ["a.txt"]
    assert str(workspace / "b.txt") in out(env)  # the new preview showed the edited target
    events = audit_events(paths)
    assert events.count("request") == 2 and events.count("end") == 1
    assert verify(paths.audit_log).ok


def test_confirm_edit_rejects_bad_json_then_accepts(make_repl, drive, env, workspace):
    (workspace / "a.txt").write_text("x")
    repl = make_repl()
    drive(repl, "delete a.txt" + ENTER + "e" + "\x15" + "[1, 2" + ENTER + "\x15" + '{"paths": ["a.txt"]}' + ENTER + "n")
    assert "not valid JSON" in err(env)
    assert names(workspace) == ["a.txt"]


def test_confirm_edit_of_a_command_line(make_repl, drive, env):
    repl = make_repl()
    drive(repl, "!echo one" + ENTER + "e" + "\x15" + "echo two; echo three" + ENTER + "y")
    assert out(env).splitlines()[-2:] == ["two", "three"]
    assert repl.last_turn.steps[0].args["argv"] == ["sh", "-c", "echo two; echo three"]  # shell syntax


def test_confirm_explain_then_always(make_repl, drive, env, workspace, paths):
    (workspace / "sub").mkdir()
    (workspace / "a.txt").write_text("x")
    repl = make_repl()
    drive(repl, "delete a.txt" + ENTER + "?" + "a")
    assert "policy: confirm (rule" in out(env)
    assert names(workspace) == ["sub"]
    # the same step again is not asked: only the first preview was shown
    (workspace / "a.txt").write_text("x")
    drive(repl, "delete a.txt" + ENTER)
    assert names(workspace) == ["sub"]
    assert out(env).count("Run this?") == 2  # the question, then the answer line, once


def test_always_is_not_offered_for_high_risk(make_repl, drive, env):
    repl = make_repl()
    drive(repl, "!true" + ENTER + "a" + "n")  # "a" is ignored; "n" answers
    assert "Run this? [y/N/e/?] no" in out(env)
    assert repl.status == 4


# -- without a terminal ----------------------------------------------------------------------------


def test_lines_without_a_terminal_run_and_confirm_nothing(env, workspace, catalog):
    from nlsh.app import open_session
    from nlsh.confirm import AlwaysNo
    from nlsh.ui.repl.app import Repl
    from nlsh.ui.repl.output import Console

    (workspace / "a.txt").write_text("x")
    session = open_session(env, confirmer=AlwaysNo("no terminal"), model="none", catalog=catalog)
    repl = Repl(env, session, console=Console(env))
    status = repl.run_lines(["list files here\n", "delete a.txt\n"])
    assert "a.txt" in out(env)
    assert names(workspace) == ["a.txt"]
    assert status == 4


def test_the_ctrl_c_policy_survives_a_confirmation(make_repl, pipe, env):
    import signal

    from nlsh.ui.repl.confirm import ask_key

    repl = make_repl()
    pipe.send_text("y")
    with repl.interrupts.guard():
        assert ask_key(repl.console, "Run this? ", "yn") == "y"
        assert signal.getsignal(signal.SIGINT) == repl.interrupts._on_sigint
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_readme_tasks_work_interactively(make_repl, pipe, env, workspace):
    (workspace / "src").mkdir()
    (workspace / "src" / "a.py").write_text("# todo: one\n")
    (workspace / "docs").mkdir()
    (workspace / "docs" / "d.txt").write_text("x")
    (workspace / "README.md").write_text("a\nb\n")
    (workspace / "x.log").write_text("l")
    (workspace / ".hidden").write_text("")
    repl = make_repl()
    expected = {
        "list files here": "x.log",
        "show hidden files in long format": ".hidden",
        "search for TODO in src ignoring case": "src/a.py:",
        "count lines in README.md": "2",
        "what is taking space here": "./docs/",
        "compress docs into docs.tar.gz": "docs.tar.gz",
        "top processes by memory": "PID",
        "?move README.md to docs/": "decision: auto",
    }
    for line, shown in expected.items():
        assert repl.handle(line) == 0, (line, err(env))
        assert shown in out(env), line
    pipe.send_text("y")
    assert repl.handle("delete *.log") == 0
    assert not (workspace / "x.log").exists()
    assert repl.handle("undo") == 0
    assert (workspace / "x.log").exists()
    assert (workspace / "docs.tar.gz").exists()
