"""proc.list / proc.find / proc.info / proc.signal against real child processes."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from nlsh.actions import processes
from nlsh.actions.registry import build_spec
from nlsh.errors import ActionFailed

SLEEP_CODE = "import time; time.sleep(30)"
_names = itertools.count()


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


@pytest.fixture
def spawn():
    """Start real children; every one is killed at the end of the test."""
    started: list[subprocess.Popen] = []

    def start(argv: list[str], **kw) -> subprocess.Popen:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, **kw)
        started.append(proc)
        _wait_for_exec(proc, argv)
        return proc

    yield start
    for proc in started:
        _stop(proc)


@pytest.fixture
def sleeper(spawn):
    return spawn([sys.executable, "-c", SLEEP_CODE])


@pytest.fixture
def named(spawn, tmp_path: Path):
    """Start children whose process name is unique to this test (a renamed copy of sleep)."""
    source = shutil.which("sleep")
    if source is None:
        pytest.skip("no sleep program")
    name = f"nlt{os.getpid() % 100000}x{next(_names)}"
    program = tmp_path / name
    shutil.copy(source, program)
    program.chmod(0o755)

    def start(count: int = 1) -> tuple[str, list[subprocess.Popen]]:
        procs = [spawn([str(program), "30"]) for _ in range(count)]
        _wait_for_name(procs, name)
        return name, procs

    return start


def _wait_for_exec(proc: subprocess.Popen, argv: list[str]) -> None:
    """Until the child has exec'd its program, it is a copy of pytest."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if psutil.Process(proc.pid).cmdline() == argv:
            return
        time.sleep(0.01)
    raise AssertionError(f"child {proc.pid} never started {argv}")


def _wait_for_name(procs: list[subprocess.Popen], name: str) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if all(psutil.Process(p.pid).name() == name for p in procs):
            return
        time.sleep(0.02)
    raise AssertionError(f"children never took the name {name}")


def _missing_pid() -> int:
    return int(Path("/proc/sys/kernel/pid_max").read_text()) + 1


def _me() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


# ---------------------------------------------------------------- registration


def test_all_four_actions_register_with_their_contract():
    found = []
    processes.nlsh_register_actions(register=found.append)
    specs = {s.name: s for s in map(build_spec, found)}
    assert set(specs) == {"proc.list", "proc.find", "proc.pids", "proc.info", "proc.signal"}
    assert specs["proc.signal"].capabilities == ("proc.signal",)
    assert int(specs["proc.signal"].risk) == 2 and not specs["proc.signal"].reversible
    assert specs["proc.signal"].param("signal").schema["enum"] == [
        "TERM", "KILL", "INT", "HUP", "STOP", "CONT", "USR1", "USR2"]
    assert specs["proc.list"].param("sort").schema["enum"] == ["cpu", "memory", "pid", "name"]
    assert all(specs[n].capabilities == ("proc.read",) and int(specs[n].risk) == 0
               for n in ("proc.list", "proc.find", "proc.pids", "proc.info"))


# ---------------------------------------------------------------- proc.list


def test_list_shows_a_table_with_the_child(ctx, named):
    name, (child,) = named()
    result = processes.list_processes(ctx, name=name, sort="pid", limit=0)
    lines = result.output.splitlines()
    assert lines[0].split() == ["PID", "USER", "CPU%", "MEM%", "NAME"]
    assert len(lines) == 2
    assert lines[1].split()[0] == str(child.pid) and lines[1].split()[-1] == name
    assert result.data[0]["pid"] == child.pid and result.data[0]["user"] == _me()


def test_list_limit_sort_and_user(ctx, named):
    name, children = named(3)
    result = processes.list_processes(ctx, name=name, sort="pid", limit=2, user=_me())
    assert [r["pid"] for r in result.data] == sorted(c.pid for c in children)[:2]
    by_memory = processes.list_processes(ctx, sort="memory", limit=5)
    assert len(by_memory.data) == 5
    assert [r["memory"] for r in by_memory.data] == sorted((r["memory"] for r in by_memory.data), reverse=True)
    nobody = processes.list_processes(ctx, user="no-such-user-here", limit=0)
    assert nobody.data == [] and nobody.output.splitlines()[0].startswith("PID")


