"""Case 15 (and more of 13/14): in-process file actions never leave the workspace.

The final create / open-for-write / rename / unlink / mkdir happens relative to a folder fd
resolved beneath the workspace (openat2 RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS, or an
O_NOFOLLOW walk without it), so `..`, absolute paths, symbolic links and a folder swapped
for a link between check and use cannot lead an operation outside.
"""

from __future__ import annotations

import ctypes
import errno
import os
import threading
import time
from pathlib import Path

import pytest

from nlsh.actions import fileops
from nlsh.errors import ActionFailed, NlshError, PathOutsideWorkspace
from nlsh.sandbox import beneath
from nlsh.sandbox.fsops import _renameat2

_RENAME_EXCHANGE = 2


@pytest.fixture(params=["openat2", "walk"])
def mode(request, monkeypatch):
    """Run each unit test with openat2 and with the O_NOFOLLOW walk used without it."""
    if request.param == "walk":
        monkeypatch.setattr(beneath, "_have_openat2", False)
    else:
        try:
            os.close(beneath.openat2(-100, "/", os.O_PATH))
        except beneath._Unavailable:
            pytest.skip("openat2 is not available on this kernel")
    return request.param


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    out = tmp_path / "outside"
    out.mkdir()
    (out / "x").write_text("outside")
    return out


def _snapshot(folder: Path) -> dict:
    """Every name under folder with its content (or "dir"/"link"), mtime and inode."""
    found = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        content = "link" if p.is_symlink() else "dir" if p.is_dir() else p.read_bytes()
        found[str(p.relative_to(folder))] = (content, st.st_mtime_ns, st.st_ino)
    return found


# --- beneath.py -------------------------------------------------------------------


def test_dotdot_is_refused(mode, workspace, outside):
    with pytest.raises(PathOutsideWorkspace, match="outside the workspace"):
        beneath.open_beneath(workspace, "../outside/x", os.O_RDONLY)
    with pytest.raises(PathOutsideWorkspace):
        beneath.parent_fd_beneath(workspace, "../outside/new")


def test_dotdot_that_stays_inside_is_fine(mode, workspace):
    (workspace / "a").mkdir()
    (workspace / "f").write_text("in")
    fd = beneath.open_beneath(workspace, "a/../f", os.O_RDONLY)
    with open(fd, "rb") as f:
        assert f.read() == b"in"


def test_absolute_paths(mode, workspace, outside):
    with pytest.raises(PathOutsideWorkspace, match="outside the workspace"):
        beneath.open_beneath(workspace, "/etc/passwd", os.O_RDONLY)
    root = os.open(workspace, os.O_PATH | os.O_DIRECTORY)
    try:
        with pytest.raises(PathOutsideWorkspace):
            beneath.open_beneath(root, str(outside / "x"), os.O_RDONLY)
    finally:
        os.close(root)
    (workspace / "f").write_text("in")  # absolute, but inside: fine
    os.close(beneath.open_beneath(workspace, str(workspace / "f"), os.O_RDONLY))


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_symlink_to_outside_is_refused(mode, workspace, outside, how):
    (workspace / "l").symlink_to(outside if how == "absolute" else Path("..") / "outside")
    with pytest.raises(PathOutsideWorkspace, match="refused"):
        beneath.open_beneath(workspace, "l/x", os.O_RDONLY)
    with pytest.raises(PathOutsideWorkspace):
        beneath.parent_fd_beneath(workspace, str(workspace / "l" / "new"))
    with pytest.raises(PathOutsideWorkspace):
        beneath.open_beneath(workspace, "l/y", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    assert sorted(os.listdir(outside)) == ["x"]


def test_magic_links_are_refused(mode, workspace):
    (workspace / "m").symlink_to("/proc/self/root")
    with pytest.raises(PathOutsideWorkspace):
        beneath.open_dir_beneath(workspace, "m/etc")
    with pytest.raises(PathOutsideWorkspace):
        beneath.open_beneath("/proc/self", "root/etc/passwd", os.O_RDONLY)
    fd = os.open(workspace, os.O_RDONLY)
    try:
        with pytest.raises(PathOutsideWorkspace):
            beneath.open_dir_beneath("/proc/self", f"fd/{fd}")
    finally:
        os.close(fd)


def test_symlink_inside_pointing_inside_is_followed_when_allowed(workspace):
    try:
        os.close(beneath.openat2(-100, "/", os.O_PATH))
    except beneath._Unavailable:
        pytest.skip("openat2 is not available on this kernel (the walk refuses every link)")
    (workspace / "sub").mkdir()
    (workspace / "sub" / "f").write_text("in")
    (workspace / "rel").symlink_to("sub")
    (workspace / "abs").symlink_to(workspace / "sub")
    with open(beneath.open_beneath(workspace, "rel/f", os.O_RDONLY), "rb") as f:
        assert f.read() == b"in"
    fd, name = beneath.parent_fd_beneath(workspace, str(workspace / "abs" / "new"))
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, dir_fd=fd))
    finally:
        os.close(fd)
    assert (workspace / "sub" / "new").exists()
    with pytest.raises(PathOutsideWorkspace, match="symbolic link"):
        beneath.open_beneath(workspace, "rel/f", os.O_RDONLY, no_symlinks=True)


def test_the_walk_refuses_every_link(workspace, monkeypatch):
    monkeypatch.setattr(beneath, "_have_openat2", False)
    (workspace / "sub").mkdir()
    (workspace / "rel").symlink_to("sub")
    with pytest.raises(PathOutsideWorkspace, match="symbolic link"):
        beneath.parent_fd_beneath(workspace, "rel/f")


