"""The sandbox against the real thing: bubblewrap, Landlock, seccomp, real processes.

Each escape is tried for real from inside the sandbox, and, where the machine allows, the
same attempt is first shown to succeed outside it (or with the grant), so that a test
cannot pass just because the attempt was broken. Numbers refer to SECURITY.md's list.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from nlsh.errors import PolicyDenied
from nlsh.sandbox.level import FULL, LANDLOCK_ONLY, NO_LANDLOCK, NONE, describe, probe, sandbox_level
from nlsh.sandbox.run import Limits, ProgramResult, run_program

PYTHON = shutil.which("python3", path="/usr/bin:/bin")
SANDBOX_LEVELS = (FULL, NO_LANDLOCK, LANDLOCK_ONLY)
IS_ROOT = os.geteuid() == 0


def _available(level: str) -> None:
    try:
        sandbox_level(level)
    except PolicyDenied as exc:
        pytest.skip(f"sandbox level {level} is not available here: {exc}")


@pytest.fixture(params=SANDBOX_LEVELS)
def level(request: pytest.FixtureRequest) -> str:
    _available(request.param)
    return request.param


@pytest.fixture
def box(tmp_path: Path) -> Path:
    """A workspace as a person's project is: owned by an ordinary user (nobody, as root)."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    if IS_ROOT:
        os.chown(workspace, 65534, 65534)
    return workspace


@pytest.fixture
def python() -> str:
    if PYTHON is None:
        pytest.skip("no /usr/bin/python3 to run inside the sandbox")
    return PYTHON


def run(argv: list[str], workspace: Path, level: str | None, **kwargs) -> ProgramResult:
    kwargs.setdefault("timeout", 20)
    kwargs.setdefault("environ", {"PATH": "/usr/bin:/bin", "HOME": str(workspace.parent / "home")})
    return run_program(argv, cwd=workspace, workspace=workspace, force_level=level, **kwargs)


def sh(script: str, workspace: Path, level: str | None, **kwargs) -> ProgramResult:
    return run(["sh", "-c", script], workspace, level, **kwargs)


def py(code: str, workspace: Path, level: str | None, **kwargs) -> ProgramResult:
    assert PYTHON is not None
    return run([PYTHON, "-I", "-c", code], workspace, level, **kwargs)


def plain_python(code: str) -> subprocess.CompletedProcess:
    assert PYTHON is not None
    return subprocess.run([PYTHON, "-I", "-c", code], capture_output=True, text=True, timeout=20)


# --- basics ---------------------------------------------------------------------------------


def test_the_best_level_is_reported_and_cached() -> None:
    first = sandbox_level()
    assert first.name in (FULL, NO_LANDLOCK, LANDLOCK_ONLY, NONE)
    assert first.detail
    assert probe() is probe()
    rows = dict(describe())
    assert rows["sandbox level"] == first.name
    assert {"bubblewrap", "landlock", "seccomp", "uid drop"} <= set(rows)


def test_output_exit_status_and_workspace_writes(level: str, box: Path) -> None:
    result = sh("printf 'out\\377'; printf err >&2; echo made > made.txt; exit 3", box, level)
    assert (result.exit, result.signal, result.level) == (3, None, level)
    assert result.stdout == "out\udcff"  # non-UTF-8 bytes survive as surrogates
    assert result.stderr == "err"
    assert (box / "made.txt").read_text() == "made\n"
    assert not result.timed_out and not result.truncated


def test_stdin_is_passed_and_missing_programs_are_reported(level: str, box: Path) -> None:
    assert run(["cat"], box, level, stdin="hello\n" * 50_000).stdout == "hello\n" * 50_000
    missing = run(["no-such-program-here"], box, level)
    assert missing.exit == 127 and "not found" in missing.stderr


def test_output_beyond_the_cap_is_dropped_and_flagged(level: str, box: Path) -> None:
    result = sh("head -c 3000000 /dev/zero", box, level, limits=Limits(output=1 << 20))
    assert result.truncated and result.exit == 0
    assert len(result.stdout) == 1 << 20


def test_git_dir_is_read_only_unless_granted(box: Path) -> None:
    _available(FULL)
    (box / ".git").mkdir()
    if IS_ROOT:
        os.chown(box / ".git", 65534, 65534)
    denied = sh("echo evil > .git/hooks-pre-commit", box, FULL)
    assert denied.exit != 0 and not (box / ".git" / "hooks-pre-commit").exists()
    granted = sh("echo ok > .git/config", box, FULL, capabilities=("git.write",))
    assert granted.exit == 0 and (box / ".git" / "config").read_text() == "ok\n"


