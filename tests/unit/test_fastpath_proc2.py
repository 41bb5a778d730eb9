"""More process phrasings -> plans; and proc.signal(full=True), like `pkill -f`, on real children."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil
import pytest

from nlsh.actions import processes
from nlsh.errors import ActionFailed
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


CASES: list[tuple[str, list[ActionCall]]] = [
    # a pid, with the noun people use for it
    ("terminate the program with process ID 5 with SIGTERM", [C("proc.signal", pid=5)]),
    ("terminate the app with pid 88 using the default signal", [C("proc.signal", pid=88)]),
    ("Terminate the process with ID 5, using the default signal.", [C("proc.signal", pid=5)]),
    ("end the task with pid 77", [C("proc.signal", pid=77)]),
    ("end task 77", [C("proc.signal", pid=77)]),
    ("kill the application with process id 4242 forcefully", [C("proc.signal", pid=4242, signal="KILL")]),
    # signals by name
    ("send SIGHUP to pid 9", [C("proc.signal", pid=9, signal="HUP")]),
    ("give process 1234 a SIGTERM", [C("proc.signal", pid=1234)]),
    ("give nginx a SIGHUP", [C("proc.signal", name="nginx", signal="HUP")]),
    ("give pid 31 a hangup signal", [C("proc.signal", pid=31, signal="HUP")]),
    ("sigkill process 1234", [C("proc.signal", pid=1234, signal="KILL")]),
    ("SIGHUP 9", [C("proc.signal", pid=9, signal="HUP")]),
    # the whole command line, like pkill -f
    ("kill all processes whose command line contains server.py immediately",
     [C("proc.signal", name="server.py", full=True, signal="KILL")]),
    ("kill every process whose cmdline contains foo", [C("proc.signal", name="foo", full=True)]),
    ("terminate whatever process has server.py in its command line", [C("proc.signal", name="server.py", full=True)]),
    ("kill processes with 'manage.py runserver' in their command line",
     [C("proc.signal", name="manage.py runserver", full=True)]),
    ("forcefully kill all processes whose command line includes gunicorn",
     [C("proc.signal", name="gunicorn", full=True, signal="KILL")]),
    ("stop the processes whose full command line is 'node app.js'", [C("proc.signal", name="node app.js", full=True)]),
    ("terminate all processes whose command is sleep", [C("proc.signal", name="sleep")]),
    ("kill all processes whose command line is 'python server.py' immediately",
     [C("proc.signal", name="python server.py", full=True, signal="KILL")]),
    ("immediately kill every process whose command line contains node",
     [C("proc.signal", name="node", full=True, signal="KILL")]),
    ("kill all processes whose command is sleep immediately", [C("proc.signal", name="sleep", signal="KILL")]),
    ("Terminate the program whose process ID is 5.", [C("proc.signal", pid=5)]),
    ("terminate the task with process ID 5 using the default signal", [C("proc.signal", pid=5)]),
    # pids by name
    ("list all process IDs with the name sshd", [C("proc.pids", name="sshd")]),
    ("show all process IDs with the name 'sshd'", [C("proc.pids", name="sshd")]),
    ("List every PID with the name sshd", [C("proc.pids", name="sshd")]),
    ("show the pids named nginx", [C("proc.pids", name="nginx")]),
    ("get me every pid for python", [C("proc.pids", name="python")]),
    ("which pids belong to nginx", [C("proc.pids", name="nginx")]),
    ("what pids belong to the postgres processes", [C("proc.pids", name="postgres")]),
    ("pids of every bash", [C("proc.pids", name="bash")]),
    ("give me each pid of the processes called node", [C("proc.pids", name="node")]),
    # the newest / oldest one
    ("select only the newest python process", [C("proc.pids", name="python", pick="newest")]),
    ("show only the most recently started python process", [C("proc.pids", name="python", pick="newest")]),
    ("pick the oldest nginx process", [C("proc.pids", name="nginx", pick="oldest")]),
    ("choose just the latest node process", [C("proc.pids", name="node", pick="newest")]),
    ("the oldest nginx process", [C("proc.pids", name="nginx", pick="oldest")]),
    ("display only the oldest python process", [C("proc.pids", name="python", pick="oldest")]),
    # is it running
    ("is nginx still alive?", [C("proc.find", name="nginx")]),
    ("is redis currently running", [C("proc.find", name="redis")]),
    ("check whether postgres is still up", [C("proc.find", name="postgres")]),
    ("do I have any python processes running", [C("proc.find", name="python")]),
    ("does this machine have any java processes", [C("proc.find", name="java")]),
    # by user
    ("show processes of user bob", [C("proc.list", user="bob")]),
    ("what is user bob running", [C("proc.list", user="bob")]),
    ("what's the user alice running right now", [C("proc.list", user="alice")]),
]

PASS_ON = [
    "kill the newest python process",  # which one is found first: two steps
    "kill all python processes running as bob",  # signals by user are not planned
    "kill the process with pid 5 whose command line contains x",
    "show bob's processes",  # bob the user, or a program called bob?
    "is the server up", "give me a sighup",
    "what is running the show",
]


@pytest.mark.parametrize("request_text,expected", CASES)
def test_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns, catalog.actions) == expected


@pytest.mark.parametrize("request_text", PASS_ON)
def test_unclear_process_request_passes_on(catalog, request_text):
    assert match(request_text, catalog.patterns, catalog.actions) is None


def test_plans_validate(catalog):
    for text, _ in CASES:
        for call in match(text, catalog.patterns, catalog.actions) or []:
            catalog.actions.get(call.action).validate(call.args)


# ---------------------------------------------------------------- proc.signal(full=True) on real children


@pytest.fixture
def marked():
    """A child whose command line (not its name) carries a marker unique to this test."""
    marker = f"nlsh-mark-{time.monotonic_ns()}"
    child = subprocess.Popen([sys.executable, "-c", "import time, sys; time.sleep(30)", marker],
                             stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if marker in psutil.Process(child.pid).cmdline():
                break
        except psutil.Error:
            pass
        time.sleep(0.02)
    yield marker, child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)


def test_signal_full_matches_the_command_line_like_pkill_f(ctx, marked):
    marker, child = marked
    preview = processes._preview_signal(ctx, name=marker, full=True)
    assert preview.targets == (f"pid:{child.pid}",)
    assert "whose command line contains" in preview.summary
    result = processes.send_signal(ctx, name=marker, full=True, signal="KILL")
    assert result.output.startswith(f"sent KILL to {child.pid} (")
    assert child.wait(timeout=10) != 0


def test_signal_full_is_not_the_exact_name(ctx, marked):
    marker, child = marked
    with pytest.raises(ActionFailed, match="no process named"):
        processes.send_signal(ctx, name=marker)
    assert child.poll() is None


def test_signal_full_with_nothing_found_or_empty_text_fails_clearly(ctx):
    with pytest.raises(ActionFailed, match="whose command line contains"):
        processes.send_signal(ctx, name="no-such-command-line-xyz-123", full=True)
    with pytest.raises(ActionFailed, match="say what"):
        processes.send_signal(ctx, name="  ", full=True)


def test_signal_full_never_signals_nlsh_itself(ctx):
    """The interpreter's name is in this process's own command line: nlsh (this process) is left alone."""
    me = psutil.Process()
    word = os.path.basename(me.cmdline()[0])
    preview = processes._preview_signal(ctx, name=word, full=True)
    assert f"pid:{me.pid}" not in preview.targets
