"""The sandbox's pure parts: mount ordering, Landlock rule planning, the seccomp program,
and output capture (with real processes)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from nlsh.sandbox import capture
from nlsh.sandbox.bwrap import Mounts, bwrap_argv
from nlsh.sandbox.landlock import READ, Visibility, allowed_roots, plan, write_rights
from nlsh.sandbox.seccomp import build_filter


def _mount_targets(argv: list[str]) -> list[tuple[str, str]]:
    """(option, target) for every mount option, in order."""
    takes_two = {"--bind", "--ro-bind"}
    found, i = [], 0
    while i < len(argv) and argv[i] != "--":
        option = argv[i]
        if option in takes_two:
            found.append((option, argv[i + 2]))
            i += 3
        elif option in {"--tmpfs", "--dir", "--remount-ro", "--dev", "--proc"}:
            found.append((option, argv[i + 1]))
            i += 2
        elif option in {"--perms", "--size", "--seccomp", "--chdir", "--cap-add", "--cap-drop"}:
            i += 2
        else:
            i += 1
    return found


def test_deeper_mounts_come_after_the_ones_that_contain_them(tmp_path: Path) -> None:
    home = tmp_path / "home"
    workspace = home / "projects" / "ws"
    (workspace / ".git").mkdir(parents=True)
    state = workspace / ".nlsh"
    state.mkdir()
    mounts = Mounts(workspace=workspace, hidden=(home,), protected=(state,), read_only=(workspace / ".git",))
    argv = bwrap_argv("bwrap", mounts, as_root=False, net=False, seccomp_fd=9, command=["true"])
    order = [target for _, target in _mount_targets(argv)]
    assert order.index(str(home)) < order.index(str(workspace)) < order.index(str(state))
    assert order.index(str(workspace)) < order.index(str(workspace / ".git"))
    assert ("--remount-ro", str(state)) in _mount_targets(argv)
    assert "--unshare-all" in argv and "--share-net" not in argv
    assert argv[argv.index("--") + 1:] == ["true"]


def test_parents_are_created_only_inside_our_tmpfs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    workspace = home / "a" / "b"
    workspace.mkdir(parents=True)
    argv = bwrap_argv("bwrap", Mounts(workspace=workspace, hidden=(home,)), as_root=True, net=True,
                      seccomp_fd=3, command=["true"])
    made = [Path(target) for option, target in _mount_targets(argv) if option == "--dir"]
    assert home / "a" in made and home not in made and workspace not in made
    assert all(Path("/tmp") in p.parents for p in made)  # inside the /tmp or home tmpfs
    assert "--unshare-net" not in argv and "--cap-add" in argv
    on_host = bwrap_argv("bwrap", Mounts(workspace=Path("/var/lib/nlsh-test/a/ws")), as_root=True, net=False,
                         seccomp_fd=3, command=["true"])
    assert not [t for option, t in _mount_targets(on_host) if option == "--dir"]  # never chmod a host dir


def test_allowed_roots_list_siblings_of_what_is_hidden(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / name / "inner").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "b")
    steps = [Visibility(tmp_path / "b", False), Visibility(tmp_path / "b" / "inner", True)]
    roots = allowed_roots(steps, root=tmp_path)
    assert sorted(roots) == [tmp_path / "a", tmp_path / "b" / "inner", tmp_path / "c"]


def test_allowed_roots_drop_steps_that_change_nothing(tmp_path: Path) -> None:
    steps = [Visibility(Path("/"), False), Visibility(Path("/tmp"), True), Visibility(Path("/tmp/ws"), True)]
    assert allowed_roots(steps) == [Path("/tmp")]


def test_landlock_plan_confines_writes_and_tcp() -> None:
    confined = plan(abi=7, writable=[Path("/work/ws")], net=False)
    assert confined.handled_net == 3 and confined.scoped == 3
    assert ("/work/ws", write_rights(7) | READ) in confined.rules
    assert not confined.handled_fs & READ  # reads are the mounts' business here
    assert plan(abi=7, writable=[], net=True).handled_net == 0
    old = plan(abi=1, writable=[], net=False)
    assert old.handled_net == 0 and old.scoped == 0 and old.handled_fs == write_rights(1)


def test_seccomp_program_is_well_formed() -> None:
    program = build_filter(net=False, pid_namespace=True, machine="x86_64")
    assert len(program) % 8 == 0 and len(program) // 8 < 4096
    first = struct.unpack("=HBBI", program[:8])
    assert first == (0x20, 0, 0, 4)  # load the architecture first
    last = struct.unpack("=HBBI", program[-8:])
    assert last == (0x06, 0, 0, 0x7FFF0000)  # allow what no rule refused
    assert build_filter(net=True, pid_namespace=False, machine="aarch64") != program
    with pytest.raises(ValueError):
        build_filter(net=False, pid_namespace=True, machine="riscv64")


@pytest.mark.parametrize("with_pidfd", [True, False])
def test_capture_caps_output_and_kills_at_the_deadline(with_pidfd: bool,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if not with_pidfd:
        monkeypatch.setattr(capture, "_open_pidfd", lambda pid: None)

    def start(code: str) -> tuple[subprocess.Popen, int, int]:
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=out_w, stderr=err_w,
                                start_new_session=True)
        os.close(out_w)
        os.close(err_w)
        return proc, out_r, err_r

    proc, out, err = start("import sys; sys.stdout.write('x' * 300000)")
    done = capture.collect(proc, out_fd=out, err_fd=err, in_fd=None, stdin=b"", timeout=20, cap=1000)
    assert done.stdout == b"x" * 1000 and done.truncated and not done.timed_out
    assert proc.returncode == 0

    proc, out, err = start("import time; time.sleep(30)")
    done = capture.collect(proc, out_fd=out, err_fd=err, in_fd=None, stdin=b"", timeout=0.3, cap=1000)
    assert done.timed_out and proc.returncode == -9