def test_the_workspace_cannot_be_the_root_or_inside_protected(box: Path) -> None:
    with pytest.raises(PolicyDenied):
        run_program(["true"], cwd=Path("/"), workspace=Path("/"), environ={}, timeout=5)
    with pytest.raises(PolicyDenied):
        run(["true"], box, None, protected=(box.parent,))


# --- 6: nlsh's own directories -------------------------------------------------------------


def test_6_protected_dir_inside_the_workspace_is_hidden_and_unwritable(level: str, box: Path) -> None:
    state = box / "nlsh-state"
    state.mkdir(mode=0o777)
    os.chmod(state, 0o777)
    (state / "audit.jsonl").write_text("record\n")
    os.chmod(state / "audit.jsonl", 0o666)
    script = ("cat nlsh-state/audit.jsonl; ls nlsh-state; echo forged >> nlsh-state/audit.jsonl; "
              "touch nlsh-state/new")
    control = sh(script, box, level)
    assert "record" in control.stdout  # without protection the sandbox can see it
    (state / "audit.jsonl").write_text("record\n")
    (state / "new").unlink()

    result = sh(script, box, level, protected=(state,))
    assert "record" not in result.stdout and "audit.jsonl" not in result.stdout
    assert (state / "audit.jsonl").read_text() == "record\n"
    assert not (state / "new").exists()


def test_6_protected_dir_outside_the_workspace_is_hidden(level: str, box: Path) -> None:
    outside = Path(tempfile.mkdtemp(prefix="nlsh-test-protected-", dir="/var/tmp"))
    try:
        os.chmod(outside, 0o777)
        (outside / "audit.jsonl").write_text("secret-record\n")
        os.chmod(outside / "audit.jsonl", 0o666)
        script = f"cat {outside}/audit.jsonl; echo forged >> {outside}/audit.jsonl"
        control = sh(script, box, level)
        assert "secret-record" in control.stdout  # visible when not protected
        result = sh(script, box, level, protected=(outside,))
        assert "secret-record" not in result.stdout
        assert (outside / "audit.jsonl").read_text() == "secret-record\n"
    finally:
        shutil.rmtree(outside)


# --- 7 and 8: the network --------------------------------------------------------------------


class _TcpServer:
    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self.sock.settimeout(10)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        try:
            while True:
                conn, _ = self.sock.accept()
                with conn:
                    self.received.append(conn.recv(100))
        except OSError:
            return


def _connect_code(port: int) -> str:
    return (f"import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=5)\n"
            "s.sendall(b'exfil'); s.close(); print('connected')")


def test_7_tcp_connect_needs_the_net_grant(level: str, box: Path, python: str) -> None:
    server = _TcpServer()
    try:
        denied = py(_connect_code(server.port), box, level)
        assert denied.exit != 0 and "connected" not in denied.stdout
        assert server.received == []
        granted = py(_connect_code(server.port), box, level, capabilities=("net",))
        assert granted.exit == 0 and "connected" in granted.stdout, granted.stderr
        deadline = time.monotonic() + 5
        while not server.received and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.received == [b"exfil"]
    finally:
        server.sock.close()


def test_8_udp_sendto_is_blocked_by_seccomp_in_the_landlock_only_level(box: Path, python: str) -> None:
    _available(LANDLOCK_ONLY)
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(0.5)
    port = receiver.getsockname()[1]
    code = ("import socket, errno\ntry:\n"
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            f"    s.sendto(b'dns-exfil', ('127.0.0.1', {port})); print('sent')\n"
            "except OSError as e:\n    print('blocked', e.errno)")
    try:
        granted = py(code, box, LANDLOCK_ONLY, capabilities=("net",))
        assert "sent" in granted.stdout  # the same code gets through with the grant
        assert receiver.recv(100) == b"dns-exfil"
        denied = py(code, box, LANDLOCK_ONLY)
        assert denied.stdout.strip() == f"blocked {errno.EPERM}"
        with pytest.raises(socket.timeout):
            receiver.recv(100)
    finally:
        receiver.close()


# --- 9: the environment and host sockets -----------------------------------------------------


def _unix_server(path: Path) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    os.chmod(path, 0o777)
    server.listen(1)
    return server


def _unix_connect_code(path: Path) -> str:
    return ("import socket\ntry:\n    s = socket.socket(socket.AF_UNIX)\n"
            f"    s.connect({str(path)!r}); print('connected')\n"
            "except OSError as e:\n    print('failed', e.errno)")