def test_final_link_is_not_followed_with_nofollow(mode, workspace, outside):
    (workspace / "l").symlink_to(outside / "x")
    with pytest.raises(OSError) as info:
        beneath.open_beneath(workspace, "l", os.O_WRONLY | os.O_NOFOLLOW)
    assert info.value.errno == errno.ELOOP
    assert (outside / "x").read_text() == "outside"


def test_parent_fd_and_final_name(mode, workspace):
    (workspace / "a").mkdir()
    fd, name = beneath.parent_fd_beneath(workspace, str(workspace / "a" / "new"))
    try:
        assert name == "new"
        os.mkdir(name, dir_fd=fd)
    finally:
        os.close(fd)
    assert (workspace / "a" / "new").is_dir()
    with pytest.raises(PathOutsideWorkspace):
        beneath.parent_fd_beneath(workspace, str(workspace))  # the root has no parent beneath it


def test_makedirs_at_refuses_a_link_on_the_way(mode, workspace, outside):
    (workspace / "l").symlink_to(outside)
    with pytest.raises(PathOutsideWorkspace):
        beneath.makedirs_at(workspace, workspace / "l" / "a" / "b")
    beneath.makedirs_at(workspace, workspace / "m" / "a" / "b")
    assert (workspace / "m" / "a" / "b").is_dir()
    assert sorted(os.listdir(outside)) == ["x"]


# --- the actions: a folder that is a link to outside ------------------------------


def test_actions_do_not_write_through_a_linked_folder(ctx, workspace, outside):
    (workspace / "d").symlink_to(outside)
    before = _snapshot(outside)
    target = str(workspace / "d" / "x")
    for call in (
        lambda: fileops.write(ctx, target, "evil"),
        lambda: fileops.write(ctx, target, "evil", append=True),
        lambda: fileops.write(ctx, str(workspace / "d" / "new"), "evil"),
        lambda: fileops.touch(ctx, [target]),
        lambda: fileops.touch(ctx, [str(workspace / "d" / "new")]),
        lambda: fileops.mkdir(ctx, str(workspace / "d" / "sub" / "deeper")),
        lambda: fileops.delete(ctx, [target]),
        lambda: fileops.move(ctx, [target], str(workspace / "got")),
    ):
        with pytest.raises(PathOutsideWorkspace, match="refused"):
            call()
    assert _snapshot(outside) == before
    assert not (workspace / "got").exists()


def test_paths_outside_the_workspace_still_work(ctx, workspace, outside):
    """The person named them (and policy asked): the final component is still not followed."""
    fileops.write(ctx, str(outside / "new"), "ok")
    assert (outside / "new").read_text() == "ok"
    (outside / "link").symlink_to(outside / "x")
    with pytest.raises(ActionFailed, match="symbolic link"):
        fileops.write(ctx, str(outside / "link"), "evil")
    fileops.delete(ctx, [str(outside / "link")])
    assert (outside / "x").read_text() == "outside" and not (outside / "link").exists()


# --- the race ---------------------------------------------------------------------


class Swapper(threading.Thread):
    """Swap workspace/d between a real folder and a link to outside, as fast as it can."""

    def __init__(self, workspace: Path, outside: Path) -> None:
        super().__init__(daemon=True)
        self.a, self.b = os.fsencode(workspace / "d"), os.fsencode(workspace / "d-swap")
        os.symlink(outside, self.b)
        self.stop = threading.Event()
        self.swaps = 0

    def run(self) -> None:
        exchange = _renameat2()
        while not self.stop.is_set():
            if exchange(-100, self.a, -100, self.b, _RENAME_EXCHANGE) != 0:
                raise OSError(ctypes.get_errno(), "RENAME_EXCHANGE failed")
            self.swaps += 1


def test_race_folder_swapped_for_a_link(ctx, workspace, outside):
    if _renameat2() is None:
        pytest.skip("renameat2 is not available")
    (workspace / "d").mkdir()
    (workspace / "d" / "x").write_text("inside")
    before = _snapshot(outside)
    swapper = Swapper(workspace, outside)
    target = str(workspace / "d" / "x")
    steps = [
        lambda i: fileops.write(ctx, target, f"w{i}"),
        lambda i: fileops.write(ctx, target, f"a{i}", append=True),
        lambda i: fileops.touch(ctx, [target, str(workspace / "d" / f"t{i}")]),
        lambda i: fileops.mkdir(ctx, str(workspace / "d" / f"m{i}" / "n")),
        lambda i: fileops.delete(ctx, [target]),
    ]
    done = refused = 0
    unexpected: list[BaseException] = []
    swapper.start()
    deadline = time.monotonic() + 20
    try:
        for i in range(300):
            for step in steps:
                try:
                    step(i)
                    done += 1
                except (ActionFailed, PathOutsideWorkspace) as exc:
                    assert "\n" not in str(exc) and str(exc)
                    refused += 1
                except NlshError as exc:  # any other kind of nlsh error is still a clear refusal
                    unexpected.append(exc)
                except Exception as exc:  # a traceback: must never happen
                    unexpected.append(exc)
            if time.monotonic() > deadline:
                break
    finally:
        swapper.stop.set()
        swapper.join(5)
    assert swapper.swaps > 100, "the swapper hardly ran: the race was not exercised"
    assert not unexpected, f"{len(unexpected)} unexpected errors, first: {unexpected[0]!r}"
    assert done > 0
    assert _snapshot(outside) == before, "something outside the workspace changed"
