"""Safe building blocks for the file actions: no-replace renames, staged copies, tree sizes.

Nothing here overwrites: renames refuse an existing destination (atomically, with
renameat2's RENAME_NOREPLACE where the kernel has it), copies are made under a temporary
name beside their destination and renamed into place, and a copy that fails or is
cancelled removes what it made. Symbolic links are never followed: a link is copied,
moved or measured as the link itself.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

__all__ = [
    "Cancelled",
    "Rollback",
    "TreeStats",
    "copy_entry",
    "human_size",
    "move_entry",
    "remove_entry",
    "rename_noreplace",
    "staging_path",
    "tree_stats",
]

Tick = Callable[[int], None]
_CHUNK = 1 << 20
_AT_FDCWD = -100
_RENAME_NOREPLACE = 1


class Cancelled(Exception):
    """The person cancelled while a copy was under way; what it made has been removed."""


@dataclass
class TreeStats:
    """Counts and bytes under a path, without following symbolic links."""

    files: int = 0
    dirs: int = 0
    links: int = 0
    other: int = 0
    bytes: int = 0

    @property
    def entries(self) -> int:
        return self.files + self.dirs + self.links + self.other

    def add(self, other: "TreeStats") -> None:
        self.files += other.files
        self.dirs += other.dirs
        self.links += other.links
        self.other += other.other
        self.bytes += other.bytes


def tree_stats(path: str | os.PathLike[str]) -> TreeStats:
    """Count files, folders, links and bytes at and beneath path (links are not followed)."""
    stats = TreeStats()
    pending = [os.fspath(path)]
    while pending:
        current = pending.pop()
        try:
            st = os.lstat(current)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            stats.dirs += 1
            try:
                pending.extend(entry.path for entry in os.scandir(current))
            except OSError:
                pass
        elif stat.S_ISLNK(st.st_mode):
            stats.links += 1
        elif stat.S_ISREG(st.st_mode):
            stats.files += 1
            stats.bytes += st.st_size
        else:
            stats.other += 1
    return stats


def human_size(n: int) -> str:
    """Bytes as a person reads them: 512 B, 1.5 KiB, 3.0 MiB."""
    if n < 1024:
        return f"{n} B"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            break
    return f"{value:.1f} {unit}"


@functools.lru_cache(maxsize=1)
def _renameat2() -> Callable[..., int] | None:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def rename_noreplace(src: str | os.PathLike[str], dst: str | os.PathLike[str], *,
                     src_dir_fd: int | None = None, dst_dir_fd: int | None = None) -> None:
    """Rename src to dst; FileExistsError if dst exists. Never replaces anything.

    With src_dir_fd/dst_dir_fd, src and dst are names relative to those folders (renameat2).
    """
    func = _renameat2()
    sfd = _AT_FDCWD if src_dir_fd is None else src_dir_fd
    dfd = _AT_FDCWD if dst_dir_fd is None else dst_dir_fd
    if func is not None:
        import ctypes

        if func(sfd, os.fsencode(src), dfd, os.fsencode(dst), _RENAME_NOREPLACE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.ENOSYS, errno.EINVAL):
            raise OSError(err, os.strerror(err), os.fspath(src), None, os.fspath(dst))
    try:
        os.lstat(dst, dir_fd=dst_dir_fd)
    except FileNotFoundError:
        os.rename(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        return
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(dst))


def staging_path(dst: Path) -> Path:
    """A fresh hidden name beside dst, for building something before renaming it into place."""
    import secrets

    return dst.parent / f".nlsh-part-{secrets.token_hex(6)}"


def remove_entry(path: str | os.PathLike[str], *, dir_fd: int | None = None) -> None:
    """Remove a file, link or whole folder that nlsh itself made (links are not followed).

    With dir_fd, path is a name relative to that folder.
    """
    st = os.lstat(path, dir_fd=dir_fd)
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path, dir_fd=dir_fd)
    else:
        os.unlink(path, dir_fd=dir_fd)


def copy_entry(
    src: Path,
    dst: Path,
    *,
    tick: Tick | None = None,
    cancelled: threading.Event | None = None,
) -> None:
    """Copy a file, link or folder tree to dst, which must not exist; all or nothing.

    Links are copied as links, metadata (mode, times) is kept, FIFOs are recreated;
    devices and sockets are refused. tick(n) is called as bytes are copied; when
    `cancelled` is set the partial copy is removed and Cancelled is raised.
    """
    if os.path.lexists(dst):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(dst))
    staged = staging_path(dst)
    try:
        _copy_any(src, staged, tick or (lambda n: None), cancelled)
        rename_noreplace(staged, dst)
    except BaseException:
        if os.path.lexists(staged):
            remove_entry(staged)
        raise


def _check(cancelled: threading.Event | None) -> None:
    if cancelled is not None and cancelled.is_set():
        raise Cancelled("cancelled")


def _copy_any(src: Path, dst: Path, tick: Tick, cancelled: threading.Event | None) -> None:
    _check(cancelled)
    st = os.lstat(src)
    if stat.S_ISLNK(st.st_mode):
        os.symlink(os.readlink(src), dst)
        os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)
    elif stat.S_ISDIR(st.st_mode):
        os.mkdir(dst, 0o700)
        for name in sorted(os.listdir(src)):
            _copy_any(src / name, dst / name, tick, cancelled)
        shutil.copystat(src, dst, follow_symlinks=False)
    elif stat.S_ISREG(st.st_mode):
        _copy_file(src, dst, tick, cancelled)
        shutil.copystat(src, dst, follow_symlinks=False)
    elif stat.S_ISFIFO(st.st_mode):
        os.mkfifo(dst, stat.S_IMODE(st.st_mode))
    else:
        raise OSError(errno.EOPNOTSUPP, "cannot copy a device or socket", os.fspath(src))


def _copy_file(src: Path, dst: Path, tick: Tick, cancelled: threading.Event | None) -> None:
    flags_in = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    flags_out = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    with open(os.open(src, flags_in), "rb") as fin, open(os.open(dst, flags_out, 0o600), "wb") as fout:
        buffer = bytearray(_CHUNK)
        view = memoryview(buffer)
        while n := fin.readinto(buffer):
            _check(cancelled)
            fout.write(view[:n])
            tick(n)


def move_entry(
    src: Path,
    dst: Path,
    *,
    tick: Tick | None = None,
    cancelled: threading.Event | None = None,
    src_dir_fd: int | None = None,
    dst_dir_fd: int | None = None,
) -> None:
    """Move src to dst without replacing anything; across filesystems, copy then remove src.

    With src_dir_fd/dst_dir_fd, src and dst are names relative to those folders.
    """
    fds = {k: v for k, v in (("src_dir_fd", src_dir_fd), ("dst_dir_fd", dst_dir_fd)) if v is not None}
    try:
        rename_noreplace(src, dst, **fds)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        copy_entry(_through(src_dir_fd, src), _through(dst_dir_fd, dst), tick=tick, cancelled=cancelled)
        remove_entry(src, dir_fd=src_dir_fd)


def _through(dir_fd: int | None, name: str | os.PathLike[str]) -> Path:
    """A path that reaches name through the folder dir_fd holds (for the path-based copy)."""
    return Path(name) if dir_fd is None else Path(f"/proc/self/fd/{dir_fd}") / name


class Rollback:
    """Steps that revert what an action did so far, run newest first when it fails.

        with Rollback() as rollback:
            make_thing()
            rollback.add(lambda: remove_thing())
            ...   # an exception here runs remove_thing(), then re-raises

    A failing revert step does not stop the others; their errors are kept in `errors`,
    and the action then fails with an ActionFailed that says what could not be put back.
    """

    def __init__(self) -> None:
        self._steps: list[Callable[[], object]] = []
        self.errors: list[BaseException] = []

    def add(self, step: Callable[[], object]) -> None:
        self._steps.append(step)

    def run(self) -> None:
        while self._steps:
            step = self._steps.pop()
            try:
                step()
            except Exception as exc:  # keep reverting the rest
                self.errors.append(exc)

    def __enter__(self) -> "Rollback":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self._steps.clear()
            return False
        self.run()
        if self.errors:
            from ..errors import ActionFailed

            raise ActionFailed(
                f"{_describe(exc)}; putting things back failed too: {_describe(self.errors[0])}",
                hint="some changes may remain: check the paths named",
            ) from exc
        return False


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return getattr(exc, "message", None) or str(exc) or type(exc).__name__