def test_9_environment_is_cleared(level: str, box: Path) -> None:
    environ = {"PATH": "/usr/bin:/bin:relative/bin", "HOME": "/root", "SSH_AUTH_SOCK": "/tmp/agent.sock",
               "AWS_SECRET_ACCESS_KEY": "hunter2", "LD_PRELOAD": "/tmp/evil.so", "TERM": "xterm"}
    result = run(["env"], box, level, environ=environ)
    names = {line.split("=", 1)[0] for line in result.stdout.splitlines()}
    assert names == {"PATH", "HOME", "LANG", "TERM", "TMPDIR"}
    assert "PATH=/usr/bin:/bin\n" in result.stdout  # relative entries are dropped
    assert "TERM=xterm\n" in result.stdout and "LANG=C.UTF-8\n" in result.stdout


def test_9_ssh_agent_socket_is_unreachable(level: str, box: Path, python: str, tmp_path: Path) -> None:
    agent_dir = Path(tempfile.mkdtemp(prefix="nlsh-agent-", dir="/var/tmp"))
    os.chmod(agent_dir, 0o755)
    server = _unix_server(agent_dir / "agent.sock")
    try:
        assert "connected" in plain_python(_unix_connect_code(agent_dir / "agent.sock")).stdout
        result = py(_unix_connect_code(agent_dir / "agent.sock"), box, level,
                    environ={"PATH": "/usr/bin:/bin", "SSH_AUTH_SOCK": str(agent_dir / "agent.sock")})
        assert "SSH_AUTH_SOCK" not in run(["env"], box, level).stdout
        assert result.stdout.strip() == f"failed {errno.EPERM}"  # seccomp: no Unix sockets
    finally:
        server.close()
        shutil.rmtree(agent_dir)


def test_9_run_is_empty_and_a_docker_socket_there_is_invisible(level: str, box: Path, python: str) -> None:
    try:
        run_dir = Path(tempfile.mkdtemp(prefix="nlsh-test-", dir="/run"))
    except OSError as exc:
        pytest.skip(f"cannot create a fake socket under /run here: {exc}")
    os.chmod(run_dir, 0o755)
    sock_path = run_dir / "docker.sock"
    server = _unix_server(sock_path)
    try:
        assert "connected" in plain_python(_unix_connect_code(sock_path)).stdout
        listing = sh(f"ls -A /run; test -e {sock_path} && echo visible", box, level)
        if level != LANDLOCK_ONLY:
            assert listing.stdout.strip() == ""  # a fresh, empty /run
        else:  # Landlock refuses to list /run (it cannot hide that a path exists)
            assert "Permission denied" in listing.stderr and run_dir.name not in listing.stdout
        connect = py(_unix_connect_code(sock_path), box, level)
        assert connect.stdout.startswith("failed")
    finally:
        server.close()
        shutil.rmtree(run_dir)


# --- 10: terminal keystroke injection ----------------------------------------------------------

TIOCSTI_CODE = r"""
import errno, fcntl, os, sys, termios
master, slave = os.openpty()
pid = os.fork()
if pid == 0:
    try:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    except OSError as e:
        pass  # without a controlling terminal TIOCSTI must fail all the same
    try:
        fcntl.ioctl(slave, termios.TIOCSTI, b"x")
        os.write(1, b"injected\n")
    except OSError as e:
        os.write(1, ("refused %d\n" % e.errno).encode())
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_10_tiocsti_is_refused(level: str, box: Path, python: str) -> None:
    control = plain_python(TIOCSTI_CODE)
    if "injected" not in control.stdout:
        print(f"note: this kernel refuses TIOCSTI even outside the sandbox: {control.stdout!r}")
    result = py(TIOCSTI_CODE, box, level)
    assert result.stdout.strip() == f"refused {errno.EPERM}", result.stderr


# --- 11: remount, user namespaces, ptrace ------------------------------------------------------

PTRACE_CODE = ("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
               "r = libc.ptrace(0, 0, 0, 0)\nprint(r, ctypes.get_errno())")


def test_11_remount_unshare_and_ptrace_fail(level: str, box: Path, python: str) -> None:
    remount = sh("mount -o remount,rw / && echo remounted", box, level)
    assert "remounted" not in remount.stdout and remount.exit != 0
    for argv in (["unshare", "-U", "true"], ["unshare", "-r", "true"], ["unshare", "-m", "true"]):
        if IS_ROOT or argv[1] != "-m":
            assert subprocess.run(argv).returncode == 0  # works outside
        assert run(argv, box, level).exit != 0, argv
    assert plain_python(PTRACE_CODE).stdout.split()[0] == "0"  # PTRACE_TRACEME works outside
    traced = py(PTRACE_CODE, box, level)
    assert traced.stdout.split() == ["-1", str(errno.EPERM)]


# --- 12: resource limits and timeouts -----------------------------------------------------------

COUNT_FORKS = r"""
import os, time
n = 0
while True:
    if n >= 300:  # the limit did not hold: stop here rather than flood the machine
        print(n, 0, flush=True)
        break
    try:
        pid = os.fork()
    except OSError as e:
        print(n, e.errno, flush=True)
        break
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    n += 1
"""


def test_12_process_count_is_bounded(level: str, box: Path, python: str) -> None:
    marker = f"count-{uuid.uuid4().hex}"
    started = time.monotonic()
    result = py(f"# {marker}" + COUNT_FORKS, box, level, limits=Limits(processes=40), timeout=30)
    forks, err = map(int, result.stdout.split())
    assert err == errno.EAGAIN and forks <= 40
    assert time.monotonic() - started < 20  # the sleeping children did not keep it waiting
    _assert_gone(marker)


BOMB = """
for _ in range(10):
    try:
        os.fork()
    except OSError:
        pass
