"""The REPL's parts on their own: prompt, output, progress and Ctrl-C, context, lexer, history."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from prompt_toolkit.document import Document

from nlsh.config import Settings
from nlsh.env import Environment
from nlsh.errors import UsageError
from nlsh.types import ActionCall, ExitStatus, Outcome, Plan, Request, Turn
from nlsh.ui.repl.context import MAX_PATHS, Conversation
from nlsh.ui.repl.history import ShellHistory, commands_ran, shell_history_from
from nlsh.ui.repl.lexer import LineLexer
from nlsh.ui.repl.output import Console, format_outcome, table
from nlsh.ui.repl.progress import Activity, Interrupts
from nlsh.ui.repl.prompt import PromptInfo, git_branch, prompt_text, short_cwd


def _env(tmp_path: Path, *, tty: bool = True, **environ: str) -> Environment:
    return Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), cwd=tmp_path,
                       environ={"HOME": str(tmp_path), **environ}, stdin_isatty=tty, stdout_isatty=tty)


# -- prompt ---------------------------------------------------------------------------------


def test_short_cwd(tmp_path):
    home = Path("/home/ann")
    assert short_cwd(home, home) == "~"
    assert short_cwd(home / "src", home) == "~/src"
    assert short_cwd(Path("/home/annex/x"), home) == "/home/annex/x"  # not inside home
    assert short_cwd(home / "projects/clients/acme/website/frontend", home) == "~/p/c/a/w/frontend"
    assert short_cwd(Path("/tmp/a\x1b]0;pwned\x07b"), home) == "/tmp/a\\x1b]0;pwned\\x07b"


def test_git_branch_from_head(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deep" / "er").mkdir(parents=True)
    head = repo / ".git" / "HEAD"
    head.write_text("ref: refs/heads/main\n")
    assert git_branch(repo / "deep" / "er") == "main"
    head.write_text("3f2a9c1d5e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c\n")
    assert git_branch(repo) == "3f2a9c1"  # detached
    head.write_text("ref: refs/heads/\x1b[2Jevil\n")
    assert git_branch(repo) == "\\x1b[2Jevil"
    assert git_branch(tmp_path) == ""


def test_git_branch_of_a_worktree(tmp_path):
    real = tmp_path / "main-repo" / ".git" / "worktrees" / "wt"
    real.mkdir(parents=True)
    (real / "HEAD").write_text("ref: refs/heads/topic\n")
    wt = tmp_path / "wt"
    wt.mkdir()
    (wt / ".git").write_text(f"gitdir: {real}\n")
    assert git_branch(wt) == "topic"


def test_prompt_text_shows_model_state_and_status(tmp_path):
    info = PromptInfo(tmp_path / "ws", tmp_path, branch="dev", model="loading", status=4)
    assert prompt_text(info) == "~/ws (dev) [loading model] [4] > "
    info.model, info.status, info.branch = "off", 0, ""
    assert prompt_text(info) == "~/ws [fast-path only] > "


# -- output ---------------------------------------------------------------------------------


def test_colour_only_on_a_terminal_without_no_color(tmp_path):
    assert Console(_env(tmp_path)).paint("x", "red") == "\x1b[31mx\x1b[0m"
    assert Console(_env(tmp_path, NO_COLOR="")).paint("x", "red") == "x"
    assert Console(_env(tmp_path, tty=False)).paint("x", "red") == "x"


def test_long_output_is_not_paged_without_a_terminal(tmp_path):
    env = _env(tmp_path, tty=False)
    console = Console(env)
    console.show("\n".join(str(i) for i in range(500)))
    assert env.stdout.getvalue().count("\n") == 500


def test_table_aligns_visible_text():
    text = table(("A", "BB"), [["\x1b[31mxxx\x1b[0m", "1"], ["y", "22"]], right=(0,))
    assert [len(line.replace("\x1b[31m", "").replace("\x1b[0m", "")) for line in text.splitlines()] == [7, 6, 7]


def test_process_table_from_data_escapes_names():
    rows = [{"pid": 1, "user": "root", "cpu": 75.0, "memory": 1.5, "name": "evil\x1b[2J"}]
    text = format_outcome(Outcome("proc.list", True, "plain", rows), lambda t, s: t)
    assert text.splitlines()[0].split() == ["PID", "USER", "CPU%", "MEM%", "NAME"]
    assert "evil\\x1b[2J" in text and "\x1b" not in text


def test_usage_table_and_fallbacks():
    rows = [{"path": "/w", "display": ".", "bytes": 8192, "type": "dir"},
            {"path": "/w/a", "display": "a", "bytes": 4096, "type": "file"}]
    text = format_outcome(Outcome("files.disk_usage", True, "8.0K\t.", rows), lambda t, s: t)
    assert "##########  a" in text
    kept = format_outcome(Outcome("files.disk_usage", True, "x\nnlsh: cannot open directory b", rows), lambda t, s: t)
    assert kept.endswith("cannot open directory b")  # errors stay with the action's own text
    assert format_outcome(Outcome("proc.list", True, "plain", [{"odd": 1}]), lambda t, s: t) == "plain"


def test_listing_colours_folders(tmp_path):
    data = [{"name": "src", "type": "dir", "mode": "drwxr-xr-x"}, {"name": "a.txt", "type": "file", "mode": "-rw-r--r--"}]
    text = format_outcome(Outcome("files.list", True, "src\na.txt", data), Console(_env(tmp_path)).paint)
    assert text == "\x1b[1;34msrc\x1b[0m\na.txt"


# -- progress and Ctrl-C ----------------------------------------------------------------------


def test_spinner_line_shows_counts(tmp_path):
    clock = iter([100.0, 103.4]).__next__
    activity = Activity(Console(_env(tmp_path, tty=False)), clock=clock)
    with activity.running("working"):
        activity.progress(12, 40, "copying")
        assert activity.line() == "copying 12/40 · 3s · Ctrl-C cancels"


def test_spinner_draws_on_a_terminal_and_clears(tmp_path):
    env = _env(tmp_path)
    activity = Activity(Console(env), delay=0, interval=0.01)
    with activity.running("thinking"):
        deadline = threading.Event()
        while "thinking" not in env.stdout.getvalue() and not deadline.wait(0.01):
            pass
    assert env.stdout.getvalue().endswith("\r\x1b[K")


def test_ctrl_c_asks_a_reporting_action_to_stop_first(tmp_path):
    activity = Activity(Console(_env(tmp_path, tty=False)))
    interrupts = Interrupts(activity)
    with interrupts.guard() as cancelled:
        activity.progress(1, 10, "copying")
        interrupts._on_sigint(2, None)  # first Ctrl-C: a cooperative action gets the chance to stop
        assert cancelled.is_set()
        with pytest.raises(KeyboardInterrupt):
            interrupts._on_sigint(2, None)  # second: interrupt


def test_ctrl_c_interrupts_at_once_when_nothing_reports(tmp_path):
    interrupts = Interrupts(Activity(Console(_env(tmp_path, tty=False))))
    with interrupts.guard():
        with pytest.raises(KeyboardInterrupt):
            interrupts._on_sigint(2, None)


# -- context --------------------------------------------------------------------------------


def _turn(line: str, outcomes=(), calls=(), status=ExitStatus.OK) -> Turn:
    return Turn(Request(line, "request", line), Plan(tuple(calls)), (), (), tuple(outcomes), "auto", "", status)


def test_follow_ups_are_resolved_from_earlier_turns(tmp_path):
    conv = Conversation()
    rows = [{"name": "a.log", "path": "/w/a.log"}, {"name": ".", "path": "/w"}]
    conv.record(_turn("find logs", [Outcome("files.find", True, "", rows)],
                      [ActionCall("files.find", {"path": "."}, taint=("file:x",))]), tmp_path)
    follow = conv.resolve("now delete them", None)
    assert follow.plan.steps == (ActionCall("files.delete", {"paths": ["/w/a.log"]}, taint=("file:x",)),)
    copy = conv.resolve("copy those to backup/", None)
    assert copy.plan.steps[0].args == {"sources": ["/w/a.log"], "destination": "backup/"}
    with pytest.raises(UsageError, match="move them where"):
        conv.resolve("move them", None)
    assert conv.resolve("delete the old logs", None) is None  # not a follow-up


def test_conversation_keeps_few_turns_and_few_paths(tmp_path):
    conv = Conversation(max_turns=3)
    rows = [{"name": f"f{i}", "path": f"/w/f{i}"} for i in range(MAX_PATHS * 2)]
    for i in range(10):
        conv.record(_turn(f"find {i}", [Outcome("files.find", True, "", rows)], [ActionCall("files.find", {})]), tmp_path)
    assert len(conv.turns) == 3
    assert all(len(t.paths) == MAX_PATHS for t in conv.turns)
    assert [t.line for t in conv.turns] == ["find 7", "find 8", "find 9"]


def test_undo_that_uses_the_last_turn(tmp_path):
    conv = Conversation()
    conv.record(_turn("move", [Outcome("files.move", True, undo_id="u1"), Outcome("files.move", True, undo_id="u2")],
                      [ActionCall("files.move", {})]), tmp_path)
    assert conv.resolve("undo that", None).undo_ids == ("u2", "u1")


# -- lexer ----------------------------------------------------------------------------------


def test_lexer_tells_commands_from_requests():
    lexer = LineLexer(which=lambda name: name if name in ("ls", "git", "find") else None,
                      builtins=frozenset({"cd", "help"}))
    assert lexer.kind("ls -la") == "command"
    assert lexer.kind("!anything goes") == "command"
    assert lexer.kind("find all the python files") == "request"
    assert lexer.kind("cd src") == "builtin"
    assert lexer.kind("?delete logs") == "explain"
    styled = lexer.lex_document(Document("find all the python files"))(0)
    assert styled == [("class:request", "find all the python files")]
    assert len(lexer.lex_document(Document("ls -la | wc -l"))(0)) > 1  # shell tokens


# -- shell history --------------------------------------------------------------------------------


def test_shell_history_setting_and_appending(tmp_path):
    assert shell_history_from(Settings(), tmp_path) is None
    target = shell_history_from(Settings(extra={"shell": {"append_history": "~/.bash_history"}}), tmp_path)
    assert target.path == tmp_path / ".bash_history"
    target.append(["ls -la", "echo 'a\nb'", ""])
    assert target.path.read_text() == "ls -la\n"
    assert (target.path.stat().st_mode & 0o777) == 0o600
    ShellHistory(target.path).append(["git status"])
    assert target.path.read_text() == "ls -la\ngit status\n"


def test_commands_ran_names_the_command_lines():
    from nlsh.types import PlannedStep, Preview, Risk

    def step(argv):
        return PlannedStep(ActionCall("shell.run", {"argv": argv}), {"argv": argv}, ("shell.exec",), Risk.R3, (),
                           Preview("run"))

    turn = Turn(Request("!ls | wc -l", "command", "ls | wc -l"), None, (step(["sh", "-c", "ls | wc -l"]),), (),
                (Outcome("shell.run", True),), "confirmed", "", ExitStatus.OK)
    assert commands_ran(turn) == ["ls | wc -l"]