# ---------------------------------------------------------------- proc.find


def test_find_by_name_lists_pid_and_name(ctx, named):
    name, children = named(2)
    result = processes.find(ctx, name=name)
    assert result.output.splitlines() == [f"{c.pid} {name}" for c in sorted(children, key=lambda c: c.pid)]
    assert {r["pid"] for r in result.data} == {c.pid for c in children}


def test_find_by_name_is_a_case_insensitive_substring_like_pgrep(ctx, named):
    name, (child,) = named()
    assert processes.find(ctx, name=name[:-1].upper()).data[0]["pid"] == child.pid


def test_find_by_user_includes_our_children(ctx, sleeper):
    result = processes.find(ctx, user=_me())
    assert sleeper.pid in {r["pid"] for r in result.data}


def test_find_by_port_finds_the_listening_process(ctx, spawn):
    code = ("import socket, time; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen();"
            "print(s.getsockname()[1], flush=True); time.sleep(30)")
    child = spawn([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    port = int(child.stdout.readline())
    result = processes.find(ctx, port=port)
    assert child.pid in {r["pid"] for r in result.data}


def test_find_nothing_fails_clearly(ctx):
    with pytest.raises(ActionFailed, match="no process named 'no-such-process-xyz'"):
        processes.find(ctx, name="no-such-process-xyz")
    with pytest.raises(ActionFailed, match="say which processes"):
        processes.find(ctx)


# ---------------------------------------------------------------- proc.info


def test_info_describes_the_child(ctx, sleeper):
    result = processes.info(ctx, pid=sleeper.pid)
    text = result.output
    assert f"pid:         {sleeper.pid}" in text
    assert "time.sleep(30)" in text
    assert f"user:        {_me()}" in text
    assert result.data["cmdline"] == [sys.executable, "-c", SLEEP_CODE]
    assert result.data["parent"] == os.getpid()
    assert result.data["status"] in ("sleeping", "running")
    assert isinstance(result.data["open_files"], int)
    assert result.data["memory_rss"] > 0


def test_info_of_a_missing_pid_fails(ctx):
    pid = _missing_pid()
    with pytest.raises(ActionFailed, match=f"no process with pid {pid}"):
        processes.info(ctx, pid=pid)
    with pytest.raises(ActionFailed, match="no process with pid -5"):
        processes.info(ctx, pid=-5)


def test_info_escapes_control_characters_in_the_command_line(ctx, spawn):
    child = spawn([sys.executable, "-c", SLEEP_CODE, "\x1b]0;evil\x07\nsecond line"])
    text = processes.info(ctx, pid=child.pid).output
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;evil\\x07\\nsecond line" in text


# ---------------------------------------------------------------- proc.signal


def test_signal_by_pid_terminates_the_child(ctx, sleeper):
    result = processes.send_signal(ctx, pid=sleeper.pid)
    assert sleeper.wait(timeout=10) == -signal.SIGTERM
    assert result.data == [{"pid": sleeper.pid, "name": result.data[0]["name"], "signal": "TERM", "result": "sent"}]
    assert str(sleeper.pid) in result.output and result.ok


def test_signal_by_name_kills_every_process_with_that_name(ctx, named, sleeper):
    name, children = named(2)
    result = processes.send_signal(ctx, name=name, signal="KILL")
    assert [c.wait(timeout=10) for c in children] == [-signal.SIGKILL] * 2
    assert {r["pid"] for r in result.data} == {c.pid for c in children}
    assert sleeper.poll() is None  # a process with another name is left alone


def test_signal_by_name_is_exact(ctx, named):
    name, (child,) = named()
    with pytest.raises(ActionFailed, match="no process named"):
        processes.send_signal(ctx, name=name[:-1])
    assert child.poll() is None


def test_stop_and_cont(ctx, sleeper):
    processes.send_signal(ctx, pid=sleeper.pid, signal="STOP")
    proc = psutil.Process(sleeper.pid)
    deadline = time.monotonic() + 5
    while proc.status() != psutil.STATUS_STOPPED and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.status() == psutil.STATUS_STOPPED
    processes.send_signal(ctx, pid=sleeper.pid, signal="CONT")
    deadline = time.monotonic() + 5
    while proc.status() == psutil.STATUS_STOPPED and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.status() != psutil.STATUS_STOPPED


@pytest.mark.parametrize("which", ["init", "self", "parent", "group"])
def test_signal_refuses_protected_processes(ctx, which):
    pid = {"init": 1, "self": os.getpid(), "parent": os.getppid(), "group": 0}[which]
    with pytest.raises(ActionFailed, match="refused"):
        processes.send_signal(ctx, pid=pid, signal="KILL")
    assert pid in processes.protected_pids()


def test_protected_pids_is_init_self_and_parent():
    assert processes.protected_pids() == {0, 1, os.getpid(), os.getppid()}


def test_signal_by_name_leaves_protected_processes_alone(ctx, named, monkeypatch):
    name, (kept, killed) = named(2)
    monkeypatch.setattr(processes, "protected_pids", lambda: {0, 1, kept.pid})
    result = processes.send_signal(ctx, name=name, signal="KILL")
    assert killed.wait(timeout=10) == -signal.SIGKILL
    time.sleep(0.1)
    assert kept.poll() is None
    assert [r["pid"] for r in result.data] == [killed.pid]
    assert "left alone" in result.output
    preview = processes._preview_signal(ctx, name=name)
    assert preview.targets == () and any("left alone" in d for d in preview.details)


def test_signal_missing_pid_or_name_fails(ctx):
    pid = _missing_pid()
    with pytest.raises(ActionFailed, match=f"no process with pid {pid}"):
        processes.send_signal(ctx, pid=pid)
    with pytest.raises(ActionFailed, match="no process named"):
        processes.send_signal(ctx, name="no-such-process-xyz")
    with pytest.raises(ActionFailed, match="say which process"):
        processes.send_signal(ctx)


def test_signal_with_pid_and_another_name_fails(ctx, sleeper):
    with pytest.raises(ActionFailed, match="not 'something-else'"):
        processes.send_signal(ctx, pid=sleeper.pid, name="something-else")
    assert sleeper.poll() is None


def test_permission_denied_names_the_pid(ctx, sleeper, monkeypatch):
    def deny(self, sig):
        raise psutil.AccessDenied(self.pid)

    monkeypatch.setattr(psutil.Process, "send_signal", deny)
    with pytest.raises(ActionFailed, match=f"permission denied .* {sleeper.pid}"):
        processes.send_signal(ctx, pid=sleeper.pid)


def test_preview_lists_targets_without_signalling(ctx, named):
    name, children = named(2)
    preview = processes._preview_signal(ctx, name=name, signal="KILL")
    assert preview.summary == f"send KILL to 2 processes named '{name}'"
    assert preview.count == 2 and not preview.reversible
    assert set(preview.targets) == {f"pid:{c.pid}" for c in children}
    for c in children:
        assert any(d.startswith(f"{c.pid} {name} ({_me()}): ") and d.endswith(" 30") for d in preview.details)
    assert all(c.poll() is None for c in children)


def test_preview_of_init_shows_it_and_says_refused(ctx):
    preview = processes._preview_signal(ctx, pid=1)
    assert preview.targets == ("pid:1",)
    assert any(d.startswith("refused: PID 1 is init") for d in preview.details)


def test_preview_escapes_the_command_line(ctx, spawn):
    child = spawn([sys.executable, "-c", SLEEP_CODE, "\x1b[2J\u202eevil"])
    preview = processes._preview_signal(ctx, pid=child.pid)
    text = "\n".join(preview.details)
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[2J\\u202eevil" in text
    assert child.poll() is None