while True:
    pass
"""


def test_12_fork_bomb_is_contained_and_nlsh_stays_responsive(level: str, box: Path, python: str) -> None:
    marker = f"bomb-{uuid.uuid4().hex}"
    # every process forks and spins; 2**10 at most even if no limit held
    code = f"import os\n# {marker}\n" + BOMB
    started = time.monotonic()
    result = py(code, box, level, timeout=3, limits=Limits(processes=64))
    assert result.timed_out and result.signal == signal.SIGKILL
    assert time.monotonic() - started < 8
    _assert_gone(marker)


def _assert_gone(marker: str) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
        if not alive:
            return
        time.sleep(0.1)
    pytest.fail(f"processes outlived the sandbox: {alive}")


def test_12_endless_loop_is_killed_at_the_timeout(level: str, box: Path, python: str) -> None:
    started = time.monotonic()
    result = py("while True: pass", box, level, timeout=1.5)
    elapsed = time.monotonic() - started
    assert result.timed_out and result.exit is None
    assert 1.4 < elapsed < 5 and result.ms >= 1400


def test_12_cpu_limit_stops_a_busy_program(level: str, box: Path, python: str) -> None:
    result = py("while True: pass", box, level, timeout=20, limits=Limits(cpu_seconds=1))
    assert not result.timed_out
    assert result.signal in (signal.SIGXCPU, signal.SIGKILL)


def test_12_huge_write_is_stopped_by_the_file_size_limit(level: str, box: Path) -> None:
    started = time.monotonic()
    result = sh("yes > big", box, level, limits=Limits(file_size=8 << 20))
    assert time.monotonic() - started < 15
    assert (box / "big").stat().st_size <= 8 << 20
    assert result.signal == signal.SIGXFSZ or result.exit == 128 + signal.SIGXFSZ


def test_12_ctrl_c_kills_the_program_and_re_raises(level: str, box: Path) -> None:
    marker = "31.4159"

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.7)
    try:
        with pytest.raises(KeyboardInterrupt):
            run(["sleep", marker], box, level, timeout=60)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    _assert_gone(f"sleep {marker}")


def test_12_background_children_do_not_outlive_the_program(level: str, box: Path) -> None:
    marker = "27.1828"
    started = time.monotonic()
    result = sh(f"sleep {marker} & echo started", box, level, timeout=30)
    assert result.stdout == "started\n" and not result.timed_out
    assert time.monotonic() - started < 5
    _assert_gone(f"sleep {marker}")


# --- 32: no sandbox at all ----------------------------------------------------------------------


def test_32_level_none_refuses_all_but_read_only_commands(box: Path) -> None:
    with pytest.raises(PolicyDenied) as refused:
        sh("echo owned > f", box, NONE)
    assert refused.value.rule == "sandbox.unavailable"
    assert not (box / "f").exists()
    (box / "visible.txt").write_text("x")
    listing = run(["ls"], box, NONE)
    assert listing.exit == 0 and "visible.txt" in listing.stdout and listing.level == NONE


def test_32_level_none_runs_anything_once_confirmed(box: Path) -> None:
    result = sh("echo confirmed > f", box, NONE, unsandboxed_ok=True)
    assert result.exit == 0 and (box / "f").read_text() == "confirmed\n"


def test_32_doctor_shows_the_forced_level_and_unknown_levels_are_refused() -> None:
    rows = dict(describe(NONE))
    assert rows["sandbox level"] == NONE and "forced" in rows["sandbox detail"]
    with pytest.raises(PolicyDenied):
        sandbox_level("chroot")


# --- 33: nlsh running as root --------------------------------------------------------------------


def test_33_root_cannot_remount_or_write_the_host(level: str, box: Path, tmp_path: Path) -> None:
    if not IS_ROOT:
        pytest.skip("nlsh is not running as root here")
    target = Path("/etc") / f"nlsh-escape-{uuid.uuid4().hex}"
    script = (f"id -u; grep CapEff /proc/self/status; mount -o remount,rw / ; mount -t tmpfs x /mnt; "
              f"echo owned > {target}; echo owned > /nlsh-escape; echo owned > {box.parent}/escape")
    result = sh(script, box, level)
    uid, cap_line = result.stdout.splitlines()[:2]
    assert uid != "0" and cap_line.split()[1] == "0000000000000000"
    assert not target.exists() and not Path("/nlsh-escape").exists()
    assert not (box.parent / "escape").exists()
    root_owned = tmp_path / "root-owned"
    root_owned.mkdir()
    denied = sh("touch here", root_owned, level)
    assert denied.exit != 0 and not (root_owned / "here").exists()  # runs as nobody, not root


def test_33_git_writes_in_roots_repository_keep_uid_0_but_no_capabilities(level: str, tmp_path: Path) -> None:
    """git.write in a root-owned workspace runs as uid 0 so git can write root's repository,
    with every capability gone: it still cannot remount, nor write outside the workspace."""
    if not IS_ROOT:
        pytest.skip("nlsh is not running as root here")
    root_owned = tmp_path / "root-repo"
    root_owned.mkdir()
    target = Path("/etc") / f"nlsh-escape-{uuid.uuid4().hex}"
    script = (f"id -u; grep CapEff /proc/self/status; mount -o remount,rw / ; mount -t tmpfs x /mnt; "
              f"chmod 4755 /bin/sh; echo owned > {target}; echo owned > {tmp_path}/escape; touch here")
    result = sh(script, root_owned, level, capabilities=("git.read", "git.write"))
    uid, cap_line = result.stdout.splitlines()[:2]
    assert cap_line.split()[1] == "0000000000000000"
    assert not target.exists() and not (tmp_path / "escape").exists()
    assert os.stat("/bin/sh").st_mode & 0o4000 == 0
    if level == LANDLOCK_ONLY:  # Landlock alone does not stop chmod: nobody, as for any program
        assert uid == "65534" and not (root_owned / "here").exists()
        return
    assert uid == "0" and (root_owned / "here").exists()
    plain = sh("id -u", root_owned, level)  # any other program there still runs as nobody
    assert plain.stdout.strip() == "65534"


def test_non_root_caller_gets_a_user_namespace() -> None:
    """The unprivileged path (bwrap --unshare-all), exercised by running nlsh as nobody."""
    if not IS_ROOT or PYTHON is None:
        pytest.skip("needs root (to become nobody) and /usr/bin/python3")
    site = Path(sys.prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    repo = Path(__file__).resolve().parents[2]
    workspace = Path(tempfile.mkdtemp(prefix="nlsh-nobody-ws-", dir="/var/tmp"))
    os.chown(workspace, 65534, 65534)
    script = "cat /proc/self/uid_map; touch made; mount -o remount,rw / || echo no-remount"
    code = (f"import sys\nsys.path[:0] = [{str(repo)!r}, {str(site)!r}]\n"
            "from pathlib import Path\nfrom nlsh.sandbox.run import run_program\n"
            f"ws = Path({str(workspace)!r})\n"
            f"r = run_program(['sh', '-c', {script!r}], cwd=ws, workspace=ws,"
            " environ={'PATH': '/usr/bin:/bin'}, timeout=20)\n"
            "print(r.level); print(r.stdout); print(r.stderr, file=sys.stderr)")
    done = subprocess.run([PYTHON, "-I", "-c", code], capture_output=True, text=True, timeout=60,
                          user=65534, group=65534, extra_groups=[], cwd="/")
    try:
        if "bwrap" not in done.stdout and "landlock" in done.stdout:
            pytest.skip(f"no unprivileged user namespaces here: {done.stdout}")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(FULL)
        assert "65534" in done.stdout.splitlines()[1]  # a uid map: a user namespace
        assert "no-remount" in done.stdout and (workspace / "made").exists()
    finally:
        shutil.rmtree(workspace)
