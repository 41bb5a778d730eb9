"""Process requests in many phrasings -> plans; and proc.pids / proc.list(command) on real children."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

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
    # pids, like pgrep / pidof
    ("show the pids of firefox", [C("proc.pids", name="firefox")]),
    ("pidof nginx", [C("proc.pids", name="nginx")]),
    ("pgrep -n python", [C("proc.pids", name="python", pick="newest")]),
    ("pgrep -f server.py", [C("proc.pids", name="server.py", full=True)]),
    ("get the process ids of all bash processes", [C("proc.pids", name="bash")]),
    ("list all the process ids for nginx", [C("proc.pids", name="nginx")]),
    ("what's firefox's pid?", [C("proc.pids", name="firefox")]),
    ("find the pid of redis-server", [C("proc.pids", name="redis-server")]),
    ("what is the pid of the newest sshd process", [C("proc.pids", name="sshd", pick="newest")]),
    ("print the pid of the oldest running instance of sshd", [C("proc.pids", name="sshd", pick="oldest")]),
    ("find the oldest bash process", [C("proc.pids", name="bash", pick="oldest")]),
    ("show me the most recently started python process", [C("proc.pids", name="python", pick="newest")]),
    ("get the pids of processes whose command line contains server.py",
     [C("proc.pids", name="server.py", full=True)]),
    ("pids of processes with manage.py in their command line", [C("proc.pids", name="manage.py", full=True)]),
    ("pids of python processes owned by bob", [C("proc.pids", name="python", user="bob")]),
    ("list the pids of all processes running as postgres", [C("proc.pids", user="postgres")]),
    # kill every process with a name
    ("kill every firefox process", [C("proc.signal", name="firefox")]),
    ("kill all processes named chrome", [C("proc.signal", name="chrome")]),
    ("terminate all processes whose command is sleep", [C("proc.signal", name="sleep")]),
    ("kill all instances of vim", [C("proc.signal", name="vim")]),
    ("stop every running instance of node", [C("proc.signal", name="node")]),
    ("shut down all node processes", [C("proc.signal", name="node")]),
    ("quit the slack app", [C("proc.signal", name="slack")]),
    ("kill the process named 'my app'", [C("proc.signal", name="my app")]),
    ("close the firefox process", [C("proc.signal", name="firefox")]),
    # force words -> KILL
    ("instantly kill all python processes", [C("proc.signal", name="python", signal="KILL")]),
    ("immediately terminate all processes named node", [C("proc.signal", name="node", signal="KILL")]),
    ("forcefully kill process 1234", [C("proc.signal", pid=1234, signal="KILL")]),
    ("kill firefox forcefully", [C("proc.signal", name="firefox", signal="KILL")]),
    ("force quit firefox", [C("proc.signal", name="firefox", signal="KILL")]),
    ("force-kill process 12", [C("proc.signal", pid=12, signal="KILL")]),
    ("kill process 1234 with signal 9", [C("proc.signal", pid=1234, signal="KILL")]),
    ("kill -9 1234", [C("proc.signal", pid=1234, signal="KILL")]),
    ("terminate every java process using SIGKILL", [C("proc.signal", name="java", signal="KILL")]),
    ("send SIGKILL to all processes named node", [C("proc.signal", name="node", signal="KILL")]),
    # the default signal stays TERM, whatever words mention "signal"
    ("terminate process 1234 using the default SIGTERM signal", [C("proc.signal", pid=1234)]),
    ("kill process 77 with the default signal", [C("proc.signal", pid=77)]),
    ("gracefully stop process 44", [C("proc.signal", pid=44)]),
    ("kill firefox gracefully", [C("proc.signal", name="firefox")]),
    ("kill firefox now", [C("proc.signal", name="firefox")]),
    ("send SIGTERM to process 4321", [C("proc.signal", pid=4321)]),
    ("kill the process with pid 4321", [C("proc.signal", pid=4321)]),
    ("kill process #123", [C("proc.signal", pid=123)]),
    ("end task 55", [C("proc.signal", pid=55)]),
    ("kill -15 33", [C("proc.signal", pid=33)]),
    # other signals
    ("kill -s HUP 1234", [C("proc.signal", pid=1234, signal="HUP")]),
    ("kill -HUP 33", [C("proc.signal", pid=33, signal="HUP")]),
    ("kill python3 with SIGINT", [C("proc.signal", name="python3", signal="INT")]),
    # listings: users, command lines, sorting, ports
    ("list processes of user root", [C("proc.list", user="root")]),
    ("show all processes running as root", [C("proc.list", user="root")]),
    ("which processes are running as alice", [C("proc.list", user="alice")]),
    ("show processes for user bob sorted by memory", [C("proc.list", sort="memory", user="bob")]),
    ("show processes with their full command lines", [C("proc.list", command=True)]),
    ("show the full command lines of all running processes", [C("proc.list", command=True)]),
    ("list processes sorted by memory", [C("proc.list", sort="memory")]),
    ("list processes listening on port 22", [C("proc.find", port=22)]),
    ("which process is listening on port 8080", [C("proc.find", port=8080)]),
    ("list all processes listening on tcp port 443", [C("proc.find", port=443)]),
    ("find the pid of the process listening on port 8000", [C("proc.pids", port=8000)]),
    ("which pid is using port 3000", [C("proc.pids", port=3000)]),
    ("what is the pid of the process that is listening on port 8080", [C("proc.pids", port=8080)]),
    ("show the top 10 memory consuming processes", [C("proc.list", sort="memory", limit=10)]),
    ("list all processes containing java in their name", [C("proc.list", name="java")]),
    ("list every process owned by root", [C("proc.list", user="root")]),
    ("show the command line of process 1234", [C("proc.info", pid=1234)]),
    ("check if nginx is running", [C("proc.find", name="nginx")]),
    ("are there any java processes running", [C("proc.find", name="java")]),
    # more pids and signals
    ("get a list of pids for chrome", [C("proc.pids", name="chrome")]),
    ("what pid does nginx have", [C("proc.pids", name="nginx")]),
    ("find the process id of firefox", [C("proc.pids", name="firefox")]),
    ("get the PID of the process named nginx", [C("proc.pids", name="nginx")]),
    ("send a hangup signal to process 12", [C("proc.signal", pid=12, signal="HUP")]),
    ("send the interrupt signal to process 12", [C("proc.signal", pid=12, signal="INT")]),
    ("pkill -9 firefox", [C("proc.signal", name="firefox", signal="KILL")]),
    ("killall node", [C("proc.signal", name="node")]),
    ("terminate the python process with id 4242", [C("proc.signal", pid=4242, name="python")]),
    ("kill the process whose pid is 77", [C("proc.signal", pid=77)]),
    ("Kills all processes named chrome.", [C("proc.signal", name="chrome")]),
    ("sort processes by memory usage", [C("proc.list", sort="memory")]),
    ("show processes by memory usage in descending order", [C("proc.list", sort="memory")]),
    ("which 3 processes use the most cpu", [C("proc.list", limit=3)]),
    ("list all running processes with their pids", [C("proc.list")]),
    ("what processes does root own", [C("proc.list", user="root")]),
    ("which processes does the user alice run", [C("proc.list", user="alice")]),
]

PASS_ON = [
    "kill it", "kill everything", "kill all processes", "stop the server", "kill the process on port 8080",
    "kill the top process", "kill time", "stop nginx", "end the meeting", "kill firefox forcefully gracefully",
    "kill -9 firefox gracefully", "show the latest log", "find the newest file", "pgrep -n -o python",
    "close the door", "shut down the computer", "what processes do you have",
]


@pytest.mark.parametrize("request_text,expected", CASES)
def test_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns, catalog.actions) == expected


@pytest.mark.parametrize("request_text", PASS_ON)
def test_unclear_process_request_passes_on(catalog, request_text):
    assert match(request_text, catalog.patterns, catalog.actions) is None


def test_plans_validate(catalog):
    for text, _ in CASES:
        for call in match(text, catalog.patterns) or []:
            catalog.actions.get(call.action).validate(call.args)


# ---------------------------------------------------------------- the actions, on real children

_names = itertools.count()


@pytest.fixture
def sleepers(tmp_path: Path):
    """Start children of a name unique to this test (a renamed copy of sleep); all are killed at the end."""
    source = shutil.which("sleep")
    assert source is not None, "coreutils' sleep is needed (every Debian machine has it)"
    name = f"nlp{os.getpid() % 100000}x{next(_names)}"
    program = tmp_path / name
    shutil.copy(source, program)
    program.chmod(0o755)
    started: list[subprocess.Popen] = []

    def start(count: int = 1, seconds: str = "30") -> tuple[str, list[subprocess.Popen]]:
        for _ in range(count):
            started.append(subprocess.Popen([str(program), seconds], stdin=subprocess.DEVNULL))
            time.sleep(0.05)  # distinct start times for newest / oldest
        deadline = time.monotonic() + 5
        while not all(_named(p.pid, name) for p in started) and time.monotonic() < deadline:
            time.sleep(0.02)
        return name, list(started)

    yield start
    for proc in started:
        proc.kill()
        proc.wait(timeout=10)


def _named(pid: int, name: str) -> bool:
    try:
        return psutil.Process(pid).name() == name
    except psutil.Error:
        return False


def test_pids_prints_one_pid_per_line_like_pgrep(ctx, sleepers):
    name, children = sleepers(2)
    result = processes.pids(ctx, name=name)
    assert result.output.splitlines() == [str(p) for p in sorted(c.pid for c in children)]


def test_pids_newest_and_oldest(ctx, sleepers):
    name, children = sleepers(3)
    assert processes.pids(ctx, name=name, pick="newest").output == str(children[-1].pid)
    assert processes.pids(ctx, name=name, pick="oldest").output == str(children[0].pid)


def test_pids_full_matches_the_command_line(ctx, sleepers):
    name, (child,) = sleepers(1, "31.5")
    assert processes.pids(ctx, name="31.5", full=True).output.splitlines() == [str(child.pid)]
    with pytest.raises(ActionFailed):
        processes.pids(ctx, name="31.5")


def test_pids_never_lists_nlsh_itself(ctx):
    me = psutil.Process().name()
    try:
        out = processes.pids(ctx, name=me).output.splitlines()
    except ActionFailed:
        out = []
    assert str(os.getpid()) not in out


def test_pids_nothing_found_or_nothing_asked_fails_clearly(ctx):
    with pytest.raises(ActionFailed, match="no process"):
        processes.pids(ctx, name="no-such-program-here-xyz")
    with pytest.raises(ActionFailed, match="say which"):
        processes.pids(ctx)


def test_list_with_command_lines(ctx, sleepers):
    name, (child,) = sleepers(1, "32")
    result = processes.list_processes(ctx, name=name, command=True, limit=0)
    lines = result.output.splitlines()
    assert lines[0].split()[-1] == "COMMAND"
    assert lines[1].split()[0] == str(child.pid) and lines[1].endswith(f"{name} 32")


def test_pids_on_a_port_like_lsof_t(ctx):
    code = ("import socket, time; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen();"
            "print(s.getsockname()[1], flush=True); time.sleep(30)")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        port = int(child.stdout.readline())
        assert processes.pids(ctx, port=port).output.splitlines() == [str(child.pid)]
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
