"""Helpers shared by the file-action tests: tree snapshots and a real "permission denied"."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from nlsh.plugins import load_catalog
from nlsh.sandbox.trash import Trash


def snapshot(*roots: Path, dir_times: bool = True) -> dict[bytes, tuple]:
    """Every path under roots (as bytes) with type, size, mode, mtime and link target.

    dir_times=False leaves out folders' times, which change whenever an entry is made
    and removed again (what a rolled-back action does).
    """
    found: dict[bytes, tuple] = {}
    for root in roots:
        root_b = os.fsencode(root)
        for dirpath, dirnames, filenames in os.walk(root_b):
            for name in [b""] + dirnames + filenames:
                path = os.path.join(dirpath, name) if name else dirpath
                st = os.lstat(path)
                link = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
                mtime = st.st_mtime_ns if dir_times or not stat.S_ISDIR(st.st_mode) else None
                found[path] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mode, mtime, link)
    return found


def _compare(ctx, func, args, kwargs, dir_times: bool):
    before = snapshot(ctx.workspace.parent, dir_times=dir_times)
    try:
        return func(*args, **kwargs)
    finally:  # also when func raised: a refusal must leave the disk as it was
        after = snapshot(ctx.workspace.parent, dir_times=dir_times)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"changed on disk: {changed}"


def unchanged_by(ctx, func, *args, **kwargs):
    """Run func; assert that nothing at all changed beside the workspace (trash included)."""
    return _compare(ctx, func, args, kwargs, dir_times=True)


def rolled_back(ctx, func, *args, **kwargs):
    """Run func; assert that it left every file as it was (folders' times may differ)."""
    return _compare(ctx, func, args, kwargs, dir_times=False)


@contextlib.contextmanager
def write_protected(folder: Path) -> Iterator[None]:
    """Make folder refuse changes to its entries (EPERM/EACCES), even for root.

    As a normal user chmod 0555 does it; root ignores modes, so there we set the
    immutable attribute with chattr +i, and skip (saying why) where that is impossible.
    """
    if os.geteuid() != 0:
        old = stat.S_IMODE(os.stat(folder).st_mode)
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(old)
        return
    done = subprocess.run(["chattr", "+i", "--", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        reason = f"running as root and chattr +i failed ({done.stderr.strip()}); cannot deny writes"
        print(reason)
        pytest.skip(reason)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", "--", str(folder)], check=True)


def spec(name: str):
    """The registered ActionSpec of an action, loaded as nlsh loads it."""
    return load_catalog(entry_points=False).actions.get(name)


def preview(ctx, name: str, **args):
    return spec(name).preview(ctx, **args)


def undo(ctx, name: str, result) -> str:
    return spec(name).undo(ctx, dict(result.undo))


def trash_of(ctx) -> Trash:
    return Trash(ctx.paths.trash)


def nonutf8(folder: Path, raw: bytes = b"r\xe9sum\xe9") -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))
    with open(path, "wb") as f:
        f.write(b"bytes " + raw)
    return path
